"""GeoJSON (RFC 7946): one Feature per incident, its locations as a GeometryCollection.

Lists stay JSON lists in the properties; the collection says which filter
produced it in a foreign member ``atlas`` so a file explains itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from shapely.geometry import mapping

from incidents.export.records import geometry_of, to_record
from incidents.model import Incident

__all__ = ["feature", "write_geojson"]

_LISTS = ("actors", "responders", "assets")
_JSON = ("locations", "sources", "evidence")


def feature(incident: Incident) -> dict[str, Any]:
    """One incident as a GeoJSON Feature."""
    record = to_record(incident)
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


def write_geojson(incidents: Sequence[Incident], out: Path, *, description: str = "") -> None:
    """Write ``incidents`` as a FeatureCollection to ``out``."""
    collection = {
        "type": "FeatureCollection",
        "atlas": {"description": description, "count": len(incidents)},
        "features": [feature(i) for i in incidents],
    }
    with out.open("w", encoding="utf-8") as fh:
        json.dump(collection, fh, ensure_ascii=False)
