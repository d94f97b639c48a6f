"""The de-identifier's word lists, read from ``data/words/`` once per process.

A kind of list is one file, ``<kind>.txt``, when its words are the same in every
language (eponyms, drug brands, acronyms), or a directory ``<kind>/`` with one file
per language (``titles/en.txt``, ``titles/es.txt``) or, for regions and ID labels, per
country (``regions/US.txt``, ``id_labels/IN.txt``): adding a language or a country is
adding a file. Files are UTF-8, one entry a line; a line starting with ``#`` is a
comment.
"""

from __future__ import annotations

import functools
from importlib.resources import files
from importlib.resources.abc import Traversable

_ROOT: Traversable = files("echo_cases.deid") / "data" / "words"
_SUFFIX = ".txt"
# "Alabama = AL": an entry that carries a value (a state and its postal code).
_PAIR = " = "


def source(kind: str, name: str | None = None) -> Traversable:
    """Where a list file is: ``<kind>/<name>.txt``, or ``<kind>.txt`` when ``name`` is None."""
    return _ROOT / kind / f"{name}{_SUFFIX}" if name else _ROOT / f"{kind}{_SUFFIX}"


def parse(text: str) -> tuple[str, ...]:
    """The entries of a list file: comment and blank lines dropped, each line stripped."""
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def read(kind: str, name: str | None = None) -> tuple[str, ...]:
    """The entries of one list file (see ``source``), read once per process."""
    return _read(kind, name)


@functools.cache
def _read(kind: str, name: str | None) -> tuple[str, ...]:
    # Always called with both arguments, so each file has exactly one cache entry.
    return parse(source(kind, name).read_text(encoding="utf-8"))


def files_read() -> int:
    """How many list files have been read from disk in this process."""
    return _read.cache_info().misses


@functools.cache
def names(kind: str) -> tuple[str, ...]:
    """The languages or countries a directory kind has a file for, sorted."""
    return tuple(
        sorted(
            p.name.removesuffix(_SUFFIX)
            for p in (_ROOT / kind).iterdir()
            if p.is_file() and p.name.endswith(_SUFFIX)
        )
    )


def by_name(kind: str) -> dict[str, tuple[str, ...]]:
    """Every file of a directory kind: language or country -> entries."""
    return {name: read(kind, name) for name in names(kind)}


def words(kind: str, *, exclude: tuple[str, ...] = ()) -> tuple[str, ...]:
    """All entries of a kind, file by file in name order, each entry once."""
    if source(kind).is_file():
        return read(kind)
    return tuple(
        dict.fromkeys(w for name in names(kind) if name not in exclude for w in read(kind, name))
    )


def pairs(kind: str, name: str) -> dict[str, str]:
    """A file of ``key = value`` entries, in file order."""
    return {key: value for key, _, value in (e.partition(_PAIR) for e in read(kind, name))}


def keys(entries: tuple[str, ...]) -> tuple[str, ...]:
    """The entries without the values some carry ("Alabama = AL" -> "Alabama")."""
    return tuple(entry.partition(_PAIR)[0] for entry in entries)


def all_files() -> tuple[tuple[str, str | None], ...]:
    """(kind, name) of every list file; name is None for a single-file kind."""
    found: list[tuple[str, str | None]] = []
    for entry in sorted(_ROOT.iterdir(), key=lambda p: p.name):
        if entry.is_file() and entry.name.endswith(_SUFFIX):
            found.append((entry.name.removesuffix(_SUFFIX), None))
        elif entry.is_dir():
            found += [(entry.name, name) for name in names(entry.name)]
    return tuple(found)
