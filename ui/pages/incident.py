"""The incident page: a new incident by hand, or ``?id=N`` to edit a stored one."""

from __future__ import annotations

import streamlit as st

from incidents.errors import AtlasError
from incidents.model import Incident
from ui.changes import flash, session_history, show_flash, undo_bar
from ui.editor import incident_form
from ui.services import services
from ui.text import plain

try:
    svc = services()
except AtlasError as exc:
    st.error(plain(exc))
    st.stop()

raw_id = st.query_params.get("id")
incident: Incident | None = None
if raw_id:
    try:
        incident = svc.store.get(int(raw_id))
    except (ValueError, AtlasError):
        st.error(
            f"There is no incident {plain(repr(raw_id))} to edit. "
            "Pick one on the map and press Edit."
        )
        st.page_link("ui/pages/map.py", label="Back to the map", icon=":material/map:")
        st.stop()

if incident is None:
    st.title("New incident")
    st.caption("Fill in what is known; pick regions from the gazetteer or draw on the map.")
else:
    st.title(f"Edit incident #{incident.id}")
    st.caption(
        f"{len(incident.sources)} source(s) and their evidence are kept. "
        "Changes can be undone from the map page."
    )
show_flash()
undo_bar(svc)
# A fresh key per incident (and per save) so the form never shows another one's values.
form_key = f"inc-{incident.id if incident else 'new'}-{st.session_state.get('form_round', 0)}"
form = incident_form(svc, incident, form_key, source_fields=True)
save, cancel = st.columns([1, 6])
label = "Save incident" if incident is None else "Save changes"
if save.button(label, type="primary", key="save_incident"):
    if form.incident is None:
        st.error(plain(form.error))
    else:
        history = session_history()
        try:
            if incident is None:
                saved = history.add(svc.store, form.incident)
            else:
                saved = history.edit(svc.store, form.incident)
        except AtlasError as exc:
            st.error(plain(exc))
        else:
            flash(f"Saved incident #{saved.id}: {saved.title}")
            st.session_state["form_round"] = st.session_state.get("form_round", 0) + 1
            st.session_state["selected_incident"] = saved.id
            st.switch_page("ui/pages/map.py")
if cancel.button("Cancel", key="cancel_incident"):
    st.switch_page("ui/pages/map.py")
