#!/bin/sh
# Scaling benchmark for loading --agencies: files of N and 4N rows must take
# at most 5 times as long (the duplicate-name check once scanned every row
# for each row: 1M rows took about 35 minutes). A ratio, not a timed test;
# exits 1 when it fails. Usage: tests/bench/agencies_ratio.sh [FENGONG] [N]
set -eu
FG=${1:-build/fengong}
N=${2:-100000}
T=$(mktemp -d "${TMPDIR:-/tmp}/fengong-agencies.XXXXXX")
trap 'rm -rf "$T"' EXIT
gen() { # rows, file
    awk -v n="$1" 'BEGIN { print "name,category,order";
        for (i = 0; i < n; i++) printf "试点%07d局,地方,%d\n", i, 900000 + i }' >"$2"
}
gen "$N" "$T/small.csv"
gen $((4 * N)) "$T/large.csv"
best() { # file
    b=
    for _ in 1 2 3; do
        /usr/bin/time -f %e -o "$T/t" "$FG" --agencies "$1" agencies >/dev/null
        t=$(cat "$T/t")
        b=$(echo "$t $b" | awk '{ print ($2 == "" || $1 < $2) ? $1 : $2 }')
    done
    echo "$b"
}
small=$(best "$T/small.csv")
large=$(best "$T/large.csv")
ratio=$(echo "$small $large" | awk '{ printf "%.2f", $2 / ($1 > 0.01 ? $1 : 0.01) }')
echo "--agencies: $N rows in $small s, $((4 * N)) in $large s: ratio $ratio (at most 5)"
echo "$ratio" | awk '{ exit !($1 <= 5) }'
