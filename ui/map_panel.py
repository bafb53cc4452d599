"""The map and the table of matching incidents."""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.draw import (
    WEB_TILES,
    AggregateLayer,
    OverlayLayer,
    TileOption,
    base_map,
    fit_view,
    frame_center,
)
from incidents.mapview import overlay_layer, to_map_items
from incidents.model import Incident
from incidents.query import MapSummary
from incidents.vocabulary import country_name
from ui.services import Services

MAP_KEY = "atlas_map"


def map_panel(svc: Services, result: MapSummary) -> None:
    """Draw the base map once and send the incidents as an overlay.

    When every match fits (a few hundred), each incident is drawn with its
    regions and a popup; beyond that the map shows counts by region and by
    grid cell, never one marker per incident.
    """
    items = to_map_items(result.incidents)
    center_lon = st.session_state.setdefault(
        "frame_center", frame_center(items) if items else 160.0
    )
    if "view" not in st.session_state:
        st.session_state["view"] = fit_view(items, center_lon)
    (lat, lon), zoom = st.session_state["view"]
    overlay = folium.FeatureGroup(name="Incidents")
    colour_by = st.session_state.get("colour_by", "type")
    layer = overlay_layer(
        result, center_lon, selected=st.session_state.get("selected_incident"), colour_by=colour_by
    )
    overlay.add_child(layer)
    if not result.complete:
        st.caption(
            f"{result.count:,} incidents match: shown as counts per region and per "
            "2° cell (colour = the most frequent type). Narrow the filter to see each one."
        )
    tiles = WEB_TILES
    if svc.settings.tile_url:
        tiles = (
            *WEB_TILES,
            TileOption(
                "Custom tiles",
                svc.settings.tile_url,
                svc.settings.tile_attribution or "Custom tiles",
            ),
        )
    value = st_folium(
        base_map(svc.gazetteer, tiles=tiles),
        key=MAP_KEY,
        center=[lat, lon],
        zoom=zoom,
        feature_group_to_add=overlay,
        # centre and zoom are only recorded (for "Export PNG: current view"), never fed
        # back into st_folium, so the user's own panning is never overridden.
        returned_objects=["last_object_clicked", "center", "zoom"],
        height=560,
        use_container_width=True,
    )
    _remember_view(value)
    _select_from_click(value, layer)


def _remember_view(value: dict[str, object] | None) -> None:
    center, zoom = (value or {}).get("center"), (value or {}).get("zoom")
    if isinstance(center, dict) and isinstance(zoom, int | float):
        st.session_state["current_view"] = (
            (float(center["lat"]), float(center["lng"])),
            int(zoom),
        )


def _select_from_click(
    value: dict[str, object] | None, layer: OverlayLayer | AggregateLayer
) -> None:
    """A click on a marker selects its incident (each new click once)."""
    click = (value or {}).get("last_object_clicked")
    if not isinstance(click, dict) or click == st.session_state.get("_last_click"):
        return
    st.session_state["_last_click"] = click
    if not isinstance(layer, OverlayLayer):
        return
    lat, lng = float(click["lat"]), float(click["lng"])
    best = min(
        layer.payload["items"],
        key=lambda item: (item["lat"] - lat) ** 2 + (item["lon"] - lng) ** 2,
        default=None,
    )
    if best is not None and (best["lat"] - lat) ** 2 + (best["lon"] - lng) ** 2 < 4.0:
        st.session_state["selected_incident"] = int(best["key"])
        st.rerun()


def incident_table(result: MapSummary) -> None:
    """The matching incidents (newest first) as a table below the map."""
    if not result.incidents:
        st.info("No incidents match this filter. Widen the date range or clear the countries.")
        return
    if not result.complete:
        st.caption(f"The newest {len(result.incidents):,} of {result.count:,} incidents.")
    event = st.dataframe(
        _frame(result.incidents),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="incident_table",
    )
    rows = event.selection.rows if event is not None else []
    if rows and st.session_state.get("_table_row") != rows[0]:
        st.session_state["_table_row"] = rows[0]
        st.session_state["selected_incident"] = result.incidents[rows[0]].id
        st.rerun()


def _frame(incidents: tuple[Incident, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Date": inc.date_label(),
                "Title": inc.title,
                "Type": inc.event_type.replace("_", " "),
                "Actors": ", ".join(country_name(c) for c in inc.actors),
                "Responders": ", ".join(country_name(c) for c in inc.responders),
                "Assets": ", ".join(inc.assets),
                "Regions": ", ".join(loc.name for loc in inc.locations),
                "Sources": "; ".join(s.url or s.label() for s in inc.sources),
            }
            for inc in incidents
        ]
    )
