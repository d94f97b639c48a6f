"""Freeze the de-identifier's vocabularies that the training-text generator draws on.

The generator's extra clinical lines take abbreviations, drugs and clinical words from the
de-identifier's own lists. Those lists grow whenever the rules are tuned, and a generator
reading them live writes other texts from the same seed, so a model's recipe stops
rebuilding its weights. The generator reads the frozen copies in
echo_cases/deid/training/data/vocabularies/ instead; refresh them only when the models are
retrained, from the revision they are trained at.

usage: python scripts/deid/freeze_training_words.py [--rev GIT_REVISION] [--out FOLDER]
"""

from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = "echo_cases/deid/data"
TARGET = ROOT / "echo_cases" / "deid" / "training" / "data" / "vocabularies"
# frozen file -> the de-identifier's list it copies
FILES = {
    "clinical_abbreviations.txt": "clinical_abbreviations.txt",
    "drug_names.txt": "drug_names.txt",
    "clinical_words.txt": "words/clinical_words/en.txt",
}
# The de-identifier's drug list holds 31,000 names, many of them chemical codes
# ("a21-gly-b31-arg..."): only plain words of 4 to 14 letters read like the drugs of a note.
_PLAIN_DRUG = re.compile(r"[a-z]{4,14}")


def read(path: str, rev: str | None) -> str:
    if rev is None:
        return (ROOT / path).read_text(encoding="utf-8")
    shown = subprocess.run(  # noqa: S603 - git with a revision the user names
        ["git", "show", f"{rev}:{path}"],  # noqa: S607 - git from the PATH, as make runs it
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return shown.stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rev", default=None, help="git revision to copy from (default: the tree)")
    ap.add_argument("--out", type=Path, default=TARGET, help="folder to write to")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for frozen, source in FILES.items():
        words = [
            line.strip()
            for line in read(f"{SOURCE}/{source}", args.rev).splitlines()
            if line.strip() and not line.startswith("#")
        ]
        if frozen == "drug_names.txt":
            words = [w for w in words if _PLAIN_DRUG.fullmatch(w)]
        header = (
            f"# A frozen copy of {SOURCE}/{source}"
            f"{f' at {args.rev}' if args.rev else ''} for the training-text generator\n"
            "# (scripts/deid/freeze_training_words.py): do not edit by hand.\n"
        )
        (args.out / frozen).write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
