#!/bin/sh
# Runs the whole test suite: ctest on the normal build (unit, golden, CLI,
# workbook, hostile inputs, valgrind), then again on an AddressSanitizer +
# UndefinedBehaviorSanitizer build, then the libFuzzer target for
# FG_FUZZ_SECONDS seconds (default 60; 0 skips it) from the fixtures.
# Expects scripts/setup.sh to have run.
set -eu
cd "$(dirname "$0")/.."
ctest --test-dir build --output-on-failure
cmake -S . -B build-asan -DFG_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j "$(nproc)"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure
if [ "${FG_FUZZ_SECONDS:-60}" != 0 ]; then
    sh scripts/fuzz.sh
fi
