"""The demo hub's learning loop, told through the real operations: a program's own case
form in two versions with a case on each, a session held nine weeks ago with members and
spokes without accounts, its certificates and evaluations, and outcomes told and awaited.

Part of it happens in the past by the app's clock (the clock a database session carries,
set back while that part is told), so that an outcome is due today as it would be in a
real hub. The demo's people are invented: what it would e-mail goes nowhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlmodel import Session

from echo_cases import clock
from echo_cases.access import get_case
from echo_cases.case_form import CaseForm
from echo_cases.clock import CLOCK_INFO
from echo_cases.mail import SmtpMailer
from echo_cases.services import cases as case_ops
from echo_cases.services import (
    credits,
    evaluations,
    outcomes,
    participants,
    program_forms,
    review,
    sessions,
)
from echo_cases.services.links import MAILER_INFO
from echo_cases.services.outcomes import OutcomeAnswer
from echo_cases.services.program_forms import FieldDraft
from echo_cases.services.redaction import Decisions
from echo_cases.settings import SmtpSettings
from models import Case, EchoSession, Program, User, id_of, utcnow
from workflows import Role

# How long ago the demo's session was held: past the default eight weeks after which the
# presenting clinician is asked for the outcome.
HELD_AGO = timedelta(weeks=9)


@dataclass(frozen=True)
class DemoLinks:
    """How the demo's certificates and e-mails name pages; the command that seeds the demo
    builds them, knowing the app's address (these services know no Flask)."""

    verify_url: Callable[[str], str]  # a certificate's code -> its verification page
    survey_url: Callable[[str], str]  # an evaluation link's token -> the survey
    outcome_url: Callable[[int], str]  # a case's id -> its outcome page


# Version 1 of the cervical program's form adds these to the default form; version 2 adds
# the last two and drops the narrative.
_V1_FIELDS = (
    {"label": "HPV genotype", "kind": "multi", "choices": ["16", "18", "other high-risk"],
     "help": "Tick every genotype the test found."},
    {"label": "Colposcopy available locally", "kind": "yes_no", "required": True},
)
_V2_FIELDS = (
    {"label": "Date of last Pap", "kind": "date"},
    {"label": "Pack-years", "kind": "number", "unit": "pack-years", "minimum": "0",
     "maximum": "200", "help": "Leave empty for someone who never smoked."},
)
_V2_DROPS = ("narrative",)

_CASE_ON_V1 = {
    "title": "HPV 18 with a normal Pap, colposcopy three hours away",
    "question": "Refer for colposcopy now, or repeat co-testing in a year?",
    "age_band": "40-49", "sex": "female",
    "history": "G2P2. Ms. Teodora Vasquez, seen at Mesa Verde Health Post on 02/03/2026. "
               "Co-test: NILM, HPV 18 positive.",
    "current_treatment": "None.",
    "labs_imaging": "Pap NILM. HPV genotyping: 18 positive.",
    "narrative": "She works nights at the Silver City laundry and would lose a day's pay.",
    "hpv_genotype": "18", "colposcopy_available_locally": "no",
}
_CASE_ON_V2 = {
    "title": "LSIL in a 27-year-old smoker",
    "question": "Is repeat cytology in a year enough, given that she smokes?",
    "age_band": "18-29", "sex": "female",
    "history": "LSIL on her first Pap; HPV 16 positive.",
    "hpv_genotype": "16", "colposcopy_available_locally": "yes",
    "date_of_last_pap": "2026-10-02", "pack_years": "6",
}
_V1_RECOMMENDATIONS = {
    "summary": "HPV 18 carries enough immediate risk to refer, even with normal cytology.",
    "items": [
        {"recommendation": "Refer for colposcopy within 3 months.",
         "rationale": "HPV 18 positive with NILM: immediate CIN3+ risk above the action "
                      "threshold.", "reference": "ASCCP 2019 risk-based guidelines"},
        {"recommendation": "Ask the program about travel support for the visit.",
         "rationale": "A lost day's pay is the main barrier here.", "reference": ""},
    ],
}
_CREDIT_STATEMENT = ("Demo Cancer ECHO Hub designates this live activity for a maximum of "
                     "1.0 credit hour (an invented statement: the demo is accredited by nobody).")
_SPOKES = (  # (name, e-mail, profession, organisation, minutes of the 60)
    ("Amara Okafor", "amara.okafor@spoke.example.org", "Nurse practitioner",
     "Kisumu County Referral Hospital", "58"),
    ("Ben Mwangi", "ben.mwangi@spoke.example.org", "Clinical officer",
     "Homa Bay Health Centre", "60"),
    ("Carla Ruiz", "carla.ruiz@spoke.example.org", "Midwife", "Clínica Las Palmas", "20"),
)
_EVALUATIONS = (
    {"relevance": "5", "confidence": "4", "intention": "yes",
     "comment": "The risk tables were the most useful part."},
    {"relevance": "4", "confidence": "4", "intention": "unsure"},
    {"relevance": "5", "confidence": "5", "intention": "yes",
     "comment": "More cases from rural clinics, please."},
    {"relevance": "3", "confidence": "3", "intention": "no"},
)
_TOLD = OutcomeAnswer(
    adherence=("followed", "partly"),
    why=("", "The DEXA scanner at Hillview Medical Center was booked for months; she has "
             "calcium and vitamin D, the scan is next spring."),
    patient_status="alive_no_evidence_of_disease",
    narrative="She continues anastrozole without side effects and walks daily.")


class _NoMail(SmtpMailer):
    """The demo's outbox: its people are invented, so nothing is sent anywhere."""

    def __init__(self) -> None:
        super().__init__(SmtpSettings(sender="echo-demo@example.org"))

    def send(self, message: EmailMessage) -> None:
        return None


def tell_learning_loop(db: Session, users: dict[Role, User], programs: list[Program],
                       links: DemoLinks, *, told_case_id: int) -> None:
    """The loop, once, after the demo's cases: ``told_case_id`` is a signed-off case whose
    outcome the clinician tells today."""
    cervical = programs[0]
    mail = db.info.get(MAILER_INFO)
    db.info[MAILER_INFO] = _NoMail()
    try:
        _save_form(db, users[Role.ADMIN], cervical, adds=_V1_FIELDS)
        with _back_in_time(db, HELD_AGO):
            case = _case(db, users, cervical, _CASE_ON_V1, submit=True)
            session = _held_session(db, users, cervical, case)
            _sign_off(db, users, case)
        _save_form(db, users[Role.ADMIN], cervical, adds=_V2_FIELDS, drops=_V2_DROPS)
        _case(db, users, cervical, _CASE_ON_V2, submit=False)
        _after_the_session(db, users, cervical, session, links)
        _tell_outcome(db, users[Role.CLINICIAN], told_case_id)
        outcomes.ask(db, id_of(case), _NoMail(), links.outcome_url)  # awaited from now on
    finally:
        db.info[MAILER_INFO] = mail


@contextmanager
def _back_in_time(db: Session, ago: timedelta) -> Iterator[None]:
    """Tell what happens inside ``ago`` earlier by the app's clock, then come back."""
    present = db.info.get(CLOCK_INFO)
    now = present or utcnow
    db.info[CLOCK_INFO] = lambda: now() - ago
    try:
        yield
    finally:
        db.info[CLOCK_INFO] = present


def _save_form(db: Session, admin: User, program: Program, *,
               adds: tuple[dict[str, object], ...], drops: tuple[str, ...] = ()) -> CaseForm:
    current = program_forms.current_form(db, program)
    kept = [FieldDraft(label=f.label, kind=f.kind.value, key=f.name, help=f.help,
                       required=f.required, handling=f.handling.value, choices=f.choices,
                       unit=f.unit, minimum=_plain(f.minimum), maximum=_plain(f.maximum))
            for f in current.fields if f.name not in drops]
    return program_forms.save_form(db, admin, program,
                                   [*kept, *(FieldDraft.from_mapping(a) for a in adds)],
                                   based_on=current.version)


def _plain(value: object) -> str:
    return "" if value is None else format(value, "f")


def _case(db: Session, users: dict[Role, User], program: Program, fields: dict[str, str], *,
          submit: bool) -> Case:
    case = case_ops.create_case(db, users[Role.CLINICIAN], id_of(program), fields)
    if submit:
        _case_row, clinician = get_case(db, users[Role.CLINICIAN], id_of(case))
        case_ops.submit_case(db, clinician, case, Decisions(), expected_version=case.version)
    return case


def _act(db: Session, user: User, case: Case, action: str, **payload: object) -> None:
    _case_row, actor = get_case(db, user, id_of(case))
    case_ops.take_action(db, actor, case, action, expected_version=case.version,
                         payload=payload)


def _held_session(db: Session, users: dict[Role, User], program: Program,
                  case: Case) -> EchoSession:
    """A session an hour on, the case on its agenda; the clock then moves into it, the case
    is presented and the members present recorded, and on past its end."""
    coordinator, expert = users[Role.COORDINATOR], users[Role.EXPERT]
    start = (clock.now(db) + timedelta(hours=1)).replace(tzinfo=None, second=0, microsecond=0)
    session = sessions.schedule_session(db, coordinator, sessions.SessionPlan(
        program_id=id_of(program), local_start=start, timezone="UTC",
        topic="HPV genotyping when colposcopy is far away", panel_ids=(id_of(expert),),
        facilitator_id=id_of(coordinator)))
    _act(db, expert, case, "record_pre_review",
         notes="Worth discussing: the guidelines assume colposcopy is close by.")
    _act(db, coordinator, case, "schedule", session_id=session.id)
    _move_on(db, timedelta(hours=1, minutes=5))
    _act(db, coordinator, case, "mark_presented")
    sessions.record_attendance(db, coordinator, session, [id_of(u) for u in users.values()],
                               expected_version=session.attendance_version)
    _move_on(db, timedelta(minutes=session.duration_minutes))
    return session


def _move_on(db: Session, by: timedelta) -> None:
    """Move the clock of the story being told on by ``by``."""
    told: Callable[[], datetime] = db.info[CLOCK_INFO]
    db.info[CLOCK_INFO] = lambda: told() + by


def _sign_off(db: Session, users: dict[Role, User], case: Case) -> None:
    review.save_recommendations(db, users[Role.EXPERT], case,
                                summary=str(_V1_RECOMMENDATIONS["summary"]),
                                items=_V1_RECOMMENDATIONS["items"],  # type: ignore[arg-type]
                                expected_version=None)
    _act(db, users[Role.EXPERT], case, "sign_off")


def _after_the_session(db: Session, users: dict[Role, User], program: Program,
                       session: EchoSession, links: DemoLinks) -> None:
    """Spokes added from the video platform's report, credit terms, certificates for those
    past the rule, and the evaluation sent and answered by four of the seven."""
    coordinator = users[Role.COORDINATOR]
    for name, email, profession, organisation, minutes in _SPOKES:
        participants.set_participant(
            db, coordinator, session,
            participants.Entry(name, email, profession, organisation, minutes),
            reason="Joined by video; minutes from the platform's participant report.")
    credits.save_terms(db, users[Role.ADMIN], program, credits.Terms("1", _CREDIT_STATEMENT))
    tokens: list[str] = []

    def survey_url(token: str) -> str:
        tokens.append(token)
        return links.survey_url(token)

    evaluations.send_evaluations(db, coordinator, session, survey_url)
    for token, raw in zip(tokens, _EVALUATIONS, strict=False):
        evaluations.answer(db, evaluations.invite_for_token(db, token), raw,
                           verify_url_for=links.verify_url)
    credits.issue_certificates(db, coordinator, session, links.verify_url)


def _tell_outcome(db: Session, clinician: User, case_id: int) -> None:
    """The clinician tells a signed-off case's outcome before being asked."""
    case, outcome = outcomes.get_outcome_to_answer(db, clinician, case_id)
    answer = OutcomeAnswer(adherence=_TOLD.adherence[:len(outcome.items)],
                           why=_TOLD.why[:len(outcome.items)],
                           patient_status=_TOLD.patient_status, narrative=_TOLD.narrative)
    outcomes.answer_outcome(db, clinician, case, outcome, answer, previewed=answer.digest())

