"""Fixtures shared by the security tests: a second expert in hub A, and sessions to aim at."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask

from echo_cases.db import unit_of_work
from echo_cases.services import accounts
from tests.support import PASSWORD, Hubs, schedule_session
from workflows import Role


@dataclass(frozen=True)
class World:
    """Everyone who may try something on a hub-A case, by a readable key, and two sessions."""

    user_ids: dict[str, int]
    roles: dict[str, Role]
    # People who must never see a hub-A case, whatever its state.
    outsiders: tuple[str, ...]
    session_a: int  # upcoming, of the case's program
    session_b: int  # upcoming, of the other hub's program


@pytest.fixture
def world(app: Flask, hubs: Hubs) -> World:
    with unit_of_work(app) as db:
        # A second expert of the same hub, to try "assigned to another expert".
        other = accounts.create_user(db, "expert2-a@example.org", "Expert A2", PASSWORD)
        accounts.add_member(db, other, hubs.hubs["a"], Role.EXPERT)
        other_id = other.id
    assert other_id is not None
    user_ids: dict[str, int] = {"expert_a2": other_id}
    roles: dict[str, Role] = {"expert_a2": Role.EXPERT}
    for (hub, role), user in hubs.users.items():
        key = "author" if (hub, role) == ("a", Role.CLINICIAN) else f"{role.value}_{hub}"
        assert user.id is not None
        user_ids[key], roles[key] = user.id, role
    outsiders = tuple(k for k in user_ids if k.endswith("_b") or k == "clinician_a2")
    return World(user_ids, roles, outsiders,
                 session_a=schedule_session(app, hubs, "a"),
                 session_b=schedule_session(app, hubs, "b"))
