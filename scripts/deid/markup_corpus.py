"""Turn hand-labelled case snippets into a corpus in the shared format.

Snippets are separated by a line holding only "---"; lines starting with "#" are
comments. Inside a snippet an identifier is written [[K:value]], K being one of
P (PERSON), L (LOCATION), D (DATE), A (AGE), I (ID), C (CONTACT), or X for a span
the scorer must ignore (neither identifier nor false alarm: a debatable case).

usage: python scripts/deid/markup_corpus.py IN.txt OUT.jsonl [--prefix world]
"""

from __future__ import annotations

import argparse
import json
import re

KINDS = {
    "P": "PERSON",
    "L": "LOCATION",
    "D": "DATE",
    "A": "AGE",
    "I": "ID",
    "C": "CONTACT",
}
MARK = re.compile(r"\[\[([PLDAICX]):(.+?)\]\]", re.DOTALL)


def parse(snippet: str) -> tuple[str, list[dict[str, object]], list[dict[str, int]]]:
    """The plain text of one snippet, its labelled spans and its ignored spans."""
    parts: list[str] = []
    spans: list[dict[str, object]] = []
    ignore: list[dict[str, int]] = []
    pos = length = 0
    for m in MARK.finditer(snippet):
        before = snippet[pos : m.start()]
        parts.append(before)
        length += len(before)
        kind, value = m.group(1), m.group(2)
        if kind == "X":
            ignore.append({"start": length, "end": length + len(value)})
        else:
            spans.append({"start": length, "end": length + len(value), "type": KINDS[kind]})
        parts.append(value)
        length += len(value)
        pos = m.end()
    parts.append(snippet[pos:])
    text = "".join(parts)
    if "[[" in text or "]]" in text:
        raise ValueError(f"unbalanced markup in: {snippet[:80]!r}")
    return text, spans, ignore


def snippets(source: str) -> list[str]:
    lines = [line for line in source.splitlines() if not line.startswith("#")]
    chunks = "\n".join(lines).split("\n---\n")
    return [c.strip("\n") for c in chunks if c.strip()]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("source")
    ap.add_argument("out")
    ap.add_argument("--prefix", default="world")
    args = ap.parse_args()
    with open(args.source, encoding="utf-8") as fh:
        chunks = snippets(fh.read())
    with open(args.out, "w", encoding="utf-8") as out:
        for i, chunk in enumerate(chunks):
            text, spans, ignore = parse(chunk)
            doc: dict[str, object] = {"id": f"{args.prefix}-{i:04d}", "text": text, "spans": spans}
            if ignore:
                doc["ignore"] = ignore
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
