"""Case summaries by other authors (session 13): a form's facility field holds a facility's
name even in ordinary words; dates in Albanian, Setswana, Hijri and the Syriac months of
Iraq and the Levant; a writer introducing themself in a chat ("this is", "ici", "aqui é",
"le escribe") and a chat's greetings and words for a doctor announce a name; the labels of
Venezuelan and Cuban identity cards announce an ID.

Examples written for these tests: every name, place, number and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        (
            "Facility: National Referral Hospital, Koloale\nPresenter: Dr X",
            "National Referral Hospital",
        ),
        ("Hospital: Oncology Teaching Hospital, Medical City", "Oncology Teaching Hospital"),
        ("Site: Regional Cancer Treatment Centre\nQ: RT?", "Regional Cancer Treatment Centre"),
    ],
)
def test_a_facility_field_holds_a_facility_named_in_ordinary_words(
    deid: Deidentifier, text: str, facility: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), facility) == []


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("Facility: Oncology Clinic\nQuestion: hold the drug?", "Oncology Clinic"),
        (
            "She was reviewed in the Oncology Teaching Hospital clinic.",
            "Oncology Teaching Hospital",
        ),
    ],
)
def test_a_service_or_an_unlabelled_facility_in_ordinary_words_stays(
    deid: Deidentifier, text: str, service: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), service) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Data e biopsisë: 17 shtator 2024, pa komplikime.", "17 shtator 2024"),
        ("Kontrolli më 3 dhjetorit 2023.", "3 dhjetorit 2023"),
        ("Date of diagnosis: 14 Diphalane 2024 at the clinic.", "14 Diphalane 2024"),
        ("CT on 9 Tlhakole 2025, no change.", "9 Tlhakole 2025"),
        ("Date de la TDM : 22 Muharram 1446 au scanner.", "22 Muharram"),
        ("Operated on 5 Jumada al-Thani 1445 in the city.", "5 Jumada al-Thani"),
        ("Biopsy: 11 Tishreen al-Thani 2024, IDC grade 2.", "11 Tishreen al-Thani 2024"),
        ("seen again on 3 Haziran 2025 for pain", "3 Haziran 2025"),
    ],
)
def test_month_names_of_more_calendars_make_dates(deid: Deidentifier, text: str, date: str) -> None:
    assert uncovered_tokens(text, deid.analyze(text), date) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("bonjour docteur, ici pauline de la clinique de kalaban.", "pauline"),
        ("ola, aqui é a joaninha do centro de saúde de namaacha.", "joaninha"),
        ("hi sir, this is tembisa from the district clinic.", "tembisa"),
        ("salam docteur konaté, la patiente va mieux.", "konaté"),
        ("its ok, aunty maryam the one with the wound came back", "maryam"),
    ],
)
def test_a_chat_writer_introducing_themself_or_a_greeting_announces_a_name(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    "text",
    [
        "this is concerning, this is a large mass and this is stage 3.",
        "hello doctor, the patient is better today. thanks doctor",
        "salam, the lab is closed until monday.",
    ],
)
def test_an_introduction_or_greeting_without_a_name_names_no_one(
    deid: Deidentifier, text: str
) -> None:
    assert [f for f in deid.analyze(text) if f.entity_type == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Paciente: 52 años, C.I. V-9.331.027, residente", "V-9.331.027"),
        ("cédula de identidad E-84.110.392 vigente", "E-84.110.392"),
        ("carné de identidad 88021509344, municipio", "88021509344"),
    ],
)
def test_venezuelan_and_cuban_identity_cards_are_ids(
    deid: Deidentifier, text: str, number: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), number) == []


def test_a_confidence_interval_or_cardiac_index_is_no_identity_card(deid: Deidentifier) -> None:
    text = "HR 1.8 (CI 1.2-2.7); CI 2.4 L/min/m2 after the dobutamine."
    assert [f for f in deid.analyze(text) if f.entity_type == "ID"] == []
