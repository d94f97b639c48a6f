"""Every SQLModel table, imported here so ``SQLModel.metadata`` knows them all."""

from models.base import MissingRow, as_utc, id_of, utcnow
from models.case import Case, CaseOriginal, CaseTransition, Recommendation, Redaction
from models.hub import Hub, Program
from models.user import ApiToken, Membership, User

__all__ = [
    "ApiToken",
    "Case",
    "CaseOriginal",
    "CaseTransition",
    "Hub",
    "Membership",
    "MissingRow",
    "Program",
    "Recommendation",
    "Redaction",
    "User",
    "as_utc",
    "id_of",
    "utcnow",
]
