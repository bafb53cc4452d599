"""Render a map page to PNG in headless Chromium, once it has finished drawing.

The usual recipes (a fixed sleep, Chrome's ``--screenshot``) capture
half-drawn maps. Here the page is loaded from memory at a made-up origin,
every request it makes is answered by us — the page itself and the local
Leaflet files — and the capture waits until the page's own script says its
layers are drawn and no tile is still loading. Requests to any other host
are refused unless their host is in ``allow_hosts`` (the web tile server the
user picked), so an export never leaks to the network by accident.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from geo._compat import import_optional
from geo.assets import static_file
from geo.errors import ScreenshotError

__all__ = ["CHROMIUM_ARGS", "find_chromium", "render_png", "render_pngs"]

#: Flags for a headless Chromium that makes no background connections.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
_ORIGIN = "http://atlas.render"
_READY_JS = """() => {
    if (!(window.atlasOverlayDrawn >= 1) || !window.atlasFrameDrawn) { return false; }
    const loading = document.querySelectorAll('.leaflet-tile-container img:not(.leaflet-tile-loaded)');
    return loading.length === 0;
}"""


def find_chromium(configured: str | None = None) -> str:
    """The Chromium (or Chrome) executable to use.

    Looks at ``configured``, then ``INCIDENTS_CHROMIUM``, then ``PATH``.

    Raises
    ------
    ScreenshotError
        None is installed; the message says how to install one.
    """
    for candidate in (configured, os.environ.get("INCIDENTS_CHROMIUM")):
        if candidate:
            if Path(candidate).is_file() or shutil.which(candidate):
                return shutil.which(candidate) or candidate
            raise ScreenshotError(
                f"The browser {candidate!r} set for screenshots does not exist; "
                "point INCIDENTS_CHROMIUM at a Chromium or Chrome executable."
            )
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    raise ScreenshotError(
        "Picture exports need Chromium or Chrome and none was found. Install one "
        "(Debian/Ubuntu: apt-get install -y chromium; macOS: brew install --cask chromium) "
        "or set INCIDENTS_CHROMIUM to its path."
    )


@dataclass(frozen=True)
class _Page:
    html: str
    allow_hosts: frozenset[str]


def render_png(
    html: str,
    *,
    width: int,
    height: int,
    scale: float = 1.0,
    allow_hosts: frozenset[str] = frozenset(),
    timeout_s: float = 30.0,
    chromium: str | None = None,
) -> bytes:
    """Load ``html`` in headless Chromium at ``width`` x ``height`` CSS pixels and capture it.

    Parameters
    ----------
    html
        A whole page whose script sets ``window.atlasOverlayDrawn`` and
        ``window.atlasFrameDrawn`` when it has drawn everything.
    width, height
        The viewport in CSS pixels; the PNG is ``scale`` times larger.
    scale
        Device pixel ratio: 2 gives a sharp picture for print.
    allow_hosts
        Hosts the page may fetch from (web tiles); all others are refused.

    Raises
    ------
    ScreenshotError
        No browser, or the page did not finish drawing within ``timeout_s``.
    """
    return render_pngs(
        [html],
        width=width,
        height=height,
        scale=scale,
        allow_hosts=allow_hosts,
        timeout_s=timeout_s,
        chromium=chromium,
    )[0]


def render_pngs(
    pages: list[str],
    *,
    width: int,
    height: int,
    scale: float = 1.0,
    allow_hosts: frozenset[str] = frozenset(),
    timeout_s: float = 30.0,
    chromium: str | None = None,
    before_capture: Callable[[Any], None] | None = None,
    swaps: Sequence[str] = (),
) -> list[bytes]:
    """Like :func:`render_png` for several pages, with one browser for all of them.

    ``before_capture`` is called with each Playwright page once it has drawn,
    so a caller (a test) can check the page itself, not only its picture.
    ``swaps`` are scripts run on the last page after its capture, each
    followed by another capture: a deck's slides redraw one loaded page
    (``window.atlasSwap``) instead of loading the base map again each time.
    """
    sync_api = import_optional("playwright.sync_api", "browser", "Exporting a picture")
    executable = find_chromium(chromium)
    shots: list[bytes] = []
    with sync_api.sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        except sync_api.Error as exc:
            raise ScreenshotError(f"Could not start {executable}: {exc.message}") from exc
        try:
            context = browser.new_context(
                viewport={"width": width, "height": height}, device_scale_factor=scale
            )

            def capture(page: Any) -> None:
                try:
                    page.wait_for_function(_READY_JS, timeout=timeout_s * 1000, polling=50)
                except sync_api.TimeoutError:
                    raise ScreenshotError(
                        f"The map did not finish drawing within {timeout_s:.0f} s "
                        "(a web tile server that does not answer?)."
                    ) from None
                if before_capture is not None:
                    before_capture(page)
                shots.append(page.screenshot(type="png", full_page=False))

            for n, html in enumerate(pages, start=1):
                page = context.new_page()
                page.route("**/*", _handler(_Page(html, allow_hosts)))
                page.goto(_ORIGIN + "/", wait_until="load", timeout=timeout_s * 1000)
                capture(page)
                if n == len(pages):
                    for script in swaps:
                        page.evaluate(script)
                        capture(page)
                page.close()
        finally:
            browser.close()
    return shots


def _handler(spec: _Page) -> Any:
    # Playwright passes as many arguments as the handler takes: take the route only.
    return lambda route: _answer(route, spec)


def _answer(route: Any, spec: _Page) -> None:
    url = urlparse(route.request.url)
    if f"{url.scheme}://{url.netloc}" == _ORIGIN:
        if url.path == "/":
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=spec.html)
            return
        local = static_file(url.path)
        if local is not None:
            route.fulfill(status=200, path=str(local))
            return
        route.fulfill(status=404, body="")
        return
    if url.hostname in spec.allow_hosts:
        route.continue_()
        return
    route.abort()
