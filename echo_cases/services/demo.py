"""A demo hub with an account for each role and cases in every state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, select

from echo_cases.access import get_case
from echo_cases.services import accounts, review, sessions
from echo_cases.services import cases as case_ops
from echo_cases.services.demo_loop import DemoLinks, tell_learning_loop
from echo_cases.services.redaction import Decisions
from models import Case, EchoSession, Hub, Program, User, id_of, utcnow
from workflows import Role

# Published in the README: the demo hub holds only invented cases.
DEMO_PASSWORD = "echo-demo-2026"  # noqa: S105
DEMO_HUB_SLUG = "demo"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    role: Role


DEMO_ACCOUNTS = (
    DemoAccount("clinician@demo.echo", "Dr. Ama Mensah (clinician)", Role.CLINICIAN),
    DemoAccount("expert@demo.echo", "Dr. Lucia Ferreira (expert)", Role.EXPERT),
    DemoAccount("coordinator@demo.echo", "Sam Okafor (coordinator)", Role.COORDINATOR),
    DemoAccount("admin@demo.echo", "Priya Nair (admin)", Role.ADMIN),
)

_CASES = [
    {
        "title": "ASC-H Pap result in a 34-year-old, colposcopy unavailable locally",
        "question": "Should we treat with see-and-treat LEEP or wait for colposcopy?",
        "age_band": "30-39", "sex": "female",
        "history": "G3P3. Patient Maria Gonzales, seen on 03/14/2026 at Riverside Clinic. "
                   "Previous Pap in 2019 was normal. HPV 16 positive.",
        "current_treatment": "None yet.",
        "labs_imaging": "Pap: ASC-H. HPV genotyping: 16 positive.",
        "narrative": "She lives in Las Cruces and can be reached at (575) 555-0143. "
                     "Her sister Ana drives her to visits.",
    },
    {
        "title": "Smouldering myeloma with rising M-protein",
        "question": "Is it time to start treatment, and with which regimen?",
        "age_band": "60-69", "sex": "male",
        "history": "Mr. Okonkwo, MRN 4471902, diagnosed 2023. M-protein 2.1 g/dL rising to 2.9.",
        "current_treatment": "Observation.",
        "labs_imaging": "FLC ratio 45. PET-CT on 2026-02-02: no lytic lesions.",
        "narrative": "Works at Tri-County Grain Cooperative. Lives with his wife.",
    },
    {
        "title": "Survivorship care plan after stage II breast cancer",
        "question": "How long should she stay on endocrine therapy?",
        "age_band": "50-59", "sex": "female",
        "history": "Stage IIA (T2N0M0) ER+ breast cancer treated in 2021 with lumpectomy and RT.",
        "current_treatment": "Anastrozole since 2021.",
        "labs_imaging": "Mammogram 2025 normal. DEXA: osteopenia.",
        "narrative": "Dr. Petrov at Hillview Medical Center follows her bone health.",
    },
    {
        "title": "CIN2 in a 23-year-old who wants children",
        "question": "Observation with colposcopy every 6 months, or treat now?",
        "age_band": "18-29", "sex": "female",
        "history": "Biopsy CIN2 (p16 positive) on 2026-09-30. Nulliparous. "
                   "Seen by Dr. Wanjiru Kamau at Kisumu County Referral Hospital.",
        "current_treatment": "None.",
        "labs_imaging": "Colposcopy adequate, transformation zone fully visible.",
        "narrative": "Lives in Kondele; phone +254 712 345 678.",
    },
    {
        "title": "Abnormal screening in a woman living with HIV",
        "question": "Which screening interval after a normal follow-up?",
        "age_band": "40-49", "sex": "female",
        "history": "HIV on ART, CD4 480. Pap LSIL in January 2026, HPV positive.",
        "current_treatment": "Dolutegravir-based ART.",
        "labs_imaging": "Viral load undetectable.",
        "narrative": "Ms. Adeyemi works at the Lagos Road market.",
    },
    {
        "title": "New anaemia and back pain",
        "question": "Should we work up for myeloma before referral?",
        "age_band": "70-79", "sex": "male",
        "history": "Hb 9.8 g/dL, calcium 2.8 mmol/L, creatinine 160 umol/L.",
        "current_treatment": "Paracetamol.",
        "labs_imaging": "Spine X-ray: osteopenia, no obvious lytic lesion.",
        "narrative": "Referred by Dr. Tomasz Nowak, Gdansk.",
    },
]
# Which of the three programs each invented case belongs to.
_PROGRAM_OF = [0, 1, 2, 0, 0, 1]


_DEMO_RECOMMENDATIONS = {
    "summary": "The panel agreed that endocrine therapy should continue and that bone health "
               "needs attention now.",
    "items": [
        {"recommendation": "Continue anastrozole to complete 5 years; discuss extending to 10.",
         "rationale": "Node-negative T2 ER+ disease: extended therapy lowers late recurrence.",
         "reference": "ASCO endocrine therapy guideline update"},
        {"recommendation": "Start calcium and vitamin D; repeat DEXA in 2 years.",
         "rationale": "Aromatase inhibitors accelerate bone loss; she has osteopenia.",
         "reference": ""},
    ],
}


def seed_demo(db: Session, links: DemoLinks) -> list[DemoAccount]:
    """Create the demo hub once; a second run changes nothing."""
    if db.exec(select(Hub).where(Hub.slug == DEMO_HUB_SLUG)).first():
        return list(DEMO_ACCOUNTS)
    hub = accounts.create_hub(db, "Demo Cancer ECHO Hub", DEMO_HUB_SLUG,
                              letterhead="1 University Boulevard, Albuquerque NM · "
                                         "echo-demo@example.org")
    programs = [
        accounts.create_program(db, hub, "Cervical Cancer Prevention ECHO",
                                "Screening, colposcopy and treatment of pre-cancer."),
        accounts.create_program(db, hub, "Multiple Myeloma ECHO"),
        accounts.create_program(db, hub, "Cancer Survivorship ECHO"),
    ]
    users: dict[Role, User] = {}
    for account in DEMO_ACCOUNTS:
        user = accounts.create_user(db, account.email, account.name, DEMO_PASSWORD)
        accounts.add_member(db, user, hub, account.role)
        users[account.role] = user
    told = _DemoStory(db, users, programs).tell()
    tell_learning_loop(db, users, programs, links, told_case_id=told)
    return list(DEMO_ACCOUNTS)


class _DemoStory:
    """Walks invented cases through the real workflow, so the demo shows every state."""

    def __init__(self, db: Session, users: dict[Role, User], programs: list[Program]) -> None:
        self.db, self.users, self.programs = db, users, programs

    def tell(self) -> int:
        """Walk the cases; return the id of the one whose letter went out."""
        db, users = self.db, self.users
        upcoming = [self._session(program, days=7) for program in self.programs]
        # Booked an hour ahead so the workflow schedules the cases, then moved back a week
        # (see _begin) before they are marked presented: the workflow follows time.
        past = [self._session(program, days=0, hours=1) for program in self.programs[1:]]
        self._case(0, "draft")
        self._case(1, "deidentified")
        self._case(3, "reviewed", pre_review=True)  # reviewed, on no agenda yet
        self._case(4, "reviewed", session=upcoming[0])
        self._case(1, "presented", session=past[0], title="Second opinion: ")
        signed = self._case(2, "recommendations_sent", session=past[1])
        self._case(5, "withdrawn")
        for session in past:
            self._begin(session)
            sessions.record_attendance(db, users[Role.COORDINATOR], session,
                                       [id_of(u) for u in users.values()],
                                       expected_version=session.attendance_version)
        return id_of(signed)

    def _begin(self, session: EchoSession) -> None:
        """Move a session booked for the next hour back a week, so that it has happened."""
        if sessions.has_started(self.db, session):
            return
        session.starts_at = session.starts_at - timedelta(days=7, hours=1)
        self.db.add(session)
        self.db.flush()

    def _session(self, program: Program, *, days: int, hours: int = 0) -> EchoSession:
        start = (utcnow() + timedelta(days=days, hours=hours)).replace(tzinfo=None, second=0,
                                                                       microsecond=0)
        if days:
            start = start.replace(hour=18, minute=0)
        return sessions.schedule_session(self.db, self.users[Role.COORDINATOR],
                                         sessions.SessionPlan(
            program_id=id_of(program), local_start=start, timezone="UTC",
            topic="Case-based learning", panel_ids=(id_of(self.users[Role.EXPERT]),),
            facilitator_id=id_of(self.users[Role.COORDINATOR])))

    def _case(self, index: int, state: str, *, pre_review: bool = False,
              session: EchoSession | None = None, title: str = "") -> Case:
        db, users = self.db, self.users
        fields = {**_CASES[index], "title": title + _CASES[index]["title"]}
        program = self.programs[_PROGRAM_OF[index]]
        case = case_ops.create_case(db, users[Role.CLINICIAN], id_of(program), fields)
        if state == "draft":
            return case
        _case, clinician = get_case(db, users[Role.CLINICIAN], id_of(case))
        case_ops.submit_case(db, clinician, case, Decisions(), expected_version=case.version)
        if state == "withdrawn":
            case_ops.take_action(db, clinician, case, "withdraw", expected_version=case.version,
                                 comment="The patient chose to be treated elsewhere.")
            return case
        steps: list[tuple[Role, str, dict[str, object]]] = []
        if pre_review or session is not None:
            steps.append((Role.EXPERT, "record_pre_review",
                          {"notes": "Worth discussing: the guidelines leave room here."}))
        if session is not None:
            steps.append((Role.COORDINATOR, "schedule", {"session_id": session.id}))
        if state in ("presented", "recommendations_sent"):
            steps.append((Role.COORDINATOR, "mark_presented", {}))
        for role, action, payload in steps:
            if action == "mark_presented" and session is not None:
                self._begin(session)
            _case, actor = get_case(db, users[role], id_of(case))
            case_ops.take_action(db, actor, case, action, expected_version=case.version,
                                 payload=payload)
        if state == "recommendations_sent":
            review.save_recommendations(db, users[Role.EXPERT], case,
                                        summary=str(_DEMO_RECOMMENDATIONS["summary"]),
                                        items=_DEMO_RECOMMENDATIONS["items"],  # type: ignore[arg-type]
                                        expected_version=None)
            _case, expert = get_case(db, users[Role.EXPERT], id_of(case))
            case_ops.take_action(db, expert, case, "sign_off", expected_version=case.version)
        return case
