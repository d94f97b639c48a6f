"""Quality gate on the labelled corpus (a copy of the shared dev set in data/).

The thresholds sit just below what the analyzer reached when they were set;
a drop below them is a regression. A held-out split (ids ending 7-9) is checked
too, because rules were developed looking mostly at the other ids.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.evaluation import score

CORPUS = Path(__file__).parent / "data" / "dev.jsonl"
RESPUN = Path(__file__).parent / "data" / "respun_dev_seed13.jsonl"
DATA = Path(__file__).parent / "data"
# The shared material sits beside the repository: ../shared from its root.
SHARED_SCORER = Path(__file__).resolve().parents[2].parent / "shared" / "deid" / "score.py"


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    with CORPUS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="module")
def predictions(
    corpus: list[dict[str, Any]], deid: Deidentifier
) -> dict[str, list[dict[str, int]]]:
    found = deid.analyze_many(doc["text"] for doc in corpus)
    return {
        doc["id"]: [{"start": f.start, "end": f.end} for f in fs]
        for doc, fs in zip(corpus, found, strict=True)
    }


def test_recall_precision_and_leaks_on_the_corpus(
    corpus: list[dict[str, Any]], predictions: dict[str, list[dict[str, int]]]
) -> None:
    result = score(corpus, predictions)
    assert result["missing_predictions"] == 0
    assert result["recall"] >= 0.998
    assert result["precision"] >= 0.995
    assert result["docs_with_leak"] <= 3
    for kind, recall in result["recall_by_type"].items():
        assert recall >= 0.995, kind


def test_recall_on_the_held_out_split(
    corpus: list[dict[str, Any]], predictions: dict[str, list[dict[str, int]]]
) -> None:
    held_out = [doc for doc in corpus if doc["id"][-1] in "789"]
    result = score(held_out, predictions)
    assert result["recall"] >= 0.998
    assert result["precision"] >= 0.995


def test_recall_on_the_corpus_refilled_with_unseen_identifiers(deid: Deidentifier) -> None:
    """Dev's sentences, every identifier replaced from 27 Faker locales and 15 date formats
    (scripts/deid/respin_corpus.py --seed 13): new names, places and formats."""
    with RESPUN.open(encoding="utf-8") as fh:
        corpus = [json.loads(line) for line in fh if line.strip()]
    found = deid.analyze_many(doc["text"] for doc in corpus)
    preds = {
        doc["id"]: [{"start": f.start, "end": f.end} for f in fs]
        for doc, fs in zip(corpus, found, strict=True)
    }
    result = score(corpus, preds)
    assert result["recall"] >= 0.997
    assert result["precision"] >= 0.99
    assert result["docs_with_leak"] <= 12
    for kind, recall in result["recall_by_type"].items():
        assert recall >= 0.99, kind


def _score_file(deid: Deidentifier, path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        corpus = [json.loads(line) for line in fh if line.strip()]
    found = deid.analyze_many(doc["text"] for doc in corpus)
    preds = {
        doc["id"]: [{"start": f.start, "end": f.end} for f in fs]
        for doc, fs in zip(corpus, found, strict=True)
    }
    return score(corpus, preds)


def test_recall_on_the_corpus_refilled_from_locales_and_formats_never_tuned_on(
    deid: Deidentifier,
) -> None:
    """Dev's sentences refilled from 36 other Faker locales and 12 other date formats
    (respin_corpus.py --seed 424 --unseen); before these rules: recall 0.9908, 61 leaks."""
    result = _score_file(deid, DATA / "respun_unseen_seed424.jsonl")
    assert result["recall"] >= 0.998
    assert result["precision"] >= 0.995
    assert result["docs_with_leak"] <= 8


def test_recall_and_precision_on_hand_written_notes_from_many_countries(
    deid: Deidentifier,
) -> None:
    """world_tune and world_probe (rules were tuned on them), world_holdout (written with
    world_tune, only ever scored) and world_blind (written last, only ever scored), built
    with scripts/deid/markup_corpus.py. Recall before the rules for text from many
    countries: 0.919, 0.875, 0.889 and 0.884."""
    floors = {
        "world_tune.jsonl": (0.99, 0.98),
        "world_probe.jsonl": (0.98, 0.97),
        "world_holdout.jsonl": (0.975, 0.95),
        "world_blind.jsonl": (0.96, 0.97),
    }
    for name, (recall, precision) in floors.items():
        result = _score_file(deid, DATA / name)
        assert result["recall"] >= recall, name
        assert result["precision"] >= precision, name


@pytest.mark.skipif(not SHARED_SCORER.exists(), reason="shared scorer not available")
def test_our_metric_is_the_shared_scorers_metric(
    corpus: list[dict[str, Any]], predictions: dict[str, list[dict[str, int]]]
) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("shared_score", SHARED_SCORER)
    assert spec is not None
    assert spec.loader is not None
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    # Drop a few predictions so the comparison also covers misses and leaks.
    damaged = {k: v[1:] for k, v in predictions.items()}
    assert score(corpus, damaged) == shared.score(corpus, damaged)
    assert score(corpus, predictions) == shared.score(corpus, predictions)
