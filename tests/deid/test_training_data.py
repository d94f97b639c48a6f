"""The training-text generator: what its labelled documents promise the NER trainer."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import spacy
from faker import Faker

from echo_cases.deid.training import data
from echo_cases.deid.training import generate as generate_module
from echo_cases.deid.training.augment import CASES
from echo_cases.deid.training.generate import Document, documents, generate, render_document
from echo_cases.deid.training.render import SLOT_KINDS, template_slots
from echo_cases.deid.training.sources import ExtraSource, FakerSource, sources

REPO_ROOT = Path(__file__).resolve().parents[2]
FREEZE_SCRIPT = REPO_ROOT / "scripts" / "deid" / "freeze_training_words.py"
ENTITY_TYPES = {"PERSON", "LOCATION", "DATE", "AGE", "ID", "CONTACT"}
DISTRACTOR_SLOTS = {"drug", "cond", "lab", "dept", "scale"}
PERSON_SLOTS = {"name", "full", "first", "last", "initials", "upper", "inverted"}
COURTESY_TITLES = ("Dr ", "Dr. ", "Dra. ", "Prof. ", "Mr ", "Mr. ", "Mrs ", "Mrs. ", "Ms ", "Mzee ")


@cache
def sample(split: data.Split, n: int = 500, edition: data.Edition = "base") -> tuple[Document, ...]:
    return tuple(documents(n, seed=11, split=split, edition=edition))


def all_documents() -> list[Document]:
    return [
        *sample("train"),
        *sample("heldout", 300),
        *sample("train", 300, "rich"),
        *sample("heldout", 200, "rich"),
    ]


def labelled(document: Document) -> list:
    return [fill for fill in document.fills if fill.label is not None]


def test_every_span_covers_exactly_the_value_its_slot_was_filled_with() -> None:
    for document in all_documents():
        for fill in document.fills:
            assert document.text[fill.start : fill.end] == fill.value, (document.id, fill)
        assert document.spans == [
            {"start": f.start, "end": f.end, "type": f.label} for f in labelled(document)
        ]


def test_span_types_are_the_six_identifier_kinds() -> None:
    types = Counter(span["type"] for d in all_documents() for span in d.spans)
    assert set(types) == ENTITY_TYPES


def test_spans_are_sorted_and_never_overlap() -> None:
    for document in all_documents():
        ends = [(span["start"], span["end"]) for span in document.spans]
        assert ends == sorted(ends)
        for (_, end), (start, _) in itertools.pairwise(ends):
            assert end <= start, document.id


def test_spans_never_cut_a_word_nor_carry_surrounding_space() -> None:
    for document in all_documents():
        text = document.text
        for span in document.spans:
            start, end = span["start"], span["end"]
            assert start < end
            assert text[start:end] == text[start:end].strip(), (document.id, text[start:end])
            assert start == 0 or not text[start - 1].isalnum(), (document.id, text[start - 5 : end])
            assert end == len(text) or not text[end].isalnum(), (document.id, text[start : end + 5])


def test_two_names_are_never_labelled_as_two_spans_with_only_space_between() -> None:
    for document in all_documents():
        persons = [f for f in labelled(document) if f.label == "PERSON"]
        for first, second in itertools.pairwise(persons):
            between = document.text[first.end : second.start]
            assert between.strip(), (document.id, first.value, second.value)


def test_spans_fall_on_token_boundaries_of_the_english_tokenizer() -> None:
    tokenizer = spacy.blank("en")
    spans = misaligned = 0
    for document in all_documents():
        doc = tokenizer.make_doc(document.text)
        for span in document.spans:
            spans += 1
            misaligned += doc.char_span(span["start"], span["end"]) is None
    assert misaligned <= 0.01 * spans


def test_every_genre_appears_in_every_case_variant_in_500_documents() -> None:
    seen = Counter((d.genre, d.case) for d in sample("train"))
    genres = set(data.templates("train"))
    assert {genre for genre, _ in seen} == genres
    for genre in genres:
        for case in CASES:
            assert seen[genre, case] > 0, (genre, case)


def test_case_variants_change_only_case() -> None:
    for document in sample("train"):
        if document.case == "lower":
            assert not any(c.isupper() and len(c.lower()) == 1 for c in document.text)
        if document.case == "upper":
            assert not any(c.islower() and len(c.upper()) == 1 for c in document.text)


def test_train_and_heldout_share_no_template() -> None:
    train, heldout = data.templates("train"), data.templates("heldout")
    assert set(train) == set(heldout)
    train_ids = {t.id for ts in train.values() for t in ts}
    heldout_ids = {t.id for ts in heldout.values() for t in ts}
    assert not train_ids & heldout_ids
    train_bodies = {t.body for ts in train.values() for t in ts}
    assert not train_bodies & {t.body for ts in heldout.values() for t in ts}
    assert len(train_ids) + len(heldout_ids) >= 150
    for genre in train:
        share = len(heldout[genre]) / (len(train[genre]) + len(heldout[genre]))
        assert 0.25 <= share <= 0.4, genre


# Slots an extra clinical line may use: none of them ever fills an identifier.
EXTRA_LINE_SLOTS = {"drug", "cond", "lab", "scale", "pick", "n", "time", "abbr", "rx", "cword"}


def test_about_one_document_in_ten_of_the_rich_edition_gets_an_extra_clinical_line() -> None:
    with_extra = [d for d in sample("train", 500, "rich") if d.extra is not None]
    assert 25 <= len(with_extra) <= 80
    assert {d.genre for d in with_extra} >= {"narrative", "nursing", "chat", "ehr"}
    lines = [d.text.splitlines() for d in with_extra]
    assert any(line.isupper() for doc in lines for line in doc)
    assert any(line.islower() for doc in lines for line in doc)


def test_the_base_edition_writes_the_texts_the_model_was_first_trained_on() -> None:
    rich_only = {t.id for ts in data.templates("train", "rich").values() for t in ts} - {
        t.id for ts in data.templates("train").values() for t in ts
    }
    assert rich_only  # names in prose and multi-line addresses
    base = sample("train")
    assert all(d.extra is None for d in base)
    assert not {d.template for d in base} & rich_only
    assert {d.template for d in sample("train", 500, "rich")} & rich_only


def spans_as_read(document: Document) -> list[tuple[str, object]]:
    return [(document.text[s["start"] : s["end"]], s["type"]) for s in document.spans]


def test_an_extra_clinical_line_adds_no_identifier_and_takes_none_away(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for split in data.SPLITS:
        assert len(data.extras(split)) >= 10
        for extra in data.extras(split):
            assert template_slots(extra.body) <= EXTRA_LINE_SLOTS, extra.id
    with_extra = [d for d in all_documents() if d.extra is not None]
    monkeypatch.setattr(generate_module, "EXTRA_LINE_SHARE", 0.0)
    for document in with_extra:
        index = int(document.id.rsplit("-", 1)[1])
        without = render_document(11, document.split, index, "rich")  # type: ignore[arg-type]
        assert without.extra is None
        assert spans_as_read(document) == spans_as_read(without), document.id


def test_train_and_heldout_extra_lines_share_no_wording_nor_shared_vocabulary_word() -> None:
    train, heldout = data.extras("train"), data.extras("heldout")
    assert not {t.id for t in train} & {t.id for t in heldout}
    assert not {t.body for t in train} & {t.body for t in heldout}
    assert 0.2 <= len(heldout) / (len(train) + len(heldout)) <= 0.4
    for slot in data.SHARED_VOCABULARIES:
        train_words = data.shared_words(slot, "train")
        heldout_words = data.shared_words(slot, "heldout")
        assert train_words
        assert heldout_words
        assert not set(train_words) & set(heldout_words)
        assert 0.25 <= len(heldout_words) / (len(train_words) + len(heldout_words)) <= 0.42
    for split, count in (("train", 500), ("heldout", 300)):
        for document in sample(split, count):
            for fill in document.fills:
                if fill.slot in data.SHARED_VOCABULARIES:
                    assert fill.label is None
                    assert fill.value.lower() in data.shared_words(fill.slot, split), fill


def test_the_words_training_text_draws_on_stay_frozen_while_the_rules_grow(
    tmp_path: Path,
) -> None:
    # Tuning the rules adds words to the de-identifier's lists; the generator's copies keep
    # the words of the revision the models were trained at, so a seed writes the same texts.
    frozen = sorted(data.VOCABULARY_DIR.glob("*.txt"))
    assert {p.name for p in frozen} == set(data.SHARED_VOCABULARIES.values())
    headers = [p.read_text(encoding="utf-8").splitlines()[0] for p in frozen]
    revisions = {m.group(1) for h in headers if (m := re.search(r" at (\w+) for ", h))}
    assert len(revisions) == 1
    subprocess.run(  # noqa: S603 - our own script, run with this interpreter
        [sys.executable, str(FREEZE_SCRIPT), "--rev", revisions.pop(), "--out", str(tmp_path)],
        check=True,
    )
    for path in frozen:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_train_and_heldout_share_no_name_source() -> None:
    train_locales, heldout_locales = data.faker_locales("train"), data.faker_locales("heldout")
    assert not set(train_locales) & set(heldout_locales)
    train_files = {extra.stem for extra in data.extra_names("train")}
    heldout_files = {extra.stem for extra in data.extra_names("heldout")}
    assert not train_files & heldout_files
    assert 0.25 <= len(heldout_locales) / (len(train_locales) + len(heldout_locales)) <= 0.4
    assert 0.25 <= len(heldout_files) / (len(train_files) + len(heldout_files)) <= 0.45


@pytest.mark.parametrize("split", data.SPLITS)
def test_a_split_borrows_places_only_from_its_own_sources(split: data.Split) -> None:
    own = set(data.faker_locales(split)) | {f"names:{e.stem}" for e in data.extra_names(split)}
    if split == "train":
        own.add("en_US")
    for source in sources(split):
        assert source.key in own
        if isinstance(source, FakerSource) and source.places is not None:
            assert source.places.key in own, (source.key, source.places.key)


def test_locales_without_address_data_say_where_their_places_come_from() -> None:
    declared = data.faker_places()
    for split in data.SPLITS:
        for source in sources(split):
            if isinstance(source, FakerSource):
                address = next(
                    p
                    for p in source_faker(source.key).providers
                    if p.__provider__ == "faker.providers.address"
                )
                if address.__lang__ == "en_US" and source.key != "en_US":
                    assert source.key in declared, source.key


def source_faker(locale: str) -> Faker:
    return Faker(locale)


def test_every_template_uses_known_slots_and_lists() -> None:
    for split in data.SPLITS:
        for templates in data.templates(split).values():
            for template in templates:
                assert template_slots(template.body) <= SLOT_KINDS, template.id
                for name in re.findall(r"\{pick:([a-z_]+)\}", template.body):
                    assert name in data.word_lists(), (template.id, name)


def test_every_extra_name_file_brings_names_places_and_phones() -> None:
    phones = data.toml("contacts")["phones"]
    courtesy = data.toml("titles")["courtesy"]
    for split in data.SPLITS:
        for extra in data.extra_names(split):
            spec = extra.spec
            for key in ("given_f", "given_m", "family", "towns", "villages", "regions"):
                assert len(spec[key]) >= 4, (extra.stem, key)
            assert set(spec["phones"]) <= set(phones), extra.stem
            assert spec.get("courtesy", "en") in courtesy, extra.stem


def test_declared_phone_layouts_exist() -> None:
    phones = data.toml("contacts")["phones"]
    for locale, countries in data.toml("sources")["faker_phones"].items():
        assert set(countries) <= set(phones), locale


def test_extra_name_files_cover_the_regions_faker_lacks() -> None:
    stems = {e.stem for split in data.SPLITS for e in data.extra_names(split)}
    for region in (
        "west_african",
        "east_african",
        "south_asian",
        "filipino",
        "vietnamese",
        "navajo",
        "pacific",
        "arabic",
        "word_names",
    ):
        assert any(stem.startswith(region) for stem in stems), region


def test_names_that_are_ordinary_words_are_labelled_as_persons() -> None:
    words = {
        "Hope",
        "Blessing",
        "Precious",
        "Gift",
        "Memory",
        "Faith",
        "Given",
        "Rose",
        "Grace",
        "Joy",
        "Patience",
        "Brown",
        "Wood",
    }
    common = next(e for e in data.extra_names("train") if e.stem == "word_names_common").spec
    assert words <= set(common["given_f"]) | set(common["given_m"]) | set(common["family"])
    person_words = {
        word
        for d in sample("train")
        for f in labelled(d)
        if f.label == "PERSON"
        for word in f.value.replace(",", " ").split()
    }
    assert any(word.lower() in {w.lower() for w in words} for word in person_words)


def test_distractor_words_appear_unlabelled() -> None:
    seen = Counter()
    for document in all_documents():
        spans = [(s["start"], s["end"]) for s in document.spans]
        for fill in document.fills:
            if fill.slot in DISTRACTOR_SLOTS:
                seen[fill.slot] += 1
                assert fill.label is None
                assert all(fill.end <= start or fill.start >= end for start, end in spans)
    assert set(seen) == DISTRACTOR_SLOTS
    texts = " ".join(d.text.lower() for d in all_documents())
    for eponym in ("hodgkin", "burkitt", "kaposi"):
        assert eponym in texts


def test_countries_regions_and_titles_stay_unlabelled() -> None:
    for document in all_documents():
        for fill in document.fills:
            if fill.slot in {"country", "region", "title", "dr", "nurse_t"}:
                assert fill.label is None, (document.id, fill)
            if fill.label == "PERSON" and document.case == "as_written":
                assert not fill.value.startswith(COURTESY_TITLES), (document.id, fill.value)


def test_person_slots_are_labelled_including_later_first_name_mentions() -> None:
    slots = Counter()
    for document in all_documents():
        for fill in document.fills:
            if fill.slot in PERSON_SLOTS:
                slots[fill.slot] += 1
                assert fill.label == "PERSON"
    assert set(slots) == PERSON_SLOTS


def test_only_ages_over_89_are_labelled() -> None:
    ages = [f for d in all_documents() for f in d.fills if f.slot == "age"]
    assert any(f.label == "AGE" for f in ages)
    assert any(f.label is None for f in ages)
    for fill in ages:
        assert (int(fill.value) > 89) == (fill.label == "AGE")


def test_years_alone_are_never_dates() -> None:
    for document in all_documents():
        for fill in labelled(document):
            if fill.label == "DATE":
                assert not re.fullmatch(r"'?\d{2,4}", fill.value), fill.value


def test_pairs_share_a_template_and_differ_in_identifiers() -> None:
    docs = sample("train")
    pairs = list(zip(docs[::2], docs[1::2], strict=True))
    assert all(a.template == b.template for a, b in pairs)
    differ = sum([f.value for f in labelled(a)] != [f.value for f in labelled(b)] for a, b in pairs)
    assert differ >= 0.9 * len(pairs)


def test_a_document_depends_on_its_index_alone_not_on_what_came_before() -> None:
    in_order = sample("heldout", 300)[:40]
    backwards = [render_document(11, "heldout", index) for index in reversed(range(40))]
    assert list(in_order) == backwards[::-1]


def test_generate_yields_the_agreed_records() -> None:
    records = list(generate(40, seed=5, split="heldout"))
    assert {tuple(sorted(r)) for r in records} == {
        ("genre", "id", "spans", "split", "template", "text")
    }
    assert len({r["id"] for r in records}) == 40
    assert {r["split"] for r in records} == {"heldout"}
    heldout_templates = {t.id for ts in data.templates("heldout").values() for t in ts}
    assert {r["template"] for r in records} <= heldout_templates


def test_sources_of_both_kinds_fill_documents() -> None:
    kinds = {type(source) for source in sources("train")}
    assert kinds == {FakerSource, ExtraSource}


def run_cli(out: Path, hash_seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(REPO_ROOT)}
    subprocess.run(  # noqa: S603 - our own module, run with this interpreter
        [
            sys.executable,
            "-m",
            "echo_cases.deid.training.generate",
            str(out),
            "--n",
            "300",
            "--seed",
            "2",
            "--split",
            "train",
        ],
        check=True,
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
    )
    return out.read_bytes()


def test_cli_output_is_byte_identical_across_processes(tmp_path: Path) -> None:
    first = run_cli(tmp_path / "a.jsonl", "1")
    second = run_cli(tmp_path / "b.jsonl", "4242")
    assert first == second
    assert first.count(b"\n") == 300
