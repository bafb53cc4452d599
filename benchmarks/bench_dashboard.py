"""The dashboard side by side with the two apps a user would otherwise write.

Same machine, same run, same generated store: the Atlas (``app.py``), the
streamlit-folium tutorial (one folium marker per incident through
``st_folium``) and folium's FastMarkerCluster in a short Streamlit app
(``benchmarks/peers/``). Each app is timed two ways:

- **links**: a first load, then three views opened by URL, as a user opening a
  shared link would (a fresh page each: the page itself boots every time);
- **filter changes**: in one open page, three changes made in the sidebar's
  widgets, as a user narrowing a view would. The peers have the same widgets
  under the same labels, so one script drives all three apps.

For each: time until the map is drawn in headless Chromium; bytes received
over the Streamlit websocket (the base map fetched as a static file is not
counted: the browser keeps it); the page's JS heap afterwards; and CPU
seconds the server process spent.

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
from geo.gazetteer import Gazetteer
from incidents.accounts import LOCAL_ADMIN
from incidents.store import Store
from incidents.testing import CHROMIUM, CHROMIUM_ARGS, ROOT, serve_streamlit, synthetic_incidents

#: One gazetteer for the whole benchmark, as the app holds one.
GAZ = Gazetteer()

SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(","))
PEERS = ROOT / "benchmarks" / "peers"
#: Shared links: a first load, then three views opened by URL.
LINKS = (
    ("first load", ""),
    ("link: RU", "?countries=RU"),
    ("link: CN since 2025", "?countries=CN&start=2025-01-01"),
    ("link: IR seizures since 2024", "?countries=IR&types=seizure&start=2024-01-01"),
)
#: Filter changes in an open page: (sidebar widget, what the user types, then Enter).
CHANGES = (
    ("Participating countries", "Russia"),
    ("Participating countries", "China"),
    ("Event types", "intercept"),
)
FRAME = "iframe[src*='streamlit_folium']"
#: When each app's map counts as drawn (evaluated in the map's frame).
DRAWN = {
    "atlas": "window.atlasOverlayDrawn >= 1",
    "tutorial": "window.map && (document.querySelectorAll('.leaflet-marker-icon').length > 0 || window.map._loaded)",
    "cluster": "window.map && (document.querySelectorAll('.marker-cluster, .leaflet-marker-icon').length > 0 || window.map._loaded)",
}
#: After a change: the Atlas swaps the overlay of the map it keeps, so its
#: counter moves; the peers' maps are new, so a frame not marked before counts.
REDRAWN = "() => window.__benchOld ? (window.atlasOverlayDrawn || 0) > window.__benchMark : !!(%s)"
#: Streamlit shows its status widget while a script runs.
IDLE = "() => !document.querySelector(\"[data-testid='stStatusWidget']\")"
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
        store = Store(f"sqlite:///{tmp}", GAZ)
        store.add_many(synthetic_incidents(GAZ, n), by=LOCAL_ADMIN)
        store.dispose()
        tmp.rename(path)
    return path


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class _Meter:
    """Bytes over the page's websocket and the server's CPU, from a starting point."""

    def __init__(self, page, pid: int) -> None:
        self.pid, self.received = pid, 0
        page.on("websocket", self._on_socket)
        self.start()

    def _on_socket(self, ws) -> None:
        ws.on("framereceived", self._count)

    def _count(self, payload) -> None:
        self.received += len(payload)

    def start(self) -> None:
        self.received, self.cpu0, self.t0 = 0, _cpu_seconds(self.pid), time.perf_counter()

    def view(self, page, seconds: float) -> View:
        # Let the app settle: reruns the map's own reports would trigger count too.
        page.wait_for_timeout(1500)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        heap = metrics.get("JSHeapUsedSize", 0) / 1e6
        return View(seconds, self.received, heap, _cpu_seconds(self.pid) - self.cpu0)


def _open(page, url: str, app: str) -> bool:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.goto(url)
        page.wait_for_selector(FRAME, timeout=TIMEOUT_S * 1000)
        frame = page.query_selector(FRAME).content_frame()
        frame.wait_for_function(DRAWN[app], timeout=TIMEOUT_S * 1000, polling=50)
    except PlaywrightTimeout:
        return False
    return True


def _redrawn(page, app: str) -> bool:
    for frame in page.frames:
        if "streamlit_folium" not in frame.url:
            continue
        try:
            if frame.evaluate(REDRAWN % DRAWN[app]):
                return True
        except Exception:  # a frame going away while it is replaced
            continue
    return False


def _change(page, app: str, widget: str, typed: str, meter: _Meter) -> View:
    """Pick one option in a sidebar multiselect; time until the map shows it."""
    for frame in page.frames:
        try:
            frame.evaluate(
                "() => { window.__benchOld = true; window.__benchMark = window.atlasOverlayDrawn || 0; }"
            )
        except Exception:
            continue
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = page.locator("[data-testid='stMultiSelect']").filter(has_text=widget).locator("input")
    try:
        # The previous run must be over: a running script leaves widgets stale.
        page.wait_for_function(IDLE, timeout=TIMEOUT_S * 1000, polling=100)
        box.click(timeout=TIMEOUT_S * 1000)
        box.press_sequentially(typed)
    except PlaywrightTimeout:
        return View(math.inf, 0, 0.0, 0.0)
    meter.start()
    box.press("Enter")
    seconds = math.inf
    while time.perf_counter() - meter.t0 < TIMEOUT_S:
        if _redrawn(page, app):
            seconds = time.perf_counter() - meter.t0
            break
        page.wait_for_timeout(25)
    view = meter.view(page, seconds)
    page.keyboard.press("Escape")
    return view


def _measure_app(app: str, db: Path) -> tuple[list[View], list[View]]:
    """The app's link views, then its filter changes in one open page."""
    from playwright.sync_api import sync_playwright

    links: list[View] = []
    changes: list[View] = []
    with tempfile.TemporaryDirectory() as data:
        shutil.copy(db, Path(data) / "incidents.sqlite")
        with (
            serve_streamlit(APPS[app], Path(data)) as served,
            sync_playwright() as p,
        ):
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            for _, query in LINKS:
                page = context.new_page()
                meter = _Meter(page, served.pid)
                drawn = _open(page, served.url + "/" + query, app)
                seconds = time.perf_counter() - meter.t0 if drawn else math.inf
                links.append(meter.view(page, seconds))
                page.close()
            page = context.new_page()
            meter = _Meter(page, served.pid)
            opened = _open(page, served.url + "/", app)
            page.wait_for_timeout(1500)
            for widget, typed in CHANGES:
                if opened:
                    changes.append(_change(page, app, widget, typed, meter))
                else:
                    changes.append(View(math.inf, 0, 0.0, 0.0))
            browser.close()
    return links, changes


def _geomean(values: list[float]) -> float:
    """The geometric mean; a view that did not finish counts as the timeout (a lower bound)."""
    bounded = [min(v, TIMEOUT_S) for v in values]
    return math.exp(sum(math.log(max(v, 1e-9)) for v in bounded) / len(bounded))


def _fmt_bytes(n: float) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


def _ratios(views: dict[str, list[View]]) -> tuple[dict[str, float], dict[str, float]]:
    """Geometric means of time and bytes per app."""
    t = {app: _geomean([v.seconds for v in vs]) for app, vs in views.items()}
    # A view that never finished received an unknown number of bytes: left out.
    done = {app: [v for v in vs if not v.failed] or vs for app, vs in views.items()}
    b = {
        app: math.exp(sum(math.log(max(v.ws_bytes, 1)) for v in vs) / len(vs))
        for app, vs in done.items()
    }
    return t, b


def _print_views(names: list[str], views: dict[str, list[View]]) -> None:
    for i, name in enumerate(names):
        cells = []
        for app in APPS:
            v = views[app][i]
            t = f"> {TIMEOUT_S} s (DNF)" if v.failed else f"{v.seconds:.2f} s"
            cells.append(
                f"{t} · {_fmt_bytes(v.ws_bytes)} · {v.heap_mb:.0f} MB · {v.server_cpu:.2f} s"
            )
        print(f"{name:<30}" + "".join(f"{c:>44}" for c in cells))


def _print_ratios(what: str, views: dict[str, list[View]]) -> tuple[dict[str, float], ...]:
    t, b = _ratios(views)
    for peer in ("tutorial", "cluster"):
        bound = "at least " if any(v.failed for v in views[peer]) else ""
        size = (
            "bytes unknown (no view finished)"
            if all(v.failed for v in views[peer])
            else f"{b[peer] / b['atlas']:.1f}× fewer bytes"
        )
        print(
            f"{what} vs {peer}: {bound}{t[peer] / t['atlas']:.1f}× faster, {size} (geometric means)"
        )
    return t, b


def _warm_up(db: Path) -> None:
    """Open one peer page, unmeasured, so that no app pays for a cold disk cache.

    The first browser and the first Streamlit front end started on this machine
    read their files from disk; whichever app went first would pay for it.
    """
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as data:
        shutil.copy(db, Path(data) / "incidents.sqlite")
        with serve_streamlit(APPS["cluster"], Path(data)) as served, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            _open(browser.new_page(), served.url + "/", "cluster")
            browser.close()


def run() -> list[tuple[str, float, str, str, bool]]:
    install_static(PEERS / "static")
    _warm_up(store_path(min(SIZES)))
    rows: list[tuple[str, float, str, str, bool]] = []
    print("\nDashboard side by side (time to map drawn · websocket bytes · JS heap · server CPU)")
    for n in SIZES:
        db = store_path(n)
        results = {app: _measure_app(app, db) for app in APPS}
        links = {app: r[0] for app, r in results.items()}
        changes = {app: r[1] for app, r in results.items()}
        print(f"\n{n:,} incidents")
        print(f"{'view':<30}" + "".join(f"{app:>44}" for app in APPS))
        _print_views([name for name, _ in LINKS], links)
        _print_views([f"change: + {typed}" for _, typed in CHANGES], changes)
        _print_ratios("shared links", {app: vs[1:] for app, vs in links.items()})
        t, _ = _print_ratios("filter changes", changes)
        worst_bytes = max(v.ws_bytes for v in changes["atlas"])
        worst_time = max(v.seconds for v in changes["atlas"])
        first = links["atlas"][0].seconds
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
                f"{label}: filter changes vs tutorial (geomean)",
                t["tutorial"] / t["atlas"],
                "×",
                "≥ 10×",
                t["tutorial"] / t["atlas"] >= 10,
            ),
            (
                f"{label}: filter changes vs FastMarkerCluster",
                t["cluster"] / t["atlas"],
                "×",
                "> 1×",
                t["cluster"] / t["atlas"] > 1,
            ),
        ]
    return rows
