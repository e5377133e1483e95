#!/bin/sh
# Builds the Debian package (cpack -G DEB) from build/, installs it with apt
# as an operator would, and runs the installed fengong: --version, the man
# page, and the seeds. Changes the system (installs /usr/bin/fengong): meant
# for a fresh root (.ci/run), as root, after scripts/setup.sh --tests.
set -eu
cd "$(dirname "$0")/.."
(cd build && cpack -G DEB >/dev/null)
deb=$(ls build/fengong_*.deb)
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null
fail=0
check() { if "$@"; then echo "ok: $*"; else echo "FAIL: $*"; fail=$((fail + 1)); fi; }
check test "$(command -v fengong)" = /usr/bin/fengong
check sh -c '/usr/bin/fengong --version | grep -q "^fengong "'
check test -f /usr/share/man/man1/fengong.1.gz
check test -f /usr/include/fengong.h
out=$(mktemp -d)
check /usr/bin/fengong -q -o "$out" fixtures/seeds
check sh -c "test \$(wc -l <'$out/assignments.csv') -gt 100"
rm -rf "$out"
echo "package: $((6 - fail)) passed, $fail failed"
[ "$fail" = 0 ]
