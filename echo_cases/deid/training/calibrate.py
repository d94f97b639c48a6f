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

usage with a floor: ... OUT_DIR --floor NAME [--floor NAME ...] [--prefer recall|precision]

Generated held-out text alone chose shifts that lost recall on hand-written text (session 10:
public_synth_dev's places and the small-letter copies). ``--floor NAME`` names a tuned-on
corpus of tests/deid/data/corpora.toml (never a scored-only one: scoring it to choose weights
would be fitting it); a shift is then admissible only if the whole de-identifier's token
recall on that corpus and on its lower and upper copies (``case_variant``) is not below
REFERENCE_DIR's, set by set: a gain on one set never pays for a loss on another. Of the
admissible shifts, ``--prefer recall`` (the default) takes the largest, ``precision`` the
smallest.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from echo_cases.deid.training.output import say, write_model
from echo_cases.deid.training.train import read_jsonl

SHIFTS = (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0)
# How much precision on the selection set recall may cost, below the reference model's.
PRECISION_GIVEN = 0.005
SCORES = ("recall", "precision", "f2", "docs_with_leak")
MANIFEST = Path(__file__).resolve().parents[3] / "tests" / "deid" / "data" / "corpora.toml"
FLOOR_CASINGS = ("lower", "upper")

# A floor set: its label ("name" or "name:lower") and its documents.
FloorSets = list[tuple[str, list[dict]]]


def floor_sets(names: Sequence[str], manifest: Path = MANIFEST) -> FloorSets:
    """The named tuned-on corpora and their lower and upper copies, each its own set.

    A scored-only corpus is refused: choosing weights by its figures would make it tuned-on
    without anyone saying so (corpora.toml)."""
    from echo_cases.deid.evaluation import case_variant

    with manifest.open("rb") as fh:
        corpora = tomllib.load(fh)
    out: FloorSets = []
    for name in names:
        if name not in corpora:
            raise ValueError(f"{name!r} is not in {manifest.name}")
        if corpora[name]["status"] != "tuned-on":
            raise ValueError(f"{name!r} is {corpora[name]['status']}: only a tuned-on set floors")
        docs = read_jsonl((manifest.parents[3] / corpora[name]["file"]).resolve())
        out.append((name, docs))
        out.extend((f"{name}:{c}", case_variant(docs, c)) for c in FLOOR_CASINGS)
    return out


def floor_scores(model_dir: Path, sets: FloorSets, shift: float) -> dict[str, dict[str, float]]:
    """The whole de-identifier's token recall and precision on each floor set, the model
    shifted by ``shift`` (precision is only recorded: the floor is on recall)."""
    with tempfile.TemporaryDirectory(prefix="echo-calibrate-") as tmp:
        deid = _deidentifier(shifted_copy(model_dir, shift, Path(tmp)))
    scores = {}
    for label, docs in sets:
        result = _score(deid, docs)
        scores[label] = {"recall": result["recall"], "precision": result["precision"]}
    say(f"{model_dir.name}, shift {shift}, floor sets: {scores}")
    return scores


def _recalls(scores: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    return {label: s["recall"] for label, s in scores.items()}


def below_floor(recalls: Mapping[str, float], floor: Mapping[str, float]) -> list[str]:
    """The floor sets whose recall fell below the reference's (none: the shift may be chosen)."""
    return [label for label, least in floor.items() if recalls[label] < least]


def choose(candidates: Sequence[dict], floor: Mapping[str, float], prefer: str) -> dict | None:
    """Of scored shifts (each with its "floor" recalls), the one to keep: every floor set at
    or above the reference, then the largest shift (``prefer="recall"``) or the smallest
    (``"precision"``). None when no shift is admissible."""
    admissible = [c for c in candidates if not below_floor(c.get("floor", {}), floor)]
    if not admissible:
        return None
    pick = max if prefer == "recall" else min
    return pick(admissible, key=lambda c: float(c["shift"]))


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
    for shift in shifts:
        # Read whole at load: the copy is not needed again, and goes even on an error.
        with tempfile.TemporaryDirectory(prefix="echo-calibrate-") as tmp:
            deid = _deidentifier(shifted_copy(model_dir, shift, Path(tmp)))
        result = _score(deid, select)
        scores = {"shift": shift, **{k: result[k] for k in SCORES}}
        say(f"{model_dir.name}, shift {shift}: {scores}")
        yield scores


def _deidentifier(model_dir: Path) -> Any:
    from echo_cases.deid.analyzer import Deidentifier

    return Deidentifier(model_dir)


def _score(deid: Any, docs: list[dict]) -> dict:
    from echo_cases.deid.evaluation import score

    found = deid.analyze_many(d["text"] for d in docs)
    preds = {
        d["id"]: [{"start": f.start, "end": f.end} for f in fs]
        for d, fs in zip(docs, found, strict=True)
    }
    return score(docs, preds)


def calibrate(
    model_dir: Path,
    reference_dir: Path,
    select_path: Path,
    out_dir: Path,
    *,
    floor_names: Sequence[str] = (),
    prefer: str = "recall",
    shifts: tuple[float, ...] = SHIFTS,
    manifest: Path = MANIFEST,
    precision_given: float = PRECISION_GIVEN,
) -> dict:
    """Write ``model_dir``'s model to ``out_dir`` with the chosen shift; return its scores.

    Without ``floor_names`` the shift is the largest within the precision budget on SELECT,
    as before. With them, a shift must also keep every floor set's recall at the reference's
    (``choose``); when none does, the model is written unshifted and its meta says
    ``"floor_met": false``: it must not be shipped."""
    if prefer not in ("recall", "precision"):
        raise ValueError(f"prefer is recall or precision, not {prefer!r}")
    select = read_jsonl(select_path)
    sets = floor_sets(floor_names, manifest) if floor_names else []
    reference = next(whole_scores(reference_dir, select, (0.0,)))
    least: dict[str, float] = {}
    if sets:  # the reference as it ships, with its own shift
        shipped_shift = outside_shift(spacy.load(reference_dir))
        reference["floor_scores"] = floor_scores(reference_dir, sets, shipped_shift)
        least = reference["floor"] = _recalls(reference["floor_scores"])
    budget = reference["precision"] - precision_given
    candidates = []
    for scores in whole_scores(model_dir, select, shifts):
        if scores["precision"] < budget:
            break
        if sets:
            scores["floor_scores"] = floor_scores(model_dir, sets, float(scores["shift"]))
            scores["floor"] = _recalls(scores["floor_scores"])
        candidates.append(scores)
    chosen = choose(candidates, least, prefer)
    floor_met = chosen is not None
    if chosen is None:  # no shift is admissible: keep it as it is, and say so in its meta
        chosen = {"shift": 0.0}
    nlp = spacy.load(model_dir)
    shift_outside(nlp, float(chosen["shift"]))
    nlp.meta["echo_training"]["calibration"] = {"reference": reference, "chosen": chosen}
    if sets:
        nlp.meta["echo_training"]["calibration"]["floor_met"] = floor_met
        nlp.meta["echo_training"]["calibration"]["candidates"] = candidates
    write_model(nlp, out_dir, "calibrating")
    return chosen


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # Each argument is named as calibrate's parameter, which it is passed to.
    ap.add_argument("model_dir", metavar="model", type=Path)
    ap.add_argument("reference_dir", metavar="reference", type=Path)
    ap.add_argument("select_path", metavar="select", type=Path)
    ap.add_argument("out_dir", metavar="out", type=Path)
    ap.add_argument(
        "--floor",
        dest="floor_names",
        metavar="FLOOR",
        action="append",
        default=[],
        help="a tuned-on corpus's name",
    )
    ap.add_argument("--prefer", choices=("recall", "precision"), default="recall")
    # With floor sets of hand-written text, generated SELECT's precision may matter less than
    # theirs: how much of it a shift may cost, and which shifts to try.
    ap.add_argument("--precision-given", type=float, default=PRECISION_GIVEN)
    ap.add_argument(
        "--shifts", type=lambda v: tuple(float(x) for x in v.split(",")), default=SHIFTS
    )
    print(json.dumps(calibrate(**vars(ap.parse_args(argv)))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
