"""PII sentences, round 2 (session 13): a noun for a person's role or trade announces the
name after it ("our webmaster felix", "guest Li Wei") when its words may be a name written
small; right after a cue, a capitalised word the clinic also writes (lithium's "Li") opens
a name when an unknown capitalised word follows it.

Examples written for these tests: every name, place, number and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Our webmaster tobias moved the shop to a new host.", "tobias"),
        ("the tenant okonkwo paid the deposit late again", "okonkwo"),
        ("Refund approved for cardholder zdenka hrubá on request.", "zdenka hrubá"),
        ("the songwriter mirela ostojić signed with the label", "mirela ostojić"),
    ],
)
def test_a_role_noun_announces_a_name_typed_small(deid: Deidentifier, text: str, name: str) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Please contact our Customer Service team by phone.", "Customer Service team"),
        ("The guest arrived early and the driver waited outside.", "arrived early"),
        ("an old player piano stood in the hall", "player piano"),
        ("referred by our colleague Dr Amadou Sarr of the district hospital", "Dr"),
    ],
)
def test_a_role_noun_before_ordinary_words_announces_nobody(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Room keys were left at the front desk for guest Li Tanqiu.", "Li Tanqiu"),
        ("Please call Li Zhaorui about the parcel.", "Li Zhaorui"),
    ],
)
def test_a_clinical_short_form_opens_a_name_after_a_cue(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


def test_lithium_before_a_dose_or_a_level_stays(deid: Deidentifier) -> None:
    text = "Started Li 300 mg at night."
    assert touched_tokens(text, deid.analyze(text), "Li 300 mg") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("EHR paste: PEIXOTO, Rosa do Carmo | Prontuário 551903", "PEIXOTO, Rosa do Carmo"),
        ("Registo: TAVEIRA, Inês da Luz | Leito 12", "TAVEIRA, Inês da Luz"),
    ],
)
def test_a_record_header_keeps_given_names_after_a_particle(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


def test_a_long_clinical_word_after_a_title_like_short_form_opens_no_name(
    deid: Deidentifier,
) -> None:
    """ "SR." (sustained release) reads as a title, yet "Patient" after it is the note's
    word, not a given name like lithium's "Li"."""
    text = "Continue morphine SR. Patient Tomasz Wierzbicki tolerating diet."
    assert touched_tokens(text, deid.analyze(text), "Patient") == []
