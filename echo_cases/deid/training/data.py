"""Read the generator's data files: word lists, name sources, templates and the split."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

Split = Literal["train", "heldout"]
SPLITS: tuple[Split, ...] = ("train", "heldout")
# "base" writes the texts the model is trained on from scratch, unchanged since it shipped;
# "rich" adds what the model is fine-tuned on (finetune.py): an extra line of unlabelled
# clinical content in one text in nine, names in prose, more multi-line addresses; "world" is
# the rich edition with clinical text in other languages whose names, places and dates are of
# the same language (session 8: bare sentences in a language taught the model that the
# language holds no identifiers). "varied" writes only its own templates (templates/SPLIT/varied/),
# the case-text classes the other editions are thin in: facilities of many kinds and languages,
# homes told by landmarks, family names first, single names, labels in other languages.
# "negative" writes only its own templates too (templates/SPLIT/negative/): clinical text with no
# identifier at all, in English ward shorthand and in other languages, with drugs, eponyms,
# staging and departments where a name could stand (session 19: most of the learned models'
# false alarms were spans over such text).
Edition = Literal["base", "rich", "world", "varied", "negative"]
EDITIONS: tuple[Edition, ...] = ("base", "rich", "world", "varied", "negative")
# The template folders of each edition under templates/SPLIT/ ("." is the base templates).
_EDITION_FOLDERS: dict[str, tuple[str, ...]] = {
    "base": (".",),
    "rich": (".", "rich"),
    "world": (".", "rich", "world"),
    # Its own templates only: mixed with the others' 180 they would be one text in five.
    "varied": ("varied",),
    "negative": ("negative",),
}
DATA_DIR = Path(__file__).with_name("data")
# The de-identifier's own vocabularies, which the extra clinical lines draw on (split by hash),
# as frozen copies (scripts/deid/freeze_training_words.py): read live, every word the rules'
# tuning added changed the texts a seed writes, and a model's recipe no longer rebuilt it.
VOCABULARY_DIR = DATA_DIR / "vocabularies"
# Vocabularies of the de-identifier that feed slots of the extra lines: slot -> file.
SHARED_VOCABULARIES = {
    "abbr": "clinical_abbreviations.txt",
    "rx": "drug_names.txt",
    "cword": "clinical_words.txt",
}
# Share of a shared vocabulary's words that only the held-out split may use.
HELD_OUT_WORD_SHARE = 3  # one word in three


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
def templates(split: Split, edition: Edition = "base") -> dict[str, tuple[Template, ...]]:
    """Templates of one split by genre, from data/templates/SPLIT/GENRE.txt, and for the rich
    and world editions those of data/templates/SPLIT/rich/ (and world/) GENRE.txt after them;
    for the varied edition those of data/templates/SPLIT/varied/ alone."""
    root = DATA_DIR / "templates" / split
    folders = [root / name for name in _EDITION_FOLDERS[edition]]
    by_genre: dict[str, tuple[Template, ...]] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            found = parse_templates(path.read_text(encoding="utf-8"), path.stem)
            by_genre[path.stem] = (*by_genre.get(path.stem, ()), *found)
    return by_genre


def genre_weights(edition: Edition = "base") -> dict[str, float]:
    """Each genre's share of the documents."""
    weights = dict(toml("genres")["weights"])
    if edition != "base":
        weights.update(toml("genres")["rich_weights"])
    return weights


def address_layouts(edition: Edition = "base") -> dict[str, list[str]]:
    """Postal address layouts by style (places.toml), the rich edition's replacing some."""
    layouts = dict(toml("places")["address_layouts"])
    if edition != "base":
        layouts.update(toml("places")["address_layouts_rich"])
    return layouts


def split_of_word(word: str) -> Split:
    """Which split may use a word of a shared vocabulary: fixed by a hash of the word, so the
    held-out split measures words the model never saw, whatever the order of the file."""
    digest = hashlib.sha256(word.encode("utf-8")).digest()
    return "heldout" if digest[0] % HELD_OUT_WORD_SHARE == 0 else "train"


@cache
def shared_words(slot: str, split: Split) -> tuple[str, ...]:
    """The words of a shared vocabulary (`SHARED_VOCABULARIES`) that one split may use."""
    text = (VOCABULARY_DIR / SHARED_VOCABULARIES[slot]).read_text(encoding="utf-8")
    words = [line.strip() for line in text.splitlines()]
    words = [word for word in words if word and not word.startswith("#")]
    return tuple(word for word in words if split_of_word(word) == split)


@cache
def extras(split: Split) -> tuple[Template, ...]:
    """The unlabelled clinical lines of one split, from data/extras/SPLIT.txt."""
    text = (DATA_DIR / "extras" / f"{split}.txt").read_text(encoding="utf-8")
    return tuple(parse_templates(text, "extra"))
