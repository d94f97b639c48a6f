"""A case's redaction plan: the de-identifier's findings for the whole case, merged with
the clinician's decisions and with what was redacted when the case was submitted."""

from __future__ import annotations

import pytest

from echo_cases.case_form import CaseForm
from echo_cases.deid import EntityType, Finding
from echo_cases.errors import Invalid
from echo_cases.services.redaction import (
    CLINICIAN,
    AddedRedaction,
    Decisions,
    RedactionPlan,
    SpanRef,
    plan_redaction,
)

KEY = b"k" * 32


def _plan(fields: dict[str, str], decisions: Decisions | None = None) -> RedactionPlan:
    return plan_redaction(CaseForm.for_program(), {"question": "What next?", **fields},
                          decisions or Decisions(), key=KEY)


def test_parts_of_one_name_found_apart_become_one_person():
    plan = _plan({"title": "Review for Rosalind Achterberg",
                  "history": "Rosalind Achterberg, MRN 80417733, was seen on 03/02/2026."})
    assert plan.fields["title"] == "Review for [PERSON 1]"
    assert plan.fields["history"].startswith("[PERSON 1], MRN")


def test_a_place_named_in_one_field_is_redacted_in_every_field_and_says_where_from():
    plan = _plan({"title": "Fever after a trip to Nyeri", "history": "Lives in Nyeri, Kenya."})
    assert "Nyeri" not in plan.fields["title"]
    assert [f.source for f in plan.proposed["title"]] == ["elsewhere in the case"]


def test_a_phrase_the_clinician_adds_joins_the_name_beside_it_and_stays_theirs():
    fields = {"history": "Referred by Dr Rosalind kofi last week."}
    plan = _plan(fields, Decisions(redact=[AddedRedaction("kofi")]))
    [person] = plan.proposed["history"]
    assert fields["history"][person.start:person.end] == "Rosalind kofi"
    assert person.source == CLINICIAN
    assert plan.fields["history"] == "Referred by Dr [PERSON 1] last week."


def test_what_was_redacted_at_submission_stays_redacted_though_nothing_finds_it_now():
    # An ordinary word nothing finds today, redacted at submission by an older analyser.
    history = "Seen by the outreach van."
    start = history.index("outreach")
    earlier = Finding(start, start + len("outreach"), EntityType.LOCATION, 0.7,
                      source="elsewhere in the case")
    assert "outreach" in _plan({"history": history}).fields["history"]
    plan = _plan({"history": history}, Decisions(previous={"history": [earlier]}))
    assert "outreach" not in plan.fields["history"]
    assert plan.proposed["history"] == [earlier]


def test_a_span_holding_the_clinicians_phrase_stays_theirs_however_sure_the_analyser_is():
    history = "Referred by Dr Rosalind kofi last week."
    start, end = history.index("Rosalind"), history.index(" last")
    sure = Finding(start, end, EntityType.PERSON, 1.0, source="EchoPersonRecognizer")
    added, previous = [AddedRedaction("kofi")], {"history": [sure]}
    plan = _plan({"history": history}, Decisions(redact=added, previous=previous))
    assert [f.source for f in plan.proposed["history"]] == [CLINICIAN]
    restore = {SpanRef("history", start, end): "Not a name."}
    with pytest.raises(Invalid) as refused:
        _plan({"history": history}, Decisions(restore, added, previous))
    assert "your own redactions" in str(refused.value.fields)
