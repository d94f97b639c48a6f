"""draft redaction decisions sealed with the original

The clinician's keep/redact decisions name identified words, so they live in the
original's row, sealed like it (echo_cases.services.draft_decisions). Drafts made
before have none saved: their preview starts from the analyser's proposals, as before.

Revision ID: e2307d2cbde8
Revises: 3b1e0c5d7a21
Create Date: 2026-11-29 11:06:22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e2307d2cbde8"
down_revision: str | Sequence[str] | None = "3b1e0c5d7a21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("case_original", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decisions", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case_original", schema=None) as batch_op:
        batch_op.drop_column("decisions")
