"""An age under 90 before its unit closes no name and is no place: the model's "58" of
"pte de 58 años" and the "76" it reads with "Nenita Bautista 76 y/o" are kept (Safe Harbor
keeps ages under 90); ninety and over stay hidden. analyzer._without_age_at_end.
Examples written for these tests."""

from __future__ import annotations

import pytest

from echo_cases.deid import analyzer
from tests.deid.helpers import model_finding


@pytest.mark.parametrize(
    ("text", "found", "left"),
    [
        ("consulta: la niña Yaretzi de 7 años, con fiebre.", "Yaretzi de 7", "Yaretzi"),
        ("visita: vovó Benedita Arruda 83 anos, acamada.", "Benedita Arruda 83", "Benedita Arruda"),
        ("seen lolo Ramil Dagohoy 64 y/o with cough.", "Ramil Dagohoy 64", "Ramil Dagohoy"),
    ],
)
def test_an_age_under_90_is_trimmed_from_a_name(text: str, found: str, left: str) -> None:
    res = model_finding(text, found, "PERSON", score=0.8)
    assert analyzer._without_age_at_end(text, res)
    assert text[res.start : res.end] == left


def test_an_age_under_90_alone_is_no_place() -> None:
    text = "pte de 61 años, originaria de Juchitán."
    assert not analyzer._without_age_at_end(text, model_finding(text, "61", "LOCATION", score=0.8))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # Ninety and over is an age to hide.
        ("visita: vovó Benedita Arruda 93 anos, acamada.", "Benedita Arruda 93"),
        # A number with no age unit after it is left alone: a house or a ward.
        ("mora na Rua Sete 41, casa azul.", "Rua Sete 41"),
    ],
)
def test_other_numbers_are_left_alone(text: str, found: str) -> None:
    res = model_finding(text, found, "LOCATION", score=0.8)
    assert analyzer._without_age_at_end(text, res)
    assert text[res.start : res.end] == found
