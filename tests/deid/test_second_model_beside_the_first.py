"""The second model's names and places, held beside the first model's where both read the
same words (second_model.beside_the_first), and an address's number a union must not lose.

The second model's findings are given here as the union receives them, so each class is
specified whatever weights the second model ships with.
"""

from __future__ import annotations

import pytest
from presidio_analyzer import RecognizerResult

from echo_cases.deid.analyzer import _gaps_in_addresses
from echo_cases.deid.second_model import beside_the_first

from .helpers import model_finding


def _added(
    text: str,
    first: list[RecognizerResult],
    second: list[RecognizerResult],
    identifiers: list[tuple[int, int]] | None = None,
) -> list[str]:
    return [text[r.start : r.end] for r in beside_the_first(text, first, second, identifiers or [])]


# --- Where the first reads a person and the second a place ---------------------------------


@pytest.mark.parametrize(
    ("text", "person", "place", "added"),
    [
        # A role or a sentence's opening words the first model's person leaves out.
        (
            "Applicant Chidi Okeke Nwosu signed on Monday.",
            "Chidi Okeke",
            "Applicant Chidi Okeke Nwosu",
            ["Chidi Okeke Nwosu"],
        ),
        # A registration after the name ends the place as it ends the person.
        (
            "Enfermeira Rosa Bezerra COREN-SP 77120",
            "Rosa",
            "Enfermeira Rosa Bezerra COREN",
            ["Rosa Bezerra"],
        ),
        # A title the place took in stays outside it, as it stays outside the person.
        (
            "Colloquio con Sig.ra Marta Rinaldi, sorella.",
            "Marta Rinaldi",
            "Sig.ra Marta Rinaldi",
            ["Marta Rinaldi"],
        ),
    ],
)
def test_a_place_over_the_first_models_person_opens_where_the_person_opens(
    text: str, person: str, place: str, added: list[str]
) -> None:
    # The first model read the person from the place's first word; its rules trimmed it.
    read = [(text.index(place), text.index(person) + len(person), "PERSON")]
    first = [model_finding(text, person)]
    found = beside_the_first(text, first, [model_finding(text, place, "LOCATION")], [], read)
    assert [text[r.start : r.end] for r in found] == added


def test_a_place_opened_by_a_title_opens_after_it_whatever_the_first_model_read() -> None:
    text = "Seen with Frau Ingrid Vossberg, her aunt."
    first = [model_finding(text, "Ingrid Vossberg")]
    place = model_finding(text, "Frau Ingrid Vossberg", "LOCATION")
    assert _added(text, first, [place]) == ["Ingrid Vossberg"]


@pytest.mark.parametrize(
    ("text", "person", "place"),
    [
        # A town before a state the first model read as a person.
        ("rua das flores 12, 04510-020 belo horizonte - mg.", "mg", "belo horizonte - mg"),
        # A house number before a street the first model read as a person.
        ("She lives at 27 Avenue Lumumba, Gombe.", "Avenue Lumumba", "27 Avenue Lumumba"),
        # A facility's short form before its town.
        ("equipe da UBS Vila Nova Esperança ligou", "Nova Esperança", "UBS Vila Nova Esperança"),
    ],
)
def test_a_place_holding_more_than_the_first_models_person_before_it_stays_whole(
    text: str, person: str, place: str
) -> None:
    # The first model read the person from its own first word, inside the place.
    read = [(text.index(person), text.index(person) + len(person), "PERSON")]
    first = [model_finding(text, person)]
    found = beside_the_first(text, first, [model_finding(text, place, "LOCATION")], [], read)
    assert [text[r.start : r.end] for r in found] == [place]


def test_in_a_line_in_one_case_the_place_is_left_as_the_second_model_read_it() -> None:
    text = "APPLICANT CHIDI OKEKE NWOSU SIGNED ON MONDAY."
    read = [(0, text.index(" NWOSU"), "PERSON")]
    first = [model_finding(text, "CHIDI OKEKE")]
    place = model_finding(text, "APPLICANT CHIDI OKEKE NWOSU", "LOCATION")
    found = beside_the_first(text, first, [place], [], read)
    assert [text[r.start : r.end] for r in found] == ["APPLICANT CHIDI OKEKE NWOSU"]


def test_a_place_beside_a_person_it_does_not_overlap_is_left_alone() -> None:
    text = "Maria Okello moved from Gulu last year."
    first = [model_finding(text, "Maria Okello")]
    assert _added(text, first, [model_finding(text, "Gulu", "LOCATION")]) == ["Gulu"]


# --- A run from one of the first's findings to another ------------------------------------


def test_a_run_across_small_words_between_two_of_the_first_models_findings_is_dropped() -> None:
    text = "a prima Josefa mora na travessa Antônio Brito, perto do mercado."
    first = [model_finding(text, "Josefa"), model_finding(text, "Antônio Brito")]
    run = model_finding(text, "prima Josefa mora na travessa Antônio Brito", "LOCATION")
    assert _added(text, first, [run]) == []


def test_a_run_with_a_capitalised_word_of_its_own_between_them_stays() -> None:
    text = "Josefa visits Antônio Brito at Vila Nova Esperança."
    first = [model_finding(text, "Josefa"), model_finding(text, "Esperança", "LOCATION")]
    run = model_finding(text, "Antônio Brito at Vila Nova Esperança", "LOCATION")
    assert _added(text, first, [run]) == ["Antônio Brito at Vila Nova Esperança"]


# --- Nobody and nowhere ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found", "kind"),
    [
        ("Colloquio con Dott. Marta Rinaldi, sorella.", "Dott", "LOCATION"),  # a title alone
        ("The Marlowe was repainted last spring.", "The Marlowe", "PERSON"),  # a determiner
        ("Our Brennan cousins came too.", "Our Brennan", "PERSON"),
        ("Honestly, you were Right about the bus.", "Right", "LOCATION"),  # a common word
    ],
)
def test_titles_alone_determiners_and_common_words_are_nobody_and_nowhere(
    text: str, found: str, kind: str
) -> None:
    assert _added(text, [], [model_finding(text, found, kind)]) == []


@pytest.mark.parametrize(
    ("text", "found", "kind"),
    [
        ("She moved to Kisumu in May.", "Kisumu", "LOCATION"),
        ("Marlowe Okafor was repainting the fence.", "Marlowe Okafor", "PERSON"),
        # In a line in one case, a common word's capitals say nothing: the model decides.
        ("SHE MOVED TO HOPE LAST YEAR.", "HOPE", "LOCATION"),
    ],
)
def test_names_and_places_of_the_second_model_stay(text: str, found: str, kind: str) -> None:
    assert _added(text, [], [model_finding(text, found, kind)]) == [found]


# --- An identifier's label ------------------------------------------------------------------


def test_a_place_that_adds_only_a_label_to_an_identifier_is_the_identifier() -> None:
    text = "benefit statement: sin 123 456 789, this year"
    number = text.index("123 456 789")
    identifiers = [(number, number + len("123 456 789"))]
    place = model_finding(text, "sin 123 456 789", "LOCATION")
    assert _added(text, [], [place], identifiers) == []


def test_a_house_number_no_rule_reads_as_an_identifier_keeps_its_street() -> None:
    text = "she lives at 14 mill lane with her son"
    place = model_finding(text, "14 mill lane", "LOCATION")
    assert _added(text, [], [place], []) == ["14 mill lane"]


# --- The clinic's words in capitals ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ingresó a la Unidad de Quemados el martes.", "Unidad de Quemados"),
        ("Estable. Se indica Hidratación oral.", "Se indica Hidratación"),
        ("Seen in clinic; PMTCT option B+, infant well.", "PMTCT option B"),
    ],
)
def test_ordinary_words_with_one_of_the_clinics_in_a_line_in_both_cases_are_no_place(
    text: str, found: str
) -> None:
    assert _added(text, [], [model_finding(text, found, "LOCATION")]) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("She lives in Green Valley now.", "Green Valley"),  # no word of the clinic
        ("Ingresó al Hospital San Rafael el martes.", "Hospital San Rafael"),  # a facility
    ],
)
def test_a_place_of_ordinary_words_or_a_facility_stays(text: str, found: str) -> None:
    assert _added(text, [], [model_finding(text, found, "LOCATION")]) == [found]


# --- An address's number --------------------------------------------------------------------


def test_a_place_over_the_street_alone_leaves_its_number_to_the_address_step() -> None:
    text = "Send it to:\n\n51234 Tammsaare 7\n Tartu"
    found = [model_finding(text, "51234", "LOCATION"), model_finding(text, "Tammsaare", "LOCATION")]
    _gaps_in_addresses(text, found)
    number = text.index("Tammsaare 7") + len("Tammsaare ")
    assert any(r.start <= number and number + 1 <= r.end for r in found)


def test_a_place_holding_the_street_and_its_number_needs_no_address_added() -> None:
    text = "Send it to:\n\n51234 Tammsaare 7\n Tartu"
    found = [
        model_finding(text, "51234", "LOCATION"),
        model_finding(text, "Tammsaare 7", "LOCATION"),
    ]
    _gaps_in_addresses(text, found)
    assert len(found) == 2
