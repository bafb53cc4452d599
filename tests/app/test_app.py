"""The dashboard's logic through Streamlit's AppTest (no browser)."""

from __future__ import annotations

import csv
import datetime as dt
import os

from tests.app.conftest import new_app
from tests.app.shown import detail_title, shown
from tests.conftest import EDITOR, SEEDS
from tests.conftest import GAZETTEER as _GAZ


def caption(at) -> str:
    return shown(at.caption[0].value)


def demo_rows() -> list[dict[str, str]]:
    """The demo dataset as written, to count what the app should show without asking it."""
    with (SEEDS / "demo_incidents.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


#: The seed article gives two incidents, both with Russia and China as actors,
#: the first with the United States and Canada as responders.
ARTICLE_INCIDENTS = 2


def demo_count(country: str, *, responders: bool = False) -> int:
    return sum(
        country in row["actors"].split(";")
        or (responders and country in row["responders"].split(";"))
        for row in demo_rows()
    )


def test_first_start_ingests_the_seed_and_shows_its_incidents(app_test):
    assert not app_test.exception
    assert caption(app_test).endswith(f"{ARTICLE_INCIDENTS + len(demo_rows())} incidents")
    table = app_test.dataframe[0].value
    assert (
        "Russia–China joint patrol over the North Pacific Ocean and Bering Sea near Alaska"
        in set(table["Title"])
    )
    assert set(table.loc[table["Date"] == "24 Jul 2024", "Responders"]) == {"United States, Canada"}


def test_date_range_excluding_every_incident_shows_none(tmp_path, monkeypatch):
    monkeypatch.setenv("INCIDENTS_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    monkeypatch.setenv("INCIDENTS_SEEDS_DIR", str(SEEDS))
    at = new_app()
    assert max(row["start_date"] for row in demo_rows()) < "2026-01-01"
    at.query_params["start"] = "2026-01-01"
    at.query_params["end"] = "2026-06-30"
    at.run()
    assert caption(at) == "1 Jan 2026 – 30 Jun 2026 · all countries · 0 incidents"
    assert not at.dataframe
    assert "No incidents match" in at.info[0].value
    at.date_input(key="date_range").set_value((dt.date(2024, 7, 1), dt.date(2024, 7, 31))).run()
    july = sum(row["start_date"].startswith("2024-07") for row in demo_rows())
    assert caption(at).endswith(f"{ARTICLE_INCIDENTS + july} incidents")


def test_a_link_reproduces_the_view(tmp_path, monkeypatch):
    monkeypatch.setenv("INCIDENTS_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    monkeypatch.setenv("INCIDENTS_SEEDS_DIR", str(SEEDS))
    at = new_app()
    at.query_params.update(
        {
            "countries": "RU,CN",
            "match": "all",
            "types": "patrol",
            "regions": "water:bering-sea",
            "q": "H-6",
        }
    )
    at.run()
    assert caption(at) == "all dates · China and Russia · patrol · Bering Sea · “H-6” · 1 incident"
    assert at.multiselect(key="countries").value == ["CN", "RU"]


def test_changing_a_filter_writes_it_to_the_url(app_test):
    app_test.multiselect(key="countries").set_value(["CN"]).run()
    app_test.text_input(key="text").set_value("Bering").run()
    assert app_test.query_params["countries"] == "CN"
    assert app_test.query_params["q"] == "Bering"
    # Only the seed's patrol says "Bering" in its title, summary or assets.
    assert not any(
        "bering" in (r["title"] + r["summary"] + r["assets"]).lower()
        for r in demo_rows()
        if "CN" in r["actors"]
    )
    assert caption(app_test) == "all dates · China · “Bering” · 1 incident"


def test_country_picker_lists_names_with_counts_and_filters(app_test):
    picker = app_test.multiselect(key="countries")
    china = ARTICLE_INCIDENTS + demo_count("CN")
    assert f"China ({china})" in picker.options
    assert f"Russia ({ARTICLE_INCIDENTS + demo_count('RU')})" in picker.options
    picker.set_value(["CN"]).run()
    assert "China" in caption(app_test)
    assert caption(app_test).endswith(f"{china} incidents")


def test_responders_switch_adds_responding_countries(app_test):
    app_test.toggle(key="responders").set_value(True).run()
    picker = app_test.multiselect(key="countries")
    us = 1 + demo_count("US", responders=True)  # the seed's NORAD intercept, and the demo rows
    assert f"United States ({us})" in picker.options
    picker.set_value(["US"]).run()
    assert caption(app_test).endswith(f"{us} incidents")


def test_store_error_is_shown_not_raised(tmp_path, monkeypatch):
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database" * 100)
    monkeypatch.setenv("INCIDENTS_DB_URL", f"sqlite:///{broken}")
    monkeypatch.setenv("INCIDENTS_SEEDS_DIR", str(SEEDS))
    at = new_app().run()
    assert not at.exception
    assert "Cannot open the incident store" in at.error[0].value


def test_selected_incident_opens_a_detail_panel_with_sources_and_evidence(app_test, tmp_path):
    from incidents.store import Store

    store = Store(os.environ["INCIDENTS_DB_URL"], _GAZ)
    main = next(i for i in store.all() if i.date_label() == "24 Jul 2024")
    app_test.session_state["selected_incident"] = main.id
    app_test.run()
    assert detail_title(app_test) == main.title
    sources = next(
        h.proto.body for h in app_test.get("html") if "Sources and evidence" in h.proto.body
    )
    assert "“Wednesday’s”" in sources  # the words that gave the date
    assert "“Russia”" in sources
    next(b for b in app_test.button if b.label == "Close").click().run()
    assert detail_title(app_test) is None


def test_detail_panel_links_only_web_addresses(app_test):
    import datetime as dt

    from shapely.geometry import box

    from incidents.model import Incident, Location, Source
    from incidents.store import Store

    store = Store(os.environ["INCIDENTS_DB_URL"], _GAZ)
    hostile = store.add(
        Incident(
            title="<b>bold</b> title",
            start_date=dt.date(2024, 7, 25),
            event_type="intercept",
            actors=("RU",),
            locations=(Location("Box", box(133, 38, 137, 41)),),
            sources=(
                Source(url="javascript:alert(1)", publisher="x"),
                Source(url="https://example.org/report", publisher="y"),
            ),
        ),
        by=EDITOR,
    )
    app_test.session_state["selected_incident"] = hostile.id
    app_test.run()
    body = next(
        h.proto.body for h in app_test.get("html") if "Sources and evidence" in h.proto.body
    )
    assert 'href="javascript' not in body
    assert 'href="https://example.org/report"' in body


def test_the_folded_timeline_costs_nothing_until_opened(app_test):
    assert not app_test.get("vega_lite_chart")
    app_test.session_state["timeline_open"] = True
    app_test.run()
    assert app_test.get("vega_lite_chart")


def test_a_brushed_period_becomes_the_date_range(app_test):
    app_test.session_state["_pending_dates"] = (dt.date(2024, 7, 20), dt.date(2024, 7, 31))
    app_test.run()
    assert caption(app_test) == "20 Jul 2024 – 31 Jul 2024 · all countries · 2 incidents"
    assert app_test.query_params["start"] == "2024-07-20"
