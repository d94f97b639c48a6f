"""one open follow-up per case

A case is re-presented by one open follow-up at a time (services.letters.start_follow_up):
asking again gives back the open one, and of two requests at once this index refuses the
second. Before it, each request made a new draft, so a database may already hold several
open follow-ups of one case; the upgrade then stops and names them rather than choose
which draft to withdraw on the clinician's behalf.

Revision ID: cefe8cd114c9
Revises: e2307d2cbde8
Create Date: 2026-11-29 11:40:02.280355
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "cefe8cd114c9"
down_revision: str | Sequence[str] | None = "e2307d2cbde8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = "state NOT IN ('recommendations_sent', 'withdrawn')"


def upgrade() -> None:
    if not op.get_context().as_sql:  # an offline script has no rows to look at
        _refuse_doubled_follow_ups()
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.create_index("uq_case_open_follow_up", ["follow_up_of_id"], unique=True,
                              sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))


def _refuse_doubled_follow_ups() -> None:
    case = sa.table("case", sa.column("follow_up_of_id"), sa.column("state"))
    doubled = op.get_bind().execute(
        sa.select(case.c.follow_up_of_id)
        .where(case.c.follow_up_of_id.is_not(None),
               case.c.state.not_in(["recommendations_sent", "withdrawn"]))
        .group_by(case.c.follow_up_of_id).having(sa.func.count() > 1)).scalars().all()
    if doubled:
        raise RuntimeError(
            "These cases have more than one open follow-up; withdraw the extra drafts, "
            f"then migrate again: {sorted(doubled)}")


def downgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_index("uq_case_open_follow_up",
                            sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))
