#!/usr/bin/env python3
"""Independent checker for `setwork rounds --json` (issue 17): shares no code with the engine.

usage: rounds_check.py JSON --people N|--people-csv FILE --size P|A-P --rounds W
                       [--absent FILE] [--apart FILE] [--lock CSV]
Checks every round (each present person at exactly one table, absent people at none, tables
of at most P with sizes within one: the fewest, or with a range A-P up to as many as keep
every table at A or more), locked rounds as in the
lock CSV, keep-apart pairs never together, and recomputes the pairs meeting more than once
and the most meetings of a pair against the JSON. Prints "ok REPEATS" or "bad: why"."""
import csv
import json
import sys
from itertools import combinations


def main(argv):
    args = {"json": argv[1]}
    k = 2
    while k < len(argv):
        args[argv[k].lstrip("-")] = argv[k + 1]
        k += 2
    doc = json.load(open(args["json"]))
    if "people-csv" in args:
        with open(args["people-csv"], newline="") as fp:
            people = [row["email"] for row in csv.DictReader(fp)]
    else:
        people = list(range(int(args["people"])))
    key = {str(p).lower(): p for p in people}

    def rows(path):  # a steering file's rows, comments and blank lines left out
        for row in csv.reader(open(path)):
            if row and not row[0].lstrip().startswith("#"):
                yield [f.strip().lower() for f in row]
    size = args["size"].split("-")
    lo_allowed, hi_allowed = (int(size[0]), int(size[-1]))
    if len(size) == 1:
        lo_allowed = 0
    w = int(args["rounds"])
    absent = set()
    if "absent" in args:
        for row in rows(args["absent"]):
            absent.add((key[row[0]], int(row[1]) - 1))
    apart = []
    if "apart" in args:
        for row in rows(args["apart"]):
            apart.append((key[row[0]], key[row[1]]))
    locked = {}
    if "lock" in args:
        with open(args["lock"], newline="") as fp:
            for row in csv.DictReader(fp):
                r = int(row["round"]) - 1
                if row["table"]:
                    locked.setdefault(r, {}).setdefault(int(row["table"]), set()).add(
                        key[row["email"].lower()])
    rounds = doc["rounds"]
    if len(rounds) != w:
        return f"bad: {len(rounds)} rounds, not {w}"
    meet = {}
    for r, tables in enumerate(rounds):
        seated = [m for t in tables for m in t]
        present = [p for p in people if (p, r) not in absent and
                   (r not in locked or any(p in t for t in locked[r].values()))]
        if sorted(map(str, seated)) != sorted(map(str, present)):
            return f"bad: round {r + 1} seats {len(seated)} people, {len(present)} present"
        if r in locked:
            if sorted(map(sorted, locked[r].values())) != sorted(map(sorted, tables)):
                return f"bad: locked round {r + 1} changed"
        else:
            m = len(present)
            sizes = [len(t) for t in tables]
            fewest = -(-m // hi_allowed)
            most = max(fewest, m // lo_allowed) if lo_allowed else fewest
            if m and (not fewest <= len(tables) <= most or max(sizes) - min(sizes) > 1 or
                      max(sizes) > hi_allowed or min(sizes) < lo_allowed):
                return f"bad: round {r + 1} has tables of {sorted(sizes)} for {m} people"
        for t in tables:
            ts = set(t)
            for a, b in apart:
                if a in ts and b in ts:
                    return f"bad: round {r + 1}: keep-apart pair {a} and {b} together"
            for a, b in combinations(sorted(t, key=str), 2):
                meet[(a, b)] = meet.get((a, b), 0) + 1
    repeats = sum(1 for c in meet.values() if c > 1)
    most = max(meet.values(), default=0)
    if repeats != doc["repeat_pairs"] or most != doc["max_meetings"]:
        return f"bad: {repeats} repeats and at most {most} meetings, JSON says " \
               f"{doc['repeat_pairs']} and {doc['max_meetings']}"
    if doc.get("optimal") and repeats > doc.get("least_repeats", 0) and repeats > 0:
        return "bad: optimal above the proven bound"
    if repeats < doc.get("least_repeats", 0) and most <= 2:
        return "bad: fewer repeats than the proven bound"
    return f"ok {repeats}"


if __name__ == "__main__":
    print(main(sys.argv))
