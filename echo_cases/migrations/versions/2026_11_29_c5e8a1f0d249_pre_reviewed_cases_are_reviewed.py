"""pre-reviewed cases are reviewed

Recording a pre-review used to leave a case de-identified until a coordinator accepted it
into a session; it now makes the case reviewed, and scheduling is its own action. A case
pre-reviewed but not yet accepted when this is deployed would otherwise wait for a
pre-review it already has: it becomes reviewed (version raised, so a page or client
holding the old one reloads). No history row is written: the move is the upgrade's, not
a person's, and the audit chain covers history rows only as the app writes them.

Revision ID: c5e8a1f0d249
Revises: b7e2d4a90c31
Create Date: 2026-11-29 15:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c5e8a1f0d249"
down_revision: str | Sequence[str] | None = "b7e2d4a90c31"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

case = sa.table("case", sa.column("id", sa.Integer), sa.column("state", sa.String),
                sa.column("version", sa.Integer))
pre_review = sa.table("pre_review", sa.column("case_id", sa.Integer))
agenda_item = sa.table("agenda_item", sa.column("case_id", sa.Integer))


def _moved(from_state: str, to_state: str, where: sa.ColumnElement[bool]) -> sa.Update:
    return (sa.update(case).where(case.c.state == from_state, where)
            .values(state=to_state, version=case.c.version + 1))


def upgrade() -> None:
    pre_reviewed = sa.exists().where(pre_review.c.case_id == case.c.id)
    op.execute(_moved("deidentified", "reviewed", pre_reviewed))


def downgrade() -> None:
    # Before, a reviewed case was always on an agenda: one that is not goes back to waiting.
    scheduled = sa.exists().where(agenda_item.c.case_id == case.c.id)
    op.execute(_moved("reviewed", "deidentified", ~scheduled))
