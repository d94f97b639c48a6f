"""Our Presidio recognizers, one module per identifier family."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from echo_cases.deid.recognizers.ages import AgeRecognizer
from echo_cases.deid.recognizers.contact import ContactRecognizer
from echo_cases.deid.recognizers.dates import DateRecognizer
from echo_cases.deid.recognizers.ids import IdRecognizer
from echo_cases.deid.recognizers.locations import LocationRecognizer
from echo_cases.deid.recognizers.ner import SpacyNerRecognizer
from echo_cases.deid.recognizers.persons import PersonRecognizer


def build_recognizers() -> list[EntityRecognizer]:
    return [
        ContactRecognizer(),
        DateRecognizer(),
        AgeRecognizer(),
        IdRecognizer(),
        PersonRecognizer(),
        LocationRecognizer(),
        SpacyNerRecognizer(),
    ]


__all__ = ["build_recognizers"]
