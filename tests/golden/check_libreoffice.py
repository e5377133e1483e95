#!/usr/bin/env python3
"""A second, independent spreadsheet program must open the workbook: converts
matrix.xlsx with LibreOffice (headless) to one CSV per sheet and checks the
矩阵 and 文件 sheets against matrix.csv and documents.csv.

Usage: check_libreoffice.py FENGONG SOURCE_DIR SOFFICE
"""
import csv
import os
import subprocess
import sys
import tempfile

fengong, src, soffice = sys.argv[1:4]
from tally import check, done


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "out")
    subprocess.run([fengong, "-q", "-o", out, "fixtures/seeds"], cwd=src, check=True)
    conv = os.path.join(tmp, "csv")
    # 44,34,76,1,,0,false,true,false,false,false,-1: comma, double quote,
    # UTF-8, every sheet to its own file
    p = subprocess.run([soffice, "--headless", "--norestore", "--convert-to",
                        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                        "--outdir", conv, os.path.join(out, "matrix.xlsx")],
                       env=dict(os.environ, HOME=tmp), capture_output=True, text=True, timeout=300)
    check(p.returncode == 0, "soffice exit %d: %s" % (p.returncode, p.stderr))
    names = sorted(os.listdir(conv)) if os.path.isdir(conv) else []
    check(names == sorted("matrix-%s.csv" % s for s in ["分工表", "矩阵", "统计", "按单位", "文件", "问题"]),
          "sheets converted: %r" % names)
    if "matrix-矩阵.csv" in names:
        got = rows(os.path.join(conv, "matrix-矩阵.csv"))
        want = rows(os.path.join(out, "matrix.csv"))
        check(got[1][3:] == want[0][3:], "矩阵 agency header")
        check([r[:len(want[0])] for r in got[2:]] == want[1:], "矩阵 cells equal matrix.csv")
    if "matrix-文件.csv" in names:
        got = rows(os.path.join(conv, "matrix-文件.csv"))
        want = rows(os.path.join(out, "documents.csv"))
        check([r[:10] for r in got[1:]] == [
            [d[0], d[2], d[3], d[4], d[5], d[1], d[6], d[7], d[8], d[9]] for d in want[1:]],
            "文件 rows equal documents.csv")

done("check_libreoffice")
