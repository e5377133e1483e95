#!/bin/sh
# A hard-wrapped plain-text copy of seed 002 (lines cut every 38
# characters, as a PDF gives them; with "furniture", page numbers and a
# running head on every page) gives the same assignments and measures as
# the seed, apart from file, line and column.
# usage: run_wrapped.sh FENGONG PYTHON SOURCE_DIR WORK [furniture]
set -eu
FENGONG=$1 PY=$2 SRC=$3 WORK=$4 MODE=${5:-}
rm -rf "$WORK" && mkdir -p "$WORK"
SEED="$SRC/fixtures/seeds/002_355ce6cae6b0e9f2.txt"
"$PY" "$SRC/tests/layout/wrap_seed.py" "$SEED" "$WORK/002-wrapped.txt" 38 $MODE
"$FENGONG" -q --format csv -o "$WORK/seed" "$SEED"
"$FENGONG" -q --format csv -o "$WORK/wrapped" "$WORK/002-wrapped.txt"
# drop file (2), line and column (last three of assignments), line (last of measures)
strip_a() { "$PY" -c 'import csv,sys
for r in csv.reader(open(sys.argv[1], encoding="utf-8")): print(r[:1] + r[2:10] + r[12:])' "$1"; }
strip_m() { "$PY" -c 'import csv,sys
for r in csv.reader(open(sys.argv[1], encoding="utf-8")): print(r[:1] + r[2:7])' "$1"; }
strip_a "$WORK/seed/assignments.csv" > "$WORK/a0"
strip_a "$WORK/wrapped/assignments.csv" > "$WORK/a1"
strip_m "$WORK/seed/measures.csv" > "$WORK/m0"
strip_m "$WORK/wrapped/measures.csv" > "$WORK/m1"
diff "$WORK/a0" "$WORK/a1" && diff "$WORK/m0" "$WORK/m1"
n=$(wc -l < "$WORK/a0")
[ "$n" -gt 80 ] || { echo "too few rows: $n"; exit 1; }
echo "wrapped copy ($MODE): $n assignment rows as the seed's"
