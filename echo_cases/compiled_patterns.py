"""The de-identifier's regular expressions, compiled once at set-up rather than at every start.

The ``regex`` package parses a pattern in Python: the de-identifier's few hundred rules,
and Presidio's, took two thirds of a second of CPU at every start of ``echo-cases deid``
and of every web worker, a third of a short run. A compiled pattern is plain data (what
``regex`` itself pickles it as: the pattern, its flags and its opcodes), so
``python -m echo_cases.compiled_patterns`` (``make setup``) records what the
de-identifier compiles while it loads and writes it to ``compiled_patterns.marshal``;
``install`` then lets ``regex`` build each of those patterns from its opcodes, the very
object a fresh compile gives (tests/deid/test_compiled_patterns.py). A pattern not in the
file (a rule edited since) is compiled as before; a file written by another version of
``regex`` or Python is not used at all. ``ECHO_COMPILED_PATTERNS`` names another file,
or is ``off``.

Only what is compiled while the de-identifier loads is recorded, never a pattern made
from a text it reads (``analyzer._find_case_mentions`` compiles the words of a case).
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import regex
from regex import _main, _regex  # type: ignore[attr-defined]

PATH = Path(__file__).resolve().parent / "deid" / "data" / "compiled_patterns.marshal"

# Pattern and flags -> the arguments of ``_regex.compile`` (``Pattern._pickled_data``).
Table = dict[tuple[str, int], tuple[Any, ...]]

_original: Callable[..., Any] | None = None


def _stamp() -> tuple[str, str, int]:
    """What the opcodes depend on: regex's version, Python's, the default regex version."""
    return (str(regex.__version__), sys.version.split()[0], int(regex.DEFAULT_VERSION))


def _cacheable(pattern: object, flags: int, kwargs: dict[str, Any]) -> bool:
    # Named lists are arguments, not part of the pattern; a locale-aware pattern
    # depends on the locale; a debug compile prints.
    return (
        type(pattern) is str
        and not kwargs
        and not flags & (regex.LOCALE | regex.DEBUG)
        and _main._locale_sensitive.get((str, pattern)) is False
    )


def read(path: Path = PATH) -> Table:
    """The patterns recorded in ``path``; none when it is missing or was written by
    another version of regex or Python."""
    try:
        # Written by main() into the package itself: as trusted as the code beside it.
        stamp, table = marshal.loads(path.read_bytes())  # noqa: S302  # nosec B302
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return table if tuple(stamp) == _stamp() else {}


def install(path: Path | None = None) -> int:
    """Build the patterns recorded in ``path`` (PATH, or ``ECHO_COMPILED_PATTERNS``) from
    their opcodes from now on; how many there are (0: nothing changed)."""
    global _original
    chosen = os.environ.get("ECHO_COMPILED_PATTERNS", "")
    if _original is not None or chosen == "off":
        return 0
    table = read(path or Path(chosen or PATH))
    if not table:
        return 0
    original = _main._compile
    built: dict[tuple[str, int], Any] = {}
    default_version = regex.DEFAULT_VERSION

    def compile_recorded(
        pattern: Any, flags: Any, ignore_unused: Any, kwargs: Any, cache_it: Any
    ) -> Any:
        if type(pattern) is str and not kwargs and default_version == regex.DEFAULT_VERSION:
            key = (pattern, int(flags))
            found = built.get(key)
            if found is not None:
                return found
            data = table.get(key)
            if data is not None:
                found = built[key] = _regex.compile(*data)
                return found
        return original(pattern, flags, ignore_unused, kwargs, cache_it)

    _original = original
    _main._compile = compile_recorded
    return len(table)


@contextmanager
def recording() -> Iterator[Table]:
    """Every cacheable pattern compiled inside the block, with what builds it."""
    table: Table = {}
    original = _main._compile

    def compile_and_record(
        pattern: Any, flags: Any, ignore_unused: Any, kwargs: Any, cache_it: Any
    ) -> Any:
        compiled = original(pattern, flags, ignore_unused, kwargs, cache_it)
        if _cacheable(pattern, int(flags), kwargs):
            table[(pattern, int(flags))] = compiled._pickled_data
        return compiled

    # regex forgets at random what it knows of a pattern (whether it is locale-aware)
    # once it holds 500: over that, a pattern would go unrecorded by chance.
    most = _main._MAXCACHE
    _main._MAXCACHE = sys.maxsize
    _main._compile = compile_and_record
    try:
        yield table
    finally:
        _main._compile = original
        _main._MAXCACHE = most


def write(table: Table, path: Path = PATH) -> None:
    """Write ``table`` to ``path`` whole or not at all (a reader never sees half a file)."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_bytes(marshal.dumps((_stamp(), table)))
    partial.replace(path)


def main(argv: list[str]) -> int:
    """``python -m echo_cases.compiled_patterns [OUT]``: record what the de-identifier
    compiles while it loads, in OUT (PATH by default)."""
    out = Path(argv[0]) if argv else PATH
    if "echo_cases.deid" in sys.modules:
        raise RuntimeError("the de-identifier was loaded before recording began")
    os.environ["ECHO_COMPILED_PATTERNS"] = "off"
    with recording() as table:
        from echo_cases.deid import get_deidentifier

        get_deidentifier()
    write(table, out)
    print(f"{len(table)} patterns recorded in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
