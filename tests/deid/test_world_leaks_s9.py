"""Leaks in notes from other countries and in small letters, round 2 (issue 11, session 9,
helper "leaks10"). Examples written for these tests, not taken from a corpus."""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier

from .helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("phone f/u 3/11 - pt tran van long 70 y, ca phoi, o nha.", "tran van long"),
        ("called pt le thi mai today, she has pain 6/10.", "le thi mai"),
        ("bs lê văn hải cho morphin 10mg uống.", "lê văn hải"),
        ("BN NGUYEN THI HOA, 62T, UNG THU GAN.", "NGUYEN THI HOA"),
        ("seen by Dr Đỗ Văn Minh Tuấn in clinic.", "Đỗ Văn Minh Tuấn"),
        ("husband do van hung brings her every week.", "do van hung"),
    ],
)
def test_a_vietnamese_full_name_is_a_person_in_any_case_with_or_without_accents(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("la famille attend, le van est garé devant la porte.", "le van est"),
        ("usne dawai le thi kal, ab dard kam.", "le thi kal"),
    ],
)
def test_a_family_name_and_van_or_thi_before_a_word_no_vietnamese_bears_are_no_name(
    deid: Deidentifier, text: str, words: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), words) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("12/11/24, 10:42 - Amaka: Chukwuemeka 67 psa 212", "Chukwuemeka"),
        ("[02.04.25, 13:05] Tunde: Wanjiru 54 ca cx stage 3", "Wanjiru"),
        ("3/9/2025, 8:15 pm - Sr Joy: Grace 45 f with breast lump", "Grace"),
    ],
)
def test_a_name_before_a_bare_age_opening_a_chat_message_is_the_patients(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("12/11/24, 10:44 - Amaka: Bed 12 is free now", "Bed 12"),
        ("12/11/24, 10:44 - Amaka: Day 3 of chemo today", "Day 3"),
        ("12/11/24, 10:44 - Amaka: Friday 10 am ok", "Friday 10"),
    ],
)
def test_a_known_word_before_a_number_opening_a_chat_message_is_what_it_counts(
    deid: Deidentifier, text: str, words: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), words) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("pt akello 36 cx ca finished 25 fractions at uci now bleeding again", "uci"),
        ("seen at kch last week, for review at kch oncology", "kch"),
        ("PT FOLLOWED UP AT MTRH LAST MONTH, NOW ON TAMOXIFEN", "MTRH"),
        ("They live in Kasangati. Asked them to come to UCI on Monday.", "UCI"),
    ],
)
def test_a_facilitys_short_form_after_at_or_come_to_is_a_place(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), place) == []


def test_services_in_capitals_after_at_or_to_are_no_place(deid: Deidentifier) -> None:
    text = "Seen at MDT, then at ECHO session; referred to ENT and sent to OPD, back to ICU."
    assert touched_tokens(text, deid.analyze(text), text) == []


def test_wards_services_and_ordinary_words_after_at_are_no_place(deid: Deidentifier) -> None:
    text = "seen at opd, then at icu and at hdu overnight; at rest at home at noon, at least"
    needle = "opd, then at icu and at hdu overnight; at rest at home at noon, at least"
    assert touched_tokens(text, deid.analyze(text), needle) == []


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("pt was originally at mercy hospital in iowa city.", "mercy hospital"),
        ("opd note, oncology, cho ray hospital, hcmc 09-oct-2025.", "cho ray hospital"),
        ("to: dr l. mwangi, moi teaching and referral hospital, eldoret.", "moi teaching"),
        ("TELE-ONCO CONSULT, SOUTHERN PHILIPPINES MEDICAL CENTER, DAVAO", "SOUTHERN"),
    ],
)
def test_a_facility_named_by_ordinary_words_in_one_case_is_a_place(
    deid: Deidentifier, text: str, facility: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), facility) == []


def test_a_facility_told_only_by_its_kind_is_no_place(deid: Deidentifier) -> None:
    text = (
        "seen at the district hospital, then at county hospital, then transferred to eye hospital"
    )
    assert touched_tokens(text, deid.analyze(text), text) == []


@pytest.mark.parametrize(
    "text",
    [
        "pt seen by dr. sri wahyuni, sp.pd at the internal medicine clinic",
        "PT SEEN BY DR. SRI WAHYUNI, SP.PD AT THE INTERNAL MEDICINE CLINIC",
    ],
)
def test_a_title_that_is_a_given_name_after_another_title_is_the_persons(
    deid: Deidentifier, text: str
) -> None:
    name = text[text.lower().index("sri") :][: len("sri wahyuni")]
    assert uncovered_tokens(text, deid.analyze(text), name) == []
