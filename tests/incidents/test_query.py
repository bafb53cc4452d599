"""Filters: SQL and in-memory agree on every term; they say themselves in words and URLs."""

from __future__ import annotations

import datetime as dt

import pytest
from shapely.geometry import Point, box

from incidents.errors import ImpossibleDate, InputError
from incidents.filters import Filter
from incidents.model import Incident, Location
from incidents.query import run
from incidents.tally import Tally
from tests.conftest import EDITOR
from tests.conftest import GAZETTEER as _GAZ

D = dt.date
BERING = (Location("Bering Sea box", box(-179, 55, -165, 62)),)
JAPAN = (Location("Sea of Japan box", box(133, 38, 137, 41)),)
TAIWAN = (Location("Taiwan Strait point", Point(119.5, 24.3), precision="point", kind="point"),)
INCIDENTS = {
    "bering": Incident(
        "Bering patrol",
        D(2024, 7, 24),
        event_type="patrol",
        actors=("RU", "CN"),
        responders=("US", "CA"),
        assets=("Tu-95MS", "H-6"),
        locations=BERING,
    ),
    "japan": Incident(
        "Sea of Japan flight",
        D(2024, 12, 10),
        end_date=D(2024, 12, 11),
        summary="Il-38 patrol planes flew near Hokkaido 100% of the way",
        event_type="patrol",
        actors=("RU",),
        responders=("JP", "KR"),
        locations=JAPAN,
    ),
    "taiwan": Incident(
        "Taiwan Strait transit",
        D(2023, 4, 1),
        date_precision="month",
        end_date=D(2023, 4, 30),
        event_type="naval_transit",
        actors=("US",),
        responders=("CN",),
        locations=TAIWAN,
    ),
}
ALL = {"bering", "japan", "taiwan"}


@pytest.fixture
def filled(store):
    ids = {name: store.add(inc, by=EDITOR).id for name, inc in INCIDENTS.items()}
    return store, ids


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (Filter(), ALL),
        # dates: inclusive, overlapping
        (Filter(start=D(2024, 7, 24), end=D(2024, 7, 24)), {"bering"}),
        (Filter(start=D(2024, 7, 25)), {"japan"}),
        (Filter(end=D(2024, 7, 23)), {"taiwan"}),
        (Filter(start=D(2024, 12, 11), end=D(2024, 12, 31)), {"japan"}),
        (Filter(start=D(2023, 4, 15), end=D(2023, 4, 15)), {"taiwan"}),
        (Filter(start=D(2025, 1, 1)), set()),
        # countries: any of them
        (Filter(countries=frozenset({"CN"})), {"bering"}),
        (Filter(countries=frozenset({"CN", "US"})), {"bering", "taiwan"}),
        (Filter(countries=frozenset({"JP"})), set()),  # JP only responded
        (Filter(countries=frozenset({"JP"}), include_responders=True), {"japan"}),
        (Filter(countries=frozenset({"CN"}), include_responders=True), {"bering", "taiwan"}),
        (Filter(start=D(2024, 1, 1), countries=frozenset({"RU"})), {"bering", "japan"}),
        # all of them (joint activity) and exactly them
        (Filter(countries=frozenset({"RU", "CN"}), match="all"), {"bering"}),
        (Filter(countries=frozenset({"RU"}), match="all"), {"bering", "japan"}),
        (Filter(countries=frozenset({"RU", "US"}), match="all"), set()),
        (Filter(countries=frozenset({"RU"}), match="exactly"), {"japan"}),
        (Filter(countries=frozenset({"RU", "CN"}), match="exactly"), {"bering"}),
        (
            Filter(
                countries=frozenset({"RU", "JP", "KR"}), match="exactly", include_responders=True
            ),
            {"japan"},
        ),
        # event types
        (Filter(event_types=frozenset({"naval_transit"})), {"taiwan"}),
        (Filter(event_types=frozenset({"patrol", "naval_transit"})), ALL),
        # regions, by geometry
        (Filter(regions=frozenset({"water:sea-of-japan"})), {"japan"}),
        (Filter(regions=frozenset({"water:bering-sea"})), {"bering"}),
        (Filter(regions=frozenset({"water:taiwan-strait"})), {"taiwan"}),
        (Filter(regions=frozenset({"water:north-pacific-ocean"})), ALL),
        (
            Filter(regions=frozenset({"zone:alaska-adiz", "water:sea-of-japan"})),
            {"bering", "japan"},
        ),
        (Filter(regions=frozenset({"water:baltic-sea"})), set()),
        # text over title, summary and assets, any case; % and _ are literal
        (Filter(text="h-6"), {"bering"}),
        (Filter(text="HOKKAIDO"), {"japan"}),
        (Filter(text="100%"), {"japan"}),
        (Filter(text="100_"), set()),
        (Filter(text="strait transit"), {"taiwan"}),
        # every term at once
        (
            Filter(
                start=D(2024, 1, 1),
                countries=frozenset({"RU"}),
                event_types=frozenset({"patrol"}),
                regions=frozenset({"water:sea-of-japan"}),
                text="flight",
            ),
            {"japan"},
        ),
    ],
)
def test_filter_semantics_in_sql_in_memory_and_in_the_dashboards_tally(filled, flt, expected):
    store, ids = filled
    names = {v: k for k, v in ids.items()}
    from_sql = {names[i.id] for i in run(store, flt).incidents}
    in_memory = {name for name, inc in INCIDENTS.items() if flt.matches(inc, _GAZ)}
    tally = Tally.read(store)
    from_tally = {names[i] for i in tally.ids[tally.matches(flt)].tolist()}
    assert from_sql == expected
    assert in_memory == expected
    assert from_tally == expected


def test_results_are_newest_first(filled):
    store, _ = filled
    dates = [i.start_date for i in run(store, Filter()).incidents]
    assert dates == sorted(dates, reverse=True)


def test_country_counts_follow_the_other_terms(filled):
    store, _ = filled
    country_counts = Tally.read(store).country_counts
    assert country_counts(Filter()) == {"RU": 2, "CN": 1, "US": 1}
    with_resp = country_counts(Filter(start=D(2024, 1, 1), include_responders=True))
    assert with_resp == {"RU": 2, "CN": 1, "US": 1, "CA": 1, "JP": 1, "KR": 1}
    assert country_counts(Filter(regions=frozenset({"water:sea-of-japan"}))) == {"RU": 1}


def test_type_counts_leave_out_the_type_term(filled):
    store, _ = filled
    type_counts = Tally.read(store).type_counts
    assert type_counts(Filter(event_types=frozenset({"patrol"}))) == {
        "patrol": 2,
        "naval_transit": 1,
    }
    assert type_counts(Filter(countries=frozenset({"US"}))) == {"naval_transit": 1}


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
        (
            Filter(
                countries=frozenset({"RU", "CN"}),
                match="all",
                event_types=frozenset({"patrol"}),
                regions=frozenset({"water:sea-of-japan"}),
                text="H-6",
            ),
            "all dates · China and Russia · patrol · Sea of Japan · “H-6” · 3 incidents",
        ),
        (
            Filter(countries=frozenset({"RU"}), match="exactly"),
            "all dates · only Russia · 3 incidents",
        ),
    ],
)
def test_filter_says_itself_in_words(flt, sentence):
    assert flt.sentence(_GAZ, 3) == sentence


def test_one_incident_is_singular():
    assert Filter().sentence(_GAZ, 1).endswith("1 incident")


@pytest.mark.parametrize(
    "flt",
    [
        Filter(),
        Filter(start=D(2024, 7, 1), end=D(2024, 7, 31)),
        Filter(countries=frozenset({"RU", "CN"}), include_responders=True),
        Filter(
            countries=frozenset({"RU", "CN"}),
            match="all",
            event_types=frozenset({"patrol"}),
            regions=frozenset({"water:sea-of-japan", "zone:alaska-adiz"}),
            text="H-6 bombers",
        ),
    ],
)
def test_filter_round_trips_through_url_parameters(flt):
    assert Filter.from_query_params(flt.to_query_params(), _GAZ) == flt


def test_malformed_url_parameters_are_ignored():
    flt = Filter.from_query_params(
        {
            "start": "2024-13-45",
            "countries": "RU,XX,<script>",
            "responders": "1",
            "match": "some",
            "types": "patrol,picnic",
            "regions": "water:atlantis",
        },
        _GAZ,
    )
    assert flt == Filter(
        countries=frozenset({"RU"}), include_responders=True, event_types=frozenset({"patrol"})
    )


def test_reversed_date_range_is_an_impossible_date():
    with pytest.raises(ImpossibleDate, match="ends"):
        Filter(start=D(2024, 8, 1), end=D(2024, 7, 1))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"match": "most"}, "expected one of any, all, exactly"),
        ({"event_types": frozenset({"picnic"})}, "picnic"),
    ],
)
def test_bad_filter_terms_say_what_is_allowed(changes, message):
    with pytest.raises(InputError, match=message):
        Filter(**changes)


def test_timeline_counts_by_month_and_type_over_all_dates(filled):
    store, _ = filled
    timeline = Tally.read(store).timeline
    rows = timeline(Filter(start=D(2024, 7, 1), end=D(2024, 7, 31)))  # dates are left out
    assert rows == [
        (D(2023, 4, 1), "naval_transit", 1),
        (D(2024, 7, 1), "patrol", 1),
        (D(2024, 12, 1), "patrol", 1),
    ]
    assert timeline(Filter(countries=frozenset({"US"}))) == [(D(2023, 4, 1), "naval_transit", 1)]


@pytest.mark.parametrize("words", ["россия", "Россия", "РОССИЯ", "россия patrol", "ÉCLAIR"])
def test_text_search_ignores_case_in_every_script(store, words):
    store.add(
        Incident(
            title="РОССИЯ patrol near the Éclair bank",
            start_date=dt.date(2024, 7, 24),
            event_type="patrol",
            actors=("RU",),
        ),
        by=EDITOR,
    )
    assert len(run(store, Filter(text=words)).incidents) == 1


@pytest.mark.parametrize("day", [dt.date(1, 1, 1), dt.date(1899, 12, 31), dt.date(9999, 12, 31)])
def test_dates_outside_1900_to_2100_are_refused_with_a_clear_error(day):
    with pytest.raises(ImpossibleDate, match="check the year"):
        Incident(title="Typo", start_date=day, event_type="patrol")
    with pytest.raises(ImpossibleDate, match="check the year"):
        Filter(start=day)
    # A shared link with such a date is read as if the date were not there.
    assert Filter.from_query_params({"start": day.isoformat()}, _GAZ).start is None


@pytest.mark.parametrize(
    "params",
    [{"start": "1800-01-01"}, {"end": "2200-01-01"}, {"start": "0001-01-01", "end": "9999-12-31"}],
)
def test_url_dates_outside_1900_to_2100_are_dropped_not_a_crash(params):
    assert Filter.from_query_params(params, _GAZ) == Filter()
