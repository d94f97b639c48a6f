"""ICU nursing notes in the voice of the PhysioNet era, session 18 (development set
icu_dev13_s18): systems blocks ("Neuro:", "CV:", "ID:", "Social:"), vent settings, drips,
and a Social block that names the family, the doctors and where the patient lives.

- "ID:" opens the infectious-disease block: a measurement's label and its value after it
  are no identifier ("ID: TMAX 102.1, ZOSYN"), though a long number after it still is.
- Vent settings ending in their FiO2 ("AC 500 x 14/5/40%") are no date: a date is no share.
- In a line typed in one case, where somebody lives is no address when it is a home named
  by nobody ("LIVES AT HOME W/ DAUGHTER, PLANS D/C TO HOME W/ VNA ..."), and an address
  ends before a part of plain English ("LIVES IN NASHUA, WILL COME BACK TOMORROW"); a part
  with a number or a name goes on ("no. 18 lane 300, huaihai middle road, shanghai").
- After "dr.", "mr.", "mrs.", "ms." in small letters or capitals, a word no name list holds
  but English writes with a capital is the surname ("by dr. goldberg"); "dr aware", "DR
  NOTIFIED" name nobody.
- In a ward note typed in one case a name ends before what the person did or plain English
  ("HUSBAND RAYMOND LEFT 1800", "WIFE INGRID VISITING Q DAY", "DR. HARRINGTON AWARE"), but
  not before a kind of place ("MAPLEWOOD REHAB").
- "A PACED 90" is a pacing rate, not a name and an age; "PT REC'D ON AC" is received;
  "C/O HA" complains of a headache; "FROM LYING FLAT" names no facility.
- "on the 12th" is a date in capitals too ("MVC ON THE 12TH"), not "TO THE 2ND FLOOR".
- A nursing home or a rehab center named before its kind, in one case, is a place
  ("FROM BRIGHTON HOUSE NURSING HOME"); "from nursing home" is none.
- Ward shorthand: "is/cdb", "sdh evac", "pleurevac", "mPaw", "pneumoboots", "sm amts",
  "q6h hcts", "tol soft diet", "Tol mask well". (VNA, a visiting nurse association, stays
  a facility's acronym: it names agencies too, "Cape Cod VNA".)

Examples written for these tests: every name, number and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.recognizers.dates import EchoDateRecognizer
from echo_cases.deid.types import EntityType


@pytest.fixture(scope="module")
def deid() -> Deidentifier:
    return Deidentifier()


def _found(deid: Deidentifier, text: str) -> list[str]:
    return [text[f.start : f.end] for f in deid.analyze(text)]


def _of(deid: Deidentifier, text: str, kind: EntityType) -> list[str]:
    return [text[f.start : f.end] for f in deid.analyze(text) if f.entity_type is kind]


def _touched(deid: Deidentifier, text: str, part: str) -> bool:
    at = text.index(part)
    return any(f.start < at + len(part) and at < f.end for f in deid.analyze(text))


# A night nurse's systems note, dense with the clinic's words, typed in capitals.
_NPN = (
    "NPN 7P-7A\n"
    "NEURO: A+OX3, MAE, FOLLOWS COMMANDS. PERRLA 3MM BRISK.\n"
    "CV: HR 70S-80S NSR, NO ECTOPY. SBP 100-120S. K 3.6 -> 40 MEQ KCL PO.\n"
    "RESP: LS CLEAR UPPER, DIMINISHED BASES. 2L NC SATS 95-98%.\n"
    "GI/GU: ABD SOFT, +BS. TOL CLEARS. UO 30-60CC/HR CLEAR YELLOW.\n"
    "{}\n"
    "PLAN: CONT TO MONITOR, ? C/O TO FLOOR IN AM."
)


def _note(line: str, case: object = str) -> str:
    return case(_NPN.format(line))  # type: ignore[operator]


@pytest.mark.parametrize("case", [str, str.lower])
def test_the_infectious_disease_block_holds_no_identifier(deid: Deidentifier, case: object) -> None:
    text = _note("ID: TMAX 102.1, ZOSYN. WBC 18.", case)
    assert _of(deid, text, EntityType.ID) == []


def test_a_long_number_after_id_is_still_one(deid: Deidentifier) -> None:
    assert _of(deid, "Patient ID: AB 1234567, seen today.", EntityType.ID) == ["AB 1234567"]


@pytest.mark.parametrize("case", [str, str.upper, str.lower])
def test_vent_settings_ending_in_their_fio2_are_no_date(deid: Deidentifier, case: object) -> None:
    text = _note("Resp: intubated for EGD, AC 500 x 14/5/40%.", case)
    assert _of(deid, text, EntityType.DATE) == []


def test_a_date_beside_vent_settings_is_still_one(deid: Deidentifier) -> None:
    text = _note("Resp: AC 500 x 14/5/40 %, trached 14/5/2023.")
    assert _of(deid, text, EntityType.DATE) == ["14/5/2023"]


@pytest.mark.parametrize("case", [str.upper, str.lower])
def test_a_home_named_by_nobody_is_no_address(deid: Deidentifier, case: object) -> None:
    text = _note(
        "Social: lives at home w/ daughter, plans d/c to home vs short-term rehab, "
        "case mgmt following.",
        case,
    )
    assert not _touched(deid, text, case("home w/ daughter, plans d/c to home"))  # type: ignore[operator]


@pytest.mark.parametrize("case", [str.upper, str.lower])
def test_an_address_ends_before_plain_english(deid: Deidentifier, case: object) -> None:
    text = _note("Social: daughter lives in Nashua, will come back tomorrow.", case)
    assert _of(deid, text, EntityType.LOCATION) == [case("Nashua")]  # type: ignore[operator]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "the landlord lives at room 802, no. 18 lane 300, huaihai middle road, "
            "shanghai 200021.",
            "shanghai",
        ),
        ("LORETTA LIVES IN ROUGH ROCK, ABOUT 20 MILES FROM MANY FARMS. CHR VISITS.", "FARMS"),
        ("SOCIAL: LIVES AT HOME 22 BIRCH RD, MILTON. WIFE AT BEDSIDE.", "BIRCH"),
    ],
)
def test_an_address_goes_on_past_a_number_or_a_name(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert _touched(deid, text, place)


@pytest.mark.parametrize("case", [str, str.upper, str.lower])
@pytest.mark.parametrize("surname", ["Goldberg", "Goldman"])
def test_a_surname_after_a_title_in_any_case(
    deid: Deidentifier, case: object, surname: str
) -> None:
    text = _note(f"Events: s/p PPM placement today by Dr. {surname}. L chest dsg dry.", case)
    assert _touched(deid, text, case(surname))  # type: ignore[operator]


@pytest.mark.parametrize("case", [str.upper, str.lower])
@pytest.mark.parametrize(
    "line", ["Events: dr aware of K 3.2, repleted.", "Events: DR NOTIFIED OF SBP 80S, bolus."]
)
def test_a_title_before_what_the_doctor_did_names_nobody(
    deid: Deidentifier, case: object, line: str
) -> None:
    assert _of(deid, _note(line, case), EntityType.PERSON) == []


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("SOCIAL: PT'S HUSBAND RAYMOND LEFT 1800, WILL CALL AT 2200.", "RAYMOND"),
        ("SOCIAL: PT'S WIFE INGRID VISITING Q DAY, VERY SUPPORTIVE.", "INGRID"),
        ("PLAN: D/C CT'S IN AM. DR. HARRINGTON AWARE OF CT OUTPUT 30CC/HR.", "HARRINGTON"),
    ],
)
def test_a_name_in_capitals_ends_before_what_the_person_did(
    deid: Deidentifier, line: str, name: str
) -> None:
    assert _of(deid, _note(line), EntityType.PERSON) == [name]


@pytest.mark.parametrize("case", [str.upper, str.lower])
def test_a_name_before_a_kind_of_place_keeps_its_kind(deid: Deidentifier, case: object) -> None:
    text = _note("Social: family prefers Maplewood Rehab or Cedar Crest, referrals sent.", case)
    assert _touched(deid, text, case("Rehab"))  # type: ignore[operator]


@pytest.mark.parametrize(
    "line",
    [
        "CV: A PACED 90, CI 2.4, MILRINONE 0.375.",
        "RESP CARE: PT REC'D ON AC 450 X 16, PEEP 10. SX'D X4 SM AMTS.",
        "NEURO: A&OX3, C/O HA, TYLENOL 650MG X1.",
        "PAIN: 0/10 CP. C/O BACK PAIN FROM LYING FLAT, 2 TYLENOL.",
        "SKIN: COCCYX STAGE 2. IS/CDB ENCOURAGED. PNEUMOBOOTS ON. Q6H HCTS.",
        "CT: PLEUREVAC TO -20 SX, NO AIR LEAK. S/P SDH EVAC.",
    ],
)
def test_ward_words_in_capitals_name_nobody(deid: Deidentifier, line: str) -> None:
    assert _found(deid, _note(line)) == []


def test_the_day_of_the_month_in_capitals(deid: Deidentifier) -> None:
    text = _note("EVENTS: MVC ON THE 12TH, MULTIPLE RIB FX, PULM CONTUSION.")
    assert _of(deid, text, EntityType.DATE) == ["12TH"]


def test_an_ordinal_floor_in_capitals_is_no_date_by_the_rules() -> None:
    text = _note("EVENTS: TRANSFER TO THE 2ND FLOOR TOMORROW IF BED.")
    found = EchoDateRecognizer().analyze(text, ["DATE"])
    assert [text[r.start : r.end] for r in found] == []


@pytest.mark.parametrize("case", [str, str.upper, str.lower])
def test_a_nursing_home_named_before_its_kind_is_a_place(deid: Deidentifier, case: object) -> None:
    text = _note("Social: 92 yo F from Brighton House Nursing Home w/ aspiration PNA.", case)
    assert _touched(deid, text, case("Brighton House Nursing Home"))  # type: ignore[operator]


@pytest.mark.parametrize("case", [str.upper, str.lower])
def test_a_nursing_home_named_by_nobody_is_none(deid: Deidentifier, case: object) -> None:
    text = _note("Social: adm w/ urosepsis from nursing home, back to NH when cleared.", case)
    assert _of(deid, text, EntityType.LOCATION) == []


@pytest.mark.parametrize("case", [str, str.upper, str.lower])
def test_a_given_name_with_an_apostrophe_is_no_ward_verb(deid: Deidentifier, case: object) -> None:
    text = case("Referred by Dr. Sa'd Al-Harbi; seen with Na'd, her brother, today.")  # type: ignore[operator]
    assert _touched(deid, text, case("Na'd"))  # type: ignore[operator]


def test_a_town_after_home_is_still_where_somebody_lives(deid: Deidentifier) -> None:
    text = _note("SOCIAL: LIVES AT HOME IN KISUMU WITH WIFE.")
    assert _touched(deid, text, "KISUMU")


def test_a_short_number_after_a_label_inside_a_line_is_still_an_id(deid: Deidentifier) -> None:
    assert _of(deid, "Patient ID: HR 2044 on the wristband.", EntityType.ID) == ["HR 2044"]
