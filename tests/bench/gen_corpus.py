#!/usr/bin/env python3
"""Generates a deterministic benchmark corpus from the fixture documents'
measures: N documents (default 5000) of about 16 KB each (75 MB and more in
all), a third each plain text, HTML with inline <span>s inside agency names
(as reprint sites have them), and Markdown with front matter.

Usage: gen_corpus.py FIXTURES_DIR OUT_DIR [N]
"""
import os
import random
import re
import sys

fixtures, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5000
rng = random.Random(20221)

# measures: paragraphs that end with an attribution, from seeds 002 and 003
items = []
for name in ("002_355ce6cae6b0e9f2.txt", "003_6741a91e15ed5b62.txt"):
    text = open(os.path.join(fixtures, "seeds", name), encoding="utf-8").read()
    text = re.sub(r"<[^>]+>", "\n", text)
    for para in text.split("\n"):
        para = re.sub(r"^[一二三四五六七八九十]+、", "", para.strip())
        if re.search(r"[（(][^（）()]*(负责|牵头)[）)]$", para) and len(para) > 60:
            items.append(para)
plain = [p.strip() for p in open(os.path.join(fixtures, "seeds", "004_27c13384efe3ac55.txt"),
                                 encoding="utf-8").read().split("\n")
         if re.match(r"^（[一二三四五六七八九十]+）", p.strip())]
NUM = "一二三四五六七八九十"


def numeral(i):
    if i <= 10:
        return NUM[i - 1]
    if i < 20:
        return "十" + NUM[i - 11]
    return NUM[i // 10 - 1] + "十" + (NUM[i % 10 - 1] if i % 10 else "")


def body(k):
    paras = []
    for i in range(1, 26):
        if rng.random() < 0.8:
            paras.append("%s、%s" % (numeral(i), rng.choice(items)))
        else:
            paras.append("%s、%s" % (numeral(i), re.sub(r"^（[^）]*）", "", rng.choice(plain))))
    return paras


os.makedirs(out, exist_ok=True)
total = 0
for k in range(n):
    title = "国务院办公厅关于推动外贸工作的意见（第%d号测试）" % k
    number = "国办发〔20%02d〕%d号" % (k % 24, k % 97 + 1)
    paras = body(k)
    kind = k % 3
    sub = os.path.join(out, "%02d" % (k % 50))
    os.makedirs(sub, exist_ok=True)
    if kind == 0:
        path = os.path.join(sub, "doc%05d.txt" % k)
        text = "\n".join([title, number, "各省、自治区、直辖市人民政府：", "现提出以下意见："] + paras +
                         ["国务院办公厅", "2022年5月17日"]) + "\n"
    elif kind == 1:
        path = os.path.join(sub, "doc%05d.html" % k)
        spans = [re.sub(r"(人民|进出口|商务|财政)(银行|部)",
                        r'\1<span class="em_stock_key">\2</span>', p) for p in paras]
        text = ("<html><head><meta charset=\"utf-8\"><title>%s</title></head><body>"
                "<p style=\"text-align:center\"><strong>%s</strong></p><p>%s</p>"
                "<p>现提出以下意见：</p>%s<p>国务院办公厅</p><p>2022年5月17日</p></body></html>\n"
                % (title, title, number, "".join("<p>%s</p>" % p for p in spans)))
    else:
        path = os.path.join(sub, "doc%05d.md" % k)
        text = ("---\ntitle: \"%s\"\ndate: 2022-05-26\n---\n# %s\n\n%s\n\n现提出以下意见：\n\n%s\n\n"
                "国务院办公厅\n\n2022年5月17日\n" % (title, title, number, "\n\n".join(paras)))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    total += len(text.encode("utf-8"))
print("%d documents, %.1f MB" % (n, total / 1e6))
