"""Case summaries by other authors (session 12): dates in Serbian, Croatian, Georgian and
Persian month names; relatives' words and honorifics of Serbian, Tamil, Persian, Fijian,
Nepali, Swahili, Burmese and Ethiopian notes announce a name and are not one; a message's
closing on its own line ("thanks,") puts the writer on the next; a parcel's tracking number
in the form every post shares; a reader called at a paragraph's start by a word the e-mail's
header names, however ordinary the word.

Examples written for these tests: every name, place, number and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.mail_headers import header_words
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Operisan 7. marta 2023, bez komplikacija.", "7. marta 2023"),
        ("Kontrola zakazana za 22. septembar 2025 u 10h.", "22. septembar 2025"),
        ("Biopsija od 3. listopada 2024 pokazala je karcinom.", "3. listopada 2024"),
        ("Otpušten 19. prosinca, dobro.", "19. prosinca"),
        ("PET-CT გაკეთდა 9 მარტი 2025, შედეგი უცნობია.", "9 მარტი 2025"),
        ("CT was done on 27 esfand 1402 in Shiraz.", "27 esfand 1402"),
        ("next visit 5 ordibehesht, bring the scans", "5 ordibehesht"),
    ],
)
def test_month_names_of_more_languages_make_dates(deid: Deidentifier, text: str, date: str) -> None:
    assert uncovered_tokens(text, deid.analyze(text), date) == []


@pytest.mark.parametrize(
    ("text", "kin", "name"),
    [
        ("Dg: ca ventriculi. Suprug Bojan dolazi sutra.", "Suprug", "Bojan"),
        ("She is looked after by her magan Pradeep since March.", "magan", "Pradeep"),
        ("Her hamsar Dariush will bring the reports.", "hamsar", "Dariush"),
        ("lives with her tavale Litia near the market", "tavale", "Litia"),
        ("her buhari Kamala stays with her at night", "buhari", "Kamala"),
        ("alikuja na baba mkwe Rashidi leo asubuhi", "mkwe", "Rashidi"),
    ],
)
def test_a_relatives_word_of_another_language_announces_a_name_and_is_none(
    deid: Deidentifier, text: str, kin: str, name: str
) -> None:
    findings = deid.analyze(text)
    assert uncovered_tokens(text, findings, name) == []
    assert touched_tokens(text, findings, kin) == []


@pytest.mark.parametrize(
    ("text", "title", "name"),
    [
        ("Seen with Naw Paw Htoo, retired teacher, 61.", "Naw", "Paw Htoo"),
        ("Seen with Maung Zaw Win, farmer, 44.", "Maung", "Zaw Win"),
        ("hi, khanom Shirin called again about the pain", "khanom", "Shirin"),
        ("Agha Bahram refuses the second cycle.", "Agha", "Bahram"),
        ("Referred from Dessie: W/ro Selam Haile, 52, with a neck mass.", "W/ro", "Selam Haile"),
        ("bulou Mereani came with her daughter", "bulou", "Mereani"),
    ],
)
def test_an_honorific_of_another_country_stays_outside_the_name(
    deid: Deidentifier, text: str, title: str, name: str
) -> None:
    findings = deid.analyze(text)
    assert uncovered_tokens(text, findings, name) == []
    assert touched_tokens(text, findings, title.split("/")[0]) == []


@pytest.mark.parametrize(
    ("text", "writer"),
    [
        ("pls check her platelets before the next cycle.\nthanks,\nmarigold", "marigold"),
        ("Scan report attached.\n\nThank you,\nRobin", "Robin"),
        ("tutaonana jumatatu.\nasante,\nzuhura", "zuhura"),
    ],
)
def test_the_writer_below_a_thanks_on_its_own_line_is_a_name(
    deid: Deidentifier, text: str, writer: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), writer) == []


def test_a_line_below_a_thanks_that_goes_on_is_no_name(deid: Deidentifier) -> None:
    text = "thanks,\nwill repeat the scan in three months."
    assert touched_tokens(text, deid.analyze(text), "will repeat the scan") == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Blocks sent by post, tracking RB 120 457 883 KE, arrive next week.", "RB 120 457 883 KE"),
        ("slides posted CP004518276UG on monday", "CP004518276UG"),
    ],
)
def test_a_postal_tracking_number_is_an_id(deid: Deidentifier, text: str, number: str) -> None:
    assert uncovered_tokens(text, deid.analyze(text), number) == []


@pytest.mark.parametrize(
    "text",
    [
        "AFP 120 and CA 125 of 310, LDH 450 U/L.",
        "Ki-67 40%, ER 8/8, PR 6/8, HER2 1+; T2 N1 M0.",
    ],
)
def test_markers_and_staging_are_no_tracking_number(deid: Deidentifier, text: str) -> None:
    assert deid.analyze(text) == []


def test_the_people_a_mail_header_names() -> None:
    text = "From: Olu Bakare <ob@x.org>\nTo: Linnea\nSubject: slides\n\nLinnea, see below."
    assert {"olu", "bakare", "linnea"} <= header_words(text)
    assert "slides" not in header_words(text)


def test_a_reader_the_header_names_is_called_by_name_however_ordinary_the_word(
    deid: Deidentifier,
) -> None:
    text = (
        "From: Dr Yaw Boadu\nTo: Ernest\nSubject: Fwd: lymphoma case\n\n"
        "Ernest, please put this one on Thursday's list."
    )
    findings = deid.analyze(text)
    # The body's "Ernest", not the header's.
    assert uncovered_tokens(text, findings, "Ernest, please") == ["please"]


def test_an_ordinary_word_opening_a_paragraph_the_header_does_not_name_stays(
    deid: Deidentifier,
) -> None:
    text = "From: Dr Yaw Boadu\nSubject: case\n\nOverall, please note the rising LDH."
    assert touched_tokens(text, deid.analyze(text), "Overall") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ward list\npt: oyelaran, bisi, 58f, ca breast, for chemo", "oyelaran, bisi"),
        ("pt: mcnab, ellie, 71 yo, copd, lung mass", "mcnab, ellie"),
    ],
)
def test_a_patient_family_name_first_in_small_letters_before_the_age(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


def test_states_in_small_letters_before_a_duration_name_nobody() -> None:
    from echo_cases.deid.candidates import patients_before_age

    for text in ("pt: anxious, tearful, 45 y", "pt: afebrile, comfortable, 3 hrs"):
        assert patients_before_age(text, []) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("case for friday\npresenter: nadia quill, RN", "nadia quill"),
        ("attendees:\n- tomas reyes, MD (surgery)\n- gail brook, NP", "tomas reyes"),
        ("attendees:\n- tomas reyes, MD (surgery)\n- gail brook, NP", "gail brook"),
    ],
)
def test_small_letters_before_a_credential_are_a_name(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    "text",
    [
        "pain controlled, RN aware",
        "plan: family meeting, MD",
        "reviewed: chest pain, MD",
        "plan: white count, MD to review",
    ],
)
def test_clinical_words_before_a_credential_are_none(deid: Deidentifier, text: str) -> None:
    from echo_cases.deid.credited_names import names_before_credentials

    assert names_before_credentials(text, []) == []


def test_a_reader_the_header_names_is_called_in_small_letters_too(deid: Deidentifier) -> None:
    text = (
        "from: yaw boadu\nto: rose mensah\nsubject: re: slides\n\n"
        "rose, the blocks went by post today."
    )
    findings = deid.analyze(text)
    assert uncovered_tokens(text, findings, "rose, the") == ["the"]


def test_all_called_at_a_paragraphs_start_is_nobody_though_the_header_names_all(
    deid: Deidentifier,
) -> None:
    text = "From: Ward 4\nTo: All staff\nSubject: rota\n\nAll, please note the new rota."
    assert touched_tokens(text, deid.analyze(text), "All, please") == []


@pytest.mark.parametrize(
    ("text", "writer"),
    [
        ("the scan is booked.\nwarm regards,\nblossom", "blossom"),
        ("ok will do.\nthanks,\nrusty", "rusty"),
    ],
)
def test_ordinary_words_filling_the_line_below_a_closing_are_the_writer(
    deid: Deidentifier, text: str, writer: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), writer) == []


@pytest.mark.parametrize(
    "text", ["regards,\noncology team", "thanks,\nall", "regards,\nfront desk", "thanks,\nstaff"]
)
def test_a_team_or_a_common_word_below_a_closing_is_no_writer(text: str) -> None:
    from echo_cases.deid.candidates import writers_below_a_closing

    assert writers_below_a_closing(text, []) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Hosp no. KBH-2210934 (old card said KBH-2210943, wrong).", "KBH-2210943"),
        ("1) Lwazi, folder GSH 4411028, for RT\n2) Thandi, GSH 4411872, for chemo", "GSH 4411872"),
    ],
)
def test_a_number_of_a_found_record_numbers_format_is_one_too(
    deid: Deidentifier, text: str, number: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), number) == []


def test_a_number_of_another_format_stays(deid: Deidentifier) -> None:
    text = "MRN KBH-2210934. Ki-67 40%, HER-2 negative, CA 15-3 of 88; ECOG 1."
    findings = deid.analyze(text)
    assert touched_tokens(text, findings, "Ki-67 40%, HER-2 negative, CA 15-3 of 88") == []
