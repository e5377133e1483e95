#!/bin/sh
# Peak memory and time of a run over 100,000 measures × 150 agencies,
# CSV only and CSV + XLSX. Not part of ctest: figures, not assertions.
# Usage: tests/bench/xlsx_large.sh [FENGONG] [MEASURES]
set -eu
FG=${1:-build/fengong}
N=${2:-100000}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
python3 "$(dirname "$0")/gen_large.py" "$N" "$T/large.txt"
echo "input: $N measures, $(du -h "$T/large.txt" | cut -f1)"
for fmt in csv csv,xlsx; do
    /usr/bin/time -f "%e s, peak RSS %M KiB" -o "$T/time" "$FG" -q --format "$fmt" -o "$T/out" "$T/large.txt"
    echo "--format $fmt: $(cat "$T/time"); matrix.xlsx $(du -h "$T/out/matrix.xlsx" 2>/dev/null | cut -f1)"
    rm -rf "$T/out"
done
