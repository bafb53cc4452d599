"""Read incidents from CSV and GeoJSON files, row by row, with a validation report.

A file that cannot be read as its format raises :class:`MalformedFile` and
nothing is imported. Otherwise every row is checked on its own: valid rows
become incidents, the others are reported with their row number, the field
and what was wrong, so the analyst can fix and re-import them.

CSV columns (documented in the README): ``title`` and ``start_date`` are
required; ``end_date``, ``date_precision``, ``event_type``, ``actors``,
``responders``, ``assets``, ``regions``, ``lon``, ``lat``, ``wkt``,
``summary``, ``source_url``, ``source_publisher``, ``source_published``,
``confidence`` are optional. Lists are separated by ``;``.
GeoJSON: a FeatureCollection whose features carry the same properties (lists
may be JSON arrays) and whose geometry becomes the incident's location.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import shapely
from shapely import wkt as shapely_wkt
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from geo.antimeridian import normalize
from geo.gazetteer import default_gazetteer
from incidents.errors import AtlasError, MalformedFile
from incidents.model import Incident, Location, Source
from incidents.vocabulary import DATE_PRECISIONS, EVENT_TYPES, country_code

__all__ = [
    "COLUMNS",
    "ImportReport",
    "RowProblem",
    "read_csv",
    "read_geojson",
    "read_import",
    "rows_of",
]

#: Every column a CSV may have, with what it holds (the README's table is built from this).
COLUMNS: dict[str, str] = {
    "title": "required; a short description",
    "start_date": "required; YYYY-MM-DD",
    "end_date": "YYYY-MM-DD, on or after start_date",
    "date_precision": "day (default), month or year",
    "event_type": f"one of {', '.join(EVENT_TYPES)} (default other)",
    "actors": "countries that acted: ISO codes or names, separated by ;",
    "responders": "countries that intercepted, shadowed or protested, separated by ;",
    "assets": "aircraft and ship designations, separated by ;",
    "regions": "gazetteer names (seas, straits, ADIZs, countries), separated by ;",
    "lon": "longitude of a point, -180..180 (with lat)",
    "lat": "latitude of a point, -90..90 (with lon)",
    "wkt": "a geometry in WKT (point, line for a route, polygon), lon/lat",
    "summary": "free text",
    "source_url": "where the report is",
    "source_publisher": "who published it",
    "source_published": "YYYY-MM-DD",
    "confidence": "0..1 (default 0.5)",
}
MAX_IMPORT_BYTES = 20_000_000


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one row."""

    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.field}: {self.message}"


@dataclass
class ImportReport:
    """Incidents read from a file and the rows that could not be read."""

    name: str
    incidents: list[tuple[int, Incident]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def rows(self) -> int:
        """How many rows the file holds."""
        return len(self.incidents) + len({p.row for p in self.problems})


class _RowError(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


def read_import(raw: bytes, name: str) -> ImportReport:
    """Read a ``.csv`` or ``.geojson``/``.json`` file's bytes."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise MalformedFile(
            f"{name}: {len(raw):,} bytes is over the {MAX_IMPORT_BYTES:,}-byte import limit."
        )
    lowered = name.lower()
    if lowered.endswith(".csv"):
        return read_csv(raw, name)
    if lowered.endswith((".geojson", ".json")):
        return read_geojson(raw, name)
    raise MalformedFile(f"{name}: unknown file type; expected .csv, .geojson or .json.")


def _text(raw: bytes, name: str) -> str:
    if b"\x00" in raw[:8192]:
        raise MalformedFile(f"{name}: this is a binary file, not CSV or GeoJSON.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MalformedFile(
            f"{name}: not UTF-8 text (byte {exc.start}); save it as UTF-8."
        ) from exc


def read_csv(raw: bytes, name: str = "import.csv") -> ImportReport:
    """Incidents from CSV bytes; see :data:`COLUMNS`."""
    text = _text(raw, name)
    try:
        reader = csv.DictReader(io.StringIO(text))
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise MalformedFile(f"{name}: not readable as CSV ({exc}).") from exc
    missing = {"title", "start_date"} - {h.strip() for h in header}
    if missing:
        raise MalformedFile(
            f"{name}: the header lacks the required column(s) {', '.join(sorted(missing))}; "
            f"found {', '.join(header) or 'no header'}."
        )
    unknown = [h for h in header if h.strip() not in COLUMNS]
    report = ImportReport(name)
    if unknown:
        report.problems.append(
            RowProblem(1, "header", f"unknown column(s) ignored: {', '.join(unknown)}")
        )
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise MalformedFile(
            f"{name}: not readable as CSV near line {reader.line_num} ({exc})."
        ) from exc
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        values = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        _read_row(report, number, values, geometry=None)
    return report


def read_geojson(raw: bytes, name: str = "import.geojson") -> ImportReport:
    """Incidents from a GeoJSON FeatureCollection; each feature's geometry is its location."""
    try:
        data = json.loads(_text(raw, name))
    except ValueError as exc:
        raise MalformedFile(f"{name}: not valid JSON ({exc}).") from exc
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise MalformedFile(f"{name}: expected a GeoJSON FeatureCollection with a 'features' list.")
    report = ImportReport(name)
    for number, feature in enumerate(data["features"], start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            report.problems.append(
                RowProblem(number, "properties", "a feature needs a properties object")
            )
            continue
        values = {k: v for k, v in props.items() if isinstance(k, str)}
        _read_row(report, number, values, geometry=feature.get("geometry"))
    return report


def _read_row(
    report: ImportReport, number: int, values: Mapping[str, Any], geometry: dict[str, Any] | None
) -> None:
    try:
        report.incidents.append((number, _incident(values, geometry)))
    except _RowError as exc:
        report.problems.append(RowProblem(number, exc.column, str(exc)))
    except AtlasError as exc:
        report.problems.append(RowProblem(number, "incident", str(exc)))


def _listed(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).replace("|", ";").split(";") if v.strip()]


def _date(values: Mapping[str, Any], column: str, required: bool = False) -> dt.date | None:
    text = str(values.get(column) or "").strip()
    if not text:
        if required:
            raise _RowError(column, "missing; expected a date as YYYY-MM-DD")
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _RowError(column, f"{text!r} is not a real date; expected YYYY-MM-DD") from None


def _countries(values: Mapping[str, Any], column: str) -> tuple[str, ...]:
    out = []
    for text in _listed(values.get(column)):
        try:
            out.append(country_code(text))
        except AtlasError:
            raise _RowError(
                column,
                f"unknown country {text!r}; expected an ISO code such as RU "
                "or a name such as Russia",
            ) from None
    return tuple(dict.fromkeys(out))


def _locations(values: Mapping[str, Any], geometry: dict[str, Any] | None) -> tuple[Location, ...]:
    gaz = default_gazetteer()
    locations: list[Location] = []
    for name in _listed(values.get("regions")):
        feature = next(
            (f for f in gaz.lookup(name) if f.is_region or f.id.startswith("place:")), None
        )
        if feature is None:
            raise _RowError(
                "regions",
                f"unknown region {name!r}; expected a gazetteer name such as 'Sea of Japan'",
            )
        locations.append(
            Location(
                feature.name,
                feature.geometry,
                precision=feature.precision,
                kind=feature.kind,
                feature_id=feature.id,
            )
        )
    lon, lat = str(values.get("lon") or "").strip(), str(values.get("lat") or "").strip()
    if lon or lat:
        try:
            x, y = float(lon), float(lat)
        except ValueError:
            raise _RowError("lon/lat", f"{lon!r}, {lat!r} are not numbers") from None
        if not (-180 <= x <= 180 and -90 <= y <= 90):
            raise _RowError(
                "lon/lat", f"{x}, {y} is outside the world; expected lon -180..180, lat -90..90"
            )
        locations.append(
            Location(f"{y:.3f}, {x:.3f}", Point(x, y), precision="point", kind="point")
        )
    wkt_text = str(values.get("wkt") or "").strip()
    if wkt_text:
        try:
            geom = shapely_wkt.loads(wkt_text)
        except shapely.errors.ShapelyError:
            raise _RowError("wkt", f"not readable as WKT: {wkt_text[:60]!r}") from None
        locations.append(_geometry_location(geom, "wkt"))
    if geometry is not None:
        try:
            geom = shape(geometry)
        except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.ShapelyError):
            raise _RowError("geometry", "not a GeoJSON geometry") from None
        locations.append(_geometry_location(geom, "geometry"))
    return tuple(locations)


def _geometry_location(geom: BaseGeometry, column: str) -> Location:
    if geom.is_empty:
        raise _RowError(column, "the geometry is empty")
    if not geom.is_valid:
        raise _RowError(column, f"invalid geometry: {shapely.is_valid_reason(geom)}")
    minx, miny, maxx, maxy = geom.bounds
    if miny < -90 or maxy > 90 or maxx - minx > 360:
        raise _RowError(
            column, f"outside the world: bounds {tuple(round(b, 3) for b in geom.bounds)}"
        )
    geom = normalize(geom) if (minx < -180 or maxx > 180) else geom
    kind = {"Point": "point", "LineString": "route", "MultiLineString": "route"}.get(
        geom.geom_type, "area"
    )
    precision = "point" if kind in ("point", "route") else "region"
    return Location(f"drawn {kind}", geom, precision=precision, kind=kind)


def _incident(values: Mapping[str, Any], geometry: dict[str, Any] | None) -> Incident:
    title = str(values.get("title") or "").strip()
    if not title:
        raise _RowError("title", "missing; every incident needs a title")
    start = _date(values, "start_date", required=True)
    assert start is not None
    end = _date(values, "end_date")
    precision = str(values.get("date_precision") or "day").strip().lower()
    if precision not in DATE_PRECISIONS:
        raise _RowError(
            "date_precision", f"{precision!r}; expected one of {', '.join(DATE_PRECISIONS)}"
        )
    event_type = str(values.get("event_type") or "other").strip().lower().replace(" ", "_")
    if event_type not in EVENT_TYPES:
        raise _RowError("event_type", f"{event_type!r}; expected one of {', '.join(EVENT_TYPES)}")
    confidence_text = str(values.get("confidence") or "0.5").strip()
    try:
        confidence = float(confidence_text)
    except ValueError:
        raise _RowError(
            "confidence", f"{confidence_text!r} is not a number between 0 and 1"
        ) from None
    source = Source(
        url=str(values.get("source_url") or "").strip() or None,
        publisher=str(values.get("source_publisher") or "").strip() or None,
        published=_date(values, "source_published"),
    )
    return Incident(
        title=title,
        start_date=start,
        end_date=end,
        date_precision=precision,
        event_type=event_type,
        summary=str(values.get("summary") or "").strip(),
        actors=_countries(values, "actors"),
        responders=_countries(values, "responders"),
        assets=tuple(dict.fromkeys(_listed(values.get("assets")))),
        locations=_locations(values, geometry),
        sources=(source,) if (source.url or source.publisher or source.published) else (),
        confidence=confidence,
    )


def rows_of(report: ImportReport) -> Iterable[Incident]:
    """The valid incidents of a report."""
    return (incident for _, incident in report.incidents)
