"""Case-level redaction rules, independent of what the analyser finds."""

from __future__ import annotations

from echo_cases.services.redaction import _name_parts


def test_names_spread_by_their_parts_keeping_apostrophes_and_hyphens():
    assert _name_parts("Dr. Siobhan O'Neil-Hara") == {
        "Siobhan", "O'Neil-Hara", "Neil", "Hara"}


def test_honorifics_and_initials_alone_do_not_spread():
    assert _name_parts("Mr J. Okafor") == {"Okafor"}


def test_parts_of_one_name_found_apart_become_one_person():
    from echo_cases.case_form import CaseForm
    from echo_cases.services.redaction import Decisions, plan_redaction

    fields = {"title": "Review for Rosalind Achterberg", "question": "What next?",
              "history": "Rosalind Achterberg, MRN 80417733, was seen on 03/02/2026."}
    plan = plan_redaction(CaseForm.for_program(), fields, Decisions(), key=b"k" * 32)
    assert plan.fields["title"] == "Review for [PERSON 1]"
    assert plan.fields["history"].startswith("[PERSON 1], MRN")
