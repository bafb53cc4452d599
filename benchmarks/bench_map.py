"""Time from `streamlit run` to a drawn map in headless Chromium, and the page's weight."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def run() -> list[tuple[str, float, str, str, bool]]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as data:
        env = dict(
            os.environ,
            INCIDENTS_DATA_DIR=data,
            INCIDENTS_DB_URL=f"sqlite:///{data}/incidents.sqlite",
            INCIDENTS_SEEDS_DIR=str(ROOT / "seeds"),
        )
        port = "8765"
        start = time.perf_counter()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.port",
                port,
                "--server.headless",
                "true",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            while True:
                try:
                    urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                page = browser.new_page()
                sizes: list[int] = []
                page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]))
                page.goto(url)
                frame = page.frame_locator("iframe[src*='streamlit_folium']")
                frame.locator(".leaflet-container").wait_for(timeout=120_000)
                handle = page.query_selector("iframe[src*='streamlit_folium']").content_frame()
                handle.wait_for_function("window.atlasOverlayDrawn >= 1", timeout=60_000)
                cold = time.perf_counter() - start
                t1 = time.perf_counter()
                page.reload()
                page.frame_locator("iframe[src*='streamlit_folium']").locator(
                    ".leaflet-container"
                ).wait_for()
                page.query_selector(
                    "iframe[src*='streamlit_folium']"
                ).content_frame().wait_for_function("window.atlasOverlayDrawn >= 1")
                warm = time.perf_counter() - t1
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    weight = sum(sizes) / 1e6
    return [
        ("server start → map drawn (first load, seeds ingested)", cold, "s", "< 15 s", cold < 15),
        ("page reload → map drawn", warm, "s", "< 3 s", warm < 3),
        ("bytes transferred on first load", weight, "MB", "< 10 MB", weight < 10),
    ]
