#!/usr/bin/env python3
"""Reads matrix.xlsx back with openpyxl (a real reader, not XML greps) and
checks it against matrix.csv: same cells, frozen header and row labels.
Also checks that two runs give byte-identical workbooks.

Usage: check_xlsx.py FENGONG SOURCE_DIR
"""
import csv
import os
import subprocess
import sys
import tempfile

import openpyxl

fengong, src = sys.argv[1], sys.argv[2]
failures = 0
checks = 0


def check(cond, what):
    global failures, checks
    checks += 1
    if not cond:
        failures += 1
        print("FAIL:", what, file=sys.stderr)


with tempfile.TemporaryDirectory() as tmp:
    outs = []
    for run in ("a", "b"):
        out = os.path.join(tmp, run)
        subprocess.run([fengong, "-q", "-o", out, "fixtures/seeds"], cwd=src, check=True)
        outs.append(out)
    with open(os.path.join(outs[0], "matrix.xlsx"), "rb") as f1, \
         open(os.path.join(outs[1], "matrix.xlsx"), "rb") as f2:
        check(f1.read() == f2.read(), "two runs give byte-identical workbooks")

    with open(os.path.join(outs[0], "matrix.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    wb = openpyxl.load_workbook(os.path.join(outs[0], "matrix.xlsx"))
    check(wb.sheetnames == ["matrix"], "sheet names %r" % wb.sheetnames)
    ws = wb["matrix"]
    check(ws.freeze_panes == "D2", "frozen header and labels, got %r" % ws.freeze_panes)
    check(ws.max_row == len(rows), "rows %d vs %d" % (ws.max_row, len(rows)))
    check(ws.max_column == len(rows[0]), "columns %d vs %d" % (ws.max_column, len(rows[0])))
    for r, row in enumerate(rows, start=1):
        for c, want in enumerate(row, start=1):
            got = ws.cell(row=r, column=c).value
            check((got or "") == want, "cell %s%d: %r vs %r" % (
                openpyxl.utils.get_column_letter(c), r, got, want))
    check(ws.cell(row=1, column=1).font.b, "header is bold")
    # the date of issue of the latest seed, 2023-04-11, fixes the creation time
    check(wb.properties.created.strftime("%Y-%m-%d") == "2023-04-11",
          "created %s" % wb.properties.created)

    # more agencies than one sheet has columns (16,384): the matrix goes on
    # over a second sheet, with the labels repeated, instead of failing
    doc = os.path.join(tmp, "wide.txt")
    with open(doc, "w", encoding="utf-8") as f:
        f.write("一、甲。（" + "、".join("试点%05d局" % i for i in range(20000)) + "负责）\n")
    out = os.path.join(tmp, "wide")
    subprocess.run([fengong, "-q", "-o", out, doc], check=True)
    with open(os.path.join(out, "matrix.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    wb = openpyxl.load_workbook(os.path.join(out, "matrix.xlsx"), read_only=True)
    check(wb.sheetnames == ["matrix", "matrix 2"], "wide sheet names %r" % wb.sheetnames)
    sheets = [list(wb[name].iter_rows(values_only=True)) for name in wb.sheetnames]
    check(len(sheets[0][0]) == 16384, "first sheet full: %d columns" % len(sheets[0][0]))
    joined_header = list(sheets[0][0]) + list(sheets[1][0][3:])
    check(joined_header == rows[0], "the sheets' headers make the CSV header")
    check(list(sheets[1][0][:3]) == rows[0][:3], "labels repeated on the second sheet")
    joined_row = list(sheets[0][1]) + list(sheets[1][1][3:])
    check([v or "" for v in joined_row] == rows[1], "the row goes on over both sheets")

print("check_xlsx: %d passed, %d failed" % (checks - failures, failures))
sys.exit(1 if failures else 0)
