"""A demo hub with an account for each role and cases in every state."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from echo_cases.access import get_case
from echo_cases.services import accounts
from echo_cases.services import cases as case_ops
from echo_cases.services.redaction import Decisions
from models import Hub, User, id_of
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
]


_DEMO_RECOMMENDATIONS = (
    "Continue anastrozole to complete 5 years; consider extending to 10 years given "
    "node-negative T2 disease. Start vitamin D and calcium; repeat DEXA in 2 years."
)


def seed_demo(db: Session) -> list[DemoAccount]:
    """Create the demo hub once; a second run changes nothing."""
    if db.exec(select(Hub).where(Hub.slug == DEMO_HUB_SLUG)).first():
        return list(DEMO_ACCOUNTS)
    hub = accounts.create_hub(db, "Demo Cancer ECHO Hub", DEMO_HUB_SLUG)
    cervical = accounts.create_program(db, hub, "Cervical Cancer Prevention ECHO",
                                       "Screening, colposcopy and treatment of pre-cancer.")
    myeloma = accounts.create_program(db, hub, "Multiple Myeloma ECHO")
    survivorship = accounts.create_program(db, hub, "Cancer Survivorship ECHO")
    users: dict[Role, User] = {}
    for account in DEMO_ACCOUNTS:
        user = accounts.create_user(db, account.email, account.name, DEMO_PASSWORD)
        accounts.add_member(db, user, hub, account.role)
        users[account.role] = user

    clinician, expert = users[Role.CLINICIAN], users[Role.EXPERT]
    coordinator = users[Role.COORDINATOR]
    programs = [cervical, myeloma, survivorship]
    # One case left as a draft, one waiting for review, one carried to recommendations.
    for index, (program, fields) in enumerate(zip(programs, _CASES, strict=True)):
        case = case_ops.create_case(db, clinician, id_of(program), fields)
        if index == 0:
            continue
        _case, actor = get_case(db, clinician, id_of(case))
        case_ops.submit_case(db, actor, case, Decisions(), expected_version=case.version)
        if index == 1:
            continue
        for user, action, payload in (
            (expert, "mark_reviewed", {}),
            (coordinator, "mark_presented", {}),
            (expert, "send_recommendations", {"recommendations": _DEMO_RECOMMENDATIONS}),
        ):
            _case, staff = get_case(db, user, id_of(case))
            case_ops.take_action(db, staff, case, action, expected_version=case.version,
                                 payload=payload)
    return list(DEMO_ACCOUNTS)
