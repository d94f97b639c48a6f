"""ICU and ward notes, session 16: the ward's own words and hours are not identifiers, and a
nurse named small after her credential is.

- Newborn feeding and jaundice care ("mbm + hmf", "gavaged", "phototx", "nnp"), pacing
  modes ("AAI") and clipped drug and operation names ("pip/tazo", "lap chole") are ward
  words (data/clinical_shorthand.txt), and so is a handset made a verb ("vocera'd").
- "tol" (tolerated) is shorthand before an amount, a meal or "po", and as an item of a
  ward note's list; elsewhere it may still be somebody's name.
- "EXT 2200 LAST NIGHT": "ext" opening its clause, a clock and a word that times it are
  when the tube came out (data/words/times_after_a_clock.txt); "call ext 2215 today" is a
  number to call.
- A model span of a gestational age and its labels ("INFANT 27 5/7 WKS CGA") is no place.
- "FALL RISK HIGH", "under radiant warmer": the ward's judgement and the newborn's bed.
- "rn mcallister": a surname glued to its Gaelic prefix is a name after a cue, though the
  word lists hold it as an ordinary word (data/words/surname_prefixes.txt).

Examples written for these tests: every name, number and sentence here is invented.
"""

from __future__ import annotations

import pytest
import regex

from echo_cases.deid import Deidentifier
from echo_cases.deid.shorthand import is_ward_word
from echo_cases.deid.types import EntityType


@pytest.fixture(scope="module")
def deid() -> Deidentifier:
    return Deidentifier()


def _found(deid: Deidentifier, text: str) -> list[str]:
    return [text[f.start : f.end] for f in deid.analyze(text)]


def _of(deid: Deidentifier, text: str, kind: EntityType) -> list[str]:
    return [text[f.start : f.end] for f in deid.analyze(text) if f.entity_type is kind]


# A ward note dense enough with the clinic's words to be read as one.
_NICU = (
    "nicu 12 hr note. infant 31 2/7 wks cga, dol 15, cpap 6 fio2 23%. feeds 22 ml q3h {} "
    "bili 9.8, temp 36.8 in isolette. mom called @ 0300, updated. plan: wean cpap in am."
)


@pytest.mark.parametrize(
    "word", ["mbm", "HMF", "gavaged", "Phototx", "NNP", "AAI", "ddd", "tazo", "chole", "vocera'd"]
)
def test_the_wards_shorthand_is_a_ward_word(word: str) -> None:
    assert is_ward_word(word)


@pytest.mark.parametrize(
    "text",
    [
        _NICU.format("mbm + hmf 24 cal gavaged, tol, girth stable. phototx off per nnp."),
        _NICU.format("ebm gavaged over 30 min, tol. breastfed 15 min at 1100."),
        _NICU.format("mbm, tol 45-55 ml, no spits. phototx on."),
        _NICU.format("mbm, d/c ng when consistently tol po."),
        "pod 2, pain 3/10, ambulated x2 in hall. pt tol breakfast tray, vss, voiding.",
    ],
)
def test_ward_shorthand_is_no_name(deid: Deidentifier, text: str) -> None:
    shorthand = ("mbm", "hmf", "ebm", "gavaged", "breastfed", "phototx", "nnp", "tol")
    found = [s.lower() for s in _found(deid, text)]
    assert not any(w in regex.findall(r"[\w']+", s) for s in found for w in shorthand), found


def test_tol_alone_after_a_cue_is_still_a_name(deid: Deidentifier) -> None:
    text = "Spoke with daughter Tol re: discharge plan, she agrees."
    assert "Tol" in _of(deid, text, EntityType.PERSON)


@pytest.mark.parametrize(
    "text",
    [
        "CABG X4, POD 2, PACED AAI 90. CT X3 TO -20. EXT 2200 LAST NIGHT, ON 2L NC. PAIN 3/10.",
        "cabg x4, pod 2. ext 2200 last night, on 2l nc. pain 3/10.",
        "mvr/maze, off bypass 1645. ext 0130 after sbt, sats 95% on 4l.",
    ],
)
def test_the_hour_of_extubation_is_no_contact(deid: Deidentifier, text: str) -> None:
    assert _of(deid, text, EntityType.CONTACT) == []
    assert _of(deid, text, EntityType.ID) == []
    assert not any(s.lower().startswith(("ext", "2200", "0130")) for s in _found(deid, text))


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Wife asks to be called at work ext 2215 today before teaching.", "2215"),
        ("PLEASE CALL EXT 2215 TODAY RE: PLACEMENT.", "2215"),
        ("Charge RN ext 2231. Pharmacy ext 5501 re: vanc level.", "2231"),
    ],
)
def test_an_extension_to_call_stays_a_contact(deid: Deidentifier, text: str, number: str) -> None:
    assert any(number in c for c in _of(deid, text, EntityType.CONTACT))


@pytest.mark.parametrize(
    "text",
    [
        "NICU DISCHARGE PLANNING NOTE\nINFANT 36 4/7 WKS CGA, DOL 30, ALL PO, TOL 45-55 ML Q3H. "
        "CAR SEAT TEST PASSED. PARENTS ROOMING IN TONIGHT.",
        "NICU NOTE NIGHTS\nINFANT 28 6/7 WKS CGA, DOL 8, CPAP 5 21%. FEEDS 12 ML Q3H MBM "
        "GAVAGED, TOL. PHOTOTX ON, BILI 9.4.",
    ],
)
def test_a_gestational_age_and_its_labels_are_no_place(deid: Deidentifier, text: str) -> None:
    found = _found(deid, text)
    assert not any(w in s for s in found for w in ("INFANT", "WKS", "CGA")), found


def test_a_name_beside_a_gestational_age_stays(deid: Deidentifier) -> None:
    text = (
        "NICU NOTE\nBABY BOY OKAFOR 34 2/7 WKS CGA, DOL 8, CPAP 5 21%. FEEDS 12 ML Q3H MBM GAVAGED."
    )
    assert any("OKAFOR" in s for s in _found(deid, text))


@pytest.mark.parametrize(
    "text",
    [
        "thiamine + folate + mvi given. fall risk high, sitter at bedside, bed low. k 3.2 -> "
        "kcl 40 po. bed assignment pending, cn aware. ciwa 12 @ 0400 -> ativan 1 mg po.",
        _NICU.format("mbm gavaged, tol. under radiant warmer briefly for eye exam."),
        "C2D1 FOLFOX, PRE-MEDS GIVEN 0900. WIFE AT BEDSIDE, ? DISCHARGE TOMORROW C/ 5FU PUMP. "
        "VOCERA'D PHARMACY RE: PUMP TIMING. NAUSEA 2/10.",
    ],
)
def test_the_wards_plain_prose_is_no_name_nor_place(deid: Deidentifier, text: str) -> None:
    found = _found(deid, text)
    assert not any(
        w in s.lower() for s in found for w in ("fall", "risk", "radiant", "warmer", "vocera")
    ), found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (_NICU.format("mbm gavaged. rn mcallister covering my pod @ 0200."), "mcallister"),
        ("REPORT GIVEN TO RN MCCRACKEN @ 0700, PT RESTING.", "MCCRACKEN"),
    ],
)
def test_a_gaelic_surname_after_a_credential_is_a_name(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert name in _of(deid, text, EntityType.PERSON)


def test_the_clinics_mc_units_are_no_surname(deid: Deidentifier) -> None:
    text = "fentanyl 25 mcg iv x1, mcv 88, rn aware. pain 3/10 after."
    assert _of(deid, text, EntityType.PERSON) == []
