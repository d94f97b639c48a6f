"""Words in another script than the text's own: in a note written in Latin letters, a
word in Devanagari, Hebrew, Sinhala or Han characters is almost always a name or place.

No word list can know every name, least of all in scripts the lists are not written in;
but a clinician writing in English, Spanish or Swahili spells drugs, tests and diagnoses
in Latin letters, and switches script only to write what they copied from elsewhere: a
patient's name as registered, a village, an address. So a run of such words is proposed
at a guess's low score. A text mostly in another script (a note in Russian or Chinese) is
left to the rules and the model: there its own script says nothing.
"""

from __future__ import annotations

import functools

import regex

from echo_cases.deid import wordlists

# A word: letters, their combining marks (Indic vowel signs are marks), joiners, and
# digits inside it ("中興巷252號" is one token to a reader and to the scorer).
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}\u200c\u200d]*\p{L}[\p{L}\p{M}\p{N}\u200c\u200d]*")
_LATIN = regex.compile(r"\p{Latin}")
_LETTER = regex.compile(r"\p{L}")
# A letter of another script than Latin: a text without one has no foreign word.
_NOT_LATIN_LETTER = regex.compile(r"[\p{L}--\p{Latin}]", regex.VERSION1)
# Greek letters are clinical symbols (TNF-alpha, beta-blockers, micrograms, written with
# the Greek letter): a Greek word counts only from this many letters on.
_GREEK = regex.compile(r"\p{Greek}")
_SYLLABIC = regex.compile(r"[\p{Han}\p{Hangul}]")
_MIN_GREEK = 3
# The text is "written in Latin letters" when at least this share of its words are
# (words, not letters: an Indic name has as many letters as a sentence has words).
_MIN_LATIN_SHARE = 0.5
# Words of one run: joined by spaces or a hyphen ("शनि-अर्जुन").
_JOIN = regex.compile(r"[ \t]*[-\u2010\u2011]?[ \t]*")
# Runs of one list: "中興巷252號, 新竹, 中壢市" is one address, a place throughout.
_LIST = regex.compile(r"[ \t]*[,;][ \t]*")


@functools.cache
def _place_cue() -> regex.Pattern[str]:
    cues = sorted(wordlists.words("place_cues"), key=len, reverse=True)
    alternation = "|".join(regex.escape(c) for c in cues)
    return regex.compile(rf"(?i)(?<!\w)(?:{alternation})[ \t:,]*$")


def _foreign(word: str) -> bool:
    letters = _LETTER.findall(word)
    # One letter alone is no word: mis-decoded punctuation ("ג€“" for a dash) looks so;
    # but one Han or Hangul character is a syllable, and a surname ("Dr 林", "Mr. 楊").
    if not letters or any(_LATIN.match(c) for c in letters):
        return False
    if len(letters) < 2 and not _SYLLABIC.match(letters[0]):
        return False
    greek = sum(1 for c in letters if _GREEK.match(c))
    return greek == 0 or len(letters) >= _MIN_GREEK


def written_in_latin(text: str) -> bool:
    """True when most of the text's words are written in Latin letters."""
    words = [m.group() for m in _WORD.finditer(text)]
    latin = sum(1 for w in words if _LATIN.search(w))
    return bool(words) and latin >= _MIN_LATIN_SHARE * len(words)


def foreign_script_runs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, subtype) of each run of words in another script than Latin.

    The subtype is CITY after a word that introduces a place ("lives at", "near",
    "from", data/words/place_cues/), else PERSON.
    """
    if _NOT_LATIN_LETTER.search(text) is None or not written_in_latin(text):
        return []
    runs: list[list[int]] = []
    for m in _WORD.finditer(text):
        if not _foreign(m.group()):
            continue
        if runs and _JOIN.fullmatch(text, runs[-1][1], m.start()):
            runs[-1][1] = m.end()
        else:
            runs.append([m.start(), m.end()])
    cue = _place_cue()
    found: list[tuple[int, int, str]] = []
    for s, e in runs:
        if found and found[-1][2] == "CITY" and _LIST.fullmatch(text, found[-1][1], s):
            subtype = "CITY"
        else:
            subtype = "CITY" if cue.search(text, max(0, s - 24), s) else "PERSON"
        found.append((s, e, subtype))
    return found
