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

# --encoding: documented, unknown names are usage errors, known ones read
expect_status 0 "--help" "$FG" --help
has "$T/stdout" "--encoding NAME" "--help lists --encoding"
expect_status 2 "unknown encoding" "$FG" --encoding klingon-8 -o "$T/oe" "$SEED"
has "$T/stderr" "unknown encoding 'klingon-8'" "unknown encoding named"
has "$T/stderr" "Try 'fengong --help'" "unknown encoding is a usage error"
[ ! -e "$T/oe" ] && ok || ko "no output folder for a usage error"
printf '\xd2\xbb\xa1\xa2\xbc\xd7\xa1\xa3\xa3\xa8\xc9\xcc\xce\xf1\xb2\xbf\xb8\xba\xd4\xf0\xa3\xa9\n' > "$T/gbk.txt" # 一、甲。（商务部负责）
expect_status 0 "forced GBK" "$FG" --encoding gbk -o "$T/og" "$T/gbk.txt"
has "$T/og/assignments.csv" '"商务部","商务部","responsible"' "GBK read when forced"
expect_status 0 "detected GBK" "$FG" -o "$T/og2" "$T/gbk.txt"
has "$T/og2/assignments.csv" '"商务部","商务部","responsible"' "GBK detected"
has "$T/stderr" "read as GB18030 (GBK)" "detection is noted"
expect_status 0 "forced GB2312" "$FG" --encoding GB2312 -o "$T/og3" "$T/gbk.txt"
if grep -q "\[encoding\]" "$T/stderr"; then ko "forced encoding: no note"; else ok; fi

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

# symbolic links back up the tree: every folder is walked once
mkdir -p "$T/loop/sub"
cp "$SEED" "$T/loop/sub/a.txt"
ln -s .. "$T/loop/sub/up"
ln -s . "$T/loop/sub/self"
ln -s sub "$T/loop/again"
expect_status 0 "symlink loops" "$FG" -q -o "$T/ol" "$T/loop"
[ "$(grep -c '^"国办发' "$T/ol/documents.csv")" = 1 ] && ok || ko "symlink loops: $(cat "$T/ol/documents.csv")"

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

echo "test_cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
