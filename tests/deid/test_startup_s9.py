"""What a process that de-identifies imports at start (echo_cases/deid/__init__.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str) -> str:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env=os.environ.copy(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_de_identifying_does_not_import_spacys_command_line() -> None:
    imported = _python(
        "import sys, echo_cases.deid; "
        "print(sorted(m for m in ('spacy.cli', 'typer') if m in sys.modules))"
    )
    assert imported == "[]"


def test_spacy_info_still_answers_after_the_deidentifier_is_imported() -> None:
    version = _python(
        "import echo_cases.deid, spacy; print(spacy.info(silent=True)['spacy_version'])"
    )
    assert version == _python("import spacy; print(spacy.__version__)")
