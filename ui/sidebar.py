"""The filter widgets → a Filter, kept in the URL so a link reproduces the view."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import streamlit as st

from incidents.filters import MATCH_MODES, Filter
from incidents.query import date_bounds
from incidents.vocabulary import EVENT_TYPES, FIRST_DAY, LAST_DAY, country_name, event_type_label
from ui.services import Services, counts, type_counts_of

QUICK_RANGES = ("All dates", "Last 30 days", "This year", "Custom")
_MATCH_LABELS = {"any": "any of", "all": "all of (joint)", "exactly": "exactly"}
#: What each widget holds before a session has touched it.
_DEFAULTS: dict[str, object] = {
    "quick_range": "All dates",
    "countries": (),
    "match": "any",
    "responders": False,
    "types": (),
    "regions": (),
    "text": "",
    "colour_by": "type",
}
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
    flt = Filter.from_query_params(st.query_params.to_dict(), svc.gazetteer)
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


def _range(svc: Services, quick: str) -> tuple[dt.date | None, dt.date | None]:
    today = dt.date.today()
    if quick == "Last 30 days":
        return today - dt.timedelta(days=30), today
    if quick == "This year":
        return today.replace(month=1, day=1), today
    if quick == "All dates":
        return None, None
    lo, hi = _bounds(svc)
    picked = st.session_state.setdefault("date_range", (lo, hi))
    if isinstance(picked, tuple | list) and len(picked) == 2:
        return picked[0], picked[1]
    return lo, hi  # while the second day is being picked


def read_filter(svc: Services) -> Filter:
    """The filter the sidebar's widgets hold, read before they are drawn.

    Keyed widgets keep their values in session state from the start of a run,
    so the page draws the map first and the sidebar after it: the sidebar's
    option counts take queries, and the map need not wait for them.
    """
    _load_url_once(svc)
    pending = st.session_state.pop("_pending_dates", None)
    if pending is not None:  # a period brushed on the timeline
        st.session_state["quick_range"] = "Custom"
        st.session_state["date_range"] = pending
    # Widgets keyed in session state take their value from there only: giving a
    # default as well makes Streamlit warn on every start.
    for key, default in _DEFAULTS.items():
        # A fresh list each time: multiselects hold lists, and none may be shared.
        st.session_state.setdefault(key, list(default) if isinstance(default, tuple) else default)
    start, end = _range(svc, st.session_state["quick_range"] or "All dates")
    regions = _region_options(svc, svc.store.url)
    return Filter(
        start=start,
        end=end,
        countries=frozenset(st.session_state["countries"]),
        match=st.session_state["match"] or "any",
        include_responders=bool(st.session_state["responders"]),
        event_types=frozenset(st.session_state["types"]),
        regions=frozenset(r for r in st.session_state["regions"] if r in regions),
        text=st.session_state["text"],
    )


def draw_sidebar(svc: Services, flt: Filter) -> None:
    """The filter widgets, with how many incidents each choice would match; the URL follows."""
    st.sidebar.header("Filter")
    quick = st.sidebar.segmented_control("Dates", QUICK_RANGES, key="quick_range")
    if quick == "Custom":
        st.sidebar.date_input(
            "Date range",
            min_value=FIRST_DAY,
            max_value=LAST_DAY,
            key="date_range",
            help="Inclusive. Incidents that overlap the range are shown.",
        )
    st.sidebar.toggle(
        "Include responding countries",
        key="responders",
        help="Off: a country matches when it carried out the activity. On: also when it "
        "intercepted, shadowed or protested.",
    )
    st.sidebar.text_input(
        "Search title, summary, assets", key="text", placeholder="e.g. H-6, Liaoning, bombers"
    )
    regions_by_id = _region_options(svc, svc.store.url)
    st.sidebar.multiselect(
        "Regions (by geometry)",
        list(regions_by_id),
        key="regions",
        format_func=lambda r: regions_by_id.get(r, r),
    )
    base = replace(flt, countries=frozenset(), match="any", event_types=frozenset())
    per_type = type_counts_of(svc.store, base, svc.store.revision, svc.store.url)
    st.sidebar.multiselect(
        "Event types",
        list(EVENT_TYPES),
        key="types",
        format_func=lambda t: f"{event_type_label(t)} ({per_type.get(t, 0)})",
    )
    dated = replace(flt, countries=frozenset(), match="any")
    per_country = counts(svc.store, dated, svc.store.revision, svc.store.url)
    selected = st.session_state.get("countries", [])
    options = sorted(
        set(per_country) | set(selected), key=lambda c: (-per_country.get(c, 0), country_name(c))
    )
    st.sidebar.multiselect(
        "Participating countries",
        options=options,
        key="countries",
        format_func=lambda c: f"{country_name(c)} ({per_country.get(c, 0)})",
    )
    st.sidebar.radio(
        "Countries must be",
        MATCH_MODES,
        key="match",
        horizontal=True,
        format_func=_MATCH_LABELS.__getitem__,
        disabled=not flt.countries,
    )
    st.sidebar.radio(
        "Colour markers by",
        ("type", "actor"),
        key="colour_by",
        horizontal=True,
        format_func=lambda v: "event type" if v == "type" else "actor",
    )
    _write_url(flt)


def _write_url(flt: Filter) -> None:
    wanted = flt.to_query_params()
    if st.query_params.to_dict() != wanted:
        st.query_params.clear()
        st.query_params.update(wanted)
