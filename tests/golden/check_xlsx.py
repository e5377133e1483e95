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

print("check_xlsx: %d passed, %d failed" % (checks - failures, failures))
sys.exit(1 if failures else 0)
