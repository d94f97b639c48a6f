"""Classes of identifiers that leaked from whole documents in session 8 (ECHO case
summaries, fresh generated samples), each closed by a mechanism with its words as data.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens

# --- Initials without dots after a word that announces a person ----------------------


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("Neutropenic again; discussed with Dr PW (pw@clinic.example) this morning.", "PW"),
        ("Please see Dr HQ at the satellite clinic on return.", "HQ"),
        ("Transport arranged. Escort: sister JG.", "JG"),
        ("ESCORT: MOTHER NB. DISCHARGED ON ONDANSETRON.", "NB"),
        ("Outcome: start letrozole. Action: MK to book the bone scan.", "MK"),
        ("Plan agreed with family.\nSigned: TW, Med. Onc.", "TW"),
        ("Hija: SM, cel. 555 0142", "SM"),
        ("Ana (caregiver of RB) called: the pain is better.", "RB"),
        ("[12/03/2025 09:14] LS: her daughter is asking about the scan", "LS"),
        ("Patient JK, 45 F, from the coast.", "JK"),
    ],
)
def test_initials_without_dots_after_a_person_cue_are_a_person(
    deid: Deidentifier, text: str, initials: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), initials) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Family history: mother DM, father HTN, sister CA.", "DM, father HTN, sister CA"),
        ("FHx: father MI at 60, mother BC.", "MI at 60, mother BC"),
        ("Next of kin: NA. Lives alone.", "NA"),
        ("Action: CT to be booked before cycle 3.", "CT"),
        ("Goals of care held, decision made to make pt CMO. pt made DNR.", "CMO"),
        ("PRESENTER DR. MED. OKELLO, ONCOLOGY.", "DR. MED"),
        ("Patient ID: A1321954 on the form.", "ID"),
    ],
)
def test_short_forms_and_empty_fields_after_those_cues_are_kept(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


# --- Facilities written as capitals in a form's field, a programme's site ------------


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("Hub: UNM  |  Spoke: Gallup Indian Medical Center", "UNM"),
        ("Cervical cancer ECHO (PGH hub). Question on dose-dense AC.", "PGH"),
        ("She goes to CDH in Lusaka for radiotherapy next month.", "CDH"),
        ("Referring facility - MZCH, paediatric ward.", "MZCH"),
    ],
)
def test_capitals_in_a_facility_field_or_before_hub_or_a_town_are_a_facility(
    deid: Deidentifier, text: str, facility: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), facility) == []


def test_clinical_capitals_in_those_places_are_kept(deid: Deidentifier) -> None:
    text = "Site: ECOG 1, PS good. MRI in Lusaka was normal. WHO hub guidance followed."
    assert touched_tokens(text, deid.analyze(text), "ECOG 1, PS good. MRI") == []


# --- Dates in shapes of other countries -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Mammography 04.III.2024 showed a 2 cm mass.", "04.III.2024"),
        ("Operated 12-IV-2023, adjuvant chemotherapy after.", "12-IV-2023"),
        ("Biopsy 3 XI 2022 at the district hospital.", "3 XI 2022"),
        ("amputação parcial ago/2024, linfonodos palpáveis", "ago/2024"),
        ("cirugía en set/23, recaída en dic/2024", "set/23"),
        ("BIOPSY DEC-12. MORSE 45.", "DEC-12"),
        ("geb. 28. okt. 1970, wohnhaft in der Stadt", "28. okt. 1970"),
        ("Chemoradiation Feb-Apr 2024, then a PET.", "Feb-Apr 2024"),
    ],
)
def test_a_roman_month_a_month_glued_to_its_year_and_a_month_range_are_dates(
    deid: Deidentifier, text: str, date: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), date) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Stage III 2024 cohort; T3 N1 M0, class II-2 evidence.", "III 2024"),
        ("Set 10 reps twice daily; out 2 days; pain began 3 weeks ago.", "Set 10"),
        ("Started a PD-1 inhibitor; her CA-125 is rising.", "PD-1 inhibitor; her CA-125"),
    ],
)
def test_numbers_beside_roman_numerals_or_those_words_are_no_date(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Konsultasyon sa klinika ika-13 ng Agosto: may bukol sa suso.", "ika-13 ng Agosto"),
        ("wir berichten über die Patientin, die sich am 13.04. mit Blutungen vorstellte", "13.04."),
    ],
)
def test_a_day_and_month_joined_by_their_own_languages_words_are_a_date(
    deid: Deidentifier, text: str, date: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), date) == []


def test_english_am_before_a_score_is_no_date(deid: Deidentifier) -> None:
    text = "I am 5/10 pain today and the dressing is dry."
    assert touched_tokens(text, deid.analyze(text), "5/10") == []


# --- Names and places split by the model, or too short for a guess -------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("fwd: results CHEN, SHU-LING 6722/19 CA 15-3 88.2", "CHEN, SHU-LING"),
        ("RE: LIN, YUEH-YING - 9 December 1960 - breast", "LIN, YUEH-YING"),
    ],
)
def test_a_hyphenated_name_is_redacted_whole(deid: Deidentifier, text: str, name: str) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


def test_one_letter_after_a_hyphen_of_a_short_form_is_not_grown_over(
    deid: Deidentifier,
) -> None:
    text = "Neoadjuvant AC-T done, pCR on the specimen."
    assert touched_tokens(text, deid.analyze(text), "T done") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dr 林 pls sign the consent before theatre.", "林"),
        ("A 66-year-old widow, 林 惠珍, was referred from the district.", "林 惠珍"),
        ("[22:30] C. Chen: Mr. 楊 asking about Arimidex again", "楊"),
    ],
)
def test_one_han_character_is_a_surname_in_a_note_in_latin_letters(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


# --- The units of a dwelling in an address ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "domiciliat in strada dima nr. 995 bl. 97 sc. 15 ap. 630, 871465 gugesti",
            "nr. 995 bl. 97 sc. 15 ap. 630",
        ),
        (
            "ADRESA: INTRAREA OPREA NR. 41 BL. 47 SC. 12 AP. 355, ROVINARI",
            "NR. 41 BL. 47 SC. 12 AP. 355",
        ),
        ("Domicilio: Calle Mayor 12, piso 3, dpto 4B, Lima", "Calle Mayor 12, piso 3, dpto 4B"),
    ],
)
def test_units_of_a_dwelling_with_their_numbers_are_an_address(
    deid: Deidentifier, text: str, address: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


def test_one_such_word_before_a_dose_is_no_address(deid: Deidentifier) -> None:
    text = "insulin sc 10 units at night, AP 12 cm on the film"
    assert touched_tokens(text, deid.analyze(text), "sc 10 units at night, AP 12 cm") == []


# --- Names announced by a mail header or a verb of meeting ------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "From: Juan Pablo Arriola <jparriola@hospital.example>\nSubject: caso",
            "Juan Pablo Arriola",
        ),
        ("Good to hear from you. I saw Agness Chikoti on 19/07/2023; it is smaller.", "Agness"),
    ],
)
def test_a_name_before_its_mail_address_or_after_saw_is_a_person(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


def test_clinical_words_after_saw_are_no_name(deid: Deidentifier) -> None:
    text = "We saw CT changes and met Oncology about the plan."
    assert touched_tokens(text, deid.analyze(text), "CT changes and met Oncology") == []


def test_a_small_prefix_before_a_hyphen_is_not_part_of_the_name(deid: Deidentifier) -> None:
    text = "This song by ex-Zombie Ahtisaari is a protest song."
    assert touched_tokens(text, deid.analyze(text), "ex") == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("niña de 5 años, originaria de la aldea Xequemeyá, Momostenango", "Xequemeyá"),
        ("47/F, from Brgy. Malinta, Valenzuela City.", "Malinta"),
        ("Mama huyu anatoka kijiji cha Mwamanongu, Meatu.", "Mwamanongu"),
    ],
)
def test_a_kind_of_settlement_before_a_name_makes_it_a_place(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), place) == []


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("Chart # CH 118-264. Question for the hub.", "CH 118-264"),
        (
            "Primary debulking at Lviv Oncology Regional Treatment and Diagnostic Center.",
            "Lviv Oncology Regional Treatment and Diagnostic Center",
        ),
    ],
)
def test_a_prefixed_hyphenated_record_number_and_a_diagnostic_centre_are_found(
    deid: Deidentifier, text: str, identifier: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), identifier) == []


def test_a_code_after_a_facility_and_a_comma_is_no_town(deid: Deidentifier) -> None:
    text = "Debulking at Kisumu Cancer Center, R1. Olaparib since May."
    assert touched_tokens(text, deid.analyze(text), "R1") == []


# --- Addresses after labels of other languages ------------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Morada: Avenida Freitas, 3, Felgueiras, (351) 912 000 111",
            "Avenida Freitas, 3, Felgueiras",
        ),
        ("Frau Nowak, wohnhaft Za Statky 1, Deštná, kam zur Kontrolle.", "Za Statky 1, Deštná"),
    ],
)
def test_an_address_after_a_label_of_another_language_is_found(
    deid: Deidentifier, text: str, address: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


def test_an_address_ends_where_the_sentence_goes_on_in_its_own_language(
    deid: Deidentifier,
) -> None:
    text = "wohnhaft Lagoon Road 528 in Mount Hagen, die sich gestern mit Fieber vorstellte."
    assert touched_tokens(text, deid.analyze(text), "die sich gestern mit") == []


def test_two_capitals_after_at_that_end_the_clause_are_a_facility(deid: Deidentifier) -> None:
    text = "Viral load 40 copies/mL; seen 27-Aug-2016 at CD; fasting before theatre at LH"
    found = deid.analyze(text)
    assert uncovered_tokens(text, found, "CD") == []
    assert uncovered_tokens(text, found, "LH") == []


def test_care_settings_after_at_are_kept(deid: Deidentifier) -> None:
    text = "Seen at ED. Then at OR, and reviewed at GP. Pain at L5."
    assert touched_tokens(text, deid.analyze(text), text) == []


def test_a_day_with_a_formal_letters_word_for_its_month_is_a_date(deid: Deidentifier) -> None:
    text = "Biopsy done the 3rd inst., reviewed again on the 21st ult.; the 2nd institution."
    found = deid.analyze(text)
    assert uncovered_tokens(text, found, "3rd inst") == []
    assert uncovered_tokens(text, found, "21st ult") == []
    assert touched_tokens(text, found, "2nd institution") == []


def test_a_professional_councils_number_with_its_state_is_an_identifier(
    deid: Deidentifier,
) -> None:
    text = "Dra. Ana Lins - CRM-PE 18.337; Enf. Paulo Souza COREN-SP 123.456"
    found = deid.analyze(text)
    assert uncovered_tokens(text, found, "18.337") == []
    assert uncovered_tokens(text, found, "123.456") == []
