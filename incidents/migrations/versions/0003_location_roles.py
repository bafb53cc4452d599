"""Schema 3: each location is the incident's focus or context (see incidents.focus)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from incidents.migrate import gazetteer_of, set_schema_version

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from incidents.store import assign_stored_roles

    with op.batch_alter_table("locations") as batch:
        batch.add_column(sa.Column("role", sa.String(10), nullable=False, server_default="focus"))
    assign_stored_roles(op.get_bind(), gazetteer_of(op.get_context()))
    set_schema_version(op.get_bind(), 3)
