"""Facilities named before their kind, typed in small letters (session 18, helper facility18).

In Title Case "Colombia Health Center" is read by its capitals; a phone drops them, and
"at colombia health center" leaked while "at mercy hospital" was found. In a line with no
capital, one to three words before a facility's or a body's kind (a health centre, clinic,
dispensary, hospice, institute, association, and the heads other languages write last)
name it when one of them is a known town, a country, somebody's name or a word no
language's frequency list holds, and none between it and the kind is the clinic's.
Invented examples; the generic near misses must stay untouched.
"""

from __future__ import annotations

import pytest

from echo_cases.deid.landmarks import facilities_of_ordinary_words, facilities_of_rare_names
from tests.deid.helpers import all_masked, none_masked


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        (
            "presenting clinician: nurse at colombia health center, montana",
            "colombia health center",
        ),
        ("should we move her to palliative care with shepherd's hospice?", "shepherd's hospice"),
        ("lab work sent to the kemri institute last week", "kemri institute"),
        ("pt walked in from kibera health centre this morning", "kibera health centre"),
        ("transport paid by the kenya cancer association", "kenya cancer association"),
        ("hb 9.1 at zinga dispensary, referred on", "zinga dispensary"),
        ("overgeplaatst naar maasstad ziekenhuis", "maasstad ziekenhuis"),
    ],
)
def test_a_facility_named_before_its_kind_in_small_letters_is_found(
    text: str, facility: str
) -> None:
    assert all_masked(text, facility)


@pytest.mark.parametrize(
    "text",
    [
        "seen at the health center yesterday",
        "admitted to district hospital with fever",
        "followed at a private clinic",
        "referred to the cancer institute",
        "seen in oncology clinic on tuesday",
        "sent to referral hospital by ambulance",
        "review in her usual clinic",
        "seen in sickle cell clinic",
        "kisumu oncology clinic",  # the service of a town's hospital, not a facility's name
        "seen at the memory clinic",  # a name ("Memory") and a service: an English word
        "seen in mopc clinic",  # a short unknown word typed small: a service's acronym
        "referred to podiatry clinic",  # English, too rare for the frequency lists
        "the palliative care association paid",
    ],
)
def test_a_generic_kind_names_no_facility(text: str) -> None:
    assert facilities_of_rare_names(text) == []
    assert facilities_of_ordinary_words(text) == []


@pytest.mark.parametrize(
    ("text", "generic"),
    [
        ("seen at the health center yesterday", "health center"),
        ("seen in oncology clinic on tuesday", "oncology clinic"),
        ("admitted to district hospital with fever", "district hospital"),
        ("sent to referral hospital by ambulance", "referral hospital"),
    ],
)
def test_generic_kinds_stay_in_the_text(text: str, generic: str) -> None:
    assert none_masked(text, generic)


def test_capitals_leave_the_name_to_the_finders_of_capitals() -> None:
    # A line with a capital is read by its capitals; this finder stands aside.
    assert facilities_of_rare_names("Seen at kibera health centre") == []


def test_a_person_of_a_facility_is_not_its_name() -> None:
    text = "presenter dr amani korir of ruiru health centre, thanks"
    assert [text[a:b] for _, a, b in facilities_of_rare_names(text)] == ["ruiru health centre"]


def test_the_clinic_word_further_back_ends_the_name() -> None:
    text = "seen kibera health centre"
    assert [text[a:b] for _, a, b in facilities_of_rare_names(text)] == ["kibera health centre"]
