"""A drug is known by how it is given, brand or not, listed or not: the word before a dose
form, or before a dose and its schedule or route, is kept (keep.py, _DRUG_BY_ITS_DOSE;
data/words/dose_forms.txt, dose_schedules.txt). A person given a dose is still a name.
Examples written for these tests."""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.keep import protected_spans

from .helpers import uncovered_tokens


def _kept(text: str, word: str) -> bool:
    start = text.index(word)
    return any(s <= start and start + len(word) <= e for s, e in protected_spans(text))


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("vomiting since morning, Gave Zofrel inj and reviewed at 4pm.", "Zofrel"),
        ("for the pain she takes Dolorex tab when needed.", "Dolorex"),
        ("iniciar Kinebrina gotas 20 de 6/6h.", "Kinebrina"),
        ("se indica Cipromax 500 mg c/12h x 7 días.", "Cipromax"),
        ("Ondanor 8mg ev antes da quimio.", "Ondanor"),
        ("restarted Lasoprin 40 mg od in the morning.", "Lasoprin"),
    ],
)
def test_a_word_before_a_dose_form_or_a_dose_and_its_schedule_is_a_drug(
    text: str, drug: str
) -> None:
    assert _kept(text, drug)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A person given a dose: the drug follows the dose or the form, no schedule.
        ("at home visit gave Wanjiku 10mg morphine and sat with her.", "Wanjiku"),
        ("gave Nduta tab paracetamol and some water.", "Nduta"),
        # A name the lists know, even before a schedule.
        ("gave Rosa 10 mg bd as agreed.", "Rosa"),
    ],
)
def test_a_person_given_a_dose_is_no_drug(text: str, name: str) -> None:
    assert not _kept(text, name)


def test_a_name_before_the_dose_she_is_given_is_still_found(deid: Deidentifier) -> None:
    text = "Home visit with CHW Achieng: gave Wanjiku 10mg morphine, she slept after."
    assert uncovered_tokens(text, deid.analyze(text), "Wanjiku") == []
