"""The de-identifying analyzer: Presidio's rules and our trained spaCy model, plus clean-up.

Clean-up after both: weak findings that hit a keep-list span are dropped,
names found once are propagated to their other mentions in the same text, and
overlapping findings are merged so offsets never overlap.
"""

from __future__ import annotations

import itertools
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.tokens import Doc

from echo_cases.deid import frequency, keep, lexicon, postcode_shapes, wordlists
from echo_cases.deid.address_lines import STREET_SUBTYPES, address_lines
from echo_cases.deid.candidates import (
    assigned_names,
    cued_names,
    facility_short_forms_after_at,
    family_name_first,
    grow_over_small_given_names,
    guesses,
    is_clinical_word,
    is_function_word,
    is_listed_name,
    is_ordinary_word,
    is_ordinary_word_of_nobody,
    lines_are_caseless,
    listed_with_names,
    names_before_a_person_noun,
    ordinary_words_without_case,
    patients_before_age,
    patients_opening_a_message,
    readers_opening_a_paragraph,
    speakers_opening_a_line,
    writers_below_a_closing,
)
from echo_cases.deid.credited_names import names_before_credentials
from echo_cases.deid.datelines import dateline_places
from echo_cases.deid.derived import is_person_name
from echo_cases.deid.entities import ALL_SUBTYPES, entity_type_of
from echo_cases.deid.facility_joins import (
    facilities_named_for_titled_people,
    join_facility_halves,
)
from echo_cases.deid.foreign_script import foreign_script_runs
from echo_cases.deid.gazetteer import after_nearest_copula, known_places
from echo_cases.deid.id_shapes import same_format_numbers
from echo_cases.deid.keep import names_a_region
from echo_cases.deid.landmarks import is_bare_unit_word
from echo_cases.deid.mail_headers import readers_the_header_names
from echo_cases.deid.merging import merge_findings
from echo_cases.deid.nlp import (
    MODEL_PATH,
    Annotator,
    EchoSpacyNlpEngine,
    Entity,
    Reading,
    entities_of,
    load_model,
    reading_of,
)
from echo_cases.deid.note_languages import (
    is_everyday_talk,
    is_listed_talk,
    is_very_common_talk,
    without_everyday_talk,
    without_plain_edges,
)
from echo_cases.deid.place_growth import grow_places
from echo_cases.deid.recasing import recasing_of_setting
from echo_cases.deid.recognizers import build_rule_recognizers, learned
from echo_cases.deid.recognizers.dates import extend_dates
from echo_cases.deid.recognizers.fragments import LEAD, PARTICLE, YEARS_OF_AGE, alternation
from echo_cases.deid.recognizers.learned import LEARNED_SOURCE
from echo_cases.deid.recognizers.locations import (
    ADDRESS_UNIT_AFTER,
    DWELLING_UNIT,
    ENTRANCE_AFTER_HOUSE_NUMBER,
    UNIT_ALONE,
)
from echo_cases.deid.recognizers.persons import (
    NAME_STOP,
    PARTICLES,
    PERSON_FIELD_BEFORE,
    after_a_kinship_word,
    extend_short_given_names,
)
from echo_cases.deid.second_model import ADDED_KINDS as SECOND_MODEL_KINDS
from echo_cases.deid.second_model import beside_the_first as second_beside_the_first
from echo_cases.deid.second_model import guess_margin as second_guess_margin
from echo_cases.deid.second_model import held_to_the_rules, worth_a_guess
from echo_cases.deid.second_model import reads as second_model_reads
from echo_cases.deid.second_model import second_model_path as _second_model_setting
from echo_cases.deid.small_letter_towns import towns_after_small_letter_streets
from echo_cases.deid.staff_names import staff_after_roles
from echo_cases.deid.types import EntityType, Finding
from echo_cases.deid.vocabulary import is_common_word, is_known_word
from echo_cases.deid.ward_name_tails import names_without_tails

# Below this a finding is not reported at all.
MIN_SCORE = 0.3
PROPAGATED_SCORE = 0.8
PROPAGATION_SOURCE = "EchoNamePropagation"
# A capitalised unknown word mid-sentence that neither rules nor the model explained:
# likely a name the model missed; low score so that a reviewer sees it as a guess.
UNEXPLAINED_SOURCE = "EchoUnexplainedWord"
UNEXPLAINED_SCORE = 0.35
# A name after a cue ("please call Fern") that the rules' stricter patterns refused.
CUED_SOURCE = "EchoCuedName"
CUED_SCORE = 0.5
# The place of a letter's dateline ("Abidjan, le 19 novembre 2024", datelines.py), at
# the score of a known place: read where a place sits, as one is.
DATELINE_SOURCE = "EchoDatelinePlace"
# A family name holding a word of the ward, set apart in capitals in a line of small
# letters before "lady", "man" ("the ELK SHOULDER lady"): candidates has judged its words
# already, so the keep-list's reading of such words as the ward's ("WEIGHT GAIN") does not
# apply.
SET_APART_SOURCE = "EchoSetApartName"
# A member of the care team between a role and an act on the ward ("pa cross at bedside"):
# staff_names.py has judged the words, and a surname the clinic also writes stays a name.
STAFF_SOURCE = "EchoStaffAfterRole"
# The lines under a street address (address_lines.py): the town, postcode and country.
ADDRESS_LINE_SOURCE = "EchoAddressLines"
ADDRESS_LINE_SCORE = 0.6
# A city or town of GeoNames where a place can sit (gazetteer.py): a known place, not a
# guess, but found by its name alone, so it yields to the keep-list like the model.
GAZETTEER_SOURCE = "EchoKnownPlace"
GAZETTEER_SCORE = 0.6
# "the nearest radiotherapy is Accra": the sentence says a place comes, so the town is
# surer than the model's guess of a person by the same word.
GAZETTEER_SAID_SCORE = 0.65
_WEAK_SOURCES = frozenset(
    {LEARNED_SOURCE, PROPAGATION_SOURCE, UNEXPLAINED_SOURCE, CUED_SOURCE, GAZETTEER_SOURCE}
)
_NAME_PART = regex.compile(r"[\p{L}\p{M}'\u2019-]{2,}")


def _source(res: RecognizerResult) -> str:
    meta = res.recognition_metadata or {}
    return str(meta.get(RecognizerResult.RECOGNIZER_NAME_KEY, "analyzer"))


class Deidentifier:
    """Finds identifiers in free text. Build one per process (``get_deidentifier``).

    Presidio runs our rule recognizers (shaped and cued identifiers) on the whole text;
    the trained model (recognizers/learned.py) reads every text too, in one
    ``nlp.pipe`` per batch; what both leave unexplained may still be proposed as a
    low-score guess (candidates.py).
    """

    def __init__(
        self, model_path: Path = MODEL_PATH, second_model_path: Path | str | None = "setting"
    ) -> None:
        self.nlp_engine = EchoSpacyNlpEngine(model_path)
        self.nlp_engine.load()
        self._annotator = Annotator(self.nlp_engine.nlp["en"], recasing_of_setting())
        # A second model whose entities are added to the first's (second_model.py); by
        # default as ECHO_DEID_SECOND_MODEL says.
        second = _second_model_setting() if second_model_path == "setting" else second_model_path
        self._second: Annotator | None = (
            None
            if second is None
            else Annotator(
                load_model(Path(second), self.nlp_engine.nlp["en"].vocab),
                guess_margin=second_guess_margin(),
            )
        )
        frequency.load()
        # The rule recognizers are called directly rather than through Presidio's
        # AnalyzerEngine: per text, the engine would look its recognizers up again, run a
        # context pass our rules do not use (they carry their context in the pattern) and
        # regroup the results, a sizeable share of a short text's time. What it does that
        # matters is kept in ``_rules``: the score threshold and its de-duplication.
        self.recognizers: list[EntityRecognizer] = build_rule_recognizers()
        self._entities = [*ALL_SUBTYPES]
        self._nlp_lock = threading.Lock()
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

    def analyze_fields(self, fields: Mapping[str, str]) -> dict[str, list[Finding]]:
        """Findings for every field of one case; what is found in one field is found in all.

        A name spreads by its parts ("Patient: Grace Atieno" in the summary makes "Grace" in
        the question a finding too), and so, at its own low score, does a one-word guess;
        a place, number or contact spreads by its whole text, capitals or not. What is found
        only because it was found elsewhere in the case has the source CASE_SOURCE.
        """
        texts = list(fields.values())
        raw = self._raw_batch(texts, batch_size=max(1, len(texts)))
        own = [_name_parts(text, results) for text, results in zip(texts, raw, strict=True)]
        # Each field as analyze() sees it, then what the rest of the case adds.
        alone = [
            _merge(text, results + _find_name_parts(text, mine))
            for text, results, mine in zip(texts, raw, own, strict=True)
        ]
        parts: dict[str, tuple[str, float]] = {}
        for found in own:
            for word, kind in found.items():
                parts.setdefault(word, kind)
        mentions = _case_mentions(zip(texts, alone, strict=True))
        analysed = {}
        for name, text, mine, found in zip(fields, texts, own, alone, strict=True):
            theirs = {word: kind for word, kind in parts.items() if word not in mine}
            elsewhere = [
                *_find_name_parts(text, theirs, source=CASE_SOURCE),
                *_find_case_mentions(text, mentions),
            ]
            analysed[name] = merge_findings(text, [*found, *_findings(elsewhere)])
        return analysed

    def _analyze_batch(self, texts: list[str], batch_size: int) -> Iterator[list[Finding]]:
        for text, results in zip(texts, self._raw_batch(texts, batch_size), strict=True):
            parts = _name_parts(text, results)
            yield _merge(text, results + _find_name_parts(text, parts))

    def _raw_batch(self, texts: list[str], batch_size: int) -> list[list[RecognizerResult]]:
        """Rule and model results per text, keep-list applied, before propagation and merging."""
        results = [self._rules(t) for t in texts]
        # spaCy pipelines are not documented as thread-safe; one caller at a time.
        with self._nlp_lock:
            docs, seconds = self._models(texts, batch_size)
        for text, found, doc, second in zip(texts, results, docs, seconds, strict=True):
            # Everyday words of a language the note switches into are talk, not names.
            tails: list[tuple[int, int]] = []
            identifiers = [
                (r.start, r.end) for r in found if entity_type_of(r.entity_type) is EntityType.ID
            ]
            guessed: list[RecognizerResult] = []
            found.extend(
                _without_talk(text, _learned(text, doc, second, identifiers, guessed), tails)
            )
            covered = [(r.start, r.end) for r in found]
            cued = [
                (s, e)
                for s, e in (
                    _without_plain_words(text, *without_everyday_talk(text, *se), tails)
                    for se in cued_names(text, covered)
                )
                if e > s and not is_everyday_talk(text, s, e)
            ]
            # A word of a tail cut off as talk is no name to guess again ("usiku", night).
            found.extend(
                _guess("PERSON", s, e)
                for s, e in guesses(text, covered)
                if not is_everyday_talk(text, s, e) and not any(a <= s and e <= b for a, b in tails)
            )
            found.extend(_guess(kind, s, e) for s, e, kind in foreign_script_runs(text))
            found.extend(
                _guess("CITY", s, e, _known_place_score(text, s), GAZETTEER_SOURCE)
                for s, e in known_places(text)
                if not is_everyday_talk(text, s, e)
            )
            found.extend(
                _guess("PERSON", s, e, CUED_SCORE, CUED_SOURCE)
                for s, e in (
                    *cued,
                    *family_name_first(text, covered),
                    *assigned_names(text, covered),
                    *patients_before_age(text, covered),
                    *patients_opening_a_message(text, covered),
                    *speakers_opening_a_line(text, covered),
                    *writers_below_a_closing(text, covered),
                    *readers_opening_a_paragraph(text, covered),
                    *names_before_credentials(text, covered),
                    *readers_the_header_names(text, covered),
                )
            )
            found.extend(
                _guess("PERSON", s, e, CUED_SCORE, STAFF_SOURCE) for s, e in staff_after_roles(text)
            )
            set_apart = names_before_a_person_noun(text, covered)
            found.extend(
                _guess("PERSON", s, e, CUED_SCORE, CUED_SOURCE) for s, e in set_apart.names
            )
            found.extend(
                _guess("PERSON", s, e, CUED_SCORE, SET_APART_SOURCE)
                for s, e in set_apart.of_ward_words
            )
            persons = [
                (r.start, r.end)
                for r in found
                if entity_type_of(r.entity_type) is EntityType.PERSON
            ]
            covered = [(r.start, r.end) for r in found]
            found.extend(
                _guess("PERSON", s, e, CUED_SCORE, CUED_SOURCE)
                for s, e in listed_with_names(text, persons, covered)
            )
            found.extend(
                _guess("FACILITY", s, e, CUED_SCORE, CUED_SOURCE)
                for s, e in _workplaces_after_names(text, persons)
            )
            found.extend(
                _guess("FACILITY", s, e, CUED_SCORE, CUED_SOURCE)
                for s, e in facility_short_forms_after_at(text, covered)
                if not is_everyday_talk(text, s, e)
            )
            streets = [(r.start, r.end) for r in found if r.entity_type in STREET_SUBTYPES]
            found.extend(
                _guess("ADDRESS", s, e, ADDRESS_LINE_SCORE, ADDRESS_LINE_SOURCE)
                for s, e in address_lines(text, streets)
            )
            found.extend(_gaps_filled(text, _without_talk(text, guessed, []), found))
            _titles_out_of_names(text, found)
            _extend_names(text, found)
            _married_names(text, found)
            _names_on_over_particles(text, found)
            _whole_hyphenated_words(text, found)
            _units_after_addresses(text, found)
            _postcodes_after_region_codes(text, found)
            _towns_in_capitals_after_streets(text, found)
            _house_numbers_before_postcode_lines(text, found)
            _postcodes_and_towns_after_streets(text, found)
            _towns_ending_street_lines(text, found)
            _towns_after_small_letter_streets(text, found)
            _gaps_in_addresses(text, found)
            grow_places(text, found)
            facilities_named_for_titled_people(text, found)
            join_facility_halves(text, found)
            extend_dates(text, found)
            covered = [(r.start, r.end) for r in found]
            found.extend(
                _guess("CITY", s, e, GAZETTEER_SCORE, DATELINE_SOURCE)
                for s, e in dateline_places(text, found)
                if not any(a < e and s < b for a, b in covered)
            )
            extend_short_given_names(text, found)
            _grow_small_names(text, found)
            _initials_between_names(text, found)
            _nicknames_in_names(text, found)
            _names_to_the_end_of_their_field(text, found)
            _letters_opening_ids(text, found)
            ids = [
                (r.start, r.end) for r in found if entity_type_of(r.entity_type) is EntityType.ID
            ]
            if ids:
                covered = [(r.start, r.end) for r in found]
                found.extend(
                    _guess("ID", s, e, CUED_SCORE, CUED_SOURCE)
                    for s, e in same_format_numbers(text, ids, covered)
                )
        kept = [_drop_protected(t, r) for t, r in zip(texts, results, strict=True)]
        for text, found in zip(texts, kept, strict=True):
            # After the keep-list, which reads a name with its tail whole ("STRONG COUGH").
            names_without_tails(text, found)
        return kept

    def _models(self, texts: list[str], batch_size: int) -> tuple[list[Doc], list[Reading | None]]:
        """The first model's Doc of each text, and the second model's reading of it (None
        where the second model does not read the text)."""
        # Which texts it reads is second_model.py's to say.
        read = (
            []
            if self._second is None
            else [i for i, text in enumerate(texts) if second_model_reads(text)]
        )
        seconds: list[Reading | None] = [None] * len(texts)
        if len(texts) == 1:
            # One text (the app's case) spares nlp.pipe's batching (nlp.py, Annotator).
            if self._second is None or not read:
                return [self._annotator.annotate(texts[0])], seconds
            doc, seconds[0] = self._annotator.annotate_with(texts[0], self._second)
            return [doc], seconds
        docs = self._annotator.pipe(texts, batch_size)
        if self._second is None or not read:
            return docs, seconds
        if len(read) == 1:
            seconds[read[0]] = reading_of(self._second.annotate_tokens(docs[read[0]]))
            return docs, seconds
        piped = self._second.pipe_tokens([docs[i] for i in read], batch_size)
        for i, second_doc in zip(read, piped, strict=True):
            seconds[i] = reading_of(second_doc)
        return docs, seconds

    def _rules(self, text: str) -> list[RecognizerResult]:
        if not text.strip():
            return []
        found: list[RecognizerResult] = []
        for recognizer in self.recognizers:
            found += recognizer.analyze(text, self._entities, self._no_nlp)
        # As AnalyzerEngine.analyze: drop weak results, then duplicates and contained spans.
        return EntityRecognizer.remove_duplicates([r for r in found if r.score >= MIN_SCORE])


# A surname written apart from the given names a rule or the model found: "Sokolova Anna
# Petrovna" (surname first), "MWANGI, Peter Kamau" (surname in capitals, then a comma).
_WORD_BEFORE = regex.compile(
    r"(?<![\w'\u2019-])(?P<w>\p{Lu}[\p{L}\p{M}'\u2019-]*\p{Ll}[\p{L}\p{M}'\u2019-]*|\p{Lu}{3,})"
    r"(?P<sep>[ \t]|,[ \t]+)$"
)
_WORD_AFTER = regex.compile(
    r"[ \t](?P<w>\p{Lu}[\p{L}\p{M}'\u2019-]*\p{Ll}[\p{L}\p{M}'\u2019-]*)(?![\w'\u2019-])"
)


# A greeting opens a name and is none ("Hello Brian"), though no word list holds "hello".
_GREETINGS = frozenset(wordlists.words("greetings"))


def _surname_like(word: str) -> bool:
    low = word.lower()
    return not (
        is_known_word(word)
        or low in _GREETINGS
        or low in NAME_STOP
        or low in lexicon.CLINICAL_ACRONYMS
        or low in lexicon.SERVICE_ACRONYMS
        or low in lexicon.NON_IDENTIFYING_PLACES
    )


def _name_beside(word: str) -> bool:
    """An unknown word, or a name that is a word but no common one ("Jones", "Cleopatra"),
    beside a person: the rest of the name ("Amy Jones"); never a verb opening an instruction
    ("Invite Grace Wanjiru Otieno"), a list no name list knows, nor one opening a sentence
    before where somebody lives ("Resides Kayenta")."""
    if word.lower() in learned.INSTRUCTION_VERBS or word.lower() in learned.VERBS_BEFORE_PLACES:
        return False
    if _surname_like(word):
        return True
    return (is_person_name(word) or is_listed_name(word)) and not (
        is_common_word(word) or word.lower() in _GREETINGS or word.lower() in NAME_STOP
    )


# A title that is also a given name ("Dona", "Baba") announces the name after it and is
# none of it ("Dona Maria Aparecida", "Baba Otieno"); those titles that are redacted with
# the name ("Sister", "Chief": data/words/given_name_titles/) are still grown over.
_GIVEN_NAME_TITLES = frozenset(t.lower() for t in lexicon.GIVEN_NAME_TITLES)


def _title_of_address(word: str) -> bool:
    low = word.lower().rstrip(".")
    return low in lexicon.TITLE_WORDS and low not in _GIVEN_NAME_TITLES


# A title's word with its dot and the space after it: "Fru ", "Dott. ", "пан ".
_TITLE_THEN_SPACE = regex.compile(r"(?P<w>[\p{L}\p{M}][\p{L}\p{M}.-]*)[ \t]+")


def _a_name(word: str) -> bool:
    return is_person_name(word) or is_listed_name(word)


def _titles_out_of_names(text: str, results: list[RecognizerResult]) -> None:
    """Start each person finding after the titles of address that open it: a title stays
    outside the name ("Fru [Ingrid Dahl]", "proua [Kristi Luts]") when the model's place or
    a guess over unknown words took it in with the name a rule found. Not a title that is
    somebody's name too ("Bibi Gul": a given name as much as a title)."""
    for res in results:
        if entity_type_of(res.entity_type) is not EntityType.PERSON:
            continue
        while (m := _TITLE_THEN_SPACE.match(text, res.start, res.end)) and m.end() < res.end:
            word = m.group("w")
            if not _title_of_address(word) or _a_name(word.rstrip(".")):
                break
            res.start = m.end()


def _extend_names(text: str, results: list[RecognizerResult]) -> None:
    """Grow each person finding, guesses too, by one capitalised word on either side that
    is unknown or a name."""
    for res in results:
        if entity_type_of(res.entity_type) is not EntityType.PERSON:
            continue
        # A one-word guess grows too ("Amy" of "Amy Jones", the model silent on both).
        if res.score < 0.5 and _source(res) != UNEXPLAINED_SOURCE:
            continue
        before = _WORD_BEFORE.search(text, max(0, res.start - 40), res.start)
        # Capitals only count before a comma ("MWANGI, Peter"), words before a space.
        if (
            before
            and _name_beside(before.group("w"))
            and not _title_of_address(before.group("w"))
            and before.group("w").isupper() == ("," in before.group("sep"))
        ):
            res.start = before.start("w")
        after = _WORD_AFTER.match(text, res.end)
        if after and _name_beside(after.group("w")):
            res.end = after.end("w")


# A name never ends on one of its particles ("Khadijetou Mint Ahmed", "MARIEM MINT ELY
# SALEM", "sidi ould bebbah"): a person of two words or more found up to "mint", "ould",
# "bin" or "van" goes on over the word after it, in any case, unless that word is a
# function word, a clinical word or a stop of names ("Omar bin Said", never "Joost van
# is late"). Particles of two letters ("de", "da", "al") are other languages' words too
# and are left to the married names and the model.
_LONG_PARTICLES = frozenset(p.lower() for p in PARTICLES if len(p) >= 3)
_LAST_WORD = regex.compile(r"(?:^|(?<=[ \t]))(?P<w>\p{L}+)\Z")
_ANY_WORD_AFTER = regex.compile(r"[ \t]+(?P<w>\p{L}[\p{L}\p{M}'\u2019-]*)(?![\w'\u2019-])")


def _names_on_over_particles(text: str, results: list[RecognizerResult]) -> None:
    for res in results:
        if entity_type_of(res.entity_type) is not EntityType.PERSON:
            continue
        last = _LAST_WORD.search(text, res.start, res.end)
        # The particle joins two names: one stands before it ("Mint leaves" is no name).
        if (
            last is None
            or last.start() == res.start
            or last.group("w").lower() not in _LONG_PARTICLES
        ):
            continue
        after = _ANY_WORD_AFTER.match(text, res.end)
        if after is None:
            continue
        word = after.group("w")
        if not (is_function_word(word) or is_clinical_word(word) or word.lower() in NAME_STOP):
            res.end = after.end("w")


# A married name's joining words then the husband's surname, after a woman's name found
# ("HERNÁNDEZ DE LÓPEZ", "rivas vda. de castro"); the model often stops at "de", or before.
_MARRIED_PARTICLE = alternation(wordlists.words("married_name_particles"))
_MARRIED_SURNAME = regex.compile(
    rf"[ \t]+(?i:{_MARRIED_PARTICLE})[ \t]+(?P<w>[\p{{L}}\p{{M}}][\p{{L}}\p{{M}}'\u2019-]*)"
    r"(?![\w'\u2019-])"
)
_SURNAME_AFTER_PARTICLE = regex.compile(
    r"[ \t]+(?P<w>[\p{L}\p{M}][\p{L}\p{M}'\u2019-]*)(?![\w'\u2019-])"
)
_DUTIES_AFTER_DE = frozenset(wordlists.words("duties_after_de"))
_ENDS_IN_A_MARRIED_PARTICLE = regex.compile(rf"[ \t](?i:{_MARRIED_PARTICLE})\Z")
# The model may stop inside the joining words too: "rosa cruz vda" of "... vda. de mejía".
_MARRIED_PARTICLE_OPENERS = alternation(
    {p.split()[0].rstrip(".") for p in wordlists.words("married_name_particles") if " " in p}
)
_ENDS_INSIDE_A_MARRIED_PARTICLE = regex.compile(rf"[ \t](?i:{_MARRIED_PARTICLE_OPENERS})\Z")


def _married_names(text: str, results: list[RecognizerResult]) -> None:
    """Grow a person found over her husband's surname after "de", "vda. de" ("Ana Gloria
    Hernández de López", "MARTA RIVAS DE CASTRO", "rivas viuda de castro") when that word is
    a name or no known word: "de 59 años", "de la consulta" stay outside. Only a finding of
    two words at least: a married name follows a given name and a surname."""
    for res in results:
        if entity_type_of(res.entity_type) is not EntityType.PERSON:
            continue
        span = text[res.start : res.end]
        if len(span.split()) < 2:
            continue
        inside = _ENDS_INSIDE_A_MARRIED_PARTICLE.search(span)
        if _ENDS_IN_A_MARRIED_PARTICLE.search(span):
            after = _SURNAME_AFTER_PARTICLE.match(text, res.end)
        elif inside:
            after = _MARRIED_SURNAME.match(text, res.start + inside.start())
        else:
            after = _MARRIED_SURNAME.match(text, res.end)
        if after is None:
            continue
        word = after.group("w")
        if word.lower() in NAME_STOP or word.lower() in _DUTIES_AFTER_DE:
            continue
        if not _name_beside(word.capitalize()):
            continue
        if not lines_are_caseless(text, res.start, res.end):
            if not word[0].isupper():
                continue  # "Juan Pérez de alta": with case, a surname has its capital
        elif not is_person_name(word) or frequency.is_very_common_word(word):
            continue  # "JUAN PÉREZ DE ALTA": without case, only a name, and no common word
        res.end = after.end("w")


def _grow_small_names(text: str, results: list[RecognizerResult]) -> None:
    persons = [r for r in results if entity_type_of(r.entity_type) is EntityType.PERSON]
    starts = grow_over_small_given_names(text, [(r.start, r.end) for r in persons])
    for res, start in zip(persons, starts, strict=True):
        res.start = start


# One letter, with or without its dot, between a person and the next name is a middle
# initial ("Juliusz A Kwiatkowski", "leidy t muris"; the model may read the surname as a
# place), unless it is a word of one letter ("María y Juan"; data/words/one_letter_words.txt).
_ONE_LETTER_WORDS = frozenset(wordlists.words("one_letter_words"))
_LETTER_BETWEEN = regex.compile(r"[ \t]+(?P<x>\p{L}\.?)[ \t]+")


# A particle that opens a surname, between a person and the next name the model found, is
# the surname's ("Sanne de Vries", "Joana dos Santos": the model may read the surname as a
# place); not before a place a rule or the gazetteer knows ("Maria de Lima": from Lima).
_PARTICLES_BETWEEN = regex.compile(rf"[ \t]+(?=\p{{Ll}})(?P<x>{LEAD})")


def _initials_between_names(text: str, results: list[RecognizerResult]) -> None:
    kinds = (EntityType.PERSON, EntityType.LOCATION)
    names = sorted(
        (r for r in results if entity_type_of(r.entity_type) in kinds), key=lambda r: r.start
    )
    for first, second in itertools.pairwise(names):
        if entity_type_of(first.entity_type) is not EntityType.PERSON:
            continue
        gap = _LETTER_BETWEEN.fullmatch(text, first.end, second.start)
        if gap and gap.group("x").rstrip(".") not in _ONE_LETTER_WORDS:
            first.end = gap.end("x")
            continue
        particles = _PARTICLES_BETWEEN.fullmatch(text, first.end, second.start)
        if particles and (
            entity_type_of(second.entity_type) is EntityType.PERSON
            or _source(second) == LEARNED_SOURCE
        ):
            first.end = particles.start("x") + len(particles.group("x").rstrip())


# A nickname in quotes inside a name ("Teodoro \"Teddy\" Villanueva", "maria luz
# 'luzviminda' santos"): the quotes right after a person say the name goes on, in any case.
_QUOTE = "[\"\u201c\u201d'\u2018\u2019]"
_QUOTED_NICKNAME = regex.compile(
    rf"[ \t]+{_QUOTE}(?P<nick>\p{{L}}[\p{{L}}\p{{M}}.'-]*){_QUOTE}"
    r"(?:[ \t]+(?P<w>\p{L}[\p{L}\p{M}'\u2019-]*)(?![\w'\u2019-]))?"
)


def _nicknames_in_names(text: str, results: list[RecognizerResult]) -> None:
    """Grow each person over a quoted nickname after it and the surname after that, a word
    that is unknown or a name (not "is", "said": the sentence going on)."""
    for res in results:
        if entity_type_of(res.entity_type) is not EntityType.PERSON:
            continue
        quoted = _QUOTED_NICKNAME.match(text, res.end)
        if quoted is None:
            continue
        surname = quoted.group("w")
        if surname and (_name_beside(surname) or _name_beside(surname.capitalize())):
            res.end = quoted.end("w")
        elif not is_common_word(quoted.group("nick")):
            res.end = quoted.end("nick") + 1  # not 'okafor "said"': the sentence's word


# A form's field ends at two spaces or a tab before the next field's label ("paciente:
# luz dary cardenas rojas   cc: 52...", "pac: silva, maria do carmo    nº processo: 3").
_REST_OF_FIELD = regex.compile(
    r"(?:,?[ \t]\p{L}[\p{L}\p{M}'\u2019-]*){1,4}"
    r"(?=(?:[ \t]{2,}|\t)[\p{L}\p{M}.\u00ba\u00b0]+(?:[ \t][\p{L}\p{M}.]+)?[ \t]*[:#])"
)


def _names_to_the_end_of_their_field(text: str, results: list[RecognizerResult]) -> None:
    """Grow a person right after a person's field label over the rest of the field: in one
    case a surname that is also a word ("rojas") has nothing else to show it is the name's."""
    for res in results:
        if entity_type_of(res.entity_type) is not EntityType.PERSON:
            continue
        line_start = text.rfind("\n", 0, res.start) + 1
        if not PERSON_FIELD_BEFORE.search(text, line_start, res.start):
            continue
        rest = _REST_OF_FIELD.match(text, res.end)
        if rest and all(_a_names_word(w) for w in regex.findall(r"[^\s,]+", rest.group())):
            res.end = rest.end()


def _a_names_word(word: str) -> bool:
    """Not "seen", "for", "pain": a note written into the field goes on with no name."""
    return (
        not (is_function_word(word) or is_clinical_word(word) or word.lower() in NAME_STOP)
        or word.lower() in PARTICLES
    )


# The letters that open a record number after a label that says number, typed small or
# apart from the digits ("hosp no: pmh 778214", "chart # ch 118-264"); after another label
# they are the number's own label ("assessment: sin 046 ...") or a word ("call 097...").
_ID_LETTERS_AFTER_LABEL = regex.compile(
    r"(?:(?<![\w])(?i:no|nr|num|number|id)\.?[ \t]*[:#]|#)[ \t]*(?P<p>\p{L}{1,4})[ \t-]\Z"
)


_ID_LABEL_WORDS = frozenset(label.lower() for label in lexicon.ID_LABELS)


def _letters_opening_ids(text: str, results: list[RecognizerResult]) -> None:
    for res in results:
        if entity_type_of(res.entity_type) is not EntityType.ID:
            continue
        letters = _ID_LETTERS_AFTER_LABEL.search(text, max(0, res.start - 12), res.start)
        # Not "Questions: call 097...", "Assessment: PT ON 100", "SIN 046 ...": a word or label.
        if letters and not (
            is_common_word(letters.group("p")) or letters.group("p").lower() in _ID_LABEL_WORDS
        ):
            res.start = letters.start("p")


# A clinician's workplace after the name and a comma, as signatures and attendee lists
# write it ("dr asha pillai, hope and healing cancer society, kollam"): typed in one case
# its words may all be ordinary ones, and its place after the name says what they are.
_WORKPLACE_AFTER_NAME = regex.compile(
    r",[ \t]*(?P<x>\p{L}[\p{L}\p{M}'\u2019-]*(?:[ \t]+(?:&|\p{L}[\p{L}\p{M}'\u2019-]*)){1,6})"
    r"(?=[ \t]*(?:[,;()\n]|\Z))"
)
_WORKPLACE_JOINS = frozenset(("and", "of", "for", "&"))


def _workplaces_after_names(text: str, persons: list[tuple[int, int]]) -> list[tuple[int, int]]:
    found = []
    for _, end in persons:
        place = _WORKPLACE_AFTER_NAME.match(text, end)
        if place is None:
            continue
        if not lines_are_caseless(text, end):
            continue  # with capitals, the model and the facility rules read the name
        words = place.group("x").split()
        if _ends_in_a_facility_head(place.group("x")) and not any(
            is_function_word(w) and w.lower() not in _WORKPLACE_JOINS for w in words
        ):
            found.append((place.start("x"), place.end("x")))
    return found


_HEADS_LAST = tuple(h.lower() for h in lexicon.FACILITY_HEADS_LAST)
_OF_A_PLACE = regex.compile(r"(?i)[ \t]+of[ \t]+.*\Z")


def _ends_in_a_facility_head(name: str) -> bool:
    """A facility's kind closes the name, or its part before "of" a place ("national
    cancer center of mongolia"); a department ("dept of medical oncology", "oncology
    ward") is no workplace to hide."""
    head = " " + " ".join(_OF_A_PLACE.sub("", name).lower().split())
    return head.endswith(tuple(" " + h for h in _HEADS_LAST))


def _learned(
    text: str,
    doc: Doc,
    second: Reading | None,
    identifiers: Sequence[tuple[int, int]] = (),
    guessed: list[RecognizerResult] | None = None,
) -> list[RecognizerResult]:
    """The model's findings; with a second model's reading, the union of the two models'
    (each entity through the same filters, ``learned.from_entities``; of the second's, only
    the kinds ``second_model.ADDED_KINDS``, held beside the first's findings and the
    ``identifiers`` the rules found), a finding both make once. The second model's guesses,
    through the same filters, go to ``guessed``: they are for the gaps the rest leaves,
    where ``worth_a_guess`` says (``_gaps_filled``)."""
    entities = entities_of(doc)
    first = learned.from_entities(text, entities)
    if second is None:
        return first
    have = {(r.start, r.end, r.entity_type) for r in first}
    # An entity both models read is judged alike (each entity on its own): its findings
    # are all in ``have`` already.
    read = set(entities)
    added = _held(text, [e for e in second.entities if e not in read], have)
    if guessed is not None:
        guesses = [g for g in second.guesses if g not in read]
        if guesses:
            guessed += second_beside_the_first(
                text, first, _held(text, guesses, have), identifiers, entities
            )
    return first + second_beside_the_first(text, first, added, identifiers, entities)


def _held(
    text: str, entities: list[Entity], have: set[tuple[int, int, str]]
) -> list[RecognizerResult]:
    """The findings of the second model's ``entities`` of the kinds it adds, held to the
    rules, that the first's findings (``have``) do not hold already."""
    return [
        r
        for r in learned.from_entities(text, entities)
        if (r.start, r.end, r.entity_type) not in have
        and entity_type_of(r.entity_type) in SECOND_MODEL_KINDS
        and held_to_the_rules(text, r.start, r.end)
    ]


def _gaps_filled(
    text: str, guessed: list[RecognizerResult], found: list[RecognizerResult]
) -> list[RecognizerResult]:
    """The second model's guesses in the gaps the rest left, each as filtered and trimmed
    like its entities, where ``worth_a_guess`` says of what is left: a guess never redraws a
    finding ("bed 4 mazi Obinna Ude 70" around the name the rules found); where it
    overlaps findings, what it holds beside them stands on its own, if ``worth_a_guess``
    still says so of it ("Maria" found, "Maria Gonçalves" guessed: "Gonçalves"). Added
    after the words left unexplained are guessed, it covers none of them ("chị loan")."""
    taken = sorted((r.start, r.end) for r in found)
    filled = []
    for guess in guessed:
        over = [(a, b) for a, b in taken if a < guess.end and guess.start < b]
        if not over:
            if guess.end > guess.start and worth_a_guess(text, guess.start, guess.end):
                filled.append(guess)
            continue
        at = guess.start
        for a, b in [*over, (guess.end, guess.end)]:
            start, end = _words_within(text, at, min(a, guess.end))
            if end > start and worth_a_guess(text, start, end):
                filled.append(
                    RecognizerResult(
                        guess.entity_type,
                        start,
                        end,
                        guess.score,
                        guess.analysis_explanation,
                        guess.recognition_metadata,
                    )
                )
            at = max(at, b)
    return filled


def _words_within(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` without the spaces and punctuation at its edges, nor a part of a
    word it cuts at either edge (a word holds its apostrophes and marks: "Mary's", "José"
    written with a combining accent)."""
    while 0 < start < end and _in_a_word(text[start - 1]) and _in_a_word(text[start]):
        start += 1
    while start < end < len(text) and _in_a_word(text[end - 1]) and _in_a_word(text[end]):
        end -= 1
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or _a_mark(text[end - 1])):
        end -= 1
    return start, end


def _in_a_word(char: str) -> bool:
    # Not a hyphen: what it joins may be apart ("tokha-5", a ward of a town).
    return char.isalnum() or char in "'\u2019" or _a_mark(char)


def _a_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


def _without_talk(
    text: str, results: list[RecognizerResult], tails: list[tuple[int, int]]
) -> list[RecognizerResult]:
    """The model's findings less the everyday words of a language the note switches into
    (note_languages.py): at their edges trimmed, made only of them dropped; a person's
    plain tail cut off too, and put in ``tails``."""
    kept = []
    for res in results:
        if (
            is_everyday_talk(text, res.start, res.end)
            or is_very_common_talk(text, res.start, res.end)
            or is_listed_talk(text, res.start, res.end)
        ):
            continue
        if entity_type_of(res.entity_type) in (EntityType.PERSON, EntityType.LOCATION):
            res.start, res.end = without_everyday_talk(text, res.start, res.end)
        if entity_type_of(res.entity_type) is EntityType.PERSON and res.end > res.start:
            res.start, res.end = _without_plain_words(text, res.start, res.end, tails)
        if res.end > res.start:
            kept.append(res)
    return kept


def _without_plain_words(
    text: str, start: int, end: int, tails: list[tuple[int, int]]
) -> tuple[int, int]:
    """``without_plain_edges``, what it cut off added to ``tails``."""
    new_start, new_end = without_plain_edges(text, start, end)
    if new_start > start:
        tails.append((start, new_start))
    if new_end < end:
        tails.append((new_end, end))
    return new_start, new_end


# The rest of a hyphenated word a name or place ends or starts in: the model reads
# "CHEN, SHU-LING" as "CHEN, SHU" and "ILE-IFE" in pieces; a word is one identifier.
# One letter after the hyphen is a short form's ("AC-T", "HER2-A"), not a name's.
_HYPHENATED_REST = regex.compile(r"(?:[-\u2010\u2011]\p{L}[\p{L}\p{M}'\u2019]*\p{L})+")
_HYPHENATED_START = regex.compile(r"(?<![\w'\u2019-])\p{L}[\p{L}\p{M}'\u2019]*[-\u2010\u2011]$")


def _whole_hyphenated_words(text: str, results: list[RecognizerResult]) -> None:
    """Grow each person or place that ends or starts inside a hyphenated word to all of it."""
    for res in results:
        if entity_type_of(res.entity_type) not in (EntityType.PERSON, EntityType.LOCATION):
            continue
        if res.end < len(text) and text[res.end - 1].isalpha():
            rest = _HYPHENATED_REST.match(text, res.end)
            if rest:
                res.end = rest.end()
        if res.start > 1 and text[res.start].isalpha():
            start = _HYPHENATED_START.search(text, max(0, res.start - 30), res.start)
            # Of one case: "Jean-Pierre", "ILE-IFE", "wen-lung"; not a prefix, "ex-Zombie".
            if start and text[start.start()].isupper() == text[res.start].isupper():
                res.start = start.start()


def _units_after_addresses(text: str, results: list[RecognizerResult]) -> None:
    """Grow each place over the dwelling's units written after it ("..., kv. 3")."""
    for res in results:
        if entity_type_of(res.entity_type) is EntityType.LOCATION:
            unit = DWELLING_UNIT.match(text, res.start)
            if unit and unit.end() > res.end:
                res.end = unit.end()
            units = ADDRESS_UNIT_AFTER.match(text, res.end)
            if units:
                res.end = units.end()
            if res.entity_type in STREET_SUBTYPES and text[res.end - 1].isdigit():
                entrance = ENTRANCE_AFTER_HOUSE_NUMBER.match(text, res.end)
                if entrance:
                    res.end = entrance.end()


# A town found, then a region's code and a postcode ("Hellendoorn, OV 21072", "Pune, MH
# 411001", a chat's "delmas, mp 35739", each part on its own line or not): the postcode
# is the address's, the code a first-level region's, kept (Safe Harbor keeps a state).
_POSTCODE_AFTER_REGION_CODE = regex.compile(
    r"[ \t]*\n?[ \t]*,[ \t]*(?:\p{Lu}{2,3}|\p{Ll}{2})[ \t]*\n?[ \t]*"
    r"(?P<code>\d{4,6})(?![\w/.,:-]*\d)"
    r"(?![ \t]*(?:%|[a-zµ]{1,4}/|mg|mcg|ml|kg|g|mmol|iu|units?)\b)"
)
_YEAR = regex.compile(r"(?:19|20)\d\d")


# Without the comma the code must be a known region's ("Bondi NSW 2026", "Gallup NM
# 87301"); the postcode then ends the address, so one shaped like a year is still one.
_POSTCODE_AFTER_KNOWN_CODE = regex.compile(
    r"[ \t]+(?P<region>\p{L}{2,3})[ \t]+(?P<code>\d{4,5})(?=[ \t]*(?:[.,;)\n]|\Z))"
)
# Right after a town found, a postcode of letters and digits in any case, as chat and
# forms type them: "cardiff cf24 3ab", "halifax b3h 1a1", "cork t12 x70a" (postcode_shapes.py:
# in capitals the rules of locations.py find them anywhere).
_ALPHANUMERIC_POSTCODE_AFTER_TOWN = regex.compile(
    r",?[ \t]+(?P<code>"
    rf"{postcode_shapes.UK}|{postcode_shapes.CANADA}|(?i:{postcode_shapes.EIRCODE}))(?!\w)"
)
_KNOWN_REGION_CODES = frozenset((*lexicon.US_STATES.values(), *lexicon.OTHER_REGION_CODES))


# Beside a town found, a postcode with its country's letters (postcode_shapes.py): "Ganja
# AZ 2000", "Sumgait, AZ 5000" (four digits: no Arizona code), "AZ 1000 Baku".
_PREFIXED_POSTCODE_AFTER_TOWN = regex.compile(
    rf",?[ \t]+(?P<code>{postcode_shapes.COUNTRY_PREFIXED})(?![\w-])"
)
_PREFIXED_POSTCODE_BEFORE_TOWN = regex.compile(
    rf"(?<![\w-])(?P<code>{postcode_shapes.COUNTRY_PREFIXED}),?[ \t]+\Z"
)


def _postcode_after_region_code(text: str, end: int) -> regex.Match[str] | None:
    prefixed = _PREFIXED_POSTCODE_AFTER_TOWN.match(text, end)
    if prefixed:
        return prefixed
    code = _POSTCODE_AFTER_REGION_CODE.match(text, end)
    if code and not _YEAR.fullmatch(code.group("code")):
        return code
    known = _POSTCODE_AFTER_KNOWN_CODE.match(text, end)
    region = known.group("region") if known else ""
    # In small letters a code may be a word: "Kisumu in 2019" holds no Indiana.
    if region.upper() in _KNOWN_REGION_CODES and (region.isupper() or not is_function_word(region)):
        return known
    return _ALPHANUMERIC_POSTCODE_AFTER_TOWN.match(text, end)


def _postcodes_after_region_codes(text: str, results: list[RecognizerResult]) -> None:
    for res in list(results):
        if entity_type_of(res.entity_type) is not EntityType.LOCATION:
            continue
        code = _postcode_after_region_code(text, res.end)
        if code:
            results.append(
                _guess("ZIP", *code.span("code"), ADDRESS_LINE_SCORE, ADDRESS_LINE_SOURCE)
            )
        before = _PREFIXED_POSTCODE_BEFORE_TOWN.search(text, max(0, res.start - 16), res.start)
        if before:
            results.append(
                _guess("ZIP", *before.span("code"), ADDRESS_LINE_SCORE, ADDRESS_LINE_SOURCE)
            )


# A town in capitals right after a street's number or unit, on its line, as mail is
# addressed in many countries ("Lyngveien 46 Apt. 085 BODØ", "12 rue Vauban 67000
# STRASBOURG"): the town's. In mixed-case text only (in capitals every word is), and a
# word that is ordinary ("MOSS") only where the line or a comma ends the town.
_TOWN_IN_CAPITALS = regex.compile(
    r"[ \t]+(?:\d{4,6}[ \t]+)?"
    r"(?P<town>\p{Lu}[\p{Lu}\p{M}'\u2019.-]+(?:[ \t]\p{Lu}[\p{Lu}\p{M}'\u2019.-]+){0,2})"
    r"(?![\p{L}\p{M}\d])(?P<end>[ \t]*(?:,|\n|\Z))?"
)


def _streets_ending_in_a_number(
    text: str, results: list[RecognizerResult]
) -> list[RecognizerResult]:
    """The streets found whose last character is a house number, a unit alone aside ("Room
    12 ASAP", "Room 12, Kigali." are a ward's room): where a town may follow."""
    return [
        res
        for res in results
        if res.entity_type in STREET_SUBTYPES
        and text[res.end - 1].isdigit()
        and not UNIT_ALONE.fullmatch(text, res.start, res.end)
    ]


def _towns_in_capitals_after_streets(text: str, results: list[RecognizerResult]) -> None:
    for res in _streets_ending_in_a_number(text, results):
        town = _TOWN_IN_CAPITALS.match(text, res.end)
        if town is None:
            continue
        if lines_are_caseless(text, res.start, res.end):
            continue
        value = town.group("town")
        if len(value) < 3 or names_a_region(value) or value.lower() in lexicon.CLINICAL_ACRONYMS:
            continue
        if town.group("end") is None and ordinary_words_without_case(value):
            continue
        results.append(_guess("CITY", *town.span("town"), ADDRESS_LINE_SCORE, ADDRESS_LINE_SOURCE))


# A street with its house number last, a comma, then a town that ends the clause, as Latin
# America and much of Europe write a line with no postcode ("Av. Cuzco 310, Lima.", "Calle
# Olmos 1320, Arequipa; ..."): the town's, whether or not the gazetteer lists it or it is
# also a word (Lima is a file and a lime). Up to three capitalised words and their
# particles, then the end of the clause or of the line, or a comma and a region or country
# ("..., Lima, Peru"); never a region or a country alone (kept), a month or weekday, nor in
# caseless text, where every word looks a town's.
_TOWN_ENDING_A_STREET_LINE = regex.compile(
    r"[ \t]*,[ \t]*"
    r"(?P<town>\p{Lu}\p{Ll}[\p{Ll}\p{M}'\u2019-]*"
    rf"(?:[ \t]+(?:{PARTICLE}[ \t]+)?\p{{Lu}}\p{{Ll}}[\p{{Ll}}\p{{M}}'\u2019-]*){{0,2}})"
    r"(?P<after>[ \t]*(?:[.;)\n]|\Z)|[ \t]*,[ \t]*(?P<region>\p{Lu}[\p{L}\p{M}' -]*?)"
    r"[ \t]*(?:[.;)\n]|\Z))"
)


def _towns_ending_street_lines(text: str, results: list[RecognizerResult]) -> None:
    for res in _streets_ending_in_a_number(text, results):
        line = _TOWN_ENDING_A_STREET_LINE.match(text, res.end)
        if line is None or lines_are_caseless(text, res.start, res.end):
            continue
        region = line.group("region")
        if region is not None and not names_a_region(region):
            continue
        town = line.group("town")
        words = town.split()
        if names_a_region(town) or any(
            w.lower() in lexicon.MONTH_WORDS or w.lower() in _DATE_OPENERS for w in words
        ):
            continue
        if all(frequency.is_very_common_english_word(w) for w in words):
            continue  # "..., 12 Main Rd, Thanks." closes the message
        results.append(_guess("CITY", *line.span("town"), ADDRESS_LINE_SCORE, ADDRESS_LINE_SOURCE))


def _towns_after_small_letter_streets(text: str, results: list[RecognizerResult]) -> None:
    # The two rules above read a town by its capitals; typed in small letters, by the
    # postcode before it or by the words' knownness (small_letter_towns.py).
    numbered = {(r.start, r.end) for r in _streets_ending_in_a_number(text, results)}
    streets = [
        (r.start, r.end, (r.start, r.end) in numbered)
        for r in results
        if r.entity_type in STREET_SUBTYPES and not UNIT_ALONE.fullmatch(text, r.start, r.end)
    ]
    results.extend(
        _guess(kind, start, end, ADDRESS_LINE_SCORE, ADDRESS_LINE_SOURCE)
        for kind, start, end in towns_after_small_letter_streets(text, streets)
    )


# Weekdays and the words that open a date ("Friday"): no town.
_DATE_OPENERS = frozenset(w.lower() for w in wordlists.words("date_openers"))


# A comma after a street, then a postcode and the town, as most of Europe and Latin America
# write the line ("Travessa do Carmo 4, 1200-095 Lisboa", "Storgatan 18 B, 411 38
# Göteborg", "4000-322 Vila Nova de Gaia"): both are the address's. The town is up to three
# capitalised words and their particles, never a region or a country (kept).
_POSTCODE_AND_TOWN = regex.compile(
    # A Dutch postcode has two capitals after its four digits ("3111 CD Schiedam").
    r"[ \t]*,[ \t]*(?P<code>\d{4}[ \t]?[A-Z]{2}(?=[ \t]+\p{Lu})|\d{3,5}(?:[- ]\d{2,4})?)[ \t]+"
    r"(?P<town>\p{Lu}[\p{L}\p{M}'\u2019-]+"
    rf"(?:[ \t]+(?:{PARTICLE}[ \t]+)?\p{{Lu}}[\p{{L}}\p{{M}}'\u2019-]+){{0,2}})"
    r"(?![\p{L}\p{M}\d])"
)


def _postcodes_and_towns_after_streets(text: str, results: list[RecognizerResult]) -> None:
    for res in list(results):
        if res.entity_type not in STREET_SUBTYPES or UNIT_ALONE.fullmatch(text, res.start, res.end):
            continue
        line = _POSTCODE_AND_TOWN.match(text, res.end)
        if line is None:
            continue
        # A postcode shaped like a year ("Meir 12, 2000 Antwerpen", "..., 1950 Sion") when
        # its town ends the line or the clause; otherwise the year of a sentence.
        if _YEAR.fullmatch(line.group("code")) and not _ENDS_A_LINE_OF_ADDRESS.match(
            text, line.end()
        ):
            continue
        results.append(_guess("ZIP", *line.span("code"), ADDRESS_LINE_SCORE, ADDRESS_LINE_SOURCE))
        town_start, town_end = _town_span(text, line)
        if not names_a_region(text[town_start:town_end]):
            results.append(
                _guess("CITY", town_start, town_end, ADDRESS_LINE_SCORE, ADDRESS_LINE_SOURCE)
            )


_ENDS_A_LINE_OF_ADDRESS = regex.compile(r"[ \t]*(?:[,.;)\n]|\Z)")

# A street named without a street word, its house number after it, then a comma, a postcode
# and the town, as much of Europe writes the line ("Hoge Wei 14, 1930 Zaventem", "Am
# Mühlenteich 6, 24837 Schleswig", "Lange Haven 71, 3111 CD Schiedam"): nothing in the name
# says street, so a rule or the model finds it as a person or a place and leaves the
# number; the postcode and town after it say it is an address, the number included.
_HOUSE_NUMBER_BEFORE_POSTCODE = regex.compile(r"[ \t]+(?P<number>\d{1,4}[A-Za-z]?)(?=[ \t]*,)")
_CAPITALISED_WORDS = regex.compile(
    rf"\p{{Lu}}[\p{{L}}\p{{M}}'\u2019-]*(?:[ \t]+(?:(?:{PARTICLE})[ \t]+)?"
    rf"\p{{Lu}}[\p{{L}}\p{{M}}'\u2019-]*){{0,3}}"
)
_MONTH_WORDS = frozenset(
    w.lower().rstrip(".")
    for kind in ("months", "month_abbreviations")
    for w in wordlists.words(kind)
)


def _house_numbers_before_postcode_lines(text: str, results: list[RecognizerResult]) -> None:
    for res in list(results):
        if entity_type_of(res.entity_type) not in (EntityType.PERSON, EntityType.LOCATION):
            continue
        if not _CAPITALISED_WORDS.fullmatch(text, res.start, res.end):
            continue
        number = _HOUSE_NUMBER_BEFORE_POSTCODE.match(text, res.end)
        if number is None:
            continue
        line = _POSTCODE_AND_TOWN.match(text, number.end())
        # The town must end the line or the clause: "Ward 4, 2019 Audit" is no address.
        if line is None or not _ENDS_A_LINE_OF_ADDRESS.match(text, line.end()):
            continue
        if any(w.lower().rstrip(".") in _MONTH_WORDS for w in text[res.start : res.end].split()):
            continue  # "March 14, 2019 Geneva": a date and a town
        results.append(
            _guess("ADDRESS", res.start, number.end(), ADDRESS_LINE_SCORE, ADDRESS_LINE_SOURCE)
        )


def _town_span(text: str, line: regex.Match[str]) -> tuple[int, int]:
    """The town of a postcode's line. In capitals every word looks a town's, so the town
    is its first word unless its words end the line or the clause ("1200-095 LISBOA NEVER
    RETURNED" is "LISBOA")."""
    start, end = line.span("town")
    caseless = lines_are_caseless(text, start, end)
    if caseless and not _ENDS_A_LINE_OF_ADDRESS.match(text, end):
        first = text.find(" ", start, end)
        return start, first if first > 0 else end
    return start, end


# What lies between two parts of an address found, on their line: "20789 Allika 46",
# "19902 Dobrovského 1394 Apt. 066" (a building's number, the street, its number: the model
# takes the numbers and leaves the name); and a number right before a street found with its
# own number ("808 Kálmán Imre u. 12."), a building's or a box's; a street and its number
# after a building's number found alone.
_STREET_NAME_BETWEEN = regex.compile(
    r"[ \t]+(?P<x>\p{Lu}[\p{L}\p{M}'\u2019.-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}'\u2019.-]*)?)[ \t]+"
)
_STREET_AFTER_NUMBER = regex.compile(
    r"[ \t]+(?P<x>\p{Lu}[\p{L}\p{M}'\u2019.-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}'\u2019.-]*)?"
    r"[ \t]+\d{1,5}\p{L}?)(?![\w/.,:-]*\d)"
)
_NUMBER_BEFORE = regex.compile(r"(?<![\w.,/-])(?P<x>\d{1,6})[ \t]+\Z")


def _gaps_in_addresses(text: str, results: list[RecognizerResult]) -> None:
    places = sorted(
        (r for r in results if entity_type_of(r.entity_type) is EntityType.LOCATION),
        key=lambda r: r.start,
    )
    for res in places:
        # "41207 Pärnamäe 18": the model took the building's number alone. A place over
        # the street's name alone ("Pärnamäe") leaves its number to add; only one that
        # holds the street and its number already has it.
        if text[res.start : res.end].isdigit():
            street = _STREET_AFTER_NUMBER.match(text, res.end)
            if street and not any(
                r.start <= street.start("x") and street.end("x") <= r.end for r in places
            ):
                results.append(
                    _guess("ADDRESS", *street.span("x"), ADDRESS_LINE_SCORE, ADDRESS_LINE_SOURCE)
                )
    for first, second in itertools.pairwise(places):
        if not (text[first.end - 1].isdigit() and text[second.start].isdigit()):
            continue
        name = _STREET_NAME_BETWEEN.fullmatch(text, first.end, second.start)
        if name:
            results.append(
                _guess("ADDRESS", *name.span("x"), ADDRESS_LINE_SCORE, ADDRESS_LINE_SOURCE)
            )
    for res in places:
        if res.entity_type not in STREET_SUBTYPES or not text[res.start].isupper():
            continue
        if not any(c.isdigit() for c in text[res.start : res.end]):
            continue
        number = _NUMBER_BEFORE.search(text, max(0, res.start - 10), res.start)
        if number:
            results.append(
                _guess(
                    "ADDRESS", number.start(), res.start, ADDRESS_LINE_SCORE, ADDRESS_LINE_SOURCE
                )
            )


def _known_place_score(text: str, start: int) -> float:
    return GAZETTEER_SAID_SCORE if after_nearest_copula(text, start) else GAZETTEER_SCORE


def _guess(
    subtype: str,
    start: int,
    end: int,
    score: float = UNEXPLAINED_SCORE,
    source: str = UNEXPLAINED_SOURCE,
) -> RecognizerResult:
    """A low-score proposal for the clinician to confirm (candidates.py, foreign_script.py)."""
    return RecognizerResult(
        subtype,
        start,
        end,
        score,
        recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: source},
    )


# An age under 90 closing a weak name or place, before its unit ("Kevin de 8 años",
# "pte de 58 años", "Nenita Bautista 76 y/o"): Safe Harbor keeps ages under 90, and no name
# or place ends in one. Ninety and over are ages to hide (recognizers/ages.py).
_AGE_UNDER_90_AT_END = regex.compile(r"(?:^|(?<=[ \t,]))(?P<n>[1-8]?\d)\Z")
_AGE_UNIT_AFTER = regex.compile(
    rf"[ \t-]*(?i:{YEARS_OF_AGE}|años|anos|ans|tuổi|tuoi)(?![\p{{L}}\p{{N}}])"
)
_PARTICLE_AT_END = regex.compile(r"[ \t,]*(?:(?<![\p{L}])(?i:de|del|da|do|of))?[ \t,]*\Z")


def _without_age_at_end(text: str, res: RecognizerResult) -> bool:
    """Trim an age under 90 (and a "de" before it) from the end of a weak name or place;
    False when nothing is left."""
    if _source(res) not in _WEAK_SOURCES or entity_type_of(res.entity_type) not in (
        EntityType.PERSON,
        EntityType.LOCATION,
    ):
        return True
    age = _AGE_UNDER_90_AT_END.search(text, res.start, res.end)
    if age is None or not _AGE_UNIT_AFTER.match(text, res.end):
        return True
    end = age.start()
    end = _PARTICLE_AT_END.search(text, res.start, end).start()
    if end <= res.start:
        return False
    res.end = end
    return True


# A Spanish or Portuguese article before a date's number ends a name or a place: "visto
# en el Instituto Nacional de Cancerología el 3 de marzo", "cita con dr huamán el 07/11";
# the date is the date rules' to find, the article nobody's.
_ARTICLE_BEFORE_A_DATE = regex.compile(r"[ \t]+(?:el|o)[ \t]+(?=\d)")
_ARTICLE_AT_END = regex.compile(r"[ \t]+(?:el|o)\Z")
_NUMBER_NEXT = regex.compile(r"[ \t]+\d")


def _without_date_after_article(
    text: str, res: RecognizerResult, dates: list[tuple[int, int]]
) -> None:
    """Cut a name or place at an article before a date when a date finding of ``dates``
    holds the number after it; a date no rule reads alone ("el 11/ene/2025") stays."""
    if entity_type_of(res.entity_type) not in (EntityType.PERSON, EntityType.LOCATION):
        return
    article = _ARTICLE_BEFORE_A_DATE.search(text, res.start, res.end)
    if article is not None:
        number = article.end()
    else:
        # ... or closing the finding, the number right after it ("huamán el| 07/11").
        article = _ARTICLE_AT_END.search(text, res.start, res.end)
        after = _NUMBER_NEXT.match(text, res.end)
        if article is None or after is None:
            return
        number = after.end() - 1
    if article.start() > res.start and any(s <= number < e for s, e in dates):
        res.end = article.start()


def _drop_protected(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    protected = keep.protected_spans(text)
    eponyms = keep.eponym_spans(text)
    kept = []
    dates = [(r.start, r.end) for r in results if entity_type_of(r.entity_type) is EntityType.DATE]
    for res in results:
        if not _without_age_at_end(text, res):
            continue  # "pte de 58 años": an age under 90 is no place
        _without_date_after_article(text, res, dates)
        if is_bare_unit_word(text, res.start, res.end):
            continue  # "neuro stepdown nsg note": the ward's unit, named after nobody
        if entity_type_of(res.entity_type) is EntityType.PERSON and not _outside_eponyms(
            text, res, eponyms
        ):
            continue  # "Sister Mary Joseph nodule": a title and names, inside a sign's name
        if _source(res) in _WEAK_SOURCES and not _a_relative_named_as_a_country(text, res):
            if keep.is_protected_value(text[res.start : res.end]):
                continue
            if any(s < res.end and res.start < e for s, e in protected):
                continue
        kept.append(res)
    return kept


def _a_relative_named_as_a_country(text: str, res: RecognizerResult) -> bool:
    """ "partner jordan", "SON ISRAEL", "wife georgia": a country that is also a given name,
    right after a kinship word, is the relative's name; "from Jordan" stays a country."""
    value = text[res.start : res.end]
    return (
        entity_type_of(res.entity_type) is EntityType.PERSON
        and value.lower() in lexicon.NON_IDENTIFYING_PLACES
        and is_person_name(value)
        and after_a_kinship_word(text, res.start)
    )


def _outside_eponyms(
    text: str, res: RecognizerResult, eponyms: tuple[tuple[int, int], ...]
) -> bool:
    """Trim from a name finding the eponym it overlaps at either end; False if none is left."""
    for s, e in eponyms:
        if s <= res.start < e:
            res.start = e
        if s < res.end <= e:
            res.end = s
    while res.start < res.end and not text[res.start].isalnum():
        res.start += 1
    while res.end > res.start and not text[res.end - 1].isalnum():
        res.end -= 1
    return res.start < res.end


# Propagation: an identifier found once is redacted at its other mentions.
CASE_SOURCE = "elsewhere in the case"
# Titles and labels are parts of a name span but identify nobody on their own.
_NOT_NAMES = NAME_STOP | lexicon.TITLE_WORDS
_NAME_JOINERS = regex.compile(r"['\u2019-]")
# Places, numbers and contacts spread by their whole text (names by their parts).
_SPREAD_WHOLE = frozenset({EntityType.LOCATION, EntityType.ID, EntityType.CONTACT})


def _name_parts(text: str, results: list[RecognizerResult]) -> dict[str, tuple[str, float]]:
    """Words of the names found in ``text``, with the subtype of their best finding and the
    score their other mentions take.

    A judged name (the model's, a cued guess) in capitals spreads by the words that may be
    names: an ordinary word that is nobody's name went into it with the name, not as one
    ("DESMOND CALLED" spreads "DESMOND", not every "CALLED" of the note); and a judged name
    made only of ordinary words ("STRONG GREEN") spreads no surer than the judgement.
    """
    parts: dict[str, tuple[str, float]] = {}
    for res in sorted(results, key=lambda r: -r.score):
        source = _source(res)
        guess = _is_guess(source, text[res.start : res.end])
        if entity_type_of(res.entity_type) is EntityType.PERSON and not guess:
            judged = source in _JUDGED_SOURCES
            words = list(_name_words(text, res.start, res.end))
            score = PROPAGATED_SCORE
            if judged and all(is_ordinary_word(w) for w in words):
                score = min(PROPAGATED_SCORE, res.score)
            for word in words:
                # In capitals the word's shape says nothing ("DESMOND CALLED"); capitalised
                # among small letters it does ("Valida M. Ibragimov").
                if judged and word.isupper() and is_ordinary_word_of_nobody(word):
                    continue
                parts.setdefault(word, (res.entity_type, score))
    return parts


# Findings that are judgements rather than cues or shapes.
_JUDGED_SOURCES = frozenset({LEARNED_SOURCE, CUED_SOURCE, SET_APART_SOURCE})


def _is_guess(source: str, surface: str) -> bool:
    """A one-word guess: too weak to spread as a name (it spreads only across a case)."""
    return source == UNEXPLAINED_SOURCE or (source == LEARNED_SOURCE and " " not in surface.strip())


def _name_words(text: str, start: int, end: int) -> Iterator[str]:
    """The capitalised words of a name, and the pieces of a compound name, bar particles
    ("Al" of "Al-Zahrani"), titles and labels."""
    for m in _NAME_PART.finditer(text, start, end):
        for word in (m.group(), *_pieces(m.group())):
            if len(word) >= 2 and word[0].isupper() and word.lower() not in _NOT_NAMES:
                yield word


def _pieces(word: str) -> set[str]:
    """Pieces of a compound name: "O'Neil-Hara" -> "O'Neil", "O", "Neil", "Hara"."""
    pieces = {*word.split("-"), *_NAME_JOINERS.split(word)} - {word}
    return {p for p in pieces if p.lower() not in PARTICLES}


def _find_name_parts(
    text: str, parts: dict[str, tuple[str, float]], source: str = PROPAGATION_SOURCE
) -> list[RecognizerResult]:
    """A name part seen once ("Philip Clarke") is redacted wherever else it appears ("Philip")."""
    if not parts:
        return []
    protected = keep.protected_spans(text)
    found = []
    for m in _NAME_PART.finditer(text):
        word = m.group()
        end = m.end()
        if word not in parts and word.endswith(("'s", "\u2019s")):
            word, end = word[:-2], end - 2  # "Philip's" is a mention of Philip
        kind = parts.get(word)
        if kind is None or any(s < end and m.start() < e for s, e in protected):
            continue
        subtype, score = kind
        found.append(
            RecognizerResult(
                subtype,
                m.start(),
                end,
                score,
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: source},
            )
        )
    return found


def _case_mentions(
    analysed: Iterable[tuple[str, list[Finding]]],
) -> dict[tuple[str, bool], tuple[str, float]]:
    """What spreads across a case besides names, from (text, findings) pairs: the words of
    one-word name guesses (case-sensitive), and places, numbers and contacts by their whole
    text, capitals or not. Keyed by (text, ignore capitals), with subtype and score of the best."""
    best: dict[tuple[str, bool], tuple[str, float]] = {}
    for text, findings in analysed:
        for f in findings:
            surface = text[f.start : f.end]
            if f.entity_type is EntityType.PERSON and _is_guess(f.source, surface):
                keys = [(word, False) for word in _name_words(text, f.start, f.end)]
            elif f.entity_type in _SPREAD_WHOLE:
                keys = [(surface.strip().lower(), True)]
            else:
                continue
            for key in keys:
                if key[0] and (key not in best or f.score > best[key][1]):
                    best[key] = (f.subtype or f.entity_type.value, f.score)
    return best


def _find_case_mentions(
    text: str, mentions: Mapping[tuple[str, bool], tuple[str, float]]
) -> list[RecognizerResult]:
    """Every mention in ``text`` of what was found elsewhere in the case."""
    found = []
    for (surface, ignore_case), (subtype, score) in mentions.items():
        pattern = regex.compile(
            r"(?<!\w)" + regex.escape(surface) + r"(?!\w)", regex.IGNORECASE if ignore_case else 0
        )
        found += [
            RecognizerResult(
                subtype,
                m.start(),
                m.end(),
                score,
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: CASE_SOURCE},
            )
            for m in pattern.finditer(text)
        ]
    return found


def _merge(text: str, results: list[RecognizerResult]) -> list[Finding]:
    """Presidio's results as findings, merged (merging.py): offsets never overlap."""
    return merge_findings(text, _findings(results))


def _findings(results: list[RecognizerResult]) -> list[Finding]:
    return [
        Finding(
            start=r.start,
            end=r.end,
            entity_type=entity_type_of(r.entity_type),
            score=round(float(r.score), 4),
            subtype=r.entity_type,
            source=_source(r),
        )
        for r in results
    ]


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
