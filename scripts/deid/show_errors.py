"""Print missed identifier tokens and false alarms of the analyzer on a labelled corpus.

usage: python scripts/deid/show_errors.py CORPUS.jsonl [--ids 7,8,9] [--limit N]
"""

from __future__ import annotations

import argparse
import collections
import json
import re

from echo_cases.deid import get_deidentifier

TOKEN = re.compile(r"\w+")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--ids", help="only ids whose last digit is in this comma list")
    ap.add_argument("--limit", type=int, default=60)
    args = ap.parse_args()
    with open(args.corpus, encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    if args.ids:
        digits = set(args.ids.split(","))
        docs = [d for d in docs if d["id"][-1] in digits]
    deid = get_deidentifier()
    missed: collections.Counter[str] = collections.Counter()
    alarms: collections.Counter[str] = collections.Counter()
    for doc, findings in zip(docs, deid.analyze_many(d["text"] for d in docs), strict=True):
        text = doc["text"]
        mask = bytearray(len(text))
        source = [""] * len(text)
        for f in findings:
            mask[f.start : f.end] = b"\x01" * (f.end - f.start)
            source[f.start : f.end] = [f.source] * (f.end - f.start)
        gold = [None] * len(text)
        for s in doc["spans"]:
            for i in range(s["start"], s["end"]):
                gold[i] = s["type"]
        # the scorer counts a token wholly inside an ignore range neither way
        ignored = bytearray(len(text))
        for s in doc.get("ignore", []):
            ignored[s["start"] : s["end"]] = b"\x01" * (s["end"] - s["start"])
        for m in TOKEN.finditer(text):
            a, b = m.span()
            if all(ignored[a:b]):
                continue
            kinds = {gold[i] for i in range(a, b)} - {None}
            ctx = text[max(0, a - 30) : a] + "[[" + text[a:b] + "]]" + text[b : b + 20]
            ctx = ctx.replace("\n", " ")
            if kinds and not all(mask[a:b]):
                missed[f"{sorted(kinds)[0]}: {ctx}"] += 1
            elif not kinds and any(mask[a:b]):
                alarms[f"{source[a]}: {ctx}"] += 1
    print(f"MISSED ({sum(missed.values())})")
    for k, n in missed.most_common(args.limit):
        print(f"  {n:3d} {k}")
    print(f"FALSE ALARMS ({sum(alarms.values())})")
    for k, n in alarms.most_common(args.limit):
        print(f"  {n:3d} {k}")


if __name__ == "__main__":
    main()
