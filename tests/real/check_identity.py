#!/usr/bin/env python3
"""Checks title, 文号, issuer, date and status in documents.csv against identity.tsv.

usage: check_identity.py FENGONG REALDIR   (REALDIR holds central/ and local/)
Exit 0 when every document matches, 1 otherwise, 77 (skipped) when REALDIR is missing."""
import csv, os, subprocess, sys, tempfile

def main():
    fengong, real = sys.argv[1], sys.argv[2]
    if not os.path.isdir(os.path.join(real, "central")):
        print(f"skipped: no {real}/central")
        return 77
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "identity.tsv"), encoding="utf-8") as f:
        want = {r["file"]: r for r in csv.DictReader(f, delimiter="\t")}
    files = [os.path.join(real, k) for k in sorted(want)]
    missing = [f for f in files if not os.path.exists(f)]
    if missing:
        print("missing:", missing)
        return 1
    out = tempfile.mkdtemp()
    subprocess.run([fengong, "-q", "--format", "csv", "-o", out] + files, check=False)
    bad = 0
    with open(os.path.join(out, "documents.csv"), encoding="utf-8") as f:
        got = {os.path.relpath(r["file"], real): r for r in csv.DictReader(f)}
    for name, w in sorted(want.items()):
        g = got.get(name)
        if g is None:
            print(f"FAIL {name}: not in documents.csv")
            bad += 1
            continue
        for col in ("title", "number", "issuer", "date", "status"):
            if g[col] != w[col]:
                print(f"FAIL {name} {col}: got {g[col]!r}, want {w[col]!r}")
                bad += 1
    print(f"identity: {len(want)} documents, {bad} mismatches")
    return 1 if bad else 0

sys.exit(main())
