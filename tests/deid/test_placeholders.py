"""Placeholders: one kind per value within a case, numbered per kind without gaps.

What the hub reads must tell one person, place or number from another, and the
clinician's decision table must call each finding what its placeholder calls it.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier, EntityType, Finding, redact_fields
from echo_cases.deid.kinds import KINDS, kind_of, kind_word, settle_kinds


def _at(text: str, words: str, kind: str, score: float = 0.9, nth: int = 0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Finding(start, start + len(words), KINDS[kind], score, subtype=kind)


def test_a_village_found_as_a_place_and_as_a_name_is_one_place_everywhere() -> None:
    fields = {"history": "She lives in Kasese.", "plan": "Buy it at the Kasese market."}
    findings = {
        "history": [_at(fields["history"], "Kasese", "ADDRESS", 0.9)],
        "plan": [_at(fields["plan"], "Kasese", "PERSON", 0.6)],
    }
    result = redact_fields(fields, findings, case_key=b"k")
    assert result.fields == {
        "history": "She lives in [ADDRESS 1].",
        "plan": "Buy it at the [ADDRESS 1] market.",
    }
    assert {r.entity_type for r in result.replacements} == {EntityType.LOCATION}


def test_of_two_kinds_for_one_value_the_more_confident_wins_whatever_comes_first() -> None:
    fields = {"a": "Met Kasese.", "b": "Lives in Kasese."}
    findings = {
        "a": [_at(fields["a"], "Kasese", "PERSON", 0.5)],
        "b": [_at(fields["b"], "Kasese", "CITY", 0.95)],
    }
    assert redact_fields(fields, findings, case_key=b"k").fields["a"] == "Met [CITY 1]."


def test_the_same_value_in_other_capitals_is_the_same_value() -> None:
    text = "KASESE clinic, then Kasese again."
    findings = {"t": [_at(text, "KASESE", "CITY"), _at(text, "Kasese", "FACILITY", 0.5)]}
    assert redact_fields({"t": text}, findings, case_key=b"k").fields["t"] == (
        "[CITY 1] clinic, then [CITY 1] again."
    )


def test_each_kind_counts_from_one_without_gaps() -> None:
    text = "Ana Silva came with her son Rui Silva; Dr Bo Chen saw them."
    findings = {
        "t": [
            _at(text, "Ana Silva", "PATIENT"),
            _at(text, "Rui Silva", "RELATIVE"),
            _at(text, "Bo Chen", "CLINICIAN"),
        ]
    }
    assert redact_fields({"t": text}, findings, case_key=b"k").fields["t"] == (
        "[PATIENT 1] came with her son [RELATIVE 1]; Dr [CLINICIAN 1] saw them."
    )


def test_numbers_follow_the_order_values_first_appear_across_the_fields() -> None:
    fields = {"title": "Kisumu then Eldoret", "history": "Eldoret, Nakuru, Kisumu."}
    findings = {
        name: [_at(text, w, "CITY") for w in ("Kisumu", "Eldoret", "Nakuru") if w in text]
        for name, text in fields.items()
    }
    result = redact_fields(fields, findings, case_key=b"k")
    assert result.fields == {
        "title": "[CITY 1] then [CITY 2]",
        "history": "[CITY 2], [CITY 3], [CITY 1].",
    }


def test_a_first_name_written_before_the_full_name_is_the_same_person() -> None:
    fields = {"title": "Ana's cough", "history": "Ana Silva, 34, and Ana again."}
    findings = {
        "title": [_at(fields["title"], "Ana", "PATIENT")],
        "history": [
            _at(fields["history"], "Ana Silva", "PATIENT"),
            _at(fields["history"], "Ana", "PATIENT", nth=1),
        ],
    }
    result = redact_fields(fields, findings, case_key=b"k")
    assert result.fields == {
        "title": "[PATIENT 1]'s cough",
        "history": "[PATIENT 1], 34, and [PATIENT 1] again.",
    }


def test_a_name_part_found_as_another_kind_follows_its_full_name() -> None:
    text = "Grace Atieno came; Grace is tired."
    findings = {
        "t": [_at(text, "Grace Atieno", "PATIENT"), _at(text, "Grace", "PERSON", 0.95, nth=1)]
    }
    settled = settle_kinds({"t": text}, findings)
    assert [kind_of(f) for f in settled["t"]] == ["PATIENT", "PATIENT"]
    assert redact_fields({"t": text}, findings, case_key=b"k").fields["t"] == (
        "[PATIENT 1] came; [PATIENT 1] is tired."
    )


def test_the_clinicians_kind_applies_to_every_occurrence_of_the_value() -> None:
    fields = {"a": "She lives in Kasese.", "b": "Kasese market."}
    findings = {
        "a": [_at(fields["a"], "Kasese", "ADDRESS")],
        "b": [_at(fields["b"], "Kasese", "PERSON")],
    }
    result = redact_fields(fields, findings, case_key=b"k", kinds={"kasese": "CITY"})
    assert result.fields == {"a": "She lives in [CITY 1].", "b": "[CITY 1] market."}


def test_a_kind_chosen_for_a_full_name_carries_to_its_parts() -> None:
    text = "Rui Silva brought her; Rui stayed."
    findings = {"t": [_at(text, "Rui Silva", "PATIENT"), _at(text, "Rui", "PATIENT", nth=1)]}
    result = redact_fields({"t": text}, findings, case_key=b"k", kinds={"Rui Silva": "RELATIVE"})
    assert result.fields["t"] == "[RELATIVE 1] brought her; [RELATIVE 1] stayed."


@pytest.mark.parametrize("style", ["tags", "realistic"])
def test_other_is_a_kind_of_its_own_with_its_own_numbers(style: str) -> None:
    text = "Ask the Mothers' Union at St Kizito."
    findings = {"t": [_at(text, "Mothers' Union", "EMPLOYER"), _at(text, "St Kizito", "FACILITY")]}
    result = redact_fields(
        {"t": text}, findings, case_key=b"k", style=style, kinds={"Mothers' Union": "OTHER"}
    )
    assert result.fields["t"].startswith("Ask the [OTHER 1] at ")
    assert result.replacements[0].entity_type is EntityType.OTHER


def test_a_kind_nobody_knows_is_ignored_rather_than_guessed() -> None:
    text = "Lives in Kasese."
    findings = {"t": [_at(text, "Kasese", "CITY")]}
    result = redact_fields({"t": text}, findings, case_key=b"k", kinds={"kasese": "PLANET"})
    assert result.fields["t"] == "Lives in [CITY 1]."


def test_the_table_word_for_a_kind_is_the_placeholders_word() -> None:
    for kind in KINDS:
        assert kind_word(kind).upper().replace(" ", "_") == kind
    assert kind_word("PATIENT") == "patient"
    assert kind_word("MRN") == "MRN"


def test_settling_twice_changes_nothing() -> None:
    fields = {"a": "Kasese and Ana Silva", "b": "Ana at Kasese"}
    findings = {
        "a": [_at(fields["a"], "Kasese", "CITY"), _at(fields["a"], "Ana Silva", "PATIENT")],
        "b": [
            _at(fields["b"], "Ana", "RELATIVE", 0.99),
            _at(fields["b"], "Kasese", "PERSON", 0.99),
        ],
    }
    once = settle_kinds(fields, findings)
    assert settle_kinds(fields, once) == once
    assert [kind_of(f) for f in once["b"]] == ["PATIENT", "PERSON"]


@pytest.mark.parametrize("style", ["tags", "realistic"])
def test_a_name_called_other_takes_its_parts_with_it(style: str) -> None:
    text = "Mary Achterberg brings her; call Mary."
    findings = {
        "t": [_at(text, "Mary Achterberg", "RELATIVE"), _at(text, "Mary", "RELATIVE", 0.8, nth=1)]
    }
    result = redact_fields(
        {"t": text}, findings, case_key=b"k", style=style, kinds={"Mary Achterberg": "OTHER"}
    )
    assert result.fields["t"] == "[OTHER 1] brings her; call [OTHER 1]."


def test_an_employer_found_also_as_a_town_is_called_an_employer(deid: Deidentifier) -> None:
    fields = {"history": "She works at Mumias Sugar Company and lives in Kisumu."}
    result = redact_fields(fields, deid.analyze_fields(fields), case_key=b"k")
    assert result.fields["history"].startswith("She works at [EMPLOYER 1] and lives in [")
    assert "[CITY" not in result.fields["history"].split(" and ")[0]


@pytest.mark.parametrize("where", ["CITY", "ADDRESS", "LOCATION"])
def test_of_two_kinds_equally_sure_what_a_place_is_wins_over_where_it_is(where: str) -> None:
    fields = {"a": "Works at Acme Foods.", "b": "Paid by Acme Foods."}
    findings = {
        "a": [_at(fields["a"], "Acme Foods", where)],
        "b": [_at(fields["b"], "Acme Foods", "EMPLOYER")],
    }
    assert redact_fields(fields, findings, case_key=b"k").fields == {
        "a": "Works at [EMPLOYER 1].",
        "b": "Paid by [EMPLOYER 1].",
    }


def test_values_numbered_before_keep_their_numbers_and_new_ones_take_a_free_one() -> None:
    text = "Ana Silva came with Rui Costa and Eva Lima."
    findings = {
        "h": [
            _at(text, "Ana Silva", "PATIENT"),
            _at(text, "Rui Costa", "RELATIVE"),
            _at(text, "Eva Lima", "RELATIVE"),
        ]
    }
    before = {
        "Ana Silva": "[PATIENT 1]",
        "EVA LIMA": "[RELATIVE 1]",
        "Tom Reis": "[RELATIVE 2]",
    }  # no longer in the text: its number stays unused
    result = redact_fields({"h": text}, findings, case_key=b"k", numbered=before)
    assert result.fields["h"] == "[PATIENT 1] came with [RELATIVE 3] and [RELATIVE 1]."


def test_a_number_held_before_under_another_kind_is_not_reused_for_it() -> None:
    text = "Ana Silva came."
    findings = {"h": [_at(text, "Ana Silva", "PATIENT")]}
    result = redact_fields(
        {"h": text}, findings, case_key=b"k", numbered={"Ana Silva": "[RELATIVE 2]"}
    )
    assert result.fields["h"] == "[PATIENT 1] came."
