"""Known places (gazetteer.py, data/place_names.txt from GeoNames): a city or town of the
world is found where a place can sit, in any letter case, and a city that is also a
clinical or ordinary word stays (examples written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from echo_cases.deid import Deidentifier, gazetteer
from echo_cases.deid.analyzer import GAZETTEER_SOURCE
from echo_cases.deid.gazetteer import fold, key, known_places

from .helpers import touched_tokens, uncovered_tokens

# (text, the place in it that must be redacted)
FOUND = [
    # After a comma: a district then its city.
    ("Lives with her son in Mirpur, Dhaka and comes monthly.", "Dhaka"),
    ("Referred by the oncology unit, Durban for radiotherapy.", "Durban"),
    # In small letters, with or without its accents.
    ("pt from nova iguaçu, vem de onibus toda semana", "nova iguaçu"),
    ("pt is from nova iguacu and travels by bus", "nova iguacu"),
    # In capitals, after a place word.
    ("PT MOVED TO DHAKA LAST YEAR, LIVES WITH DAUGHTER.", "DHAKA"),
    # A form's field, and a place before its region.
    ("City: Kisumu\nNext of kin: sister", "Kisumu"),
    ("she stays in town near the market, eldoret, kenya", "eldoret"),
    # Alone in brackets after a person: where the person is.
    ("Navigator Paulinho Souza (Recife) +55 81 98877-0000", "Recife"),
    # A place that is also a given name is an identifier either way.
    ("Her family moved to Florence when she was ten.", "Florence"),
]

# (text, the clinical or ordinary words in it no finding may touch)
KEPT = [
    ("Resection of the sigmoid, colon anastomosis intact.", "colon anastomosis intact"),
    ("CABG x3, LIMA to LAD, SVG to OM.", "LIMA to LAD"),
    ("Afebrile, bath given, mobile with frame.", "bath given, mobile with frame"),
    ("Reading glasses lost; split skin graft healing, nice granulation.", "split skin graft"),
]


@pytest.mark.parametrize(("text", "place"), FOUND)
def test_a_known_place_is_found_where_a_place_sits(
    deid: Deidentifier, text: str, place: str
) -> None:
    findings = deid.analyze(text)
    assert uncovered_tokens(text, findings, place) == []


@pytest.mark.parametrize(("text", "words"), KEPT)
def test_a_city_that_is_a_clinical_or_ordinary_word_stays(
    deid: Deidentifier, text: str, words: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), words) == []


def test_a_known_place_is_proposed_as_a_city_at_its_own_score(deid: Deidentifier) -> None:
    # In small letters, where no rule of shape finds it first.
    text = "travelled from durban, came back last week"
    (finding,) = [f for f in deid.analyze(text) if text[f.start : f.end] == "durban"]
    assert finding.source == GAZETTEER_SOURCE
    assert finding.subtype == "CITY"
    assert 0.5 < finding.score < 0.85


def test_a_known_place_without_a_place_before_or_after_it_is_not_proposed() -> None:
    # "Durban" heads the sentence here, no cue, comma or region beside it.
    assert known_places("Durban was hot.") == []
    assert known_places("seen in durban") == [(8, 14)]


def test_a_short_word_in_capitals_before_a_number_is_its_label() -> None:
    # Brazil's taxpayer number, not the town of Cpf; "CAI BE" in an address is a place
    # (GeoNames has "Cai", of which "Cai Be" is not a spelling, so the first word is found).
    assert known_places("DE KOFI OWUSU (80 AÑOS, CPF - 599312720153)") == []
    text = "LOT 414 VUNG TAU DRIVE, CAI BE"
    assert [text[s:e] for s, e in known_places(text)] == ["CAI"]


def test_the_lookup_takes_the_longest_name() -> None:
    text = "moved to Rio de Janeiro last year"
    assert [text[s:e] for s, e in known_places(text)] == ["Rio de Janeiro"]


def test_a_word_with_accents_must_have_the_places_own() -> None:
    # Vietnamese "khó" (difficult) after a comma is not the town of Kho.
    assert known_places("hôm nay ho nhiều, khó thở nhẹ") == []


def test_names_are_looked_up_in_small_letters_and_typed_without_accents() -> None:
    assert key("São  Paulo") == "são paulo"
    assert fold("São Paulo") == "sao paulo"
    assert key("St. Louis") == "st louis"


def test_the_places_read_from_the_cache_are_the_places_of_the_text(tmp_path: Path) -> None:
    out = tmp_path / "places.marshal"
    gazetteer.main([str(out)])
    source = gazetteer._source()
    assert gazetteer.read_cache(source, out) == gazetteer._parse(source)


def test_a_cache_written_from_another_text_or_torn_is_not_used(tmp_path: Path) -> None:
    out = tmp_path / "places.marshal"
    gazetteer.main([str(out)])
    assert gazetteer.read_cache(b"# edited since\nnova iguacu\n", out) is None
    out.write_bytes(b"\x00\x01")
    assert gazetteer.read_cache(gazetteer._source(), out) is None
    assert gazetteer.read_cache(gazetteer._source(), tmp_path / "missing.marshal") is None


def test_the_installed_cache_is_fresh() -> None:
    # `make setup` writes it; a place list edited since needs it written again.
    assert gazetteer.read_cache(gazetteer._source()) is not None, (
        f"stale or missing: {gazetteer.CACHE}; run make setup"
    )
