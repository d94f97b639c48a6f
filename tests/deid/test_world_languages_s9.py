"""Notes that switch into Vietnamese, Hindustani and Amharic, and local brands and calendars
(session 9; examples written for these tests, not taken from a corpus)."""

from __future__ import annotations

from echo_cases.deid import Deidentifier

from .helpers import touched_tokens, uncovered_tokens

VIETNAMESE_NOTE = (
    "phiếu theo dõi khoa nội, bn Phạm Thị Lựu 58t, ung thư vú đã mổ. hôm nay than mệt mỏi, "
    "ăn kém, đau lưng nhiều về đêm, uống thuốc giảm đau không đỡ. chồng là ông Đỗ Văn Khải "
    "chăm sóc, sđt 0987 301 552."
)
HINDUSTANI_NOTE = (
    "spoke to daughter on phone: papa ko raat bhar dard rehta hai, bhook bilkul nahi lagti, "
    "tramadol se thoda aaram. patient Gurpreet Singh to come for review."
)
AMHARIC_NOTE = (
    "follow up call: she says dehna neger alle but betam yamegnal at night. "
    "husband Ato Bekalu will bring her."
)


def test_a_vietnamese_nurses_account_of_pain_and_appetite_is_not_a_name(
    deid: Deidentifier,
) -> None:
    needle = "than mệt mỏi, ăn kém, đau lưng nhiều về đêm, uống thuốc giảm đau không đỡ"
    assert touched_tokens(VIETNAMESE_NOTE, deid.analyze(VIETNAMESE_NOTE), needle) == []


def test_names_in_a_vietnamese_note_are_still_found(deid: Deidentifier) -> None:
    findings = deid.analyze(VIETNAMESE_NOTE)
    missed = uncovered_tokens(VIETNAMESE_NOTE, findings, "Phạm Thị Lựu")
    missed += uncovered_tokens(VIETNAMESE_NOTE, findings, "Văn Khải")
    assert missed == []


def test_a_vietnamese_hospital_keeps_its_head_word(deid: Deidentifier) -> None:
    text = "bn được chuyển từ bệnh viện đa khoa tỉnh quảng trị, ăn kém, mệt nhiều, đau bụng."
    hospital = "bệnh viện đa khoa tỉnh quảng trị"
    assert "bệnh" not in uncovered_tokens(text, deid.analyze(text), hospital)


def test_hindustani_talk_of_pain_and_hunger_is_not_a_name(deid: Deidentifier) -> None:
    needle = "raat bhar dard rehta hai, bhook bilkul nahi lagti"
    assert touched_tokens(HINDUSTANI_NOTE, deid.analyze(HINDUSTANI_NOTE), needle) == []


def test_amharic_talk_is_not_a_name_and_ato_is_a_title(deid: Deidentifier) -> None:
    findings = deid.analyze(AMHARIC_NOTE)
    talk = touched_tokens(AMHARIC_NOTE, findings, "dehna neger alle but betam yamegnal")
    title = touched_tokens(AMHARIC_NOTE, findings, "Ato")
    name = uncovered_tokens(AMHARIC_NOTE, findings, "Bekalu")
    assert (talk, title, name) == ([], [], [])


def test_a_date_of_the_ethiopian_calendar_is_a_date(deid: Deidentifier) -> None:
    text = "Seen in oncology OPD on Hidar 9, 2017 E.C., started tamoxifen."
    assert uncovered_tokens(text, deid.analyze(text), "Hidar 9") == []


def test_a_philippine_or_brazilian_pharmacy_brand_is_not_a_name(deid: Deidentifier) -> None:
    text = "Fever since yesterday, gave Neozep at home; later Dorflex for the myalgia."
    assert touched_tokens(text, deid.analyze(text), "Neozep at home; later Dorflex") == []


def test_a_community_health_volunteer_named_in_small_letters_is_found(
    deid: Deidentifier,
) -> None:
    text = (
        "saw mzee at home with chv awino. ca oesophagus, cant swallow uji now. "
        "wife says anakohoa usiku."
    )
    assert uncovered_tokens(text, deid.analyze(text), "awino") == []


def test_the_village_in_small_letters_is_where_the_patient_lives_not_a_town(
    deid: Deidentifier,
) -> None:
    text = "home visit: he stays in the village with his daughter, pain 6/10."
    assert touched_tokens(text, deid.analyze(text), "the village") == []


def test_didi_before_a_name_is_a_sister_not_part_of_the_name(deid: Deidentifier) -> None:
    text = "didi kavita (anm) gave the iron tabs, pt weak, khana nahi kha rahi"
    findings = deid.analyze(text)
    assert (touched_tokens(text, findings, "didi"), uncovered_tokens(text, findings, "kavita")) == (
        [],
        [],
    )


def test_a_course_of_days_after_a_dosing_frequency_is_not_a_date(deid: Deidentifier) -> None:
    text = "amoxicillin 500mg tds for 5/7, then review in clinic."
    assert touched_tokens(text, deid.analyze(text), "5/7") == []


def test_a_mexican_social_security_unit_is_its_kind_and_number(deid: Deidentifier) -> None:
    text = "Referida de la UMF No. 24 al HGR #2 para quimioterapia; Hb 10.2."
    findings = deid.analyze(text)
    assert (
        uncovered_tokens(text, findings, "UMF No. 24") + uncovered_tokens(text, findings, "HGR #2")
        == []
    )


def test_a_kind_of_unit_without_its_number_names_no_place(deid: Deidentifier) -> None:
    text = "Pendiente cita en HGZ por oncología, Hb 10.2."
    assert touched_tokens(text, deid.analyze(text), "HGZ") == []


def test_a_navajo_kinship_word_before_a_name_is_not_part_of_it(deid: Deidentifier) -> None:
    text = "CHR visit: shimá sání Ella Tsinnijinnie (pt's grandma) gives his meds at the homesite."
    findings = deid.analyze(text)
    kin = touched_tokens(text, findings, "shimá sání")
    assert (kin, uncovered_tokens(text, findings, "Ella Tsinnijinnie")) == ([], [])
