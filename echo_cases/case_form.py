"""The case form, declared as data.

Hubs ask for the same core fields; a program may add its own (stored as specs
on ``Program.extra_fields``). Each field also says how the de-identifier
treats it: free text is analysed, a structured choice is kept as it is, and a
field whose whole value is an identifier is removed outright.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class FieldKind(StrEnum):
    LINE = "line"  # one line of text
    TEXT = "text"  # a paragraph or more
    CHOICE = "choice"


class Handling(StrEnum):
    """What de-identification does with a field's value."""

    ANALYSE = "analyse"  # free text: find and replace identifiers
    KEEP = "keep"  # a structured, non-identifying value (age band, sex)
    REMOVE = "remove"  # the whole value identifies (a name, a DOB, an MRN)


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

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any]) -> FormField:
        """Build a program's extra field from its stored spec."""
        kind = FieldKind(spec.get("kind", FieldKind.TEXT))
        return cls(
            name=str(spec["name"]),
            label=str(spec.get("label", spec["name"])),
            kind=kind,
            handling=Handling(spec.get("handling", Handling.ANALYSE)),
            required=bool(spec.get("required", False)),
            max_length=int(spec.get("max_length", 10_000)),
            choices=tuple(spec.get("choices", ())),
            help=str(spec.get("help", "")),
        )


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


@dataclass(frozen=True, slots=True)
class CaseForm:
    fields: tuple[FormField, ...]

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
            if not isinstance(raw, str):
                errors[f.name] = "Enter text."
                continue
            value = raw.strip() if f.kind is not FieldKind.TEXT else raw.strip("\n\r ")
            value = value.replace("\r\n", "\n")
            if len(value) > f.max_length:
                errors[f.name] = (
                    f"Keep this under {f.max_length:,} characters (it has {len(value):,})."
                )
            elif f.kind is FieldKind.CHOICE and value and value not in f.choices:
                errors[f.name] = "Choose one of: " + ", ".join(f.choices) + "."
            values[f.name] = value
        return values, errors

    def missing(self, values: Mapping[str, str]) -> dict[str, str]:
        """Required fields left empty, with the message to show beside each."""
        return {f.name: "This is required before you submit." for f in self.fields
                if f.required and not values.get(f.name, "").strip()}

    def json_schema(self) -> dict[str, Any]:
        """JSON Schema of the field values, for the OpenAPI document."""
        properties: dict[str, Any] = {}
        for f in self.fields:
            prop: dict[str, Any] = {"type": "string", "title": f.label, "maxLength": f.max_length}
            if f.choices:
                prop["enum"] = ["", *f.choices]
            if f.help:
                prop["description"] = f.help
            properties[f.name] = prop
        return {"type": "object", "properties": properties, "additionalProperties": False,
                "required": [f.name for f in self.fields if f.required],
                "description": "A draft may leave any field out or empty; the `required` "
                               "fields must be filled in before the case can be submitted."}
