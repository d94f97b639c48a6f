"""The workflow and the error codes, described for the OpenAPI document from the workflow's
own declaration, so the document cannot drift from what the engine does."""

from __future__ import annotations

from workflows import CASE_WORKFLOW, Action, CaseState, Role
from workflows.definition import INVALID_INPUT

# Submission carries the clinician's redaction decisions, so it has an endpoint of its own.
OWN_ENDPOINT = {"submit": "POST /cases/{case_id}/submit"}
TAKEN_AS_ACTIONS = tuple(name for name in CASE_WORKFLOW.actions if name not in OWN_ENDPOINT)

# Codes of ``error.code`` that are not a guard's (those come from the workflow).
ERROR_CODES = {
    "bad_request": "400: the body or the query string cannot be read (`fields` names the "
                   "query parameters).",
    "unauthorized": "401: no valid bearer token.",
    "forbidden": "403: your role does not include this.",
    "not_found": "404: absent, or not yours to see.",
    "method_not_allowed": "405: see the `Allow` header.",
    "conflict": "409: the `version` (or `revision`) you sent is stale, or the same request "
                "is being processed: reload what you changed and try again.",
    "too_large": "413: the body is over the server's limit.",
    "unsupported_media_type": "415: send application/json.",
    "invalid": "422: input to fix; `fields` names each failing field, with what is wrong.",
    "illegal_transition": "422: the case's state does not allow this action; reloading "
                          "and retrying cannot help until the state changes.",
    "wrong_state": "422: the case's (or letter's) state does not allow this operation "
                   "(editing a case that is no longer a draft, acknowledging a letter not "
                   "yet signed); retrying cannot help until the state changes.",
    "too_many_requests": "429: slow down.",
    # A rule refuses the request as sent: not a 409, as reloading cannot help.
    "last_admin": "422: the change would leave the hub without an active admin.",
    "deactivating_yourself": "422: an admin cannot deactivate themselves.",
    "member_of_another_hub": "422: the person also belongs to a hub you do not administer: "
                             "only their role in yours may change.",
    "program_name_taken": "422: another program of this hub has this name.",
    "already_member": "422: the address belongs to a member of the hub already.",
    "invitation_pending": "422: the address has a pending invitation: send that one again.",
    "account_exists": "422: an account with that e-mail exists already.",
    "hub_exists": "422: a hub with that address name exists already.",
    "second_factor_required": "422: the hub requires a second factor for your role.",
    "idempotency_key_reused": "422: the Idempotency-Key was used for a different request.",
    "not_ready": "422: the export is not ready to download yet (see its `status`).",
}


def _states(action: Action) -> str:
    return ", ".join(state.value for state in CaseState if state in action.sources)


def describe_action(action: Action) -> str:
    """One line a client can act on: what it does, from where to where, who, what to send."""
    target = action.target.value if action.target else "the same state"
    sends = [g.field for g in action.guards if g.field]
    if action.needs_comment and "comment" not in sends:
        sends.append("comment")
    parts = [f"`{action.name}` ({action.label}): {action.description}",
             f"From {_states(action)} to {target}; "
             f"for {', '.join(r.value for r in Role if r in action.roles)}."]
    if sends:
        parts.append("Send " + ", ".join(f"`{f}`" for f in sends) + ".")
    taken = ", ".join(f"`{f}`" for f in ("version", *action.inputs, "comment"))
    parts.append(f"Takes {taken}; any other field is refused (422 `invalid`, named).")
    unless = [f"`{g.code}` unless {g.description}" for g in action.guards
              if g.code != INVALID_INPUT]
    if unless:
        parts.append("Refused with " + "; ".join(unless) + ".")
    return " ".join(parts)


def action_parameter_description() -> str:
    lines = ["The workflow action to take. A case's `actions` lists those you can take now.",
             ""]
    lines += [f"- {describe_action(CASE_WORKFLOW.actions[name])}" for name in TAKEN_AS_ACTIONS]
    lines += ["", *(f"`{name}` is taken with {endpoint}." for name, endpoint
                    in OWN_ENDPOINT.items())]
    return "\n".join(lines)


def guard_codes() -> dict[str, str]:
    """Each guard's code and what must hold to pass it (first description wins)."""
    codes: dict[str, str] = {}
    for action in CASE_WORKFLOW.actions.values():
        for guard in action.guards:
            if guard.code != INVALID_INPUT:
                codes.setdefault(guard.code, guard.description)
    return codes


def action_refusals() -> dict[int, str]:
    guards = "; ".join(f"`{code}` unless {what}"
                       for code, what in sorted(guard_codes().items()))
    return {
        409: "Your `version` is stale: someone changed the case since you read it. Reload "
             "it and decide again (`code` is `conflict`). This is the only 409.",
        422: "Refused; nothing changed. `code` says why: `illegal_transition`: the case's "
             "state does not allow the action; `invalid`: input to send, named in "
             f"`fields`; or a guard's own code ({guards}).",
    }


def error_code_description() -> str:
    lines = ["Why the request was refused, for programs to branch on:"]
    lines += [f"- `{code}`: {meaning}" for code, meaning in ERROR_CODES.items()]
    lines += [f"- `{code}`: 422, a workflow action is refused unless {what}"
              for code, what in sorted(guard_codes().items())]
    return "\n".join(lines)
