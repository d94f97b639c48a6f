"""hubs run themselves: hub settings, program panels and archiving, people's credentials

The hub gains its time zone, address, contact e-mail, date order and retention period;
a program its default facilitator, its standing panel of experts (program_expert) and
an archived mark; a person their credentials, profession and organisation. Existing
rows take the defaults: UTC, day-month-year, nothing archived, empty text.

Revision ID: a41c7e9b2d10
Revises: 5d1a7e93c0b4
Create Date: 2026-11-29 12:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "a41c7e9b2d10"
down_revision: str | Sequence[str] | None = "5d1a7e93c0b4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _text(name: str, length: int, default: str = "") -> sa.Column:
    return sa.Column(name, sqlmodel.sql.sqltypes.AutoString(length=length),
                     server_default=default, nullable=False)


def upgrade() -> None:
    with op.batch_alter_table("hub", schema=None) as batch_op:
        batch_op.add_column(_text("address", 500))
        batch_op.add_column(_text("contact_email", 254))
        batch_op.add_column(sa.Column("retention_days", sa.Integer(), nullable=True))
    with op.batch_alter_table("program", schema=None) as batch_op:
        batch_op.add_column(sa.Column("default_facilitator_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key("fk_program_default_facilitator_id_user", "user",
                                    ["default_facilitator_id"], ["id"])
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(_text("credentials", 100))
        batch_op.add_column(_text("profession", 100))
        batch_op.add_column(_text("organisation", 200))
    op.create_table(
        "program_expert",
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["program_id"], ["program.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("program_id", "user_id"),
    )


def downgrade() -> None:
    op.drop_table("program_expert")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("organisation")
        batch_op.drop_column("profession")
        batch_op.drop_column("credentials")
    with op.batch_alter_table("program", schema=None) as batch_op:
        batch_op.drop_constraint("fk_program_default_facilitator_id_user", type_="foreignkey")
        batch_op.drop_column("archived_at")
        batch_op.drop_column("default_facilitator_id")
    with op.batch_alter_table("hub", schema=None) as batch_op:
        batch_op.drop_column("retention_days")
        batch_op.drop_column("contact_email")
        batch_op.drop_column("address")
