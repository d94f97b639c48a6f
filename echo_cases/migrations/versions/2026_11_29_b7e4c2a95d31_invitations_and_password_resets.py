"""invitations and password resets: links sent by e-mail, stored as digests

Revision ID: b7e4c2a95d31
Revises: 8d4f2a6c1e93
Create Date: 2026-11-29 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "b7e4c2a95d31"
down_revision: str | Sequence[str] | None = "8d4f2a6c1e93"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _moment(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hub_id", sa.Integer(), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("role", sa.Enum("clinician", "expert", "coordinator", "admin",
                                  name="role_values", native_enum=False,
                                  create_constraint=True, length=32), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=True),
        sa.Column("invited_by_id", sa.Integer(), nullable=False),
        sa.Column("digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        _moment("expires_at", nullable=False),
        _moment("created_at", nullable=False),
        _moment("sent_at"),
        sa.Column("send_error", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        _moment("accepted_at"),
        sa.Column("accepted_user_id", sa.Integer(), nullable=True),
        _moment("revoked_at"),
        sa.ForeignKeyConstraint(["hub_id"], ["hub.id"]),
        sa.ForeignKeyConstraint(["program_id"], ["program.id"]),
        sa.ForeignKeyConstraint(["invited_by_id"], ["user.id"]),
        sa.ForeignKeyConstraint(["accepted_user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invitation_hub_id"), ["hub_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invitation_email"), ["email"], unique=False)
        batch_op.create_index(batch_op.f("ix_invitation_digest"), ["digest"], unique=True)
    op.create_table(
        "password_reset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        _moment("created_at", nullable=False),
        _moment("expires_at", nullable=False),
        _moment("used_at"),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("password_reset", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_password_reset_user_id"), ["user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_password_reset_digest"), ["digest"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("password_reset", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_password_reset_digest"))
        batch_op.drop_index(batch_op.f("ix_password_reset_user_id"))
    op.drop_table("password_reset")
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitation_digest"))
        batch_op.drop_index(batch_op.f("ix_invitation_email"))
        batch_op.drop_index(batch_op.f("ix_invitation_hub_id"))
    op.drop_table("invitation")
