"""Classes of identifiers that leaked on text written by others, second pass of session 7:
each closed by a mechanism (a word list as data, a line's shape, a cue), not a format.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.candidates import assigned_names
from tests.deid.helpers import touched_tokens, uncovered_tokens

# --- A weekday written before a date is part of the date ------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("ward round Mon 24/11: bed 3 febrile overnight", "Mon 24/11"),
        ("Próxima teleconsulta lunes 8 de diciembre con la hija.", "lunes 8 de diciembre"),
        ("rendez-vous vendredi 12 mars 2021 au service", "vendredi 12 mars 2021"),
        ("Đã dùng gefitinib từ tháng 3/2024, nay tiến triển.", "tháng 3/2024"),
    ],
)
def test_a_weekday_or_a_month_word_before_a_date_is_redacted_with_it(
    deid: Deidentifier, text: str, date: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), date) == []


def test_a_weekday_without_a_date_after_it_is_kept(deid: Deidentifier) -> None:
    text = "Clinic runs every Monday and the pharmacy closes on sabado afternoons."
    assert touched_tokens(text, deid.analyze(text), "Monday") == []


# --- The person a task line gives the task to ------------------------------------------


def assignees(text: str) -> list[str]:
    return [text[s:e] for s, e in assigned_names(text, [])]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Decision: refer to palliative care. Action: Hollis, Mary-Jo to book an US.",
            "Hollis, Mary-Jo",
        ),
        (
            "DECISION START LETROZOLE. ACTION TOMASZ KERREN DIAZ TO BOOK MRI SPINE",
            "TOMASZ KERREN DIAZ",
        ),
        ("r/o pe vs pneumonia.\nr: ulloa benedikt to review, cxr abg", "ulloa benedikt"),
        ("Action: Patience to book bone scan at the district hospital", "Patience"),
    ],
)
def test_the_assignee_of_a_task_line_is_proposed_as_a_name(text: str, name: str) -> None:
    assert assignees(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Action: Repeat CT to assess response in 3 months.",
        "Action: nursing to review daily weights",
        "Action: pt to return to clinic with results",
        "Plan: Oncology to review after the scan",
    ],
)
def test_a_task_given_to_a_service_or_the_patient_names_nobody(text: str) -> None:
    assert assignees(text) == []


# --- A signature's place line, before a bar and a phone number -------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Regards\nSr Ondaatje, Rehema, DO\nKabwohe | +256 768 000111", "Kabwohe"),
        ("Regards\nCN Ivo Marić NP\nMont-sur-Lac | 022 822 000", "Mont-sur-Lac"),
        (
            "saludos,\ndr ana ruiz\nvilla esperanza dispensary · 07278 100200",
            "villa esperanza dispensary",
        ),
    ],
)
def test_the_place_line_of_a_signature_is_redacted(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), place) == []


def test_a_department_before_a_phone_number_is_kept(deid: Deidentifier) -> None:
    text = "Thanks\nOncology | +256 768 000111"
    assert touched_tokens(text, deid.analyze(text), "Oncology") == []


# --- Initials in small letters after a word that announces a person --------------------


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("5.4   314   0.7\nflagged h: platelets. reviewed by\no.b. on 12-apr-2016.", "o.b"),
        ("anyone know dr. v.k.'s number? need to discuss", "v.k"),
        ("pneumonia.\nr: s.h. to review, cxr, abg", "s.h"),
        ("case 4 - j.w., 105, gleason 7", "j.w"),
    ],
)
def test_initials_after_a_label_or_a_title_are_redacted_in_any_case(
    deid: Deidentifier, text: str, initials: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), initials) == []


def test_shorthand_spelled_like_initials_after_a_label_is_kept(deid: Deidentifier) -> None:
    text = "reviewed by b.i.d. dosing chart, given p.o."
    assert touched_tokens(text, deid.analyze(text), "b.i.d") == []


# --- A day and a month without a year ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("is unfit for work until 4/11.\nSigned: Dr Amani", "4/11"),
        ("REUNIÃO MULTIDISCIPLINAR 1/8\nPaciente: Ilse Brand", "1/8"),
        ("wir berichten über Herrn Zeller, geb. 19.12., wohnhaft in Graz", "19.12"),
        ("[3/4 18h00] Elif: is the clinic open?", "3/4"),
    ],
)
def test_a_day_and_month_where_a_date_is_announced_or_a_time_follows_is_redacted(
    deid: Deidentifier, text: str, date: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), date) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("PS 14/5 10:00 tolerating well", "14/5"),
        ("gcs 3/15 14:00 sedated", "3/15"),
        ("dose reduced until 2.5.5 weeks", "2.5"),
    ],
)
def test_settings_and_scores_before_a_time_are_kept(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


# --- Initials that spell a credential or a time, where they can only be a person --------


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("Post obs stable. Discharged home with tramadol. A. M.", "A. M"),
        ("awaiting abiraterone\ncharge nurse: m. a.", "m. a"),
        ("should we refer?  thanks c.o., msw", "c.o"),
    ],
)
def test_initials_that_spell_a_credential_are_a_person_in_a_field_a_greeting_or_a_sign_off(
    deid: Deidentifier, text: str, initials: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), initials) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [("seen by Dr Ana Lima, M.D. today", "M.D"), ("the dose was given at 8 a.m.", "a.m")],
)
def test_credentials_and_times_spelled_like_initials_are_kept(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


# --- An ID of two letters, three pairs of digits and a letter ---------------------------


@pytest.mark.parametrize(
    "text",
    ["ID NUMBER: LB 99 73 89 T\nDATE OF BIRTH", "prontuário 11   cmnd: yc 52 52 79 d\nendereço"],
)
def test_an_id_shaped_like_a_national_insurance_number_is_redacted_whole(
    deid: Deidentifier, text: str
) -> None:
    value = text.split(": ")[1].split("\n")[0]
    assert uncovered_tokens(text, deid.analyze(text), value) == []


# --- Where a person lives or comes from, in short words of any language ----------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("she resides at ben tre, hue; originally from cai be.", "cai be"),
        ("caso de Trinh Vy (46 años), vecino de Chau Doc, con septic shock", "Chau Doc"),
        (
            "states he is homeless, usually stays at shelter on Pine Street. sw aware.",
            "Pine Street",
        ),
    ],
)
def test_a_home_in_short_common_words_after_a_cue_is_redacted(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), place) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [("he comes from work.", "work"), ("she is originally from the north.", "north")],
)
def test_a_cue_before_ordinary_words_names_no_place(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


# --- A bracketed list of people, one of them found -------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "APACHE II 22. Panel (Della Hoey; Sheree McAllister) recommends fentanyl.",
            "Sheree McAllister",
        ),
        ("morse 45. panel (hazel green; jock c. currie)  recommends apixaban.", "hazel green"),
        ("ECOG 1. Panel (Enough Forest; Admire) recommends Keytruda.", "Admire"),
    ],
)
def test_the_other_people_of_a_bracketed_list_with_a_name_in_it_are_redacted(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


def test_services_in_a_bracketed_list_with_a_name_are_kept(deid: Deidentifier) -> None:
    text = "Discussed (Dr Obi; oncology; radiology) and agreed on chemoradiation."
    assert touched_tokens(text, deid.analyze(text), "oncology; radiology") == []


# --- A patient named in small letters between "pt" and the age --------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "[14/02/25, 10:42] Dr Ada: abeg, my pt blessing okafor 34yrs cervical ca",
            "blessing okafor",
        ),
        ("paciente ana ruiz, 61 anos, ca mama em tratamento", "ana ruiz"),
    ],
)
def test_a_patient_named_in_small_letters_before_the_age_is_redacted(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    "text", ["pt stable 3 days post op", "pt tolerated 2 cycles, no fever", "pt on day 5 of abx"]
)
def test_what_a_patient_is_or_does_before_a_number_is_kept(deid: Deidentifier, text: str) -> None:
    assert touched_tokens(text, deid.analyze(text), text.split()[1]) == []


# --- A given name written short before a name ------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Sub: Referral of Md. Tarek Hossain, 6 yrs, s/o Md. Nurul Alam\nDear Sir,",
            "Md. Nurul Alam",
        ),
        ("Mohd Faizal bin Ahmad, 45, referred for a biopsy", "Mohd Faizal"),
    ],
)
def test_a_short_given_name_before_a_name_is_redacted_with_it(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


def test_a_credential_after_a_name_is_no_given_name(deid: Deidentifier) -> None:
    text = "Reviewed with the consultant MD. Plan unchanged."
    assert touched_tokens(text, deid.analyze(text), "MD") == []
