"""Presidio-style PII sentences whose leaks session 9's helper "pii10" closed: names
in a list, the rest of a name beside one found, by a class each.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens

# --- Names in a list run into a sentence: the model tires along it ----------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "they had 6: ines, ruairi, hemi, olwen, andrea and caleb.",
            ("ines", "ruairi", "hemi", "olwen", "andrea", "caleb"),
        ),
        (
            "the kids were: sunita, kofi, maren, andrea and caleb.",
            ("sunita", "kofi", "maren", "andrea", "caleb"),
        ),
        (
            "Invited were Ngozi Adeyemi, Lars, Paulina, Wiremu & Sefa.",
            ("Ngozi Adeyemi", "Lars", "Paulina", "Wiremu", "Sefa"),
        ),
    ],
)
def test_every_name_of_a_list_of_people_is_redacted(
    deid: Deidentifier, text: str, names: tuple[str, ...]
) -> None:
    found = deid.analyze(text)
    assert [n for n in names if uncovered_tokens(text, found, n)] == []


def test_a_list_of_drugs_beside_no_name_is_not_redacted(deid: Deidentifier) -> None:
    text = "She takes aspirin, metformin, lisinopril and atorvastatin daily."
    assert deid.analyze(text) == []


def test_an_article_before_a_list_of_names_is_not_a_name(deid: Deidentifier) -> None:
    text = "The Okafor, Lindqvist and Brennan Quartet played on Sunday."
    assert touched_tokens(text, deid.analyze(text), "The") == []


# --- The rest of a name beside one found, even a guessed one ----------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The Polish Border Guard have detained top-flight chess player Ruby Jones over"
            " visa disputes.",
            "Ruby Jones",
        ),
        ("Our driver last week was Tobias Jones, and he was late.", "Tobias Jones"),
        ("Ottoline Vukovich from Blue Anchor Ltd opens the fair.", "Ottoline Vukovich"),
    ],
)
def test_a_surname_or_given_name_beside_a_found_name_is_redacted(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []
