"""Token-level scoring, identical to the shared corpus scorer (score.py).

A token is a run of ``\\w``. A gold identifier token counts as caught only if
every character lies inside some prediction; a predicted non-identifier token
is a false alarm; tokens entirely in "ignore" spans count for nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

TOKEN = re.compile(r"\w+", re.UNICODE)


def _covered_mask(n: int, entities: Iterable[Mapping[str, Any]]) -> bytearray:
    mask = bytearray(n)
    for e in entities:
        s, t = max(0, int(e["start"])), min(n, int(e["end"]))
        mask[s:t] = b"\x01" * max(0, t - s)
    return mask


def score(
    corpus: Sequence[Mapping[str, Any]], preds: Mapping[str, Sequence[Mapping[str, Any]]]
) -> dict[str, Any]:
    """The same dictionary score.py prints, for a corpus and {id: entities}."""
    tp = fn = fp = 0
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    leaky_docs = 0
    missing = 0
    for doc in corpus:
        text = doc["text"]
        if doc["id"] not in preds:
            missing += 1
        pred_mask = _covered_mask(len(text), preds.get(doc["id"], []))
        gold_type: list[str | None] = [None] * len(text)
        for s in doc.get("ignore", []):
            for i in range(s["start"], s["end"]):
                gold_type[i] = "IGNORE"
        for s in doc["spans"]:
            for i in range(s["start"], s["end"]):
                gold_type[i] = s["type"]
        leaked = False
        for m in TOKEN.finditer(text):
            a, b = m.span()
            kinds = {gold_type[i] for i in range(a, b)} - {None}
            caught = all(pred_mask[a:b])
            if kinds == {"IGNORE"}:
                continue
            kinds.discard("IGNORE")
            if kinds:
                kind = sorted(k for k in kinds if k is not None)[0]
                per_type[kind][1] += 1
                if caught:
                    tp += 1
                    per_type[kind][0] += 1
                else:
                    fn += 1
                    leaked = True
            elif any(pred_mask[a:b]):
                fp += 1
        leaky_docs += leaked
    recall = tp / max(1, tp + fn)
    precision = tp / max(1, tp + fp)
    f2 = 5 * precision * recall / max(1e-9, 4 * precision + recall)
    return {
        "docs": len(corpus),
        "missing_predictions": missing,
        "recall": round(recall, 4),
        "precision": round(precision, 4),
        "f2": round(f2, 4),
        "docs_with_leak": leaky_docs,
        "recall_by_type": {k: round(v[0] / max(1, v[1]), 4) for k, v in sorted(per_type.items())},
    }


def clinical_mentions_erased(
    corpus: Sequence[Mapping[str, Any]], preds: Mapping[str, Sequence[Mapping[str, Any]]]
) -> dict[str, dict[str, float]]:
    """How many drug, eponym and acronym mentions outside the gold spans a prediction touched.

    A mention is a drug name or brand (derived.py, the word lists), an eponym or staging
    phrase (keep.py's patterns) or a clinical acronym in capitals; one is erased when any of
    its characters is redacted. Clinical content must survive: the share should be near 0.
    """
    from echo_cases.deid import keep, lexicon
    from echo_cases.deid.derived import is_drug_name

    counts: dict[str, list[int]] = {k: [0, 0] for k in ("drug", "eponym", "acronym")}
    for doc in corpus:
        text = doc["text"]
        gold = _covered_mask(len(text), [*doc["spans"], *doc.get("ignore", [])])
        pred = _covered_mask(len(text), preds.get(doc["id"], []))
        mentions: list[tuple[str, int, int]] = [
            ("eponym", m.start(), m.end()) for m in keep.eponym_phrases(text)
        ]
        for m in TOKEN.finditer(text):
            word = m.group()
            if is_drug_name(word) or word.lower() in lexicon.DRUG_BRANDS:
                mentions.append(("drug", *m.span()))
            elif word.isupper() and len(word) > 1 and word.lower() in lexicon.CLINICAL_ACRONYMS:
                mentions.append(("acronym", *m.span()))
        for kind, a, b in mentions:
            if any(gold[a:b]):
                continue
            counts[kind][1] += 1
            counts[kind][0] += any(pred[a:b])
    return {
        kind: {"mentions": n, "erased": e, "share": round(e / max(1, n), 4)}
        for kind, (e, n) in counts.items()
    }


CASINGS = ("lower", "upper")


def case_variant(corpus: Iterable[Mapping[str, Any]], casing: str) -> list[dict[str, Any]]:
    """The corpus's documents with their text in one casing ("lower" or "upper").

    Hubs receive phone-typed small letters and ALL-CAPS ward and EHR text, so a labelled
    corpus copied into those casings measures what casing alone changes. Gold spans keep
    their offsets, so a document whose length the casing would change ("ß" to "SS", "İ")
    is left out rather than realigned.
    """
    if casing not in CASINGS:
        raise ValueError(f"casing is one of {CASINGS}, not {casing!r}")
    out: list[dict[str, Any]] = []
    for doc in corpus:
        text = str(doc["text"])
        changed = text.lower() if casing == "lower" else text.upper()
        if len(changed) != len(text):
            continue
        out.append({**doc, "id": f"{doc['id']}:{casing}", "text": changed})
    return out
