"""The generator's world edition: notes in other languages name people and places of that
language, and fine-tuning a calibrated model starts from what it learnt."""

from __future__ import annotations

import json
import re
import shutil
from functools import cache
from pathlib import Path

import numpy
import pytest
import spacy

from echo_cases.deid.nlp import MODEL_PATH
from echo_cases.deid.training import data
from echo_cases.deid.training.calibrate import shift_outside, whole_scores
from echo_cases.deid.training.finetune import finetune, snapshot
from echo_cases.deid.training.generate import Document, documents, generate, sources_for
from echo_cases.deid.training.render import SLOT_KINDS, template_slots
from echo_cases.deid.training.sources import sources
from echo_cases.deid.training.train import train

from .helpers import generated_fingerprint

LANGUAGES = ("es", "pt", "fr", "sw", "tl", "vi")
VIETNAMESE_LETTER = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")


@cache
def world(split: data.Split, n: int = 600) -> tuple[Document, ...]:
    return tuple(documents(n, seed=21, split=split, edition="world"))


def world_only(split: data.Split) -> dict[str, list[data.Template]]:
    base_ids = {t.id for ts in data.templates(split, "rich").values() for t in ts}
    return {
        genre: [t for t in ts if t.id not in base_ids]
        for genre, ts in data.templates(split, "world").items()
    }


def test_the_base_and_rich_editions_write_what_the_shipped_model_was_trained_on() -> None:
    # Fingerprints of the texts before the world edition existed (main at 77cb09f).
    assert generated_fingerprint("base") == "41bf42a2b0f21da8"
    assert generated_fingerprint("rich") == "db203ba29b34a7f7"


def test_a_note_in_another_language_draws_its_people_and_places_from_that_language() -> None:
    pool = sources("train")
    for template in (t for ts in world_only("train").values() for t in ts):
        chosen = sources_for(template, pool, "world")
        assert chosen, template.id
        assert {source.lang for source in chosen} == {template.lang}, template.id


def test_only_the_world_edition_matches_sources_to_the_language() -> None:
    spanish = next(t for ts in world_only("train").values() for t in ts if t.lang == "es")
    pool = sources("train")
    assert sources_for(spanish, pool, "rich") == pool
    assert sources_for(spanish, pool, "base") == pool


def test_a_language_no_source_of_the_split_speaks_falls_back_to_every_source() -> None:
    swahili = next(t for ts in world_only("heldout").values() for t in ts if t.lang == "sw")
    pool = sources("heldout")
    assert not [source for source in pool if source.lang == "sw"]
    assert sources_for(swahili, pool, "world") == pool


def test_every_language_has_notes_in_both_splits_and_they_share_no_wording() -> None:
    train, heldout = world_only("train"), world_only("heldout")
    assert {t.lang for ts in train.values() for t in ts} == set(LANGUAGES)
    assert {t.lang for ts in heldout.values() for t in ts} == set(LANGUAGES)
    train_bodies = {t.body for ts in train.values() for t in ts}
    assert not train_bodies & {t.body for ts in heldout.values() for t in ts}
    for genre in ("narrative", "letter", "ehr", "chat", "nursing", "discharge", "tumour_board"):
        assert train.get(genre), genre
        assert heldout.get(genre), genre


def test_world_templates_use_known_slots_and_lists() -> None:
    lists = data.word_lists()
    for split in data.SPLITS:
        for template in (t for ts in world_only(split).values() for t in ts):
            assert template_slots(template.body) <= SLOT_KINDS, template.id
            for name in re.findall(r"\{pick:([a-z_]+)\}", template.body):
                assert name in lists, (template.id, name)


def test_a_world_document_labels_exactly_the_values_it_was_filled_with() -> None:
    for document in (*world("train"), *world("heldout", 300)):
        for fill in document.fills:
            assert document.text[fill.start : fill.end] == fill.value
            if fill.label is not None:
                assert fill.value == fill.value.strip()
                before = document.text[fill.start - 1 : fill.start]
                after = document.text[fill.end : fill.end + 1]
                assert not before.isalnum(), (document.id, fill)
                assert not after.isalnum(), (document.id, fill)


def test_about_one_world_document_in_six_is_a_note_in_another_language() -> None:
    written = [d for d in world("train") if d.template.startswith("world-")]
    assert 50 <= len(written) <= 150
    vietnamese = [d for d in written if d.template.split("-")[2] == "vi" and d.case == "as_written"]
    # Vietnamese people in a Vietnamese note: their names carry its diacritics.
    names = [f.value for d in vietnamese for f in d.fills if f.label == "PERSON"]
    assert names
    assert sum(bool(VIETNAMESE_LETTER.search(name.lower())) for name in names) >= len(names) / 2


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A tiny model, its training texts and a few world texts to fine-tune it on."""
    folder = tmp_path_factory.mktemp("world")
    paths = {}
    for name, n, seed, split, edition in (
        ("train", 50, 1, "train", "base"),
        ("heldout", 16, 2, "heldout", "base"),
        ("world", 30, 6, "train", "world"),
    ):
        paths[name] = folder / f"{name}.jsonl"
        with paths[name].open("w", encoding="utf-8") as fh:
            for record in generate(n, seed, split, edition):  # type: ignore[arg-type]
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    train(paths["train"], paths["heldout"], folder / "model", epochs=1, seed=5)
    return folder / "model", paths["heldout"], paths["world"]


def test_fine_tuning_a_calibrated_model_is_fine_tuning_the_model_it_was_calibrated_from(
    tiny: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    model, heldout, world_texts = tiny
    nlp = spacy.load(model)
    shift_outside(nlp, 2.0)
    nlp.to_disk(tmp_path / "calibrated")
    outs = []
    for start in (model, tmp_path / "calibrated"):
        out = tmp_path / f"tuned-{start.name}"
        finetune(start, heldout, out, [(world_texts, 30)], check_every=10, average=2, seed=4)
        outs.append(out)
    # Equal to float rounding: the shift is taken off in single precision.
    tuned = [snapshot(spacy.load(out)) for out in outs]
    assert tuned[0].keys() == tuned[1].keys()
    for key, weights in tuned[0].items():
        assert numpy.allclose(weights, tuned[1][key], rtol=0, atol=1e-5), key


def test_calibration_scores_each_shift_with_the_shift_applied(tmp_path: Path) -> None:
    # The de-identifier reads the NER's weights once, at load: a sweep that shifted the
    # loaded model scored every shift as the first (session 10 found 0-4 all alike).
    model = tmp_path / "model"
    shutil.copytree(MODEL_PATH, model)
    select = list(generate(40, 3, "heldout"))
    unshifted, shifted = whole_scores(model, select, (0.0, 6.0))
    assert shifted["recall"] >= unshifted["recall"]
    assert shifted["precision"] < unshifted["precision"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]
