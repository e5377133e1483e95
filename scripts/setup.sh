#!/bin/sh
# Installs the Debian 12 packages fengong needs (as root) and builds it
# into build/. Used by the README's two commands and by .ci/run.
set -eu
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
    build-essential cmake pkg-config \
    libpcre2-dev libcsv-dev libxlsxwriter-dev libopencc-dev \
    clang libclang-rt-14-dev \
    python3-openpyxl valgrind libreoffice-calc-nogui >/dev/null
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"
