"""The workflow table: who may move a case from where to where."""

from __future__ import annotations

import pytest

from workflows import CASE_WORKFLOW, Action, CaseState, Role, Workflow
from workflows.definition import INVALID_INPUT

S, R = CaseState, Role

# The whole legal-move table, written out independently of the definition.
EXPECTED = {
    "submit": ({S.DRAFT}, S.DEIDENTIFIED, {R.CLINICIAN}),
    "return_to_clinician": ({S.DEIDENTIFIED, S.REVIEWED}, S.DRAFT, {R.COORDINATOR, R.EXPERT}),
    "assign_expert": ({S.DEIDENTIFIED, S.REVIEWED}, None, {R.COORDINATOR}),
    "record_pre_review": ({S.DEIDENTIFIED}, S.REVIEWED, {R.EXPERT}),
    "schedule": ({S.REVIEWED}, None, {R.COORDINATOR}),
    "mark_presented": ({S.REVIEWED}, S.PRESENTED, {R.COORDINATOR}),
    "sign_off": ({S.PRESENTED}, S.RECOMMENDATIONS_SENT, {R.EXPERT}),
    "withdraw": ({S.DRAFT, S.DEIDENTIFIED, S.REVIEWED}, S.WITHDRAWN, {R.CLINICIAN, R.ADMIN}),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_action_moves_between_the_documented_states_for_the_documented_roles(name: str):
    sources, target, roles = EXPECTED[name]
    action = CASE_WORKFLOW.actions[name]
    assert set(action.sources) == sources
    assert action.target == target
    assert set(action.roles) == roles


def test_there_are_no_undocumented_actions():
    assert set(CASE_WORKFLOW.actions) == set(EXPECTED)


def test_every_state_is_reachable_from_a_draft():
    assert CASE_WORKFLOW.reachable() == set(CaseState)


@pytest.mark.parametrize("state", [S.RECOMMENDATIONS_SENT, S.WITHDRAWN])
def test_finished_cases_cannot_move(state: CaseState):
    assert all(not CASE_WORKFLOW.available(state, role) for role in Role)


def test_returning_or_withdrawing_a_case_needs_a_reason():
    assert CASE_WORKFLOW.actions["return_to_clinician"].needs_comment
    assert CASE_WORKFLOW.actions["withdraw"].needs_comment


def test_a_workflow_with_an_unreachable_state_is_refused_when_declared():
    only_submit = {"submit": CASE_WORKFLOW.actions["submit"]}
    with pytest.raises(ValueError, match="unreachable"):
        Workflow(initial=S.DRAFT, actions=only_submit)


def test_a_workflow_that_leaves_a_terminal_state_is_refused_when_declared():
    reopen = Action("reopen", "Reopen", frozenset({S.WITHDRAWN}), S.DRAFT, frozenset({R.ADMIN}))
    with pytest.raises(ValueError, match="terminal"):
        Workflow(initial=S.DRAFT, terminal=frozenset({S.WITHDRAWN}),
                 actions={**CASE_WORKFLOW.actions, "reopen": reopen})


def test_every_guard_says_why_in_a_code_and_input_guards_name_their_field():
    """Clients branch on the code; input to fix is named, so a form can show it in place."""
    for action in CASE_WORKFLOW.actions.values():
        for guard in action.guards:
            assert guard.code, (action.name, guard.__name__)
            assert guard.description, (action.name, guard.__name__)
            if guard.code == INVALID_INPUT:
                assert guard.reads_input, (action.name, guard.__name__)
                assert guard.field, (action.name, guard.__name__)
