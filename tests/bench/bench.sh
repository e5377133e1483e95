#!/bin/sh
# Batch benchmark (not part of ctest: it reports figures, asserts nothing).
# Generates a deterministic corpus of 5,000 documents (77 MB: plain text,
# HTML with inline spans, Markdown) from the fixtures' measures, then times
# CSV-only and CSV+XLSX runs at -j 1 and -j 2 with /usr/bin/time (wall time,
# MB/s, documents/s, peak RSS), and the floor: ripgrep (or grep) extracting
# the bracketed …负责） spans from the same corpus.
# Usage: tests/bench/bench.sh [FENGONG] [DOCUMENTS] [OUT_PARENT]
set -eu
FG=${1:-build/fengong}
N=${2:-5000}
PARENT=${3:-${TMPDIR:-/tmp}}
HERE=$(dirname "$0")
T=$(mktemp -d "$PARENT/fengong-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
python3 "$HERE/gen_corpus.py" "$HERE/../../fixtures" "$T/corpus" "$N"
MB=$(du -sm --apparent-size "$T/corpus" | cut -f1)
cat "$T"/corpus/*/* > /dev/null # warm the page cache
if command -v rg > /dev/null; then
    FLOOR="rg -o [（(][^（）()]*负责[）)] $T/corpus"
else
    FLOOR="grep -rhoP [（(][^（）()]*负责[）)] $T/corpus"
fi
/usr/bin/time -f "%e" -o "$T/t" $FLOOR > "$T/floor.out"
floor=$(cat "$T/t")
echo "corpus: $N documents, $MB MB; floor (${FLOOR%% *}, $(wc -l < "$T/floor.out") spans): $floor s"
printf '%-10s %-4s %8s %8s %10s %10s %9s\n' format jobs seconds MB/s docs/s "peak RSS" "x floor"
for fmt in csv csv,xlsx; do
    for j in 1 2; do
        /usr/bin/time -f "%e %M" -o "$T/t" "$FG" -q -j "$j" --format "$fmt" -o "$T/out" "$T/corpus"
        read -r s rss < "$T/t"
        awk -v f="$fmt" -v j="$j" -v s="$s" -v mb="$MB" -v n="$N" -v r="$rss" -v fl="$floor" \
            'BEGIN { printf "%-10s %-4s %8.2f %8.1f %10.0f %7.1f MB %9.1f\n", f, j, s, mb / s, n / s, r / 1024, s / fl }'
        rm -rf "$T/out"
    done
done
