"""Phone and fax numbers, e-mail, URLs and IP addresses."""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult

from echo_cases.deid import wordlists
from echo_cases.deid.public_suffixes import has_public_suffix
from echo_cases.deid.recognizers.base import Rule, RuleRecognizer, cue, rule
from echo_cases.deid.recognizers.fragments import alternation
from echo_cases.deid.shorthand import is_measured

_PHONE_CONTEXT = (
    cue(
        (
            "tel",
            "telephone",
            "phone",
            "phoned",
            "ph",
            "mobile",
            "mob",
            "cell",
            "cellphone",
            "fax",
            "whatsapp",
            "landline",
            "pager",
            "bleep",
            "contact",
            "contacted",
            "call",
            "called",
            "reach",
            "reached",
            "reachable",
            "text",
            "texted",
            "sms",
            "number",
            "no",
        )
    )
    + r"(?:[ \t]+(?:on|at|via))?"
)

# A country's or area's code in brackets without its "+", then the subscriber's digits in
# one run: "Tel dela (351) 962534703", "(020) 79460958". The brackets part the number as a
# separator would (accept()). Not a year in brackets: "(2019) 123456789".
_CODE_IN_BRACKETS = rule(
    "PHONE",
    r"(?<![\w+(/])\((?!(?:19|20)\d\d\))\d{2,4}\)[ ]?\d{8,11}(?![\w/-]|\.\d)",
    0.85,
)

_VANITY = rule(
    "PHONE",
    r"(?<![\w+/-])(?:\+?1[ .-]?\(?8(?:00|33|44|55|66|77|88)\)?|\(8(?:00|33|44|55|66|77|88)\))"
    r"(?:[.-]|(?<=\))[ ]?)(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9]{2,8}(?:[.-][A-Za-z0-9]{2,8}){0,2}"
    r"(?![\w-])",
    0.85,
    requires=r"8(?:00|33|44|55|66|77|88)(?:[.-]|\)[ ]?)[A-Za-z0-9]*[A-Za-z]",
)
_VANITY_LETTERS = regex.compile(r"[A-Za-z]")
_VANITY_MIN, _VANITY_MAX = 7, 10
_EXTENSION_WORDS = wordlists.words("phone_extension_words")
_EXTENSION_ALONE = rule(
    "PHONE",
    rf"(?i:{cue(_EXTENSION_WORDS)})\.?[ \t]*[:#]?[ \t]*(?P<x>\d{{1,2}}-\d{{4}}|\d{{2,6}})"
    r"(?!\w|[.,/-]\d|[ \t]*(?:mm|cm|°))",
    0.85,
)
# "EXT 2200 LAST NIGHT": "ext" (extubated) opening its clause, a clock, and a word that
# times it (data/words/times_after_a_clock.txt) are the hour the tube came out, not an
# extension; "call ext 2215 today" is still one.
_CLOCK_TIMED = regex.compile(
    r"(?:[01]\d|2[0-3])[0-5]\d[ \t,]+"
    rf"(?i:{alternation(wordlists.words('times_after_a_clock'))})(?![\w-])"
)
_EXT_OPENING_A_CLAUSE = regex.compile(r"(?:\A|[.;,:\n])[ \t]*(?i:ext)\.?[ \t]*\Z")


def hour_of_extubation(text: str, clock: int) -> bool:
    """The four digits at ``clock`` are when the tube came out: "EXT 2200 LAST NIGHT"."""
    if text[clock - 1 : clock].isdigit() or _CLOCK_TIMED.match(text, clock) is None:
        return False
    return _EXT_OPENING_A_CLAUSE.search(text, max(0, clock - 8), clock) is not None


# A ward's pager or handset number after its word (data/words/paging_words/): "pgr 3345",
# "BLEEP 212", "spectralink 5-6712", "vocera #4102". Its digits may be parted once after a
# prefix digit or two, as in-house numbers are ("3-4456"), or be two handsets' numbers
# ("vocera 7718/7719"). Never after "at": "pump beep at
# 0300" is the sound at a time.
_PAGER = rule(
    "PHONE",
    rf"(?i:{cue(wordlists.words('paging_words'))})\.?[ \t]*(?:(?i:on)[ \t]+)?[:#]?[ \t]*"
    r"(?P<x>\d{1,2}-\d{4}|\d{4}/\d{4}|\d{2,6})(?![\w%°]|[.,/-]\d|[ \t]*(?:mm|cm)\b)",
    0.85,
)
# A number to reach someone by after a word that calls or pages (data/words/reach_cues.txt):
# "pls page 4471", "paged @ 4471", "cb# 4471". Four digits a clock can be are the hour
# ("paged @ 0215", "call 1400"), unless a number sign marks them (accept()).
_REACHED_AT = rule(
    "PHONE",
    rf"(?i:{cue(wordlists.words('reach_cues'))})\.?[ \t]*(?:(?i:to|at|@)[ \t]*)?[#:]?[ \t]*"
    r"(?P<x>\d{4,5})(?![\w%°]|[.,/-]\d|[ \t]*(?:mm|cm|ml|mg|mcg|units?)\b)",
    0.85,
)
_A_CLOCK = regex.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
_NUMBER_SIGN_BEFORE = regex.compile(r"#[ \t]*\Z")


def _reached_at(text: str, start: int, end: int) -> bool:
    """The digits after a calling word are a number, not the hour it happened."""
    if _A_CLOCK.fullmatch(text, start, end) is None:
        return True
    return _NUMBER_SIGN_BEFORE.search(text, max(0, start - 3), start) is not None


# An extension glued to its "x", as a directory writes it: "X6218", "x4471", the whole word
# (a finding never starts inside one). Four or five digits, so the counts "x2", "x3" and
# "x10^9" stay what they are; not after a number or before a unit's slash, where it
# multiplies ("Plt 150 x1000/uL").
_GLUED_EXTENSION = rule(
    "PHONE",
    r"(?<![\w.+/-])(?<!\d[ \t])[xX]\d{4,5}(?![\w%°^/]|[.,-]\d)",
    0.85,
    requires=r"(?<![\w.+/-])x\d{4}",
)
# After a phone number: its extension, by any of its words ("ramal 215", "EXT 12").
_EXTENSION_AFTER = regex.compile(
    rf"[ \t]*[,;]?[ \t]*(?:(?i:{'|'.join(_EXTENSION_WORDS)}|extension)\.?[ \t]*[:#]?[ \t]*)"
    r"\d{1,6}(?!\w|[.,/-]\d)"
)

PHONE_RULES: tuple[Rule, ...] = (
    # North American: (436) 725-4735, 436-725-4735, +1 436 725 4735, 436.725.4735
    rule(
        "PHONE",
        r"(?<![\w+/-])(?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?:\s*(?:x"
        r"|ext\.?)\s*\d{1,5})?(?![\w/-]|\.\d)",
        0.9,
        ignore_case=True,
    ),
    # International: +254 773 393019, +44 (0)20 7946 0958, +91-98765-43210
    rule(
        "PHONE",
        r"(?<![\w+(])(?:\+\d{1,3}|\(\+\d{1,3}\))(?:[ .-]?\(\d{1,4}\))?(?:[ .-]?\d{1,5}){2,5}"
        r"(?![\w-]|\.\d)",
        0.9,
    ),
    _CODE_IN_BRACKETS,
    # National trunk prefix 0: 0722 123 456, 020 7946 0958, (0) 20 7946 0958, 011-2345-6789
    rule(
        "PHONE",
        r"(?<![\w+/.-])\(?0\d{1,4}\)?[ .-]\d{2,4}[ .-]?\d{3,4}(?:[ .-]\d{2,4})?(?![\w/-]|\.\d)",
        0.8,
    ),
    # Trunk prefix with a slash: "06-7/273 1354", "(06)36/699-4317", "030/1234 5678"
    rule(
        "PHONE",
        r"(?<![\w+/.-])(?:\(0\d{1,4}\)[ ]?|0\d{1,4}[ .-]?)\d{0,4}/[ ]?\d{2,4}(?:[ .-]?\d{2,4}){1,3}"
        r"(?![\w/-]|\.\d)",
        0.8,
    ),
    # Any phone-shaped run: optional +/00 prefix, 3+ digit groups, 9-15 digits, extension.
    # "001-576-921-5891x39288", "+90(219)746-2730x331", "328.251.6384"
    rule(
        "PHONE",
        r"(?<![\w+/.-])(?:\+|\b)\(?\d{1,4}\)?(?:[ .-]?\(?\d{1,4}\)?){2,5}"
        r"(?:[ ]?(?:x|ext\.?)[ ]?\d{1,6})?(?![\w/-]|\.\d)",
        0.8,
    ),
    # A toll-free number spelt in letters, as businesses advertise it: "1-800-FLOWERS",
    # "1-888-GET-HELP", "(800) CONTACTS". Seven to ten letters and digits after the code,
    # two letters at least (accept()), joined by hyphens or dots, so "1-800 mg" is none.
    _VANITY,
    # An extension alone after its word: "(ext. 4410)", "anexo 215", "poste 6620"; parted once
    # after a prefix digit or two as in-house numbers are ("ext 4-6620"), like a pager's.
    _EXTENSION_ALONE,
    _PAGER,
    _REACHED_AT,
    _GLUED_EXTENSION,
    # Any 7-15 digit run announced by a phone context word.
    rule(
        "PHONE",
        rf"{_PHONE_CONTEXT}\.?\s*(?:number|no\.?|#)?\s*[:#]?\s*"
        r"(?P<x>[+(]{0,2}\d[\d ().-]{5,18}\d)(?![\w-])",
        0.95,
        ignore_case=True,
    ),
)

EMAIL_RULES: tuple[Rule, ...] = (rule("EMAIL", r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", 0.95),)

# A bare domain after a word that says it is a web address: "her own site priyaraman.dev",
# "w: zenithgroup.ng", "Website - tavola.it". The domain must end in a public suffix
# (accept()); without the word, "stable.no rash" is a full stop typed without its space.
_WEB_CUED_DOMAIN = rule(
    "URL",
    rf"(?i:{cue(wordlists.words('web_cues'))})[ \t]*[:=-]?[ \t]*"
    r"(?P<x>(?:[\p{L}\d](?:[\p{L}\d-]*[\p{L}\d])?\.)+\p{L}{2,})(?![\w-]|\.\w)",
    0.85,
)
URL_RULES: tuple[Rule, ...] = (
    rule(
        "URL",
        r"\b(?:https?://|ftp://|www\.)[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]",
        0.95,
        ignore_case=True,
    ),
    # Bare domains with a path: instagram.com/someone, portal.example.org/p/123
    rule(
        "URL",
        r"(?<![@\w.-])(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|io|info|me|co|ke|ng|in|uk|za"
        r"|ug|tz|gh|mx|br|ar|au|ca)(?:\.[a-z]{2})?/[^\s<>\"')\]]*[^\s<>\"')\].,;:!?]",
        0.9,
        ignore_case=True,
        requires=r"\.[a-z]{2,4}/",
    ),
    _WEB_CUED_DOMAIN,
)

IP_RULES: tuple[Rule, ...] = (
    rule(
        "IP_ADDRESS",
        r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)"
        r"(?!\d|\.\d)",
        0.9,
    ),
    rule(
        "IP_ADDRESS",
        r"(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\w:])"
        r"|(?<![\w:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}:?){1,6}(?![\w:])",
        0.85,
        ignore_case=True,
        requires=r"::|(?:[0-9a-f]{1,4}:){3}",
        # No blank inside the address: only the words that hold its gate are searched
        # (a date "12-03-20" opens the gate, and the whole text was searched for it).
        breaks=" \t\n",
    ),
    rule(
        "DEVICE",
        r"(?<![\w:-])(?:[0-9A-F]{2}[:-]){5}[0-9A-F]{2}(?![\w:-])",
        0.9,
        ignore_case=True,
        requires=r"[0-9A-F]{2}[:-][0-9A-F]{2}[:-][0-9A-F]{2}",
        # No blank inside the address: only the words that hold its gate are searched
        # (a date "12-03-20" opens the gate, and the whole text was searched for it).
        breaks=" \t\n",
    ),
)


# Readings of up to three digits each: "88 92 95 102 110", "131 (128-132)".
_READINGS = regex.compile(r"[1-9]\d{0,2}(?:[ ,()/-]+[1-9]\d{0,2})+\)?")
_EXTENSION = regex.compile(r"[ ]?(?:x|ext\.?)[ ]?\d+$", regex.IGNORECASE)
# At least two separators between digit groups: "436-725-4735", "(0)20 7946 0958".
_SEPARATED = regex.compile(r"\d[ ./()-]+\d+[ ./()-]+\d")


_HANDLE_TAIL = regex.compile(r"(?:[ ]\p{Ll}+){1,2}\d+(?=[.,;:!?)]?(?:\s|$))")


# A run of numbers parted by dots after a word that names a version is one, not a phone nor
# an IP address ("firmware 3.4.12.8"); so is one with a group of one digit inside that is
# no IP address ("119.0.6045.105"): a phone's dotted groups have two digits or more.
_DOTTED = regex.compile(r"\+?\d+(?:\.\d+)+")
_IPV4 = regex.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_VERSION_WORD = regex.compile(
    r"(?i:\b(?:v|ver|version|build|release|firmware|update|chrome|firefox|safari|edge|ios"
    r"|android|windows|tls|python))\.?[ \t]*$"
)


def _is_version(text: str, start: int, value: str) -> bool:
    """A dotted run that is a version: after a version's word, or (a phone's shape) with a
    group of one digit; an IP address's groups may have one ("10.0.4.22")."""
    if not _DOTTED.fullmatch(value):
        return False
    if _VERSION_WORD.search(text, max(0, start - 12), start) is not None:
        return True
    return _IPV4.fullmatch(value) is None and any(
        len(group) == 1 for group in value.lstrip("+").split(".")[1:]
    )


def _digits(s: str) -> int:
    return sum(c.isdigit() for c in s)


class EchoContactRecognizer(RuleRecognizer):
    """Everything that reaches a person: phones, fax, e-mail, web addresses, IPs."""

    def __init__(self) -> None:
        super().__init__(
            "EchoContactRecognizer", (*PHONE_RULES, *EMAIL_RULES, *URL_RULES, *IP_RULES)
        )

    def accept(self, text: str, start: int, end: int, rule_: Rule) -> bool:
        value = text[start:end]
        if rule_ is _VANITY:
            after_code = value.lstrip("+1 .-(")[3:]
            letters = len(_VANITY_LETTERS.findall(after_code))
            signs = sum(c.isalnum() for c in after_code)
            return letters >= 2 and _VANITY_MIN <= signs <= _VANITY_MAX
        if rule_ is _EXTENSION_ALONE:
            return not hour_of_extubation(text, end - 4)
        if rule_ in (_PAGER, _GLUED_EXTENSION):
            return True
        if rule_ is _REACHED_AT:
            return _reached_at(text, start, end)
        if rule_ is _WEB_CUED_DOMAIN:
            return has_public_suffix(value.lower())
        if rule_.subtype in ("PHONE", "IP_ADDRESS") and _is_version(text, start, value):
            return False
        if rule_.subtype == "PHONE":
            if is_measured(text, start) and _READINGS.fullmatch(value):
                return False  # "HR 88 92 95 102 110": a run of heart rates, not "T: 020 7946 0958"
            main = _EXTENSION.sub("", value)
            if rule_.score < 0.9 and rule_ is not _CODE_IN_BRACKETS and not _SEPARATED.search(main):
                return False  # a plain digit run is an ID's business, not a phone's
            return 7 <= _digits(main) <= 15
        if rule_.subtype == "EMAIL":
            # Without a real public suffix ("x@y.local", "a@b.c") it is not an address.
            domain = value.rsplit("@", 1)[1]
            return has_public_suffix(domain) or domain.endswith((".local", ".lan"))
        return True

    def finish(
        self, text: str, results: list[RecognizerResult], entities: list[str]
    ) -> list[RecognizerResult]:
        for res in results:
            if res.entity_type == "PHONE":
                # Its extension by any of its words: "(11) 3069-4200 ramal 215".
                extension = _EXTENSION_AFTER.match(text, res.end)
                if extension:
                    res.end = extension.end()
            if res.entity_type == "URL" and "/" in text[res.start : res.end].split("//")[-1]:
                # A profile handle typed with a space ("facebook.com/de jesús867"): the
                # lower-case words up to the handle's digits belong to the URL.
                tail = _HANDLE_TAIL.match(text, res.end)
                if tail:
                    res.end = tail.end()
        return results
