"""the audit trail's head row exists from the start

Two first events written at the same moment used to race to create the head row, and
one failed. With the row there from the start, every writer just locks it.

Revision ID: f994dab0da57
Revises: 7c01782720df
Create Date: 2026-11-24 02:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "f994dab0da57"
down_revision: str | Sequence[str] | None = "7c01782720df"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain SQL that renders offline too; a database that already has the row keeps it.
    # The hash is echo_cases.services.audit.GENESIS: 64 zeros, the hash before any event.
    op.execute(
        "INSERT INTO audit_head (id, last_hash, last_id) SELECT 1, "
        "'0000000000000000000000000000000000000000000000000000000000000000', 0 "
        "WHERE NOT EXISTS (SELECT 1 FROM audit_head WHERE id = 1)"
    )


def downgrade() -> None:
    # The row may now carry the trail's newest hash: it stays, as it would have.
    pass
