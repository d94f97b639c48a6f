"""Calibrate a fine-tuned model label by label: how readily its ner begins each kind of identifier.

usage: python -m echo_cases.deid.training.calibrate MODEL_DIR REFERENCE_DIR SELECT.jsonl OUT_DIR

The ner reads a text left to right and, at each word outside an identifier, chooses between
"O" (outside) and beginning one of each label (B-X, or U-X for one word). Raising the bias
of B-X and U-X by a shift makes it begin an X whenever it was nearly sure enough: more
recall of X, and more false alarms labelled X; nothing else changes (inside an identifier
only I-X and L-X are choices). One shift for every label is the same as lowering "O" (what
session 7 did, by 2.0); but recall is cheap for some labels and dear for others (that single
shift cost DATE and LOCATION precision on a blind set), so each label gets its own.

How a label's shift is chosen, on SELECT (held-out text, whole de-identifier): every label
is shifted by each of ``SHIFTS`` in turn, and the identifier tokens found and false alarms
raised are counted by label (a label's shift barely moves the others', so one pass per shift
serves every label). A label takes

1. the smallest shift at which the de-identifier finds at least as many tokens of that label
   as with REFERENCE_DIR's model (the one it replaces): recall is never given back; then
2. each further step for as long as the step finds at least as many of that label's tokens
   as it raises false alarms labelled so (recall bought where it is cheap).

The chosen shifts are then scored together once, and both counts are written to meta.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from echo_cases.deid.training.train import read_jsonl

SHIFTS = (0.0, 0.5, 1.0, 1.5, 2.0, 2.25, 2.5, 2.75, 3.0, 3.25, 3.5, 4.0)
SCORES = ("recall", "precision", "f2", "docs_with_leak")


def outside_shift(nlp: Language) -> float:
    """How much lower than trained a model's "O" score is (session 7's calibration; 0 for a
    model calibrated label by label, or never)."""
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


def begin_shifts(nlp: Language) -> dict[str, float]:
    """How much higher than trained each label's B- and U- scores are (0 if never shifted)."""
    ner = nlp.get_pipe("ner")
    stored = nlp.meta.get("echo_training", {}).get("begin_shifts", {})
    return {label: float(stored.get(label, 0.0)) for label in ner.labels}  # type: ignore[attr-defined]


def shift_begins(nlp: Language, shifts: Mapping[str, float]) -> None:
    """Make each label's B- and U- scores ``shifts[label]`` higher than trained (labels not
    named keep theirs); replacing earlier shifts, not adding to them."""
    ner = nlp.get_pipe("ner")
    moves = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]  # type: ignore[attr-defined]
    upper = ner.model.get_ref("upper")  # type: ignore[attr-defined]
    bias = upper.get_param("b").copy()
    current = begin_shifts(nlp)
    for label, shift in shifts.items():
        for move in (f"B-{label}", f"U-{label}"):
            bias[moves.index(move)] += shift - current[label]
        current[label] = float(shift)
    upper.set_param("b", bias)
    nlp.meta.setdefault("echo_training", {})["begin_shifts"] = current


@dataclass
class Tally:
    """Token counts of one pass over SELECT: overall, and by label."""

    scores: dict[str, Any]
    found: Counter[str] = field(default_factory=Counter)  # identifier tokens caught, by gold label
    false: Counter[str] = field(default_factory=Counter)  # false-alarm tokens, by finding's label


def tally(select: Sequence[Mapping[str, Any]], findings: Iterable[Sequence[Any]]) -> Tally:
    from echo_cases.deid.entities import entity_type_of
    from echo_cases.deid.evaluation import TOKEN, score

    findings = list(findings)
    preds = {
        d["id"]: [{"start": f.start, "end": f.end} for f in fs]
        for d, fs in zip(select, findings, strict=True)
    }
    result = score(select, preds)
    counts = Tally({k: result[k] for k in SCORES})
    for doc, fs in zip(select, findings, strict=True):
        gold: list[str | None] = [None] * len(doc["text"])
        for span, kind in (
            *((s, "IGNORE") for s in doc.get("ignore", [])),
            *((s, s["type"]) for s in doc["spans"]),
        ):
            gold[span["start"] : span["end"]] = [kind] * (span["end"] - span["start"])
        for token in TOKEN.finditer(doc["text"]):
            a, b = token.span()
            kinds = sorted({k for k in gold[a:b] if k is not None} - {"IGNORE"})
            covering = [f for f in fs if f.start < b and f.end > a]
            if kinds:
                if all(any(f.start <= i < f.end for f in covering) for i in range(a, b)):
                    counts.found[kinds[0]] += 1
            elif covering and not any(k == "IGNORE" for k in gold[a:b]):
                counts.false[entity_type_of(covering[0].entity_type).value] += 1
    return counts


def whole_tallies(
    model_dir: Path, select: list[dict], settings: Sequence[Mapping[str, float] | None]
) -> Iterator[Tally]:
    """The whole de-identifier's tallies on SELECT with the model's begin scores shifted by
    each of ``settings`` in turn (None: the model as it is)."""
    from echo_cases.deid.analyzer import Deidentifier

    deid = Deidentifier(model_dir)
    nlp = deid.nlp_engine.nlp["en"]
    if any(settings):
        # A model calibrated by session 7's single "outside" shift is shifted label by label
        # from its trained scores, not on top of that shift.
        shift_outside(nlp, 0.0)
    for shifts in settings:
        if shifts is not None:
            shift_begins(nlp, shifts)
        counts = tally(select, deid.analyze_many(d["text"] for d in select))
        _say(f"{model_dir.name}, {shifts or 'as it is'}: {counts.scores}")
        yield counts


def choose_shifts(
    reference: Tally, by_shift: Mapping[float, Tally], labels: Iterable[str]
) -> dict[str, float]:
    """Each label's shift (the module's docstring): no fewer of its tokens found than with
    the reference, then every further step that finds at least as many as it falsely flags."""
    steps = sorted(by_shift)
    chosen: dict[str, float] = {}
    for label in labels:
        enough = [s for s in steps if by_shift[s].found[label] >= reference.found[label]]
        shift = enough[0] if enough else max(steps, key=lambda s: (by_shift[s].found[label], -s))
        for step in steps[steps.index(shift) + 1 :]:
            gained = by_shift[step].found[label] - by_shift[shift].found[label]
            cost = by_shift[step].false[label] - by_shift[shift].false[label]
            if gained <= 0 or gained < cost:
                break
            shift = step
        chosen[label] = shift
    return chosen


def calibrate(model_dir: Path, reference_dir: Path, select_path: Path, out_dir: Path) -> dict:
    """Write ``model_dir``'s model to ``out_dir`` with the chosen shifts; return its scores."""
    select = read_jsonl(select_path)
    reference = next(whole_tallies(reference_dir, select, [None]))
    labels = list(spacy.load(model_dir).get_pipe("ner").labels)  # type: ignore[attr-defined]
    uniform = [dict.fromkeys(labels, shift) for shift in SHIFTS]
    by_shift = dict(zip(SHIFTS, whole_tallies(model_dir, select, uniform), strict=True))
    shifts = choose_shifts(reference, by_shift, labels)
    final = next(whole_tallies(model_dir, select, [shifts]))
    chosen = {"shifts": shifts, **final.scores}
    nlp = spacy.load(model_dir)
    shift_outside(nlp, 0.0)
    shift_begins(nlp, shifts)
    nlp.meta["echo_training"]["calibration"] = {
        "reference": reference.scores,
        "chosen": chosen,
        "found": {"reference": dict(reference.found), "chosen": dict(final.found)},
        "false": {"reference": dict(reference.false), "chosen": dict(final.false)},
        "by_shift": {
            str(shift): {"found": dict(t.found), "false": dict(t.false), **t.scores}
            for shift, t in by_shift.items()
        },
    }
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
    ap.add_argument("reference", type=Path, help="the model this one replaces")
    ap.add_argument("select", type=Path)
    ap.add_argument("out", type=Path)
    args = ap.parse_args(argv)
    print(json.dumps(calibrate(args.model, args.reference, args.select, args.out)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
