#!/usr/bin/env bash
# One hostile input in a batch beside a good document (seed 002). Checks
# that the good document's rows are exactly its golden rows, that the
# hostile one gets its stated outcome, and the exit status. ctest gives
# every case a TIMEOUT; the time taken is printed.
#
# Usage: run_hostile.sh CASE FENGONG GEN_HOSTILE CSV_ROWS INJECT_SO SOURCE_DIR WORK
set -u
CASE=$1 FG=$2 GEN=$3 ROWS=$4 INJECT=$5 SRC=$6 W=$7
GOOD=fixtures/seeds/002_355ce6cae6b0e9f2.txt
GOOD_KEY='国办发〔2022〕18号'
EXP=$SRC/fixtures/expected/002_355ce6cae6b0e9f2
chmod -R u+rwX "$W" 2>/dev/null # a locked folder left by a failed run
rm -rf "$W"
mkdir -p "$W/in"
trap 'chmod -R u+rwX "$W" 2>/dev/null' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL [$CASE]: $*" >&2; }
has() { if grep -q -- "$1" "$W/stderr"; then ok; else ko "stderr lacks: $1"; fi; }
lacks() { if grep -q -- "$1" "$W/stderr"; then ko "stderr has: $1"; else ok; fi; }
count_is() { # want, what, csv, where...
    local want=$1 what=$2 csv=$3; shift 3
    local got; got=$("$ROWS" "$csv" "$@" --count)
    [ "$got" = "$want" ] && ok || ko "$what: $got rows, expected $want"
}

# Runs fengong from the source folder (so the good document's file column
# is the golden one) on the good document and the given inputs.
run() { # expected-status, inputs...
    local want=$1; shift
    local t0 t1
    t0=$(date +%s.%N)
    (cd "$SRC" && "$FG" -o "$W/out" "$GOOD" "$@") >"$W/stdout" 2>"$W/stderr"
    status=$?
    t1=$(date +%s.%N)
    echo "[$CASE] fengong exit $status in $(echo "$t1 - $t0" | bc) s"
    [ "$status" = "$want" ] && ok || { ko "exit $status, expected $want"; tail -5 "$W/stderr" >&2; }
}

# The good document's rows, as in its golden files.
good_unchanged() {
    for f in assignments measures documents; do
        if diff <("$ROWS" "$EXP/$f.csv" --where "file=$GOOD") \
                <("$ROWS" "$W/out/$f.csv" --where "file=$GOOD") >"$W/diff" 2>&1; then
            ok
        else
            ko "good document's $f.csv rows changed"; head -20 "$W/diff" >&2
        fi
    done
    # matrix: its rows, projected on the golden columns; any other column
    # (added by the hostile document) must be empty in them
    if diff <("$ROWS" "$EXP/matrix.csv" --where "document=$GOOD_KEY") \
            <("$ROWS" "$W/out/matrix.csv" --where "document=$GOOD_KEY" --project "$EXP/matrix.csv") \
            >"$W/diff" 2>&1; then
        ok
    else
        ko "good document's matrix rows changed"; head -20 "$W/diff" >&2
    fi
    [ -f "$W/out/matrix.xlsx" ] && ok || ko "no workbook"
    # nothing about the good document but its usual silence
    lacks "^$GOOD:"
}

H=$W/in
case $CASE in
empty)
    "$GEN" empty "$H"
    run 0 "$H/empty.txt"
    has "^$H/empty.txt: warning: the file is empty: there is nothing to read \[empty\]$"
    count_is 1 "empty file listed" "$W/out/documents.csv" --where "file=$H/empty.txt" --where measures=0
    ;;
binary)
    "$GEN" binary "$H"
    run 1 "$H/image.txt" "$H/nul.txt"
    has "^$H/image.txt: error: the file contains NUL characters: not a text document (an image or other binary file?), skipped \[not-text\]$"
    has "^$H/nul.txt: error: .*\[not-text\]$"
    count_is 0 "binary files not listed" "$W/out/documents.csv" --where "file=$H/image.txt"
    count_is 0 "binary files not listed" "$W/out/documents.csv" --where "file=$H/nul.txt"
    ;;
invalid-utf8)
    "$GEN" invalid-utf8 "$H"
    run 0 "$H/invalid-utf8.txt"
    has "^$H/invalid-utf8.txt:5:11: warning: 4 invalid UTF-8 sequences replaced by U+FFFD (first here) \[invalid-utf8\]$"
    [ "$(grep -c 'invalid-utf8\]' "$W/stderr")" = 1 ] && ok || ko "one warning only"
    count_is 3 "extraction goes on" "$W/out/assignments.csv" --where "file=$H/invalid-utf8.txt"
    count_is 1 "…past the damage" "$W/out/assignments.csv" --where "file=$H/invalid-utf8.txt" --where agency=交通运输部
    ;;
truncated-utf8)
    "$GEN" truncated-utf8 "$H"
    run 0 "$H/truncated-utf8.txt"
    has "^$H/truncated-utf8.txt:6:7: warning: the file ends inside a multi-byte UTF-8 character (cut off?): replaced by U+FFFD \[truncated-sequence\]$"
    lacks "invalid-utf8\]"
    count_is 2 "both measures" "$W/out/measures.csv" --where "file=$H/truncated-utf8.txt"
    ;;
brackets)
    "$GEN" brackets "$H"
    run 0 "$H/brackets.txt"
    count_is 1 "一 attributed" "$W/out/assignments.csv" --where "file=$H/brackets.txt" --where measure=一 --where agency=商务部
    count_is 1 "四 attributed" "$W/out/assignments.csv" --where "file=$H/brackets.txt" --where measure=四 --where agency=财政部
    count_is 2 "only those" "$W/out/assignments.csv" --where "file=$H/brackets.txt"
    has "^$H/brackets.txt:7:8: note: bracket with a role word is not an attribution (its subject is not a list of bodies): （（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（…（（（交通运输部负责 \[not-attribution\]$"
    has "^$H/brackets.txt:8:8: note: bracket with a role word is not an attribution (it names no body): ((((((((((((((((((((((((((((((((((((((((…)))))))))) \[not-attribution\]$"
    # a bracket of a million characters is quoted in a line, not whole
    [ "$(wc -L < "$W/stderr")" -lt 400 ] && ok || ko "diagnostics quote whole brackets"
    ;;
attribution-cut)
    "$GEN" attribution-cut "$H"
    run 0 "$H/attribution-cut.txt"
    has "^$H/attribution-cut.txt:6:8: warning: the file ends inside this attribution (cut off?): the agencies read so far are kept, as responsible where their role word is lost: 各地方人民政府、交通运输部、国家发展改革委、财政部; not understood: “按职责分” \[attribution-unclosed\]$"
    count_is 4 "agencies read so far" "$W/out/assignments.csv" --where "file=$H/attribution-cut.txt" --where measure=二
    ;;
one-line)
    "$GEN" one-line "$H"
    run 0 "$H/one-line.txt"
    n=$("$ROWS" "$W/out/measures.csv" --where "file=$H/one-line.txt" --count)
    [ "$n" -gt 20000 ] && ok || ko "only $n measures"
    count_is $((3 * n)) "three agencies each" "$W/out/assignments.csv" --where "file=$H/one-line.txt"
    count_is 1 "last measure" "$W/out/measures.csv" --where "file=$H/one-line.txt" --where "measure=一.$n"
    ;;
one-line-html)
    "$GEN" one-line-html "$H" "$SRC/$GOOD"
    run 0 "$H/one-line.html"
    n=$("$ROWS" "$W/out/measures.csv" --where "file=$H/one-line.html" --count)
    [ "$n" -gt 50000 ] && ok || ko "only $n measures"
    ;;
no-sentence-end)
    "$GEN" no-sentence-end "$H"
    run 0 "$H/no-sentence-end.txt"
    count_is 100000 "every attribution" "$W/out/measures.csv" --where "file=$H/no-sentence-end.txt"
    # headings cut at 200 characters: 甲乙丙丁戊己庚辛（商务部负责） is 15
    h=$(printf '甲乙丙丁戊己庚辛（商务部负责）%.0s' $(seq 13))甲乙丙丁戊…
    count_is 100000 "headings cut" "$W/out/measures.csv" --where "file=$H/no-sentence-end.txt" --where "heading=$h"
    ;;
heading-one-line)
    "$GEN" heading-one-line "$H"
    run 0 "$H/heading-one-line.html"
    count_is 100000 "every item inherits" "$W/out/assignments.csv" --where "file=$H/heading-one-line.html" --where agency=商务部 --where role=lead --where line=1 --where column=44
    ;;
bracket-work)
    "$GEN" bracket-work "$H"
    run 0 "$H/bracket-work.txt"
    has "^$H/bracket-work.txt:5:5: note: bracket with a role word is not an attribution (its subject is not a list of bodies): （和和和和和和和和和和和和和和和和和和和和和和和和和和和和和和和和和和和和和和和…和和和和和和和负责） \[not-attribution\]$"
    count_is 1 "the convention's lead" "$W/out/assignments.csv" --where "file=$H/bracket-work.txt" --where agency=商务部 --where role=lead
    ;;
names)
    "$GEN" names "$H"
    run 0 "$H/names.txt"
    count_is 100000 "every name" "$W/out/assignments.csv" --where "file=$H/names.txt"
    count_is 12500 "every 商务部" "$W/out/assignments.csv" --where "file=$H/names.txt" --where agency=商务部
    ;;
names-unknown)
    "$GEN" names-unknown "$H"
    run 0 "$H/names-unknown.txt"
    count_is 20000 "every name" "$W/out/assignments.csv" --where "file=$H/names-unknown.txt"
    [ "$(grep -c 'agency-unknown\]$' "$W/stderr")" = 20000 ] && ok || ko "one warning per unknown body"
    has "^$H/names-unknown.txt:5:9: warning: unknown agency “试点00000局”: kept as written in its own column \[agency-unknown\]$"
    ;;
unreadable-dir)
    "$GEN" folder "$H"
    FG_INJECT_OPENDIR_EACCES=$H/folder/locked LD_PRELOAD=$INJECT run 1 "$H/folder"
    has "^$H/folder/locked: error: cannot read folder: Permission denied \[read-failed\]$"
    count_is 1 "the rest of the folder" "$W/out/documents.csv" --where "file=$H/folder/z-good.txt"
    ;;
unreadable-dir-real)
    # the same without injection, where the system can show it: as a
    # non-root user, or as root dropping to nobody with setpriv
    "$GEN" folder "$H"
    chmod 000 "$H/folder/locked"
    if [ "$(id -u)" != 0 ]; then
        run 1 "$H/folder"
    elif command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
        # nobody must reach the binary, the good document and the outputs
        mkdir -p "$W/real/fixtures/seeds" "$W/real/bin"
        cp "$SRC/$GOOD" "$W/real/fixtures/seeds/"
        cp "$FG" "$W/real/bin/fengong"
        chmod -R a+rX "$W" && chmod 000 "$H/folder/locked" && chmod a+w "$W"
        d=$W
        while [ "$d" != / ]; do d=$(dirname "$d"); [ -x "$d" ] || { echo "SKIP: $d not searchable"; exit 77; }; done
        ( SRC=$W/real FG="setpriv --reuid=nobody --regid=nogroup --clear-groups $W/real/bin/fengong"
          mkdir -p "$W/out" && chmod a+w "$W/out"
          t0=$(date +%s.%N)
          (cd "$SRC" && $FG -o "$W/out" "$GOOD" "$H/folder") >"$W/stdout" 2>"$W/stderr"
          echo $? > "$W/status" )
        status=$(cat "$W/status")
        [ "$status" = 1 ] && ok || { ko "exit $status, expected 1"; cat "$W/stderr" >&2; }
    else
        echo "SKIP: running as root without setpriv and nobody"
        exit 77
    fi
    has "^$H/folder/locked: error: cannot read folder: Permission denied \[read-failed\]$"
    count_is 1 "the rest of the folder" "$W/out/documents.csv" --where "file=$H/folder/z-good.txt"
    chmod 755 "$H/folder/locked"
    ;;
vanishing)
    "$GEN" folder "$H"
    FG_INJECT_VANISH=$H/folder/vanishing.txt LD_PRELOAD=$INJECT run 1 "$H/folder"
    has "^$H/folder/vanishing.txt: error: cannot open: No such file or directory \[read-failed\]$"
    count_is 1 "the rest of the folder" "$W/out/documents.csv" --where "file=$H/folder/z-good.txt"
    count_is 0 "the vanished file" "$W/out/documents.csv" --where "file=$H/folder/vanishing.txt"
    ;;
fifo)
    # a named pipe called .txt inside a folder: reading it would wait for a
    # writer forever
    "$GEN" folder "$H"
    mkfifo "$H/folder/pipe.txt"
    run 1 "$H/folder"
    has "^$H/folder/pipe.txt: error: not a regular file (a named pipe, socket or device): skipped \[read-failed\]$"
    count_is 1 "the rest of the folder" "$W/out/documents.csv" --where "file=$H/folder/z-good.txt"
    ;;
xml-forbidden)
    # characters XML forbids, which made the whole batch's workbook
    # ill-formed with exit 0: U+FFFF in UTF-8 text, &#xFFFE; and &#1; in HTML,
    # U+FFFF as GB18030 bytes (84 31 A4 39), a control character
    printf '一、加强\xef\xbf\xbf管理（商务部负责）\n二、再\x01加强（财政部负责）\n' >"$H/ffff.txt"
    printf '<p>一、加强&#xFFFE;管理&#1;（商务部负责）</p>\n' >"$H/entity.html"
    { printf '一、加强' | iconv -f UTF-8 -t GB18030; printf '\x84\x31\xA4\x39';
      printf '管理（商务部负责）\n' | iconv -f UTF-8 -t GB18030; } >"$H/gb.txt"
    run 0 "$H/ffff.txt" "$H/entity.html" "$H/gb.txt"
    has "^$H/ffff.txt:1:5: warning: 2 characters that XML forbids (U+FFFE, U+FFFF, control characters) replaced by U+FFFD (first here) \[invalid-character\]$"
    has "^$H/gb.txt:1:5: warning: 1 character that XML forbids"
    count_is 2 "ffff.txt's measures" "$W/out/measures.csv" --where "file=$H/ffff.txt"
    count_is 1 "entity.html's measure" "$W/out/measures.csv" --where "file=$H/entity.html"
    count_is 1 "gb.txt's measure" "$W/out/measures.csv" --where "file=$H/gb.txt"
    if python3 -c 'import sys, zipfile, xml.dom.minidom as m
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
    if n.endswith(".xml"): m.parseString(z.read(n))' "$W/out/matrix.xlsx"; then ok; else ko "the workbook's XML is ill-formed"; fi
    if grep -q "$(printf '\xef\xbf\xbf')" "$W/out/measures.csv"; then ko "U+FFFF in measures.csv"; else ok; fi
    ;;
file-names)
    # a GBK file name (from a Windows archive) and a newline in a name: both
    # written as \xNN, so that every output is UTF-8 and no log line is forged
    mkdir -p "$H/names"
    cp "$SRC/fixtures/seeds/004_27c13384efe3ac55.txt" "$H/names/$(printf '\xd6\xd0\xce\xc4.txt')"
    cp "$SRC/fixtures/seeds/000_2d38c7feea4a3bdb.txt" "$H/names/$(printf 'a\nb.txt')" # (not the same bytes: one copy would be a duplicate)
    run 0 "$H/names"
    count_is 1 "the GBK name escaped" "$W/out/documents.csv" --where "file=$H/names/\\xD6\\xD0\\xCE\\xC4.txt"
    count_is 1 "the newline escaped" "$W/out/documents.csv" --where "file=$H/names/a\\x0Ab.txt"
    has "^$H/names/a.x0Ab.txt: note: "
    if iconv -f UTF-8 -t UTF-8 "$W/out/documents.csv" >/dev/null; then ok; else ko "documents.csv is not UTF-8"; fi
    ;;
gbk-damaged)
    # the GB18030 copy of seed 002 with one stray 0xFF byte, and with a UTF-8
    # footer: both were read as UTF-8 and gave 0 measures with exit 0
    python3 - "$SRC/fixtures/encodings/002-gb18030.txt" "$H" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
i = d.index(b"\n", 3000)
open(sys.argv[2] + "/stray.txt", "wb").write(d[:i] + b"\xff" + d[i:])
open(sys.argv[2] + "/footer.txt", "wb").write(d + "\n<p>本站由某某提供技术支持 © 2024</p>\n".encode())
PY
    run 0 "$H/stray.txt" "$H/footer.txt"
    for f in stray footer; do
        count_is 15 "$f: the measures" "$W/out/measures.csv" --where "file=$H/$f.txt"
        count_is 90 "$f: the assignments" "$W/out/assignments.csv" --where "file=$H/$f.txt"
    done
    has "^$H/stray.txt: note: read as GB18030 (GBK), which leaves fewer bytes undecodable than UTF-8 (1 against "
    has "^$H/stray.txt:10:[0-9]*: warning: 1 byte sequence invalid in GB18030 replaced by U+FFFD"
    has "^$H/footer.txt: note: read as GB18030 (GBK), .*lines that are UTF-8 were read as UTF-8"
    ;;
signals)
    # a run killed by SIGTERM (or SIGINT, SIGHUP) removes its temporary files
    # and leaves the previous outputs; one killed by SIGKILL cannot, and the
    # next run removes what it left. Killed runs left 7-80 MB .X.PID.tmp files.
    run 0
    cp "$W/out/assignments.csv" "$W/good.csv"
    "$GEN" one-line "$H"
    for sig in TERM INT HUP KILL; do
        (cd "$SRC" && exec "$FG" -q -o "$W/out" "$H/one-line.txt") 2>/dev/null &
        pid=$!
        for _ in $(seq 100); do # until it has made its temporary files
            ls -A "$W/out" | grep -q '\.tmp\.' && break
            sleep 0.05
        done
        kill -$sig $pid
        wait $pid 2>/dev/null
        left=$(ls -A "$W/out" | grep -c '\.tmp')
        if [ $sig = KILL ]; then
            [ "$left" -gt 0 ] && ok || ko "SIGKILL left no temporary file (too fast to test?)"
        else
            [ "$left" = 0 ] && ok || ko "SIG$sig left $left temporary files"
        fi
        cmp -s "$W/out/assignments.csv" "$W/good.csv" && ok || ko "SIG$sig: the previous outputs changed"
    done
    # stale files of killed runs, this version's and the old .NAME.PID.tmp
    touch "$W/out/.documents.csv.12345.tmp" "$W/out/.matrix.xlsx.tmp.AbC123" "$W/out/.keep.tmp"
    run 0
    left=$(ls -A "$W/out" | grep '\.tmp' | tr '\n' ' ')
    [ "$left" = ".keep.tmp " ] && ok || ko "stale temporary files not removed (or others removed): $left"
    ;;
formats)
    # .docx, PDF and binary Office files that cannot be read: a zip bomb
    # (65 MB of spaces in 66 KB), a zip without word/document.xml, a PDF cut
    # short, an encrypted one (qpdf), one without text (scanned), a .doc and
    # a .wps: each a clear error, the rest of the folder read
    python3 "$SRC/tests/hostile/gen_formats.py" formats "$H/f"
    qpdf --encrypt user owner 256 -- "$H/f/text.pdf" "$H/f/locked.pdf"
    run 1 "$H/f"
    has "^$H/f/bomb.docx: error: word/document.xml inflates to 68157465 bytes, more than the 64 MB a part may hold (a zip bomb?): skipped \[unreadable\]$"
    has "^$H/f/nodoc.docx: error: a zip without word/document.xml: not a Word document: skipped \[unreadable\]$"
    has "^$H/f/damaged.pdf: error: not a readable PDF: .*: skipped \[unreadable\]$"
    has "^$H/f/locked.pdf: error: the PDF is encrypted (a password is needed): skipped \[unreadable\]$"
    has "^$H/f/scanned.pdf: error: the PDF has no text layer (3 pages of images: scanned?); fengong does no OCR: skipped \[unreadable\]$"
    has "^$H/f/old.doc: error: a binary Office file (.doc, .wps), which fengong does not read: convert it with 'soffice --headless --convert-to docx FILE' and read the .docx, or give --convert \[office-binary\]$"
    has "^$H/f/old.wps: error: a binary Office file"
    count_is 1 "the PDF with text is read" "$W/out/documents.csv" --where "file=$H/f/text.pdf"
    count_is 0 "the bomb gives no document row" "$W/out/documents.csv" --where "file=$H/f/bomb.docx" --where measures=1
    ;;
pdf-pages)
    # a PDF of 10,000 pages, a line each
    python3 "$SRC/tests/hostile/gen_formats.py" pdf-pages "$H"
    run 0 "$H/pages.pdf"
    count_is 1 "the PDF is read" "$W/out/documents.csv" --where "file=$H/pages.pdf"
    ;;
*)
    echo "unknown case $CASE" >&2
    exit 2
    ;;
esac
good_unchanged
echo "hostile $CASE: $pass passed, $fail failed"
[ "$fail" = 0 ]
