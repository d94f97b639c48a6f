"""Our Presidio recognizers, one module per identifier family."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from echo_cases.deid.recognizers.ages import EchoAgeRecognizer
from echo_cases.deid.recognizers.contact import EchoContactRecognizer
from echo_cases.deid.recognizers.dates import EchoDateRecognizer
from echo_cases.deid.recognizers.handles import EchoHandleRecognizer
from echo_cases.deid.recognizers.ids import EchoIdRecognizer
from echo_cases.deid.recognizers.locations import EchoLocationRecognizer
from echo_cases.deid.recognizers.persons import EchoPersonRecognizer
from echo_cases.deid.recognizers.spelled_contacts import EchoSpelledContactRecognizer


def build_rule_recognizers() -> list[EntityRecognizer]:
    """The pattern recognizers; the trained model runs separately (see analyzer.py)."""
    return [
        EchoContactRecognizer(),
        EchoSpelledContactRecognizer(),
        EchoHandleRecognizer(),
        EchoDateRecognizer(),
        EchoAgeRecognizer(),
        EchoIdRecognizer(),
        EchoPersonRecognizer(),
        EchoLocationRecognizer(),
    ]


__all__ = ["build_rule_recognizers"]
