"""The de-identifying analyzer: Presidio over a lean spaCy pipeline, plus clean-up.

Clean-up after Presidio: weak findings that hit a keep-list span are dropped,
names found once are propagated to their other mentions in the same text, and
overlapping findings are merged so offsets never overlap.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator

import regex
from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts

from echo_cases.deid import keep
from echo_cases.deid.candidates import ner_segments
from echo_cases.deid.entities import ALL_SUBTYPES, entity_type_of
from echo_cases.deid.nlp import MODEL_NAME, EchoSpacyNlpEngine
from echo_cases.deid.recognizers import build_rule_recognizers
from echo_cases.deid.recognizers.ner import NER_SOURCE, EchoSpacyNerRecognizer
from echo_cases.deid.recognizers.persons import NAME_STOP
from echo_cases.deid.types import EntityType, Finding

# Below this a finding is not reported at all.
MIN_SCORE = 0.3
PROPAGATED_SCORE = 0.8
PROPAGATION_SOURCE = "EchoNamePropagation"
_WEAK_SOURCES = frozenset({NER_SOURCE, PROPAGATION_SOURCE})
_NAME_PART = regex.compile(r"[\p{L}\p{M}'\u2019-]{2,}")


def _source(res: RecognizerResult) -> str:
    meta = res.recognition_metadata or {}
    return str(meta.get(RecognizerResult.RECOGNIZER_NAME_KEY, "analyzer"))


class _NoContextEnhancer(ContextAwareEnhancer):
    """Our rules carry their context inside the pattern; Presidio's lemma pass would only cost."""

    def __init__(self) -> None:
        super().__init__(0.0, 0.0, 0, 0)

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        return raw_results


class Deidentifier:
    """Finds identifiers in free text. Build one per process (``get_deidentifier``).

    Two passes: Presidio runs our rule recognizers on the whole text, then
    spaCy's NER runs only on the sentences the rules left with unexplained
    capitalised words (see candidates.py), in one ``nlp.pipe`` per batch.
    """

    def __init__(self, model_name: str = MODEL_NAME) -> None:
        self.nlp_engine = EchoSpacyNlpEngine(model_name)
        self.nlp_engine.load()
        self.ner = EchoSpacyNerRecognizer()
        registry = RecognizerRegistry(
            recognizers=build_rule_recognizers(), supported_languages=["en"]
        )
        self.engine = AnalyzerEngine(
            registry=registry,
            nlp_engine=self.nlp_engine,
            supported_languages=["en"],
            context_aware_enhancer=_NoContextEnhancer(),
        )
        self._entities = [*ALL_SUBTYPES]
        # The rule recognizers read only the text; they need no tokens or entities.
        self._no_nlp = NlpArtifacts(
            entities=[],
            tokens=[],
            tokens_indices=[],
            lemmas=[],
            nlp_engine=self.nlp_engine,
            language="en",
        )

    def analyze(self, text: str) -> list[Finding]:
        """Sorted, non-overlapping findings with offsets into ``text``."""
        return next(self.analyze_many([text], batch_size=1))

    def analyze_many(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[list[Finding]]:
        """Findings for each text, in order; spaCy runs batched (``nlp.pipe``)."""
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) >= batch_size:
                yield from self._analyze_batch(batch, batch_size)
                batch = []
        if batch:
            yield from self._analyze_batch(batch, batch_size)

    def _analyze_batch(self, texts: list[str], batch_size: int) -> Iterator[list[Finding]]:
        results = [self._rules(t) for t in texts]
        segments = [
            (i, a, b)
            for i, text in enumerate(texts)
            for a, b in ner_segments(text, [(r.start, r.end) for r in results[i]])
        ]
        docs = self.nlp_engine.nlp["en"].pipe(
            (texts[i][a:b] for i, a, b in segments), batch_size=batch_size
        )
        for (i, a, _), doc in zip(segments, docs, strict=True):
            results[i].extend(self.ner.from_doc(texts[i], doc, a))
        for text, res in zip(texts, results, strict=True):
            yield self._finish(text, res)

    def _rules(self, text: str) -> list[RecognizerResult]:
        if not text.strip():
            return []
        return self.engine.analyze(
            text,
            language="en",
            entities=self._entities,
            nlp_artifacts=self._no_nlp,
            score_threshold=MIN_SCORE,
        )

    def _finish(self, text: str, results: list[RecognizerResult]) -> list[Finding]:
        results = _drop_protected(text, results)
        results += _propagate_names(text, results)
        return _merge(text, results)


def _drop_protected(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    protected = keep.protected_spans(text)
    kept = []
    for res in results:
        if _source(res) in _WEAK_SOURCES:
            if keep.is_protected_value(text[res.start : res.end]):
                continue
            if any(s < res.end and res.start < e for s, e in protected):
                continue
        kept.append(res)
    return kept


def _propagate_names(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """A name part seen once ("Philip Clarke") is redacted wherever else it appears ("Philip")."""
    parts: dict[str, str] = {}
    for res in sorted(results, key=lambda r: -r.score):
        if entity_type_of(res.entity_type) is not EntityType.PERSON:
            continue
        # A one-word guess of the statistical model is too weak to spread.
        if _source(res) == NER_SOURCE and " " not in text[res.start : res.end].strip():
            continue
        for m in _NAME_PART.finditer(text, res.start, res.end):
            word = m.group()
            if word[0].isupper() and word.lower() not in NAME_STOP:
                parts.setdefault(word, res.entity_type)
    if not parts:
        return []
    protected = keep.protected_spans(text)
    found = []
    for m in _NAME_PART.finditer(text):
        word = m.group()
        end = m.end()
        if word not in parts and word.endswith(("'s", "\u2019s")):
            word, end = word[:-2], end - 2  # "Philip's" is a mention of Philip
        subtype = parts.get(word)
        if subtype is None or any(s < end and m.start() < e for s, e in protected):
            continue
        found.append(
            RecognizerResult(
                subtype,
                m.start(),
                end,
                PROPAGATED_SCORE,
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: PROPAGATION_SOURCE},
            )
        )
    return found


def _merge(text: str, results: list[RecognizerResult]) -> list[Finding]:
    """Union overlapping findings; the merged span takes the type of its best member."""
    ordered = sorted(results, key=lambda r: (r.start, -r.end))
    findings: list[Finding] = []
    group: list[RecognizerResult] = []
    group_end = -1

    def flush() -> None:
        if not group:
            return
        best = max(group, key=lambda r: (r.score, r.end - r.start))
        start = min(r.start for r in group)
        end = max(r.end for r in group)
        findings.append(
            Finding(
                start=start,
                end=end,
                entity_type=entity_type_of(best.entity_type),
                score=round(float(best.score), 4),
                subtype=best.entity_type,
                source=_source(best),
            )
        )

    for res in ordered:
        if res.end <= res.start:
            continue
        if group and res.start < group_end:
            group.append(res)
            group_end = max(group_end, res.end)
            continue
        flush()
        group = [res]
        group_end = res.end
    flush()
    return findings


_instance: Deidentifier | None = None
_lock = threading.Lock()


def get_deidentifier() -> Deidentifier:
    """The process-wide Deidentifier, loaded on first use (thread-safe)."""
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = Deidentifier()
    return _instance


def is_ready() -> bool:
    """True once the model is loaded; never triggers a load."""
    return _instance is not None
