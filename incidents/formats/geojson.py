"""GeoJSON (RFC 7946): one Feature per incident, its locations as a GeometryCollection.

Lists stay JSON lists in the properties; the collection says which filter
produced it in a foreign member ``atlas`` so a file explains itself. Read
back, a feature of another tool's file becomes an incident from its
properties (the import columns, lists as JSON arrays or ``;``) and its
geometry.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from geo.gazetteer import Gazetteer
from incidents.errors import MalformedFile
from incidents.formats.files import decode_text
from incidents.formats.records import geometry_of, to_record
from incidents.formats.rows import ImportReport, RowError, RowProblem, RowReader
from incidents.model import Incident

__all__ = ["feature", "read_geojson", "write_geojson"]

_LISTS = ("actors", "responders", "assets")
_JSON = ("locations", "sources", "evidence")


def feature(incident: Incident, gazetteer: Gazetteer) -> dict[str, Any]:
    """One incident as a GeoJSON Feature."""
    record = to_record(incident, gazetteer)
    properties = {
        **record,
        **{k: [v for v in record[k].split(";") if v] for k in _LISTS},
        **{k: json.loads(record[k]) for k in _JSON},
    }
    geom = geometry_of(incident)
    return {
        "type": "Feature",
        "id": incident.id,
        "geometry": mapping(geom) if geom is not None else None,
        "properties": properties,
    }


def write_geojson(
    incidents: Sequence[Incident], out: Path, gazetteer: Gazetteer, *, description: str = ""
) -> None:
    """Write ``incidents`` as a FeatureCollection to ``out``."""
    collection = {
        "type": "FeatureCollection",
        "atlas": {"description": description, "count": len(incidents)},
        "features": [feature(i, gazetteer) for i in incidents],
    }
    with out.open("w", encoding="utf-8") as fh:
        json.dump(collection, fh, ensure_ascii=False)


def read_geojson(raw: bytes, name: str, gazetteer: Gazetteer) -> ImportReport:
    """Incidents from a GeoJSON FeatureCollection; each feature's geometry is its location."""
    try:
        data = json.loads(decode_text(raw, name))
    except ValueError as exc:
        raise MalformedFile(f"{name}: not valid JSON ({exc}).") from exc
    except RecursionError:
        raise MalformedFile(
            f"{name}: arrays or objects nested too deeply to be GeoJSON; nothing was imported."
        ) from None
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise MalformedFile(f"{name}: expected a GeoJSON FeatureCollection with a 'features' list.")
    report = ImportReport(name)
    rows = RowReader(gazetteer, report)
    for number, feature in enumerate(data["features"], start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            report.problems.append(
                RowProblem(number, "properties", "a feature needs a properties object")
            )
            continue
        values = {k: v for k, v in props.items() if isinstance(k, str)}
        parts = partial(_geojson_parts, feature.get("geometry"))
        rows.any_row(number, values, parts, partial(_geojson_shape, feature.get("geometry")))
    return report


def _shape(geometry: Any) -> BaseGeometry:
    """A GeoJSON geometry as a shape; a row error when a coordinate is not a finite number."""
    if isinstance(geometry, dict):
        if not _finite(geometry.get("coordinates", ())):
            raise RowError("geometry", "a coordinate is not a finite number (NaN or infinity)")
        for part in geometry.get("geometries") or ():
            _shape(part)  # a GeometryCollection's members are checked the same way
    return shape(geometry)


def _finite(coordinates: Any) -> bool:
    if isinstance(coordinates, (list, tuple)):
        return all(map(_finite, coordinates))
    return not isinstance(coordinates, float) or math.isfinite(coordinates)


def _geojson_parts(geometry: Any) -> list[BaseGeometry]:
    if geometry is None:
        return []
    try:
        geom = _shape(geometry)
    except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.ShapelyError):
        raise RowError("geometry", "not a GeoJSON geometry") from None
    return list(geom.geoms) if geom.geom_type == "GeometryCollection" else [geom]


def _geojson_shape(geometry: Any) -> list[BaseGeometry]:
    if geometry is None:
        return []
    try:
        return [_shape(geometry)]
    except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.ShapelyError):
        raise RowError("geometry", "not a GeoJSON geometry") from None
