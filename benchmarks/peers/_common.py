"""What both peer apps share: reading the store with pandas and the URL filter.

A peer app is what a user would write from the streamlit-folium tutorial or
folium's FastMarkerCluster example. Two changes make the comparison fair on
an offline machine: Leaflet comes from the same local files the Atlas uses
(folium's CDN links would leave the map blank here), and the filter is read
from the same URL parameters as the Atlas's (start, end, countries, types)
into sidebar widgets labelled as the Atlas's, so one script drives all three.
"""

from __future__ import annotations

import os
import sqlite3

import pandas as pd
import pycountry
import streamlit as st

from geo.assets import STATIC_URL, _folder, local_css, local_js

QUERY = """
SELECT i.id, i.title, i.start_date, i.event_type, l.rep_lat AS lat, l.rep_lon AS lon,
       group_concat(c.iso2) AS actors
FROM incidents i
JOIN locations l ON l.incident_id = i.id AND l.position = 0
LEFT JOIN incident_countries c ON c.incident_id = i.id AND c.role = 'actor'
GROUP BY i.id
"""


@st.cache_data
def load(db_path: str) -> pd.DataFrame:
    with sqlite3.connect(db_path) as conn:
        return pd.read_sql(QUERY, conn)


def _name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return country.name if country else code


def filtered() -> pd.DataFrame:
    """The incidents the sidebar's widgets select; the widgets start from the URL."""
    df = load(os.environ["INCIDENTS_DB_URL"].removeprefix("sqlite:///"))
    q = st.query_params
    if q.get("start"):
        df = df[df.start_date >= q["start"]]
    if q.get("end"):
        df = df[df.start_date <= q["end"]]
    codes = sorted({c for a in df.actors.dropna() for c in a.split(",")}, key=_name)
    wanted = st.sidebar.multiselect(
        "Participating countries",
        codes,
        default=[c for c in q.get("countries", "").split(",") if c in codes],
        format_func=_name,
    )
    types = st.sidebar.multiselect(
        "Event types",
        sorted(df.event_type.unique()),
        default=[t for t in q.get("types", "").split(",") if t],
    )
    if wanted:
        df = df[df.actors.fillna("").map(lambda a: bool(set(wanted) & set(a.split(","))))]
    if types:
        df = df[df.event_type.isin(types)]
    return df


def local_leaflet(m, *plugins):
    """The local Leaflet for the map; markercluster's local files for plugins."""
    m.default_js, m.default_css = local_js(), local_css()
    m.options["maxZoom"] = 18  # folium gives it to the tile layer, and there is none offline
    folder = f"{STATIC_URL}/{_folder('leaflet.markercluster')}"
    for plugin in plugins:
        plugin.default_js = [("markercluster", f"{folder}/leaflet.markercluster.js")]
        plugin.default_css = [
            ("markercluster_css", f"{folder}/MarkerCluster.css"),
            ("markercluster_default", f"{folder}/MarkerCluster.Default.css"),
        ]
    return m
