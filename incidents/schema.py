"""The store's tables, as the newest migration leaves them (see incidents/migrations).

The migrations, not this module, create and change tables; :mod:`incidents.store`
reads and writes through these definitions, and a test checks that a store
built by the migrations has every table and column listed here.
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = [
    "SCHEMA_VERSION",
    "TABLES",
    "assets_t",
    "changes_t",
    "countries_t",
    "evidence_t",
    "incidents_t",
    "location_regions_t",
    "locations_t",
    "metadata",
    "schema_info",
    "sources_t",
    "users_t",
]

#: The newest schema: the number of the last migration in incidents/migrations/versions.
SCHEMA_VERSION = 5

metadata = sa.MetaData()

schema_info = sa.Table(
    "schema_info",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(255), nullable=False),
)
incidents_t = sa.Table(
    "incidents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("summary", sa.Text, nullable=False, default=""),
    sa.Column("start_date", sa.Date, nullable=False, index=True),
    sa.Column("end_date", sa.Date, nullable=False, index=True),
    sa.Column("date_precision", sa.String(8), nullable=False),
    sa.Column("event_type", sa.String(40), nullable=False, index=True),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    # Grows by one with every saved edit: an edit made from an older version is a conflict.
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
)
countries_t = sa.Table(
    "incident_countries",
    metadata,
    sa.Column("incident_id", sa.ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("iso2", sa.String(2), nullable=False),
    sa.Column("role", sa.String(10), nullable=False),  # actor | responder
    sa.Column("position", sa.Integer, nullable=False),
    sa.Index("ix_incident_countries_iso2_role", "iso2", "role", "incident_id"),
    sa.Index("ix_incident_countries_incident", "incident_id"),
)
assets_t = sa.Table(
    "incident_assets",
    metadata,
    sa.Column("incident_id", sa.ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Index("ix_incident_assets_incident", "incident_id"),
)
locations_t = sa.Table(
    "locations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incident_id", sa.ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("phrase", sa.Text, nullable=False, default=""),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("precision", sa.String(10), nullable=False),
    sa.Column("feature_id", sa.String(120)),
    sa.Column("role", sa.String(10), nullable=False, server_default="focus"),
    sa.Column("geometry", sa.Text, nullable=False),  # GeoJSON
    sa.Column("minx", sa.Float, nullable=False),
    sa.Column("miny", sa.Float, nullable=False),
    sa.Column("maxx", sa.Float, nullable=False),
    sa.Column("maxy", sa.Float, nullable=False),
    sa.Column("rep_lon", sa.Float, nullable=False),
    sa.Column("rep_lat", sa.Float, nullable=False),
    sa.Index("ix_locations_bbox", "minx", "maxx", "miny", "maxy"),
    sa.Index("ix_locations_feature", "feature_id"),
    # Finds an incident's locations and covers the map's grid cells (a location's
    # first point without reading its shape); it replaces ix_locations_incident.
    sa.Index("ix_locations_cell", "incident_id", "position", "rep_lon", "rep_lat"),
)
sources_t = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incident_id", sa.ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("path", sa.Text),
    sa.Column("publisher", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("title", sa.Text),
    sa.Index("ix_sources_incident", "incident_id"),
)
evidence_t = sa.Table(
    "evidence",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incident_id", sa.ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("field", sa.String(40), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("source_position", sa.Integer, nullable=False, default=0),
    sa.Index("ix_evidence_incident", "incident_id"),
)

location_regions_t = sa.Table(
    "location_regions",
    metadata,
    sa.Column("incident_id", sa.ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("region_id", sa.String(120), nullable=False),
    # The key finds an incident's regions and covers a filter's per-region counts;
    # on SQLite it is the table itself (no row id), one B-tree fewer per row written.
    sa.PrimaryKeyConstraint("incident_id", "region_id", name="pk_location_regions"),
    sa.Index("ix_location_regions_region", "region_id", "incident_id"),
    sqlite_with_rowid=False,
)

users_t = sa.Table(
    "users",
    metadata,
    sa.Column("name", sa.String(80), primary_key=True),
    sa.Column("role", sa.String(10), nullable=False),  # viewer | editor | admin
    # argon2id, with its parameters and salt in the string (see incidents.accounts).
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.DateTime, nullable=False),
)
#: The audit trail: one row per incident per change, kept after the incident is deleted.
changes_t = sa.Table(
    "incident_changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incident_id", sa.Integer, nullable=False),
    # The incident's version after the change (a deletion keeps the last one).
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("action", sa.String(12), nullable=False),
    sa.Column("user_name", sa.String(80), nullable=False),
    sa.Column("at", sa.DateTime, nullable=False),
    # JSON objects of the changed fields' values before and after (see incidents.audit).
    sa.Column("before", sa.Text, nullable=False, server_default="{}"),
    sa.Column("after", sa.Text, nullable=False, server_default="{}"),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Index("ix_incident_changes_incident", "incident_id", "id"),
)

TABLES = {
    "incidents": incidents_t,
    "countries": countries_t,
    "assets": assets_t,
    "locations": locations_t,
    "sources": sources_t,
    "evidence": evidence_t,
    "location_regions": location_regions_t,
    "users": users_t,
    "changes": changes_t,
}
