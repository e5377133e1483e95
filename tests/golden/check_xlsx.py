#!/usr/bin/env python3
"""Reads matrix.xlsx back with openpyxl (a real reader, not XML greps) and
checks every sheet against the CSV outputs of the same run: 分工表 against
measures.csv and assignments.csv, 矩阵 against matrix.csv, 统计 against
counts from assignments.csv, 文件 against documents.csv, 问题 against the
diagnostics printed on stderr. Also: frozen panes, autofilter, print set-up,
repeated header row, footer, determinism, the English labels.

Usage: check_xlsx.py FENGONG SOURCE_DIR
"""
import collections
import csv
import os
import re
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

fengong, src = sys.argv[1], sys.argv[2]
from tally import check, done


def read_csv(out, name):
    with open(os.path.join(out, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def run(out, *args):
    p = subprocess.run([fengong, "-o", out, *args, "fixtures/seeds", "fixtures/corpus"],
                       cwd=src, capture_output=True, text=True)
    check(p.returncode == 0, "exit status %d" % p.returncode)
    return p.stderr


def value(ws, row, col):
    v = ws.cell(row=row, column=col).value
    return "" if v is None else v


with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "a")
    stderr = run(out)
    out_b = os.path.join(tmp, "b")
    run(out_b, "-q")
    with open(os.path.join(out, "matrix.xlsx"), "rb") as f1, \
         open(os.path.join(out_b, "matrix.xlsx"), "rb") as f2:
        check(f1.read() == f2.read(), "two runs give byte-identical workbooks")

    measures = read_csv(out, "measures.csv")
    assignments = read_csv(out, "assignments.csv")
    documents = read_csv(out, "documents.csv")
    with open(os.path.join(out, "matrix.csv"), encoding="utf-8", newline="") as f:
        matrix = list(csv.reader(f))
    agencies = matrix[0][3:]

    wb = openpyxl.load_workbook(os.path.join(out, "matrix.xlsx"))
    check(wb.sheetnames == ["分工表", "矩阵", "统计", "按单位", "文件", "问题"], "sheets %r" % wb.sheetnames)

    # 分工表: one row per measure, roles from assignments.csv
    ws = wb["分工表"]
    check(ws.freeze_panes == "A3", "分工表 frozen header, got %r" % ws.freeze_panes)
    check(ws.auto_filter.ref == "A2:J%d" % ws.max_row, "autofilter %r" % ws.auto_filter.ref)
    check(ws.page_setup.orientation == "landscape", "landscape")
    check(str(ws.page_setup.paperSize) == "9", "A4 paper, got %r" % ws.page_setup.paperSize)
    # an omitted fitToWidth means 1 in OOXML
    check(ws.page_setup.fitToWidth in (None, 1, "1"), "fit to one page wide")
    check(ws.page_setup.fitToHeight in (0, "0"), "as many pages tall as needed")
    check(ws.sheet_properties.pageSetUpPr.fitToPage, "fit to page enabled")
    check(ws.print_title_rows in ("2:2", "$2:$2"), "header row repeated, got %r" % ws.print_title_rows)
    check(ws.oddFooter.center.text == "第 &P 页 共 &N 页", "footer %r" % ws.oddFooter.center.text)
    check(value(ws, 1, 1) == "任务分工表", "title row %r" % value(ws, 1, 1))
    check([value(ws, 2, c) for c in range(1, 11)] ==
          ["序号", "文件", "编号", "重点任务", "具体措施", "牵头单位", "责任单位", "配合单位",
           "完成时限", "备注"], "分工表 header")
    # every measure is a task here (no section without attributions), on
    # one row or, when its text is taller than a row, on the rows below,
    # which repeat its other cells
    pieces = collections.defaultdict(list)
    for r in range(3, ws.max_row + 1):
        pieces[value(ws, r, 1)].append(r)
    check(sorted(pieces) == list(range(1, len(measures) + 1)), "分工表 numbers every measure")
    check(any(len(p) > 1 for p in pieces.values()), "a long measure goes on over rows")
    by_measure = collections.defaultdict(list)
    for a in assignments:
        by_measure[(a["document"], a["measure"])].append(a)
    for i, m in enumerate(measures):
        rs = pieces[i + 1] or [0]
        r = rs[0]
        key = (m["document"], m["measure"])
        check(rs == list(range(r, r + len(rs))), "measure %d on consecutive rows" % (i + 1))
        for c in (2, 3, 4, 6, 7, 8, 9, 10):
            check(all(value(ws, x, c) == value(ws, r, c) for x in rs if len(value(ws, r, c)) <
                      20 * 24), "measure %d: column %d repeated on its rows" % (i + 1, c))
        check(value(ws, r, 2) == m["document"], "文件 row %d" % r)
        check(value(ws, r, 3) == m["measure"], "编号 row %d" % r)
        check(value(ws, r, 9) == m["deadline"], "完成时限 row %d" % r)
        text = [value(ws, x, 5) for x in rs]
        check(m["text"].replace("\n", "").endswith("".join(text).replace("\n", "")) and
              all(text) or m["text"] == "", "具体措施 row %d is the measure's text" % r)
        # the document's names and order (assignments.csv keeps it), each
        # (name, role) once
        rows, seen = [], set()
        for a in by_measure[key]:
            if (a["agency_written"], a["role"]) not in seen:
                seen.add((a["agency_written"], a["role"]))
                rows.append(a)
        want = {
            6: [a["agency_written"] for a in rows if a["role"] == "lead"] +
               [a["agency_written"] + "（指导）" for a in rows if a["role"] == "guide"],
            7: [a["agency_written"] for a in rows if a["role"] == "responsible"],
            8: [a["agency_written"] for a in rows if a["role"] == "support"] +
               [a["agency_written"] + "（会同）" for a in rows if a["role"] == "joint"],
        }
        for col, names in want.items():
            check(value(ws, r, col) == "、".join(names), "row %d col %d: %r vs %r" % (
                r, col, value(ws, r, col), "、".join(names)))
        if not rows:
            check("原文未标注分工" in value(ws, r, 10), "备注 row %d says unattributed" % r)
        if any(a["open_list"] == "true" for a in rows):
            check("等" in value(ws, r, 10), "备注 row %d says open list" % r)

    # 按单位: one row per (agency, role, measure) of assignments.csv, agencies
    # in the matrix's order, then by role, then in document order
    ws = wb["按单位"]
    check([value(ws, 1, c) for c in range(1, 7)] == ["单位", "职责", "文件", "编号", "重点任务", "具体措施"],
          "按单位 header")
    got = [(value(ws, r, 1), value(ws, r, 2), value(ws, r, 3), value(ws, r, 4))
           for r in range(2, ws.max_row + 1)]
    got = [g for i, g in enumerate(got) if i == 0 or g != got[i - 1]]  # pieces of a long one
    seq = {(m["document"], m["measure"]): i for i, m in enumerate(measures)}
    role_order = ["牵头", "负责", "配合", "会同", "指导"]
    want = sorted({(a["agency"], a["role_zh"], a["document"], a["measure"]) for a in assignments},
                  key=lambda t: (agencies.index(t[0]), role_order.index(t[1]), seq[(t[2], t[3])]))
    check(got == want, "按单位 rows are assignments.csv's (%d vs %d)" % (len(got), len(want)))

    # 矩阵: equal to matrix.csv from its header row on
    ws = wb["矩阵"]
    check(ws.freeze_panes == "D3", "矩阵 frozen labels and header, got %r" % ws.freeze_panes)
    check(value(ws, 1, 3) == "图例" and value(ws, 1, 4) == "牵头", "legend")
    check(ws.cell(row=1, column=4).fill.fgColor.rgb.endswith("F4B183"), "legend colour")
    check(ws.cell(row=2, column=4).alignment.textRotation == 255, "vertical header")
    check(ws.max_row == len(matrix) + 1, "矩阵 rows")
    check([value(ws, 2, c) for c in range(4, 4 + len(agencies))] == agencies, "矩阵 agencies")
    for r, row in enumerate(matrix[1:], start=3):
        for c, want in enumerate(row, start=1):
            check(value(ws, r, c) == want, "矩阵 %s%d: %r vs %r" % (
                openpyxl.utils.get_column_letter(c), r, value(ws, r, c), want))
        for c in range(4, 4 + len(agencies)):
            if row[c - 1].startswith("牵头"):
                check(ws.cell(row=r, column=c).fill.fgColor.rgb.endswith("F4B183"),
                      "lead cell coloured")

    # 统计: counts per agency from assignments.csv
    ws = wb["统计"]
    roles = ["lead", "responsible", "support", "joint", "guide"]
    per = collections.defaultdict(lambda: collections.Counter())
    measures_of = collections.defaultdict(set)
    for a in assignments:
        per[a["agency"]][a["role"]] += 1
        measures_of[a["agency"]].add((a["document"], a["measure"]))
    check([value(ws, 1, c) for c in range(1, 8)] ==
          ["单位", "牵头", "负责", "配合", "会同", "指导", "合计"], "统计 header")
    check([value(ws, 1, c) for c in range(8, 8 + len(documents))] ==
          [d["document"] for d in documents], "统计 document columns")
    for i, name in enumerate(agencies):
        r = i + 2
        check(value(ws, r, 1) == name, "统计 row %d agency" % r)
        for k, role in enumerate(roles):
            check(value(ws, r, 2 + k) == per[name][role], "统计 %s %s" % (name, role))
        check(value(ws, r, 7) == len(measures_of[name]), "统计 %s total" % name)
        for k, d in enumerate(documents):
            n = len([m for m in measures_of[name] if m[0] == d["document"]])
            check(value(ws, r, 8 + k) == n, "统计 %s in %s" % (name, d["document"]))
    top_row = len(agencies) + 4
    check(value(ws, top_row, 1) == "最繁忙的20个单位", "top-20 title")
    totals = sorted(((-len(measures_of[n]), agencies.index(n), n) for n in agencies))[:20]
    for k, (neg, _, name) in enumerate(totals):
        check(value(ws, top_row + 2 + k, 1) == name and value(ws, top_row + 2 + k, 2) == -neg,
              "top-20 row %d" % (k + 1))
    with zipfile.ZipFile(os.path.join(out, "matrix.xlsx")) as z:
        check("xl/charts/chart1.xml" in z.namelist(), "统计 has its bar chart")

    # 文件: documents.csv
    ws = wb["文件"]
    for i, d in enumerate(documents):
        r = i + 2
        got = [value(ws, r, c) for c in range(1, 12)]
        want = [d["document"], d["title"], d["number"], d["issuer"], d["date"], d["file"],
                int(d["measures"]), int(d["attributed"]), int(d["agencies"]), int(d["warnings"]),
                d["level"]]
        check(got == want, "文件 row %d: %r vs %r" % (r, got, want))

    # 问题: every diagnostic printed on stderr
    ws = wb["问题"]
    printed = [l for l in stderr.splitlines() if not l.startswith("fengong:")]
    check(ws.max_row == len(printed) + 1, "问题 rows %d vs %d" % (ws.max_row, len(printed) + 1))
    sev = {"note": "提示", "warning": "警告", "error": "错误"}
    for i, line in enumerate(printed):
        m = re.match(r"^(.*?)(?::(\d+):(\d+))?: (note|warning|error): (.*) \[([a-z0-9-]+)\]$", line)
        check(m is not None, "diagnostic line %r" % line)
        if not m:
            continue
        r = i + 2
        want = [m.group(1), int(m.group(2)) if m.group(2) else "",
                int(m.group(3)) if m.group(3) else "", sev[m.group(4)], m.group(6), m.group(5)]
        got = [value(ws, r, c) for c in range(1, 7)]
        check(got[:5] == want[:5], "问题 row %d: %r vs %r" % (r, got, want))
        # 说明 in Chinese (the workbook's language), with the names the
        # English message quotes
        quoted = re.findall("“([^”]*)”", want[5])[:2]
        check(re.search("[\u4e00-\u9fff]", got[5]) and all(q in got[5] for q in quoted)
              and got[5] != want[5], "问题 row %d in Chinese: %r for %r" % (r, got[5], want[5]))

    # the same run in English: labels change, CSV headers do not; 问题 says
    # what stderr says
    out_en = os.path.join(tmp, "en")
    run(out_en, "-q", "--lang", "en")
    wb = openpyxl.load_workbook(os.path.join(out_en, "matrix.xlsx"))
    en_msgs = [value(wb["Issues"], r, 6) for r in range(2, wb["Issues"].max_row + 1)]
    check(en_msgs == [re.sub(r" \[[a-z0-9-]+\]$", "", l.split(": ", 2)[2] if l.count(": ") >= 2 else l)
                      for l in printed], "Issues in English")
    check(wb.sheetnames == ["Allocation", "Matrix", "Workload", "By agency", "Documents", "Issues"],
          "English sheets %r" % wb.sheetnames)
    check(value(wb["Allocation"], 2, 6) == "Lead", "English labels")
    check(value(wb["Matrix"], 3, 4) in ("", "Lead", "Responsible", "Support", "Joint", "Guide"),
          "English roles in the matrix")
    with open(os.path.join(out_en, "matrix.csv"), encoding="utf-8", newline="") as f:
        check(next(csv.reader(f)) == matrix[0], "CSV header unchanged by --lang")

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
    check(wb.sheetnames == ["分工表", "矩阵", "矩阵 2", "统计", "按单位", "文件", "问题"],
          "wide sheet names %r" % wb.sheetnames)
    sheets = [list(wb[name].iter_rows(values_only=True)) for name in ("矩阵", "矩阵 2")]
    # row 1 the legend, row 2 the header, row 3 the measure
    check(len(sheets[0][1]) == 16384, "first sheet full: %d columns" % len(sheets[0][1]))
    joined_header = list(sheets[0][1][3:]) + list(sheets[1][1][3:])
    check(joined_header == rows[0][3:], "the sheets' headers make the CSV header")
    check(list(sheets[1][1][:3]) == list(sheets[0][1][:3]), "labels repeated on the second sheet")
    joined_row = list(sheets[0][2]) + list(sheets[1][2][3:])
    check([v or "" for v in joined_row] == rows[1], "the row goes on over both sheets")

done("check_xlsx")
