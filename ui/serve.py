"""``make run``: start the dashboard with its heavy modules already loaded.

``streamlit run`` imports an app's modules when the first visitor's script
runs, so that visitor waits about two seconds for pandas, folium, SQLAlchemy
and the gazetteer's regions. Here they load before the server listens, in
the same process, and every session finds them in ``sys.modules``.

Offline by default: served on every interface (``HOST=0.0.0.0``), Streamlit
would ask a third-party host for the machine's public address to print an
"External URL" line. :func:`keep_offline` turns that lookup off.

Only modules that do not touch Streamlit are loaded early: the ``ui``
modules declare Streamlit caches and streamlit-folium registers its
component, and both need the running server (a component registered before
it answers 404).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"
#: What a first visit to the map page would otherwise import.
PRELOAD = (
    "pandas",
    "pyarrow",
    "folium",
    "sqlalchemy",
    "geo.overlay",
    "geo.assets",
    "incidents.ingest",
    "incidents.mapview",
    "incidents.query",
    "incidents.store",
    "incidents.tally",
    # The page icon is an emoji: Streamlit checks it against a catalogue it loads on first use.
    "streamlit.emojis",
)


def preload() -> None:
    """Import the map page's dependencies and load the gazetteer's regions."""
    for name in PRELOAD:
        importlib.import_module(name)
    from ui.services import gazetteer, warm_store

    gazetteer()  # the app's own cached one: regions, countries, places; cities wait for a lookup
    warm_store()


def keep_offline() -> None:
    """Never ask another host for this machine's public address (only the banner used it)."""
    from streamlit import net_util

    net_util.get_external_ip = lambda: None


def main(argv: list[str] | None = None) -> None:
    """``python -m ui.serve [streamlit options]`` = ``streamlit run app.py [options]``."""
    keep_offline()
    preload()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
