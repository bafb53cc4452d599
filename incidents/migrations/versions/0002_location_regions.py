"""Schema 2: the gazetteer regions each incident lies in, for region filters."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from incidents.migrate import gazetteer_of, set_schema_version

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from incidents.store import region_rows_for_incidents

    op.create_table(
        "location_regions",
        sa.Column(
            "incident_id",
            sa.Integer,
            sa.ForeignKey("incidents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("region_id", sa.String(120), nullable=False),
    )
    op.create_index("ix_location_regions_region", "location_regions", ["region_id", "incident_id"])
    op.create_index("ix_location_regions_cover", "location_regions", ["incident_id", "region_id"])
    region_rows_for_incidents(op.get_bind(), gazetteer_of(op.get_context()))
    set_schema_version(op.get_bind(), 2)
