"""The "Add from report" page: text in, drafts reviewed and edited, saved on confirmation."""

from __future__ import annotations

import streamlit as st

from ui.auth import page_user
from ui.changes import show_flash
from ui.review import draft_editor, find_drafts, report_input

st.title("Add from report")
st.caption("Paste a report or upload files. Nothing is saved until you press “Save incident”.")
svc, user = page_user("edit", "adding incidents")

show_flash()
articles = report_input()
if st.button("Find incidents", type="primary", disabled=not articles):
    find_drafts(svc, articles)

drafts = st.session_state.get("drafts", [])
if "drafts" in st.session_state and not drafts:
    st.info(
        "No incident found in this text. Incidents need an event (a patrol, intercept, "
        "transit, ADIZ entry …) and a place or a country that acted."
    )
for index, entry in enumerate(list(drafts)):
    draft_editor(svc, user, index, entry)
