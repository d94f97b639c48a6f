"""sessions in each person's zone, with a video link and calendar feeds

A person may choose the zone they read times in (user.timezone; empty: their hub's); a
session carries the link participants join by (echo_session.video_url, empty until set);
calendar_feed holds the digests of personal calendar subscription links.

Revision ID: 9f4b6e0c2a17
Revises: 5d2a8c41e7b3
Create Date: 2026-11-29 12:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "9f4b6e0c2a17"
down_revision: str | Sequence[str] | None = "5d2a8c41e7b3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(length=64),
                                      nullable=True))
    with op.batch_alter_table("echo_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("video_url", sqlmodel.sql.sqltypes.AutoString(length=500),
                                      server_default="", nullable=False))
    op.create_table(
        "calendar_feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("calendar_feed", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calendar_feed_digest"), ["digest"], unique=True)
        batch_op.create_index(batch_op.f("ix_calendar_feed_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("calendar_feed", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_feed_user_id"))
        batch_op.drop_index(batch_op.f("ix_calendar_feed_digest"))
    op.drop_table("calendar_feed")
    with op.batch_alter_table("echo_session", schema=None) as batch_op:
        batch_op.drop_column("video_url")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("timezone")
