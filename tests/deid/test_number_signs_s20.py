"""A record's number after the number signs of other languages (session 20).

"№", "nº", "n°" and "nr." announce a record's number as "no." does; the record's letters
may stand apart from its number, in any script, and the number hold a slash or a dash
("№ 20931/25", "nº AP 4410/25", "n° AP 25-7781", "nr. H 5520/2025", "№ Д-6620").
"""

from __future__ import annotations

import pytest

from echo_cases.deid.analyzer import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("ВИТЯГ ІСТОРІЇ ХВОРОБИ № 20931/25, відділення онкології", "20931/25"),
        ("Biópsia de colo (12/09/2025, nº AP 4410/25): carcinoma escamoso", "AP 4410/25"),
        ("Histologie (n° AP 25-7781, CHU de Sousse): carcinome canalaire", "AP 25-7781"),
        ("conform buletinului histopatologic nr. H 5520/2025, stadiul IIB", "H 5520/2025"),
        ("ГИСТОЛОГИЯ № Д-6620: плоскоклеточный рак", "Д-6620"),
    ],
)
def test_a_number_after_a_number_sign_is_a_record(
    deid: Deidentifier, text: str, number: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), number) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("ciclo nº 3 de 6, dose 1200 mg", "3 de 6, dose 1200 mg"),
        ("radiothérapie, séance n° 12, dose totale 50 Gy", "12, dose totale 50"),
        # "nr" without its full stop is a normal range.
        ("K 4.1 mmol/L (nr 3.5-5.0), Na 138", "3.5-5.0"),
        ("WBC 6.2 (NR 4.0-11.0), Hb 10.9", "4.0-11.0"),
        ("BP nr 120/80 on the ward", "120/80"),
    ],
)
def test_a_count_after_a_number_sign_stays(deid: Deidentifier, text: str, kept: str) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []
