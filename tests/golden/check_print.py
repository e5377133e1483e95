#!/usr/bin/python3
"""Nothing is clipped in print: renders fengong's workbook of each input
with LibreOffice to PDF and checks, with pdftotext, that every character of
every cell of every sheet is in the PDF (as a multiset: a character in the
cells n times is in the PDF at least n times). A row too short for its text
loses its last lines in print, and its characters go missing here.

Usage: check_print.py FENGONG SOURCE_DIR SOFFICE INPUT...
"""
import collections
import os
import subprocess
import sys
import tempfile

import openpyxl

from tally import check, done

fengong, src, soffice = sys.argv[1:4]


def cell_chars(path):
    wb = openpyxl.load_workbook(path)
    c = collections.Counter()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    c.update(ch for ch in str(cell.value) if not ch.isspace())
    return c


for i, doc in enumerate(sys.argv[4:]):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        subprocess.run([fengong, "-q", "-o", out, doc], cwd=src)
        xlsx = os.path.join(out, "matrix.xlsx")
        p = subprocess.run([soffice, "--headless", "--norestore", "--convert-to", "pdf",
                            "--outdir", tmp, xlsx], env=dict(os.environ, HOME=tmp),
                           capture_output=True, text=True, timeout=300)
        pdf = os.path.join(tmp, "matrix.pdf")
        check(p.returncode == 0 and os.path.exists(pdf), "%s: soffice made a PDF" % doc)
        if not os.path.exists(pdf):
            continue
        # -raw: in content order, and without joining a word hyphenated at a line end
        text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"], capture_output=True,
                              text=True, check=True).stdout
        have = collections.Counter(ch for ch in text if not ch.isspace())
        want = cell_chars(xlsx)
        missing = want - have
        check(not missing, "%s: %d of %d characters of the cells are not in the PDF: %s" % (
            doc, sum(missing.values()), sum(want.values()),
            "".join(sorted(missing.elements()))[:80]))

done("check_print")
