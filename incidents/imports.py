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
import functools
import io
import json
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import shapely
from shapely import wkt as shapely_wkt
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from geo._compat import import_optional
from geo.antimeridian import normalize
from geo.gazetteer import Feature, default_gazetteer
from incidents.bulk import bulk
from incidents.errors import AtlasError, MalformedFile
from incidents.export.csv import unguard_cell
from incidents.export.records import RECORD_FIELDS, from_record, is_full_record
from incidents.focus import assign_roles
from incidents.model import Incident, Location, Source
from incidents.vocabulary import (
    DATE_PRECISIONS,
    EVENT_TYPES,
    FIRST_DAY,
    LAST_DAY,
    country_code,
    day_in_range,
)

__all__ = [
    "COLUMNS",
    "ImportReport",
    "RowProblem",
    "check_size",
    "read_csv",
    "read_csv_batches",
    "read_geojson",
    "read_gpkg",
    "read_import",
    "read_import_file",
    "read_kml",
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
    "regions": "gazetteer names (seas, straits, shoals, ADIZs, countries), separated by ;. "
    "The most specific become the focus; a larger region holding them, context",
    "context": "gazetteer names of larger regions named only for orientation (drawn as "
    "outlines, never framed), separated by ;",
    "lon": "longitude of a point, -180..180 (with lat)",
    "lat": "latitude of a point, -90..90 (with lon)",
    "wkt": "a geometry in WKT (point, line for a route, polygon), lon/lat",
    "summary": "free text",
    "source_url": "where the report is",
    "source_publisher": "who published it",
    "source_published": "YYYY-MM-DD",
    "confidence": "0..1 (default 0.5)",
}
#: Rows a streamed CSV import reads, checks and saves at a time.
BATCH_ROWS = 20_000
#: Most points one imported shape may have: a coastline-detailed sea has about
#: 10,000; a million-point line would slow every map and export that shows it.
MAX_VERTICES = 50_000
#: Deepest element nesting a KML file may have (ours need 8).
MAX_NESTING = 64
#: The default largest file accepted (``INCIDENTS_IMPORT_MAX_MB`` changes it).
MAX_IMPORT_BYTES = 256_000_000
# A region's WKT (the North Pacific) is longer than the csv module's default field limit.
csv.field_size_limit(MAX_IMPORT_BYTES)


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


def check_size(name: str, size: int, max_bytes: int = MAX_IMPORT_BYTES) -> None:
    """A :class:`MalformedFile` error when a file of ``size`` bytes is over the limit."""
    if size > max_bytes:
        raise MalformedFile(
            f"{name}: {size:,} bytes is over the {max_bytes:,}-byte import limit; "
            "set INCIDENTS_IMPORT_MAX_MB to allow larger files, or split the file."
        )


@bulk
def read_import(raw: bytes, name: str, *, max_bytes: int = MAX_IMPORT_BYTES) -> ImportReport:
    """Read a ``.csv``, ``.geojson``/``.json``, ``.gpkg`` or ``.kml`` file's bytes."""
    check_size(name, len(raw), max_bytes)
    lowered = name.lower()
    if lowered.endswith(".csv"):
        return read_csv(raw, name)
    if lowered.endswith((".geojson", ".json")):
        return read_geojson(raw, name)
    if lowered.endswith((".gpkg", ".fgb")):
        return read_gpkg(raw, name)
    if lowered.endswith(".kml"):
        return read_kml(raw, name)
    raise MalformedFile(
        f"{name}: unknown file type; expected .csv, .geojson, .json, .gpkg, .fgb or .kml."
    )


def read_import_file(
    path: Path, *, max_bytes: int = MAX_IMPORT_BYTES, rows: int = BATCH_ROWS
) -> Iterator[tuple[ImportReport, float]]:
    """A file's incidents in batches, each with the share of the file read so far (0..1).

    A CSV is streamed, ``rows`` rows at a time, whatever its size; the other
    formats are read whole, up to ``max_bytes``.
    """
    name = path.name
    if not name.lower().endswith(".csv"):
        check_size(name, path.stat().st_size, max_bytes)
        yield read_import(path.read_bytes(), name, max_bytes=max_bytes), 1.0
        return
    size = max(path.stat().st_size, 1)
    with path.open("rb") as raw:
        _refuse_binary(raw.read(8192), name)
        raw.seek(0)
        with io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
            for batch in read_csv_batches(text, name, rows=rows):
                yield batch, min(raw.tell() / size, 1.0)


def _refuse_binary(head: bytes, name: str) -> None:
    """A :class:`MalformedFile` error when a file's first 8 KB hold a NUL byte."""
    if b"\x00" in head[:8192]:
        raise MalformedFile(f"{name}: this is a binary file, not CSV or GeoJSON.")


def _text(raw: bytes, name: str) -> str:
    _refuse_binary(raw, name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MalformedFile(
            f"{name}: not UTF-8 text (byte {exc.start}); save it as UTF-8."
        ) from exc


def read_csv(raw: bytes, name: str = "import.csv") -> ImportReport:
    """Incidents from CSV bytes; see :data:`COLUMNS` and :func:`read_csv_batches`."""
    whole = ImportReport(name)
    for batch in read_csv_batches(io.StringIO(_text(raw, name)), name, rows=None):
        whole.incidents += batch.incidents
        whole.problems += batch.problems
    return whole


def read_csv_batches(
    text: Iterable[str], name: str, *, rows: int | None = BATCH_ROWS
) -> Iterator[ImportReport]:
    """The incidents of a CSV, ``rows`` rows at a time, read as the file is read.

    Memory stays bounded by the batch, whatever the file's size. A cell that
    breaks the CSV rules (a quote that never closes) ends the reading there:
    the rows before it are kept and the problem names the line.
    """
    # strict: a quote left open is an error, not the rest of the file read as one cell
    reader = csv.reader(text, strict=True)
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        raise MalformedFile(f"{name}: the header is not readable as CSV ({exc}).") from exc
    except UnicodeDecodeError as exc:
        raise MalformedFile(f"{name}: not UTF-8 text; save it as UTF-8.") from exc
    missing = {"title", "start_date"} - set(header)
    if missing:
        raise MalformedFile(
            f"{name}: the header lacks the required column(s) {', '.join(sorted(missing))}; "
            f"found {', '.join(header) or 'no header'}."
        )
    twice = sorted({h for h in header if h and header.count(h) > 1})
    if twice:
        raise MalformedFile(
            f"{name}: the header has more than one column named {', '.join(twice)}; "
            "keep one of each, so that no cell is silently ignored."
        )
    unknown = [h for h in header if h not in COLUMNS and h not in RECORD_FIELDS]
    if unknown:
        # Refused, not ignored: a "notes" column dropped without a word is data lost.
        raise MalformedFile(
            f"{name}: unknown column(s) {', '.join(repr(h) for h in unknown)}; rename each to "
            f"one of {', '.join(COLUMNS)}, or delete it, and import again."
        )
    report = ImportReport(name)
    named = [(i, h) for i, h in enumerate(header) if h]
    plain = len(named) == len(header)  # every column named: cells zip with the header
    number = 1
    while True:
        first_line = reader.line_num + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            report.problems.append(
                RowProblem(
                    number + 1,
                    "file",
                    f"not readable as CSV from line {first_line} ({exc}); a quote opened "
                    f"there may never close. Rows after it were not read.",
                )
            )
            break
        except UnicodeDecodeError as exc:
            raise MalformedFile(
                f"{name}: not UTF-8 text near line {first_line}; save it as UTF-8. "
                "Nothing was imported."
            ) from exc
        if row is None:
            break
        if not row:
            continue  # a blank line is not a row
        number += 1
        if plain:
            values = dict(zip(header, map(str.strip, row), strict=False))
            if _GUARDED.search("\x00".join(row)):
                values = {k: _cell(v) for k, v in values.items()}
        else:
            values = {h: _cell(row[i]) if i < len(row) else "" for i, h in named}
        if is_full_record(values):
            _read_full_row(report, number, values, partial(_wkt_parts, values.get("wkt", "")))
        else:
            _read_row(report, number, values, geometry=None)
        if rows is not None and len(report.incidents) + len(report.problems) >= rows:
            yield report
            report = ImportReport(name)
    yield report


#: A cell that starts with ``'`` (after blanks): our export's guard against formulas.
_GUARDED = re.compile(r"(?:^|\x00)\s*'")


def _cell(text: str) -> str:
    text = text.strip()
    return unguard_cell(text) if text.startswith("'") else text


def read_geojson(raw: bytes, name: str = "import.geojson") -> ImportReport:
    """Incidents from a GeoJSON FeatureCollection; each feature's geometry is its location."""
    try:
        data = json.loads(_text(raw, name))
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
    for number, feature in enumerate(data["features"], start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            report.problems.append(
                RowProblem(number, "properties", "a feature needs a properties object")
            )
            continue
        values = {k: v for k, v in props.items() if isinstance(k, str)}
        if is_full_record(values):
            _read_full_row(report, number, values, partial(_geojson_parts, feature.get("geometry")))
        else:
            _read_row(report, number, values, geometry=feature.get("geometry"))
    return report


def read_gpkg(raw: bytes, name: str = "import.gpkg") -> ImportReport:
    """Incidents from a GeoPackage or FlatGeobuf written by ``incidents export``.

    Rows of one incident follow each other, numbered by ``location_index``
    from 0; each row's geometry is one of its locations.
    """
    pyogrio = import_optional("pyogrio", "gis", "Importing a GeoPackage")
    # GDAL picks the format by the name's suffix.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("import.fgb" if name.lower().endswith(".fgb") else "import.gpkg")
        path.write_bytes(raw)
        try:
            meta, _, geometry, columns = pyogrio.raw.read(str(path))
        except Exception as exc:  # GDAL raises its own types for every kind of bad file
            raise MalformedFile(f"{name}: not readable as a GIS layer ({exc}).") from exc
    fields = [str(f) for f in meta["fields"]]
    if not {"title", "start_date", "locations", "location_index"} <= set(fields):
        raise MalformedFile(
            f"{name}: this GeoPackage was not written by Incident Atlas (it lacks the "
            "title, start_date, locations and location_index fields); export a CSV instead."
        )
    report = ImportReport(name)
    groups: list[tuple[int, dict[str, Any], list[BaseGeometry]]] = []
    for i in range(len(geometry)):
        values = {f: _plain(columns[j][i]) for j, f in enumerate(fields)}
        geom = shapely.from_wkb(geometry[i]) if geometry[i] is not None else None
        if int(values["location_index"] or 0) == 0 or not groups:
            groups.append((i + 1, values, []))
        if geom is not None:
            groups[-1][2].append(geom)
    for number, values, parts in groups:
        _read_full_row(report, number, values, partial(list, parts))
    return report


def read_kml(raw: bytes, name: str = "import.kml") -> ImportReport:
    """Incidents from a KML file written by ``incidents export --format kml``."""
    from xml.etree import ElementTree as ET

    import defusedxml.ElementTree as safe_xml
    from defusedxml import DefusedXmlException

    from incidents.export.kml import KML_NS

    try:
        root = safe_xml.fromstring(_text(raw, name), forbid_dtd=True)
    except DefusedXmlException as exc:
        raise MalformedFile(
            f"{name}: KML with a DOCTYPE, entities or external references is refused ({exc})."
        ) from exc
    except ET.ParseError as exc:
        raise MalformedFile(f"{name}: not readable as XML ({exc}).") from exc
    depth = _depth(root)
    if depth > MAX_NESTING:
        raise MalformedFile(
            f"{name}: elements nested {depth} levels deep; an Incident Atlas KML needs "
            f"under {MAX_NESTING}."
        )
    ns = {"k": KML_NS}
    report = ImportReport(name)
    for number, mark in enumerate(root.iter(f"{{{KML_NS}}}Placemark"), start=1):
        values = {
            str(d.get("name")): (d.findtext("k:value", default="", namespaces=ns))
            for d in mark.iterfind("k:ExtendedData/k:Data", ns)
        }
        if not is_full_record(values):
            report.problems.append(
                RowProblem(number, "ExtendedData", "not an Incident Atlas placemark; skipped")
            )
            continue
        multi = mark.find("k:MultiGeometry", ns)
        try:
            parts = [_kml_geometry(child) for child in (multi if multi is not None else [])]
        except (
            ValueError,
            IndexError,
            AttributeError,
            TypeError,
            shapely.errors.ShapelyError,
        ) as exc:
            report.problems.append(RowProblem(number, "geometry", f"unreadable ({exc})"))
            continue
        _read_full_row(report, number, values, partial(list, parts))
    return report


def _depth(root: Any) -> int:
    """How deeply ``root``'s elements nest, counted without recursion."""
    deepest, stack = 0, [(root, 1)]
    while stack:
        element, level = stack.pop()
        deepest = max(deepest, level)
        if level <= MAX_NESTING:  # deeper than that is refused anyway
            stack.extend((child, level + 1) for child in element)
    return deepest


def _kml_geometry(element: Any) -> BaseGeometry:
    tag = element.tag.rsplit("}", 1)[-1]

    def coords(el: Any) -> list[tuple[float, float]]:
        text = el.findtext("{*}coordinates") or ""
        return [(float(p.split(",")[0]), float(p.split(",")[1])) for p in text.split() if p.strip()]

    if tag == "Point":
        return shapely.Point(coords(element)[0])
    if tag == "LineString":
        return shapely.LineString(coords(element))
    if tag == "Polygon":
        outer = coords(element.find("{*}outerBoundaryIs/{*}LinearRing"))
        inner = [coords(r) for r in element.iterfind("{*}innerBoundaryIs/{*}LinearRing")]
        return shapely.Polygon(outer, inner)
    if tag == "MultiGeometry":
        parts = [_kml_geometry(child) for child in element]
        kinds = {p.geom_type for p in parts}
        if kinds == {"Polygon"}:
            return shapely.MultiPolygon(parts)
        if kinds == {"LineString"}:
            return shapely.MultiLineString(parts)
        if kinds == {"Point"}:
            return shapely.MultiPoint(parts)
        return shapely.GeometryCollection(parts)
    raise ValueError(f"unsupported KML geometry {tag}")


def _plain(value: Any) -> Any:
    """Numpy scalars from GDAL as plain Python values (NaN and -1 as missing)."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def _wkt_parts(text: str) -> list[BaseGeometry]:
    if not text.strip():
        return []
    try:
        geom = shapely_wkt.loads(text)
    except shapely.errors.ShapelyError:
        raise _RowError("wkt", f"not readable as WKT: {text[:60]!r}") from None
    return list(geom.geoms) if geom.geom_type == "GeometryCollection" else [geom]


def _geojson_parts(geometry: Any) -> list[BaseGeometry]:
    if geometry is None:
        return []
    try:
        geom = shape(geometry)
    except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.ShapelyError):
        raise _RowError("geometry", "not a GeoJSON geometry") from None
    return list(geom.geoms) if geom.geom_type == "GeometryCollection" else [geom]


def _read_full_row(
    report: ImportReport,
    number: int,
    values: Mapping[str, Any],
    parts: Callable[[], list[BaseGeometry]],
) -> None:
    """A row our own export wrote: every field, each location with its own shape."""
    try:
        shapes = parts()
        for shape_ in shapes:
            _check_vertices(shape_, "geometry")
        incident = from_record(values, shapes).with_id(None)
    except _RowError as exc:
        report.problems.append(RowProblem(number, exc.column, str(exc)))
    except (AtlasError, KeyError, TypeError, ValueError) as exc:
        report.problems.append(RowProblem(number, "incident", str(exc)))
    else:
        report.incidents.append((number, incident))


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
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise _RowError(column, f"{text!r} is not a real date; expected YYYY-MM-DD") from None
    if not day_in_range(day):
        raise _RowError(
            column, f"{text} is outside {FIRST_DAY.year}–{LAST_DAY.year}; check the year"
        )
    return day


def _countries(values: Mapping[str, Any], column: str) -> tuple[str, ...]:
    return _country_codes(column, tuple(_listed(values.get(column))))


@functools.lru_cache(maxsize=4096)
def _country_codes(column: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """ISO codes for a cell's countries (rows repeat a few hundred cells)."""
    out = []
    for text in names:
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
    named = _named_locations(
        tuple(_listed(values.get("regions"))), tuple(_listed(values.get("context")))
    )
    locations = [loc for loc, _ in named]
    chosen = [kept for _, kept in named]  # roles the file sets itself
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
        chosen.append(False)
    wkt_text = str(values.get("wkt") or "").strip()
    if wkt_text:
        try:
            geom = shapely_wkt.loads(wkt_text)
        except shapely.errors.ShapelyError:
            raise _RowError("wkt", f"not readable as WKT: {wkt_text[:60]!r}") from None
        locations.append(_geometry_location(geom, "wkt"))
        chosen.append(False)
    if geometry is not None:
        try:
            geom = shape(geometry)
        except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.ShapelyError):
            raise _RowError("geometry", "not a GeoJSON geometry") from None
        locations.append(_geometry_location(geom, "geometry"))
        chosen.append(False)
    return assign_roles(locations, keep=chosen)


@functools.lru_cache(maxsize=4096)
def _named_locations(
    regions: tuple[str, ...], context: tuple[str, ...]
) -> tuple[tuple[Location, bool], ...]:
    """The locations a row's region cells name, each with whether the file set its role."""
    out: list[tuple[Location, bool]] = []
    for column, role, names in (("regions", "focus", regions), ("context", "context", context)):
        for name in names:
            feature = _region_named(name)
            if feature is None:
                raise _RowError(
                    column,
                    f"unknown region {name!r}; expected a gazetteer name such as 'Sea of Japan'",
                )
            out.append((Location.of_feature(feature, role=role), column == "context"))
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def _region_named(name: str) -> Feature | None:
    """The region or curated place a cell names (rows repeat a few hundred names)."""
    return next(
        (
            f
            for f in default_gazetteer().lookup(name, cities=False)
            if f.is_region or f.id.startswith("place:")
        ),
        None,
    )


def _check_vertices(geom: BaseGeometry, column: str) -> None:
    """A row error when a shape has more points than a map of incidents needs."""
    count = shapely.get_num_coordinates(geom)
    if count > MAX_VERTICES:
        raise _RowError(
            column,
            f"{count:,} points is over the {MAX_VERTICES:,}-point limit for one shape; "
            "simplify it (QGIS: Vector > Geometry Tools > Simplify, e.g. 0.001°) and import again",
        )


def _geometry_location(geom: BaseGeometry, column: str) -> Location:
    _check_vertices(geom, column)
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
    url = str(values.get("source_url") or "").strip() or None
    publisher = str(values.get("source_publisher") or "").strip() or None
    published = _date(values, "source_published")
    # The row's title is the report's headline: two rows from one publisher with
    # other headlines are two reports, and the same row imported again is the same one.
    source = Source(url=url, publisher=publisher, published=published, title=title)
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
        sources=(source,) if (url or publisher or published) else (),
        confidence=confidence,
    )


def rows_of(report: ImportReport) -> Iterable[Incident]:
    """The valid incidents of a report."""
    return (incident for _, incident in report.incidents)
