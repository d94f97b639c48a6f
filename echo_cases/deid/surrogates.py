"""Surrogate values for one case: typed numbered tags, or realistic fakes.

Both books are keyed by the kind and the normalised real value, so the same person,
place or number gets the same surrogate in every field of the case. A name part
("Ana") of a name the case holds in full ("Ana Silva"), before or after it, maps to
that person. Tags are numbered per kind from 1, in the order values first appear.
"""

from __future__ import annotations

import hashlib
import hmac
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import regex

from echo_cases.deid import wordlists
from echo_cases.deid.case_dates import CaseDates
from echo_cases.deid.dateshift import case_offset
from echo_cases.deid.kinds import full_name_of, kind_of, normalise
from echo_cases.deid.types import EntityType, Finding

if TYPE_CHECKING:
    from faker import Faker

# Kinds whose parts are the whole: a person's name, or a name the clinician called "other".
_NAMES = frozenset({EntityType.PERSON, EntityType.OTHER})
_NUMBER = regex.compile(r"\d+")
_AGE_WORDS = regex.compile(r"(?i)ninety|hundred|90s|100s|nineties")


def is_over_89(value: str) -> bool:
    m = _NUMBER.search(value)
    if m:
        return int(m.group()) > 89
    return bool(_AGE_WORDS.search(value))


class _Book:
    """Shared bookkeeping: value -> surrogate, with name parts linked to full names."""

    def __init__(
        self,
        case_key: bytes,
        locale: str,
        dates: CaseDates,
        numbered: Mapping[tuple[str, str], int] | None = None,
    ) -> None:
        self.case_key = case_key
        self.locale = locale
        self.dates = dates
        self.offset = case_offset(case_key)
        self.memo: dict[tuple[str, str], str] = {}
        self.full_names: dict[str, list[str]] = defaultdict(list)  # kind -> full names
        self.counters: dict[str, int] = defaultdict(int)
        # (kind, value) -> the number its tag had before this run; those numbers stay
        # theirs, and a value new to the case takes a number nobody had.
        self.numbered = dict(numbered or {})
        self.reserved: dict[str, set[int]] = defaultdict(set)
        for (kind, _value), number in self.numbered.items():
            self.reserved[kind].add(number)
        self.given: set[tuple[str, int]] = set()

    def know(self, values: Iterable[tuple[str, Finding]]) -> None:
        """Meet the case's people first, so a name part written before its full name
        ("Ana ... Ana Silva") is the same person."""
        for value, finding in values:
            key = normalise(value)
            names = self.full_names[kind_of(finding)]
            if finding.entity_type in _NAMES and " " in key and key not in names:
                names.append(key)

    def tag(self, finding: Finding, key: str = "") -> str:
        """The tag the value ``key`` had before, else the next free numbered tag of the
        finding's kind: "[PATIENT 2]", "[DATE 1]"."""
        kind = kind_of(finding)
        number = self.numbered.get((kind, key))
        if number is None or (kind, number) in self.given:
            number = self.counters[kind] + 1
            while number in self.reserved[kind] or (kind, number) in self.given:
                number += 1
            self.counters[kind] = number
        self.given.add((kind, number))
        return f"[{kind} {number}]"

    def _person_key(self, key: str, kind: str) -> str:
        return full_name_of(key, self.full_names[kind]) or key

    def surrogate(self, value: str, finding: Finding) -> str:
        etype = finding.entity_type
        if etype is EntityType.AGE and is_over_89(value):
            return "90+"
        if etype is EntityType.DATE:
            written = self.dates.write(value, self.offset)
            if written is not None:
                return written
        key = normalise(value)
        if etype in _NAMES:
            full = self._person_key(key, kind_of(finding))
            if full != key:
                return self.partial(value, key, full, finding)
        memo_key = (kind_of(finding), key)
        if memo_key not in self.memo:
            self.memo[memo_key] = self.new(value, key, finding)
        return self.memo[memo_key]

    def partial(self, value: str, key: str, full: str, finding: Finding) -> str:
        raise NotImplementedError

    def new(self, value: str, key: str, finding: Finding) -> str:
        raise NotImplementedError


class TagBook(_Book):
    """ "[PATIENT 1]", "[CLINICIAN 2]", "[DATE 1]": numbered per kind."""

    def new(self, value: str, key: str, finding: Finding) -> str:
        return self.tag(finding, key)

    def partial(self, value: str, key: str, full: str, finding: Finding) -> str:
        return self.surrogate_for_key(full, finding)

    def surrogate_for_key(self, key: str, finding: Finding) -> str:
        memo_key = (kind_of(finding), key)
        if memo_key not in self.memo:
            self.memo[memo_key] = self.new(key, key, finding)
        return self.memo[memo_key]


# Words that say what kind of place a facility is; a realistic surrogate keeps them.
_FACILITY_WORDS = frozenset(w.lower() for w in wordlists.words("facility_words"))


class RealisticBook(_Book):
    """Fake but plausible values for the locale ("hiding in plain sight")."""

    def __init__(
        self,
        case_key: bytes,
        locale: str,
        dates: CaseDates,
        numbered: Mapping[tuple[str, str], int] | None = None,
    ) -> None:
        super().__init__(case_key, locale, dates, numbered)
        # Imported here: Faker costs a tenth of a second at start-up, and only this style
        # (not the tags the CLI writes by default) needs it.
        from faker import Faker

        try:
            self.faker = Faker(locale)
        except AttributeError:
            self.faker = Faker("en_US")
        self.fallback = Faker("en_US")  # for providers a locale lacks (en_PH has no phones)

    def _seed(self, *parts: str) -> int:
        msg = "\x1f".join(parts).encode()
        return int.from_bytes(hmac.new(self.case_key, msg, hashlib.sha256).digest()[:8], "big")

    def _shape(self, value: str, rng: random.Random) -> str:
        """Same shape, new characters: digits stay digits, letters stay letters."""
        out = []
        for ch in value:
            if ch.isdigit():
                out.append(str(rng.randrange(10)))
            elif ch.isalpha() and ch.isascii():
                c = chr(rng.randrange(26) + 65)
                out.append(c if ch.isupper() else c.lower())
            else:
                out.append(ch)
        return "".join(out)

    def new(self, value: str, key: str, finding: Finding) -> str:
        seed = self._seed(finding.entity_type.value, key)
        self.faker.seed_instance(seed)
        self.fallback.seed_instance(seed)
        rng = random.Random(seed)  # noqa: S311 - surrogates need determinism, not secrecy
        fk = _WithFallback(self.faker, self.fallback)
        etype, sub = finding.entity_type, finding.subtype or ""
        if etype is EntityType.PERSON:
            if regex.fullmatch(r"(?:\p{Lu}\.\s?)+", value.strip()):
                return "".join(f"{chr(rng.randrange(26) + 65)}." for _ in range(value.count(".")))
            n = len(value.split())
            if n == 1:
                return fk.first_name() if sub in ("RELATIVE", "PATIENT") else fk.last_name()
            return " ".join([fk.first_name(), *(fk.last_name() for _ in range(n - 1))])
        if etype is EntityType.LOCATION:
            if sub == "FACILITY":
                words = value.split()
                tail = [w for w in words if w.lower() in _FACILITY_WORDS]
                return " ".join([fk.last_name(), *tail]) if tail else f"{fk.last_name()} Hospital"
            if sub == "ADDRESS":
                return fk.street_address()
            if sub == "ZIP":
                return fk.postcode()
            if sub == "EMPLOYER":
                return fk.company()
            return fk.city()
        if etype is EntityType.CONTACT:
            if sub == "EMAIL" or "@" in value:
                return f"{fk.user_name()}@example.com"
            if sub == "URL":
                return f"https://example.org/{fk.user_name()}"
            if sub == "IP_ADDRESS":
                return fk.ipv4_private()
            if sub == "HANDLE":
                return f"@{fk.user_name()}"
            head, _, rest = value.partition(" ")
            if value.startswith("+") and rest:
                return f"{head} {self._shape(rest, rng)}"
            return self._shape(value, rng)
        if etype is EntityType.DATE or etype is EntityType.OTHER:
            # A made-up date would be read as the real one; a made-up "other" would be
            # nonsense in the sentence.
            return self.tag(finding, key)
        if etype is EntityType.AGE:
            return "90+"
        return self._shape(value, rng)

    def partial(self, value: str, key: str, full: str, finding: Finding) -> str:
        memo_key = (kind_of(finding), full)
        full_sur = self.memo.get(memo_key)
        if full_sur is None:
            full_sur = self.memo[memo_key] = self.new(full, full, finding)
        full_tokens, sur_tokens = full.split(), full_sur.split()
        if len(full_tokens) == len(sur_tokens) and finding.entity_type is EntityType.PERSON:
            return " ".join(sur_tokens[full_tokens.index(t)] for t in key.split())
        return full_sur


class _WithFallback:
    """Calls the locale's provider, or en_US's when the locale has none."""

    def __init__(self, primary: Faker, fallback: Faker) -> None:
        self._primary, self._fallback = primary, fallback

    def __getattr__(self, name: str) -> object:
        try:
            return getattr(self._primary, name)
        except AttributeError:
            return getattr(self._fallback, name)


def make_book(
    style: str,
    case_key: bytes,
    locale: str,
    dates: CaseDates,
    numbered: Mapping[tuple[str, str], int] | None = None,
) -> _Book:
    if style == "tags":
        return TagBook(case_key, locale, dates, numbered)
    if style == "realistic":
        return RealisticBook(case_key, locale, dates, numbered)
    raise ValueError(f"unknown surrogate style {style!r} (use 'tags' or 'realistic')")
