"""A registration's label after a clinician's name: where the name ends.

Brazilian, Peruvian and other councils' numbers follow the name they register, their
label in capitals, often with the state after a hyphen: "Tatiane Lima COREN-SP 12345",
"Dr. Paulo Reis CRM-PE 18.337". The label is no part of the name (the number after it
is an identifier, found by the ID rules), though capitals and a hyphen read like a
double-barrelled surname.
"""

from __future__ import annotations

import regex

from echo_cases.deid import lexicon

# One-word labels of the ID lists (data/words/id_labels/), written in capitals.
_LABELS = frozenset(label.upper() for label in lexicon.ID_LABELS if " " not in label)
_LABEL = regex.compile(r"(?P<label>\p{Lu}{2,8})(?P<state>-\p{Lu}{2})?")
# After the label, its state (when the word ends before the hyphen: "COREN" of
# "COREN-SP", as a tokenizer cuts it) or its number, maybe after "nº", "n.", "#" or ":".
_AFTER = regex.compile(
    r"-\p{Lu}{2}(?![\p{L}\p{M}])|[ \t]*(?:(?i:n[º°o]?)\.?[ \t]*|#[ \t]*|:[ \t]*)?\d"
)


def registration_label_at(text: str, start: int, end: int) -> bool:
    """``text[start:end]``, a word, is a registration's label in capitals, its state after
    a hyphen or its number after it ("COREN-SP", "CRM 52.1234"); a surname that is also a
    label ("Wei PAN", capitals alone) needs one of them."""
    m = _LABEL.fullmatch(text, start, end)
    if m is None or m.group("label") not in _LABELS:
        return False
    return m.group("state") is not None or _AFTER.match(text, end) is not None
