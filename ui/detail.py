"""The detail panel of the selected incident: every field, sources, evidence, its history."""

from __future__ import annotations

import html
from urllib.parse import urlparse

import streamlit as st

from incidents.accounts import User
from incidents.errors import AtlasError
from incidents.model import Incident
from incidents.vocabulary import country_list, event_type_label
from ui.changes import flash, session_undo
from ui.services import Services
from ui.text import html_text, plain

_FIELD_NAMES = {
    "start_date": "Date",
    "event_type": "Event type",
    "actors": "Actors",
    "responders": "Responders",
    "assets": "Assets",
    "locations": "Places",
}


def _link(url: str | None, label: str) -> str:
    """A link only for http(s) URLs; anything else is shown as text."""
    if url and urlparse(url).scheme in ("http", "https"):
        return f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{html.escape(label)}</a>'
    return html.escape(label)


def detail_panel(svc: Services, user: User, incident: Incident) -> None:
    """Show one incident in full (all text escaped); editors also get its actions."""
    with st.container(border=True, key="incident_detail"):
        # The incident's own words go through escaped HTML, never Markdown: shown as stored.
        st.html(f"<h3 class='atlas-title'>{html_text(incident.title)}</h3>")
        c1, c2, c3, c4 = st.columns(4)
        c1.metric("Date", incident.date_label())
        c2.metric("Type", event_type_label(incident.event_type))
        c3.metric("Confidence", f"{incident.confidence:.0%}")
        c4.metric("Sources", len(incident.sources))
        places = ", ".join(f"{loc.name} ({loc.precision})" for loc in incident.locations)
        facts = (
            ("Actors", country_list(incident.actors)),
            ("Responders", country_list(incident.responders)),
            ("Assets", ", ".join(incident.assets) or "—"),
            ("Places", places or "—"),
        )
        st.html(
            "<div class='atlas-facts'>"
            + "<br>".join(f"<b>{k}:</b> {html_text(v)}" for k, v in facts)
            + "</div>"
            + (
                f"<p class='atlas-summary' style='opacity:.75'>{html_text(incident.summary)}</p>"
                if incident.summary
                else ""
            )
        )
        rows = []
        for i, source in enumerate(incident.sources):
            quotes = [e for e in incident.evidence if e.source == i and e.end > e.start]
            items = "".join(
                f"<li><b>{html.escape(_FIELD_NAMES.get(e.field, e.field))}:</b> “{html.escape(e.text)}”</li>"
                for e in quotes
            )
            label = source.url or source.label()
            rows.append(
                f"<div><b>{i + 1}.</b> {_link(source.url, label)}"
                f"{' · ' + html.escape(source.published.isoformat()) if source.published else ''}"
                f"<ul>{items}</ul></div>"
            )
        st.html("<div class='atlas-sources'><b>Sources and evidence</b>" + "".join(rows) + "</div>")
        _history(svc, user, incident)
        if user.can("edit"):
            _actions(svc, user, incident)
        elif st.button("Close", key="close_detail"):
            st.session_state.pop("selected_incident", None)
            st.rerun()


def _history(svc: Services, user: User, incident: Incident) -> None:
    """Who changed the incident and how; an editor can bring back an earlier version."""
    assert incident.id is not None
    versions = svc.store.history(incident.id)
    with st.expander(f"History (version {incident.version or 1})", expanded=False):
        if not versions:
            st.caption("Not changed since this store began keeping history.")
        for v in reversed(versions):
            change = v.change
            shown = ", ".join(f for f in change.fields if f != "geometry")
            line, button = st.columns([6, 1], vertical_alignment="center")
            line.html(
                f"<div class='atlas-change'>{html_text(change.headline())}"
                + (f"<br><small>{html_text(shown)}</small>" if shown else "")
                + "</div>"
            )
            current = change.version == (incident.version or 1)
            can_restore = user.can("edit") and v.fields is not None and not current
            if can_restore and button.button(
                "Restore", key=f"restore-{incident.id}-{change.version}"
            ):
                try:
                    svc.store.restore(incident.id, change.version, by=user)
                except AtlasError as exc:
                    st.error(plain(exc))
                    return
                flash(f"Restored incident #{incident.id} to version {change.version}")
                st.rerun()


def _actions(svc: Services, user: User, incident: Incident) -> None:
    """Close, Edit and Delete; deleting asks first and can be undone."""
    confirming = st.session_state.get("confirm_delete") == incident.id
    if confirming:
        st.warning(
            f"Delete incident #{incident.id} “{plain(incident.title)}” with its "
            f"{len(incident.sources)} source(s)? You can undo this until you close the tab."
        )
        yes, no, _ = st.columns([1, 1, 5])
        if yes.button("Yes, delete", type="primary", key="confirm_delete_yes"):
            st.session_state.pop("confirm_delete", None)
            assert incident.id is not None
            try:
                session_undo().delete(svc.store, incident.id, by=user)
            except AtlasError as exc:
                st.error(plain(exc))
                return
            st.session_state.pop("selected_incident", None)
            flash(f"Deleted incident #{incident.id}: {incident.title}")
            st.rerun()
        if no.button("Keep it", key="confirm_delete_no"):
            st.session_state.pop("confirm_delete", None)
            st.rerun()
        return
    close, edit, delete, _ = st.columns([1, 1, 1, 5])
    if close.button("Close", key="close_detail"):
        st.session_state.pop("selected_incident", None)
        st.rerun()
    if edit.button("Edit", key="edit_incident", icon=":material/edit:"):
        st.switch_page("ui/pages/incident.py", query_params={"id": str(incident.id)})
    if delete.button("Delete", key="delete_incident", icon=":material/delete:"):
        st.session_state["confirm_delete"] = incident.id
        st.rerun()
