#!/usr/bin/env python3
"""Reads the workbook test_xlsx_rows wrote (sheets of 4 rows) and checks that
分工表, 矩阵 and 问题 go on over further sheets, each with its header, and
that every row is there once, in order. Usage: check_xlsx_rows.py FILE"""
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
from tally import check, done


names = wb.sheetnames
# 7 measures: 分工表 holds 2 a sheet (title and header take 2 of 4 rows),
# 矩阵 2 (legend and header), 按单位 3 (header) of its 14 duties, 问题 3: 4, 4, 5
# and 2 sheets (of 5 diagnostics)
check(names == ["分工表", "分工表 2", "分工表 3", "分工表 4", "矩阵", "矩阵 2", "矩阵 3", "矩阵 4",
                "统计", "按单位", "按单位 2", "按单位 3", "按单位 4", "按单位 5", "文件", "问题",
                "问题 2"], "sheet names %r" % names)
# 按单位: 商务部's seven measures it leads, then 财政部's seven it is responsible for
duties = []
for n in [x for x in names if x.startswith("按单位")]:
    ws = wb[n]
    check(ws.cell(row=1, column=1).value == "单位", "%s has its header" % n)
    for r in range(2, ws.max_row + 1):
        duties.append(tuple(ws.cell(row=r, column=c).value for c in (1, 2, 3)))
check(duties == [("商务部", "牵头", str(i)) for i in range(1, 8)] +
      [("财政部", "负责", str(i)) for i in range(1, 8)], "按单位 rows %r" % duties)
# 分工表: title, header, then at most 2 rows a sheet (4 - title - header)
seq = []
for n in [x for x in names if x.startswith("分工表")]:
    ws = wb[n]
    check(ws.cell(row=2, column=1).value == "序号", "%s has its header" % n)
    check([ws.cell(row=2, column=c).value for c in (2, 5)] == ["编号", "牵头单位"],
          "%s: one document, no 文件 column" % n)
    check(ws.freeze_panes == "A3", "%s frozen" % n)
    for r in range(3, ws.max_row + 1):
        # one document: no 文件 column, so 编号 is B and 牵头单位 E
        seq.append((ws.cell(row=r, column=1).value, ws.cell(row=r, column=2).value,
                    ws.cell(row=r, column=5).value))
check(seq == [(i, str(i), "商务部") for i in range(1, 8)], "分工表 rows %r" % seq)
# 矩阵: legend, header, then 2 rows a sheet
ids = []
for n in [x for x in names if x.startswith("矩阵")]:
    ws = wb[n]
    check(ws.cell(row=2, column=4).value == "商务部", "%s has its header" % n)
    for r in range(3, ws.max_row + 1):
        ids.append((ws.cell(row=r, column=2).value, ws.cell(row=r, column=4).value))
check(ids == [(str(i), "牵头") for i in range(1, 8)], "矩阵 rows %r" % ids)
# 问题: header, then 3 rows a sheet
msgs = []
for n in [x for x in names if x.startswith("问题")]:
    ws = wb[n]
    check(ws.cell(row=1, column=6).value == "说明", "%s has its header" % n)
    msgs += [ws.cell(row=r, column=6).value for r in range(2, ws.max_row + 1)]
check(msgs == ["问题%d" % i for i in range(1, 6)], "问题 rows %r" % msgs)
done("check_xlsx_rows")
