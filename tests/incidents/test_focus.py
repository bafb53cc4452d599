"""Focus and context: an ocean never stands in for an event when something smaller is named."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import replace

from shapely.geometry import Point

from incidents.extract import article_from_text, extract
from incidents.focus import assign_roles, focus_of
from incidents.formats import read_bytes
from incidents.model import Incident, Location
from incidents.store import SCHEMA_VERSION, Store
from incidents.testing import ROOT, SEEDS
from tests.conftest import EDITOR
from tests.conftest import GAZETTEER as _GAZ


def _feature_location(gazetteer, name: str) -> Location:
    return Location.of_feature(gazetteer.by_name(name))


def _roles(locations) -> dict[str, str]:
    return {loc.name: loc.role for loc in locations}


def test_a_shoal_is_the_focus_and_its_sea_the_context(gazetteer):
    locs = [
        _feature_location(gazetteer, "South China Sea"),
        _feature_location(gazetteer, "Second Thomas Shoal"),
    ]
    assert _roles(assign_roles(locs, _GAZ)) == {
        "South China Sea": "context",
        "Second Thomas Shoal": "focus",
    }


def test_an_ocean_is_context_beside_any_smaller_region(gazetteer):
    locs = [
        _feature_location(gazetteer, "Pacific Ocean"),
        _feature_location(gazetteer, "Philippine Sea"),
    ]
    assert _roles(assign_roles(locs, _GAZ)) == {
        "Pacific Ocean": "context",
        "Philippine Sea": "focus",
    }


def test_neighbouring_seas_of_similar_size_are_both_the_focus(gazetteer):
    locs = [
        _feature_location(gazetteer, "Sea of Japan"),
        _feature_location(gazetteer, "East China Sea"),
    ]
    assert set(_roles(assign_roles(locs, _GAZ)).values()) == {"focus"}


def test_a_point_makes_the_sea_around_it_context(gazetteer):
    sea = _feature_location(gazetteer, "Baltic Sea")
    point = Location("55.500, 18.000", Point(18.0, 55.5), precision="point", kind="point")
    assert _roles(assign_roles([sea, point], _GAZ)) == {
        "Baltic Sea": "context",
        point.name: "focus",
    }


def test_a_role_someone_chose_is_kept(gazetteer):
    locs = [
        _feature_location(gazetteer, "South China Sea"),
        _feature_location(gazetteer, "Second Thomas Shoal"),
    ]
    chosen = assign_roles(locs, _GAZ, keep=[True, False])
    assert _roles(chosen)["South China Sea"] == "focus"


def test_an_incident_always_keeps_a_focus(gazetteer):
    ocean = _feature_location(gazetteer, "Pacific Ocean")
    assert _roles(assign_roles([ocean], _GAZ)) == {"Pacific Ocean": "focus"}
    incident = Incident(
        "x",
        dt.date(2024, 1, 1),
        locations=(Location("a", Point(0, 0), kind="point", role="context"),),
    )
    assert focus_of(incident) == incident.locations


def test_the_seed_patrol_is_focused_near_alaska_with_its_seas_as_context(gazetteer):
    article = article_from_text((next(SEEDS.glob("*.txt"))).read_text(encoding="utf-8"))
    patrol = extract(article, gazetteer=gazetteer)[0]
    roles = _roles(patrol.locations)
    # The trailing "near the coast of Alaska" applies to both regions of the list.
    assert roles == {
        "North Pacific Ocean near Alaska": "focus",
        "Bering Sea near Alaska": "focus",
        "North Pacific Ocean": "context",
        "Bering Sea": "context",
    }
    focus = [loc for loc in patrol.locations if loc.role == "focus"]
    assert all(
        loc.geometry.intersects(Point(-170.0, 52.5)) for loc in focus[:1]
    )  # south of the Aleutians
    assert not any(loc.geometry.contains(Point(150.0, 30.0)) for loc in focus)  # not mid-Pacific


def test_csv_context_column_and_automatic_roles_survive_the_store(gazetteer, store):
    csv = (
        b"title,start_date,event_type,actors,regions,context\n"
        b"Water cannon at Second Thomas Shoal,2024-03-23,collision_or_unsafe_encounter,CN,"
        b"Second Thomas Shoal;South China Sea,\n"
        b"Bombers over the Sea of Japan,2024-05-01,patrol,RU,Sea of Japan,Pacific Ocean\n"
    )
    report = read_bytes(csv, "roles.csv", _GAZ)
    assert not report.problems
    ids = [store.add(i, by=EDITOR).id for _, i in report.incidents]
    shoal, bombers = (store.get(i) for i in ids)
    assert _roles(shoal.locations) == {"Second Thomas Shoal": "focus", "South China Sea": "context"}
    assert _roles(bombers.locations) == {"Sea of Japan": "focus", "Pacific Ocean": "context"}


def test_a_schema_2_store_gets_the_roles_the_code_would_give_when_opened(gazetteer, tmp_path):
    """tests/incidents/stores/schema2.sqlite was written before locations had roles."""
    path = tmp_path / "schema2.sqlite"
    shutil.copy(ROOT / "tests" / "incidents" / "stores" / "schema2.sqlite", path)
    reopened = Store(f"sqlite:///{path}", _GAZ)
    assert reopened.schema_version == SCHEMA_VERSION
    several = [i for i in reopened.all() if len(i.locations) > 1]
    assert several
    for incident in several:
        expected = assign_roles([replace(loc, role="focus") for loc in incident.locations], _GAZ)
        assert [loc.role for loc in incident.locations] == [loc.role for loc in expected]
    assert any(loc.role == "context" for i in several for loc in i.locations)
    reopened.dispose()


def test_geojson_geometry_is_the_focus_and_entries_name_their_role(gazetteer, tmp_path):
    from incidents.formats import write

    incident = Incident(
        "Water cannon at the shoal",
        dt.date(2024, 3, 23),
        locations=assign_roles(
            [
                _feature_location(gazetteer, "South China Sea"),
                _feature_location(gazetteer, "Second Thomas Shoal"),
            ],
            gazetteer,
        ),
    )
    out = write([incident], "geojson", tmp_path / "x.geojson", _GAZ, description="")
    feature = json.loads(out.read_text())["features"][0]
    assert feature["geometry"]["geometries"] == [
        {
            "type": "Point",
            "coordinates": list(gazetteer.by_name("Second Thomas Shoal").geometry.coords[0]),
        }
    ]
    assert [(e["name"], e["role"]) for e in feature["properties"]["locations"]] == [
        ("South China Sea", "context"),
        ("Second Thomas Shoal", "focus"),
    ]
