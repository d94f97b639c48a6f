"""One case is analysed as a whole: what is found in one field is found in every field."""

from __future__ import annotations

from echo_cases.deid import Deidentifier, EntityType, Finding
from echo_cases.deid.analyzer import CASE_SOURCE

from .helpers import covered


def _found(fields: dict[str, str], findings: dict[str, list[Finding]]) -> dict[str, list[str]]:
    return {name: [fields[name][f.start : f.end] for f in fs] for name, fs in findings.items()}


def test_a_place_found_in_one_field_is_redacted_in_another_capitals_or_not(
    deid: Deidentifier,
) -> None:
    fields = {"title": "Fever after a trip to NYERI", "history": "Lives in Nyeri, Kenya."}
    found = deid.analyze_fields(fields)
    assert _found(fields, found)["title"] == ["NYERI"]
    [echo] = found["title"]
    assert echo.entity_type is EntityType.LOCATION


def test_a_record_number_found_in_one_field_is_redacted_in_another(deid: Deidentifier) -> None:
    fields = {"title": "Results for kx-2291", "history": "MRN: KX-2291."}
    found = deid.analyze_fields(fields)
    assert _found(fields, found)["title"] == ["kx-2291"]
    assert (found["title"][0].entity_type, found["title"][0].subtype) == (EntityType.ID, "MRN")


def test_parts_of_one_name_found_in_two_other_fields_become_one_person(
    deid: Deidentifier,
) -> None:
    fields = {
        "title": "Seen by Dr Rosalind",
        "history": "Her husband Joaquim Achterberg phoned.",
        "question": "Should Rosalind Achterberg stop the drug?",
    }
    found = deid.analyze_fields(fields)
    assert _found(fields, found)["question"] == ["Rosalind Achterberg"]
    assert found["question"][0].entity_type is EntityType.PERSON


def test_a_name_spreads_across_the_case_at_the_score_it_was_found_with(
    deid: Deidentifier,
) -> None:
    fields = {
        "title": "Review for Rosalind Achterberg",
        "history": "Rosalind Achterberg, MRN 80417733, was seen.",
    }
    found = deid.analyze_fields(fields)
    assert _found(fields, found)["history"] == ["Rosalind Achterberg", "80417733"]
    spread = found["history"][0]
    assert (spread.entity_type, spread.score) == (EntityType.PERSON, found["title"][0].score)


def test_a_compound_name_spreads_by_its_pieces(deid: Deidentifier) -> None:
    fields = {
        "history": "Dr. Siobhan O'Neil-Hara referred her.",
        "question": "Should Hara's advice stand?",
    }
    assert _found(fields, deid.analyze_fields(fields))["question"] == ["Hara"]


def test_a_particle_of_a_compound_name_does_not_spread(deid: Deidentifier) -> None:
    fields = {
        "history": "Patient: Layla Al-Harbi, 40F.",
        "question": "Should Harbi stay? Al said no.",
    }
    assert _found(fields, deid.analyze_fields(fields))["question"] == ["Harbi"]


def test_a_title_inside_a_name_does_not_spread(deid: Deidentifier) -> None:
    fields = {
        "history": "Referred by Pastor John Mwangi.",
        "question": "Should the Pastor be told? Mwangi asked.",
    }
    found = _found(fields, deid.analyze_fields(fields))
    assert found["history"] == ["Pastor John Mwangi"]
    assert found["question"] == ["Mwangi"]


def test_a_name_found_in_its_own_field_keeps_the_analyzers_source(deid: Deidentifier) -> None:
    fields = {"summary": "Patient: Grace Atieno, 45F. Grace is well.", "question": "And Grace?"}
    found = deid.analyze_fields(fields)
    assert [f.source for f in found["summary"]][-1] == "EchoNamePropagation"
    assert [f.source for f in found["question"]] == [CASE_SOURCE]


def test_analysing_a_case_together_only_adds_to_what_each_field_finds_alone(
    deid: Deidentifier,
) -> None:
    fields = {
        "title": "Abnormal Pap for Rosalind Achterberg",
        "history": "Rosalind Achterberg, MRN 80417733, seen at Willowmere Community Clinic.",
        "narrative": "Call her on (505) 555-0199. Her husband Joaquim Achterberg works at "
        "Tallow Creek Mill.",
    }
    together = deid.analyze_fields(fields)
    for name, text in fields.items():
        alone = deid.analyze(text)
        assert alone
        assert all(covered(together[name], f.start, f.end) for f in alone), name
