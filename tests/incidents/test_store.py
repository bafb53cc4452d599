"""The SQLite store through SQLAlchemy: round trips, transactions, schema versions."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import sqlalchemy as sa
from shapely.geometry import LineString, Point, box

from incidents.errors import ImpossibleDate, InvalidGeometry, StoreError, UnknownCountry
from incidents.model import Evidence, Incident, Location, Source
from incidents.store import SCHEMA_VERSION, Store
from tests.conftest import EDITOR
from tests.conftest import GAZETTEER as _GAZ


def make_incident(**changes) -> Incident:
    base = dict(
        title="Russia–China joint patrol over the Bering Sea",
        start_date=dt.date(2024, 7, 24),
        event_type="patrol",
        actors=("RU", "CN"),
        responders=("US", "CA"),
        assets=("Tu-95MS", "H-6"),
        locations=(
            Location("Bering Sea", box(-179, 55, -165, 62), feature_id="water:bering-sea"),
            Location(
                "Route",
                LineString([(170, 55), (-170, 60)]).intersection(box(-180, -90, 180, 90)),
                precision="point",
                kind="route",
            ),
        ),
        sources=(
            Source(
                url="https://example.org/a", publisher="Example", published=dt.date(2024, 7, 26)
            ),
        ),
        evidence=(Evidence("actors", "Russia and China", 9, 25),),
        confidence=0.9,
    )
    base.update(changes)
    return Incident(**base)


def test_incident_round_trips_through_the_store(store):
    saved = store.add(make_incident(), by=EDITOR)
    loaded = store.get(saved.id)
    assert loaded.to_dict() == saved.to_dict()
    assert loaded.locations[0].geometry.equals(box(-179, 55, -165, 62))
    assert loaded.created_at is not None


def test_the_default_store_is_one_sqlite_file_with_a_versioned_schema(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'incidents.sqlite'}", _GAZ)
    assert (tmp_path / "incidents.sqlite").exists()
    assert store.schema_version == SCHEMA_VERSION
    store.dispose()


def test_every_store_records_its_schema_version(store):
    assert store.schema_version == SCHEMA_VERSION


def test_add_many_is_all_or_nothing(store):
    def drafts():
        yield make_incident()
        raise StoreError("simulated failure half-way through an import")

    with pytest.raises(StoreError):
        store.add_many(drafts(), by=EDITOR)
    assert store.count() == 0


def test_revision_grows_with_every_write(store):
    before = store.revision
    saved = store.add(make_incident(), by=EDITOR)
    store.update(make_incident(title="Renamed", id=saved.id), by=EDITOR)
    store.delete(saved.id, by=EDITOR)
    assert store.revision == before + 3


def test_update_replaces_fields_and_keeps_creation_time(store):
    saved = store.add(make_incident(), by=EDITOR)
    created = store.get(saved.id).created_at
    store.update(make_incident(id=saved.id, responders=("JP",), title="Updated"), by=EDITOR)
    loaded = store.get(saved.id)
    assert (loaded.title, loaded.responders, loaded.created_at) == ("Updated", ("JP",), created)


def test_an_edit_that_moves_an_incident_moves_it_between_region_filters_and_keeps_the_rest(store):
    from incidents.filters import Filter
    from incidents.query import run

    saved = store.add(make_incident(), by=EDITOR)
    baltic = Location(
        "Baltic Sea", _GAZ.by_id["water:baltic-sea"].geometry, feature_id="water:baltic-sea"
    )
    second = Source(
        url="https://example.org/b", publisher="Example", published=dt.date(2024, 7, 27)
    )
    store.update(
        dataclasses.replace(
            store.get(saved.id), locations=(baltic,), sources=(*saved.sources, second)
        ),
        by=EDITOR,
    )
    loaded = store.get(saved.id)
    in_baltic = run(store, Filter(regions=frozenset({"water:baltic-sea"}))).incidents
    in_bering = run(store, Filter(regions=frozenset({"water:bering-sea"}))).incidents
    assert [i.id for i in in_baltic] == [saved.id] and in_bering == ()
    assert (loaded.actors, loaded.responders, loaded.assets) == (
        saved.actors,
        saved.responders,
        saved.assets,
    )
    assert [s.url for s in loaded.sources] == ["https://example.org/a", "https://example.org/b"]
    assert loaded.evidence == saved.evidence and loaded.version == 2


def test_delete_removes_the_incident_and_its_rows(store):
    saved = store.add(make_incident(), by=EDITOR)
    store.delete(saved.id, by=EDITOR)
    assert store.count() == 0
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from locations")).scalar() == 0
    with pytest.raises(StoreError, match="No incident with id"):
        store.delete(saved.id, by=EDITOR)


def test_foreign_database_is_not_overwritten(tmp_path):
    path = tmp_path / "other.sqlite"
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(sa.text("create table customers (id integer)"))
    engine.dispose()
    with pytest.raises(StoreError, match="not an Incident Atlas store"):
        Store(f"sqlite:///{path}", _GAZ)


def test_corrupt_file_gives_a_store_error(tmp_path):
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="Cannot open"):
        Store(f"sqlite:///{path}", _GAZ)


def test_bad_url_gives_a_store_error():
    with pytest.raises(StoreError, match="SQLAlchemy URL"):
        Store("nosuchdb://x", _GAZ)


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"actors": ("XX",)}, UnknownCountry, "'XX'"),
        ({"end_date": dt.date(2024, 7, 1)}, ImpossibleDate, "before start date"),
    ],
)
def test_invalid_incidents_are_rejected_before_reaching_the_store(changes, error, message):
    with pytest.raises(error, match=message):
        make_incident(**changes)


def test_domain_objects_take_positions_keywords_and_defaults_and_still_check_themselves():
    from dataclasses import replace

    from incidents.model import Source

    where = Location("Bering Sea", Point(-175, 60), "region", "sea")
    assert (where.phrase, where.feature_id, where.role) == ("", None, "focus")
    assert where == Location(
        name="Bering Sea", geometry=Point(0, 0), precision="region", kind="sea"
    )
    assert Source("https://a.example/1") == Source(url="https://a.example/1")
    made = make_incident()
    assert (made.id, made.version, made.created_at) == (None, None, None)
    assert replace(made, title="Renamed").title == "Renamed"
    with pytest.raises(ImpossibleDate, match="outside 1900"):
        replace(made, start_date=dt.date(1850, 1, 1))
    with pytest.raises(TypeError):
        Location()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Source(nonsense=1)  # type: ignore[call-arg]
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.title = "changed"  # type: ignore[misc]


def test_location_outside_the_world_is_rejected():
    with pytest.raises(InvalidGeometry, match="outside the world"):
        Location("Nowhere", Point(200, 95))


def test_invalid_polygon_is_rejected():
    from shapely.geometry import Polygon

    bowtie = Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    with pytest.raises(InvalidGeometry, match="invalid geometry"):
        Location("Bow tie", bowtie)


def test_a_gazetteer_region_is_stored_by_reference_and_comes_back_whole(store, gazetteer):
    sea = gazetteer.by_name("North Pacific Ocean")
    saved = store.add(
        make_incident(
            locations=(
                Location(sea.name, sea.geometry, kind=sea.kind, feature_id=sea.id),
                Location(
                    "Bering Sea near Alaska",
                    box(-170, 57, -165, 60),
                    kind="coastal_band",
                    feature_id="water:bering-sea",
                ),
            )
        ),
        by=EDITOR,
    )
    with store.engine.connect() as conn:
        stored = dict(
            conn.execute(
                sa.text("select name, length(geometry) from locations where incident_id = :i"),
                {"i": saved.id},
            ).all()
        )
    assert stored["North Pacific Ocean"] == 0  # by reference: no coordinates stored
    assert stored["Bering Sea near Alaska"] > 0  # a derived shape keeps its own geometry
    loaded = store.get(saved.id)
    assert loaded.locations[0].geometry.equals(sea.geometry)
    assert loaded.locations[1].geometry.equals(box(-170, 57, -165, 60))


@pytest.mark.parametrize("version", ["abc", "0", "-1", None])
def test_a_garbled_schema_record_is_named_and_the_store_left_alone(tmp_path, version):
    path = tmp_path / "garbled.sqlite"
    store = Store(f"sqlite:///{path}", _GAZ)
    store.add(Incident(title="Kept", start_date=dt.date(2024, 1, 1)), by=EDITOR)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE alembic_version")  # as a store made before Alembic
        if version is None:
            conn.exec_driver_sql("DELETE FROM schema_info WHERE key = 'version'")
        else:
            conn.exec_driver_sql(
                f"UPDATE schema_info SET value = '{version}' WHERE key = 'version'"
            )
    store.dispose()
    with pytest.raises(StoreError, match="damaged schema record"):
        Store(f"sqlite:///{path}", _GAZ)
    with sa.create_engine(f"sqlite:///{path}").connect() as conn:
        assert conn.exec_driver_sql("SELECT title FROM incidents").scalars().all() == ["Kept"]


def test_a_store_missing_a_column_is_named_rather_than_failing_later(tmp_path):
    path = tmp_path / "dropped.sqlite"
    Store(f"sqlite:///{path}", _GAZ).add(
        Incident(title="Kept", start_date=dt.date(2024, 1, 1)), by=EDITOR
    )
    with sa.create_engine(f"sqlite:///{path}").begin() as conn:
        conn.exec_driver_sql("ALTER TABLE incidents DROP COLUMN summary")
    with pytest.raises(StoreError, match=r"'incidents' lacks column.*summary"):
        Store(f"sqlite:///{path}", _GAZ)


def test_a_database_url_whose_driver_is_missing_says_what_to_install(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as on a machine without the extra
    with pytest.raises(StoreError, match=r"pip install 'incident-atlas\[postgis\]'"):
        Store("postgresql+psycopg://user@localhost/atlas", _GAZ)
