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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import shapely
import sqlalchemy as sa
from shapely.geometry.base import BaseGeometry
from sqlalchemy.engine import Connection

from geo.gazetteer import Gazetteer
from incidents.model import Incident
from incidents.schema import TABLES
from incidents.store import as_date, location_geometry, raw_rows

__all__ = ["DuplicateIndex", "Seen"]

#: Where incidents that may repeat each other are indexed: their key's number and a day,
#: in one int (``key << 20 | day's ordinal``; ordinals fit in 20 bits until the year
#: 2870). An int hashes and compares at once: a tuple of key and date was hashed anew
#: on each of an import's 600,000 lookups.
_Slot = int
_DAY_BITS = 20
_ONE_DAY = dt.timedelta(days=1)
#: The number of each key (type, date precision, set of actors) met in this process.
_KEY_NUMBERS: dict[tuple[str, str, frozenset[str]], int] = {}


class _Shape:
    """A place's box, and its shape, read from the store only when a box test passes."""

    __slots__ = ("_feature_id", "_gazetteer", "_geometry", "_raw", "bounds")

    def __init__(
        self,
        bounds: tuple[float, float, float, float],
        geometry: BaseGeometry | None = None,
        raw: str = "",
        feature_id: str | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.bounds = bounds
        self._geometry = geometry
        self._raw = raw
        self._feature_id = feature_id
        self._gazetteer = gazetteer

    @property
    def geometry(self) -> BaseGeometry:
        if self._geometry is None:
            assert self._gazetteer is not None, "a stored shape is read with its gazetteer"
            self._geometry = location_geometry(self._raw, self._feature_id, self._gazetteer)
        return self._geometry


class _Places(NamedTuple):
    """Where an incident is, as the overlap test needs it: feature ids, then shapes."""

    ids: frozenset[str]
    shapes: tuple[_Shape, ...]
    #: The box around every shape: most candidate pairs lie apart, told by one test.
    box: tuple[float, float, float, float]

    def overlap(self, other: _Places) -> bool:
        """True when a feature is shared or two shapes intersect."""
        if not self.ids.isdisjoint(other.ids):
            return True
        ax0, ay0, ax1, ay1 = self.box
        bx0, by0, bx1, by1 = other.box
        if ax0 > bx1 or bx0 > ax1 or ay0 > by1 or by0 > ay1:
            return False
        for a in self.shapes:
            ax0, ay0, ax1, ay1 = a.bounds
            for b in other.shapes:
                bx0, by0, bx1, by1 = b.bounds
                # Boxes first: most pairs are two points apart, told apart without shapely.
                if (
                    ax0 <= bx1
                    and bx0 <= ax1
                    and ay0 <= by1
                    and by0 <= ay1
                    and a.geometry.intersects(b.geometry)
                ):
                    return True
        return False


#: The feature ids of places that are no gazetteer feature (most imported points).
_NO_IDS: frozenset[str] = frozenset()
#: The box of no shape at all: it overlaps nothing.
_NOWHERE = (float("inf"), float("inf"), float("-inf"), float("-inf"))


def _made_of(ids: frozenset[str], shapes: tuple[_Shape, ...]) -> _Places:
    """Places from their feature ids and shapes, with the box around the shapes."""
    if len(shapes) == 1:
        return _Places(ids, shapes, shapes[0].bounds)
    if not shapes:
        return _Places(ids, shapes, _NOWHERE)
    return _Places(
        ids,
        shapes,
        (
            min(s.bounds[0] for s in shapes),
            min(s.bounds[1] for s in shapes),
            max(s.bounds[2] for s in shapes),
            max(s.bounds[3] for s in shapes),
        ),
    )


def _places(incident: Incident, boxes: Iterator[list[float]] | None = None) -> _Places:
    """An incident's places; ``boxes`` yields its shapes' bounds when already computed."""
    if boxes is None:
        boxes = iter(shapely.bounds([loc.geometry for loc in incident.locations]).tolist())
    if len(incident.locations) == 1:  # most drafts: one place, its box the whole box
        (only,) = incident.locations
        box = tuple(next(boxes))
        ids = frozenset((only.feature_id,)) if only.feature_id else _NO_IDS
        return _Places(ids, (_Shape(box, only.geometry),), box)
    return _made_of(
        frozenset(loc.feature_id for loc in incident.locations if loc.feature_id),
        tuple(_Shape(tuple(next(boxes)), loc.geometry) for loc in incident.locations),
    )


def _key(incident: Incident) -> int:
    return _key_of(incident.event_type, incident.date_precision, incident.actors)


@functools.lru_cache(maxsize=4096)
def _key_of(event_type: str, precision: str, actors: tuple[str, ...]) -> int:
    """The number of a key: the same actors in any order are one key."""
    key = (event_type, precision, frozenset(actors))
    return _KEY_NUMBERS.setdefault(key, len(_KEY_NUMBERS))


def _slot(key: int, day: dt.date) -> _Slot:
    return key << _DAY_BITS | day.toordinal()


def _own_slot(incident: Incident) -> _Slot:
    """Where ``incident`` is indexed: its key on its own date."""
    return _slot(_key(incident), incident.start_date)


def _slots(incident: Incident, own: _Slot) -> list[_Slot]:
    """Where a repeat of ``incident`` (indexed at ``own``) would be: its key on each day it could be.

    A day-level date may be a day off (time zones, a report of the night before).
    """
    return [own - 1, own, own + 1] if incident.date_precision == "day" else [own]


@dataclass
class Seen:
    """Stored incidents known during one import, by slot, with the places read so far.

    An import of a large file goes batch by batch; each batch's dates usually
    span much of the store. What one batch read (and what it saved) serves the
    next, so the store is read once per stretch of dates, not once per batch.
    It may therefore be read as it was before the import (``Store.as_it_was``):
    what the import saved is known here, in ``saved``, without reading it.
    """

    slots: dict[_Slot, list[int]] = field(default_factory=dict)
    places: dict[int, _Places] = field(default_factory=dict)
    #: The incidents this import has saved (added or merged into) so far.
    saved: set[int] = field(default_factory=set)
    _windows: list[tuple[dt.date, dt.date, frozenset[str]]] = field(default_factory=list)
    _ids: set[int] = field(default_factory=set)

    def read(
        self,
        conn: Connection,
        first: dt.date,
        last: dt.date,
        types: frozenset[str],
        gazetteer: Gazetteer,
    ) -> None:
        """Index the stored incidents of these types dated ``first``..``last``, unless known.

        Their places are read with them, in one query for the whole window:
        asking for the candidates of each batch by id cost more than it saved.
        """
        if any(f <= first and last <= to and types <= kinds for f, to, kinds in self._windows):
            return
        incidents, countries, loc = TABLES["incidents"], TABLES["countries"], TABLES["locations"]
        window = sa.and_(
            incidents.c.start_date.between(first, last),
            incidents.c.event_type.in_(sorted(types)),
        )
        day = functools.lru_cache(maxsize=None)(as_date)
        acting = (
            sa.select(sa.func.aggregate_strings(countries.c.iso2, ","))
            .where(countries.c.incident_id == incidents.c.id, countries.c.role == "actor")
            .scalar_subquery()
        )
        # One row per place (an incident without one still has a row), actors on each.
        found = (
            sa.select(
                incidents.c.id,
                incidents.c.event_type,
                incidents.c.date_precision,
                incidents.c.start_date,
                acting,
                loc.c.id,
                loc.c.feature_id,
                loc.c.geometry,
                loc.c.minx,
                loc.c.miny,
                loc.c.maxx,
                loc.c.maxy,
            )
            .select_from(incidents.outerjoin(loc, loc.c.incident_id == incidents.c.id))
            .where(window)
        )
        read: dict[int, tuple[_Slot, set[str], list[_Shape]]] = {}
        for incident_id, kind, precision, start, actors, place, feature_id, raw, *box in raw_rows(
            conn, found
        ):
            if incident_id in self._ids:
                continue
            entry = read.get(incident_id)
            if entry is None:
                codes = tuple(sorted(set(actors.split(",")))) if actors else ()
                slot = _slot(_key_of(kind, precision, codes), day(start))
                entry = read[incident_id] = (slot, set(), [])
            if place is not None:
                if feature_id:
                    entry[1].add(feature_id)
                entry[2].append(_Shape(tuple(box), None, raw, feature_id, gazetteer))
        for incident_id, (slot, ids, shapes) in read.items():
            self.slots.setdefault(slot, []).append(incident_id)
            self.places[incident_id] = _made_of(frozenset(ids) if ids else _NO_IDS, tuple(shapes))
            self._ids.add(incident_id)
        self._windows.append((first, last, types))

    def learn(self, saved: Sequence[Incident], places: Sequence[_Places | None] = ()) -> None:
        """Incidents the import has just saved (new or merged into), as they now are.

        ``places`` are the first ones' places where already worked out (``None``
        where not): most of a batch is saved as its drafts were read.
        """
        known = [*places, *[None] * (len(saved) - len(places))]
        # Every other shape's box in one call: a shapely call per shape costs more than the box.
        boxes = iter(
            shapely.bounds(
                [
                    loc.geometry
                    for i, p in zip(saved, known, strict=True)
                    if p is None
                    for loc in i.locations
                ]
            ).tolist()
        )
        for incident, where in zip(saved, known, strict=True):
            assert incident.id is not None
            self.saved.add(incident.id)
            if incident.id not in self._ids:
                self.slots.setdefault(_own_slot(incident), []).append(incident.id)
                self._ids.add(incident.id)
            self.places[incident.id] = where if where is not None else _places(incident, boxes)


class _Draft(NamedTuple):
    """A draft of the batch, as the search for what it repeats needs it."""

    incident: Incident
    #: Where it is indexed once accepted as new: its key on its own date.
    slot: _Slot
    #: Where a repeat of it would be indexed (see :func:`_slots`).
    slots: list[_Slot]
    places: _Places


@dataclass
class DuplicateIndex:
    """Stored and newly accepted incidents, found by key and date, for one batch of drafts.

    A reference is ``("stored", id)`` or ``("new", position)``; the caller
    keeps the incidents behind ``new`` positions. Drafts are named by their
    position in the batch: each one's slots and places are worked out once,
    for the whole batch, when the index is built.
    """

    #: The stored incidents, by slot, and their places (see :class:`Seen`).
    _seen: Seen = field(default_factory=Seen)
    #: The batch's drafts accepted as new incidents so far, by slot.
    _new_by_slot: dict[_Slot, list[int]] = field(default_factory=dict)
    _new: dict[int, tuple[Incident, _Places]] = field(default_factory=dict)
    _drafts: list[_Draft] = field(default_factory=list)

    @classmethod
    def for_drafts(
        cls,
        conn: Connection,
        drafts: Sequence[Incident],
        gazetteer: Gazetteer,
        seen: Seen | None = None,
    ) -> DuplicateIndex:
        """The stored incidents that could repeat any of ``drafts``, read in a few queries.

        ``conn`` is the import's write transaction (see ``Store.writing``), so
        what is read here cannot change before the import saves. ``seen``
        carries what earlier batches of the same file read and saved, so a
        streamed import reads each stored incident once; with it, ``conn`` may
        read the store as it was before the import (``Store.as_it_was``).
        """
        index = cls(seen if seen is not None else Seen())
        if not drafts:
            return index
        first = min(d.start_date for d in drafts) - _ONE_DAY
        last = max(d.start_date for d in drafts) + _ONE_DAY
        index._seen.read(conn, first, last, frozenset(d.event_type for d in drafts), gazetteer)
        # Every draft's shapes' boxes in one call, as for what an import saved.
        boxes = iter(shapely.bounds([loc.geometry for d in drafts for loc in d.locations]).tolist())
        index._drafts = []
        for d in drafts:
            slot = _own_slot(d)
            index._drafts.append(_Draft(d, slot, _slots(d, slot), _places(d, boxes)))
        return index

    def find(self, draft: int, new: Sequence[Incident]) -> tuple[str, int] | None:
        """The first stored or new incident that the ``draft``-th draft repeats, if any.

        Sharing a slot means sharing actors, type and date precision, with dates
        within a day (or equal): only the places are left to compare.
        """
        _, _, slots, mine = self._drafts[draft]
        stored, places = self._seen.slots, self._seen.places
        for slot in slots:
            for i in stored.get(slot, ()):
                if mine.overlap(places[i]):
                    return ("stored", i)
            for position in self._new_by_slot.get(slot, ()):
                if mine.overlap(self._places_of_new(position, new)):
                    return ("new", position)
        return None

    def add_new(self, draft: int, position: int) -> None:
        """Index the ``draft``-th draft, accepted as new incident ``position``, for later drafts."""
        accepted = self._drafts[draft]
        self._new_by_slot.setdefault(accepted.slot, []).append(position)
        self._new[position] = (accepted.incident, accepted.places)

    def places_of_new(self, new: Sequence[Incident]) -> list[_Places | None]:
        """The places of each new incident as last worked out, ``None`` if it changed since."""
        out: list[_Places | None] = []
        for position, incident in enumerate(new):
            cached = self._new.get(position)
            out.append(cached[1] if cached is not None and cached[0] is incident else None)
        return out

    def _places_of_new(self, position: int, new: Sequence[Incident]) -> _Places:
        incident = new[position]
        # A new incident may have grown by a merge since: cached per version.
        cached = self._new.get(position)
        if cached is None or cached[0] is not incident:
            cached = self._new[position] = (incident, _places(incident))
        return cached[1]
