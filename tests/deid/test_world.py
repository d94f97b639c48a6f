"""Identifiers as clinicians in many countries write them (examples written for these tests)."""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier

from .helpers import touched_tokens, uncovered_tokens

FACILITY_ACRONYMS = [
    ("She was admitted to QEGH last week.", "QEGH"),
    ("Referred from MZUTH with a breast mass.", "MZUTH"),
    ("Biopsy done at the ZCH lab, then seen at KCTH.", "KCTH"),
    ("Now followed at PGIMS Rohtak for chemotherapy.", "PGIMS Rohtak"),
    ("Treated at Bugando Medical Centre (BMC) in 2021.", "BMC"),
    ("He attends ABUTH; ABUTH pharmacy refills his ART.", "ABUTH; ABUTH"),
    ("Scans at CHUY, Yaoundé, were unremarkable.", "CHUY"),
]
FOREIGN_FACILITIES = [
    (
        "Operated at Szpital Wojewódzki im. M. Kopernika in 2019.",
        "Szpital Wojewódzki im. M. Kopernika",
    ),
    ("Transferred to Rumah Sakit Umum Daerah Sleman.", "Rumah Sakit Umum Daerah Sleman"),
    ("Followed up at Ankara Şehir Hastanesi.", "Ankara Şehir Hastanesi"),
    ("Seen at RSUD Dr. Soetomo on Monday.", "Soetomo"),
    ("Delivered at Kitui Level 4 Hospital.", "Kitui Level 4 Hospital"),
]
KEPT = [
    (
        "Seen at OPD, then referred to ENT and admitted to HDU.",
        "OPD, then referred to ENT and admitted to HDU",
    ),
    ("Shared the images via WhatsApp with the Ghanaian team.", "WhatsApp with the Ghanaian"),
    (
        "Stage III disease; referred from USA for a second opinion.",
        "III disease; referred from USA",
    ),
    ("Paciente con cáncer de mama; Filha acompanha.", "Paciente"),
]


@pytest.mark.parametrize(("text", "needle"), FACILITY_ACRONYMS)
def test_a_facility_written_in_capitals_after_a_cue_is_redacted(
    deid: Deidentifier, text: str, needle: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), needle) == []


@pytest.mark.parametrize(("text", "needle"), FOREIGN_FACILITIES)
def test_a_facility_named_in_another_language_is_redacted(
    deid: Deidentifier, text: str, needle: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), needle) == []


@pytest.mark.parametrize(("text", "needle"), KEPT)
def test_services_countries_apps_nationalities_and_labels_in_capitals_survive(
    deid: Deidentifier, text: str, needle: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), needle) == []


NAMES_BEFORE_AN_AGE = [
    ("Adaobi Nwankwo 61 F, known hypertensive.", "Adaobi Nwankwo"),
    ("Tevita Fifita, 57, Tongan, lives with his sister.", "Tevita Fifita"),
    ("Rania Aziz (Syrian, 44) arrived last month.", "Rania Aziz"),
    ("Sushila Gowda - 72/F - diabetic.", "Sushila Gowda"),
    ("Paciente Graça Moreira, 66 anos, hipertensa.", "Graça Moreira"),
    ("Nandi, 27, has cervical cancer stage IIB.", "Nandi"),
    ("Dumisani missed two clinic visits.", "Dumisani"),
]
WORLD_IDS = [
    ("PESEL 85072112345 on the referral.", "85072112345"),
    ("PhilHealth no. 01-234567890-1", "01-234567890-1"),
    ("NHI QRS4821, registered with a GP.", "QRS4821"),
    ("TAJ 044 512 378 in the file.", "044 512 378"),
    ("IMSS 1298 76 5432 1 vigente.", "1298 76 5432 1"),
    ("NHIS KAS 4410 2290 expired.", "KAS 4410 2290"),
    ("Hospital no: MRN TKH 88213.", "TKH 88213"),
]
WORLD_DATES = [
    ("Operated on 3 martie 2023.", "3 martie 2023"),
    ("Przyjęta 12 marca 2024 do szpitala.", "12 marca 2024"),
    ("Seen 5. 3. 2025 in clinic.", "5. 3. 2025"),
    ("Visit on 2025. 01. 15. was missed.", "2025. 01. 15."),
    ("First symptoms in Sept '23.", "Sept '23"),
    ("Last seen on the 14th, when she was well.", "14th"),
    ("Registered 1402/11/05 at the clinic.", "1402/11/05"),
]
AGES_AFTER_A_NAME = [
    ("Avó com 94 anos, acamada.", "94"),
    ("Bà cụ 96 tuổi, sống một mình.", "96"),
    ("Her grandmother Wanjiku, 96, lives with them.", "96"),
    ("Elder Joseph Nez (93) needs transport.", "93"),
]
CLINICAL_NUMBERS_KEPT = [
    ("BP 120/80, HR 88, WBC 12 000/uL.", "BP 120/80, HR 88, WBC 12 000/uL"),
    ("On ART since 2015, stage 3, cycle 4 (of 6).", "ART since 2015, stage 3, cycle 4 (of 6)"),
    ("Stage 3, 40% response; Gleason 7, 3+4.", "Stage 3, 40% response; Gleason 7, 3+4"),
]


@pytest.mark.parametrize(("text", "needle"), NAMES_BEFORE_AN_AGE)
def test_a_name_opening_a_case_line_with_an_age_or_a_verb_is_redacted(
    deid: Deidentifier, text: str, needle: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), needle) == []


@pytest.mark.parametrize(("text", "needle"), WORLD_IDS)
def test_national_insurance_and_record_numbers_of_many_countries_are_redacted(
    deid: Deidentifier, text: str, needle: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), needle) == []


@pytest.mark.parametrize(("text", "needle"), WORLD_DATES)
def test_dates_in_other_languages_and_local_formats_are_redacted(
    deid: Deidentifier, text: str, needle: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), needle) == []


@pytest.mark.parametrize(("text", "needle"), AGES_AFTER_A_NAME)
def test_an_age_over_89_after_a_name_or_before_a_unit_of_another_language_is_redacted(
    deid: Deidentifier, text: str, needle: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), needle) == []


@pytest.mark.parametrize(("text", "needle"), CLINICAL_NUMBERS_KEPT)
def test_vitals_counts_stages_and_years_after_capitals_survive(
    deid: Deidentifier, text: str, needle: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), needle) == []


MORE_FORMATS = [
    ("DOB: Wednesday 7 May, per the mother.", "Wednesday 7 May"),
    ("Reached by phone at (06)72/512-4410 today.", "(06)72/512-4410"),
    ("Contact: 030/2245 8811 or by e-mail.", "030/2245 8811"),
    ("She lives at Blv. Artigas N° 1520, apto 3.", "Blv. Artigas N° 1520"),
]


@pytest.mark.parametrize(("text", "needle"), MORE_FORMATS)
def test_weekday_dates_slashed_phone_numbers_and_boulevard_addresses_are_redacted(
    deid: Deidentifier, text: str, needle: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), needle) == []


CODES_AND_ADDRESSES = [
    ("Hosp No: KBTH/23/00412 on the card.", "KBTH/23/00412"),
    ("Registered as 2023/GYN/0187.", "2023/GYN/0187"),
    ("Mr Ali s/o Bashir, r/o House 7, Street 12, G-9/1, Rawalpindi.", "House 7, Street 12, G-9/1"),
    ("Residente em Quadra 8 Lote 3, Taguatinga.", "Quadra 8 Lote 3"),
    ("Seen at Gulu RRH for review.", "Gulu RRH"),
    ("Trial visit Jun 3 '24 went well.", "Jun 3 '24"),
    ("Tumour board 14/02: plan chemotherapy.", "14/02"),
    ("Joana Reis Lima, 47a, professora.", "Joana Reis Lima"),
]
UNITS_AND_SCORES_KEPT = [
    ("Admitted to MICU, then SICU, then the ward.", "MICU, then SICU"),
    ("KPS 70, NYHA 3, ER/PR/HER2 negative.", "KPS 70, NYHA 3, ER/PR/HER2"),
    ("Ki-67 was 80% and Hosp stay 5 days.", "Ki-67 was 80% and Hosp stay"),
]


@pytest.mark.parametrize(("text", "needle"), CODES_AND_ADDRESSES)
def test_slashed_codes_south_asian_and_brazilian_addresses_and_town_facilities_are_redacted(
    deid: Deidentifier, text: str, needle: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), needle) == []


@pytest.mark.parametrize(("text", "needle"), UNITS_AND_SCORES_KEPT)
def test_care_units_scales_and_receptor_status_survive(
    deid: Deidentifier, text: str, needle: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), needle) == []


# Clinical lines dense with capitals after "at", "from", "to", "by": nothing to redact.
CLINICAL_LINES = [
    "Seen at ANC at 28 weeks; referred from PHC for HRCT chest and CECT abdomen.",
    "Followed at GOPD and MOPD; reviewed by ENT; attends DR-TB clinic weekly.",
    "ECOG 1, KPS 80, NYHA II, CTCAE grade 2 neuropathy after FOLFOX cycle 6.",
    "HbA1c 9.2%, eGFR 48, UACR 300 mg/g, on SGLT2i and ACEi.",
    "Admitted via A&E, then to HDU; transferred to MICU after intubation.",
    "Seen in MCH clinic; PMTCT option B+, infant on NVP prophylaxis, DBS PCR at 6 weeks.",
    "Referred to IR for TACE; BCLC B, Child-Pugh A6, AFP 1 230 ng/mL.",
]


@pytest.mark.parametrize("text", CLINICAL_LINES)
def test_a_clinical_line_dense_with_capitals_has_nothing_redacted(
    deid: Deidentifier, text: str
) -> None:
    assert deid.analyze(text) == []


SURNAMES_APART = [
    ("OTIENO, Mary Akinyi, 52F, hypertensive.", "OTIENO, Mary Akinyi"),
    ("Volkova Irina Sergeyevna, born 1948, lives alone.", "Volkova Irina Sergeyevna"),
]


@pytest.mark.parametrize(("text", "needle"), SURNAMES_APART)
def test_a_surname_written_before_the_given_names_is_redacted_with_them(
    deid: Deidentifier, text: str, needle: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), needle) == []
