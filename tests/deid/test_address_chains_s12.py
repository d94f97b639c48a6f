"""South Asian addresses written as a chain of labelled administrative levels: each
label's value is a place, in any case and whatever its words; a ward's fields that share
a label's letters ("PO" by mouth, "PS" pressure support, "dist" distended) stay."""

from __future__ import annotations

import pytest

from echo_cases.deid.address_chains import address_chains


def _values(text: str) -> list[str]:
    return [text[a:b] for _, a, b in address_chains(text)]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "vill: lakshmipur, PO: dighirpar, dist: munshiganj. pt 61F, ca oesophagus",
            ["lakshmipur", "dighirpar", "munshiganj"],
        ),
        (
            "Vill: Bara Tajpur, P.O. Kasba, P.S. Sadar, Dist: Purnea",
            ["Bara Tajpur", "Kasba", "Sadar", "Purnea"],
        ),
        ("address: vill- semra, teh- mahoba, distt- hamirpur", ["semra", "mahoba", "hamirpur"]),
        (
            "VILL: KOTLA KHURD, TEH: NAKODAR, DIST: JALANDHAR",
            ["KOTLA KHURD", "NAKODAR", "JALANDHAR"],
        ),
        ("gram- pipra, post- bairia, thana- motihari", ["pipra", "bairia", "motihari"]),
        ("Mandal: Kothagudem, Dist: Khammam", ["Kothagudem", "Khammam"]),
        # A place's first word may be an ordinary one.
        ("VILL: NEW COLONY, DIST: NORTH GOA", ["NEW COLONY", "NORTH GOA"]),
    ],
)
def test_each_labelled_level_of_a_chain_is_a_place(text: str, places: list[str]) -> None:
    assert _values(text) == places


def test_a_value_ends_before_the_note_goes_on() -> None:
    assert _values("dist- madhubani pt c/o dysphagia, vill- rahika") == ["madhubani", "rahika"]


@pytest.mark.parametrize(
    "text",
    [
        "PS: 12 PEEP 5, PO: nil, abd dist: yes",
        "Abd soft, non dist. PS 10 on CPAP. PO sips, tolerating",
        "Abd dist: mild, PO: fluids, PS: low",
        "Dist: 3 cm from the anal verge",
        # One label alone is no chain: "PO: Sadar" could be anything.
        "PO: Sadar",
        "Dist: Jamalpur",
    ],
)
def test_ward_fields_and_single_labels_are_no_address(text: str) -> None:
    assert _values(text) == []


def test_the_whole_deidentifier_redacts_a_chain_in_small_letters() -> None:
    from echo_cases.deid import get_deidentifier

    text = "vill: char baria, PO: mehendiganj, dist: barishal. ca cervix IIB"
    found = next(iter(get_deidentifier().analyze_many([text])))
    masked = {i for f in found for i in range(f.start, f.end)}
    for place in ("char baria", "mehendiganj", "barishal"):
        start = text.index(place)
        assert set(range(start, start + len(place))) <= masked, place
