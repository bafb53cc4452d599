"""The timeline under the map: incidents per month by type; brushing a period sets the dates."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from incidents.filters import Filter
from incidents.mapview import EVENT_COLOURS
from incidents.vocabulary import event_type_label
from ui.services import Services, tally

BRUSH = "period"


@st.cache_data(show_spinner=False, max_entries=32)
def _counts(_svc: Services, flt: Filter, revision: int, db_url: str) -> pd.DataFrame:
    rows = tally(_svc.store, revision, db_url).timeline(flt)
    return pd.DataFrame(
        [
            {"month": pd.Timestamp(month), "type": event_type_label(kind), "incidents": n}
            for month, kind, n in rows
        ],
        columns=["month", "type", "incidents"],
    )


def timeline_panel(svc: Services, flt: Filter) -> None:
    """Draw the timeline; a brushed period becomes the date filter on the next run.

    Folded by default, and nothing is computed or sent while folded: the chart
    is 40 KB per view and half a second of drawing the map would wait for.
    Once opened it stays open across reruns.
    """
    folded = st.expander(
        "Timeline: incidents per month (drag across it to set the dates)",
        key="timeline_open",
        on_change="rerun",
    )
    if not folded.open:
        return
    data = _counts(svc, flt, svc.store.revision, svc.store.url)
    if data.empty:
        folded.caption("No incidents in this view.")
        return
    import altair as alt  # a quarter of a second to import, paid only once opened

    kinds = [event_type_label(k) for k in EVENT_COLOURS]
    brush = alt.selection_interval(encodings=["x"], name=BRUSH)
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("yearmonth(month):T", title=None),
            y=alt.Y("sum(incidents):Q", title="Incidents per month"),
            color=alt.Color(
                "type:N",
                title="Type",
                scale=alt.Scale(domain=kinds, range=list(EVENT_COLOURS.values())),
            ),
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title="Month"),
                "type:N",
                alt.Tooltip("sum(incidents):Q", title="Incidents"),
            ],
        )
        .add_params(brush)
        .properties(height=160)
    )
    with folded:
        event = st.altair_chart(chart, on_select="rerun", key="timeline", width="stretch")
    period = _brushed(event)
    if period is not None and period != st.session_state.get("_last_brush"):
        st.session_state["_last_brush"] = period
        st.session_state["_pending_dates"] = period
        st.rerun()


def _brushed(event: object) -> tuple[dt.date, dt.date] | None:
    selection = getattr(event, "selection", None) or {}
    interval = (selection.get(BRUSH) or {}) if isinstance(selection, dict) else {}
    bounds = next(iter(interval.values()), None) if isinstance(interval, dict) else None
    if not bounds or len(bounds) != 2:
        return None
    start, end = (
        pd.Timestamp(b, unit="ms") if isinstance(b, int | float) else pd.Timestamp(b)
        for b in bounds
    )
    return start.date(), end.date()
