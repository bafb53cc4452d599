"""Turn a :class:`~incidents.model.Filter` into SQL and run it.

The filter's SQL predicate here and its in-memory twin
(:meth:`Filter.matches`) must agree; ``tests/incidents/test_query.py``
checks both on the same table of cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from incidents.model import Filter, Incident
from incidents.store import TABLES, Store

__all__ = ["QueryResult", "country_counts", "date_bounds", "predicate", "run"]

_incidents = TABLES["incidents"]
_countries = TABLES["countries"]


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
        roles = ["actor", "responder"] if flt.include_responders else ["actor"]
        terms.append(
            _incidents.c.id.in_(
                sa.select(_countries.c.incident_id).where(
                    _countries.c.iso2.in_(sorted(flt.countries)), _countries.c.role.in_(roles)
                )
            )
        )
    return sa.and_(*terms) if terms else None


@dataclass(frozen=True)
class QueryResult:
    """Incidents matching a filter, with the filter's sentence for captions."""

    filter: Filter
    incidents: tuple[Incident, ...]

    @property
    def count(self) -> int:
        """How many incidents matched."""
        return len(self.incidents)

    @property
    def caption(self) -> str:
        """The filter and the count in words."""
        return self.filter.sentence(self.count)


def run(store: Store, flt: Filter, limit: int | None = None) -> QueryResult:
    """Incidents in ``store`` matching ``flt``, newest first."""
    ids = store.select_ids(predicate(flt), limit=limit)
    return QueryResult(flt, tuple(store.load(ids)))


def country_counts(store: Store, flt: Filter) -> dict[str, int]:
    """For each country, how many incidents match the date part of ``flt`` with it taking part.

    The counts shown next to each country in the country picker: they follow
    the date range and the responders switch, not the countries already picked.
    """
    dated = Filter(start=flt.start, end=flt.end, include_responders=flt.include_responders)
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
