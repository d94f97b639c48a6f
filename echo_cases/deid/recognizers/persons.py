"""Names of patients, relatives and clinicians, found by the words around them.

Each rule needs a cue (a title, a label such as "Patient:", a kinship word,
an age statement); spaCy's NER and in-document propagation (analyzer.py)
catch the rest.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from echo_cases.deid import lexicon, wordlists
from echo_cases.deid.derived import is_drug_name, is_person_name, is_plain_english_word
from echo_cases.deid.entities import entity_type_of
from echo_cases.deid.lexicon import NAME_STOP
from echo_cases.deid.recognizers.base import (
    Rule,
    RuleRecognizer,
    cue,
    grow_over_word_before,
    inside_word,
    rule,
)
from echo_cases.deid.recognizers.fragments import (
    NAME_WORD,
    PARTICLE,
    PERSON_NAME,
    YEARS_OF_AGE,
    alternation,
)
from echo_cases.deid.registrations import registration_label_at
from echo_cases.deid.shorthand import (
    is_cut_short_past,
    is_labelled_value,
    is_measured,
    is_shorthand,
    is_ward_word,
    orientation_at,
)
from echo_cases.deid.types import EntityType

_CLINICAL_TITLES = lexicon.CLINICAL_TITLES
_TITLE = cue(lexicon.TITLES)
_CLIN_TITLE = cue(_CLINICAL_TITLES)
_LAY_TITLE = cue(t for t in lexicon.TITLES if t not in _CLINICAL_TITLES)
_RELATIVE = cue(lexicon.RELATIVES)
_OPT_TITLE = rf"(?:{_TITLE}\.?[ \t]+)?"
# A rank of two titles is one title: "Lt. Cmdr. Renee Albright" names Renee, not "Cmdr".
_SECOND_TITLE = rf"(?:(?-i:{_TITLE})(?:\.|\b)[ \t]+)?"
# A title right after a number is a unit: "16 Fr Foley" (French gauge), not Father Foley.
_AFTER_NO_NUMBER = r"(?<![\w.])(?<!\d[ \t]*)"

_PATIENT_LABELS = cue(
    (
        "patient",
        "patient's",
        "patient name",
        "patient names",
        "patient's name",
        "patient's names",
        "pt",
        "pt.",
        "pt name",
        "pt. name",
        "name",
        "client",
        "subject",
        "case of",
        "re",
        "initials",
        "index patient",
        "mother of",
        "baby of",
        "infant of",
    )
)
_CLINICIAN_LABELS = cue(
    (
        *(f"presenting {w}" for w in ("clinician", "physician", "doctor", "provider", "nurse")),
        "presenter",
        "presented by",
        "referred by",
        *(
            f"referring {w}"
            for w in ("clinician", "physician", "doctor", "provider", "nurse", "facility")
        ),
        "attending",
        "attending physician",
        "consultant",
        "surgeon",
        "oncologist",
        "physician",
        "provider",
        "clinician",
        "seen by",
        "reviewed by",
        "examined by",
        "assessed by",
        "treated by",
        "managed by",
        "followed by",
        "under the care of",
        "signed",
        "signed by",
        "dictated by",
        "author",
        "case manager",
        "social worker",
        "navigator",
        "CHW",
        "community health worker",
        "pharmacist",
        "cc",
        "from the desk of",
        "prepared by",
        *(f"reporting {w}" for w in ("clinician", "pathologist", "radiologist")),
        "pathologist",
        "radiologist",
        "charge nurse",
        "nurse in charge",
        "submitted by",
        "written by",
        "reported by",
        "escalated to",
        "handed over to",
    )
)
_OTHER_LABELS = cue(
    (
        "discussed with",
        "spoke with",
        "spoke to",
        "talked with",
        "accompanied by",
        "contact person",
        "next of kin",
        "NOK",
        "emergency contact",
        "informant",
        "guardian",
        "care of",
        "c/o",
        "dear",
        "caregiver",
        "interpreter",
        "translator",
        "witness",
        "escort",
        "treatment supporter",
        "alternate contact",
        "alternative contact",
    )
)
# A label of a person's field right before a value ("Patient: BROWN, WILL", "attached case:
# opio", "Surname: WHITE"), or words that introduce a person ("discussed with ST-PIERRE",
# "accompanied by"): what follows is a name, whatever its words.
PERSON_FIELD_BEFORE = regex.compile(
    rf"(?i:(?:{_PATIENT_LABELS}|{_CLINICIAN_LABELS}|{_OTHER_LABELS}"
    rf"|{cue((*wordlists.words('name_fields'), 'case', 'contact'))})"
    rf"(?:\(s\))?[ \t]*[:#-][ \t]*|{_OTHER_LABELS}[ \t]+)\Z"
)
_LABEL_END = r"[ \t]*(?::|-|,)?[ \t]*"

# A name heading a case line with an age after it, no verb needed: "Kofi Boateng 56 M",
# "Siaosi Tuilagi, 48, Samoan", "Layla Haddad (Lebanese, 33)", "Lakshmi N. - 45/F".
# Found from the age backwards (the age is rare, capitalised words are not): the rule's
# pattern is a name that ends where the age marker starts.
_AGE_MARK = regex.compile(
    r"(?:,|[ \t]*\((?:\p{L}+,[ \t]*)?|[ \t]+[-\u2013\u2014/][ \t]*|[ \t]+)[ \t]*(?:aged[ \t]+)?"
    r"(?<![\d.])\d{1,3}(?:[ \t]*[,)]|[ \t]*[-/]?[ \t]*(?:[MF]\b|"
    rf"{YEARS_OF_AGE}|th\b|thn\b|años|anos|ani\b|tuổi|ans\b|jaar|Jahre|lat\b|a\b|y\b"
    r"|(?:male|female)\b))",
    regex.VERSION1,
)
_NAME_ONE_SPACE_APART = PERSON_NAME.replace(r"[ \t]+", "[ ]")
# A surname in capitals may lead, then a comma, as records list patients: "LIN, Shu-Min
# (83/F", "OKAFOR, Ada, 45"; a capitalised word before a comma in prose ("In Lusaka, Mary,
# 45") is a place or a clause, not a surname.
_NAME_BEFORE_AGE = rule(
    "PATIENT",
    rf"(?P<x>(?:(?<![\p{{L}}\p{{M}}])\p{{Lu}}[\p{{Lu}}\p{{M}}'-]+,[ \t]?)?{PERSON_NAME})\Z",
    0.85,
)
# A record's row opened by the patient's name, the surname in capitals then a comma and the
# given names in any case, the row's next cell after a bar being a date or a number
# ("GARRAGHY, Killian | 13-08-1962 | SJ937831", "CHEN, CHIN-LUNG | 01/17/1930") or the
# age and sex in brackets ("BUTT, RAM PRASAD (83/M, ..."). At the line's start only: a
# list of patients, one a line, under a header that may itself be a facility's name.
_RECORD_ROW_NAME = rule(
    "PATIENT",
    r"^[ \t]*(?P<x>\p{Lu}[\p{Lu}\p{M}'-]+,[ \t]?\p{Lu}[\p{L}\p{M}'-]*"
    r"(?:[ \t]\p{Lu}[\p{L}\p{M}'-]*){0,2})"
    r"(?=[ \t]*(?:\|[ \t]*\d|\([ \t]*\d{1,3}[ \t]*/[ \t]*[MF]\b))",
    0.85,
    # Only the row's tail: a gate reading from each "A,B" to the line's end was quadratic.
    requires=r"\|[ \t]*\d|\([ \t]*\d{1,3}[ \t]*/[ \t]*[MF]\b",
    requires_case=True,
    breaks="\n",
)
_NAME_WINDOW = 80
_LEADING_TITLES = regex.compile(rf"(?:{_TITLE}\.?[ \t]+)+")
_FIRST_DIGIT = regex.compile(r"\d")

# Not a word's middle, nor the next field's label: a name field's value ends there.
_NOT_A_LABEL = r"(?![\p{L}\p{M}'\u2019-])(?![ \t]*(?:\(s\))?[ \t]*:)"
# A form's name field before its colon (data/words/name_fields/): "Surname: WHITE",
# "Prénom: Youssef", "Пациент: KOVALENKO, Oksana", "NOME: Boateng, Tetteh", "Cardholder:
# Hope Mensah". The label and its colon say the value is a name, even of ordinary words
# ("Forename(s): Summer Rose"). Its words stand one space apart, as columns of a pasted
# header stand apart by two or more, and it ends before the next field's label, written
# with its colon ("Surname: WHITE   Forename(s): ...") or without ("RIVERA, NELSON DATA DE
# NASCIMENTO:"; spans()).
_NAME_FIELD = rule(
    "PATIENT",
    rf"(?i:{cue(wordlists.words('name_fields'))})(?:\(s\))?[ \t]*:[ \t]*{_OPT_TITLE}"
    rf"(?P<x>(?:{NAME_WORD},[ \t]?(?=\p{{Lu}}))?{_NAME_ONE_SPACE_APART}){_NOT_A_LABEL}",
    0.9,
)
# A chat's or a call's question for a name field, and the answer alone after it: "What's
# your last name? Baba", "first name?\nDeniz.". The answer must end its sentence or line:
# "your surname? Please spell it" goes on, and is no name.
_NAME_ASKED = rule(
    "PERSON",
    rf"(?i:{cue(wordlists.words('name_fields'))})[ \t]*\?[ \t]*\n?[ \t]*"
    rf"(?P<x>{_NAME_ONE_SPACE_APART})(?=[ \t]*(?:[.!\n]|\Z))",
    0.85,
)
_FIELD_WORDS = frozenset(
    (
        *lexicon.FOREIGN_LABEL_WORDS,
        *(w.split()[0] for w in wordlists.words("name_fields")),
        *wordlists.words("form_field_words"),
    )
)
_FIELD_WORD = regex.compile(r"[ ,]+(?P<w>[\p{L}\p{M}'-]+)")


def _before_next_field(text: str, start: int, end: int) -> int:
    """The end of a name field's value before the next field's first word."""
    for m in _FIELD_WORD.finditer(text, start, end):
        if m.group("w").lower() in _FIELD_WORDS:
            return m.start()
    return end


# A form's name field with no colon, its value in capitals up to the clause's end, as
# bank, visa and courier forms print them: "Account holder FATIMA ABDULLA JANAHI.",
# "Cardholder name NGUYEN VAN AN, expiry". Capitals after the label say a value; words
# that are ordinary and nobody's name ("Surname UNKNOWN.") are none (accept()). English
# labels only: "PACIENTE FRANCISCA ALVES DE LIMA" has rules of its own, and a capitals
# value found here spreads its particle ("DE") over the note's other words.
_NAME_FIELD_IN_CAPITALS = rule(
    "PERSON",
    rf"(?i:{cue(wordlists.read('name_fields', 'en'))})[ \t]+"
    r"(?P<x>\p{Lu}[\p{Lu}\p{M}'-]+(?:[ \t]\p{Lu}[\p{Lu}\p{M}'-]+){0,3})"
    r"(?=[ \t]*(?:[.,;)\n]|\Z))",
    0.85,
)

# A name after a label: "Patient: Ana Lima", "seen by Dr Okafor", "spoke with Baraka".
_LABELLED_NAMES = (
    # Not a contraction's end ("You're Supposed" has no label "re"), and the name stops
    # before the next field's label ("Name: WHITE   Forename(s): ...").
    rule(
        "PATIENT",
        rf"(?<!['\u2019])(?i:{_PATIENT_LABELS}){_LABEL_END}{_OPT_TITLE}"
        rf"(?P<x>{PERSON_NAME}){_NOT_A_LABEL}",
        0.9,
    ),
    rule(
        "CLINICIAN", rf"(?i:{_CLINICIAN_LABELS}){_LABEL_END}{_OPT_TITLE}(?P<x>{PERSON_NAME})", 0.9
    ),
    rule("PERSON", rf"(?i:{_OTHER_LABELS}){_LABEL_END}{_OPT_TITLE}(?P<x>{PERSON_NAME})", 0.9),
    _NAME_FIELD,
    _NAME_ASKED,
    _NAME_FIELD_IN_CAPITALS,
)

# Initials right after a word for a person stand for that person, in any case and even
# when they also spell a credential: "an 89-year-old man (M.B.)", "woman (s.m.)", "wife M.A.".
_INITIALS_AFTER_PERSON = rule(
    "PERSON",
    rf"(?i:{cue((*wordlists.words('person_nouns'), *lexicon.RELATIVES))})[ \t]*[(:,]?[ \t]*"
    r"(?P<x>\p{L}\.[ \t]?\p{L}\.(?:[ \t]?\p{L}\.)?)(?![\w.])",
    0.85,
)
# "r: s.h. to review": written as a cue, like every other opening of the two rules of
# initials after a cue, so that they are tried only where a cue's word starts (Rule.opens).
_R_LABEL = rf"{cue(('r',))}[ \t]*:"
# Initials in any case after a label, title or greeting that announces a person: "reviewed
# by\no.b. on 12-apr", "dr. v.k.'s number", "r: s.h. to review", "thanks c.o., msw".
_INITIALS_AFTER_LABEL = rule(
    "PERSON",
    rf"(?i:{_CLINICIAN_LABELS}|{_OTHER_LABELS}|{_TITLE}\.?|{cue(wordlists.words('greetings'))}"
    rf"|{_R_LABEL})[ \t]*[:,\-]?[ \t]*\n?"
    r"[ \t]*(?P<x>\p{L}\.[ \t]?\p{L}\.(?:[ \t]?\p{L}\.)?)(?![\w.])",
    0.85,
    requires=r"\p{L}\.[ \t]?\p{L}\.",
)
# A name before its bearer's tie to another in brackets: "Tenderness (son of Story Archer)",
# "CHIN-HSING (brother of the patient)", "Victoria (caregiver of Mr Obi)".
_KIN_OF = cue((*lexicon.RELATIVES, "caregiver", "carer", "guardian", "neighbour", "neighbor"))
_NAME_BEFORE_KIN = rule(
    "PERSON",
    rf"(?<![\w'\u2019-])(?P<x>{PERSON_NAME})[ \t]*\((?i:(?:the[ \t]+)?{_KIN_OF}[ \t]+of)\b",
    0.85,
    requires=r"\([ \t]*(?:the[ \t]+)?\w+(?:-\w+)?[ \t]+of\b",
    breaks="\n;:",
)
# Initials without dots after a word that announces a person, as notes and task lines
# write them: "Dr TV (tarja@...)", "Escort: sister JG.", "MOTHER NB.", "caregiver of SM)",
# "Action: MK to book", "Signed: MS, Med. Cir.". Two or three capitals alone, then a
# stop, a bracket, a line's end or a verb in small letters: a capitalised word next is a
# name the other rules read, and clinical short forms are no one ("mother DM, HTN").
_INITIAL_LETTERS = r"\p{Lu}\p{M}*\p{Lu}\p{M}*(?:\p{Lu}\p{M}*)?"
_AFTER_INITIALS = alternation(wordlists.words("verbs_after_initials"))
_UNDOTTED_INITIALS_AFTER_CUE = rule(
    "PERSON",
    rf"(?i:{_TITLE}\.?|{_RELATIVE}|{_KIN_OF}[ \t]+of|{_CLINICIAN_LABELS}|{_OTHER_LABELS}"
    rf"|{_PATIENT_LABELS}"
    rf"|{cue(w for w in wordlists.words('assignees') if len(w) > 1)}|{_R_LABEL})"
    rf"[ \t]*[(:,\-]?[ \t]*(?P<x>{_INITIAL_LETTERS})(?![\p{{L}}\p{{M}}\p{{N}}'\u2019&/+\-])"
    rf"(?=[ \t]*(?:[.,;:()\]]|\n|\Z)|[ \t]+{_AFTER_INITIALS}\b)",
    0.8,
    # The initials as the rule reads them: only the lines that hold some are searched (at
    # a line's end the look-ahead's "\n" and "\Z" read alike), not every word of the text.
    requires=rf"{_INITIAL_LETTERS}(?![\p{{L}}\p{{M}}\p{{N}}'\u2019&/+\-])"
    rf"(?=[ \t]*(?:[.,;:()\]]|\n|\Z)|[ \t]+{_AFTER_INITIALS}\b)",
    requires_case=True,
    breaks="\n",
)
# A chat export's speaker, initials before a colon after the message's time stamp:
# "[17/10/2025 0000] LS: Mr. Azizova asking".
_SPEAKER_INITIALS = rule(
    "PERSON",
    rf"\[[^\]\n]{{0,30}}\d[^\]\n]{{0,30}}\][ \t]*(?P<x>{_INITIAL_LETTERS}):",
    0.8,
    requires=r"\][ \t]*\p{Lu}\p{M}*\p{Lu}",
    requires_case=True,
)
# Initials that close a note are its writer's: "Discharged home with letrozole. r.e.",
# "- v.l." Not a time ("at 8 a.m."), a credential after a comma ("Dr Ana Lima, M.D."),
# nor shorthand spelled like initials ("b.i.d.", not_initials.txt).
_SIGN_OFF_INITIALS = rule(
    "PERSON",
    r"(?<![\d,][ \t]*)(?<![\w.])(?P<x>\p{L}\.[ \t]?\p{L}\.?(?:[ \t]?\p{L}\.?)?)(?![\w.])"
    r"\s*\Z",
    0.8,
    requires=r"\p{L}\.[ \t]?\p{L}\.?\s*\Z",
    requires_case=True,
)
# A Vietnamese full name: a family name, "Văn" or "Thị", then the given name, with or
# without accents and in any case ("pt tran van long 70 y", "bs Lê Văn Hải", "NGUYEN THI
# HOA"). The middle name makes ordinary words ("long", "le", "do") a person's; a second
# given name is taken when it is capitalised ("Nguyễn Văn Minh Tuấn").
_VIETNAMESE_MIDDLE = alternation(wordlists.words("vietnamese_middle_names"))
_VIETNAMESE_NAME = rule(
    "PERSON",
    r"(?<![\p{L}\p{M}'\u2019-])"
    rf"(?P<x>(?i:{alternation(wordlists.words('vietnamese_surnames'))})[ \t]+"
    rf"(?i:{_VIETNAMESE_MIDDLE})[ \t]+(?P<given>[\p{{L}}\p{{M}}]{{1,7}})"
    r"(?:[ \t]+\p{Lu}\p{M}*[\p{Ll}\p{M}]{1,6})?)(?![\p{L}\p{M}'\u2019-])",
    0.85,
    requires=rf"\b{_VIETNAMESE_MIDDLE}\b",
    breaks="\n",
)
# The shape of a Vietnamese syllable without its accents: an onset, one to three vowels, a
# final of the few Vietnamese allows. "le van est" (French) and Hindustani "le thi kal"
# have a given name no Vietnamese could bear.
_VIETNAMESE_SYLLABLE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?"
)


def _vietnamese_syllables(words: list[str]) -> bool:
    for word in words:
        bare = "".join(
            c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c)
        )
        if not _VIETNAMESE_SYLLABLE.fullmatch(bare):
            return False
    return True


_AFTER_LAY_TITLE = rule(
    "PERSON",
    rf"{_AFTER_NO_NUMBER}{_LAY_TITLE}(?:\.|\b)[ \t]+{_SECOND_TITLE}"
    rf"(?P<x>(?:{PARTICLE}[ \t]+){{0,2}}{PERSON_NAME})",
    0.95,
)
# The word before a name and the name's first word, to ask whether together they are a
# place whose name opens with a title's word ("Datu Piang", a town; "Senhora da Hora").
_WORD_BEFORE_TITLED = regex.compile(r"(?P<w>[\p{L}\p{M}]+)\.?[ \t]+\Z")
_FIRST_WORD = regex.compile(r"[\p{L}\p{M}'-]+")


_WORD_TITLES = frozenset(t.lower() for t in lexicon.GIVEN_NAME_TITLES)
# The title right before a name, as written: "Chief ", "Sister ".
_TITLE_WORD_BEFORE = regex.compile(r"(?P<w>\p{L}+)\.?[ \t]+\Z")


def _a_phrase_after_a_word_title(text: str, start: int, value: str) -> bool:
    """A title that English writes as a word ("Chief", "Father", "Madam"), before words
    of the note that no name list holds: one phrase ("Chief Complaint:", "Father
    Christmas"), nobody's name. A name after one ("Sister Grace", "Chief Obi") is listed."""
    from echo_cases.deid.candidates import is_listed_name  # candidates imports this module
    from echo_cases.deid.vocabulary import is_common_word, is_known_word

    title = _TITLE_WORD_BEFORE.search(text, max(0, start - 16), start)
    # Only titles that are words or names of their own (given_name_titles/): "Mr Na" is
    # Mr Na, whatever "na" means on a ward.
    if (
        title is None
        or title.group("w").lower() not in _WORD_TITLES
        or not is_known_word(title.group("w"))
    ):
        return False
    return all(
        is_common_word(w) and not (is_person_name(w) or is_listed_name(w)) for w in value.split()
    )


def _a_place_opened_by_a_title(text: str, start: int, end: int) -> bool:
    from echo_cases.deid.gazetteer import is_known_place  # the gazetteer loads late

    before = _WORD_BEFORE_TITLED.search(text, max(0, start - 16), start)
    first = _FIRST_WORD.match(text, start, end)
    return bool(before and first and is_known_place(f"{before.group('w')} {first.group()}"))


PERSON_RULES: tuple[Rule, ...] = (
    # After a title a surname may open with a particle: "Ms. van der Steen", "Mr. da Luz".
    rule(
        "CLINICIAN",
        rf"{_AFTER_NO_NUMBER}{_CLIN_TITLE}(?:\.|\b)[ \t]+{_SECOND_TITLE}"
        rf"(?P<x>(?:{PARTICLE}[ \t]+){{0,2}}{PERSON_NAME})",
        0.95,
    ),
    _AFTER_LAY_TITLE,
    *_LABELLED_NAMES,
    _RECORD_ROW_NAME,
    rule(
        "RELATIVE",
        rf"(?i:(?:\b(?:his|her|their|the|patient's|pt's|my|whose|a|and|with"
        rf"|by|to|as)|['\u2019]s)[ \t]+(?:(?:late|elder|older|younger|eldest|youngest"
        rf"|adult|adoptive|biological|step|twin|former|current|ex-)[ \t-]*)?{_RELATIVE})"
        r"(?:[ \t]*,[ \t]*"
        rf"|[ \t]+)(?i:(?:named|called|is|was)[ \t]+)?(?P<x>{PERSON_NAME})",
        0.9,
    ),
    # "Kamau Otieno, a 54-year-old ..." / "Ana Silva is a 34 yo"
    rule(
        "PATIENT",
        rf"(?P<x>{PERSON_NAME})(?=,?[ \t]+(?:is[ \t]+|was[ \t]+)?an?[ \t]+\d{{1,3}}[ \t-]*(?:year"
        rf"|yr|yo\b|y/o|month|week|day))",
        0.85,
        # The age as the look-ahead reads it, its article included: a line that says
        # "87-year-old" with no "a" before it is not searched name by name.
        requires=r"[ \t]an?[ \t]+\d{1,3}[ \t-]*(?:year|yr|yo\b|y/o|month|week|day)",
        requires_case=True,
        # Neither a name nor what follows it here holds these: only the stretches between
        # them that hold an age are searched (a name may end a line: "J.\nSmith").
        breaks=';:!?"()[]{}',
    ),
    # Initials after a case label, in any case: "case G.d.", "pt j.s."
    rule(
        "PATIENT",
        rf"(?i:{cue(('case', 'patient', 'pt', 'initials'))})"
        r"(?:[ \t]*#?\d{1,3}[ \t]*[:\-\u2013])?[ \t:]+(?P<x>"
        r"\p{L}\.[ \t]?\p{L}\.(?:[ \t]?\p{L}\.)?)"
        r"(?![\w.])",
        0.85,
    ),
    # Initials standing for a patient: "J.S.", "A. K. M."
    rule("PATIENT", r"(?<![\w.])(?P<x>\p{Lu}\.[ \t]?\p{Lu}\.(?:[ \t]?\p{Lu}\.)?)(?![\w.])", 0.85),
    _INITIALS_AFTER_PERSON,
    _INITIALS_AFTER_LABEL,
    _SIGN_OFF_INITIALS,
    _UNDOTTED_INITIALS_AFTER_CUE,
    _SPEAKER_INITIALS,
    # A name before its e-mail address in angle brackets, as mail headers write it:
    # "From: Juan Pablo Arriola <jparriola@...>", "Cc: NAKATO Hope <hope.n@...>".
    rule(
        "PERSON",
        rf"(?<![\w'\u2019-])(?P<x>{PERSON_NAME})[ \t]*<[^<>\s@]+@",
        0.85,
        requires=r"<[^<>\s@]+@",
        requires_case=True,
        breaks="\n<>,;:",
    ),
    # Typed in one case the name has no capitals to show it: all the words between the
    # header's label (or the line's start) and the address are the name ("from: hamza
    # qureshi <hq@...>", "CC: NAKATO HOPE <hope.n@...>").
    rule(
        "PERSON",
        r"(?<=(?:^|:)[ \t]*)(?P<x>\p{L}[\p{L}\p{M}'\u2019.-]*"
        r"(?:[ \t]+\p{L}[\p{L}\p{M}'\u2019.-]*){0,3})[ \t]*<[^<>\s@]+@",
        0.85,
        requires=r"<[^<>\s@]+@",
        breaks="\n<>,;",
    ),
    _NAME_BEFORE_KIN,
    _VIETNAMESE_NAME,
)
_UNDOTTED_INITIALS = (_UNDOTTED_INITIALS_AFTER_CUE, _SPEAKER_INITIALS)

# Credentials and abbreviations that look like initials; kept unless a case label precedes.
_NOT_INITIALS = frozenset(wordlists.words("not_initials"))
# "Sister Mary", "Chief Obi": titles that are also given names, redacted with the name.
_AMBIGUOUS_TITLE_BEFORE = regex.compile(rf"\b{alternation(lexicon.GIVEN_NAME_TITLES)}[ \t]+$")
_FIELD_OR_GREETING = regex.compile(
    rf"(?i)(?::|{cue(wordlists.words('greetings'))}[ \t,]*)[ \t]*\n?[ \t]*$"
)
_AFTER_A_SENTENCE = regex.compile(r"\p{L}{3,}[.!?][ \t]+$")
_INITIALS_LABEL = regex.compile(r"(?i)\b(?:case|patient|pt|initials|re|client)\b\W{0,3}$")

# Lower-case particles inside names ("de la", "van der", "bin").
PARTICLES = frozenset(wordlists.words("name_particles"))
_WORD = regex.compile(r"\S+")
_FOREIGN_LABEL = regex.compile(
    rf"(?i:{alternation((*lexicon.FOREIGN_LABEL_WORDS, *lexicon.ROLE_SHORT_FORMS))})\.?"
    r"[ \t]+(?=\p{Lu})"
)


def _ward_word_in_name(word: str) -> bool:
    """ "Resting", "Sedated", "PT", "MO" end a name; "Mo" (a given name) does not."""
    bare = word.rstrip(".")
    return is_ward_word(bare) and (bare.isupper() or len(bare) >= 4)


def _ordinary_word_in_capitals(word: str) -> bool:
    """A word in capitals after a name's first that is ordinary and nobody's name; not a
    particle ("JAGVI DE", "ANA DA SILVA": "de" is an ordinary word of Spanish)."""
    from echo_cases.deid.candidates import is_listed_name, is_ordinary_word

    bare = word.rstrip(".,;:")
    return (
        len(bare) > 2
        and bare.lower() not in PARTICLES
        and bare.isupper()
        and bare.isalpha()
        and is_ordinary_word(bare)
        and not is_person_name(bare)
        and not is_listed_name(bare)
    )


_NEXT_WORD = regex.compile(r"[ \t]+(?P<w>[\p{L}']+)")


def _function_word_after(text: str, pos: int) -> bool:
    """A function word follows: the sentence goes on ("BRINGS HER", "WANTS TO"), where a
    surname that is also a word ends a name before a comma or a field ("GARDENER, DOB")."""
    from echo_cases.deid.candidates import is_function_word

    after = _NEXT_WORD.match(text, pos)
    return after is not None and is_function_word(after.group("w"))


def trim_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Cut a matched name at the first word that cannot be part of a name."""
    last_end = None
    for m in _WORD.finditer(text, start, end):
        word = m.group().rstrip(",;:")
        if word.endswith(("'s", "\u2019s")) and len(word) > 3:
            word = word[:-2]  # "Okafor's son": the name is Okafor
        bare = word.rstrip(".").lower()
        is_initial = len(word) == 2 and word[0].isupper() and word[1] == "."
        acronym = word.rstrip(".").isupper() and (
            bare in lexicon.CLINICAL_ACRONYMS or bare in lexicon.SERVICE_ACRONYMS
        )
        if not is_initial and (bare in NAME_STOP or acronym or _ward_word_in_name(word)):
            break
        if is_labelled_value(text, m.start(), m.start() + len(word)):
            break  # "Sr Cr 1.4", "PT Cr 120": a result, not a name
        if last_end is not None and registration_label_at(text, m.start(), m.start() + len(word)):
            break  # "Enf. Rita Alves COREN-MG 334455": the council's label ends the name
        if word in PARTICLES:  # lower-case only: "De" in "Thomas De" is a surname
            continue
        if (
            last_end is not None
            and _ordinary_word_in_capitals(word)
            and _function_word_after(text, m.start() + len(word))
        ):
            break  # "HER SON ISABELA BRINGS HER": capitals say nothing of where a name ends
        last_end = m.start() + len(word)
    if last_end is None:
        return None
    return start, last_end


# "Ward 5,", "Stage 3,", "Cycle 4 (": capitalised words that are not people.
_NOT_BEFORE_AGE = regex.compile(rf"(?i)\b{alternation(wordlists.words('numbered_nouns'))}$")


_DAY_AND_YEAR = regex.compile(r"[ \t]*\d{1,2}(?:st|nd|rd|th)?,?[ \t]+(?:\d{4}|'\d{2})\b", regex.I)


# Only a bullet or blanks since a line's or a sentence's start.
_OPENS_A_LINE_OR_SENTENCE = regex.compile(r"(?:^|[\n.;:!?])[ \t\-*\u2022]*$")


def _plausible_name_before_age(text: str, start: int, value: str) -> bool:
    from echo_cases.deid.vocabulary import is_known_word  # vocabulary imports this module

    surname, comma, _ = value.partition(",")
    if comma and _ordinary_word_of_nobody(surname):
        return False  # "SKIN INTACT, WATERLOW 18,": a word of the note, then a score
    words = value.split()
    month = words[-1].lower().rstrip(".") in lexicon.MONTH_WORDS_OF_SHIFTED_LANGUAGES
    if month and _DAY_AND_YEAR.match(text, start + len(value)):
        return False  # "READ ON JANUARY 15, 2022": a day of the month, not an age
    if _NOT_BEFORE_AGE.search(words[-1]) or all(
        is_known_word(w) or w.lower() in lexicon.CLINICAL_ACRONYMS for w in words
    ):
        return False
    # A drug before a number is a dose ("Carboplatin AUC 5,", "Imatinib 400,"), not a
    # name before an age: no name holds a drug's word.
    if any(is_drug_name(w) for w in words):
        return False
    if _ward_prose_before_a_value(text, start, words):
        return False  # "CV: A PACED 90, CI 2.4": a pacing rate
    # One word alone must open a line or sentence: "Nomvula, 23, has HIV"; short capitals
    # alone are scales and scores ("KPS 70,", "NYHA 3,").
    if len(words) == 1:
        if value.isupper() and len(value) <= 5:
            return False
        before = text[max(0, start - 3) : start]
        return start == 0 or bool(_OPENS_A_LINE_OR_SENTENCE.search(before))
    return True


def _ward_prose_before_a_value(text: str, start: int, words: list[str]) -> bool:
    """In a ward note's line typed in one case, words ending in plain English (a word no
    list holds as a name: "PACED", "WEANED") before a number are what was done, and the
    number its value, not a name and an age."""
    from echo_cases.deid.candidates import is_ward_note, lines_are_caseless

    return (
        is_plain_english_word(words[-1].strip(",.;:"))
        and lines_are_caseless(text, start)
        and is_ward_note(text)
    )


_MISSING_VALUES = frozenset(w.upper() for w in wordlists.words("missing_values"))
_FAMILY_HISTORY = frozenset(w.upper() for w in wordlists.words("family_history_short_forms"))
_KIN_WORDS = frozenset(w.lower() for w in lexicon.RELATIVES)
_TITLE_BEFORE = regex.compile(
    rf"(?i:{cue(t for t in lexicon.TITLES if t.lower() not in _KIN_WORDS)})\.?[ \t]*\Z"
)
_BARE_PATIENT_LABEL_BEFORE = regex.compile(rf"(?i:{_PATIENT_LABELS})[ \t]+\Z")
_KIN_BEFORE = regex.compile(rf"(?i:{cue(_KIN_WORDS)})(?P<colon>[ \t]*:)?[ \t]*[(,\-]?[ \t]*\Z")


def after_a_kinship_word(text: str, start: int) -> bool:
    """A kinship word stands right before ``start``: "partner jordan", "SON ISRAEL"."""
    return _KIN_BEFORE.search(text, max(0, start - 32), start) is not None


def _may_be_initials(text: str, start: int, end: int) -> bool:
    """Two or three capitals after a cue: a person's initials unless a form's "no value",
    a clinical or service short form ("Action: CT to be booked"), or, after a relative, a
    condition of a family history ("mother DM, father MI.") or, with no colon between
    them, any clinical short form ("sister SOB"); right after a title any other ("Dr TV")."""
    from echo_cases.deid.candidates import is_caseless  # candidates imports this module
    from echo_cases.deid.vocabulary import is_clinical_abbreviation, is_known_word

    value = text[start:end]
    low = value.lower()
    if (
        (value.upper() in _MISSING_VALUES and not value.istitle())
        or is_labelled_value(text, start, end)
        or low in lexicon.CLINICAL_ACRONYMS
        or low in lexicon.SERVICE_ACRONYMS
        or value in lexicon.COUNTRY_ACRONYMS
        or (low in NAME_STOP and low not in lexicon.TITLE_WORDS)  # "Patient ID:"; "Signed: MS,"
    ):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if is_known_word(value) and is_caseless(line):
        return False  # in a line of capitals every word is: "DR. MED.", "SON IS."
    window = max(0, start - 24)
    if _TITLE_BEFORE.search(text, window, start):
        return True
    if _COMPLAINT_BEFORE.search(text, window, start) and is_clinical_abbreviation(value):
        return False  # "C/O HA, TYLENOL 650": complains of a headache, not care of H. A.
    if _BARE_PATIENT_LABEL_BEFORE.search(text, window, start) and text[end : end + 1] not in ",()":
        return False  # "make pt CMO.": a status; "Patient JS, 45 F" is a patient
    kin = _KIN_BEFORE.search(text, window, start)
    if kin is None:
        return True
    if value.upper() in _FAMILY_HISTORY:
        return False
    return bool(kin.group("colon")) or not (
        is_clinical_abbreviation(value) or is_shorthand(value) or is_ward_word(value)
    )


# "c/o" right before: "complains of" in a note as often as "care of" on an envelope.
_COMPLAINT_BEFORE = regex.compile(r"(?i:(?<![\w/])c/o)[ \t]*\Z")


# The word and punctuation between a label and the name: "c/o ", "Pt ", "Patient: ".
_LABEL_BEFORE = regex.compile(r"(?P<label>\S+?)(?P<punct>[ \t]*[:,\-]?)[ \t]*$")


def _plausible_name_after_label(text: str, start: int, value: str) -> bool:
    """Shorthand and bare labels need a name that is not ordinary vocabulary.

    "c/o Headache" complains of a headache and "c/o Chest Pain" of pain; "Pt Resting"
    rests. "c/o Mary Atieno" (care of) and "Patient: Alert" are names.
    """
    from echo_cases.deid.vocabulary import is_common_word  # vocabulary imports this module

    words = value.split()
    # "RE: HAIR LOSS": two words or more English never writes as a name, or the clinic's,
    # are what the note is about, whatever the label ("re" opens a subject too).
    if len(words) > 1 and all(_a_subjects_word(w) for w in words):
        return False
    before = _LABEL_BEFORE.search(text, max(0, start - 24), start)
    if before and is_shorthand(before.group("label")):
        # "C/O HEADACHE X1", "c/o itchy throat": a complaint is made of words English
        # never writes as a name, or of the clinic's.
        return len(words) > 1 and not any(
            is_common_word(w) or is_ward_word(w) or _plain_or_the_clinics(w) for w in words
        )
    # (Only ward vocabulary: "discussed with Victoria" is a name though Victoria is a state.)
    bare = before is not None and not before.group("punct").strip()
    if bare and len(words) == 1 and is_ward_word(value):
        return False
    # "BURN ATTENDING AWARE", "ANXIOUS RE: SCANS": one word English never writes as a name,
    # after a label with no form's colon or after "re", is what is said, not who.
    subject = before is not None and before.group("label").lower() == "re"
    if len(words) == 1 and (bare or subject) and _plain_or_the_clinics(value):
        return False
    # "PT REMAINS ON AC", "PT, UPDATED", "PT TONIGHT", "PT NODDING YES/NO", "PT
    # ARRIVED FROM CATH LAB": after the short form, without a form's colon, a
    # first word in capitals that is ordinary and nobody's name is what the patient does,
    # not who the patient is; no name opens with such a word ("PT JOHNSON", "PT ROSE
    # MILLER", "Patient: ALERT" are names).
    return not (
        before is not None
        and before.group("label").lower() in _SHORT_PATIENT_LABELS
        and ":" not in before.group("punct")
        and value.isupper()
        and (_ordinary_word_of_nobody(words[0]) or _rare_word_of_nobody(words[0]))
    )


def _rare_word_of_nobody(word: str) -> bool:
    """ "TEARFUL", "NAUSEOUS": rare English no list of names holds."""
    from echo_cases.deid.candidates import is_listed_name
    from echo_cases.deid.derived import is_rare_english_word

    return is_rare_english_word(word) and not (is_person_name(word) or is_listed_name(word))


_SHORT_PATIENT_LABELS = frozenset({"pt", "pt.", "pt's"})


def _a_subjects_word(word: str) -> bool:
    """A word of what a note is about, nobody's name nor a kinship word ("ESCORT: AUNTY
    JUNE" is a person: June is a given name, the aunt a relative)."""
    return (
        (_plain_or_the_clinics(word) or is_ward_word(word))
        and not is_person_name(word)
        and word.lower() not in _KIN_WORDS
    )


def _plain_or_the_clinics(word: str) -> bool:
    from echo_cases.deid.candidates import is_ordinary_word_of_the_clinic
    from echo_cases.deid.derived import is_plain_english_word

    return is_plain_english_word(word) or is_ordinary_word_of_the_clinic(word)


def _ordinary_word_of_nobody(word: str) -> bool:
    from echo_cases.deid.candidates import is_ordinary_word_of_nobody  # it imports this module

    return is_ordinary_word_of_nobody(word)


# The rest of a slashed short form after a letter ("S" of "S/P").
_SLASHED_AFTER = regex.compile(r"/\p{L}{1,2}\b")
# "cc" after a number is its unit, cubic centimetres ("350 CC DARK GREEN"), not "copy to".
_UNIT_CC_BEFORE = regex.compile(r"\d[ \t]*(?i:cc)[ \t]*\Z")


def _only_the_clinics_words(value: str) -> bool:
    """Every word the clinic's and nobody's name, in capitals or small letters ("ACUTE GI
    BLEED"); "Patient: FOLEY" is still a name, Foley being a surname."""
    from echo_cases.deid.candidates import is_clinical_word

    words = _CLINIC_WORD.findall(value)
    letters = [c for c in value if c.isalpha()]
    return (
        len(words) > 1
        and (all(c.isupper() for c in letters) or all(c.islower() for c in letters))
        and all(is_clinical_word(w) and not is_person_name(w) for w in words)
    )


_CLINIC_WORD = regex.compile(r"\p{L}[\p{L}'\u2019-]*")


_FORM_FIELD_WORDS = frozenset(w.lower() for w in wordlists.words("form_field_words"))


def _a_clinic_heading(value: str) -> bool:
    """A row's first cell whose surname or first given name is the clinic's word and
    nobody's name ("CXR, Clear", "LEFT, Breast", "NEURO, Intact"), or whose surname is an
    ordinary word of nobody's ("DATE, Collected", "SPECIMEN, Core": a lab's row)."""
    from echo_cases.deid.candidates import is_clinical_word, is_listed_name, is_ordinary_word

    words = _CLINIC_WORD.findall(value)[:2]
    if not words:
        return False
    surname = words[0]
    if surname.lower() in _FORM_FIELD_WORDS or (
        is_ordinary_word(surname) and not (is_person_name(surname) or is_listed_name(surname))
    ):
        return True
    return any(is_clinical_word(w) and not is_person_name(w) for w in words)


class EchoPersonRecognizer(RuleRecognizer):
    def __init__(self) -> None:
        super().__init__("EchoPersonRecognizer", PERSON_RULES)

    def spans(self, text: str) -> Iterator[tuple[int, int, Rule]]:
        for start, end, rule_ in super().spans(text):
            if rule_ is _NAME_FIELD:
                end = _before_next_field(text, start, end)
            yield start, end, rule_
        for mark in _AGE_MARK.finditer(text):
            end = mark.start()
            if is_measured(text, end + _FIRST_DIGIT.search(mark.group()).start()):
                continue  # "Temp 99 F", "HR 92 M": a vital sign, not an age
            m = _NAME_BEFORE_AGE.pattern.search(text, max(0, end - _NAME_WINDOW), end)
            if m is None or inside_word(text, m.start("x")):
                continue
            # A title before the name stays: "Madame Manon Gagné, 104 ans" names Manon.
            title = _LEADING_TITLES.match(text, m.start("x"), m.end("x"))
            start = title.end() if title and title.end() < m.end("x") else m.start("x")
            if self.accept(text, start, m.end("x"), _NAME_BEFORE_AGE):
                yield start, m.end("x"), _NAME_BEFORE_AGE

    def accept(self, text: str, start: int, end: int, rule_: Rule) -> bool:
        value = text[start:end]
        slashed = _SLASHED_AFTER.match(text, end)
        if slashed and is_shorthand(value.split()[-1] + slashed.group()):
            return False  # "PT S/P L MRM", "pt c/o": shorthand, not the patient's initial
        if any(is_cut_short_past(w) for w in value.split()):
            return False  # "PT REC'D ON AC 450": received; no name ends so
        if rule_ in _UNDOTTED_INITIALS:
            return _may_be_initials(text, start, end)
        if rule_ is _VIETNAMESE_NAME:
            return _vietnamese_syllables(text[start:end].split()[2:])
        if value.upper() in _MISSING_VALUES and not value.istitle():
            return False  # "Next of kin: NA", "Father: nil": the field is empty ("Mr Na" is not)
        from echo_cases.deid.vocabulary import is_common_word  # vocabulary imports this module

        if (
            rule_ is not _NAME_FIELD
            and " " in value.strip()
            and all(is_common_word(w) for w in value.split())
        ):
            return False  # "discussed with Tumor Board": a group, not a person
        from echo_cases.deid.candidates import ordinary_words_without_case

        if ":" not in text[max(0, start - 3) : start] and ordinary_words_without_case(value):
            # "PT REMAINS ON AC", "MG BID": capitals say nothing of names; a form's field
            # ("Patient: RAMIREZ-ORTEGA, YESENIA") still does.
            return False
        if _only_the_clinics_words(value):
            return False  # "RE: ACUTE GI BLEED": a label before a diagnosis, not a name
        if orientation_at(text, start) > start:
            return False  # "pt A+Ox3, calm": alert and oriented, not the patient's name
        if rule_ is _NAME_BEFORE_AGE and not _plausible_name_before_age(text, start, value):
            return False
        if rule_ is _AFTER_LAY_TITLE and _a_place_opened_by_a_title(text, start, end):
            return False  # "from Datu Piang": a town of Maguindanao, not Datu (chief) Piang
        if rule_ is _AFTER_LAY_TITLE and _a_phrase_after_a_word_title(text, start, value):
            return False  # "Chief Complaint: cough": the note's heading, not Chief Complaint
        if rule_ is _NAME_FIELD_IN_CAPITALS and all(
            _ordinary_word_of_nobody(w) for w in value.split()
        ):
            return False  # "Surname UNKNOWN.": no colon, so ordinary words are no value
        if rule_ is _RECORD_ROW_NAME and _a_clinic_heading(value):
            return False  # "CXR, Clear | 12/03": a finding's row, not a patient's
        if rule_ in _LABELLED_NAMES and not _plausible_name_after_label(text, start, value):
            return False
        if rule_ in _LABELLED_NAMES and _UNIT_CC_BEFORE.search(text, max(0, start - 16), start):
            return False  # "LIWS 350 CC DARK GREEN": cubic centimetres, not a copy to
        if "." in value and value.replace(" ", "").upper() in _NOT_INITIALS:
            # Initials that spell a credential or a time are still a person's after a word
            # for one, in a field or after a greeting ("charge nurse: m. a.", "thanks c.o."),
            # or closing a note after its last sentence ("Discharged home with tramadol. A. M.").
            return (
                rule_ is _INITIALS_AFTER_PERSON
                or (
                    rule_ is _INITIALS_AFTER_LABEL
                    and bool(_FIELD_OR_GREETING.search(text, max(0, start - 16), start))
                )
                or (rule_ is _SIGN_OFF_INITIALS and bool(_AFTER_A_SENTENCE.search(text, 0, start)))
                or bool(_INITIALS_LABEL.search(text, max(0, start - 20), start))
            )
        return True

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        results = []
        for start, end, rule_ in self.spans(text):
            if rule_.subtype not in entities:
                continue
            res = self.result(start, end, rule_)
            if rule_ in _UNDOTTED_INITIALS:
                results.append(res)  # capitals a name would stop at: "Escort: sister IN."
                continue
            span = trim_name(text, res.start, res.end)
            if span is None:
                continue
            res.start, res.end = span
            # "Paciente Maria das Graças": a label of another language opens the span.
            lead = _FOREIGN_LABEL.match(text, res.start, res.end)
            if lead:
                res.start = lead.end()
            # "Imam", "Sister", "Chief" are titles but also given names: redact them too.
            before = _AMBIGUOUS_TITLE_BEFORE.search(text, max(0, res.start - 12), res.start)
            if before:
                res.start = before.start()
            results.append(res)
        return results


_SHORT_GIVEN_NAME_BEFORE = regex.compile(
    rf"(?i)(?<![\w'\u2019-]){alternation(wordlists.words('given_name_abbreviations'))}\.?"
    r"[ \t]+$"
)


# A title that is also a given name, after another title, is the name's: "dr. sri
# wahyuni", "DR. SRI WAHYUNI" (one title is enough; a second is the person's own).
_TITLED_GIVEN_NAME_BEFORE = regex.compile(
    rf"(?i)(?<![\w'\u2019-]){_TITLE}\.?[ \t]+(?P<g>{alternation(lexicon.GIVEN_NAME_TITLES)})"
    r"[ \t]+$"
)


def extend_short_given_names(text: str, results: list[RecognizerResult]) -> None:
    """Grow each person, found by a rule or the model, over a short given name before it
    ("Md. Arif Hossain"): alone it reads as a credential, but it is part of the name; and
    over a title that is a given name after another title ("dr. sri wahyuni")."""
    grow_over_word_before(text, results, EntityType.PERSON, _SHORT_GIVEN_NAME_BEFORE, 8)
    for res in results:
        if entity_type_of(res.entity_type) is not EntityType.PERSON:
            continue
        titled = _TITLED_GIVEN_NAME_BEFORE.search(text, max(0, res.start - 24), res.start)
        if titled:
            res.start = titled.start("g")
