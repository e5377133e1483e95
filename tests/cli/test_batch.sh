#!/usr/bin/env bash
# Scheduled batch runs: threads, input lists, stdin, shards and merge,
# summary, --strict, streaming to stdout, and outputs that cannot be
# written (a read-only folder, a file size limit).
# Usage: test_batch.sh FENGONG SOURCE_DIR
set -u
FG=$1
cd "$2" || exit 2
T=$(mktemp -d)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
same_outputs() { # dir1 dir2 description
    for f in assignments.csv measures.csv documents.csv matrix.csv matrix.xlsx; do
        cmp -s "$1/$f" "$2/$f" && ok || ko "$3: $f differs"
    done
}

# the same outputs whatever the thread count
"$FG" -q -j 1 -o "$T/j1" fixtures; rc1=$?
"$FG" -q -j 2 -o "$T/j2" fixtures
"$FG" -q -j 5 -o "$T/j5" fixtures
[ "$rc1" = 0 ] && ok || ko "-j 1 exit $rc1"
same_outputs "$T/j1" "$T/j2" "-j 2"
same_outputs "$T/j1" "$T/j5" "-j 5"

# shards 1..3 and their merge give the single run's outputs, byte for byte
for k in 1 2 3; do "$FG" -q -j 2 --shard $k/3 -o "$T/s$k" fixtures || ko "shard $k"; done
n=0; for k in 1 2 3; do n=$((n + $(tail -n +2 "$T/s$k/documents.csv" | wc -l))); done
[ "$n" = "$(tail -n +2 "$T/j1/documents.csv" | wc -l)" ] && ok || ko "shards partition the documents ($n)"
[ -f "$T/s1/shard.fgd" ] && [ ! -e "$T/j1/shard.fgd" ] && ok || ko "shard.fgd only when sharded"
"$FG" merge -q -o "$T/m" "$T/s2" "$T/s3" "$T/s1" && ok || ko "merge exit"
same_outputs "$T/j1" "$T/m" "merge"
"$FG" merge -q -o "$T/m2" "$T/s1" "$T/s3" 2>"$T/err"; [ $? = 2 ] && ok || ko "merge with a shard missing"
grep -q "shard 2/3 is missing" "$T/err" && ok || ko "missing shard named"
"$FG" merge -q -o "$T/m3" "$T/s1" "$T/s1" "$T/s2" "$T/s3" 2>/dev/null; [ $? = 2 ] && ok || ko "shard given twice"
head -c 100 "$T/s2/shard.fgd" > "$T/cut.fgd"; mkdir "$T/cut"; mv "$T/cut.fgd" "$T/cut/shard.fgd"
"$FG" merge -q -o "$T/m4" "$T/s1" "$T/cut" "$T/s3" 2>/dev/null; [ $? = 2 ] && ok || ko "damaged shard"
"$FG" -q --shard 4/3 fixtures 2>/dev/null; [ $? = 2 ] && ok || ko "--shard 4/3 refused"

# --files-from and - for stdin
printf '%s\n' fixtures/seeds/002_355ce6cae6b0e9f2.txt fixtures/seeds/003_6741a91e15ed5b62.txt > "$T/list"
"$FG" -q --files-from "$T/list" -o "$T/ff" && ok || ko "--files-from"
[ "$(tail -n +2 "$T/ff/documents.csv" | wc -l)" = 2 ] && ok || ko "--files-from reads the list"
"$FG" -q --files-from - -o "$T/ff2" < "$T/list" && cmp -s "$T/ff/measures.csv" "$T/ff2/measures.csv" && ok || ko "--files-from -"
"$FG" -q -o "$T/in" - < fixtures/seeds/002_355ce6cae6b0e9f2.txt && ok || ko "stdin document"
grep -q '^"国办发〔2022〕18号","-",' "$T/in/documents.csv" && ok || ko "stdin document keyed by its 文号"

# --format long -o -: assignments on stdout, no header, one line per row
"$FG" -q --format long -o - fixtures/seeds/002_355ce6cae6b0e9f2.txt > "$T/long.csv" && ok || ko "long to stdout"
[ "$(wc -l < "$T/long.csv")" = "$(tail -n +2 "$T/j1/assignments.csv" | grep -c '002_355ce6cae6b0e9f2')" ] \
    && ok || ko "long rows = the document's assignments"
grep -q '^"document"' "$T/long.csv" && ko "long has no header" || ok
# --header: the assignments header line, then the same rows
"$FG" -q --format long --header -o - fixtures/seeds/002_355ce6cae6b0e9f2.txt > "$T/longh.csv" && ok || ko "long --header"
[ "$(head -n 1 "$T/longh.csv")" = "$(head -n 1 "$T/j1/assignments.csv")" ] && ok || ko "--header is assignments.csv's header"
[ "$(tail -n +2 "$T/longh.csv")" = "$(cat "$T/long.csv")" ] && ok || ko "--header adds only the header"
"$FG" -q --header -o "$T/hd" fixtures/seeds 2>/dev/null; [ $? = 2 ] && ok || ko "--header needs -o -"
"$FG" -q -o - fixtures/seeds 2>/dev/null; [ $? = 2 ] && ok || ko "-o - needs --format long"
"$FG" -q --format long,csv fixtures/seeds 2>/dev/null; [ $? = 2 ] && ok || ko "long goes alone"

# --summary
# (a missing path named on the command line is a usage error; one listed in
# --files-from is a read-failed input)
echo "$T/missing.txt" >"$T/missing.list"
"$FG" -q --summary "$T/sum.json" -o "$T/su" fixtures/seeds --files-from "$T/missing.list" 2>/dev/null; rc=$?
[ "$rc" = 1 ] && ok || ko "summary run exit $rc"
/usr/bin/python3 - "$T/sum.json" <<'PY' && ok || ko "summary content"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["exit_status"] == 1 and s["inputs"] == 2 and s["documents_found"] == 6, s
assert s["documents_read"] == 5 and s["measures"] == 51 and s["attributed_measures"] == 33, s
assert s["skipped"] == [{"file": sys.argv[1].rsplit("/", 1)[0] + "/missing.txt", "reason": "read-failed"}], s
assert s["warnings"] == {"attribution-no-text": 3} and s["errors"] == {"read-failed": 1}, s
assert s["bytes"] == 40270 and s["seconds"] >= 0 and s["bytes_per_second"] > 0, s
PY

# a shard streaming with -o - writes no shard.fgd (it landed in the current folder)
mkdir "$T/cwd-shard"
src_dir=$PWD
(cd "$T/cwd-shard" && "$FG" -q --shard 1/2 --format long -o - "$src_dir/fixtures/seeds" >"$T/shard-stream.csv")
[ -s "$T/shard-stream.csv" ] && ok || ko "the streaming shard wrote rows"
[ ! -e "$T/cwd-shard/shard.fgd" ] && ok || ko "--shard with -o - wrote shard.fgd into the current folder"

# --strict: warnings make exit status 1, outputs still written
"$FG" -q --strict -o "$T/st" fixtures/seeds/003_6741a91e15ed5b62.txt 2>"$T/err"; [ $? = 1 ] && ok || ko "--strict exit"
grep -q "error: attribution with no text" "$T/err" && ok || ko "--strict prints errors"
[ -f "$T/st/matrix.csv" ] && ok || ko "--strict still writes"
"$FG" -q -o "$T/st2" fixtures/seeds/002_355ce6cae6b0e9f2.txt --strict; [ $? = 0 ] && ok || ko "--strict without warnings"

# no progress line when stderr is not a terminal
"$FG" -o "$T/p" fixtures/seeds 2>"$T/err"; grep -q $'\r' "$T/err" && ko "progress on a pipe" || ok

# outputs that cannot be written: exit 2, the previous outputs intact, no
# temporary file left. Root ignores permissions, so the read-only case runs
# as nobody.
"$FG" -q -o "$T/keep" fixtures/seeds/002_355ce6cae6b0e9f2.txt
md5sum "$T"/keep/* > "$T/sums"
chmod 555 "$T/keep"; chmod 755 "$T"
if [ "$(id -u)" = 0 ]; then
    chmod -R o+rX "$T" fixtures; chmod o+x "$(dirname "$FG")"
    setpriv --reuid=65534 --regid=65534 --clear-groups "$FG" -q -o "$T/keep" fixtures/seeds 2>"$T/err"; rc=$?
else
    "$FG" -q -o "$T/keep" fixtures/seeds 2>"$T/err"; rc=$?
fi
[ "$rc" = 2 ] && ok || ko "read-only folder exit $rc"
grep -q "cannot create $T/keep/" "$T/err" && ok || ko "read-only folder: message names the file"
md5sum -c --quiet "$T/sums" && ok || ko "read-only folder: outputs intact"
chmod 755 "$T/keep"
( ulimit -f 16; "$FG" -q -o "$T/keep" fixtures ) 2>"$T/err"; rc=$?
[ "$rc" = 2 ] && ok || ko "ulimit -f exit $rc"
grep -q "File too large" "$T/err" && ok || ko "ulimit -f: reason given"
md5sum -c --quiet "$T/sums" && ok || ko "ulimit -f: outputs intact"
[ -z "$(ls -A "$T/keep" | grep tmp)" ] && ok || ko "temporary files removed"

# two runs on one output folder: the second fails at once (exit 2), or waits
# with --wait; before, both wrote and the folder held a mix of their sets.
# The lock is a POSIX record lock on DIR/.fengong.lock, held here by Python.
/usr/bin/python3 - "$T/keep/.fengong.lock" "$T/held" <<'PY' &
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.lockf(fd, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(1.5)
PY
holder=$!
for _ in $(seq 100); do [ -f "$T/held" ] && break; sleep 0.05; done
"$FG" -q -o "$T/keep" fixtures/seeds 2>"$T/err"; rc=$?
[ "$rc" = 2 ] && ok || ko "a second run on a locked folder: exit $rc"
grep -q "another fengong run is writing to $T/keep" "$T/err" && ok || ko "the lock is named"
md5sum -c --quiet "$T/sums" && ok || ko "locked folder: outputs intact"
"$FG" -q --wait -o "$T/keep" fixtures/seeds/002_355ce6cae6b0e9f2.txt 2>"$T/err"; rc=$?
[ "$rc" = 0 ] && ok || ko "--wait: exit $rc"
kill -0 $holder 2>/dev/null && ko "--wait did not wait for the lock" || ok
wait $holder

# temporary names cannot be planted: a symlink at the name the previous
# version would have used (.documents.csv.PID.tmp, with the run's own pid:
# exec keeps it) is left alone, and its target is not written
echo "precious" >"$T/target"
sh -c 'ln -s "$1" "$2/.documents.csv.$$.tmp"; exec "$3" -q -o "$2" fixtures/seeds/002_355ce6cae6b0e9f2.txt' \
    - "$T/target" "$T/keep" "$FG"
[ "$(cat "$T/target")" = precious ] && ok || ko "a planted symlink was followed"
[ "$(stat -c %a "$T/keep/documents.csv")" = "$(printf '%o' $(( 0666 & ~$(umask) )))" ] \
    && ok || ko "outputs get the umask's mode: $(stat -c %a "$T/keep/documents.csv")"

echo "test_batch: $pass passed, $fail failed"
[ "$fail" = 0 ]
