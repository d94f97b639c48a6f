"""Facilities, street addresses, cities and villages, postal codes, employers.

Convention (HIPAA Safe Harbor, and the shared corpus): a US state or a country
standing alone, or trailing a city ("Jaunpur, India"), is kept; the city, the
street and the ZIP code are redacted.
"""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from echo_cases.deid import landmarks, lexicon, locale_streets, postcode_shapes, wordlists
from echo_cases.deid.address_chains import address_chains
from echo_cases.deid.derived import is_drug_name, is_plain_english_word
from echo_cases.deid.facility_fields import facility_field_values
from echo_cases.deid.frequency import is_frequent_word, is_very_common_word
from echo_cases.deid.recognizers.base import Rule, RuleRecognizer, cue, rule
from echo_cases.deid.recognizers.fragments import (
    FACILITY_NAME,
    NAME_WORD,
    PARTICLE,
    PLACE_NAME,
    REGION,
    STATE,
    STATE_ABBR,
    alternation,
    as_written,
)
from echo_cases.deid.shorthand import is_drug, is_shorthand, is_ward_word
from echo_cases.deid.vocabulary import is_common_word, is_known_word

# "Kenyatta National Hospital" / "Hospital General de Occidente" / "514 Ilori Burg"
_FACILITY_HEAD = alternation(lexicon.FACILITY_HEADS_LAST)
# A head that opens with a short form in capitals is typed small too ("bv Chợ Rẫy", "rsu
# Harapan"): the name after it still has its capitals.
_HEAD_FIRST = alternation(
    (
        *lexicon.FACILITY_HEADS_FIRST,
        *(
            h.lower()
            for h in lexicon.FACILITY_HEADS_FIRST
            if h.split()[0].isupper() and len(h.split()[0]) <= 3
        ),
    )
)
_STREET = alternation(lexicon.STREET_TYPES)
# "Kibera Village", "Nyando District"; "Kakuzi Ltd", "Mumias Sugar Factory"
_SETTLEMENT = alternation(wordlists.words("settlement_kinds"))
_EMPLOYER_KIND = alternation(wordlists.words("employer_kinds"))
_UNIT = rf"{alternation(wordlists.words('units_before_numbers'))}\.?"
_NUM = r"(?:\d+[A-Za-z]?(?:[/-]\d+[A-Za-z]?)*|No\.?[ \t]*\d+\w*)"
# A unit and its number alone ("Room 12", "Suite 4"): no street.
UNIT_ALONE = regex.compile(rf"(?i:{_UNIT})[ \t]*{_NUM}")

# "lives in Kisumu", "moved to Eldoret", "native of Nyeri", "hails from Kano".
_SETTLED = cue(
    (
        "lives",
        "living",
        "resides",
        "residing",
        "resident",
        "moved",
        "relocated",
        "born",
        "raised",
        "grew up",
        "based",
        "stays",
        "staying",
        "settled",
        "returned",
        "traveled",
        "travelled",
        "traveling",
        "works",
        "working",
        "employed",
        "farms",
    )
)
_HOME_CUES = cue(
    (
        "resident of",
        "native of",
        "hometown",
        "hometown of",
        "hometown is",
        *(
            f"{unit} of"
            for unit in ("city", "town", "village", "district", "county", "parish", "province")
        ),
        "municipality of",
        "barangay",
        "hails from",
        "originally from",
        "comes from",
        "came from",
        "is from",
    )
)
_WORKERS = cue(
    (
        "works",
        "worked",
        "working",
        "employed",
        "employee",
        "job",
        "teacher",
        "nurse",
        "driver",
        "clerk",
        "laborer",
        "labourer",
        "cleaner",
        "guard",
        "engineer",
        "manager",
    )
)
_POSTCODE_LABELS = cue(
    ("zip", "zip code", "postal code", "postcode", "post code", "pin code", "pin", "CEP", "C.P.")
)

# "Gallup, NM 87301", "Tuba City, AZ": a state code after a comma (case-sensitive).
_CITY_STATE_CODE = rule(
    "CITY",
    rf"(?P<x>{PLACE_NAME}),[ \t]+(?-i:{STATE_ABBR})(?=[ \t]+\d{{5}}|[ \t]*[.,;)\n]|[ \t]*$"
    r"|[ \t]+\p{Ll})",
    0.85,
    requires=r",[ \t]+[A-Z]{2}\b",
    requires_case=True,
    breaks="\n",
)
_CODE_AFTER = regex.compile(r",[ \t]+(?P<code>[A-Z]{2})(?P<zip>[ \t]+\d{5})?")

# Languages that write the house number after the street: a street word apart ("Kálmán
# Imre u. 12.", "Erzsébet tér 19") or an ending fused to the name ("Kiannonkatu 98",
# "Hersnapvej 75", "NIITYNPERÄNKUJA 65").
# With every Faker locale's words of that place (locale_streets.py: "-gatan", "utca").
_NUMBER_AFTER = tuple(
    dict.fromkeys((*wordlists.words("street_words_before_number"), *locale_streets.BEFORE_NUMBER))
)
_STREET_WORD_APART = alternation(w for w in _NUMBER_AFTER if not w.startswith("-"))
_STREET_ENDING = alternation(w[1:] for w in _NUMBER_AFTER if w.startswith("-"))
_HOUSE_NUMBER = r"\d{1,4}[A-Za-z]?(?:[/-]\d{1,4}[A-Za-z]?)?\.?(?![\w/.,-]\d)"
_STREET_THEN_NUMBER = (
    rule(
        "ADDRESS",
        rf"(?<![\w-])(?:{NAME_WORD}[ \t]+){{1,3}}(?i:{_STREET_WORD_APART})(?!\w)[ \t]*"
        rf"{_HOUSE_NUMBER}",
        0.85,
        requires=rf"\d(?<=(?i:{_STREET_WORD_APART})[ \t]*\d)",
        breaks="\n,;:",
    ),
    # The house number's label between them, its colon too: "Bağdat Caddesi No: 212".
    rule(
        "ADDRESS",
        rf"(?<![\w-])(?:{NAME_WORD}[ \t]+){{1,3}}(?i:{_STREET_WORD_APART})(?!\w)[ \t]*"
        rf"(?:No|Nr|Nº|N°)[.:]?[ \t]*{_HOUSE_NUMBER}",
        0.85,
        requires=r"(?:No|Nr|Nº|N°)[.:]?[ \t]*\d",
        requires_case=True,
        breaks="\n,;",
    ),
    rule(
        "ADDRESS",
        rf"(?<![\w-])(?:{NAME_WORD}[ \t]+){{0,2}}\p{{Lu}}[\p{{L}}\p{{M}}-]*"
        rf"(?i:{_STREET_ENDING})[ \t]+{_HOUSE_NUMBER}",
        0.85,
        # Found from the number back (fast); "strasse" for "-straße" written without ß.
        requires=rf"[ \t]\d(?<=\p{{L}}(?i:{_STREET_ENDING}|strasse)[ \t]+\d)",
        breaks="\n,;:",
    ),
)
# An intersection is an address: "the corner of 74 Sikelianou Street and ten Pas Pass",
# "corner of Csabai kapu 39. and Mathias Pass". The first street is whatever stands before
# "and"; the second ends at the first word in small letters that is no particle.
_STREET_PART = rf"(?:{NAME_WORD}|\d+\w*|\p{{Ll}}{{1,3}}\.)"
_INTERSECTION = rule(
    "ADDRESS",
    rf"(?i:(?:the[ \t]+)?{cue(('corner of', 'intersection of', 'junction of'))})[ \t]+"
    rf"(?-i:(?:[^\s,;:!?()]+[ \t]+){{1,6}}?(?:and|&)[ \t]+"
    rf"(?:(?:{PARTICLE})[ \t]+)?{_STREET_PART}(?:[ \t]+(?:(?:{PARTICLE})[ \t]+)?"
    rf"{_STREET_PART}){{0,4}})",
    0.85,
)
# A post office box in any language and case: "B.P. 2120", "s.l.p. 29964", "CAIXA POSTAL
# 90958", "Apartado 89573" (data/words/post_boxes/). Four digits at least, none of a
# blood pressure's: "B.P. 120/80" is no box.
_POST_BOX = rule(
    "ADDRESS",
    rf"(?i:{cue(wordlists.words('post_boxes'))})[ \t]*(?:No\.?[ \t]*)?"
    r"\d{4,}(?:-\d+)?\b(?![ \t]*/)",
    0.85,
)
# A box whose word is spelt out ("Apartado 45", "Casilla de Correo 318", "Postfach 92") is
# one however short its number: only the short forms ("B.P.", "C.P.") are a blood
# pressure's or a postcode's too, so only they need four digits.
_SPELT_POST_BOXES = tuple(
    w for w in wordlists.words("post_boxes") if "." not in w and not w.isupper() and len(w) > 4
)
_SPELT_POST_BOX = rule(
    "ADDRESS",
    rf"(?i:{cue(_SPELT_POST_BOXES)})[ \t]*(?:No\.?[ \t]*)?\d{{2,3}}\b(?![ \t]*[/.,]\d)",
    0.85,
)
# A post box of French-speaking West and Central Africa: a zone's number before "BP" or a
# delivery letter after it ("01 BP V 218", "BP V 3", "08 B.P. 2145"), then the town with its
# zone ("Abidjan 01"). Either mark tells it from a blood pressure ("BP 120/80", "BP 95"),
# but an arm's side is a pressure's ("BP R 130").
_ZONED_POST_BOX = rule(
    "ADDRESS",
    r"(?:\b\d{2}[ \t]+B\.?P\.?[ \t]+(?:\p{Lu}[ \t]+)?"
    r"|\bB\.?P\.?[ \t]+(?![LR]\b)\p{Lu}[ \t]+)\d{1,5}\b"
    r"(?![ \t]*/)(?:,?[ \t]+\p{Lu}[\p{L}\p{M}'-]+[ \t]+\d{2}\b)?",
    0.85,
    requires=r"\bB\.?P\b",
    requires_case=True,
)
# A French place name joins its words with hyphens around a particle or a saint:
# "Rivière-du-Loup", "Fonds-des-Blancs", "Lac-Saint-Jean", "Saint-Jean-sur-Richelieu",
# "Côte-de-la-Mer"; in any case, as chats and forms type them. Not a bare "de", which
# English joins as a prefix ("de-escalation", "cul-de-sac"), nor "au", "en", "à" ("café-au-
# lait", "arc-en-ciel", "vis-à-vis"), nor "St", which is a heart trace's ("non-ST-elevation").
_JOINING_PARTICLE = r"(?:du|des|de-la|sur|sous|lès|aux|saint|sainte)"
_HYPHENATED_FRENCH_PLACE = rule(
    "CITY",
    rf"(?<![\w-])(?i:\p{{L}}[\p{{L}}\p{{M}}']+-{_JOINING_PARTICLE}-\p{{L}}[\p{{L}}\p{{M}}']+"
    r"(?:-\p{L}[\p{L}\p{M}']+)*)(?![\w-])",
    0.85,
    requires=rf"-{_JOINING_PARTICLE}-",
)
# A Quebec address: the house number, a comma, then the street's word in small letters
# before its name, as Canada Post writes French addresses: "1245, rue des Érables",
# "88 boul. Saint-Michel", "3120, rang du Nord", "412, CHEMIN DE LA MONTAGNE". Only words
# English never writes after a number (not "avenue", "route", "place").
_FRENCH_STREET_WORD = r"(?:rue|boulevard|boul\.|chemin|rang|montée|impasse|allée)"
_FRENCH_NUMBER_THEN_STREET = rule(
    "ADDRESS",
    rf"(?<![\w,./-])\d{{1,5}}[A-Za-z]?,?[ \t]+(?i:{_FRENCH_STREET_WORD})[ \t]+"
    r"(?:(?i:de[ \t]+la|de[ \t]+l'|du|des|de|d')[ \t]*)?\p{L}[\p{L}\p{M}'\u2019-]+"
    r"(?:[ \t]+\p{Lu}[\p{L}\p{M}'\u2019-]+){0,2}",
    0.85,
    requires=rf"\d,?[ \t]+{_FRENCH_STREET_WORD}[ \t]",
)
# A Korean road-name address: the road's name and its "-ro", "-daero" or "-gil", a branch
# road's number ("12beon-gil"), then the building's number: "Saemaeul-ro 12beon-gil 34",
# "Teheran-ro 152", "jungang-daero 1023-4".
_KOREAN_ROAD_ADDRESS = rule(
    "ADDRESS",
    r"(?<![\w-])(?i:\p{L}[\p{L}\p{M}]+-(?:ro|daero|gil)(?:[ \t]+\d{1,4}(?:beon)?-?gil)?"
    r"[ \t]+\d{1,4}(?:-\d{1,4})?)(?![\w/.,-]\d|[\w-])",
    0.85,
    requires=r"\p{L}-(?:ro|daero|gil)[ \t]+\d",
)
# A road known by its number (data/words/numbered_roads/): "County Road 39", "range rd 224 N",
# "Township Road 532A". A rural address is often no more than that road, so the road and
# its number are the address, in any case; a number that counts days or doses after it
# ("route 2 days ago") is none.
_NUMBERED_ROAD = rule(
    "ADDRESS",
    rf"(?i:{cue(wordlists.words('numbered_roads'))})[ \t]*(?:#|No\.?)?[ \t]*"
    # The number whole (no backtracking into "county road 1" of "county road 12 days").
    r"\d{1,4}+(?!\d)[A-Za-z]?(?![\w.,/]\d)"
    rf"(?![ \t]*(?i:{alternation(wordlists.words('counts_after_road_numbers'))})\b)"
    r"(?:[ \t]+(?-i:[NSEW]|North|South|East|West)\b)?",
    0.85,
)
# A place named after a doctor or a saint, its title first: "Dr. E. Borges Road", "Dr.
# Georges-L.-Dumont University Hospital Centre", "St Jago Park Health Centre". The title
# is part of the place's name; the last word, capitalised as names are, is a facility's
# kind or a street's that is nobody's surname.
_TITLED_PLACE = rule(
    "FACILITY",
    rf"(?:{cue(wordlists.words('place_titles'))})\.?[ \t]+"
    r"(?:\p{Lu}[\p{L}\p{M}'.\u2019-]*[ \t]+){1,5}?"
    # Only the street words no surname shares ("Dr. Cyrus Green", "Dr. Ana Carrera").
    rf"(?:{_FACILITY_HEAD}|{alternation(wordlists.words('street_words_after_titled_names'))})"
    r"(?![\w-])",
    0.9,
)
# A US military post address: "PSC 7951, Box 9972 APO AA 69974", "USNS Sekerková FPO AA
# 65728", "unit 1009 box 0219 dpo ap 51065": the post office, its "state" and the ZIP.
_MILITARY_POST = rule(
    "ADDRESS",
    # The unit and its box before the post office, on its line or the line above ("PSC 4095,
    # Box 8316 APO AE 85241").
    r"(?i:(?:\b(?:PSC|CMR|Unit)[ \t]+\d{1,5}[ \t]*,?[ \t]*Box[ \t]+\d{1,5}[ \t]*,?[ \t]*\n?"
    r"[ \t]*)?"
    r"(?:\b(?:USS|USNS|USNV|USCGC)[ \t]+\p{L}[\p{L}\p{M}'-]*[ \t]+)?"
    r"\b[AFD]PO[ \t]+A[AEP][ \t]+\d{5}\b)",
    0.9,
    requires=r"\b[AFD]PO[ \t]+A[AEP]\b",
)

# Where a person lives or comes from, in any case, up to a stop or a comma: "originally
# from sa dec.", "vecino de Chau Doc,", "resides at ben tre, hue" (data/words/origin_cues/):
# short words of any language name places there; very common ones alone do not (accept()).
_ORIGIN = rule(
    "CITY",
    rf"(?i:{cue(wordlists.words('origin_cues'))})[ \t]+"
    r"(?P<x>\p{L}[\p{L}\p{M}'\u2019-]*(?:[ \t]+\p{L}[\p{L}\p{M}'\u2019-]*){0,2})"
    r"(?=[ \t]*(?:[.,;:)]|$))",
    0.85,
)

# A street named without its number after a word of place or a comma: "shelter on Pine
# Street", "lives off Bagamoyo Road", "Quetta Health Centre, University Road, Sukkur".
_STREET_WHOLE = alternation(wordlists.words("street_names_whole"))
_STREET_WITHOUT_NUMBER = rule(
    "ADDRESS",
    rf"(?:\b(?i:on|off|along|at|near|in)[ \t]+|,[ \t]*)(?P<x>(?:{NAME_WORD}[ \t]+){{1,3}}"
    rf"{_STREET_WHOLE})\b\.?",
    0.8,
    requires=rf"\p{{Lu}}\p{{Ll}}*[ \t]+{_STREET_WHOLE}\b",
    requires_case=True,
    breaks="\n;:",
)

# Place names join their words with spaces or tabs, never a line break: the rules that
# require a region or a kind of place run only on the lines that hold one (``breaks``).
# A facility's name has no comma, colon, semicolon, slash or quote either.
_NOT_IN_FACILITY_NAMES = '\n,;:!?"/'

# A short street word before the name, the name with a capital and the house number: "ul.
# Piotrkowska 104/6", "vul. Shevchenka 14", "Str. Mihai Eminescu nr. 5", "Calle Mayor 9" (data/
# words/street_words_before_name/). Not "et al. 2019": the name needs a capital.
# Forms and labels write them in capitals too ("CALLE MAYOR 9", "RUA DAS FLORES 88"); not
# a short form, which in capitals is shorthand ("AV. NODE", "OS. 2", "PROV. DX").
# With every Faker locale's words of that place (locale_streets.py: "Incrocio", "Trevo"),
# as written only: many are ordinary words of their language, which a form in capitals
# sets before a number ("ÁREA DE 2 CM", "RETORNO EM 30 DIAS").
_WORDS_BEFORE_NAME = wordlists.words("street_words_before_name")
_ALL_WORDS_BEFORE_NAME = tuple(
    dict.fromkeys(
        (
            *_WORDS_BEFORE_NAME,
            *(w.upper() for w in _WORDS_BEFORE_NAME if w.isalpha() and len(w) >= 3),
            # A short form with its full stop is written in small letters too, as Romanian
            # forms write "str. Alba Iulia 75", "bd. Decebal 12": the stop says it is one.
            *(w.lower() for w in _WORDS_BEFORE_NAME if w.endswith(".")),
            *locale_streets.BEFORE_NAME,
        )
    )
)
_WORD_BEFORE_NAME = alternation(_ALL_WORDS_BEFORE_NAME)
_STREET_WORD_THEN_NAME = rule(
    "ADDRESS",
    rf"(?<![\w.])(?<!\bet[ \t])(?:{_WORD_BEFORE_NAME})(?:(?<=\.)[ \t]*|[ \t]+)"
    rf"\p{{Lu}}[\p{{L}}\p{{M}}'-]+"
    rf"(?:[ \t]+\p{{L}}[\p{{L}}\p{{M}}'-]*){{0,3}}[ \t]*,?[ \t]*"
    # The number's sign: "nr. 5", "n° 14", "nº 315", "n.º 2210", "# 45-10".
    r"(?:(?i:nr|no|n°|nº|n\.[ \t]?º|\#)\.?[ \t]*)?"
    rf"{_HOUSE_NUMBER}",
    0.85,
    requires=rf"(?<![\w.])(?:{_WORD_BEFORE_NAME})",
    requires_case=True,
    needs=_ALL_WORDS_BEFORE_NAME,
)

# In one case, a short street word with its full stop, the name in the text's case and
# the house number ending the address ("str. alba iulia 75, ap. 112", "BD. DACIA 41,"):
# without a capital the stop and the number are the evidence, so the number must end the
# address, before a comma, a semicolon, a bracket or the line's end.
_DOTTED_WORDS_BEFORE_NAME = tuple(w for w in _WORDS_BEFORE_NAME if w.endswith("."))
_DOTTED_STREET_IN_ONE_CASE = rule(
    "ADDRESS",
    rf"(?<![\w.])(?<!\bet[ \t])(?i:{cue(_DOTTED_WORDS_BEFORE_NAME)})[ \t]*"
    r"(?:\p{L}[\p{L}\p{M}'-]+[ \t]+){1,3}"
    r"(?:(?i:nr|no|n°|nº)\.?[ \t]*)?\d{1,4}[A-Za-z]?(?:/\d{1,4})?(?=[ \t]*(?:[,;)\n]|\Z))",
    0.85,
    requires=rf"(?<![\w.])(?i:{alternation(_DOTTED_WORDS_BEFORE_NAME)})",
)

# The units of a dwelling, each before its number (data/words/address_units/): two in a
# row are an address ("nr. 41 bl. 47 sc. 12 ap. 355", "piso 3, dpto 12"); one right after
# a street found is part of it ("vul. Shevchenka 14, kv. 3": ADDRESS_UNIT_AFTER).
# The number's sign may stand between ("casa nro. 18", "apto n° 302").
# A unit is told by a number, by a letter alone ("Block B", "sc. A", "Daire: 9") or by a
# capital and its number ("Bt B12", "Block C4").
# With every Faker locale's unit words (locale_streets.py: "appartamento", "apto").
_UNIT_WORDS_ALL = tuple(dict.fromkeys((*wordlists.words("address_units"), *locale_streets.UNITS)))
_DWELLING_UNIT = (
    rf"(?:{cue(_UNIT_WORDS_ALL)})[.:]?[ \t]*(?:(?:no|nro|n[º°])\.?[ \t]*)?"
    r"(?:\d[\w/-]{0,4}|(?-i:\p{Lu})(?:\d{1,3})?(?![\w/-]))"
)
# A floor's number and the side of it where several dwellings share a floor, after a street
# found ("Rua das Flores 88, 2º Esq.", "Nørrebrogade 44, 3. th."; data/words/address_floor_sides/).
# A floor marked as an ordinal may have a letter for its side: "Av. Corrientes 1847, 5° B".
_FLOOR_SIDE = (
    # The ordinal's full stop may come before its sign too: "2.º esq.".
    rf"\d{{1,2}}(?:\.?[º°ª]|\.)?[ \t]*(?:{cue(wordlists.words('address_floor_sides'))})\.?"
    r"|\d{1,2}[º°ª][ \t]*(?-i:\p{Lu})\b"
)
# A house number's label after the street, as Turkish, German and Latin American mail
# write it: "Bağdat Caddesi No: 212", "Hauptstr. Nr. 5".
# The label may end the place found before ("Bağdat Caddesi No" + ": 212").
_HOUSE_NUMBER_LABELLED = (
    r"(?:(?:No|Nº|N°|Nr)|(?<=(?<!\w)(?:No|Nº|N°|Nr)))[.:]?[ \t]*\d{1,5}(?:[A-Za-z]|/\d{1,4})?"
)
# A unit's word found alone as a place ("Bt" by the model in "..., Bt B12, ...") is the
# unit with its number.
DWELLING_UNIT = regex.compile(rf"(?i:{_DWELLING_UNIT})(?![\w/-])")
ADDRESS_UNIT_AFTER = regex.compile(
    rf"(?i:(?:[ \t]*,?[ \t]*(?:{_DWELLING_UNIT}|{_FLOOR_SIDE}|{_HOUSE_NUMBER_LABELLED}))+)"
    r"(?![\w/-])"
)
# A house number's entrance (stair) letter and the flat's number after it, as Nordic and
# Baltic addresses write them: "Storgatan 18 B", "Mannerheimintie 9 C 41". The address
# ends there: a comma, the line's or the sentence's end.
ENTRANCE_AFTER_HOUSE_NUMBER = regex.compile(
    r"[ \t]+\p{Lu}(?:[ \t]+\d{1,4})?(?=[ \t]*(?:[,;\n]|\.(?:[ \t]|\Z)|\Z))"
)

# A kind of unit told apart by its number only: "HGZ 1", "UMF No. 24"
# (data/words/numbered_facility_kinds/).
_NUMBERED_KIND = alternation(wordlists.words("numbered_facility_kinds"))
_NUMBERED_FACILITY = rule(
    "FACILITY",
    rf"(?<![\w/])(?:{_NUMBERED_KIND})[ \t]*(?:(?i:No|N[º°o])\.?[ \t]*|#[ \t]*)?"
    r"\d{1,3}(?![\w/]|[.,]\d)",
    0.85,
    requires=rf"(?<![\w/])(?:{_NUMBERED_KIND})",
    requires_case=True,
)

# A street named by its ordinal, with a capital (data/words/street_kinds_after_ordinal/):
# "5th Avenue", "7th Cross", "12th Main Road" ("Road" after "Main" or "Cross" is its own).
_ORDINAL_KIND = alternation(wordlists.words("street_kinds_after_ordinal"))
_ORDINAL_STREET = rule(
    "ADDRESS",
    rf"(?<![\w-])\d{{1,3}}(?:st|nd|rd|th)[ \t]+(?:{_ORDINAL_KIND})\.?(?:[ \t]+(?:Road|Rd)\b\.?)?"
    r"(?![\w-])",
    0.85,
    requires=rf"\d(?:st|nd|rd|th)[ \t]+(?:{_ORDINAL_KIND})",
    requires_case=True,
)

# A Vietnamese street is named after a person, with no street word: "45 Lý Thường Kiệt,
# Hoàn Kiếm", "12 TRẦN HƯNG ĐẠO, Q.5". A house number, a family name
# (data/words/vietnamese_surnames.txt) and up to three more words before a comma, one of
# them written with a letter only Vietnamese writes (so "2 do not resuscitate," is none).
_VIETNAMESE_LETTER = "ƠơƯưĐđĂăẠ-ỹ"
_VIETNAMESE_STREET = rule(
    "ADDRESS",
    rf"(?<![\w/.,-])\d{{1,4}}[A-Za-z]?(?:/\d{{1,4}})?[ \t]+"
    rf"(?=[^,\n]{{0,40}}[{_VIETNAMESE_LETTER}])"
    rf"(?i:{alternation(wordlists.words('vietnamese_surnames'))})"
    r"(?:[ \t]+\p{L}[\p{L}\p{M}]*){1,3}(?=[ \t]*,)",
    0.85,
    requires=rf"\d[ \t]+(?i:{alternation(wordlists.words('vietnamese_surnames'))})[ \t]",
)

# A charity or society named in capitalised ordinary words (data/words/organisation_heads/):
# "the Friends of the Sick Association", "Cancer Care Association", "Hope and Light Trust".
# Its words join by "of", "for", "and", "&", each with "the"; never "and the", which joins
# two bodies ("the NYHA and the American Cancer Society"). A national or international body
# is refused in accept().
_ORGANISATION_WORD = r"\p{Lu}[\p{L}\p{M}'\u2019-]*"
_ORGANISATION = rule(
    "FACILITY",
    rf"(?<![\w-]){_ORGANISATION_WORD}(?:[ \t]+(?:(?:of|for)(?:[ \t]+the)?[ \t]+|(?:and|&)[ \t]+)?"
    rf"{_ORGANISATION_WORD}){{0,5}}[ \t]+{alternation(wordlists.words('organisation_heads'))}"
    r"(?![\w-])",
    0.85,
    requires=alternation(wordlists.words("organisation_heads")),
    requires_case=True,
    breaks="\n,;:()",
)
_ORGANISATION_OPENERS_KEPT = frozenset(
    w.lower() for w in wordlists.words("organisation_openers_kept")
)


# A house number after an English street word, the word after the name or before it:
# "Tsereteli Street 42", "Avenue Kabambare n°14" (data/words/street_words_around_number/).
# The number must end the address, before a comma, a bracket or the line's end: "Main
# Street 3 times a day", "Park Avenue 2 weeks ago" are no addresses.
_STREET_WORD_AROUND = alternation(wordlists.words("street_words_around_number"))
_NUMBER_ENDS_ADDRESS = (
    r"(?:n[°º]|N[°º]|No\.?)?[ \t]*\d{1,4}[A-Za-z]?(?:/\d{1,4})?(?=[ \t]*(?:[,;)]|$))"
)
_STREET_AROUND_NUMBER = (
    rule(
        "ADDRESS",
        rf"(?<![\w-])(?:{NAME_WORD}[ \t]+){{1,3}}{_STREET_WORD_AROUND}[ \t]+{_NUMBER_ENDS_ADDRESS}",
        0.85,
        requires=rf"(?:{_STREET_WORD_AROUND})[ \t]+(?:n[°º]|N[°º]|No\.?)?[ \t]*\d",
        requires_case=True,
        breaks="\n,;:",
    ),
    rule(
        "ADDRESS",
        rf"(?<![\w-]){_STREET_WORD_AROUND}(?:[ \t]+{NAME_WORD}){{1,3}}[ \t]*,?[ \t]*"
        rf"{_NUMBER_ENDS_ADDRESS}",
        0.85,
        requires=rf"(?:{_STREET_WORD_AROUND})[ \t]+\p{{Lu}}",
        requires_case=True,
        breaks="\n;:",
    ),
)


# An address's part written after its number, the number an ordinal or a count
# (data/words/address_kinds_after_number/): Turkish numbered streets ("1245. Sokak"),
# Mongolian subdistricts, blocks and flats, former Soviet microdistricts ("9-cu
# mikrorayon"), a French city's districts ("4e arrondissement"); the ordinal's marks are
# data/words/address_ordinal_marks.txt. A short form with its full stop ("Sok.", "Cd.")
# needs the ordinal's mark, as "2 Cd." may be a dose. The door's and the flat's numbers
# may follow with their labels and a colon (data/words/address_number_labels/: "No:8 D:3").
_KINDS_AFTER_NUMBER = wordlists.words("address_kinds_after_number")
_ORDINAL_MARK = rf"-?(?:{alternation(wordlists.read('address_ordinal_marks'))})"
_NUMBER_LABELS = alternation(wordlists.words("address_number_labels"))
_NUMBERED_ADDRESS_PART = rule(
    "ADDRESS",
    rf"(?<![\w.,/-])\d{{1,5}}(?:(?i:{_ORDINAL_MARK})[ \t]*"
    rf"(?i:{cue(k for k in _KINDS_AFTER_NUMBER)})"
    rf"|[ \t]+(?i:{cue(k for k in _KINDS_AFTER_NUMBER if not k.endswith('.'))}))"
    rf"(?:[ \t]*,?[ \t]*(?i:{_NUMBER_LABELS})[ \t]*[:.][ \t]*\d{{1,4}}[A-Za-z]?(?![\w.,/-]\d))*",
    0.85,
    requires=rf"\d[^\n]{{0,4}}(?i:{alternation(_KINDS_AFTER_NUMBER)})",
)

_DWELLING_UNITS_IN_A_ROW = rule(
    "ADDRESS", rf"(?i:{_DWELLING_UNIT}(?:[ \t]*,?[ \t]*{_DWELLING_UNIT})+)(?![\w/-])", 0.8
)
_UNIT_WORDS = frozenset(w.lower().rstrip(".") for w in wordlists.words("address_units"))
_LETTERS = regex.compile(r"\p{L}+")


def _one_unit_repeated(value: str) -> bool:
    """ "zone 1, zone 2", "block 3, block 4": one kind of unit counted over, as a surgeon
    names the neck's or the prostate's zones; a dwelling's units are of different kinds
    ("Building 27, Street 340, Zone 56")."""
    units = [w.lower() for w in _LETTERS.findall(value) if w.lower() in _UNIT_WORDS]
    return len(units) > 1 and len(set(units)) == 1


# A verb the ward makes of a device or a shorthand with "'d" ("vocera'd", "D/C'D"; "paged"
# is an ordinary word): no word of a facility's name.
_WARD_VERB = regex.compile(r"\p{L}[\p{L}/]*['\u2019][dD]")


LOCATION_RULES: tuple[Rule, ...] = (
    _NUMBERED_ADDRESS_PART,
    _VIETNAMESE_STREET,
    _ORDINAL_STREET,
    _NUMBERED_FACILITY,
    _ORGANISATION,
    *_STREET_AROUND_NUMBER,
    _DWELLING_UNITS_IN_A_ROW,
    # "Atinukeside Regional Hospital", "St. Mary's Mission Hospital", "Kenyatta National Hospital"
    rule(
        "FACILITY",
        rf"(?:(?:St\.?|Saint|San|Santa|Sao|São)[ \t]+)?{FACILITY_NAME}(?:['\u2019]s)?"
        rf"[ \t]+{_FACILITY_HEAD}\b(?:[ \t]+(?:of"
        rf"|de|for)[ \t]+{PLACE_NAME})?",
        0.9,
        requires=_FACILITY_HEAD,
        requires_case=True,
        breaks=_NOT_IN_FACILITY_NAMES,
        needs=lexicon.FACILITY_HEADS_LAST,
    ),
    # "Hospital General de Occidente", "Clínica Santa María", "University of Nairobi"
    rule(
        "FACILITY",
        rf"\b{_HEAD_FIRST}[ \t]+(?:(?:{PARTICLE})[ \t]+)*(?:(?:Dr|Dra|Prof|St|Sta|Sto)\.?[ \t]+)?"
        rf"{PLACE_NAME}",
        0.9,
    ),
    # Street addresses: "514 Ilori Burg Apt. 040", "85/891, Wason Road", "Calle 5 #12-34";
    # never a clock's minutes ("10:05 Dr. Reyes" is no Drive).
    rule(
        "ADDRESS",
        rf"(?<![\w/.-]|\d:){_NUM},?[ \t]+(?:{NAME_WORD}[ \t]+(?:{PARTICLE}[ \t]+)?){{0,4}}"
        rf"{_STREET}\b\.?(?:,?[ \t]+{_UNIT}[ \t]*\d+\w*)?",
        0.9,
    ),
    rule(
        "ADDRESS",
        r"\b(?:Calle|Avenida|Avda\.|Av\.|Rua|Carrera|Cra\.?|Calzada|Camino|Jirón|Blv\.?|Bv\."
        r"|Bd\.|Alameda|Travessa|Estrada|Rodovia|Carretera|Rue|Via"
        # Peru's short "Jr." (jirón) before a capitalised name, not "Junior" before a number.
        r"|Jr\.(?=[ \t]+\p{Lu}\p{Ll}))[ \t]+[\w .'-]{1,40}?"
        # The number may follow a comma where the number ends the street's part ("Rua Cel.
        # Joaquim Ferreira, 212, Vila Maria"; not "Via telehealth, 3 visits").
        r"(?:,[ \t]*(?=\d+[A-Za-z]?(?:[ \t]*[,;)\n\u2013\u2014-]|[ \t]*$)|(?i:s/n)(?![\w/]))"
        r"|[ \t]*)"
        r"(?:#|No\.?|Nº|N°|n[º°])?[ \t]*(?:\d+[\w-]*|(?i:s/n)(?![\w/]))"
        # "s/n" where a house has no number; then the neighbourhood after a dash, before
        # the town ("Rua Nova, s/n - Triângulo, Crato").
        r"(?:[ \t]+[-\u2013][ \t]+\p{Lu}[\p{L}\p{M}'\u2019]+"
        r"(?:[ \t]+(?:d[aeo]s?[ \t]+)?\p{Lu}[\p{L}\p{M}'\u2019]+){0,2}(?=[ \t]*,))?",
        0.9,
    ),
    _STREET_WORD_THEN_NAME,
    _DOTTED_STREET_IN_ONE_CASE,
    rule("ADDRESS", rf"\b{_UNIT}[ \t]*\d+\w*(?:-\d+)?", 0.8),  # "P.O. Box 4521-00100"
    # A dwelling's unit before the house number and street it is in, in any case: "UNIT 12,
    # 48 WHARF ROAD", "flat 3, 9 mill lane". Alone in capitals a unit is a ward's room
    # ("ROOM 12"), so the street must follow.
    rule(
        "ADDRESS",
        rf"(?<![\w-])(?i:{_UNIT})[ \t]*\d+[A-Za-z]?(?=[ \t]*,[ \t]*\d{{1,5}}[A-Za-z]?,?[ \t]+"
        rf"(?:\p{{L}}[\p{{L}}\p{{M}}'-]*[ \t]+){{1,4}}(?i:{_STREET})\b)",
        0.8,
        requires=rf"(?i:{_UNIT})[ \t]*\d+[A-Za-z]?[ \t]*,[ \t]*\d",
    ),
    *_STREET_THEN_NUMBER,
    _INTERSECTION,
    _MILITARY_POST,
    _POST_BOX,
    _SPELT_POST_BOX,
    _ZONED_POST_BOX,
    _HYPHENATED_FRENCH_PLACE,
    _KOREAN_ROAD_ADDRESS,
    _FRENCH_NUMBER_THEN_STREET,
    _NUMBERED_ROAD,
    _TITLED_PLACE,
    # ZIP after a state: "Texas 93658", "TX 93658-1234"
    rule("ZIP", rf"\b(?:{STATE}|{STATE_ABBR}),?[ \t]+(?P<x>\d{{5}}(?:-\d{{4}})?)\b", 0.95),
    rule(
        "ZIP",
        # "zip code is 2371", "postcode: 610": a label says so, however short the code;
        # but a code has a digit ("PIN CARE BID" is the care of an external fixator's pins).
        rf"(?i:{_POSTCODE_LABELS})[ \t]*(?:[:#=]|(?i:is|was|es|é))?[ \t]*"
        r"(?P<x>(?=[A-Z -]{0,9}\d)[A-Z0-9][A-Z0-9 -]{1,8}[A-Z0-9])\b",
        0.95,
    ),
    # British, Canadian and Irish postcodes in capitals (postcode_shapes.py)
    rule("ZIP", rf"\b{postcode_shapes.UK_IN_CAPITALS}\b", 0.85),
    rule("ZIP", rf"\b{postcode_shapes.CANADA_IN_CAPITALS}\b", 0.85),
    rule(
        "ZIP",
        rf"\b{postcode_shapes.EIRCODE}\b",
        0.8,
        requires=r"\b[AC-FHKNPRTV-Y](?:\d\d|6W)[ \t][0-9A-Z]{4}\b",
        requires_case=True,
    ),
    # "Leesberg, Oklahoma", "Jaunpur, India": the place before a region is a city.
    rule(
        "CITY",
        rf"(?P<x>{PLACE_NAME}),[ \t]+(?:the[ \t]+)?{REGION}\b",
        0.85,
        requires=rf",[ \t]+(?:the[ \t]+)?{REGION}\b",
        requires_case=True,
        breaks="\n",
        needs=(
            *lexicon.US_STATES,
            *lexicon.OTHER_REGIONS,
            *lexicon.COUNTRIES,
            *lexicon.COUNTRY_VARIANTS,
        ),
    ),
    _CITY_STATE_CODE,
    # A signature's place line: "Kabale | +256 768 937658", "killian ville dispensary ·
    # 07278 104053": words alone on their line before a bar or a dot and a phone number
    # are where the writer works or lives (never only ordinary words: "Oncology | ext").
    rule(
        "CITY",
        r"^[ \t]*(?P<x>\p{L}[\p{L}\p{M}'\u2019. -]{1,40}?)[ \t]*[|\u00b7][ \t]*"
        r"(?=\+?\(?\d[\d ()\-.x]{6,})",
        0.85,
        requires=r"[|\u00b7][ \t]*\+?\(?\d",
        breaks="\n",
    ),
    _ORIGIN,
    _STREET_WITHOUT_NUMBER,
    # "lives in Kisumu", "from Kibera", "village of Nyamira"
    rule(
        "CITY",
        rf"(?i:{_SETTLED}[ \t]+(?:in|at|near|to|from|outside|of)|{_HOME_CUES})"
        rf"[ \t]+(?:the[ \t]+)?(?P<x>{PLACE_NAME})",
        0.9,
    ),
    # A bare preposition before an unknown capitalised word: "from Nyeri", "in Lagos".
    # (accept() rejects months, eponyms, regions and other ordinary words.)
    rule(
        "LOCATION",
        rf"(?i:{cue(('from', 'in', 'at', 'near', 'outside', 'around', 'to', 'via'))})"
        rf"[ \t]+(?P<x>{PLACE_NAME})",
        0.7,
    ),
    # A kind of settlement before the name (data/words/settlement_kinds_before/): "aldea
    # Xequemeyá", "Brgy. Malinta", "xã Tân Phú", "kijiji cha Mwamanongu"; never inside an
    # address on the web ("ANA@MAIL.COM. HER SON" is no commune).
    rule(
        "CITY",
        rf"(?<![.@/])(?i:{cue(wordlists.words('settlement_kinds_before'))})\.?[ \t]+"
        rf"(?P<x>{PLACE_NAME})",
        0.85,
    ),
    # "Kibera village", "Nyando District", "Kakamega County"
    rule(
        "CITY",
        rf"(?P<x>{PLACE_NAME}[ \t]+{_SETTLEMENT})\b",
        0.85,
        requires=rf"\b{_SETTLEMENT}\b",
        requires_case=True,
        breaks="\n",
    ),
    # Employers: "Employer: Mozal Aluminium", "works at Acme Foods", "employed by Kakuzi Ltd"
    rule(
        "EMPLOYER",
        rf"(?i:{cue(('employer', 'employed by', 'workplace', 'place of work'))}"
        rf"|\boccupation[^\n:]{{0,20}} at)"
        rf"[ \t]*:?[ \t]*(?P<x>{FACILITY_NAME})",
        0.9,
    ),
    rule(
        "EMPLOYER",
        rf"(?i:{_WORKERS}[ \t]+(?:at|for|by|with))[ \t]+(?:the[ \t]+)?(?P<x>{PLACE_NAME})",
        0.9,
    ),
    rule(
        "EMPLOYER",
        rf"{PLACE_NAME}[ \t]+{_EMPLOYER_KIND}(?![\w-])\.?",
        0.85,
        requires=rf"\b{_EMPLOYER_KIND}\b",
        requires_case=True,
        breaks="\n",
    ),
)

_NON_IDENTIFYING = lexicon.NON_IDENTIFYING_PLACES
# Articles of Spanish and Portuguese: "vecino de la sierra" names no place.
_ARTICLES = frozenset({"el", "la", "los", "las", "un", "una", "o", "a", "os", "as", "um", "uma"})
# "Colombia Health Center" is a facility even though "Colombia" alone is kept.
_REGION_WORDS = frozenset(w for p in _NON_IDENTIFYING for w in p.split())
# "Hospital No: 123" is a label, not a facility.
_LABEL_NOT_FACILITY = regex.compile(r"(?i)\b(?:hospital|clinic)[ \t]+(?:no|number|nr|id)\.?$")
# The town after a facility: "(Aminu Kano Teaching Hospital, Kano)".
_PLACE_AFTER = regex.compile(rf",[ \t]+(?P<x>{PLACE_NAME})(?![\w-])")  # not "R" of "R1"
_LEADING_NOISE = regex.compile(
    r"^(?:(?:The|A|An|At|In|From|To|Referred|Seen|Admitted|Transferred|Presenting|Patient|Dr|"
    rf"Mr|Mrs|Ms|{alternation(wordlists.words('verbs_before_places'))})\.?[ \t]+)+"
)


# "Internada en el Hospital ...": a label and articles of another language open the match.
_FOREIGN_NOISE = regex.compile(
    rf"^(?:{alternation(lexicon.FOREIGN_LABEL_WORDS)}[ \t]+)+"
    r"(?:(?:en|em|el|la|no|na|o|a|al)[ \t]+)*",
    regex.IGNORECASE,
)


# "lives at ...", "Address: ...": everything up to the end of the sentence is an address.
_ADDRESS_CUES = cue(
    (
        *(
            f"{verb} {prep}"
            for verb in (
                "lives",
                "living",
                "resides",
                "residing",
                "resident",
                "stays",
                "staying",
                "domiciled",
                "located",
            )
            for prep in ("at", "on", "in")
        ),
        *(
            f"{kind}address{tail}"
            for kind in ("", "home ", "postal ", "mailing ", "street ", "residential ")
            for tail in ("", " is")
        ),
        "residence",
        "r/o",
        *(f"residente {prep}" for prep in ("em", "en", "na", "no")),
        *(f"{who} {prep}" for who in ("morador", "moradora") for prep in ("em", "na", "no")),
        "domicilio",
        "domicílio",
        "domicilo",
        "domicílo",
        "address on file",
        "endereço",
        "dirección",
        "direccion",
        *wordlists.words("address_labels"),
    )
)
_ADDRESS_CUE = regex.compile(
    rf"(?i:(?P<cue>{_ADDRESS_CUES}))[ \t]*(?:[:\-][ \t]*(?=\S)|(?=[\p{{Lu}}\d])"
    r"|(?=(?:ulica|ul\.|aleja|al\.|plac|pl\.|osiedle|os\.|rue|avenue|av\.|boulevard|bd|chemin"
    r"|allée|impasse|place|calle|avenida|rua|travessa|largo|praça|via|viale|piazza|corso"
    r"|strada|jalan|jl\.|thành phố|phố|đường|số|khu|carrera|barrio|colonia|vul\.|bul\.|pr\."
    r"|prosp\.|ulitsa|quadra|soi|moo)"
    r"(?=[ \t]))|(?P<caseless>(?=\p{Ll})))"
)
# Shorthand that is also an address cue ("r/o": rule out, or resident of) counts only
# before what can only be an address: a house number and a street, a house or plot
# number, a named street, or a place with its locality word or region.
_ADDRESS_SHAPE = regex.compile(
    rf"[ \t]*(?:[:\-][ \t]*)?(?:{_NUM},?[ \t]+(?:{NAME_WORD}[ \t]+(?:{PARTICLE}[ \t]+)?){{0,4}}"
    rf"{_STREET}\b|{_UNIT}[ \t]*(?:No\.?[ \t]*)?\d|(?:{_SETTLEMENT})\.?[ \t]+\p{{Lu}}"
    rf"|(?P<place>{PLACE_NAME})(?:[ \t]+(?:{_SETTLEMENT}|{_STREET})\b|,[ \t]+(?:the[ \t]+)?"
    rf"(?:{REGION}|{STATE_ABBR})\b))"
)


def _address_follows(text: str, pos: int) -> bool:
    """What follows ``pos`` can only be an address, not a diagnosis ("R/O Sepsis, PE")."""
    m = _ADDRESS_SHAPE.match(text, pos)
    if m is None:
        return False
    return m.group("place") is None or not is_known_word(m.group("place").split()[0])


# The address ends at a sentence end: ". " before a capital (not after "Apt.", "St."), or
# a line break, or a semicolon.
# Abbreviations common in addresses worldwide (Apt., Jl., ul., Av., Str., Kec., ...): their
# full stop ends no address.
_ADDRESS_ABBREVIATIONS = (
    r"Apt|Ste|St|No|Nr|Nº|Núm|Rd|Ave|Av|Avda|Blvd|Dr|Mt|Ft|Edif|Depto|Dpto|Int|Fl|Bldg"
    r"|Rm|Co|Col|Jl|Jln|Gg|Kel|Kec|Kab|Ds|Kp|Blk|ul|al|pl|os|Str|bd|av|Trav|Pç|Lt|Mz|Sec|Sect|TP|Tp"
    r"|Ir|Hj|Jend|Prof|Drs|KH|Sto|Sta|Pt|vul|kv|bul|pr|prosp|Qd|Ql"
)
_ADDRESS_END = regex.compile(
    # Nor does a single letter's.
    rf"(?<!\b(?:{_ADDRESS_ABBREVIATIONS}|\p{{L}}))"
    r"\.(?=[ \t]+[\p{Lu}(]|[ \t]*$)|[;\n]"
    # The rest of the sentence: "..., die sich am 3. Jan. vorstellte" (data/words/address_ends/).
    rf"|(?=,?[ \t]+(?i:{alternation(wordlists.words('address_ends'))})\b)"
    # The next field's label: "ENDEREÇO: 272 HARBOUR ROAD TELEFONE: +233 ...".
    r"|(?=[ \t]+\p{L}+:[ \t])",
    regex.MULTILINE,
)
_CHUNK = regex.compile(r"[^,]+")
_REGION_ZIP = regex.compile(
    rf"^(?:the[ \t]+)?(?P<region>{REGION}|{STATE_ABBR})(?:[ \t]+(?P<zip>[\dA-Z][\dA-Z -]{{2,9}}))?$"
)
# A line in one case ("bettiah, montana 77649", "KATYSIDE, ARKANSAS 33518") names its
# region in that case; a postcode there still needs a digit, or "montana then" would be one.
_REGION_ZIP_CASELESS = regex.compile(
    rf"^(?:the[ \t]+)?(?P<region>{REGION}|{STATE_ABBR})"
    r"(?:[ \t]+(?P<zip>(?=[\w -]*\d)[\dA-Z][\dA-Z -]{2,9}))?$",
    regex.IGNORECASE,
)
_MAX_ADDRESS = 160


_ADDRESS_WORD = regex.compile(r"[\p{L}\p{M}'-]+")


# Without capitals a sentence ends at a full stop after a word or a number: "... labasa
# 64414. a long wait", not after a short form ("st. francis", "apt. 5").
_CASELESS_END = regex.compile(r"(?:(?<=\p{L}{4})|(?<=\d))\.(?=[ \t])")
# A word placing the address beside a landmark (data/words/landmark_relations/).
_LANDMARK_RELATION = regex.compile(
    rf"[ \t]+(?i:{alternation(wordlists.words('landmark_relations'))})(?![\w-])"
)
_LANDMARK_KIND_AT_END = regex.compile(
    rf"(?i)[ \t]+(?:{alternation(wordlists.words('landmark_kinds'))})[ \t]*$"
)


def _named_landmark(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The landmark's name after "near" in an address, without its articles or its kind:
    "Ayer Tena" of "near the Ayer Tena church"; none in "near the lorry station". With no
    kind, what follows is another place unless every word of it is ordinary: "near
    Kangemi", not "near the market"."""
    from echo_cases.deid.candidates import is_function_word, is_ordinary_word
    from echo_cases.deid.recognizers.persons import PARTICLES

    # "the" is a name's particle too ("Den Haag"): after "near" it opens a description.
    for word in _ADDRESS_WORD.finditer(text, start, end):
        if not (is_function_word(word.group()) or word.group().lower() in PARTICLES):
            start = word.start()
            break
    else:
        return []
    words = _ADDRESS_WORD.findall(text, start, end)
    kind = _LANDMARK_KIND_AT_END.search(text, start, end)
    if kind is None:
        return [(start, end)] if not all(is_ordinary_word(w) for w in words) else []
    if kind.start() <= start:
        return []
    return [(start, kind.start())]


# Typed on a phone, a note with capitals may still open its sentences in small letters:
# "lives in Kolfe near Ayer Tena church. her son gives ..." ends at the church, as it
# would before "Her". Not after an address's abbreviation ("Blvd. west").
_SMALL_SENTENCE_AFTER = regex.compile(
    rf"(?:(?<=\p{{L}}{{4}})|(?<=\d))(?<!\b(?i:{_ADDRESS_ABBREVIATIONS}))\.(?=[ \t]+\p{{Ll}})"
)


# "lives at stand 1142, lobengula": a plot's or a dwelling's number typed small after the cue
# is an address in a line with capitals too, where other small words are the sentence's.
_DWELLING_NUMBER_FIRST = regex.compile(rf"(?i:{_UNIT})[ \t]*(?:No\.?[ \t]*)?\d")


def _caseless_address(text: str, start: int, end: int) -> bool:
    """Small letters after an address cue are an address in a line without capitals when
    they do not open with a function word and one of their words is no ordinary word
    ("lives at home with her" is none; "resides at chau doc, rach gia" is one); in a line
    with capitals only when they open with a dwelling's unit and its number."""
    from echo_cases.deid.candidates import is_function_word, is_ordinary_word, lines_are_caseless

    if not lines_are_caseless(text, start):
        return _DWELLING_NUMBER_FIRST.match(text, start) is not None
    words = _ADDRESS_WORD.findall(text, start, end)
    return (
        bool(words)
        and not is_function_word(words[0])
        and not all(is_ordinary_word(w) for w in words)
    )


# An "address" that is a machine's or a mailbox's, not a dwelling's: "IP address
# 41.173.96.26 blocked", "e-mail address: ana@x.org", "web address https://...". The
# contact rules find the value; the words after it are no street.
_NOT_POSTAL = regex.compile(
    r"[ \t:]*(?:\d{1,3}(?:\.\d{1,3}){3}(?!\d)|[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:"
    r"|[\w.+-]+@[\w-]|(?i:https?://|www\.))"
)


def address_spans(text: str) -> list[tuple[str, int, int]]:
    """(subtype, start, end) for each part of a cued address, keeping trailing regions."""
    from echo_cases.deid.candidates import lines_are_caseless

    spans: list[tuple[str, int, int]] = []
    for found in _ADDRESS_CUE.finditer(text):
        start = found.end()
        if _NOT_POSTAL.match(text, start):
            continue
        if is_shorthand(found.group("cue")) and not _address_follows(text, start):
            continue
        end_m = _ADDRESS_END.search(text, start, min(len(text), start + _MAX_ADDRESS))
        end = end_m.start() if end_m else min(len(text), start + _MAX_ADDRESS)
        if end_m and text[end] == "\n" and end - start < 12:
            # A house number alone on its line: the address goes on below ("63\nVala Ganj").
            end_m = _ADDRESS_END.search(text, end + 1, min(len(text), end + _MAX_ADDRESS))
            end = end_m.start() if end_m else min(len(text), end + _MAX_ADDRESS)
        caseless = lines_are_caseless(text, start)
        stop = (_CASELESS_END if caseless else _SMALL_SENTENCE_AFTER).search(text, start, end)
        end = stop.start() if stop else end
        if found.group("caseless") is not None and not _caseless_address(text, start, end):
            continue
        if _a_room_of_the_ward(text, start, end):
            continue
        for i, chunk in enumerate(_CHUNK.finditer(text, start, end)):
            a, b = chunk.span()
            value = chunk.group()
            if caseless and _the_sentence_goes_on(value, i):
                break  # "LIVES AT HOME W/ DAUGHTER, PLANS ...", "in nashua, will come back"
            a += len(value) - len(value.lstrip())
            b -= len(value) - len(value.rstrip(" \t."))
            beside = _LANDMARK_RELATION.search(text, a, b)
            if beside and beside.start() > a:
                # "Kolfe near Ayer Tena church": two places, the landmark's kind neither.
                landmarks_named = _named_landmark(text, beside.end(), b)
                spans.extend(("CITY", la, lb) for la, lb in landmarks_named)
                b = beside.start()
            if b <= a:
                continue
            if i > 0 and not caseless and value.strip().islower():
                continue  # "wohnhaft Bosanska 4a/2, Rab, die sich am ...": the sentence goes on
            rz = _REGION_ZIP.match(text[a:b])
            if rz is None and caseless:
                rz = _REGION_ZIP_CASELESS.match(text[a:b])
            if rz:
                if rz.group("zip"):
                    spans.append(("ZIP", a + rz.start("zip"), a + rz.end("zip")))
                continue
            spans.append(("ADDRESS" if i == 0 else "CITY", a, b))
    return spans


_BED_WORDS = frozenset(w.lower() for w in wordlists.words("bed_words"))
_UNNAMED_HOMES = frozenset(w.lower() for w in wordlists.read("unnamed_homes"))


def _an_unnamed_home(text: str, start: int, value: str) -> bool:
    """ "HOME W" of "LIVES AT HOME W/ DAUGHTER": in a line typed in one case, a home named
    by no name and no number after a cue of where somebody lives (not "HOME IN KISUMU")."""
    from echo_cases.deid.candidates import lines_are_caseless

    words = _ADDRESS_WORD.findall(value)
    return (
        bool(words)
        and words[0].lower() in _UNNAMED_HOMES
        and not any(c.isdigit() for c in value)
        and _ordinary_words_only(words)
        and lines_are_caseless(text, start)
    )


def _ordinary_words_only(words: list[str]) -> bool:
    """Every word ordinary and no town's ("HOME W/ DAUGHTER"; not "HOME IN KISUMU")."""
    from echo_cases.deid.candidates import is_ordinary_word
    from echo_cases.deid.gazetteer import is_known_place

    return all(is_ordinary_word(w) and not is_known_place(w.lower()) for w in words)


def _the_sentence_goes_on(value: str, index: int) -> bool:
    """In a line typed in one case, where capitals cannot end the address, a part of it
    with no number is the sentence's: the first when it opens with a home named by no name
    ("HOME W/ DAUGHTER"), a later one opening with a function word and made only of them
    and plain English, which no name or place list holds ("will come back tomorrow"; not
    "quincy", "no. 18 lane 300", "ABOUT 20 MILES FROM MANY FARMS", "COVE AND JOHN")."""
    from echo_cases.deid.candidates import is_function_word

    words = _ADDRESS_WORD.findall(value)
    if not words or any(c.isdigit() for c in value):
        return False
    if index == 0:
        return words[0].lower() in _UNNAMED_HOMES and _ordinary_words_only(words)
    return is_function_word(words[0]) and all(
        is_function_word(w) or is_plain_english_word(w) for w in words
    )


# A move to or from a place named after a saint, typed in one case: "transferred from st.
# agnes ED", "to ST JOSEPH'S". Not "st" as a rhythm or a segment ("st 110s", "st elevation").
_SAINT_AFTER_A_MOVE = regex.compile(
    r"(?i:(?<!\w)(?:from|to|at)[ \t]+)(?P<x>(?i:st\.?|saint)[ \t]+(?P<n>\p{L}+)(?:['\u2019][sS])?)"
    r"(?![\w'\u2019-])"
)


def saints_after_a_move(text: str) -> list[tuple[int, int]]:
    """A saint's name after "from", "to" or "at", in small letters or capitals: US
    hospitals are named so. Its word must be somebody's given name ("agnes", "JOSEPH")."""
    from echo_cases.deid.candidates import is_clinical_word
    from echo_cases.deid.derived import is_person_name

    found = []
    for m in _SAINT_AFTER_A_MOVE.finditer(text):
        name = m.group("n")
        if name.istitle() or not is_person_name(name) or is_clinical_word(name):
            continue  # "St. Agnes" is the capitalised rules'; "st elevation" no saint
        found.append(m.span("x"))
    return found


# Compiled once: ``regex.findall(str, ...)`` looks its pattern up at every call.
_ROOM_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'/-]*")


def _a_room_of_the_ward(text: str, start: int, end: int) -> bool:
    """ "STAYING IN FAMILY ROOM TONIGHT", "STAYING IN THE WAITING ROOM": in a ward note
    without case, where a relative stays is a room of the hospital: a room's word and
    ordinary words with no number, name or town among them; a dwelling has one ("LIVES IN
    HAZARD", "14 ELM ST") or no room ("LIVES IN LIBERTY", "IN FRAMINGHAM WITH WIFE")."""
    from echo_cases.deid.candidates import (
        is_listed_name,
        is_ordinary_word,
        is_ward_note,
        lines_are_caseless,
    )
    from echo_cases.deid.derived import is_person_name
    from echo_cases.deid.gazetteer import is_known_place

    words = _ROOM_WORD.findall(text[start:end])
    return (
        # A room by its word: an eponym is the clinic's word and a town ("FRAMINGHAM").
        any(w.lower() in _BED_WORDS for w in words)
        and all(
            is_ordinary_word(w)
            and not any(c.isdigit() for c in w)
            and not is_known_place(w.lower())
            # "Room" is a surname too; here it is the ward's (data/words/bed_words/).
            and (w.lower() in _BED_WORDS or not (is_person_name(w) or is_listed_name(w)))
            for w in words
        )
        and lines_are_caseless(text, start, end)
        and is_ward_note(text)
    )


# A facility written as its capitals: "seen at KNH", "referred from NAUTH", "KATH (Komfo
# Anokye Teaching Hospital)", "AIIMS Bhubaneswar". A cue word before it, a facility name
# beside it in brackets, or a teaching-hospital shape ("...TH", "...UH", "CHU...") says so.
_ACRONYM = r"(?<![\w&/-])(?P<a>\p{Lu}[\p{Lu}&]{2,7}(?:-\p{Lu}{1,3})?)(?![\w&/-])"
_ACRONYM_CUE = regex.compile(
    r"(?i:\b(?:at|from|admitted|transferred|referred|attends|attending|attended|via"
    r"|presenting for|presented for|delivered|booked|followed|managed|treated|seen|reviewed"
    r"|discharged|internad[oa]|atendid[oa]|ingresad[oa]|referid[oa]|encaminhad[oa]"
    r"|transferid[oa]|hospitalis[ée]e?|admise?|suivie?)(?:[ \t]+(?:to|from|at|in|by|no|na|em|en"
    r"|al|a|à|ao|au|para|del|do|da))?)[ \t]+(?:the[ \t]+)?$"
)
_ACRONYM_WORD = regex.compile(_ACRONYM)
# "3 ciclos en el INOR", "vue au CHR", "scanner à l'HIA": French and Spanish say "at" and
# "from" a facility so (data/words/facility_acronym_prepositions/); "l'" joins its capitals.
_PREPOSITIONS = wordlists.words("facility_acronym_prepositions")
_BEFORE_A_BLANK = alternation(p for p in _PREPOSITIONS if not p.endswith("'"))
_ELIDED = alternation(p[:-1] for p in _PREPOSITIONS if p.endswith("'"))
_ACRONYM_PREPOSITION = regex.compile(
    rf"(?<![\w'\u2019-])(?:(?i:{_BEFORE_A_BLANK})[ \t]+|(?i:{_ELIDED})['\u2019])$"
)


def _preposition_before(text: str, start: int) -> regex.Match[str] | None:
    """ "en el INOR", "au CHR": the preposition in small letters. Typed in capitals it
    says nothing, every word after it being capitals too ("DOLOR EN EL VIENTRE")."""
    found = _ACRONYM_PREPOSITION.search(text, max(0, start - 12), start)
    return found if found is not None and not found.group().isupper() else None


_AT_TWO_CAPITALS = regex.compile(
    r"(?<![\w-])(?i:at)[ \t]+(?P<a>\p{Lu}{2})(?=[ \t]*(?:[.;,)]|\n|\Z))"
)
# A form's field for a facility, "Hub: UNM" (data/words/facility_labels/), and a word after
# capitals that makes them a programme's site, "PGH hub" (facility_kinds_after/).
_FACILITY_LABEL = regex.compile(
    rf"(?i:{cue(wordlists.words('facility_labels'))})[ \t]*[:\-][ \t]*$"
)
_KIND_AFTER = regex.compile(
    rf"[ \t]+(?i:{alternation(wordlists.words('facility_kinds_after'))})(?![\w-])"
)
# A place after the capitals: "goes to CDH in Lusaka", "RH, Rotorua".
_IN_PLACE = regex.compile(r"[ \t]+(?:in|at|of|em|en|à)[ \t]+(?P<x>\p{Lu}\p{Ll}[\p{L}\p{M}'-]+)")
# "Dr. Hugo Reyes (UNOP)", "Sr Comfort Asare (KATH)": capitals alone in brackets after a
# titled person's name say where that person works.
_TITLED_NAME_BEFORE = regex.compile(
    rf"(?<![\w-])(?i:{alternation(t.rstrip('.') for t in lexicon.TITLES)})\.?[ \t]+"
    r"(?:\p{Lu}[\p{L}\p{M}'.\u2019-]*[ \t]+){0,3}\p{Lu}[\p{L}\p{M}'\u2019-]*[ \t]*\(\Z"
)
_FACILITY_SHAPE = regex.compile(r"\p{Lu}{2,}(?:TH|UH|MC|MCH|TRH|RH|GH|NH|CH)|CHU\p{Lu}{1,3}")
_ROMAN = regex.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
_PLACE_WORDS = regex.compile(rf"[ \t]+(?=\p{{Lu}}\p{{Ll}})(?P<x>{PLACE_NAME})")
_PLACE_BEFORE = regex.compile(r"(?<![\w-])(?P<x>\p{Lu}\p{Ll}[\p{L}\p{M}'-]+)[ \t]+$")


def _clinical_word_among_capitals(text: str, start: int, word: str) -> bool:
    """ "EXOPHYTIC MASS NOTED AT TRACH SITE": where the words before it on its line are in
    capitals too, the word's capitals say nothing, and a word of the clinic that is nobody's
    name is that word. Ordinary words still name places in capitals ("FROM HAZARD", "AT
    CHO RAY ONCOLOGY"), and so do names the clinic also uses ("AT BAKER")."""
    from echo_cases.deid.candidates import is_clinical_word
    from echo_cases.deid.derived import is_person_name

    before = [c for c in text[max(0, start - 40) : start].rsplit("\n", 1)[-1] if c.isalpha()]
    if len(before) < 4 or not all(c.isupper() for c in before):
        return False
    return is_clinical_word(word) and not is_person_name(word)


_WORD_JUST_BEFORE = regex.compile(r"(?r)([\p{L}\p{M}]+)[ \t]+\G")


def _national_body(text: str, start: int, end: int) -> bool:
    """A body opened by a country, a region, a people or a word like "International": it
    guides care everywhere and names no patient's community ("American Cancer Society",
    "New York Heart Association", "Kenya Medical Association"). The opener may stand just
    before the name in small letters: "the national Hospice and Palliative Care Association"."""
    words = _LEADING_NOISE.sub("", text[start:end]).lower().split()
    before = _WORD_JUST_BEFORE.search(text, max(0, start - 40), start)
    readings = [words, [before.group(1).lower(), *words]] if before is not None else [words]
    return any(_opens_a_national_name(reading) for reading in readings if reading)


_ORGANISATION_CARE_WORDS = frozenset(w.lower() for w in wordlists.words("organisation_care_words"))
_POSSESSIVE = regex.compile(r"['\u2019]s\Z")


def _body_of_a_specialty(text: str, start: int, end: int) -> bool:
    """A body named for an organ, a disease or a specialty ("Oncology Nursing Society",
    "Heart Rhythm Society", "Alzheimer's Association"): one of the clinic's words in its name
    and none of the care words a local charity's has (data/words/organisation_care_words.txt:
    "Cancer Care Association", "Pain and Palliative Care Society" pay for a patient's care)."""
    from echo_cases.deid.candidates import is_clinical_word, is_function_word

    words = [_POSSESSIVE.sub("", w) for w in text[start:end].split()[:-1]]
    words = [w for w in words if w and w[0].isupper() and not is_function_word(w)]
    if any(w.lower() in _ORGANISATION_CARE_WORDS for w in words):
        return False
    return any(is_clinical_word(w) for w in words)


def _opens_a_national_name(words: list[str]) -> bool:
    return (
        words[0] in _ORGANISATION_OPENERS_KEPT
        or words[0] in lexicon.DEMONYMS
        or any(" ".join(words[:n]) in _NON_IDENTIFYING for n in (1, 2, 3))
    )


def _facility_acronym(word: str) -> bool:
    """Capitals that may name a facility: not a clinical acronym, a country, a numeral, nor
    a very common word of the languages written ("HIGH GRADE" in ward capitals ends in GH
    like a General Hospital's acronym; no facility's acronym is written that often)."""
    bare = word.split("-")[0].lower()
    return not (
        bare in lexicon.CLINICAL_ACRONYMS
        or is_very_common_word(bare)
        or bare in lexicon.SERVICE_ACRONYMS
        or word.split("-")[0] in lexicon.COUNTRY_ACRONYMS
        or bare in _NON_IDENTIFYING
        or is_common_word(bare)
        or _ROMAN.fullmatch(word)
        or bare in lexicon.MONTHS_ABBR_LOWER
        or bare in lexicon.TITLE_WORDS  # "IDE Selorm Essien": a nurse's title before her name
        or word.endswith(("ICU", "CU", "OPD", "HDU", "NNU", "SCBU", "ED", "ER", "OT", "MDT"))
    )


# A long word English never writes as a name (or a short one ending in -ING), with another
# word or a number after it, or after "via", is a ward note's capitals, no acronym ("VIA
# CRITICAL CARE TRANSPORT", "AT APPROX 0130", "NEBS VIA INLINE", "FROM LYING FLAT"); alone
# before a comma after another cue it may be a town's name ("FROM HAZARD, CONTACT ...").
_MOST_LETTERS_OF_A_WORDLIKE_ACRONYM = 5
_WORD_AFTER_ACRONYM = regex.compile(r"[ \t]+[\p{L}\d]")


def _a_phrase_of_plain_words(text: str, word: str, start: int, end: int) -> bool:
    # A short one too when it is a verb's -ing form: "FROM LYING FLAT" (session 18).
    short = len(word) <= _MOST_LETTERS_OF_A_WORDLIKE_ACRONYM and not word.endswith("ING")
    if short or not is_plain_english_word(word):
        return False
    return (
        _WORD_AFTER_ACRONYM.match(text, end) is not None
        or _ROUTE_CUE.search(text, max(0, start - 10), start) is not None
    )


# "via" before capitals names a route as often as a facility ("referred via KNH"): a line or
# a tube of the clinical abbreviation inventories after it ("via UVC", "VIA PICC") is the
# route, while a facility's acronym is in none of them.
_ROUTE_CUE = regex.compile(r"(?i)\bvia[ \t]+(?:the[ \t]+)?\Z")


# Lines and tubes written as acronyms (data/words/lines_and_tubes.txt).
_LINES_AND_TUBES = frozenset(w.upper() for w in wordlists.words("lines_and_tubes"))


# Only blanks and an opening bracket between a facility and an acronym: one names the
# other ("Kenyatta National Hospital (KNH)", "KNH (Kenyatta National Hospital)").
_OPENING_BRACKET = regex.compile(r"[ \t]*\(")


def acronym_facilities(text: str, facilities: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """Facilities written in capitals, and the unknown place word that may follow them."""
    found: list[tuple[str, int, int]] = []
    names: set[str] = set()
    for m in _ACRONYM_WORD.finditer(text):
        word = m.group("a")
        if not _facility_acronym(word):
            continue
        start, end = m.span("a")
        if _a_phrase_of_plain_words(text, word, start, end):
            continue
        cue = _ACRONYM_CUE.search(text, max(0, start - 40), start) or _preposition_before(
            text, start
        )
        among_capitals = _clinical_word_among_capitals(text, start, word)
        if cue and among_capitals:
            cue = None
        if cue and _ROUTE_CUE.search(cue.group()) and word.upper() in _LINES_AND_TUBES:
            cue = None  # "TPN via UVC", "feeds via NGT": the line or tube is the route
        bracketed = any(
            (e <= start and _OPENING_BRACKET.fullmatch(text[e:start]))
            or (end <= s and _OPENING_BRACKET.fullmatch(text[end:s]))
            for s, e in facilities
        )
        before = _PLACE_BEFORE.search(text, max(0, start - 30), start)
        if before and word.endswith("H") and not is_known_word(before.group("x")):
            names.add(word)
            found.append(("FACILITY", before.start("x"), end))
            continue
        if word in lexicon.GENERIC_FACILITY_ACRONYMS:
            continue
        after = _PLACE_WORDS.match(text, end)
        # "AIIMS Bhubaneswar": capitals then an unknown place word.
        first = after.group("x").split()[0] if after else ""
        placed = not first.isupper() and bool(first) and not is_known_word(first)
        labelled = bool(_FACILITY_LABEL.search(text, max(0, start - 30), start)) or (
            text.startswith(")", end)
            and _TITLED_NAME_BEFORE.search(text, max(0, start - 80), start) is not None
        )
        # "TRACH SITE"; and a line or tube at its site or hub ("UVC site clean", "PICC hub
        # scrubbed"), where "our MSK site" is a facility's.
        kind_after = (
            bool(_KIND_AFTER.match(text, end))
            and not among_capitals
            and word.upper() not in _LINES_AND_TUBES
        )
        in_place = _IN_PLACE.match(text, end)
        placed = placed or bool(in_place and not is_known_word(in_place.group("x")))
        # "LYNCH SYNDROME", "NICOTINE PATCH" in ward capitals end like "...CH" but are words.
        shaped = bool(_FACILITY_SHAPE.fullmatch(word.split("-")[0])) and not (
            is_known_word(word) or is_frequent_word(word) or among_capitals or is_ward_word(word)
        )
        if not (cue or bracketed or placed or shaped or labelled or kind_after):
            continue
        names.add(word)
        found.append(("FACILITY", start, end))
        if after:
            words = after.group("x").split()
            keep = 0
            for w in words:
                if is_known_word(w) or w.isupper():
                    break
                keep += 1
            if keep:
                last = words[keep - 1]
                stop = text.index(last, after.start("x")) + len(last)
                found.append(("CITY", after.start("x"), stop))
    # Two capitals after "at" that end the clause: "seen 27-Aug-2016 at CD;", "theatre at
    # LH". Not a clinical, service or ward short form ("at ED.", "at OR", "at PT.").
    for m in _AT_TWO_CAPITALS.finditer(text):
        word = m.group("a")
        if (
            _facility_acronym(word)
            and word not in lexicon.GENERIC_FACILITY_ACRONYMS
            and not is_ward_word(word)
            and not is_shorthand(word)
            and word.lower() not in lexicon.TITLE_WORDS
        ):
            found.append(("FACILITY", m.start("a"), m.end("a")))
    # A facility named once in capitals is the same facility wherever else it appears.
    for word in names:
        for m in regex.finditer(rf"(?<![\w&/-]){regex.escape(word)}(?![\w&])", text):
            found.append(("FACILITY", m.start(), m.end()))
    return found


# A facility named in text without case: "try viitasaari community health center",
# "KISII TEACHING AND REFERRAL HOSPITAL". The head is found in any case; the name is the
# words before it that are facility words ("rural", "teaching") or no ordinary word (the
# place), joined by "and" or a particle ("of" ends it), and it must hold one such place
# word: "the district hospital" names no place.
_CASELESS_HEAD = regex.compile(
    as_written(rf"(?i:(?<![\w-]){_FACILITY_HEAD})(?![\w-])"), regex.VERSION1 | regex.IGNORECASE
)
_WORD_BEFORE = regex.compile(r"(?r)(?<![\w'\u2019-])([\p{L}\p{M}][\p{L}\p{M}'\u2019-]*)[ \t]+")
_FACILITY_WORDS = frozenset(w.lower() for w in wordlists.words("facility_words"))
_MAX_NAME_WORDS = 5


def caseless_facilities(text: str) -> list[tuple[int, int]]:
    """Spans of facilities written all in small letters or all in capitals."""
    from echo_cases.deid.candidates import is_caseless

    spans = []
    line_start = 0
    for line in text.split("\n"):
        # Only lines without case are searched (the cheap test first: most lines have case).
        if (line == line.lower() or line == line.upper()) and is_caseless(line):
            spans += _caseless_facilities_in_line(text, line_start, line_start + len(line))
        line_start += len(line) + 1
    return spans


def _caseless_facilities_in_line(
    text: str, line_start: int, line_end: int
) -> list[tuple[int, int]]:
    from echo_cases.deid.candidates import is_function_word, is_ordinary_word

    spans = []
    for head in _CASELESS_HEAD.finditer(text, line_start, line_end):
        start, place, pos = head.start(), False, head.start()
        for _ in range(_MAX_NAME_WORDS):
            word = _WORD_BEFORE.match(text, line_start, pos)
            if word is None:
                break
            w = word.group(1)
            low = w.lower()
            # "of" ends the name: "dr jessica akyena of hohoe health centre".
            joins = low not in ("of", "the") and regex.fullmatch(PARTICLE, low) is not None
            if low in _FACILITY_WORDS or low in ("and", "&") or joins:
                pos = word.start()
                continue
            if is_function_word(w) or is_ordinary_word(w) or len(w) < 3:
                break
            if _WARD_VERB.fullmatch(w):
                break  # "VOCERA'D PHARMACY": the pharmacy called, no pharmacy's name
            place, pos, start = True, word.start(), word.start()
        if place:
            spans.append((start, head.end()))
    return spans


# A preposition written with a capital inside a sentence of small letters belongs to a
# title in Title Case ("5 Musicians Of The 70s You're Supposed To Hate"), not to a place.
_TITLE_CASE_WORD_BEFORE = regex.compile(r"(?<![\w'\u2019-])\p{Lu}\p{Ll}+[ \t]+\Z")
_OPENS_SENTENCE = regex.compile(r"(?:\A|[.!?:;\n(\"'\u201c])[ \t]*\Z")


def _title_case_cue(text: str, start: int) -> bool:
    cue_word = _TITLE_CASE_WORD_BEFORE.search(text, max(0, start - 16), start)
    return (
        cue_word is not None
        and _OPENS_SENTENCE.search(text, max(0, cue_word.start() - 4), cue_word.start()) is None
        and any(c.islower() for c in text[max(0, start - 80) : cue_word.start()])
    )


# A street and a dwelling's unit in a line without case: "3369 24 clarke avenue", "apt. 805",
# "SUITE 638". With capitals the street's name carries one (the rules above); without, the
# words between the number and a word that names only a street (data/words/
# street_types_without_case.txt) must be no function, clinical or ward word.
_STREET_WITHOUT_CASE = regex.compile(
    r"(?<![\w/.-])\d{1,5}[a-z]?(?:[/-]\d{1,4})?,?[ \t]+"
    r"(?P<words>(?:[\p{L}\p{M}'-]{2,}[ \t]+){1,3})"
    rf"(?:{alternation(wordlists.words('street_types_without_case'))})\b\.?",
    regex.IGNORECASE,
)
_UNIT_WITHOUT_CASE = regex.compile(
    r"(?<![\w-])(?:apt|apartment|suite|ste|flat|studio)\.?[ \t]*#?\d{1,5}[a-z]?\b",
    regex.IGNORECASE,
)


def caseless_streets(text: str) -> list[tuple[int, int]]:
    """Streets with their house number, and dwelling units, in lines without case."""
    from echo_cases.deid.candidates import is_caseless

    spans = []
    line_start = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        if (line == line.lower() or line == line.upper()) and is_caseless(line):
            for m in _STREET_WITHOUT_CASE.finditer(text, line_start, line_end):
                if all(_may_name_a_street(w) for w in m.group("words").split()):
                    spans.append((m.start(), m.end()))
            spans += [m.span() for m in _UNIT_WITHOUT_CASE.finditer(text, line_start, line_end)]
        line_start = line_end + 1
    return spans


def _fills_a_facility_field(text: str, start: int, words: list[str]) -> bool:
    """ "Facility: National Referral Hospital", "Hospital: Oncology Teaching Hospital": a
    form's field for the facility holds the facility's own name, even one made of ordinary
    words, when three capitalised words or more fill it ("Facility: Oncology Clinic" names a
    service, and stays)."""
    line_start = text.rfind("\n", 0, start) + 1
    capitalised = [w for w in words if w[0].isupper()]
    return len(capitalised) >= 3 and bool(_FACILITY_LABEL.search(text, line_start, start))


def _may_name_a_street(word: str) -> bool:
    from echo_cases.deid.candidates import is_clinical_word, is_function_word

    return not (
        is_function_word(word) or is_clinical_word(word) or is_ward_word(word) or is_drug_name(word)
    )


class EchoLocationRecognizer(RuleRecognizer):
    def __init__(self) -> None:
        super().__init__("EchoLocationRecognizer", LOCATION_RULES)

    def accept(self, text: str, start: int, end: int, rule_: Rule) -> bool:
        value = text[start:end].strip()
        words = value.split()
        if rule_.subtype == "LOCATION":
            first = words[0]
            if is_known_word(first) or not any(c.islower() for c in first):
                return False
            if is_drug(text, start, end):
                return False  # "switched to Meropenem", "to Tazocin 4.5g": a drug
            if _title_case_cue(text, start):
                return False  # "You're Supposed To Hate (But Secretly Love)": a title's word
        if rule_.subtype == "FACILITY":
            # "Oncology Clinic" is a service; "Well Medical Center" and "Colombia Health
            # Center" are places (stop words and country names make facility names too).
            if all(
                is_common_word(w) and w.lower() not in STOP_WORDS and w.lower() not in _REGION_WORDS
                for w in words
            ) and not _fills_a_facility_field(text, start, words):
                return False
        elif all(is_common_word(w) for w in words):
            return False  # "Grand Rounds": not a place
        if rule_.subtype == "FACILITY" and _LABEL_NOT_FACILITY.search(value):
            return False
        if rule_ is _FRENCH_NUMBER_THEN_STREET and (
            len(words) < 3 or words[2].lower() in STOP_WORDS or is_common_word(words[-1])
        ):
            return False  # "took 2 rue and 3": English after the word, no street's name
        if rule_ is _DWELLING_UNITS_IN_A_ROW and _one_unit_repeated(value):
            return False
        if rule_ is _ORGANISATION and (
            _national_body(text, start, end) or _body_of_a_specialty(text, start, end)
        ):
            return False
        if rule_ is _CITY_STATE_CODE:
            code = _CODE_AFTER.match(text, end)
            # "Dopamine, MO notified", "Propofol, OK to wean": a state code that is also
            # ward shorthand names a state only before a ZIP code.
            if code and is_ward_word(code.group("code")) and not code.group("zip"):
                return False
        if rule_ is _ORIGIN and (
            words[0].lower() in STOP_WORDS
            or words[0].lower() in _ARTICLES
            or all(is_common_word(w) or is_very_common_word(w) for w in words)
        ):
            return False  # "lives in a shelter", "comes from work", "de la sierra"
        if rule_.subtype == "CITY" and _a_room_of_the_ward(text, start, end):
            return False  # "STAYING IN FAMILY ROOM": a room of the hospital
        if rule_.subtype == "CITY" and _an_unnamed_home(text, start, value):
            return False  # "LIVES AT HOME W/ DAUGHTER": where, but named by nobody
        if rule_.subtype in ("CITY", "EMPLOYER"):
            return (
                value.lower() not in _NON_IDENTIFYING
                and value.lower() not in lexicon.CLINICAL_ACRONYMS
            )
        return True

    def finish(
        self, text: str, results: list[RecognizerResult], entities: list[str]
    ) -> list[RecognizerResult]:
        found, results = results, []
        for res in found:
            # A capitalised sentence opener is not part of the facility or city name.
            m = _LEADING_NOISE.match(text, res.start, res.end)
            if m and m.end() < res.end:
                res.start = m.end()
            m = _FOREIGN_NOISE.match(text, res.start, res.end)
            if m and m.end() < res.end:
                res.start = m.end()
                if all(is_common_word(w) for w in text[res.start : res.end].split()):
                    continue  # "Internada en el Hospital": only the head word was left
            results.append(res)
            if res.entity_type == "FACILITY":
                after = _PLACE_AFTER.match(text, res.end)
                if (
                    after
                    and after.group("x").lower() not in _NON_IDENTIFYING
                    and not is_known_word(after.group("x").split()[0])
                ):
                    results.append(self._result("CITY", after.start("x"), after.end("x"), 0.85))
        for subtype, start, end in address_spans(text):
            if subtype in entities:
                results.append(self._result(subtype, start, end, 0.9))
        if "FACILITY" in entities:
            results += [self._result("FACILITY", a, b, 0.75) for a, b in caseless_facilities(text)]
            results += [
                self._result("FACILITY", a, b, 0.75) for a, b in facility_field_values(text)
            ]
        for subtype, start, end in landmarks.places(text):
            if subtype in entities:
                results.append(self._result(subtype, start, end, 0.75))
        for subtype, start, end in address_chains(text):
            if subtype in entities:
                results.append(self._result(subtype, start, end, 0.8))
        if "ADDRESS" in entities:
            results += [self._result("ADDRESS", a, b, 0.8) for a, b in caseless_streets(text)]
        if "FACILITY" in entities:
            results += [self._result("FACILITY", a, b, 0.75) for a, b in saints_after_a_move(text)]
        facilities = [(r.start, r.end) for r in results if r.entity_type == "FACILITY"]
        for subtype, start, end in acronym_facilities(text, facilities):
            if subtype in entities:
                results.append(self._result(subtype, start, end, 0.75))
        # "in Aspen collar", "via RAM cannula": a device's brand, not a place.
        results = [r for r in results if not landmarks.brand_of_a_device(text, r.end)]
        for res in results:
            # "Abebe's wife": the possessive is not part of the place.
            if text.endswith(("'s", "\u2019s"), res.start, res.end) and res.end - res.start > 3:
                res.end -= 2
        return results

    def _result(self, subtype: str, start: int, end: int, score: float) -> RecognizerResult:
        return RecognizerResult(
            subtype,
            start,
            end,
            score,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )
