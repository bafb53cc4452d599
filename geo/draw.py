"""Map drawing with folium: the offline base map and overlays of features.

This module is generic: it draws *items* (a label, popup rows, geometries, a
colour) and knows nothing of incidents. ``incidents.mapview`` turns incidents
into items.

Text from reports never reaches the page as HTML. Popups and tooltips are
built in the browser with ``textContent``, and the data travels as JSON that
is escaped for use inside ``<script>``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import folium
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template
from shapely.affinity import translate
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from geo.antimeridian import circular_mean_lon, unwrap
from geo.assets import localize
from geo.gazetteer import Gazetteer

__all__ = ["SEA_COLOUR", "MapItem", "OverlayLayer", "base_map", "fit_view", "frame_center"]

SEA_COLOUR = "#d4e6f1"
LAND_COLOUR = "#f4f1ea"
LAND_EDGE = "#b9b2a3"


@dataclass(frozen=True)
class MapItem:
    """One thing to draw: region shapes plus a marker with a popup.

    ``rows`` are (label, value) pairs shown in the popup as plain text.
    """

    key: str
    label: str
    rows: Sequence[tuple[str, str]]
    geometries: Sequence[BaseGeometry]
    colour: str = "#c0392b"
    extra: dict[str, Any] = field(default_factory=dict)


def frame_center(items: Sequence[MapItem]) -> float:
    """A central longitude for drawing these items in one continuous frame."""
    geoms = [g for item in items for g in item.geometries]
    if not geoms:
        return 0.0
    return circular_mean_lon(shapely.union_all([unwrap(g).representative_point() for g in geoms]))


def _in_frame(geom: BaseGeometry, center: float) -> BaseGeometry:
    """Shift ``geom`` so it sits within 180° of ``center``, in one piece."""
    flat = unwrap(geom)
    cx = flat.representative_point().x
    k = round((center - cx) / 360.0)
    return translate(flat, xoff=360.0 * k) if k else flat


def base_map(gazetteer: Gazetteer, *, height: int = 560) -> folium.Map:
    """The offline base map: sea colour plus the Natural Earth land layer.

    The land layer is repeated at -360°, 0° and +360° so panning across the
    antimeridian (the Bering Sea, the Pacific) never runs off the land.
    """
    m = folium.Map(
        location=[30, 160],
        zoom_start=2,
        tiles=None,
        control_scale=True,
        world_copy_jump=False,
        prefer_canvas=True,
        height=height,
    )
    localize(m)
    m.get_root().header.add_child(  # type: ignore[attr-defined]
        Element(
            f"<style>.leaflet-container{{background:{SEA_COLOUR};}}"
            ".atlas-popup dt{font-weight:600;margin-top:4px}.atlas-popup dd{margin:0 0 2px 0}"
            ".atlas-popup{font:13px/1.35 system-ui,sans-serif;max-width:320px}"
            ".atlas-popup h4{margin:0 0 6px 0;font-size:14px}</style>"
        )
    )
    land = gazetteer.basemap
    copies = []
    for shift in (-360.0, 0.0, 360.0):
        for feature in land["features"]:
            geom = shapely.geometry.shape(feature["geometry"])
            copies.append(
                {
                    "type": "Feature",
                    "properties": {},
                    "geometry": mapping(translate(geom, xoff=shift) if shift else geom),
                }
            )
    folium.GeoJson(
        {"type": "FeatureCollection", "features": copies},
        name="Land (offline)",
        style_function=lambda _: {
            "fillColor": LAND_COLOUR,
            "color": LAND_EDGE,
            "weight": 0.6,
            "fillOpacity": 1.0,
        },
        interactive=False,
        control=False,
    ).add_to(m)
    return m


class OverlayLayer(MacroElement):
    """Regions and markers drawn from compact JSON, with text-only popups.

    Parameters
    ----------
    items
        What to draw.
    center
        The longitude the drawing frame is centred on (see :func:`frame_center`).
    simplify
        Tolerance in degrees for region outlines; shapes are drawn, not measured.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
(function() {
    var data = {{ this.payload|tojson }};
    var group = {{ this._parent.get_name() }};
    function popup(item) {
        var box = document.createElement("div");
        box.className = "atlas-popup";
        var h = document.createElement("h4");
        h.textContent = item.label;
        box.appendChild(h);
        var dl = document.createElement("dl");
        item.rows.forEach(function(row) {
            var dt = document.createElement("dt"); dt.textContent = row[0];
            var dd = document.createElement("dd"); dd.textContent = row[1];
            dl.appendChild(dt); dl.appendChild(dd);
        });
        box.appendChild(dl);
        return box;
    }
    data.items.forEach(function(item) {
        if (item.shapes) {
            var shapes = L.geoJSON(item.shapes, {
                style: {color: item.colour, weight: 1.5, fillColor: item.colour, fillOpacity: 0.18},
            });
            shapes.bindPopup(function() { return popup(item); });
            shapes.eachLayer(function(l) { l.options.atlasKey = item.key; });
            group.addLayer(shapes);
        }
        var marker = L.circleMarker([item.lat, item.lon], {
            radius: 8, color: "#ffffff", weight: 2, fillColor: item.colour, fillOpacity: 0.95,
            atlasKey: item.key,
        });
        marker.bindTooltip(function() { return document.createTextNode(item.label); });
        marker.bindPopup(function() { return popup(item); });
        group.addLayer(marker);
    });
    // Hooks for tests and exports: the group, and a count of completed draws.
    window.atlasGroup = group;
    window.atlasOverlayDrawn = (window.atlasOverlayDrawn || 0) + 1;
})();
{% endmacro %}
""")

    def __init__(self, items: Sequence[MapItem], center: float, simplify: float = 0.05) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "OverlayLayer"
        payload = []
        for item in items:
            shapes = [_in_frame(g, center) for g in item.geometries]
            polys = [
                s.simplify(simplify, preserve_topology=True)
                for s in shapes
                if s.geom_type in ("Polygon", "MultiPolygon")
            ]
            anchor = shapes[0].representative_point() if shapes else None
            payload.append(
                {
                    "key": item.key,
                    "label": item.label,
                    "rows": [[k, v] for k, v in item.rows],
                    "colour": item.colour,
                    "lon": round(anchor.x, 4) if anchor else None,
                    "lat": round(anchor.y, 4) if anchor else None,
                    "shapes": {
                        "type": "FeatureCollection",
                        "features": [
                            {"type": "Feature", "properties": {}, "geometry": _rounded(mapping(p))}
                            for p in polys
                        ],
                    }
                    if polys
                    else None,
                }
            )
        self.payload = {"items": [p for p in payload if p["lon"] is not None]}


def _rounded(geojson: dict[str, Any], digits: int = 3) -> dict[str, Any]:
    def walk(value: Any) -> Any:
        if isinstance(value, float):
            return round(value, digits)
        if isinstance(value, list | tuple):
            return [walk(v) for v in value]
        return value

    return {"type": geojson["type"], "coordinates": walk(geojson["coordinates"])}


def fit_view(items: Sequence[MapItem], center: float) -> tuple[list[float], int]:
    """A (lat, lon) centre and zoom level that shows all items."""
    shapes = [_in_frame(g, center) for item in items for g in item.geometries]
    if not shapes:
        return [30.0, 160.0], 2
    minx, miny, maxx, maxy = shapely.union_all([s.envelope for s in shapes]).bounds
    span = max(maxx - minx, (maxy - miny) * 1.6, 1e-6)
    zoom = int(max(1, min(9, math.floor(math.log2(360.0 / span)) + 1)))
    # The centre stays in the drawing frame (it may be past 180) so the view
    # and the shapes agree.
    return [(miny + maxy) / 2, (minx + maxx) / 2], zoom
