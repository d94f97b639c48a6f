"""Score the de-identifier on every corpus of tests/deid/data/corpora.toml, with its mark.

usage: python scripts/deid/score_corpora.py [--only NAME,NAME] [--casing lower,upper] [--json]

Prints token recall, precision, F2 and documents with a leak per corpus, and how many
drug, eponym and acronym mentions were erased, each corpus marked tuned-on or
scored-only, so that no figure is quoted without saying which it is. Only aggregates are
printed: reading a scored-only corpus's errors makes it tuned-on.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "tests" / "deid" / "data" / "corpora.toml"


def load_corpora() -> dict[str, dict[str, str]]:
    with MANIFEST.open("rb") as fh:
        return tomllib.load(fh)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="", help="comma-separated corpus names")
    ap.add_argument("--json", action="store_true", help="one JSON line per corpus")
    ap.add_argument(
        "--casing",
        default="",
        help="also score each corpus's copy in these casings (comma-separated: lower,upper)",
    )
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from echo_cases.deid import get_deidentifier
    from echo_cases.deid.evaluation import case_variant

    deid = get_deidentifier()
    wanted = {n for n in args.only.split(",") if n}
    for name, corpus in load_corpora().items():
        if wanted and name not in wanted:
            continue
        path = (ROOT / corpus["file"]).resolve()
        if not path.exists():
            print(f"{name:<24} missing: {path}")
            continue
        with path.open(encoding="utf-8") as fh:
            original = [json.loads(line) for line in fh if line.strip()]
        casings = [c for c in args.casing.split(",") if c]
        for casing in ["", *casings]:
            docs = case_variant(original, casing) if casing else original
            label = f"{name}:{casing}" if casing else name
            report(deid, label, corpus["status"], docs, as_json=args.json)
    return 0


def report(deid: Any, name: str, status: str, docs: list[dict[str, Any]], *, as_json: bool) -> None:
    from echo_cases.deid.evaluation import clinical_mentions_erased, score

    started = time.perf_counter()
    found = deid.analyze_many(d["text"] for d in docs)
    preds = {
        d["id"]: [{"start": f.start, "end": f.end} for f in fs]
        for d, fs in zip(docs, found, strict=True)
    }
    result = score(docs, preds)
    erased = clinical_mentions_erased(docs, preds)
    if as_json:
        print(json.dumps({"corpus": name, "status": status, **result, "erased": erased}))
        return
    print(
        f"{name:<24} {status:<12} R {result['recall']:.4f}  "
        f"P {result['precision']:.4f}  F2 {result['f2']:.4f}  "
        f"leaks {result['docs_with_leak']}/{result['docs']}  "
        f"({time.perf_counter() - started:.0f} s)  {result['recall_by_type']}"
    )
    print(
        " " * 25
        + "erased: "
        + ", ".join(
            f"{k} {v['erased']}/{v['mentions']} ({100 * v['share']:.1f}%)"
            for k, v in erased.items()
        )
    )


if __name__ == "__main__":
    raise SystemExit(main())
