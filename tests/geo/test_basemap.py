"""The static base map: built from the gazetteer, one world, served as files, never embedded."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import shape
from streamlit_folium import _get_map_string

from geo.assets import static_file, web_url
from geo.basemap import (
    AREA_KINDS,
    SEAM_LON,
    WEB_ASSETS,
    WEB_DIR,
    build_web_assets,
    frame_lon,
    in_frame,
)
from geo.overlay import base_map


def test_committed_web_assets_match_the_gazetteer(gazetteer):
    """`make gazetteer` rebuilds geo/data/web; a stale copy would draw outdated shapes."""
    built = build_web_assets(gazetteer)
    assert sorted(built) == sorted(WEB_ASSETS)
    for name, data in built.items():
        assert (WEB_DIR / name).read_bytes() == data, f"{name} is stale: run make gazetteer"


@pytest.mark.parametrize(
    ("lon", "framed"),
    [
        (0.0, 0.0),
        (-33.0, -33.0),
        (-40.0, 320.0),
        (-170.0, 190.0),
        (180.0, 180.0),
        (326.9, 326.9),
        (327.0, -33.0),
    ],
)
def test_longitudes_move_into_the_one_frame(lon, framed):
    assert frame_lon(lon) == pytest.approx(framed)


def test_bering_sea_is_one_piece_east_of_kamchatka(gazetteer):
    bering = in_frame(gazetteer.get("water:bering-sea").geometry)
    west, _, east, _ = bering.bounds
    assert 155 < west < 165 and 195 < east < 205  # continuous across 180, never 360° wide


def test_land_is_drawn_once_inside_the_frame():
    for name in ("land-low.json", "land.json"):
        data = json.loads((WEB_DIR / name).read_bytes())
        (feature,) = data["features"]
        west, _, east, _ = shape(feature["geometry"]).bounds
        assert west >= SEAM_LON - 0.01 and east <= SEAM_LON + 360.01, (name, west, east)
        assert east - west > 350  # the whole world, once


def test_regions_carry_id_name_and_kind_for_overlays(gazetteer):
    zones = json.loads((WEB_DIR / "zones.json").read_bytes())["features"]
    areas = json.loads((WEB_DIR / "areas.json").read_bytes())["features"]
    # Seas and zones come at once; oceans and countries only when an overlay needs one.
    assert "sea" in {f["properties"]["kind"] for f in zones}
    assert not {f["properties"]["kind"] for f in zones} & AREA_KINDS
    assert {f["properties"]["kind"] for f in areas} == {"ocean", "country", "state"}
    by_id = {f["properties"]["id"]: f["properties"] for f in zones + areas}
    assert by_id["water:bering-sea"] == {
        "id": "water:bering-sea",
        "name": "Bering Sea",
        "kind": "sea",
    }
    assert by_id["zone:alaska-adiz"]["kind"] == "adiz"
    assert "country:EE" in by_id
    assert not [i for i in by_id if i.startswith("city:")]


def test_the_map_script_is_small_and_identical_on_every_rerun():
    """The land travels as a file, so the script streamlit-folium sends stays kilobytes.

    The same script on every rerun keeps the map mounted (its component key is a hash of it).
    """
    first = _get_map_string(base_map())
    second = _get_map_string(base_map())
    assert first == second
    assert len(first) < 20_000, len(first)
    assert web_url() in first
    assert "MultiPolygon" not in first


def test_the_web_assets_are_served_as_static_files():
    for name in WEB_ASSETS:
        local = static_file(f"{web_url()}/{name}")
        assert local is not None and local.read_bytes() == (WEB_DIR / name).read_bytes()
    assert static_file(f"{web_url()}/../regions.geojson") is None
