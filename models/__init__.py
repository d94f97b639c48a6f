"""Every SQLModel table, imported here so ``SQLModel.metadata`` knows them all."""

from models.archive import ArchiveKind, ArchiveStatus, ExportArchive
from models.audit import AuditEvent, AuditHead
from models.base import MissingRow, as_utc, id_of, utcnow
from models.case import (
    OPEN_FOLLOW_UP,
    Case,
    CaseOriginal,
    CaseTransition,
    IdempotencyKey,
    Redaction,
)
from models.credit import Certificate, ProgramCredit, SessionParticipant, TranscriptRequest
from models.evaluation import (
    EvaluationInvite,
    EvaluationResponse,
    ProgramEvaluation,
    SessionEvaluation,
)
from models.hub import Hub, Program, ProgramExpert, ProgramForm
from models.invitation import Invitation, PasswordReset
from models.letter import Delivery, DeliveryStatus, Letter
from models.outcome import (
    Adherence,
    Outcome,
    OutcomeStatus,
    PatientStatus,
    ProgramOutcomeSettings,
)
from models.review import PreReview, RecommendationSet
from models.session import AgendaItem, Attendance, EchoSession, SessionPanelist
from models.user import ApiToken, CalendarFeed, LoginSession, LoginThrottle, Membership, User

__all__ = [
    "OPEN_FOLLOW_UP",
    "Adherence",
    "AgendaItem",
    "ApiToken",
    "ArchiveKind",
    "ArchiveStatus",
    "Attendance",
    "AuditEvent",
    "AuditHead",
    "CalendarFeed",
    "Case",
    "CaseOriginal",
    "CaseTransition",
    "Certificate",
    "Delivery",
    "DeliveryStatus",
    "EchoSession",
    "EvaluationInvite",
    "EvaluationResponse",
    "ExportArchive",
    "Hub",
    "IdempotencyKey",
    "Invitation",
    "Letter",
    "LoginSession",
    "LoginThrottle",
    "Membership",
    "MissingRow",
    "Outcome",
    "OutcomeStatus",
    "PasswordReset",
    "PatientStatus",
    "PreReview",
    "Program",
    "ProgramCredit",
    "ProgramEvaluation",
    "ProgramExpert",
    "ProgramForm",
    "ProgramOutcomeSettings",
    "RecommendationSet",
    "Redaction",
    "SessionEvaluation",
    "SessionPanelist",
    "SessionParticipant",
    "TranscriptRequest",
    "User",
    "as_utc",
    "id_of",
    "utcnow",
]
