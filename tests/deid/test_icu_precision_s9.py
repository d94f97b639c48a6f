"""ICU and ward notes, session 9's precision pass (helper "icuprec9"): scales, devices and
settings of the ward are vocabulary and values, a name stops at the verb after it, and
the identifiers beside them are still found. Examples written for these tests.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.test_icu_model_conventions import model_finds
from tests.deid.test_icu_values import found


@pytest.mark.parametrize(
    "text",
    [
        # Scales, monitoring and devices in capitals.
        "Neuro: consolable by mom, FLACC 2-3, tylenol 240 mg q6h prn.",
        "NEURO: CMS INTACT BLE Q1H, SSEP/MEP NORMAL IN OR.",
        "SWAN: PA 42/24, CI 2.3, CPO 0.62, PAPI 1.4.",
        "R IMPELLA CP P-LEVEL P6 @ 2.6 L/MIN, PURGE 12 ML/HR.",
        "DRAIN: HEMOVAC 110 ML SINCE MIDNIGHT.",
        # Dialysis settings, a clotting time, a distance walked.
        "HD via R IJ tunneled cath, Optiflux 160, BFR 300, DFR 600, UF goal 2 L.",
        "HEMODYNAMICS: CI 2.1-2.6, SVR 900-1100, PAD 14-18, CVP 8-12.",
        "BLEEDING: CT OUTPUT 40 SINCE. ACT 128 POST PROTAMINE.",
        "mobility: amb 150 ft w/ PT and RW, SBA. orthostatics neg.",
        # Drug names as nurses shorten them, and the ward's words.
        "asa 81, atorva 80 via dobhoff, azithro 500 x1 then 250, glyco 0.2 q4h.",
        "pt s/p L MCA cva, redirectable, resp shallow.",
        # A row of settings the model reads as one name or place; devices by brand.
        "resp: bipap 12/5 fio2 35% overnight, rr 20-24, vt 350-420.",
        "step-down pt w/ trach (Shiley 6 cuffed), PMV trial.",
        "TEMP: 35.4 ON ARRIVAL, BAIR HUGGER ON, 36.9 @ 0100.",
        # The chest's and the body's words in capitals, after "at" or opening a line.
        "PEAK FLOW UNABLE.\nBREATH SOUNDS DIMINISHED BILAT W/ EXP WHEEZE.",
        "34% TBSA FLAME BURN (FACE, BILAT UE, ANT TRUNK).",
    ],
)
def test_the_wards_scales_devices_and_settings_are_no_identifiers(
    deid: Deidentifier, text: str
) -> None:
    assert found(deid, text) == []


@pytest.mark.parametrize(
    ("text", "value", "kept"),
    [
        ("PT'S SISTER WINIFRED FLEW IN FROM HOME.", "WINIFRED FLEW", "WINIFRED"),
        ("ROOMMATE CALLED, PT GAVE OKOYE VERBAL OK.", "GAVE OKOYE", "OKOYE"),
        # An initial is no word that ends a name.
        ("letter from i. condron, cardiology.", "i. condron", "i. condron"),
    ],
)
def test_the_models_name_stops_at_the_verb_beside_it(text: str, value: str, kept: str) -> None:
    assert model_finds(text, value, "PERSON") == [kept]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Pt transferred to Baker Stepdown at 1400, VSS.", "Baker Stepdown"),
        ("Report given to RN on Hartwell stepdown.", "Hartwell stepdown"),
        ("TRANSFERRED TO LACHMAN STEPDOWN 0200.", "LACHMAN STEPDOWN"),
    ],
)
def test_a_step_down_unit_named_after_someone_is_a_place(
    deid: Deidentifier, text: str, unit: str
) -> None:
    # "stepdown" as a ward word once hid such a unit; a unit's name is a place in our
    # convention, so the word stays out of the ward's vocabulary until a rule can tell
    # "neuro stepdown" from "Baker Stepdown".
    assert unit in found(deid, text)


def test_a_relative_in_capitals_is_still_found_before_the_verb(deid: Deidentifier) -> None:
    text = "HUSBAND AND SISTER AT BEDSIDE, PT'S SISTER WINIFRED FLEW IN FROM SPOKANE."
    assert found(deid, text) == ["WINIFRED", "SPOKANE"]


def test_a_street_address_in_feet_capitalised_is_no_distance() -> None:
    assert model_finds(
        "lives at 1200 Ft Washington Ave, apt 3.", "1200 Ft Washington Ave", "LOCATION"
    ) == ["1200 Ft Washington Ave"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("resp: bipap 12/5 fio2 35% overnight.", "bipap 12/5 fio2 35"),
        ("Trach: Optiflux 160 in place.", "160"),
    ],
)
def test_settings_and_a_devices_number_are_no_place_to_the_model(text: str, value: str) -> None:
    assert model_finds(text, value, "LOCATION") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("HR 88 on arrival; lives at 14 Kestrel Road, Leeds.", "14 Kestrel Road"),
        ("wohnhaft Samoilova 3, Kyiv.", "Samoilova 3"),
    ],
)
def test_an_address_with_a_ward_word_or_a_number_after_a_street_stays(
    text: str, value: str
) -> None:
    assert model_finds(text, value, "LOCATION") == [value]
