#!/usr/bin/env bash
# Command-line behaviour: help, version, usage errors, exit statuses,
# folders, formats, unreadable inputs and unwritable outputs.
# Usage: test_cli.sh FENGONG SOURCE_DIR
set -u
FG=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
expect_status() { # expected, description, command...
    local want=$1 what=$2; shift 2
    "$@" >"$T/stdout" 2>"$T/stderr"; local got=$?
    if [ "$got" = "$want" ]; then ok; else ko "$what: exit $got, expected $want"; cat "$T/stderr" >&2; fi
}
has() { # file, pattern, description
    if grep -q -- "$2" "$1"; then ok; else ko "$3: '$2' not in $1"; fi
}

SEED="$SRC/fixtures/seeds/002_355ce6cae6b0e9f2.txt"

expect_status 0 "--help" "$FG" --help
has "$T/stdout" "Usage: fengong" "--help prints usage"
has "$T/stdout" "Exit status" "--help lists exit codes"
expect_status 0 "--version" "$FG" --version
has "$T/stdout" "^fengong [0-9]" "--version"
expect_status 2 "no input" "$FG"
has "$T/stderr" "no input" "no input message"
expect_status 2 "unknown option" "$FG" --bogus "$SEED"
has "$T/stderr" "unknown option --bogus" "unknown option message"
expect_status 2 "bad format" "$FG" --format pdf "$SEED"
has "$T/stderr" "format" "bad format message"
expect_status 2 "missing -o value" "$FG" "$SEED" -o

# a good document beside a missing one: exit 1, the good one written
expect_status 1 "missing input" "$FG" -o "$T/o1" "$SEED" "$T/nope.txt"
has "$T/stderr" "nope.txt: error: cannot open: No such file or directory \[read-failed\]" "read-failed"
has "$T/o1/documents.csv" "国办发〔2022〕18号" "good document written"
if grep -q nope "$T/o1/documents.csv"; then ko "failed input listed"; else ok; fi
[ "$(grep -c . "$T/o1/measures.csv")" = 16 ] && ok || ko "15 measures written"

# binary input: not-text, skipped
printf 'GIF89a\0\0\1' > "$T/image.txt"
expect_status 1 "binary input" "$FG" -q -o "$T/o2" "$T/image.txt" "$SEED"
has "$T/stderr" "not-text" "binary reported"

# --format csv writes no workbook; xlsx alone writes no CSV
expect_status 0 "csv only" "$FG" -q --format csv -o "$T/o3" "$SEED"
[ -f "$T/o3/matrix.csv" ] && [ ! -e "$T/o3/matrix.xlsx" ] && ok || ko "--format csv"
expect_status 0 "xlsx only" "$FG" -q --format xlsx -o "$T/o4" "$SEED"
[ -f "$T/o4/matrix.xlsx" ] && [ ! -e "$T/o4/matrix.csv" ] && ok || ko "--format xlsx"
[ -z "$(ls -A "$T/o4" | grep -v '^matrix.xlsx$')" ] && ok || ko "no temporary files left"

# folders: recursive, only .txt .html .htm .md, in byte order
mkdir -p "$T/in/b" "$T/in/a"
cp "$SEED" "$T/in/b/z.txt"
cp "$SRC/fixtures/seeds/003_6741a91e15ed5b62.txt" "$T/in/a/y.md"
echo "一、甲。（商务部负责）" > "$T/in/a/x.pdf"
expect_status 0 "folder" "$FG" -q -o "$T/o5" "$T/in"
[ "$(cut -d, -f2 "$T/o5/documents.csv" | tail -n +2 | tr '\n' ' ')" = "\"$T/in/a/y.md\" \"$T/in/b/z.txt\" " ] \
    && ok || ko "folder order and filter: $(cut -d, -f2 "$T/o5/documents.csv" | tr '\n' ' ')"

# the same document twice: the second keeps its rows apart
expect_status 0 "duplicate key" "$FG" -o "$T/o6" "$SEED" "$SEED"
has "$T/stderr" "duplicate-document" "duplicate warned"
has "$T/o6/documents.csv" "国办发〔2022〕18号#2" "second key suffixed"

# outputs that cannot be written: exit 2, message names the file
touch "$T/file"
expect_status 2 "output folder is a file" "$FG" -o "$T/file" "$SEED"
has "$T/stderr" "fengong: error: cannot create" "unwritable output reported"
expect_status 2 "output folder under a file" "$FG" -o "$T/file/sub" "$SEED"

# an empty folder is not an error: empty outputs with headers
mkdir "$T/empty"
expect_status 0 "empty folder" "$FG" -q -o "$T/o7" "$T/empty"
[ "$(cat "$T/o7/assignments.csv")" = '"document","file","measure","heading","agency","agency_written","role","role_zh","open_list","deadline","line","column"' ] \
    && ok || ko "assignments header"

# --excel-csv: BOM, CRLF, formula guard; the default stays plain
printf '一、=HYPERLINK("x")甲。（商务部负责）\n二、+乙。（财政部负责）\n' > "$T/formula.txt"
expect_status 0 "excel csv" "$FG" -q --excel-csv --format csv -o "$T/o8" "$T/formula.txt"
[ "$(head -c 3 "$T/o8/measures.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] && ok || ko "BOM"
[ "$(head -n 1 "$T/o8/measures.csv" | tail -c 2 | od -An -tx1 | tr -d ' ')" = 0d0a ] && ok || ko "CRLF"
has "$T/o8/measures.csv" '"'"'"'=HYPERLINK' "formula guarded"
has "$T/o8/measures.csv" '"'"'"'+乙' "plus guarded"
expect_status 0 "plain csv" "$FG" -q --format csv -o "$T/o9" "$T/formula.txt"
[ "$(head -c 1 "$T/o9/measures.csv")" = '"' ] && ok || ko "no BOM by default"
if grep -q $'\r' "$T/o9/measures.csv"; then ko "no CR by default"; else ok; fi
has "$T/o9/measures.csv" '"=HYPERLINK' "no guard by default"
expect_status 2 "bad --lang" "$FG" --lang fr "$SEED"

# a measure longer than an Excel cell: cut in the workbook, whole in the CSV
{ printf '一、甲。'; head -c 40000 /dev/zero | tr '\0' 'x'; printf '（商务部负责）\n'; } > "$T/long.txt"
expect_status 0 "long measure" "$FG" -o "$T/o10" "$T/long.txt"
has "$T/stderr" "long.txt:1:1: warning: measure 一 is longer than an Excel cell holds" "truncation warned"
has "$T/stderr" "\[xlsx-truncated\]" "truncation code"
[ "$(grep -o x "$T/o10/measures.csv" | wc -l)" -ge 40000 ] && ok || ko "CSV keeps the whole text"

# SOURCE_DATE_EPOCH fixes the workbook's time: same bytes from two runs
SOURCE_DATE_EPOCH=1700000000 "$FG" -q -o "$T/o11" "$SEED" && \
SOURCE_DATE_EPOCH=1700000000 "$FG" -q -o "$T/o12" "$SEED" && \
cmp -s "$T/o11/matrix.xlsx" "$T/o12/matrix.xlsx" && ok || ko "SOURCE_DATE_EPOCH reproducible"
unzip -p "$T/o11/matrix.xlsx" docProps/core.xml | grep -q '2023-11-14T22:13:20Z' && ok || ko "SOURCE_DATE_EPOCH used"

echo "test_cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
