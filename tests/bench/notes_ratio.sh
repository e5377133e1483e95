#!/bin/sh
# Scaling benchmark for the per-measure notes (备注): documents of N and 4N
# back-to-back attributions (each a measure with empty text and a warning)
# must take at most 5 times as long, as a linear pass does. The notes once
# scanned every diagnostic for every measure: 20k/40k/80k/160k attributions
# took 0.72/2.5/9.4/39.7 s. A ratio, not a timed test; exits 1 when it
# fails. Usage: tests/bench/notes_ratio.sh [FENGONG] [N]
set -eu
FG=${1:-build/fengong}
N=${2:-20000}
T=$(mktemp -d "${TMPDIR:-/tmp}/fengong-notes.XXXXXX")
trap 'rm -rf "$T"' EXIT
gen() { # count, file
    { printf '一、加强管理。（商务部负责）\n'
      i=0; while [ $i -lt "$1" ]; do printf '（财政部负责）\n'; i=$((i + 1)); done; } >"$2"
}
gen "$N" "$T/small.txt"
gen $((4 * N)) "$T/large.txt"
best() { # file: the fastest of three runs, in seconds
    b=
    for _ in 1 2 3; do
        /usr/bin/time -f %e -o "$T/t" "$FG" -q -j 1 -o "$T/out" "$1" 2>/dev/null || true
        t=$(cat "$T/t")
        b=$(echo "$t $b" | awk '{ print ($2 == "" || $1 < $2) ? $1 : $2 }')
    done
    echo "$b"
}
small=$(best "$T/small.txt")
large=$(best "$T/large.txt")
ratio=$(echo "$small $large" | awk '{ printf "%.2f", $2 / ($1 > 0.01 ? $1 : 0.01) }')
echo "notes: $N attributions in $small s, $((4 * N)) in $large s: ratio $ratio (at most 5)"
echo "$ratio" | awk '{ exit !($1 <= 5) }'
