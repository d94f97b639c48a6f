"""The person titles of every Faker locale, read from its person provider (build-time only).

A locale's ``prefixes`` (and ``prefixes_male``, ``prefixes_female``...) are the titles its
``prefix()`` writes before a name ("{{prefix_female}} {{first_name_female}} ..." in da_DK,
"Fru Ingrid Dahl"); es_ES, fr_FR and pt_PT keep their name particles ("de", "del", "de
la") under the same attribute, set between the given and the family name: those are no
titles, and such a locale gives none. Shared by scripts/deid/build_person_titles.py and
scripts/deid/make_title_postcode_grid.py; Faker is a dev dependency, never imported at
runtime.
"""

from __future__ import annotations

import pkgutil
import re
import warnings

import faker.providers.person as person_providers
from faker import Faker

_PREFIX_AFTER_GIVEN_NAME = re.compile(r"first_name\w*\s*\}\}\s*\{\{\s*prefix")


def person_locales() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(person_providers.__path__))


def faker_for(locale: str) -> Faker:
    with warnings.catch_warnings():  # fr_QC warns that it is deprecated
        warnings.simplefilter("ignore")
        return Faker(locale)


def _person_provider(fake: Faker) -> object:
    return next(
        p for p in fake.get_providers() if p.__module__.startswith(person_providers.__name__)
    )


def _layouts(provider: object) -> list[str]:
    layouts: list[str] = []
    for attr in dir(provider):
        if attr.startswith("formats"):
            value = getattr(provider, attr)
            if isinstance(value, (list, tuple, dict)):
                layouts.extend(str(v) for v in value)
    return layouts


def titles_by_sex(locale: str) -> dict[str, tuple[str, ...]]:
    """The locale's titles by the attribute that holds them ("prefixes_female": ...); none
    where its name layouts set the prefix after a given name (a particle, not a title)."""
    provider = _person_provider(faker_for(locale))
    if any(_PREFIX_AFTER_GIVEN_NAME.search(layout) for layout in _layouts(provider)):
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for attr in sorted(a for a in dir(provider) if a.startswith("prefixes")):
        value = getattr(provider, attr, None)
        if isinstance(value, dict):
            value = list(value)
        if isinstance(value, (list, tuple)):
            out[attr] = tuple(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))
    return out


def titles(locale: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for ts in titles_by_sex(locale).values() for t in ts))
