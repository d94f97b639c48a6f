"""Hubs and the ECHO programs they run."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.base import timestamp_type, utcnow


class Hub(SQLModel, table=True):
    """An ECHO hub: the organisation whose panels review cases."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    slug: str = Field(max_length=64, unique=True, index=True)
    # "tags" ([PATIENT 1]) or "realistic" (consistent fake names) surrogates.
    surrogate_style: str = Field(default="tags", max_length=16)
    locale: str = Field(default="en_US", max_length=16)
    # How dates in case text reach staff: "relative" to the case's submission ("3 weeks
    # before submission"), or "shifted" by a secret number of days per case and marked so.
    date_display: str = Field(default="relative", max_length=16)
    # The order an ambiguous numeric date (03/07/1985) is read in when the case's own dates
    # do not settle it: "day_first", "month_first", or "" for the locale's custom.
    date_order: str = Field(default="", max_length=16)
    # Printed under the hub's name at the top of every letter (address, phone, web).
    letterhead: str = Field(default="", max_length=500)
    # Also e-mail each letter to everyone who attended the session where the case was presented.
    letters_to_attendees: bool = Field(default=False)
    # Coordinators and admins must sign in with a second factor (TOTP).
    require_two_factor: bool = Field(default=False)
    # The hub's own zone (IANA), offered first when a session is scheduled.
    timezone: str = Field(default="UTC", max_length=64, sa_column_kwargs={"server_default": "UTC"})
    # Postal address and a contact e-mail, printed on letters and shown to members.
    address: str = Field(default="", max_length=500, sa_column_kwargs={"server_default": ""})
    contact_email: str = Field(default="", max_length=254,
                               sa_column_kwargs={"server_default": ""})
    # Identified originals are deleted this many days after the letter is sent; None: the
    # operator's ECHO_RETENTION_DAYS applies.
    retention_days: int | None = Field(default=None)
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())


class Program(SQLModel, table=True):
    """An ECHO program of a hub, such as "Cervical Cancer Prevention ECHO"."""

    __table_args__ = (UniqueConstraint("hub_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    name: str = Field(max_length=200)
    description: str = Field(default="", max_length=2000)
    # Extra case-form fields this program asks for, as form-field specs (see echo_cases.case_form).
    extra_fields: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    # The facilitator a new session of this program starts with.
    default_facilitator_id: int | None = Field(default=None, foreign_key="user.id")
    # An archived program keeps its cases but is offered for no new case or session.
    archived_at: datetime | None = Field(default=None, sa_type=timestamp_type())
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())


class ProgramForm(SQLModel, table=True):
    """One version of a program's own case form; a saved change makes the next version.

    Versions are never changed or deleted: a case keeps the version it was written on
    (``Case.form_version``). A program without any uses the default form, version 0.
    """

    __tablename__ = "program_form"

    program_id: int = Field(foreign_key="program.id", primary_key=True)
    version: int = Field(primary_key=True)
    # The form's fields, in order, as specs (see echo_cases.case_form.FormField.to_spec).
    fields: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    created_by_id: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())


class ProgramExpert(SQLModel, table=True):
    """An expert on a program's standing panel, proposed for each of its sessions."""

    __tablename__ = "program_expert"

    program_id: int = Field(foreign_key="program.id", primary_key=True)
    user_id: int = Field(foreign_key="user.id", primary_key=True)
