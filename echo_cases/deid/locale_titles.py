"""The person titles of every Faker locale ("Fru", "Sig.ra", "Dott", "proua", "Cənab").

Read from ``data/locale_titles.txt``, which ``scripts/deid/build_person_titles.py``
generates from Faker's person providers, less the titles a note writes as words of their
own (frequent English, clinical short forms, names, months). ``lexicon.TITLES`` joins them
to the hand lists of ``data/words/titles/``: a title opens a name and stays outside it.
"""

from __future__ import annotations

from importlib.resources import files

_SOURCE = files("echo_cases.deid") / "data" / "locale_titles.txt"


def _titles() -> tuple[str, ...]:
    lines = (raw.strip() for raw in _SOURCE.read_text(encoding="utf-8").splitlines())
    return tuple(line.partition(" = ")[0] for line in lines if line and not line.startswith("#"))


TITLES: tuple[str, ...] = _titles()
