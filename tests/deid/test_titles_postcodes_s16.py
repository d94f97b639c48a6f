"""Titles and postcodes, session 16 (helper titles25): titles shortened inside one word
("Sig.ra", "Dipl.-Ing", "Г-жа"), titles with a dotless ı typed in capitals ("XANIM"), a
title English writes as a word before the note's words ("Chief Complaint:"), and postcodes
written with their country's letters beside a town ("AZ 1000 Bakı").

Examples are invented.
"""

# ruff: noqa: RUF001, RUF002 - the examples are written in other languages' own letters
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from echo_cases.deid import Deidentifier, lexicon
from tests.deid.helpers import touched_tokens, uncovered_tokens

ROOT = Path(__file__).resolve().parents[2]


def _build_script() -> object:
    path = ROOT / "scripts" / "deid" / "build_person_titles.py"
    spec = importlib.util.spec_from_file_location("build_person_titles", path)
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The model reads these titled names as places too, and its place keeps the title. Cutting
# a title off a model's place (session 16) lost a place token in the fresh blind set's
# copies in small letters and in capitals (found by its aggregate score only), so it was
# taken out before the merge.
_MODEL_PLACE_KEEPS_ITS_TITLE = pytest.mark.xfail(
    strict=True, reason="a title opening a model's place over a titled name is not cut"
)


@pytest.mark.parametrize(
    ("text", "title", "name"),
    [
        pytest.param(
            "Colloquio con Sig.ra Giulia Conti, sorella della paziente.",
            "Sig.ra",
            "Giulia Conti",
            marks=_MODEL_PLACE_KEEPS_ITS_TITLE,
        ),
        pytest.param(
            "Rapporto firmato da Dipl.-Ing. Hans Weber, tecnico.",
            "Dipl.-Ing.",
            "Hans Weber",
            marks=_MODEL_PLACE_KEEPS_ITS_TITLE,
        ),
        ("Г-жа Мария Иванова ще се обади утре.", "Г-жа", "Мария Иванова"),
        ("Seen with XANIM LEYLA MƏMMƏDOVA, her aunt.", "XANIM", "LEYLA MƏMMƏDOVA"),
    ],
)
def test_a_title_shortened_in_one_word_or_typed_in_capitals_stays_outside_the_name(
    deid: Deidentifier, text: str, title: str, name: str
) -> None:
    findings = deid.analyze(text)
    assert uncovered_tokens(text, findings, name) == []
    assert touched_tokens(text, findings, title) == []


@pytest.mark.parametrize(
    "text",
    [
        "domicilio av. insurgentes sur 1457, col. insurgentes mixcoac, 03920 ciudad de méxico.",
        "I LIVE AT CALLE DURANGO 217, INT. 4, COL. ROMA NORTE, 06700 CIUDAD DE MÉXICO.",
    ],
)
def test_a_settlements_kind_spelt_as_a_title_stays_in_the_place(
    deid: Deidentifier, text: str
) -> None:
    # "Col." is a colonel's title and a Mexican colonia's: before a place, the colonia's.
    col = text[text.lower().index("col.") :].split(",")[0]
    assert uncovered_tokens(text, deid.analyze(text), col) == []


def test_shortened_titles_and_their_spellings_from_capitals_are_looked_up() -> None:
    assert {"sig.ra", "dipl.-ing", "г-жа", "г-н", "xanım", "xanim"} <= lexicon.TITLE_WORDS


def test_the_build_keeps_a_title_shortened_in_one_word_but_not_initials() -> None:
    build = _build_script()
    usable = build.usable  # type: ignore[attr-defined]
    assert usable("Sig.ra")
    assert usable("Г-жа")
    assert usable("Dipl.-Ing")
    assert not usable("R.A")  # id_ID's initials
    assert not usable("Arş. Gör")  # two titles, each looked up alone
    assert build.spellings("Xanım") == ["Xanım", "Xanim"]  # type: ignore[attr-defined]
    assert build.spellings("Fru") == ["Fru"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        "Sister Grace will call back about the results.",
        "Chief Obi visited the ward today.",
    ],
)
def test_a_name_after_a_title_english_writes_as_a_word_is_still_a_name(
    deid: Deidentifier, text: str
) -> None:
    name = text.split()[1]
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Referred from Sumqayıt, AZ 5000.", "AZ 5000"),
        ("Moved from AZ 1000 Bakı after the diagnosis.", "AZ 1000"),
        ("Lives in Gəncə AZ2000 with her son.", "AZ2000"),
    ],
)
def test_a_postcode_with_its_countrys_letters_beside_a_town_is_redacted_whole(
    deid: Deidentifier, text: str, code: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), code) == []


def test_the_same_letters_and_digits_without_a_town_are_no_postcode(deid: Deidentifier) -> None:
    # "AZ" is azithromycin too: its dose is no address.
    assert deid.analyze("Gave AZ 1000 mg stat for the chest infection.") == []


def test_a_us_zip_after_arizona_keeps_the_state(deid: Deidentifier) -> None:
    text = "Phoenix, AZ 85001 is home."
    findings = deid.analyze(text)
    assert uncovered_tokens(text, findings, "85001") == []
    assert touched_tokens(text, findings, "AZ") == []
