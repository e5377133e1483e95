#!/bin/sh
# Runs fengong over the documents of one fixtures/real folder and scores its
# assignments against their gold (tests/real/score.py). Fails when F1 drops
# below MIN_F1, the value recorded in tests/CMakeLists.txt.
# usage: run_real.sh FENGONG DIR MIN_F1 WORK
set -eu
fengong=$1 dir=$2 min=$3 work=$4
here=$(dirname "$0")
rm -rf "$work" && mkdir -p "$work"
ls "$dir" | grep -v -e '\.tsv$' -e '^SOURCES' | sed "s|^|$dir/|" >"$work/inputs"
"$fengong" -q --format csv -o "$work" --files-from "$work/inputs" || true
[ -f "$work/assignments.csv" ] || { echo "FAIL: fengong wrote no assignments.csv" >&2; exit 1; }
"${PYTHON3:-python3}" "$here/score.py" --min-f1 "$min" "$dir" "$work/assignments.csv"
