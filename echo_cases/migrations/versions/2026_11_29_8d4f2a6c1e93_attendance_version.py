"""attendance version

A session's attendance is recorded against the version the coordinator read
(services.sessions.record_attendance): two coordinators ticking the same list no longer
silently overwrite each other. Existing sessions start at 0, the version a first
recording is made from.

Revision ID: 8d4f2a6c1e93
Revises: a41c7e9b2d10
Create Date: 2026-11-29 12:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8d4f2a6c1e93"
down_revision: str | Sequence[str] | None = "a41c7e9b2d10"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("echo_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attendance_version", sa.Integer(), nullable=False,
                                      server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("echo_session", schema=None) as batch_op:
        batch_op.drop_column("attendance_version")
