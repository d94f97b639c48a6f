"""Write tests/deid/data/cldr_dates_grid.jsonl: every chosen CLDR locale's dates, in sentences.

For each locale of scripts/deid/build_date_words.py's ``LOCALES``, a few seeded dates are
written by babel (``format_date`` in the short, medium, long and full formats;
``format_skeleton`` day-month without a year, ``MMMMd`` and ``MMMd``, and month-year,
``yMMMM`` and ``yMMM``) into neutral clinical sentence frames. The date, as babel writes
it (a weekday in the full format is part of it), is labelled DATE; a year alone in a
frame is no identifier and is not labelled, by the corpus convention.

A development grid (tuned-on): it was scored once before any change made for it.

usage: python scripts/deid/make_date_grid.py [--seed 510]
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_date_words import LOCALES

OUT = Path(__file__).resolve().parents[2] / "tests" / "deid" / "data" / "cldr_dates_grid.jsonl"

# (how babel is asked, the argument): format_date's named formats, then skeletons.
FORMATS = (
    ("date", "short"),
    ("date", "medium"),
    ("date", "long"),
    ("date", "full"),
    ("skeleton", "MMMMd"),
    ("skeleton", "MMMd"),
    ("skeleton", "yMMMM"),
    ("skeleton", "yMMM"),
)
# Neutral clinical frames; {date} is labelled, {year} (a year alone) is not.
FRAMES = (
    "Core biopsy done on {date}, reviewed at the tumour board.",
    "Seen in clinic {date}: pain controlled on morphine 5 mg every 4 hours.",
    "Next review {date} with a repeat CBC and LFTs.",
    "Cycle 3 of chemotherapy started {date}; diagnosed in {year}, ECOG 1.",
    "CT chest of {date} shows two new nodules of 4 mm.",
    "Admitted {date} with febrile neutropenia, discharged on day 5.",
    "Last menstrual period {date}, pregnancy test negative.",
    "Referral letter dated {date} received by the hub.",
)
DOCS_PER_LOCALE = 2


def _write(kind: str, arg: str, day: datetime.date, locale: str) -> str:
    from babel.dates import format_date, format_skeleton

    if kind == "date":
        return format_date(day, format=arg, locale=locale)
    return format_skeleton(arg, day, locale=locale)


def _sentence(rng: random.Random, text: str) -> tuple[str, tuple[int, int]]:
    frame = rng.choice(FRAMES)
    before, _, after = frame.partition("{date}")
    year = str(rng.randint(2005, 2024))
    before, after = before.replace("{year}", year), after.replace("{year}", year)
    return before + text + after, (len(before), len(before) + len(text))


def build(seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    docs: list[dict[str, object]] = []
    per_doc = -(-len(FORMATS) // DOCS_PER_LOCALE)
    for locale in LOCALES:
        for part in range(DOCS_PER_LOCALE):
            text, spans = "", []
            for kind, arg in FORMATS[part * per_doc : (part + 1) * per_doc]:
                day = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(4000))
                sentence, (start, end) = _sentence(rng, _write(kind, arg, day, locale))
                if text:
                    text += " "
                spans.append({"start": len(text) + start, "end": len(text) + end, "type": "DATE"})
                text += sentence
            docs.append({"id": f"cldr-{locale}-{part}", "text": text, "spans": spans})
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=510)
    args = ap.parse_args()
    docs = build(args.seed)
    with OUT.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(f"wrote {OUT} ({len(docs)} texts)")


if __name__ == "__main__":
    main()
