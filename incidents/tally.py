"""Counts for the map, the sidebar and the timeline, from arrays read once per store revision.

A filter change at 100,000 incidents asked SQL for three aggregates over the
matching rows (a count, grid cells, per-region counts): the region counts
alone visit half a million rows, and together they took 0.5–0.8 s of the
server's CPU. A :class:`Tally` reads every incident's filterable facts once
(dates, type, countries by role, first place, regions) as numpy arrays in
about 0.4 s, after which any filter is a few boolean operations and a
bincount: a few milliseconds at 100,000.

The dashboard keeps one tally per store revision; a one-off caller (a PNG
export) reads one for its single filter. Its matches must agree with the SQL
predicate of :mod:`incidents.query`; ``tests/incidents/test_query.py`` checks
the two on the same table of cases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import sqlalchemy as sa

from incidents.filters import Filter
from incidents.model import Incident
from incidents.query import predicate
from incidents.schema import TABLES
from incidents.store import Store, raw_rows

__all__ = ["Cell", "MapSummary", "Tally", "map_summary"]

_incidents = TABLES["incidents"]
_countries = TABLES["countries"]
_locations = TABLES["locations"]
_regions = TABLES["location_regions"]
#: Region ids the map shades with counts: seas, straits and zones (countries are left out).
_SHADED = ("water:", "zone:")


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


@dataclass(frozen=True, eq=False)
class Tally:
    """Every stored incident's filterable facts, one array position per incident.

    Positions run newest first (start date, then id, descending), the order
    of :meth:`Store.select_ids`. Country roles and regions are kept as the
    positions that have them, so a filter term is a union of a few arrays.
    """

    store: Store
    ids: np.ndarray
    start: np.ndarray
    end: np.ndarray
    #: Event types in alphabetical order, and each incident's index into them.
    types: tuple[str, ...]
    type_code: np.ndarray
    #: The first location's representative point (NaN when an incident has none).
    lon: np.ndarray
    lat: np.ndarray
    #: (ISO code, role) → positions of the incidents where that country has that role.
    members: Mapping[tuple[str, str], np.ndarray]
    #: Region id → positions of the incidents with a location in it.
    regions: Mapping[str, np.ndarray]

    @classmethod
    def read(cls, store: Store) -> Tally:
        """The store's incidents as they are now, in five queries."""
        with store.engine.connect() as conn:
            # One snapshot: a write committed between these reads cannot mix two states.
            if conn.dialect.name == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")
            conn.begin()
            (row,) = raw_rows(
                conn,
                sa.select(
                    _joined(_incidents.c.id),
                    _joined(_incidents.c.start_date),
                    _joined(_incidents.c.end_date),
                ),
            )
            typed = raw_rows(
                conn,
                sa.select(_incidents.c.event_type, _joined(_incidents.c.id)).group_by(
                    _incidents.c.event_type
                ),
            )
            roles = raw_rows(
                conn,
                sa.select(
                    _countries.c.iso2, _countries.c.role, _joined(_countries.c.incident_id)
                ).group_by(_countries.c.iso2, _countries.c.role),
            )
            firsts = raw_rows(
                conn,
                sa.select(
                    _locations.c.incident_id, _locations.c.rep_lon, _locations.c.rep_lat
                ).where(_locations.c.position == 0),
            )
            regions = raw_rows(
                conn,
                sa.select(_regions.c.region_id, _joined(_regions.c.incident_id)).group_by(
                    _regions.c.region_id
                ),
            )
        ids = _ints(row[0])
        start, end = _days(row[1]), _days(row[2])
        # Newest first, as the store lists them.
        order = np.lexsort((-ids, -start.astype(np.int64)))
        ids, start, end = ids[order], start[order], end[order]
        where = _Positions(ids)
        types = tuple(sorted(kind for kind, _ in typed))
        type_code = np.zeros(len(ids), dtype=np.int16)
        for kind, joined in typed:
            type_code[where.of(_ints(joined))] = types.index(kind)
        lon = np.full(len(ids), np.nan)
        lat = np.full(len(ids), np.nan)
        if firsts:
            points = np.array(firsts, dtype=float)
            at, found = where.aligned(points[:, 0].astype(np.int64))
            lon[at], lat[at] = points[found, 1], points[found, 2]
        tally = cls(
            store=store,
            ids=ids,
            start=start,
            end=end,
            types=types,
            type_code=type_code,
            lon=lon,
            lat=lat,
            members={(iso2, role): where.of(_ints(j)) for iso2, role, j in roles},
            regions={region: where.of(_ints(j)) for region, j in regions},
        )
        for array in (
            ids,
            start,
            end,
            type_code,
            lon,
            lat,
            *tally.members.values(),
            *tally.regions.values(),
        ):
            array.flags.writeable = False  # shared by every session of the dashboard
        return tally

    def __len__(self) -> int:
        return len(self.ids)

    # ----------------------------------------------------------------- matching
    def matches(self, flt: Filter) -> np.ndarray:
        """One boolean per position: whether that incident matches ``flt``.

        Text is the one term not in the arrays: its matching ids come from SQL.
        """
        keep = np.ones(len(self), dtype=bool)
        if flt.start is not None:
            keep &= self.end >= np.datetime64(flt.start, "D")
        if flt.end is not None:
            keep &= self.start <= np.datetime64(flt.end, "D")
        if flt.countries:
            keep &= self._countries(flt)
        if flt.event_types:
            codes = [self.types.index(t) for t in flt.event_types if t in self.types]
            keep &= np.isin(self.type_code, codes)
        if flt.regions:
            keep &= self._any_of(self.regions.get(r) for r in flt.regions)
        if flt.text:
            found = self.store.select_ids(predicate(Filter(text=flt.text)))
            keep &= np.isin(self.ids, np.asarray(found, dtype=np.int64))
        return keep

    def _countries(self, flt: Filter) -> np.ndarray:
        roles = ("actor", "responder") if flt.include_responders else ("actor",)

        def taking_part(codes: Iterable[str]) -> np.ndarray:
            return self._any_of(self.members.get((c, r)) for c in codes for r in roles)

        if flt.match == "any":
            return taking_part(flt.countries)
        keep = np.ones(len(self), dtype=bool)
        for code in flt.countries:  # every one of them takes part
            keep &= taking_part([code])
        if flt.match == "exactly":
            others = {iso2 for iso2, _ in self.members} - flt.countries
            keep &= ~taking_part(others)
        return keep

    def _any_of(self, groups: Iterable[np.ndarray | None]) -> np.ndarray:
        out = np.zeros(len(self), dtype=bool)
        for positions in groups:
            if positions is not None:
                out[positions] = True
        return out

    # ----------------------------------------------------------------- counts
    def summary(
        self, flt: Filter, *, page_size: int = 300, cell_degrees: float = 2.0
    ) -> MapSummary:
        """Count, newest incidents, grid cells and per-region counts for ``flt``."""
        keep = self.matches(flt)
        count = int(keep.sum())
        newest = self.ids[keep][:page_size].tolist()
        return MapSummary(
            flt,
            count,
            tuple(self.store.load(newest)),
            self._cells(keep, cell_degrees),
            self._region_counts(keep),
            flt.sentence(self.store.gazetteer, count),
        )

    def _cells(self, keep: np.ndarray, degrees: float) -> tuple[Cell, ...]:
        placed = keep & ~np.isnan(self.lon)
        if not placed.any():
            return ()
        cx = np.floor(self.lon[placed] / degrees).astype(np.int64)
        cy = np.floor(self.lat[placed] / degrees).astype(np.int64)
        kinds = self.type_code[placed].astype(np.int64)
        # One integer per (cell, type), ordered by cell column, then row, then type.
        x0, y0, rows, ntypes = cx.min(), cy.min(), int(cy.max() - cy.min()) + 1, len(self.types)
        keys, counts = np.unique(
            ((cx - x0) * rows + (cy - y0)) * ntypes + kinds, return_counts=True
        )
        cells: dict[tuple[int, int], dict[str, int]] = {}
        for key, n in zip(keys.tolist(), counts.tolist(), strict=True):
            cell, kind = divmod(key, ntypes)
            col, row = divmod(cell, rows)
            cells.setdefault((col + int(x0), row + int(y0)), {})[self.types[kind]] = n
        return tuple(
            Cell(
                lon=(col + 0.5) * degrees,
                lat=(row + 0.5) * degrees,
                count=sum(by_type.values()),
                by_type=by_type,
            )
            for (col, row), by_type in cells.items()
        )

    def _region_counts(self, keep: np.ndarray) -> dict[str, int]:
        counts = {
            region: int(np.count_nonzero(keep[positions]))
            for region, positions in sorted(self.regions.items())
            if region.startswith(_SHADED)
        }
        return {region: n for region, n in counts.items() if n}

    def country_counts(self, flt: Filter) -> dict[str, int]:
        """For each country, how many incidents match ``flt`` apart from its countries.

        The counts shown next to each country in the country picker: they
        follow every other term (dates, types, regions, text, the responders
        switch), not the countries already picked.
        """
        keep = self.matches(replace(flt, countries=frozenset(), match="any"))
        roles = ("actor", "responder") if flt.include_responders else ("actor",)
        out: dict[str, int] = {}
        for iso2 in sorted({iso2 for iso2, _ in self.members}):
            taking_part = self._any_of(self.members.get((iso2, r)) for r in roles)
            n = int(np.count_nonzero(keep & taking_part))
            if n:
                out[iso2] = n
        return out

    def type_counts(self, flt: Filter) -> dict[str, int]:
        """Incidents per event type for ``flt`` without its type term."""
        keep = self.matches(replace(flt, event_types=frozenset()))
        counts = np.bincount(self.type_code[keep], minlength=len(self.types))
        return {kind: int(n) for kind, n in zip(self.types, counts.tolist(), strict=True) if n}

    def timeline(self, flt: Filter) -> list[tuple[dt.date, str, int]]:
        """(first day of month, event type, count) for ``flt`` over all dates.

        The date terms are left out so the timeline shows where the current
        range sits in the whole record.
        """
        keep = self.matches(replace(flt, start=None, end=None))
        months = self.start[keep].astype("datetime64[M]")
        ntypes = len(self.types)
        keys, counts = np.unique(
            months.astype(np.int64) * ntypes + self.type_code[keep], return_counts=True
        )
        out = []
        for key, n in zip(keys.tolist(), counts.tolist(), strict=True):
            month, kind = divmod(key, ntypes)
            first = np.datetime64(month, "M").astype("datetime64[D]").item()
            out.append((first, self.types[kind], n))
        return out


def map_summary(
    store: Store, flt: Filter, *, page_size: int = 300, cell_degrees: float = 2.0
) -> MapSummary:
    """:meth:`Tally.summary` for one filter, from a tally read for it (a one-off export)."""
    return Tally.read(store).summary(flt, page_size=page_size, cell_degrees=cell_degrees)


class _Positions:
    """Array positions of incident ids; ids no longer stored are dropped."""

    def __init__(self, ids: np.ndarray) -> None:
        self._order = np.argsort(ids, kind="stable")
        self._sorted = ids[self._order]

    def aligned(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The positions of the ids still stored, and which of ``ids`` those are."""
        at = np.searchsorted(self._sorted, ids)
        found = at < len(self._sorted)
        found[found] = self._sorted[at[found]] == ids[found]
        return self._order[at[found]], found

    def of(self, ids: np.ndarray) -> np.ndarray:
        """The sorted, distinct positions of the ids still stored."""
        return np.unique(self.aligned(ids)[0])


def _joined(column: sa.ColumnElement[Any]) -> sa.ColumnElement[str]:
    """A column's values as one comma-joined text: one value per row, in one row."""
    return sa.func.aggregate_strings(sa.cast(column, sa.String), ",")


def _ints(joined: str | None) -> np.ndarray:
    return np.array(joined.split(","), dtype=np.int64) if joined else np.zeros(0, dtype=np.int64)


def _days(joined: str | None) -> np.ndarray:
    return np.array(joined.split(",") if joined else [], dtype="datetime64[D]")
