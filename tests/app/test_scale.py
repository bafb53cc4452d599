"""Beyond a few hundred matches the map shows counts, never one marker per incident."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from geo.overlay import AggregateLayer, OverlayLayer
from incidents.filters import Filter
from incidents.mapview import overlay_layer
from incidents.tally import map_summary
from incidents.testing import synthetic_incidents
from tests.conftest import EDITOR
from tests.conftest import GAZETTEER as _GAZ


@pytest.fixture(scope="module")
def busy_store(tmp_path_factory):
    from incidents.store import Store

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('scale') / 'busy.sqlite'}", _GAZ)
    store.add_many(synthetic_incidents(_GAZ, 1200, seed=3), by=EDITOR)
    yield store
    store.dispose()


def test_many_matches_are_aggregated_into_cells_and_regions(busy_store, gazetteer):
    result = map_summary(busy_store, Filter(), page_size=300)
    assert result.count == 1200
    assert not result.complete
    assert len(result.incidents) == 300
    assert sum(c.count for c in result.cells) == 1200  # every incident is in exactly one cell
    layer = overlay_layer(result, gazetteer)
    assert isinstance(layer, AggregateLayer)
    assert len(layer.payload["cells"]) == len(result.cells) < 1200
    # Regions travel as ids with counts; their shapes are in the static base map.
    assert dict(layer.payload["regions"]) == result.region_counts
    assert "water:bering-sea" in dict(layer.payload["regions"])


@pytest.mark.parametrize(
    "flt",
    [
        Filter(),
        Filter(countries=frozenset({"RU", "CN"})),
        Filter(countries=frozenset({"RU", "CN"}), match="all", include_responders=True),
        Filter(countries=frozenset({"CN"}), match="exactly", event_types=frozenset({"intercept"})),
        Filter(start=dt.date(2024, 1, 1), regions=frozenset({"water:sea-of-japan"})),
        Filter(text="bomber", end=dt.date(2024, 12, 31)),
    ],
)
def test_the_maps_counts_are_those_of_the_incidents_the_sql_filter_selects(busy_store, flt):
    import sqlalchemy as sa

    from incidents.query import predicate
    from incidents.schema import TABLES

    result = map_summary(busy_store, flt, page_size=50)
    selected = busy_store.select_ids(predicate(flt))
    assert result.count == len(selected)
    assert [i.id for i in result.incidents] == selected[:50]  # newest first, as listed
    # Cells: each incident's first place in a 2° cell, by type, as SQL groups them.
    loc, inc = TABLES["locations"], TABLES["incidents"]
    query = (
        sa.select(
            sa.func.floor(loc.c.rep_lon / 2.0), sa.func.floor(loc.c.rep_lat / 2.0), inc.c.event_type
        )
        .select_from(loc.join(inc, inc.c.id == loc.c.incident_id))
        .where(loc.c.position == 0, inc.c.id.in_(selected))
    )
    with busy_store.engine.connect() as conn:
        grouped = Counter(
            ((cx + 0.5) * 2, (cy + 0.5) * 2, kind) for cx, cy, kind in conn.execute(query)
        )
    drawn = Counter(
        {(c.lon, c.lat, kind): n for c in result.cells for kind, n in c.by_type.items()}
    )
    assert drawn == grouped
    for region, n in list(result.region_counts.items())[:8]:
        inside = busy_store.select_ids(predicate(Filter(regions=frozenset({region}))))
        assert n == len(set(selected) & set(inside))


def test_few_matches_are_drawn_one_by_one_with_regions_by_reference(busy_store, gazetteer):
    result = map_summary(
        busy_store,
        Filter(regions=frozenset({"water:sea-of-japan"}), countries=frozenset({"CN"})),
        page_size=300,
    )
    assert result.complete
    layer = overlay_layer(result, gazetteer)
    assert isinstance(layer, OverlayLayer)
    assert len(layer.payload["items"]) == result.count
    # A stored region is sent as its id, never as coordinates: the browser has its shape.
    regions = {
        loc.feature_id for inc in result.incidents for loc in inc.locations if loc.feature_id
    }
    assert regions
    sent = {ref for item in layer.payload["items"] for ref in item[6]}
    assert layer.payload["files"] == ["zones"]  # the browser fetches the seas' file only
    assert sent == {f"r:{r}" for r in regions}
    assert layer.payload["shapes"] == {}
    # Each item carries its id first, so a click selects it by id.
    assert {item[0] for item in layer.payload["items"]} == {str(inc.id) for inc in result.incidents}


def test_region_counts_agree_with_region_filters(busy_store):
    result = map_summary(busy_store, Filter())
    for region in ("water:bering-sea", "water:sea-of-japan", "zone:taiwan-adiz"):
        alone = map_summary(busy_store, Filter(regions=frozenset({region})), page_size=1)
        assert result.region_counts[region] == alone.count


def test_markers_can_be_coloured_by_actor_with_a_matching_legend(busy_store, gazetteer):
    result = map_summary(
        busy_store,
        Filter(regions=frozenset({"water:sea-of-japan"}), countries=frozenset({"CN"})),
        page_size=300,
    )
    by_type = overlay_layer(result, gazetteer, colour_by="type")
    by_actor = overlay_layer(result, gazetteer, colour_by="actor")
    type_colours = {row[1] for row in by_type.payload["legend"]}
    actor_legend = dict(by_actor.payload["legend"])

    def colours(layer):
        return {layer.payload["colours"][item[5]] for item in layer.payload["items"]}

    assert colours(by_type) <= type_colours
    assert colours(by_actor) <= set(actor_legend.values())
    assert "China" in actor_legend


def test_a_route_is_drawn_as_a_line_with_an_arrowhead_at_its_end(gazetteer):

    from shapely.geometry import LineString

    from incidents.model import Incident, Location
    from incidents.tally import MapSummary

    route = Location(
        "drawn route",
        LineString([(130, 30), (135, 35), (140, 38)]),
        precision="point",
        kind="route",
    )
    incident = Incident(
        "Bombers fly north-east",
        dt.date(2024, 7, 24),
        event_type="patrol",
        actors=("CN",),
        locations=(route,),
        id=1,
    )
    layer = overlay_layer(MapSummary(Filter(), 1, (incident,), (), {}, "1 incident"), gazetteer)
    (shape,) = layer.payload["shapes"].values()
    assert shape["properties"]["route"] is True
    line, head = shape["geometry"]["geometries"]
    assert line["type"] == "LineString"
    assert head["type"] == "Polygon"
    tip = head["coordinates"][0][0]
    assert tip == [140.0, 38.0]  # the arrow points at the route's end
