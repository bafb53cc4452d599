"""Leaflet and its plugins from local files, never from a CDN.

folium's elements name their scripts and stylesheets by CDN URL in
``default_js``/``default_css``; streamlit-folium loads whatever they say.
Every rewrite to local URLs happens here, in one place. The files come from
PyPI's XStatic packages and are copied into the app's ``static/`` folder,
which Streamlit serves at ``/app/static/`` (``server.enableStaticServing``).

``default_js`` is a class attribute shared by every instance of a class, so
we set *instance* attributes and leave folium's classes untouched.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import folium
from folium.plugins import Draw

from geo.basemap import WEB_DIR, web_version

__all__ = [
    "STATIC_URL",
    "install_static",
    "local_css",
    "local_js",
    "localize",
    "localize_draw",
    "static_file",
    "web_url",
]

#: Where Streamlit serves ``<app folder>/static``.
STATIC_URL = "/app/static/vendor"


def _packages() -> dict[str, Path]:
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as markercluster

    return {
        f"leaflet-{leaflet.VERSION}": Path(leaflet.BASE_DIR),
        f"leaflet.markercluster-{markercluster.VERSION}": Path(markercluster.BASE_DIR),
        f"leaflet.draw-{LEAFLET_DRAW_VERSION}": _leaflet_draw_dir(),
        # The static base map (geo.basemap); its version changes with its content.
        f"basemap-{web_version()}": WEB_DIR,
    }


#: Leaflet.draw has no XStatic package; django-leaflet (on PyPI) ships its
#: files unchanged, so we take them from there. We only read its static
#: folder: importing the package would need a configured Django.
LEAFLET_DRAW_VERSION = "1.0.4"


def _leaflet_draw_dir() -> Path:
    spec = importlib.util.find_spec("leaflet")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "Leaflet.draw is missing: install the 'django-leaflet' package "
            "(a dependency of incident-atlas; `make run` installs it)."
        )
    return Path(next(iter(spec.submodule_search_locations))) / "static" / "leaflet" / "draw"


def _folder(prefix: str) -> str:
    return next(name for name in _packages() if name.startswith(prefix + "-"))


def install_static(static_dir: Path) -> Path:
    """Copy the XStatic files into ``static_dir/vendor`` (once per version).

    Parameters
    ----------
    static_dir
        The ``static`` folder next to ``app.py``.

    Returns
    -------
    Path
        The vendor folder.
    """
    vendor = Path(static_dir) / "vendor"
    for name, source in _packages().items():
        target = vendor / name
        if not (target / ".complete").exists():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.map", "*.esm.js"))
            (target / ".complete").write_text("ok\n", encoding="utf-8")
    return vendor


def web_url() -> str:
    """Where the static base map files (``geo.basemap.WEB_ASSETS``) are served."""
    return f"{STATIC_URL}/{_folder('basemap')}"


def local_js() -> list[tuple[str, str]]:
    """(name, URL) pairs of the scripts a map needs, served locally."""
    return [("leaflet", f"{STATIC_URL}/{_folder('leaflet')}/leaflet.js")]


def local_css() -> list[tuple[str, str]]:
    """(name, URL) pairs of the stylesheets a map needs, served locally."""
    return [("leaflet_css", f"{STATIC_URL}/{_folder('leaflet')}/leaflet.css")]


def localize(m: folium.Map) -> folium.Map:
    """Point a map at the local Leaflet and drop folium's other CDN assets.

    jQuery, Bootstrap and Font Awesome are only needed for folium's
    ``Icon`` markers; our layers draw circle markers and plain DOM popups.
    """
    m.default_js = local_js()
    m.default_css = local_css()
    return m


def localize_draw(draw: Draw) -> Draw:
    """Point folium's Draw plugin at the local Leaflet.draw files."""
    folder = f"{STATIC_URL}/{_folder('leaflet.draw')}"
    draw.default_js = [("leaflet_draw_js", f"{folder}/leaflet.draw.js")]
    draw.default_css = [("leaflet_draw_css", f"{folder}/leaflet.draw.css")]
    return draw


def static_file(url_path: str) -> Path | None:
    """The local file behind a ``STATIC_URL`` path, or ``None`` if there is none.

    Lets a page rendered outside Streamlit (the PNG export) load the same
    files without a web server.
    """
    prefix = STATIC_URL + "/"
    if not url_path.startswith(prefix):
        return None
    folder, _, rest = url_path[len(prefix) :].partition("/")
    base = _packages().get(folder)
    if base is None or not rest:
        return None
    candidate = (base / rest).resolve()
    if base.resolve() not in candidate.parents or not candidate.is_file():
        return None  # no walking out of the package folder
    return candidate
