"""The static base map: land and region outlines built once, fetched once.

What never changes between reruns (land, seas, straits, zones, countries)
is not sent with each map. It is built into small JSON files under
``geo/data/web/`` (``make gazetteer`` rebuilds them; a test checks they
match the gazetteer), served by the app as static files and kept by the
browser. A map carries only a :class:`BaseLayers` element that fetches
them, so what travels with a rerun is the view and the overlay.

One world, drawn once. Everything is drawn in a single frame of longitudes
``[SEAM_LON, SEAM_LON + 360)``: the world's only edge runs through the
Atlantic (west of the Azores, east of Brazil), so the Pacific, the Bering
Sea and every region across 180° are continuous, and nothing is repeated
side by side.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

import shapely
from branca.element import Element, MacroElement
from jinja2 import Template
from shapely.affinity import translate
from shapely.geometry import box, mapping, shape
from shapely.geometry.base import BaseGeometry

from geo.antimeridian import unwrap
from geo.gazetteer import REGION_KINDS, Gazetteer

__all__ = [
    "AREA_KINDS",
    "CENTER_LON",
    "DETAIL_ZOOM",
    "SEAM_LON",
    "WEB_ASSETS",
    "WEB_DIR",
    "BaseLayers",
    "build_web_assets",
    "frame_lon",
    "in_frame",
    "web_file",
    "web_version",
]

#: The world's one edge: 33°W runs through the Atlantic between Brazil's
#: easternmost cape (34.8°W) and the Azores (31.3°W).
SEAM_LON = -33.0
CENTER_LON = SEAM_LON + 180.0
WEB_DIR = Path(__file__).resolve().parent / "data" / "web"
#: The files a browser fetches: coarse land first, detailed land from
#: DETAIL_ZOOM on, and regions by id in two files: the seas, straits and
#: zones incidents are usually placed in (small, fetched at once), and the
#: oceans, countries and states (large, fetched only when an overlay needs one).
WEB_ASSETS = ("land-low.json", "land.json", "zones.json", "areas.json")
#: Region kinds kept in ``areas.json``; every other region is in ``zones.json``.
AREA_KINDS = frozenset({"ocean", "country", "state"})
DETAIL_ZOOM = 4
#: Region kinds a map can reference by id: what incidents are placed in.
WEB_REGION_KINDS = REGION_KINDS | {"country", "state"}
#: Simplification per kind, in degrees: seas, straits and zones are what
#: incidents are drawn as, so they keep their detail; oceans and countries
#: mostly repeat coastlines the land layer already draws.
_TOLERANCE = {"ocean": 0.12, "country": 0.08, "state": 0.06}
_TOLERANCE_DEFAULT = 0.03
#: Islands smaller than this (square degrees) are left out of world views.
_LOW_MIN_AREA = 0.05


def web_file(kind: str) -> str:
    """The static file (without ``.json``) that holds regions of this kind."""
    return "areas" if kind in AREA_KINDS else "zones"


def frame_lon(lon: float) -> float:
    """``lon`` moved into the drawing frame ``[SEAM_LON, SEAM_LON + 360)``."""
    return (lon - SEAM_LON) % 360.0 + SEAM_LON


def in_frame(geom: BaseGeometry) -> BaseGeometry:
    """``geom`` in one piece, moved whole into the drawing frame.

    Shapes split at 180° (the Bering Sea) are joined first, then shifted by
    whole turns so that their representative point lies in the frame.
    """
    flat = unwrap(geom)
    x = flat.representative_point().x
    shift = frame_lon(x) - x
    return translate(flat, xoff=shift) if abs(shift) > 1e-9 else flat


def _land_in_frame(land: BaseGeometry) -> BaseGeometry:
    """Land cut at the seam, the western piece moved east by one turn, joined at 180°."""
    east = land.intersection(box(SEAM_LON, -90, 180, 90))
    west = translate(land.intersection(box(-180, -90, SEAM_LON, 90)), xoff=360.0)
    return shapely.union_all([east, west])


def _quantised(geom: BaseGeometry, digits: int) -> dict[str, Any]:
    """GeoJSON geometry with coordinates rounded, repeated points dropped."""
    grid = 10.0**-digits
    snapped = shapely.set_precision(geom, grid, mode="pointwise")
    if snapped.is_empty:
        snapped = geom

    def walk(value: Any) -> Any:
        if isinstance(value, tuple | list) and value and isinstance(value[0], float):
            return [round(value[0], digits), round(value[1], digits)]
        if isinstance(value, tuple | list):
            out = [walk(v) for v in value]
            return [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]
        return value

    raw = mapping(snapped)
    return {"type": raw["type"], "coordinates": walk(raw["coordinates"])}


def _file_of(feature: dict[str, Any]) -> str:
    return web_file(str(feature["properties"]["kind"]))


def _collection(features: list[dict[str, Any]]) -> bytes:
    text = json.dumps(
        {"type": "FeatureCollection", "features": features},
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return text.encode("utf-8")


def build_web_assets(gazetteer: Gazetteer) -> dict[str, bytes]:
    """The static base map files, by name (see :data:`WEB_ASSETS`).

    Parameters
    ----------
    gazetteer
        The gazetteer whose land layer and regions are drawn.

    Returns
    -------
    dict of str to bytes
        Compact GeoJSON, coordinates in the drawing frame: ``land-low.json``
        (for world views), ``land.json`` (the drawing land layer, from
        :data:`DETAIL_ZOOM` on), ``zones.json`` (seas, straits, gulfs and
        ADIZs) and ``areas.json`` (oceans, countries and states), each region
        with ``id``, ``name`` and ``kind``.
    """
    land = shapely.union_all([shape(f["geometry"]) for f in gazetteer.basemap["features"]])
    framed = _land_in_frame(land)
    low = shapely.MultiPolygon(
        [p for p in getattr(framed, "geoms", [framed]) if p.area >= _LOW_MIN_AREA]
    ).simplify(0.2, preserve_topology=True)
    regions: list[dict[str, Any]] = [
        {
            "type": "Feature",
            "properties": {"id": f.id, "name": f.name, "kind": f.kind},
            "geometry": _quantised(
                in_frame(f.geometry).simplify(
                    _TOLERANCE.get(f.kind, _TOLERANCE_DEFAULT), preserve_topology=True
                ),
                2,
            ),
        }
        for f in sorted(gazetteer.of_kind(*WEB_REGION_KINDS), key=lambda f: f.id)
        if f.is_region
    ]
    return {
        "land-low.json": _collection(
            [{"type": "Feature", "properties": {}, "geometry": _quantised(low, 1)}]
        ),
        "land.json": _collection(
            [{"type": "Feature", "properties": {}, "geometry": _quantised(framed, 2)}]
        ),
        "zones.json": _collection([r for r in regions if _file_of(r) == "zones"]),
        "areas.json": _collection([r for r in regions if _file_of(r) == "areas"]),
    }


@functools.lru_cache(maxsize=4)
def web_version(folder: Path = WEB_DIR) -> str:
    """A short hash of the committed files: changes whenever they do (cache busting)."""
    digest = hashlib.sha256()
    for name in WEB_ASSETS:
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:12]


class BaseLayers(MacroElement):
    """Fetches the static base map and draws it; regions become available by id.

    Land is drawn on a canvas, coarse for world views and detailed from
    :data:`DETAIL_ZOOM` on. ``window.atlasRegions(files)`` resolves to the
    regions of those files (``"zones"``, ``"areas"``) by id, for overlays
    that reference a region instead of carrying it; each file is fetched
    once. ``window.atlasBaseDrawn`` is set once land and zones are in.

    Parameters
    ----------
    url
        Where the files of :data:`WEB_ASSETS` are served.
    land, outline_groups
        Feature groups (already on the map, listed in its layer control) to
        fill: the land, and ``(group, kinds, colour)`` for region outlines.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
(function() {
    var map = {{ this._parent.get_name() }};
    var opts = {{ this.options|tojson }};
    var land = {{ this.land.get_name() }};
    var outlines = [{% for group, kinds, colour in this.outline_groups %}
        [{{ group.get_name() }}, {{ kinds|tojson }}, {{ colour|tojson }}],{% endfor %}
    ];
    function get(name) {
        return fetch(opts.url + "/" + name + "?v=" + opts.version).then(function(r) {
            if (!r.ok) { throw new Error(name + ": HTTP " + r.status); }
            return r.json();
        });
    }
    // Land has a pane of its own under the overlays: it arrives by fetch, and
    // a renderer made after the incidents' would otherwise paint over them.
    if (!map.getPane("atlasLand")) { map.createPane("atlasLand").style.zIndex = 350; }
    var canvas = L.canvas({padding: 0.3, pane: "atlasLand"});
    var style = {fillColor: opts.landColour, color: opts.landEdge, weight: 0.6, fillOpacity: 1};
    function landLayer(data) {
        return L.geoJSON(data, {style: style, interactive: false, renderer: canvas});
    }
    var coarse = null, fine = null, wantFine = false;
    function show() {
        var detailed = map.getZoom() >= opts.detailZoom && fine;
        if (detailed) { if (coarse) { land.removeLayer(coarse); } land.addLayer(fine); }
        else { if (fine) { land.removeLayer(fine); } if (coarse) { land.addLayer(coarse); } }
    }
    function zoomed() {
        if (map.getZoom() >= opts.detailZoom && !wantFine) {
            wantFine = true;
            get("land.json").then(function(data) { fine = landLayer(data); show(); });
        }
        show();
    }
    var lowLand = get("land-low.json");
    window.atlasLandLow = lowLand;  // a picture's locator inset draws it too
    var drawnLand = lowLand.then(function(data) { coarse = landLayer(data); zoomed(); });
    map.on("zoomend", zoomed);
    var files = {}, byId = {};
    function regions(names) {
        return Promise.all(names.map(function(name) {
            if (!files[name]) {
                files[name] = get(name + ".json").then(function(data) {
                    data.features.forEach(function(f) { byId[f.properties.id] = f; });
                    return data;
                });
            }
            return files[name];
        })).then(function() { return byId; });
    }
    window.atlasRegions = regions;
    // The zones are fetched at once: overlays usually need them, and so do the outlines.
    var zones = regions(["zones"]).then(function() { return files.zones; }).then(function(data) {
        outlines.forEach(function(entry) {
            var wanted = data.features.filter(function(f) { return entry[1].indexOf(f.properties.kind) >= 0; });
            var layer = L.geoJSON(wanted, {
                style: {color: entry[2], weight: 1.2, fill: false, dashArray: "4 3"},
            });
            layer.bindTooltip(function(l) { return document.createTextNode(l.feature.properties.name); });
            entry[0].addLayer(layer);
        });
    });
    Promise.all([drawnLand, zones]).then(function() {
        window.atlasBaseDrawn = (window.atlasBaseDrawn || 0) + 1;
    });
})();
{% endmacro %}
""")

    def __init__(
        self,
        url: str,
        land: Element,
        outline_groups: list[tuple[Element, list[str], str]],
        *,
        land_colour: str,
        land_edge: str,
        version: str,
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "BaseLayers"
        self.land = land
        self.outline_groups = outline_groups
        self.options = {
            "url": url,
            "version": version,
            "detailZoom": DETAIL_ZOOM,
            "landColour": land_colour,
            "landEdge": land_edge,
        }
