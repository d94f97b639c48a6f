"""Put many realistic, invented, de-identified cases into a migrated database, fast.

usage (from a benchmark or a load test)::

    from echo_cases import migrations
    from echo_cases.db import make_engine
    from benchmarks.seeding import seed_cases

    engine = make_engine(url)
    migrations.upgrade(engine)                       # the schema comes from the migrations
    hub = seed_cases(engine, 10_000, hub_slug="load")
    hub = seed_cases(engine, 90_000, hub_slug="load")  # the same hub grows to 100,000
    hub.email(Role.COORDINATOR), hub.password          # sign in as its people

``seed_cases`` writes rows with SQLAlchemy Core ``insert()`` (executemany, in batches;
on PostgreSQL the big tables go through ``COPY``, because psycopg runs an executemany
as one INSERT per row), not through the services: de-identifying 100,000 cases would
take hours, and what a queue or an export reads is the rows, not how they got there.
About 0.4 s per 1,000 cases on SQLite, 0.6 s on PostgreSQL, on two cores. The rows are
what the workflow would have left behind:

- one hub (made on the first call for a slug, reused by later ones), four programs,
  40 clinicians, 8 experts, 2 coordinators and an admin, all with one password;
- weekly teleECHO sessions per program, from three years ago to a month ahead, each
  past one with its attendance;
- cases in a real hub's mix of states (most ``recommendations_sent``; some
  de-identified, reviewed, presented; a few drafts and withdrawn), each with the
  ``case_transition`` rows of its path (submit, sometimes returned and resubmitted,
  assign, pre-review, accept into a session, present, sign off), a ``pre_review`` row
  where an expert wrote notes, a lead expert where the workflow needs one, and an
  ``agenda_item`` for every case accepted into a session.

Not written: letters (so the export's turnaround column stays empty), recommendation
sets, redactions and audit events (which neither the queues nor the exports read).
Identified originals (``case_original``) are written only when a ``vault`` is given:
the author's "My cases" page and the case page read them, the queues and the exports
never do. They are a handful of fixed invented originals, sealed once each and shared
between cases, because sealing is not what is measured.

The people's password hash is argon2 at a low cost, so signing in stays cheap; an app
running production-cost hashing re-hashes it at a person's first sign-in.
The same ``seed`` and sizes give the same rows.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import Connection, Engine, Table, func, insert, select
from sqlmodel import SQLModel

import models  # noqa: F401  (registers every table on SQLModel.metadata)
from echo_cases.vault import Vault
from models import utcnow
from workflows import CaseState, Role

BENCH_PASSWORD = "bench-password-2026"  # noqa: S105 - invented accounts in a scratch database
DEFAULT_HUB_SLUG = "bench"
PEOPLE = {Role.CLINICIAN: 40, Role.EXPERT: 8, Role.COORDINATOR: 2, Role.ADMIN: 1}
PROGRAMS = ("Cervical Cancer Prevention ECHO", "Multiple Myeloma ECHO",
            "Cancer Survivorship ECHO", "Hepatitis C ECHO")
# A hub's cases, weighted as a hub a few years old holds them: most are finished.
STATE_WEIGHTS = {
    CaseState.RECOMMENDATIONS_SENT: 70,
    CaseState.DEIDENTIFIED: 14,
    CaseState.REVIEWED: 6,
    CaseState.PRESENTED: 4,
    CaseState.DRAFT: 3,
    CaseState.WITHDRAWN: 3,
}
HISTORY_DAYS = 3 * 365
WEEK = timedelta(days=7)

_TABLES = SQLModel.metadata.tables
_CASE, _TRANSITION = _TABLES["case"], _TABLES["case_transition"]
_ORIGINAL = _TABLES["case_original"]
_PRE_REVIEW, _AGENDA = _TABLES["pre_review"], _TABLES["agenda_item"]

# De-identified as the service leaves them: identifiers replaced by tags.
_TEMPLATES: tuple[dict[str, str], ...] = (
    {"title": "ASC-H Pap result, colposcopy unavailable locally",
     "question": "See-and-treat LEEP now, or wait for colposcopy?",
     "history": "G3P3. [PATIENT 1], seen on [DATE 1] at [LOCATION 1]. Previous Pap normal. "
                "HPV 16 positive.",
     "current_treatment": "None yet.", "labs_imaging": "Pap: ASC-H. HPV 16 positive.",
     "narrative": "She lives in [LOCATION 2] and can be reached at [PHONE 1]."},
    {"title": "Smouldering myeloma with rising M-protein",
     "question": "Is it time to start treatment, and with which regimen?",
     "history": "[PATIENT 1], MRN [ID 1], diagnosed [DATE 1]. M-protein 2.1 rising to 2.9 g/dL.",
     "current_treatment": "Observation.", "labs_imaging": "FLC ratio 45. PET-CT: no lytic lesions.",
     "narrative": "Works at [ORGANIZATION 1]. Lives with his wife."},
    {"title": "Survivorship plan after stage II breast cancer",
     "question": "How long should she stay on endocrine therapy?",
     "history": "Stage IIA ER+ breast cancer treated in [DATE 1] with lumpectomy and RT.",
     "current_treatment": "Anastrozole.", "labs_imaging": "Mammogram normal. DEXA: osteopenia.",
     "narrative": "[PERSON 1] at [ORGANIZATION 1] follows her bone health."},
    {"title": "CIN2 in a young woman who wants children",
     "question": "Observation with colposcopy every 6 months, or treat now?",
     "history": "Biopsy CIN2 (p16 positive) on [DATE 1]. Nulliparous.",
     "current_treatment": "None.", "labs_imaging": "Colposcopy adequate, TZ fully visible.",
     "narrative": "Lives in [LOCATION 1]; phone [PHONE 1]."},
    {"title": "Chronic hepatitis C with compensated cirrhosis",
     "question": "Which regimen, and for how long, with a platelet count of 92?",
     "history": "Genotype 3, treatment-naive. [PATIENT 1] was diagnosed on [DATE 1].",
     "current_treatment": "None.", "labs_imaging": "FibroScan 14.2 kPa. Platelets 92.",
     "narrative": "Drives two hours from [LOCATION 1] to the clinic."},
    {"title": "New anaemia and back pain",
     "question": "Should we work up for myeloma before referral?",
     "history": "Hb 9.8 g/dL, calcium 2.8 mmol/L, creatinine 160 umol/L.",
     "current_treatment": "Paracetamol.", "labs_imaging": "Spine X-ray: osteopenia.",
     "narrative": "Referred by [PERSON 1], [LOCATION 1]."},
)
_AGE_BANDS = ("18-29", "30-39", "40-49", "50-59", "60-69", "70-79")
_SEXES = ("female", "female", "male", "not stated")


@dataclass(frozen=True)
class SeededHub:
    """What a caller needs to use the seeded hub: its ids and how to sign in as its people."""

    hub_id: int
    slug: str
    program_ids: tuple[int, ...]
    user_ids: dict[Role, tuple[int, ...]]
    emails: dict[Role, tuple[str, ...]]
    password: str
    # Cases of the hub after this call (all calls so far), and cases this call added.
    cases: int
    added: int

    def email(self, role: Role, index: int = 0) -> str:
        return self.emails[role][index]


def seed_cases(
    engine: Engine,
    count: int,
    *,
    hub_slug: str = DEFAULT_HUB_SLUG,
    seed: int = 0,
    vault: Vault | None = None,
    now: datetime | None = None,
    batch_size: int = 5_000,
) -> SeededHub:
    """Add ``count`` cases to the hub ``hub_slug`` (made on first use) and return the hub.

    The database behind ``engine`` must already be migrated. Each batch of
    ``batch_size`` cases is its own transaction; nothing else may write cases meanwhile
    (each batch numbers its cases from the largest id). Pass the app's ``vault``
    (``Vault(settings.data_keys)``) to also write sealed identified originals.
    """
    moment = now or utcnow()
    with engine.begin() as connection:
        hub = _hub(connection, hub_slug, moment)
        already = connection.execute(
            select(func.count()).select_from(_CASE).where(_CASE.c.hub_id == hub.hub_id)
        ).scalar_one()
    # Seeded by the hub's size too, so growing a hub in steps adds new, varied cases.
    rng = random.Random(f"{seed}:{hub_slug}:{already}")  # noqa: S311 - invented data, not secrets
    originals = _sealed_originals(vault) if vault else None
    done = 0
    while done < count:
        size = min(batch_size, count - done)
        stories = [_story(rng, hub, moment) for _ in range(size)]
        with engine.begin() as connection:
            _insert_batch(connection, stories, originals)
        done += size
    return SeededHub(hub.hub_id, hub_slug, hub.program_ids, hub.user_ids,
                     hub.emails, BENCH_PASSWORD, already + count, count)


@dataclass
class _Hub:
    hub_id: int
    program_ids: tuple[int, ...]
    user_ids: dict[Role, tuple[int, ...]]
    emails: dict[Role, tuple[str, ...]]
    # Per program: the first weekly session's start and every session's id, in order.
    first_session: datetime
    session_ids: dict[int, list[int]] = field(default_factory=dict)


def _hub(connection: Connection, slug: str, moment: datetime) -> _Hub:
    """The hub's ids, making the hub, its people and its sessions if it is new."""
    hubs, programs = _TABLES["hub"], _TABLES["program"]
    found = connection.execute(select(hubs.c.id).where(hubs.c.slug == slug)).scalar()
    if found is None:
        found = connection.execute(insert(hubs).returning(hubs.c.id), {
            "name": f"Benchmark hub {slug}", "slug": slug, "surrogate_style": "tags",
            "locale": "en_US", "letterhead": "", "letters_to_attendees": False,
            "require_two_factor": False, "created_at": moment - timedelta(days=HISTORY_DAYS + 30),
        }).scalar_one()
        _make_hub_contents(connection, found, slug, moment)
    program_ids = tuple(connection.execute(
        select(programs.c.id).where(programs.c.hub_id == found).order_by(programs.c.id)).scalars())
    users, members = _TABLES["user"], _TABLES["membership"]
    user_ids: dict[Role, list[int]] = {role: [] for role in Role}
    emails: dict[Role, list[str]] = {role: [] for role in Role}
    for user_id, email, role in connection.execute(
            select(users.c.id, users.c.email, members.c.role)
            .join(members, members.c.user_id == users.c.id)
            .where(members.c.hub_id == found).order_by(users.c.id)):
        user_ids[Role(role)].append(user_id)
        emails[Role(role)].append(email)
    sessions = _TABLES["echo_session"]
    hub = _Hub(found, program_ids, {r: tuple(v) for r, v in user_ids.items()},
               {r: tuple(v) for r, v in emails.items()}, _first_session(moment))
    for session_id, program_id in connection.execute(
            select(sessions.c.id, sessions.c.program_id).where(sessions.c.hub_id == found)
            .order_by(sessions.c.starts_at, sessions.c.id)):
        hub.session_ids.setdefault(program_id, []).append(session_id)
    return hub


def _first_session(moment: datetime) -> datetime:
    """Tuesdays at 18:00 UTC, from before the oldest case on; the same for every call."""
    start = (moment - timedelta(days=HISTORY_DAYS + 14)).replace(
        hour=18, minute=0, second=0, microsecond=0)
    return start - timedelta(days=(start.weekday() - 1) % 7)


# Weekly sessions from the first one to five weeks ahead of ``moment``.
SESSION_WEEKS = (HISTORY_DAYS + 14 + 35) // 7


def _make_hub_contents(connection: Connection, hub_id: int, slug: str, moment: datetime) -> None:
    programs, users, members = _TABLES["program"], _TABLES["user"], _TABLES["membership"]
    connection.execute(insert(programs), [
        {"hub_id": hub_id, "name": name, "description": "", "extra_fields": [],
         "created_at": moment - timedelta(days=HISTORY_DAYS + 30)} for name in PROGRAMS])
    password_hash = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(
        BENCH_PASSWORD)
    people = [(role, n) for role, many in PEOPLE.items() for n in range(1, many + 1)]
    ids = connection.execute(insert(users).returning(users.c.id, sort_by_parameter_order=True), [
        {"email": f"{role.value}{n}@{slug}.bench.example.org",
         "name": f"Dr. {role.value.title()} {n} ({slug})", "password_hash": password_hash,
         "active": True, "totp_sealed": None, "totp_last_step": 0, "created_at": moment}
        for role, n in people]).scalars().all()
    connection.execute(insert(members), [
        {"user_id": user_id, "hub_id": hub_id, "role": role}
        for user_id, (role, _n) in zip(ids, people, strict=True)])
    experts = [i for i, (role, _n) in zip(ids, people, strict=True) if role is Role.EXPERT]
    coordinator = next(i for i, (role, _n) in zip(ids, people, strict=True)
                       if role is Role.COORDINATOR)
    _make_sessions(connection, hub_id, moment, experts, coordinator)


def _make_sessions(connection: Connection, hub_id: int, moment: datetime,
                   experts: Sequence[int], coordinator: int) -> None:
    sessions, attendance = _TABLES["echo_session"], _TABLES["attendance"]
    program_ids = connection.execute(select(_TABLES["program"].c.id).where(
        _TABLES["program"].c.hub_id == hub_id).order_by(_TABLES["program"].c.id)).scalars().all()
    first = _first_session(moment)
    plan = [(program_id, first + week * WEEK) for week in range(SESSION_WEEKS)
            for program_id in program_ids]
    ids = connection.execute(
        insert(sessions).returning(sessions.c.id, sort_by_parameter_order=True),
        [{"hub_id": hub_id, "program_id": program_id, "starts_at": starts, "timezone": "UTC",
          "duration_minutes": 60, "topic": "Case-based learning", "facilitator_id": coordinator,
          "created_at": starts - 4 * WEEK} for program_id, starts in plan]).scalars().all()
    connection.execute(insert(attendance), [
        {"session_id": session_id, "user_id": user_id, "recorded_by_id": coordinator,
         "recorded_at": starts + timedelta(hours=1)}
        for session_id, (_p, starts) in zip(ids, plan, strict=True) if starts < moment
        for user_id in (*experts[:5], coordinator)])
    # The same five experts sit on every panel: each has hundreds of sessions to walk.
    connection.execute(insert(_TABLES["session_panelist"]), [
        {"session_id": session_id, "user_id": user_id}
        for session_id in ids for user_id in experts[:5]])


@dataclass
class _Story:
    """One case and what the workflow left behind for it, before it has an id."""

    case: dict[str, Any]
    transitions: list[dict[str, Any]]
    pre_review: dict[str, Any] | None = None
    session_id: int | None = None
    template: int = 0


def _story(rng: random.Random, hub: _Hub, moment: datetime) -> _Story:
    state = rng.choices(list(STATE_WEIGHTS), weights=list(STATE_WEIGHTS.values()))[0]
    program_index = rng.randrange(len(hub.program_ids))
    author = rng.choice(hub.user_ids[Role.CLINICIAN])
    coordinator = rng.choice(hub.user_ids[Role.COORDINATOR])
    expert = rng.choice(hub.user_ids[Role.EXPERT])
    template = rng.randrange(len(_TEMPLATES))
    path = _Path(rng, moment, author)
    submitted = path.start(_submitted_days_ago(rng, state))
    story = _Story(case={}, transitions=path.rows, template=template)
    assigned: int | None = None
    if state is CaseState.DRAFT:
        path.rows.clear()
        submitted = None
    elif state is CaseState.WITHDRAWN:
        if rng.random() < 0.4:  # withdrawn before it was ever submitted
            path.rows.clear()
            submitted = None
            path.add("withdraw", CaseState.DRAFT, CaseState.WITHDRAWN, author, 0.5,
                     "Patient moved away.")
        else:
            path.add("withdraw", CaseState.DEIDENTIFIED, CaseState.WITHDRAWN, author, 3,
                     "Managed locally.")
    else:
        if rng.random() < 0.05:  # returned once for more detail, then resubmitted
            submitted = path.returned_and_resubmitted(coordinator)
        if rng.random() < 0.3:
            assigned = expert
            path.add("assign_expert", CaseState.DEIDENTIFIED, CaseState.DEIDENTIFIED,
                     coordinator, 1)
        # Recording a pre-review is what makes a case reviewed.
        if state is not CaseState.DEIDENTIFIED:
            assigned = assigned or expert
            at = path.add("record_pre_review", CaseState.DEIDENTIFIED, CaseState.REVIEWED,
                          assigned, 4)
            story.pre_review = {"expert_id": assigned, "created_at": at,
                                "notes": "Ask about vaccination status and prior screening."}
        if state is not CaseState.DEIDENTIFIED:
            scheduled = path.add("schedule", CaseState.REVIEWED, CaseState.REVIEWED,
                                 coordinator, 2)
            story.session_id, starts = _session_after(hub, program_index, scheduled)
            if state in (CaseState.PRESENTED, CaseState.RECOMMENDATIONS_SENT):
                path.at = max(path.at, starts)
                path.add("mark_presented", CaseState.REVIEWED, CaseState.PRESENTED,
                         coordinator, 0.1)
            if state is CaseState.RECOMMENDATIONS_SENT:
                path.add("sign_off", CaseState.PRESENTED, CaseState.RECOMMENDATIONS_SENT,
                         assigned, 5)
    band, sex = rng.choice(_AGE_BANDS), rng.choice(_SEXES)
    deidentified = None if submitted is None else {
        **_TEMPLATES[template], "age_band": band, "sex": sex,
        "title": f"{_TEMPLATES[template]['title']}, {band}, {sex}"}
    story.case = {
        "hub_id": hub.hub_id, "program_id": hub.program_ids[program_index], "author_id": author,
        "assigned_expert_id": assigned, "follow_up_of_id": None, "state": state,
        "version": 1 + len(path.rows), "deidentified": deidentified,
        "created_at": path.created, "updated_at": path.at, "submitted_at": submitted,
    }
    return story


def _submitted_days_ago(rng: random.Random, state: CaseState) -> float:
    """Active cases are recent; finished ones reach back over the hub's whole history."""
    if state is CaseState.DEIDENTIFIED:
        return rng.uniform(0.05, 45)
    if state is CaseState.REVIEWED:
        return rng.uniform(3, 30)
    if state is CaseState.PRESENTED:
        return rng.uniform(20, 60)
    if state is CaseState.DRAFT:
        return rng.uniform(0.05, 20)
    return rng.uniform(30, HISTORY_DAYS)


class _Path:
    """The transitions of one case, each a little after the last, never after ``moment``."""

    def __init__(self, rng: random.Random, moment: datetime, author: int) -> None:
        self.rng, self.moment, self.author = rng, moment, author
        self.rows: list[dict[str, Any]] = []
        self.at = self.created = moment

    def start(self, days_ago: float) -> datetime:
        submitted = self.moment - timedelta(days=days_ago)
        self.created = submitted - timedelta(days=self.rng.uniform(0, 5))
        self.at = submitted
        self.rows.append(self._row("submit", CaseState.DRAFT, CaseState.DEIDENTIFIED,
                                   self.author, ""))
        return submitted

    def add(self, action: str, source: CaseState, target: CaseState, actor: int,
            within_days: float, comment: str = "") -> datetime:
        self.at = min(self.moment, self.at + timedelta(days=self.rng.uniform(0, within_days)))
        self.rows.append(self._row(action, source, target, actor, comment))
        return self.at

    def returned_and_resubmitted(self, coordinator: int) -> datetime:
        self.add("return_to_clinician", CaseState.DEIDENTIFIED, CaseState.DRAFT, coordinator, 1,
                 "Please add the most recent labs.")
        return self.add("submit", CaseState.DRAFT, CaseState.DEIDENTIFIED, self.author, 2)

    def _row(self, action: str, source: CaseState, target: CaseState, actor: int,
             comment: str) -> dict[str, Any]:
        return {"actor_id": actor, "action": action, "from_state": source, "to_state": target,
                "comment": comment, "at": self.at}


def _session_after(hub: _Hub, program_index: int, moment: datetime) -> tuple[int, datetime]:
    """The program's first weekly session at least a day after ``moment``."""
    sessions = hub.session_ids[hub.program_ids[program_index]]
    week = math.ceil((moment + timedelta(days=1) - hub.first_session) / WEEK)
    week = max(0, min(len(sessions) - 1, week))
    return sessions[week], hub.first_session + week * WEEK


def _sealed_originals(vault: Vault) -> list[str]:
    """One sealed invented original per template: sealing 100,000 is not what is measured."""
    return [vault.seal({**template, "age_band": "30-39", "sex": "female",
                        "history": template["history"].replace("[PATIENT 1]", "Ada Quillfeather")
                        .replace("[DATE 1]", "03/02/2026")})
            for template in _TEMPLATES]


def _insert_batch(connection: Connection, stories: list[_Story],
                  originals: list[str] | None) -> None:
    # Ids chosen here rather than returned: SQLite returns them only one row at a time.
    first = connection.execute(select(func.coalesce(func.max(_CASE.c.id), 0))).scalar_one() + 1
    paired = list(enumerate(stories, start=first))
    _insert_many(connection, _CASE, [{**story.case, "id": case_id} for case_id, story in paired])
    _insert_many(connection, _TRANSITION, (
        {**row, "case_id": case_id} for case_id, story in paired for row in story.transitions))
    _insert_many(connection, _PRE_REVIEW, (
        {**story.pre_review, "case_id": case_id} for case_id, story in paired
        if story.pre_review))
    positions: dict[int, int] = {}
    agenda = []
    for case_id, story in paired:
        if story.session_id is not None:
            positions[story.session_id] = positions.get(story.session_id, 0) + 1
            agenda.append({"session_id": story.session_id, "case_id": case_id,
                           "position": positions[story.session_id], "minutes": 15})
    _insert_many(connection, _AGENDA, agenda)
    if originals:
        _insert_many(connection, _ORIGINAL, (
            {"case_id": case_id, "sealed": originals[story.template]}
            for case_id, story in paired))
    if connection.dialect.name == "postgresql":
        # Rows inserted with their own ids leave the sequence behind: the app's next case
        # would collide with a seeded one.
        connection.exec_driver_sql(
            "SELECT setval(pg_get_serial_sequence('\"case\"', 'id'), max(id)) FROM \"case\"")


def _insert_many(connection: Connection, table: Table, rows: Iterator[dict[str, Any]] |
                 list[dict[str, Any]]) -> None:
    batch = list(rows)
    if not batch:
        return
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), batch)
        return
    # psycopg runs an executemany as one INSERT per row: COPY is several times faster.
    names = list(batch[0])
    columns = ", ".join(f'"{name}"' for name in names)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
        for row in batch:
            copy.write_row([_copyable(row[name]) for name in names])


def _copyable(value: Any) -> Any:
    """A value as COPY's text format takes it (enums by value, JSON as text)."""
    if isinstance(value, CaseState):
        return value.value
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value
