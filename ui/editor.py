"""The incident form: every field of an incident, regions from the gazetteer, shapes drawn on a map.

One form serves the three ways an incident is written by hand: reviewing a
draft from a report, adding a new incident and editing a stored one. It only
reads widgets and builds an :class:`Incident`; saving is the caller's job.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from urllib.parse import urlparse

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo.drawn_shapes import drawn_shapes
from geo.overlay import MapItem, OverlayLayer, base_map, fit_view
from incidents.errors import AtlasError, InputError
from incidents.focus import assign_roles
from incidents.model import Incident, Location, Source
from incidents.vocabulary import (
    DATE_PRECISIONS,
    EVENT_TYPES,
    country_name,
    country_names,
    event_type_label,
)
from ui.services import Services
from ui.text import plain

#: Gazetteer kinds offered in the region picker (not the ~26,000 cities).
PICKABLE_KINDS = (
    "ocean",
    "sea",
    "gulf",
    "bay",
    "strait",
    "channel",
    "adiz",
    "island",
    "archipelago",
    "peninsula",
    "shoal",
    "reef",
    "islet",
    "base",
    "region",
    "country",
    "state",
)
_DRAWN_PRECISION = {"point": "point", "route": "point", "area": "region"}


@dataclass(frozen=True)
class FormResult:
    """What the form holds now: a valid incident, or why it is not one yet."""

    incident: Incident | None
    error: str | None = None


@st.cache_data(show_spinner=False)
def region_names(_svc: Services, db_url: str) -> list[str]:
    """Names the region picker offers, sorted."""
    return sorted({f.name for f in _svc.gazetteer.of_kind(*PICKABLE_KINDS)})


def incident_form(
    svc: Services, incident: Incident | None, key: str, *, source_fields: bool = False
) -> FormResult:
    """Render the fields for ``incident`` (blank when ``None``) and return what they say.

    ``source_fields`` adds a source URL and publication date, for incidents
    typed in by hand rather than read from a report.
    """
    blank = incident is None
    title = st.text_input(
        "Title",
        "" if incident is None else incident.title,
        key=f"{key}-title",
        placeholder="Russian Tu-95MS bombers enter the Alaska ADIZ",
    )
    c1, c2, c3, c4 = st.columns(4)
    start = c1.date_input(
        "Start date",
        None if incident is None else incident.start_date,
        key=f"{key}-start",
        format="YYYY-MM-DD",
        min_value=dt.date(1900, 1, 1),
    )
    end = c2.date_input(
        "End date",
        None if incident is None else incident.end_date,
        key=f"{key}-end",
        format="YYYY-MM-DD",
        min_value=dt.date(1900, 1, 1),
    )
    precision = c3.selectbox(
        "Date precision",
        DATE_PRECISIONS,
        index=0 if incident is None else DATE_PRECISIONS.index(incident.date_precision),
        key=f"{key}-prec",
    )
    event_type = c4.selectbox(
        "Event type",
        EVENT_TYPES,
        index=EVENT_TYPES.index("other" if incident is None else incident.event_type),
        format_func=event_type_label,
        key=f"{key}-type",
    )
    codes = sorted(country_names(), key=country_name)
    c5, c6 = st.columns(2)
    actors = c5.multiselect(
        "Actors (carried it out)",
        codes,
        default=[] if incident is None else list(incident.actors),
        format_func=country_name,
        key=f"{key}-actors",
    )
    responders = c6.multiselect(
        "Responders (intercepted, shadowed, protested)",
        codes,
        default=[] if incident is None else list(incident.responders),
        format_func=country_name,
        key=f"{key}-resp",
    )
    assets = st.text_input(
        "Assets (comma-separated)",
        "" if incident is None else ", ".join(incident.assets),
        key=f"{key}-assets",
        placeholder="Tu-95MS, H-6",
    )
    own = {loc.name: loc for loc in (() if incident is None else incident.locations)}
    options = list(own) + [n for n in region_names(svc, svc.store.url) if n not in own]
    picked = st.multiselect(
        "Regions and places",
        options,
        default=list(own),
        key=f"{key}-regions",
        help="Any sea, strait, ADIZ, island or country from the offline gazetteer. "
        "Draw a point, route or area on the map below for anything more precise.",
    )
    summary = st.text_area(
        "Summary", "" if incident is None else incident.summary, key=f"{key}-summary"
    )
    source_url, published = "", None
    if source_fields:
        c7, c8 = st.columns([3, 1])
        source_url = c7.text_input(
            "Source URL" if blank else "Add a source URL",
            key=f"{key}-source",
            placeholder="https://…",
        )
        published = c8.date_input("Published", None, key=f"{key}-published", format="YYYY-MM-DD")
    # Roles suggested by the rule of incidents.focus; the analyst has the last word.
    suggested = assign_roles(
        [own[n] if n in own else _location(svc, n) for n in picked],
        svc.gazetteer,
        keep=[n in own for n in picked],
    )
    # A keyed widget keeps its value across runs: a new choice of places resets
    # it to the suggestion, before it is drawn.
    if st.session_state.get(f"{key}-picked") != picked:
        st.session_state[f"{key}-picked"] = list(picked)
        st.session_state[f"{key}-context"] = [
            loc.name for loc in suggested if loc.role == "context"
        ]
    context = st.multiselect(
        "Of these, context only",
        picked,
        key=f"{key}-context",
        help="Regions named for orientation (the ocean around a shoal): drawn as outlines and "
        "never framed. The others are where it happened: filled, framed and numbered.",
    )
    locations = tuple(
        replace(loc, role="context" if loc.name in context else "focus") for loc in suggested
    )
    drawings = _map(svc, key, title or "New incident", locations)
    try:
        shapes = drawn_shapes(drawings)
        # A drafted route edited on the map comes back under its own name: it
        # replaces the draft, keeping the draft's role and wording.
        edited = {s.given: s for s in shapes if s.given}
        locations = tuple(
            replace(loc, geometry=edited[loc.name].geometry) if loc.name in edited else loc
            for loc in locations
        )
        drawn = tuple(
            Location(
                name=_unused(s.name, own),
                geometry=s.geometry,
                precision=_DRAWN_PRECISION[s.kind],
                kind=s.kind,
            )
            for s in shapes
            if not s.given
        )
        if drawn:
            st.caption("Drawn on the map: " + plain(", ".join(loc.name for loc in drawn)))
        missing = [n for n, v in (("a title", title.strip()), ("a start date", start)) if not v]
        if missing or start is None:
            raise InputError(f"Set {' and '.join(missing)} before saving.")
        sources = () if incident is None else incident.sources
        if source_url.strip():
            sources = (*sources, _source(source_url.strip(), published))
        fields = dict(
            title=title,
            start_date=start,
            end_date=end if end and end != start else None,
            date_precision=precision,
            event_type=event_type,
            actors=tuple(actors),
            responders=tuple(c for c in responders if c not in actors),
            assets=tuple(a.strip() for a in assets.split(",") if a.strip()),
            locations=locations + drawn,
            summary=summary,
            sources=sources,
        )
        built = Incident(**fields) if incident is None else replace(incident, **fields)  # type: ignore[arg-type]
    except AtlasError as exc:
        return FormResult(None, str(exc))
    return FormResult(built)


def _unused(name: str, taken: dict[str, Location]) -> str:
    """``name``, or ``name (2)``… when an incident already has a location called that."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name} ({n})"
    return candidate


def _source(url: str, published: dt.date | None) -> Source:
    if urlparse(url).scheme not in ("http", "https"):
        raise InputError(f"Source URL {url!r} must start with http:// or https://.")
    return Source(url=url, publisher=urlparse(url).hostname, published=published)


def _location(svc: Services, name: str) -> Location:
    return Location.of_feature(svc.gazetteer.by_name(name))


def _map(
    svc: Services, key: str, title: str, locations: tuple[Location, ...]
) -> list[dict[str, object]] | None:
    """The chosen places on a map with a drawing toolbar; returns what was drawn."""
    st.caption(
        "Draw a point, route or area with the tools on the left of the map; "
        "routes are drawn in the direction of travel. A drafted route is schematic: "
        "move its points with the edit tool (the pencil) before saving."
    )
    # Routes are drawn by the drawing tool itself, so the analyst can move their points.
    routes = [(loc.name, loc.geometry) for loc in locations if loc.kind == "route"]
    shown = [loc for loc in locations if loc.kind != "route"]
    item = MapItem(
        key=key,
        label=title,
        detail=", ".join(loc.name for loc in locations),
        geometries=[loc.geometry for loc in shown],
    )
    items = [item] if shown else []
    (lat, lon), zoom = (
        fit_view([loc.geometry for loc in locations]) if locations else ((35.0, 140.0), 3)
    )
    overlay = folium.FeatureGroup(name="Incident")
    overlay.add_child(OverlayLayer(items))
    value = st_folium(
        base_map(height=380, tiles=(), outlines=False, draw=True, editable=routes),
        key=f"{key}-map",
        center=[lat, lon],
        zoom=zoom,
        feature_group_to_add=overlay,
        returned_objects=["all_drawings"],
        height=380,
        use_container_width=True,
    )
    drawings = (value or {}).get("all_drawings")
    return drawings if isinstance(drawings, list) else None
