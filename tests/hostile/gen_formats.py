#!/usr/bin/python3
"""Writes hostile .docx, .pdf and .doc inputs into a folder (for
run_hostile.sh cases formats and pdf-pages). PDFs are built by hand: the
smallest valid files with or without a text layer.

usage: gen_formats.py formats|pdf-pages DIR
"""
import io
import os
import sys
import zipfile


def pdf(pages):
    """A PDF whose pages hold the given ASCII lines (None: an empty page,
    as a scanned image without its image)."""
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", None,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for text in pages:
        content = ("BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text) if text else ""
        objs.append("<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        objs.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                    "/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % len(objs))
        kids.append("%d 0 R" % len(objs))
    objs[1] = "<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join(kids), len(kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(("%d 0 obj\n%s\nendobj\n" % (i, o)).encode())
    xref = out.tell()
    out.write(("xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)).encode())
    for off in offsets:
        out.write(("%010d 00000 n \n" % off).encode())
    out.write(("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
               % (len(objs) + 1, xref)).encode())
    return out.getvalue()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def docx(parts):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


case, d = sys.argv[1], sys.argv[2]
os.makedirs(d, exist_ok=True)
if case == "formats":
    write(os.path.join(d, "scanned.pdf"), pdf([None, None, None]))
    write(os.path.join(d, "damaged.pdf"), pdf(["page one"])[:60])
    write(os.path.join(d, "text.pdf"), pdf(["a PDF with text"]))
    bomb = b"<w:document>" + b" " * (65 << 20) + b"</w:document>"
    write(os.path.join(d, "bomb.docx"), docx({"word/document.xml": bomb}))
    write(os.path.join(d, "nodoc.docx"), docx({"word/styles.xml": b"<w:styles/>"}))
    write(os.path.join(d, "old.doc"), b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 4096)
    write(os.path.join(d, "old.wps"), b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 4096)
elif case == "pdf-pages":
    write(os.path.join(d, "pages.pdf"), pdf(["page %d" % i for i in range(10000)]))
