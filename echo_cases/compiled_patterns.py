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

Only what is compiled while the de-identifier loads and reads the few sentences of
``WARM_UP`` (written here, no one's record) is recorded, never a pattern made from a text
it is given (``analyzer._find_case_mentions`` compiles the words of a case): the place
finders' patterns are built on a first text, not at load (landmarks.py).

Besides the patterns, what a few pure functions answered while the de-identifier loaded
(``remembered``): the trees ``fragments.alternation`` writes of its word lists and the
opening words ``openers.pattern_opening_words`` reads from a rule, a tenth of a second of
CPU at every start in Python. Each answer is kept by the function's arguments and stamped
with the source of the function's module: an answer of an edited function is not used.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import regex
from regex import _main, _regex  # type: ignore[attr-defined]

PATH = Path(__file__).resolve().parent / "deid" / "data" / "compiled_patterns.marshal"

# Pattern and flags -> the arguments of ``_regex.compile`` (``Pattern._pickled_data``).
Table = dict[tuple[str, int], tuple[Any, ...]]
# (function, its arguments) -> its answer; function -> the stamp of its module's source.
Memo = dict[tuple[str, Hashable], Any]
Stamps = dict[str, str]

_original: Callable[..., Any] | None = None
_memo: Memo = {}
_memo_stamps: Stamps = {}
# The functions whose answers were checked against their module's source, and found good.
_memo_good: dict[str, bool] = {}
_recorded_memo: Memo | None = None
_recorded_stamps: Stamps | None = None

# Sentences the de-identifier reads while its patterns are recorded, so that the patterns
# its finders build on a first text are recorded too: English, in capitals and in small
# letters, and notes in the languages whose finders build their own (Spanish, Portuguese,
# Filipino, Vietnamese, Swahili). Written for this purpose; nobody's record.
WARM_UP = (
    "Seen in clinic on 3 March 2021 by Dr Amina Otieno; lives in a village near the river.",
    "PT SEEN AT THE DISTRICT HOSPITAL, FAMILY AT BEDSIDE, REVIEW IN 2 WEEKS.",
    "pt seen at the clinic today, lives at 12 river road, sister called back.",
    "Paciente vive en la colonia de la sierra, hoy está decaída, control en el hospital.",
    "Paciente mora na vila nova, hoje está sonolento, voltou ao posto de saúde da rua 8.",
    "Taga brgy. buhangin, purok 12, nagpa-check up sa health center kahapon.",
    "Bệnh nhân ở xã nà phặc, ung thư vú, gia đình đồng ý điều trị.",
    "Mgonjwa anaishi kijiji cha karibu, hali ya kula ni nzuri leo.",
)

_T = TypeVar("_T")
_MISSING = object()


def _source_stamp(function: Callable[..., Any]) -> str:
    module = sys.modules[function.__module__]
    return hashlib.sha256(Path(str(module.__file__)).read_bytes()).hexdigest()


def remembered(function: Callable[..., _T], *args: Hashable) -> _T:
    """``function(*args)``, as recorded at set-up when it was (see the module's doc);
    ``function`` must be pure and its arguments and answer plain data (marshal)."""
    name = f"{function.__module__}.{function.__qualname__}"
    if _memo:
        good = _memo_good.get(name)
        if good is None:
            stamp = _memo_stamps.get(name)
            good = _memo_good[name] = stamp is not None and stamp == _source_stamp(function)
        if good:
            found = _memo.get((name, args), _MISSING)
            if found is not _MISSING:
                return found  # type: ignore[no-any-return]
    answer = function(*args)
    if _recorded_memo is not None and _recorded_stamps is not None:
        _recorded_memo[(name, args)] = answer
        if name not in _recorded_stamps:
            _recorded_stamps[name] = _source_stamp(function)
    return answer


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
    return read_all(path)[0]


def read_all(path: Path = PATH) -> tuple[Table, Memo, Stamps]:
    """The patterns and the functions' answers recorded in ``path``."""
    try:
        # Written by main() into the package itself: as trusted as the code beside it.
        stamp, table, *rest = marshal.loads(path.read_bytes())  # noqa: S302  # nosec B302
    except (OSError, ValueError, EOFError, TypeError):
        return {}, {}, {}
    if tuple(stamp) != _stamp():
        return {}, {}, {}
    memo, stamps = rest if len(rest) == 2 else ({}, {})
    return table, memo, stamps


def install(path: Path | None = None) -> int:
    """Build the patterns recorded in ``path`` (PATH, or ``ECHO_COMPILED_PATTERNS``) from
    their opcodes from now on; how many there are (0: nothing changed)."""
    global _original
    chosen = os.environ.get("ECHO_COMPILED_PATTERNS", "")
    if _original is not None or chosen == "off":
        return 0
    table, memo, stamps = read_all(path or Path(chosen or PATH))
    if not table:
        return 0
    _memo.update(memo)
    _memo_stamps.update(stamps)
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
    with recording_all() as (table, _, _):
        yield table


@contextmanager
def recording_all() -> Iterator[tuple[Table, Memo, Stamps]]:
    """Every cacheable pattern compiled inside the block, and every answer ``remembered``
    gave, with the stamps of their functions."""
    global _recorded_memo, _recorded_stamps
    table: Table = {}
    memo: Memo = {}
    stamps: Stamps = {}
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
    _recorded_memo, _recorded_stamps = memo, stamps
    try:
        yield table, memo, stamps
    finally:
        _main._compile = original
        _main._MAXCACHE = most
        _recorded_memo = _recorded_stamps = None


def write(
    table: Table, path: Path = PATH, memo: Memo | None = None, stamps: Stamps | None = None
) -> None:
    """Write ``table`` (and the answers ``memo``) to ``path`` whole or not at all (a reader
    never sees half a file)."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_bytes(marshal.dumps((_stamp(), table, memo or {}, stamps or {})))
    partial.replace(path)


def main(argv: list[str]) -> int:
    """``python -m echo_cases.compiled_patterns [OUT]``: record what the de-identifier
    compiles while it loads, in OUT (PATH by default)."""
    out = Path(argv[0]) if argv else PATH
    if "echo_cases.deid" in sys.modules:
        raise RuntimeError("the de-identifier was loaded before recording began")
    os.environ["ECHO_COMPILED_PATTERNS"] = "off"
    # Run as ``-m``, this file is ``__main__``; the de-identifier asks the module it imports.
    from echo_cases import compiled_patterns

    with compiled_patterns.recording_all() as (table, memo, stamps):
        from echo_cases.deid import get_deidentifier

        deidentifier = get_deidentifier()
        for text in WARM_UP:
            deidentifier.analyze(text)
        # A text holding a character full case folding turns into several ("ß") is read
        # with the rules' patterns as written: every one, not only those WARM_UP reaches.
        from echo_cases.deid.recognizers.base import RuleRecognizer, compile_written

        compile_written(
            r
            for recognizer in deidentifier.recognizers
            if isinstance(recognizer, RuleRecognizer)
            for r in recognizer.rules
        )
    write(table, out, memo, stamps)
    print(f"{len(table)} patterns and {len(memo)} answers recorded in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
