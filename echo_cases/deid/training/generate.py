"""Generate labelled training documents for the de-identification NER.

    python -m echo_cases.deid.training.generate OUT.jsonl --n 20000 --seed 1 --split train
        [--edition base|rich|world|varied|negative]

Every document is derived from (seed, split, index) alone, so the output is the same in any
process; documents 2k and 2k+1 share template and wording and differ in their identifiers.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from echo_cases.deid.training import augment, data
from echo_cases.deid.training.render import Filler, Segment
from echo_cases.deid.training.sources import ExtraSource, FakerSource, Source, sources

# Share of documents whose patient comes from an extra name file rather than a Faker locale.
EXTRA_SOURCE_SHARE = 0.45
# Share of documents whose clinicians come from the patient's own source.
SAME_HUB_SHARE = 0.5
# Notes reaching ECHO hubs are mostly in Latin letters: other scripts are drawn half as often.
OTHER_SCRIPT_WEIGHT = 0.5
# Share of documents that get one extra line of unlabelled clinical content (data/extras/):
# lab and vital tables, drug orders, ward shorthand, in capitals or small letters as often as
# as written. Low on purpose: at about three in ten (session 4) the distractors outweighed the
# labelled spans and recall fell.
EXTRA_LINE_SHARE = 0.11
EXTRA_LINE_CASES = ("upper", "lower", "as_written")
_EXTRA_LINE_CASE_WEIGHTS = (40, 30, 30)


@dataclass(frozen=True, slots=True)
class Fill:
    """Where a slot's value landed in the text, and its label (None: not an identifier)."""

    start: int
    end: int
    label: str | None
    slot: str
    value: str


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    genre: str
    template: str
    split: str
    case: str
    fills: tuple[Fill, ...]
    extra: str | None = None  # the id of the extra clinical line, if the document has one

    @property
    def spans(self) -> list[dict[str, int | str]]:
        return [
            {"start": fill.start, "end": fill.end, "type": fill.label}
            for fill in self.fills
            if fill.label is not None
        ]

    def record(self) -> dict[str, object]:
        """The JSON line: id, text, spans, genre, template, split."""
        return {
            "id": self.id,
            "text": self.text,
            "spans": self.spans,
            "genre": self.genre,
            "template": self.template,
            "split": self.split,
        }


def _choose_source(rng: random.Random, pool: Sequence[Source]) -> Source:
    extras = [source for source in pool if isinstance(source, ExtraSource)]
    if rng.random() < EXTRA_SOURCE_SHARE:
        return rng.choice(extras)
    fakers = [source for source in pool if isinstance(source, FakerSource)]
    weights = [1.0 if source.latin else OTHER_SCRIPT_WEIGHT for source in fakers]
    return rng.choices(fakers, weights)[0]


def sources_for(
    template: data.Template, pool: Sequence[Source], edition: data.Edition
) -> Sequence[Source]:
    """The sources a document's people and places are drawn from. In the world edition a
    template written in another language draws them from sources of that language (a Spanish
    note names Spanish-speaking people, places and hospitals), when the split has any; so does
    the varied edition."""
    if edition not in ("world", "varied") or template.lang == "en":
        return pool
    same = [source for source in pool if source.lang == template.lang]
    return same or pool


def _choose_source_among(rng: random.Random, pool: Sequence[Source]) -> Source:
    """`_choose_source`, for a pool that may hold sources of one kind only."""
    kinds = {isinstance(source, ExtraSource) for source in pool}
    if len(kinds) == 2:
        return _choose_source(rng, pool)
    return rng.choice(list(pool))


def _choose_template(rng: random.Random, split: data.Split, edition: data.Edition) -> data.Template:
    by_genre = data.templates(split, edition)
    weights = data.genre_weights(edition)
    genres = sorted(by_genre)
    genre = rng.choices(genres, [weights[genre] for genre in genres])[0]
    return rng.choice(by_genre[genre])


def _with_extra_line(
    segments: list[Segment], line: list[Segment], struct: random.Random
) -> list[Segment]:
    """The document with `line` on a line of its own: after one of its line breaks, or last."""
    breaks = [
        (index, offset + 1)
        for index, segment in enumerate(segments)
        if segment.slot is None and not _beside_identifier(segments, index)
        for offset, char in enumerate(segment.text)
        if char == "\n" and offset + 1 < len(segment.text)
    ]
    place = struct.randrange(len(breaks) + 1)
    if place == len(breaks):
        return [*segments, Segment("\n"), *line]
    index, offset = breaks[place]
    text = segments[index].text
    return [
        *segments[:index],
        Segment(text[:offset]),
        *line,
        Segment("\n"),
        Segment(text[offset:]),
        *segments[index + 1 :],
    ]


def _beside_identifier(segments: list[Segment], index: int) -> bool:
    """Whether the template text at `index` touches an identifier: a line put there would come
    between a name and its address, or between the lines of an address block."""
    before = segments[index - 1] if index else None
    after = segments[index + 1] if index + 1 < len(segments) else None
    return any(s is not None and s.slot is not None for s in (before, after))


def _extra_line(
    split: data.Split, struct: random.Random, ident: random.Random, patient: Source, hub: Source
) -> tuple[str, list[Segment]]:
    """One extra clinical line of the split, filled, in its own case; and its template id."""
    extra = struct.choice(data.extras(split))
    case = struct.choices(EXTRA_LINE_CASES, _EXTRA_LINE_CASE_WEIGHTS)[0]
    line = Filler(extra, struct, ident, patient, hub, split=split, edition="rich").fill()
    return extra.id, [Segment(augment.apply_case(s.text, case), s.label, s.slot) for s in line]


def render_document(
    seed: int, split: data.Split, index: int, edition: data.Edition = "base"
) -> Document:
    """One document, from its seed, split, index and edition alone."""
    # String seeds hash with SHA-512, whatever PYTHONHASHSEED is. Training data, not secrets.
    struct = random.Random(f"{seed}:{split}:struct:{index // 2}")  # noqa: S311  # nosec B311
    ident = random.Random(f"{seed}:{split}:ident:{index}")  # noqa: S311  # nosec B311
    noise = random.Random(f"{seed}:{split}:augment:{index}")  # noqa: S311  # nosec B311
    template = _choose_template(struct, split, edition)
    pool = sources_for(template, sources(split), edition)
    patient = _choose_source_among(ident, pool)
    hub = patient if ident.random() < SAME_HUB_SHARE else _choose_source_among(ident, pool)
    segments = Filler(template, struct, ident, patient, hub, split=split, edition=edition).fill()
    extra = None
    if edition == "base":
        # Drawn in this order since the shipped model's texts were: changing it changes them.
        if noise.random() < augment.NOISY_SHARE:
            segments = augment.add_noise(segments, noise)
        case = augment.choose_case(noise)
    else:
        # Not in address texts: their lines are the identifiers, and a lab line among them
        # teaches the model that a line of a postal address may be clinical content.
        if struct.random() < EXTRA_LINE_SHARE and template.genre != "address":
            extra, line = _extra_line(split, struct, ident, patient, hub)
            segments = _with_extra_line(segments, line, struct)
        # The case is drawn first, so that how much noise a text takes cannot change its case.
        case = augment.choose_case(noise)
        if noise.random() < augment.NOISY_SHARE:
            segments = augment.add_noise(segments, noise)
    fills: list[Fill] = []
    position = 0
    for segment in segments:
        end = position + len(segment.text)
        if segment.slot is not None:
            value = augment.apply_case(segment.text, case)
            fills.append(Fill(position, end, segment.label, segment.slot, value))
        position = end
    text = augment.apply_case("".join(segment.text for segment in segments), case)
    return Document(
        id=f"{split}-{seed}-{index:06d}",
        text=text,
        genre=template.genre,
        template=template.id,
        split=split,
        case=case,
        fills=tuple(fills),
        extra=extra,
    )


def documents(
    n: int, seed: int, split: data.Split, edition: data.Edition = "base"
) -> Iterator[Document]:
    for index in range(n):
        yield render_document(seed, split, index, edition)


def generate(
    n: int, seed: int, split: data.Split, edition: data.Edition = "base"
) -> Iterator[dict[str, object]]:
    """Yield n labelled documents of the split as JSON-ready dicts."""
    if split not in data.SPLITS:
        raise ValueError(f"split must be one of {data.SPLITS}, not {split!r}")
    if edition not in data.EDITIONS:
        raise ValueError(f"edition must be one of {data.EDITIONS}, not {edition!r}")
    for document in documents(n, seed, split, edition):
        yield document.record()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="JSON-lines file to write")
    parser.add_argument("--n", type=int, default=20000, help="number of documents")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--split", choices=data.SPLITS, default="train")
    parser.add_argument(
        "--edition",
        choices=data.EDITIONS,
        default="base",
        help="base: the from-scratch texts; rich: the fine-tuning texts (extra clinical lines); "
        "world: rich, with notes in other languages naming people and places of that language; "
        "varied: its own templates (facilities, landmarks, family names first); "
        "negative: its own templates, clinical text with no identifier",
    )
    args = parser.parse_args(argv)
    write_jsonl(args.out, generate(args.n, args.seed, args.split, args.edition))
    return 0


def write_jsonl(path: Path, records: Iterable[dict]) -> Path:
    """Write labelled texts one JSON a line, as every training step reads them."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    sys.exit(main())
