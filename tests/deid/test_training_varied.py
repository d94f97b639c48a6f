"""The generator's varied edition: the case-text classes the other editions are thin in
(facilities of many kinds, homes told by landmarks, family names first, single names, labels
in other languages), split like every template, and leaving the other editions' texts alone."""

from __future__ import annotations

import re
from functools import cache

from echo_cases.deid.training import data
from echo_cases.deid.training.generate import Document, documents
from echo_cases.deid.training.render import SLOT_KINDS, template_slots

from .helpers import generated_fingerprint

GENRES = ("narrative", "letter", "ehr", "chat", "nursing", "discharge", "tumour_board", "address")
# Facility wordings only the train split's extra set holds.
TRAIN_ONLY_FACILITIES = re.compile(
    r"Nursing Home|Taluk Hospital|Upazila Health Complex|Cottage Hospital", re.I
)


@cache
def varied(split: data.Split, n: int = 400) -> tuple[Document, ...]:
    return tuple(documents(n, seed=23, split=split, edition="varied"))


def test_the_other_editions_write_what_they_wrote_before_it() -> None:
    # base and rich as test_training_world_s10 has them; world as main wrote it at 8ff9f19.
    assert generated_fingerprint("base") == "41bf42a2b0f21da8"
    assert generated_fingerprint("rich") == "db203ba29b34a7f7"
    assert generated_fingerprint("world") == "1022e48df448a8b7"


def test_it_writes_its_own_templates_only_in_every_genre_of_both_splits() -> None:
    for split in data.SPLITS:
        by_genre = data.templates(split, "varied")
        assert set(by_genre) == set(GENRES), split
        assert all(t.id.startswith("var-") for ts in by_genre.values() for t in ts)
    assert {d.template for d in varied("train")} <= {
        t.id for ts in data.templates("train", "varied").values() for t in ts
    }


def test_about_a_third_of_its_templates_are_held_out_and_never_trained_on() -> None:
    train, heldout = data.templates("train", "varied"), data.templates("heldout", "varied")
    assert not {t.id for ts in train.values() for t in ts} & {
        t.id for ts in heldout.values() for t in ts
    }
    assert not {t.body for ts in train.values() for t in ts} & {
        t.body for ts in heldout.values() for t in ts
    }
    for genre in GENRES:
        share = len(heldout[genre]) / (len(train[genre]) + len(heldout[genre]))
        assert 0.2 <= share <= 0.4, genre
    total = sum(map(len, train.values())) + sum(map(len, heldout.values()))
    assert 0.25 <= sum(map(len, heldout.values())) / total <= 0.4


def test_its_templates_use_known_slots_and_lists() -> None:
    for split in data.SPLITS:
        for template in (t for ts in data.templates(split, "varied").values() for t in ts):
            assert template_slots(template.body) <= SLOT_KINDS, template.id
            for name in re.findall(r"\{pick:([a-z_]+)\}", template.body):
                assert name in data.word_lists(), (template.id, name)


def test_a_varied_document_labels_exactly_the_values_it_was_filled_with() -> None:
    for document in (*varied("train"), *varied("heldout", 200)):
        for fill in document.fills:
            assert document.text[fill.start : fill.end] == fill.value
            if fill.label is not None:
                assert fill.value == fill.value.strip()
                assert not document.text[fill.start - 1 : fill.start].isalnum(), document.id
                assert not document.text[fill.end : fill.end + 1].isalnum(), document.id


def test_each_split_names_facilities_from_its_own_extra_set() -> None:
    places = data.toml("places")
    train, heldout = places["facility_more_train"], places["facility_more_heldout"]
    for lang in set(train) | set(heldout):
        assert not set(train.get(lang, ())) & set(heldout.get(lang, ())), lang

    def facilities(split: data.Split) -> list[str]:
        return [f.value for d in varied(split) for f in d.fills if f.slot == "facility"]

    assert any(TRAIN_ONLY_FACILITIES.search(value) for value in facilities("train"))
    assert not any(TRAIN_ONLY_FACILITIES.search(value) for value in facilities("heldout"))


def test_it_tells_homes_by_landmarks_and_labels_the_place_not_the_landmark_word() -> None:
    landmark = re.compile(
        r"(?i)\b(?:near|behind|opposite) (\S[^,\n]*?) (market|church|mosque|borehole)\b"
    )
    found = 0
    for document in varied("train"):
        for match in landmark.finditer(document.text):
            labelled = {(f.start, f.end) for f in document.fills if f.label == "LOCATION"}
            assert (match.start(1), match.end(1)) in labelled, (document.id, match.group(0))
            found += 1
    assert found >= 20
