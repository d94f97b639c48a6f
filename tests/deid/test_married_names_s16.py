"""A woman's married name as Central America, Peru and Colombia write it: her own surnames,
"de" or "vda. de", then her husband's ("ANA GLORIA HERNÁNDEZ DE LÓPEZ"). The model stops
at "de" or before it; the husband's surname is her name too (session 16, cases_dev7_s16).
What follows "de" that is no name stays outside."""

from __future__ import annotations

import pytest
from presidio_analyzer import RecognizerResult

from echo_cases.deid.analyzer import _married_names
from tests.deid.helpers import all_masked, none_masked


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        ("PACIENTE: ANA GLORIA HERNÁNDEZ DE LÓPEZ, 59 AÑOS, DUI 03418792-6", "LÓPEZ"),
        ("paciente: ana gloria hernández de lópez, 59 años", "lópez"),
        ("PACIENTE: MARTA ELENA RIVAS DE CASTRO, 61 AÑOS", "CASTRO"),
        ("paciente: rosa cruz vda. de mejía, 70 años", "mejía"),
    ],
)
def test_the_husbands_surname_is_the_married_womans_name(text: str, surname: str) -> None:
    assert all_masked(text, surname)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Paciente: Rosa Amelia Cruz Téllez de 47 años, de la consulta externa", "años"),
        ("Dra. Ligia Martínez de la consulta de oncología", "consulta"),
        ("Paciente: Juan Pérez de alta desde ayer", "alta"),
    ],
)
def test_what_follows_de_that_is_no_name_stays(text: str, kept: str) -> None:
    assert none_masked(text, kept)

@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("DRA. LIGIA MARTÍNEZ DE GUARDIA, SALA 3", "LIGIA MARTÍNEZ"),
        ("el dr. juan pérez de turno la vio", "juan pérez"),
    ],
)
def test_a_clinicians_duty_after_de_is_no_surname(text: str, name: str) -> None:
    start = text.index(name)
    found = [RecognizerResult("PERSON", start, start + len(name), 0.85)]
    _married_names(text, found)
    assert found[0].end == start + len(name)
