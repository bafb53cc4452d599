"""incidents.read(): the store as a GeoDataFrame for notebooks, on either backend."""

from __future__ import annotations

import datetime as dt

import pytest

import incidents
from incidents.errors import InputError


def test_read_gives_one_row_per_matching_incident_with_its_focus_and_lists(seeded_store):
    frame = incidents.read(seeded_store.url, countries=["RU"], start=dt.date(2019, 1, 1))
    expected = incidents.run(
        seeded_store, incidents.Filter(countries=frozenset({"RU"}), start=dt.date(2019, 1, 1))
    ).incidents
    assert list(frame["id"]) == [i.id for i in expected] and len(frame) > 1
    assert frame.crs.to_epsg() == 4326
    assert all("RU" in actors for actors in frame["actors"])
    patrol = frame.loc[frame["start_date"] == dt.date(2024, 7, 24)].iloc[0]
    assert patrol["regions"] and isinstance(patrol["responders"], list)
    stored = seeded_store.get(int(patrol["id"]))
    focus_names = [loc.name for loc in stored.locations if loc.role == "focus"]
    assert patrol["regions"] == focus_names
    assert not patrol.geometry.is_empty


def test_read_can_reuse_a_loaded_gazetteer_for_region_filters(seeded_store, gazetteer):
    frame = incidents.read(seeded_store.url, gazetteer=gazetteer, regions=["water:bering-sea"])
    expected = incidents.run(
        seeded_store, incidents.Filter(regions=frozenset({"water:bering-sea"}))
    ).incidents
    assert list(frame["id"]) == [i.id for i in expected] and len(frame) >= 1


def test_read_says_which_filter_value_is_wrong(seeded_store):
    with pytest.raises(InputError, match="Unknown event type"):
        incidents.read(seeded_store.url, event_types=["picnic"])
