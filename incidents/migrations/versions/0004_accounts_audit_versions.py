"""Schema 4: accounts, the audit trail, a version per incident, PostGIS shapes.

Also creates the speed indexes that stores made before them lack (they
change no data), and on PostgreSQL a ``geom`` column with a GiST index.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from incidents.migrate import gazetteer_of, set_schema_version

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: Indexes some stores of schema 1–3 were made without (added later for speed).
_SPEED_INDEXES = {
    "ix_locations_cell": ("locations", ["incident_id", "position", "rep_lon", "rep_lat"]),
    "ix_location_regions_cover": ("location_regions", ["incident_id", "region_id"]),
    "ix_incident_countries_iso2_role": ("incident_countries", ["iso2", "role", "incident_id"]),
    "ix_incident_countries_incident": ("incident_countries", ["incident_id"]),
    "ix_incident_assets_incident": ("incident_assets", ["incident_id"]),
}


def upgrade() -> None:
    from incidents.store import add_spatial_column

    bind = op.get_bind()
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="1"))
    op.create_table(
        "users",
        sa.Column("name", sa.String(80), primary_key=True),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "incident_changes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("incident_id", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("action", sa.String(12), nullable=False),
        sa.Column("user_name", sa.String(80), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("before", sa.Text, nullable=False, server_default="{}"),
        sa.Column("after", sa.Text, nullable=False, server_default="{}"),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_incident_changes_incident", "incident_changes", ["incident_id", "id"])
    inspector = sa.inspect(bind)
    for name, (table, columns) in _SPEED_INDEXES.items():
        if name not in {ix["name"] for ix in inspector.get_indexes(table)}:
            op.create_index(name, table, columns)
    if bind.dialect.name == "postgresql":
        add_spatial_column(bind, gazetteer_of(op.get_context()))
    set_schema_version(bind, 4)
