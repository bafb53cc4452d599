"""The filter widgets → a Filter, kept in the URL so a link reproduces the view."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from incidents.filters import MATCH_MODES, Filter
from incidents.query import date_bounds
from incidents.vocabulary import EVENT_TYPES, country_name
from ui.services import Services, counts, types

QUICK_RANGES = ("All dates", "Last 30 days", "This year", "Custom")
_MATCH_LABELS = {"any": "any of", "all": "all of (joint)", "exactly": "exactly"}
_REGION_KINDS = ("ocean", "sea", "gulf", "bay", "strait", "channel", "adiz", "country")


def _bounds(svc: Services) -> tuple[dt.date, dt.date]:
    today = dt.date.today()
    return date_bounds(svc.store) or (today - dt.timedelta(days=365), today)


@st.cache_data(show_spinner=False)
def _region_options(_svc: Services, db_url: str) -> dict[str, str]:
    """Region id → name, water and zones first, then countries."""
    features = sorted(
        _svc.gazetteer.of_kind(*_REGION_KINDS), key=lambda f: (f.kind == "country", f.name)
    )
    return {f.id: f.name for f in features}


def _load_url_once(svc: Services) -> None:
    """On a session's first run, put the URL's filter into the widgets."""
    if st.session_state.get("_url_loaded"):
        return
    st.session_state["_url_loaded"] = True
    flt = Filter.from_query_params(st.query_params.to_dict())
    if flt.start or flt.end:
        lo, hi = _bounds(svc)
        st.session_state["quick_range"] = "Custom"
        st.session_state["date_range"] = (flt.start or lo, flt.end or hi)
    st.session_state["countries"] = sorted(flt.countries)
    st.session_state["match"] = flt.match
    st.session_state["responders"] = flt.include_responders
    st.session_state["types"] = sorted(flt.event_types)
    st.session_state["regions"] = sorted(flt.regions)
    st.session_state["text"] = flt.text


def _dates(svc: Services) -> tuple[dt.date | None, dt.date | None]:
    # Widgets keyed in session state take their value from there only: giving a
    # default as well makes Streamlit warn on every start.
    st.session_state.setdefault("quick_range", "All dates")
    quick = st.sidebar.segmented_control("Dates", QUICK_RANGES, key="quick_range") or "All dates"
    today = dt.date.today()
    if quick == "Last 30 days":
        return today - dt.timedelta(days=30), today
    if quick == "This year":
        return today.replace(month=1, day=1), today
    if quick == "All dates":
        return None, None
    lo, hi = _bounds(svc)
    st.session_state.setdefault("date_range", (lo, hi))
    picked = st.sidebar.date_input(
        "Date range",
        min_value=dt.date(1900, 1, 1),
        max_value=dt.date(2100, 12, 31),
        key="date_range",
        help="Inclusive. Incidents that overlap the range are shown.",
    )
    if isinstance(picked, tuple) and len(picked) == 2:
        return picked[0], picked[1]
    return lo, hi  # while the second day is being picked


def sidebar_filter(svc: Services) -> Filter:
    """Draw the sidebar, keep the URL in step, and return the filter it describes."""
    _load_url_once(svc)
    pending = st.session_state.pop("_pending_dates", None)
    if pending is not None:  # a period brushed on the timeline, applied before the widgets exist
        st.session_state["quick_range"] = "Custom"
        st.session_state["date_range"] = pending
    st.sidebar.header("Filter")
    start, end = _dates(svc)
    responders = st.sidebar.toggle(
        "Include responding countries",
        key="responders",
        help="Off: a country matches when it carried out the activity. On: also when it "
        "intercepted, shadowed or protested.",
    )
    text = st.sidebar.text_input(
        "Search title, summary, assets", key="text", placeholder="e.g. H-6, Liaoning, bombers"
    )
    regions_by_id = _region_options(svc, svc.store.url)
    regions = st.sidebar.multiselect(
        "Regions (by geometry)",
        list(regions_by_id),
        key="regions",
        format_func=lambda r: regions_by_id.get(r, r),
    )
    base = Filter(
        start=start,
        end=end,
        include_responders=responders,
        text=text,
        regions=frozenset(r for r in regions if r in regions_by_id),
    )
    per_type = types(svc.store, base, svc.store.revision, svc.store.url)
    chosen_types = st.sidebar.multiselect(
        "Event types",
        list(EVENT_TYPES),
        key="types",
        format_func=lambda t: f"{t.replace('_', ' ')} ({per_type.get(t, 0)})",
    )
    dated = Filter(
        start=start,
        end=end,
        include_responders=responders,
        text=text,
        regions=base.regions,
        event_types=frozenset(chosen_types),
    )
    per_country = counts(svc.store, dated, svc.store.revision, svc.store.url)
    selected = st.session_state.get("countries", [])
    options = sorted(
        set(per_country) | set(selected), key=lambda c: (-per_country.get(c, 0), country_name(c))
    )
    chosen = st.sidebar.multiselect(
        "Participating countries",
        options=options,
        key="countries",
        format_func=lambda c: f"{country_name(c)} ({per_country.get(c, 0)})",
    )
    match = st.sidebar.radio(
        "Countries must be",
        MATCH_MODES,
        key="match",
        horizontal=True,
        format_func=_MATCH_LABELS.__getitem__,
        disabled=not chosen,
    )
    flt = Filter(
        start=start,
        end=end,
        countries=frozenset(chosen),
        match=match or "any",
        include_responders=responders,
        event_types=dated.event_types,
        regions=base.regions,
        text=text,
    )
    st.sidebar.radio(
        "Colour markers by",
        ("type", "actor"),
        key="colour_by",
        horizontal=True,
        format_func=lambda v: "event type" if v == "type" else "actor",
    )
    _write_url(flt)
    return flt


def _write_url(flt: Filter) -> None:
    wanted = flt.to_query_params()
    if st.query_params.to_dict() != wanted:
        st.query_params.clear()
        st.query_params.update(wanted)
