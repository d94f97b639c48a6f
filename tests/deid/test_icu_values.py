"""ICU and ward notes, a third author (issue 11, session 8): the numbers of the ward are
values and its words are vocabulary, for the model, the ID rules and the guesses alike;
the identifiers beside them are still found. Examples written for these tests.

The model's findings are given as a Doc with entities set by hand (as in
test_icu_model_conventions.py), so that each convention holds whatever the weights are.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.test_icu_model_conventions import model_finds


def found(deid: Deidentifier, text: str) -> list[str]:
    return [text[f.start : f.end] for f in deid.analyze(text)]


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("Resp: abg at 0400 7.29/52/68/25/-2, p/f 113.", "7.29/52/68/25/-2", "DATE"),
        ("CV: PAS/PAD 38-44/18-22, CVP 11-14.", "38-44/18-22", "ID"),
        ("CV: swan: pcwp 26, SVR 980-1100 at 1900.", "980-1100", "ID"),
        ("GU: i/o for shift 1800/740, los +6.4L.", "1800/740", "LOCATION"),
        ("Pain: 0/10 at rest, pain 8/10 with turns.", "8/10", "DATE"),
        ("CV: A-LINE 100-130/50-70. CVP 8-10.", "100-130/50-70", "LOCATION"),
        ("Resp: back to AC 420/14 overnight.", "AC 420/14", "LOCATION"),
        ("LABS: PLT 92K, INR 1.8, FIBRINOGEN 140, K 3.9.", "FIBRINOGEN 140", "LOCATION"),
        ("GI: residual 40, girth 18.5 stable.", "18.5", "PERSON"),
        ("Tox: digoxin level 3.8, repeat in am.", "3.8", "LOCATION"),
        ("Diurèse 920 ml. Douleur EVA 4/10, apixaban donné.", "4/10", "DATE"),
        ("24h balance: in 4931 (IV 2250, enteral 1038) / out 3284.", "1038", "LOCATION"),
    ],
)
def test_the_wards_measurements_are_values_to_the_model(text: str, value: str, label: str) -> None:
    assert model_finds(text, value, label) == []


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("CCU: s/p PCI x2, cath 0940 by the fellow.", "0940", "LOCATION"),
        ("csru: arrived from the or 1840 with the team.", "1840", "CONTACT"),
        ("Social: mom in for 0900 and 1500 cares.", "0900", "CONTACT"),
        ("seen in triage 0312, 67M c/o SOB.", "0312", "ID"),
    ],
)
def test_a_clock_time_alone_is_the_wards_time(text: str, value: str, label: str) -> None:
    assert model_finds(text, value, label) == []


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("Social: wife reachable at work, ext 4471 after 5pm.", "4471", "CONTACT"),
        ("Paged resident, pager 2218, no answer.", "2218", "CONTACT"),
        # Four digits are postcodes too: beside a capital they stay a place.
        ("Sent to Allianz in Acquapendente 1021 for review.", "1021", "LOCATION"),
        ("Philippe Guernon\n0104 Hafnarstraeti 5", "0104", "LOCATION"),
        ("Jumla, Quetta\nPunjab - 1739", "1739", "ID"),
    ],
)
def test_four_digits_after_an_extension_word_or_beside_a_capital_stay(
    text: str, value: str, label: str
) -> None:
    assert model_finds(text, value, label) == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Resp: 2 bradys to 70s w/ desats, self-resolved.", "70s w/ desats"),
        ("Meds: plavix 600 load given then 75 qd.", "75 qd"),
    ],
)
def test_a_number_then_only_words_of_the_ward_is_no_address(text: str, value: str) -> None:
    assert model_finds(text, value, "LOCATION") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Social: lives at 200 maple with her son.", "200 maple"),
        ("Social: lives at 12 fourth avenue, calgary.", "12 fourth avenue, calgary"),
        ("Colegiado 17.904, Centro de Salud.", "17.904"),
    ],
)
def test_an_address_or_a_licence_number_stays(text: str, value: str) -> None:
    assert model_finds(text, value, "LOCATION") == [value]


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("SOCIAL: DTR WANJIRU KAMAU TELEPHONED.", "WANJIRU KAMAU TELEPHONED", "WANJIRU KAMAU"),
        ("SOCIAL: SON FRED KAMAU VISITED.", "FRED KAMAU VISITED", "FRED KAMAU"),
        ("social: dtr wanjiru phoned, updated.", "wanjiru phoned", "wanjiru"),
        ("SOCIAL: NIECE ADWOA MENSAH STAYING IN RM.", "ADWOA MENSAH STAYING", "ADWOA MENSAH"),
        ("SOCIAL: SON JOHN DARLING VISITED.", "JOHN DARLING VISITED", "JOHN DARLING"),
        # A participle that opens a name, or goes on into one, is the name's.
        ("SOCIAL: SPOTTED ELK CALLED.", "SPOTTED ELK", "SPOTTED ELK"),
        ("KIMIMELA STANDING BEAR FOUND A LUMP.", "KIMIMELA STANDING", "KIMIMELA STANDING"),
        # A name that is a word stays whole: "REED" is no participle.
        ("SOCIAL: DTR WANJIRU KAMAU REED.", "WANJIRU KAMAU REED", "WANJIRU KAMAU REED"),
    ],
)
def test_without_case_a_names_edges_lose_their_participles(
    text: str, value: str, name: str
) -> None:
    assert model_finds(text, value, "PERSON") == [name]


def test_without_its_participle_a_bedside_phrase_is_no_name() -> None:
    # "FOLEY" alone is the clinic's word; "FOLEY PLACED" was a name spread through the note.
    assert model_finds("GU: FOLEY PLACED, CLOUDY URINE.", "FOLEY PLACED", "PERSON") == []


def test_the_id_rule_reads_a_ward_word_or_a_time_before_digits_as_no_prefix(
    deid: Deidentifier,
) -> None:
    text = (
        "LYTES: NA 141, CL 108. FS 0400 = 188. NGT TO LIWS 350 CC. RESP: ON AC 500 X 14. "
        "SON CALLED AT 2330. ABG ON TC 7.43/44/82."
    )
    found_here = found(deid, text)
    for value in ("NA 141", "FS 0400", "LIWS 350", "AC 500", "AT 2330", "7.43/44/82"):
        assert not any(value in f or f in value for f in found_here), value


def test_a_labelled_number_with_a_letter_prefix_is_still_an_id(deid: Deidentifier) -> None:
    text = "REGISTRO NHIS ASH 0412 3390 VERIFIED."
    assert any("0412 3390" in f for f in found(deid, text))


@pytest.mark.parametrize(
    "text",
    [
        "neuro: lethargic, asterixis +. resp: crackles bilat, no flatus.",
        "gi: soft abd, girth stable, stooled x2 yellow seedy. skin: oozing at site.",
        "gu: foley d/c'd @ 1200. lines: r subclavian tlc d/c'd.",
        "ALLERGY BAND CHECKED. S/P OPEN AAA REPAIR (TUBE GRAFT).",
        "Dx: SAH (H&H 3, Fisher 3). drips: vanco, dobut 2.5, hydral 10 iv.",
        "ETT 7.5 @ 23 CM AT LIP. CHG BATH DONE. L FEM HD CATH. 5FU VIA PORT.",
        "S/P IVOR LEWIS ESOPHAGECTOMY POD 3. NGT TO LIWS.",
        "CA 13.1 -> 11.8 AFTER ZOLEDRONIC ACID 4 MG. plan: tranexamic acid 1g iv.",
        "TA 122/62, FC 83. diurèse 813 ml. douleur eva 6/10.",
    ],
)
def test_a_nurses_vocabulary_is_no_name(deid: Deidentifier, text: str) -> None:
    assert found(deid, text) == []


def test_names_and_numbers_beside_the_vocabulary_are_still_found(deid: Deidentifier) -> None:
    text = (
        "neuro: lethargic, asterixis +. social: wife Lucinda Ferreira-Hale called at 2330, "
        "cell 617-555-0179, mrn 00874321."
    )
    found_here = found(deid, text)
    assert "Lucinda Ferreira-Hale" in found_here
    assert "617-555-0179" in found_here
    assert "00874321" in found_here


def test_a_french_nurse_signing_is_a_clinician_not_a_facility(deid: Deidentifier) -> None:
    text = "Douleur EVA 3/10, paracétamol donné. IDE Selorm Essien"
    findings = {text[f.start : f.end]: f.subtype for f in deid.analyze(text)}
    assert "IDE" not in findings
    assert any("Essien" in value for value in findings)


@pytest.mark.parametrize(
    "text",
    [
        "Neuro: pt A+Ox3, calm and cooperative. MAE.",
        "NEURO: A+OX3, ANXIOUS. CIWA 10-14.",
        "neuro: lethargic, a+ox1-2, asterixis +.",
    ],
)
def test_alert_and_oriented_is_the_nurses_finding(deid: Deidentifier, text: str) -> None:
    assert found(deid, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "gi: tol sips, nausea x1. resp: extubated to shovel mask, tol well.",
        "PLAN: WEAN PRESSOR AS TOL, FOLLOW LACTATE Q4.",
        "crrt: running, net neg 100cc/hr as tol.",
    ],
)
def test_tol_beside_the_words_that_make_it_shorthand_is_no_name(
    deid: Deidentifier, text: str
) -> None:
    assert found(deid, text) == []


def test_tol_beside_ordinary_words_may_still_be_a_name(deid: Deidentifier) -> None:
    text = "ok so tol came back today with her mom"
    assert "tol" in found(deid, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Pain: 0/10 cp, 2/10 groin. Dispo: home.", "2/10"),
        ("neuro: pain control poor early, 8/10, epidural placed.", "8/10"),
    ],
)
def test_a_score_out_of_ten_after_a_pain_word_is_no_date(text: str, value: str) -> None:
    assert model_finds(text, value, "DATE") == []


def test_out_of_ten_without_a_pain_word_stays_a_date() -> None:
    text = "plan: ct chest 1/10, f/u with the team after."
    assert model_finds(text, "1/10", "DATE") == ["1/10"]


def test_a_label_before_a_diagnosis_is_no_name_but_before_a_surname_it_is(
    deid: Deidentifier,
) -> None:
    assert found(deid, "MICU NSG NOTE 1900-0700\nRE: ACUTE GI BLEED. 55 YO M, ETOH.") == []
    assert found(deid, "Patient: FOLEY") == ["FOLEY"]
    assert found(deid, "RE: JOHN OKAFOR, 55 YO M") == ["JOHN OKAFOR"]


def test_a_lab_label_and_clear_liquids_are_no_names(deid: Deidentifier) -> None:
    text = "LABS: PLT 92K, INR 1.8, FIBRINOGEN 140, K 3.9. GI: FLATUS +, TOL CLEARS."
    assert found(deid, text) == []
