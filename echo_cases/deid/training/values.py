"""Identifier values that do not depend on a person: dates, ages, ID numbers, URLs, e-mails."""

from __future__ import annotations

import random
import re
import string
import unicodedata

from echo_cases.deid.training import data
from echo_cases.deid.training.patterns import fill_fields, fill_pattern

DATE_LANGUAGES = ("en", "es", "pt", "fr", "de", "tl", "vi", "sw")
# Ages over 89 are identifiers under Safe Harbor; younger ones are not.
OLDEST_PLAIN_AGE = 89


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def date_text(rng: random.Random, kind: str, lang: str, years: tuple[int, int]) -> str:
    """A date in one of the layouts of `kind` (num, iso, written, partial or any)."""
    spec = data.toml("dates")
    if kind == "any":
        kind = rng.choices(["num", "iso", "written", "partial"], [30, 10, 40, 20])[0]
    if kind == "num":
        group = rng.choices(["day_first", "month_first"], [55, 45])[0]
        layout = rng.choice(spec["numeric"][group])
    elif kind == "iso":
        layout = rng.choice(spec["numeric"]["iso"])
    else:
        layout = rng.choice(spec[lang]["full" if kind == "written" else "partial"])
    year = rng.randint(*years)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28 if month == 2 else 30)
    names = spec[lang if lang in spec else "en"]
    fields = {
        "d": str(day),
        "dd": f"{day:02d}",
        "m": str(month),
        "mm": f"{month:02d}",
        "Month": names["months"][month - 1],
        "Mon": names["abbr"][month - 1],
        "Y": str(year),
        "yy": f"{year % 100:02d}",
        "ord": _ordinal(day),
    }
    return fill_fields(layout, {key: (lambda v=value: v) for key, value in fields.items()})


def age_value(rng: random.Random, kind: str) -> tuple[str, bool]:
    """An age and whether it is an identifier (over 89)."""
    if kind == "old" or (kind == "any" and rng.random() < 0.2):
        return str(rng.randint(OLDEST_PLAIN_AGE + 1, 106)), True
    if kind == "child":
        return str(rng.randint(1, 17)), False
    return str(rng.choice([rng.randint(18, 89), rng.randint(40, 89), rng.randint(80, 89)])), False


def id_kinds() -> list[str]:
    return sorted(data.toml("ids"))


def id_value(rng: random.Random, kind: str) -> str:
    """An identifier of the kind (mrn, national, insurance, passport, clinic, iban)."""
    return fill_pattern(rng.choice(data.toml("ids")[kind]["patterns"]), rng)


def id_label(rng: random.Random, kind: str) -> str:
    return str(rng.choice(data.toml("ids")[kind]["labels"]))


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _random_word(rng: random.Random) -> str:
    consonants, vowels = "bdfghjklmnprstvwyz", "aeiou"
    return "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(rng.randint(2, 4)))


def email(rng: random.Random, given: str | None, family: str | None) -> str:
    """An e-mail address, built from a person's name where it can be written in ASCII."""
    first = _ascii_word(given or "") or _random_word(rng)
    last = _ascii_word(family or "") or _random_word(rng)
    digits = str(rng.randint(1, 99)) if rng.random() < 0.5 else ""
    user = rng.choice(
        [
            f"{first}.{last}",
            f"{first}{last}{digits}",
            f"{first}_{last}{digits}",
            f"{first[0]}{last}",
            f"{last}.{first}",
            f"{first}{digits}",
            f"{last}{first[0]}{digits}",
        ]
    )
    contacts = data.toml("contacts")["email"]
    if rng.random() < 0.35:
        domain = f"{_random_word(rng)}.{rng.choice(contacts['org_tlds'])}"
    else:
        domain = rng.choice(contacts["domains"])
    return f"{user}@{domain}"


def ip_address(rng: random.Random) -> str:
    first = rng.choice([10, 41, 102, 105, 154, 172, 192, 196, 197, 203])
    return ".".join(str(part) for part in (first, *(rng.randint(0, 254) for _ in range(3))))


def url(rng: random.Random) -> str:
    """A URL of a portal, a telehealth room or an image server."""
    contacts = data.toml("contacts")
    layout = rng.choice(contacts["url"]["layouts"])
    return fill_fields(
        layout,
        {
            "org": lambda: _random_word(rng),
            "tld": lambda: rng.choice(contacts["email"]["org_tlds"]),
            "user": lambda: _random_word(rng) + str(rng.randint(1, 999)),
            "num": lambda: str(rng.randint(1000, 999999)),
            "ip": lambda: ip_address(rng),
            "digits": lambda: "".join(rng.choice(string.digits) for _ in range(11)),
        },
    )
