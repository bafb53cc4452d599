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
from folium.plugins import Draw
from jinja2 import Template
from shapely.affinity import translate
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from geo.antimeridian import circular_mean_lon, unwrap
from geo.assets import localize, localize_draw
from geo.gazetteer import Gazetteer

__all__ = [
    "SEA_COLOUR",
    "WEB_TILES",
    "AggregateLayer",
    "MapItem",
    "OverlayLayer",
    "TileOption",
    "base_map",
    "fit_view",
    "frame_bounds",
    "frame_center",
]

SEA_COLOUR = "#d4e6f1"
LAND_COLOUR = "#f4f1ea"
LAND_EDGE = "#b9b2a3"
DRAW_COLOUR = "#c0392b"  # shapes the user draws, distinct from incident colours


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


@dataclass(frozen=True)
class TileOption:
    """A web tile layer the user may switch on (never on by default)."""

    name: str
    url: str
    attribution: str


#: Public tile services offered in the layer control. None is contacted until
#: the user ticks it: the page loads nothing from outside by default.
WEB_TILES: tuple[TileOption, ...] = (
    TileOption(
        "OpenStreetMap",
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "&copy; OpenStreetMap contributors",
    ),
    TileOption(
        "CartoDB light",
        "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png",
        "&copy; OpenStreetMap contributors &copy; CARTO",
    ),
    TileOption(
        "CartoDB dark",
        "https://{s}.basemaps.cartocdn.com/dark_all/{z}/{x}/{y}.png",
        "&copy; OpenStreetMap contributors &copy; CARTO",
    ),
    TileOption(
        "Esri Ocean",
        "https://server.arcgisonline.com/ArcGIS/rest/services/Ocean/World_Ocean_Base/MapServer/tile/{z}/{y}/{x}",
        "Tiles &copy; Esri, GEBCO, NOAA, National Geographic, DeLorme, HERE, Geonames.org",
    ),
)


def base_map(
    gazetteer: Gazetteer,
    *,
    height: int = 560,
    tiles: tuple[TileOption, ...] = WEB_TILES,
    outlines: bool = True,
    draw: bool = False,
    controls: bool = True,
) -> folium.Map:
    """The offline base map: sea colour plus the Natural Earth land layer.

    The land layer is repeated at -360°, 0° and +360° so panning across the
    antimeridian (the Bering Sea, the Pacific) never runs off the land. With
    ``outlines``, the ADIZs and the seas and straits can be switched on in the
    layer control; ``tiles`` are offered there too, all off by default. With
    ``draw``, a toolbar lets the user draw points, routes and areas
    (streamlit-folium returns them as GeoJSON in ``all_drawings``). Without
    ``controls`` there are no zoom buttons, as a picture for a briefing needs.
    """
    m = folium.Map(
        location=[30, 160],
        zoom_start=2,
        tiles=None,
        control_scale=True,
        world_copy_jump=False,
        prefer_canvas=True,
        height=height,
        zoom_control=controls,
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
    for option in tiles:
        folium.TileLayer(
            tiles=option.url,
            attr=option.attribution,
            name=option.name,
            overlay=True,
            show=False,
            control=True,
            max_zoom=18,
        ).add_to(m)
    folium.GeoJson(
        {"type": "FeatureCollection", "features": _land_copies(gazetteer)},
        name="Land (offline)",
        style_function=lambda _: {
            "fillColor": LAND_COLOUR,
            "color": LAND_EDGE,
            "weight": 0.6,
            "fillOpacity": 1.0,
        },
        interactive=False,
        control=bool(tiles),
    ).add_to(m)
    if outlines:
        for name, kinds, colour in (
            ("ADIZs", ("adiz",), "#6a3d9a"),
            ("Seas and straits", ("sea", "gulf", "bay", "strait", "channel"), "#2b6f9e"),
        ):
            folium.GeoJson(
                {"type": "FeatureCollection", "features": _outlines(gazetteer, kinds)},
                name=name,
                show=False,
                style_function=lambda _, c=colour: {
                    "color": c,
                    "weight": 1.2,
                    "fill": False,
                    "dashArray": "4 3",
                },
                tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
            ).add_to(m)
    if tiles or outlines:
        folium.LayerControl(collapsed=True, position="topright").add_to(m)
    if draw:
        localize_draw(
            Draw(  # type: ignore[no-untyped-call]
                position="topleft",
                show_geometry_on_click=False,
                draw_options={
                    "polyline": {"shapeOptions": {"color": DRAW_COLOUR, "weight": 3}},
                    "polygon": {"allowIntersection": False, "showArea": False},
                    "rectangle": {"shapeOptions": {"color": DRAW_COLOUR}},
                    "marker": True,
                    "circle": False,
                    "circlemarker": False,
                },
                edit_options={"edit": True, "remove": True},
            )
        ).add_to(m)
    return m


_OUTLINES: dict[tuple[int, tuple[str, ...]], list[dict[str, Any]]] = {}


def _outlines(gazetteer: Gazetteer, kinds: tuple[str, ...]) -> list[dict[str, Any]]:
    """Simplified outlines of regions of these kinds, unwrapped for drawing, built once."""
    key = (id(gazetteer), kinds)
    if key not in _OUTLINES:
        _OUTLINES[key] = [
            {
                "type": "Feature",
                "properties": {"name": f.name},
                "geometry": _rounded(
                    mapping(unwrap(f.geometry).simplify(0.05, preserve_topology=True)), 2
                ),
            }
            for f in gazetteer.of_kind(*kinds)
        ]
    return _OUTLINES[key]


_LAND_COPIES: dict[int, list[dict[str, Any]]] = {}


def _land_copies(gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """The land layer at -360°, 0° and +360°, built once per gazetteer."""
    key = id(gazetteer)
    if key not in _LAND_COPIES:
        copies = []
        for shift in (-360.0, 0.0, 360.0):
            for feature in gazetteer.basemap["features"]:
                geom = shapely.geometry.shape(feature["geometry"])
                copies.append(
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": mapping(translate(geom, xoff=shift) if shift else geom),
                    }
                )
        _LAND_COPIES[key] = copies
    return _LAND_COPIES[key]


#: The map legend, shared by both overlay layers: a box of coloured dots with
#: labels, built with textContent, shown while its group is on the map.
_LEGEND_JS = """
    if (data.legend.length) {
        var legend = L.control({position: "bottomright"});
        legend.onAdd = function() {
            var box = L.DomUtil.create("div", "atlas-legend");
            box.style.cssText = "background:#fff;padding:6px 8px;font:12px system-ui,sans-serif;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3)";
            var h = document.createElement("b"); h.textContent = data.title; box.appendChild(h);
            data.legend.forEach(function(row) {
                var line = document.createElement("div");
                var dot = document.createElement("span");
                dot.style.cssText = "display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px;background:" + row[1];
                line.appendChild(dot); line.appendChild(document.createTextNode(row[0]));
                box.appendChild(line);
            });
            return box;
        };
        group.on("add", function() { legend.addTo(group._map); });
        group.on("remove", function() { legend.remove(); });
    }
"""


def _with_legend(source: str) -> Template:
    template: Template = Template(source.replace("{{ legend_js }}", _LEGEND_JS))
    return template


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

    _template = _with_legend("""
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
    var drawn = {};
    data.items.forEach(function(item) {
        item.shapes.forEach(function(ref) {
            if (drawn[ref]) { return; }  // one region drawn once, however many incidents share it
            drawn[ref] = true;
            var shapes = L.geoJSON(data.shapes[ref], {
                style: data.shapes[ref].properties.route
                    ? {color: item.colour, weight: 3, fillColor: item.colour, fillOpacity: 0.9}
                    : {color: item.colour, weight: 1.5, fillColor: item.colour, fillOpacity: 0.18},
            });
            shapes.bindPopup(function() { return popup(item); });
            shapes.eachLayer(function(l) { l.options.atlasKey = item.key; });
            group.addLayer(shapes);
        });
        var chosen = item.key === data.selected;
        var marker = L.circleMarker([item.lat, item.lon], {
            radius: chosen ? 12 : 8, color: chosen ? "#111111" : "#ffffff", weight: chosen ? 3 : 2,
            fillColor: item.colour, fillOpacity: 0.95, atlasKey: item.key,
        });
        marker.bindTooltip(function() { return document.createTextNode(item.label); });
        marker.bindPopup(function() { return popup(item); });
        group.addLayer(marker);
    });
{{ legend_js }}    // Hooks for tests and exports: the group, and a count of completed draws.
    window.atlasGroup = group;
    window.atlasOverlayDrawn = (window.atlasOverlayDrawn || 0) + 1;
})();
{% endmacro %}
""")

    def __init__(
        self,
        items: Sequence[MapItem],
        center: float,
        simplify: float = 0.05,
        selected: str | None = None,
        legend: Sequence[tuple[str, str]] = (),
        title: str = "",
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "OverlayLayer"
        payload = []
        shapes: dict[str, dict[str, Any]] = {}
        refs: dict[int, str] = {}
        for item in items:
            framed = [(g, _in_frame(g, center)) for g in item.geometries]
            anchor = framed[0][1].representative_point() if framed else None
            keys = []
            for original, flat in framed:
                if flat.geom_type not in (
                    "Polygon",
                    "MultiPolygon",
                    "LineString",
                    "MultiLineString",
                ):
                    continue
                if id(original) not in refs:
                    refs[id(original)] = ref = str(len(refs))
                    shapes[ref] = {
                        "type": "Feature",
                        "properties": {"route": flat.geom_type.endswith("LineString")},
                        "geometry": _rounded(
                            mapping(_with_arrow(flat.simplify(simplify, preserve_topology=True)))
                        ),
                    }
                keys.append(refs[id(original)])
            payload.append(
                {
                    "key": item.key,
                    "label": item.label,
                    "rows": [[k, v] for k, v in item.rows],
                    "colour": item.colour,
                    "lon": round(anchor.x, 4) if anchor else None,
                    "lat": round(anchor.y, 4) if anchor else None,
                    "shapes": keys,
                }
            )
        self.payload: dict[str, Any] = {
            "items": [p for p in payload if p["lon"] is not None],
            "shapes": shapes,
            "selected": selected,
            "legend": [list(row) for row in legend],
            "title": title,
        }


class AggregateLayer(MacroElement):
    """Counts instead of markers: shaded regions and count-sized grid cells, with a legend.

    Parameters
    ----------
    regions
        (name, count, geometry) for the regions to shade.
    cells
        (lon, lat, count, colour) for each grid cell.
    center
        The longitude the drawing frame is centred on.
    title
        The legend's heading.
    """

    _template = _with_legend("""
{% macro script(this, kwargs) %}
(function() {
    var data = {{ this.payload|tojson }};
    var group = {{ this._parent.get_name() }};
    function shade(n) {
        var t = Math.log(1 + n) / Math.log(1 + data.max_region);
        return {color: "#7f2704", weight: 1, fillColor: "#d94801", fillOpacity: 0.08 + 0.55 * t};
    }
    data.regions.forEach(function(r) {
        var layer = L.geoJSON(r.shape, {style: shade(r.count)});
        layer.bindTooltip(function() {
            return document.createTextNode(r.name + ": " + r.count.toLocaleString() + " incidents");
        }, {sticky: true});
        group.addLayer(layer);
    });
    data.cells.forEach(function(c) {
        var m = L.circleMarker([c[1], c[0]], {
            radius: 3 + 2.2 * Math.log2(1 + c[2]), color: "#ffffff", weight: 1,
            fillColor: c[3], fillOpacity: 0.85,
        });
        m.bindTooltip(function() { return document.createTextNode(c[2].toLocaleString() + " incidents"); });
        group.addLayer(m);
    });
{{ legend_js }}    window.atlasGroup = group;
    window.atlasOverlayDrawn = (window.atlasOverlayDrawn || 0) + 1;
})();
{% endmacro %}
""")

    def __init__(
        self,
        regions: Sequence[tuple[str, int, BaseGeometry]],
        cells: Sequence[tuple[float, float, int, str]],
        center: float,
        *,
        legend: Sequence[tuple[str, str]] = (),
        title: str = "Incidents",
        simplify: float = 0.1,
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "AggregateLayer"
        self.payload = {
            "title": title,
            "legend": [list(row) for row in legend],
            "max_region": max((n for _, n, _ in regions), default=1),
            "regions": [
                {
                    "name": name,
                    "count": n,
                    "shape": {
                        "type": "Feature",
                        "properties": {},
                        "geometry": _rounded(
                            mapping(
                                _in_frame(g, center).simplify(simplify, preserve_topology=True)
                            ),
                            2,
                        ),
                    },
                }
                for name, n, g in regions
            ],
            "cells": [
                [round(_shift(lon, center), 3), round(lat, 3), n, colour]
                for lon, lat, n, colour in cells
            ],
        }


def _with_arrow(geom: BaseGeometry) -> BaseGeometry:
    """A route with an arrowhead at its end, so the map shows which way it went."""
    if not geom.geom_type.endswith("LineString"):
        return geom
    line = geom if geom.geom_type == "LineString" else list(geom.geoms)[-1]
    (x0, y0), (x1, y1) = line.coords[-2], line.coords[-1]
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    if length == 0:
        return geom
    size = max(min(line.length * 0.08, 2.0), 0.3)  # degrees; visible at regional zooms
    ux, uy = dx / length, dy / length
    back = (x1 - ux * size, y1 - uy * size)
    head = shapely.Polygon(
        [
            (x1, y1),
            (back[0] - uy * size * 0.5, back[1] + ux * size * 0.5),
            (back[0] + uy * size * 0.5, back[1] - ux * size * 0.5),
        ]
    )
    return shapely.GeometryCollection([geom, head])


def _shift(lon: float, center: float) -> float:
    return lon + 360.0 * round((center - lon) / 360.0)


def _rounded(geojson: dict[str, Any], digits: int = 3) -> dict[str, Any]:
    def walk(value: Any) -> Any:
        if isinstance(value, float):
            return round(value, digits)
        if isinstance(value, list | tuple):
            return [walk(v) for v in value]
        return value

    if geojson["type"] == "GeometryCollection":
        return {
            "type": "GeometryCollection",
            "geometries": [_rounded(g, digits) for g in geojson["geometries"]],
        }
    return {"type": geojson["type"], "coordinates": walk(geojson["coordinates"])}


def frame_bounds(
    geometries: Sequence[BaseGeometry], center: float
) -> tuple[float, float, float, float] | None:
    """(W, S, E, N) around ``geometries`` drawn in the frame centred on ``center``.

    West and east may run past 180, so a box across the antimeridian stays one box.
    """
    shapes = [_in_frame(g, center) for g in geometries]
    if not shapes:
        return None
    west, south, east, north = shapely.union_all([s.envelope for s in shapes]).bounds
    return west, south, east, north


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
