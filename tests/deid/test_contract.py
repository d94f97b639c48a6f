"""The contract the app codes against: re-exports, process-wide instance, redaction."""

from __future__ import annotations

import itertools

import echo_cases.deid as deid_pkg
from echo_cases.deid import (
    Deidentifier,
    EntityType,
    Finding,
    get_deidentifier,
    is_ready,
    redact_fields,
)

TEXT = "Patient: Amador Odom  DOB: 07/15/1950  MRN: 88251049. Plan discussed with Amador."


def test_exports_the_contract() -> None:
    for name in (
        "EntityType",
        "Finding",
        "Replacement",
        "RedactionResult",
        "HIGH_CONFIDENCE",
        "get_deidentifier",
        "is_ready",
        "redact_fields",
        "Deidentifier",
        "merge_findings",
    ):
        assert hasattr(deid_pkg, name)


def test_get_deidentifier_returns_one_instance(deid: Deidentifier) -> None:
    assert get_deidentifier() is deid
    assert is_ready()


def test_findings_are_sorted_and_disjoint(deid: Deidentifier) -> None:
    findings = deid.analyze(TEXT)
    assert findings
    for a, b in itertools.pairwise(findings):
        assert a.end <= b.start
    assert all(isinstance(f, Finding) for f in findings)


def test_analyze_many_matches_analyze(deid: Deidentifier) -> None:
    texts = [TEXT, "", "No identifiers here; ECOG 1.", TEXT.upper()]
    assert list(deid.analyze_many(texts, batch_size=2)) == [deid.analyze(t) for t in texts]


def test_redact_fields_uses_the_same_tag_across_fields(deid: Deidentifier) -> None:
    fields = {"summary": TEXT, "question": "Should patient Amador Odom get radiotherapy?"}
    findings = {k: deid.analyze(v) for k, v in fields.items()}
    result = redact_fields(fields, findings, case_key=b"case-1")
    assert "Amador" not in result.fields["summary"] + result.fields["question"]
    tag = next(
        r.surrogate
        for r in result.replacements
        if r.field == "summary" and r.entity_type is EntityType.PERSON
    )
    assert tag.startswith("[PATIENT ")
    assert tag in result.fields["question"]
    for r in result.replacements:
        original = fields[r.field][r.start : r.end]
        assert original
        assert r.surrogate in result.fields[r.field]


def test_redact_fields_is_deterministic(deid: Deidentifier) -> None:
    findings = {"t": deid.analyze(TEXT)}
    a = redact_fields({"t": TEXT}, findings, case_key=b"k", style="realistic")
    b = redact_fields({"t": TEXT}, findings, case_key=b"k", style="realistic")
    assert a == b


def test_analyze_fields_finds_a_name_from_one_field_in_every_field(deid: Deidentifier) -> None:
    fields = {"summary": "Patient: Grace Atieno, 45F.", "question": "Should Grace start RT?"}
    found = deid.analyze_fields(fields)
    words = {k: [fields[k][f.start : f.end] for f in v] for k, v in found.items()}
    assert words == {"summary": ["Grace Atieno"], "question": ["Grace"]}


def test_concurrent_callers_get_the_same_findings(deid: Deidentifier) -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = [
        f"Patient: Wanjiru Kamau {i}, seen 2024-01-{i % 28 + 1:02d} in Nyeri." for i in range(40)
    ]
    expected = [deid.analyze(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(deid.analyze, texts)) == expected


def test_the_deid_package_is_plain_python_without_flask() -> None:
    import ast
    from pathlib import Path

    root = Path(deid_pkg.__file__).parent
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] in {"flask", "werkzeug"} for n in names), path
