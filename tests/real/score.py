#!/usr/bin/python3
"""Scores fengong's assignments against the gold of the real documents.

usage: score.py [--min-f1 X] [--quiet] DIR ASSIGNMENTS.csv

DIR holds documents (STEM.html, STEM.md, STEM.txt …) and, beside the
attributed ones, STEM.gold.tsv (header `measure agency role`, one row per
measure and agency: ../../../shared/GOLD_RULES.md, or fixtures/real/*/SOURCES.md).
A document without a gold file is a negative: every row it gets is false.
ASSIGNMENTS.csv is fengong's assignments.csv of a run over DIR.

The measures of gold and tool are aligned in reading order (a global
alignment in which equal measure ids weigh most, then the agency names the
two measures share), then the (agency, role) pairs of aligned measures are
compared. Rows for open collectives (有关部门 …) are optional either way;
rows marked implicit=true (bodies a scope note implies) are left out, as
the gold leaves them out. Prints one line per document and a total line;
exits 1 when F1 is below --min-f1.
"""
import csv
import os
import sys

# fengong's role names and the gold's; both sides are mapped to these.
ROLES = {"lead": "lead", "responsible": "responsible", "support": "support",
         "joint": "joint", "with": "joint", "guide": "guide", "other:指导": "guide"}
OPTIONAL = {"有关部门", "有关部门和单位", "有关单位", "国务院相关部门", "相关部门和单位"}
DOC_EXT = (".html", ".htm", ".md", ".txt", ".docx", ".pdf")


def measure_id(m):
    """The numbering token: the last step of a path, without punctuation."""
    return m.rsplit("/", 1)[-1].strip().rstrip("、.．")


def as_measures(rows):
    """[(id, {(agency, role)})] in the order the measures first appear."""
    order, pairs = [], {}
    for m, agency, role in rows:
        if m not in pairs:
            order.append(m)
            pairs[m] = set()
        pairs[m].add((agency.strip(), ROLES.get(role.strip(), role.strip())))
    return [(measure_id(m), pairs[m]) for m in order]


def weight(g, t):
    shared = {a for a, _ in g[1]} & {a for a, _ in t[1]}
    return (1000 if g[0] == t[0] else 0) + len(shared)


def align(gold, tool):
    """Pairs (i, j) of a maximum-weight monotone alignment (Needleman-Wunsch
    with zero gap cost); only pairs of positive weight are kept."""
    n, m = len(gold), len(tool)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n):
        for j in range(m):
            best[i + 1][j + 1] = max(best[i][j + 1], best[i + 1][j],
                                     best[i][j] + weight(gold[i], tool[j]))
    pairs, i, j = [], n, m
    while i and j:
        w = weight(gold[i - 1], tool[j - 1])
        if w and best[i][j] == best[i - 1][j - 1] + w:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return pairs


def required(pairs):
    return {p for p in pairs if p[0] not in OPTIONAL}


def score_document(gold, tool):
    """(tp, fp, fn) of one document."""
    tp = fp = fn = 0
    pairs = align(gold, tool)
    for i, j in pairs:
        g, t = gold[i][1], tool[j][1]
        tp += len(required(g) & t)
        fn += len(required(g) - t)
        fp += len(required(t - g))
    gi = {i for i, _ in pairs}
    tj = {j for _, j in pairs}
    fn += sum(len(required(g[1])) for i, g in enumerate(gold) if i not in gi)
    fp += sum(len(t[1]) for j, t in enumerate(tool) if j not in tj)
    return tp, fp, fn


def ratio(a, b):
    return a / b if b else 0.0


def read_tool(path):
    rows = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            if r.get("implicit", "false") == "true":
                continue
            stem = os.path.splitext(os.path.basename(r["file"]))[0]
            rows.setdefault(stem, []).append((r["measure"], r["agency_written"], r["role"]))
    return rows


def read_gold(path):
    with open(path, encoding="utf-8") as fh:
        lines = [l.rstrip("\n").split("\t") for l in fh if l.strip()]
    if lines[0] != ["measure", "agency", "role"]:
        raise SystemExit(f"{path}: header is not measure, agency, role")
    return [tuple(l) for l in lines[1:]]


def score(folder, tool_rows, quiet=False):
    """Total (tp, fp, fn) over the documents of folder; prints per document."""
    total = [0, 0, 0]
    for name in sorted(os.listdir(folder)):
        if not name.endswith(DOC_EXT) or name.startswith("SOURCES"):
            continue
        stem = os.path.splitext(name)[0]
        tool = as_measures(tool_rows.get(stem, []))
        gold_path = os.path.join(folder, stem + ".gold.tsv")
        if os.path.exists(gold_path):
            tp, fp, fn = score_document(as_measures(read_gold(gold_path)), tool)
            line = (f"{stem}: tp {tp} fp {fp} fn {fn} precision {ratio(tp, tp + fp):.3f} "
                    f"recall {ratio(tp, tp + fn):.3f}")
        else:
            tp, fp, fn = 0, sum(len(t[1]) for t in tool), 0
            line = f"{stem}: negative, {fp} false rows"
        if not quiet:
            print(line)
        total = [total[0] + tp, total[1] + fp, total[2] + fn]
    return total


def main(argv):
    min_f1, quiet = None, False
    args = []
    it = iter(argv)
    for a in it:
        if a == "--min-f1":
            min_f1 = float(next(it))
        elif a == "--quiet":
            quiet = True
        else:
            args.append(a)
    if len(args) != 2:
        raise SystemExit(__doc__)
    tp, fp, fn = score(args[0], read_tool(args[1]), quiet)
    p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    f1 = ratio(2 * p * r, p + r)
    print(f"total: tp {tp} fp {fp} fn {fn} precision {p:.3f} recall {r:.3f} F1 {f1:.3f}")
    if min_f1 is not None and f1 < min_f1:
        print(f"FAIL: F1 {f1:.3f} is below the recorded {min_f1:.3f}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
