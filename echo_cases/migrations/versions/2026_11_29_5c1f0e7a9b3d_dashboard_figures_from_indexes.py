"""dashboard figures from indexes

The dashboard's turnaround reads each letter's date by its case: an index of both, so the
letter's row (and its PDF) is never opened for it. Its cases per program and state are
counted from an index of (hub, program, state), not from the cases' rows.

Revision ID: 5c1f0e7a9b3d
Revises: 66eb344a86ac
Create Date: 2026-11-29 16:50:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "5c1f0e7a9b3d"
down_revision: str | Sequence[str] | None = "66eb344a86ac"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.create_index("ix_letter_case_id_created_at", ["case_id", "created_at"],
                              unique=False)
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.create_index("ix_case_hub_program_state", ["hub_id", "program_id", "state"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_index("ix_case_hub_program_state")
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.drop_index("ix_letter_case_id_created_at")
