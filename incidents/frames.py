"""Incidents as a GeoDataFrame: the Python API for notebooks and GIS work.

``incidents.read()`` gives one row per incident, newest first, with its focus
as the geometry (several focus shapes become one collection) and list columns
for the countries, assets and places. It is what analysts who outgrow the
dashboard open in a notebook, without exporting a file and reading it back::

    import incidents
    frame = incidents.read(countries={"RU", "CN"}, start=datetime.date(2024, 1, 1))
    frame.explore()

Needs geopandas (the ``gis`` extra, which ``make`` installs).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import shapely

from geo._compat import import_optional
from incidents.filters import Filter
from incidents.focus import focus_of
from incidents.model import Incident

if TYPE_CHECKING:
    import geopandas

    from geo.gazetteer import Gazetteer

__all__ = ["read", "to_frame"]

#: The frame's columns, geometry last.
COLUMNS = (
    "id",
    "title",
    "start_date",
    "end_date",
    "date_precision",
    "event_type",
    "actors",
    "responders",
    "assets",
    "regions",
    "context",
    "summary",
    "confidence",
    "sources",
    "geometry",
)


def to_frame(incidents: Sequence[Incident]) -> geopandas.GeoDataFrame:
    """One row per incident (EPSG:4326); see :data:`COLUMNS`."""
    gpd = import_optional("geopandas", "gis", "A GeoDataFrame of incidents")
    rows: list[dict[str, Any]] = []
    for incident in incidents:
        focus = focus_of(incident)
        shapes = [loc.geometry for loc in focus]
        rows.append(
            {
                "id": incident.id,
                "title": incident.title,
                "start_date": incident.start_date,
                "end_date": incident.last_date,
                "date_precision": incident.date_precision,
                "event_type": incident.event_type,
                "actors": list(incident.actors),
                "responders": list(incident.responders),
                "assets": list(incident.assets),
                "regions": [loc.name for loc in focus],
                "context": [loc.name for loc in incident.locations if loc not in focus],
                "summary": incident.summary,
                "confidence": incident.confidence,
                "sources": [s.url or s.label() for s in incident.sources],
                "geometry": (
                    None
                    if not shapes
                    else shapes[0]
                    if len(shapes) == 1
                    else shapely.GeometryCollection(shapes)
                ),
            }
        )
    return gpd.GeoDataFrame(rows, columns=list(COLUMNS), geometry="geometry", crs="EPSG:4326")


def read(
    db_url: str | None = None, *, gazetteer: Gazetteer | None = None, **filters: Any
) -> geopandas.GeoDataFrame:
    """The incidents of a store matching ``filters``, as a GeoDataFrame, newest first.

    Parameters
    ----------
    db_url
        The store (an SQLAlchemy URL); default the one the dashboard uses
        (``INCIDENTS_DB_URL``, else the data folder's SQLite file).
    gazetteer
        A gazetteer already loaded (a notebook that reads often keeps one);
        the package's is loaded for this call when omitted.
    **filters
        Any :class:`~incidents.filters.Filter` field: ``start``, ``end``
        (dates), ``countries`` (ISO codes), ``match`` ("any", "all",
        "exactly"), ``include_responders``, ``event_types``, ``regions``
        (gazetteer ids), ``text``. Collections may be any iterable.

    Raises
    ------
    InputError
        A filter value is not allowed (the message says what is).
    """
    from geo.gazetteer import Gazetteer
    from incidents.config import Settings
    from incidents.query import run
    from incidents.store import Store

    flt = Filter(**{k: _frozen(v) for k, v in filters.items()})
    store = Store(db_url or Settings.from_env().db_url, gazetteer or Gazetteer())
    try:
        return to_frame(run(store, flt).incidents)
    finally:
        store.dispose()


def _frozen(value: Any) -> Any:
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        return frozenset(value)
    return value
