"""The second model: trained reproducibly, and its entities added to the first model's.

A second opinion can only add findings: whatever the first model finds is still found, and
a name only the second finds is found too. The tiny models here prove the pipeline, not
any figure (docs/deid.md, "A second model, in union").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.nlp import MODEL_PATH, MODEL_SECOND_PATH
from echo_cases.deid.second_model import SETTING, held_to_the_rules, second_model_path
from echo_cases.deid.training.calibrate import shifted_copy
from echo_cases.deid.training.generate import generate
from echo_cases.deid.training.second import GATE, build_second
from echo_cases.deid.training.train import train


@pytest.fixture(scope="module")
def tiny_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("second-base")
    paths = []
    for name, n, seed, split in (("train", 40, 1, "train"), ("heldout", 12, 2, "heldout")):
        path = folder / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for record in generate(n, seed, split):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        paths.append(path)
    train(paths[0], paths[1], folder / "model", epochs=1, seed=5)
    return folder / "model"


def test_training_the_second_model_twice_with_the_same_seed_gives_the_same_weights(
    tiny_base: Path, tmp_path: Path
) -> None:
    outs = [tmp_path / "first", tmp_path / "second"]
    for out in outs:
        build_second(
            tiny_base,
            tmp_path / f"work-{out.name}",
            out,
            base_texts=12,
            rich=12,
            world=12,
            hand=12,
            varied=12,
            select=8,
            check_every=16,
            average=2,
            seed=4,
            shift=0.5,
        )
    for part in ("tok2vec/model", "ner/model"):
        assert (outs[0] / part).read_bytes() == (outs[1] / part).read_bytes(), part
    assert (outs[0] / "ner/model").read_bytes() != (tiny_base / "ner/model").read_bytes()
    meta = json.loads((outs[0] / "meta.json").read_text(encoding="utf-8"))
    assert meta["echo_training"]["outside_shift"] == 0.5
    assert meta["echo_training"]["second"]["gate"] == list(GATE)
    hand = (tmp_path / "work-first" / "hand.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(hand) == 12
    # The varied edition's texts join the mix when asked for (seed 7: no other stage's texts).
    varied = (tmp_path / "work-first" / "varied.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in varied] == [f"train-7-{i:06d}" for i in range(12)]
    assert "varied.jsonl:12" in meta["echo_training"]["finetune"]["data"]


def test_a_second_model_continued_from_a_second_model_keeps_the_recipe_it_continues(
    tiny_base: Path, tmp_path: Path
) -> None:
    # make deid-second's two stages: the first model -> a second model -> a continued one.
    sizes = {"base_texts": 12, "rich": 12, "world": 12, "hand": 0, "select": 8}
    tiny = {**sizes, "check_every": 16, "average": 2, "seed": 4}
    first = tmp_path / "second"
    build_second(tiny_base, tmp_path / "work-1", first, lr=1e-4, **tiny)
    continued = tmp_path / "continued"
    build_second(first, tmp_path / "work-2", continued, varied=12, lr=5e-5, **tiny)
    meta = json.loads((continued / "meta.json").read_text(encoding="utf-8"))["echo_training"]
    assert meta["finetune"]["lr"] == 5e-5
    assert "varied.jsonl:12" in meta["finetune"]["data"]
    earlier = meta["second"]["continues"]
    assert earlier["finetune"]["lr"] == 1e-4
    assert earlier["finetune"]["data"] == ["base.jsonl:12", "rich.jsonl:12", "world.jsonl:12"]
    assert earlier["gate"] == list(GATE)
    assert "continues" not in earlier
    # The first stage's shift is taken off before the continuation and set once again.
    assert meta["outside_shift"] == 2.0


def test_the_setting_names_the_second_model_or_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SETTING, "off")
    assert second_model_path() is None
    monkeypatch.setenv(SETTING, "/some/model")
    assert second_model_path() == Path("/some/model")
    monkeypatch.delenv(SETTING)
    assert second_model_path() in (None, MODEL_SECOND_PATH)


@pytest.fixture(scope="module")
def mute_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped model made to find nothing: its "outside" score raised beyond reach."""
    return shifted_copy(MODEL_PATH, -1000.0, tmp_path_factory.mktemp("mute"))


def test_a_name_only_the_second_model_finds_is_found_by_the_union(mute_model: Path) -> None:
    # Small letters, no cue a rule reads: only a model finds this name.
    text = "saw john smith today, wound healing well."
    alone = Deidentifier(mute_model, second_model_path=None)
    union = Deidentifier(mute_model, second_model_path=MODEL_PATH)
    assert not any("john" in text[f.start : f.end] for f in alone.analyze(text))
    found = [text[f.start : f.end] for f in union.analyze(text)]
    assert any("john smith" in span for span in found), found


def test_a_second_model_that_finds_nothing_changes_no_finding(mute_model: Path) -> None:
    texts = [
        "saw john smith today, wound healing well.",
        "Transferred from Green Valley on 3 March; her son Tomasz Wierzbicki drove her.",
    ]
    alone = Deidentifier(MODEL_PATH, second_model_path=None)
    union = Deidentifier(MODEL_PATH, second_model_path=mute_model)
    assert list(union.analyze_many(texts)) == list(alone.analyze_many(texts))
    assert [union.analyze(t) for t in texts] == [alone.analyze(t) for t in texts]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("My review of 7 Songs Of The 90s is out.", "7 Songs Of"),
        ("Pretend Not To Like (But Really Adore) them.", "But Really Adore"),
        ("knee extension 15 degrees short of full", "15 degrees"),
    ],
)
def test_the_second_models_name_or_place_is_held_to_the_rules_classes(
    text: str, found: str
) -> None:
    """A title's words at its edge, or a number and small ordinary words, is no addition."""
    start = text.index(found)
    assert not held_to_the_rules(text, start, start + len(found))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("She moved to 12 fourth avenue last year.", "12 fourth avenue"),
        ("The visit to Kisumu went well.", "Kisumu"),
        ("Painted by van Gogh in spring.", "van Gogh"),
    ],
)
def test_a_plain_name_or_place_of_the_second_model_stands(text: str, found: str) -> None:
    start = text.index(found)
    assert held_to_the_rules(text, start, start + len(found))


# A ward note: dense with the clinic's words, so ``is_ward_note`` holds for it.
_WARD = (
    "NEURO: A+Ox3, MAE, PERRLA. CV: HR 80s SR, BP 110s/60s, +PP, no edema. RESP: LS clear,"
    " RA sat 97%, IS 1000. GI: abd soft, +BS, tol PO. GU: foley, UOP 60cc/hr. "
)


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Social: brother Osvaldo visited, HCP.", "Osvaldo"),  # after a relative
        ("SOCIAL: NIECE PERPETUA CALLED.", "PERPETUA"),  # in capitals too
        ("page rn quillon re K 3.2.", "quillon"),  # after a member of the care team
        ("Plan: perfusionist Wrenfield at bedside.", "Wrenfield"),
        ("PLAN: D/C TO LARKSPUR GLEN REHAB WHEN BED.", "LARKSPUR GLEN REHAB"),  # a facility
        ("Dispo: pt from Wapakoneta, family aware.", "Wapakoneta"),  # a place no list holds
        ("Visitors: Ottoline Vantreese stayed till 2000.", "Ottoline Vantreese"),  # Title Case
    ],
)
def test_in_a_ward_note_a_name_or_place_in_its_classes_stands(line: str, found: str) -> None:
    text = _WARD + line
    start = text.index(found)
    assert held_to_the_rules(text, start, start + len(found))


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("RESP: STRONG COUGH, IS 1250.", "STRONG COUGH"),  # ward phrases read as a name
        ("PLAN: CT TO WATER SEAL IN AM.", "WATER SEAL"),  # ordinary words after "to"
        ("son at bedside, on nicardipine gtt.", "nicardipine gtt"),  # the clinic's words
        ("Skin: heels offloaded, staples intact.", "staples"),  # no cue, small letters
        ("ETT SECURED WITH ZORBLAFAST.", "ZORBLAFAST"),  # a device's name in a note in capitals
    ],
)
def test_in_a_ward_note_the_wards_words_are_refused(line: str, found: str) -> None:
    text = _WARD + line
    start = text.index(found)
    assert not held_to_the_rules(text, start, start + len(found))
