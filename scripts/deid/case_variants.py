"""Write a labelled corpus's copies in small letters and in capitals.

usage: python scripts/deid/case_variants.py CORPUS.jsonl OUT_DIR

Writes OUT_DIR/<stem>_lower.jsonl and OUT_DIR/<stem>_upper.jsonl with the gold spans
unchanged (documents whose length a casing changes are left out). The copies of a
scored-only corpus are scored-only too: score them in aggregate, never read them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("out_dir", type=Path)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from echo_cases.deid.evaluation import CASINGS, case_variant

    with args.corpus.open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for casing in CASINGS:
        out = args.out_dir / f"{args.corpus.stem}_{casing}.jsonl"
        variant = case_variant(docs, casing)
        with out.open("w", encoding="utf-8") as fh:
            for doc in variant:
                fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
        print(f"{out}: {len(variant)} of {len(docs)} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
