"""Beyond a few hundred matches the map shows counts, never one marker per incident."""

from __future__ import annotations

import pytest

from geo.draw import AggregateLayer, OverlayLayer
from incidents.filters import Filter
from incidents.mapview import overlay_layer
from incidents.query import map_summary
from incidents.testing import synthetic_incidents


@pytest.fixture(scope="module")
def busy_store(tmp_path_factory):
    from incidents.store import Store

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('scale') / 'busy.sqlite'}")
    store.add_many(synthetic_incidents(1200, seed=3))
    yield store
    store.dispose()


def test_many_matches_are_aggregated_into_cells_and_regions(busy_store):
    result = map_summary(busy_store, Filter(), page_size=300)
    assert result.count == 1200
    assert not result.complete
    assert len(result.incidents) == 300
    assert sum(c.count for c in result.cells) == 1200  # every incident is in exactly one cell
    layer = overlay_layer(result, 160.0)
    assert isinstance(layer, AggregateLayer)
    assert len(layer.payload["cells"]) == len(result.cells) < 1200
    assert layer.payload["regions"]  # shaded seas and zones


def test_few_matches_are_drawn_one_by_one_with_shared_shapes(busy_store):
    result = map_summary(
        busy_store,
        Filter(regions=frozenset({"water:sea-of-japan"}), countries=frozenset({"CN"})),
        page_size=300,
    )
    assert result.complete
    layer = overlay_layer(result, 160.0)
    assert isinstance(layer, OverlayLayer)
    assert len(layer.payload["items"]) == result.count
    # Each region is drawn once, however many incidents sit in it.
    regions = [
        loc.feature_id for inc in result.incidents for loc in inc.locations if loc.feature_id
    ]
    assert len(regions) > len(set(regions))  # several incidents share a region
    assert len(layer.payload["shapes"]) == len(set(regions))


def test_region_counts_agree_with_region_filters(busy_store):
    result = map_summary(busy_store, Filter())
    for region in ("water:bering-sea", "water:sea-of-japan", "zone:taiwan-adiz"):
        alone = map_summary(busy_store, Filter(regions=frozenset({region})), page_size=1)
        assert result.region_counts[region] == alone.count


def test_markers_can_be_coloured_by_actor_with_a_matching_legend(busy_store):
    result = map_summary(
        busy_store,
        Filter(regions=frozenset({"water:sea-of-japan"}), countries=frozenset({"CN"})),
        page_size=300,
    )
    by_type = overlay_layer(result, 160.0, colour_by="type")
    by_actor = overlay_layer(result, 160.0, colour_by="actor")
    type_colours = {row[1] for row in by_type.payload["legend"]}
    actor_legend = dict(by_actor.payload["legend"])
    assert {item["colour"] for item in by_type.payload["items"]} <= type_colours
    assert {item["colour"] for item in by_actor.payload["items"]} <= set(actor_legend.values())
    assert "China" in actor_legend


def test_a_route_is_drawn_as_a_line_with_an_arrowhead_at_its_end():
    import datetime as dt

    from shapely.geometry import LineString

    from incidents.model import Incident, Location
    from incidents.query import MapSummary

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
    layer = overlay_layer(MapSummary(Filter(), 1, (incident,), (), {}), 135.0)
    (shape,) = layer.payload["shapes"].values()
    assert shape["properties"]["route"] is True
    line, head = shape["geometry"]["geometries"]
    assert line["type"] == "LineString"
    assert head["type"] == "Polygon"
    tip = head["coordinates"][0][0]
    assert tip == [140.0, 38.0]  # the arrow points at the route's end
