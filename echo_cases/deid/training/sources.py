"""Name and place sources: Faker locales and the extra name files, behind one interface."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from faker import Faker

from echo_cases.deid.training import data
from echo_cases.deid.training.patterns import fill_fields, fill_pattern, is_latin

# Locales that write the family name first; of those, the ones that write no space between.
_FAMILY_FIRST = frozenset({"zh_CN", "zh_TW", "ja_JP", "ko_KR", "vi_VN", "hu_HU"})
_JOINED = frozenset({"zh_CN", "zh_TW", "ja_JP", "ko_KR"})
_DOUBLE_SURNAME = frozenset({"es_ES", "es_MX", "es_AR", "es_CL", "es_CO", "es_CA"})
# Locales whose Faker also writes names in Latin letters, as English notes usually do.
_ROMANIZED = frozenset({"zh_CN", "zh_TW", "ja_JP"})
_ROMANIZED_SHARE = 0.6
_MIDDLE_INITIAL = frozenset({"en_US", "en_GB", "en_IE", "en_NZ"})
_LANG = {
    "es": "es",
    "pt": "pt",
    "fr": "fr",
    "de": "de",
    "vi": "vi",
    "tl": "tl",
    "fil": "tl",
    "sw": "sw",
}


@dataclass(frozen=True)
class Person:
    """A person's name parts and how the name is written."""

    given: str
    family: str | None
    middle: str | None
    sex: str
    family_first: bool = False
    joined: bool = False
    # The set of courtesy titles (titles.toml) that fits the name.
    courtesy: str = "en"

    @property
    def latin(self) -> bool:
        return is_latin(self.given + (self.family or ""))


class Source(Protocol):
    """What a document needs from a source of names and places."""

    key: str
    lang: str
    style: str

    def person(self, rng: random.Random, sex: str) -> Person: ...
    def family_name(self, rng: random.Random) -> str: ...
    def town(self, rng: random.Random) -> str: ...
    def village(self, rng: random.Random) -> str: ...
    def street_lines(self, rng: random.Random) -> list[str]: ...
    def postcode(self, rng: random.Random) -> str: ...
    def region(self, rng: random.Random) -> str: ...
    def country(self, rng: random.Random) -> str: ...
    def phone(self, rng: random.Random) -> str: ...


@cache
def _faker(locale: str) -> Faker:
    fake = Faker(locale)
    for provider in fake.providers:
        _sort_list_attributes(provider)
    return fake


def _sort_list_attributes(provider: object) -> None:
    """Sort a provider's lists of strings: some are built from sets (it_IT's cities), whose order
    changes with PYTHONHASHSEED and would make the output differ between processes."""
    for name in dir(type(provider)):
        if name.startswith("_"):
            continue
        value = getattr(type(provider), name, None)
        if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
            setattr(provider, name, sorted(value))


def seeded_faker(locale: str, rng: random.Random) -> Faker:
    """The locale's Faker, seeded from the document's generator (so output never depends on
    which documents came before in this process)."""
    fake = _faker(locale)
    fake.seed_instance(rng.getrandbits(48))
    return fake


def _clean(value: str) -> str:
    return " ".join(value.split())


def _street_name(rng: random.Random, streets: list[str], name: str) -> str:
    if streets and rng.random() < 0.7:
        return rng.choice(streets)
    return f"{name} {rng.choice(data.toml('places')['street']['types'])}"


def street_line(rng: random.Random, street_name: str) -> str:
    """A street line around a street name ('Plot 12, Kenyatta Avenue')."""
    layout = rng.choice(data.toml("places")["street"]["layouts"])
    return fill_fields(
        layout, {"n": lambda: str(rng.randint(1, 999)), "street_name": lambda: street_name}
    )


def phone_from(rng: random.Random, countries: list[str]) -> str:
    """A phone number in the layout of one of the given countries."""
    layouts = data.toml("contacts")["phones"][rng.choice(countries)]
    return fill_pattern(rng.choice(layouts), rng)


class ExtraSource:
    """A name file of data/names: names, places and phone layouts of one region."""

    def __init__(self, extra: data.ExtraNames) -> None:
        self.key = f"names:{extra.stem}"
        self.spec: dict[str, Any] = extra.spec
        self.lang: str = extra.spec.get("lang", "en")
        self.courtesy: str = extra.spec.get("courtesy", "en")
        self.style: str = data.toml("places")["address_style"].get(extra.stem, "generic")

    def person(self, rng: random.Random, sex: str) -> Person:
        spec = self.spec
        given = rng.choice(spec["given_f"] if sex == "f" else spec["given_m"])
        if rng.random() < spec.get("single_name_share", 0.04):
            return Person(given, None, None, sex, courtesy=self.courtesy)
        family = rng.choice(spec["family"])
        middle = None
        if spec.get("middle_names") and rng.random() < 0.8:
            middle = rng.choice(spec["middle_names"])
        elif spec.get("middle_initial") and rng.random() < 0.6:
            middle = rng.choice("ABCDEFGHIJLMNOPRSTV") + "."
        family_first = spec.get("order") == "family-given"
        return Person(given, family, middle, sex, family_first=family_first, courtesy=self.courtesy)

    def family_name(self, rng: random.Random) -> str:
        return str(rng.choice(self.spec["family"]))

    def town(self, rng: random.Random) -> str:
        return str(rng.choice(self.spec["towns"]))

    def village(self, rng: random.Random) -> str:
        return str(rng.choice(self.spec["villages"]))

    def street_lines(self, rng: random.Random) -> list[str]:
        name = rng.choice([self.family_name(rng), self.town(rng)])
        return [street_line(rng, _street_name(rng, self.spec.get("streets", []), name))]

    def postcode(self, rng: random.Random) -> str:
        return fill_pattern(rng.choice(self.spec["postcodes"]), rng)

    def region(self, rng: random.Random) -> str:
        return str(rng.choice(self.spec["regions"]))

    def country(self, rng: random.Random) -> str:
        return str(rng.choice(self.spec["countries"]))

    def phone(self, rng: random.Random) -> str:
        return phone_from(rng, self.spec["phones"])


class FakerSource:
    """A Faker locale: its names, and places from itself or from the source it borrows them from."""

    def __init__(self, locale: str, places: Source | None) -> None:
        self.key = locale
        self.locale = locale
        self.lang = _LANG.get(locale.split("_")[0], "en")
        self.courtesy: str = data.toml("titles")["locale_courtesy"].get(locale.split("_")[0], "en")
        self.places = places
        self._latin: bool | None = None
        self.style: str = (
            places.style
            if places is not None
            else data.toml("places")["address_style"].get(locale, "generic")
        )

    def _fake(self, rng: random.Random) -> Faker:
        return seeded_faker(self.locale, rng)

    @property
    def latin(self) -> bool:
        """Whether the locale writes its names in Latin letters (judged on a few of them)."""
        if self._latin is None:
            probe = random.Random(self.locale)  # noqa: S311  # nosec B311 - a fixed probe, not a secret
            self._latin = all(self.person(probe, sex).latin for sex in "fmfm")
        return self._latin

    def person(self, rng: random.Random, sex: str) -> Person:
        fake = self._fake(rng)
        if self.locale in _ROMANIZED and rng.random() < _ROMANIZED_SHARE:
            given = _clean(fake.first_romanized_name())
            family = _clean(fake.last_romanized_name())
            return Person(given, family, None, sex, family_first=rng.random() < 0.5)

        given = _clean(fake.first_name_female() if sex == "f" else fake.first_name_male())
        family = _clean(fake.last_name())
        if self.locale in _DOUBLE_SURNAME and rng.random() < 0.4:
            family = f"{family} {_clean(fake.last_name())}"
        middle = None
        if self.locale in _MIDDLE_INITIAL and rng.random() < 0.15:
            middle = rng.choice("ABCDEFGHJKLMNPRSTW") + "."
        joined = self.locale in _JOINED and rng.random() < 0.6
        return Person(
            given,
            family,
            middle,
            sex,
            family_first=self.locale in _FAMILY_FIRST,
            joined=joined,
            courtesy=self.courtesy,
        )

    def family_name(self, rng: random.Random) -> str:
        return _clean(self._fake(rng).last_name())

    def town(self, rng: random.Random) -> str:
        if self.places is not None:
            return self.places.town(rng)
        return _clean(self._fake(rng).city())

    def village(self, rng: random.Random) -> str:
        if self.places is not None:
            return self.places.village(rng)
        return _clean(self._fake(rng).city())

    def street_lines(self, rng: random.Random) -> list[str]:
        if self.places is not None:
            return self.places.street_lines(rng)
        lines = [_clean(line) for line in self._fake(rng).street_address().split("\n")]
        return [line for line in lines if line]

    def postcode(self, rng: random.Random) -> str:
        if self.places is not None:
            return self.places.postcode(rng)
        return _clean(self._fake(rng).postcode())

    def region(self, rng: random.Random) -> str:
        if self.places is not None:
            return self.places.region(rng)
        declared = data.toml("sources")["faker_regions"].get(self.locale)
        if declared:
            return str(rng.choice(declared))
        try:
            return _clean(self._fake(rng).administrative_unit())
        except AttributeError:
            return rng.choice(data.lexicon("regions"))

    def country(self, rng: random.Random) -> str:
        if self.places is not None:
            return self.places.country(rng)
        try:
            return _clean(self._fake(rng).current_country())
        except (AttributeError, ValueError):
            return rng.choice(data.lexicon("countries"))

    def phone(self, rng: random.Random) -> str:
        # Where Faker's numbers are the en_US fallback, use the country's layouts instead (declared,
        # or those of the extra file the locale borrows its places from).
        countries = data.toml("sources")["faker_phones"].get(self.locale)
        if countries:
            return phone_from(rng, countries)
        if isinstance(self.places, ExtraSource) and rng.random() < 0.8:
            return self.places.phone(rng)
        return _clean(self._fake(rng).phone_number())


@cache
def sources(split: data.Split) -> tuple[Source, ...]:
    """Every name source of one split: its Faker locales, then its extra name files."""
    extras: dict[str, Source] = {
        f"names:{extra.stem}": ExtraSource(extra) for extra in data.extra_names(split)
    }
    borrowed = data.faker_places()
    fakers: dict[str, Source] = {}

    def faker_source(locale: str) -> Source:
        if locale not in fakers:
            target = borrowed.get(locale)
            places: Source | None = None
            if target is not None and target != "en_US":
                places = extras[target] if target.startswith("names:") else faker_source(target)
            elif target == "en_US":
                places = FakerSource("en_US", None)
            fakers[locale] = FakerSource(locale, places)
        return fakers[locale]

    return tuple(faker_source(locale) for locale in data.faker_locales(split)) + tuple(
        extras.values()
    )
