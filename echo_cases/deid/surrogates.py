"""Surrogate values for one case: typed numbered tags, or realistic fakes.

Both books are keyed by the normalised real value, so the same person, place or
number gets the same surrogate in every field of the case. A name part ("Ana")
of a name seen in full ("Ana Silva") maps to that person.
"""

from __future__ import annotations

import hashlib
import hmac
import random
from collections import defaultdict
from typing import TYPE_CHECKING

import regex

from echo_cases.deid import wordlists
from echo_cases.deid.case_dates import CaseDates
from echo_cases.deid.dateshift import case_offset
from echo_cases.deid.types import EntityType, Finding

if TYPE_CHECKING:
    from faker import Faker

_TAG_LABELS = {
    EntityType.PERSON: {"PATIENT", "CLINICIAN", "RELATIVE"},
    EntityType.LOCATION: {"FACILITY", "ADDRESS", "CITY", "ZIP", "EMPLOYER"},
    EntityType.ID: {"MRN", "SSN", "ACCESSION", "HEALTH_PLAN", "DEVICE", "VEHICLE"},
    EntityType.CONTACT: {"PHONE", "EMAIL", "URL", "IP_ADDRESS"},
}
_WORD = regex.compile(r"[\p{L}\p{M}\d'\u2019-]+")
_NUMBER = regex.compile(r"\d+")
_AGE_WORDS = regex.compile(r"(?i)ninety|hundred|90s|100s|nineties")


def normalise(value: str) -> str:
    return " ".join(_WORD.findall(value.lower()))


def _label(finding: Finding) -> str:
    sub = finding.subtype
    if sub and sub in _TAG_LABELS.get(finding.entity_type, ()):
        return sub
    return finding.entity_type.value


def is_over_89(value: str) -> bool:
    m = _NUMBER.search(value)
    if m:
        return int(m.group()) > 89
    return bool(_AGE_WORDS.search(value))


class _Book:
    """Shared bookkeeping: value -> surrogate, with name parts linked to full names."""

    def __init__(self, case_key: bytes, locale: str, dates: CaseDates) -> None:
        self.case_key = case_key
        self.locale = locale
        self.dates = dates
        self.offset = case_offset(case_key)
        self.memo: dict[tuple[EntityType, str], str] = {}
        self.person_names: list[tuple[list[str], str]] = []  # (tokens, key) of full names
        self.counters: dict[EntityType, int] = defaultdict(int)

    def tag(self, finding: Finding) -> str:
        """The next numbered tag of the finding's kind: "[PATIENT 2]", "[DATE 1]"."""
        self.counters[finding.entity_type] += 1
        return f"[{_label(finding)} {self.counters[finding.entity_type]}]"

    def _person_key(self, key: str) -> str:
        tokens = key.split()
        for full_tokens, full_key in self.person_names:
            if len(tokens) < len(full_tokens) and all(t in full_tokens for t in tokens):
                return full_key
        if len(tokens) > 1:
            self.person_names.append((tokens, key))
        return key

    def surrogate(self, value: str, finding: Finding) -> str:
        etype = finding.entity_type
        if etype is EntityType.AGE and is_over_89(value):
            return "90+"
        if etype is EntityType.DATE:
            written = self.dates.write(value, self.offset)
            if written is not None:
                return written
        key = normalise(value) or value
        if etype is EntityType.PERSON:
            full = self._person_key(key)
            if full != key:
                return self.partial(value, key, full, finding)
        memo_key = (etype, key)
        if memo_key not in self.memo:
            self.memo[memo_key] = self.new(value, key, finding)
        return self.memo[memo_key]

    def partial(self, value: str, key: str, full: str, finding: Finding) -> str:
        raise NotImplementedError

    def new(self, value: str, key: str, finding: Finding) -> str:
        raise NotImplementedError


class TagBook(_Book):
    """ "[PATIENT 1]", "[CLINICIAN 2]", "[DATE 1]": numbered per contract type."""

    def new(self, value: str, key: str, finding: Finding) -> str:
        return self.tag(finding)

    def partial(self, value: str, key: str, full: str, finding: Finding) -> str:
        return self.surrogate_for_key(full, finding)

    def surrogate_for_key(self, key: str, finding: Finding) -> str:
        memo_key = (finding.entity_type, key)
        if memo_key not in self.memo:
            self.memo[memo_key] = self.new(key, key, finding)
        return self.memo[memo_key]


# Words that say what kind of place a facility is; a realistic surrogate keeps them.
_FACILITY_WORDS = frozenset(w.lower() for w in wordlists.words("facility_words"))


class RealisticBook(_Book):
    """Fake but plausible values for the locale ("hiding in plain sight")."""

    def __init__(self, case_key: bytes, locale: str, dates: CaseDates) -> None:
        super().__init__(case_key, locale, dates)
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
            head, _, rest = value.partition(" ")
            if value.startswith("+") and rest:
                return f"{head} {self._shape(rest, rng)}"
            return self._shape(value, rng)
        if etype is EntityType.DATE:
            return self.tag(finding)  # a made-up date would be read as the real one
        if etype is EntityType.AGE:
            return "90+"
        return self._shape(value, rng)

    def partial(self, value: str, key: str, full: str, finding: Finding) -> str:
        full_sur = self.memo.get((EntityType.PERSON, full))
        if full_sur is None:
            full_sur = self.memo[(EntityType.PERSON, full)] = self.new(full, full, finding)
        full_tokens, sur_tokens = full.split(), full_sur.split()
        if len(full_tokens) == len(sur_tokens):
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


def make_book(style: str, case_key: bytes, locale: str, dates: CaseDates) -> _Book:
    if style == "tags":
        return TagBook(case_key, locale, dates)
    if style == "realistic":
        return RealisticBook(case_key, locale, dates)
    raise ValueError(f"unknown surrogate style {style!r} (use 'tags' or 'realistic')")
