#!/usr/bin/env python3
"""net-snmp pass_persist handler that answers GET/GETNEXT/SET from an snmpsim .snmprec walk.

Usage (snmpd.conf): pass_persist -p 1 .1.3.6.1 /usr/bin/python3 snmprec_pass_persist.py FILE.snmprec
Values written by SET are kept in memory for the life of the process (so a driver SET can be read back).
"""
import bisect
import sys

TYPES = {"2": "integer", "4": "string", "6": "objectid", "64": "ipaddress", "65": "counter",
         "66": "gauge", "67": "timeticks", "70": "counter64"}


def parse_oid(text):
    return tuple(int(a) for a in text.strip().strip(".").split(".") if a != "")


def load(path):
    rows = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line or line.startswith("#") or line.count("|") < 2:
                continue
            oid_text, tag, value = line.split("|", 2)
            try:
                oid = parse_oid(oid_text)
            except ValueError:
                continue
            tag, _, variation = tag.partition(":")
            if variation and value.startswith("value="):
                value = value[len("value="):]
            hexed = tag.endswith("x")
            tag = tag.rstrip("x")
            if tag not in TYPES:
                continue  # NULL and exotic types: answered as absent
            if hexed:
                raw = bytes.fromhex(value)
                if tag == "4":
                    rows[oid] = ("octet", " ".join("%02X" % b for b in raw)) if raw else ("string", "")
                elif tag == "64":
                    rows[oid] = ("ipaddress", ".".join(str(b) for b in raw))
                continue
            rows[oid] = (TYPES[tag], value)
    return rows


def main():
    rows = load(sys.argv[1])
    keys = sorted(rows)
    out = sys.stdout

    def answer(oid):
        kind, value = rows[oid]
        out.write("." + ".".join(map(str, oid)) + "\n" + kind + "\n" + value + "\n")

    while True:
        line = sys.stdin.readline()
        if not line:
            return
        cmd = line.strip().lower()
        if cmd == "ping":
            out.write("PONG\n")
        elif cmd == "get":
            oid = parse_oid(sys.stdin.readline())
            if oid in rows:
                answer(oid)
            else:
                out.write("NONE\n")
        elif cmd == "getnext":
            oid = parse_oid(sys.stdin.readline())
            i = bisect.bisect_right(keys, oid)
            if i < len(keys):
                answer(keys[i])
            else:
                out.write("NONE\n")
        elif cmd == "set":
            oid = parse_oid(sys.stdin.readline())
            kind, _, value = sys.stdin.readline().strip().partition(" ")
            if oid not in rows:
                out.write("not-writable\n")
            else:
                old_kind = rows[oid][0]
                if kind == "string" and value.startswith('"') and value.endswith('"'):
                    value = value[1:-1]
                rows[oid] = (old_kind if old_kind != "octet" else "string", value)
                out.write("DONE\n")
        elif cmd == "":
            continue
        else:
            out.write("NONE\n")
        out.flush()


if __name__ == "__main__":
    main()
