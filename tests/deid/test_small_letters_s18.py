"""Text typed all in small letters (session 18, helper lower18): the town after a street.

In mixed case a town after a street's line is read by its capitals ("Hauptweg 9, 04109
Leipzig"); a phone drops them, and the street was found while its town leaked. In small
letters the town is still told by what stands before it (a postcode after the street's
comma) or by the words themselves (a known town, or words no language writes very often),
up to the end of the clause. Invented examples; the near misses must stay untouched.
"""

from __future__ import annotations

import pytest

from echo_cases.deid.small_letter_towns import towns_after_small_letter_streets
from tests.deid.helpers import all_masked, none_masked


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("send the scan to hauptweg 9, 04109 leipzig. thanks", "leipzig"),
        ("lives at rua do sol 41, 4400-123 vila nova de gaia, with son", "vila nova de gaia"),
        ("pls post to ul. lipowa 3, 20-020 lublin", "lublin"),
        ("address: storgatan 18 b, 411 38 göteborg.", "göteborg"),
    ],
)
def test_a_town_after_a_street_and_its_postcode_is_found(text: str, town: str) -> None:
    assert all_masked(text, town)


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("son stays at vul. sadova 14, kyiv.", "kyiv"),
        ("new address av. sucre 210, cochabamba; call first", "cochabamba"),
    ],
)
def test_a_known_or_uncommon_town_ending_the_clause_after_a_house_number_is_found(
    text: str, town: str
) -> None:
    assert all_masked(text, town)


def test_an_everyday_word_after_a_house_number_is_no_town() -> None:
    # "rua das flores 12" then a message's closing word: not a town.
    text = "rua das flores 12, thanks."
    start = text.index("rua")
    end = text.index(",")
    assert towns_after_small_letter_streets(text, [(start, end, True)]) == []


def test_a_year_after_the_comma_is_no_postcode_and_opens_no_town() -> None:
    text = "hauptweg 9, 2019 started chemo"
    start, end = 0, text.index(",")
    assert towns_after_small_letter_streets(text, [(start, end, True)]) == []


def test_a_month_or_a_clinical_word_is_no_town() -> None:
    for after in ("0412 march.", "4400 biopsy."):
        text = f"rua do sol 41, {after}"
        end = text.index(",")
        assert towns_after_small_letter_streets(text, [(0, end, True)]) == []


def test_a_country_after_the_postcode_is_kept() -> None:
    # Safe Harbor keeps a country: this rule takes neither it nor the code before it.
    text = "hauptweg 9, 04109 germany."
    end = text.index(",")
    found = towns_after_small_letter_streets(text, [(0, end, True)])
    assert [kind for kind, _, _ in found] == []


def test_mixed_case_is_left_to_the_rules_of_capitals() -> None:
    text = "Send to Hauptweg 9, 04109 leipzig."
    start = text.index("Hauptweg")
    end = text.index(",")
    assert towns_after_small_letter_streets(text, [(start, end, True)]) == []


def test_the_clause_after_the_town_is_untouched() -> None:
    text = "pls post to hauptweg 9, 04109 leipzig, pain controlled on morphine"
    assert all_masked(text, "leipzig")
    assert none_masked(text, "pain controlled on morphine")


# The lines under a street typed in small letters: a word with no capital is a town's when
# it is a known town or a word no language writes very often; a sentence's or a ward's
# everyday words end the address, as a label or a blank line does.


def test_the_lines_under_a_small_letter_street_are_its_address() -> None:
    text = "post to:\n58 kestrel avenue\napt. 412\nwhitfordby\nnorway 40512"
    assert all_masked(text, "apt. 412")
    assert all_masked(text, "whitfordby")
    assert all_masked(text, "40512")
    assert none_masked(text, "norway")  # a country is kept


@pytest.mark.parametrize("line", ["stable overnight", "thanks for seeing her", "pain controlled"])
def test_an_everyday_line_under_a_small_letter_street_is_no_address(line: str) -> None:
    text = f"lives at 12 mill lane\n{line}\nplan: continue"
    assert none_masked(text, line)
