"""A known town written right after a facility, a blank apart, is the facility's city:
hubs name a hospital by its short form and its town ("SGPGI Lucknow", "nori islamabad"),
and the town leaks when the facility alone is found."""

from __future__ import annotations

import pytest

from echo_cases.deid import get_deidentifier


def _masked(text: str) -> set[int]:
    found = next(iter(get_deidentifier().analyze_many([text])))
    return {i for f in found for i in range(f.start, f.end)}


def _covered(text: str, part: str) -> bool:
    start = text.index(part)
    return set(range(start, start + len(part))) <= _masked(text)


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("referred to sgpgi lucknow for PET-CT", "lucknow"),
        ("scan done at NORI islamabad, then home", "islamabad"),
        ("Seen at Kenyatta National Hospital Nairobi last week", "Nairobi"),
        ("referred to tmh navi mumbai for surgery", "navi mumbai"),
    ],
)
def test_the_town_after_a_facility_is_redacted_with_it(text: str, town: str) -> None:
    assert _covered(text, town)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("seen at NORI today, stable, given lasix", "today"),
        ("Seen at Kenyatta National Hospital with febrile neutropenia", "febrile"),
    ],
)
def test_words_after_a_facility_that_name_no_town_stay(text: str, kept: str) -> None:
    start = text.index(kept)
    assert not set(range(start, start + len(kept))) & _masked(text)
