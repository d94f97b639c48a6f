"""Training the de-identifier's model: reproducible, and what it writes is what the app loads.

The shipped weights come from ``make deid-model``; here a tiny model is trained on a few
generated texts, enough to prove the pipeline, not to be any good.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.training.generate import generate
from echo_cases.deid.training.train import blank_pipeline, train


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("training")
    paths = []
    for name, n, seed, split in (("train", 60, 1, "train"), ("heldout", 20, 2, "heldout")):
        path = folder / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for record in generate(n, seed, split):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths[0], paths[1]


def test_the_tokenizer_separates_labels_from_the_values_glued_to_them() -> None:
    nlp = blank_pipeline()
    words = [t.text for t in nlp.make_doc("DOB:12/03/1985 MRN#4455 R/O sepsis BP 110/70")]
    assert words[:7] == ["DOB", ":", "12", "/", "03", "/", "1985"]
    assert words[7:10] == ["MRN", "#", "4455"]
    assert "O" in words  # "R/O" is three tokens, so no cue can hide inside it


def test_the_same_data_and_seed_give_the_same_weights(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    train(*corpus, first, epochs=1, seed=7)
    train(*corpus, second, epochs=1, seed=7)
    for part in ("tok2vec/model", "ner/model"):
        assert (first / part).read_bytes() == (second / part).read_bytes(), part


def test_a_trained_model_is_what_the_deidentifier_runs(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    out = tmp_path / "model"
    best = train(*corpus, out, epochs=1, seed=3)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["echo_training"]["texts"] == 60
    assert meta["echo_training"]["epoch"] == best["epoch"] == 1
    deid = Deidentifier(model_path=out)
    assert deid.nlp_engine.nlp["en"].pipe_names == ["tok2vec", "ner"]
    # The rules still find what has a cue, whatever this untrained model thinks.
    text = "Patient: Grace Atieno, MRN 88251049."
    found = {text[f.start : f.end] for f in deid.analyze(text)}
    assert {"Grace Atieno", "88251049"} <= found


def test_an_interrupted_run_leaves_the_model_in_place(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    out = tmp_path / "model"
    out.mkdir()
    (out / "weights").write_text("the model in use", encoding="utf-8")
    with pytest.raises(FileNotFoundError):
        train(corpus[0], tmp_path / "no-such-heldout.jsonl", out, epochs=1)
    assert (out / "weights").read_text(encoding="utf-8") == "the model in use"
