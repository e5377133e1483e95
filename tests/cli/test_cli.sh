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

# a path named on the command line that does not exist (a typo): a usage
# error before anything is read, and nothing written
expect_status 2 "missing input named" "$FG" -o "$T/o0" "$SEED" "$T/nope.tx"
has "$T/stderr" "fengong: no such file or folder: $T/nope.tx" "the typo named"
[ ! -e "$T/o0" ] && ok || ko "nothing written for a typo"
mkdir "$T/cwd"
expect_status 2 "a typo for a command" sh -c 'cd "$1" && "$2" hlep' - "$T/cwd" "$FG"
[ ! -e "$T/cwd/out" ] && ok || ko "fengong hlep created ./out"

# a good document beside a missing one listed in --files-from: exit 1, the
# good one written
echo "$T/nope.txt" >"$T/nope.list"
expect_status 1 "missing input" "$FG" -o "$T/o1" "$SEED" --files-from "$T/nope.list"
has "$T/stderr" "nope.txt: error: cannot open: No such file or directory \[read-failed\]" "read-failed"
has "$T/o1/documents.csv" "国办发〔2022〕18号" "good document written"
if grep -q nope "$T/o1/documents.csv"; then ko "failed input listed"; else ok; fi
[ "$(grep -c . "$T/o1/measures.csv")" = 16 ] && ok || ko "15 measures written"

# --max-document-size: a larger document is an error of that document, the
# rest of the batch goes on (a 216 MB document needed 4.3 GB, and running
# out of memory aborted the whole batch)
head -c 3000000 /dev/zero | tr '\0' 'a' > "$T/big.txt"
expect_status 1 "too large" "$FG" -q --max-document-size 1M -o "$T/big" "$T/big.txt" "$SEED"
has "$T/stderr" "big.txt: error: the file is larger than --max-document-size (1 MB): skipped \[too-large\]" "too-large named"
has "$T/big/documents.csv" "国办发〔2022〕18号" "the rest of the batch written"
expect_status 2 "bad size" "$FG" --max-document-size 2X "$SEED"

# a named pipe with no writer (a listed file swapped for one after the walk):
# opening it blocked for ever; it now reads as an empty file
mkfifo "$T/pipe.txt"
expect_status 0 "a pipe without a writer" timeout 60 "$FG" -o "$T/pipe" "$T/pipe.txt" "$SEED"
has "$T/stderr" "pipe.txt: warning: the file is empty" "the pipe read as empty"

# binary input: not-text, skipped
printf 'GIF89a\0\0\1' > "$T/image.txt"
expect_status 1 "binary input" "$FG" -q -o "$T/o2" "$T/image.txt" "$SEED"
has "$T/stderr" "not-text" "binary reported"

# --format csv writes no workbook; xlsx alone writes no CSV
expect_status 0 "csv only" "$FG" -q --format csv -o "$T/o3" "$SEED"
[ -f "$T/o3/matrix.csv" ] && [ ! -e "$T/o3/matrix.xlsx" ] && ok || ko "--format csv"
expect_status 0 "xlsx only" "$FG" -q --format xlsx -o "$T/o4" "$SEED"
[ -f "$T/o4/matrix.xlsx" ] && [ ! -e "$T/o4/matrix.csv" ] && ok || ko "--format xlsx"
[ -z "$(ls -A "$T/o4" | grep -v -e '^matrix.xlsx$' -e '^.fengong.lock$')" ] && ok || ko "no temporary files left"

# folders: recursive, only the document extensions (.txt .html .htm .md .docx
# .pdf .doc .wps), in byte order
mkdir -p "$T/in/b" "$T/in/a"
cp "$SEED" "$T/in/b/z.txt"
cp "$SRC/fixtures/seeds/003_6741a91e15ed5b62.txt" "$T/in/a/y.md"
echo "一、甲。（商务部负责）" > "$T/in/a/x.jpg"
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

# one 文号 with two texts: the second keeps its rows apart and names the first
sed 's/各地方建立重点外贸企业/各地建立重点外贸企业/' "$SEED" > "$T/reprint.txt"
expect_status 0 "duplicate key" "$FG" -o "$T/o6" "$SEED" "$T/reprint.txt"
has "$T/stderr" "duplicate-document" "duplicate warned"
has "$T/o6/documents.csv" "国办发〔2022〕18号#2" "second key suffixed"
has "$T/o6/documents.csv" "reprint.txt\",.*,\"$SEED\",\"2\",\"[0-9a-f]*\",\"4\"\$" "duplicate_of names the first"
# the same file twice: read once
expect_status 0 "same file twice" "$FG" -o "$T/o6b" "$SEED" "$SEED"
has "$T/stderr" "a duplicate, left out \[duplicate\]" "byte-identical copy warned"
[ "$(grep -c '^"国办发' "$T/o6b/documents.csv")" = 1 ] && ok || ko "same file twice: $(cat "$T/o6b/documents.csv")"

# two empty files are byte-identical too: one document, one doc_id (the
# database's primary key), the second a duplicate
mkdir "$T/empties" && : > "$T/empties/a.txt" && : > "$T/empties/b.txt"
expect_status 0 "two empty files" "$FG" --format csv,sqlite -o "$T/o6e" "$T/empties"
has "$T/stderr" "b.txt: warning: the same bytes as .*a.txt: a duplicate, left out \[duplicate\]" "second empty file a duplicate"
[ -s "$T/o6e/fengong.sqlite" ] && ok || ko "database written with two empty files"

# outputs that cannot be written: exit 2, message names the file
touch "$T/file"
expect_status 2 "output folder is a file" "$FG" -o "$T/file" "$SEED"
has "$T/stderr" "fengong: error: cannot create" "unwritable output reported"
expect_status 2 "output folder under a file" "$FG" -o "$T/file/sub" "$SEED"

# an empty inbox leaves the last outputs as they were, exit 1; with
# --allow-empty: empty outputs with headers
mkdir "$T/empty"
expect_status 0 "a good run" "$FG" -q -o "$T/o7" "$SEED"
cp "$T/o7/assignments.csv" "$T/good.csv"
expect_status 1 "empty folder" "$FG" -q -o "$T/o7" "$T/empty"
has "$T/stderr" "no document was read (0 inputs): the outputs in $T/o7 are left as they were" "empty run said"
cmp -s "$T/o7/assignments.csv" "$T/good.csv" && ok || ko "an empty run kept the good outputs"
[ -z "$(ls -A "$T/o7" | grep tmp)" ] && ok || ko "no temporary files after an empty run"
printf 'GIF89a\0\0\1' > "$T/empty2.txt"
expect_status 1 "nothing readable" "$FG" -q -o "$T/o7" "$T/empty2.txt"
cmp -s "$T/o7/assignments.csv" "$T/good.csv" && ok || ko "an unreadable-only run kept the good outputs"
expect_status 0 "empty folder allowed" "$FG" -q --allow-empty -o "$T/o7" "$T/empty"
[ "$(cat "$T/o7/assignments.csv")" = '"document","file","measure","heading","agency","agency_written","role","role_zh","open_list","deadline","line","column","implicit","inherited","doc_seq","seq","agency_seq","agency_order","doc_id","deadline_source","deadline_date","page"' ] \
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
# the registry: `fengong agencies` prints it as CSV, a header and one
# row of ten quoted fields per body; read back with --agencies it is the same
expect_status 0 "agencies" "$FG" agencies
cp "$T/stdout" "$T/agencies.csv"
[ "$(head -n 1 "$T/agencies.csv")" = '"name","full_name","category","order","parent","valid_from","valid_to","successor","aliases","local"' ] \
    && ok || ko "agencies header: $(head -n 1 "$T/agencies.csv")"
rows=$(grep -c . "$T/agencies.csv")
[ "$rows" -gt 170 ] && ok || ko "agencies: only $rows lines"
[ "$(grep -c '^"[^"]*"\(,"[^"]*"\)\{9\}$' "$T/agencies.csv")" = "$rows" ] && ok || ko "agencies: rows of ten fields"
has "$T/agencies.csv" '^"国家发展改革委","国家发展和改革委员会","国务院组成部门","120"' "agencies row"
has "$T/agencies.csv" '^"银保监会",.*,"2018-04-08","2023-05-18","金融监管总局",' "agencies successor"
expect_status 0 "agencies round trip" "$FG" --agencies "$T/agencies.csv" agencies
cmp -s "$T/stdout" "$T/agencies.csv" && ok || ko "agencies round trip differs"
expect_status 2 "agencies with a path" "$FG" agencies "$SEED"
has "$T/stderr" "'agencies' takes no paths" "agencies usage"
[ ! -s "$T/stdout" ] && ok || ko "agencies usage error printed to stdout"
expect_status 0 "--help" "$FG" --help
has "$T/stdout" "--agencies FILE" "--help lists --agencies"
has "$T/stdout" "--current-names" "--help lists --current-names"

# --agencies FILE: a province adds its own bureau, which then resolves
mkdir -p "$T/loc"
cat > "$T/loc/plan.txt" <<'DOC'
江西省人民政府办公厅关于印发某方案的通知
赣府厅发〔2023〕9号
现提出以下措施：
一、甲。（牵头单位：省大数据中心；责任单位：省发展改革委、省财政厅）
江西省人民政府办公厅
2023年5月6日
DOC
printf 'name,category,order,aliases\n省大数据中心,地方,100925,江西省大数据中心\n' > "$T/mine.csv"
expect_status 0 "without --agencies" "$FG" --format csv -o "$T/r8" "$T/loc/plan.txt"
has "$T/stderr" "unknown agency “省大数据中心”" "unknown without the file"
expect_status 0 "--agencies" "$FG" --format csv --agencies "$T/mine.csv" -o "$T/r9" "$T/loc/plan.txt"
if grep -q agency-unknown "$T/stderr"; then ko "--agencies: still unknown"; else ok; fi
# its order 100925 places it among the provincial units, after 省数据局 (100920)
[ "$(head -n 1 "$T/r9/matrix.csv")" = '"document","measure","heading","省发展改革委","省财政厅","省大数据中心"' ] \
    && ok || ko "--agencies column order: $(head -n 1 "$T/r9/matrix.csv")"
has "$T/r9/documents.csv" '"provincial","[^"]*","[^"]*","[^"]*","[0-9]*","[0-9a-f]*","[0-9]*"$' "provincial level"
# a bad row: exit 2, the message names the file and the line
printf 'name,category,order\n# c\n甲,部门,10\n' > "$T/bad.csv"
expect_status 2 "bad --agencies row" "$FG" --agencies "$T/bad.csv" -o "$T/r10" "$SEED"
has "$T/stderr" "fengong: error: $T/bad.csv:3: unknown category “部门”" "bad row names FILE:LINE"
[ ! -e "$T/r10/matrix.csv" ] && ok || ko "nothing written after a bad --agencies file"
expect_status 2 "missing --agencies file" "$FG" --agencies "$T/none.csv" agencies
has "$T/stderr" "cannot open $T/none.csv" "missing --agencies file named"
# a body that is its own parent, and a NUL inside a name (it cut the name
# silently): both accepted before
printf 'name,category,order,parent\n甲局,部委管理的国家局,900001,甲局\n' > "$T/self.csv"
expect_status 2 "own parent" "$FG" --agencies "$T/self.csv" agencies
has "$T/stderr" "fengong: error: $T/self.csv:2: 甲局 is its own parent" "own parent named"
printf 'name,category,order\n\n甲\000局,地方,900001\n' > "$T/nul.csv"
expect_status 2 "NUL in --agencies" "$FG" --agencies "$T/nul.csv" agencies
has "$T/stderr" "fengong: error: $T/nul.csv:3: a NUL character: not a CSV text file" "NUL named"

# --current-names: a 2020 document naming 银保监会 lines up with 2023 ones
expect_status 0 "names as written" "$FG" -q --format csv -o "$T/r11" "$SRC/fixtures/seeds/003_6741a91e15ed5b62.txt"
has "$T/r11/assignments.csv" '"银保监会","银保监会"' "银保监会 kept by default"
expect_status 0 "--current-names" "$FG" -q --format csv --current-names -o "$T/r12" "$SRC/fixtures/seeds/003_6741a91e15ed5b62.txt"
has "$T/r12/assignments.csv" '"金融监管总局","银保监会"' "银保监会 → 金融监管总局, written kept"
if grep -q '"银保监会","银保监会"' "$T/r12/assignments.csv"; then ko "--current-names left 银保监会"; else ok; fi
has "$T/r12/matrix.csv" '^"document","measure","heading",.*"金融监管总局"' "matrix column renamed"
expect_status 0 "--current-names=document" "$FG" -q --format csv --current-names=document -o "$T/r13" "$SRC/fixtures/seeds/003_6741a91e15ed5b62.txt"
has "$T/r13/assignments.csv" '"银保监会","银保监会"' "银保监会 existed on the document's date"
expect_status 0 "--current-names=DATE" "$FG" -q --format csv --current-names=2023-06-01 -o "$T/r14" "$SRC/fixtures/seeds/003_6741a91e15ed5b62.txt"
has "$T/r14/assignments.csv" '"金融监管总局","银保监会"' "as of 2023-06-01"
expect_status 2 "--current-names=bad" "$FG" --current-names=yesterday "$SEED"
has "$T/stderr" "YYYY-MM-DD or 'document'" "bad --current-names date"

# an unknown name: kept as written, with the nearest known name suggested
echo "一、甲。（商物部、财政部负责）" > "$T/typo.txt"
expect_status 0 "typo" "$FG" --format csv -o "$T/r15" "$T/typo.txt"
has "$T/stderr" "typo.txt:1:6: warning: unknown agency “商物部”: kept as written in its own column; did you mean “商务部”? \[agency-unknown\]" "suggestion"
[ "$(head -n 1 "$T/r15/matrix.csv")" = '"document","measure","heading","财政部","商物部"' ] \
    && ok || ko "unknown after the known: $(head -n 1 "$T/r15/matrix.csv")"

echo "test_cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
