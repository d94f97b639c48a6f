"""Bodies of the API's hub administration and personal-token operations. Like the rest of
the API: unknown fields refused, nothing coerced. In a PATCH, a field left out keeps its
value; only the fields sent change."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from echo_cases.api.schemas import Body, Id, Out
from echo_cases.services.hubs import MAX_RETENTION_DAYS
from echo_cases.services.my_account import MAX_TOKEN_DAYS, MAX_TOKEN_NAME
from workflows import Role

# --- hub settings -------------------------------------------------------------------------


class HubSettingsOut(Out):
    id: int
    slug: str
    name: str
    letterhead: str
    address: str
    contact_email: str
    timezone: str = Field(description="IANA name, e.g. America/Denver.")
    locale: str = Field(description="e.g. en_US: the de-identifier's surrogates follow it.")
    date_order: str = Field(description='"day_first", "month_first", or "" (as the locale).')
    require_two_factor: bool
    letters_to_attendees: bool
    retention_days: int | None = Field(description="None: the server's retention applies.")


class HubSettingsPatch(Body):
    name: str = Field(default="", max_length=200)
    letterhead: str = Field(default="", max_length=500)
    address: str = Field(default="", max_length=500)
    contact_email: str = Field(default="", max_length=254)
    timezone: str = Field(default="", max_length=64, description="An IANA zone name.")
    locale: str = Field(default="", max_length=16)
    date_order: str = Field(default="", max_length=16,
                            description='"day_first", "month_first", or "" (as the locale).')
    require_two_factor: bool = False
    letters_to_attendees: bool = False
    retention_days: int | None = Field(default=None, ge=1, le=MAX_RETENTION_DAYS,
                                       description="null: follow the server's setting.")


# --- programs -----------------------------------------------------------------------------


class HubProgramOut(Out):
    id: int
    hub_id: int
    name: str
    description: str
    archived: bool = Field(description="An archived program takes no new case or session.")
    panel_ids: list[int] = Field(description="Its standing panel of the hub's experts.")
    default_facilitator_id: int | None


class HubProgramList(Out):
    items: list[HubProgramOut]


class ProgramCreate(Body):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=2000)


class ProgramPatch(Body):
    name: str = Field(default="", max_length=200)
    description: str = Field(default="", max_length=2000)
    panel_ids: list[Id] = Field(default_factory=list, max_length=100)
    default_facilitator_id: Id | None = None
    archived: bool = Field(default=False, description=(
        "true archives (its cases stay; never deleted), false runs it again."))


# --- a hub's members ----------------------------------------------------------------------


class MemberOut(Out):
    id: int
    name: str
    email: str
    role: Role
    credentials: str
    profession: str
    organisation: str
    last_sign_in: datetime | None
    active: bool


class MemberPatch(Body):
    role: Role | None = Field(default=None, description="Their role in this hub.")
    active: bool | None = Field(default=None, description=(
        "false deactivates (signs them out everywhere, revokes their tokens); true "
        "reactivates (old tokens stay revoked)."))
    credentials: str = Field(default="", max_length=100)
    profession: str = Field(default="", max_length=100)
    organisation: str = Field(default="", max_length=200)


# --- your own account ---------------------------------------------------------------------


class MePatch(Body):
    name: str = Field(default="", max_length=200)
    credentials: str = Field(default="", max_length=100)
    profession: str = Field(default="", max_length=100)
    organisation: str = Field(default="", max_length=200)
    timezone: str = Field(default="", max_length=64, description=(
        'The IANA zone you read times in; "" follows your hub\'s zone.'))


class TokenOut(Out):
    id: int
    name: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None = Field(description="Noted at most once an hour.")
    status: str = Field(description='"live", "expired" or "revoked".')


class TokenList(Out):
    items: list[TokenOut]


class TokenCreate(Body):
    name: str = Field(min_length=1, max_length=MAX_TOKEN_NAME,
                      description="What will use it, e.g. REDCap sync.")
    expires_in_days: int = Field(ge=1, le=MAX_TOKEN_DAYS)


class TokenCreated(TokenOut):
    token: str = Field(description="The bearer token: shown this once, never again.")


# --- a hub's activity ---------------------------------------------------------------------


class ActivityEntryOut(Out):
    id: int = Field(description="Send as `before` to read what came before it.")
    at: datetime
    actor: str = Field(description="Who made the change (a name).")
    what: str = Field(description='In plain words, e.g. "changed a role".')
    concerning: str = Field(description="The person, program or hub it concerns, by name.")
    detail: dict[str, str | int | list[str]] = Field(description=(
        "What changed, by name (never the values), a role before and after, counts."))


class ActivityOut(Out):
    items: list[ActivityEntryOut]
    older_than: int | None = Field(description="`before` for the next, older page; null "
                                   "at the start of the hub's activity.")
