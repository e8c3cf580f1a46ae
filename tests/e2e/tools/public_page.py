#!/usr/bin/env python3
"""Read back what laifang publishes, for the e2e tests, as JSON on stdout.

  public_page.py html FILE   the page: title, meta viewport, whether the
                             style has a print part, and each table
                             (its section's class, heading, header cells,
                             rows of cell text), the paragraphs' text
  public_page.py csv FILE    the rows of a CSV (the BOM stripped)
  public_page.py png FILE    a screenshot: width, height, how many pixels
                             are not background (white) and how many are
                             dark (text), and the distinct colours seen

Standard library only (html.parser, csv, zlib): no third-party module.
"""
import csv
import html.parser
import json
import struct
import sys
import zlib


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.viewport = None
        self.lang = None
        self.style = ""
        self.tables = []
        self.paragraphs = []
        self.headings = []
        self._stack = []
        self._section = None
        self._h2 = ""
        self._cell = None
        self._row = None
        self._text = None
        self.doctype = False

    def handle_decl(self, decl):
        if decl.lower().startswith("doctype html"):
            self.doctype = True

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self._stack.append(tag)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "meta" and a.get("name") == "viewport":
            self.viewport = a.get("content")
        elif tag == "section":
            self._section = a.get("class")
        elif tag == "table":
            self.tables.append({"section": self._section, "heading": self._h2, "headers": [], "rows": []})
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = {"tag": tag, "label": a.get("data-label"), "text": ""}
        elif tag in ("p", "h1", "h2", "li", "title", "style"):
            self._text = ""

    def handle_endtag(self, tag):
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(self._cell)
            self._cell = None
        elif tag == "tr" and self._row is not None and self.tables:
            t = self.tables[-1]
            if all(c["tag"] == "th" for c in self._row):
                t["headers"] = [c["text"] for c in self._row]
            else:
                t["rows"].append([c["text"] for c in self._row])
                t.setdefault("labels", []).append([c["label"] for c in self._row])
            self._row = None
        elif self._text is not None and tag in ("p", "h1", "h2", "li", "title", "style"):
            text = self._text.strip()
            if tag == "title":
                self.title = text
            elif tag == "style":
                self.style = text
            elif tag in ("h1", "h2"):
                self.headings.append(text)
                if tag == "h2":
                    self._h2 = text
            else:
                self.paragraphs.append(text)
            self._text = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data
        elif self._text is not None:
            self._text += data


def read_html(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    return {
        "doctype": p.doctype,
        "lang": p.lang,
        "title": p.title,
        "viewport": p.viewport,
        "print_style": "@media print" in p.style,
        "phone_style": "max-width" in p.style,
        "headings": p.headings,
        "paragraphs": p.paragraphs,
        "tables": p.tables,
    }


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    bom = text.startswith("\ufeff")
    rows = list(csv.reader(text.lstrip("\ufeff").splitlines()))
    return {"bom": bom, "rows": rows}


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit("not a PNG: " + path)
    pos, idat, width, height, depth, ctype = 8, b"", 0, 0, 0, 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    if depth != 8 or ctype not in (0, 2, 6):
        raise SystemExit("unsupported PNG (depth %d, colour type %d)" % (depth, ctype))
    bpp = {0: 1, 2: 3, 6: 4}[ctype]
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    ink = dark = 0
    colours = set()
    i = 0
    for _ in range(height):
        ft = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ft == 1:
                line[x] = (line[x] + a) & 255
            elif ft == 2:
                line[x] = (line[x] + b) & 255
            elif ft == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 255
            elif ft == 4:
                line[x] = (line[x] + paeth(a, b, c)) & 255
        for x in range(0, stride, bpp):
            px = tuple(line[x:x + min(bpp, 3)])
            if len(colours) < 4096:
                colours.add(px)
            lum = sum(px) / len(px)
            if lum < 250:
                ink += 1
            if lum < 96:
                dark += 1
        prev = line
    return {"width": width, "height": height, "ink": ink, "dark": dark, "colours": len(colours)}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("html", "csv", "png"):
        sys.stderr.write(__doc__)
        return 2
    what, path = sys.argv[1], sys.argv[2]
    out = {"html": read_html, "csv": read_csv, "png": read_png}[what](path)
    json.dump(out, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
