#!/bin/sh
# Builds the libFuzzer target (tests/fuzz/fuzz_document.c) with clang, ASan
# and UBSan into build-fuzz/, and runs it for FG_FUZZ_SECONDS seconds
# (default 60), seeded from every document under fixtures/. The corpus it
# grows stays in build-fuzz/corpus for the next run. Exits non-zero when
# the fuzzer finds a crash; the input is left in build-fuzz/ as crash-*,
# leak-*, timeout-* or oom-*: reproduce it with
#   build-fuzz/tests/fuzz/fuzz_document FILE
# then fix the cause and keep the input as fixtures/fuzz-regressions/NAME.txt
# (test fuzz-regressions runs the normal build on every file there).
set -eu
cd "$(dirname "$0")/.."
seconds=${FG_FUZZ_SECONDS:-60}
CC=clang cmake -S . -B build-fuzz -DFG_FUZZ=ON -DBUILD_TESTING=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target fuzz_document
rm -rf build-fuzz/seeds
mkdir -p build-fuzz/corpus build-fuzz/seeds
find fixtures -type f \( -name '*.txt' -o -name '*.html' -o -name '*.htm' -o -name '*.md' \) \
    -exec cp {} build-fuzz/seeds/ \;
echo "fuzz: $(ls build-fuzz/seeds | wc -l) seed files, ${seconds} s"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    build-fuzz/tests/fuzz/fuzz_document \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -dict=tests/fuzz/fengong.dict -artifact_prefix=build-fuzz/ -print_final_stats=1 \
    build-fuzz/corpus build-fuzz/seeds
