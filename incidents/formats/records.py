"""One flat record per incident: the shape every data file format shares.

An export must come back in unchanged, so a record carries every field: the
simple ones as text (lists joined with ``;``, as the CSV import reads them)
and the structured ones — locations, sources, evidence — as JSON. The
geometry is the incident's *focus* (where it happened): the focus locations'
shapes travel as the parts of one geometry collection, in the order of the
``locations`` list, so GIS tools see where it happened and the import can
give each part back to its location. A *context* location (a region named
for orientation) carries its shape in its ``locations`` entry: ``null``
when it is a gazetteer feature, named by ``feature_id``, else GeoJSON.

A record also keeps the columns a person or a spreadsheet reads first
(``regions``, ``lon``/``lat`` of a representative point, ``source_url``); on
import they are derived data and the JSON columns win.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

import orjson
from shapely.geometry import GeometryCollection, mapping, shape
from shapely.geometry.base import BaseGeometry

from geo.antimeridian import unwrap, wrap_lon
from geo.gazetteer import Gazetteer
from incidents.errors import InvalidIncident
from incidents.focus import focus_of
from incidents.model import Evidence, Incident, Location, Source
from incidents.reference import plain_feature, referenced_geometry

__all__ = [
    "RECORD_FIELDS",
    "from_record",
    "geometry_of",
    "is_full_record",
    "representative_lonlat",
    "to_record",
]

#: The columns of an exported record, in order, with what each holds.
RECORD_FIELDS: dict[str, str] = {
    "id": "the incident's id in the store it was exported from",
    "title": "a short description",
    "start_date": "YYYY-MM-DD",
    "end_date": "YYYY-MM-DD, or empty",
    "date_precision": "day, month or year",
    "event_type": "one of the event types",
    "actors": "ISO 3166-1 alpha-2 codes of the countries that acted, separated by ;",
    "responders": "codes of the countries that intercepted, shadowed or protested, separated by ;",
    "assets": "aircraft and ship designations, separated by ;",
    "regions": "names of the incident's locations, separated by ;",
    "lon": "longitude of a representative point of the incident",
    "lat": "latitude of a representative point of the incident",
    "summary": "free text",
    "source_url": "URL of the first source",
    "source_publisher": "publisher of the first source",
    "source_published": "publication date of the first source, YYYY-MM-DD",
    "confidence": "0..1",
    "created_at": "when the incident was first stored (UTC, ISO 8601)",
    "updated_at": "when it was last changed (UTC, ISO 8601)",
    "locations": "JSON list of {name, kind, precision, phrase, feature_id}, one per geometry part",
    "sources": "JSON list of {url, path, publisher, published, title}",
    "evidence": "JSON list of {field, text, start, end, source}",
}


def to_record(incident: Incident, gazetteer: Gazetteer, *, point: bool = True) -> dict[str, Any]:
    """The incident as a flat record (text, numbers or ``None``); see :data:`RECORD_FIELDS`.

    A context location that is a gazetteer feature is written by its id only.
    Without ``point``, ``lon`` and ``lat`` are left empty: working out an inner
    point is most of the cost, and the audit trail's snapshots do not keep it.
    """
    first = incident.sources[0] if incident.sources else Source()
    lon, lat = representative_lonlat(incident) if point else (None, None)
    focus = focus_of(incident)
    return {
        "id": incident.id,
        "title": incident.title,
        "start_date": incident.start_date.isoformat(),
        "end_date": incident.end_date.isoformat() if incident.end_date else "",
        "date_precision": incident.date_precision,
        "event_type": incident.event_type,
        "actors": ";".join(incident.actors),
        "responders": ";".join(incident.responders),
        "assets": ";".join(incident.assets),
        "regions": ";".join(loc.name for loc in incident.locations),
        "lon": lon,
        "lat": lat,
        "summary": incident.summary,
        "source_url": first.url or "",
        "source_publisher": first.publisher or "",
        "source_published": first.published.isoformat() if first.published else "",
        "confidence": incident.confidence,
        "created_at": incident.created_at.isoformat() if incident.created_at else "",
        "updated_at": incident.updated_at.isoformat() if incident.updated_at else "",
        "locations": _json(
            [
                _location_entry(loc, gazetteer, in_geometry=loc in focus)
                for loc in incident.locations
            ]
        ),
        "sources": _json(
            [
                {
                    "url": s.url,
                    "path": s.path,
                    "publisher": s.publisher,
                    "published": s.published.isoformat() if s.published else None,
                    "title": s.title,
                }
                for s in incident.sources
            ]
        ),
        "evidence": _json(
            [
                {
                    "field": e.field,
                    "text": e.text,
                    "start": e.start,
                    "end": e.end,
                    "source": e.source,
                }
                for e in incident.evidence
            ]
        ),
    }


def _location_entry(loc: Location, gazetteer: Gazetteer, *, in_geometry: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": loc.name,
        "kind": loc.kind,
        "precision": loc.precision,
        "phrase": loc.phrase,
        "feature_id": loc.feature_id,
        "role": loc.role,
    }
    if not in_geometry:
        entry["geometry"] = (
            None if plain_feature(loc, gazetteer) is not None else mapping(loc.geometry)
        )
    return entry


def geometry_of(incident: Incident) -> GeometryCollection | None:
    """The focus locations' geometries as one collection, in order (``None`` when it has none)."""
    focus = focus_of(incident)
    if not focus:
        return None
    return GeometryCollection([loc.geometry for loc in focus])


def representative_lonlat(incident: Incident) -> tuple[float | None, float | None]:
    """(lon, lat) of a point where it happened: its first focus's, sensible across 180."""
    focus = focus_of(incident)
    if not focus:
        return None, None
    p = unwrap(focus[0].geometry).representative_point()
    return round(wrap_lon(p.x), 6), round(p.y, 6)


def is_full_record(values: Mapping[str, Any]) -> bool:
    """Whether a row was written by our export (and so carries every field)."""
    return bool(str(values.get("locations") or "").strip()) or bool(
        str(values.get("sources") or "").strip().startswith("[")
    )


def from_record(
    values: Mapping[str, Any], parts: Sequence[BaseGeometry], gazetteer: Gazetteer
) -> Incident:
    """Rebuild the exported incident from its record and its geometry parts.

    Context locations named by a feature id take their shape from ``gazetteer``.

    Raises
    ------
    InvalidIncident
        A JSON column is not readable, or the geometry parts do not match
        the ``locations`` list; the message names the column.
    """
    locations_raw = _loads(values, "locations")
    # Entries with a "geometry" key carry their own shape (context); the others
    # take the geometry's parts in order. Records written before roles existed
    # have no such key: every entry is then a part.
    in_parts = [raw for raw in locations_raw if "geometry" not in raw]
    if len(in_parts) != len(parts):
        raise InvalidIncident(
            f"locations: the record lists {len(in_parts)} location(s) in its geometry but "
            f"the geometry has {len(parts)} part(s); they must match one to one."
        )
    geometries = iter(parts)
    locations = tuple(
        Location(
            name=str(raw["name"]),
            geometry=next(geometries) if "geometry" not in raw else _own_shape(raw, gazetteer),
            precision=str(raw.get("precision") or "region"),
            kind=str(raw.get("kind") or "region"),
            phrase=str(raw.get("phrase") or ""),
            feature_id=raw.get("feature_id") or None,
            role=str(raw.get("role") or "focus"),
        )
        for raw in locations_raw
    )
    sources = tuple(
        Source(
            url=raw.get("url"),
            path=raw.get("path"),
            publisher=raw.get("publisher"),
            published=_date(raw.get("published"), "sources"),
            title=raw.get("title"),
        )
        for raw in _loads(values, "sources")
    )
    evidence = tuple(
        Evidence(
            field=str(raw["field"]),
            text=str(raw["text"]),
            start=int(raw["start"]),
            end=int(raw["end"]),
            source=int(raw.get("source", 0)),
        )
        for raw in _loads(values, "evidence")
    )
    start = _date(values.get("start_date"), "start_date")
    if start is None:
        raise InvalidIncident("start_date: missing; every incident needs a start date.")
    raw_id = str(values.get("id") or "").strip()
    return Incident(
        title=str(values.get("title") or ""),
        start_date=start,
        end_date=_date(values.get("end_date"), "end_date"),
        date_precision=str(values.get("date_precision") or "day"),
        event_type=str(values.get("event_type") or "other"),
        summary=str(values.get("summary") or ""),
        actors=_codes(values.get("actors")),
        responders=_codes(values.get("responders")),
        assets=_codes(values.get("assets")),
        locations=locations,
        sources=sources,
        evidence=evidence,
        confidence=float(values.get("confidence") or 0.5),
        id=int(float(raw_id)) if raw_id else None,
        created_at=_datetime(values.get("created_at")),
        updated_at=_datetime(values.get("updated_at")),
    )


def _json(value: Any) -> str:
    # orjson writes what json.dumps(separators=(",", ":"), ensure_ascii=False) does, in C:
    # every merge of an import writes two records into the audit trail.
    return orjson.dumps(value).decode()


def _own_shape(raw: Mapping[str, Any], gazetteer: Gazetteer) -> BaseGeometry:
    try:
        if raw["geometry"] is None:
            return referenced_geometry(raw.get("feature_id"), gazetteer)
        return shape(raw["geometry"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InvalidIncident(
            f"locations: the entry {raw.get('name')!r} has no readable geometry ({exc})."
        ) from exc


def _loads(values: Mapping[str, Any], column: str) -> list[dict[str, Any]]:
    raw = values.get(column)
    if isinstance(raw, list):  # GeoJSON carries the lists as they are
        data: Any = raw
    else:
        text = str(raw or "").strip()
        if not text:
            return []
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidIncident(f"{column}: not readable as JSON ({exc.msg}).") from None
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        raise InvalidIncident(f"{column}: expected a JSON list of objects.")
    return data


def _codes(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else str(value or "").split(";")
    return tuple(s for s in (str(i).strip() for i in items) if s)


def _date(value: Any, column: str) -> dt.date | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise InvalidIncident(f"{column}: {text!r} is not a date (YYYY-MM-DD).") from None


def _datetime(value: Any) -> dt.datetime | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None  # timestamps are bookkeeping; a bad one must not block an import
