"""A Presidio recognizer driven by our own compiled patterns.

Presidio's PatternRecognizer always reports the whole match; ours report one
named group ("x") so a pattern can demand context ("MRN: ") without redacting it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from echo_cases.deid.entities import entity_type_of
from echo_cases.deid.recognizers.fragments import alternation, as_written
from echo_cases.deid.recognizers.openers import pattern_opening_words
from echo_cases.deid.types import EntityType

# Every cue word of every recognizer, collected as the patterns are built, so that one
# test can check them all (tests/deid/test_shorthand.py).
CUE_WORDS: set[str] = set()


def cue(words: Iterable[str]) -> str:
    """Cue words as an alternation that matches whole words only.

    "pt" must not fire inside "PTT", nor "re" inside "RESP", nor "cc" inside "CCU":
    the cue starts where no word character precedes it and ends where none follows.
    """
    items = tuple(words)
    CUE_WORDS.update(items)
    fragment = rf"(?<!\w){alternation(items)}(?!(?<=\w)\w)"
    _CUE_FIRST_WORDS[fragment] = _first_words(items)
    return fragment


# The words a cue can open with, lower-cased, by the fragment ``cue`` made of them; None
# when a cue opens with something else than a word ("#", "@").
_CUE_FIRST_WORDS: dict[str, frozenset[str] | None] = {}
# Words as the rules' patterns (VERSION1) and keep.py's and landmarks.py's (VERSION0) see
# them: "\w" is the same characters in both (tests/deid/test_opening_words_s10.py), so one
# index of a text's words serves both.
_WORD = regex.compile(r"\w+", regex.VERSION1)


def _first_words(items: Iterable[str]) -> frozenset[str] | None:
    firsts = [_WORD.match(item) for item in items]
    if not all(firsts):
        return None
    return frozenset(m.group().lower() for m in firsts if m)


def opening_words(items: Iterable[str]) -> frozenset[str] | None:
    """The first words of ``items``, lower-cased (None if one opens with no word)."""
    return _first_words(items)


@functools.lru_cache(maxsize=8)
def _word_starts(text: str) -> tuple[dict[str, list[int]], list[int], frozenset[str]]:
    """Where each word of ``text`` starts, by the word lower-cased (ASCII words), where
    the words that are not ASCII start (a cue may match one by case folding), and the
    ASCII words as a set: a rule's opening words are met with them by iterating the
    smaller of the two (``frozenset.intersection``), a handful of cues rather than the
    hundreds of words of a long note."""
    starts: dict[str, list[int]] = {}
    other: list[int] = []
    for m in _WORD.finditer(text):
        word = m.group()
        if word.isascii():
            starts.setdefault(word.lower(), []).append(m.start())
        else:
            other.append(m.start())
    return starts, other, frozenset(starts)


_MID_WORD = regex.compile(r"(?<=\w)(?=\w)")


def inside_word(text: str, pos: int) -> bool:
    """True when ``pos`` falls between two word characters ("PT|T", "RE|SP")."""
    return _MID_WORD.match(text, pos) is not None


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern: its subtype, its score, and the compiled regex (group "x" if present)."""

    subtype: str
    pattern: regex.Pattern[str]
    score: float
    # A cheap pattern the text must contain for the rule to be worth running at all.
    requires: regex.Pattern[str] | None = None
    # Characters no match contains, nor what its look-aheads read ("\n": a match never
    # spans a line break). The rule then runs only on the stretches between two of them
    # that hold ``requires``: a pattern that opens with a name ("Kenyatta National
    # Hospital") is otherwise tried at every capital of the text.
    breaks: str = ""
    # Set when ``pattern`` ignores case by simple case folding: the pattern as written and
    # its flags, for a text that holds a character full case folding turns into several.
    written: tuple[str, int] | None = None
    # Set when every match opens with a cue (``cue``): the words, lower-cased, that the
    # cue can open with. The pattern is then tried only where one of them, or a word
    # that is not ASCII, starts: a cue of fifty words costs as much at every position of
    # the text as the rest of the rule where it matches.
    opens: frozenset[str] | None = None
    # A look-ahead that matches wherever a match of the pattern can start (``at_starts``):
    # the pattern is then tried only there, not at every position of the text or of the
    # stretches ``requires`` finds.
    starts: regex.Pattern[str] | None = None
    # Set when every match holds a word of a list as a whole word of the text (a month's
    # name): the first words of the list, lower-cased. A text that holds none of them is
    # then not searched at all, neither its gate nor its stretches: the month rules' gates
    # look behind every digit of a note for a month most notes never name.
    needs: frozenset[str] | None = None
    # ``needs`` as a pattern that ignores case by simple case folding, as the rules do, for
    # the text's words beyond ASCII (a month's name is not always in ASCII: "März").
    needs_any_case: regex.Pattern[str] | None = None
    # Set when the pattern folds case fully in every text (it holds a character full case
    # folding turns into several): ``needs_any_case`` then folds fully too, and screens a
    # text that holds such a character as well ("ΜΑΐΟΥ" and "μαΐου" are one word to both).
    needs_folds_fully: bool = False


# Characters whose full case folding is more than one character ("ß" -> "ss", "ﬁ" -> "fi",
# Greek with iota subscript), by Python's tables and by regex's, and "İ", which regex
# treats apart. Full and simple case folding match alike in a text that holds none of
# them, with a pattern that holds none; simple folding is then up to ten times faster
# for a pattern that ignores case (the phone number's: 0.14 -> 0.015 ms a text).
# tests/deid/test_rule_lines.py checks the list against both tables.
MULTI_CHAR_FOLDS = (
    "\u00df\u0130\u0149\u01f0\u0390\u03b0\u0587\u1e96-\u1e9a\u1e9e\u1f50\u1f52\u1f54"
    "\u1f56\u1f80-\u1faf\u1fb2-\u1fb4\u1fb6-\u1fb7\u1fbc\u1fc2-\u1fc4\u1fc6-\u1fc7"
    "\u1fcc\u1fd2-\u1fd3\u1fd6-\u1fd7\u1fe2-\u1fe4\u1fe6-\u1fe7\u1ff2-\u1ff4"
    "\u1ff6-\u1ff7\u1ffc\ufb00-\ufb06\ufb13-\ufb17\U0001df95"
)
_MULTI_CHAR_FOLD = regex.compile(f"[{MULTI_CHAR_FOLDS}]")
# An inline flag group that turns on ignoring case: "(?i:", "(?i)", "(?si)".
_IGNORES_CASE = regex.compile(r"\(\?[a-zA-Z]*i")


@functools.lru_cache(maxsize=8)
def has_multi_char_fold(text: str) -> bool:
    # Every such character is beyond ASCII, and most texts are ASCII: the check is then
    # a scan in C rather than a search for a class of 150 characters. Cached, as every
    # recognizer asks it of the same text.
    return not text.isascii() and _MULTI_CHAR_FOLD.search(text) is not None


@functools.cache
def _written(pattern: str, flags: int) -> regex.Pattern[str]:
    return regex.compile(as_written(pattern), flags)


def compile_written(rules: Iterable[Rule]) -> int:
    """Compile each rule's pattern as written (``Rule.written``) now; how many. Set-up
    records them (echo_cases/compiled_patterns.py): compiled from source, the rules' word
    lists folding case fully take about 20 ms each, and a process's first text holding
    "ß", "ﬁ" or "İ" paid for all of them at once (1.6 s for 84 rules on this machine)."""
    written = {r.written for r in rules if r.written is not None}
    for pattern, flags in written:
        _written(pattern, flags)
    return len(written)


def rule(
    subtype: str,
    pattern: str,
    score: float,
    *,
    ignore_case: bool = False,
    requires: str | None = None,
    requires_case: bool = False,
    breaks: str = "",
    starts: str | None = None,
    needs: Iterable[str] | None = None,
) -> Rule:
    """``requires`` ignores case unless ``requires_case`` (say so when the pattern's own
    copy of it heeds case: fewer stretches to search). ``starts``, a look-ahead, must
    match wherever a match of ``pattern`` can start, and the pattern never match empty.
    ``needs``: words (a list the pattern holds as an alternation in every branch) one of
    which every match holds where the text's word starts and ends, as far as the first
    word of the entry goes: no word character right before it, none right after an entry
    that ends with its first word (``needed_words``)."""
    if breaks and not requires:
        raise ValueError("breaks cut the text into stretches that hold `requires`: give it")
    begins = regex.compile(starts, regex.VERSION1 | regex.MULTILINE) if starts else None
    flags = regex.VERSION1 | regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0)
    gate = regex.compile(requires, 0 if requires_case else regex.IGNORECASE) if requires else None
    opens = _opening_cue(pattern)
    if opens is None and gate is None:
        # Read from the pattern ("\\b(?:MRN|pt\\.? ?id|...)"). Not for a rule gated by what
        # its line must hold: the gate leaves few places, and opening words as frequent as
        # a weekday's or two letters' cost more than it spares there.
        opens = pattern_opening_words(pattern)
    # VERSION1 folds case fully; the pattern as written is compiled only for the rare text
    # that needs it (``matches``), so that each rule is compiled once at start-up.
    folding = ignore_case or _IGNORES_CASE.search(pattern)
    screen = None if needs is None else needed_words(needs)
    folds_fully = bool(folding and has_multi_char_fold(pattern))
    if screen is not None and folds_fully:
        # Folding fully, "ß" in the pattern matches "ss" in the text, and "ΐ" the three
        # characters "ΐ" folds to: a word of the text is met with the list as the pattern
        # meets it, folded fully (``folded_words``, ``_fully_any_case``).
        screen = folded_words(needs)  # type: ignore[arg-type]
    any_case = (
        None if screen is None else _fully_any_case(screen) if folds_fully else _any_case(screen)
    )
    if folding and not has_multi_char_fold(pattern):
        simple = regex.compile("(?-f)" + pattern, flags)
        written_as: tuple[str, int] | None = (pattern, int(flags))
    else:
        simple = regex.compile(as_written(pattern) if folding else pattern, flags)
        written_as = None
    return Rule(
        subtype,
        simple,
        score,
        gate,
        breaks,
        written_as,
        opens,
        begins,
        screen,
        any_case,
        folds_fully,
    )


def _any_case(words: frozenset[str]) -> regex.Pattern[str]:
    # VERSION0: simple case folding, as the rules' patterns ignore case in a text that
    # holds no character full case folding turns into several (``matches``).
    return regex.compile(alternation(sorted(words)), regex.IGNORECASE)


def _fully_any_case(words: frozenset[str]) -> regex.Pattern[str]:
    # VERSION1 folds case fully, as the pattern of a rule that holds a character full case
    # folding turns into several does in every text: the text's words are met with the
    # list by the very folding that matches them.
    return regex.compile(alternation(sorted(words)), regex.IGNORECASE | regex.VERSION1)


# A character beyond ASCII that ignoring case matches to one in it (the long s to "s", the
# dotless i to "I", whose small letter is "i"): a word holding one may stand in a text in
# ASCII spelt otherwise ("KASIM" for the Turkish month). The Kelvin sign is "k" in small
# letters already.
_FOLDS_INTO_ASCII = regex.compile(r"(?i)[a-z]")


def _folds_into_ascii(c: str) -> bool:
    return not c.lower().isascii() and bool(_FOLDS_INTO_ASCII.match(c) or c.upper().isascii())


def _spelt_in_ascii(word: str) -> str:
    """``word`` as a text in ASCII spells it where the rules ignore case: "kasim"."""
    return "".join(c.upper().lower() if _folds_into_ascii(c) else c for c in word)


def needed_words(items: Iterable[str]) -> frozenset[str]:
    """The first words of ``items``, lower-cased, as a text in ASCII must hold one of them
    for a pattern that holds one of ``items`` to match it (``Rule.needs``); a word with a
    letter that ignoring case matches one in ASCII is needed in its ASCII spelling too."""
    firsts = _first_words(items)
    if firsts is None:
        raise ValueError("an entry opens with no word: no word of the text is needed")
    return firsts | {_spelt_in_ascii(w) for w in firsts}


def folded_words(items: Iterable[str]) -> frozenset[str]:
    """``needed_words`` for a pattern that folds case fully: a word in ASCII is needed too
    where full case folding spells an entry's first word in ASCII ("straße" is "strasse"
    to it). A word in ASCII folds fully to itself in small letters, so the text's words in
    ASCII are met with these as with ``needed_words``; its other words by full folding."""
    firsts = needed_words(items)
    return firsts | {f for f in (w.casefold() for w in firsts) if f.isascii()}


# A look-behind before a rule's cue: it reads no character of the match.
_LOOK_BEHIND = regex.compile(r"\(\?<[!=][^()]*\)")
# A group opened before a rule's cue ("(?:", "(?i:", "(?-i:"), and a word boundary.
_OPEN_GROUP = regex.compile(r"\(\?[a-zA-Z]*-?[a-zA-Z]*:")
_BOUNDARY = "\\b"


def _opening_cue(pattern: str) -> frozenset[str] | None:
    """The first words of the cues every match of ``pattern`` opens with, if it has them:
    every branch of the pattern opens with a cue, after look-behinds and word boundaries,
    or with a group (not optional) every branch of which does."""
    branches = _branches(pattern, 0)
    return _cues_first(pattern, branches[0]) if branches else None


def _cues_first(pattern: str, starts: list[int]) -> frozenset[str] | None:
    found: set[str] = set()
    for at in starts:
        firsts = _cue_at(pattern, at)
        if firsts is None:
            return None
        found |= firsts
    return frozenset(found)


def _cue_at(pattern: str, at: int) -> frozenset[str] | None:
    """The first words of the cue a branch starting at ``at`` opens with, if it does."""
    while True:
        for fragment, firsts in _CUE_FIRST_WORDS.items():
            if pattern.startswith(fragment, at):
                return firsts
        if behind := _LOOK_BEHIND.match(pattern, at):
            at = behind.end()
        elif pattern.startswith(_BOUNDARY, at):
            at += len(_BOUNDARY)
        elif group := _OPEN_GROUP.match(pattern, at):
            branches = _branches(pattern, group.end())
            if branches is None or pattern.startswith(("?", "*", "{"), branches[1]):
                return None  # unclosed, or optional: a match need not open with it
            return _cues_first(pattern, branches[0])
        else:
            return None


# What _branches reads: escapes, sets, groups and the bar between branches.
_STRUCTURE = regex.compile(r"[\\\[\]()|]")


def _branches(pattern: str, at: int) -> tuple[list[int], int] | None:
    """Where the branches of the group whose content starts at ``at`` start, and where
    the group ends (after its ")"); the whole pattern when ``at`` is 0."""
    starts = [at]
    depth = 0
    in_set = False
    i = at
    # Only the characters of _STRUCTURE change what is read; the rest are skipped in C
    # (a rule's word lists are thousands of characters, read at every start).
    search = _STRUCTURE.search
    while (found := search(pattern, i)) is not None:
        i = found.start()
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_set:
            if c == "[":
                return None  # a set inside a set (VERSION1) or a "[" in one: not read here
            in_set = c != "]"
        elif c == "[":
            in_set = True
            i += 1
            i += pattern.startswith("^", i)
            i += pattern.startswith("]", i)  # a "]" first in a set is one of its characters
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                return (starts, i + 1) if at > 0 else None
            depth -= 1
        elif c == "|" and depth == 0:
            starts.append(i + 1)
        i += 1
    # Past the end, as a walk over every character ends (one further after a last "\\").
    return (starts, max(i, len(pattern))) if at == 0 else None


# An int: ``flags & regex.VERSION1`` goes through the enum's operators (2 us a rule).
_VERSION1 = int(regex.VERSION1)


def after_opening_words(
    text: str,
    opens: frozenset[str],
    pattern: regex.Pattern[str],
    pos: int = 0,
    endpos: int | None = None,
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text, pos, endpos)`` for a pattern (VERSION0, or VERSION1 with
    simple case folding) whose every match opens with a whole word of ``opens``
    (lower-cased), ignoring case or not: tried only where such a word starts, or a word
    that is not ASCII (simple case folding may match it to one)."""
    starts, other, words = _word_starts(text)
    found = [at for word in opens.intersection(words) for at in starts[word]]
    if not (found or other):
        return iter(())  # most rules on most texts: no generator to run
    places = sorted(found + other) if found else other
    return matched_at(text, pattern, places, pos, len(text) if endpos is None else endpos)


def opening_places(text: str, opens: frozenset[str]) -> list[int]:
    """Where, in order, a match of a pattern whose every match opens with a whole word of
    ``opens`` (lower-cased) can start in ``text``, as ``after_opening_words`` tries it:
    where such a word starts, or a word that is not ASCII."""
    starts, other, words = _word_starts(text)
    found = [at for word in opens.intersection(words) for at in starts[word]]
    return sorted(found + other) if found else other


def matched_at(
    text: str, pattern: regex.Pattern[str], places: list[int], pos: int, endpos: int
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text, pos, endpos)`` for a pattern that never matches empty and
    whose every match starts at one of ``places`` (in order: ``opening_places``)."""
    end = pos
    for at in places:
        if at < end:
            continue
        if at >= endpos:
            break
        m = pattern.match(text, at, endpos)
        if m is not None:
            end = m.end()
            yield m


@functools.cache
def _pattern_opens(pattern: regex.Pattern[str]) -> frozenset[str] | None:
    return pattern_opening_words(pattern.pattern) if not pattern.flags & _VERSION1 else None


def by_opening_words(text: str, pattern: regex.Pattern[str]) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text)`` for a pattern (VERSION0) that never matches empty, tried
    only where a word its matches can open with starts, when the pattern says which
    (``pattern_opening_words``): an alternation of a word list that ignores case is
    otherwise tried at every word boundary of the text."""
    opens = _pattern_opens(pattern)
    if opens is None:
        return pattern.finditer(text)
    return after_opening_words(text, opens, pattern)


def _stretch(text: str, start: int, end: int, breaks: str) -> tuple[int, int]:
    """The stretch of ``text`` around ``start:end`` that holds none of ``breaks``."""
    before = max(text.rfind(c, 0, start) for c in breaks) + 1
    after = [i for i in (text.find(c, end) for c in breaks) if i >= 0]
    return before, min(after, default=len(text))


def in_stretches(
    text: str,
    pattern: regex.Pattern[str],
    gate: regex.Pattern[str],
    breaks: str,
    starts: regex.Pattern[str] | None = None,
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match holds a match of ``gate``
    and no character of ``breaks``, nor reads one by a look-ahead: searched only on the
    stretches between breaks that hold ``gate`` (a text's lines with a digit, say), and
    there, with ``starts``, only where it finds a match can start (``at_starts``)."""
    return _in_stretches(
        text, gate, breaks, lambda pos, end: _search(text, pattern, starts, pos, end)
    )


def _in_stretches(
    text: str,
    gate: regex.Pattern[str],
    breaks: str,
    search: Callable[[int, int], Iterator[regex.Match[str]]],
) -> Iterator[regex.Match[str]]:
    at = 0
    while (found := gate.search(text, at)) is not None:
        start, end = _stretch(text, found.start(), found.end(), breaks)
        yield from search(start, end)
        at = max(end, found.start() + 1)  # past a gate that matched empty at a break


def at_starts(
    text: str, pattern: regex.Pattern[str], starts: regex.Pattern[str], pos: int, endpos: int
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text, pos, endpos)`` for a pattern that never matches empty and
    whose every match starts where ``starts``, a look-ahead, matches: the pattern is tried
    only there. A long alternation with look-behinds (keep.py's measures) is otherwise
    tried branch by branch at every position of the text."""
    end = pos
    for found in starts.finditer(text, pos, endpos):
        at = found.start()
        if at < end:
            continue
        m = pattern.match(text, at, endpos)
        if m is not None:
            end = m.end()
            yield m


def matches(text: str, r: Rule, folds: bool | None = None) -> Iterator[regex.Match[str]]:
    """The matches of the rule's pattern as written in ``text``, as ``finditer`` finds them.

    ``folds``: whether ``text`` holds a character full case folding turns into several
    (``has_multi_char_fold``; found out when not given). With ``breaks``, only the
    stretches between breaks that hold ``requires`` are searched: the pattern sees the
    whole text (its look-behinds reach before the stretch), but ends at the break, where
    a match could not have gone on anyway.
    """
    if folds is None:
        folds = has_multi_char_fold(text)
    needs, any_case = r.needs, r.needs_any_case
    if (
        needs is not None
        and any_case is not None
        and lacks_needed_words(text, needs, any_case, folds and not r.needs_folds_fully)
    ):
        return iter(())
    pattern = r.pattern
    if r.written is not None and folds:
        pattern = _written(*r.written)
    # Iterators returned, not a generator of generators, nor a closure made for every rule
    # on every text, most of which find nothing.
    opens = None if folds else r.opens
    gate = r.requires
    if gate is not None:
        if r.breaks:
            return _in_stretches(
                text, gate, r.breaks, functools.partial(_tried, text, pattern, opens, r.starts)
            )
        if gate.search(text) is None:
            return iter(())
    if opens is not None:
        return after_opening_words(text, opens, pattern)
    return _search(text, pattern, r.starts, 0, len(text))


def lacks_needed_words(
    text: str, needs: frozenset[str], needs_any_case: regex.Pattern[str], folds: bool
) -> bool:
    """True when ``text`` holds none of the rule's needed words (``Rule.needs``) as a
    word: its words in ASCII as they are in small letters, the others as the rule ignores
    case. Not known of a text that holds a character full case folding turns into
    several ("strasse" is "straße" then): it is searched."""
    _, other, words = _word_starts(text)
    if not needs.isdisjoint(words):
        return False
    if not other:
        return True
    if folds:
        return False
    fullmatch = needs_any_case.fullmatch
    return not any(fullmatch(word) for word in _words_beyond_ascii(text))


@functools.lru_cache(maxsize=8)
def _words_beyond_ascii(text: str) -> frozenset[str]:
    starts = _word_starts(text)[1]
    return frozenset(m.group() for m in (_WORD.match(text, at) for at in starts) if m)


def _tried(
    text: str,
    pattern: regex.Pattern[str],
    opens: frozenset[str] | None,
    starts: regex.Pattern[str] | None,
    pos: int,
    end: int,
) -> Iterator[regex.Match[str]]:
    if opens is not None:
        return after_opening_words(text, opens, pattern, pos, end)
    return _search(text, pattern, starts, pos, end)


def _search(
    text: str, pattern: regex.Pattern[str], starts: regex.Pattern[str] | None, pos: int, end: int
) -> Iterator[regex.Match[str]]:
    if starts is None:
        return pattern.finditer(text, pos, end)
    return at_starts(text, pattern, starts, pos, end)


_LAST_WORD = regex.compile(r"(\p{L}+)\.$")


def grow_over_word_before(
    text: str,
    results: list[RecognizerResult],
    kind: EntityType,
    before: regex.Pattern[str],
    reach: int,
) -> None:
    """Grow each finding of ``kind``, whoever found it, over what ``before`` finds in the
    ``reach`` characters that end where the finding starts (a weekday before a date, a short
    given name before a person)."""
    for res in results:
        if entity_type_of(res.entity_type) is not kind:
            continue
        found = before.search(text, max(0, res.start - reach), res.start)
        if found:
            res.start = found.start()


def strip_sentence_end(text: str, start: int, end: int) -> int:
    """Drop a full stop that ends the sentence, keep one that ends "Inc." or "J.S."."""
    if end - start > 1 and text[end - 1] == ".":
        m = _LAST_WORD.search(text, start, end)
        if m and len(m.group(1)) >= 4:
            return end - 1
    return end


class RuleRecognizer(EntityRecognizer):
    """Runs a list of rules; subclasses may veto a match in ``accept``."""

    rules: tuple[Rule, ...] = ()

    def __init__(self, name: str, rules: Iterable[Rule]) -> None:
        self.rules = tuple(rules)
        # Whether each rule reports its group "x" (a look-up asked once, not on every text).
        self._grouped = tuple((r, "x" in r.pattern.groupindex) for r in self.rules)
        super().__init__(
            supported_entities=sorted({r.subtype for r in self.rules}),
            name=name,
            supported_language="en",
        )

    def load(self) -> None:  # patterns are compiled at construction
        pass

    def accept(self, text: str, start: int, end: int, rule_: Rule) -> bool:
        return True

    def spans(self, text: str) -> Iterator[tuple[int, int, Rule]]:
        folds = has_multi_char_fold(text)
        for r, has_group in self._grouped:
            for m in matches(text, r, folds):
                start, end = m.span("x") if has_group else m.span()
                end = strip_sentence_end(text, start, end)
                if start < 0 or end <= start:
                    continue
                # A finding never starts inside a word: "PTT" is no cue "PT" before a name "T".
                if inside_word(text, start):
                    continue
                if self.accept(text, start, end, r):
                    yield start, end, r

    def result(self, start: int, end: int, r: Rule) -> RecognizerResult:
        return RecognizerResult(
            r.subtype,
            start,
            end,
            r.score,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        found = [
            self.result(start, end, r)
            for start, end, r in self.spans(text)
            if r.subtype in entities
        ]
        return self.finish(text, found, entities)

    def finish(
        self, text: str, results: list[RecognizerResult], entities: list[str]
    ) -> list[RecognizerResult]:
        """The findings of the rules, as a subclass trims, drops or adds to them."""
        return results
