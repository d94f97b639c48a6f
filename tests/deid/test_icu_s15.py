"""ICU notes, session 15: how wards write the numbers that reach a person.

A ward reaches its people by pager, bleep, Vocera or Spectralink handset and by a short
in-house extension more than by a full phone number. A number after a paging word
(data/words/paging_words.txt, in several languages), split once or not ("pgr 3345",
"spectralink 5-6712"), and an extension glued to its "x" ("X6218") are contacts; the
ward's counts ("x2", "CABG x4") and its times are not.

Examples written for these tests: every name, number and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.shorthand import is_ward_word
from echo_cases.deid.types import EntityType


@pytest.fixture(scope="module")
def deid() -> Deidentifier:
    return Deidentifier()


def _contacts(deid: Deidentifier, text: str) -> list[str]:
    return [
        text[f.start : f.end] for f in deid.analyze(text) if f.entity_type is EntityType.CONTACT
    ]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Renal fellow aware of K 6.1, pgr 3316, repeat lytes at 0400.", "3316"),
        ("PALLIATIVE CARE PGR 2854 AWARE, FAMILY MEETING IN AM.", "2854"),
        ("social work bleep 319 re: placement, will see pt today.", "319"),
        ("Night NNP on beep 6603 updated on the bradycardia.", "6603"),
        ("team aware via pager 4-2719, no new orders.", "4-2719"),
        ("Charge RN on Vocera #5087 for the bed board.", "5087"),
        ("HOSPITALIST ON SPECTRALINK 7-3340 AWARE OF SBP 82.", "7-3340"),
        ("Médecin de garde prévenu, bip 4471.", "4471"),
        ("Dienstarzt informiert, Piepser 2390, keine neuen Anordnungen.", "2390"),
    ],
)
def test_a_number_after_a_paging_word_is_a_contact(
    deid: Deidentifier, text: str, number: str
) -> None:
    assert any(number in c for c in _contacts(deid, text))


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Report given to the receiving RN at x5128, belongings sent.", "x5128"),
        ("PERFUSION X7403 AWARE, CIRCUIT CHECKED.", "X7403"),
    ],
)
def test_an_extension_glued_to_its_x_is_a_contact(
    deid: Deidentifier, text: str, number: str
) -> None:
    assert number in _contacts(deid, text)


@pytest.mark.parametrize(
    "text",
    [
        "S/P CABG X4, AMBULATED X2 IN HALL, LASIX 40 IV X1.",
        "wbc 14 x10^9/l, plt 210 x10^9/l, no bands.",
        "iv pump beeping x2 overnight, line flushed, alarm silenced.",
        "Pager on silent during the family meeting at 1400.",
        # The sound at a time, and a multiplier after a count.
        "Pump beep at 0300, line flushed.",
        "Plt 150 x1000/uL, no bleeding.",
    ],
)
def test_counts_and_a_paging_word_without_its_number_are_no_contacts(
    deid: Deidentifier, text: str
) -> None:
    assert _contacts(deid, text) == []


def _dates(deid: Deidentifier, text: str) -> list[str]:
    return [text[f.start : f.end] for f in deid.analyze(text) if f.entity_type is EntityType.DATE]


@pytest.mark.parametrize(
    "text",
    [
        # A score carried on from one out of the same maximum, by its label, before it.
        "PAIN 7/10 AT 0300, MORPHINE 2 MG IV, RELIEF TO 3/10.",
        "c/o pain 8/10 on arrival, tylenol + ice, down to 4/10 by 1600.",
        "GCS 8/15 at 0100, improved to 12/15 after the hypertonic bolus.",
        # Weeks and days of a gestational or corrected age, read whole.
        "BABY NOW 30 3/7 WKS CGA, FEEDS ADVANCED.",
        "infant at 26 5/7 weeks, on cpap 6, fio2 25%.",
        "Corrected GA 33 6/7, temps stable in the isolette.",
        # A run of scores after its label.
        "born by svd, apgars 3/6/9, to warmer, bw 1210 g.",
    ],
)
def test_scores_and_gestational_ages_are_no_dates(deid: Deidentifier, text: str) -> None:
    assert _dates(deid, text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # The earlier fraction is no score by its label: two dates.
        ("Admitted 5/10 with sepsis, CT repeated 6/10, no abscess.", "6/10"),
        # A date's own cue after a score: the date stays.
        ("pain 5/10 since 3/10, worse at night.", "3/10"),
        # A day and month reached by "by" or "from", or beside a clock time, whatever score
        # stands before it.
        ("Pain 4/10 at rest. Sutures out by 5/10.", "5/10"),
        ("Pain 8/10 on admission; wound vac from 3/10 to 3/14.", "3/10"),
        ("pain 3/10 overnight. extubated at 2200 5/10 without issue", "5/10"),
    ],
)
def test_a_date_after_a_score_stays_a_date(deid: Deidentifier, text: str, date: str) -> None:
    assert any(date in d for d in _dates(deid, text))


@pytest.mark.parametrize("word", ["bleep", "PAGER", "Vocera", "spectralink", "pgr"])
def test_a_paging_word_is_a_ward_word_never_a_name(word: str) -> None:
    assert is_ward_word(word)


def test_a_pager_word_that_is_also_a_surname_is_no_ward_word() -> None:
    # "Pieper" is German for a pager and somebody's surname: it stays a possible name.
    assert not is_ward_word("Pieper")


def _people(deid: Deidentifier, text: str) -> list[str]:
    return [text[f.start : f.end] for f in deid.analyze(text) if f.entity_type is EntityType.PERSON]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("report given to rn okonjo, pt left at 1100.", "okonjo"),
        ("NP VASHCHENKO AWARE OF THE K, NO NEW ORDERS.", "VASHCHENKO"),
        ("meds given by lpn adebayo-reyes at 2100.", "adebayo"),
    ],
)
def test_a_name_after_a_nurse_credential_is_a_person(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert any(name in p for p in _people(deid, text))


@pytest.mark.parametrize(
    "text",
    ["rn aware, np to see pt in am.", "RN TO MONITOR, NP NOTIFIED OF THE K."],
)
def test_a_nurse_credential_before_ordinary_words_names_nobody(
    deid: Deidentifier, text: str
) -> None:
    assert _people(deid, text) == []
