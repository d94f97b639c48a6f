"""Notes written in Spanish or Portuguese: their rarer words of the clinic and the bedside,
in small letters, are talk, not names (note_languages.py, ENDING_LANGUAGES and
data/words/everyday_endings/); names, places and numbers among them are still found.
Examples written for these tests."""

from __future__ import annotations

import pytest
from presidio_analyzer import RecognizerResult

from echo_cases.deid import Deidentifier, analyzer
from echo_cases.deid.note_languages import note_languages, without_everyday_talk

from .helpers import touched_tokens, uncovered_tokens

PORTUGUESE = (
    "visita domiciliar hoje: a fisioterapeuta avaliou o paciente, está cansado e "
    "desanimado, não quer comer. a cuidadora relatou que ele ficou agitado à noite e "
    "vomitou duas vezes."
)
SPANISH = (
    "llamada de seguimiento: la paciente está decaída y somnolienta hoy, no quiere comer. "
    "la trabajadora social coordinó el traslado, su nuera está preocupada."
)


def test_a_note_is_spanish_or_portuguese_by_its_small_frequent_words() -> None:
    assert {"es", "pt"} <= note_languages(PORTUGUESE)
    assert {"es", "pt"} <= note_languages(SPANISH)
    # Spanish names and an address in an English note make no Spanish note.
    english = "Patient Maria Fernández from Nueva Ecija, seen today with her daughter."
    assert note_languages(english) & {"es", "pt"} == set()


@pytest.mark.parametrize(
    ("text", "talk"),
    [
        (PORTUGUESE, "ficou agitado"),
        (PORTUGUESE, "está cansado"),
        (PORTUGUESE, "cuidadora relatou"),
        (PORTUGUESE, "vomitou"),
        (SPANISH, "somnolienta hoy"),
        (SPANISH, "está preocupada"),
        (SPANISH, "seguimiento"),
        # A past tense and a participle with its accent, and the very common words beside
        # them.
        (SPANISH, "coordinó"),
        (SPANISH, "está decaída"),
    ],
)
def test_participles_adjectives_and_verbs_in_small_letters_are_talk(
    deid: Deidentifier, text: str, talk: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), talk) == []


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        # A surname with a participle's ending ("salgado"), a city with an agent noun's
        # ("salvador"), in small letters, in a Portuguese note.
        (
            "a paciente rosa salgado, 71 anos, está acamada hoje, mora com a filha em salvador.",
            "rosa salgado",
        ),
        (
            "a paciente rosa salgado, 71 anos, está acamada hoje, mora com a filha em salvador.",
            "salvador",
        ),
        (
            "el doctor ramiro delgado la vio ayer, está estable pero muy cansada. vive en "
            "hermosillo con su hija.",
            "ramiro delgado",
        ),
        (
            "el doctor ramiro delgado la vio ayer, está estable pero muy cansada. vive en "
            "hermosillo con su hija.",
            "hermosillo",
        ),
    ],
)
def test_names_and_places_with_those_endings_are_still_found(
    deid: Deidentifier, text: str, identifier: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), identifier) == []


def test_a_span_of_talk_keeps_its_number() -> None:
    text = "la doctora lo vio ayer, está muy bien hoy. firmado: médico colegiado 17.904"
    start = text.index("colegiado")
    kept = without_everyday_talk(text, start, len(text))
    assert text[kept[0] : kept[1]] == "17.904"


def test_a_kind_of_settlement_with_its_article_is_no_town(deid: Deidentifier) -> None:
    # GeoNames has towns named La Colonia and La Comunidad; in small letters after an
    # article the word says what kind of place the patient lives in. The kind before a
    # colonia's name is part of the place, as the corpora label it ("colonia Las Palmas").
    text = "pte de 58 años, vive en la colonia Las Palmas de Zapopan con su esposo."
    findings = deid.analyze(text)
    assert touched_tokens(text, findings, "vive en la") == []
    assert uncovered_tokens(text, findings, "Las Palmas de Zapopan") == []
    # Capitalised, it is the town.
    town = "Originaria de La Colonia, Honduras, llegó ayer con su hija."
    assert uncovered_tokens(town, deid.analyze(town), "La Colonia") == []


def test_an_article_before_a_date_ends_the_place_before_it(deid: Deidentifier) -> None:
    text = "control en el Hospital Regional de Ica el 14/03/2025, acompañada de su hija."
    findings = deid.analyze(text)
    # Of "el 14/03/2025" only the date's number is hidden, not its article.
    assert touched_tokens(text, findings, "el 14") == ["14"]
    assert uncovered_tokens(text, findings, "Hospital Regional de Ica") == []
    assert uncovered_tokens(text, findings, "14/03/2025") == []


def test_a_date_only_the_model_read_stays_with_its_place() -> None:
    text = "visto en consultas de Oberá el 9/abr/2024. Firma: Dr. Benítez"
    start = text.index("Oberá")
    res = RecognizerResult("LOCATION", start, text.index(". Firma"), 0.8)
    # No date finding holds "9/abr/2024": cutting at "el" would lose it.
    analyzer._without_date_after_article(text, res, [])
    assert text[res.start : res.end] == "Oberá el 9/abr/2024"
    date = (text.index("9/abr"), text.index(". Firma"))
    analyzer._without_date_after_article(text, res, [date])
    assert text[res.start : res.end] == "Oberá"
