"""Presidio's analyzer imported without its predefined recognizers.

``import presidio_analyzer`` imports every recognizer Presidio ships (phone numbers by
``phonenumbers``, e-mail domains by ``tldextract`` and ``requests``, some forty
countries' identifiers): a fifth of a second of CPU at every start of ``echo-cases deid``,
for recognizers the de-identifier never runs (it has its own; ``analyzer.py``). Only its
registry needs three of them, the recognizers of an NLP engine, at import.

While ``presidio_analyzer`` is imported, its ``predefined_recognizers`` is a shell that
gives those three from their own module; the shell is gone after, so that importing
``presidio_analyzer.predefined_recognizers`` still gives the real package, the very
classes the registry holds. Stock Presidio finds its recognizers as the subclasses of
``EntityRecognizer``: before it looks, the real package is imported (an AnalyzerEngine
in the same process loads every recognizer it always did; tests/deid/test_start_s10.py).
One trace is left: imported by hand after the de-identifier, the real package lacks the
attribute ``nlp_engine_recognizers`` until Presidio has looked (``import ... as`` and
``from ... import`` find it still).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from pathlib import Path
from typing import Any

_PACKAGE = "presidio_analyzer.predefined_recognizers"
_ENGINE_RECOGNIZERS = f"{_PACKAGE}.nlp_engine_recognizers"


def import_presidio_analyzer() -> None:
    """Import ``presidio_analyzer`` (once), its predefined recognizers left for later."""
    if "presidio_analyzer" in sys.modules:
        return
    spec = importlib.util.find_spec("presidio_analyzer")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("presidio_analyzer")
    shell = types.ModuleType(_PACKAGE)
    shell.__path__ = [str(Path(spec.origin).parent / "predefined_recognizers")]

    def engine_recognizer(name: str) -> Any:
        return getattr(importlib.import_module(_ENGINE_RECOGNIZERS), name)

    shell.__getattr__ = engine_recognizer  # type: ignore[method-assign]
    sys.modules[_PACKAGE] = shell
    try:
        import presidio_analyzer
        from presidio_analyzer.recognizer_registry.recognizers_loader_utils import (
            RecognizerListLoader,
        )
    finally:
        del sys.modules[_PACKAGE]
        if getattr(sys.modules.get("presidio_analyzer"), "predefined_recognizers", None) is shell:
            del presidio_analyzer.predefined_recognizers
    _import_before_looking(RecognizerListLoader)


def _import_before_looking(loader: Any) -> None:
    existing = loader.get_all_existing_recognizers

    def get_all_existing_recognizers(cls: Any = None) -> Any:
        if _PACKAGE not in sys.modules:
            package = importlib.import_module(_PACKAGE)
            # Imported under the shell, the engines' recognizers are not yet its attribute.
            package.nlp_engine_recognizers = sys.modules[_ENGINE_RECOGNIZERS]  # type: ignore[attr-defined]
        return existing(cls)

    loader.get_all_existing_recognizers = staticmethod(get_all_existing_recognizers)
