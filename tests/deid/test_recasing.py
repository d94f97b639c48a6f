"""The learned models read a text in capitals recased (echo_cases/deid/recasing.py).

- A text all in capitals is given to the models as a writer of mixed case would have
  written it: English and clinical words in small letters, clinical acronyms in capitals,
  names, places and words nobody lists capitalised, the first word of a sentence
  capitalised. Words with digits stay as written.
- Only the models' input changes: the recased text has the same length and each character
  is the original's in another case, so the models' Doc has the original's character
  offsets and every finding is a span of the original text. A letter whose other case has
  another length ("İ") keeps its case.
- A text in mixed case or in small letters is read as written; so is a line of a text in
  capitals that is not English (the models read prose of another language worst in mixed
  case).
- End to end: a name in a note in capitals is found; clinical words in capitals are not.
- Off by default (measured: more found on 48 copies, recall lost on 11, more false alarms
  on ward notes); the setting ECHO_DEID_RECASE=on turns it on.

Examples written for these tests: every name, number and sentence here is invented.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.nlp import Annotator
from echo_cases.deid.recasing import (
    LOWER,
    SETTING,
    TITLE,
    UPPER,
    form_of,
    recased,
    recasing_of_setting,
)


@pytest.fixture(scope="module")
def recasing_deid() -> Iterator[Deidentifier]:
    """A de-identifier whose models read text in capitals recased (the setting on)."""
    before = os.environ.get(SETTING)
    os.environ[SETTING] = "on"
    try:
        yield Deidentifier()
    finally:
        if before is None:
            del os.environ[SETTING]
        else:
            os.environ[SETTING] = before


_NOTE = (
    "PT GRACE WANJIRU C/O FEVER AND CHILLS. SEEN BY DR. OKAFOR AT KENYATTA NATIONAL "
    "HOSPITAL, NAIROBI ON 12/03. DOESN'T TOLERATE PO. FOLEY IN PLACE, CXR SHOWS RLL "
    "INFILTRATE. MRN 4471902."
)


def test_a_text_in_capitals_is_recased_as_a_writer_of_mixed_case_writes() -> None:
    assert recased(_NOTE) == (
        "Pt Grace Wanjiru c/o fever and chills. Seen by Dr. Okafor at Kenyatta National "
        "Hospital, Nairobi on 12/03. Doesn't tolerate PO. Foley in place, CXR shows RLL "
        "infiltrate. MRN 4471902."
    )


@pytest.mark.parametrize(
    ("word", "form"),
    [
        ("fever", LOWER),  # clinical vocabulary
        ("the", LOWER),  # a word of every sentence
        ("will", LOWER),  # very common English, though somebody's name too
        ("cxr", UPPER),  # an abbreviation without a vowel
        ("copd", UPPER),  # a clinical acronym
        ("all", LOWER),  # an acronym that is mostly a word of every sentence
        ("grace", TITLE),  # a given name
        ("okafor", TITLE),  # a surname nobody writes as a word
        ("nairobi", TITLE),  # a town
        ("kenyan", TITLE),  # a people
        ("zqwertyx", TITLE),  # a word nobody lists
    ],
)
def test_each_word_takes_the_form_mixed_case_gives_it(word: str, form: str) -> None:
    assert form_of(word) == form


def test_a_place_word_beside_a_name_is_capitalised_with_it() -> None:
    assert recased("PT TRANSFERRED AT 0800 WITH WIFE FROM KENYATTA NATIONAL HOSPITAL WARD") == (
        "Pt transferred at 0800 with wife from Kenyatta National Hospital ward"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Pt Grace Wanjiru c/o fever, seen by Dr. Okafor.",  # mixed case
        "pt grace wanjiru c/o fever, seen by dr okafor",  # small letters
        "BP 120/80",  # too few capitals to say how its writer writes
        "",
    ],
)
def test_any_other_text_is_read_as_written(text: str) -> None:
    assert recased(text) == text


def test_a_line_in_another_language_stays_in_capitals() -> None:
    text = "ELLE RESTE CHEZ SON FILS PENDANT LA RADIO AU CHU\nMOTHER GRACE TO CALL TONIGHT"
    assert recased(text) == (
        "ELLE RESTE CHEZ SON FILS PENDANT LA RADIO AU CHU\nMother Grace to call tonight"
    )


def test_a_letter_whose_other_case_is_longer_keeps_its_case() -> None:
    text = "SEEN IN İSTANBUL BY THE TEAM ON SUNDAY"
    new = recased(text)
    assert len(new) == len(text)
    assert "İstanbul" in new


@pytest.mark.parametrize(
    "text",
    [
        _NOTE,
        "DON'T CALL O'BRIEN'S DAUGHTER-IN-LAW BEFORE 0800.\nPATIENT'S WIFE AWARE.",
        "NEURO: A+OX3, MAE.\n\n  CV: HR 70S NSR -> K 3.6 (40 MEQ KCL PO)\tRESP: LS CLEAR",
        "PATIENT SEEN IN İSTANBUL BY DR. ŞAHİN, WHO WILL CALL WIFE WITH RESULTS TOMORROW",
    ],
)
def test_the_recased_text_is_the_original_character_for_character(text: str) -> None:
    new = recased(text)
    assert len(new) == len(text)
    assert all(a == b or a.lower() == b.lower() for a, b in zip(text, new, strict=True))
    assert new != text


def test_the_models_read_the_recased_text_at_the_original_offsets(deid: Deidentifier) -> None:
    annotator = Annotator(deid.nlp_engine.nlp["en"], recased)
    doc = annotator.make_doc(_NOTE)
    assert doc.text == recased(_NOTE)
    for token in doc:
        assert _NOTE[token.idx : token.idx + len(token)].lower() == token.text.lower()
    assert Annotator(deid.nlp_engine.nlp["en"]).make_doc(_NOTE).text == _NOTE


def test_it_is_off_unless_the_setting_says_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SETTING, raising=False)
    assert recasing_of_setting() is None
    monkeypatch.setenv(SETTING, "on")
    assert recasing_of_setting() is recased
    monkeypatch.setenv(SETTING, "off")
    assert recasing_of_setting() is None


def _found(deid: Deidentifier, text: str) -> list[str]:
    return [text[f.start : f.end] for f in deid.analyze(text)]


def test_a_name_in_a_note_in_capitals_is_found(recasing_deid: Deidentifier) -> None:
    found = _found(recasing_deid, _NOTE)
    assert any("GRACE WANJIRU" in f for f in found)
    assert any("OKAFOR" in f for f in found)


def test_clinical_words_in_capitals_survive(recasing_deid: Deidentifier) -> None:
    found = " ".join(_found(recasing_deid, _NOTE))
    for word in ("FEVER", "CHILLS", "FOLEY", "CXR", "RLL", "INFILTRATE", "TOLERATE"):
        assert word not in found


def test_findings_in_capitals_are_spans_of_the_original_text(
    recasing_deid: Deidentifier,
) -> None:
    assert recasing_deid._annotator.make_doc(_NOTE).text == recased(_NOTE)
    for finding in recasing_deid.analyze(_NOTE):
        assert 0 <= finding.start < finding.end <= len(_NOTE)
        assert _NOTE[finding.start : finding.end].strip()
