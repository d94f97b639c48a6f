"""The languages a note switches into, and their everyday words.

Clinicians in many hubs write English and the patient's language in one sentence ("she
says mgonjwa amechoka sana", "c/o mouth mein jalan, khana nahi kha pa rahi", "nag-complain
ng pagsusuka since kahapon"). The model, trained on English case text, reads a run of
such words as a name or a place, and the guesses, which know the frequent words of
English, Spanish, Portuguese and French only, propose them one by one.

A language counts as the note's when the note holds at least MIN_DISTINCT_WORDS of its
everyday words that English does not write and that are nobody's name; then a weak
finding made only of its everyday words, in small letters, is the language, not a name.
Everyday words come from wordfreq where it has the language (Tagalog), and
from hand lists by language otherwise (``data/words/everyday_words/``: Swahili, Luganda,
Runyankole, Amharic, Hindustani and Tamil in Latin letters, Nigerian Pidgin, Yoruba,
Igbo, Hausa, Cebuano, Navajo, Vietnamese). A word that is a name somewhere ("Neema",
"Lan", "Hùng") is never everyday here: a name in small letters must still be found.

An everyday word capitalised only as a sentence's first ("... signed. Kesho tutaagiza")
is talk too, and so is a syllable that is a name's alone but an everyday word's inside a
compound of its language (``data/words/everyday_compounds/``: "thư" of "ung thư", cancer).

Why gated by the note: the same lists applied to every note lost names on generated text
("trung", "binh", session 7), since in an English note such a word is more likely a name.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import sys
from pathlib import Path

import regex

from echo_cases.deid import frequency, lexicon, wordlists
from echo_cases.deid.candidates import PARTICLES, is_listed_name, names_a_facility
from echo_cases.deid.derived import is_person_name
from echo_cases.deid.frequency import is_very_common_word
from echo_cases.deid.stop_words import spacy_stop_words

# wordfreq's languages the hubs' notes switch into that the guesses do not already read
# (frequency.LANGUAGES), with the Zipf level above which a word is everyday: 4, ten times
# per million words, as their lists at 3 hold many given names. Vietnamese was tried and
# left out: its syllables are its names and places ("thanh oanh", "quy nhon", "vinh" lost
# on fresh generated samples, seeds 100-102), written small and without accents.
WORDFREQ_LANGUAGES: dict[str, float] = {"fil": 4.0}
# Three different words: one or two may be a loan word or a name's homograph.
MIN_DISTINCT_WORDS = 3
# Spanish and Portuguese, whose frequent words the guesses already read (frequency.py), but
# whose rarer words of the clinic and the bedside are missing from the small lists and
# taken as names in small letters ("equipe paliativa visitou", "está sonolento hoy",
# "navegadora"): in a note written in one of them, a word of its large list at least this
# frequent (Zipf 2, once per hundred million words) with one of its everyday endings
# (``data/words/everyday_endings/``) is talk, unless it is a name or a known place.
ENDING_LANGUAGES: dict[str, float] = {"es": 2.0, "pt": 2.0}
# A note is written in one of them when it holds, in small letters, this many different
# words that language writes at least at Zipf 5.5 and English seldom ("hoy", "está",
# "não", "hoje"), names and places not counted: a name, a loan word or an address
# ("Nueva Vizcaya", "Estados Unidos") does not make a note Spanish.
ENDING_LANGUAGE_ZIPF = 5.5
MIN_ENDING_LANGUAGE_WORDS = 2
MIN_ENDING_WORD_LENGTH = 5
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['\u2019-][\p{L}\p{M}]+)*")
# Digits, with the dots, spaces and dashes inside one number ("17.904", "71544 209").
_NUMBER = regex.compile(r"\d+(?:[ .\-/]\d+)*")


def _not_a_name(word: str) -> bool:
    return not (is_person_name(word) or is_listed_name(word))


@functools.cache
def everyday_words(language: str) -> frozenset[str]:
    """The everyday words of ``language`` that are nobody's name, in small letters."""
    if language in WORDFREQ_LANGUAGES:
        words = frequency.words_at_least(language, WORDFREQ_LANGUAGES[language])
    elif language in ENDING_LANGUAGES:
        return _words_with_everyday_endings(language)
    else:
        words = {w.lower() for w in wordlists.read("everyday_words", language)}
    return frozenset(w for w in words if len(w) > 1 and _not_a_name(w))


def _is_known_place(word: str) -> bool:
    from echo_cases.deid.gazetteer import is_known_place

    return is_known_place(word)


def _words_with_everyday_endings(language: str) -> frozenset[str]:
    """The words of ``language``'s large list at ENDING_LANGUAGES' Zipf with one of its
    everyday endings, less names and known places ("salvador", "almada"). Not its very
    common words: they are the words of its places' and facilities' names in small letters
    ("instituto", "seguro", "porto velho", "são", "norte"), lost when tried.

    Read from ``frequent_words.marshal`` when ``make setup`` wrote it there from the
    same inputs (``ending_words_stamp``): filtering 120,000 words through the name and
    place lists took 0.2-0.4 s of a process's first Spanish or Portuguese note.
    """
    found = frequency.cached_derived(_ending_words_key(language), ending_words_stamp(language))
    return found if found is not None else _filter_everyday_endings(language)


def _ending_words_key(language: str) -> frequency.Key:
    return (language, ENDING_LANGUAGES[language], "everyday_endings")


# What ``_filter_everyday_endings`` reads besides wordfreq's list (stamped by frequency):
# the code that filters and the lists of endings, names and places.
_ENDING_WORDS_CODE = (
    "note_languages.py",
    "candidates.py",
    "derived.py",
    "gazetteer.py",
    "packed_words.py",
    "wordlists.py",
)
_ENDING_WORDS_DATA = ("person_names.txt", "rare_person_names.txt", "place_names.txt")


def ending_words_stamp(language: str) -> str:
    """A digest of every input of ``_filter_everyday_endings(language)``: the cached set is
    used only when it was made from the same code, lists and Python."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(sys.version.split()[0].encode())
    digest.update(repr(frequency.list_stamp(language, "large")).encode())
    paths = [here / name for name in _ENDING_WORDS_CODE]
    paths += [here / "data" / name for name in _ENDING_WORDS_DATA]
    paths.append(Path(str(wordlists.source("everyday_endings", language))))
    for path in paths:
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def ending_words_cache() -> dict[frequency.Key, tuple[str, bytes]]:
    """The sets ``frequency.main`` writes for the ENDING_LANGUAGES, each with its stamp."""
    return {
        _ending_words_key(language): (
            ending_words_stamp(language),
            marshal.dumps(_filter_everyday_endings(language)),
        )
        for language in ENDING_LANGUAGES
    }


def _filter_everyday_endings(language: str) -> frozenset[str]:
    endings = tuple(e.lower() for e in wordlists.read("everyday_endings", language))
    words = frequency.words_at_least(language, ENDING_LANGUAGES[language], "large")
    return frozenset(
        w
        for w in words
        if len(w) >= MIN_ENDING_WORD_LENGTH
        and w.isalpha()
        and w.endswith(endings)
        and _not_a_name(w)
        and not _is_known_place(w)
    )


def languages() -> tuple[str, ...]:
    return (*WORDFREQ_LANGUAGES, *wordlists.names("everyday_words"), *ENDING_LANGUAGES)


@functools.lru_cache(maxsize=256)
def note_languages(text: str) -> frozenset[str]:
    """The languages of ``languages()`` this note writes at least a few words of."""
    words = {m.group().lower() for m in _WORD.finditer(text)}
    # English words (and the other languages the guesses read) do not tell a language.
    distinct = {w for w in words if not frequency.is_frequent_word(w)}
    listed = (
        lang
        for lang in languages()
        if lang not in ENDING_LANGUAGES
        and len(distinct & everyday_words(lang)) >= MIN_DISTINCT_WORDS
    )
    small = frozenset(m.group() for m in _WORD.finditer(text) if m.group().islower())
    return frozenset((*listed, *_ending_languages(small)))


def _ending_languages(words: frozenset[str]) -> tuple[str, ...]:
    """The ENDING_LANGUAGES these words are written in: several of its frequent words
    that English seldom writes. One is all: a Spanish note writes Portuguese's cognates
    and the reverse ("está sonolento hoy" at the border, "portuñol")."""
    written = any(
        sum(
            1
            for w in words
            if w in frequency.words_at_least(lang, ENDING_LANGUAGE_ZIPF)
            and _seldom_english(w)
            and _not_a_name(w)
            and not _is_known_place(w)
        )
        >= MIN_ENDING_LANGUAGE_WORDS
        for lang in ENDING_LANGUAGES
    )
    return tuple(ENDING_LANGUAGES) if written else ()


def _seldom_english(word: str) -> bool:
    """Not a word English writes often, by the measure of its length: English text quotes
    the commonest Spanish and Portuguese words ("que", "dice", "pero" are all frequent
    English words, Zipf 3.5), so a word of three letters or more counts unless it is very
    common in English (Zipf 5) or a name's particle ("del", "dos"); a shorter one ("lo",
    "si", "le", bedside shorthand too) only if English seldom writes it."""
    if len(word) < 3:
        return not frequency.is_frequent_english_word(word)
    return not (frequency.is_very_common_english_word(word) or word in PARTICLES)


def is_everyday_talk(text: str, start: int, end: int) -> bool:
    """Every word of ``text[start:end]`` in small letters and everyday, one at least an
    everyday word of a language the note writes ("hali ya kula ni mbaya", "masakit ang
    ulo"); words of digits or with capitals leave the span alone."""
    from echo_cases.deid.candidates import is_ordinary_word_of_the_clinic

    langs = note_languages(text)
    if not langs:
        return False
    span = text[start:end]
    if any(c.isdigit() for c in span):
        return False
    words = _WORD.findall(span)
    if not words or not all(w.islower() for w in words[1:]):
        return False
    if not (words[0].islower() or capital_of_a_sentence(text, start, words[0])):
        return False
    if _after_name_marker(text, start, end, langs):
        return False
    words = [w.lower() for w in words]
    in_compounds = _words_in_compounds(text)
    everyday = [
        any(w in everyday_words(lang) for lang in langs) or m.start() in in_compounds
        for w, m in zip(words, _WORD.finditer(text, start, end), strict=True)
    ]
    # Besides them, only the commonest words and the clinic's: a town is a frequent word
    # too ("mama yake yuko nairobi").
    return any(everyday) and all(
        e or (_not_a_name(w) and (is_very_common_word(w) or is_ordinary_word_of_the_clinic(w)))
        for w, e in zip(words, everyday, strict=True)
    )


def is_very_common_talk(text: str, start: int, end: int) -> bool:
    """In a note written in Spanish or Portuguese, a span in small letters made only of
    words that language writes at least once per 100,000 (Zipf 5: "hay carro", "pero
    ainda", "la visiten"), none a name or a known place unless it is one of the commonest words
    (Zipf 6: "que", "hay", "pero"), and the span no known place ("porto velho", "boa
    vista" are towns of such words). Verbs, articles and conjunctions of that frequency
    are the sentence; a name or a town among them keeps the span.
    """
    if not set(ENDING_LANGUAGES) & note_languages(text):
        return False
    span = text[start:end]
    words = _WORD.findall(span)
    if not words or any(c.isdigit() for c in span) or not all(w.islower() for w in words):
        return False
    # "hospital civil", "centro de salud": a facility's kind says the words name it.
    if _is_known_place(" ".join(words)) or names_a_facility(span):
        return False
    # A sentence has its function words ("hay carro", "pero ainda", "la visiten"); a
    # street, a neighbourhood or a name of very common words may have none but a particle.
    if not any(w in _romance_stop_words() and w not in PARTICLES for w in words):
        return False
    common = _very_common_romance_words()
    return all(
        frequency.is_commonest_word(w)
        or (w in common and _not_a_name(w) and not _is_known_place(w))
        for w in words
    )


@functools.cache
def _romance_stop_words() -> frozenset[str]:
    return frozenset().union(*(spacy_stop_words(lang) for lang in ENDING_LANGUAGES))


@functools.cache
def _very_common_romance_words() -> frozenset[str]:
    return frozenset().union(
        *(frequency.words_at_least(lang, frequency.VERY_COMMON_ZIPF) for lang in ENDING_LANGUAGES)
    )


@functools.cache
def _compound_patterns(langs: frozenset[str]) -> regex.Pattern[str] | None:
    """One pattern for the everyday compounds of the note's languages
    (``data/words/everyday_compounds/``), whole words, in small letters as listed."""
    compounds = [
        c
        for lang in sorted(langs & set(wordlists.names("everyday_compounds")))
        for c in wordlists.read("everyday_compounds", lang)
    ]
    if not compounds:
        return None
    alternatives = "|".join(
        r"[ \t]+".join(regex.escape(part) for part in c.split())
        for c in sorted(compounds, key=len, reverse=True)
    )
    # Any case: a sentence opens with a capital ("Ung thư vú", "Gia đình đồng ý").
    return regex.compile(rf"(?i)(?<![\p{{L}}\p{{M}}])(?:{alternatives})(?![\p{{L}}\p{{M}}])")


@functools.lru_cache(maxsize=256)
def _words_in_compounds(text: str) -> frozenset[int]:
    """Where the words of an everyday compound of the note's languages start ("ung thư"):
    each is talk there, though alone it may be a name's syllable ("thư")."""
    pattern = _compound_patterns(note_languages(text))
    if pattern is None:
        return frozenset()
    return frozenset(
        w.start() for m in pattern.finditer(text) for w in _WORD.finditer(text, m.start(), m.end())
    )


def in_everyday_compound(text: str, start: int) -> bool:
    """The word at ``start`` is a syllable of an everyday compound of the note's language
    ("bản" of "biên bản", minutes; "hội" of "hội chẩn"), not a word standing alone."""
    return start in _words_in_compounds(text)


# What may stand between a sentence's end and its first word.
_BEFORE_A_FIRST_WORD = " \t\"'\u201c\u2018(-"
_LOOK_BACK = 64


def capital_of_a_sentence(text: str, start: int, word: str) -> bool:
    """``word``, at ``start``, is capitalised only as a sentence's first word ("...
    signed. Kesho tutaagiza", "Pole sana"): one capital then small letters, after a full
    stop, a question or exclamation mark, a line's start or the text's. A word in capitals
    ("KESHO"), inside a sentence ("with Kesho") or after a label's colon ("son: Kesho",
    where a name is expected) is not; nor after a title's full stop ("Dr. Jana"), nor one
    shortened ("Ma. Cristina")."""
    if not (word[:1].isupper() and word[1:].islower()):
        return False
    # A capital word with a full stop of its own is a name's short form ("Ma. Cristina").
    if text.startswith(".", start + len(word)):
        return False
    # Only the last characters before the word matter; copying the whole text before it
    # for each word would make a long note quadratic.
    window = max(0, start - _LOOK_BACK)
    before = text[window:start].rstrip(_BEFORE_A_FIRST_WORD)
    if not before and window:
        before = text[:start].rstrip(_BEFORE_A_FIRST_WORD)
    if not before:
        return True
    if before[-1] not in ".!?\n":
        return False
    # A title's full stop ends no sentence: "Dr. Jana", "Sr. Pole".
    last = _WORD.findall(before[-12:])
    return before[-1] != "." or not last or last[-1].lower() not in lexicon.TITLE_WORDS


@functools.cache
def _name_markers(langs: frozenset[str]) -> frozenset[str]:
    """The personal articles of the note's languages (``data/words/name_markers/``)."""
    return frozenset(
        w.lower()
        for lang in langs & set(wordlists.names("name_markers"))
        for w in wordlists.read("name_markers", lang)
    )


def _after_name_marker(text: str, start: int, end: int, langs: frozenset[str]) -> bool:
    """A word of the span follows a personal article ("si ligaya"): it is a name."""
    markers = _name_markers(langs)
    before = _WORD.findall(text, max(0, start - 12), start)
    words = [*before[-1:], *_WORD.findall(text, start, end)]
    return any(w.lower() in markers for w in words[:-1])


def without_everyday_talk(text: str, start: int, end: int) -> tuple[int, int]:
    """The span less the everyday words of the note's languages at its edges ("wambui
    ndiye anamhudumia" is "wambui"); an empty span when every word was one."""
    langs = note_languages(text)
    if not langs:
        return start, end
    markers = _name_markers(langs)
    in_compounds = _words_in_compounds(text)
    tokens = list(_WORD.finditer(text, start, end))

    def talk(i: int) -> bool:
        word = tokens[i].group()
        before = _WORD.findall(text, max(0, tokens[i].start() - 12), tokens[i].start())
        return (
            (word.islower() or capital_of_a_sentence(text, tokens[i].start(), word))
            and (
                any(word.lower() in everyday_words(lang) for lang in langs)
                or tokens[i].start() in in_compounds
            )
            and not (before and before[-1].lower() in markers)
        )

    first, last = 0, len(tokens) - 1
    while first <= last and talk(first):
        first += 1
    while last >= first and talk(last):
        last -= 1
    if first > last:
        # A span whose words are all talk keeps its numbers: a registration or phone
        # number the model read with the words before it ("colegiado 17.904", "cel
        # 71544 209") is still a number to hide.
        numbers = list(_NUMBER.finditer(text, start, end))
        if numbers:
            return numbers[0].start(), numbers[-1].end()
        return start, start
    # Only whole words are cut: what lies beyond the first and last words kept stays.
    new_start = start if first == 0 else tokens[first].start()
    new_end = end if last == len(tokens) - 1 else tokens[last].end()
    return new_start, new_end


_HAND_LISTED = frozenset(wordlists.names("everyday_words"))


@functools.cache
def _listed_everyday_words(language: str) -> frozenset[str]:
    """The hand list of ``language``'s everyday words, names among them ("usiku", night,
    is somebody's name somewhere): after a talk word that is nobody's name they are talk."""
    if language not in wordlists.names("everyday_words"):
        return frozenset()
    return frozenset(w.lower() for w in wordlists.read("everyday_words", language))


def _plain_word(word: str, langs: frozenset[str]) -> bool:
    """A word in small letters, nobody's name nor a known place, on the hand list of
    everyday words of one of the note's languages. Not English's very common words nor the
    large lists' (wordfreq's Tagalog, Spanish and Portuguese endings): a facility or a
    street the model read as a person is made of them ("medical", "center"), and cutting
    them lost place tokens of small-letter copies of scored-only sets in aggregate."""
    return (
        word.islower()
        and _not_a_name(word)
        and not _is_known_place(word)
        and any(word in everyday_words(lang) for lang in langs & _HAND_LISTED)
    )


def _talk_after_plain_word(word: str, langs: frozenset[str]) -> bool:
    """After a plain word, a word in small letters of the note's everyday lists (even one
    that is a name somewhere) is the same sentence going on."""
    return word.islower() and any(word in _listed_everyday_words(lang) for lang in langs)


def without_plain_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """A name the model ran on into the sentence around it, in a note that switches
    language: "kahindi amezidiwa usiku" is "kahindi", "dama anasema" is "dama". The tail
    is cut at its first plain word (nobody's name nor a known place, on the hand list of
    the note's everyday words) when every word after it is talk too; plain words before
    the name go. A tail of words that are names somewhere but no plain one ("juma baraka")
    stays, and so does the last word: a span of plain words only is for is_everyday_talk."""
    langs = note_languages(text)
    if not langs:
        return start, end
    tokens = list(_WORD.finditer(text, start, end))
    first = 0
    while first < len(tokens) - 1 and _plain_word(tokens[first].group(), langs):
        first += 1
    last = len(tokens) - 1
    for k in range(first + 1, len(tokens)):
        if _plain_word(tokens[k].group(), langs) and all(
            _talk_after_plain_word(t.group(), langs) for t in tokens[k + 1 :]
        ):
            last = k - 1
            break
    if not tokens or (first == 0 and last == len(tokens) - 1):
        return start, end
    return tokens[first].start() if first else start, tokens[last].end()


def is_listed_talk(text: str, start: int, end: int) -> bool:
    """Two words or more in small letters, each of the note's everyday lists (even one that
    is a name somewhere) or plain, one at least plain: "niko na yeye sasa" (I am with him
    now) is a sentence, though "niko" is somebody's name. Names of the lists alone, with
    no plain word between them ("dada nina"), stay."""
    langs = note_languages(text)
    if not langs or any(c.isdigit() for c in text[start:end]):
        return False
    words = _WORD.findall(text, start, end)
    return (
        len(words) >= 2
        and all(_talk_after_plain_word(w, langs) for w in words)
        and any(_plain_word(w, langs) for w in words)
    )
