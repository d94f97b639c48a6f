"""A street's head read as in small letters where the whole line is in capitals: the
capitals say nothing there, and "FICA NA RUA ..." leaked where "fica na rua ..." did not.
A head with a capital among small letters may still be somebody ("Her son Rua")."""

from __future__ import annotations

import pytest

from echo_cases.deid.landmarks import settlements_named_after_kind


def _places(text: str) -> list[str]:
    return [text[a:b] for _, a, b in settlements_named_after_kind(text)]


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("A FILHA MORA NA RUA AUGUSTO SEVERO PERTO DO MERCADO", "RUA AUGUSTO SEVERO"),
        ("VIVE SOBRE LA AVENIDA REVOLUCIÓN, CERCA DEL MERCADO", "AVENIDA REVOLUCIÓN"),
        ("DAUGHTER WAITS AT THE STOP ON CALLE HIDALGO", "CALLE HIDALGO"),
    ],
)
def test_a_street_in_a_line_of_capitals_is_found(text: str, street: str) -> None:
    assert street in _places(text)


@pytest.mark.parametrize("text", ["Her son Rua brings her on Fridays", "PT WALKED A LOT"])
def test_a_capitalised_head_among_small_letters_is_no_street(text: str) -> None:
    assert _places(text) == []
