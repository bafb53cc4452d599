"""The dashboard at 1,000 / 10,000 / 100,000 incidents.

For typical filter changes: query time (SQL aggregates + newest page), map
build time (the overlay's JavaScript), its size, and the time until the map
is drawn in headless Chromium. Stores are built once from the seeded
generator and kept in data/bench/.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from pathlib import Path

import folium
from streamlit_folium import _get_feature_group_string  # what st_folium sends for the overlay

from benchmarks.bench_dashboard import store_path
from geo.gazetteer import Gazetteer
from geo.overlay import base_map
from incidents.filters import Filter
from incidents.store import Store
from incidents.tally import map_summary
from incidents.testing import CHROMIUM, CHROMIUM_ARGS, serve_dashboard

#: One gazetteer for the whole benchmark, as the app holds one.
GAZ = Gazetteer()

SIZES = (1_000, 10_000, 100_000)
FILTERS = {
    "all incidents": Filter(),
    "Russia, last 2 years": Filter(start=dt.date(2024, 1, 1), countries=frozenset({"RU"})),
    "RU+CN joint": Filter(countries=frozenset({"RU", "CN"}), match="all"),
    "Sea of Japan region": Filter(regions=frozenset({"water:sea-of-japan"})),
    "text 'H-6K', 2025": Filter(start=dt.date(2025, 1, 1), text="H-6K"),
}


def _overlay_js(result) -> str:
    from incidents.mapview import overlay_layer  # the same layer the app sends

    fg = folium.FeatureGroup(name="Incidents")
    fg.add_child(overlay_layer(result, Gazetteer()))
    return str(_get_feature_group_string(fg, base_map()))


def _draw_time(path: Path) -> float:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as data:
        shutil.copy(path, Path(data) / "incidents.sqlite")
        with serve_dashboard(Path(data)) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url)  # first load warms the gazetteer and caches
            page.frame_locator("iframe[src*='streamlit_folium']").locator(
                ".leaflet-container"
            ).wait_for(timeout=120_000)
            start = time.perf_counter()
            page.goto(url + "/?countries=RU")  # a filter change arriving as a new view
            frame = page.frame_locator("iframe[src*='streamlit_folium']")
            frame.locator(".leaflet-container").wait_for(timeout=120_000)
            page.query_selector(
                "iframe[src*='streamlit_folium']"
            ).content_frame().wait_for_function("window.atlasOverlayDrawn >= 1", timeout=120_000)
            elapsed = time.perf_counter() - start
            browser.close()
    return elapsed


def run() -> list[tuple[str, float, str, str, bool]]:
    rows = []
    Gazetteer()
    for n in SIZES:
        path = store_path(n)
        store = Store(f"sqlite:///{path}", GAZ)
        worst_query = worst_build = worst_size = 0.0
        for flt in FILTERS.values():
            map_summary(store, flt)  # warm SQLite's page cache
            t0 = time.perf_counter()
            result = map_summary(store, flt)
            t1 = time.perf_counter()
            js = _overlay_js(result)
            t2 = time.perf_counter()
            worst_query = max(worst_query, t1 - t0)
            worst_build = max(worst_build, t2 - t1)
            worst_size = max(worst_size, len(js) / 1e6)
        store.dispose()
        label = f"{n:,} incidents"
        rows.append(
            (
                f"{label}: query, worst of {len(FILTERS)} filters",
                worst_query,
                "s",
                "< 0.3 s",
                worst_query < 0.3,
            )
        )
        rows.append((f"{label}: map build, worst", worst_build, "s", "< 0.2 s", worst_build < 0.2))
        rows.append(
            (
                f"{label}: query + build, worst",
                worst_query + worst_build,
                "s",
                "< 0.5 s",
                worst_query + worst_build < 0.5,
            )
        )
        rows.append(
            (f"{label}: overlay payload, largest", worst_size, "MB", "< 3 MB", worst_size < 3)
        )
        draw = _draw_time(path)
        rows.append((f"{label}: filter change → map drawn", draw, "s", "< 3 s", draw < 3))
    return rows
