"""The program form editor's rows: a page of numbered inputs to and from field drafts.

The editor works without script: each field is a row of inputs suffixed with its row
number, ordered by a position the admin types, removed by a box; one empty row adds a
field. What was typed comes back as typed when the form is refused.

Each row folds to one line (its label and kind) so that the page stays short on a phone;
a row opens by itself where there is something to do in it: a field just added or being
written, one changed but not saved yet, or one with a problem.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from werkzeug.datastructures import MultiDict

from echo_cases.case_form import WORKFLOW_FIELDS, CaseForm, FormField, read_number
from echo_cases.errors import Invalid
from echo_cases.numbers import whole
from echo_cases.services.program_forms import FieldDraft

MAX_ROWS = 80
PARTS = ("key", "label", "kind", "help", "handling", "choices", "unit", "minimum", "maximum",
         "position")
ROW_INPUTS = frozenset({*PARTS, "required", "remove"})


def rows_of(form: CaseForm) -> list[dict[str, Any]]:
    return [_row(i, f) for i, f in enumerate(form.fields)]


def _row(index: int, f: FormField) -> dict[str, Any]:
    return {"index": index, "key": f.name, "label": f.label, "kind": f.kind.value,
            "help": f.help, "required": f.required, "handling": f.handling.value,
            "choices": "\n".join(f.choices) if f.kind.value in ("choice", "multi") else "",
            "unit": f.unit, "minimum": _plain(f.minimum), "maximum": _plain(f.maximum),
            "position": str(index + 1), "remove": False,
            "fixed": f.name in WORKFLOW_FIELDS}


def _plain(value: object) -> str:
    return "" if value is None else format(value, "f")


def blank_row(index: int) -> dict[str, Any]:
    return {"index": index, "key": "", "label": "", "kind": "line", "help": "",
            "required": False, "handling": "analyse", "choices": "", "unit": "",
            "minimum": "", "maximum": "", "position": str(index + 1), "remove": False,
            "fixed": False}


def posted_rows(posted: MultiDict[str, str]) -> list[dict[str, Any]]:
    """The editor's rows as posted: every row whose inputs arrived, counted from the inputs
    themselves (a row count that disagrees cannot drop a field). More rows than the editor
    ever shows is refused, naming them, rather than cut short."""
    numbers = [whole(name.rpartition("-")[2]) for name in posted
               if name.rpartition("-")[0] in ROW_INPUTS]
    if None in numbers or any(n is not None and n >= MAX_ROWS for n in numbers):
        raise Invalid("The form has rows the editor cannot read: reload the page.",
                      {"rows": f"Rows are numbered from 0 to {MAX_ROWS - 1}."})
    count = max((n for n in numbers if n is not None), default=-1) + 1
    rows = []
    for i in range(count):
        row: dict[str, Any] = {part: posted.get(f"{part}-{i}", "") for part in PARTS}
        row.update(index=i, required=f"required-{i}" in posted, remove=f"remove-{i}" in posted,
                   fixed=row["key"] in WORKFLOW_FIELDS)
        rows.append(row)
    return rows


def drafts_of(rows: Sequence[Mapping[str, Any]]) -> tuple[list[FieldDraft], list[int]]:
    """The fields to save, in the admin's order, and the row each came from.

    An empty new row is no field; a removed row is left out (the service refuses the
    removal of a field the workflow needs)."""
    kept = [r for r in rows if not r["remove"] and (r["key"] or str(r["label"]).strip())]
    kept.sort(key=lambda r: (_position(r["position"], r["index"]), r["index"]))
    return [FieldDraft.from_mapping(r) for r in kept], [int(r["index"]) for r in kept]


def _position(raw: object, index: int) -> Decimal:
    """The place the admin typed (1.5 goes between 1 and 2), or the row's own when left
    empty; one that is no number is refused, naming the row, not put back in its place."""
    text = str(raw).strip()
    if not text:
        return Decimal(index + 1)
    place = read_number(text)
    if place is None:
        raise Invalid("Some fields need attention.",
                      {f"position-{index}": "Give the place as a number, like 3 or 1.5."})
    return place


def mark_open(rows: Sequence[dict[str, Any]], saved: Sequence[Mapping[str, Any]],
              errors: Mapping[str, str]) -> None:
    """Open each row just added or being written, changed from the saved form, or named
    by an error; fold the others."""
    saved_by_key = {str(r["key"]): r for r in saved}
    named = {key.rpartition("-")[2] for key in errors}
    for row in rows:
        before = saved_by_key.get(str(row["key"])) if row["key"] else None
        row["flagged"] = str(row["index"]) in named
        if before is None:  # a new field: open once something is typed in it, or just added
            row["open"] = bool(str(row["label"]).strip()) or bool(row.get("added")) \
                or row["flagged"]
        else:
            row["open"] = _changed(row, before) or row["flagged"]


def _changed(row: Mapping[str, Any], before: Mapping[str, Any]) -> bool:
    """Whether the admin changed a saved field in this row: the settings its kind shows,
    compared as a browser sends them back (a textarea's lines end in CR LF)."""
    parts = ["label", "help", *_KIND_PARTS.get(str(before["kind"]), ())]
    if not before["fixed"] and before["kind"] in ("line", "text"):
        parts.append("handling")
    return bool(row["remove"]) or row["required"] != before["required"] or any(
        _plain_text(row[p]) != _plain_text(before[p]) for p in parts)


_KIND_PARTS = {"choice": ("choices",), "multi": ("choices",),
               "number": ("unit", "minimum", "maximum")}


def _plain_text(value: object) -> str:
    return str(value).replace("\r\n", "\n").strip()


def errors_by_row(errors: Mapping[str, str], row_of: Sequence[int]) -> dict[str, str]:
    """The service names problems by the field's place among those saved; the page, by row."""
    shown: dict[str, str] = {}
    for key, message in errors.items():
        place, _, part = key.partition(".")
        row = whole(place, high=len(row_of) - 1) if part else None
        if row is not None:
            shown[f"{part}-{row_of[row]}"] = message
        else:
            shown[key] = message
    return shown
