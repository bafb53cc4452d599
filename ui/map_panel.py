"""The map and the table of matching incidents."""

from __future__ import annotations

import re

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.overlay import WEB_TILES, TileOption, base_map, fit_view
from incidents.display import incident_row
from incidents.focus import framing
from incidents.mapview import overlay_layer
from incidents.model import Incident
from incidents.tally import MapSummary
from ui.services import Services

MAP_KEY = "atlas_map"
TABLE_KEY = "incident_table"
#: Rows in the table under the map. Every row travels with each view, so the
#: table shows the newest hundred; the map draws up to 300 and counts the rest.
TABLE_ROWS = 100


def map_panel(svc: Services, result: MapSummary) -> None:
    """Draw the base map once and send the incidents as an overlay.

    When every match fits (a few hundred), each incident is drawn with its
    regions and a popup; beyond that the map shows counts by region and by
    grid cell, never one marker per incident. The map reports only clicks:
    panning and zooming stay in the browser and cause no rerun.
    """
    select_from_events(result)
    if "view" not in st.session_state:
        # Framed on where the incidents happened, not on the oceans named around them.
        st.session_state["view"] = fit_view(framing(result.incidents, svc.gazetteer))
    (lat, lon), zoom = st.session_state["view"]
    overlay = folium.FeatureGroup(name="Incidents")
    overlay.add_child(
        overlay_layer(
            result,
            svc.gazetteer,
            selected=st.session_state.get("selected_incident"),
            colour_by=st.session_state.get("colour_by", "type"),
        )
    )
    if not result.complete:
        st.caption(
            f"{result.count:,} incidents match: shown as counts per region and per "
            "2° cell (colour = the most frequent type). Narrow the filter to see each one."
        )
    st_folium(
        _base_map(svc),
        key=MAP_KEY,
        center=[lat, lon],
        zoom=zoom,
        feature_group_to_add=overlay,
        returned_objects=["last_object_clicked_tooltip"],
        height=560,
        use_container_width=True,
    )


def _base_map(svc: Services) -> folium.Map:
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
    return base_map(tiles=tiles)


def select_from_events(result: MapSummary) -> None:
    """Select the incident the user just clicked on the map or in the table.

    Both widgets leave their last event in session state before the script
    runs, so the selection is known before anything is drawn: the marker is
    highlighted and the detail panel opens in the same run, with no second one.
    """
    click = (st.session_state.get(MAP_KEY) or {}).get("last_object_clicked_tooltip")
    if isinstance(click, str) and click != st.session_state.get("_last_click"):
        st.session_state["_last_click"] = click
        found = re.match(r"#(\d+) ", click)
        if found is not None:
            st.session_state["selected_incident"] = int(found.group(1))
    table = st.session_state.get(TABLE_KEY) or {}
    rows = list((table.get("selection") or {}).get("rows") or [])
    if rows and st.session_state.get("_table_row") != rows[0] and rows[0] < len(result.incidents):
        st.session_state["_table_row"] = rows[0]
        st.session_state["selected_incident"] = result.incidents[rows[0]].id


def incident_table(result: MapSummary) -> None:
    """The matching incidents (newest first) as a table below the map."""
    if not result.incidents:
        st.info("No incidents match this filter. Widen the date range or clear the countries.")
        return
    shown = result.incidents[:TABLE_ROWS]
    if len(shown) < result.count:
        st.caption(
            f"The newest {len(shown):,} of {result.count:,} incidents; export the view "
            "for all of them."
        )
    st.dataframe(
        _frame(shown),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=TABLE_KEY,
    )


def _sources(inc: Incident) -> str:
    if not inc.sources:
        return ""
    more = len(inc.sources) - 1
    return inc.sources[0].label() + (f" and {more} more" if more else "")


def _frame(incidents: tuple[Incident, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                **incident_row(inc),
                "#": inc.id,  # a number, so the column sorts as one
                # The detail panel lists every source with its link.
                "Sources": _sources(inc),
            }
            for inc in incidents
        ]
    )
