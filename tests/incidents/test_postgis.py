"""What only the team store has: shapes in a PostGIS column a GIS can query."""

from __future__ import annotations

import sqlalchemy as sa
from shapely.geometry import box

from incidents.formats import read_bytes, rows_of
from incidents.ingest import ingest_incidents
from tests.conftest import EDITOR, SEEDS
from tests.conftest import GAZETTEER as _GAZ


def test_every_location_is_a_postgis_shape_that_sql_finds_as_python_does(postgis_store):
    report = read_bytes((SEEDS / "demo_incidents.csv").read_bytes(), "demo_incidents.csv", _GAZ)
    ingest_incidents(postgis_store, rows_of(report), by=EDITOR)
    window = box(120, 20, 150, 50)  # the seas around Japan
    expected = sorted(
        (i.id, n)
        for i in postgis_store.all()
        for n, loc in enumerate(i.locations)
        if loc.geometry.intersects(window)
    )
    with postgis_store.engine.connect() as conn:
        missing = conn.exec_driver_sql("SELECT count(*) FROM locations WHERE geom IS NULL").scalar()
        found = conn.execute(
            sa.text(
                "SELECT incident_id, position FROM locations "
                "WHERE ST_Intersects(geom, ST_MakeEnvelope(120, 20, 150, 50, 4326)) "
                "ORDER BY incident_id, position"
            )
        ).all()
        index = conn.exec_driver_sql(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_locations_geom'"
        ).scalar()
    assert missing == 0
    assert [tuple(r) for r in found] == expected and expected
    assert "USING gist (geom)" in index


def test_region_filters_run_as_st_intersects_and_match_the_sqlite_rule(postgis_store):
    """Every gazetteer region: PostGIS's geometric answer equals the stored-regions answer."""
    from geo.gazetteer import REGION_KINDS
    from incidents.filters import Filter
    from incidents.query import predicate, run
    from incidents.schema import TABLES

    report = read_bytes((SEEDS / "demo_incidents.csv").read_bytes(), "demo_incidents.csv", _GAZ)
    ingest_incidents(postgis_store, rows_of(report), by=EDITOR)
    regions = TABLES["location_regions"]
    with postgis_store.engine.connect() as conn:
        stored = {}
        for region_id, incident_id in conn.execute(
            sa.select(regions.c.region_id, regions.c.incident_id)
        ):
            stored.setdefault(region_id, set()).add(incident_id)
    # The regions a filter offers: seas, straits, zones, countries and states.
    asked = sorted(f.id for f in _GAZ.of_kind(*REGION_KINDS, "country", "state"))
    compiled = str(
        predicate(Filter(regions=frozenset({"water:bering-sea"})), postgis_store).compile(
            dialect=postgis_store.engine.dialect
        )
    )
    assert "ST_Intersects" in compiled and "location_regions" not in compiled
    differ = {
        r: (found, stored.get(r, set()))
        for r in asked
        if (found := {i.id for i in run(postgis_store, Filter(regions=frozenset({r}))).incidents})
        != stored.get(r, set())
    }
    assert not differ
    assert sum(1 for r in asked if stored.get(r)) > 20  # many regions hold incidents
