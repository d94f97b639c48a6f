"""Where a web worker's memory goes in the de-identifier, measured in one process.

usage: python benchmarks/deid_memory.py [--notes 2000] [--seed 1] [--top 12]

Each variant runs in a fresh child process, so both start from the same empty heap:

* ``plain``: the de-identifier as the app runs it (``analyze_fields`` on each case);
* ``memory_zone``: the same cases, each analysed inside spaCy's ``nlp.memory_zone()``,
  which frees the strings and lexemes a text added to the vocabulary when it ends (and
  keeps the tokenizer from caching any word meanwhile).

For each, the resident memory (VmRSS) and spaCy's vocabulary (strings, lexemes) after
importing, after loading the de-identifier, after the first case (the word lists read on
first use), and after 10, 100, ... cases. The cases are the load test's
(benchmarks/load_case_text.py: about 3 KB of invented referral, different every time).
Then, for the plain variant, the largest containers alive after the last case (word sets,
gazetteer), each with its deep size: what a smaller representation could pay for.

Nothing is timed; the figures are megabytes and counts, compared within the run.
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

VARIANTS = ("plain", "memory_zone")
# The fields the app de-identifies (echo_cases/services/redaction.py's free text).
FREE_TEXT = ("title", "question", "history", "current_treatment", "labs_imaging", "narrative")
_SMALLEST_SHOWN = 3_000  # entries: smaller containers are not worth a row


def rss_mb() -> float:
    """This process's resident memory, from /proc (Linux)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _deep_size(container: object, counted: set[int]) -> int:
    """The container and the scalars it holds that no earlier container was charged for."""
    size = sys.getsizeof(container)
    items = container.items() if isinstance(container, dict) else container  # type: ignore[attr-defined]
    for item in items:
        for x in item if isinstance(container, dict) else (item,):
            if id(x) not in counted and isinstance(x, str | bytes | int | float | tuple):
                counted.add(id(x))
                size += sys.getsizeof(x)
    return size


def largest_containers(top: int) -> list[dict[str, object]]:
    """The ``top`` largest sets, dicts, lists and tuples alive, by deep size."""
    gc.collect()
    counted: set[int] = set()
    rows = []
    kinds = (set, frozenset, dict, list, tuple)
    big = [o for o in gc.get_objects() if isinstance(o, kinds) and len(o) >= _SMALLEST_SHOWN]
    big.sort(key=len, reverse=True)  # the larger charged first for the strings they share
    for o in big:
        sample = sorted(str(x) for x in list(o)[:200])[:2]
        rows.append(
            {
                "mb": _deep_size(o, counted) / 2**20,
                "kind": type(o).__name__,
                "entries": len(o),
                "sample": ", ".join(sample)[:40],
            }
        )
    rows.sort(key=lambda r: -float(r["mb"]))  # type: ignore[arg-type]
    return rows[:top]


def run_variant(variant: str, notes: int, seed: int, top: int) -> dict[str, object]:
    """Measure one variant in this process (the child's side)."""
    from load_case_text import CaseWriter

    stages: list[dict[str, object]] = []

    def stage(name: str, nlp: object = None) -> None:
        gc.collect()
        vocab = getattr(nlp, "vocab", None)
        stages.append(
            {
                "stage": name,
                "rss": rss_mb(),
                "strings": len(vocab.strings) if vocab is not None else 0,
                "lexemes": len(vocab) if vocab is not None else 0,
            }
        )

    writer = CaseWriter(seed=seed)
    cases = [{k: v for k, v in writer.case().items() if k in FREE_TEXT} for _ in range(notes)]
    stage("imported")
    from echo_cases.deid import get_deidentifier

    deid = get_deidentifier()
    nlp = deid.nlp_engine.nlp["en"]
    stage("loaded", nlp)
    marks = {1, notes} | {n for n in (10, 100, 500, 1000, 2000, 5000) if n < notes}
    for i, case in enumerate(cases, start=1):
        if variant == "memory_zone":
            with nlp.memory_zone():
                deid.analyze_fields(case)
        else:
            deid.analyze_fields(case)
        if i in marks:
            stage(f"{i} cases", nlp)
    return {"stages": stages, "largest": largest_containers(top) if variant == "plain" else []}


def _table(results: dict[str, dict[str, object]]) -> None:
    names = list(results)
    print("| stage | " + " | ".join(f"{n}: RSS MB, strings, lexemes" for n in names) + " |")
    print("|---|" + "---|" * len(names))
    columns = [results[n]["stages"] for n in names]
    for rows in zip(*columns, strict=True):  # type: ignore[call-overload]
        cells = [f"{r['rss']:.0f}, {r['strings']:,}, {r['lexemes']:,}" for r in rows]
        print(f"| {rows[0]['stage']} | " + " | ".join(cells) + " |")
    first = columns[0]
    loaded = next(r["rss"] for r in first if r["stage"] == "loaded")
    one = next(r["rss"] for r in first if r["stage"] == "1 cases")
    last = first[-1]
    print(
        f"\n{names[0]}: first case +{one - loaded:.0f} MB over loaded (word lists read on "
        f"first use); {last['stage']} +{last['rss'] - one:.0f} MB over the first case"
    )
    for n, rows in zip(names[1:], columns[1:], strict=True):
        more = rows[-1]["rss"] - last["rss"]
        print(f"{n}: at {rows[-1]['stage']} {more:+.0f} MB against {names[0]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--notes", type=int, default=2000, help="cases analysed (default 2000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--top", type=int, default=12, help="largest containers shown")
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_variant(args.child, args.notes, args.seed, args.top)))
        return 0
    results = {}
    for variant in args.variants.split(","):
        # This very script, with our own arguments: no outside input reaches the command.
        out = subprocess.run(  # noqa: S603
            [sys.executable, __file__, "--child", variant, "--notes", str(args.notes),
             "--seed", str(args.seed), "--top", str(args.top)],
            check=True, capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        results[variant] = json.loads(out.stdout.strip().splitlines()[-1])
    _table(results)
    largest = next((r["largest"] for r in results.values() if r["largest"]), [])
    if largest:
        print("\n| deep MB | kind | entries | e.g. |\n|---|---|---|---|")
        for row in largest:
            print(f"| {row['mb']:.1f} | {row['kind']} | {row['entries']:,} | {row['sample']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
