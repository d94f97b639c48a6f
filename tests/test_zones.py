"""A time is shown in the reader's zone, with the session's own zone beside it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from echo_cases import zones

# 09:00 in Denver on a Tuesday in December (MST, UTC-7): 19:00 in Nairobi (UTC+3).
DENVER_MORNING = datetime(2026, 12, 8, 16, 0, tzinfo=UTC)
DASH = "\u2013"


def test_a_reader_elsewhere_sees_their_time_first_and_the_sessions_beside_it():
    shown = zones.shown(DENVER_MORNING, 60, "Africa/Nairobi", "America/Denver")
    assert shown.reader_side == f"Tuesday 8 December 2026, 19:00{DASH}20:00 Africa/Nairobi"
    assert shown.session_side == f"09:00{DASH}10:00 America/Denver"
    assert shown.iso == "2026-12-08T16:00Z"
    assert str(shown) == f"{shown.reader_side} ({shown.session_side})"


def test_a_reader_in_the_sessions_zone_sees_it_once():
    shown = zones.shown(DENVER_MORNING, 60, "America/Denver", "America/Denver")
    assert shown.reader_side == f"Tuesday 8 December 2026, 09:00{DASH}10:00 America/Denver"
    assert shown.session_side == ""


def test_the_sessions_side_names_its_day_when_it_is_another_day_there():
    late_in_denver = datetime(2026, 12, 8, 4, 0, tzinfo=UTC)  # Monday 21:00 in Denver
    shown = zones.shown(late_in_denver, 15, "Africa/Nairobi", "America/Denver", with_day=False)
    assert shown.reader_side == f"07:00{DASH}07:15 Africa/Nairobi"
    assert shown.session_side == f"Monday 7 December, 21:00{DASH}21:15 America/Denver"


def test_summer_time_moves_the_readers_clock_not_the_sessions():
    july = datetime(2026, 7, 14, 15, 0, tzinfo=UTC)  # 09:00 MDT (UTC-6)
    shown = zones.shown(july, 60, "Africa/Nairobi", "America/Denver")
    assert shown.reader_side.endswith(f"18:00{DASH}19:00 Africa/Nairobi")
    assert shown.session_side == f"09:00{DASH}10:00 America/Denver"


def test_zones_are_named_readably():
    shown = zones.shown(DENVER_MORNING, 30, "America/New_York", "America/Denver")
    assert "America/New York" in shown.reader_side


def test_the_list_offers_utc_then_places_and_leaves_out_legacy_aliases():
    offered = zones.choosable()
    assert offered[0] == "UTC"
    assert {"America/Denver", "Africa/Nairobi", "Asia/Kolkata", "Pacific/Auckland"} <= set(offered)
    assert not {"US/Mountain", "EST5EDT", "Etc/GMT+5"} & set(offered)
    groups = dict(zones.grouped())
    assert groups["UTC"] == [("UTC", "UTC")]
    assert ("America/New_York", "America/New York") in groups["America"]
    assert ("America/Argentina/Buenos_Aires", "America/Argentina/Buenos Aires") in groups[
        "America"]


@pytest.mark.parametrize("name", ["Mars/Olympus", "../../etc/passwd", "", "america/denver"])
def test_a_name_that_is_no_zone_is_refused_and_read_as_utc(name: str):
    assert not zones.is_zone(name)
    assert zones.zone(name).key == "UTC"


def test_a_legacy_alias_made_through_the_api_still_reads():
    assert zones.is_zone("US/Mountain")
    shown = zones.shown(DENVER_MORNING, 60, "US/Mountain", "US/Mountain")
    assert "09:00" in shown.reader_side
