"""The case form, declared as data.

Hubs ask for the same core fields; a program may add its own (stored as specs
on ``Program.extra_fields``), or replace the whole form with a versioned one of
its own (``services.program_forms``). Each field also says how the
de-identifier treats it: free text is analysed, a structured value (a choice,
a number, yes/no) is kept as it is, a date is written relative to the case's
submission like every date in its text, and a field whose whole value is an
identifier is removed outright.

Every value is stored as a string: a multiple choice is its choices joined by
``"; "`` in the form's order (which is why a choice may not hold ";"), a date is ISO
(``2026-03-04``), a number is written as typed once it reads as a number. The API
sends and reads a multiple choice as a list of its choices (``CaseForm.from_lists``,
``CaseForm.as_lists``); stored values read the same whenever they were written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any


class FieldKind(StrEnum):
    LINE = "line"  # one line of text
    TEXT = "text"  # a paragraph or more
    CHOICE = "choice"  # one of the choices
    MULTI = "multi"  # any of the choices
    NUMBER = "number"  # a number, in the field's unit
    DATE = "date"  # a day, written ISO; identifying, so staff read it relative to submission
    YES_NO = "yes_no"


TEXT_KINDS = (FieldKind.LINE, FieldKind.TEXT)
# What the form editor calls each kind.
KIND_WORDS = {FieldKind.LINE: "Short text", FieldKind.TEXT: "Long text",
              FieldKind.NUMBER: "Number", FieldKind.CHOICE: "Single choice",
              FieldKind.MULTI: "Multiple choice", FieldKind.DATE: "Date",
              FieldKind.YES_NO: "Yes / no"}
YES_NO = ("yes", "no")
MULTI_SEPARATOR = "; "


class Handling(StrEnum):
    """What de-identification does with a field's value."""

    ANALYSE = "analyse"  # free text: find and replace identifiers
    KEEP = "keep"  # a structured, non-identifying value (age band, sex)
    REMOVE = "remove"  # the whole value identifies (a name, a DOB, an MRN)
    DATE = "date"  # a date: written relative to submission (or shifted), as the hub shows dates


@dataclass(frozen=True, slots=True)
class FormField:
    name: str
    label: str
    kind: FieldKind
    handling: Handling
    required: bool = False
    max_length: int = 10_000
    choices: tuple[str, ...] = ()
    help: str = ""
    unit: str = ""  # a number's unit ("mg/dL"), shown beside it
    minimum: Decimal | None = None
    maximum: Decimal | None = None

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any]) -> FormField:
        """Build a field from its stored spec (a program's extra field or form version)."""
        kind = FieldKind(spec.get("kind", FieldKind.TEXT))
        choices = YES_NO if kind is FieldKind.YES_NO else tuple(spec.get("choices", ()))
        return cls(
            name=str(spec["name"]),
            label=str(spec.get("label", spec["name"])),
            kind=kind,
            handling=Handling(spec.get("handling", default_handling(kind))),
            required=bool(spec.get("required", False)),
            max_length=int(spec.get("max_length", 10_000)),
            choices=choices,
            help=str(spec.get("help", "")),
            unit=str(spec.get("unit", "")),
            minimum=read_number(spec.get("minimum")),
            maximum=read_number(spec.get("maximum")),
        )

    def to_spec(self) -> dict[str, Any]:
        """The field as stored in a form version: JSON, read back by ``from_spec``."""
        spec: dict[str, Any] = {"name": self.name, "label": self.label, "kind": self.kind.value,
                                "handling": self.handling.value, "required": self.required,
                                "help": self.help}
        if self.kind in TEXT_KINDS:
            spec["max_length"] = self.max_length
        if self.kind in (FieldKind.CHOICE, FieldKind.MULTI):
            spec["choices"] = list(self.choices)
        if self.kind is FieldKind.NUMBER:
            spec.update(unit=self.unit, minimum=_text(self.minimum), maximum=_text(self.maximum))
        return spec

    @property
    def free_text(self) -> bool:
        return self.handling is Handling.ANALYSE

    def check(self, value: str) -> str:
        """Why ``value`` (already normalised, not empty) does not fit; "" when it does."""
        if len(value) > self.max_length:
            return f"Keep this under {self.max_length:,} characters (it has {len(value):,})."
        if self.kind in (FieldKind.CHOICE, FieldKind.YES_NO) and value not in self.choices:
            return "Choose one of: " + ", ".join(self.choices) + "."
        if self.kind is FieldKind.MULTI:
            unknown = [v for v in value.split(MULTI_SEPARATOR.strip()) if v.strip() not in
                       self.choices]
            if unknown:
                return "Choose from: " + ", ".join(self.choices) + "."
        if self.kind is FieldKind.NUMBER:
            return self._check_number(value)
        if self.kind is FieldKind.DATE and read_iso_date(value) is None:
            return "Enter a date as year-month-day, e.g. 2026-03-04."
        return ""

    def _check_number(self, value: str) -> str:
        number = read_number(value)
        unit = f" {self.unit}" if self.unit else ""
        if number is None:
            return f"Enter a number{' in ' + self.unit if self.unit else ''}, e.g. 12.5."
        if self.minimum is not None and number < self.minimum:
            return f"Enter at least {_text(self.minimum)}{unit}."
        if self.maximum is not None and number > self.maximum:
            return f"Enter at most {_text(self.maximum)}{unit}."
        return ""

    def chosen(self, value: str) -> list[str]:
        """A multiple choice's stored value ("16; 18") as the list of its choices."""
        return [v.strip() for v in value.split(MULTI_SEPARATOR.strip()) if v.strip()]

    def from_list(self, sent: object) -> tuple[str, str]:
        """A multiple choice sent as a list of strings, as stored; and why it does not fit
        ("" when it does). A refused choice is named by its place in the list, not echoed:
        whatever was typed there could be an identifier."""
        if not isinstance(sent, list) or not all(isinstance(v, str) for v in sent):
            return "", ('Send the choices as a list of strings, e.g. ["'
                        + (self.choices[0] if self.choices else "…") + '"].')
        for place, value in enumerate(sent, start=1):
            if value.strip() not in self.choices:
                return "", (f"Choice {place} of the list is not one of this field's choices: "
                            + ", ".join(self.choices) + ".")
        return MULTI_SEPARATOR.join(sent), ""

    def normalise(self, raw: str) -> str:
        value = raw.strip() if self.kind is not FieldKind.TEXT else raw.strip("\n\r ")
        value = value.replace("\r\n", "\n")
        if self.kind is FieldKind.MULTI and value:
            chosen = {v.strip() for v in value.split(MULTI_SEPARATOR.strip()) if v.strip()}
            known = [c for c in self.choices if c in chosen]
            # Unknown choices are kept so that ``check`` names them.
            value = MULTI_SEPARATOR.join(known + sorted(chosen - set(known)))
        if self.kind is FieldKind.YES_NO:
            value = value.lower()
        return value


def default_handling(kind: FieldKind) -> Handling:
    """Text is free text to de-identify unless the form says otherwise; a date is written
    relative to submission; every other kind is a structured value, kept."""
    if kind in TEXT_KINDS:
        return Handling.ANALYSE
    return Handling.DATE if kind is FieldKind.DATE else Handling.KEEP


def read_iso_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


# A number as written: ASCII digits, commas only between thousands, a point for decimals
# (an exponent as JSON writes one). Decimal() alone reads "1,5" with its comma dropped as 15,
# "1_0" as 10, and other scripts' digits.
_NUMBER = re.compile(
    r"[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]{1,3})?")


def read_number(raw: object) -> Decimal | None:
    if raw is None or raw == "":
        return None
    text = str(raw).strip()
    if not _NUMBER.fullmatch(text):
        return None
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _text(number: Decimal | None) -> str | None:
    return None if number is None else format(number.normalize(), "f")


def key_for(label: str, taken: Iterable[str]) -> str:
    """A field's key, derived once from its label: lower-case ASCII words joined by "_",
    with a number added if a field of the program ever had it (keys are never reused)."""
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_label.lower()).strip("_")[:48] or "field"
    if base[0].isdigit():
        base = "f_" + base
    used = set(taken)
    key, n = base, 2
    while key in used:
        key, n = f"{base}_{n}", n + 1
    return key


AGE_BANDS = ("under 18", "18-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90+")
SEXES = ("female", "male", "intersex", "not stated")

CORE_FIELDS: tuple[FormField, ...] = (
    FormField("title", "Case title", FieldKind.LINE, Handling.ANALYSE, required=True,
              max_length=200, help="A short clinical summary, e.g. 'ASC-H Pap in a 34-year-old'."),
    FormField("question", "Your question for the panel", FieldKind.TEXT, Handling.ANALYSE,
              required=True, max_length=2_000),
    FormField("age_band", "Patient age band", FieldKind.CHOICE, Handling.KEEP,
              required=True, choices=AGE_BANDS),
    FormField("sex", "Patient sex", FieldKind.CHOICE, Handling.KEEP,
              required=True, choices=SEXES),
    FormField("history", "History", FieldKind.TEXT, Handling.ANALYSE, required=True),
    FormField("current_treatment", "Current treatment", FieldKind.TEXT, Handling.ANALYSE),
    FormField("labs_imaging", "Relevant labs and imaging", FieldKind.TEXT, Handling.ANALYSE),
    FormField("narrative", "Narrative", FieldKind.TEXT, Handling.ANALYSE,
              help="Anything else the panel should know. Identifiers are removed before "
                   "experts read the case, but please leave them out where you can."),
)


# The fields the workflow reads itself (queues, letters, titles): every form keeps them.
WORKFLOW_FIELDS = ("title", "question")


@dataclass(frozen=True, slots=True)
class CaseForm:
    fields: tuple[FormField, ...]
    # The program's form version this is; 0 is the default form (core + extra fields).
    version: int = 0

    @classmethod
    def from_specs(cls, specs: Iterable[Mapping[str, Any]], version: int) -> CaseForm:
        return cls(tuple(FormField.from_spec(spec) for spec in specs), version)

    def to_specs(self) -> list[dict[str, Any]]:
        return [f.to_spec() for f in self.fields]

    @classmethod
    def for_program(cls, extra_specs: Iterable[Mapping[str, Any]] = ()) -> CaseForm:
        extras = tuple(FormField.from_spec(spec) for spec in extra_specs)
        taken = {f.name for f in CORE_FIELDS}
        clashes = [f.name for f in extras if f.name in taken]
        if clashes:
            raise ValueError(f"program fields clash with core fields: {clashes}")
        return cls(CORE_FIELDS + extras)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> FormField:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def free_text(self) -> list[FormField]:
        return [f for f in self.fields if f.handling is Handling.ANALYSE]

    def clean(self, data: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
        """Normalise submitted values; return (values, errors by field name).

        Drafts may be incomplete, so required fields are checked separately by
        ``missing``; here only unknown fields, types, lengths and choices.
        """
        values: dict[str, str] = {}
        errors: dict[str, str] = {}
        for name in data:
            if name not in self.names:
                errors[name] = "This form has no such field."
        for f in self.fields:
            raw = data.get(f.name, "")
            if raw is None:
                raw = ""
            if f.kind is FieldKind.MULTI and isinstance(raw, list) and all(
                    isinstance(v, str) for v in raw):
                raw = MULTI_SEPARATOR.join(raw)
            elif f.kind is FieldKind.NUMBER and isinstance(raw, int | float) and not isinstance(
                    raw, bool):
                raw = str(raw)
            if not isinstance(raw, str):
                errors[f.name] = ("Choose from the list." if f.kind is FieldKind.MULTI
                                  else "Enter a number." if f.kind is FieldKind.NUMBER
                                  else "Enter text.")
                continue
            value = f.normalise(raw)
            problem = f.check(value) if value else ""
            if problem:
                errors[f.name] = problem
            values[f.name] = value
        return values, errors

    def from_lists(self, data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
        """Values as the API sends them, as ``clean`` reads them: each multiple choice a
        list of its choices, every other field text (None, a blank, passes through).
        Returns (values, errors by field name); names the form lacks pass on to ``clean``."""
        values: dict[str, Any] = dict(data)
        errors: dict[str, str] = {}
        for f in self.fields:
            sent = data.get(f.name)
            if sent is None:
                continue
            if f.kind is FieldKind.MULTI:
                values[f.name], problem = f.from_list(sent)
                if problem:
                    errors[f.name] = problem
            elif isinstance(sent, list):
                errors[f.name] = "Send text: only a multiple choice takes a list."
            elif isinstance(sent, int | float) and not isinstance(sent, bool) \
                    and f.kind is not FieldKind.NUMBER:
                errors[f.name] = "Send text: only a number field takes a number."
        return values, errors

    def as_lists(self, values: Mapping[str, str]) -> dict[str, Any]:
        """Stored values as the API shows them: each multiple choice a list of its choices."""
        multi = {f.name: f for f in self.fields if f.kind is FieldKind.MULTI}
        return {name: multi[name].chosen(value) if name in multi and isinstance(value, str)
                else value for name, value in values.items()}

    def missing(self, values: Mapping[str, str]) -> dict[str, str]:
        """Required fields left empty, with the message to show beside each."""
        return {f.name: "This is required before you submit." for f in self.fields
                if f.required and not values.get(f.name, "").strip()}

    def json_schema(self) -> dict[str, Any]:
        """JSON Schema of the field values, for the OpenAPI document."""
        properties: dict[str, Any] = {}
        for f in self.fields:
            prop: dict[str, Any] = {"type": "string", "title": f.label, "maxLength": f.max_length,
                                    "x-kind": f.kind.value, "x-free-text": f.free_text}
            if f.kind in (FieldKind.CHOICE, FieldKind.YES_NO):
                prop["enum"] = ["", *f.choices]
            elif f.kind is FieldKind.MULTI:
                prop = {"type": "array", "title": f.label, "uniqueItems": True,
                        "items": {"type": "string", "enum": list(f.choices)},
                        "x-kind": f.kind.value, "x-free-text": False,
                        "x-choices": list(f.choices),
                        "description": "Any of the choices, as a list (empty: none)."}
            elif f.kind is FieldKind.NUMBER:
                # As read_number reads it: commas only between thousands ("1,5" is refused).
                prop["type"] = ["string", "number"]
                prop["pattern"] = (r"^[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
                                   r"(?:[eE][-+]?[0-9]{1,3})?$|^$")
                prop["x-unit"] = f.unit
                if f.minimum is not None:
                    prop["x-minimum"] = float(f.minimum)
                if f.maximum is not None:
                    prop["x-maximum"] = float(f.maximum)
            elif f.kind is FieldKind.DATE:
                prop["format"] = "date"
                prop["description"] = "A day, written year-month-day; staff read it relative " \
                                      "to the case's submission."
            if f.help:
                prop["description"] = f.help + (" " + prop["description"]
                                                 if "description" in prop else "")
            properties[f.name] = prop
        return {"type": "object", "properties": properties, "additionalProperties": False,
                "required": [f.name for f in self.fields if f.required],
                "description": "A draft may leave any field out or empty; the `required` "
                               "fields must be filled in before the case can be submitted."}
