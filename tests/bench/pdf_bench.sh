#!/bin/sh
# PDF reading speed (a benchmark, not part of ctest): the whole process over
# the real 13-page PDF fixtures/real/found/f11.pdf (重庆 渝府办发〔2025〕42号),
# best of five, against the goal of under 100 ms for a 10-page PDF.
# Usage: tests/bench/pdf_bench.sh [FENGONG]
set -eu
FG=${1:-build/fengong}
HERE=$(dirname "$0")
PDF=$HERE/../../fixtures/real/found/f11.pdf
T=$(mktemp -d "${TMPDIR:-/tmp}/fengong-pdf.XXXXXX")
trap 'rm -rf "$T"' EXIT
best=
for _ in 1 2 3 4 5; do
    /usr/bin/time -f %e -o "$T/t" "$FG" -q --format csv -o "$T/out" "$PDF"
    t=$(cat "$T/t")
    best=$(echo "$t $best" | awk '{ print ($2 == "" || $1 < $2) ? $1 : $2 }')
done
echo "13-page PDF, whole process: best of 5 $best s (goal: under 0.1 s for 10 pages)"
