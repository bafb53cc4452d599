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


def test_region_filters_give_what_st_intersects_gives_in_the_database(postgis_store):
    """Every gazetteer region: the filter's answer equals PostGIS's own geometric one."""
    from geo.gazetteer import REGION_KINDS
    from incidents.filters import Filter
    from incidents.query import run

    report = read_bytes((SEEDS / "demo_incidents.csv").read_bytes(), "demo_incidents.csv", _GAZ)
    ingest_incidents(postgis_store, rows_of(report), by=EDITOR)
    # The regions a filter offers: seas, straits, zones, countries and states.
    asked = sorted(f.id for f in _GAZ.of_kind(*REGION_KINDS, "country", "state"))
    in_sql = sa.text(
        "SELECT DISTINCT incident_id FROM locations WHERE ST_Intersects(geom, r.g) AND NOT "
        "(GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON') AND ST_Touches(r.g, geom)) "
    ).columns()
    differ = {}
    holding = 0
    with postgis_store.engine.connect() as conn:
        for region_id in asked:
            wkb = _GAZ.by_id[region_id].geometry.wkb
            geometric = set(
                conn.execute(
                    sa.text(
                        "WITH r AS (SELECT ST_GeomFromWKB(:wkb, 4326) AS g) "
                        + str(in_sql).replace("FROM locations", "FROM locations, r")
                    ),
                    {"wkb": wkb},
                ).scalars()
            )
            found = {i.id for i in run(postgis_store, Filter(regions={region_id})).incidents}
            holding += bool(found)
            if found != geometric:
                differ[region_id] = (found, geometric)
    assert not differ
    assert holding > 20  # many regions hold incidents
