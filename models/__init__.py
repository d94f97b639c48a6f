"""Every SQLModel table, imported here so ``SQLModel.metadata`` knows them all."""

from models.audit import AuditEvent, AuditHead
from models.base import MissingRow, as_utc, id_of, utcnow
from models.case import Case, CaseOriginal, CaseTransition, IdempotencyKey, Redaction
from models.hub import Hub, Program
from models.letter import Delivery, DeliveryStatus, Letter
from models.review import PreReview, RecommendationSet
from models.session import AgendaItem, Attendance, EchoSession, SessionPanelist
from models.user import ApiToken, LoginSession, LoginThrottle, Membership, User

__all__ = [
    "AgendaItem",
    "ApiToken",
    "Attendance",
    "AuditEvent",
    "AuditHead",
    "Case",
    "CaseOriginal",
    "CaseTransition",
    "Delivery",
    "DeliveryStatus",
    "EchoSession",
    "Hub",
    "IdempotencyKey",
    "Letter",
    "LoginSession",
    "LoginThrottle",
    "Membership",
    "MissingRow",
    "PreReview",
    "Program",
    "RecommendationSet",
    "Redaction",
    "SessionPanelist",
    "User",
    "as_utc",
    "id_of",
    "utcnow",
]
