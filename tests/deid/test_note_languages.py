"""Notes that switch into the patient's language: its everyday words are talk, not names
(echo_cases/deid/note_languages.py). Examples written for these tests."""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.note_languages import note_languages

from .helpers import touched_tokens, uncovered_tokens

SWAHILI = (
    "she says mgonjwa amechoka sana, hali ya kula ni mbaya, anatapika baada ya kila mlo. "
    "mjukuu wake neema ndiye anamhudumia."
)
TAGALOG = (
    "pt nag-complain ng pagsusuka since kahapon at masakit ang ulo. "
    "kasama niya si ligaya, anak niya, pauwi na sa bahay."
)


def test_a_note_writes_a_language_when_it_holds_several_of_its_everyday_words() -> None:
    assert note_languages(SWAHILI) == {"sw"}
    assert note_languages(TAGALOG) == {"fil"}
    # A Swahili name or two in an English note is no Swahili.
    assert note_languages("Neema Wanjiru came with her mama; Baraka drove.") == set()


def test_everyday_swahili_in_an_english_note_is_not_a_name(deid: Deidentifier) -> None:
    assert touched_tokens(SWAHILI, deid.analyze(SWAHILI), "hali ya kula ni mbaya") == []
    # A name that is also a Swahili word ("neema", grace) is still proposed.
    assert uncovered_tokens(SWAHILI, deid.analyze(SWAHILI), "neema") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (TAGALOG, "ligaya"),  # after the personal article "si", though "ligaya" is a word
        ("Son Rakesh wants discharge; c/o mouth mein jalan, khana nahi kha pa rahi.", "Rakesh"),
    ],
)
def test_a_name_among_everyday_words_is_still_found(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


def test_a_town_among_everyday_words_is_still_a_place(deid: Deidentifier) -> None:
    text = "ca esophagus, cannot swallow. mjukuu wambui ndiye anamhudumia, mama yake yuko nairobi."
    findings = deid.analyze(text)
    assert uncovered_tokens(text, findings, "wambui") == []
    assert uncovered_tokens(text, findings, "nairobi") == []
    # The talk around them is not part of the name or the place.
    assert touched_tokens(text, findings, "ndiye anamhudumia, mama yake yuko") == []


@pytest.mark.parametrize(
    ("text", "name", "kin"),
    [
        ("Home visit: family (muwala Nakimuli) giving doses well.", "Nakimuli", "muwala"),
        ("For palliative RT. Pasyente: Mang Isko, farmer.", "Isko", "Mang"),
    ],
)
def test_kin_and_honorifics_of_other_languages_announce_a_name_and_stay(
    deid: Deidentifier, text: str, name: str, kin: str
) -> None:
    findings = deid.analyze(text)
    assert uncovered_tokens(text, findings, name) == []
    assert touched_tokens(text, findings, kin) == []


def test_community_health_workers_are_titles(deid: Deidentifier) -> None:
    text = "Transport ni shida; told her to ask chv okoth about the county ambulance."
    findings = deid.analyze(text)
    assert uncovered_tokens(text, findings, "okoth") == []
    assert touched_tokens(text, findings, "chv") == []


@pytest.mark.parametrize(
    ("text", "clinical"),
    [
        ("Paciente estable. Se indica Hidratación oral y Quimiorradioterapia.", "Hidratación"),
        ("Conduta: manter, solicito Cintilografia óssea, retorno em 4 semanas.", "Cintilografia"),
        ("pt nag-complain ng Pagsusuka since kahapon at masakit ang ulo.", "Pagsusuka"),
    ],
)
def test_clinical_words_of_other_languages_stay(
    deid: Deidentifier, text: str, clinical: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), clinical) == []
