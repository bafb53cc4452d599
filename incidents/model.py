"""The domain objects: incidents, where and when they happened, who said so.

All are frozen dataclasses; an :class:`Incident` validates itself on
creation, so an object that exists is one the store may hold.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, TypeVar

import shapely
from shapely.geometry import Point, mapping, shape
from shapely.geometry.base import BaseGeometry

from geo.antimeridian import unwrap, wrap_lon
from geo.gazetteer import Feature
from incidents.errors import ImpossibleDate, InvalidGeometry, InvalidIncident, UnknownCountry
from incidents.vocabulary import (
    DATE_PRECISIONS,
    EVENT_TYPES,
    FIRST_DAY,
    GEO_PRECISIONS,
    LAST_DAY,
    LOCATION_ROLES,
    country_names,
    day_in_range,
)

__all__ = ["Evidence", "Incident", "Location", "Source"]

_C = TypeVar("_C")


def _quick_init(cls: type[_C]) -> type[_C]:
    """Give a frozen dataclass an ``__init__`` that sets every field in one step.

    The one ``dataclass`` writes sets each field with ``object.__setattr__``
    (the class being frozen): 17 calls per incident, a tenth of the time it
    takes to read a large file. This one takes the same parameters and
    defaults, fills ``__dict__`` at once, and runs ``__post_init__`` after.
    """
    params, values = [], []
    defaults: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        if not f.init or f.default_factory is not MISSING or f.kw_only:
            raise TypeError(f"{cls.__name__}.{f.name}: only plain fields are supported")
        if f.default is MISSING:
            params.append(f.name)
        else:
            defaults[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        values.append(f"{f.name}={f.name}")
    after = "\n    self.__post_init__()" if hasattr(cls, "__post_init__") else ""
    source = (
        f"def __init__(self, {', '.join(params)}):\n"
        f"    self.__dict__.update({', '.join(values)}){after}\n"
    )
    namespace: dict[str, Any] = {}
    # Built from our own field names, as dataclass builds its own.
    exec(source, defaults, namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[method-assign]
    return cls


@dataclass(frozen=True)
class Evidence:
    """The words of a source that support one field of an incident.

    ``start``/``end`` are character offsets into the source's text.
    """

    field: str
    text: str
    start: int
    end: int
    #: Which of the incident's sources the offsets refer to.
    source: int = 0

    def to_dict(self) -> dict[str, Any]:
        """This evidence as plain JSON-ready data."""
        return {"text": self.text, "start": self.start, "end": self.end, "source": self.source}


@_quick_init
@dataclass(frozen=True)
class Source:
    """A report an incident comes from."""

    url: str | None = None
    path: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    title: str | None = None

    def label(self) -> str:
        """A short human label: publisher and date, or the file name."""
        who = self.publisher or (self.url or self.path or "unknown source").rsplit("/", 1)[-1]
        return f"{who}, {self.published.isoformat()}" if self.published else who

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with the keys of the CLI contract."""
        return {
            "url": self.url,
            "path": self.path,
            "published": self.published.isoformat() if self.published else None,
            "publisher": self.publisher,
        }


@_quick_init
@dataclass(frozen=True)
class Location:
    """Where an incident happened: a named region, a place, a point or a route."""

    name: str
    geometry: BaseGeometry = field(compare=False)
    precision: str = "region"
    kind: str = "region"
    phrase: str = ""
    feature_id: str | None = None
    role: str = "focus"

    def __post_init__(self) -> None:
        if self.role not in LOCATION_ROLES:
            raise InvalidIncident(
                f"Location {self.name!r} has role {self.role!r}; expected one of "
                f"{', '.join(LOCATION_ROLES)}."
            )
        if self.precision not in GEO_PRECISIONS:
            raise InvalidIncident(
                f"Location {self.name!r} has precision {self.precision!r}; expected one of "
                f"{', '.join(GEO_PRECISIONS)}."
            )
        _check_geometry(self.name, self.geometry)

    @property
    def representative_point(self) -> tuple[float, float]:
        """(lon, lat) of a point inside the location, sensible across 180."""
        if isinstance(self.geometry, Point):  # most imported rows: their own point
            return self.geometry.x, self.geometry.y
        p = unwrap(self.geometry).representative_point()
        return wrap_lon(p.x), p.y

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data; the geometry as GeoJSON."""
        return {
            "phrase": self.phrase,
            "name": self.name,
            "kind": self.kind,
            "precision": self.precision,
            "feature_id": self.feature_id,
            "role": self.role,
            "geometry": mapping(self.geometry),
        }

    @classmethod
    def of_feature(cls, feature: Feature, *, role: str = "focus") -> Location:
        """The location that is exactly a gazetteer feature (stored by its id)."""
        return cls(
            feature.name,
            feature.geometry,
            precision=feature.precision,
            kind=feature.kind,
            feature_id=feature.id,
            role=role,
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Location:
        """Rebuild a location from :meth:`to_dict` output."""
        return cls(
            name=str(data["name"]),
            geometry=shape(data["geometry"]),
            precision=str(data.get("precision", "region")),
            kind=str(data.get("kind", "region")),
            phrase=str(data.get("phrase", "")),
            feature_id=data.get("feature_id"),
            role=str(data.get("role") or "focus"),
        )


#: Geometries already checked, by identity. Validating an ocean polygon costs
#: milliseconds and drafts reuse the gazetteer's objects; a set of geometries
#: would hash each one's WKB on every lookup, which costs as much.
_VALID: weakref.WeakValueDictionary[int, BaseGeometry] = weakref.WeakValueDictionary()


def _check_geometry(name: str, geom: BaseGeometry) -> None:
    if geom is None or geom.is_empty:
        raise InvalidGeometry(f"Location {name!r} has an empty geometry.")
    if isinstance(geom, Point):  # most imported rows: checked faster than looked up
        if not (-180 <= geom.x <= 180 and -90 <= geom.y <= 90):
            raise InvalidGeometry(
                f"Location {name!r} lies outside the world: ({geom.x}, {geom.y}); expected "
                "longitudes in [-180, 180] and latitudes in [-90, 90]."
            )
        return
    if _VALID.get(id(geom)) is geom:
        return
    if not geom.is_valid:
        raise InvalidGeometry(
            f"Location {name!r} has an invalid geometry: {shapely.is_valid_reason(geom)}."
        )
    minx, miny, maxx, maxy = geom.bounds
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        raise InvalidGeometry(
            f"Location {name!r} lies outside the world: bounds {geom.bounds}; expected "
            "longitudes in [-180, 180] and latitudes in [-90, 90]."
        )
    _VALID[id(geom)] = geom


@_quick_init
@dataclass(frozen=True)
class Incident:
    """One military or security incident, possibly reported by several sources.

    ``actors`` carried the activity out; ``responders`` intercepted,
    scrambled, shadowed or protested. Both hold ISO 3166-1 alpha-2 codes.
    """

    title: str
    start_date: dt.date
    end_date: dt.date | None = None
    date_precision: str = "day"
    event_type: str = "other"
    summary: str = ""
    actors: tuple[str, ...] = ()
    responders: tuple[str, ...] = ()
    assets: tuple[str, ...] = ()
    locations: tuple[Location, ...] = ()
    sources: tuple[Source, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.5
    id: int | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    #: The stored version this copy was read at (``None``: not read from a store).
    #: Saving an edit of an older version raises :class:`~incidents.errors.EditConflict`.
    version: int | None = None

    def __post_init__(self) -> None:
        title = self.title.strip() if isinstance(self.title, str) else ""
        if not title:
            raise InvalidIncident("An incident needs a title; got an empty one.")
        if not isinstance(self.start_date, dt.date):
            raise ImpossibleDate(
                f"Incident {title!r}: start date {self.start_date!r} is not a date."
            )
        for day in (self.start_date, self.end_date):
            if day is not None and not day_in_range(day):
                raise ImpossibleDate(
                    f"Incident {title!r}: date {day} is outside {FIRST_DAY.year}–{LAST_DAY.year}; "
                    "check the year."
                )
        if self.end_date is not None and self.end_date < self.start_date:
            raise ImpossibleDate(
                f"Incident {title!r}: end date {self.end_date} is before start date "
                f"{self.start_date}."
            )
        if self.date_precision not in DATE_PRECISIONS:
            raise InvalidIncident(
                f"Incident {title!r}: date precision {self.date_precision!r}; expected one of "
                f"{', '.join(DATE_PRECISIONS)}."
            )
        if self.event_type not in EVENT_TYPES:
            raise InvalidIncident(
                f"Incident {title!r}: event type {self.event_type!r}; expected one of "
                f"{', '.join(EVENT_TYPES)}."
            )
        known = country_names()
        for role in ("actors", "responders"):
            for code in getattr(self, role):
                if code not in known:
                    raise UnknownCountry(
                        f"Incident {title!r}: {role} lists {code!r}, which is not an ISO 3166-1 "
                        "alpha-2 code we know (e.g. RU, CN, US)."
                    )
        if not 0.0 <= self.confidence <= 1.0:
            raise InvalidIncident(
                f"Incident {title!r}: confidence {self.confidence} is outside 0..1."
            )

    @property
    def last_date(self) -> dt.date:
        """The last day the incident covers (its end date, or its start date)."""
        return self.end_date or self.start_date

    def with_id(self, incident_id: int | None) -> Incident:
        """A copy carrying the id the store gave it (``None`` for a new incident)."""
        if incident_id is None:  # a new incident has no stored version yet
            return self._unchecked_copy(id=None, version=None)
        return self._unchecked_copy(id=incident_id)

    def without(self, *parts: str) -> Incident:
        """A copy with these list fields (``locations``, ``sources``, ``evidence``…) empty."""
        for part in parts:
            if not isinstance(getattr(self, part), tuple):
                raise ValueError(f"{part!r} is not one of an incident's list fields.")
        return self._unchecked_copy(**dict.fromkeys(parts, ()))

    def stored(
        self, incident_id: int, version: int, created_at: dt.datetime | None = None
    ) -> Incident:
        """A copy carrying what the store keeps about it: id, version, first saved (if known)."""
        kept = {} if created_at is None else {"created_at": created_at}
        return self._unchecked_copy(id=incident_id, version=version, **kept)

    def _unchecked_copy(self, **changes: Any) -> Incident:
        """A copy with ``changes``, skipping __post_init__: only for changes that need no check.

        Ids, versions and emptied lists leave nothing to validate, and an import
        copies 100,000 incidents this way.
        """
        twin = object.__new__(Incident)
        twin.__dict__.update(self.__dict__, **changes)
        return twin

    def participants(self, include_responders: bool) -> frozenset[str]:
        """The countries a country filter looks at."""
        codes = set(self.actors)
        if include_responders:
            codes.update(self.responders)
        return frozenset(codes)

    def date_label(self) -> str:
        """The date as precisely as it is known: '24 Jul 2024', 'Jul 2024', '2024'."""
        fmt = {"day": "%d %b %Y", "month": "%b %Y", "year": "%Y"}[self.date_precision]
        first = self.start_date.strftime(fmt).lstrip("0")
        last = self.last_date.strftime(fmt).lstrip("0")
        return first if first == last else f"{first} – {last}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with the keys of the CLI contract."""
        evidence: dict[str, list[dict[str, Any]]] = {}
        for ev in self.evidence:
            evidence.setdefault(ev.field, []).append(ev.to_dict())
        return {
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "start_date": self.start_date.isoformat(),
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "date_precision": self.date_precision,
            "event_type": self.event_type,
            "actors": list(self.actors),
            "responders": list(self.responders),
            "assets": list(self.assets),
            "locations": [loc.to_dict() for loc in self.locations],
            "sources": [s.to_dict() for s in self.sources],
            "evidence": evidence,
            "confidence": round(self.confidence, 3),
        }
