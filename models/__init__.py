"""Every SQLModel table, imported here so ``SQLModel.metadata`` knows them all."""

from models.base import MissingRow, as_utc, id_of, utcnow
from models.case import Case, CaseOriginal, CaseTransition, Redaction
from models.hub import Hub, Program
from models.letter import Delivery, DeliveryStatus, Letter
from models.review import PreReview, RecommendationSet
from models.session import AgendaItem, Attendance, EchoSession, SessionPanelist
from models.user import ApiToken, Membership, User

__all__ = [
    "AgendaItem", "ApiToken", "Attendance", "Case", "CaseOriginal", "CaseTransition",
    "Delivery", "DeliveryStatus", "EchoSession", "Hub", "Letter", "Membership", "MissingRow",
    "PreReview", "Program", "RecommendationSet", "Redaction", "SessionPanelist", "User",
    "as_utc", "id_of", "utcnow",
]
