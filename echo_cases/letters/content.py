"""Everything a recommendation letter says, gathered from the de-identified case only.

The identified original is never read here: ``CaseOriginal`` is not even imported,
so a letter cannot carry what only the case's author may see.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from echo_cases import clock
from echo_cases.case_form import CaseForm, FormField, Handling
from echo_cases.services.case_dates import dates_note
from echo_cases.services.people import signature
from echo_cases.services.program_forms import form_of_case
from models import (
    AgendaItem,
    Case,
    EchoSession,
    Hub,
    MissingRow,
    Program,
    RecommendationSet,
    SessionPanelist,
    User,
    as_utc,
)

DISCLAIMER = (
    "These recommendations were made by the ECHO panel from the de-identified case as "
    "presented. They are advisory: the treating clinician remains responsible for the "
    "patient's care and for every decision about it. The panel did not examine the patient "
    "and did not form a clinician-patient relationship."
)

# The parts of the case printed as its summary, in this order (the question has its own place).
SUMMARY_FIELDS = ("age_band", "sex", "history", "current_treatment", "labs_imaging", "narrative")


@dataclass(frozen=True)
class LetterItem:
    recommendation: str
    rationale: str
    reference: str


@dataclass(frozen=True)
class LetterContent:
    hub_name: str
    letterhead: str
    program: str
    case_id: int
    session_label: str
    question: str
    summary: list[tuple[str, str]]
    discussion: str
    items: list[LetterItem]
    panel: list[str]
    signed_by: str
    issued_on: str
    # What the case's dates are ("Dates are shown relative to submission on ..."), or "".
    dates_note: str = ""
    # The presenting clinician, to whom the letter is written.
    addressee: str = ""

    def fingerprint(self, pdf: bytes) -> str:
        return hashlib.sha256(pdf).hexdigest()


def letter_content(db: Session, case: Case, recommendations: RecommendationSet, *,
                   signed_by_id: int) -> LetterContent:
    hub, program = db.get(Hub, case.hub_id), db.get(Program, case.program_id)
    signer, author = db.get(User, signed_by_id), db.get(User, case.author_id)
    if (hub is None or program is None or signer is None or author is None
            or case.deidentified is None):
        raise MissingRow(f"case {case.id} lacks what a letter needs")
    form = form_of_case(db, case)
    shown = case.deidentified
    summary = [(form.field(name).label, _shown(form.field(name), shown.get(name, "")))
               for name in _summary_fields(form) if str(shown.get(name, "")).strip()]
    session = _session_of(db, case)
    return LetterContent(
        hub_name=hub.name,
        letterhead=letterhead(hub),
        program=program.name,
        case_id=case.id or 0,
        session_label=session_label(session) if session else "Not presented in a session",
        question=str(shown.get("question", "")),
        summary=summary,
        discussion=recommendations.summary.strip(),
        items=[LetterItem(str(i.get("recommendation", "")), str(i.get("rationale", "")),
                          str(i.get("reference", ""))) for i in recommendations.items],
        panel=_panel(db, session),
        signed_by=signature(signer),
        issued_on=issue_date(clock.now(db), session),
        dates_note=dates_note(case),
        addressee=author.name,
    )


def letterhead(hub: Hub) -> str:
    """The lines under the hub's name: its letterhead text, then its address and e-mail."""
    lines = [hub.letterhead.strip(), hub.address.strip(), hub.contact_email.strip()]
    return "\n".join(line for line in lines if line)


def issue_date(moment: datetime, session: EchoSession | None) -> str:
    """The day the letter is signed, in the session's zone like the date it was presented:
    sign-off waits for the session to begin, so this day is never before that one."""
    local = _local(moment, session.timezone) if session else moment
    return local.strftime("%d %B %Y")


def session_label(session: EchoSession) -> str:
    """The session's date and time in its own zone, as the panel announced it."""
    return label_of(as_utc(session.starts_at), session.timezone, session.topic)


def label_of(starts_at: datetime, zone: str, topic: str) -> str:
    """A session's label from its columns, for lists that read no whole rows."""
    local = _local(starts_at, zone)
    return local.strftime("%A %d %B %Y, %H:%M ") + zone + (f" ({topic})" if topic else "")


def _local(moment: datetime, zone: str) -> datetime:
    try:
        return moment.astimezone(ZoneInfo(zone))
    except (KeyError, ValueError):
        return moment


def _summary_fields(form: CaseForm) -> list[str]:
    """The case's own form's fields below its question: the core summary first (for a
    program with a form of its own, in the order its form puts them), then the rest."""
    core = [n for n in SUMMARY_FIELDS if n in form.names]
    rest = [f.name for f in form.fields if f.name not in ("title", "question", *SUMMARY_FIELDS)
            and f.handling is not Handling.REMOVE]
    return core + rest if form.version == 0 else [
        f.name for f in form.fields if f.name in (*core, *rest)]


def _shown(field: FormField, value: object) -> str:
    return f"{value} {field.unit}" if field.unit else str(value)


def _session_of(db: Session, case: Case) -> EchoSession | None:
    return db.exec(
        select(EchoSession).join(AgendaItem, col(AgendaItem.session_id) == EchoSession.id)
        .where(AgendaItem.case_id == case.id)
    ).first()


def _panel(db: Session, session: EchoSession | None) -> list[str]:
    if session is None:
        return []
    return list(db.exec(
        select(User.name).join(SessionPanelist, col(SessionPanelist.user_id) == User.id)
        .where(SessionPanelist.session_id == session.id).order_by(User.name)
    ))
