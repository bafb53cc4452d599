"""Turn a :class:`~incidents.model.Filter` into SQL and run it.

The filter's SQL predicate here, its in-memory twin (:meth:`Filter.matches`)
and the dashboard's arrays (:class:`incidents.tally.Tally`) must agree;
``tests/incidents/test_query.py`` checks all three on the same table of cases.
Counts for the map, the sidebar and the timeline are in :mod:`incidents.tally`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from incidents.filters import Filter
from incidents.model import Incident
from incidents.schema import TABLES
from incidents.store import Store

__all__ = ["QueryResult", "date_bounds", "predicate", "run"]

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


def date_bounds(store: Store) -> tuple[dt.date, dt.date] | None:
    """The first start date and the last end date in the store (``None`` when empty)."""
    with store.engine.connect() as conn:
        lo, hi = conn.execute(
            sa.select(sa.func.min(_incidents.c.start_date), sa.func.max(_incidents.c.end_date))
        ).one()
    return (lo, hi) if lo is not None and hi is not None else None
