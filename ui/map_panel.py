"""The map and the table of matching incidents."""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.draw import OverlayLayer, base_map, fit_view, frame_center
from incidents.mapview import to_map_items
from incidents.query import QueryResult
from incidents.vocabulary import country_name
from ui.services import Services

MAP_KEY = "atlas_map"


def map_panel(svc: Services, result: QueryResult) -> None:
    """Draw the base map once and send the incidents as an overlay."""
    items = to_map_items(result.incidents)
    center_lon = st.session_state.setdefault(
        "frame_center", frame_center(items) if items else 160.0
    )
    if "view" not in st.session_state:
        st.session_state["view"] = fit_view(items, center_lon)
    (lat, lon), zoom = st.session_state["view"]
    overlay = folium.FeatureGroup(name="Incidents")
    overlay.add_child(OverlayLayer(items, center_lon))
    st_folium(
        base_map(svc.gazetteer),
        key=MAP_KEY,
        center=[lat, lon],
        zoom=zoom,
        feature_group_to_add=overlay,
        returned_objects=[],
        height=560,
        use_container_width=True,
    )


def incident_table(result: QueryResult) -> None:
    """The matching incidents as a table below the map."""
    if not result.incidents:
        st.info("No incidents match this filter. Widen the date range or clear the countries.")
        return
    frame = pd.DataFrame(
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
            for inc in result.incidents
        ]
    )
    st.dataframe(frame, hide_index=True, width="stretch")
