"""session evaluations: a program's questions, each session's survey, its links and answers

Revision ID: ee5d24a5a02c
Revises: c5e8a1f0d249
Create Date: 2026-11-29 15:44:31.982657
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "ee5d24a5a02c"
down_revision: str | Sequence[str] | None = "c5e8a1f0d249"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "program_evaluation",
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("required_for_certificate", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
        ),
        sa.PrimaryKeyConstraint("program_id"),
    )
    op.create_table(
        "session_evaluation",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("opened_by_id", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["opened_by_id"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["echo_session.id"],
        ),
        sa.PrimaryKeyConstraint("session_id"),
    )
    op.create_table(
        "evaluation_invite",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("respondent_key", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("send_error", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["session_evaluation.session_id"],
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "respondent_key"),
    )
    with op.batch_alter_table("evaluation_invite", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluation_invite_digest"), ["digest"], unique=True)
        batch_op.create_index(batch_op.f("ix_evaluation_invite_email"), ["email"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_evaluation_invite_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "evaluation_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("invite_id", sa.Integer(), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["invite_id"],
            ["evaluation_invite.id"],
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["session_evaluation.session_id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("invite_id"),
    )
    with op.batch_alter_table("evaluation_response", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evaluation_response_session_id"), ["session_id"], unique=False
        )



def downgrade() -> None:
    with op.batch_alter_table("evaluation_response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_response_session_id"))

    op.drop_table("evaluation_response")
    with op.batch_alter_table("evaluation_invite", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_invite_session_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_invite_email"))
        batch_op.drop_index(batch_op.f("ix_evaluation_invite_digest"))

    op.drop_table("evaluation_invite")
    op.drop_table("session_evaluation")
    op.drop_table("program_evaluation")
