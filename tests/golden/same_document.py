#!/usr/bin/python3
"""Two editions of one document (the text and the PDF as issued) give the
same document row (title, 文号, issuer, date, number of measures) and the
same measure ids in the same order. Text and positions may differ (a PDF's
lines wrap).

usage: same_document.py FENGONG SOURCE_DIR EDITION EDITION...
"""
import csv
import os
import subprocess
import sys
import tempfile

from tally import check, done

fengong, src = sys.argv[1:3]


def read(doc, tmp):
    out = os.path.join(tmp, os.path.basename(doc))
    subprocess.run([fengong, "-q", "--format", "csv", "-o", out, doc], cwd=src)
    with open(os.path.join(out, "documents.csv"), encoding="utf-8", newline="") as f:
        d = [(r["title"], r["number"], r["issuer"], r["date"], r["measures"])
             for r in csv.DictReader(f)]
    with open(os.path.join(out, "measures.csv"), encoding="utf-8", newline="") as f:
        m = [r["measure"] for r in csv.DictReader(f)]
    return d, m


with tempfile.TemporaryDirectory() as tmp:
    first = read(sys.argv[3], tmp)
    check(len(first[0]) == 1 and first[0][0][0], "%s: one document with a title" % sys.argv[3])
    for other in sys.argv[4:]:
        got = read(other, tmp)
        check(got[0] == first[0], "%s: document row %r, %r in %s" % (other, got[0], first[0],
                                                                       sys.argv[3]))
        check(got[1] == first[1], "%s: measures %r, %r" % (other, got[1], first[1]))
done("same_document")
