"""A hub's own settings, and starting a new hub with its first admin."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any
from zoneinfo import available_timezones

from sqlmodel import Session, select

from echo_cases.errors import Invalid
from echo_cases.services import accounts, audit
from models import Hub, User, id_of
from workflows import Role

# Lower-case letters, digits and inner hyphens: it appears in links (/login?hub=north).
SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
# The locales whose fake names, places and date formats the de-identifier's surrogates know.
LOCALES = {"en_US": "English (United States)", "en_GB": "English (United Kingdom)",
           "en_CA": "English (Canada)", "en_AU": "English (Australia)",
           "en_IN": "English (India)", "en_PH": "English (Philippines)",
           "es_ES": "Spanish (Spain)", "es_MX": "Spanish (Mexico)",
           "fr_FR": "French (France)", "pt_BR": "Portuguese (Brazil)"}
# How an ambiguous numeric date (03/07/1985) is read when the case's own dates do not settle
# it (echo_cases.deid.date_reading); "" follows the custom of the hub's locale.
DATE_ORDERS = {"": "As the hub's locale writes them", "day_first": "Day first (31/12/2026)",
               "month_first": "Month first (12/31/2026)"}
MAX_RETENTION_DAYS = 36_500


@cache
def timezones() -> tuple[str, ...]:
    """Every IANA zone this machine knows, by name (the list a hub chooses from)."""
    return tuple(sorted(zone for zone in available_timezones() if "/" in zone or zone == "UTC"))


def check_slug(slug: str) -> str:
    if not SLUG.fullmatch(slug):
        raise Invalid("Choose another slug.", {
            "slug": f"{slug!r} is not a slug: use 1 to 64 lower-case letters, digits and "
                    "hyphens, starting and ending with a letter or digit (e.g. north-valley)."})
    return slug


def check_timezone(zone: str) -> str:
    if zone not in timezones():
        raise Invalid("Choose a time zone from the list.", {
            "timezone": f"No time zone is called {zone!r}: use an IANA name such as "
                        "America/Denver, Europe/Dublin or Africa/Nairobi."})
    return zone


def start_hub(db: Session, *, slug: str, name: str, timezone: str, admin_email: str,
              admin_name: str = "", admin_password: str | None = None) -> tuple[Hub, User, bool]:
    """A new hub with its first admin: an existing account joins as admin, otherwise one
    is made with ``admin_password``. Returns the hub, the admin, and whether the account
    is new. Nothing is kept if any part is refused."""
    check_slug(slug)
    check_timezone(timezone)
    if not name.strip():
        raise Invalid("Give the hub a name.", {"name": "Give the hub a name."})
    email = accounts.normalise_email(admin_email)
    admin = db.exec(select(User).where(User.email == email)).first()
    hub = accounts.create_hub(db, name.strip(), slug, timezone=timezone)
    new = admin is None
    if admin is None:
        if not admin_name.strip():
            raise Invalid("Name the first admin.", {"admin_name": "Give the admin's name."})
        if admin_password is None:
            # nosec: bandit reads the message under the "password" key as a password.
            raise Invalid("The new admin needs a password.",
                          {"password": "Give a password."})  # nosec B105
        admin = accounts.create_user(db, email, admin_name, admin_password)
    accounts.add_member(db, admin, hub, Role.ADMIN)
    audit.record(db, "hub_created", hub_id=id_of(hub), subject=f"hub:{hub.id}",
                 admin_id=id_of(admin), new_account=new)
    return hub, admin, new


@dataclass(frozen=True)
class HubSettings:
    """What a hub's admin may change, as the settings form and the API send it."""

    name: str
    letterhead: str = ""
    address: str = ""
    contact_email: str = ""
    timezone: str = "UTC"
    locale: str = "en_US"
    date_order: str = ""
    require_two_factor: bool = False
    letters_to_attendees: bool = False
    retention_days: int | None = None

    @classmethod
    def of(cls, hub: Hub) -> HubSettings:
        return cls(**{name: getattr(hub, name) for name in cls.__dataclass_fields__})


def update_settings(db: Session, admin: User, hub: Hub, wanted: HubSettings) -> list[str]:
    """Change the hub's settings to ``wanted``; every problem is named at once. Returns the
    names of the settings that changed (audited by name, never by value)."""
    errors = settings_errors(wanted)
    if errors:
        raise Invalid("The settings need a few changes.", errors)
    changed: dict[str, Any] = {}
    for name, value in vars(wanted).items():
        value = value.strip() if isinstance(value, str) else value
        if getattr(hub, name) != value:
            changed[name] = value
            setattr(hub, name, value)
    if changed:
        db.add(hub)
        audit.record(db, "hub_settings_changed", actor_id=id_of(admin), hub_id=id_of(hub),
                     subject=f"hub:{hub.id}", changed=sorted(changed))
    return sorted(changed)


def settings_errors(wanted: HubSettings) -> dict[str, str]:
    """What is wrong with each setting, by name; empty when all are fine."""
    errors: dict[str, str] = {}
    limits = {"name": 200, "letterhead": 500, "address": 500, "contact_email": 254}
    for name, limit in limits.items():
        if len(getattr(wanted, name).strip()) > limit:
            errors[name] = f"Use at most {limit} characters."
    if not wanted.name.strip():
        errors["name"] = "Give the hub a name."
    email = wanted.contact_email.strip()
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        errors["contact_email"] = "Enter an e-mail address, such as echo@hospital.org."
    if wanted.timezone not in timezones():
        errors["timezone"] = (f"No time zone is called {wanted.timezone!r}: "
                              "choose one from the list.")
    if wanted.locale not in LOCALES:
        errors["locale"] = "Choose one of the listed languages."
    if wanted.date_order not in DATE_ORDERS:
        errors["date_order"] = "Choose one of the listed date orders."
    days = wanted.retention_days
    if days is not None and not 1 <= days <= MAX_RETENTION_DAYS:
        errors["retention_days"] = (f"Use a number of days from 1 to {MAX_RETENTION_DAYS}, "
                                    "or leave it empty to keep the server's setting.")
    return errors
