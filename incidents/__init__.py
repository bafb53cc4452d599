"""The incident domain: model, store, extraction, queries and the CLI."""

from incidents.errors import AtlasError, InputError, StoreError
from incidents.filters import Filter
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
    "run",
]
