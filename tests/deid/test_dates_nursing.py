"""Dates in ward and ICU nursing notes, written briefly and without a year ("10/23",
"NPN 3-14"), beside the numbers that share their shape and must stay (vitals, vent
settings, scores, ratios, drips); and dates in more languages.

Examples written for these tests: every name and note here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("MICU NURSING 10/14\nneuro: sedated, rass -2.", "10/14"),
        ("pt s/p ex-lap 10/20, tolerating tf.", "10/20"),
        ("POD#3 (10/23), ambulating with pt.", "10/23"),
        ("plan: f/u 11/4 in clinic.", "11/4"),
        ("10/23 0700-1900\nCV: sr 80s.", "10/23"),
        ("on levophed since 11/2, weaning.", "11/2"),
        ("seen by Dr Okafor 10/23, agrees with plan.", "10/23"),
        ("NPN 3-14\npt restless overnight.", "3-14"),
        ("npo since 4-16, ngt to lcws.", "4-16"),
        ("extubated at 2200 5/10, 4L nc.", "5/10"),
        ("echo 10/31: ef 35%.", "10/31"),
        ("I saw her on 6/24 the echocardiogram confirmed it.", "6/24"),
        ("Returned 4/4 with skin ulceration.", "4/4"),
        # A date cue right before the numbers outweighs the label before them.
        ("cr 1.6 (1.4 on 3/12), trending up.", "3/12"),
        ("BP 120/80 on 12-10-24 at clinic.", "12-10-24"),
        # A label ending the line above measures nothing on this one.
        ("Date   KRAS   BUN\n17/9   40.4   7.4", "17/9"),
    ],
)
def test_a_month_and_day_without_a_year_in_a_nursing_note_is_redacted(
    deid: Deidentifier, text: str, date: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), date) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("vitals: BP 120/80, hr 88.", "120/80"),
        ("vent: ps 10/5, peep 5/fio2 40%.", "10/5"),
        ("ps 10/5 to 12/5 this am.", "12/5"),
        ("GCS 3/15 on sedation.", "3/15"),
        ("c/o pain 4/10 at incision.", "4/10"),
        ("strength 5/5 bilat uppers.", "5/5"),
        ("1/2 ns @ 75 ml/hr.", "1/2"),
        ("abx: vanco day 3/7.", "3/7"),
        ("2/14 nodes positive on path.", "2/14"),
        ("tf at goal 2/3 of target.", "2/3"),
        ("give 1/2 the dose tonight.", "1/2"),
        ("sats 96-98% on 2L.", "96-98"),
        ("cpot 1-2, 2-3 L out.", "2-3"),
        ("I/O 1200/800 since mn.", "1200/800"),
    ],
)
def test_the_date_rules_read_a_value_with_the_shape_of_a_month_and_day_as_a_value(
    deid: Deidentifier, text: str, value: str
) -> None:
    # The date rules' findings only: the learned model has false alarms of its own on some
    # of these ("5/5", "1/2"), another stage's business.
    found = [f for f in deid.analyze(text) if f.source == "EchoDateRecognizer"]
    assert touched_tokens(text, found, value) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Na-ospital siya noong ika-5 ng Oktubre 2023.", "ika-5 ng Oktubre 2023"),
        ("Erstdiagnose am 20. Nov. 2012 in der Klinik.", "20. Nov. 2012"),
    ],
)
def test_dates_in_tagalog_and_with_a_dotted_month_are_redacted_whole(
    deid: Deidentifier, text: str, date: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), date) == []
