"""Response bodies of the outcome endpoints: de-identified text and figures only."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from echo_cases.api.schemas import Out
from models import Adherence, OutcomeStatus, PatientStatus


class OutcomeItemOut(Out):
    recommendation: str = Field(description="The signed recommendation, as in the letter.")
    adherence: Adherence | None = Field(description="Null until the outcome is answered.")
    why: str = Field(description="Why it was not followed in full, de-identified.")


class OutcomeOut(Out):
    case_id: int
    status: OutcomeStatus | None = Field(description=(
        "Null: not asked yet (the clinician is asked a set time after the letter)."))
    requested_at: datetime | None
    reminders_sent: int
    items: list[OutcomeItemOut]
    patient_status: PatientStatus | None
    narrative: str = Field(description="What happened, de-identified as the case was.")
    decline_reason: str = Field(description="Why the clinician declined, de-identified.")
    answered_at: datetime | None
    declined_at: datetime | None


class ProgramOutcomesOut(Out):
    program: str
    answered: int
    declined: int
    awaiting: int = Field(description="Asked, not answered nor declined yet.")
    recommendations_rated: int
    followed: int
    partly: int
    not_followed: int
    share_followed: float | None = Field(description=(
        "Followed in full, of the recommendations rated (0 to 1); null before any."))
    patients: dict[PatientStatus, int] = Field(description="Answered outcomes by status.")


class AwaitingOut(Out):
    case_id: int
    title: str = Field(description="The case's de-identified title.")
    program: str
    requested_at: datetime
    reminders_sent: int


class HubOutcomesOut(Out):
    programs: list[ProgramOutcomesOut]
    total: ProgramOutcomesOut
    awaiting: list[AwaitingOut] = Field(description=(
        "The longest-waiting outcomes (at most 20); `total.awaiting` counts them all."))
