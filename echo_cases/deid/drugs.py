"""Drug names, generic and brand, in several languages: clinical vocabulary, never a name.

The list is generated from a maintained dictionary by scripts/deid/build_drug_vocabulary.py.
"""

from __future__ import annotations

import functools
from pathlib import Path

_DRUG_NAMES = Path(__file__).resolve().parent / "data" / "drug_names.txt"


@functools.cache
def drug_names() -> frozenset[str]:
    lines = _DRUG_NAMES.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def is_drug_name(word: str) -> bool:
    """ "Propofol", "LASIX", "tamoxifeno": a one-word drug name in any letter case."""
    return word.lower().strip(".,;:()'\u2019\"") in drug_names()
