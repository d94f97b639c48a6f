"""Every kind of identifier the issue lists is redacted (examples written for these tests)."""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier, EntityType

from .helpers import uncovered_tokens

# (text, the identifier inside it that must be fully redacted)
PATIENT_AND_RELATIVE_NAMES = [
    ("Patient: Wairimu Njoroge  DOB: 3/4/1960", "Wairimu Njoroge"),
    ("Patient Tomás Echeverría was reached by phone.", "Tomás Echeverría"),
    ("Pt name: Oluwaseun Adebayo-Smith", "Oluwaseun Adebayo-Smith"),
    ("Mr. Okonkwo lives alone.", "Okonkwo"),
    ("Ms O'Sullivan declined surgery.", "O'Sullivan"),
    ("Mrs. Nakato Ssempijja, a 61-year-old trader, was seen.", "Nakato Ssempijja"),
    ("Her son Baraka drives her to clinic.", "Baraka"),
    ("His wife, Priya Raghunathan, consented.", "Priya Raghunathan"),
    ("The patient's daughter Ximena called.", "Ximena"),
    ("Plan discussed with Kwabena and family.", "Kwabena"),
    ("ECHO case T.M. - 52 yo F", "T.M."),
    ("Case of R.K.S., 40 yo male", "R.K.S."),
    ("Nguyen Thi Lan is a 45 year old woman with cervical cancer.", "Nguyen Thi Lan"),
]
# No title, label or kinship word: spaCy's NER, then the unexplained-word fallback.
UNCUED_NAMES = [
    ("Yesterday Otieno complained of worsening pain.", "Otieno"),
    ("Spoke to Fernando this morning; he prefers surgery.", "Fernando"),
    ("He later moved to Eldoret with Adaeze.", "Adaeze"),
    ("Okello reports night sweats since January.", "Okello"),
    ("Chukwuemeka was diagnosed in 2019.", "Chukwuemeka"),
    ("The family (Wambui, Kariuki and little Njeri) attended the call.", "Wambui, Kariuki"),
    ("We reviewed Svetlana Ivanova's imaging.", "Svetlana Ivanova"),
]
CLINICIAN_NAMES = [
    ("Referred by Dr. Ingrid Halvorsen (oncology).", "Ingrid Halvorsen"),
    ("Presenting clinician: Dr Kofi Mensah-Bonsu", "Kofi Mensah-Bonsu"),
    ("Seen by Prof. A. K. Venkataraman last week.", "A. K. Venkataraman"),
    ("Presenting clinician: Nurse Halima Abdullahi", "Halima Abdullahi"),
    ("Reviewed by Siobhan Ní Bhriain, pathologist.", "Siobhan Ní Bhriain"),
    ("Attending: Dra. Lucía Fernández", "Lucía Fernández"),
]
DATES = [
    ("Seen in clinic on 2023-11-07.", "2023-11-07"),
    ("DOB: 07/14/1952", "07/14/1952"),
    ("Biopsy on 14.07.2021 showed SCC.", "14.07.2021"),
    ("Surgery 3/9/22, uneventful.", "3/9/22"),
    ("Admitted March 3, 2024 with fever.", "March 3, 2024"),
    ("DOB: Jul 15", "Jul 15"),
    ("Seen Sept. 9th for review.", "Sept. 9th"),
    ("Started chemotherapy on 21 January 2022.", "21 January 2022"),
    ("Diagnosed in March 2024 after a screening.", "March 2024"),
    ("CT dated 03-FEB-2023 showed no change.", "03-FEB-2023"),
    ("Operada el 5 de mayo de 2021.", "5 de mayo de 2021"),
    ("Follow-up visit on 6/14 was missed.", "6/14"),
    ("Seen on July 15th, 2024.", "July 15th, 2024"),
    ("Visit 07.15.24 cancelled.", "07.15.24"),
    ("Surgery on the 3rd of May 2021.", "3rd of May 2021"),
]
AGES_OVER_89 = [
    ("Her mother, now 97, also had breast cancer.", "97"),
    ("A 93-year-old man with prostate cancer.", "93"),
    ("94 yo F with anemia", "94"),
    ("Patient aged 101 at diagnosis.", "101"),
    ("His grandfather died at 96 of colon cancer.", "96"),
]
IDS = [
    ("MRN: 00451234", "00451234"),
    ("Hospital no. KNH/2021/004512 on the file.", "KNH/2021/004512"),
    ("Biopsy accession SP-22-004518 reviewed.", "SP-22-004518"),
    ("Medical record number 8812-33-10", "8812-33-10"),
    ("SSN 219-09-9999", "219-09-9999"),
    ("National ID 29384756, issued in Kisumu.", "29384756"),
    ("Aadhaar 2345 6789 0123", "2345 6789 0123"),
    ("Health plan member ID XKP-88213-02", "XKP-88213-02"),
    ("Medicaid ID TX00983312", "TX00983312"),
    ("NHIF no. 4410029", "4410029"),
    ("Pacemaker serial number PM7731-AB-0912", "PM7731-AB-0912"),
    ("Vehicle plate KDA 123X was noted.", "KDA 123X"),
    ("Passport number A09912837", "A09912837"),
]
CONTACTS = [
    ("Call (505) 272-1188 after 5 pm.", "(505) 272-1188"),
    ("Phone 505-272-1188", "505-272-1188"),
    ("Reached at +254 722 334 455 on WhatsApp.", "+254 722 334 455"),
    ("Mobile +44 (0)20 7946 0958", "+44 (0)20 7946 0958"),
    ("Tel: 0803 123 4567.", "0803 123 4567"),
    ("Fax 505.272.1190", "505.272.1190"),
    ("Phone (+84) 90 123 4567", "(+84) 90 123 4567"),
    ("Tel (020) 7946 0958", "(020) 7946 0958"),
    ("Phone: 001-576-921-5891x39288", "001-576-921-5891x39288"),
    ("Her sister can be called on 788 933 406.", "788 933 406"),
    ("Email: chinedu.eze@yahoo.co.uk today", "chinedu.eze@yahoo.co.uk"),
    (
        "Portal: https://mychart.example.org/p/88123 for results",
        "https://mychart.example.org/p/88123",
    ),
    ("See www.facebook.com/amina.w for photos.", "www.facebook.com/amina.w"),
    ("Login from IP 10.12.0.201 flagged.", "10.12.0.201"),
]
LOCATIONS = [
    (
        "Treated at Moi Teaching and Referral Hospital, Eldoret.",
        "Moi Teaching and Referral Hospital",
    ),
    ("Referred from St. Luke's Mission Hospital.", "St. Luke's Mission Hospital"),
    ("Seen at Hospital General de Occidente last year.", "Hospital General de Occidente"),
    (
        "She lives at 4410 Juniper Ridge Road, Apt 3, Gallup, New Mexico 87301.",
        "4410 Juniper Ridge Road, Apt 3",
    ),
    ("She lives at 4410 Juniper Ridge Road, Apt 3, Gallup, New Mexico 87301.", "Gallup"),
    ("She lives at 4410 Juniper Ridge Road, Apt 3, Gallup, New Mexico 87301.", "87301"),
    ("Address: Plot 14, Kira Road, Kampala, Uganda", "Plot 14, Kira Road"),
    ("A 40 yo woman from Machakos, Kenya.", "Machakos"),
    ("He lives in Shiprock and herds sheep.", "Shiprock"),
    ("Originally from the village of Kibwezi.", "Kibwezi"),
    ("Her family farms near Kitale.", "Kitale"),
    ("She works at Kakuzi Ltd as a packer.", "Kakuzi Ltd"),
    ("Transferred to Kisumu County Hospital.", "Kisumu County Hospital"),
    ("Postal address P.O. Box 4521-00100 Nairobi", "P.O. Box 4521-00100"),
    ("Home: Gallup, NM 87301.", "Gallup"),
    ("Home: Gallup, NM 87301.", "87301"),
    ("lives at 221B Baker Street, London NW1 6XE", "221B Baker Street, London NW1 6XE"),
    ("Ms. Pham lives at Số 70 đường số 1, TP. Cần Thơ.", "Số 70 đường số 1, TP. Cần Thơ"),
    ("She resides at ul. Żurawia 639, Wałbrzych.", "ul. Żurawia 639, Wałbrzych"),
]


def _check(deid: Deidentifier, text: str, needle: str) -> None:
    findings = deid.analyze(text)
    assert uncovered_tokens(text, findings, needle) == [], (text, findings)


@pytest.mark.parametrize(("text", "needle"), PATIENT_AND_RELATIVE_NAMES)
def test_redacts_patient_and_relative_names(deid: Deidentifier, text: str, needle: str) -> None:
    _check(deid, text, needle)


@pytest.mark.parametrize(("text", "needle"), UNCUED_NAMES)
def test_redacts_names_without_any_cue(deid: Deidentifier, text: str, needle: str) -> None:
    _check(deid, text, needle)


@pytest.mark.parametrize(("text", "needle"), CLINICIAN_NAMES)
def test_redacts_clinician_names_with_and_without_titles(
    deid: Deidentifier, text: str, needle: str
) -> None:
    _check(deid, text, needle)


@pytest.mark.parametrize(("text", "needle"), DATES)
def test_redacts_dates_more_specific_than_a_year(
    deid: Deidentifier, text: str, needle: str
) -> None:
    _check(deid, text, needle)


@pytest.mark.parametrize(("text", "needle"), AGES_OVER_89)
def test_redacts_ages_over_89(deid: Deidentifier, text: str, needle: str) -> None:
    _check(deid, text, needle)


@pytest.mark.parametrize(("text", "needle"), IDS)
def test_redacts_record_national_plan_device_and_vehicle_numbers(
    deid: Deidentifier, text: str, needle: str
) -> None:
    _check(deid, text, needle)


@pytest.mark.parametrize(("text", "needle"), CONTACTS)
def test_redacts_phone_numbers_in_local_and_international_form_and_web_contacts(
    deid: Deidentifier, text: str, needle: str
) -> None:
    _check(deid, text, needle)


@pytest.mark.parametrize(("text", "needle"), LOCATIONS)
def test_redacts_facilities_addresses_cities_villages_zip_codes_and_employers(
    deid: Deidentifier, text: str, needle: str
) -> None:
    _check(deid, text, needle)


def test_a_name_seen_once_is_redacted_everywhere_in_the_text(deid: Deidentifier) -> None:
    text = (
        "Patient: Achieng Odhiambo. Later, Achieng asked whether Odhiambo family history matters."
    )
    findings = deid.analyze(text)
    assert text.count("Achieng") == 2
    for word in ("Achieng", "Odhiambo"):
        start = 0
        while (i := text.find(word, start)) >= 0:
            assert any(f.start <= i and i + len(word) <= f.end for f in findings), word
            start = i + 1


def test_findings_carry_contract_types_and_subtypes(deid: Deidentifier) -> None:
    text = (
        "Patient: Ama Owusu. MRN 7781234. Call 0244 123 456. "
        "Seen 2024-02-01 at Tamale Teaching Hospital."
    )
    by_text = {text[f.start : f.end]: f for f in deid.analyze(text)}
    assert by_text["Ama Owusu"].entity_type is EntityType.PERSON
    assert by_text["Ama Owusu"].subtype == "PATIENT"
    assert by_text["7781234"].entity_type is EntityType.ID
    assert by_text["0244 123 456"].entity_type is EntityType.CONTACT
    assert by_text["2024-02-01"].entity_type is EntityType.DATE
    assert by_text["Tamale Teaching Hospital"].entity_type is EntityType.LOCATION
    assert all(0.0 < f.score <= 1.0 for f in by_text.values())
