"""ICU and ward notes, session 17: staff named after their role, and in-house extensions.

- After a care team's role written short ("rt", "pa", "np", "nnp", "charge"), the word or
  two that something done on the ward follows ("aware", "adjusted", "paged", "at bedside";
  data/words/staff_acts.txt) are a person, in any case, even when the surname is an
  ordinary word ("pa cross", "rt moss"). The same letters as a side or an artery ("rt arm
  iv placed", "pa cath placed", "rt fem line placed") name nobody
  (data/words/sites_after_a_side.txt).
- The patient named after the short label before a complaint ("PT JASPER C/O ITCHY
  THROAT"), while the complaint after "c/o" is no name ("PT C/O HEADACHE X1"); and a role
  read by the model into a name is trimmed off (data/words/role_short_forms/en.txt), so that
  "rt" (right) is not hidden elsewhere in the note.
- A practice or a home named for what it does, typed in one case, is a place when a word
  that names stands before its kind ("peds at cedar hollow pediatrics", "dc to elmhurst
  skilled nursing"); the service alone is not ("f/u at general pediatrics").
- In a ward note typed in capitals, four digits after what was done are its hour, not a
  place nor a number: "SYNAGIS GIVEN 1000", "ECHO ORDERED FOR 0800", "SPUTUM CX SENT 0415",
  "PICU NOTE 0700" (data/words/acts_before_a_clock.txt, timing_words.txt).
- "tol" before a feed, a soft food or "w/o" is tolerated ("tol feeds 28 ml", "tol
  popsicle", "TOL ICE CHIPS", "tol w/o distress").
- Two words or more after a label that English never writes as a name, or the clinic's,
  are what the note is about ("PT TEARFUL RE: HAIR LOSS"); "Re: Grace Hill" is a name.
- Devices named after someone are the clinic's in their place ("VIA FOLEY", "after foley
  removal", "dale holder", "ct to water seal"), and a team member's role read into the
  name after it is trimmed off ("CARDIOLOGY FELLOW OYELARAN": only the surname is hidden).
- In capitals, one word English never writes as a name, after a role without a colon or
  after "re", is what is said ("BURN ATTENDING AWARE", "ANXIOUS RE: SCANS"), and rare
  English after "PT" is how the patient is ("PT TEARFUL"); a number's cue or what the team
  did ends a name ("SIOBHAN QUENBY EXT 5124", "PHARMACIST QUENBY RECOMMENDED SEROQUEL").
- A name after a role with a number to reach the person right after it is a person
  ("surgery pa quenby pgr 3098", "lactation consultant orla quenby ext 5124"); a practice
  after "w/" is a place ("f/u w/ quillfeather family pediatrics").
- Four or five digits that no clock can be, after a word that calls or pages, are a number
  to reach someone by ("pls page 4471", "paged @ 4471", "cb# 4471", "ph 4471"; data/words/
  reach_cues.txt); a clock there is the hour ("paged @ 0215", "cb 2215"), unless a number
  sign marks it ("cb# 2215"). Two handsets' numbers after "vocera" are both contacts.
- A line, its femoral site, and a long plain word in capitals after "via" or before a word
  or a number are no place ("RT FEM CVL", "NEBS VIA INLINE", "VIA ATRIUM", "AT APPROX 0130").
- A corrected age's weeks and days with its label after them ("now 34 2/7 CGA") are no
  date; a long word in capitals English never writes as a name is no facility's acronym
  ("VIA CRITICAL CARE TRANSPORT").
- "ext 4-6620": an extension parted after its prefix digit, as a pager's number may be.
- The unit's rooms and borrowed staff are no name nor place, in any case: "DAD IN WAITING
  ROOM", "mom slept in parent room", "UP TO BATHROOM STEADY", "FLOAT HELP ARRIVED"
  (data/words/ward_nouns/, ward_noun_openers/); nor are a respiratory therapist's and a
  newborn unit's words ("hfov", "pphn", "trial pmv", "acapella", "omnibed", "swab sent").

Examples written for these tests: every name, number and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.types import EntityType


@pytest.fixture(scope="module")
def deid() -> Deidentifier:
    return Deidentifier()


def _of(deid: Deidentifier, text: str, kind: EntityType) -> list[str]:
    return [text[f.start : f.end] for f in deid.analyze(text) if f.entity_type is kind]


def _found(deid: Deidentifier, text: str) -> list[str]:
    return [text[f.start : f.end] for f in deid.analyze(text)]


# A respiratory therapist's night note, dense with the clinic's words.
_MICU = (
    "micu rt note. vent ac 400 x 18, peep 8, fio2 40%, sats 93-96%. {} rass -1, cpot 0. "
    "levo 0.08, propofol 30, lactate 2.1, uop 40/hr, abg 7.38/42/88."
)


def _hidden(deid: Deidentifier, text: str, name: str) -> bool:
    return any(name in found for found in _found(deid, text))


@pytest.mark.parametrize(
    ("clause", "name"),
    [
        ("rt quenneville adjusted peep @ 0200.", "quenneville"),
        ("pa hollister ordered abg @ 0300.", "hollister"),
        ("np tremblay aware of map 58.", "tremblay"),
        ("nnp oduya aware of brady to 70.", "oduya"),
        ("charge bishop aware of plan.", "bishop"),
        ("pa cross at bedside for ct pull.", "cross"),
        ("rt moss covering pods a-c.", "moss"),
    ],
)
@pytest.mark.parametrize("case", [str, str.upper])
def test_a_name_after_a_short_role_and_before_an_act_is_a_person(
    deid: Deidentifier, clause: str, name: str, case: object
) -> None:
    text = case(_MICU.format(clause))  # type: ignore[operator]
    assert _hidden(deid, text, case(name))  # type: ignore[operator]


@pytest.mark.parametrize(
    "clause",
    [
        "rt arm iv infiltrated, new 20g placed.",
        "pa cath placed by fellow.",
        "rt fem line placed by fellow.",
        "rt foot checked q1h, pulses 2+.",
        "pa aware, np updated, charge rn aware.",
        "rt team aware of plan.",
    ],
)
def test_a_side_an_artery_or_a_team_after_the_same_letters_is_nobody(
    deid: Deidentifier, clause: str
) -> None:
    text = _MICU.format(clause)
    assert _of(deid, text, EntityType.PERSON) == []


@pytest.mark.parametrize("case", [str, str.upper])
def test_an_extension_parted_after_its_prefix_digit_is_a_contact(
    deid: Deidentifier, case: object
) -> None:
    text = case("Pt for dc to rehab in am, report to ext 4-6620. Tol diet.")  # type: ignore[operator]
    assert _of(deid, text, EntityType.CONTACT) == ["4-6620"]


def test_a_range_after_ext_for_extension_of_a_limb_stays() -> None:
    deid = Deidentifier()
    assert _of(deid, "Knee flexion 90, ext 0-10 degrees.", EntityType.CONTACT) == []


@pytest.mark.parametrize(
    "clause",
    [
        "dad in waiting room overnight, updated @ 0300.",
        "mom slept in parent room.",
        "up to bathroom steady gait, morse 45.",
        "float help arrived, took two pods.",
        "r/o rsv - swab sent.",
    ],
)
@pytest.mark.parametrize("case", [str.lower, str.upper])
def test_the_units_rooms_and_borrowed_staff_are_nobody(
    deid: Deidentifier, clause: str, case: object
) -> None:
    text = case(_MICU.format(clause))  # type: ignore[operator]
    assert _of(deid, text, EntityType.PERSON) == []
    assert _of(deid, text, EntityType.LOCATION) == []


@pytest.mark.parametrize(
    "clause",
    [
        "hfov map 16 amp 30, echo r/o pphn.",
        "acapella x10, is 750.",
        "plan to trial pmv overnight.",
        "omnibed humidity 80%.",
    ],
)
def test_a_respiratory_therapists_words_are_nobody(deid: Deidentifier, clause: str) -> None:
    assert _found(deid, _MICU.format(clause)) == []


@pytest.mark.parametrize("case", [str.lower, str.upper])
def test_the_patient_named_before_a_complaint_and_the_complaint_is_nobody(
    deid: Deidentifier, case: object
) -> None:
    text = case(_MICU.format("pt zebulon c/o itchy throat. pt c/o headache x1 @ 0200."))  # type: ignore[operator]
    assert _of(deid, text, EntityType.PERSON) == [case("zebulon")]  # type: ignore[operator]


@pytest.mark.parametrize("case", [str, str.upper])
def test_a_role_read_into_a_name_is_not_hidden_elsewhere(deid: Deidentifier, case: object) -> None:
    text = case(_MICU.format("rt quenneville placed pt on bipap. rt ij tlc c/d/i."))  # type: ignore[operator]
    found = _found(deid, text)
    assert case("quenneville") in " ".join(found)  # type: ignore[operator]
    assert not any(f.lower() == "rt" for f in found)


@pytest.mark.parametrize("case", [str.lower, str.upper])
def test_a_practice_named_for_its_specialty_is_a_place(deid: Deidentifier, case: object) -> None:
    text = case(_MICU.format("peds at quillfeather hollow pediatrics notified."))  # type: ignore[operator]
    assert _of(deid, text, EntityType.LOCATION) == [case("quillfeather hollow pediatrics")]  # type: ignore[operator]


def test_the_pediatrics_service_is_no_place(deid: Deidentifier) -> None:
    text = _MICU.format("f/u at general pediatrics in 2 days, consult to pediatrics.")
    assert _of(deid, text, EntityType.LOCATION) == []


@pytest.mark.parametrize(
    "clause",
    [
        "synagis given 1000 per order.",
        "echo r/o pphn ordered for 0800.",
        "sputum cx sent 0415 r/o pna.",
        "mag 50 mg/kg x1 given 2300.",
    ],
)
def test_an_hour_after_what_was_done_in_capitals_is_nobody(deid: Deidentifier, clause: str) -> None:
    text = ("picu note 0700\n" + _MICU.format(clause)).upper()
    assert _found(deid, text) == []


@pytest.mark.parametrize(
    "clause",
    [
        "tol feeds 28 ml q3h.",
        "tol popsicle.",
        "tol ice chips @ 1400.",
        "passy-muir valve trial 1400-1600, tol w/o distress.",
        "tol puree w/ aspiration precautions.",
    ],
)
@pytest.mark.parametrize("case", [str.lower, str.upper])
def test_tol_before_a_feed_or_a_soft_food_is_tolerated(
    deid: Deidentifier, clause: str, case: object
) -> None:
    assert _found(deid, case(_MICU.format(clause))) == []  # type: ignore[operator]


@pytest.mark.parametrize("case", [str, str.lower, str.upper])
def test_a_corrected_age_with_its_label_after_is_no_date(deid: Deidentifier, case: object) -> None:
    text = case(_MICU.format("Former 29 wk, now 34 2/7 CGA, vapotherm 3 L."))  # type: ignore[operator]
    assert _of(deid, text, EntityType.DATE) == []


def test_a_plain_word_in_capitals_after_via_is_no_facility(deid: Deidentifier) -> None:
    text = _MICU.format("arrived via critical care transport @ 2140.").upper()
    assert _of(deid, text, EntityType.LOCATION) == []


@pytest.mark.parametrize(
    ("clause", "name"),
    [
        ("surgery pa quenby pgr 3098 aware of drain output.", "quenby"),
        ("lactation consultant orla quenby ext 5124 to see mom.", "orla quenby"),
    ],
)
def test_a_name_after_a_role_with_its_number_is_a_person(
    deid: Deidentifier, clause: str, name: str
) -> None:
    assert name in _of(deid, _MICU.format(clause), EntityType.PERSON)


def test_a_practice_after_w_slash_is_a_place(deid: Deidentifier) -> None:
    text = _MICU.format("f/u w/ quillfeather family pediatrics in 2 days.")
    assert _of(deid, text, EntityType.LOCATION) == ["quillfeather family pediatrics"]


def test_a_subject_after_re_made_of_plain_words_is_nobody(deid: Deidentifier) -> None:
    text = _MICU.format("pt tearful re: hair loss, chaplain offered.").upper()
    assert "HAIR LOSS" not in _of(deid, text, EntityType.PERSON)


def test_a_name_after_re_is_a_person(deid: Deidentifier) -> None:
    assert _of(deid, "Re: Grace Hill, seen in clinic today.", EntityType.PERSON) == ["Grace Hill"]


@pytest.mark.parametrize(
    "clause",
    [
        "uop 40-60/hr via foley.",
        "voided after foley removal.",
        "dale holder intact.",
        "ct to water seal, no air leak.",
    ],
)
@pytest.mark.parametrize("case", [str.lower, str.upper])
def test_devices_named_after_someone_are_nobody(
    deid: Deidentifier, clause: str, case: object
) -> None:
    assert _found(deid, case(_MICU.format(clause))) == []  # type: ignore[operator]


def test_a_role_read_into_a_name_is_not_hidden(deid: Deidentifier) -> None:
    text = _MICU.format("CARDIOLOGY FELLOW QUENNEVILLE AWARE OF 8 BEAT RUN.").upper()
    found = " ".join(_of(deid, text, EntityType.PERSON))
    assert "QUENNEVILLE" in found
    assert "FELLOW" not in found


@pytest.mark.parametrize("case", [str.lower, str.upper])
def test_a_service_and_a_role_read_into_a_name_are_not_hidden(
    deid: Deidentifier, case: object
) -> None:
    text = case(_MICU.format("hospitalist quenneville aware. cardiology fellow ostrander aware."))  # type: ignore[operator]
    found = " ".join(_found(deid, text)).lower()
    assert "quenneville" in found
    assert "ostrander" in found
    assert "hospitalist" not in found
    assert "cardiology" not in found
    assert "fellow" not in found


@pytest.mark.parametrize(
    ("clause", "names"),
    [
        ("burn attending aware, no new cx. pt tearful re: scans.", []),
        ("lactation consultant siobhan quenby ext 5124 to see mom.", ["SIOBHAN QUENBY"]),
        ("pharmacist quenby recommended seroquel alternative.", ["QUENBY"]),
    ],
)
def test_in_capitals_what_is_said_after_a_role_is_nobody(
    deid: Deidentifier, clause: str, names: list[str]
) -> None:
    assert _of(deid, _MICU.format(clause).upper(), EntityType.PERSON) == names


@pytest.mark.parametrize(
    "clause",
    [
        "a/o x3, pleasant, walking.",
        "pt tired but pleasant.",
        "pt facetimed family.",
        "calm, ate dinner.",
    ],
)
@pytest.mark.parametrize("case", [str.lower, str.upper])
def test_how_the_patient_is_and_what_they_did_is_nobody(
    deid: Deidentifier, clause: str, case: object
) -> None:
    assert _found(deid, case(_MICU.format(clause))) == []  # type: ignore[operator]


@pytest.mark.parametrize(
    ("clause", "number"),
    [
        ("np aware, pls page 4471.", "4471"),
        ("fellow paged @ 4471 re: map.", "4471"),
        ("call back # 4471 with results.", "4471"),
        ("cb# 2215 pending.", "2215"),
        ("ph 55128 for pharmacy.", "55128"),
        ("rt covering, vocera 7718/7719.", "7718/7719"),
    ],
)
@pytest.mark.parametrize("case", [str.lower, str.upper])
def test_a_number_after_a_word_that_calls_is_a_contact(
    deid: Deidentifier, clause: str, number: str, case: object
) -> None:
    assert _of(deid, case(_MICU.format(clause)), EntityType.CONTACT) == [number]  # type: ignore[operator]


@pytest.mark.parametrize(
    "clause", ["np paged @ 0215 re: map 58.", "called back 0230.", "cb 2215 pending."]
)
def test_the_hour_a_call_was_made_is_no_contact(deid: Deidentifier, clause: str) -> None:
    assert _of(deid, _MICU.format(clause), EntityType.CONTACT) == []


def test_a_relative_named_after_a_label_in_capitals_stays_a_person(deid: Deidentifier) -> None:
    assert _of(deid, "CLINIC: RIVERSIDE HEALTH CENTRE. ESCORT: AUNTY JUNE", EntityType.PERSON) == [
        "AUNTY JUNE"
    ]


def test_a_town_after_from_in_capitals_stays_a_place(deid: Deidentifier) -> None:
    text = "71F ADMITTED W/ PNA. DRIVEN IN BY NIECE (LATRICE) FROM HAZARD, PHONE 606-555-0142."
    assert "HAZARD" in _of(deid, text, EntityType.LOCATION)


@pytest.mark.parametrize(
    "clause",
    [
        "rt fem cvl, pca morphine 20 mcg/kg/hr.",
        "albuterol nebs q6 via inline.",
        "ct to -20 sxn via atrium, 150 cc first hr.",
    ],
)
def test_lines_their_sites_and_plain_words_in_capitals_are_nobody(
    deid: Deidentifier, clause: str
) -> None:
    assert _of(deid, _MICU.format(clause).upper(), EntityType.LOCATION) == []
