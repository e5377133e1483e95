#!/bin/sh
# The same file in two folders is read once (the other copy: a `duplicate`
# warning naming the first, counted in the summary); one 文号 with another
# text stays a document, keyed #2, with duplicate_of naming the first file.
# Shards merged give the single run's outputs byte for byte.
# usage: run_duplicates.sh FENGONG SOURCE_DIR WORK
set -eu
FENGONG=$1 SRC=$2 WORK=$3
rm -rf "$WORK" && mkdir -p "$WORK/in/a" "$WORK/in/b"
cd "$WORK"
SEED="$SRC/fixtures/seeds/002_355ce6cae6b0e9f2.txt"
cp "$SEED" in/a/x.txt
cp "$SEED" in/b/x.txt
cp "$SRC/fixtures/seeds/003_6741a91e15ed5b62.txt" in/b/y.txt
sed 's/各地方建立重点外贸企业/各地建立重点外贸企业/' "$SEED" > in/b/z.txt
fail() { echo "FAIL: $*"; exit 1; }
"$FENGONG" --format csv --summary s.json -o out in 2> diag.log || fail "exit status $?"
grep -q '^in/b/x.txt: warning: the same bytes as in/a/x.txt: a duplicate, left out \[duplicate\]$' diag.log \
    || fail "duplicate warning: $(cat diag.log)"
grep -q '"duplicates": 1,' s.json || fail "summary: $(cat s.json)"
[ "$(grep -c . out/documents.csv)" = 4 ] || fail "documents: $(cat out/documents.csv)"
grep -q '^"国办发〔2022〕18号","in/a/x.txt",.*,"","1","281039c9c2aac23c","4"$' out/documents.csv || fail "first copy"
# doc_seq counts the documents written: the left-out copy takes no number
grep -q '^"国办发〔2022〕18号#2","in/b/z.txt",.*,"in/a/x.txt","3","[0-9a-f]\{16\}","4"$' out/documents.csv || fail "duplicate_of"
! grep -q 'in/b/x.txt' out/assignments.csv || fail "the copy has rows"
for k in 1 2; do "$FENGONG" -q --format csv --shard $k/2 -o part$k in; done
"$FENGONG" merge -q --format csv -o merged part1 part2
for f in assignments.csv measures.csv documents.csv matrix.csv; do
    cmp -s out/$f merged/$f || fail "merge differs: $f"
done
# --dedupe: one document per 文号, the most attributed (the first of those)
sed 's/(各地方人民政府，商务部、工业和信息化部、人力资源社会保障部、交通运输部、国家卫生健康委按职责分工负责)//' \
    "$SEED" > in/a/w.txt # item 一 without its attribution: 14 attributed measures, not 15
"$FENGONG" --dedupe --format csv --summary s2.json -o dd in 2> dd.log || fail "--dedupe exit $?"
[ "$(grep -c '^"国办发〔2022〕18号' dd/documents.csv)" = 1 ] || fail "--dedupe documents: $(cat dd/documents.csv)"
grep -q '^"国办发〔2022〕18号","in/a/x.txt",' dd/documents.csv || fail "--dedupe kept: $(cat dd/documents.csv)"
grep -q '^in/a/w.txt: note: left out by --dedupe: in/a/x.txt has the same 文号' dd.log || fail "--dedupe note: $(cat dd.log)"
grep -q '"deduplicated": 3,' s2.json || fail "--dedupe summary: $(cat s2.json)"
"$FENGONG" --dedupe --shard 1/2 -o x in 2>/dev/null && fail "--dedupe with --shard accepted"
echo "duplicates: ok"
