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
