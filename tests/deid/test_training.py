"""Training the de-identifier's model: reproducible, and what it writes is what the app loads.

The shipped weights come from ``make deid-model``; here a tiny model is trained on a few
generated texts, enough to prove the pipeline, not to be any good.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy
import pytest
import spacy

from echo_cases.deid import Deidentifier
from echo_cases.deid.training.calibrate import (
    calibrate,
    choose,
    floor_sets,
    outside_shift,
    shift_outside,
)
from echo_cases.deid.training.finetune import finetune
from echo_cases.deid.training.generate import generate
from echo_cases.deid.training.handwritten import training_mix
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


@pytest.fixture(scope="module")
def base_model(
    corpus: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    """A tiny base model, and a few texts of the rich edition to fine-tune it on."""
    folder = tmp_path_factory.mktemp("base")
    train(*corpus, folder / "model", epochs=1, seed=5)
    rich = folder / "rich.jsonl"
    with rich.open("w", encoding="utf-8") as fh:
        for record in generate(40, 5, "train", "rich"):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return folder / "model", rich


def test_fine_tuning_with_the_same_data_and_seed_gives_the_same_weights(
    corpus: tuple[Path, Path], base_model: tuple[Path, Path], tmp_path: Path
) -> None:
    base, rich = base_model
    sources = [(corpus[0], 30), (rich, 30)]
    outs = [tmp_path / "first", tmp_path / "second"]
    for out in outs:
        finetune(base, corpus[1], out, sources, check_every=16, average=2, seed=4)
    for part in ("tok2vec/model", "ner/model"):
        assert (outs[0] / part).read_bytes() == (outs[1] / part).read_bytes(), part
    assert (outs[0] / "ner/model").read_bytes() != (base / "ner/model").read_bytes()
    meta = json.loads((outs[0] / "meta.json").read_text(encoding="utf-8"))
    assert meta["echo_training"]["finetune"]["data"] == ["train.jsonl:30", "rich.jsonl:30"]
    assert meta["echo_training"]["finetune"]["averaged"] == 2


def test_calibrating_lowers_the_outside_score_alone_and_twice_is_once(
    base_model: tuple[Path, Path],
) -> None:
    nlp = spacy.load(base_model[0])
    ner = nlp.get_pipe("ner")
    outside = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)].index("O")

    def bias() -> numpy.ndarray:
        return ner.model.get_ref("upper").get_param("b").copy()

    trained = bias()
    shift_outside(nlp, 2.0)
    shift_outside(nlp, 2.0)
    assert outside_shift(nlp) == 2.0
    moved = trained - bias()
    assert moved[outside] == pytest.approx(2.0)
    assert numpy.delete(moved, outside).tolist() == [0.0] * (len(moved) - 1)
    shift_outside(nlp, 0.0)
    assert numpy.allclose(bias(), trained, rtol=0, atol=1e-6)


def test_a_calibrated_model_is_what_the_deidentifier_runs_and_says_its_shift(
    corpus: tuple[Path, Path], base_model: tuple[Path, Path], tmp_path: Path
) -> None:
    base = base_model[0]
    out = tmp_path / "calibrated"
    chosen = calibrate(base, base, corpus[1], out)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["echo_training"]["outside_shift"] == chosen["shift"]
    assert meta["echo_training"]["calibration"]["chosen"] == chosen
    # Against itself the unshifted model keeps its own precision, so a shift is always chosen.
    assert chosen["shift"] >= 0.0
    assert (
        chosen["precision"]
        >= meta["echo_training"]["calibration"]["reference"]["precision"] - 0.005
    )
    deid = Deidentifier(model_path=out)
    text = "Patient: Grace Atieno, MRN 88251049."
    assert {"Grace Atieno", "88251049"} <= {text[f.start : f.end] for f in deid.analyze(text)}


def _shift(shift: float, **floor: float) -> dict:
    return {"shift": shift, "floor": {k.replace("_", ":"): v for k, v in floor.items()}}


def test_a_floored_shift_keeps_every_set_and_copy_at_the_reference_recall() -> None:
    floor = {"notes": 0.95, "notes:lower": 0.90}
    candidates = [
        _shift(0.5, notes=0.94, notes_lower=0.92),  # a gain on the copy never pays for a loss
        _shift(1.0, notes=0.95, notes_lower=0.90),  # at the floor exactly: admissible
        _shift(2.0, notes=0.96, notes_lower=0.91),
    ]
    assert choose(candidates, floor, "precision")["shift"] == 1.0
    assert choose(candidates, floor, "recall")["shift"] == 2.0
    assert choose(candidates[:1], floor, "recall") is None
    # Without floor sets, the largest shift within the precision budget, as before.
    assert choose([{"shift": 0.0}, {"shift": 1.0}], {}, "recall")["shift"] == 1.0


def _manifest(root: Path, status: str) -> Path:
    manifest = root / "tests" / "deid" / "data" / "corpora.toml"
    manifest.parent.mkdir(parents=True)
    text = "Seen by Dr Ama Owusu at Korle Bu on 3 May 2024."
    doc = {"id": "n1", "text": text, "spans": [{"start": 11, "end": 20, "type": "PERSON"}]}
    (root / "notes.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    manifest.write_text(
        f'[notes]\nfile = "notes.jsonl"\nstatus = "{status}"\nwhat = "x"\n', encoding="utf-8"
    )
    return manifest


def test_floor_sets_are_a_tuned_on_corpus_and_its_small_and_capital_copies(
    tmp_path: Path,
) -> None:
    sets = dict(floor_sets(["notes"], _manifest(tmp_path, "tuned-on")))
    assert list(sets) == ["notes", "notes:lower", "notes:upper"]
    assert sets["notes:lower"][0]["text"].startswith("seen by dr ama owusu")
    assert sets["notes:upper"][0]["spans"] == sets["notes"][0]["spans"]
    with pytest.raises(ValueError, match="not in"):
        floor_sets(["elsewhere"], _manifest(tmp_path / "b", "tuned-on"))


def test_a_scored_only_corpus_never_floors_a_calibration(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="scored-only"):
        floor_sets(["notes"], _manifest(tmp_path, "scored-only"))


def test_a_floored_calibration_records_each_sets_recall_and_whether_the_floor_held(
    corpus: tuple[Path, Path], base_model: tuple[Path, Path], tmp_path: Path
) -> None:
    base = base_model[0]
    out = tmp_path / "calibrated"
    manifest = _manifest(tmp_path / "repo", "tuned-on")
    chosen = calibrate(
        base, base, corpus[1], out, floor_names=["notes"], shifts=(0.0, 2.0), manifest=manifest
    )
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))["echo_training"]
    calibration = meta["calibration"]
    least = calibration["reference"]["floor"]
    assert set(least) == {"notes", "notes:lower", "notes:upper"}
    assert calibration["floor_met"] is True  # the reference itself is always admissible
    assert all(chosen["floor"][k] >= v for k, v in least.items())
    assert meta["outside_shift"] == chosen["shift"]


def _corpora(root: Path, corpora: dict[str, tuple[str, list[dict]]]) -> Path:
    manifest = root / "tests" / "deid" / "data" / "corpora.toml"
    manifest.parent.mkdir(parents=True)
    entries = []
    for name, (status, docs) in corpora.items():
        lines = "".join(json.dumps(d) + "\n" for d in docs)
        (root / f"{name}.jsonl").write_text(lines, encoding="utf-8")
        entries.append(f'[{name}]\nfile = "{name}.jsonl"\nstatus = "{status}"\nwhat = "x"\n')
    manifest.write_text("\n".join(entries), encoding="utf-8")
    return manifest


def _note(doc_id: str, name: str, **extra: object) -> dict:
    text = f"Reviewed with {name} today."
    return {
        "id": doc_id,
        "text": text,
        "spans": [{"start": 14, "end": 14 + len(name), "type": "PERSON"}],
        **extra,
    }


def test_hand_written_training_text_is_the_tuned_on_sets_but_the_gate_with_their_copies(
    tmp_path: Path,
) -> None:
    debatable = _note("w2", "Nurse Ama", ignore=[{"start": 14, "end": 19}])
    manifest = _corpora(
        tmp_path,
        {
            "ward": ("tuned-on", [_note("w1", "Kofi Mensah"), debatable]),
            "gate": ("tuned-on", [_note("g1", "Esi Boateng")]),
            "blind": ("scored-only", [_note("b1", "Yaw Darko")]),
        },
    )
    mix = training_mix(["gate"], repeat=2, manifest=manifest)
    texts = sorted(d["text"] for d in mix)
    # Only "ward"'s clean note, as written and in small letters and capitals, twice each.
    assert texts == sorted(
        [
            "Reviewed with Kofi Mensah today.",
            "reviewed with kofi mensah today.",
            "REVIEWED WITH KOFI MENSAH TODAY.",
        ]
        * 2
    )
    assert all(d["spans"] == [{"start": 14, "end": 25, "type": "PERSON"}] for d in mix)
    with pytest.raises(ValueError, match="not in"):
        training_mix(["gates"], manifest=manifest)


def test_a_corpus_left_out_is_neither_trained_on_nor_a_gate_and_must_exist(
    tmp_path: Path,
) -> None:
    # make deid-second's first stage leaves out the tuned-on sets written after the model
    # it rebuilds: the mix is then the one that model was trained on, in the same order.
    ward = [_note("w1", "Kofi Mensah"), _note("w2", "Ama Owusu")]
    manifest = _corpora(
        tmp_path,
        {"ward": ("tuned-on", ward), "later": ("tuned-on", [_note("l1", "Esi Boateng")])},
    )
    earlier = _corpora(tmp_path / "earlier", {"ward": ("tuned-on", ward)})
    mix = training_mix([], leave_out=["later"], manifest=manifest)
    assert mix == training_mix([], manifest=earlier)
    assert not any("Boateng" in d["text"] for d in mix)
    with pytest.raises(ValueError, match="not in"):
        training_mix([], leave_out=["latter"], manifest=manifest)


def test_a_large_corpus_named_once_is_not_repeated_and_gives_half_its_copies(
    tmp_path: Path,
) -> None:
    notes = [_note(f"d{i}", "Kofi Mensah") for i in range(4)]
    manifest = _corpora(tmp_path, {"dev": ("tuned-on", notes)})
    mix = training_mix([], once=["dev"], repeat=3, manifest=manifest)
    assert len(mix) == 4 + 2 + 2
    assert sum(d["text"].islower() for d in mix) == 2
