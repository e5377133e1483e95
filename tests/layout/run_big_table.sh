#!/bin/sh
# A 分工表 of 200,000 rows (with a rowspan carried over 100 rows and 20,000
# continuation rows) is read in linear time: every row's agencies.
# usage: run_big_table.sh FENGONG PYTHON WORK
set -eu
FENGONG=$1 PY=$2 WORK=$3
rm -rf "$WORK" && mkdir -p "$WORK"
"$PY" - "$WORK/big.html" <<'PY'
import sys
rows = ['<tr><td>0</td><td>甲。</td><td rowspan="100">商务部</td><td>财政部</td></tr>']
rows += ['<tr><td></td><td>续%d。</td><td>公安部</td></tr>' % i for i in range(20000)]
rows += ['<tr><td>%d</td><td>任务%d。</td><td>商务部、财政部</td><td>海关总署</td></tr>' % (i, i)
         for i in range(1, 200001)]
open(sys.argv[1], "w", encoding="utf-8").write(
    '<p>现提出以下意见：</p><table><tr><th>序号</th><th>工作任务</th><th>牵头单位</th>'
    '<th>配合单位</th></tr>' + "".join(rows) + '</table>')
PY
"$FENGONG" -q --format csv -o "$WORK/out" "$WORK/big.html"
n=$(($(wc -l < "$WORK/out/assignments.csv") - 1))
# measure 0: 商务部 (rowspan, once), 财政部, 公安部 ×20,000 rows; then 3 per row
want=$((2 + 20000 + 200000 * 3))
[ "$n" = "$want" ] || { echo "FAIL: $n assignment rows, want $want"; exit 1; }
echo "big table: $n rows"
