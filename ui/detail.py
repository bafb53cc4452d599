"""The detail panel of the selected incident: every field, sources, evidence."""

from __future__ import annotations

import html
from urllib.parse import urlparse

import streamlit as st

from incidents.model import Incident
from incidents.vocabulary import country_name

_FIELD_NAMES = {
    "start_date": "Date",
    "event_type": "Event type",
    "actors": "Actors",
    "responders": "Responders",
    "assets": "Assets",
    "locations": "Places",
}


def _names(codes: tuple[str, ...]) -> str:
    return ", ".join(country_name(c) for c in codes) or "—"


def _link(url: str | None, label: str) -> str:
    """A link only for http(s) URLs; anything else is shown as text."""
    if url and urlparse(url).scheme in ("http", "https"):
        return f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{html.escape(label)}</a>'
    return html.escape(label)


def detail_panel(incident: Incident) -> None:
    """Show one incident in full (all text escaped)."""
    with st.container(border=True, key="incident_detail"):
        st.subheader(incident.title)
        c1, c2, c3, c4 = st.columns(4)
        c1.metric("Date", incident.date_label())
        c2.metric("Type", incident.event_type.replace("_", " "))
        c3.metric("Confidence", f"{incident.confidence:.0%}")
        c4.metric("Sources", len(incident.sources))
        st.markdown(
            f"**Actors:** {html.escape(_names(incident.actors))}  \n"
            f"**Responders:** {html.escape(_names(incident.responders))}  \n"
            f"**Assets:** {html.escape(', '.join(incident.assets) or '—')}  \n"
            f"**Places:** {html.escape(', '.join(f'{loc.name} ({loc.precision})' for loc in incident.locations) or '—')}"
        )
        if incident.summary:
            st.caption(incident.summary)
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
        if st.button("Close", key="close_detail"):
            st.session_state.pop("selected_incident", None)
            st.rerun()
