"""Rows of an import file become incidents, each checked on its own.

A file that cannot be read as its format raises :class:`MalformedFile` and
nothing is imported. Otherwise every row is checked on its own: valid rows
become incidents, the others are reported with their row number, the field
and what was wrong, so the analyst can fix and re-import them.

Columns (documented in the README, see :data:`COLUMNS`): ``title`` and
``start_date`` are required, the rest optional. Lists are separated by
``;``. A row written by our own export carries every field (see
:mod:`incidents.formats.records`) and comes back as it was exported.
Each format's module reads its file into rows and hands them here.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import shapely
from shapely import wkt as shapely_wkt
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geo.antimeridian import normalize
from geo.gazetteer import Feature, Gazetteer
from incidents.errors import AtlasError
from incidents.focus import assign_roles
from incidents.formats.records import from_record, is_full_record
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
    "BATCH_ROWS",
    "COLUMNS",
    "MAX_VERTICES",
    "ImportReport",
    "RowError",
    "RowProblem",
    "RowReader",
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
#: Rows a streamed CSV import reads, checks and saves at a time. Smaller batches leave
#: less to write after the last one is read; much smaller ones cost more than they save.
BATCH_ROWS = 5_000
#: Most points one imported shape may have: a coastline-detailed sea has about
#: 10,000; a million-point line would slow every map and export that shows it.
MAX_VERTICES = 50_000


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


class RowError(Exception):
    """What is wrong with one cell, raised while a row is read."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


class RowReader:
    """Reads one file's rows into a report, naming regions with ``gazetteer``.

    Rows repeat a few hundred region cells; each is looked up once per file.
    """

    def __init__(self, gazetteer: Gazetteer, report: ImportReport) -> None:
        self.gazetteer = gazetteer
        self.report = report
        self._named: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[Named, ...]] = {}

    def full_row(
        self, number: int, values: Mapping[str, Any], parts: Callable[[], list[BaseGeometry]]
    ) -> None:
        """A row our own export wrote: every field, each location with its own shape."""
        try:
            shapes = parts()
            for shape_ in shapes:
                _check_vertices(shape_, "geometry")
            incident = from_record(values, shapes, self.gazetteer).with_id(None)
        except RowError as exc:
            self.report.problems.append(RowProblem(number, exc.column, str(exc)))
        except (AtlasError, KeyError, TypeError, ValueError) as exc:
            self.report.problems.append(RowProblem(number, "incident", str(exc)))
        else:
            self.report.incidents.append((number, incident))

    def row(
        self,
        number: int,
        values: Mapping[str, Any],
        shapes: Sequence[BaseGeometry] = (),
        point: Point | None = None,
    ) -> None:
        """A row in the import columns, with the shapes its file gave it (if any).

        ``point`` is the row's lon/lat already made (see :meth:`many`).
        """
        try:
            self.report.incidents.append((number, self._incident(values, shapes, point)))
        except RowError as exc:
            self.report.problems.append(RowProblem(number, exc.column, str(exc)))
        except AtlasError as exc:
            self.report.problems.append(RowProblem(number, "incident", str(exc)))

    def any_row(
        self,
        number: int,
        values: Mapping[str, Any],
        parts: Callable[[], list[BaseGeometry]],
        shapes: Callable[[], list[BaseGeometry]],
        point: Point | None = None,
    ) -> None:
        """A full record when the row is one (see :func:`is_full_record`), else a plain row."""
        if is_full_record(values):
            self.full_row(number, values, parts)
            return
        try:
            own = shapes()
        except RowError as exc:
            self.report.problems.append(RowProblem(number, exc.column, str(exc)))
            return
        self.row(number, values, own, point)

    def many(
        self,
        rows: Sequence[tuple[int, Mapping[str, Any]]],
        parts: Callable[[Mapping[str, Any]], Callable[[], list[BaseGeometry]]],
    ) -> None:
        """Rows of a file whose only shapes are in its cells (a CSV), in order.

        Their lon/lat points are made in one call: made one by one, they were
        a fifth of the time it takes to read a large file.
        """
        points = _points([values for _, values in rows])
        for (number, values), point in zip(rows, points, strict=True):
            self.any_row(number, values, parts(values), list, point)

    def _incident(
        self, values: Mapping[str, Any], shapes: Sequence[BaseGeometry], point: Point | None
    ) -> Incident:
        return _incident(values, lambda: self._locations(values, shapes, point))

    def _locations(
        self, values: Mapping[str, Any], shapes: Sequence[BaseGeometry], point: Point | None
    ) -> tuple[Location, ...]:
        named = self._named_locations(_items(values.get("regions")), _items(values.get("context")))
        locations = [loc for loc, _ in named]
        chosen = [kept for _, kept in named]  # roles the file sets itself
        for column, geom in _own_shapes(values, shapes, point):
            if column == "lon/lat":
                point = f"{geom.y:.3f}, {geom.x:.3f}"
                locations.append(Location(point, geom, precision="point", kind="point"))
            else:
                locations.append(_geometry_location(geom, column))
            chosen.append(False)
        return assign_roles(locations, self.gazetteer, keep=chosen)

    def _named_locations(
        self, regions: tuple[str, ...], context: tuple[str, ...]
    ) -> tuple[Named, ...]:
        """The locations a row's region cells name, each with whether the file set its role."""
        key = (regions, context)
        if key not in self._named:
            out: list[Named] = []
            for column, role, names in (
                ("regions", "focus", regions),
                ("context", "context", context),
            ):
                for name in names:
                    feature = self._region_named(name)
                    if feature is None:
                        raise RowError(
                            column,
                            f"unknown region {name!r}; expected a gazetteer name such as "
                            "'Sea of Japan'",
                        )
                    out.append((Location.of_feature(feature, role=role), column == "context"))
            self._named[key] = tuple(out)
        return self._named[key]

    def _region_named(self, name: str) -> Feature | None:
        """The region or curated place a cell names."""
        return next(
            (
                f
                for f in self.gazetteer.lookup(name, cities=False)
                if f.is_region or f.id.startswith("place:")
            ),
            None,
        )


#: A location a region cell names, and whether the file chose its role.
Named = tuple[Location, bool]


def _listed(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).replace("|", ";").split(";") if v.strip()]


def _items(value: Any) -> tuple[str, ...]:
    """A list cell's items; a text is split once per distinct text (rows repeat their cells)."""
    return _split(value) if isinstance(value, str) else tuple(_listed(value))


@functools.lru_cache(maxsize=4096)
def _split(text: str) -> tuple[str, ...]:
    return tuple(_listed(text))


def _date(values: Mapping[str, Any], column: str, required: bool = False) -> dt.date | None:
    text = str(values.get(column) or "").strip()
    if not text:
        if required:
            raise RowError(column, "missing; expected a date as YYYY-MM-DD")
        return None
    return _day(text, column)


@functools.lru_cache(maxsize=16384)
def _day(text: str, column: str) -> dt.date:
    """A date cell's day; rows of one file share a few thousand days."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise RowError(column, f"{text!r} is not a real date; expected YYYY-MM-DD") from None
    if not day_in_range(day):
        raise RowError(
            column, f"{text} is outside {FIRST_DAY.year}–{LAST_DAY.year}; check the year"
        )
    return day


def _countries(values: Mapping[str, Any], column: str) -> tuple[str, ...]:
    return _country_codes(column, _items(values.get(column)))


@functools.lru_cache(maxsize=4096)
def _country_codes(column: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """ISO codes for a cell's countries (rows repeat a few hundred cells)."""
    out = []
    for text in names:
        try:
            out.append(country_code(text))
        except AtlasError:
            raise RowError(
                column,
                f"unknown country {text!r}; expected an ISO code such as RU "
                "or a name such as Russia",
            ) from None
    return tuple(dict.fromkeys(out))


def _lonlat(values: Mapping[str, Any]) -> tuple[float, float] | None:
    """A row's lon/lat cells as numbers in the world, or ``None`` when both are empty."""
    lon, lat = str(values.get("lon") or "").strip(), str(values.get("lat") or "").strip()
    if not (lon or lat):
        return None
    try:
        x, y = float(lon), float(lat)
    except ValueError:
        raise RowError("lon/lat", f"{lon!r}, {lat!r} are not numbers") from None
    if not (-180 <= x <= 180 and -90 <= y <= 90):
        raise RowError(
            "lon/lat", f"{x}, {y} is outside the world; expected lon -180..180, lat -90..90"
        )
    return x, y


def _points(rows: Sequence[Mapping[str, Any]]) -> list[Point | None]:
    """Each row's lon/lat point, made all at once; ``None`` where it has none or a bad one.

    A bad pair is reported when its row is read, by :func:`_own_shapes`.
    """
    pairs: list[tuple[float, float] | None] = []
    for values in rows:
        try:
            pairs.append(_lonlat(values))
        except RowError:
            pairs.append(None)
    given = [p for p in pairs if p is not None]
    made = iter(shapely.points(given).tolist() if given else [])
    return [None if p is None else next(made) for p in pairs]


def _own_shapes(
    values: Mapping[str, Any], geometries: Sequence[BaseGeometry], point: Point | None = None
) -> list[tuple[str, BaseGeometry]]:
    """The shapes a row gives itself: a lon/lat point, WKT, the file's geometry.

    ``point`` is the lon/lat point when it was already made from these cells.
    """
    shapes: list[tuple[str, BaseGeometry]] = []
    if point is None and (pair := _lonlat(values)) is not None:
        point = Point(*pair)
    if point is not None:
        shapes.append(("lon/lat", point))
    wkt_text = str(values.get("wkt") or "").strip()
    if wkt_text:
        try:
            shapes.append(("wkt", shapely_wkt.loads(wkt_text)))
        except shapely.errors.ShapelyError:
            raise RowError("wkt", f"not readable as WKT: {wkt_text[:60]!r}") from None
    shapes.extend(("geometry", geom) for geom in geometries)
    return shapes


def _check_vertices(geom: BaseGeometry, column: str) -> None:
    """A row error when a shape has more points than a map of incidents needs."""
    count = shapely.get_num_coordinates(geom)
    if count > MAX_VERTICES:
        raise RowError(
            column,
            f"{count:,} points is over the {MAX_VERTICES:,}-point limit for one shape; "
            "simplify it (QGIS: Vector > Geometry Tools > Simplify, e.g. 0.001°) and import again",
        )


def _geometry_location(geom: BaseGeometry, column: str) -> Location:
    _check_vertices(geom, column)
    if geom.is_empty:
        raise RowError(column, "the geometry is empty")
    if not geom.is_valid:
        raise RowError(column, f"invalid geometry: {shapely.is_valid_reason(geom)}")
    minx, miny, maxx, maxy = geom.bounds
    if miny < -90 or maxy > 90 or maxx - minx > 360:
        raise RowError(
            column, f"outside the world: bounds {tuple(round(b, 3) for b in geom.bounds)}"
        )
    geom = normalize(geom) if (minx < -180 or maxx > 180) else geom
    kind = {"Point": "point", "LineString": "route", "MultiLineString": "route"}.get(
        geom.geom_type, "area"
    )
    precision = "point" if kind in ("point", "route") else "region"
    return Location(f"drawn {kind}", geom, precision=precision, kind=kind)


def _incident(values: Mapping[str, Any], locations: Callable[[], tuple[Location, ...]]) -> Incident:
    # Places are read last: a row without a title says so before its shape is checked.
    title = str(values.get("title") or "").strip()
    if not title:
        raise RowError("title", "missing; every incident needs a title")
    start = _date(values, "start_date", required=True)
    assert start is not None
    end = _date(values, "end_date")
    precision = str(values.get("date_precision") or "day").strip().lower()
    if precision not in DATE_PRECISIONS:
        raise RowError(
            "date_precision", f"{precision!r}; expected one of {', '.join(DATE_PRECISIONS)}"
        )
    event_type = str(values.get("event_type") or "other").strip().lower().replace(" ", "_")
    if event_type not in EVENT_TYPES:
        raise RowError("event_type", f"{event_type!r}; expected one of {', '.join(EVENT_TYPES)}")
    confidence_text = str(values.get("confidence") or "0.5").strip()
    try:
        confidence = float(confidence_text)
    except ValueError:
        raise RowError(
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
        assets=tuple(dict.fromkeys(_items(values.get("assets")))),
        locations=locations(),
        sources=(source,) if (url or publisher or published) else (),
        confidence=confidence,
    )


def rows_of(report: ImportReport) -> Iterable[Incident]:
    """The valid incidents of a report."""
    return (incident for _, incident in report.incidents)
