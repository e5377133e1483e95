#!/usr/bin/python3
"""Two editions of one document (text and .docx, or text and PDF) give the
same assignments: the same (measure, agency as written, role) rows in the
same order. Positions differ and are not compared.

usage: same_assignments.py FENGONG SOURCE_DIR TEXT_EDITION OTHER_EDITION... [-- OPTION...]
(the options after -- are given to every run, e.g. --convert)
"""
import csv
import os
import subprocess
import sys
import tempfile

from tally import check, done

args = sys.argv[1:]
opts = args[args.index("--") + 1:] if "--" in args else []
args = args[:args.index("--")] if "--" in args else args
fengong, src, text = args[:3]


def rows(doc, tmp):
    out = os.path.join(tmp, os.path.basename(doc))
    subprocess.run([fengong, "-q", "--format", "csv", *opts, "-o", out, doc], cwd=src)
    with open(os.path.join(out, "assignments.csv"), encoding="utf-8", newline="") as f:
        return [(r["measure"], r["agency_written"], r["role"]) for r in csv.DictReader(f)]


with tempfile.TemporaryDirectory() as tmp:
    want = rows(text, tmp)
    check(len(want) > 0, "%s gives rows" % text)
    for other in args[3:]:
        got = rows(other, tmp)
        check(got == want, "%s: %d rows, %d as in %s; first difference: %r" % (
            other, len(got), sum(a == b for a, b in zip(got, want)), text,
            next(((a, b) for a, b in zip(got, want) if a != b), None)))
done("same_assignments")
