"""the audit chain is keyed: each event names the key that signed it

Rows written before keep an empty key id and their plain SHA-256 hash; verify accepts
that old form only before the first keyed row (echo_cases.services.audit).

Revision ID: 3b1e0c5d7a21
Revises: f994dab0da57
Create Date: 2026-11-29 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "3b1e0c5d7a21"
down_revision: str | Sequence[str] | None = "f994dab0da57"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_id", sqlmodel.sql.sqltypes.AutoString(length=16),
                                      server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_column("key_id")
