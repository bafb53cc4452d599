"""Reviewing draft incidents: the report with its evidence marked, and an editor per draft."""

from __future__ import annotations

import html
import itertools
from dataclasses import replace
from typing import Any

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo.draw import MapItem, OverlayLayer, base_map, fit_view, frame_center
from incidents.errors import AtlasError
from incidents.extract import Article, article_from_bytes, article_from_text, extract
from incidents.ingest import ingest_incidents
from incidents.model import Evidence, Incident, Location
from incidents.vocabulary import DATE_PRECISIONS, EVENT_TYPES, country_name, country_names
from ui.services import Services

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
            st.error(str(exc))
    return articles


def find_drafts(svc: Services, articles: list[Article]) -> None:
    """Extract drafts from the articles into the session (nothing is saved)."""
    drafts = []
    for article in articles:
        if article.published is None:
            st.warning(
                f"{article.path}: no publication date; relative dates cannot be resolved. "
                "Set the publication date above."
            )
        try:
            for draft in extract(article, gazetteer=svc.gazetteer):
                drafts.append({"id": next(_ids), "article": article, "draft": draft})
        except AtlasError as exc:
            st.error(str(exc))
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


@st.cache_data(show_spinner=False)
def _region_names(_svc: Services, db_url: str) -> list[str]:
    kinds = (
        "ocean",
        "sea",
        "gulf",
        "bay",
        "strait",
        "channel",
        "adiz",
        "island",
        "archipelago",
        "peninsula",
        "shoal",
        "reef",
        "islet",
        "base",
        "region",
        "country",
        "state",
    )
    return sorted({f.name for f in _svc.gazetteer.of_kind(*kinds)})


def draft_editor(svc: Services, index: int, entry: dict[str, Any]) -> None:
    """One draft: the marked report, every field editable, a map preview, save/discard."""
    article: Article = entry["article"]
    draft: Incident = entry["draft"]
    key = f"d{entry['id']}"
    with st.container(border=True):
        st.subheader(f"Draft {index + 1}: {draft.title}")
        st.html(highlighted(article.text, draft.evidence))
        title = st.text_input("Title", draft.title, key=f"{key}-title")
        c1, c2, c3, c4 = st.columns(4)
        start = c1.date_input("Start date", draft.start_date, key=f"{key}-start")
        end = c2.date_input("End date", draft.end_date, key=f"{key}-end")
        precision = c3.selectbox(
            "Date precision",
            DATE_PRECISIONS,
            index=DATE_PRECISIONS.index(draft.date_precision),
            key=f"{key}-prec",
        )
        event_type = c4.selectbox(
            "Event type",
            EVENT_TYPES,
            index=EVENT_TYPES.index(draft.event_type),
            format_func=lambda t: t.replace("_", " "),
            key=f"{key}-type",
        )
        codes = sorted(country_names(), key=country_name)
        c5, c6 = st.columns(2)
        actors = c5.multiselect(
            "Actors (carried it out)",
            codes,
            default=list(draft.actors),
            format_func=country_name,
            key=f"{key}-actors",
        )
        responders = c6.multiselect(
            "Responders (intercepted, shadowed, protested)",
            codes,
            default=list(draft.responders),
            format_func=country_name,
            key=f"{key}-resp",
        )
        assets = st.text_input(
            "Assets (comma-separated)", ", ".join(draft.assets), key=f"{key}-assets"
        )
        own = {loc.name: loc for loc in draft.locations}
        options = list(own) + [n for n in _region_names(svc, svc.store.url) if n not in own]
        regions = st.multiselect(
            "Regions and places", options, default=list(own), key=f"{key}-regions"
        )
        summary = st.text_area("Summary", draft.summary, key=f"{key}-summary")
        locations = tuple(own[n] if n in own else _location(svc, n) for n in regions)
        _preview(svc, key, title, locations)
        save, discard = st.columns([1, 5])
        if save.button("Save incident", type="primary", key=f"{key}-save"):
            try:
                incident = replace(
                    draft,
                    title=title,
                    start_date=start,
                    end_date=end if end and end != start else None,
                    date_precision=precision,
                    event_type=event_type,
                    actors=tuple(actors),
                    responders=tuple(c for c in responders if c not in actors),
                    assets=tuple(a.strip() for a in assets.split(",") if a.strip()),
                    locations=locations,
                    summary=summary,
                )
                report = ingest_incidents(svc.store, [incident])
            except AtlasError as exc:
                st.error(str(exc))
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
            st.session_state["saved_message"] = f"{verb} incident #{done[0]}: {title}"
            st.rerun()
        if discard.button("Discard", key=f"{key}-discard"):
            _remove(entry)
            st.rerun()


def _location(svc: Services, name: str) -> Location:
    feature = svc.gazetteer.by_name(name)
    return Location(
        name=feature.name,
        geometry=feature.geometry,
        precision=feature.precision,
        kind=feature.kind,
        feature_id=feature.id,
    )


def _remove(entry: dict[str, Any]) -> None:
    st.session_state["drafts"] = [e for e in st.session_state.get("drafts", []) if e is not entry]


def _preview(svc: Services, key: str, title: str, locations: tuple[Location, ...]) -> None:
    if not locations:
        st.caption("No region or place selected: the incident will have no position on the map.")
        return
    item = MapItem(
        key=key,
        label=title,
        rows=[("Regions", ", ".join(loc.name for loc in locations))],
        geometries=[loc.geometry for loc in locations],
    )
    center = frame_center([item])
    (lat, lon), zoom = fit_view([item], center)
    overlay = folium.FeatureGroup(name="Draft")
    overlay.add_child(OverlayLayer([item], center))
    st_folium(
        base_map(svc.gazetteer, height=320, tiles=(), outlines=False),
        key=f"{key}-map",
        center=[lat, lon],
        zoom=zoom,
        feature_group_to_add=overlay,
        returned_objects=[],
        height=320,
        use_container_width=True,
    )
