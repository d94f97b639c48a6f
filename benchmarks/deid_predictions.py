"""Fingerprints of the de-identifier's predictions on every corpus, to prove a speed-up
changed nothing.

usage: python benchmarks/deid_predictions.py OUT.json [--against BEFORE.json]
    [--casing lower,upper] [--only NAME,NAME] [--modes single,batched,fields]

For every corpus of tests/deid/data/corpora.toml, the findings (offsets, type, subtype,
score, source) of ``analyze`` one text at a time, of ``analyze_many`` batched, and of
``analyze_fields`` over cases of three consecutive texts, each hashed (``--modes`` picks
some, for a quicker check while working). Tuned-on corpora are hashed document by
document so that a difference can be found; scored-only ones are hashed document by
document too, but only a count of the documents that differ is ever printed: which ones
and what they hold is never shown, as reading their predictions would make them tuned-on
(corpora.toml). ``--casing`` fingerprints each
corpus's copies in small letters and in capitals too (as ``score_corpora.py --casing``
makes them), under "NAME:lower" and "NAME:upper".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "tests" / "deid" / "data" / "corpora.toml"
sys.path.insert(0, str(ROOT))

_CASE_FIELDS = 3


def _digest(findings: object) -> str:
    return hashlib.sha256(repr(findings).encode()).hexdigest()[:16]


def _key(findings: list) -> list[tuple]:  # type: ignore[type-arg]
    return [(f.start, f.end, f.entity_type.value, f.subtype, f.score, f.source) for f in findings]


MODES = ("single", "batched", "fields")


def fingerprints(texts: list[str], modes: tuple[str, ...] = MODES) -> dict[str, list[str]]:
    from echo_cases.deid import get_deidentifier

    deid = get_deidentifier()
    prints: dict[str, list[str]] = {}
    if "single" in modes:
        prints["single"] = [_digest(_key(deid.analyze(t))) for t in texts]
    if "batched" in modes:
        prints["batched"] = [_digest(_key(f)) for f in deid.analyze_many(texts, batch_size=64)]
    if "fields" in modes:
        fields = []
        for i in range(0, len(texts), _CASE_FIELDS):
            case = {f"f{j}": t for j, t in enumerate(texts[i : i + _CASE_FIELDS])}
            found = deid.analyze_fields(case)
            fields.append(_digest([(name, _key(found[name])) for name in case]))
        prints["fields"] = fields
    return prints


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--against", help="an earlier OUT.json to compare with")
    ap.add_argument("--casing", default="", help="also these casings' copies: lower,upper")
    ap.add_argument("--only", default="", help="comma-separated corpus names")
    ap.add_argument("--modes", default=",".join(MODES), help="some of " + ",".join(MODES))
    args = ap.parse_args()
    modes = tuple(m for m in args.modes.split(",") if m)
    from echo_cases.deid.evaluation import case_variant

    casings = [c for c in args.casing.split(",") if c]
    wanted = {n for n in args.only.split(",") if n}
    with MANIFEST.open("rb") as fh:
        corpora = tomllib.load(fh)
    result: dict[str, dict[str, object]] = {}
    for name, corpus in corpora.items():
        if wanted and name not in wanted:
            continue
        path = (ROOT / corpus["file"]).resolve()
        if not path.exists():
            print(f"{name}: missing {path}")
            continue
        with path.open(encoding="utf-8") as fh:
            docs = [json.loads(line) for line in fh if line.strip()]
        for casing in ["", *casings]:
            copy = case_variant(docs, casing) if casing else docs
            prints = fingerprints([d["text"] for d in copy], modes)
            label = f"{name}:{casing}" if casing else name
            result[label] = {"status": corpus["status"], **prints}
    Path(args.out).write_text(json.dumps(result, indent=1))
    if not args.against:
        return 0
    before = json.loads(Path(args.against).read_text())
    differ = 0
    for name, prints in result.items():
        scored_only = prints["status"] == "scored-only"
        for mode in modes:
            now, then = prints[mode], before.get(name, {}).get(mode)
            if now == then:
                continue
            differ += 1
            if not isinstance(then, list) or len(then) != len(now):
                print(f"{name} {mode}: no comparable fingerprint before")
                continue
            docs = [i for i, (a, b) in enumerate(zip(now, then, strict=True)) if a != b]
            # A scored-only corpus's differing documents are counted, never named.
            shown = "" if scored_only else f", first {docs[:10]}"
            print(f"{name} {mode}: {len(docs)} documents differ{shown}")
    print("identical" if not differ else f"{differ} corpus/mode pairs differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
