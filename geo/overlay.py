"""Map drawing with folium: the offline base map and overlays of features.

This module is generic: it draws *items* (a label, a line of detail,
geometries, a colour) and knows nothing of incidents. ``incidents.mapview``
turns incidents into items. The base map itself is static (``geo.basemap``).

Text from reports never reaches the page as HTML. Popups are built in the
browser with ``textContent``, tooltips are escaped before Leaflet sees them,
and the data travels as JSON that is escaped for use inside ``<script>``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import shapely
from branca.element import Element, MacroElement
from folium.plugins import Draw
from jinja2 import Template
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from geo.antimeridian import inner_point
from geo.assets import localize, localize_draw, web_url
from geo.basemap import (
    CENTER_LON,
    SEAM_LON,
    BaseLayers,
    frame_lon,
    in_frame,
    web_file,
    web_version,
)
from geo.gazetteer import Feature

__all__ = [
    "NUMBERED_MAX",
    "SEA_COLOUR",
    "WEB_TILES",
    "AggregateLayer",
    "EditableShapes",
    "MapItem",
    "OverlayLayer",
    "TileOption",
    "base_map",
    "fit_view",
    "frame_bounds",
]

SEA_COLOUR = "#d4e6f1"
LAND_COLOUR = "#f4f1ea"
LAND_EDGE = "#b9b2a3"
DRAW_COLOUR = "#c0392b"  # shapes the user draws, distinct from incident colours


@dataclass(frozen=True)
class MapItem:
    """One thing to draw: its shapes plus a marker with a short popup.

    ``geometries`` are where it happened: filled, framed, and the marker sits
    on the first. ``context`` shapes are larger regions named for orientation,
    drawn as outlines only and never framed. ``refs`` and ``context_refs``
    hold, for each shape, the gazetteer region it is exactly (drawn from the
    static base map by its id, not sent), or ``None``. ``names`` label the
    shapes on the map and ``faint`` marks those to fill faintly (too large to
    say where it happened), both in the order geometries then context;
    ``detail`` is one line of plain text under the label.
    """

    key: str
    label: str
    geometries: Sequence[BaseGeometry]
    detail: str = ""
    refs: Sequence[Feature | None] = ()
    colour: str = "#c0392b"
    context: Sequence[BaseGeometry] = ()
    context_refs: Sequence[Feature | None] = ()
    names: Sequence[str] = ()
    faint: Sequence[bool] = ()


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
    *,
    height: int = 560,
    tiles: tuple[TileOption, ...] = WEB_TILES,
    outlines: bool = True,
    draw: bool = False,
    controls: bool = True,
    editable: Sequence[tuple[str, BaseGeometry]] = (),
) -> folium.Map:
    """The offline base map: sea colour, land, and region outlines to switch on.

    Land and outlines are not embedded: :class:`geo.basemap.BaseLayers`
    fetches them once as static files, so the map's own script stays a few
    kilobytes and is the same on every rerun. One world is drawn, in the
    frame of :data:`geo.basemap.SEAM_LON`, and the view cannot leave it.
    With ``outlines``, the ADIZs and the seas and straits can be switched on
    in the layer control; ``tiles`` are offered there too, all off by default.
    With ``draw``, a toolbar lets the user draw points, routes and areas
    (streamlit-folium returns them as GeoJSON in ``all_drawings``). Without
    ``controls`` there are no zoom buttons, as a picture for a briefing needs.
    """
    m = folium.Map(
        location=[30, CENTER_LON],
        zoom_start=2,
        min_zoom=1,
        tiles=None,
        control_scale=True,
        world_copy_jump=False,
        prefer_canvas=True,
        height=height,
        zoom_control=controls,
    )
    m.options["maxBounds"] = [[-85.0, SEAM_LON], [85.0, SEAM_LON + 360.0]]
    m.options["maxBoundsViscosity"] = 1.0
    localize(m)
    m.get_root().header.add_child(  # type: ignore[attr-defined]
        Element(
            # Higher specificity than leaflet.css, which a picture page loads after this style.
            f"<style>.leaflet-container.leaflet-container{{background:{SEA_COLOUR};}}"
            ".atlas-popup{font:13px/1.35 system-ui,sans-serif;max-width:320px}"
            ".atlas-popup h4{margin:0 0 4px 0;font-size:14px}.atlas-popup p{margin:0}"
            # Shape labels: italic sea-chart lettering with a halo, no tooltip box.
            ".leaflet-tooltip.atlas-label{background:none;border:0;box-shadow:none;padding:0;"
            "font:italic 600 12px system-ui,sans-serif;color:#1d3f63;"
            "text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff}"
            ".leaflet-tooltip.atlas-label:before{display:none}"
            ".leaflet-tooltip.atlas-label-context{font-weight:400;color:#4a6785}"
            ".atlas-number-icon{background:none;border:0}</style>"
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
    land = folium.FeatureGroup(name="Land (offline)", control=bool(tiles)).add_to(m)
    groups: list[tuple[Element, list[str], str]] = []
    if outlines:
        for name, kinds, colour in (
            ("ADIZs", ["adiz"], "#6a3d9a"),
            ("Seas and straits", ["sea", "gulf", "bay", "strait", "channel"], "#2b6f9e"),
        ):
            groups.append((folium.FeatureGroup(name=name, show=False).add_to(m), kinds, colour))
    m.add_child(
        BaseLayers(
            web_url(),
            land,
            groups,
            land_colour=LAND_COLOUR,
            land_edge=LAND_EDGE,
            version=web_version(),
        )
    )
    if tiles or outlines:
        folium.LayerControl(collapsed=True, position="topright").add_to(m)
    if draw:
        # Shapes to edit (a drafted route) start in the drawing tool's own group,
        # named, so that the edited shape comes back under its name.
        drawn_group = folium.FeatureGroup(name="Drawn", control=False).add_to(m)
        if editable:
            drawn_group.add_child(EditableShapes(editable))
        localize_draw(
            Draw(  # type: ignore[no-untyped-call]
                feature_group=drawn_group,
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


#: The map legend, shared by both overlay layers: a box of coloured dots with
#: labels, built with textContent, shown while its group is on the map.
_LEGEND_JS = """
    if (group._atlasLegend) { group._atlasLegend.remove(); }  // a redraw replaces it
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
        group._atlasLegend = legend;
        group.on("add", function() { legend.addTo(group._map); });
        group.on("remove", function() { legend.remove(); });
        // Drawn after the base map's regions arrive: the group may be on the map already.
        if (group._map) { legend.addTo(group._map); }
    }
"""


def _with_legend(source: str) -> Template:
    template: Template = Template(source.replace("{{ legend_js }}", _LEGEND_JS))
    return template


class EditableShapes(MacroElement):
    """Lines put into the drawing tool's group to be edited, each named in its ``feature``."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function() {
    var group = {{ this._parent.get_name() }};
    {{ this.shapes|tojson }}.forEach(function(item) {
        var layer = L.polyline(item[1].map(function(p) { return [p[1], p[0]]; }));
        layer.feature = {type: "Feature", properties: {atlas_name: item[0]}};
        group.addLayer(layer);
    });
})();
{% endmacro %}
""")

    def __init__(self, shapes: Sequence[tuple[str, BaseGeometry]]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "EditableShapes"
        self.shapes = [
            [name, [[round(x, 4), round(y, 4)] for x, y in _line_coords(in_frame(geom))]]
            for name, geom in shapes
            if geom.geom_type.endswith("LineString")
        ]


def _line_coords(geom: BaseGeometry) -> list[tuple[float, float]]:
    """One line's vertices; a line split at 180 is joined again in the map's frame."""
    if geom.geom_type == "MultiLineString":
        geom = shapely.line_merge(geom)  # the parts meet at 180, in the frame
    if geom.geom_type == "LineString":
        return list(geom.coords)
    coords: list[tuple[float, float]] = []
    for part in geom.geoms:
        coords.extend(part.coords)
    return coords


#: Up to this many items, markers show their number and shapes their names.
NUMBERED_MAX = 40


class OverlayLayer(MacroElement):
    """Items drawn from compact JSON: shapes by reference, text-only popups.

    Each item travels as ``[key, label, detail, lon, lat, colour, shapes,
    names, faint]``; a shape is either the id of a region of the static base map
    (``r:`` and the id, drawn from the file the browser already has) or a key
    into this layer's own quantised shapes, prefixed ``~`` when it is context
    (outlined only). With few items, markers show the key as a number and
    shapes carry their names as labels. Popups and tooltips are built from the item
    when opened, as text. The tooltip starts with ``#key`` so that a click
    (streamlit-folium reports the tooltip) selects the item by its key.

    Parameters
    ----------
    items
        What to draw.
    simplify
        Tolerance in degrees for shapes sent with the layer.
    selected
        The key of the item to highlight.
    """

    _template = _with_legend("""
{% macro script(this, kwargs) %}
// One function draws any payload into a group, so a picture can swap its overlay.
window.atlasDrawOverlay = function(group, data) {
    function popup(item) {
        var box = document.createElement("div");
        box.className = "atlas-popup";
        var h = document.createElement("h4");
        h.textContent = item[1];
        var p = document.createElement("p");
        p.textContent = item[2];
        box.appendChild(h); box.appendChild(p);
        return box;
    }
    function escaped(text) {
        return String(text).replace(/[&<>"']/g, function(c) { return "&#" + c.charCodeAt(0) + ";"; });
    }
    // Markers are drawn at once, so streamlit-folium sees them and reports their
    // clicks; shapes follow when the base map's regions are in, under the markers.
    // A few items get markers that show their number (the table's #); many get dots.
    function numbered(item, colour, chosen) {
        var badge = document.createElement("div");
        badge.className = "atlas-number";
        badge.textContent = item[0];
        badge.style.cssText = "background:" + colour + ";color:#fff;font:bold 11px system-ui,sans-serif;" +
            "border:" + (chosen ? "3px solid #111" : "2px solid #fff") + ";border-radius:10px;padding:1px 5px;" +
            "white-space:nowrap;box-shadow:0 1px 3px rgba(0,0,0,.45);display:inline-block;transform:translate(-50%,-50%)";
        return L.marker([item[4], item[3]], {icon: L.divIcon({html: badge, className: "atlas-number-icon", iconSize: null})});
    }
    var markers = [];
    data.items.forEach(function(item) {
        var colour = data.colours[item[5]];
        var chosen = item[0] === data.selected;
        var marker = data.numbered ? numbered(item, colour, chosen) : L.circleMarker([item[4], item[3]], {
            radius: chosen ? 12 : 8, color: chosen ? "#111111" : "#ffffff", weight: chosen ? 3 : 2,
            fillColor: colour, fillOpacity: 0.95,
        });
        marker.bindTooltip("#" + escaped(item[0]) + " · " + escaped(item[1]));
        marker.bindPopup(function() { return popup(item); });
        group.addLayer(marker);
        markers.push(marker);
    });
{{ legend_js }}    (window.atlasRegions ? window.atlasRegions(data.files) : Promise.resolve({})).then(function(regions) {
        var drawn = {};
        var labelled = {};
        var contexts = [];
        // Labels keep clear of the markers and of each other: a label whose spot is
        // taken moves a line up or down (pixels of the view the map has now).
        var map = group._map;
        var taken = map ? markers.map(function(m) { return map.latLngToContainerPoint(m.getLatLng()); }) : [];
        function free(p) {
            return taken.every(function(q) { return Math.abs(q.x - p.x) > 80 || Math.abs(q.y - p.y) > 16; });
        }
        function clearSpot(latlng) {
            if (!map) { return latlng; }
            var p = map.latLngToContainerPoint(latlng);
            var tries = [p, p.add([0, 18]), p.subtract([0, 18]), p.add([0, 36]), p.subtract([0, 36])];
            var best = tries.filter(free)[0] || p;
            taken.push(best);
            return map.containerPointToLatLng(best);
        }
        data.items.forEach(function(item) {
            var colour = data.colours[item[5]];
            item[6].forEach(function(entry, i) {
                // "~" marks a context shape: an outline for orientation, never filled.
                var context = entry.charAt(0) === "~";
                var ref = context ? entry.slice(1) : entry;
                if (drawn[entry]) { return; }  // a region shared by many incidents is drawn once
                drawn[entry] = true;
                var shape = ref.charAt(0) === "r" ? regions[ref.slice(2)] : data.shapes[ref];
                if (!shape) { return; }
                var route = ref.charAt(0) !== "r" && shape.properties.route;
                var layer = L.geoJSON(shape, {
                    style: context
                        ? {color: "#4a6785", weight: 1.2, dashArray: "5 4", fill: false, opacity: 0.9}
                        : route
                        ? {color: colour, weight: 3, fillColor: colour, fillOpacity: 0.9}
                        : {color: colour, weight: 1.5, fillColor: colour, fillOpacity: (item[8] || [])[i] ? 0.1 : 0.35},
                });
                layer.bindPopup(function() { return popup(item); });
                group.addLayer(layer);
                if (context) { contexts.push(layer); }
                var spot = (item[7] || [])[i] || ["", 0, 0];
                var name = spot[0] || (shape.properties && shape.properties.name);
                // A context region already named by a focus label ("Bering Sea" beside
                // "Bering Sea near Alaska") needs no label of its own.
                var named = (item[7] || []).some(function(other, j) {
                    return j !== i && other[0] && other[0] !== name && other[0].indexOf(name) === 0;
                });
                if (data.labels && name && !labelled[name] && !route && !(context && named)) {
                    labelled[name] = true;
                    var label = L.tooltip({permanent: true, direction: "center", className: context ? "atlas-label atlas-label-context" : "atlas-label"})
                        .setLatLng(clearSpot(L.latLng(spot[2], spot[1])))
                        .setContent(document.createTextNode(name));
                    group.addLayer(label);
                }
            });
        });
        contexts.forEach(function(l) { l.bringToBack(); });
        markers.forEach(function(m) { if (m.bringToFront) { m.bringToFront(); } });
        // Hooks for tests and exports: the group, and a count of completed draws.
        window.atlasGroup = group;
        window.atlasOverlayDrawn = (window.atlasOverlayDrawn || 0) + 1;
    });
};
window.atlasDrawOverlay({{ this._parent.get_name() }}, {{ this.payload|tojson }});
{% endmacro %}
""")

    def __init__(
        self,
        items: Sequence[MapItem],
        simplify: float = 0.05,
        selected: str | None = None,
        legend: Sequence[tuple[str, str]] = (),
        title: str = "",
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "OverlayLayer"
        colours: dict[str, int] = {}
        shapes: dict[str, dict[str, Any]] = {}
        local: dict[int, str] = {}
        files: set[str] = set()
        rows = []
        drawn = [item for item in items if item.geometries]
        # Numbers and shape labels stay readable for a briefing's few incidents;
        # beyond that no label is placed (or sent).
        labelled = len(drawn) <= NUMBERED_MAX
        for item in drawn:
            refs = list(item.refs) or [None] * len(item.geometries)
            context_refs = list(item.context_refs) or [None] * len(item.context)
            shown = [*item.geometries, *item.context]
            framed = [in_frame(g) for g in shown]
            # With labels, the marker sits deep inside its first shape; its label moves clear.
            anchor = (
                inner_point(framed[0])
                if labelled and framed[0].geom_type.endswith("Polygon")
                else framed[0].representative_point()
            )
            keys = []
            names: list[list[Any]] = []
            faint: list[int] = []
            given, faded = list(item.names), list(item.faint)
            for n, (original, flat, ref) in enumerate(
                zip(shown, framed, [*refs, *context_refs], strict=True)
            ):
                mark = "~" if n >= len(item.geometries) else ""
                if not flat.geom_type.endswith(("Polygon", "LineString")):
                    continue  # a point is the marker itself
                if labelled:
                    spot = anchor if n == 0 else inner_point(flat)
                    name = given[n] if n < len(given) else ""
                    names.append([name, round(spot.x, 2), round(spot.y, 2)])
                faint.append(int(n < len(faded) and faded[n]))
                if ref is not None:
                    keys.append(f"{mark}r:{ref.id}")
                    files.add(web_file(ref.kind))
                    continue
                if id(original) not in local:
                    local[id(original)] = key = str(len(local))
                    # Large areas are drawn at small zooms: their detail would not show,
                    # but it would travel with every rerun.
                    size = math.sqrt(flat.envelope.area)
                    tolerance = max(simplify, min(0.25, size / 150))
                    shapes[key] = {
                        "type": "Feature",
                        "properties": {"route": flat.geom_type.endswith("LineString")},
                        "geometry": _rounded(
                            mapping(_with_arrow(flat.simplify(tolerance, preserve_topology=True))),
                            2 if size > 5 else 3,
                        ),
                    }
                keys.append(mark + local[id(original)])
            colour = colours.setdefault(item.colour, len(colours))
            rows.append(
                [
                    item.key,
                    item.label,
                    item.detail,
                    round(anchor.x, 3),
                    round(anchor.y, 3),
                    colour,
                    keys,
                    names,
                    faint,
                ]
            )
        self.payload: dict[str, Any] = {
            "items": rows,
            "numbered": labelled,
            "labels": labelled,
            "colours": list(colours),
            "shapes": shapes,
            "files": sorted(files),
            "selected": selected,
            "legend": [list(row) for row in legend],
            "title": title,
        }


class AggregateLayer(MacroElement):
    """Counts instead of markers: shaded regions and count-sized grid cells, with a legend.

    Regions travel as ids of the static base map's regions with their
    counts; the browser shades the most frequent ``max_regions`` of ``kinds``.

    Parameters
    ----------
    regions
        Count per region id.
    cells
        (lon, lat, count, colour) for each grid cell.
    kinds
        The region kinds to shade (seas and zones, say, not whole oceans).
    title
        The legend's heading.
    """

    _template = _with_legend("""
{% macro script(this, kwargs) %}
(function() {
    var data = {{ this.payload|tojson }};
    var group = {{ this._parent.get_name() }};
    (window.atlasRegions ? window.atlasRegions(["zones"]) : Promise.resolve({})).then(function(regions) {
        var shaded = data.regions.filter(function(r) {
            return regions[r[0]] && data.kinds.indexOf(regions[r[0]].properties.kind) >= 0;
        }).sort(function(a, b) { return b[1] - a[1]; }).slice(0, data.max_regions);
        var most = shaded.length ? shaded[0][1] : 1;
        function shade(n) {
            var t = Math.log(1 + n) / Math.log(1 + most);
            return {color: "#7f2704", weight: 1, fillColor: "#d94801", fillOpacity: 0.08 + 0.55 * t};
        }
        shaded.forEach(function(r) {
            var feature = regions[r[0]];
            var layer = L.geoJSON(feature, {style: shade(r[1])});
            layer.bindTooltip(function() {
                return document.createTextNode(
                    feature.properties.name + ": " + r[1].toLocaleString() + " incidents");
            }, {sticky: true});
            group.addLayer(layer);
        });
        data.cells.forEach(function(c) {
            var m = L.circleMarker([c[1], c[0]], {
                radius: 3 + 2.2 * Math.log2(1 + c[2]), color: "#ffffff", weight: 1,
                fillColor: data.colours[c[3]], fillOpacity: 0.85,
            });
            m.bindTooltip(function() { return document.createTextNode(c[2].toLocaleString() + " incidents"); });
            group.addLayer(m);
        });
{{ legend_js }}        window.atlasGroup = group;
        window.atlasOverlayDrawn = (window.atlasOverlayDrawn || 0) + 1;
    });
})();
{% endmacro %}
""")

    def __init__(
        self,
        regions: Mapping[str, int],
        cells: Sequence[tuple[float, float, int, str]],
        *,
        kinds: Sequence[str],
        legend: Sequence[tuple[str, str]] = (),
        title: str = "Incidents",
        max_regions: int = 60,
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "AggregateLayer"
        colours: dict[str, int] = {}
        self.payload = {
            "title": title,
            "legend": [list(row) for row in legend],
            "kinds": list(kinds),
            "max_regions": max_regions,
            "regions": sorted([rid, n] for rid, n in regions.items()),
            "cells": [
                [round(frame_lon(lon), 2), round(lat, 2), n, colours.setdefault(c, len(colours))]
                for lon, lat, n, c in cells
            ],
        }
        self.payload["colours"] = list(colours)


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


def frame_bounds(geometries: Sequence[BaseGeometry]) -> tuple[float, float, float, float] | None:
    """(W, S, E, N) around ``geometries`` as drawn, in the map's one frame.

    West and east may run past 180, so a box across the antimeridian stays one box.
    """
    shapes = [in_frame(g) for g in geometries]
    if not shapes:
        return None
    west, south, east, north = shapely.union_all([s.envelope for s in shapes]).bounds
    return west, south, east, north


def fit_view(geometries: Sequence[BaseGeometry]) -> tuple[list[float], int]:
    """A (lat, lon) centre and zoom level that shows all ``geometries``."""
    bounds = frame_bounds(geometries)
    if bounds is None:
        return [30.0, CENTER_LON], 2
    minx, miny, maxx, maxy = bounds
    span = max(maxx - minx, (maxy - miny) * 1.6, 1e-6)
    zoom = int(max(1, min(9, math.floor(math.log2(360.0 / span)) + 1)))
    return [(miny + maxy) / 2, (minx + maxx) / 2], zoom
