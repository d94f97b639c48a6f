"""Hand-written tuned-on corpora as fine-tuning text, with a gate kept out of training.

usage: python -m echo_cases.deid.training.handwritten OUT.jsonl --gate NAME [--gate NAME ...]
           [--once NAME ...] [--repeat 3] [--seed 473]

Fine-tunes on generated text alone bought precision with recall on text people wrote
(docs/deid.md, sessions 4 to 10). This writes the labelled documents of every tuned-on
corpus of tests/deid/data/corpora.toml, each with its lower and upper copies
(``case_variant``: phone-typed small letters and ALL-CAPS ward text), to mix into
``finetune.py --train``. Scored-only corpora are never read. The ``--gate`` corpora are left
out entirely, so that calibrating on them (``calibrate.py --floor``) and judging the model by
them still measures text it never trained on. Small corpora are repeated ``--repeat`` times
(oversampled, so a few dozen notes weigh against thousands of generated ones); the large
synthetic ones named by ``--once`` are taken as written once with a random half of each copy.
A document with a debatable span (``ignore``) is left out: training would teach the model
that the debatable words are outside any identifier.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

from echo_cases.deid.evaluation import case_variant
from echo_cases.deid.training.calibrate import FLOOR_CASINGS, MANIFEST
from echo_cases.deid.training.train import read_jsonl


def training_mix(
    gate: Sequence[str],
    *,
    once: Sequence[str] = (),
    leave_out: Sequence[str] = (),
    repeat: int = 3,
    seed: int = 473,
    manifest: Path = MANIFEST,
) -> list[dict]:
    """The shuffled training documents ({id, text, spans}) of the tuned-on corpora not gated.

    ``leave_out`` names tuned-on corpora that are neither trained on nor a gate: the sets
    written after a model was trained, left out to rebuild it as it was (make deid-second)."""
    with manifest.open("rb") as fh:
        corpora = tomllib.load(fh)
    for name in [*gate, *once, *leave_out]:
        if name not in corpora:
            raise ValueError(f"{name!r} is not in {manifest.name}")
    rng = random.Random(seed)  # noqa: S311  # nosec B311 -- sampling training data, not a secret
    out: list[dict] = []
    for name, corpus in corpora.items():
        if corpus["status"] != "tuned-on" or name in gate or name in leave_out:
            continue
        docs = read_jsonl((manifest.parents[3] / corpus["file"]).resolve())
        docs = [d for d in docs if not d.get("ignore")]
        copies = [case_variant(docs, casing) for casing in FLOOR_CASINGS]
        if name in once:
            out.extend(docs)
            for copy in copies:
                out.extend(rng.sample(copy, len(copy) // 2))
        else:
            for _ in range(repeat):
                out.extend(docs)
                for copy in copies:
                    out.extend(copy)
    rng.shuffle(out)
    return [{"id": d["id"], "text": d["text"], "spans": d["spans"]} for d in out]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--gate", action="append", required=True, help="a corpus kept out")
    ap.add_argument("--once", action="append", default=[], help="a large corpus, not repeated")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=473)
    args = ap.parse_args(argv)
    mix = training_mix(args.gate, once=args.once, repeat=args.repeat, seed=args.seed)
    with args.out.open("w", encoding="utf-8") as fh:
        for doc in mix:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(f"{len(mix)} texts", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
