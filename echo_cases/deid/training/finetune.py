"""Fine-tune the de-identifier's trained model on more generated text.

usage: python -m echo_cases.deid.training.finetune BASE_DIR SELECT.jsonl OUT_DIR
           --train A.jsonl:N [--train B.jsonl:N ...] [--lr 1e-4] [--check-every 2000]
           [--average 3] [--seed 1]

Retraining from scratch on a richer generator gained precision and lost recall each time
(docs/deid.md, sessions 4 and 6), and one seed's best epoch was a draw. Here the weights of
BASE_DIR are trained further with a small learning rate on a mix of texts (the first N of
each TRAIN file, shuffled together), so that what the base model knew is moved, not
relearnt. Every ``--check-every`` texts the (Adam-averaged) weights are kept, and the model
written is the mean of the last ``--average`` of them: averaging, rather than picking the
best checkpoint, is what lowers the draw of where a run happens to stop. SELECT (held-out
text) is only scored, for the record.

Fine-tuning moves the model along its recall/precision curve towards precision as much as
it improves it; ``calibrate.py`` then spends the precision on recall.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy
import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from echo_cases.deid.training.calibrate import shift_outside
from echo_cases.deid.training.output import say, write_model
from echo_cases.deid.training.train import examples, read_jsonl, token_scores

Weights = dict[tuple[str, int, str], numpy.ndarray]


def snapshot(nlp: Language) -> Weights:
    """A copy of every parameter of the pipeline's models, keyed by where it lives."""
    weights: Weights = {}
    for pipe_name, component in nlp.pipeline:
        for i, node in enumerate(component.model.walk()):  # type: ignore[attr-defined]
            for name in node.param_names:
                if node.has_param(name):
                    weights[(pipe_name, i, name)] = node.ops.to_numpy(node.get_param(name)).copy()
    return weights


def load_weights(nlp: Language, weights: Weights) -> None:
    for pipe_name, component in nlp.pipeline:
        for i, node in enumerate(component.model.walk()):  # type: ignore[attr-defined]
            for name in node.param_names:
                if (pipe_name, i, name) in weights:
                    node.set_param(name, node.ops.asarray(weights[(pipe_name, i, name)]))


def mean_weights(checkpoints: list[Weights]) -> Weights:
    return {
        key: numpy.mean([c[key] for c in checkpoints], axis=0).astype(checkpoints[0][key].dtype)
        for key in checkpoints[0]
    }


def mixed_examples(nlp: Language, sources: list[tuple[Path, int]]) -> list[Example]:
    out: list[Example] = []
    for path, n in sources:
        part, _ = examples(nlp, read_jsonl(path, n))
        out.extend(part)
    return out


def finetune(
    base_dir: Path,
    select_path: Path,
    out_dir: Path,
    sources: list[tuple[Path, int]],
    *,
    lr: float = 1e-4,
    check_every: int = 2000,
    average: int = 3,
    seed: int = 1,
) -> dict[str, float]:
    """Fine-tune ``base_dir``'s weights, write the mean of the last checkpoints to
    ``out_dir`` (beside it first, swapped in at the end) and return its held-out scores."""
    fix_random_seed(seed)
    started_all = time.perf_counter()
    nlp = spacy.load(base_dir)
    # A calibrated model (the shipped one) is trained on from the "outside" score it learnt,
    # not from the one calibration lowered: calibrate.py sets the shift again afterwards.
    shift_outside(nlp, 0.0)
    train_examples = mixed_examples(nlp, sources)
    select_examples, _ = examples(nlp, read_jsonl(select_path))
    say(f"{len(train_examples)} training texts, {len(select_examples)} held out")
    say(f"base: {token_scores(nlp, select_examples)}")
    rng = random.Random(seed)  # noqa: S311  # nosec B311 -- shuffling training data, not a secret
    rng.shuffle(train_examples)
    optimizer = nlp.resume_training()
    optimizer.learn_rate = lr
    kept: list[Weights] = []
    seen = 0
    for batch in minibatch(train_examples, size=32):
        nlp.update(batch, sgd=optimizer, drop=0.1)
        seen += len(batch)
        if seen >= check_every * (len(kept) + 1) or seen == len(train_examples):
            with nlp.use_params(optimizer.averages):
                kept.append(snapshot(nlp))
            say(f"checkpoint {len(kept)} at {seen} texts")
    load_weights(nlp, mean_weights(kept[-average:]))
    scores: dict[str, float] = {**token_scores(nlp, select_examples)}
    say(f"mean of the last {min(average, len(kept))} checkpoints: {scores}")
    scores["minutes"] = round((time.perf_counter() - started_all) / 60, 1)
    nlp.meta.setdefault("echo_training", {})
    nlp.meta["echo_training"]["finetune"] = {
        "data": [f"{path.name}:{n}" for path, n in sources],
        "lr": lr,
        "seed": seed,
        "averaged": min(average, len(kept)),
        **scores,
    }
    write_model(nlp, out_dir, "finetuning")
    return scores


def _source(arg: str) -> tuple[Path, int]:
    path, _, n = arg.rpartition(":")
    return Path(path), int(n)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # Each argument is named as finetune's parameter, which it is passed to.
    ap.add_argument("base_dir", metavar="base", type=Path)
    ap.add_argument("select_path", metavar="select", type=Path)
    ap.add_argument("out_dir", metavar="out", type=Path)
    ap.add_argument(
        "--train",
        dest="sources",
        metavar="TRAIN",
        type=_source,
        action="append",
        required=True,
        help="FILE:N",
    )
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--check-every", type=int, default=2000)
    ap.add_argument("--average", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    print(json.dumps(finetune(**vars(ap.parse_args(argv)))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
