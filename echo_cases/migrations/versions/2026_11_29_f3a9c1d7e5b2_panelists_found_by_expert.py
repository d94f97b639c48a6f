"""a panelist's sessions are found by the expert; a session can be moved

An index on session_panelist.user_id: an expert who sits on a panel without leading its
cases finds them in "needs your action". A session gains a sequence, bumped each time it
is moved, which its calendar event carries (SEQUENCE); sessions already held keep 0.

Revision ID: f3a9c1d7e5b2
Revises: ebd49cfa1bc5
Create Date: 2026-11-29 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f3a9c1d7e5b2"
down_revision: str | Sequence[str] | None = "ebd49cfa1bc5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("echo_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sequence", sa.Integer(), server_default="0",
                                      nullable=False))
    with op.batch_alter_table("session_panelist", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_panelist_user_id"), ["user_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("session_panelist", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_panelist_user_id"))
    with op.batch_alter_table("echo_session", schema=None) as batch_op:
        batch_op.drop_column("sequence")
