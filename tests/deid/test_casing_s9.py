"""The same text in any casing: hubs receive phone-typed small letters and ALL-CAPS ward
and EHR text, and where the text gives the evidence the decision must not hang on its
capitals (session 9, helper "casefold9"). Examples written for these tests.

The model's own judgements are given as a Doc with entities set by hand
(``model_finds``), so that each convention holds whatever the weights are.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.evaluation import case_variant
from tests.deid.test_icu_model_conventions import model_finds
from tests.deid.test_icu_values import found


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("MS. OKOYE LIVES AT 14 BAOBAB CLOSE, KATYSIDE, ARKANSAS 72201. CALL HER SON.", "ARKANSAS"),
        ("mr banda lives at 22 church road, bettiah, montana 59601. wife at bedside", "montana"),
    ],
)
def test_a_state_before_its_postcode_is_kept_in_a_line_of_one_case(
    deid: Deidentifier, text: str, region: str
) -> None:
    redacted = found(deid, text)
    assert not any(region in value for value in redacted), redacted


def test_the_postcode_after_a_state_written_in_one_case_is_still_redacted(
    deid: Deidentifier,
) -> None:
    text = "MS. OKOYE LIVES AT 14 BAOBAB CLOSE, KATYSIDE, ARKANSAS 72201. CALL HER SON."
    assert "72201" in found(deid, text)


def test_lives_at_a_house_number_in_capitals_is_no_labelled_identifier(
    deid: Deidentifier,
) -> None:
    text = "MRS. RIVAS LIVES AT 203 COLLINS STREET APT. 39, SOUTH EILEENSTAD."
    assert not any(value.startswith("AT") for value in found(deid, text))


def test_a_relatives_name_in_capitals_ends_before_the_verb_that_follows_it(
    deid: Deidentifier,
) -> None:
    assert "ISABELA" in found(deid, "HER SON ISABELA BRINGS HER TO VISITS.")


def test_a_surname_particle_in_capitals_stays_in_the_name(deid: Deidentifier) -> None:
    text = "PATIENT: JAGVI DE  DOB: 8/28/52. MS. DE LIVES ALONE."
    assert "DE" in found(deid, text)


def test_a_month_before_a_day_and_year_is_no_name_before_an_age(deid: Deidentifier) -> None:
    text = "BIOPSY ACCESSION S25-8312 READ ON JANUARY 15, 2022. PLAN: CHEMO."
    assert not any("ON JANUARY" in value for value in found(deid, text))


@pytest.mark.parametrize(
    "text",
    [
        "HISTORY IS NOTABLE FOR LYNCH SYNDROME DIAGNOSED IN 2021.",
        "MEDICATIONS INCLUDE MORPHINE SR AND NICOTINE PATCH 21 MG.",
    ],
)
def test_a_word_in_ward_capitals_is_no_facility_for_ending_in_ch(
    deid: Deidentifier, text: str
) -> None:
    assert found(deid, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("plan discussed with mary and family.", "mary"),
        ("PLAN DISCUSSED WITH MARY AND FAMILY.", "MARY"),
        ("spoke with grace re: discharge, she agrees", "grace"),
    ],
)
def test_a_name_after_a_verb_and_its_preposition_is_found_in_any_case(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert name in found(deid, text)


def test_a_very_common_word_after_a_verb_and_its_preposition_is_no_name(
    deid: Deidentifier,
) -> None:
    assert found(deid, "plan discussed with oncology and family, will review") == []


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("PT'S WIFE KEIKO WANTS TO KNOW IF SURGERY CAN BE DONE.", "KEIKO WANTS", "KEIKO"),
        ("her son isabela brings her to visits.", "isabela brings", "isabela"),
        ("SOCIAL: BROTHER JEAN-PIERRE CALLED, UPDATED.", "JEAN-PIERRE", "JEAN-PIERRE"),
    ],
)
def test_a_name_the_model_finds_in_one_case_keeps_its_name_and_loses_its_verb(
    text: str, value: str, name: str
) -> None:
    assert model_finds(text, value, "PERSON") == [name]


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("NEURO: A+OX3, ANXIOUS. CIWA 10-14.", "ANXIOUS", "PERSON"),
        ("history is notable for lynch syndrome.", "notable", "PERSON"),
        ("her son brings her to visits.", "visits", "LOCATION"),
        ("CHF EF 25%, ADMITTED W/ ADHF.", "ADHF", "PERSON"),
    ],
)
def test_a_frequent_word_or_short_form_in_one_case_is_no_name_or_place(
    text: str, value: str, label: str
) -> None:
    assert model_finds(text, value, label) == []


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("flight home to london on friday, pt anxious", "london", "LOCATION"),
        ("DTR GRACE AT BEDSIDE, UPDATED.", "GRACE", "PERSON"),
        ("line pulled by jen (cath lab rn).", "jen", "PERSON"),
    ],
)
def test_a_town_or_a_name_in_one_case_is_still_found(text: str, value: str, label: str) -> None:
    assert model_finds(text, value, label) == [value]


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("send letters to\n3369 24 clarke avenue, pines beach, new zealand", "24 clarke avenue"),
        ("PT RESIDES 12 KENYATTA RD, NYERI. WIFE AT BEDSIDE.", "12 KENYATTA RD"),
        ("address on file: 88 kiannon lane suite 464, oulu", "suite 464"),
    ],
)
def test_a_street_or_a_dwelling_unit_is_found_in_a_line_of_one_case(
    deid: Deidentifier, text: str, street: str
) -> None:
    assert any(street in value for value in found(deid, text))


def test_a_number_and_ward_words_in_one_case_are_no_street(deid: Deidentifier) -> None:
    text = "PT UP TO CHAIR X2. WALKED 20 FEET DOWN HALL TO NURSES STATION, TOLERATED WELL."
    assert not any("20" in value for value in found(deid, text))


def test_a_corpus_in_one_casing_keeps_its_spans_and_drops_what_it_cannot_align() -> None:
    docs = [
        {"id": "a", "text": "Grace Okafor, Nyeri", "spans": [{"start": 0, "end": 12}]},
        {"id": "b", "text": "Straße 4, Wien", "spans": []},
    ]
    upper = case_variant(docs, "upper")
    assert [(d["id"], d["text"], d["spans"]) for d in upper] == [
        ("a:upper", "GRACE OKAFOR, NYERI", [{"start": 0, "end": 12}])
    ]


def test_capitals_then_a_long_number_are_a_records_number_not_shorthand(
    deid: Deidentifier,
) -> None:
    # "CA-125", "PD-L1" are markers; "ЛВ-44817" after a field label is a chart number.
    text = "Дата рождения: 05.07.1983   Номер карты: ЛВ-44817\nАдрес: вул. Городоцька 172"  # noqa: RUF001
    assert any("44817" in value for value in found(deid, text))


def test_a_frequent_word_before_a_verb_in_capitals_stays_a_word(deid: Deidentifier) -> None:
    # Trimming "APPLIED" leaves "FOAM", which is nobody's name in any casing.
    text = "SKIN BREAKDOWN AT BRIDGE OF NOSE, FOAM APPLIED. REPEAT ABG AT 0400."
    assert not any(value in {"FOAM", "NOSE"} for value in found(deid, text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("MS. JONES FLEW IN FROM DENVER TO SEE HER MOTHER.", "JONES"),
        ("SPOKE WITH MR. AUSTIN RE: PLAN OF CARE.", "AUSTIN"),
    ],
)
def test_a_surname_that_is_also_an_eponym_is_a_name_after_a_title_in_capitals(
    deid: Deidentifier, text: str, name: str
) -> None:
    # "Jones criteria" and "Austin Flint" make both words clinical; after "MS." or before
    # a verb only a person does, the model's name stays one ("FOLEY PLACED" does not).
    assert name in found(deid, text)


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("Adress: Drottninggatan 12, SE-114 51 Stockholm.", "SE-114"),
        ("Adresse: Hauptstrasse 5, CH-801 Zürich (alte Nummer).", "CH-801"),
    ],
)
def test_a_country_letter_code_before_a_postcode_is_no_clinical_shorthand(
    deid: Deidentifier, text: str, postcode: str
) -> None:
    # "PD-L1" and "B-cell" are markers; capitals, a hyphen and a bare number are the
    # postcode written with its country, as older European addresses do.
    assert any(postcode in value for value in found(deid, text))
