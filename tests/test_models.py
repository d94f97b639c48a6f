"""Invariants the database itself keeps, whatever the code above it does."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from echo_cases.db import unit_of_work
from models import Case, CaseTransition
from models.case import AppendOnlyViolation
from workflows import CaseState


def test_the_audit_trail_cannot_be_edited(app: Flask, submitted_case: dict[str, Any]):
    with unit_of_work(app) as db:
        row = db.exec(select(CaseTransition)).first()
        assert row is not None
        row.comment = "rewritten history"
        with pytest.raises(AppendOnlyViolation):
            db.flush()
        db.rollback()


def test_the_audit_trail_cannot_be_deleted(app: Flask, submitted_case: dict[str, Any]):
    with unit_of_work(app) as db:
        row = db.exec(select(CaseTransition)).first()
        db.delete(row)
        with pytest.raises(AppendOnlyViolation):
            db.flush()
        db.rollback()


def test_a_submitted_case_without_its_deidentified_version_is_refused_by_the_database(
    app: Flask, submitted_case: dict[str, Any]
):
    with unit_of_work(app) as db:
        case = db.get(Case, submitted_case["id"])
        assert case is not None
        assert case.state is CaseState.DEIDENTIFIED
        case.deidentified = None
        case.version += 1
        with pytest.raises(IntegrityError):
            db.flush()
        db.rollback()
