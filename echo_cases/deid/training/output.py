"""How each training step (train, finetune, calibrate) writes its model and its progress.

A model is written beside ``out_dir`` and swapped in whole at the end, so that a run
interrupted midway leaves the model it would replace as it was. Progress goes to stderr:
a step's stdout carries only its result, as JSON.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from spacy.language import Language


def staging_for(out_dir: Path, step: str) -> Path:
    """Where ``step`` writes its model before it is swapped in, emptied."""
    staging = out_dir.with_name(f"{out_dir.name}.{step}")
    shutil.rmtree(staging, ignore_errors=True)
    return staging


def swap_in(staging: Path, out_dir: Path) -> None:
    """The model written in ``staging`` replaces ``out_dir``'s."""
    shutil.rmtree(out_dir, ignore_errors=True)
    staging.rename(out_dir)


def write_model(nlp: Language, out_dir: Path, step: str) -> None:
    """Write ``nlp`` to ``out_dir`` by way of ``step``'s staging directory."""
    staging = staging_for(out_dir, step)
    nlp.to_disk(staging)
    swap_in(staging, out_dir)


def say(message: str) -> None:
    """A line of a run's progress."""
    print(message, file=sys.stderr, flush=True)
