"""Turn a :class:`~incidents.model.Filter` into SQL and run it.

The filter's SQL predicate here and its in-memory twin
(:meth:`Filter.matches`) must agree; ``tests/incidents/test_query.py``
checks both on the same table of cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import sqlalchemy as sa

from incidents.filters import Filter
from incidents.model import Incident
from incidents.store import TABLES, Store

__all__ = [
    "QueryResult",
    "country_counts",
    "date_bounds",
    "predicate",
    "run",
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
        terms.append(
            _incidents.c.id.in_(
                sa.select(_regions.c.incident_id).where(
                    _regions.c.region_id.in_(sorted(flt.regions))
                )
            )
        )
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
