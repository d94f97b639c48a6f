"""Train the de-identifier's statistical recognizer: a spaCy ``ner`` on its own ``tok2vec``.

usage: python -m echo_cases.deid.training.train TRAIN.jsonl HELDOUT.jsonl OUT_DIR
           [--epochs 6] [--seed 1] [--limit N]

TRAIN and HELDOUT are labelled JSONL in the shared corpus format (``generate.py`` writes
them). HELDOUT is only scored, after each epoch, to keep the best epoch; it must come from
templates and name sources the training set never used. The run is seeded: the same data
and arguments give the same weights on the same machine.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import compile_infix_regex, filter_spans, fix_random_seed, minibatch

from echo_cases.deid.training.output import say, staging_for, swap_in

LABELS = ("PERSON", "LOCATION", "DATE", "AGE", "ID", "CONTACT")

# The tokenizer splits what clinicians glue together ("DOB:12/03/1985", "R/O", "Bed#4",
# "12.03.1985"), so that a label and the value after it are separate tokens and every
# identifier starts and ends on a token boundary. Decimals split too; the model sees
# "0 . 4", which costs nothing.
_EXTRA_INFIXES = (
    r"(?<=\S)[:/=#|;](?=\S)",
    r"(?<=[0-9])[.\-](?=[0-9])",
    r"(?<=[^\W\d_])[.](?=[^\W\d_]{2,})",
)

# Sized for speed on a CPU: the model reads every text the app analyses, one case at a
# time, so a width of 64 and three layers (each token sees three words either side)
# rather than en_core_web_sm's 96 and four. benchmarks/deid_speed.py measures the cost.
WIDTH = 64
TOK2VEC = {
    "model": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": WIDTH,
            "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
            "rows": [5000, 1000, 2500, 2500],
            "include_static_vectors": False,
        },
        "encode": {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": WIDTH,
            "depth": 3,
            "window_size": 1,
            "maxout_pieces": 3,
        },
    }
}
NER = {
    "model": {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": 48,
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
        "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": WIDTH, "upstream": "*"},
    }
}


def blank_pipeline() -> Language:
    """An English tokenizer that splits clinical run-togethers, then tok2vec and ner."""
    nlp = spacy.blank("en")
    infixes = [*nlp.Defaults.infixes, *_EXTRA_INFIXES]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe("tok2vec", config=TOK2VEC)
    nlp.add_pipe("ner", config=NER)
    return nlp


def read_jsonl(path: Path, limit: int | None = None) -> list[dict]:
    records = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                records.append(json.loads(line))
                if limit is not None and len(records) >= limit:
                    break
    return records


def to_example(nlp: Language, record: dict) -> tuple[Example, int]:
    """An Example for one labelled text, and how many spans missed token boundaries."""
    predicted = nlp.make_doc(record["text"])
    reference = nlp.make_doc(record["text"])
    spans, misaligned = [], 0
    for s in record["spans"]:
        span = reference.char_span(s["start"], s["end"], label=s["type"])
        if span is None:
            misaligned += 1
            span = reference.char_span(
                s["start"], s["end"], label=s["type"], alignment_mode="expand"
            )
        if span is not None:
            spans.append(span)
    reference.ents = filter_spans(spans)
    return Example(predicted, reference), misaligned


def examples(nlp: Language, records: Iterable[dict]) -> tuple[list[Example], int]:
    out, misaligned = [], 0
    for record in records:
        example, missed = to_example(nlp, record)
        out.append(example)
        misaligned += missed
    return out, misaligned


def token_scores(nlp: Language, heldout: list[Example]) -> dict[str, float]:
    """Token recall and precision on held-out text: the measure the de-identifier is judged by."""
    tp = fn = fp = 0
    docs: Iterator[Doc] = nlp.pipe((ex.reference.text for ex in heldout), batch_size=64)
    for ex, doc in zip(heldout, docs, strict=True):
        gold = {t.i for e in ex.reference.ents for t in e}
        found = {t.i for e in doc.ents for t in e}
        words = {t.i for t in doc if not (t.is_punct or t.is_space)}
        tp += len(gold & found & words)
        fn += len((gold - found) & words)
        fp += len((found - gold) & words)
    recall = tp / max(1, tp + fn)
    precision = tp / max(1, tp + fp)
    f2 = 5 * precision * recall / max(1e-9, 4 * precision + recall)
    return {"recall": round(recall, 4), "precision": round(precision, 4), "f2": round(f2, 4)}


def train(
    train_path: Path,
    heldout_path: Path,
    out_dir: Path,
    *,
    epochs: int = 6,
    seed: int = 1,
    limit: int | None = None,
    log: Iterable[str] | None = None,
) -> dict[str, float]:
    """Train, keep the epoch with the best held-out F2 in ``out_dir``, and return its scores.

    The model is written beside ``out_dir`` first and swapped in at the end, so an
    interrupted run leaves the shipped model as it was.
    """
    fix_random_seed(seed)
    started_all = time.perf_counter()
    staging = staging_for(out_dir, "training")
    nlp = blank_pipeline()
    train_examples, missed = examples(nlp, read_jsonl(train_path, limit))
    heldout_examples, _ = examples(nlp, read_jsonl(heldout_path))
    say(
        f"{len(train_examples)} training texts ({missed} spans off token boundaries), "
        f"{len(heldout_examples)} held out"
    )
    for label in LABELS:
        nlp.get_pipe("ner").add_label(label)
    optimizer = nlp.initialize(lambda: train_examples[:500])
    rng = random.Random(seed)  # noqa: S311  # nosec B311 -- shuffling training data, not a secret
    best: dict[str, float] = {}
    for epoch in range(1, epochs + 1):
        started = time.perf_counter()
        rng.shuffle(train_examples)
        losses: dict[str, float] = {}
        for batch in minibatch(train_examples, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.1, losses=losses)
        with nlp.select_pipes(enable=["tok2vec", "ner"]), nlp.use_params(optimizer.averages):
            scores = token_scores(nlp, heldout_examples)
            if scores["f2"] > best.get("f2", -1.0):
                best = {**scores, "epoch": epoch}
                nlp.meta.update(_meta(train_path, len(train_examples), seed, best))
                nlp.to_disk(staging)
        say(
            f"epoch {epoch}: loss {losses.get('ner', 0):.0f}, held out {scores}, "
            f"{time.perf_counter() - started:.0f} s"
        )
    best["minutes"] = round((time.perf_counter() - started_all) / 60, 1)
    swap_in(staging, out_dir)
    return best


def _meta(train_path: Path, texts: int, seed: int, best: dict[str, float]) -> dict:
    return {
        "name": "echo_cases_deid",
        "version": "1.0.0",
        "description": "echo-cases de-identifier: PERSON, LOCATION, DATE, AGE, ID, CONTACT",
        "echo_training": {"data": train_path.name, "texts": texts, "seed": seed, **best},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train", type=Path)
    ap.add_argument("heldout", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=int, default=None, help="train on the first N texts only")
    args = ap.parse_args(argv)
    best = train(
        args.train, args.heldout, args.out, epochs=args.epochs, seed=args.seed, limit=args.limit
    )
    print(json.dumps(best))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
