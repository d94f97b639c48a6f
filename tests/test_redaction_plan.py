"""Case-level redaction rules, independent of what the analyser finds."""

from __future__ import annotations

from echo_cases.services.redaction import _name_parts


def test_names_spread_by_their_parts_keeping_apostrophes_and_hyphens():
    assert _name_parts("Dr. Siobhan O'Neil-Hara") == {
        "Siobhan", "O'Neil-Hara", "Neil", "Hara"}


def test_honorifics_and_initials_alone_do_not_spread():
    assert _name_parts("Mr J. Okafor") == {"Okafor"}
