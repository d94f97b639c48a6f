"""Record, accession, national, insurance, device and vehicle numbers."""

from __future__ import annotations

import regex

from echo_cases.deid import lexicon, wordlists
from echo_cases.deid.recognizers.base import Rule, RuleRecognizer, cue, rule
from echo_cases.deid.recognizers.contact import hour_of_extubation
from echo_cases.deid.recognizers.fragments import alternation
from echo_cases.deid.shorthand import (
    VENT_MODES,
    after_ventilator_mode,
    is_blood_gas,
    is_labelled_value,
    is_measured,
    is_small_range,
    is_ward_word,
)

# An identifier value: letters, digits and separators, with at least two digits.
_VALUE = (
    r"(?:\d{1,6}(?:[ ]\d{1,6}){1,5}(?![\w-])"  # spaced digit groups: "2345 6789 0123"
    # A letter prefix first, the digits grouped by spaces or hyphens: "ASH 0412 3390",
    # "CH 118-264".
    r"|(?-i:[A-Z]{1,5})[ ]\d{3,}(?:[ -]\d{1,6})*(?![\w-])"
    # So too in small letters after a label, the digits four or more: "mrn rh 2290451",
    # "hosp. no. efs 2411037" (not a word of the sentence: accept()).
    r"|(?-i:[a-z]{1,5})[ ]\d{4,}(?:[ -]\d{1,6})*(?![\w-])"
    # Myanmar's registration card: the state's number, the township's letters, the
    # citizen's kind in brackets, six digits ("12/OUKAMA(N)148825", "9/mahtana(n)004512").
    r"|\d{1,2}/[A-Za-z]{3,10}\([A-Za-z]{1,3}\)\d{5,6}(?![\w-])"
    r"|(?=[\w./-]*\d[\w./-]*\d)[A-Za-z0-9][A-Za-z0-9./-]*[A-Za-z0-9])"
)
_NO = r"(?:number|num\.?|no\.?|nr\.?|#|id)"
_SEP = r"[ \t]*(?:[:#=]|is|was)?[ \t]*(?:[:#][ \t]*)?"


def _labelled(subtype: str, label: str, score: float = 0.95) -> Rule:
    # (?<!\w): the value starts a word, so "National ID ID7870489" keeps its "ID".
    return rule(subtype, rf"\b(?:{label}){_SEP}(?<!\w)(?P<x>{_VALUE})", score, ignore_case=True)


def _labels(*words: str) -> str:
    """An alternation of labels; "{no}" stands for "number", "no.", "#", "id"."""
    return "|".join(w.replace("{no}", _NO) for w in words)


_N = "(?: {no})?"  # an optional "number"/"no."/"#" after a label

# National, insurance and programme numbers of many countries ("PESEL 44051401458").
# (Case-sensitive spellings: an ignore-case alternation of ~100 labels costs as much as
# all other ID rules together.)
_WORLD_LABELS = cue(
    v for w in lexicon.ID_LABELS for v in (w, w.lower(), w.upper(), w[0].upper() + w[1:])
)
# A state or region may follow the label after a hyphen: "CRM-PE 18.337", "COREN-SP 123.456".
_WORLD_ID = _labelled("ID", rf"(?-i:{_WORLD_LABELS})(?-i:-[A-Z]{{2}})?(?: {_NO})*", 0.9)
# A booking's, an order's or a parcel's reference after its label, however few its digits
# (data/words/booking_labels/): "booking reference QX7P2M", "PNR: 8HJ2KQ". The code is in
# capitals and digits, so "booking reference pending" is none.
_BOOKING_LABELS = cue(
    v
    for w in wordlists.words("booking_labels")
    for v in dict.fromkeys((w, w.lower(), w.upper(), w[0].upper() + w[1:]))
)
_BOOKING_ID = rule(
    "ID",
    rf"(?-i:{_BOOKING_LABELS}){_SEP}(?<!\w)(?P<x>(?-i:[A-Z0-9]{{5,12}}|[A-Z0-9]{{2,6}}"
    r"(?:[ -][A-Z0-9]{2,6}){1,4}))(?![\w-])",
    0.9,
)
# An IBAN by its shape, in one run or in groups of four, whether or not its check digits
# hold (a mistyped account number is still one): "GB02RVXB01271286793653", "DE89 3704 0044
# 0532 0130 00". A country's two letters, two check digits, then 11-30 letters and digits,
# at least ten of them digits (accept()).
_IBAN = rule(
    "ID",
    r"(?<![\w-])(?-i:[A-Z]{2}|[a-z]{2})\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,3})?"
    r"(?![\w-])",
    0.9,
    requires=r"(?<![\w-])[A-Za-z]{2}\d{2}[ ]?[A-Za-z0-9]{4}",
    requires_case=True,
)
# A payment card's number in fours, or Amex's 4-6-5: "4916 3380 1942 7731", "3714-496353-98431".
# It is one when its check digit holds (Luhn), or after a card's word whatever the check
# (a mistyped card is still one): data/words/card_words.txt.
_PAYMENT_CARD = rule(
    "ID",
    r"(?<![\w-])(?:\d{4}(?P<s>[ -])\d{4}(?P=s)\d{4}(?P=s)\d{4}(?:(?P=s)\d{1,3})?"
    r"|\d{4}(?P<a>[ -])\d{6}(?P=a)\d{5})(?![\w-]|[.,]\d)",
    0.9,
    requires=r"\d{4}[ -]\d{4,6}[ -]\d{4,5}",
    requires_case=True,
)
_CARD_WORD = regex.compile(
    rf"(?i:\b(?:{'|'.join(regex.escape(w) for w in wordlists.words('card_words'))}))\b"
    r"[^\n\d]{0,24}$"
)
_CARD_WORD_REACH = 40
# Four clock times in a row are a ward's hours, not a card: "0600 1200 1800 2200".
_CLOCK_RUN = regex.compile(r"(?:(?:[01]\d|2[0-3])[0-5]\d[ -]?){4,}")


def luhn_holds(number: str) -> bool:
    """The check digit of a payment card (ISO/IEC 7812): every second digit from the right
    doubled, digits summed, a multiple of ten."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def is_payment_card(text: str, start: int, value: str) -> bool:
    number = value.replace(" ", "").replace("-", "")
    if _CARD_WORD.search(text, max(0, start - _CARD_WORD_REACH), start):
        return True
    return luhn_holds(number) and not _CLOCK_RUN.fullmatch(value)


# A letter's or parcel's tracking number in the UPU S10 form every post shares: a service's
# two capitals, eight digits and a check digit, the posting country's code, in one run or
# in groups: "EE 493 118 275 ET", "RR123456785CN", or typed small ("ee 493 118 275 et").
# Whether or not its check digit holds (a mistyped one still points at the parcel);
# clinical text has no such shape.
# Not a unit or a short word on either side: "ml 120 300 200 ml" are volumes.
_UNIT_OR_WORD = rf"(?i:{alternation(wordlists.words('not_postal_item_codes'))}|x\d)\b"
_POSTAL_ITEM = rule(
    "ID",
    rf"(?<![\w-])(?!{_UNIT_OR_WORD})(?-i:[A-Z]{{2}}[ ]?\d{{3}}[ ]?\d{{3}}[ ]?\d{{3}}[ ]?"
    rf"(?!{_UNIT_OR_WORD})[A-Z]{{2}}|[a-z]{{2}}[ ]?\d{{3}}[ ]?\d{{3}}[ ]?\d{{3}}[ ]?"
    rf"(?!{_UNIT_OR_WORD})[a-z]{{2}})(?![\w-])",
    0.85,
    requires=r"\d{3}[ ]?\d{3}[ ]?\d{3}[ ]?[A-Za-z]{2}",
    requires_case=True,
)
# Any label in capitals before a value shaped like an identifier: "NHI ZAB1234",
# "TAJ 123 456 789", "SSS 34-1234567-8" (not "BP 120/80", "WBC 12 000/uL").
_CAPS_LABEL_ID = rule(
    "ID",
    # "HC#: HC 40117729": the number sign may come before the colon.
    r"(?<![\w-])\p{Lu}{2,6}\.?[ \t]*(?:#?:|#)?[ \t]*(?P<x>\p{Lu}{1,4}\d{4,}\p{Lu}?"
    r"|\d{2,}(?:[ -]\d{2,}){1,4}|\p{Lu}{2,4}[ ]\d{3,}(?:[ ]\d{2,})*)(?![\w/.-]|[ \t]*(?:%|mg|mcg|g"
    r"|kg|ml|mL|l|L|cells|copies|IU|U|/|x|\u00d7|mmol|µ|u)\b)",
    0.8,
)

# An Italian fiscal code without its label: six letters of the name, the birth's year,
# month letter and day, the town's code and a check letter, which must hold (accept()), so
# that no other sixteen letters and digits are taken for one: "RSSGLI81C62H501I".
_ITALIAN_FISCAL_CODE = rule(
    "ID",
    r"(?<![\w-])(?-i:[A-Z]{6}\d{2}[ABCDEHLMPRST]\d{2}[A-Z]\d{3}[A-Z])(?![\w-])",
    0.9,
    requires=r"[A-Z]{6}\d\d[A-Z]\d\d[A-Z]\d{3}[A-Z]",
    requires_case=True,
)
# The values of a character at an odd place: the letters in the order of their value ("B"
# is 0, "A" 1, "K" 2, ...); a digit counts as the letter of its rank ("0" as "A").
_FISCAL_ODD_ORDER = "BAKPLCQDREVOSFTGUHMINJWZYX"


def _fiscal_odd_value(ch: str) -> int:
    return _FISCAL_ODD_ORDER.index(chr(ord("A") + int(ch)) if ch.isdigit() else ch)


def italian_fiscal_code_holds(code: str) -> bool:
    """The check letter of a codice fiscale (the Agenzia delle Entrate's algorithm)."""
    total = 0
    for i, ch in enumerate(code[:15]):
        if i % 2 == 0:
            total += _fiscal_odd_value(ch)
        else:
            total += int(ch) if ch.isdigit() else ord(ch) - ord("A")
    return chr(ord("A") + total % 26) == code[15]


# A "cédula" or "carnet de identidad" under its short label in capitals, as Bolivia,
# Uruguay, Paraguay and Venezuela write it: "CI 4871203 LP" (Bolivia: the issuing
# department's code after the number, data/words/identity_card_issuers.txt, and a
# duplicate's complement "-1B"), "C.I. 1.234.567-8" (Uruguay's check digit), "CI
# 3.456.789" (Paraguay), "CI V-12345678" (Venezuela), "CI 95031204417" (Cuba's eleven
# digits, the birth date first). Six digits at least, or dotted thousands, so a cardiac
# index ("CI 2.4") is none.
_ISSUERS = "|".join(wordlists.words("identity_card_issuers"))
_IDENTITY_CARD = rule(
    "ID",
    r"(?<![\w.])(?-i:C\.?I\.?)(?:[ \t]+(?i:no\.?|n[°º]|nro\.?))?[ \t]*[:#]?[ \t]*"
    r"(?P<x>(?-i:[VE])?-?(?:\d{6,11}|\d{1,2}\.\d{3}\.\d{3})(?:-\d{1,2}[A-Z]?)?"
    rf"(?:[ ]?(?-i:{_ISSUERS})\b)?)(?![\w-]|[.,]\d)",
    0.9,
    requires=r"C\.?I\b",
    requires_case=True,
)

# A code of letters and digits in 3-5 parts split by "/" or "-", 5+ digits in all:
# "UCH/24/00871", "2024/ONC/0042", "MRRH/2025/0331", "B/1234/24".
_PARTED_CODE = rule(
    "ID",
    r"(?<![\w./-])(?=[\w/-]*\p{Lu})(?=(?:[^\d\s]*\d){5})[\p{Lu}\d]{1,6}(?:[/-][\p{Lu}\d]{1,6})"
    r"{2,4}(?![\w/-]|\.\w)",
    0.8,
    requires=r"[A-Z][/-][A-Z\d]|[A-Z\d][/-][A-Z]",
    # A code holds no blank, nor do its look-aheads read past one: only the words
    # that hold a part's edge are searched, not a whole text with one "follow-up".
    breaks=" \t\n",
)

# The same code typed in small letters, as a phone's note writes it: "cnhu-24-07721",
# "ch/onc/2024/0662". A part of letters at least, so a date ("12/10/2024") is none.
_PARTED_CODE_SMALL = rule(
    "ID",
    r"(?<![\w./-])(?=[\w/-]*\p{Ll})(?=(?:[^\d\s]*\d){5})[\p{Ll}\d]{1,6}(?:[/-][\p{Ll}\d]{1,6})"
    r"{2,4}(?![\w/-]|\.\w)",
    0.8,
    requires=r"[a-z][/-][a-z\d]|[a-z\d][/-][a-z]",
    requires_case=True,
    breaks=" \t\n",
)


ID_RULES: tuple[Rule, ...] = (
    _ITALIAN_FISCAL_CODE,
    _IDENTITY_CARD,
    _WORLD_ID,
    _IBAN,
    _PAYMENT_CARD,
    _POSTAL_ITEM,
    _BOOKING_ID,
    _CAPS_LABEL_ID,
    _labelled(
        "MRN",
        _labels(
            "MRN",
            "UHID",
            "CR{no}",
            "IP{no}",
            "OP{no}",
            "pt\\.? ?id",
            "patient id",
            "hosp\\.? {no}",
            "NHS {no}",
            "CHI {no}",
            "record",
            "(?:medical |hospital |health |patient |clinic |case |file |chart |folder "
            "|registration |reg\\.? |record |inpatient |outpatient )+{no}",
        ),
    ),
    _labelled(
        "ACCESSION",
        _labels(
            f"accession{_N}",
            f"specimen{_N}",
            "lab {no}",
            f"slide{_N}",
            f"block{_N}",
            f"sample{_N}",
            f"requisition{_N}",
            "order {no}",
        ),
    ),
    _labelled(
        "HEALTH_PLAN",
        _labels(
            "(?:medicaid|medicare|nhif|nhis|insurance|insurer|health plan|plan|member|membership"
            "|subscriber|policy|group|beneficiary|benefit|scheme|payer|card|account|acct|claim)"
            "(?: {no})+",
            "(?:medicaid|medicare|nhif|nhis) ?(?:{no})?",
            "policy",
            "BIN",
            "PCN",
            "CIN",
        ),
    ),
    _labelled("SSN", _labels("SSN", "SIN", f"social security{_N}", f"social insurance{_N}")),
    _labelled(
        "ID",
        _labels(
            f"national id{_N}",
            f"national identity(?: card)?{_N}",
            "NIN",
            "NIC",
            "NID",
            "CNI",
            "CURP",
            "RFC",
            "CPF",
            "RG",
            "DNI",
            "cedula",
            "cédula",
            f"aadhaa?r{_N}",
            "PAN",
            f"passport{_N}",
            f"driver'?s licen[cs]e{_N}",
            f"licen[cs]e{_N}",
            f"DL{_N}",
            "NPI",
            f"DEA{_N}",
            f"employee{_N}",
            f"staff{_N}",
            f"badge{_N}",
            f"ID{_N}",
            "identifier",
            f"voter{_N}",
            f"birth certificate{_N}",
            f"huduma{_N}",
            "KRA PIN",
        ),
    ),
    _labelled(
        "DEVICE",
        _labels(
            f"serial{_N}",
            "S/N",
            "SN",
            f"device{_N}",
            "IMEI",
            f"model{_N}",
            f"lot{_N}",
            f"implant{_N}",
            f"pacemaker{_N}",
            "UDI",
        ),
    ),
    _labelled(
        "VEHICLE",
        _labels(
            "VIN",
            f"vehicle{_N}",
            f"(?:licen[cs]e |number |registration )?plate{_N}",
            f"registration{_N}",
            "reg\\.? {no}",
        ),
    ),
    # Number plates after a cue: "plate KDA 123X", "reg. no. AB12 CDE"; a state's letters, a
    # district's number, a series and a number: "vehicle KA 05 MN 4412", "MH12AB1234".
    rule(
        "VEHICLE",
        r"(?i:\b(?:plate|number plate|licen[cs]e plate|registration|reg\.?|vehicle)"
        r"(?:[ \t]+(?:no\.?|number|#))?)[ \t]*[:#]?[ \t]*"
        r"(?P<x>[A-Z]{2}[ -]?\d{1,2}[ -]?[A-Z]{1,3}[ -]?\d{1,4}"
        r"|[A-Z]{1,3}[ -]?\d{1,4}[ -]?[A-Z]{0,3}|[A-Z]{2}\d{2}[ ]?[A-Z]{3})\b",
        0.9,
    ),
    # US SSN shape, anywhere.
    rule("SSN", r"(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])", 0.95),
    # Two letters, three pairs of digits and a letter, spaced (a national insurance
    # number's shape, used for many countries' IDs): "LB 99 73 89 T", "yc 52 52 79 d".
    rule(
        "ID",
        r"(?i)(?<![\w-])[a-z]{2}[ ]\d\d[ ]\d\d[ ]\d\d[ ][a-z](?![\w-])",
        0.85,
        requires=r"\d\d \d\d \d\d ",
        requires_case=True,
    ),
    # Accession-like: S16-1271, SP-21-004512, H19-00321
    rule("ACCESSION", r"\b[A-Z]{1,4}-?\d{2}-\d{3,8}\b", 0.85),
    # A letters+digits code with 5+ digits: NM40394492, A6261177, KCH/2021/004512
    rule(
        "ID", r"(?<![\w./-])(?=[A-Za-z0-9/-]*\d{5})[A-Z]{1,4}[-/]?\d[\d/-]*\d[A-Z]?(?![\w./-])", 0.8
    ),
    # Any "<label> number/no./#" before a value with 4+ digits: "BI number 110100123456A".
    rule(
        "ID",
        r"(?i:\b(?:number|num|no|nr|#|n[°º]|n\.[°º]))\.?[ \t]*[:#]?[ \t]*"
        r"(?P<x>(?=[\w./-]*\d{4})[A-Za-z0-9][A-Za-z0-9./-]*[A-Za-z0-9])",
        0.8,
    ),
    # After the number signs of other languages ("№ 14882/26", "nº AP 3312/26", "n° AP
    # 26-6612", "nr. H 7719/2026", "№ Г-5512"), a record's letters may stand apart from its
    # number, in any script, and the number hold a slash or a dash: four digits at least,
    # no decimal point. "nr" only with its full stop: "nr 3.5-5.0" is a normal range.
    rule(
        "ID",
        r"(?:№|(?i:\b(?:n[°º]|n\.[°º]|nr\.)))[ \t]*[:#]?[ \t]*"
        r"(?P<x>(?:\p{Lu}{1,4}[ -]?)?(?=(?:[/-]?\d){4})\d[\d/-]*\d)(?![\w/-]|[.,]\d)",
        0.8,
    ),
    _PARTED_CODE,
    _PARTED_CODE_SMALL,
    # A record number with its check digit after a hyphen: "3618449-1", "(1408016-4)".
    rule("ID", r"(?<![\w.,/+-])\d{5,}-\d(?![\w/-]|[.,]\d)", 0.75),
    # A bare run of 6+ digits (a check letter allowed) that is not a measurement.
    rule(
        "ID",
        r"(?<![\w.,/+-])\d{6,}[A-Z]?(?![\w/-]|[.,]\d)(?![ \t]*(?:%|mg|mcg|g|kg"
        r"|ml|mL|l|L|cells|copies|IU|U|/))",
        0.75,
    ),
)


# Capitals then digits ("ASH 0412 3390") are an identifier's prefix and number, unless the
# capitals are a word of the ward with its value ("NA 141", "FS 0400", "LIWS 350", "AC 500") or a
# clock time after a word that times it ("AT 2330", "@ 0400").
_WORD_AND_NUMBER = regex.compile(r"(?P<w>\p{Lu}{2,4})[ ](?P<n>\d{3,})")
_CLOCK = regex.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
_TIMING_WORDS = frozenset(w.lower() for w in wordlists.words("timing_words"))
# A weekday before a clock time says when ("DISCONNECT FRI 1140").
WEEKDAYS = frozenset(w.lower() for w in wordlists.read("date_openers", "en"))


def _ward_word_and_value(value: str) -> bool:
    m = _WORD_AND_NUMBER.fullmatch(value)
    if m is None:
        return False
    word = m.group("w")
    if word.lower() in _TIMING_WORDS or word.lower() in WEEKDAYS:
        return _CLOCK.fullmatch(m.group("n")) is not None
    return (
        is_ward_word(word) or word.lower() in VENT_MODES or is_labelled_value(value, 0, len(word))
    )


# A measurement's label in capitals and its value after the heading "ID:": "ID: TMAX
# 102.1" (an ICU note's infectious-disease block), "ID: WBC 180". No measure has more
# than four digits, and an identifier's number more than that; after another label, or
# after "ID:" inside a line, a short number may still be one ("Patient ID: HR 2044").
_MAX_DIGITS_OF_A_MEASURE = 4
# The heading opens its line ("ID: TMAX 102.1"); "Patient ID: HR 2044" is a label.
_ID_HEADING = regex.compile(r"[ \t]*(?i:ID)[ \t]*:[ \t]*")


def _a_label_and_its_measure(value: str) -> bool:
    m = _WORD_AND_NUMBER.fullmatch(value)
    return m is not None and is_labelled_value(value, 0, len(m.group("w")))


# A national label is an acronym: written as a word with one capital ("Pan", "Nin", "Dni")
# before a number of three digits or fewer, it is a word (a brand and its strength: "Pan
# 40", "Dolo 650"), and no national scheme numbers anybody in three digits.
_TITLED_WORD_BEFORE = regex.compile(r"(?<![\w-])(?P<w>\p{Lu}\p{Ll}{1,3})[ \t]*[:#]?[ \t]*\Z")


def _short_number_after_a_titled_word(text: str, start: int, value: str) -> bool:
    if not (value.isdigit() and len(value) <= 3):
        return False
    return _TITLED_WORD_BEFORE.search(text, max(0, start - 10), start) is not None


# Words that announce a number rather than begin one ("ID card 0102...", "no. box 14"):
# data/words/number_cues.txt, data/words/card_words.txt.
_WORDS_BEFORE_A_NUMBER = frozenset(
    w.lower() for w in (*wordlists.words("number_cues"), *wordlists.words("card_words"))
)


def _small_letters_a_word_before_digits(value: str) -> bool:
    """ "on 1234567", "was 2290451", "card 0102407": small letters before a labelled number
    that are a word of the sentence, not the record's prefix ("rh 2290451")."""
    from echo_cases.deid.vocabulary import is_known_word

    head, _, rest = value.partition(" ")
    if not (rest[:1].isdigit() and head.isalpha() and head.islower()):
        return False
    return _opens_with_function_word(head) or is_known_word(head) or head in _WORDS_BEFORE_A_NUMBER


def _opens_with_function_word(value: str) -> bool:
    from echo_cases.deid.candidates import is_function_word  # candidates imports recognizers

    head = value.split(" ", 1)[0]
    return head.isalpha() and is_function_word(head)


# A range per unit of time or weight ("60-100/HR", "40-100CC/HR", "30-50/hr") or a range
# of pressures in tens ("120-140S/60-70S"): numbers of up to three digits, each bare, in
# tens or with a unit of measure, and the rest units or what a rate is per
# (data/words/measure_units.txt, data/words/rate_denominators.txt); one unit at least. An
# identifier's parts are letters that name a place or a service, or numbers of four digits
# or more; and numbers alone are a date, a house's or a record's ("14-11-26", "cra 7 #
# 45-10", "CH 118-264"), whatever their size.
_RATE_UNITS = frozenset(
    w.lower() for w in (*wordlists.words("measure_units"), *wordlists.words("rate_denominators"))
)
_MEASURED_PART = regex.compile(r"(?P<n>\d{1,3}(?:\.\d+)?)(?P<u>\p{L}*)")
_RANGE_OF_NUMBERS = regex.compile(r"\d(?:\p{L}*)-\d")
_RATE_PARTS = regex.compile(r"[/-]")


def is_a_range_per_unit(value: str) -> bool:
    if not value[:1].isdigit() or _RANGE_OF_NUMBERS.search(value) is None:
        return False
    units = 0
    for part in _RATE_PARTS.split(value):
        measured = _MEASURED_PART.fullmatch(part)
        unit = measured.group("u").lower() if measured is not None else part.lower()
        if unit and unit != "s" and unit not in _RATE_UNITS:
            return False
        units += bool(unit)
    return units > 0


# A unit of measure after the number, in any case ("500 CC", "40 MEQ"; the rule's own
# look-ahead knows some small-letter units only); not a copy's "CC:" in a letter's head.
# Units of two letters or more: one letter after a number may be a code's ("4471 D").
_UNIT_AFTER = regex.compile(
    rf"[ \t]+(?i:{alternation(u for u in wordlists.words('measure_units') if len(u) > 1)})"
    r"(?![\w:])"
)


def _a_unit_after(text: str, end: int) -> bool:
    return _UNIT_AFTER.match(text, end) is not None


_MIN_LABELLED_DIGITS = 7
_MAX_LABELLED_GROUPS = 3

# A code of capitals and digits mixed, as Azerbaijan's FIN ("5HK8T2P") and other
# countries' card numbers are written: a letter between digits and a digit between
# letters, three digits at least, no separator (not "2HRZE", a regimen, nor "2015").
_MIXED_CODE = regex.compile(r"(?=(?:[A-Z]*\d){3})(?=[A-Z0-9]*\d[A-Z]+\d)[A-Z0-9]{6,12}")


def _letters_and_digits_mixed(value: str) -> bool:
    return _MIXED_CODE.fullmatch(value.upper()) is not None and value.isalnum()


# A bare run of nine digits or more measures nothing (no vital sign, laboratory value or
# ventilator setting is written so), so a word of the ward before it is an identifier's label,
# not a measure's. The word itself stays out of the value ("IS 3157728914", "NO 4735110554588"
# in capitals: the number alone is the identifier).
_LONG_RUN = regex.compile(r"\d{9,}")


def _beyond_any_measure(value: str) -> bool:
    return _LONG_RUN.fullmatch(value) is not None


class EchoIdRecognizer(RuleRecognizer):
    def __init__(self) -> None:
        super().__init__("EchoIdRecognizer", ID_RULES)

    def accept(self, text: str, start: int, end: int, rule_: Rule) -> bool:
        value = text[start:end]
        digits = sum(c.isdigit() for c in value)
        # A country's ID label before seven digits or more in three groups at most is no
        # vital sign's, though the label may be one's: "NIF 245 781 903" is a Portuguese
        # tax number, "NIF 88 92 95 102 110" a run of negative inspiratory forces.
        labelled = (
            rule_ is _WORLD_ID
            and digits >= _MIN_LABELLED_DIGITS
            and len(value.split()) <= _MAX_LABELLED_GROUPS
        )
        if rule_ is _IDENTITY_CARD:
            return True  # "CI" labels a cardiac index too, but never six digits
        if _beyond_any_measure(value):
            return True  # "HR 203948571": no vital sign's value has nine digits
        if is_measured(text, start) and not labelled:
            return False  # "HR 88 92 95 102", "SBP 120-140": vital signs
        if is_blood_gas(value) or after_ventilator_mode(text, start):
            return False  # "ABG on tc 7.43/44/82", "AC 500/14/PEEP 5": values
        if rule_ is _CAPS_LABEL_ID and is_small_range(value):
            return False  # "XYZ 120-140": a range; an identifier needs its own label
        if rule_ is _CAPS_LABEL_ID and _a_unit_after(text, end):
            return False  # "NS 500 CC BOLUS", "KCL 40 MEQ": a dose, its unit in capitals
        if rule_ is _CAPS_LABEL_ID and _ward_word_and_value(value):
            return False  # "LYTES: NA 141", "FS 0400", "NGT TO LIWS 350", "CALLED AT 2330"
        if (
            digits <= _MAX_DIGITS_OF_A_MEASURE
            and _ID_HEADING.fullmatch(text, text.rfind("\n", 0, start) + 1, start)
            and _a_label_and_its_measure(value)
        ):
            return False  # "ID: TMAX 102.1": an ICU note's infectious-disease heading
        if rule_ is _CAPS_LABEL_ID and hour_of_extubation(text, end - 4):
            return False  # "EXT 2200 LAST NIGHT": extubated then, no label and number
        if rule_ is _CAPS_LABEL_ID and _opens_with_function_word(value):
            return False  # "LIVES AT 203 COLLINS ST": in capitals every word looks a label
        if rule_ in (_PARTED_CODE, _PARTED_CODE_SMALL) and is_a_range_per_unit(value):
            return False  # "UOP 60-100/HR", "40-100CC/HR", "BP 120-140S/60-70S": rates
        if rule_ is _ITALIAN_FISCAL_CODE:
            return italian_fiscal_code_holds(value)
        if rule_ is _PAYMENT_CARD:
            return is_payment_card(text, start, value)
        if _small_letters_a_word_before_digits(value):
            return False  # "record on 1234567": a word of the sentence, not the prefix
        if _short_number_after_a_titled_word(text, start, value):
            return False  # "Pan 40 od", "Rg 12": a brand's strength, not a PAN or an RG
        if rule_ is _IBAN and not (digits >= 10 and 15 <= len(value.replace(" ", "")) <= 34):
            return False
        if (
            rule_ is _WORLD_ID
            and (digits < 4 or (digits == 4 and value.isdigit()))
            and not _letters_and_digits_mixed(value)
        ):
            return False  # "ART 2015": a year after a programme name
        if rule_ is _CAPS_LABEL_ID and digits < 5 and not value[0].isalpha():
            return False
        if " " in value and value.replace(" ", "").isdigit() and digits < 5:
            return False  # "MRN 12 3": too short for spaced groups
        # A year range or a date is not an identifier ("2019-2021" is caught as dates if at all).
        return not (len(value) == 9 and value[4] == "-" and value[:4].isdigit())
