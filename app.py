"""Incident Atlas dashboard: page config and navigation; the pages live in ui/pages."""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="Incident Atlas", page_icon="🗺️", layout="wide")
st.navigation(
    [
        st.Page("ui/pages/map.py", title="Map", icon=":material/map:", default=True),
        st.Page(
            "ui/pages/add_report.py",
            title="Add from report",
            icon=":material/edit_note:",
            url_path="add",
        ),
        st.Page(
            "ui/pages/incident.py",
            title="New incident",
            icon=":material/add_location_alt:",
            url_path="incident",
        ),
        st.Page(
            "ui/pages/import_file.py",
            title="Import",
            icon=":material/upload_file:",
            url_path="import",
        ),
    ]
).run()
