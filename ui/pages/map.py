"""The map page: widgets in, a Filter out, results drawn."""

from __future__ import annotations

import streamlit as st

from incidents.errors import AtlasError
from ui.auth import session_user
from ui.changes import show_flash, undo_bar
from ui.detail import detail_panel
from ui.export_panel import export_panel
from ui.map_panel import incident_table, map_panel
from ui.services import services, summary
from ui.sidebar import draw_sidebar, read_filter
from ui.text import plain
from ui.timeline import timeline_panel

try:
    svc = services()
    user = session_user(svc)
    flt = read_filter(svc)
    result = summary(svc.store, flt, svc.store.revision, svc.store.url)
except AtlasError as exc:
    st.error(plain(exc))
    st.stop()

st.title("Incident Atlas")
show_flash()
undo_bar(svc, user)
st.caption(plain(result.caption))
map_panel(svc, result)
timeline_panel(svc, flt)
selected = st.session_state.get("selected_incident")
if selected is not None:
    try:
        detail_panel(svc, user, svc.store.get(selected))
    except AtlasError:
        st.session_state.pop("selected_incident", None)  # deleted meanwhile
incident_table(result)
export_panel(svc, flt)
# Drawn last: its counts per choice take queries that the map need not wait for.
draw_sidebar(svc, flt)
