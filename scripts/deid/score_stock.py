"""Score stock Presidio on labelled corpora, as a yardstick for our own figures.

usage: python scripts/deid/score_stock.py CORPUS.jsonl [CORPUS.jsonl ...]

Stock Presidio is AnalyzerEngine with its defaults on the same spaCy model as ours
(``benchmarks/deid_speed.py`` builds it, so both yardsticks are the same engine). Its
entity types are mapped to ours; types with no counterpart among the identifiers an
expert must not see (NRP: nationality, religion, politics) are dropped rather than
counted as false alarms. Each corpus is scored by the shared scorer
(``../shared/deid/score.py``) and only aggregates are printed, followed by how many drug,
eponym and acronym mentions stock erased. The model loads once for all corpora.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED_SCORER = ROOT.parent / "shared" / "deid" / "score.py"

# Presidio's default recognizers -> our types; None: not an identifier we redact.
STOCK_TO_OURS: dict[str, str | None] = {
    "PERSON": "PERSON",
    "LOCATION": "LOCATION",
    "DATE_TIME": "DATE",
    "NRP": None,
    "EMAIL_ADDRESS": "CONTACT",
    "PHONE_NUMBER": "CONTACT",
    "URL": "CONTACT",
    "IP_ADDRESS": "ID",
    "CREDIT_CARD": "ID",
    "IBAN_CODE": "ID",
    "CRYPTO": "ID",
    "MEDICAL_LICENSE": "ID",
    "US_SSN": "ID",
    "US_ITIN": "ID",
    "US_PASSPORT": "ID",
    "US_DRIVER_LICENSE": "ID",
    "US_BANK_NUMBER": "ID",
    "UK_NHS": "ID",
}


def read_docs(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def stock_predictions(analyzer: Any, docs: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    preds: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        found = analyzer.analyze(doc["text"], language="en")
        preds[doc["id"]] = [
            {"start": r.start, "end": r.end, "type": ours}
            for r in found
            # An unknown type counts as found: stock said it was personal, we do not judge.
            if (ours := STOCK_TO_OURS.get(r.entity_type, r.entity_type)) is not None
        ]
    return preds


def shared_scorer() -> Any:
    """The shared scorer's module, loaded from its file (it is no package of ours)."""
    spec = importlib.util.spec_from_file_location("shared_score", SHARED_SCORER)
    if spec is None or spec.loader is None:
        raise SystemExit(f"no shared scorer at {SHARED_SCORER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", nargs="+", type=Path)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from benchmarks.deid_speed import make_tldextract_offline, stock_engines
    from echo_cases.deid.evaluation import clinical_mentions_erased

    make_tldextract_offline()
    analyzer = stock_engines()[0]
    scorer = shared_scorer()
    for corpus in args.corpora:
        docs = read_docs(corpus)
        preds = stock_predictions(analyzer, docs)
        print(f"{corpus.name}: {json.dumps(scorer.score(docs, preds))}")
        erased = clinical_mentions_erased(docs, preds)
        print(
            "  erased: "
            + ", ".join(f"{k} {v['erased']}/{v['mentions']}" for k, v in erased.items())
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
