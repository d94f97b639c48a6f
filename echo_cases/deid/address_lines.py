"""The lines under a street address: town, region code, postcode and country.

A postal address is written over several lines ("4 Rua Nova 12", "Braga", "4700-321",
"Portugal"); a rule finds the street by its shape, but the lines under it are bare
names and codes that no rule can tell from a heading. Under a street line they are
the rest of the address, whatever their words, until a line that cannot be one: a blank
line, a label ("Tel:", "Diagnosis:"), a title or a sentence.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from echo_cases.deid import lexicon, wordlists
from echo_cases.deid.candidates import is_clinical_word, is_function_word
from echo_cases.deid.frequency import is_very_common_word
from echo_cases.deid.gazetteer import is_known_place
from echo_cases.deid.keep import names_a_region

# What a street rule reports: the lines under these continue the address.
STREET_SUBTYPES = frozenset({"ADDRESS", "ZIP"})
# An address has at most this many lines under its street.
_MAX_LINES = 4
_MAX_WORDS = 6
# Words of an address line: names in capitals or not, codes, postcodes ("4700-321",
# "SW1A 1AA", "H-1744"), a parenthesised region ("(Greek)").
_TOKEN = regex.compile(r"[^\s,;]+")
_NAME = regex.compile(r"\(?\p{Lu}[\p{L}\p{M}'\u2019.-]*\)?")
# Typed in small letters a line has no capitals to say "name": a word of it counts as one
# when it is a known town or a word no language writes very often ("pines", "zalakaros";
# not "thanks", "stable"), never the clinic's.
_SMALL_WORD = regex.compile(r"\(?\p{Ll}[\p{Ll}\p{M}'\u2019.-]*\)?")
_CODE = regex.compile(r"(?=[\p{L}\d-]*\d)[\p{L}\d][\p{L}\d-]{0,9}")
_PARTICLE = regex.compile(r"(?:de|da|do|dos|das|del|la|le|van|von|der|of|the|upon|sur|am|an)")
# "CO", "QC", "AE": a state's or province's code, whatever else the letters may mean.
_REGION_CODE = regex.compile(r"\p{Lu}{2}")
_TRAILING = regex.compile(r"[ \t,;.]*$")
_NOT_ADDRESS_WORDS = frozenset(
    w.lower()
    for w in (
        *lexicon.TITLES,
        *lexicon.NAME_STOP,
        *lexicon.ID_LABELS,
        *wordlists.words("addressees"),
        *wordlists.words("greetings"),
    )
)


def address_lines(text: str, streets: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of the lines that continue each street address in ``streets``.

    A country or first-level region on its line is no identifier (Safe Harbor keeps it):
    it continues the address without being part of what is found, bar a postcode beside it.
    """
    found: list[tuple[int, int]] = []
    for _, end in streets:
        lines = _lines_under(text, end)
        found += lines
        found += [
            (a, b)
            for a, b in _postcodes_after_regions(text, end)
            if not any(s <= a and b <= e for s, e in lines)
        ]
    return found


# "OULU\n\n Finland 80896", "St Felicien  Canada 36523 last night", "Cyprus (Greek) 78891":
# a country or region with a number after it, a little after a street and in its sentence,
# is its postcode (not a year, nor a dose), even where a blank line or the sentence going
# on ends the lines under the street.
_CODE_AFTER_WORDS = regex.compile(
    r"(?P<words>(?:\p{Lu}[\p{L}\p{M}'-]+[ \t]+){1,2})(?:\([\p{L} ]{1,20}\)[ \t]+)?"
    r"(?P<code>\d{3,6})(?![\w/.,:-]*\d)"
    r"(?![ \t]*(?:%|[a-zµ]{1,4}/|mg|mcg|ml|kg|g|mmol|iu|units?)\b)",
    regex.IGNORECASE,
)
_YEAR = regex.compile(r"(?:19|20)\d\d")
# The address ends at a sentence's end.
_SENTENCE_END = regex.compile(r"[.!?][ \t]+\p{Lu}|;")
_REACH = 120
_REACH_LINES = 4


def _postcodes_after_regions(text: str, end: int) -> list[tuple[int, int]]:
    stop = min(len(text), end + _REACH)
    pos = end
    for _ in range(_REACH_LINES):
        pos = text.find("\n", pos + 1, stop)
        if pos < 0:
            break
    else:
        stop = pos
    sentence_end = _SENTENCE_END.search(text, end, stop)
    stop = sentence_end.start() if sentence_end else stop
    spans = []
    for m in _CODE_AFTER_WORDS.finditer(text, end, stop, overlapped=True):
        words = m.group("words").split()
        if _YEAR.fullmatch(m.group("code")) or (m.start("code"), m.end("code")) in spans:
            continue
        if names_a_region(words[-1]) or names_a_region(" ".join(words)):
            spans.append(m.span("code"))
    return spans


def _lines_under(text: str, end: int) -> list[tuple[int, int]]:
    line_end = text.find("\n", end)
    if line_end < 0 or not _TRAILING.fullmatch(text, end, line_end):
        return []  # the street does not end its line: a sentence goes on
    spans = []
    for _ in range(_MAX_LINES):
        start = line_end + 1
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        line = _address_line(text, start, line_end)
        if line is None:
            spans += _town_code_postcode(text, start, line_end)
            break
        spans += line
        if line_end >= len(text):
            break
    return spans


# The last line of an address that a sentence goes on from: "Campinas, SP 13010 after the
# match.", a chat's "soria, cl 42002": the town and the postcode, not the region's code.
_TOWN_CODE_POSTCODE = regex.compile(
    r"[ \t]*(?P<town>\p{L}[\p{L}\p{M}'\u2019.-]*(?:[ \t-]+\p{L}[\p{L}\p{M}'\u2019.-]*){0,3})"
    r"[ \t]*,[ \t]*(?:\p{Lu}{2,3}|\p{Ll}{2})[ \t]+(?P<code>\d{4,6}(?:-\d{3,4})?)(?![\w/.,:-]*\d)"
)


def _town_code_postcode(text: str, start: int, end: int) -> list[tuple[int, int]]:
    line = _TOWN_CODE_POSTCODE.match(text, start, end)
    if line is None or _YEAR.fullmatch(line.group("code")):
        return []
    words = line.group("town").split()
    if any(w.lower() in _NOT_ADDRESS_WORDS or is_function_word(w) for w in words):
        return []
    return [line.span("town"), line.span("code")]


def _small_letter_name(word: str) -> bool:
    if not _SMALL_WORD.fullmatch(word) or is_clinical_word(word):
        return False
    return is_known_place(word) or not is_very_common_word(word)


def _address_line(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """What to find on a line that can be part of an address (None if it cannot be)."""
    tokens = list(_TOKEN.finditer(text, start, end))
    if not tokens or len(tokens) > _MAX_WORDS or ":" in text[start:end]:
        return None
    if text[start:end].rstrip().endswith(","):
        return None  # "Atenciosamente,", "Yours sincerely,": the letter goes on
    small = text[start:end].islower()  # a line with no capital letter
    clinical = []
    for token in tokens:
        word = token.group().strip(".()")
        if not word or _PARTICLE.fullmatch(word) or _REGION_CODE.fullmatch(word):
            continue
        if word.lower() in _NOT_ADDRESS_WORDS or is_function_word(word):
            return None
        small_name = small and _small_letter_name(word)
        if not (_NAME.fullmatch(word) or _CODE.fullmatch(word) or small_name):
            return None
        clinical.append(is_clinical_word(word))
    if clinical and all(clinical):
        return None  # "Surgery", "Internal Medicine": a heading, not a town
    codes = [t for t in tokens if _CODE.fullmatch(t.group().strip(".()"))]
    names = " ".join(t.group() for t in tokens if t not in codes)
    if names and names_a_region(names):
        return [t.span() for t in codes]  # "Uruguay 64677": the postcode only
    # "Lodge Grass, SD 74464": a state's code stays, the words either side of it are found.
    runs: list[list[int]] = []
    joined = True
    for token in tokens:
        if _REGION_CODE.fullmatch(token.group()) and names_a_region(token.group()):
            joined = False
        elif runs and joined:
            runs[-1][1] = token.end()
        else:
            runs.append([token.start(), token.end()])
            joined = True
    return [(a, b) for a, b in runs]
