#!/usr/bin/env bash
# The traditional transcriptions in fixtures/traditional/ give, measure by
# measure, the canonical agencies, roles, open-list flags and deadlines of
# the seeds they were made from (their own golden files, checked by hand).
# Usage: same_as_simplified.sh CSV_ROWS SOURCE_DIR
set -u
ROWS=$1
cd "$2" || exit 2
fail=0
fields() { awk -F' \| ' '{print $3 " | " $5 " | " $7 " | " $9 " | " $10}'; }
T=fixtures/expected/traditional/assignments.csv

# 002-hk-part holds items 一–六 and 十一 of seed 002
if diff <("$ROWS" fixtures/expected/002_355ce6cae6b0e9f2/assignments.csv | fields |
          grep -E '^(一|二|三|四|五|六|十一\.[0-9]) \|') \
        <("$ROWS" "$T" --where file=fixtures/traditional/002-hk-part.txt | fields); then
    echo "002-hk-part: same as seed 002"
else
    echo "FAIL: 002-hk-part differs from seed 002"; fail=1
fi
# 003-tw-part holds seed 003's first twelve measures
if diff <("$ROWS" fixtures/expected/003_6741a91e15ed5b62/assignments.csv | fields |
          grep -E '^#([1-9]|1[0-2]) \|') \
        <("$ROWS" "$T" --where file=fixtures/traditional/003-tw-part.html | fields); then
    echo "003-tw-part: same as seed 003"
else
    echo "FAIL: 003-tw-part differs from seed 003"; fail=1
fi
n=$("$ROWS" "$T" --count)
[ "$n" -gt 100 ] || { echo "FAIL: only $n rows compared"; fail=1; }
exit $fail
