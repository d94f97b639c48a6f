"""Ward notes, session 12: the hour of an act, a value after its label, the words and
shorthand of care in any case, and the rooms a family stays in are no identifiers; the
cues that name people and places in a ward note keep them found.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.candidates import is_clinical_word
from echo_cases.deid.recognizers.dates import EchoDateRecognizer
from echo_cases.deid.recognizers.learned import _a_ward_value_before, _words_of_the_ward_alone
from echo_cases.deid.recognizers.locations import _a_room_of_the_ward
from echo_cases.deid.recognizers.ward_numbers import clock_of_the_ward, no_date_of_the_ward
from tests.deid.helpers import model_finding, uncovered_tokens
from tests.deid.ward_notes import CAPITALS, MIXED, SMALL, note


@pytest.mark.parametrize(
    ("template", "line", "clock"),
    [
        (CAPITALS, "PLAN: SEDATION VACATION 0800, SBT AFTER.", "0800"),
        (CAPITALS, "EVENTS: A-LINE PULLED 0215, REPLACED BY ANESTHESIA.", "0215"),
        (SMALL, "events: ngt replaced 0340, placement by cxr.", "0340"),
        (SMALL, "plan: lytes recheck @ 0600.", "0600"),
    ],
)
def test_four_digits_after_a_word_of_care_are_its_hour(
    template: str, line: str, clock: str
) -> None:
    text = note(template, line)
    start = text.index(clock)
    assert clock_of_the_ward(text, start, start + len(clock))
    assert _words_of_the_ward_alone(text, model_finding(text, clock, "LOCATION"))


@pytest.mark.parametrize(
    ("template", "line", "number"),
    [
        (CAPITALS, "SOCIAL: SON CALLED FROM DARWIN NT 0810 TODAY.", "0810"),  # a postcode
        (CAPITALS, "SOCIAL: WIFE'S PAGER 0815, CALLS AT NIGHT.", "0815"),  # a number to call
        (SMALL, "social: sister's cell 0722 418 339, call if changes.", "0722"),  # a phone
        (SMALL, "social: daughter lives at unit 1204, ocean towers.", "1204"),  # a flat
    ],
)
def test_four_digits_after_a_place_a_cue_or_before_more_digits_are_no_hour(
    template: str, line: str, number: str
) -> None:
    text = note(template, line)
    start = text.index(number)
    assert not clock_of_the_ward(text, start, start + len(number))


@pytest.mark.parametrize(
    ("line", "phrase"),
    [
        ("lines: r ij cvc dc'd 0420, tip sent.", "cvc dc'd 0420"),
        # The hour speaks for the ward where its words are also names ("Foley", "Turner").
        ("events: pt turned 0430, repositioned.", "turned 0430"),
    ],
)
def test_the_hour_of_an_act_in_a_span_is_no_identifiers_number(line: str, phrase: str) -> None:
    text = note(SMALL, line)
    assert _words_of_the_ward_alone(text, model_finding(text, phrase, "LOCATION"))


def test_a_numbers_cue_with_no_number_after_it_cues_nothing() -> None:
    text = note(CAPITALS, "SAFETY: CALL BUTTON AND BSC IN REACH, BED ALARM ON.")
    assert _words_of_the_ward_alone(text, model_finding(text, "CALL BUTTON AND BSC", "PERSON"))
    paged = note(CAPITALS, "SAFETY: CALL BUTTON 4471 AND BSC.")
    assert not _words_of_the_ward_alone(paged, model_finding(paged, "CALL BUTTON 4471", "PERSON"))


@pytest.mark.parametrize(
    ("template", "line", "value"),
    [
        (CAPITALS, "DRIPS: LEVO 1.5 MCG/MIN, VASO 0.04.", "1.5"),
        (SMALL, "labs: lactate 2.4 from 3.1, trending down.", "2.4"),
        (CAPITALS, "PCA: 12 ATTEMPTS 9 DOSES OVERNIGHT.", "12 ATTEMPTS 9"),
        (CAPITALS, "CV: IABP 1:1, AUG 120S, MAP 72.", "AUG 120S"),  # augmentation
        (SMALL, "cv: iabp 1:2 aug 98, map 66.", "2 aug 98"),  # after a ratio's colon
    ],
)
def test_a_value_after_its_label_or_a_count_is_no_date(
    template: str, line: str, value: str
) -> None:
    text = note(template, line)
    start = text.index(value)
    assert no_date_of_the_ward(text, start, start + len(value))


@pytest.mark.parametrize(
    ("template", "line", "date"),
    [
        (SMALL, "plan: family meeting on 4.3 with palliative.", "4.3"),  # after "on"
        (SMALL, "hx: cabg 3.2.2019, ef 35%.", "3.2.2019"),  # with its year
        (CAPITALS, "SOCIAL: FAMILY MTG 12 MARZO AT 1400.", "12 MARZO"),  # a month's name
        (SMALL, "hx: mi 2 aug 98, cabg after.", "2 aug 98"),  # a day, month and year
        (CAPITALS, "SOCIAL: FAMILY MTG THURSDAY 14 AT 1400.", "THURSDAY 14"),  # a weekday's
        (SMALL, "plan: trach change on the 21st per ent.", "21st"),  # an ordinal day
        (SMALL, "plan: line change sab 12, per protocol.", "sab 12"),  # a weekday elsewhere
    ],
)
def test_a_day_and_month_stays_a_date(template: str, line: str, date: str) -> None:
    text = note(template, line)
    start = text.index(date)
    assert not no_date_of_the_ward(text, start, start + len(date))


@pytest.mark.parametrize(
    ("line", "phrase"),
    [
        ("Plan: Incentive spirometer 1250 x10/hr while awake.", "Incentive spirometer 1250"),
        ("Events: Tele SB 50s overnight, asymptomatic.", "Tele SB 50s"),
    ],
)
def test_the_wards_words_and_values_in_mixed_case_are_no_name(line: str, phrase: str) -> None:
    text = note(MIXED, line)
    assert _words_of_the_ward_alone(text, model_finding(text, phrase, "LOCATION"))


@pytest.mark.parametrize(
    ("line", "phrase", "label"),
    [
        ("Social: Husband Anselm at bedside, updated.", "Anselm", "PERSON"),
        ("Plan: Ambrose Tele 12 in AM.", "Ambrose Tele 12", "LOCATION"),  # a capital mid-line
        ("Social: lives in Marlow Heights with wife.", "Marlow Heights", "LOCATION"),
    ],
)
def test_a_capital_that_is_no_clinic_word_or_a_cue_keeps_the_span(
    line: str, phrase: str, label: str
) -> None:
    text = note(MIXED, line)
    assert not _words_of_the_ward_alone(text, model_finding(text, phrase, label))


@pytest.mark.parametrize("word", ["lr", "AMB", "exac", "psd", "BSC", "logrolled", "wocn"])
def test_frequent_words_of_care_are_the_clinics(word: str) -> None:
    assert is_clinical_word(word)


@pytest.mark.parametrize("before", ["BRADY TO 60S, ", "sbp 150s, ", "HR 110S, "])
def test_the_tens_a_rate_ran_in_before_a_comma_are_no_house_number(before: str) -> None:
    assert _a_ward_value_before(before)


@pytest.mark.parametrize(
    ("line", "room"),
    [
        ("SOCIAL: WIFE STAYING IN FAMILY ROOM OVERNIGHT.", "FAMILY ROOM OVERNIGHT"),
        ("SOCIAL: SON STAYING IN THE WAITING ROOM.", "THE WAITING ROOM"),
    ],
)
def test_the_room_a_family_stays_in_is_no_address(line: str, room: str) -> None:
    text = note(CAPITALS, line)
    start = text.index(room)
    assert _a_room_of_the_ward(text, start, start + len(room))


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("SOCIAL: SON LIVES IN HAZARD, VISITS WEEKENDS.", "HAZARD"),  # a town
        ("SOCIAL: NIECE LIVES IN LIBERTY, CALLS DAILY.", "LIBERTY"),  # no room's word
        ("SOCIAL: PT LIVES IN FRAMINGHAM WITH WIFE.", "FRAMINGHAM WITH WIFE"),  # an eponym's town
        ("SOCIAL: DAUGHTER STAYING AT 22 ROOM ST.", "22 ROOM ST"),  # a house number
    ],
)
def test_a_dwelling_stays_an_address(line: str, place: str) -> None:
    text = note(CAPITALS, line)
    start = text.index(place)
    assert not _a_room_of_the_ward(text, start, start + len(place))


@pytest.fixture(scope="module")
def deid() -> Deidentifier:
    return Deidentifier()


@pytest.mark.parametrize(
    ("template", "line", "kept"),
    [
        (CAPITALS, "RESP: TRACH #7 SHILEY, CUFF 22, PASSY-MUIR WITH SLP.", "TRACH"),
        (MIXED, "Hx: CVA, tPA given at OSH, transferred here for thrombectomy.", "OSH"),
        (CAPITALS, "SOCIAL: DAUGHTER AT BS ALL DAY, WENT HOME 2000.", "BS"),
        (MIXED, "Resp: AC 450 x 14, PEEP 8. Peak 30, plat 25, driving pressure 17.", "Peak 30"),
    ],
)
def test_the_wards_short_forms_and_settings_are_kept(
    deid: Deidentifier, template: str, line: str, kept: str
) -> None:
    text = note(template, line)
    found = deid.analyze(text)
    start = text.index(kept)
    assert not any(f.start < start + len(kept) and start < f.end for f in found)


@pytest.mark.parametrize(
    ("template", "line", "identifier"),
    [
        (CAPITALS, "SOCIAL: DAUGHTER ODALYS AT BS, STAYING IN FAMILY ROOM.", "ODALYS"),
        (SMALL, "social: pt from st. brendan's, wife bernadette at bs.", "bernadette"),
        (MIXED, "Transferred from Mercy Ridge Hospital 0300, wife Ilse at bedside.", "Ilse"),
        (CAPITALS, "SOCIAL: SON LIVES IN HAZARD, CALL 606-555-0148.", "606-555-0148"),
    ],
)
def test_people_places_and_phones_of_a_ward_note_stay_found(
    deid: Deidentifier, template: str, line: str, identifier: str
) -> None:
    text = note(template, line)
    assert uncovered_tokens(text, deid.analyze(text), identifier) == []


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("IABP 1:1 AUG 110S, MAP 68.", []),  # a ratio, then the balloon's augmentation
        ("seen 12 Aug 24 and 2-aug-95", ["12 Aug 24", "2-aug-95"]),
    ],
)
def test_a_number_after_a_ratios_colon_opens_no_date(text: str, dates: list[str]) -> None:
    found = EchoDateRecognizer().analyze(text, ["DATE"])
    spans = {(r.start, r.end) for r in found}
    assert bool(spans) == bool(dates)
    for date in dates:
        start = text.index(date)
        assert any(a <= start and start + len(date) <= b for a, b in spans)


@pytest.mark.parametrize(
    ("template", "line", "identifier"),
    [
        # A month that is a given name, right after a kinship word, in any case.
        (CAPITALS, "SOCIAL: WIFE JUNE AND DAUGHTER APRIL AT BS.", "JUNE"),
        (SMALL, "social: sister april called, updated.", "april"),
        # A country that is a given name, right after a kinship word.
        (SMALL, "social: pt's partner jordan staying overnight.", "jordan"),
        (CAPITALS, "SOCIAL: SON CHAD CALLED, WILL VISIT.", "CHAD"),
        # A hospital named for a saint, in small letters or capitals, after a move.
        (SMALL, "hx: transferred from st. ignatius ed at 1400 with sepsis.", "ignatius"),
        (CAPITALS, "PLAN: D/C TO ST LUCY'S REHAB WHEN BED OPEN.", "LUCY"),
    ],
)
def test_relatives_named_as_months_or_countries_and_saints_hospitals_are_found(
    deid: Deidentifier, template: str, line: str, identifier: str
) -> None:
    text = note(template, line)
    assert uncovered_tokens(text, deid.analyze(text), identifier) == []


@pytest.mark.parametrize(
    ("template", "line", "kept"),
    [
        (CAPITALS, "SOCIAL: SON MAY VISIT TOMORROW.", "MAY"),  # the verb
        (SMALL, "social: pt emigrated from jordan in 1990.", "jordan"),  # the country
        (SMALL, "cv: st 110s, back to st 90s after dilt.", "st 90s"),  # a rhythm
        (SMALL, "cv: from st elevation to st depression overnight.", "depression"),
    ],
)
def test_verbs_countries_and_rhythms_stay(
    deid: Deidentifier, template: str, line: str, kept: str
) -> None:
    text = note(template, line)
    start = text.index(kept)
    assert not any(f.start < start + len(kept) and start < f.end for f in deid.analyze(text))
