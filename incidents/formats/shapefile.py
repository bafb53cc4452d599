"""Zipped Shapefile: for GIS tools that take nothing else. It carries less.

A Shapefile holds one kind of geometry, names fields in 10 characters and
cuts text at 254 bytes. So the zip holds up to three shapefiles (points,
lines, polygons), one row per place where an incident happened, with the
fields below. What it cannot carry: context regions, evidence, all but the
first source, and text past 254 bytes (cut, with "…"). Read back, each
incident comes back from its fields and its shapes; for the whole record
export GeoPackage, GeoParquet or CSV.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from shapely.geometry.base import BaseGeometry

from geo._compat import import_optional
from geo.gazetteer import Gazetteer
from incidents.errors import MalformedFile
from incidents.focus import focus_of
from incidents.formats.layers import LAYER, frame_of
from incidents.formats.rows import ImportReport, RowReader
from incidents.model import Incident

__all__ = ["SHAPEFILE_FIELDS", "read_shapefile", "write_shapefile"]

#: Shapefile field → the import column it holds (see ``incidents.formats.rows.COLUMNS``).
SHAPEFILE_FIELDS = {
    "id": "id",
    "title": "title",
    "start_date": "start_date",
    "end_date": "end_date",
    "date_prec": "date_precision",
    "event_type": "event_type",
    "actors": "actors",
    "responders": "responders",
    "assets": "assets",
    "summary": "summary",
    "source_url": "source_url",
    "source_pub": "source_publisher",
    "published": "source_published",
    "confidence": "confidence",
    "place": "",  # the location's name, for people reading the table
    "loc_index": "",  # which of the incident's places the row is
}
#: The geometry families a Shapefile keeps apart, by GeoJSON type.
_FAMILIES = {
    "Point": "points",
    "MultiPoint": "points",
    "LineString": "lines",
    "MultiLineString": "lines",
    "Polygon": "polygons",
    "MultiPolygon": "polygons",
}
_MAX_BYTES = 254


def write_shapefile(
    incidents: Sequence[Incident], out: Path, gazetteer: Gazetteer, *, description: str = ""
) -> None:
    """Write ``incidents`` to ``out`` as a zip of shapefiles, one per geometry family."""
    frame = frame_of(incidents, gazetteer, record=_record).rename(
        columns={"location_index": "loc_index"}
    )
    # In the order frame_of gives the rows: each focus location, or one empty row.
    frame["place"] = [
        _cut(name) for incident in incidents for name in _focus_names(incident) or [""]
    ]
    family = [
        _FAMILIES.get(g.geom_type, "polygons") if g is not None else "points"
        for g in frame.geometry
    ]
    with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(out, "w") as bundle:
        for name in ("points", "lines", "polygons"):
            part = frame[[f == name for f in family]]
            if part.empty:
                continue
            path = Path(folder) / f"{LAYER}_{name}.shp"
            part.to_file(path, driver="ESRI Shapefile", engine="pyogrio", encoding="UTF-8")
            for piece in sorted(Path(folder).glob(f"{LAYER}_{name}.*")):
                bundle.write(piece, piece.name)
        if description:
            bundle.writestr("README.txt", description + "\n")


def read_shapefile(raw: bytes, name: str, gazetteer: Gazetteer) -> ImportReport:
    """Incidents from a zip of shapefiles written by ``incidents export --format shp``."""
    gpd = import_optional("geopandas", "gis", f"Importing {name}")
    try:
        bundle = zipfile.ZipFile(io.BytesIO(raw))
        members = [m for m in bundle.namelist() if m.lower().endswith(".shp")]
    except zipfile.BadZipFile as exc:
        raise MalformedFile(f"{name}: not a readable zip file ({exc}).") from exc
    if not members:
        raise MalformedFile(f"{name}: the zip holds no .shp file.")
    rows: list[tuple[dict[str, Any], BaseGeometry | None]] = []
    with tempfile.TemporaryDirectory() as folder:
        for member in bundle.namelist():
            # Only plain names: a zip entry such as "../x" must not leave the folder.
            if "/" in member or "\\" in member or member.startswith("."):
                raise MalformedFile(f"{name}: the zip entry {member!r} is not a plain file name.")
        bundle.extractall(folder)
        for member in sorted(members):
            try:
                frame = gpd.read_file(Path(folder) / member, engine="pyogrio")
            except Exception as exc:  # GDAL raises its own types for every kind of bad file
                raise MalformedFile(f"{name}: {member} is not readable ({exc}).") from exc
            fields = [c for c in frame.columns if c != frame.geometry.name]
            if not {"title", "start_date"} <= set(fields):
                raise MalformedFile(
                    f"{name}: {member} lacks the title and start_date fields; "
                    "it was not written by Incident Atlas."
                )
            for values, geom in zip(
                frame[fields].to_dict("records"), frame.geometry.tolist(), strict=True
            ):
                rows.append((values, geom))
    report = ImportReport(name)
    reader = RowReader(gazetteer, report)
    # An incident's rows share its id; without one, each row is an incident.
    groups: dict[object, list[tuple[dict[str, Any], BaseGeometry | None]]] = {}
    for number, (values, geom) in enumerate(rows, start=1):
        key = values.get("id") if values.get("id") not in (None, -1) else f"row {number}"
        groups.setdefault(key, []).append((values, geom))
    for number, group in enumerate(groups.values(), start=1):
        group.sort(key=lambda row: int(row[0].get("loc_index") or 0))
        values = {
            column: _plain(group[0][0].get(field))
            for field, column in SHAPEFILE_FIELDS.items()
            if column and column != "id"
        }
        shapes = [g for _, g in group if isinstance(g, BaseGeometry) and not g.is_empty]
        reader.row(number, values, shapes)
    return report


def _record(incident: Incident, gazetteer: Gazetteer) -> dict[str, Any]:
    first = incident.sources[0] if incident.sources else None
    return {
        "id": incident.id,
        "title": _cut(incident.title),
        "start_date": incident.start_date.isoformat(),
        "end_date": incident.end_date.isoformat() if incident.end_date else "",
        "date_prec": incident.date_precision,
        "event_type": incident.event_type,
        "actors": ";".join(incident.actors),
        "responders": ";".join(incident.responders),
        "assets": _cut(";".join(incident.assets)),
        "summary": _cut(incident.summary),
        "source_url": _cut(first.url or "") if first else "",
        "source_pub": _cut(first.publisher or "") if first else "",
        "published": first.published.isoformat() if first and first.published else "",
        "confidence": incident.confidence,
    }


def _focus_names(incident: Incident) -> list[str]:
    return [loc.name for loc in focus_of(incident)]


def _cut(text: str) -> str:
    """``text`` within a Shapefile's 254 bytes, cut with "…" where it is longer."""
    if len(text.encode("utf-8")) <= _MAX_BYTES:
        return text
    return text.encode("utf-8")[: _MAX_BYTES - 3].decode("utf-8", "ignore") + "…"


def _plain(value: Any) -> Any:
    """Numpy scalars as plain Python values; NaN and None as empty."""
    if hasattr(value, "item"):
        value = value.item()
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return value
