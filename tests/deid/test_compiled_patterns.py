"""The de-identifier's patterns, compiled at set-up (echo_cases/compiled_patterns.py)."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import regex

from echo_cases import compiled_patterns
from echo_cases.compiled_patterns import read, recording, write

ROOT = Path(__file__).resolve().parents[2]

# Each way a rule is written: named groups, look-arounds, Unicode classes, ignoring case
# by simple and full folding, back-references.
SAMPLES = [
    (r"(?<!\w)MRN:?[ \t]*(?P<x>\d{5,9})(?!\w)", regex.VERSION1 | regex.MULTILINE),
    (r"(?-f)(?<!\w)(?:dr|dra|doctor)\.?[ \t]+(?P<x>\p{Lu}\p{Ll}+)", regex.V1 | regex.I),
    (r"stra(?:ss|ß)e \d+", regex.V1 | regex.IGNORECASE),
    (r"\b(\d{3})([- ])\d{3}\2\d{4}\b", 0),
]
TEXT = "Dr. Müller, MRN: 5512345, Hauptstrasse 4, STRASSE 9, call 555-123-4567 or 555 123 4567."


def _recorded(tmp_path: Path) -> dict[tuple[str, int], tuple[object, ...]]:
    with recording() as table:
        for pattern, flags in SAMPLES:
            regex.compile(pattern, flags)
    write(table, tmp_path / "patterns.marshal")
    return read(tmp_path / "patterns.marshal")


def test_a_recorded_pattern_is_built_into_the_pattern_a_fresh_compile_gives(
    tmp_path: Path,
) -> None:
    table = _recorded(tmp_path)
    assert set(table) == {(p, int(f)) for p, f in SAMPLES}
    for (pattern, flags), data in table.items():
        built = regex.compile(pattern, flags)
        loaded = compiled_patterns._regex.compile(*data)
        assert loaded._pickled_data == built._pickled_data
        assert [m.span() for m in loaded.finditer(TEXT)] == [m.span() for m in built.finditer(TEXT)]
        assert loaded.groupindex == built.groupindex


def test_a_file_written_by_another_version_of_regex_is_not_used(tmp_path: Path) -> None:
    table = _recorded(tmp_path)
    stale = tmp_path / "stale.marshal"
    stale.write_bytes(marshal.dumps((("2020.1.1", "3.11.0", 0), table)))
    assert read(stale) == {}
    assert read(tmp_path / "missing.marshal") == {}
    (tmp_path / "torn.marshal").write_bytes(b"\x00\x01")
    assert read(tmp_path / "torn.marshal") == {}


_COUNT_COMPILES = """
import regex._main as main
compile_, parsed = main._compile, []
def counting(pattern, *rest):
    parsed.append(pattern)
    return compile_(pattern, *rest)
main._compile = counting
from echo_cases.deid import get_deidentifier
get_deidentifier()
print(len(parsed))
"""


def _python(code: list[str], hash_seed: str, **env: str) -> str:
    done = subprocess.run(  # noqa: S603
        [sys.executable, *code],
        env={**os.environ, "PYTHONHASHSEED": hash_seed, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_the_deidentifier_compiles_nothing_at_start_once_its_patterns_are_recorded(
    tmp_path: Path,
) -> None:
    # Two processes hash words differently: a rule whose text depended on a set's order
    # would be missed by the second and compiled again at every start.
    out = tmp_path / "patterns.marshal"
    _python(["-m", "echo_cases.compiled_patterns", str(out)], hash_seed="1")
    assert len(read(out)) > 100
    parsed = _python(["-c", _COUNT_COMPILES], hash_seed="2", ECHO_COMPILED_PATTERNS=str(out))
    assert parsed.strip() == "0"
    unrecorded = _python(["-c", _COUNT_COMPILES], hash_seed="2", ECHO_COMPILED_PATTERNS="off")
    assert int(unrecorded) > 100
