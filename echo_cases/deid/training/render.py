"""Fill one template into a list of segments: literal text, and slot values with their labels.

Slots are written {kind}, {kind:arg} or {kind@ref}; a ref names a person or a place that the
template mentions again, so '{name@pt} ... {first@pt}' writes the same person twice.
Alternatives are written [[one|two|three]] and are chosen before the slots are filled.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from echo_cases.deid.training import data, values
from echo_cases.deid.training.patterns import fill_fields
from echo_cases.deid.training.sources import Person, Source

PERSON, LOCATION, DATE, AGE, ID, CONTACT = "PERSON", "LOCATION", "DATE", "AGE", "ID", "CONTACT"

_SLOT = re.compile(r"\{([A-Za-z_]+)(?::([^{}@]*))?(?:@([A-Za-z0-9_]+))?\}")
_RANGE = re.compile(r"(-?[0-9.]+)-(-?[0-9.]+)")
_ALTERNATIVES = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
# People whose ref starts so are clinicians: they come from the hub's source, not the patient's.
_CLINICIAN_REFS = ("dr", "rn", "nurse", "co", "cc", "sig", "hub")


# Slot kinds and the Filler method that fills each.
_HANDLERS = {
    # people
    "name": "_name",
    "full": "_full",
    "first": "_first",
    "last": "_last",
    "initials": "_initials",
    "upper": "_upper",
    "inverted": "_inverted",
    "formal": "_formal",
    "doctor": "_doctor",
    "title": "_title",
    "dr": "_dr_title",
    "nurse_t": "_nurse_title",
    "he": "_pronoun",
    "He": "_pronoun",
    "his": "_pronoun",
    "His": "_pronoun",
    "him": "_pronoun",
    "man": "_pronoun",
    "sex": "_pronoun",
    # places
    "town": "_place",
    "village": "_place",
    "street": "_place",
    "postcode": "_place",
    "pobox": "_place",
    "region": "_place",
    "country": "_place",
    "facility": "_facility",
    "fac_abbr": "_facility_abbreviation",
    "address": "_address",
    "address_ml": "_postal_address",
    # dates and ages
    "date": "_date",
    "dob": "_date",
    "age": "_age",
    # identifiers and contacts
    "id": "_id",
    "idl": "_id_labelled",
    "phone": "_phone",
    "email": "_email",
    "url": "_url",
    "ip": "_ip",
    # never identifiers
    "drug": "_lexicon",
    "cond": "_lexicon",
    "lab": "_lexicon",
    "dept": "_lexicon",
    "scale": "_lexicon",
    "cred": "_lexicon",
    "pick": "_pick",
    "abbr": "_shared_word",
    "rx": "_shared_word",
    "cword": "_shared_word",
    "n": "_number",
    "year": "_year",
    "time": "_time",
}
SLOT_KINDS = frozenset(_HANDLERS)


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the document: template text (slot None) or a slot's value and its label."""

    text: str
    label: str | None = None
    slot: str | None = None


def resolve_alternatives(body: str, rng: random.Random) -> str:
    """Choose one option of every [[a|b|c]]."""
    return _ALTERNATIVES.sub(lambda match: rng.choice(match.group(1).split("|")), body)


def template_slots(body: str) -> set[str]:
    """The slot kinds a template body uses (for checks of the data)."""
    return {match.group(1) for match in _SLOT.finditer(body)}


class Filler:
    """Fills the slots of one document.

    `struct` drives everything that is not an identifier (alternatives, drugs, numbers), so two
    documents with the same `struct` seed share their wording and differ only in identifiers,
    which `ident` drives.
    """

    def __init__(
        self,
        template: data.Template,
        struct: random.Random,
        ident: random.Random,
        patient_source: Source,
        hub_source: Source,
        split: data.Split = "train",
        edition: data.Edition = "base",
    ) -> None:
        self.template = template
        self.split = split
        self.edition = edition
        self.struct = struct
        self.ident = ident
        self.patient_source = patient_source
        self.hub_source = hub_source
        self.sexes = dict(template.sexes)
        self.people: dict[str, Person] = {}
        self.cache: dict[tuple[str, str, str], list[Segment]] = {}
        self.handlers: dict[str, Callable[[str, str, str], list[Segment]]] = {
            kind: getattr(self, method) for kind, method in _HANDLERS.items()
        }

    # -- the walk over a template --------------------------------------------------------------

    def fill(self) -> list[Segment]:
        body = resolve_alternatives(self.template.body, self.struct)
        return _single_full_stops(self.expand(body))

    def expand(self, text: str) -> list[Segment]:
        """Literal text and filled slots, in order."""
        segments: list[Segment] = []
        position = 0
        for match in _SLOT.finditer(text):
            if match.start() > position:
                segments.append(Segment(text[position : match.start()]))
            kind, arg, ref = match.group(1), match.group(2) or "", match.group(3) or ""
            segments.extend(self.slot(kind, arg, ref))
            position = match.end()
        if position < len(text):
            segments.append(Segment(text[position:]))
        return segments

    def slot(self, kind: str, arg: str, ref: str) -> list[Segment]:
        handler = self.handlers.get(kind)
        if handler is None:
            raise KeyError(f"template {self.template.id}: unknown slot {{{kind}}}")
        key = (kind, arg, ref)
        if ref and kind not in self._PERSON_SLOTS and key in self.cache:
            return self.cache[key]
        segments = [
            Segment(s.text, s.label, s.slot or kind) for s in handler(kind, arg, ref) if s.text
        ]
        if ref:
            self.cache[key] = segments
        return segments

    _PERSON_SLOTS = frozenset(
        {
            "name",
            "full",
            "first",
            "last",
            "initials",
            "upper",
            "formal",
            "doctor",
            "title",
            "dr",
            "nurse_t",
            "he",
            "He",
            "his",
            "His",
            "him",
            "man",
            "sex",
            "email",
        }
    )

    # -- people --------------------------------------------------------------------------------

    def _source_for(self, ref: str) -> Source:
        return self.hub_source if ref.startswith(_CLINICIAN_REFS) else self.patient_source

    def person(self, ref: str) -> Person:
        ref = ref or "pt"
        if ref not in self.people:
            sex = self.sexes.get(ref) or self.ident.choice("fm")
            self.people[ref] = self._source_for(ref).person(self.ident, sex)
        return self.people[ref]

    def _natural(self, person: Person) -> str:
        if person.family is None:
            return person.given
        parts = (
            [person.family, person.middle, person.given]
            if person.family_first
            else [person.given, person.middle, person.family]
        )
        joiner = "" if person.joined else " "
        return joiner.join(part for part in parts if part)

    def _style(self, person: Person) -> str:
        rng = self.ident
        if person.family is None:
            return person.given
        if not person.latin:
            return rng.choice([self._natural(person)] * 4 + [f"{person.family}, {person.given}"])
        given, family = person.given, person.family
        styles = [
            (55, lambda: self._natural(person)),
            (8, lambda: f"{family}, {given}"),
            (8, lambda: f"{upper(family)}, {given}"),
            (5, lambda: f"{upper(family)} {given}"),
            (8, lambda: f"{given[0]}. {family}"),
            (4, lambda: f"{given} {family[0]}."),
            (4, lambda: f"{given[0]}.{family[0]}."),
            (4, lambda: f"{given[0]}{family[0]}" if person.family_first is False else given),
            (4, lambda: f"{given} {upper(family)}"),
        ]
        choice = rng.choices([style for _, style in styles], [weight for weight, _ in styles])[0]
        return choice()

    def _name(self, kind: str, arg: str, ref: str) -> list[Segment]:
        return [Segment(self._style(self.person(ref)), PERSON)]

    def _full(self, kind: str, arg: str, ref: str) -> list[Segment]:
        return [Segment(self._natural(self.person(ref)), PERSON)]

    def _first(self, kind: str, arg: str, ref: str) -> list[Segment]:
        return [Segment(self.person(ref).given, PERSON)]

    def _last(self, kind: str, arg: str, ref: str) -> list[Segment]:
        person = self.person(ref)
        return [Segment(person.family or person.given, PERSON)]

    def _initials(self, kind: str, arg: str, ref: str) -> list[Segment]:
        person = self.person(ref)
        if not person.latin or person.family is None:
            return [Segment(self._natural(person), PERSON)]
        initials = [person.given[0], person.family[0]]
        if person.family_first:
            initials.reverse()
        joiner = self.ident.choice([".", ". "])
        return [Segment(joiner.join(initials) + ".", PERSON)]

    def _upper(self, kind: str, arg: str, ref: str) -> list[Segment]:
        person = self.person(ref)
        if person.family is None:
            return [Segment(upper(person.given), PERSON)]
        layouts = [
            f"{upper(person.family)}, {person.given}",
            f"{upper(person.family)}, {upper(person.given)}",
            f"{person.family}, {person.given}",
            f"{upper(person.family)} {upper(person.given)}",
        ]
        if person.middle:
            layouts.append(f"{upper(person.family)}, {person.given} {person.middle}")
        return [Segment(self.ident.choice(layouts), PERSON)]

    def _inverted(self, kind: str, arg: str, ref: str) -> list[Segment]:
        person = self.person(ref)
        if person.family is None:
            return [Segment(person.given, PERSON)]
        family = upper(person.family) if self.ident.random() < 0.4 else person.family
        separator = self.ident.choice([", ", ", ", " "])
        return [Segment(f"{family}{separator}{person.given}", PERSON)]

    def _title_for(self, person: Person) -> str:
        titles = data.toml("titles")
        own = self.ident.random() < titles["own_set_share"]
        return str(
            self.ident.choice(titles["courtesy"][person.courtesy if own else "en"][person.sex])
        )

    def _formal(self, kind: str, arg: str, ref: str) -> list[Segment]:
        person = self.person(ref)
        return [Segment(self._title_for(person)), Segment(" "), *self._last(kind, arg, ref)]

    def _doctor(self, kind: str, arg: str, ref: str) -> list[Segment]:
        person = self.person(ref)
        name = self._natural(person) if self.ident.random() < 0.7 else self._style(person)
        return [Segment(self._doctor_title(person)), Segment(" "), Segment(name, PERSON)]

    def _doctor_title(self, person: Person) -> str:
        titles = data.toml("titles")["doctor_f" if person.sex == "f" else "doctor_m"]
        return str(self.ident.choice(titles[:2] if self.ident.random() < 0.6 else titles))

    def _title(self, kind: str, arg: str, ref: str) -> list[Segment]:
        return [Segment(self._title_for(self.person(ref)))]

    def _dr_title(self, kind: str, arg: str, ref: str) -> list[Segment]:
        return [Segment(self._doctor_title(self.person(ref)))]

    def _nurse_title(self, kind: str, arg: str, ref: str) -> list[Segment]:
        return [Segment(self.struct.choice(data.toml("titles")["nurse"]))]

    _PRONOUNS = {
        "he": ("she", "he"),
        "He": ("She", "He"),
        "his": ("her", "his"),
        "His": ("Her", "His"),
        "him": ("her", "him"),
        "man": ("woman", "man"),
        "sex": ("F", "M"),
    }

    def _pronoun(self, kind: str, arg: str, ref: str) -> list[Segment]:
        female, male = self._PRONOUNS[kind]
        return [Segment(female if self.person(ref).sex == "f" else male)]

    # -- places --------------------------------------------------------------------------------

    def _place_part(self, kind: str, source: Source) -> list[Segment]:
        rng = self.ident
        if kind == "town":
            return [Segment(source.town(rng), LOCATION)]
        if kind == "village":
            return [Segment(source.village(rng), LOCATION)]
        if kind == "street":
            lines = source.street_lines(rng)
            street = data.toml("places")["street"]
            if self.edition != "base" and rng.random() < street["unit_share"]:
                unit = rng.choice(street["units"]).replace("{n}", str(rng.randint(1, 999)))
                lines = [*lines, unit]
            segments: list[Segment] = []
            for index, line in enumerate(lines):
                if index:
                    segments.append(Segment(", "))
                segments.append(Segment(line, LOCATION))
            return segments
        if kind == "postcode":
            return [Segment(source.postcode(rng), LOCATION)]
        if kind == "pobox":
            layout = rng.choice(data.toml("places")["street"]["pobox"])
            return [Segment(layout.replace("{n}", str(rng.randint(1, 99999))), LOCATION)]
        if kind == "region":
            return [Segment(source.region(rng))]
        if kind == "country":
            return [Segment(source.country(rng))]
        raise KeyError(kind)

    def _place(self, kind: str, arg: str, ref: str) -> list[Segment]:
        return self._place_part(kind, self._source_for(ref))

    def _facility_name(self, source: Source) -> str:
        rng = self.ident
        places = data.toml("places")
        patterns = places["facility"]
        lang = source.lang if source.lang in patterns and rng.random() < 0.5 else "en"
        choices = patterns[lang]
        if self.edition == "varied":
            # More kinds of facility, a set for each split (the held-out set is never trained on).
            choices = [*choices, *places[f"facility_more_{self.split}"].get(lang, ())]
        return fill_fields(
            rng.choice(choices),
            {
                "town": lambda: source.town(rng),
                "village": lambda: source.village(rng),
                "family": lambda: source.family_name(rng),
                "saint": lambda: rng.choice(places["saints"]),
                "devotion": lambda: rng.choice(places["devotions"]),
                "n": lambda: str(rng.randint(1, 99)),
            },
        )

    def _facility(self, kind: str, arg: str, ref: str) -> list[Segment]:
        return [Segment(self._facility_name(self._source_for(ref)), LOCATION)]

    def _facility_abbreviation(self, kind: str, arg: str, ref: str) -> list[Segment]:
        full = self.slot("facility", "", ref or "hub")[0].text
        letters = [word[0] for word in full.split() if word[:1].isupper() and word[0].isalpha()]
        return [Segment("".join(letters) if len(letters) >= 2 else full, LOCATION)]

    def _expand_place_layout(self, layout: str, source: Source, line_joiner: str) -> list[Segment]:
        segments: list[Segment] = []
        position = 0
        for match in _SLOT.finditer(layout):
            if match.start() > position:
                segments.append(Segment(layout[position : match.start()]))
            field = match.group(1)
            if field == "military":
                template = self.ident.choice(data.toml("places")["street"]["military"])
                text = fill_fields(
                    template,
                    {
                        "n": lambda: str(self.ident.randint(1000, 9999)),
                        "family": lambda: source.family_name(self.ident),
                    },
                )
                segments.append(Segment(text, LOCATION))
            elif field == "military_city":
                segments.append(
                    Segment(self.ident.choice(data.toml("places")["street"]["military_city"]))
                )
            else:
                part = self._place_part(field, source)
                if field == "street" and line_joiner != ", ":
                    part = [Segment(line_joiner) if s.text == ", " else s for s in part]
                segments.extend(part)
            position = match.end()
        if position < len(layout):
            segments.append(Segment(layout[position:]))
        return segments

    def _address(self, kind: str, arg: str, ref: str) -> list[Segment]:
        layout = self.ident.choice(data.toml("places")["inline_layouts"]["layouts"])
        return self._expand_place_layout(layout, self._source_for(ref), ", ")

    def _postal_address(self, kind: str, arg: str, ref: str) -> list[Segment]:
        source = self._source_for(ref)
        layouts = data.address_layouts(self.edition)
        style = source.style
        if style == "us" and self.ident.random() < 0.1:
            style = "military"
        return self._expand_place_layout(self.ident.choice(layouts[style]), source, "\n")

    # -- dates and ages ------------------------------------------------------------------------

    def _date_language(self) -> str:
        rng = self.ident
        roll = rng.random()
        if roll < 0.6:
            return self.template.lang
        if roll < 0.8:
            return self.patient_source.lang
        return rng.choice(values.DATE_LANGUAGES)

    def _date(self, kind: str, arg: str, ref: str) -> list[Segment]:
        years = (1922, 2008) if kind == "dob" else (2012, 2026)
        text = values.date_text(self.ident, arg or "any", self._date_language(), years)
        return [Segment(text, DATE)]

    def _age(self, kind: str, arg: str, ref: str) -> list[Segment]:
        age, identifying = values.age_value(self.ident, arg or "any")
        return [Segment(age, AGE if identifying else None)]

    # -- identifiers and contacts --------------------------------------------------------------

    def _id_kind(self, arg: str) -> str:
        return arg or self.ident.choice(values.id_kinds())

    def _id(self, kind: str, arg: str, ref: str) -> list[Segment]:
        return [Segment(values.id_value(self.ident, self._id_kind(arg)), ID)]

    def _id_labelled(self, kind: str, arg: str, ref: str) -> list[Segment]:
        kind = self._id_kind(arg)
        label = values.id_label(self.ident, kind)
        separator = " " if label[-1] in ":#." else self.ident.choice([" ", ": ", " - "])
        return [Segment(label), Segment(separator), Segment(values.id_value(self.ident, kind), ID)]

    def _phone(self, kind: str, arg: str, ref: str) -> list[Segment]:
        return [Segment(self._source_for(ref).phone(self.ident), CONTACT)]

    def _email(self, kind: str, arg: str, ref: str) -> list[Segment]:
        if ref:
            person = self.person(ref)
            return [Segment(values.email(self.ident, person.given, person.family), CONTACT)]
        return [Segment(values.email(self.ident, None, None), CONTACT)]

    def _url(self, kind: str, arg: str, ref: str) -> list[Segment]:
        return [Segment(values.url(self.ident), CONTACT)]

    def _ip(self, kind: str, arg: str, ref: str) -> list[Segment]:
        return [Segment(values.ip_address(self.ident), CONTACT)]

    # -- never identifiers ---------------------------------------------------------------------

    _LEXICON_FILES = {
        "drug": "drugs",
        "cond": "conditions",
        "lab": "labs",
        "dept": "departments",
        "scale": "scales",
        "cred": "credentials",
    }

    def _lexicon(self, kind: str, arg: str, ref: str) -> list[Segment]:
        return [Segment(self.struct.choice(data.lexicon(self._LEXICON_FILES[kind])))]

    def _pick(self, kind: str, arg: str, ref: str) -> list[Segment]:
        return [Segment(self.struct.choice(data.word_lists()[arg]))]

    def _shared_word(self, kind: str, arg: str, ref: str) -> list[Segment]:
        word = self.struct.choice(data.shared_words(kind, self.split))
        # The inventories are in small letters; notes write short forms in capitals as often.
        if kind == "abbr" and self.struct.random() < 0.5:
            word = upper(word)
        return [Segment(word)]

    def _number(self, kind: str, arg: str, ref: str) -> list[Segment]:
        bounds = _RANGE.fullmatch(arg)
        if bounds is None:
            raise ValueError(f"template {self.template.id}: bad number range {arg!r}")
        low, high = bounds.groups()
        if "." in low or "." in high:
            decimals = max(
                len(low.split(".")[-1]) if "." in low else 0,
                len(high.split(".")[-1]) if "." in high else 0,
            )
            value = self.struct.uniform(float(low), float(high))
            return [Segment(f"{value:.{decimals}f}")]
        return [Segment(str(self.struct.randint(int(low), int(high))))]

    def _year(self, kind: str, arg: str, ref: str) -> list[Segment]:
        low, high = (1950, 2025) if arg == "birth" else (2005, 2025)
        return [Segment(str(self.struct.randint(low, high)))]

    def _time(self, kind: str, arg: str, ref: str) -> list[Segment]:
        hour, minute = self.struct.randint(0, 23), self.struct.choice([0, 15, 30, 45, 5, 50])
        layout = self.struct.choice(
            ["{h:02d}:{m:02d}", "{h:02d}{m:02d}", "{h}:{m:02d}", "{h}h{m:02d}"]
        )
        return [Segment(layout.format(h=hour, m=minute))]


def _single_full_stops(segments: list[Segment]) -> list[Segment]:
    """Drop the template's full stop after a value that ends in one ('J.A.' + '.'), as a writer
    would; 'J.A..' would also split into tokens that no longer match the span."""
    out: list[Segment] = []
    for segment in segments:
        previous = out[-1].text if out else ""
        if segment.slot is None and previous.endswith(".") and segment.text.startswith("."):
            segment = Segment(segment.text[1:])
        if segment.text:
            out.append(segment)
    return out


def upper(text: str) -> str:
    """Upper-case letter by letter, keeping any letter whose capital is longer (ß stays ß)."""
    return "".join(c.upper() if len(c.upper()) == 1 else c for c in text)


def lower(text: str) -> str:
    """Lower-case letter by letter, keeping any letter whose small form is longer (İ stays İ)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
