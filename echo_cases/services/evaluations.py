"""Session evaluations: a program's questions, the survey each participant is e-mailed after
a session, and the one answer each may give.

How anonymity holds. Sending a session's survey writes one ``EvaluationInvite`` per
participant: it knows their name and address (to e-mail the link and to answer
``evaluation_done``) and keeps only the SHA-256 of the link's token. Answering flips the
invite's ``answered`` flag with a compare-and-set (a second answer, even a simultaneous
one, is refused) and writes an ``EvaluationResponse``. When the survey was sent as
anonymous, that response carries no invite id, no user and no time of day (the day only;
the invite records no time at all), so nothing in the database joins an answer to the
person who gave it: the hub learns who answered, never what they said (and, until three
have answered, not even the answers: see ``evaluation_results``). When the program
asks for named answers (and the e-mail said so), the response points at its invite.
The survey's questions and its anonymity are frozen when it is first sent
(``SessionEvaluation``): editing the program later changes only later sessions.

Sending is a coordinator's action, "Send evaluations", once the session has ended: the
attendance list that says who was there is recorded by hand, often after the session, so
an automatic send could miss people. Sending again later reaches only those added since.

Free comments are written by clinicians and may name a patient. They go through the
de-identifier (the same analyser and surrogates as a case) before they are stored; the
original text is never kept, so staff only ever read the de-identified comment.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

from sqlmodel import Session, col, select, update

from echo_cases import clock
from echo_cases.access import ORGANISERS, role_in_hub
from echo_cases.deid import get_deidentifier, redact_fields
from echo_cases.errors import Conflict, Forbidden, Invalid, NotFound
from echo_cases.letters.content import session_label
from echo_cases.services import audit, credits, links
from echo_cases.services.credits import VerifyUrlFor

# Decided beside the certificates they hold back; still read here, where they began.
from echo_cases.services.credits import (
    certificate_waits_for_evaluation as certificate_waits_for_evaluation,
)
from echo_cases.services.credits import evaluation_done as evaluation_done
from echo_cases.services.participants import participants_of
from models import (
    EchoSession,
    EvaluationInvite,
    EvaluationResponse,
    Hub,
    Program,
    ProgramEvaluation,
    SessionEvaluation,
    User,
    as_utc,
    id_of,
)

LinkFor = Callable[[str], str]
VALID_FOR = timedelta(days=30)
SCALE = ("1", "2", "3", "4", "5")
KINDS = ("scale", "choice", "text")
MAX_QUESTIONS, MAX_LABEL, MAX_OPTIONS, MAX_OPTION, MAX_COMMENT = 12, 300, 10, 60, 4000
DEFAULT_QUESTIONS: tuple[dict[str, Any], ...] = (
    {"key": "relevance", "kind": "scale", "options": [],
     "label": "How relevant was this session to your practice? (1 not at all, 5 very)"},
    {"key": "confidence", "kind": "scale", "options": [],
     "label": "How confident are you to apply what you learnt? (1 not at all, 5 very)"},
    {"key": "intention", "kind": "choice", "options": ["yes", "no", "unsure"],
     "label": "Do you intend to change your practice after this session?"},
    {"key": "comment", "kind": "text", "options": [],
     "label": "Any comment for the hub? (do not name patients)"},
)
DEAD_LINK = ("This evaluation link does not work: it may be mistyped, or it expired. "
             "Ask your hub for a new one.")
ANSWERED = ("You have answered this evaluation already: each participant answers once. "
            "Thank you.")


# --- a program's questions ----------------------------------------------------------------


@dataclass(frozen=True)
class EvaluationSettings:
    questions: list[dict[str, Any]]
    anonymous: bool = True
    required_for_certificate: bool = False


def settings_of(db: Session, program_id: int) -> EvaluationSettings:
    """The program's evaluation, or the defaults if its admin never changed them."""
    row = db.get(ProgramEvaluation, program_id)
    if row is None:
        return EvaluationSettings([dict(q) for q in DEFAULT_QUESTIONS])
    return EvaluationSettings(list(row.questions), row.anonymous, row.required_for_certificate)


def program_section(db: Session, program: Program) -> dict[str, Any]:
    """What the program page's evaluation form starts from."""
    chosen = settings_of(db, id_of(program))
    return {"questions": questions_as_text(chosen.questions), "anonymous": chosen.anonymous,
            "required_for_certificate": chosen.required_for_certificate}


def questions_as_text(questions: list[dict[str, Any]]) -> str:
    """The questions as the program page edits them: one a line, "label | kind"."""
    lines = []
    for q in questions:
        kind = ", ".join(q["options"]) if q["kind"] == "choice" else q["kind"]
        lines.append(f"{q['label']} | {kind}")
    return "\n".join(lines)


def read_questions(text: str, earlier: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Questions from the editor's lines. A label kept as it was keeps its key, so the
    program's figures over time follow the question; every problem is named by its line."""
    keys = {q["label"]: q["key"] for q in earlier}
    questions: list[dict[str, Any]] = []
    errors: dict[str, str] = {}
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1)
             if line.strip()]
    if not lines:
        errors["questions"] = "Ask at least one question."
    if len(lines) > MAX_QUESTIONS:
        errors["questions"] = f"Ask at most {MAX_QUESTIONS} questions."
    for n, line in lines:
        label, bar, kind = (part.strip() for part in line.rpartition("|"))
        if not bar or not label:
            errors[f"line {n}"] = ("Write the question, a bar, then scale, text, or the "
                                   "choices separated by commas.")
            continue
        if len(label) > MAX_LABEL:
            errors[f"line {n}"] = f"Shorten the question to {MAX_LABEL} characters."
            continue
        question, problem = _question(label, kind, keys.get(label) or _key(label))
        if problem:
            errors[f"line {n}"] = problem
        elif question["key"] in {q["key"] for q in questions}:
            errors[f"line {n}"] = "The same question is asked twice."
        else:
            questions.append(question)
    if errors:
        raise Invalid("The evaluation's questions need a few changes.", errors)
    return questions


def _question(label: str, kind: str, key: str) -> tuple[dict[str, Any], str]:
    if kind.lower() in ("scale", "text"):
        return {"key": key, "label": label, "kind": kind.lower(), "options": []}, ""
    options = list(dict.fromkeys(o.strip() for o in kind.split(",") if o.strip()))
    if len(options) < 2:
        return {}, "Give scale, text, or at least two choices separated by commas."
    if len(options) > MAX_OPTIONS or any(len(o) > MAX_OPTION for o in options):
        return {}, f"Give at most {MAX_OPTIONS} choices of {MAX_OPTION} characters each."
    return {"key": key, "label": label, "kind": "choice", "options": options}, ""


def _key(label: str) -> str:
    words = re.findall(r"[a-z0-9]+", label.lower())
    return "_".join(words)[:40].strip("_") or "question"


def save_settings(db: Session, admin: User, program: Program, questions_text: str, *,
                  anonymous: bool, required_for_certificate: bool) -> EvaluationSettings:
    """Change the program's evaluation; sessions already surveyed keep what they asked."""
    current = settings_of(db, id_of(program))
    questions = read_questions(questions_text, current.questions)
    row = db.get(ProgramEvaluation, id_of(program)) or ProgramEvaluation(
        program_id=id_of(program))
    row.questions, row.anonymous = questions, anonymous
    row.required_for_certificate = required_for_certificate
    row.updated_at = clock.now(db)
    db.add(row)
    audit.record(db, "program_evaluation_changed", actor_id=id_of(admin),
                 hub_id=program.hub_id, subject=f"program:{program.id}",
                 anonymous=anonymous, required_for_certificate=required_for_certificate,
                 questions=len(questions))
    db.flush()
    return EvaluationSettings(questions, anonymous, required_for_certificate)


# --- who is asked -------------------------------------------------------------------------


@dataclass(frozen=True)
class Respondent:
    name: str
    email: str
    user_id: int | None
    key: str  # stable per person and session: one link, one answer


def respondents(db: Session, session: EchoSession) -> list[Respondent]:
    """Who is asked to evaluate the session: its participants, members ticked present and
    spokes without an account alike, who can be written to. A member is keyed by account
    and anyone else by address, so that one person keeps one link and one answer."""
    people = participants_of(db, session)
    members = {u.id: u for u in db.exec(select(User).where(
        col(User.id).in_([p.user_id for p in people if p.user_id is not None])))}
    asked: list[Respondent] = []
    for person in people:
        member = members.get(person.user_id) if person.user_id is not None else None
        if member is not None:
            if member.active:
                asked.append(Respondent(member.name, member.email, id_of(member),
                                        f"user:{member.id}"))
        elif person.email:
            asked.append(Respondent(person.name, person.email, None,
                                    f"email:{person.email.strip().lower()}"))
    return asked


# --- sending ------------------------------------------------------------------------------


def has_ended(db: Session, session: EchoSession) -> bool:
    ends = as_utc(session.starts_at) + timedelta(minutes=session.duration_minutes)
    return ends <= clock.now(db)


def survey_of(db: Session, session_id: int) -> SessionEvaluation | None:
    return db.get(SessionEvaluation, session_id)


def send_evaluations(db: Session, organiser: User, session: EchoSession,
                     link_for: LinkFor) -> int:
    """E-mail the survey's link to every participant not yet sent one, and again (a new
    link) to those whose e-mail failed and who have not answered; how many were sent.

    The first send freezes the program's questions and anonymity for this session."""
    if role_in_hub(db, organiser, session.hub_id) not in ORGANISERS:
        raise Forbidden("Only the hub's coordinators send evaluations.")
    if not has_ended(db, session):
        raise Invalid(f"The session has not ended yet ({session_label(session)}): send its "
                      "evaluation once it is over.", {"session": "Not ended yet."})
    people = respondents(db, session)
    if not people:
        raise Invalid("Nobody is recorded as present: record the session's attendance first.",
                      {"present_ids": "Record who attended first."})
    survey = _open_survey(db, organiser, session)
    already = {i.respondent_key: i for i in db.exec(
        select(EvaluationInvite).where(EvaluationInvite.session_id == session.id))}
    hub, program = db.get(Hub, session.hub_id), db.get(Program, session.program_id)
    if hub is None or program is None:
        raise NotFound("No such session.")
    sent = 0
    for person in people:
        token, digest = links.mint()
        invite = already.get(person.key)
        if invite is None:
            invite = EvaluationInvite(
                session_id=id_of(session), respondent_key=person.key, user_id=person.user_id,
                email=person.email.strip().lower(), name=person.name, digest=digest,
                expires_at=clock.now(db) + VALID_FOR)
        elif invite.send_error and not invite.answered:
            invite.digest, invite.expires_at = digest, clock.now(db) + VALID_FOR
            invite.send_error = ""
        else:
            continue
        db.add(invite)
        db.flush()
        message = _message(links.mailer_of(db).sender, invite, hub, program, session,
                           survey.anonymous, link_for(token))
        links.send_after_commit(db, message, _note_outcome(db, id_of(invite)))
        sent += 1
    audit.record(db, "evaluations_sent", actor_id=id_of(organiser), hub_id=session.hub_id,
                 subject=f"session:{session.id}", sent=sent)
    return sent


def _open_survey(db: Session, organiser: User, session: EchoSession) -> SessionEvaluation:
    survey = db.get(SessionEvaluation, session.id)
    if survey is None:
        chosen = settings_of(db, session.program_id)
        survey = SessionEvaluation(session_id=id_of(session), questions=chosen.questions,
                                   anonymous=chosen.anonymous, opened_by_id=id_of(organiser),
                                   opened_at=clock.now(db))
        db.add(survey)
        db.flush()
    return survey


def _message(sender: str, invite: EvaluationInvite, hub: Hub, program: Program,
             session: EchoSession, anonymous: bool, link: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = invite.email
    message["Subject"] = f"How was {program.name}? A short evaluation from {hub.name}"
    who = ("Your answers are anonymous: the hub sees them without your name."
           if anonymous else "Your answers are seen by the hub with your name.")
    message.set_content(
        f"Dear {invite.name},\n\n"
        f"Thank you for attending {program.name} on {session_label(session)}. "
        f"{hub.name} asks a few short questions about it.\n\n"
        f"Answer here (no sign-in needed; one answer, until "
        f"{as_utc(invite.expires_at):%d %B %Y}):\n{link}\n\n"
        f"{who} Please do not name patients in your comment.\n")
    return message


def _note_outcome(db: Session, invite_id: int) -> Callable[[str], None]:
    """Record whether the link's e-mail went, in a transaction of its own."""
    bind = db.get_bind()
    sent_at = clock.now(db)

    def note(error: str) -> None:
        with Session(bind) as apart:
            apart.exec(update(EvaluationInvite).where(col(EvaluationInvite.id) == invite_id)
                       .values(sent_at=None if error else sent_at, send_error=error))
            apart.commit()

    return note


# --- answering ----------------------------------------------------------------------------


def invite_for_token(db: Session, token: str) -> EvaluationInvite:
    """The invite this link opens, or NotFound (one answer for every reason a link fails);
    an answered one is returned: the page says it was answered."""
    if not links.looks_like_token(token):
        raise NotFound(DEAD_LINK)
    invite = db.exec(select(EvaluationInvite)
                     .where(EvaluationInvite.digest == links.digest(token))).first()
    if invite is None or not links.matches(invite.digest, token) \
            or as_utc(invite.expires_at) <= clock.now(db):
        raise NotFound(DEAD_LINK)
    return invite


def read_answers(questions: list[dict[str, Any]],
                 raw: Mapping[str, str]) -> dict[str, str]:
    """The form's answers by question key, checked; every problem is named by its key."""
    answers: dict[str, str] = {}
    errors: dict[str, str] = {}
    for q in questions:
        value = raw.get(q["key"], "").strip()
        if not value:
            continue
        if q["kind"] == "scale" and value not in SCALE:
            errors[q["key"]] = "Choose a number from 1 to 5."
        elif q["kind"] == "choice" and value not in q["options"]:
            errors[q["key"]] = "Choose one of: " + ", ".join(q["options"]) + "."
        elif q["kind"] == "text" and len(value) > MAX_COMMENT:
            errors[q["key"]] = f"Shorten your comment to {MAX_COMMENT} characters."
        else:
            answers[q["key"]] = value
    if not answers and not errors:
        errors["form"] = "Answer at least one question."
    if errors:
        raise Invalid("Your answers need a change before they can be sent.", errors)
    return answers


def answer(db: Session, invite: EvaluationInvite, raw: Mapping[str, str], *,
           verify_url_for: VerifyUrlFor) -> EvaluationResponse:
    """Keep one participant's answers: once, whatever the timing of a second try. A
    certificate that waited for this answer is issued and queued for e-mail with it."""
    survey, _session, _program, hub = survey_page_facts(db, invite)
    if invite.answered:
        raise Conflict(ANSWERED)
    answers = read_answers(survey.questions, raw)
    # Before any write: the analyser takes a while, and holds no lock meanwhile.
    for q in survey.questions:
        if q["kind"] == "text" and q["key"] in answers:
            answers[q["key"]] = deidentified(answers[q["key"]], hub.locale)
    # Compare-and-set: of two answers sent at once, the second changes no row.
    flipped = db.exec(update(EvaluationInvite)
                      .where(col(EvaluationInvite.id) == invite.id,
                             col(EvaluationInvite.answered).is_(False))
                      .values(answered=True))
    db.expire(invite, ["answered"])
    if flipped.rowcount != 1:
        raise Conflict(ANSWERED)
    response = EvaluationResponse(session_id=invite.session_id,
                                  invite_id=None if survey.anonymous else id_of(invite),
                                  answers=answers, submitted_on=clock.now(db).date())
    db.add(response)
    db.flush()
    credits.issue_after_evaluation(db, invite, verify_url_for)
    return response


def deidentified(text: str, locale: str = "en_US") -> str:
    """The comment with its identifiers replaced by placeholders, as a case's would be."""
    findings = get_deidentifier().analyze(text)
    # A key of its own: placeholders ([PATIENT 1]) need no link to any other text.
    result = redact_fields({"comment": text}, {"comment": findings},
                           case_key=secrets.token_bytes(32), style="tags", locale=locale)
    return result.fields["comment"]


def survey_page_facts(db: Session, invite: EvaluationInvite) -> tuple[
        SessionEvaluation, EchoSession, Program, Hub]:
    """What the public survey page names: the survey, its session, program and hub."""
    survey = db.get(SessionEvaluation, invite.session_id)
    session = db.get(EchoSession, invite.session_id)
    if survey is None or session is None:
        raise NotFound(DEAD_LINK)
    program, hub = db.get(Program, session.program_id), db.get(Hub, session.hub_id)
    if program is None or hub is None:
        raise NotFound(DEAD_LINK)
    return survey, session, program, hub


def undelivered(db: Session, session_id: int) -> list[tuple[str, str]]:
    """(address, why) of each link whose e-mail could not be sent: sending again retries.
    Addresses only: whether they answered is not shown (an anonymous survey stays so)."""
    return [(email, error) for email, error in db.exec(
        select(EvaluationInvite.email, EvaluationInvite.send_error)
        .where(EvaluationInvite.session_id == session_id, EvaluationInvite.send_error != "")
        .order_by(col(EvaluationInvite.email)))]
