"""The sites of a pulse, a line or an access, the regions of the spine and the brain, and
services written short are the clinic's words: a ward note's span made of them and
ordinary words is no name ("FEMORAL SHEATH OUT", "uro resident"), while a relative or a
doctor named beside them stays found.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid.candidates import is_clinical_word
from echo_cases.deid.recognizers.learned import _words_of_the_ward_alone
from tests.deid.helpers import model_finding
from tests.deid.ward_notes import CAPITALS, SMALL, note


@pytest.mark.parametrize(
    "word", ["radial", "FEMORAL", "pedal", "Popliteal", "lumbar", "hem", "uro", "nephro"]
)
def test_sites_and_services_are_the_clinics_words(word: str) -> None:
    assert is_clinical_word(word)


@pytest.mark.parametrize(
    ("template", "line", "phrase"),
    [
        (CAPITALS, "ACCESS: FEMORAL SHEATH OUT 1400, SITE SOFT.", "FEMORAL SHEATH"),
        (CAPITALS, "PULSES: PEDAL PULSES WEAK, POPLITEAL STRONG.", "PEDAL PULSES WEAK"),
        (SMALL, "plan: uro resident to see re hematuria.", "uro resident"),
        (SMALL, "pulses: pedal pulses dopplerable, feet warm.", "pedal pulses dopplerable"),
    ],
)
def test_a_span_of_sites_and_ordinary_words_is_no_name(
    template: str, line: str, phrase: str
) -> None:
    text = note(template, line)
    assert _words_of_the_ward_alone(text, model_finding(text, phrase, "PERSON"))


@pytest.mark.parametrize(
    ("template", "line", "phrase"),
    [
        (CAPITALS, "SOCIAL: DAUGHTER ANNELIESE CALLED RE FEMORAL SITE.", "ANNELIESE"),
        (SMALL, "plan: hem fellow dr okonkwo aware of plt 18.", "okonkwo"),
    ],
)
def test_people_beside_the_sites_stay_found(template: str, line: str, phrase: str) -> None:
    text = note(template, line)
    assert not _words_of_the_ward_alone(text, model_finding(text, phrase, "PERSON"))
