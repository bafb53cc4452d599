"""Shapes drawn with the map's Draw tool become checked geometries in [-180, 180]."""

from __future__ import annotations

import pytest

from geo.drawn_shapes import drawn_shapes
from geo.errors import InvalidGeometry


def feature(kind: str, coordinates) -> dict:
    return {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": kind, "coordinates": coordinates},
    }


def test_points_routes_and_areas_are_named_by_kind_and_number():
    shapes = drawn_shapes(
        [
            feature("Point", [139.7, 35.7]),
            feature("LineString", [[125, 30], [130, 33]]),
            feature("LineString", [[120, 20], [121, 25]]),
            feature("Polygon", [[[120, 20], [122, 20], [122, 22], [120, 20]]]),
        ]
    )
    assert [s.name for s in shapes] == [
        "Drawn point 1",
        "Drawn route 1",
        "Drawn route 2",
        "Drawn area 1",
    ]


def test_a_route_across_the_antimeridian_is_split_at_180():
    (route,) = drawn_shapes([feature("LineString", [[170, 55], [190, 60]])])
    minx, _, maxx, _ = route.geometry.bounds
    assert (minx, maxx) == (-180, 180)
    assert route.geometry.geom_type == "MultiLineString"
    assert route.geometry.length == pytest.approx(((20**2 + 5**2) ** 0.5), rel=1e-9)


def test_a_point_drawn_on_the_next_world_copy_is_wrapped():
    (point,) = drawn_shapes([feature("Point", [200.0, 60.0])])
    assert (point.geometry.x, point.geometry.y) == (-160.0, 60.0)


def test_a_self_crossing_area_is_refused_with_its_number():
    bowtie = [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]
    with pytest.raises(
        InvalidGeometry, match=r"Drawn area \(shape 2\) is not usable: Self-intersection"
    ):
        drawn_shapes([feature("Point", [1, 1]), feature("Polygon", bowtie)])


def test_unsupported_or_broken_shapes_say_what_is_wrong():
    with pytest.raises(InvalidGeometry, match="expected a point, route or area"):
        drawn_shapes([feature("MultiPoint", [[1, 1]])])
    with pytest.raises(InvalidGeometry, match="cannot be read"):
        drawn_shapes([feature("LineString", [[1, 1]])])
    with pytest.raises(InvalidGeometry, match="past a pole"):
        drawn_shapes([feature("Point", [10, 95])])


def test_nothing_drawn_gives_no_shapes():
    assert drawn_shapes(None) == []
    assert drawn_shapes([]) == []


def test_a_shape_put_on_the_map_to_be_edited_comes_back_under_its_name():
    edited = feature("LineString", [[125.0, 28.0], [131.0, 22.0]])
    edited["properties"] = {"atlas_name": "Schematic route: East China Sea → Philippine Sea"}
    new = feature("Point", [130.0, 25.0])
    route, point = drawn_shapes([edited, new])
    assert route.name == "Schematic route: East China Sea → Philippine Sea"
    assert point.name == "Drawn point 1" and point.given is None
