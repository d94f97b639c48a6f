"""Read the generator's data files: word lists, name sources, templates and the split."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

Split = Literal["train", "heldout"]
SPLITS: tuple[Split, ...] = ("train", "heldout")
DATA_DIR = Path(__file__).with_name("data")


@cache
def toml(name: str) -> dict[str, Any]:
    """A TOML file of the data folder, by its name without extension."""
    with (DATA_DIR / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def lexicon(name: str) -> tuple[str, ...]:
    """A one-entry-per-line word list of data/lexicon; '#' lines are comments."""
    text = (DATA_DIR / "lexicon" / f"{name}.txt").read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def word_lists() -> dict[str, tuple[str, ...]]:
    """The named lists that templates pick from with {pick:NAME}."""
    with (DATA_DIR / "lexicon" / "lists.toml").open("rb") as handle:
        return {key: tuple(values) for key, values in tomllib.load(handle).items()}


@dataclass(frozen=True)
class ExtraNames:
    """A name source that Faker lacks, with its own places and phone layouts."""

    stem: str
    spec: dict[str, Any]


@cache
def extra_names(split: Split) -> tuple[ExtraNames, ...]:
    """The extra name files that one split may use (sorted by name, for stable order)."""
    folder = DATA_DIR / "names" / split
    sources = []
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            sources.append(ExtraNames(path.stem, tomllib.load(handle)))
    return tuple(sources)


@cache
def faker_locales(split: Split) -> tuple[str, ...]:
    """The Faker locales that one split may use."""
    return tuple(toml("sources")[split]["faker"])


def faker_places() -> dict[str, str]:
    """Where a locale without its own address data takes its places from."""
    return dict(toml("sources")["faker_places"])


@dataclass(frozen=True)
class Template:
    """One template: its id, genre, language, fixed sexes of people, and body text."""

    id: str
    genre: str
    lang: str
    sexes: tuple[tuple[str, str], ...]
    body: str


def parse_templates(text: str, genre: str) -> list[Template]:
    """Split a template file into templates: each starts with '=== ID key=value ...'."""
    templates: list[Template] = []
    header: list[str] | None = None
    lines: list[str] = []

    def close() -> None:
        if header is None:
            return
        attributes = dict(part.split("=", 1) for part in header[1:])
        lang = attributes.pop("lang", "en")
        body = "\n".join(lines).strip("\n")
        templates.append(Template(header[0], genre, lang, tuple(sorted(attributes.items())), body))

    for line in text.splitlines():
        if line.startswith("=== "):
            close()
            header, lines = line[4:].split(), []
        elif header is not None:
            lines.append(line)
    close()
    return templates


@cache
def templates(split: Split) -> dict[str, tuple[Template, ...]]:
    """Templates of one split by genre, from data/templates/SPLIT/GENRE.txt."""
    by_genre: dict[str, tuple[Template, ...]] = {}
    for path in sorted((DATA_DIR / "templates" / split).glob("*.txt")):
        by_genre[path.stem] = tuple(parse_templates(path.read_text(encoding="utf-8"), path.stem))
    return by_genre


def genre_weights() -> dict[str, float]:
    """Each genre's share of the documents."""
    return dict(toml("genres")["weights"])
