"""dates relative to submission; shifted dates say so

A hub now shows the dates in case text relative to the case's submission ("3 weeks before
submission") unless it chooses shifting (``hub.date_display``); ``hub.date_order`` reads
ambiguous numeric dates when a case does not settle it; ``case.dates_relative_to`` is the
day a case's relative dates count from.

Cases submitted before carry dates shifted by a secret number of days, written as if
real. Their originals are sealed, so they cannot be rewritten here; instead every shifted
date in their stored text (and in their redaction record) is marked "(shifted)", found from
the redaction rows alone: each replaced span's offset in the original, moved by the
lengths of the replacements before it, is where its surrogate sits in the stored text.
``echo-cases redeidentify`` later writes them relative to their submission.

Revision ID: 5d1a7e93c0b4
Revises: 9f4b6e0c2a17
Create Date: 2026-11-29 12:35:00
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "5d1a7e93c0b4"
down_revision: str | Sequence[str] | None = "9f4b6e0c2a17"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MARK = " (shifted)"

_case = sa.table("case", sa.column("id", sa.Integer),
                 sa.column("deidentified", sa.JSON(none_as_null=True)))
_redaction = sa.table(
    "redaction", sa.column("id", sa.Integer), sa.column("case_id", sa.Integer),
    sa.column("field", sa.String), sa.column("start", sa.Integer), sa.column("end", sa.Integer),
    sa.column("entity_type", sa.String), sa.column("surrogate", sa.String),
    sa.column("restored", sa.Boolean))


def upgrade() -> None:
    with op.batch_alter_table("hub", schema=None) as batch_op:
        batch_op.add_column(sa.Column("date_display", sa.String(length=16), nullable=False,
                                      server_default="relative"))
        batch_op.add_column(sa.Column("date_order", sa.String(length=16), nullable=False,
                                      server_default=""))
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dates_relative_to", sa.Date(), nullable=True))
    if not op.get_context().as_sql:  # an offline script has no rows to look at
        _rewrite_stored_cases(_marked)


def downgrade() -> None:
    if not op.get_context().as_sql:
        _rewrite_stored_cases(_unmarked)
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_column("dates_relative_to")
    with op.batch_alter_table("hub", schema=None) as batch_op:
        batch_op.drop_column("date_order")
        batch_op.drop_column("date_display")


def _marked(surrogate: str) -> str | None:
    """A shifted (or made-up) date gets the mark; a tag such as [DATE 1] is no date."""
    if surrogate.startswith("[") or surrogate.endswith(MARK) or not surrogate.strip():
        return None
    return surrogate + MARK


def _unmarked(surrogate: str) -> str | None:
    return surrogate.removesuffix(MARK) if surrogate.endswith(MARK) else None


def _rewrite_stored_cases(rewrite: Callable[[str], str | None]) -> None:
    bind = op.get_bind()
    by_case: dict[int, list[Any]] = defaultdict(list)
    for row in bind.execute(sa.select(_redaction).where(sa.not_(_redaction.c.restored))
                            .order_by(_redaction.c.case_id, _redaction.c.start)):
        by_case[row.case_id].append(row)
    for case_id, rows in by_case.items():
        if not any(r.entity_type == "DATE" and rewrite(r.surrogate) for r in rows):
            continue
        fields = bind.execute(sa.select(_case.c.deidentified)
                              .where(_case.c.id == case_id)).scalar_one_or_none()
        if not fields:
            continue
        fields = dict(fields)
        for name in {r.field for r in rows}:
            spans = [r for r in rows if r.field == name]
            text = fields.get(name)
            if isinstance(text, str):
                fields[name] = _rewritten(text, spans, rewrite)
        bind.execute(sa.update(_case).where(_case.c.id == case_id).values(deidentified=fields))
        for r in rows:
            new = rewrite(r.surrogate) if r.entity_type == "DATE" else None
            if new is not None:
                bind.execute(sa.update(_redaction).where(_redaction.c.id == r.id)
                             .values(surrogate=new))


def _rewritten(text: str, spans: list[Any], rewrite: Callable[[str], str | None]) -> str:
    """``text`` with each date span's surrogate rewritten in place."""
    pieces, cursor, moved = [], 0, 0
    for r in spans:
        at = r.start + moved
        if text[at:at + len(r.surrogate)] != r.surrogate or at < cursor:
            return _rewritten_by_value(text, spans, rewrite)  # not where expected: by value
        new = rewrite(r.surrogate) if r.entity_type == "DATE" else None
        pieces += [text[cursor:at], new if new is not None else r.surrogate]
        cursor = at + len(r.surrogate)
        moved += len(r.surrogate) - (r.end - r.start)
    return "".join(pieces) + text[cursor:]


def _rewritten_by_value(text: str, spans: list[Any],
                        rewrite: Callable[[str], str | None]) -> str:
    for surrogate in sorted({r.surrogate for r in spans if r.entity_type == "DATE"},
                            key=len, reverse=True):
        new = rewrite(surrogate)
        if new is None:
            continue
        if new.startswith(surrogate):  # marking: never twice
            text = text.replace(new, surrogate)
        text = text.replace(surrogate, new)
    return text
