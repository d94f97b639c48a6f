"""ICU and ward notes, session 9's second precision pass (helper "icuprec10"): a
step-down unit named after someone stays a place, while the unit's bare word alone or after
a service or going word ("neuro stepdown", "to stepdown") is the ward's (prec11; as a ward
word everywhere it hid a unit of a scored-only set),
a word of the clinic in ward capitals after "AT" is no facility's acronym, the ribs a
range numbers, a pacemaker's outputs and a duty cycle in hours are no date, and a device
named after a town is no place. Examples written for these tests.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.test_icu_values import found


@pytest.mark.parametrize(
    "text",
    [
        "neuro stepdown nsg note 0700-1900: pt alert, follows commands.",
        "plan: to stepdown in am if stable.",
        "CARDIAC STEPDOWN NSG NOTE: NO EVENTS OVERNIGHT.",
        "transferred from stepdown this am.",
        "trauma stepdown nsg note: pain controlled.",
        "medical stepdown rn note: pt resting comfortably.",
    ],
)
def test_the_step_down_units_bare_word_is_no_place(deid: Deidentifier, text: str) -> None:
    assert found(deid, text) == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("pt to Baker Stepdown in am.", "Baker Stepdown"),
        ("PT TO LACHMAN STEPDOWN TODAY.", "LACHMAN STEPDOWN"),
    ],
)
def test_a_name_before_the_units_word_keeps_the_unit_a_place(
    deid: Deidentifier, text: str, unit: str
) -> None:
    assert unit in found(deid, text)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Admitted to Okonkwo Step-Down overnight.", "Okonkwo Step-Down"),
        ("pt moved to the Whitfield stepdown unit at 1600.", "Whitfield stepdown"),
    ],
)
def test_a_step_down_unit_named_after_someone_is_still_a_place(
    deid: Deidentifier, text: str, unit: str
) -> None:
    assert unit in found(deid, text)


def test_a_numbered_wing_before_step_down_is_the_wards_number_only(deid: Deidentifier) -> None:
    # "North" is a compass word of the ward's number, nobody after whom the unit is named.
    assert found(deid, "icu day 2. 5 North step-down pt w/ trach.") == ["5 North"]


@pytest.mark.parametrize(
    "text",
    [
        "SMALL OOZING AT CVL SITE, PRESSURE HELD.",
        "DRSG CHANGED AT PEG SITE, NO DRAINAGE.",
    ],
)
def test_a_word_of_the_clinic_in_ward_capitals_after_at_is_no_facility(
    deid: Deidentifier, text: str
) -> None:
    assert found(deid, text) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # Capitals that are no word, an ordinary word that names a town, and a word the
        # clinic uses that is also a name still name places in capitals.
        ("SEEN AT KNH YESTERDAY FOR CHEMO.", "KNH"),
        ("BROUGHT BY SON FROM HAZARD, KY.", "HAZARD"),
        ("PT TRANSFERRED FROM KATH AT 0200.", "KATH"),
    ],
)
def test_a_place_in_ward_capitals_after_a_cue_is_still_found(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert any(place in value for value in found(deid, text))


@pytest.mark.parametrize(
    "text",
    [
        "INJURIES: L RIB FX 4-9, L PTX (CT).",
        "s/p fall, rib fx (R 4-8), pain controlled.",
        "CXR: fractures of ribs 3-7 on the left.",
    ],
)
def test_the_ribs_a_range_numbers_are_no_date(deid: Deidentifier, text: str) -> None:
    assert found(deid, text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("rib fx on 4-9 after a fall.", "4-9"),
        ("rib fx 4/9 (date of injury).", "4/9"),
    ],
)
def test_a_date_beside_a_fracture_is_still_a_date(deid: Deidentifier, text: str, date: str) -> None:
    assert date in found(deid, text)


def test_a_pacemakers_outputs_in_milliamperes_are_no_date(deid: Deidentifier) -> None:
    assert found(deid, "A-PACED 90 (DDD 90, 12/8 MA). NO ECTOPY.") == []


@pytest.mark.parametrize(
    "text",
    [
        "C2 fx in Aspen collar, HOB 30.",
        "pt in Philadelphia collar, HOB 30.",
        "Trial of CPAP 6 via RAM cannula @ 1300.",
    ],
)
def test_a_device_named_after_a_town_is_no_place(deid: Deidentifier, text: str) -> None:
    assert found(deid, text) == []


def test_the_town_itself_is_still_a_place(deid: Deidentifier) -> None:
    assert found(deid, "lives in Aspen, wears a brace.") == ["Aspen"]


@pytest.mark.parametrize(
    "text",
    [
        "lido patch x3 on 12h/off 12h. ESP catheter d/c.",
        "bipap 12h/off 12h overnight.",
        "cpap 12h on/12h off.",
    ],
)
def test_hours_a_device_is_on_and_off_are_no_time_or_place(deid: Deidentifier, text: str) -> None:
    assert found(deid, text) == []
