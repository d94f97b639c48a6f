"""Leak classes of ECHO case summaries by other authors (issue 11, session 10, helper
"leaks12"). Examples written for these tests, not taken from a corpus."""

from __future__ import annotations

import re

import pytest

from echo_cases.deid import Deidentifier

from .helpers import covered, touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "road"),
    [
        ("Lives at the end of County Road 412 with her son.", "County Road 412"),
        ("Address: Township Road 530A, near the grain elevator", "Township Road 530A"),
        ("farm is off county rd 9 about 6 miles out", "county rd 9"),
        ("HOME: RURAL ROUTE 3, BOX 88", "RURAL ROUTE 3"),
        ("Family lives along Navajo Route 27 past the trading post.", "Navajo Route 27"),
        ("trailer on Range Road 224 N, no mailbox", "Range Road 224 N"),
    ],
)
def test_a_road_known_by_its_number_is_an_address(deid: Deidentifier, text: str, road: str) -> None:
    assert uncovered_tokens(text, deid.analyze(text), road) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Changed route 2 days ago from IV to oral.", "route 2"),
        ("Oral route 3 times daily failed, switched to IV.", "route 3"),
    ],
)
def test_a_route_that_counts_days_or_times_is_no_road(
    deid: Deidentifier, text: str, words: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), words) == []


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        (
            "Mrs Achieng was referred from kisii teaching and referral hospital last month.",
            "kisii teaching and referral hospital",
        ),
        ("Biopsy was done at nkinga mission hospital in 2023.", "nkinga mission hospital"),
        ("He was transferred to the bugando medical centre for CT.", "bugando medical centre"),
    ],
)
def test_a_facility_typed_in_small_letters_inside_a_sentence_with_capitals_is_a_place(
    deid: Deidentifier, text: str, facility: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), facility) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("She was transferred to the district hospital for fluids.", "district hospital"),
        ("Pt came from an outside hospital on Tuesday.", "outside hospital"),
        ("He went home from the general hospital after two days.", "general hospital"),
    ],
)
def test_a_kind_of_hospital_in_small_letters_stays_a_kind(
    deid: Deidentifier, text: str, words: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), words) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("pls add mr PATIENCE 61 breast ca to the list", "PATIENCE"),
        ("called his wife MERCY re consent, no answer", "MERCY"),
        ("spoke to dr WISDOM at the district", "WISDOM"),
    ],
)
def test_a_name_in_capitals_after_a_title_in_small_letters_is_a_person(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("discussed with dr ICU team, will review", "ICU"),
        ("his son CT done yesterday, results pending", "CT"),
        ("per mr PSA trend rising, see uro", "PSA"),
    ],
)
def test_the_clinics_capitals_after_a_title_are_no_name(
    deid: Deidentifier, text: str, words: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), words) == []


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        ("Present: Dra. Lucía Tzul (HRQ), Dr Pedro Cux, nurse Ana\nHRQ will send slides", "HRQ"),
        ("Sr Efua Mensah (CCTH): mother wants to take her home", "CCTH"),
    ],
)
def test_capitals_in_brackets_after_a_titled_name_are_where_that_person_works(
    deid: Deidentifier, text: str, acronym: str
) -> None:
    findings = deid.analyze(text)
    starts = [m.start() for m in re.finditer(acronym, text)]
    assert all(covered(findings, i, i + len(acronym)) for i in starts)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Present: Dr Yaw Mensah (MO), Dr Ama Osei (ENT)", "MO"),
        ("Present: Dr Yaw Mensah (MO), Dr Ama Osei (ENT)", "ENT"),
    ],
)
def test_a_role_or_service_in_brackets_after_a_name_is_no_place(
    deid: Deidentifier, text: str, words: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), words) == []


def test_a_national_unit_named_head_first_in_spanish_is_a_facility(deid: Deidentifier) -> None:
    text = "Referida a la Unidad Nacional de Cirugía Cardiovascular para ecocardiograma."
    assert uncovered_tokens(text, deid.analyze(text), "Unidad Nacional de Cirugía") == []


def test_an_intensive_care_unit_in_spanish_stays_a_unit(deid: Deidentifier) -> None:
    text = "Ingresó a la Unidad de Cuidados Intensivos el lunes por sepsis."
    assert touched_tokens(text, deid.analyze(text), "Unidad de Cuidados Intensivos") == []


def test_a_clock_time_before_a_doctor_is_no_house_number(deid: Deidentifier) -> None:
    text = "[10:42] Dr. Menchú: la paciente ya llegó"
    assert touched_tokens(text, deid.analyze(text), "42] Dr") == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Ward office, Dr. R. N. Cooper Road, Juhu", "Dr. R. N. Cooper Road"),
        ("Scans from Dr. Albert-Schweitzer-Pierre Regional Hospital arrived.", "Dr"),
        ("Referred by St Kizito Health Centre last week.", "St Kizito Health Centre"),
    ],
)
def test_a_place_named_after_a_doctor_or_saint_keeps_its_title(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), place) == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Rua Padre Cícero, s/n - Pirajá, Juazeiro", "Rua Padre Cícero, s/n - Pirajá"),
        ("Calle Bolívar S/N, Sacaba, Cochabamba", "Calle Bolívar S/N"),
        ("Av. Dom Pedro, 455 - Bela Vista, Sobral", "Av. Dom Pedro, 455 - Bela Vista"),
    ],
)
def test_a_street_without_a_number_and_its_neighbourhood_after_a_dash_are_the_address(
    deid: Deidentifier, text: str, address: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Domiciliu: com. Tazlău, jud. Neamț", "Tazlău"),
        ("Locuiește în comuna Dămuc cu fiica.", "Dămuc"),
        ("Adresa: mun. Roman, str. Ștefan cel Mare", "Roman"),
    ],
)
def test_a_romanian_commune_or_town_after_its_kind_is_a_place(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), place) == []


def test_saturation_and_the_portuguese_with_are_no_settlement_kind(deid: Deidentifier) -> None:
    text = "PT SAT UP IN CHAIR, O2 SAT 94%. Conversou com Enfermagem."
    assert touched_tokens(text, deid.analyze(text), "SAT UP IN CHAIR") == []


def test_a_web_domain_ending_a_sentence_is_no_commune(deid: Deidentifier) -> None:
    text = "CONTACT HER AT ROSA.K@MAIL.COM. HER SON PETER BRINGS HER TO VISITS."
    assert touched_tokens(text, deid.analyze(text), "BRINGS HER TO VISITS") == []


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Referred by Dr. Cyrus Green (Ramogi clinic).", "Dr"),
        ("Presenting clinician: Dr. Camila Carrera at the hub.", "Dr"),
    ],
)
def test_a_doctor_whose_surname_is_a_street_word_stays_a_person(
    deid: Deidentifier, text: str, title: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), title) == []
