"""A month named alone where the sentence says when is an element of a date (session 20).

Safe Harbor removes every element of a date but the year: "seen in June" tells the month
of a visit as "seen 3 June" tells its day. A word of time before it says it is one
(data/words/month_alone_cues/); a month that is also a word or a name needs its capital,
or the cue, to be one.
"""

from __future__ import annotations

import pytest

from echo_cases.deid.analyzer import Deidentifier
from echo_cases.deid.types import EntityType
from tests.deid.helpers import uncovered_tokens


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("She had the DEXA scan in June, T-score -2.6.", "June"),
        ("paraplegic since Aug. pain controlled on morphine", "Aug"),
        ("Completed chemoradiation until December and was then lost to follow-up.", "December"),
        ("seen early March by the gynae team", "March"),
        ("Inició gefitinib en octubre porque era lo que cubría el seguro.", "octubre"),
        ("Fez 25 frações de RT em janeiro, braquiterapia adiada.", "janeiro"),
        ("Suivie depuis novembre pour un lymphome.", "novembre"),
        ("REFERRED IN SEPTEMBER, BIOPSY PENDING.", "SEPTEMBER"),
        ("Bleeding since mid-June, worse this week.", "June"),
    ],
)
def test_a_month_after_a_word_of_time_is_a_date(deid: Deidentifier, text: str, month: str) -> None:
    found = deid.analyze(text)
    assert uncovered_tokens(text, found, month) == []
    start = text.index(month)
    assert any(f.entity_type is EntityType.DATE and f.start <= start < f.end for f in found), found


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # A ward's "decreased", and a short form in capitals.
        ("urine output low, in dec since noon, fluids given", "in dec"),
        ("UO DECREASED IN DEC AFTER LASIX", "IN DEC"),
        # A verb, and a month that is a word in small letters without its capital.
        ("She may come back in may cases of relapse.", "may"),
        ("2 months of treatment, then review", "months"),
        ("CT CHEST: THIS MAY BE A RECURRENCE OF THE PRIMARY.", "MAY"),
    ],
)
def test_a_month_word_that_is_no_month_stays(deid: Deidentifier, text: str, kept: str) -> None:
    start = text.index(kept)
    found = [
        f
        for f in deid.analyze(text)
        if f.entity_type is EntityType.DATE and f.start < start + len(kept) and start < f.end
    ]
    assert found == []


@pytest.mark.parametrize(
    "text",
    [
        "She came with June, her sister, and April stayed home.",
        "Refers to the daughter of April Mensah, seen last week.",
        "Vino con la esposa de Julio Pérez a la consulta.",
        "Paciente vive en Mar del Plata con su hija.",
        "She was in June Okafor's ward before the transfer.",
    ],
)
def test_a_month_that_is_a_name_or_a_places_word_is_no_date(deid: Deidentifier, text: str) -> None:
    assert [f for f in deid.analyze(text) if f.entity_type is EntityType.DATE] == []
