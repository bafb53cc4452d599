"""Schema 1: incidents with their countries, assets, locations, sources and evidence."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _incident_id() -> sa.Column[Any]:
    return sa.Column(
        "incident_id", sa.Integer, sa.ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False
    )


def _child(name: str, *columns: sa.Column[Any], index: str | None = None) -> None:
    op.create_table(name, _incident_id(), *columns)
    op.create_index(index or f"ix_{name}_incident", name, ["incident_id"])


def upgrade() -> None:
    info = op.create_table(
        "schema_info",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(255), nullable=False),
    )
    # "revision" counts writes; caches key on it.
    op.bulk_insert(info, [{"key": "version", "value": "1"}, {"key": "revision", "value": "0"}])
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date, nullable=False),
        sa.Column("date_precision", sa.String(8), nullable=False),
        sa.Column("event_type", sa.String(40), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    for column in ("start_date", "end_date", "event_type"):
        op.create_index(f"ix_incidents_{column}", "incidents", [column])
    _child(
        "incident_countries",
        sa.Column("iso2", sa.String(2), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        index="ix_incident_countries_incident",
    )
    op.create_index(
        "ix_incident_countries_iso2_role", "incident_countries", ["iso2", "role", "incident_id"]
    )
    _child(
        "incident_assets",
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "locations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _incident_id(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("phrase", sa.Text, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("precision", sa.String(10), nullable=False),
        sa.Column("feature_id", sa.String(120)),
        sa.Column("geometry", sa.Text, nullable=False),
        *(sa.Column(n, sa.Float, nullable=False) for n in ("minx", "miny", "maxx", "maxy")),
        sa.Column("rep_lon", sa.Float, nullable=False),
        sa.Column("rep_lat", sa.Float, nullable=False),
    )
    op.create_index("ix_locations_bbox", "locations", ["minx", "maxx", "miny", "maxy"])
    op.create_index("ix_locations_feature", "locations", ["feature_id"])
    op.create_index(
        "ix_locations_cell", "locations", ["incident_id", "position", "rep_lon", "rep_lat"]
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _incident_id(),
        sa.Column("position", sa.Integer, nullable=False),
        *(sa.Column(n, sa.Text) for n in ("url", "path", "publisher")),
        sa.Column("published", sa.Date),
        sa.Column("title", sa.Text),
    )
    op.create_index("ix_sources_incident", "sources", ["incident_id"])
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _incident_id(),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("source_position", sa.Integer, nullable=False),
    )
    op.create_index("ix_evidence_incident", "evidence", ["incident_id"])
