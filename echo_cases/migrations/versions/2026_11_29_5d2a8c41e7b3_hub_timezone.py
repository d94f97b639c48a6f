"""the hub's time zone

The zone a hub's sessions are offered in first, and the zone its members read times in
until they choose their own. Existing hubs take UTC.

Helper "hub" adds the same column in a41c7e9b2d10 (hubs run themselves): when both
branches are merged, keep that one and drop this file (re-chaining 9f4b6e0c2a17 onto it).

Revision ID: 5d2a8c41e7b3
Revises: cefe8cd114c9
Create Date: 2026-11-29 12:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "5d2a8c41e7b3"
down_revision: str | Sequence[str] | None = "cefe8cd114c9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("hub", schema=None) as batch_op:
        batch_op.add_column(sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(length=64),
                                      server_default="UTC", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("hub", schema=None) as batch_op:
        batch_op.drop_column("timezone")
