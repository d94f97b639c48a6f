"""Command line: ``echo-cases deid IN.jsonl OUT.jsonl``, ``echo-cases deid-eval CORPUS.jsonl``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import IO, Any

_BATCH = 64


def _records(fh: IO[str], errors: IO[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Valid input records with their line numbers; bad lines are reported and skipped."""
    for lineno, line in enumerate(fh, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            print(f"line {lineno}: not valid JSON ({exc.msg}); skipped", file=errors)
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            print(f'line {lineno}: no "text" string; skipped', file=errors)
            continue
        yield lineno, obj


def _batched(
    items: Iterator[tuple[int, dict[str, Any]]], size: int
) -> Iterator[list[tuple[int, dict[str, Any]]]]:
    batch: list[tuple[int, dict[str, Any]]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _progress(fh: IO[str], enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(unit=" docs", disable=not enabled, file=sys.stderr)


def cmd_deid(args: argparse.Namespace) -> int:
    from echo_cases.deid import get_deidentifier, redact_fields

    deid = get_deidentifier()
    case_key = _case_key(args.key_file)
    show = sys.stderr.isatty() and not args.quiet
    with _open_in(args.input) as fin, _open_out(args.output) as fout, _progress(fin, show) as bar:
        for batch in _batched(_records(fin, sys.stderr), _BATCH):
            texts = [obj["text"] for _, obj in batch]
            for (_, obj), findings in zip(
                batch, deid.analyze_many(texts, batch_size=_BATCH), strict=True
            ):
                doc_key = case_key + b"/" + str(obj.get("id")).encode()
                redacted = redact_fields(
                    {"text": obj["text"]}, {"text": findings}, case_key=doc_key, style=args.style
                )
                fout.write(
                    json.dumps(
                        {
                            "id": obj.get("id"),
                            "redacted_text": redacted.fields["text"],
                            "entities": [
                                {
                                    "start": f.start,
                                    "end": f.end,
                                    "type": f.entity_type.value,
                                    "score": f.score,
                                }
                                for f in findings
                            ],
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
            bar.update(len(batch))
    return 0


def cmd_deid_eval(args: argparse.Namespace) -> int:
    from echo_cases.deid import get_deidentifier
    from echo_cases.deid.evaluation import score

    deid = get_deidentifier()
    with _open_in(args.corpus) as fin:
        corpus = [obj for _, obj in _records(fin, sys.stderr)]
    preds = {}
    for doc, findings in zip(corpus, deid.analyze_many(d["text"] for d in corpus), strict=True):
        preds[doc["id"]] = [{"start": f.start, "end": f.end} for f in findings]
    print(json.dumps(score(corpus, preds)))
    return 0


def _case_key(path: str | None) -> bytes:
    # Without a key file every run draws a fresh key, so date shifts cannot be replayed.
    if path:
        with open(path, "rb") as fh:
            return fh.read().strip()
    return os.urandom(32)


def _open_in(path: str) -> IO[str]:
    return sys.stdin if path == "-" else open(path, encoding="utf-8")


def _open_out(path: str) -> IO[str]:
    return sys.stdout if path == "-" else open(path, "w", encoding="utf-8")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="echo-cases", description="echo-cases command line tools")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("deid", help="de-identify a JSONL file of {id, text} records")
    p.add_argument("input", help="input JSONL ('-' for stdin)")
    p.add_argument("output", help="output JSONL ('-' for stdout)")
    p.add_argument("--style", choices=("tags", "realistic"), default="tags")
    p.add_argument(
        "--key-file", help="secret key for date shifts and surrogates (default: random per run)"
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_deid)
    e = sub.add_parser("deid-eval", help="score the analyzer against a labelled JSONL corpus")
    e.add_argument("corpus")
    e.set_defaults(func=cmd_deid_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
