"""A hospital's patient number after a French label, as francophone Africa writes it in
small letters as often as in capitals (session 16, cases_dev7_s16): "ipp cnhu-24-07721",
"n° de dossier cpmc/s/24/10392". A number that is no identifier after "dossier" stays."""

from __future__ import annotations

import pytest

from tests.deid.helpers import all_masked, none_masked


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("le patient dossou koffi 48 ans, ipp cnhu-24-07721, lymphome", "cnhu-24-07721"),
        ("n° de dossier cpmc/s/24/10392 adresse : alger", "cpmc/s/24/10392"),
        ("numéro de dossier chu-yo/onc/2291, entrée le 3 mars", "chu-yo/onc/2291"),
    ],
)
def test_a_patient_number_after_a_french_label_is_an_id(text: str, number: str) -> None:
    assert all_masked(text, number)


def test_a_count_after_dossier_stays() -> None:
    assert none_masked("le dossier de 12 pages est complet", "12")
