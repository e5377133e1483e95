#!/usr/bin/env python3
"""Writes a hard-wrapped plain-text copy of a seed, as a PDF reader gives it.

usage: wrap_seed.py SEED OUT [WIDTH [furniture]]
The seed's HTML is turned into plain text (block tags end lines, other tags
vanish, entities decoded), then every line longer than WIDTH characters
(default 38) is cut every WIDTH characters. With "furniture", every 20
lines are a page: a page-number line (alternately "— N —", "- N -" and
"第 N 页") and a running head ("国务院办公厅文件") follow."""
import html, re, sys

def main():
    src, out = sys.argv[1], sys.argv[2]
    width = int(sys.argv[3]) if len(sys.argv) > 3 else 38
    furniture = len(sys.argv) > 4 and sys.argv[4] == "furniture"
    text = open(src, encoding="utf-8").read()
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", text)
    text = re.sub(r"(?i)<(?:br|/?p|/?div|/?li|/?tr|/?h[1-6]|/?table)\b[^>]*>", "\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text)
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        while len(line) > width:
            lines.append(line[:width])
            line = line[width:]
        lines.append(line)
    if furniture:
        paged, page = [], 1
        for i, line in enumerate(lines):
            paged.append(line)
            if i % 20 == 19:
                paged.append(["— %d —", "- %d -", "第 %d 页"][page % 3] % page)
                paged.append("国务院办公厅文件")
                page += 1
        lines = paged
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

main()
