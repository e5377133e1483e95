#!/bin/sh
# Installs the Debian 12 packages fengong needs (as root) and builds it into
# build/. With --tests it also installs everything the test suite uses
# (scripts/test.sh). The README's two commands and .ci/run use it.
#
#   sh scripts/setup.sh           build and run: compiler, CMake, the libraries
#   sh scripts/setup.sh --tests   … and the test tools (clang, valgrind,
#                                 LibreOffice with a CJK font, Python modules…)
set -eu
cd "$(dirname "$0")/.."

# Building and running. zlib1g-dev: libxlsxwriter's pkg-config file asks for
# -lz, but libxlsxwriter-dev does not depend on it. help2man writes the man
# page from --help at build time.
BUILD="build-essential cmake pkg-config
    libpcre2-dev libcsv-dev libxlsxwriter-dev zlib1g-dev libopencc-dev help2man
    libzip-dev libxml2-dev libpoppler-glib-dev libssl-dev libsqlite3-dev"
# Tests only (scripts/test.sh): the fuzzer and sanitizers, the leak check,
# reading the workbook back (openpyxl, LibreOffice with a Chinese font, unzip),
# converting a .doc (--convert: LibreOffice Writer),
# rendering it (poppler-utils), encrypting a PDF (qpdf), the SQLite command,
# and the .deb check
# (dpkg-dev for cpack's dependency scan, file).
TESTS="clang libclang-rt-14-dev valgrind
    python3 python3-openpyxl libreoffice-calc-nogui libreoffice-writer-nogui fonts-noto-cjk
    unzip poppler-utils qpdf sqlite3 dpkg-dev file"

case "${1:-}" in
    "") PACKAGES=$BUILD ;;
    --tests) PACKAGES="$BUILD $TESTS" ;;
    *) echo "usage: sh scripts/setup.sh [--tests]" >&2; exit 2 ;;
esac

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086 # the lists are words
apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"
