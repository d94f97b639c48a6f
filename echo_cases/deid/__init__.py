"""De-identification of clinical case text (no Flask here; plain Python)."""

# ruff: noqa: E402 (two settings must come before the imports they affect)

import os
import sys
import types

# The model's matrices are small (a text's tokens by 64 to 256): BLAS threads would spin
# more CPU than they save, and one thread lets nlp.py hand the products to numpy's
# OpenBLAS. Read when numpy loads, so only said before then, and never over a choice
# already made in the environment.
if "numpy" not in sys.modules:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# spaCy's package imports its command line, with typer and every command's module, for
# ``spacy.info`` alone: a tenth of a second of CPU at every start. While spaCy is imported
# its ``cli.info`` is a stand-in whose ``info`` imports the real one when called; the
# stand-in is gone after, so that ``import spacy.cli`` still gives the real command line.
if "spacy" not in sys.modules:

    def _spacy_info(*args: object, **kwargs: object) -> object:
        from spacy.cli.info import info

        return info(*args, **kwargs)

    _stand_in = types.ModuleType("spacy.cli.info")
    _stand_in.info = _spacy_info  # type: ignore[attr-defined]
    sys.modules["spacy.cli.info"] = _stand_in
    try:
        import spacy  # noqa: F401
    finally:
        del sys.modules["spacy.cli.info"]

# Before any rule is compiled, Presidio's included (echo_cases/compiled_patterns.py).
from echo_cases import compiled_patterns

compiled_patterns.install()

# Presidio without the recognizers it ships, which the de-identifier never runs.
from echo_cases.deid.presidio_import import import_presidio_analyzer

import_presidio_analyzer()

from echo_cases.deid.analyzer import Deidentifier, get_deidentifier, is_ready
from echo_cases.deid.anonymizer import redact_fields
from echo_cases.deid.case_dates import SHIFTED_MARK, CaseDates, DateDisplay
from echo_cases.deid.date_reading import DateOrder, order_for_locale
from echo_cases.deid.kinds import KINDS, kind_in_placeholder, kind_of, kind_word, settle_kinds
from echo_cases.deid.merging import merge_findings
from echo_cases.deid.types import (
    HIGH_CONFIDENCE,
    EntityType,
    Finding,
    RedactionResult,
    Replacement,
)

__all__ = [
    "HIGH_CONFIDENCE",
    "KINDS",
    "SHIFTED_MARK",
    "CaseDates",
    "DateDisplay",
    "DateOrder",
    "Deidentifier",
    "EntityType",
    "Finding",
    "RedactionResult",
    "Replacement",
    "get_deidentifier",
    "is_ready",
    "kind_in_placeholder",
    "kind_of",
    "kind_word",
    "merge_findings",
    "order_for_locale",
    "redact_fields",
    "settle_kinds",
]
