"""Filters: SQL and in-memory agree; dates are inclusive; countries match any."""

from __future__ import annotations

import datetime as dt

import pytest
from shapely.geometry import box

from incidents.errors import ImpossibleDate
from incidents.model import Filter, Incident, Location
from incidents.query import country_counts, run

D = dt.date
REGION = (Location("Bering Sea", box(-179, 55, -165, 62)),)
INCIDENTS = {
    "bering": Incident(
        "Bering patrol",
        D(2024, 7, 24),
        event_type="patrol",
        actors=("RU", "CN"),
        responders=("US", "CA"),
        locations=REGION,
    ),
    "japan": Incident(
        "Sea of Japan flight",
        D(2024, 12, 10),
        end_date=D(2024, 12, 11),
        event_type="patrol",
        actors=("RU",),
        responders=("JP", "KR"),
        locations=REGION,
    ),
    "taiwan": Incident(
        "Taiwan Strait transit",
        D(2023, 4, 1),
        date_precision="month",
        end_date=D(2023, 4, 30),
        event_type="naval_transit",
        actors=("US",),
        responders=("CN",),
        locations=REGION,
    ),
}


@pytest.fixture
def filled(store):
    ids = {name: store.add(inc).id for name, inc in INCIDENTS.items()}
    return store, ids


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (Filter(), {"bering", "japan", "taiwan"}),
        (Filter(start=D(2024, 7, 24), end=D(2024, 7, 24)), {"bering"}),  # both ends inclusive
        (Filter(start=D(2024, 7, 25)), {"japan"}),
        (Filter(end=D(2024, 7, 23)), {"taiwan"}),
        (Filter(start=D(2024, 12, 11), end=D(2024, 12, 31)), {"japan"}),  # overlap on last day
        (Filter(start=D(2023, 4, 15), end=D(2023, 4, 15)), {"taiwan"}),  # inside a month range
        (Filter(countries=frozenset({"CN"})), {"bering"}),
        (Filter(countries=frozenset({"CN", "US"})), {"bering", "taiwan"}),  # any of
        (Filter(countries=frozenset({"JP"})), set()),  # JP only responded
        (Filter(countries=frozenset({"JP"}), include_responders=True), {"japan"}),
        (Filter(countries=frozenset({"CN"}), include_responders=True), {"bering", "taiwan"}),
        (Filter(start=D(2024, 1, 1), countries=frozenset({"RU"})), {"bering", "japan"}),
        (Filter(start=D(2025, 1, 1)), set()),
    ],
)
def test_filter_semantics_in_sql_and_in_memory(filled, flt, expected):
    store, ids = filled
    names = {v: k for k, v in ids.items()}
    from_sql = {names[i.id] for i in run(store, flt).incidents}
    in_memory = {name for name, inc in INCIDENTS.items() if flt.matches(inc)}
    assert from_sql == expected
    assert in_memory == expected


def test_results_are_newest_first(filled):
    store, _ = filled
    dates = [i.start_date for i in run(store, Filter()).incidents]
    assert dates == sorted(dates, reverse=True)


def test_country_counts_follow_dates_and_responders(filled):
    store, _ = filled
    assert country_counts(store, Filter()) == {"RU": 2, "CN": 1, "US": 1}
    with_resp = country_counts(store, Filter(start=D(2024, 1, 1), include_responders=True))
    assert with_resp == {"RU": 2, "CN": 1, "US": 1, "CA": 1, "JP": 1, "KR": 1}


@pytest.mark.parametrize(
    ("flt", "sentence"),
    [
        (Filter(), "all dates · all countries · 3 incidents"),
        (
            Filter(start=D(2024, 7, 24), end=D(2024, 7, 24), countries=frozenset({"RU", "CN"})),
            "24 Jul 2024 · China or Russia · 3 incidents",
        ),
        (
            Filter(
                start=D(2024, 7, 1),
                end=D(2024, 7, 31),
                countries=frozenset({"JP"}),
                include_responders=True,
            ),
            "1 Jul 2024 – 31 Jul 2024 · Japan (acting or responding) · 3 incidents",
        ),
        (Filter(start=D(2024, 1, 1)), "from 1 Jan 2024 · all countries · 3 incidents"),
    ],
)
def test_filter_says_itself_in_words(flt, sentence):
    assert flt.sentence(3) == sentence


def test_one_incident_is_singular():
    assert Filter().sentence(1).endswith("1 incident")


@pytest.mark.parametrize(
    "flt",
    [
        Filter(),
        Filter(start=D(2024, 7, 1), end=D(2024, 7, 31)),
        Filter(countries=frozenset({"RU", "CN"}), include_responders=True),
    ],
)
def test_filter_round_trips_through_url_parameters(flt):
    assert Filter.from_query_params(flt.to_query_params()) == flt


def test_malformed_url_parameters_are_ignored():
    flt = Filter.from_query_params(
        {"start": "2024-13-45", "countries": "RU,XX,<script>", "responders": "1"}
    )
    assert flt == Filter(countries=frozenset({"RU"}), include_responders=True)


def test_reversed_date_range_is_an_impossible_date():
    with pytest.raises(ImpossibleDate, match="ends"):
        Filter(start=D(2024, 8, 1), end=D(2024, 7, 1))
