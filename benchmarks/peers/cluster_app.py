"""folium's FastMarkerCluster in a short Streamlit app."""

import folium
import streamlit as st
from _common import filtered, local_leaflet
from folium.plugins import FastMarkerCluster
from streamlit_folium import st_folium

st.set_page_config(layout="wide")
st.title("Incidents (FastMarkerCluster)")
df = filtered()
st.caption(f"{len(df):,} incidents")
m = folium.Map(location=[30, 160], zoom_start=2, tiles=None)
# folium's default callback styles markers with Font Awesome, which only comes from a CDN.
plain = "function (row) { return L.marker(new L.LatLng(row[0], row[1])); }"
cluster = FastMarkerCluster(df[["lat", "lon"]].values.tolist(), callback=plain)
cluster.add_to(m)
local_leaflet(m, cluster)
st_folium(m, height=560, use_container_width=True, returned_objects=[])
st.dataframe(df.head(300), hide_index=True)
