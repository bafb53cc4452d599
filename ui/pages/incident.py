"""The incident page: a new incident by hand, or ``?id=N`` to edit a stored one."""

from __future__ import annotations

import streamlit as st

from incidents.audit import changed_fields, snapshot
from incidents.errors import AtlasError, EditConflict
from incidents.model import Incident
from ui.auth import page_user
from ui.changes import flash, session_undo, show_flash, undo_bar
from ui.editor import incident_form
from ui.text import plain

svc, user = page_user("edit", "adding or editing incidents")


def _saved(saved: Incident) -> None:
    flash(f"Saved incident #{saved.id}: {saved.title}")
    st.session_state["form_round"] = st.session_state.get("form_round", 0) + 1
    st.session_state["selected_incident"] = saved.id
    st.session_state.pop("edit_conflict", None)
    st.switch_page("ui/pages/map.py")


def _conflict_panel(conflict: EditConflict) -> None:
    """Both versions side by side; the editor keeps one of them, nothing is lost silently."""
    theirs, yours = conflict.theirs, conflict.yours
    before, after = changed_fields(snapshot(theirs, svc.gazetteer), snapshot(yours, svc.gazetteer))
    with st.container(border=True, key="edit_conflict"):
        st.warning(plain(conflict))
        st.dataframe(
            [
                {
                    "Field": field,
                    f"Saved (version {theirs.version})": str(before[field]),
                    "Yours": str(after[field]),
                }
                for field in before
                if field != "geometry"
            ],
            hide_index=True,
            width="stretch",
        )
        mine, keep_theirs, _ = st.columns([1, 1, 4])
        if mine.button("Keep mine", type="primary", key="conflict_keep_mine"):
            try:
                # Saved over the version just shown: another newer save is a new conflict.
                assert theirs.id is not None
                assert theirs.version is not None
                _saved(
                    session_undo().edit(svc.store, yours.stored(theirs.id, theirs.version), by=user)
                )
            except EditConflict as again:
                st.session_state["edit_conflict"] = again
                st.rerun()
            except AtlasError as exc:
                st.error(plain(exc))
        if keep_theirs.button("Keep theirs", key="conflict_keep_theirs"):
            st.session_state.pop("edit_conflict", None)
            st.session_state["form_round"] = st.session_state.get("form_round", 0) + 1
            flash(
                f"Kept the saved version {theirs.version} of incident #{theirs.id}; your edit was dropped."
            )
            st.rerun()


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
undo_bar(svc, user)
conflict = st.session_state.get("edit_conflict")
if isinstance(conflict, EditConflict) and incident is not None and conflict.yours.id == incident.id:
    _conflict_panel(conflict)
# A fresh key per incident (and per save) so the form never shows another one's values.
form_key = f"inc-{incident.id if incident else 'new'}-{st.session_state.get('form_round', 0)}"
# The version the edit began from: a save by someone else meanwhile is then a conflict.
began = st.session_state.setdefault(f"{form_key}-version", incident.version if incident else None)
form = incident_form(svc, incident, form_key, source_fields=True)
save, cancel = st.columns([1, 6])
label = "Save incident" if incident is None else "Save changes"
if save.button(label, type="primary", key="save_incident"):
    if form.incident is None:
        st.error(plain(form.error))
    else:
        undo = session_undo()
        try:
            if incident is None:
                saved = undo.add(svc.store, form.incident, by=user)
            else:
                assert incident.id is not None
                saved = undo.edit(
                    svc.store, form.incident.stored(incident.id, int(began or 1)), by=user
                )
        except EditConflict as exc:
            st.session_state["edit_conflict"] = exc
            st.rerun()
        except AtlasError as exc:
            st.error(plain(exc))
        else:
            _saved(saved)
if cancel.button("Cancel", key="cancel_incident"):
    st.switch_page("ui/pages/map.py")
