"""spaCy's stop words of other languages than English, without loading those languages.

``import spacy.lang.es.stop_words`` runs ``spacy/lang/es/__init__.py`` first, which
builds the language's tokenizer exceptions, punctuation and lemmatizer: for the six
languages whose stop words end a settlement's name (landmarks.py) a tenth of a second of
CPU on the first such note, of which the words are a hundredth. The ``stop_words.py``
file of a language holds the words alone (``STOP_WORDS = set(...)``, nothing imported),
so it is run by itself; a file that imports anything is imported as before.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
from pathlib import Path


@functools.cache
def spacy_stop_words(lang: str) -> frozenset[str]:
    """``spacy.lang.<lang>.stop_words.STOP_WORDS``, the same words."""
    path = _spacy_lang_dir() / lang / "stop_words.py"
    source = path.read_text(encoding="utf-8")
    if any(line.startswith(("import ", "from ")) for line in source.splitlines()):
        module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
        return frozenset(module.STOP_WORDS)
    spec = importlib.util.spec_from_file_location(f"_echo_stop_words_{lang}", path)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"spaCy has no stop words for {lang!r}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


def _spacy_lang_dir() -> Path:
    # Found, not imported: importing spacy.lang is cheap, but its path is all we need.
    spec = importlib.util.find_spec("spacy.lang")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("spacy is not installed")
    return Path(next(iter(spec.submodule_search_locations)))
