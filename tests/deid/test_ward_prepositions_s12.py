"""A bare "at", "from", "in" or "to" before a model's span in a ward note: the ward
writes these before its own doings ("AT GOAL", "in the corridor", "FROM PROSTHETICS") as
often as before a place, so they protect the span only where it holds none of the
clinic's words or values; a real place cue, a kinship word or a name that no list of the
ward's words holds keeps it found.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid.recognizers.learned import _cued, _words_of_the_ward_alone
from tests.deid.helpers import model_finding
from tests.deid.ward_notes import CAPITALS, MIXED, SMALL, note


@pytest.mark.parametrize(
    ("template", "line", "phrase"),
    [
        (CAPITALS, "GI: TUBE FEEDS AT GOAL 55/HR, RESIDUALS LOW.", "GOAL 55/HR"),
        (CAPITALS, "ACTIVITY: OOB TO CHAIR X2 W/ PT.", "CHAIR X2"),
        (SMALL, "activity: amb in corridor x3 w/ rn, tolerated.", "corridor x3"),
        (SMALL, "gi: tf via dobhoff at goal 45/hr.", "goal 45/hr"),
    ],
)
def test_a_bare_preposition_before_the_clinics_own_words_cues_no_place(
    template: str, line: str, phrase: str
) -> None:
    text = note(template, line)
    assert _words_of_the_ward_alone(text, model_finding(text, phrase, "LOCATION"))


@pytest.mark.parametrize(
    ("template", "line", "phrase", "label"),
    [
        # An ordinary word alone after "from": a town or a home as often as a word.
        (CAPITALS, "SOCIAL: PT TRANSFERRED FROM BROOKSIDE, WIFE AWARE.", "BROOKSIDE", "LOCATION"),
        (SMALL, "social: came in from greenfield, son at bs.", "greenfield", "LOCATION"),
        # Real cues stay cues, whatever the span holds.
        (CAPITALS, "SOCIAL: LIVES IN HARBOR VIEW 2 WITH DAUGHTER.", "HARBOR VIEW 2", "LOCATION"),
        (SMALL, "social: wife rose at bs, updated re plan.", "rose", "PERSON"),
    ],
)
def test_a_place_or_a_person_after_a_cue_stays_found(
    template: str, line: str, phrase: str, label: str
) -> None:
    text = note(template, line)
    assert not _words_of_the_ward_alone(text, model_finding(text, phrase, label))


def test_only_the_bare_prepositions_are_set_aside() -> None:
    text = "PT LIVES IN OAKDALE, DAUGHTER FROM TOWN. RN AT BEDSIDE."
    start = text.index("OAKDALE")
    assert _cued(text, start, start + 7, prepositions=False)
    start = text.index("BEDSIDE")
    assert _cued(text, start, start + 7)
    assert not _cued(text, start, start + 7, prepositions=False)


def test_in_mixed_case_a_bare_preposition_still_cues_a_capitalised_place() -> None:
    # Capitals mark names where a note writes both cases: a hospital named in the clinic's
    # words after "from" is still a place.
    text = note(MIXED, "Social: transferred from Sacred Heart, wife updated.")
    finding = model_finding(text, "Sacred Heart", "LOCATION")
    assert not _words_of_the_ward_alone(text, finding)
