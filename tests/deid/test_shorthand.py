"""Ward and ICU notes, and chat between clinicians: shorthand and measurements are not
identifiers, and the identifiers among them are still found (texts written for these tests).
"""

from __future__ import annotations

import pytest
import regex
from presidio_analyzer import EntityRecognizer

from echo_cases.deid import Deidentifier
from echo_cases.deid.entities import ALL_SUBTYPES
from echo_cases.deid.recognizers import build_rule_recognizers
from echo_cases.deid.recognizers.base import CUE_WORDS
from echo_cases.deid.shorthand import SHORTHAND, VITAL_LABELS

from .helpers import touched_tokens, uncovered_tokens

RULES: list[EntityRecognizer] = build_rule_recognizers()


def rule_findings(text: str) -> list[tuple[int, int, str]]:
    """What the rule recognizers alone report (no NER, no guesses)."""
    return sorted(
        (r.start, r.end, r.entity_type)
        for recognizer in RULES
        for r in recognizer.analyze(text, [*ALL_SUBTYPES])
    )


# Measurements, settings and ranges: all of it must survive the whole de-identifier.
MEASUREMENTS = [
    "BP 110/70, HR 102, RR 24, SpO2 98% on 4 L/min NC, T 99.1",
    "SBP 120-140 overnight, MAP 65-70, CVP 12",
    "UO 2/3 of goal, I/O +1.2L since midnight",
    "Urine output dropped to 2/3 of target this shift",
    "Vent: SIMV 12/500/5, PEEP 5, FiO2 0.4, PS 10",
    "PS weaned from 16/8 to 14/5, tolerating well",
    "Weaned to 14/5 this am, ABG 7.35/42/88",
    "sats now 96 on 2L, HR 102 ST, RR 94?? recheck, temp 99 ax",
    "SpO2 was 94 then 97, T 99 F orally, HR 92 M? pls check",
    "HR 88 92 95 102 110 trending up, pls review",
    "GCS 10/15 to 14/15 after sedation hold",
    "Sats 88-92% on NRB, Vt 450, rate 14",
    "Na 131 (128-132), K 3.1, Plt 96, Hb 9.2 -> 8.1",
]

# Shorthand and ward words: the rules must leave them alone (whatever NER makes of the
# drug names is another matter).
SHORTHAND_NOTES = [
    ("RESP: LS coarse bilat, sxn for thick tan secretions q2h", "RESP"),
    ("PTT 45, INR 1.3, fibrinogen pending", "PTT 45"),
    ("Transferred from CCU overnight, settled", "CCU"),
    ("R/O sepsis - blood cx x2 sent, lactate 2.1", "R/O sepsis - blood cx x2 sent"),
    ("R/O Sepsis, Pneumonia; CXR ordered", "R/O Sepsis, Pneumonia"),
    ("r/o PE, CTPA booked for am", "r/o PE, CTPA booked for am"),
    ("Pt is s/p CABG x3, c/o incisional pain 6/10, h/o DM2", "s/p CABG x3, c/o incisional pain"),
    ("c/o Headache and Nausea since 0300", "c/o Headache and Nausea"),
    ("c/o Chest Pain radiating to L arm", "c/o Chest Pain"),
    ("w/ family at bedside, d/c foley today, f/u with cards", "w/ family at bedside"),
    ("Pt Resting comfortably. Pt Alert and oriented x3", "Pt Resting comfortably. Pt Alert"),
    ("PT Eval done, Seen by PT and OT, MD aware", "PT Eval done, Seen by PT and OT, MD"),
    ("Sedated on Propofol, OK to wean per MO", "Propofol, OK to wean per MO"),
    ("Dopamine, MO notified. Heparin, CO 5.2", "Dopamine, MO notified. Heparin, CO 5.2"),
    ("Concerns addressed with family at length", "addressed with family"),
    ("Abx changed to Tazocin 4.5g QID, then switched to Meropenem", "Tazocin 4.5g QID, then"),
    ("Abx changed to Tazocin 4.5g QID, then switched to Meropenem", "Meropenem"),
    ("Converted to Amiodarone infusion at 0800", "Amiodarone infusion"),
    ("Sr Cr 1.4 up from 0.9, PT Cr 120", "Sr Cr 1.4 up from 0.9, PT Cr 120"),
    ("16 Fr Foley inserted, draining well", "16 Fr Foley"),
]

# Identifiers in the same kind of notes: they must still be redacted.
STILL_FOUND = [
    ("Pt Maria Lopez resting comfortably, DOB 12/03/1950, MRN 445566", "Maria Lopez"),
    ("Pt Maria Lopez resting comfortably, DOB 12/03/1950, MRN 445566", "12/03/1950"),
    ("Pt Maria Lopez resting comfortably, DOB 12/03/1950, MRN 445566", "445566"),
    ("Pt JOHNSON up in chair, tolerating diet", "JOHNSON"),
    ("Letters to Amina Yusuf c/o Halima Yusuf (sister)", "Halima Yusuf"),
    ("Pt Imran Qureshi, r/o 14 Mill Lane, Ashford, via ED", "14 Mill Lane"),
    ("Pt Imran Qureshi, r/o 14 Mill Lane, Ashford, via ED", "Ashford"),
    ("Son of Rashid, r/o House No. 27, Gulshan Colony, admitted with fever", "House No. 27"),
    ("r/o Rampur Village, Jaunpur district", "Rampur Village"),
    ("Pt is now 96 and frail, sats 91% on RA", "96"),
    ("94 yo F, HR 110, BP 90/60, SpO2 89%", "94"),
    ("BP 120/80, now 96 years old and frail", "96"),
    ("Admitted 14/5 from ED, PS 14/5 overnight", "14/5"),
    ("pls call wife on 0722 123 456 if HR > 130", "0722 123 456"),
    ("Ph: 0722 123 456, Na 131", "0722 123 456"),
    ("Ward clerk T: 020 7946 0958, P: +254 722 123 456", "020 7946 0958"),
    ("Ward clerk T: 020 7946 0958, P: +254 722 123 456", "+254 722 123 456"),
    ("Seen Sat 12/03/24 by cards, sats 96", "12/03/24"),
    ("Referred to Kisumu for CT, then to Nairobi West Hospital", "Kisumu"),
    ("Referred to Kisumu for CT, then to Nairobi West Hospital", "Nairobi West Hospital"),
    ("Mr Na has HR 96, Sr Agnes Mwangi aware", "Na"),
    ("Mr Na has HR 96, Sr Agnes Mwangi aware", "Agnes Mwangi"),
]


@pytest.mark.parametrize("text", MEASUREMENTS)
def test_vital_signs_ventilator_settings_and_ranges_survive(deid: Deidentifier, text: str) -> None:
    assert deid.analyze(text) == []


@pytest.mark.parametrize(("text", "needle"), SHORTHAND_NOTES)
def test_rules_read_shorthand_as_shorthand(text: str, needle: str) -> None:
    start = text.index(needle)
    hits = [f for f in rule_findings(text) if f[0] < start + len(needle) and start < f[1]]
    assert hits == [], [text[s:e] for s, e, _ in hits]


@pytest.mark.parametrize(("text", "needle"), STILL_FOUND)
def test_identifiers_in_ward_notes_are_still_redacted(
    deid: Deidentifier, text: str, needle: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), needle) == []


def test_a_date_label_wins_and_a_setting_after_it_stays(deid: Deidentifier) -> None:
    text = "Admitted 14/5 from ED, PS 14/5 overnight"
    findings = deid.analyze(text)
    assert [text[f.start : f.end] for f in findings] == ["14/5"]
    assert findings[0].start == text.index("14/5")


def test_a_bed_number_is_ward_logistics_not_an_identifier(deid: Deidentifier) -> None:
    text = "Pt Maria Lopez moved to Bed 4, Bay 2 at 0400"
    assert touched_tokens(text, deid.analyze(text), "Bed 4, Bay 2") == []


@pytest.mark.parametrize("label", VITAL_LABELS)
def test_a_number_after_any_vital_sign_label_is_a_value(label: str) -> None:
    text = (
        f"{label} now 96; {label} 94, was 92 M; {label} dropped to 14/5; {label} 88 92 95 102 110"
    )
    assert rule_findings(text) == []


@pytest.mark.parametrize("word", sorted(SHORTHAND))
def test_shorthand_before_a_diagnosis_or_symptom_is_no_cue(word: str) -> None:
    text = f"Pt {word} Sepsis, PE; {word} Pain and Nausea; {word} Chest Pain"
    assert rule_findings(text) == []


# What each kind of cue announces: a name, an age, a date, a code, a place. None of them
# is found after an ordinary word.
_VALUES = (" Maria Lopez", " 96", " 12/03", " AB4455", " Kisumu")
_TOKEN = regex.compile(r"\w+")


def _neutral(word: str) -> str:
    """The same word shape with every letter replaced: "Drzq" -> "Qqzq"."""
    return "".join(("Q" if c.isupper() else "q") if c.isalpha() else c for c in word)


def _values_covered(lead: str) -> list[bool]:
    """Which words of the values the rules redact when ``lead`` stands before each of them."""
    lines = [lead + value for value in _VALUES]
    text = "\n".join(lines)
    found = rule_findings(text)
    covered, line_start = [], 0
    for line in lines:
        for m in _TOKEN.finditer(text, line_start + len(lead), line_start + len(line)):
            covered.append(any(s < m.end() and m.start() < e for s, e, _ in found))
        line_start += len(line) + 1
    return covered


def _embedded_forms(cue: str) -> list[tuple[str, str]]:
    """(cue glued into a longer word, the same words with the glued one made neutral)."""
    forms = []
    first, _, rest = cue.partition(" ")
    if first[0].isalnum():  # "zqpt": the cue at the end of a longer word
        # Some rules read a word by its ending (a Finnish street "...tie 96", a Norwegian
        # "...veien 3"): a long cue keeps its last three letters in the neutral word, so
        # that "zqmartie 96" is held to "zqqqqtie 96", not to a word of another ending.
        kept = 3 if len(first) > 4 else 0
        plain = _neutral(first[: len(first) - kept]) + first[len(first) - kept :]
        forms.append((f"zq{cue}", " ".join(filter(None, [f"zq{plain}", rest]))))
    head, _, last = cue.rpartition(" ")
    if last[-1].isalnum():  # "ptZQ" as "PTT": the cue at the start of a longer word
        forms.append((f"{cue}ZQ", " ".join(filter(None, [head, f"{_neutral(last)}ZQ"]))))
    return forms


def test_no_cue_of_any_recognizer_fires_inside_a_longer_word() -> None:
    fired = []
    for cue in sorted(CUE_WORDS):
        for glued, plain in _embedded_forms(cue):
            baseline = _values_covered(plain)
            # The glued cue must not make the rules redact more than a plain word does.
            if any(g and not b for g, b in zip(_values_covered(glued), baseline, strict=True)):
                fired.append(glued)
    assert fired == []


def test_every_recognizer_module_registers_its_cues() -> None:
    # Titles, kinship, patient labels, residence, employer, postcode, dates, ages, phones
    # and world ID labels all reach the check above.
    for word in ("Dr", "son", "pt", "lives", "employer", "zip", "dob", "aged", "tel", "PESEL"):
        assert word in CUE_WORDS
