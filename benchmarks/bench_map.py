"""Time from `streamlit run` to a drawn map in headless Chromium, and the page's weight."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from incidents.testing import CHROMIUM, CHROMIUM_ARGS, serve_dashboard

FRAME = "iframe[src*='streamlit_folium']"


def _wait_for_map(page) -> None:
    page.frame_locator(FRAME).locator(".leaflet-container").wait_for(timeout=120_000)
    page.query_selector(FRAME).content_frame().wait_for_function(
        "window.atlasOverlayDrawn >= 1", timeout=60_000
    )


def run() -> list[tuple[str, float, str, str, bool]]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as data:
        start = time.perf_counter()
        with serve_dashboard(Path(data)) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            sizes: list[int] = []
            page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]))
            page.goto(url)
            _wait_for_map(page)
            cold = time.perf_counter() - start
            weight = sum(sizes) / 1e6
            t1 = time.perf_counter()
            page.reload()
            _wait_for_map(page)
            warm = time.perf_counter() - t1
            browser.close()
    return [
        ("server start → map drawn (first load, seeds ingested)", cold, "s", "< 15 s", cold < 15),
        ("page reload → map drawn", warm, "s", "< 3 s", warm < 3),
        ("bytes transferred on first load", weight, "MB", "< 10 MB", weight < 10),
    ]
