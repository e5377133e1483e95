#!/usr/bin/env bash
# Runs fengong (the normal build, or the sanitizer build) on every input the
# fuzzer once crashed on, kept in fixtures/fuzz-regressions/, each alone and
# then all in one batch: each must end with exit status 0 or 1 (read, or
# reported and skipped), never a crash, a sanitizer report or status 2.
# Usage: run_regressions.sh FENGONG SOURCE_DIR WORK
set -u
FG=$1 SRC=$2 W=$3
rm -rf "$W"; mkdir -p "$W"
fail=0 n=0
for f in "$SRC"/fixtures/fuzz-regressions/*; do
    [ -f "$f" ] || continue
    case $f in */SOURCES) continue ;; esac
    n=$((n + 1))
    "$FG" -q --format csv,xlsx -o "$W/out" "$f" >"$W/stdout" 2>"$W/stderr"
    rc=$?
    if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
        echo "FAIL: $f: exit $rc"; cat "$W/stderr"; fail=1
    fi
done
if [ "$n" -gt 0 ]; then
    "$FG" -q -o "$W/all" "$SRC"/fixtures/fuzz-regressions/* >"$W/stdout" 2>"$W/stderr"
    rc=$?
    [ "$rc" = 0 ] || [ "$rc" = 1 ] || { echo "FAIL: all together: exit $rc"; cat "$W/stderr"; fail=1; }
fi
echo "fuzz-regressions: $n inputs"
exit $fail
