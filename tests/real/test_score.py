#!/usr/bin/python3
"""The scorer can fail: outputs made wrong on purpose from a real gold file
must score below 1 and make score.py exit 1 under --min-f1."""
import csv
import os
import shutil
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "golden"))
from tally import check, done  # noqa: E402

src, work = sys.argv[1], sys.argv[2]  # fixtures/real/local, a scratch folder
shutil.rmtree(work, ignore_errors=True)
docs = os.path.join(work, "docs")
os.makedirs(docs)
for n in ("l03.html", "l03.gold.tsv", "l14.html"):
    shutil.copy(os.path.join(src, n), docs)
with open(os.path.join(docs, "l03.gold.tsv"), encoding="utf-8") as fh:
    gold = [l.rstrip("\n").split("\t") for l in fh][1:]

HEADER = ["file", "measure", "agency_written", "role", "implicit"]


def run(rows, min_f1):
    path = os.path.join(work, "assignments.csv")
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows)
    p = subprocess.run([sys.executable, os.path.join(here, "score.py"), "--min-f1", str(min_f1),
                        docs, path], capture_output=True, text=True)
    total = p.stdout.strip().splitlines()[-1]
    return p.returncode, float(total.rsplit(" ", 1)[1]), p.stdout


def rows_of(g, file="x/l03.html", implicit="false"):
    return [[file, m, a, r, implicit] for m, a, r in g]


rc, f1, _ = run(rows_of(gold), 1.0)
check(rc == 0 and f1 == 1.0, "the gold itself scores 1.000 (got %.3f, exit %d)" % (f1, rc))

flipped = [[m, a, "support" if i % 2 else r] for i, (m, a, r) in enumerate(gold)]
rc, f1, _ = run(rows_of(flipped), 0.9)
check(rc == 1 and f1 < 0.7, "half the roles wrong: F1 %.3f, exit %d" % (f1, rc))

rc, f1, _ = run(rows_of(gold[: len(gold) // 2]), 0.9)
check(rc == 1 and 0.5 < f1 < 0.8, "half the rows missing: F1 %.3f, exit %d" % (f1, rc))

ids = list(dict.fromkeys(m for m, _, _ in gold))
shifted = [[ids[(ids.index(m) + 1) % len(ids)], a, r] for m, a, r in gold]
rc, f1, _ = run(rows_of(shifted), 0.9)
check(rc == 1 and f1 < 0.9, "each measure's rows under the next measure's id: F1 %.3f" % f1)

paths = [["一/" + m, a, r] for m, a, r in gold]
rc, f1, _ = run(rows_of(paths), 1.0)
check(rc == 0 and f1 == 1.0, "a path is compared by its last step: F1 %.3f" % f1)

rc, f1, out = run(rows_of(gold) + [["y/l14.html", "一", "市财政局", "lead", "false"]], 1.0)
check(rc == 1 and "l14: negative, 1 false rows" in out, "a row on a negative is false")

rc, f1, _ = run(rows_of(gold) + rows_of([["（一）", "各区政府", "responsible"]], implicit="true"), 1.0)
check(rc == 0 and f1 == 1.0, "implicit rows are left out: F1 %.3f" % f1)

rc, f1, _ = run(rows_of(gold) + [["x/l03.html", "（一）", "有关部门", "responsible", "false"]], 1.0)
check(rc == 0 and f1 == 1.0, "an open collective is optional: F1 %.3f" % f1)

done("real.scorer")
