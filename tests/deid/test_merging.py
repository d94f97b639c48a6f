"""Findings from rules, propagation and a clinician become one set of disjoint spans."""

from __future__ import annotations

from echo_cases.deid import EntityType, Finding, merge_findings

PERSON, LOCATION = EntityType.PERSON, EntityType.LOCATION


def _spans(text: str, findings: list[Finding]) -> list[str]:
    return [text[f.start : f.end] for f in findings]


def test_parts_of_one_name_found_apart_become_one_person() -> None:
    text = "Seen by Dr Rosalind Achterberg today."
    found = [
        Finding(8, 19, PERSON, 0.9, "CLINICIAN", "EchoPersonRecognizer"),
        Finding(20, 30, PERSON, 0.8, "PERSON", "EchoNamePropagation"),
    ]
    merged = merge_findings(text, found)
    assert _spans(text, merged) == ["Dr Rosalind Achterberg"]
    assert (merged[0].subtype, merged[0].score) == ("CLINICIAN", 0.9)


def test_names_apart_by_more_than_one_space_or_a_comma_stay_two_people() -> None:
    text = "Rosalind, Joaquim  Achterberg"
    found = [Finding(0, 8, PERSON, 0.9), Finding(10, 17, PERSON, 0.9), Finding(19, 29, PERSON, 0.9)]
    assert _spans(text, merge_findings(text, found)) == ["Rosalind", "Joaquim", "Achterberg"]


def test_a_place_next_to_a_name_is_not_joined_to_it() -> None:
    text = "Rosalind Nyeri"
    found = [Finding(0, 8, PERSON, 0.9), Finding(9, 14, LOCATION, 0.9)]
    assert _spans(text, merge_findings(text, found)) == ["Rosalind", "Nyeri"]


def test_overlapping_findings_become_one_span_of_the_best_members_kind() -> None:
    text = "Referred from Nyeri County Hospital."
    found = [
        Finding(14, 19, LOCATION, 0.7, "CITY", "EchoLocationRecognizer"),
        Finding(14, 35, LOCATION, 0.9, "FACILITY", "EchoFacilityRecognizer"),
        Finding(20, 26, PERSON, 0.5, "PERSON", "EchoSpacyRecognizer"),
    ]
    merged = merge_findings(text, found)
    assert _spans(text, merged) == ["Nyeri County Hospital"]
    assert (merged[0].entity_type, merged[0].subtype) == (LOCATION, "FACILITY")


def test_a_clinicians_phrase_keeps_its_source_over_what_the_analyser_found() -> None:
    text = "Mama Wanjiru sells at the market."
    found = [
        Finding(5, 12, PERSON, 0.8, "PERSON", "EchoNamePropagation"),
        Finding(0, 12, PERSON, 1.0, source="clinician"),
    ]
    assert [(f.start, f.end, f.source) for f in merge_findings(text, found)] == [
        (0, 12, "clinician")
    ]


def test_merged_findings_are_sorted_and_empty_spans_dropped() -> None:
    text = "Nyeri and Kisumu"
    found = [
        Finding(10, 16, LOCATION, 0.9),
        Finding(3, 3, PERSON, 0.9),
        Finding(0, 5, LOCATION, 0.9),
    ]
    assert _spans(text, merge_findings(text, found)) == ["Nyeri", "Kisumu"]


def test_of_one_span_found_as_a_town_and_as_an_employer_equally_sure_the_employer_wins() -> None:
    text = "Works at Acme Foods."
    for first, second in (("CITY", "EMPLOYER"), ("EMPLOYER", "CITY")):
        found = [Finding(9, 19, LOCATION, 0.9, first), Finding(9, 19, LOCATION, 0.9, second)]
        [merged] = merge_findings(text, found)
        assert merged.subtype == "EMPLOYER"


def test_a_tie_between_types_still_goes_to_the_first_found() -> None:
    text = "Works at Acme Foods."
    found = [Finding(9, 19, PERSON, 0.9, "PERSON"), Finding(9, 19, LOCATION, 0.9, "EMPLOYER")]
    [merged] = merge_findings(text, found)
    assert (merged.entity_type, merged.subtype) == (PERSON, "PERSON")
