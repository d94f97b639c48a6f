"""How a hub's case dates reach staff, and the line that says so wherever a case is shown.

Relative dates ("3 weeks before submission") are written into the de-identified text when
the case is submitted, from the identified original; the original never leaves its seal
to be rendered later, and the stored text holds no more precision than staff read.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from echo_cases.deid import SHIFTED_MARK, CaseDates, DateDisplay, DateOrder, order_for_locale
from models import Case, Hub


def case_dates(hub: Hub, submitted: date) -> CaseDates:
    """How the hub writes a case's dates for staff, for a case submitted on ``submitted``."""
    order = DateOrder(hub.date_order) if hub.date_order else order_for_locale(hub.locale)
    if hub.date_display == DateDisplay.SHIFTED:
        return CaseDates(DateDisplay.SHIFTED, order=order)
    return CaseDates(DateDisplay.RELATIVE, submitted=submitted, order=order)


def long_date(day: date) -> str:
    """"29 November 2026"."""
    return f"{day.day} {day:%B %Y}"


def dates_note(case: Case) -> str:
    """The line shown with a de-identified case that says what its dates are."""
    return dates_note_for(case.dates_relative_to, case.deidentified)


def dates_note_for(relative_to: date | None, fields: Mapping[str, Any] | None) -> str:
    if relative_to is not None:
        return f"Dates are shown relative to submission on {long_date(relative_to)}."
    if any(SHIFTED_MARK in str(value) for value in (fields or {}).values()):
        return ("Dates marked (shifted) were moved by the same number of days to hide the "
                "real ones: the intervals between them are true, the dates are not.")
    return ""
