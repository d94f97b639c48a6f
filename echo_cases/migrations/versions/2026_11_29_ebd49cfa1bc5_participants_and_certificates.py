"""session participants beyond hub members; programs' CME/CE terms; certificates

New tables only: existing attendance stays as it is, and its members count as
participants for the whole session unless a participant row says otherwise.

Revision ID: ebd49cfa1bc5
Revises: 4f0a7c1e9b52
Create Date: 2026-11-29 15:34:44.618373
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "ebd49cfa1bc5"
down_revision: str | Sequence[str] | None = "4f0a7c1e9b52"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "program_credit",
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("credit_centihours", sa.Integer(), nullable=False),
        sa.Column("statement", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("attendance_percent", sa.Integer(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("program_id"),
    )
    op.create_table(
        "certificate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("session_title", sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
        sa.Column("session_date", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("credit_centihours", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("verify_url", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("statement", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("issued_by_id", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["issued_by_id"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["echo_session.id"],
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "email"),
    )
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_certificate_code"), ["code"], unique=True)
        batch_op.create_index(batch_op.f("ix_certificate_email"), ["email"], unique=False)
        batch_op.create_index(batch_op.f("ix_certificate_session_id"), ["session_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_certificate_user_id"), ["user_id"], unique=False)

    op.create_table(
        "session_participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("profession", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("organisation", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["echo_session.id"],
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "email"),
    )
    with op.batch_alter_table("session_participant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_participant_email"), ["email"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_session_participant_session_id"), ["session_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_session_participant_user_id"), ["user_id"], unique=False
        )



def downgrade() -> None:
    with op.batch_alter_table("session_participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_participant_user_id"))
        batch_op.drop_index(batch_op.f("ix_session_participant_session_id"))
        batch_op.drop_index(batch_op.f("ix_session_participant_email"))

    op.drop_table("session_participant")
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificate_user_id"))
        batch_op.drop_index(batch_op.f("ix_certificate_session_id"))
        batch_op.drop_index(batch_op.f("ix_certificate_email"))
        batch_op.drop_index(batch_op.f("ix_certificate_code"))

    op.drop_table("certificate")
    op.drop_table("program_credit")
