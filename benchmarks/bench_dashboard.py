"""The dashboard side by side with the two apps a user would otherwise write.

Same machine, same run, same generated store: the Atlas (``app.py``), the
streamlit-folium tutorial (one folium marker per incident through
``st_folium``) and folium's FastMarkerCluster in a short Streamlit app
(``benchmarks/peers/``). For each store size and each view, opened by URL as
a user opening a shared link would:

- time from ``page.goto`` until the map is drawn in headless Chromium;
- bytes received over the Streamlit websocket for that view (the base map
  fetched as a static file is counted separately: the browser keeps it);
- the page's JS heap afterwards;
- CPU seconds the server process spent on the view.

``python -m benchmarks dashboard`` prints the table; ``BENCH_SIZES=1000,10000``
limits the sizes.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from geo.assets import install_static
from incidents.store import Store
from incidents.testing import CHROMIUM, CHROMIUM_ARGS, ROOT, serve_streamlit, synthetic_incidents

SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(","))
PEERS = ROOT / "benchmarks" / "peers"
#: The views: a first load, then three filter changes arriving as shared links.
VIEWS = (
    ("first load", ""),
    ("RU", "?countries=RU"),
    ("CN since 2025", "?countries=CN&start=2025-01-01"),
    ("IR seizures since 2024", "?countries=IR&types=seizure&start=2024-01-01"),
)
FRAME = "iframe[src*='streamlit_folium']"
#: When each app's map counts as drawn (evaluated in the map's frame).
DRAWN = {
    "atlas": "window.atlasOverlayDrawn >= 1",
    "tutorial": "window.map && (document.querySelectorAll('.leaflet-marker-icon').length > 0 || window.map._loaded)",
    "cluster": "window.map && (document.querySelectorAll('.marker-cluster, .leaflet-marker-icon').length > 0 || window.map._loaded)",
}
APPS = {
    "atlas": ROOT / "app.py",
    "tutorial": PEERS / "tutorial_app.py",
    "cluster": PEERS / "cluster_app.py",
}
TIMEOUT_S = int(os.environ.get("BENCH_TIMEOUT", "120"))


@dataclass
class View:
    seconds: float
    ws_bytes: int
    heap_mb: float
    server_cpu: float

    @property
    def failed(self) -> bool:
        return math.isinf(self.seconds)


def store_path(n: int) -> Path:
    """The generated store of ``n`` incidents, built once into data/bench/."""
    path = ROOT / "data" / "bench" / f"synthetic-{n}.sqlite"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".building")
        tmp.unlink(missing_ok=True)
        store = Store(f"sqlite:///{tmp}")
        store.add_many(synthetic_incidents(n))
        store.dispose()
        tmp.rename(path)
    return path


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _measure_app(app: str, db: Path) -> list[View]:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    views: list[View] = []
    with tempfile.TemporaryDirectory() as data:
        shutil.copy(db, Path(data) / "incidents.sqlite")
        with (
            serve_streamlit(APPS[app], Path(data)) as served,
            sync_playwright() as p,
        ):
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            for _, query in VIEWS:
                page = context.new_page()
                received = [0]

                def on_socket(ws, received=received):
                    ws.on(
                        "framereceived",
                        lambda payload: received.__setitem__(0, received[0] + len(payload)),
                    )

                page.on("websocket", on_socket)
                cpu0 = _cpu_seconds(served.pid)
                start = time.perf_counter()
                try:
                    page.goto(served.url + "/" + query)
                    page.wait_for_selector(FRAME, timeout=TIMEOUT_S * 1000)
                    frame = page.query_selector(FRAME).content_frame()
                    frame.wait_for_function(DRAWN[app], timeout=TIMEOUT_S * 1000, polling=50)
                    seconds = time.perf_counter() - start
                except PlaywrightTimeout:
                    seconds = math.inf
                # Let the app settle (reruns the map's own reports would trigger count too).
                page.wait_for_timeout(1500)
                cdp = context.new_cdp_session(page)
                cdp.send("Performance.enable")
                metrics = {
                    m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]
                }
                views.append(
                    View(
                        seconds,
                        received[0],
                        metrics.get("JSHeapUsedSize", 0) / 1e6,
                        _cpu_seconds(served.pid) - cpu0,
                    )
                )
                page.close()
            browser.close()
    return views


def _geomean(values: list[float]) -> float:
    """The geometric mean; a view that did not finish counts as the timeout (a lower bound)."""
    bounded = [min(v, TIMEOUT_S) for v in values]
    return math.exp(sum(math.log(max(v, 1e-9)) for v in bounded) / len(bounded))


def _fmt_bytes(n: float) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


def run() -> list[tuple[str, float, str, str, bool]]:
    install_static(PEERS / "static")
    rows: list[tuple[str, float, str, str, bool]] = []
    print("\nDashboard side by side (time to map drawn · websocket bytes · JS heap · server CPU)")
    for n in SIZES:
        db = store_path(n)
        results = {app: _measure_app(app, db) for app in APPS}
        print(f"\n{n:,} incidents")
        print(f"{'view':<24}" + "".join(f"{app:>44}" for app in APPS))
        for i, (name, _) in enumerate(VIEWS):
            cells = []
            for app in APPS:
                v = results[app][i]
                t = f"> {TIMEOUT_S} s (DNF)" if v.failed else f"{v.seconds:.2f} s"
                cells.append(
                    f"{t} · {_fmt_bytes(v.ws_bytes)} · {v.heap_mb:.0f} MB · {v.server_cpu:.2f} s"
                )
            print(f"{name:<24}" + "".join(f"{c:>44}" for c in cells))
        changes = {app: results[app][1:] for app in APPS}
        t = {app: _geomean([v.seconds for v in changes[app]]) for app in APPS}
        b = {
            app: math.exp(
                sum(math.log(max(v.ws_bytes, 1)) for v in changes[app]) / len(changes[app])
            )
            for app in APPS
        }
        for peer in ("tutorial", "cluster"):
            speed = t[peer] / t["atlas"]
            size = b[peer] / b["atlas"]
            bound = "at least " if any(v.failed for v in changes[peer]) else ""
            print(
                f"filter changes vs {peer}: {bound}{speed:.1f}× faster, {size:.1f}× fewer bytes "
                "(geometric means)"
            )
        worst_bytes = max(v.ws_bytes for v in changes["atlas"])
        worst_time = max(v.seconds for v in changes["atlas"])
        first = results["atlas"][0].seconds
        label = f"{n:,} incidents"
        rows += [
            (f"{label}: first load → map drawn", first, "s", "< 3 s", first < 3),
            (
                f"{label}: filter change → map drawn, worst",
                worst_time,
                "s",
                "< 1.5 s",
                worst_time < 1.5,
            ),
            (
                f"{label}: filter change bytes, worst",
                worst_bytes / 1e3,
                "KB",
                "< 100 KB",
                worst_bytes < 100e3,
            ),
            (
                f"{label}: speed vs tutorial (geomean)",
                t["tutorial"] / t["atlas"],
                "×",
                "≥ 10×",
                t["tutorial"] / t["atlas"] >= 10,
            ),
            (
                f"{label}: speed vs FastMarkerCluster",
                t["cluster"] / t["atlas"],
                "×",
                "> 1×",
                t["cluster"] / t["atlas"] > 1,
            ),
        ]
    return rows
