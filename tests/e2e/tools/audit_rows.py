#!/usr/bin/env python3
"""The rows each audit entry wrote, one line each: seq, table, key and the
digest (hex; "-" for a row deleted), tab-separated, in the order written.
Reads both forms of the column rows: JSON text (before schema 38) and the
packing of src/store/seal_pack.c (its format byte 0x01), decoded here on
its own, from that file's description, so the e2e tests read the log the
way someone without laifang would.
Usage: audit_rows.py DATABASE"""
import json
import sqlite3
import sys

TABLES = [
    "app_user", "calendar_day", "case_agency_answer", "case_clock", "case_delivery", "case_entry",
    "case_evaluation", "case_event", "case_file", "case_intake", "case_notice", "case_query_code",
    "case_unit", "case_visitor", "category", "doc_number_counter", "exchange_document", "exchange_package",
    "exchange_peer", "reception_attachment", "reception_log", "reception_log_case", "saved_view",
    "schedule_change", "schedule_publication", "schedule_slot", "setting", "suggestion", "unit", "visitor",
]


def unpack(b):
    pos = 1
    rows = []
    table = None

    def varint():
        nonlocal pos
        v, shift = 0, 0
        while True:
            c = b[pos]
            pos += 1
            v |= (c & 0x7F) << shift
            shift += 7
            if not c & 0x80:
                return v

    def text():
        nonlocal pos
        n = varint()
        s = b[pos:pos + n]
        pos += n
        return s

    def uuid():
        nonlocal pos
        h = b[pos:pos + 16].hex()
        pos += 16
        return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])

    while pos < len(b):
        flags = b[pos]
        pos += 1
        if flags & 0x01:
            t = varint()
            table = text().decode() if t == 0 else TABLES[t - 1]
        kind = flags & 0x06
        if kind == 0x00:
            key = text().decode()
        elif kind == 0x06:
            key = str(varint())
        elif kind == 0x02:
            key = uuid()
        else:
            key = uuid() + "/" + str(varint())
        digest = text().hex() if flags & 0x08 else None
        if flags & 0x10 and not flags & 0x20:
            text()
        rows.append((table, key, digest))
    return rows


db = sqlite3.connect(sys.argv[1])
for seq, value in db.execute("SELECT seq, rows FROM audit_log WHERE rows IS NOT NULL ORDER BY seq"):
    if isinstance(value, bytes) and value[:1] == b"\x01":
        rows = unpack(value)
    else:
        text = value.decode() if isinstance(value, bytes) else value
        rows = [(r[0], r[1], r[2]) for r in json.loads(text)]
    for table, key, digest in rows:
        print("%d\t%s\t%s\t%s" % (seq, table, key, digest if digest is not None else "-"))
