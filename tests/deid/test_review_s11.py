"""What session 11's read-only review found in the session's new rules, as a user would see
it: a facility's acronym after "via" still found, clinical phrases and bodies that guide
care everywhere left alone, adverbs no reader, a lab's row no patient. Examples written for
these tests, not taken from a corpus."""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier, landmarks
from echo_cases.deid.candidates import names_before_a_person_noun, readers_opening_a_paragraph
from echo_cases.deid.note_languages import is_everyday_talk
from echo_cases.deid.recognizers.locations import EchoLocationRecognizer
from echo_cases.deid.recognizers.persons import EchoPersonRecognizer
from tests.deid.helpers import touched_tokens, uncovered_tokens


def _location_rules(text: str) -> list[str]:
    found = EchoLocationRecognizer().analyze(text, ["FACILITY", "ADDRESS", "CITY", "LOCATION"])
    return [text[r.start : r.end] for r in found]


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("Referred via MSK for a second opinion on the sarcoma.", "MSK"),
        ("Transferred via PMH for radiotherapy planning.", "PMH"),
    ],
)
def test_a_facility_acronym_after_via_is_still_a_facility(
    deid: Deidentifier, text: str, facility: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), facility) == []


def test_a_line_after_via_or_at_its_site_is_no_facility(deid: Deidentifier) -> None:
    text = "TPN via UVC at 4 ml/hr. UVC site clean, PICC hub scrubbed."
    assert touched_tokens(text, deid.analyze(text), "UVC") == []
    assert touched_tokens(text, deid.analyze(text), "PICC") == []


@pytest.mark.parametrize(
    "text",
    [
        "Guidance from the Oncology Nursing Society was followed.",
        "Leaflets from the Alzheimer's Association were given.",
        "Pacing follows the Heart Rhythm Society statement.",
    ],
)
def test_a_body_named_for_a_specialty_or_a_disease_is_no_rule_facility(text: str) -> None:
    assert _location_rules(text) == []


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Volunteers of the Bright Dawn Care Society bring her meals.", "Bright Dawn Care Society"),
        # A clinical word beside a care word: a local body that pays for a patient's care.
        ("The Stroke Care Association of the parish pays transport.", "Stroke Care Association"),
    ],
)
def test_a_local_charity_with_care_in_its_name_is_still_a_place(
    deid: Deidentifier, text: str, body: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), body) == []


@pytest.mark.parametrize(
    "text",
    ["Neck exploration: zone 1, zone 2 clear.", "Prostate biopsy: zone 2, zone 3 positive."],
)
def test_one_kind_of_unit_counted_over_is_no_address(text: str) -> None:
    assert _location_rules(text) == []


def test_units_of_different_kinds_are_still_an_address(deid: Deidentifier) -> None:
    text = "Home: Villa 12, Street 418, Zone 61, then the clinic."
    assert uncovered_tokens(text, deid.analyze(text), "Villa 12, Street 418, Zone 61") == []


@pytest.mark.parametrize("row", ["DATE, Collected | 12/03/2024", "SPECIMEN, Core | 2"])
def test_a_labs_row_is_no_patient(row: str) -> None:
    found = EchoPersonRecognizer().analyze(row, ["PERSON", "PATIENT"])
    assert found == []


def test_a_patients_row_is_still_a_name() -> None:
    row = "WANJIRU, Grace | 14/02/1961 | ward 5"
    found = EchoPersonRecognizer().analyze(row, ["PERSON", "PATIENT"])
    assert [row[r.start : r.end] for r in found] == ["WANJIRU, Grace"]


@pytest.mark.parametrize(
    "text",
    [
        "Radiographically, we agree with the plan.",
        "Postoperatively, thanks to the team, she mobilised.",
        "Empirically, we started cefepime.",
    ],
)
def test_an_adverb_opening_a_paragraph_is_no_reader(text: str) -> None:
    assert readers_opening_a_paragraph(text, []) == []


def test_a_reader_is_called_whatever_the_case_after_the_comma() -> None:
    text = "Lesedi, Thank you for the images."
    assert [text[a:b] for a, b in readers_opening_a_paragraph(text, [])] == ["Lesedi"]


@pytest.mark.parametrize("text", ["Cachectic man with fever.", "Breastfed infant, well."])
def test_a_sentences_first_capital_before_man_is_no_name(text: str) -> None:
    assert names_before_a_person_noun(text, []).names == []


def test_a_name_before_lady_that_fills_its_line_is_still_set_apart() -> None:
    text = "ok team\nthe GREY OWL lady, 64\nstill bleeding"
    assert [text[a:b] for a, b in names_before_a_person_noun(text, []).names] == ["GREY OWL"]


def test_a_vietnamese_compound_opening_a_sentence_is_everyday_talk() -> None:
    text = "Bệnh nhân nữ. Ung thư vú giai đoạn II. Gia đình đồng ý hóa trị."
    start = text.index("Gia đình")
    assert is_everyday_talk(text, start, start + len("Gia đình"))


def test_terminal_as_an_adjective_names_no_landmark() -> None:
    text = "carboxy terminal telopeptide raised; waited at kagera terminal for an hour"
    found = [text[a:b] for _, a, b in landmarks.places(text)]
    assert "carboxy" not in " ".join(found)
    assert any("kagera" in f for f in found)
