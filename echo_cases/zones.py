"""Time zones people pick from a list, and a moment shown in the reader's zone with the
session's zone beside it.

A session is announced in one zone (where its hub meets); each person reads it in their
own. Every page shows both, worded the same way, so a header and an agenda can never
disagree about when something happens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

UTC = "UTC"
EN_DASH = "\u2013"  # between the two ends of a time span
# Zones named after a place; the rest (Etc/GMT+5, EST5EDT, US/Mountain) are legacy aliases
# that read ambiguously in a list. They stay valid for sessions made through the API.
REGIONS = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe",
           "Indian", "Pacific")


@cache
def choosable() -> tuple[str, ...]:
    """The zones offered in lists: UTC, then every place-named zone, sorted."""
    named = {z for z in available_timezones() if z.split("/", 1)[0] in REGIONS and "/" in z}
    return (UTC, *sorted(named))


def grouped() -> list[tuple[str, list[tuple[str, str]]]]:
    """The choosable zones by region, each as (value, label): ("America/New_York",
    "America/New York"). The label names the region too: a closed list shows no group."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for name in choosable():
        groups.setdefault(name.partition("/")[0], []).append((name, readable(name)))
    return list(groups.items())


def is_zone(name: str) -> bool:
    """A zone this machine knows by that exact name."""
    return name in _known()


@cache
def _known() -> frozenset[str]:
    return frozenset(available_timezones() | {UTC})


def zone(name: str) -> ZoneInfo:
    """The zone called ``name``; UTC for a name no longer known (never fails a page)."""
    try:
        return ZoneInfo(name) if is_zone(name) else ZoneInfo(UTC)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(UTC)


def readable(name: str) -> str:
    """How a zone is named on a page: "America/New York"."""
    return name.replace("_", " ")


@dataclass(frozen=True)
class ShownTime:
    """A time span as one reader sees it: in their zone, and as the session announced it.

    ``session_side`` is empty when the reader is in the session's own zone.
    """

    iso: str  # the start, in UTC, for <time datetime="">
    reader_side: str  # "Tuesday 8 December 2026, 19:00-20:00 Africa/Nairobi" (an en dash)
    session_side: str  # "09:00-10:00 America/Denver"

    def __str__(self) -> str:
        return f"{self.reader_side} ({self.session_side})" if self.session_side \
            else self.reader_side


def shown(start: datetime, minutes: int, reader_zone: str, session_zone: str, *,
          with_day: bool = True) -> ShownTime:
    """``start`` (aware) to ``start + minutes`` for a reader in ``reader_zone`` of a session
    announced in ``session_zone``. The session's side names its day only when it differs."""
    end = start + timedelta(minutes=minutes)
    mine = (start.astimezone(zone(reader_zone)), end.astimezone(zone(reader_zone)))
    theirs = (start.astimezone(zone(session_zone)), end.astimezone(zone(session_zone)))
    reader_side = f"{_span(*mine)} {readable(reader_zone)}"
    if with_day:
        reader_side = f"{_day(mine[0], year=True)}, {reader_side}"
    session_side = ""
    if reader_zone != session_zone:
        session_side = f"{_span(*theirs)} {readable(session_zone)}"
        if theirs[0].date() != mine[0].date():
            session_side = f"{_day(theirs[0], year=False)}, {session_side}"
    iso = start.astimezone(ZoneInfo(UTC)).strftime("%Y-%m-%dT%H:%MZ")
    return ShownTime(iso=iso, reader_side=reader_side, session_side=session_side)


def _span(start: datetime, end: datetime) -> str:
    return f"{start:%H:%M}{EN_DASH}{end:%H:%M}"


def _day(moment: datetime, *, year: bool) -> str:
    text = f"{moment:%A} {moment.day} {moment:%B}"
    return f"{text} {moment.year}" if year else text
