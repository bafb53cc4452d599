"""The incident domain: model, store, extraction, queries and the CLI.

The names below are imported when first used, so that a command which needs
only some of them (``incidents --help``) does not pay for all of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo._compat import lazy_attributes

if TYPE_CHECKING:
    from incidents.errors import AtlasError, InputError, StoreError
    from incidents.filters import Filter
    from incidents.frames import read, to_frame
    from incidents.model import Evidence, Incident, Location, Source
    from incidents.query import QueryResult, run
    from incidents.store import Store

__all__ = [
    "AtlasError",
    "Evidence",
    "Filter",
    "Incident",
    "InputError",
    "Location",
    "QueryResult",
    "Source",
    "Store",
    "StoreError",
    "read",
    "run",
    "to_frame",
]

_HOMES = {
    "AtlasError": "incidents.errors",
    "InputError": "incidents.errors",
    "StoreError": "incidents.errors",
    "Filter": "incidents.filters",
    "Evidence": "incidents.model",
    "Incident": "incidents.model",
    "Location": "incidents.model",
    "Source": "incidents.model",
    "QueryResult": "incidents.query",
    "run": "incidents.query",
    "read": "incidents.frames",
    "to_frame": "incidents.frames",
    "Store": "incidents.store",
}

__getattr__ = lazy_attributes(__name__, _HOMES)
