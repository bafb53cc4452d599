"""Turn a :class:`~incidents.model.Filter` into SQL and run it.

The filter's SQL predicate here and its in-memory twin
(:meth:`Filter.matches`) must agree; ``tests/incidents/test_query.py``
checks both on the same table of cases.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa

from incidents.filters import Filter
from incidents.model import Incident
from incidents.schema import TABLES
from incidents.store import Store

__all__ = [
    "Cell",
    "MapSummary",
    "QueryResult",
    "country_counts",
    "date_bounds",
    "map_summary",
    "predicate",
    "run",
    "timeline",
    "type_counts",
]

_incidents = TABLES["incidents"]
_countries = TABLES["countries"]
_assets = TABLES["assets"]
_regions = TABLES["location_regions"]


def predicate(flt: Filter) -> sa.ColumnElement[bool] | None:
    """The SQL condition on the ``incidents`` table that ``flt`` describes."""
    terms: list[sa.ColumnElement[bool]] = []
    # Inclusive range overlap: the incident ends on/after the start and
    # begins on/before the end.
    if flt.start is not None:
        terms.append(_incidents.c.end_date >= flt.start)
    if flt.end is not None:
        terms.append(_incidents.c.start_date <= flt.end)
    if flt.countries:
        terms.extend(_country_terms(flt))
    if flt.event_types:
        terms.append(_incidents.c.event_type.in_(sorted(flt.event_types)))
    if flt.regions:
        terms.append(_region_term(flt))
    if flt.text:
        pattern = (
            "%"
            + flt.text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            + "%"
        )
        terms.append(
            sa.or_(
                sa.func.lower(_incidents.c.title).like(pattern, escape="\\"),
                sa.func.lower(_incidents.c.summary).like(pattern, escape="\\"),
                _incidents.c.id.in_(
                    sa.select(_assets.c.incident_id).where(
                        sa.func.lower(_assets.c.name).like(pattern, escape="\\")
                    )
                ),
            )
        )
    return sa.and_(*terms) if terms else None


def _region_term(flt: Filter) -> sa.ColumnElement[bool]:
    """Incidents with a location in any of the filter's regions.

    Both backends look the regions up in ``location_regions``, computed on
    write by one spatial query. On PostGIS, ``ST_Intersects`` on the GiST-
    indexed ``geom`` column gives the same answer for every region (a test
    checks all of them) but took 2.1 s instead of 24 ms at 100,000 incidents:
    a region's outline has thousands of vertices, and telling a polygon that
    only shares a coast from one inside needs ``ST_Touches`` on each.
    """
    return _incidents.c.id.in_(
        sa.select(_regions.c.incident_id).where(_regions.c.region_id.in_(sorted(flt.regions)))
    )


def _country_terms(flt: Filter) -> list[sa.ColumnElement[bool]]:
    roles = ["actor", "responder"] if flt.include_responders else ["actor"]

    def with_country(codes: list[str]) -> sa.ColumnElement[bool]:
        return _incidents.c.id.in_(
            sa.select(_countries.c.incident_id).where(
                _countries.c.iso2.in_(codes), _countries.c.role.in_(roles)
            )
        )

    codes = sorted(flt.countries)
    if flt.match == "any":
        return [with_country(codes)]
    terms = [with_country([c]) for c in codes]  # every one of them takes part
    if flt.match == "exactly":
        terms.append(
            _incidents.c.id.not_in(
                sa.select(_countries.c.incident_id).where(
                    _countries.c.iso2.not_in(codes), _countries.c.role.in_(roles)
                )
            )
        )
    return terms


@dataclass(frozen=True)
class QueryResult:
    """Incidents matching a filter, with the filter's sentence for captions."""

    filter: Filter
    incidents: tuple[Incident, ...]
    #: The filter and the count in words.
    caption: str

    @property
    def count(self) -> int:
        """How many incidents matched."""
        return len(self.incidents)


def run(store: Store, flt: Filter, limit: int | None = None) -> QueryResult:
    """Incidents in ``store`` matching ``flt``, newest first."""
    ids = store.select_ids(predicate(flt), limit=limit)
    incidents = tuple(store.load(ids))
    return QueryResult(flt, incidents, flt.sentence(store.gazetteer, len(incidents)))


def country_counts(store: Store, flt: Filter) -> dict[str, int]:
    """For each country, how many incidents match ``flt`` apart from its countries.

    The counts shown next to each country in the country picker: they follow
    every other term (dates, types, regions, text, the responders switch), not
    the countries already picked.
    """
    dated = Filter(
        start=flt.start,
        end=flt.end,
        include_responders=flt.include_responders,
        event_types=flt.event_types,
        regions=flt.regions,
        text=flt.text,
    )
    roles = ["actor", "responder"] if flt.include_responders else ["actor"]
    query = (
        sa.select(_countries.c.iso2, sa.func.count(sa.distinct(_countries.c.incident_id)))
        .where(_countries.c.role.in_(roles))
        .group_by(_countries.c.iso2)
    )
    cond = predicate(dated)
    if cond is not None:
        query = query.where(_countries.c.incident_id.in_(sa.select(_incidents.c.id).where(cond)))
    with store.engine.connect() as conn:
        return {iso2: int(n) for iso2, n in conn.execute(query)}


def date_bounds(store: Store) -> tuple[dt.date, dt.date] | None:
    """The first start date and the last end date in the store (``None`` when empty)."""
    with store.engine.connect() as conn:
        lo, hi = conn.execute(
            sa.select(sa.func.min(_incidents.c.start_date), sa.func.max(_incidents.c.end_date))
        ).one()
    return (lo, hi) if lo is not None and hi is not None else None


def type_counts(store: Store, flt: Filter) -> dict[str, int]:
    """Incidents per event type for ``flt`` without its type term."""
    others = replace(flt, event_types=frozenset())
    query = sa.select(_incidents.c.event_type, sa.func.count()).group_by(_incidents.c.event_type)
    cond = predicate(others)
    if cond is not None:
        query = query.where(cond)
    with store.engine.connect() as conn:
        return {t: int(n) for t, n in conn.execute(query)}


@dataclass(frozen=True)
class Cell:
    """Incidents whose first location falls in one grid cell."""

    lon: float
    lat: float
    count: int
    by_type: dict[str, int]


@dataclass(frozen=True)
class MapSummary:
    """What the map needs for a filter, whatever the number of matches.

    ``incidents`` holds at most ``page_size`` newest incidents (for markers and
    the table); ``cells`` and ``region_counts`` (per sea, strait, ocean and
    zone) cover every match.
    """

    filter: Filter
    count: int
    incidents: tuple[Incident, ...]
    cells: tuple[Cell, ...]
    region_counts: dict[str, int]
    #: The filter and the count in words.
    caption: str

    @property
    def complete(self) -> bool:
        """True when every matching incident is in :attr:`incidents`."""
        return len(self.incidents) == self.count


def map_summary(
    store: Store, flt: Filter, *, page_size: int = 300, cell_degrees: float = 2.0
) -> MapSummary:
    """Count, newest incidents, grid cells and per-region counts for ``flt``, all in SQL."""
    cond = predicate(flt)
    loc = TABLES["locations"]
    cell_lon = sa.func.floor(loc.c.rep_lon / cell_degrees)
    cell_lat = sa.func.floor(loc.c.rep_lat / cell_degrees)
    count_q = sa.select(sa.func.count()).select_from(_incidents)
    cells_q = (
        sa.select(cell_lon, cell_lat, _incidents.c.event_type, sa.func.count())
        .select_from(loc.join(_incidents, _incidents.c.id == loc.c.incident_id))
        .where(loc.c.position == 0)
        .group_by(cell_lon, cell_lat, _incidents.c.event_type)
    )
    # Seas, straits and zones are what the map shades; countries and states
    # (a third of the rows) are left out of the count.
    shaded = sa.or_(_regions.c.region_id.like("water:%"), _regions.c.region_id.like("zone:%"))
    regions_q = (
        sa.select(_regions.c.region_id, sa.func.count())
        .where(shaded)
        .group_by(_regions.c.region_id)
    )
    if cond is not None:
        count_q, cells_q = count_q.where(cond), cells_q.where(cond)
        regions_q = regions_q.select_from(
            _regions.join(_incidents, _incidents.c.id == _regions.c.incident_id)
        ).where(cond)

    # The reads are independent: the three aggregates run on their own
    # connections beside the newest page (SQLite releases the GIL while it
    # works), so a filter change at 100,000 incidents waits for the slowest.
    def read(query: Any) -> list[Any]:
        with store.engine.connect() as conn:
            return list(conn.execute(query))

    with ThreadPoolExecutor(max_workers=3) as pool:
        counted, grouped_rows, regions = pool.map(read, (count_q, cells_q, regions_q))
        newest = store.load(store.select_ids(cond, limit=page_size))
    count = int(counted[0][0])
    grouped: dict[tuple[float, float], dict[str, int]] = {}
    for cx, cy, kind, n in grouped_rows:
        grouped.setdefault((float(cx), float(cy)), {})[kind] = int(n)
    region_counts = {r: int(n) for r, n in regions}
    cells = tuple(
        Cell(
            lon=(cx + 0.5) * cell_degrees,
            lat=(cy + 0.5) * cell_degrees,
            count=sum(types.values()),
            by_type=types,
        )
        for (cx, cy), types in sorted(grouped.items())
    )
    return MapSummary(
        flt, count, tuple(newest), cells, region_counts, flt.sentence(store.gazetteer, count)
    )


def timeline(store: Store, flt: Filter) -> list[tuple[dt.date, str, int]]:
    """(first day of month, event type, count) for ``flt`` over all dates.

    The date terms are left out so the timeline shows where the current range
    sits in the whole record; grouping by day in SQL and by month here keeps
    the query portable across SQLite and PostgreSQL.
    """
    undated = replace(flt, start=None, end=None)
    query = sa.select(_incidents.c.start_date, _incidents.c.event_type, sa.func.count()).group_by(
        _incidents.c.start_date, _incidents.c.event_type
    )
    cond = predicate(undated)
    if cond is not None:
        query = query.where(cond)
    months: dict[tuple[dt.date, str], int] = {}
    with store.engine.connect() as conn:
        for day, kind, n in conn.execute(query):
            key = (day.replace(day=1), kind)
            months[key] = months.get(key, 0) + int(n)
    return sorted((month, kind, n) for (month, kind), n in months.items())
