"""Incident Atlas dashboard: page config, who is signed in, and the pages their role may use."""

from __future__ import annotations

import streamlit as st

from incidents.errors import AtlasError
from ui.auth import session_user, sign_out_control
from ui.services import services
from ui.text import plain

st.set_page_config(page_title="Incident Atlas", page_icon="🗺️", layout="wide")
try:
    user = session_user(services())
except AtlasError as exc:
    st.error(plain(exc))
    st.stop()
sign_out_control(user)
pages = [st.Page("ui/pages/map.py", title="Map", icon=":material/map:", default=True)]
# A page the role may not use is not served at all: its URL shows the map instead.
if user.can("edit"):
    pages += [
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
if user.can("admin"):
    pages.append(
        st.Page(
            "ui/pages/accounts.py",
            title="Accounts",
            icon=":material/manage_accounts:",
            url_path="accounts",
        )
    )
st.navigation(pages).run()
