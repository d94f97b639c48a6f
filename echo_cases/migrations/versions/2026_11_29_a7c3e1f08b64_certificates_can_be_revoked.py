"""certificates can be revoked

A coordinator may revoke a certificate (issued in error, attendance corrected): when, by
whom and why are kept on it, and the public check then says "revoked".

Revision ID: a7c3e1f08b64
Revises: 7d2e4b9a1c60
Create Date: 2026-11-29 20:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "a7c3e1f08b64"
down_revision: str | Sequence[str] | None = "7d2e4b9a1c60"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("revoked_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("revoke_reason",
                                      sqlmodel.sql.sqltypes.AutoString(length=500),
                                      nullable=False, server_default=""))
        batch_op.create_foreign_key("fk_certificate_revoked_by_id_user", "user",
                                    ["revoked_by_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_constraint("fk_certificate_revoked_by_id_user", type_="foreignkey")
        batch_op.drop_column("revoke_reason")
        batch_op.drop_column("revoked_by_id")
        batch_op.drop_column("revoked_at")
