"""Clinical words of the ECHO programmes survive de-identification in any letter case, and
a name is still redacted after a cue even when it is also a word (examples written for
these tests)."""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.derived import vocabulary

from .helpers import covered, touched_tokens

# (text, the clinical content inside it that must not be touched)
SENTENCES = {
    "cervical screening": [
        (
            "Colposcopy: acetowhite change at 3 o'clock, biopsy taken.",
            "Colposcopy: acetowhite change at 3 o'clock, biopsy taken",
        ),
        (
            "Dense acetowhite epithelium with mosaicism and punctation at 12 o'clock position.",
            "Dense acetowhite epithelium with mosaicism and punctation at 12 o'clock position",
        ),
        (
            "Squamocolumnar junction fully seen; leukoplakia between 2 and 5 o'clock.",
            "Squamocolumnar junction fully seen; leukoplakia between 2 and 5 o'clock",
        ),
        (
            "Ectropion with nabothian cysts; no cervicitis.",
            "Ectropion with nabothian cysts; no cervicitis",
        ),
        (
            "Offered LLETZ, or cryotherapy or thermocoagulation if LEEP is not available.",
            "LLETZ, or cryotherapy or thermocoagulation if LEEP",
        ),
        (
            "Colposcopic impression: high-grade; endocervical curettage showed koilocytosis.",
            "Colposcopic impression: high-grade; endocervical curettage showed koilocytosis",
        ),
        (
            "Cytology: severe dyskaryosis. Conization planned, then trachelectomy or hysterectomy.",
            "Cytology: severe dyskaryosis. Conization planned, then trachelectomy or hysterectomy",
        ),
        # A drug and its dose open the line like a name and its age ("Kofi Boateng 56,").
        (
            "Carboplatin AUC 5, paclitaxel 175 mg/m2 every 3 weeks; BSA 1.6.",
            "Carboplatin AUC 5, paclitaxel 175 mg/m2 every 3 weeks; BSA 1.6",
        ),
    ],
    "myeloma": [
        (
            "Smouldering myeloma with IgG paraprotein 28 g/L; no plasmacytoma.",
            "Smouldering myeloma with IgG paraprotein 28 g/L; no plasmacytoma",
        ),
        (
            "Amyloidosis excluded; lytic lesions on skeletal survey.",
            "Amyloidosis excluded; lytic lesions",
        ),
    ],
    "survivorship": [
        (
            "Survivorship visit: lymphoedema of the left arm, peripheral neuropathy improving.",
            "Survivorship visit: lymphoedema of the left arm, peripheral neuropathy",
        ),
    ],
    "tobacco": [
        (
            "Tobacco cessation: varenicline started, referred to the quitline.",
            "Tobacco cessation: varenicline started, referred to the quitline",
        ),
    ],
}
CASES = [
    pytest.param(text, keep, id=f"{topic}-{i}")
    for topic, examples in SENTENCES.items()
    for i, (text, keep) in enumerate(examples)
]


@pytest.mark.parametrize("case", ["as written", "lower", "upper"])
@pytest.mark.parametrize(("text", "keep"), CASES)
def test_clinical_words_are_kept_in_any_case(
    deid: Deidentifier, text: str, keep: str, case: str
) -> None:
    change = {"as written": str, "lower": str.lower, "upper": str.upper}[case]
    text, keep = change(text), change(keep)
    assert touched_tokens(text, deid.analyze(text), keep) == []


def test_an_upper_case_impression_of_high_grade_is_kept(deid: Deidentifier) -> None:
    text = "COLPOSCOPIC IMPRESSION HIGH GRADE; KOILOCYTOSIS."
    assert touched_tokens(text, deid.analyze(text), "IMPRESSION HIGH GRADE") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Colposcopy by Dr Graves: acetowhite change at 3 o'clock.", "Graves"),
        ("Myeloma clinic letter from Dr. Hodgkin, haematology.", "Hodgkin"),
        ("Survivorship plan agreed with Dr Cervantes and the patient.", "Cervantes"),
    ],
)
def test_a_name_after_a_cue_is_redacted_even_near_clinical_words(
    deid: Deidentifier, text: str, name: str
) -> None:
    start = text.index(name)
    assert covered(deid.analyze(text), start, start + len(name))


def test_the_generated_clinical_terms_hold_no_name_the_de_identifier_knows() -> None:
    names = vocabulary("person_names") | vocabulary("rare_person_names")
    assert sorted(vocabulary("clinical_terms") & names) == []
    assert {"colposcopy", "leukoplakia", "plasmacytoma", "trachelectomy"} <= vocabulary(
        "clinical_terms"
    )
