"""Reviewing draft incidents: the report with its evidence marked, and an editor per draft."""

from __future__ import annotations

import html
import itertools
from typing import Any

import streamlit as st

from incidents.accounts import User
from incidents.errors import AtlasError
from incidents.extract import Article, article_from_bytes, article_from_text, extract
from incidents.ingest import ingest_incidents
from incidents.model import Evidence, Incident
from ui.changes import flash
from ui.editor import incident_form
from ui.services import Services
from ui.text import plain

#: Evidence fields and the colour that marks them in the report.
FIELD_COLOURS = {
    "start_date": ("date", "#ffe08a"),
    "event_type": ("event type", "#ffc4a8"),
    "actors": ("actors", "#f7a8a8"),
    "responders": ("responders", "#a8c8f7"),
    "assets": ("assets", "#c9b3f0"),
    "locations": ("places", "#a8e6b8"),
}
_ids = itertools.count(1)


def report_input() -> list[Article]:
    """The paste box, the publication date and the file upload, read as articles."""
    paste, upload = st.tabs(["Paste text", "Upload files"])
    text = paste.text_area(
        "Report text",
        key="report_text",
        height=220,
        placeholder="MOSCOW - Russia and China have staged a joint patrol over …",
    )
    published = st.date_input(
        "Publication date",
        value=None,
        key="report_published",
        format="YYYY-MM-DD",
        help='Relative dates ("on Wednesday", "last month") are read against this date. '
        "A first line 'date YYYY-MM-DD' in the text sets it too.",
    )
    files = upload.file_uploader(
        "Articles (.txt, .md, .html; up to 2 MB each)",
        type=["txt", "md", "html", "htm"],
        accept_multiple_files=True,
        key="report_files",
    )
    articles: list[Article] = []
    if text and text.strip():
        articles.append(article_from_text(text, published=published or None, path="pasted text"))
    for f in files or []:
        try:
            articles.append(article_from_bytes(f.getvalue(), f.name, published=published or None))
        except AtlasError as exc:
            st.error(plain(exc))
    return articles


def find_drafts(svc: Services, articles: list[Article]) -> None:
    """Extract drafts from the articles into the session (nothing is saved)."""
    drafts = []
    for article in articles:
        if article.published is None:
            st.warning(
                f"{plain(article.path)}: no publication date; relative dates cannot be resolved. "
                "Set the publication date above."
            )
        try:
            for draft in extract(article, gazetteer=svc.gazetteer):
                drafts.append({"id": next(_ids), "article": article, "draft": draft})
        except AtlasError as exc:
            st.error(plain(exc))
    st.session_state["drafts"] = drafts


def highlighted(text: str, evidence: tuple[Evidence, ...]) -> str:
    """The report as HTML with the supporting words marked; all text escaped."""
    spans = sorted(
        {
            (e.start, e.end, e.field)
            for e in evidence
            if e.source == 0 and e.end > e.start and e.field in FIELD_COLOURS
        }
    )
    out, pos = [], 0
    for start, end, name in spans:
        if start < pos:
            continue
        label, colour = FIELD_COLOURS[name]
        out.append(html.escape(text[pos:start]))
        out.append(
            f'<mark data-field="{name}" title="{label}" style="background:{colour}">'
            f"{html.escape(text[start:end])}</mark>"
        )
        pos = end
    out.append(html.escape(text[pos:]))
    legend = " ".join(
        f'<span style="background:{colour};padding:0 4px">{label}</span>'
        for label, colour in FIELD_COLOURS.values()
    )
    body = "".join(out).replace("\n", "<br>")
    return (
        f'<div class="atlas-report" style="font-size:0.95rem;line-height:1.5">{body}</div>'
        f'<div style="font-size:0.8rem;margin-top:6px">Marked: {legend}</div>'
    )


def draft_editor(svc: Services, user: User, index: int, entry: dict[str, Any]) -> None:
    """One draft: the marked report, every field editable, a map preview, save/discard."""
    article: Article = entry["article"]
    draft: Incident = entry["draft"]
    key = f"d{entry['id']}"
    with st.container(border=True):
        st.subheader(f"Draft {index + 1}: {plain(draft.title)}")
        st.html(highlighted(article.text, draft.evidence))
        form = incident_form(svc, draft, key)
        save, discard = st.columns([1, 5])
        if save.button("Save incident", type="primary", key=f"{key}-save"):
            if form.incident is None:
                st.error(plain(form.error))
                return
            try:
                report = ingest_incidents(
                    svc.store, [form.incident], by=user, note="added from a report"
                )
            except AtlasError as exc:
                st.error(plain(exc))
                return
            _remove(entry)
            done = report.created or report.merged or report.unchanged
            verb = (
                "Saved as"
                if report.created
                else "Merged into"
                if report.merged
                else "Already stored as"
            )
            flash(f"{verb} incident #{done[0]}: {form.incident.title}")
            st.rerun()
        if discard.button("Discard", key=f"{key}-discard"):
            _remove(entry)
            st.rerun()


def _remove(entry: dict[str, Any]) -> None:
    st.session_state["drafts"] = [e for e in st.session_state.get("drafts", []) if e is not entry]
