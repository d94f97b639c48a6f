"""Spend a fine-tuned model's precision on recall: lower the score of "outside" in its ner.

usage: python -m echo_cases.deid.training.calibrate MODEL_DIR REFERENCE_DIR SELECT.jsonl OUT_DIR

The ner reads a text left to right and, at each word outside a name, chooses between
beginning an identifier and "O" (outside). Lowering the bias of "O" makes it begin one
whenever it was nearly sure enough: more recall, less precision, and nothing else changes
(inside an identifier "O" is not a choice). Fine-tuning (``finetune.py``) moves the model
towards precision; this moves it back towards recall, by the largest step (of
``SHIFTS``) at which the whole de-identifier's token precision on SELECT (held-out text) stays
within ``PRECISION_GIVEN`` of what it is with REFERENCE_DIR's model (the one it replaces).
The gain of fine-tuning thus goes to recall, which is what the de-identifier is for.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.language import Language

from echo_cases.deid.training.train import read_jsonl

SHIFTS = (0.0, 1.0, 2.0, 3.0, 4.0)
# How much precision on the selection set recall may cost, below the reference model's.
PRECISION_GIVEN = 0.005
SCORES = ("recall", "precision", "f2", "docs_with_leak")


def outside_shift(nlp: Language) -> float:
    """The shift already applied to a model (0 for one never calibrated)."""
    return float(nlp.meta.get("echo_training", {}).get("outside_shift", 0.0))


def shift_outside(nlp: Language, shift: float) -> None:
    """Make the model's "O" score ``shift`` lower than it was trained to, once: calibrating a
    calibrated model replaces its shift rather than adding to it."""
    ner = nlp.get_pipe("ner")
    moves = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]  # type: ignore[attr-defined]
    upper = ner.model.get_ref("upper")  # type: ignore[attr-defined]
    bias = upper.get_param("b").copy()
    bias[moves.index("O")] -= shift - outside_shift(nlp)
    upper.set_param("b", bias)
    nlp.meta.setdefault("echo_training", {})["outside_shift"] = shift


def shifted_copy(model_dir: Path, shift: float, into: Path) -> Path:
    """The model with its "O" score shifted, written under ``into`` (a temporary directory:
    never beside a shipped model). The de-identifier reads the NER's weights once, when it
    loads (``nlp.GreedyNer``), so a shift made to a loaded model is never seen: each shift
    is scored by a de-identifier loaded from its own copy."""
    nlp = spacy.load(model_dir)
    shift_outside(nlp, shift)
    out = into / f"{model_dir.name}.shift-{shift:g}"
    nlp.to_disk(out)
    return out


def whole_scores(model_dir: Path, select: list[dict], shifts: tuple[float, ...]) -> Iterator[dict]:
    """The whole de-identifier's scores on SELECT with the model shifted by each of ``shifts``
    in turn (scored lazily: a caller may stop early)."""
    from echo_cases.deid.analyzer import Deidentifier
    from echo_cases.deid.evaluation import score

    for shift in shifts:
        # Read whole at load: the copy is not needed again, and goes even on an error.
        with tempfile.TemporaryDirectory(prefix="echo-calibrate-") as tmp:
            deid = Deidentifier(shifted_copy(model_dir, shift, Path(tmp)))
        found = deid.analyze_many(d["text"] for d in select)
        preds = {
            d["id"]: [{"start": f.start, "end": f.end} for f in fs]
            for d, fs in zip(select, found, strict=True)
        }
        result = score(select, preds)
        scores = {"shift": shift, **{k: result[k] for k in SCORES}}
        _say(f"{model_dir.name}, shift {shift}: {scores}")
        yield scores


def calibrate(model_dir: Path, reference_dir: Path, select_path: Path, out_dir: Path) -> dict:
    """Write ``model_dir``'s model to ``out_dir`` with the chosen shift; return its scores."""
    select = read_jsonl(select_path)
    reference = next(whole_scores(reference_dir, select, (0.0,)))
    floor = reference["precision"] - PRECISION_GIVEN
    chosen = None
    for scores in whole_scores(model_dir, select, SHIFTS):
        if scores["precision"] < floor:
            break
        chosen = scores
    if chosen is None:  # not even unshifted: keep it as it is, and say so in its meta
        chosen = {"shift": 0.0}
    nlp = spacy.load(model_dir)
    shift_outside(nlp, float(chosen["shift"]))
    nlp.meta["echo_training"]["calibration"] = {"reference": reference, "chosen": chosen}
    staging = out_dir.with_name(out_dir.name + ".calibrating")
    shutil.rmtree(staging, ignore_errors=True)
    nlp.to_disk(staging)
    shutil.rmtree(out_dir, ignore_errors=True)
    staging.rename(out_dir)
    return chosen


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model", type=Path)
    ap.add_argument("reference", type=Path)
    ap.add_argument("select", type=Path)
    ap.add_argument("out", type=Path)
    args = ap.parse_args(argv)
    print(json.dumps(calibrate(args.model, args.reference, args.select, args.out)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
