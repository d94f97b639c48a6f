"""Leaks of round 2 (session 12): a chat's word for a doctor between a greeting and the
name ("hi doc amina"); weekdays of other languages are days, not people ("came on
sabtu"); a year after a foreign month and its day belongs to the date ("Meskerem 28,
2017 E.C."); Nepal's year-first dates ("2081 KARTIK 12").

Examples written for these tests: every name, place, number and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("hi doc amina, bp is 88/50 now, shall i start a bolus?", "amina"),
        ("hello doc mwangi the lab called about the potassium", "mwangi"),
        ("thanks doc nakato, will repeat the cxr tomorrow", "nakato"),
        ("habari daktari wanjiru, mgonjwa wa kitanda 6 ana homa", "wanjiru"),
        ("oi doutora fernanda, o paciente do leito 3 piorou", "fernanda"),
    ],
)
def test_a_chats_word_for_a_doctor_after_a_greeting_is_followed_by_the_name(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("thanks doc, will send the labs after rounds", "doc"),
        ("hi doc can you review the chest film when free", "doc"),
        ("hi doc sorry to disturb, the drain output is 400 ml", "sorry"),
        ("DOC FOR THIS INFECTION IS CEFTRIAXONE", "DOC"),
    ],
)
def test_the_word_for_a_doctor_alone_names_nobody(deid: Deidentifier, text: str, word: str) -> None:
    assert touched_tokens(text, deid.analyze(text), word) == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("she came on sabtu with fever and was seen again minggu", "sabtu"),
        ("she came on sabtu with fever and was seen again minggu", "minggu"),
        ("she was admitted jumamosi and sent home jumapili", "jumamosi"),
        ("she was admitted jumamosi and sent home jumapili", "jumapili"),
        ("fever since shanbe, better by yekshanbe, off oxygen panjshanbe", "shanbe"),
        ("fever since shanbe, better by yekshanbe, off oxygen panjshanbe", "yekshanbe"),
        ("fever since shanbe, better by yekshanbe, off oxygen panjshanbe", "panjshanbe"),
        ("next dressing change on doshanbe", "doshanbe"),
        ("review on chaharshanbeh with the echo report", "chaharshanbeh"),
    ],
)
def test_weekdays_of_other_languages_are_no_names(deid: Deidentifier, text: str, day: str) -> None:
    assert touched_tokens(text, deid.analyze(text), day) == []


def test_a_weekday_that_is_also_a_given_name_may_still_be_one(deid: Deidentifier) -> None:
    text = "Referred by Dr. Domingo Reyes for a second opinion."
    assert uncovered_tokens(text, deid.analyze(text), "Domingo Reyes") == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Delivered at the health post on Tahsas 9, 2016 E.C., SVD.", "Tahsas 9, 2016"),
        ("FIRST ANC VISIT MESKEREM 21, 2017 E.C.", "MESKEREM 21, 2017"),
        ("biopsy ginbot 3 2016, result pending", "ginbot 3 2016"),
        ("Cita el Enero 14, 2025 en consulta externa.", "Enero 14, 2025"),
    ],
)
def test_the_year_after_a_foreign_month_and_day_is_the_dates(
    deid: Deidentifier, text: str, date: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), date) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("ADMITTED 2080 CHAITRA 19 WITH FEVER AND RIGORS", "2080 CHAITRA 19"),
        ("Surgery done on 2081 Mangsir 4 at the zonal hospital.", "2081 Mangsir 4"),
        ("dx 2079 asoj 27, on chemo since", "2079 asoj 27"),
    ],
)
def test_nepali_dates_year_first(deid: Deidentifier, text: str, date: str) -> None:
    assert uncovered_tokens(text, deid.analyze(text), date) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Seen with Dr. Kartik Shrestha in the surgical OPD.", "Kartik Shrestha"),
        ("hi kartik, can you check bed 12's sodium", "kartik"),
        ("Her son Ashwin brings her every month.", "Ashwin"),
    ],
)
def test_a_nepali_month_is_still_a_given_name_outside_a_date(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []
