"""queue index on hub, state, submitted_at, id

The queues walk one hub's cases of one state in the order they have waited and page on
(submitted_at, id), so reading a page costs the same however many cases a hub holds;
an expert's queue (and triage filtered by expert) walks the same way within one
assigned expert, or within the cases open to the panel (a partial index: PostgreSQL
does not read "IS NULL" as an equality that keeps an index's order). The old index on
(hub_id, state) is the first one's prefix, so it goes.

Revision ID: 7c01782720df
Revises: 864ecf82fcd3
Create Date: 2026-11-24 01:30:46.176414
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7c01782720df"
down_revision: str | Sequence[str] | None = "864ecf82fcd3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.create_index(
            "ix_case_queue", ["hub_id", "state", "submitted_at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_case_expert_queue",
            ["hub_id", "state", "assigned_expert_id", "submitted_at", "id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_case_open_queue",
            ["hub_id", "state", "submitted_at", "id"],
            unique=False,
            sqlite_where=sa.text("assigned_expert_id IS NULL"),
            postgresql_where=sa.text("assigned_expert_id IS NULL"),
        )
        batch_op.drop_index("ix_case_hub_state")


def downgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.create_index("ix_case_hub_state", ["hub_id", "state"], unique=False)
        batch_op.drop_index("ix_case_open_queue")
        batch_op.drop_index("ix_case_expert_queue")
        batch_op.drop_index("ix_case_queue")
