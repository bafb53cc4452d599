"""Briefing pictures: the filtered incidents on the offline map, titled, framed, as PNG.

The picture is drawn by the same overlay as the dashboard
(:func:`incidents.mapview.overlay_layer`), on the offline land layer, with a
title, the filter in words, the legend, a scale bar, attribution, the time it
was made (UTC) and an optional classification banner — and none of the app's
controls. :class:`PictureSpec` holds the choices and checks them, so the app
and the CLI refuse the same bad requests with the same words.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field, replace

import folium

from geo.basemap import CENTER_LON, SEAM_LON
from geo.briefing import BriefingFrame, BriefingText, MapView
from geo.gazetteer import Gazetteer
from geo.overlay import WEB_TILES, OverlayLayer, base_map, frame_bounds
from geo.screenshot import render_png, render_pngs
from incidents.errors import ExportError
from incidents.filters import Filter
from incidents.focus import framing
from incidents.mapview import key_rows, overlay_layer
from incidents.model import Incident
from incidents.store import Store
from incidents.tally import MapSummary, map_summary
from incidents.vocabulary import event_type_label

__all__ = [
    "DATA_ATTRIBUTION",
    "MAX_SIDE",
    "SIZES",
    "PictureSpec",
    "incident_swap_script",
    "parse_bbox",
    "parse_size",
    "picture_html",
    "render_picture",
    "render_pictures",
]

#: One slide per incident draws one map per incident; beyond this, the deck says so.
MAX_INCIDENT_PICTURES = 100

#: Named sizes in pixels at scale 1. A4 landscape is 297 x 210 mm at 150 dpi.
SIZES: dict[str, tuple[int, int]] = {
    "16:9": (1920, 1080),
    "4:3": (1600, 1200),
    "A4": (1754, 1240),
}
#: The longest side a picture may have, in pixels after scaling.
MAX_SIDE = 8000
DATA_ATTRIBUTION = (
    "Land: Natural Earth · Seas: limits after IHO S-23 · Incidents: Incident Atlas store"
)
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def parse_size(text: str) -> tuple[int, int]:
    """``"16:9"``, ``"4:3"``, ``"A4"`` or ``"WIDTHxHEIGHT"`` as pixels.

    Raises
    ------
    ExportError
        Not a known name or ``WxH`` with positive whole numbers.
    """
    named = {k.lower(): v for k, v in SIZES.items()}
    if text.strip().lower() in named:
        return named[text.strip().lower()]
    match = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    if not match:
        raise ExportError(
            f"Picture size {text!r} is not understood; use {', '.join(SIZES)} or WIDTHxHEIGHT "
            "such as 1920x1080."
        )
    return int(match.group(1)), int(match.group(2))


@dataclass(frozen=True)
class PictureSpec:
    """What to draw and how big; checked on creation.

    ``view`` is where the picture looks; ``None`` fits the matching incidents.
    ``tiles`` names a web layer of :data:`geo.overlay.WEB_TILES` (or a custom
    template) to draw under the incidents; the default is the offline land
    layer alone.
    """

    width: int = 1920
    height: int = 1080
    scale: float = 1.0
    title: str = "Incident Atlas"
    view: MapView | None = None
    banner: str = ""
    banner_colour: str = "#007a33"
    colour_by: str = "type"
    tiles: str | None = None
    tile_url: str | None = None
    tile_attribution: str = ""
    generated: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def __post_init__(self) -> None:
        if self.width <= 0 or self.height <= 0:
            raise ExportError(
                f"Picture size {self.width}x{self.height} is empty; both sides must be positive."
            )
        if self.scale not in (1, 2) and not 0.5 <= self.scale <= 4:
            raise ExportError(f"Scale {self.scale} is not allowed; use 1 or 2.")
        if max(self.width, self.height) * self.scale > MAX_SIDE:
            raise ExportError(
                f"A {self.width}x{self.height} picture at scale {self.scale:g} would be "
                f"{round(self.width * self.scale)}x{round(self.height * self.scale)} pixels; "
                f"the largest side allowed is {MAX_SIDE}."
            )
        if not _COLOUR.match(self.banner_colour):
            raise ExportError(f"Banner colour {self.banner_colour!r} is not a colour like #007a33.")
        if self.tiles is not None and self.tiles not in {t.name for t in WEB_TILES} | {
            "Custom tiles"
        }:
            raise ExportError(
                f"Unknown base layer {self.tiles!r}; expected one of "
                f"{', '.join(t.name for t in WEB_TILES)} or Custom tiles."
            )


def render_picture(
    store: Store,
    flt: Filter,
    spec: PictureSpec,
    *,
    summary: MapSummary | None = None,
) -> bytes:
    """The PNG bytes of the incidents matching ``flt``, framed as ``spec`` says.

    Raises
    ------
    ExportError
        Nothing matches the filter.
    ScreenshotError
        No browser, or the map did not finish drawing.
    """
    result = summary or map_summary(store, flt)
    if result.count == 0:
        raise ExportError(
            f"No incidents match ({result.caption}); there is nothing to draw. "
            "Widen the filter and export again."
        )
    html, hosts = picture_html(result, flt, spec, store.gazetteer)
    return render_png(
        html, width=spec.width, height=spec.height, scale=spec.scale, allow_hosts=hosts
    )


def render_pictures(
    store: Store,
    flt: Filter,
    spec: PictureSpec,
    *,
    per_incident: bool = False,
) -> tuple[bytes, dict[int, bytes]]:
    """The overview picture and, when asked, one picture per incident (one browser for all)."""
    gazetteer = store.gazetteer
    result = map_summary(store, flt)
    if result.count == 0:
        raise ExportError(
            f"No incidents match ({result.caption}); there is nothing to draw. "
            "Widen the filter and export again."
        )
    pages = [picture_html(result, flt, spec, gazetteer)]
    mapped = (
        [i for i in result.incidents[:MAX_INCIDENT_PICTURES] if i.id is not None and i.locations]
        if per_incident
        else []
    )
    # The first incident's picture is a page of its own (the overview may show
    # counts rather than incidents); the others redraw that page in place.
    if mapped:
        first = mapped[0]
        one = _one(flt, first, gazetteer)
        own = replace(spec, title=first.title, view=None)
        pages.append(picture_html(one, flt, own, gazetteer, subtitle=_incident_subtitle(first)))
    swaps = [incident_swap_script(i, flt, spec, gazetteer) for i in mapped[1:]]
    ids = [int(i.id) for i in mapped if i.id is not None]
    hosts = frozenset().union(*(h for _, h in pages))
    shots = render_pngs(
        [html for html, _ in pages],
        width=spec.width,
        height=spec.height,
        scale=spec.scale,
        allow_hosts=hosts,
        swaps=swaps,
    )
    return shots[0], dict(zip(ids, shots[1:], strict=True))


def incident_swap_script(
    incident: Incident, flt: Filter, spec: PictureSpec, gazetteer: Gazetteer
) -> str:
    """The script that turns the first incident's loaded page into this incident's picture."""
    one = _one(flt, incident, gazetteer)
    overlay = overlay_layer(one, gazetteer, colour_by=spec.colour_by)
    assert isinstance(overlay, OverlayLayer)  # one incident is always drawn whole
    frame = BriefingFrame(
        _text(one, replace(spec, title=incident.title), subtitle=_incident_subtitle(incident)),
        MapView(bounds=_fit_bounds(one, gazetteer)),
        height=spec.height,
    )
    return f"window.atlasSwap({json.dumps(overlay.payload)}, {json.dumps(frame.options)})"


def _one(flt: Filter, incident: Incident, gazetteer: Gazetteer) -> MapSummary:
    """A summary holding one incident, for its own picture."""
    return MapSummary(flt, 1, (incident,), (), {}, flt.sentence(gazetteer, 1))


def _incident_subtitle(incident: Incident) -> str:
    return f"{incident.date_label()} · {event_type_label(incident.event_type)}"


def picture_html(
    result: MapSummary,
    flt: Filter,
    spec: PictureSpec,
    gazetteer: Gazetteer,
    *,
    subtitle: str | None = None,
) -> tuple[str, frozenset[str]]:
    """The page to capture, and the tile hosts it may reach.

    The subtitle is the filter in words unless ``subtitle`` is given.
    """
    view = spec.view or MapView(bounds=_fit_bounds(result, gazetteer))
    tiles = _tile(spec)
    m = base_map(height=spec.height, tiles=(), outlines=False, controls=False)
    m.options["attributionControl"] = False  # our footer carries the attribution
    # Quarter zoom steps: whole steps could leave the framed area at half the picture.
    m.options["zoomSnap"] = 0.25
    hosts: frozenset[str] = frozenset()
    attribution = ""
    if tiles is not None:
        url, attribution = tiles
        folium.TileLayer(tiles=url, attr=attribution, name="tiles", overlay=False).add_to(m)
        host = url.split("/")[2]
        hosts = frozenset(host.replace("{s}", s) for s in "abcd") | {host}
    overlay = folium.FeatureGroup(name="Incidents")
    overlay.add_child(overlay_layer(result, gazetteer, colour_by=spec.colour_by))
    overlay.add_to(m)
    text = _text(result, spec, subtitle=subtitle or result.caption, attribution=attribution)
    m.add_child(BriefingFrame(text, view, height=spec.height))
    m.get_root().header.add_child(  # type: ignore[attr-defined]
        folium.Element("<style>html,body{margin:0;overflow:hidden}</style>")
    )
    return m.get_root().render(), hosts


def _text(
    result: MapSummary, spec: PictureSpec, *, subtitle: str, attribution: str = ""
) -> BriefingText:
    """Everything written on the picture."""
    footer = " · ".join(
        p
        for p in (
            f"Generated {spec.generated.strftime('%d %b %Y %H:%M')} UTC",
            DATA_ATTRIBUTION,
            _plain(attribution),
        )
        if p
    )
    return BriefingText(
        title=spec.title,
        subtitle=subtitle,
        footer=footer,
        banner=spec.banner,
        banner_colour=spec.banner_colour,
        key=key_rows(result.incidents, spec.colour_by) if result.complete else (),
    )


def _tile(spec: PictureSpec) -> tuple[str, str] | None:
    if spec.tiles is None:
        return None
    if spec.tiles == "Custom tiles":
        if not spec.tile_url:
            raise ExportError("Custom tiles were asked for but INCIDENTS_TILE_URL is not set.")
        return spec.tile_url, spec.tile_attribution or "Custom tiles"
    option = next(t for t in WEB_TILES if t.name == spec.tiles)
    return option.url, option.attribution


def _plain(html_text: str) -> str:
    return re.sub(r"<[^>]+>", "", html_text).replace("&copy;", "©").replace("&amp;", "&")


def _fit_bounds(result: MapSummary, gazetteer: Gazetteer) -> tuple[float, float, float, float]:
    """W, S, E, N around where the incidents happened, in the map's one frame.

    See :func:`incidents.focus.framing`: context regions are drawn but not
    framed, so an ocean named for orientation never pulls the picture out to
    the whole Pacific. East may pass 180.
    """
    bounds = frame_bounds(framing(result.incidents, gazetteer))
    if bounds is None:
        return (CENTER_LON - 100, -10.0, CENTER_LON + 100, 70.0)
    west, south, east, north = bounds
    if east - west > 300:  # shapes all round the world: all of it
        return (SEAM_LON, -60.0, SEAM_LON + 360, 75.0)
    pad_x, pad_y = max((east - west) * 0.05, 0.5), max((north - south) * 0.05, 0.5)
    return (west - pad_x, max(south - pad_y, -85.0), east + pad_x, min(north + pad_y, 85.0))


def parse_bbox(text: str) -> MapView:
    """A view from ``W,S,E,N`` in degrees (E may exceed 180: ``160,45,200,66``)."""
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
        raise ExportError(
            f"Box {text!r} is not four numbers W,S,E,N (e.g. 160,45,200,66)."
        ) from None
    if not (-90 <= south < north <= 90 and west < east and east - west <= 360):
        raise ExportError(
            f"Box {text!r} is not a box: expected W < E (E may exceed 180) and -90 <= S < N <= 90."
        )
    return MapView(bounds=(west, south, east, north))
