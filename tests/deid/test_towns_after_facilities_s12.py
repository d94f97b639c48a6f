"""A known town written right after a facility, a blank apart, is the facility's city:
hubs name a hospital by its short form and its town ("SGPGI Lucknow", "nori islamabad"),
and the town leaks when the facility alone is found."""

from __future__ import annotations

import pytest

from tests.deid.helpers import all_masked, none_masked


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
    assert all_masked(text, town)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("seen at NORI today, stable, given lasix", "today"),
        ("Seen at Kenyatta National Hospital with febrile neutropenia", "febrile"),
    ],
)
def test_words_after_a_facility_that_name_no_town_stay(text: str, kept: str) -> None:
    assert none_masked(text, kept)
