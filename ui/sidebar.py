"""The filter widgets: a date range and participating countries → a Filter."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from incidents.filters import Filter
from incidents.query import date_bounds
from incidents.vocabulary import country_name
from ui.services import Services, counts


def _date_bounds(svc: Services) -> tuple[dt.date, dt.date]:
    today = dt.date.today()
    return date_bounds(svc.store) or (today - dt.timedelta(days=365), today)


def sidebar_filter(svc: Services) -> Filter:
    """Draw the sidebar and return the filter it describes."""
    st.sidebar.header("Filter")
    lo, hi = _date_bounds(svc)
    picked = st.sidebar.date_input(
        "Date range",
        value=(lo, hi),
        min_value=dt.date(1900, 1, 1),
        max_value=dt.date(2100, 12, 31),
        key="date_range",
        help="Inclusive. Incidents that overlap the range are shown.",
    )
    start, end = picked if isinstance(picked, tuple) and len(picked) == 2 else (lo, hi)
    responders = st.sidebar.toggle(
        "Include responding countries",
        key="responders",
        help="Off: a country matches when it carried out the activity. On: also when it "
        "intercepted, shadowed or protested.",
    )
    dated = Filter(start=start, end=end, include_responders=responders)
    per_country = counts(svc.store, dated, svc.store.revision, svc.store.url)
    options = sorted(per_country, key=lambda c: (-per_country[c], country_name(c)))
    chosen = st.sidebar.multiselect(
        "Participating countries",
        options=options,
        key="countries",
        format_func=lambda c: f"{country_name(c)} ({per_country.get(c, 0)})",
        help="Incidents with any of the selected countries.",
    )
    return Filter(start=start, end=end, countries=frozenset(chosen), include_responders=responders)
