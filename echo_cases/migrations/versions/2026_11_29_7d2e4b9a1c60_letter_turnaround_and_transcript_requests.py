"""letter turnaround stored; transcript requests by e-mail address

Each letter keeps its turnaround (days from the case's submission to the letter) and its
case's hub, fixed when it is sent; existing letters are backfilled from their case. An
index of (hub, turnaround) lets the dashboard read its median and 90th percentile at their
ranks without opening a letter's row, joining its case or sorting; outcomes by program are
counted from an index of their figures alone. Spokes without an
account ask for a transcript of their credits by address: a request row per ask, whose
e-mailed link opens the transcript.

Revision ID: 7d2e4b9a1c60
Revises: 5c1f0e7a9b3d
Create Date: 2026-11-29 19:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "7d2e4b9a1c60"
down_revision: str | Sequence[str] | None = "5c1f0e7a9b3d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The same day arithmetic the dashboard used before the column existed, per database.
_BACKFILL = {
    "sqlite": ('UPDATE letter SET hub_id = (SELECT "case".hub_id FROM "case" '
               'WHERE "case".id = letter.case_id), turnaround_days = (SELECT '
               'julianday(letter.created_at) - julianday("case".submitted_at) FROM "case" '
               'WHERE "case".id = letter.case_id AND "case".submitted_at IS NOT NULL)'),
    "postgresql": ('UPDATE letter SET hub_id = c.hub_id, turnaround_days = CASE WHEN '
                   'c.submitted_at IS NULL THEN NULL ELSE EXTRACT(EPOCH FROM '
                   '(letter.created_at - c.submitted_at)) / 86400.0 END FROM "case" AS c '
                   'WHERE c.id = letter.case_id'),
}


def upgrade() -> None:
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hub_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("turnaround_days", sa.Float(), nullable=True))
    op.execute(sa.text(_BACKFILL[op.get_bind().dialect.name]))
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.alter_column("hub_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key("fk_letter_hub_id_hub", "hub", ["hub_id"], ["id"])
        batch_op.create_index("ix_letter_hub_id_turnaround_days",
                              ["hub_id", "turnaround_days"], unique=False)
    with op.batch_alter_table("outcome", schema=None) as batch_op:
        batch_op.create_index("ix_outcome_hub_figures", [
            "hub_id", "program_id", "status", "patient_status", "requested_at", "followed",
            "partly", "not_followed"], unique=False)
    op.create_table(
        "transcript_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("start", sa.Date(), nullable=True),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("looked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("transcript_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_transcript_request_digest"), ["digest"],
                              unique=True)
        batch_op.create_index(batch_op.f("ix_transcript_request_email"), ["email"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("transcript_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transcript_request_email"))
        batch_op.drop_index(batch_op.f("ix_transcript_request_digest"))
    op.drop_table("transcript_request")
    with op.batch_alter_table("outcome", schema=None) as batch_op:
        batch_op.drop_index("ix_outcome_hub_figures")
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.drop_index("ix_letter_hub_id_turnaround_days")
        batch_op.drop_constraint("fk_letter_hub_id_hub", type_="foreignkey")
        batch_op.drop_column("turnaround_days")
        batch_op.drop_column("hub_id")
