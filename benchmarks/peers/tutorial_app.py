"""The streamlit-folium tutorial: one folium marker per incident, through st_folium.

Markers carry a tooltip, not a popup: folium builds popups with jQuery, which
only comes from a CDN.
"""

import folium
import streamlit as st
from _common import filtered, local_leaflet
from streamlit_folium import st_folium

st.set_page_config(layout="wide")
st.title("Incidents (one marker each)")
df = filtered()
st.caption(f"{len(df):,} incidents")
m = local_leaflet(folium.Map(location=[30, 160], zoom_start=2, tiles=None))
for row in df.itertuples():
    folium.Marker([row.lat, row.lon], tooltip=row.title).add_to(m)
st_folium(m, height=560, use_container_width=True)
st.dataframe(df.head(300), hide_index=True)
