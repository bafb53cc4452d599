"""Which stored incident a new report repeats, for a whole batch at once.

Two reports are of the same incident when they share actors and event type,
their dates are within a day (or equal, for month- and year-level dates),
and their places overlap. An import of 100,000 rows must not ask the store
100,000 times: :class:`DuplicateIndex` reads the candidates for the whole
batch in one query over the date index, keys them by (type, date precision,
actors), and loads full incidents only for the few that share a key and a
date with some draft. Drafts of the same batch are indexed as they are
accepted, so a file that repeats itself is merged too.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import sqlalchemy as sa
from shapely.geometry.base import BaseGeometry

from incidents.model import Incident
from incidents.store import TABLES, Store, location_geometry

__all__ = ["DuplicateIndex", "same_event"]

_Key = tuple[str, str, frozenset[str]]
_ONE_DAY = dt.timedelta(days=1)


class _Place(NamedTuple):
    feature_id: str | None
    geometry: BaseGeometry


@dataclass(frozen=True)
class _Stored:
    """The parts of a stored incident that say whether a draft repeats it.

    Reading these instead of whole incidents keeps an import into a large
    store quick: sources, evidence and assets wait until a merge needs them.
    """

    id: int
    event_type: str
    date_precision: str
    start_date: dt.date
    actors: tuple[str, ...]
    locations: tuple[_Place, ...]


def same_event(a: Incident | _Stored, b: Incident | _Stored) -> bool:
    """True when ``a`` and ``b`` report the same event (see the module docstring)."""
    if set(a.actors) != set(b.actors) or a.event_type != b.event_type:
        return False
    # A bomber patrol "on Wednesday" and a naval patrol "earlier this month"
    # are different events, however close their dates.
    if a.date_precision != b.date_precision:
        return False
    if a.date_precision == "day" and abs((a.start_date - b.start_date).days) > 1:
        return False
    if a.date_precision != "day" and a.start_date != b.start_date:
        return False
    ids_a = {loc.feature_id for loc in a.locations if loc.feature_id}
    ids_b = {loc.feature_id for loc in b.locations if loc.feature_id}
    if ids_a & ids_b:
        return True
    return any(la.geometry.intersects(lb.geometry) for la in a.locations for lb in b.locations)


def _key(incident: Incident) -> _Key:
    return _key_of(incident.event_type, incident.date_precision, incident.actors)


@functools.lru_cache(maxsize=4096)
def _key_of(event_type: str, precision: str, actors: tuple[str, ...]) -> _Key:
    # One object per distinct key: a frozenset keeps its hash, so 100,000
    # drafts sharing a few hundred keys hash a few hundred sets.
    return (event_type, precision, frozenset(actors))


def _slots(incident: Incident) -> list[tuple[_Key, dt.date]]:
    """Where a repeat of ``incident`` would be indexed: its key on each day it could be."""
    key = _key(incident)
    return [(key, day) for day in _days(incident)]


def _days(incident: Incident) -> tuple[dt.date, ...]:
    d = incident.start_date
    return (d - _ONE_DAY, d, d + _ONE_DAY) if incident.date_precision == "day" else (d,)


@dataclass
class DuplicateIndex:
    """Stored and newly accepted incidents, found by key and date.

    A reference is ``("stored", id)`` or ``("new", position)``; the caller
    keeps the incidents behind ``new`` positions.
    """

    store: Store
    _by_key: dict[tuple[_Key, dt.date], list[tuple[str, int]]] = field(default_factory=dict)
    _stored: dict[int, _Stored] = field(default_factory=dict)

    @classmethod
    def for_drafts(cls, store: Store, drafts: Sequence[Incident]) -> DuplicateIndex:
        """The stored incidents that could repeat any of ``drafts``, read in two queries."""
        index = cls(store)
        if not drafts:
            return index
        incidents, countries = TABLES["incidents"], TABLES["countries"]
        first = min(d.start_date for d in drafts) - _ONE_DAY
        last = max(d.start_date for d in drafts) + _ONE_DAY
        types = sorted({d.event_type for d in drafts})
        window = sa.and_(
            incidents.c.start_date.between(first, last), incidents.c.event_type.in_(types)
        )
        rows: dict[int, tuple[str, str, dt.date]] = {}
        actors: dict[int, set[str]] = {}
        with store.engine.connect() as conn:
            for r in conn.execute(
                sa.select(
                    incidents.c.id,
                    incidents.c.event_type,
                    incidents.c.date_precision,
                    incidents.c.start_date,
                ).where(window)
            ):
                rows[int(r.id)] = (r.event_type, r.date_precision, r.start_date)
                actors[int(r.id)] = set()
            for incident_id, iso2 in conn.execute(
                sa.select(countries.c.incident_id, countries.c.iso2)
                .select_from(countries.join(incidents, incidents.c.id == countries.c.incident_id))
                .where(window, countries.c.role == "actor")
            ):
                actors[int(incident_id)].add(iso2)
        wanted = {slot for d in drafts for slot in _slots(d)} if rows else set()
        for incident_id, (kind, precision, start) in rows.items():
            slot = ((kind, precision, frozenset(actors[incident_id])), start)
            if slot in wanted:
                index._by_key.setdefault(slot, []).append(("stored", incident_id))
        candidates = sorted({i for refs in index._by_key.values() for _, i in refs})
        places: dict[int, list[_Place]] = {i: [] for i in candidates}
        locations = TABLES["locations"]
        with store.engine.connect() as conn:
            for chunk in range(0, len(candidates), 500):
                query = sa.select(
                    locations.c.incident_id, locations.c.feature_id, locations.c.geometry
                ).where(locations.c.incident_id.in_(candidates[chunk : chunk + 500]))
                for incident_id, feature_id, raw in conn.execute(query):
                    geometry = location_geometry(raw, feature_id)
                    places[int(incident_id)].append(_Place(feature_id, geometry))
        index._stored = {
            i: _Stored(
                id=i,
                event_type=rows[i][0],
                date_precision=rows[i][1],
                start_date=rows[i][2],
                actors=tuple(sorted(actors[i])),
                locations=tuple(places[i]),
            )
            for i in candidates
        }
        return index

    def find(self, draft: Incident, new: Sequence[Incident]) -> tuple[str, int] | None:
        """The first stored or new incident that ``draft`` repeats, if any."""
        for slot in _slots(draft):
            for ref in self._by_key.get(slot, ()):
                other = self._stored[ref[1]] if ref[0] == "stored" else new[ref[1]]
                if same_event(other, draft):
                    return ref
        return None

    def add_new(self, draft: Incident, position: int) -> None:
        """Index a draft accepted as a new incident, so later drafts can repeat it."""
        self._by_key.setdefault((_key(draft), draft.start_date), []).append(("new", position))
