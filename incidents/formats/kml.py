"""KML 2.2 for Google Earth: one Placemark per incident, every field in ExtendedData.

Each location is one direct child of the Placemark's MultiGeometry (a
multi-part location is a nested MultiGeometry), so reading the file back
gives each location its own shape. Written with ElementTree, which escapes
all text: titles from articles cannot break the file. Read with defusedxml,
which refuses DTDs, entities and external references.

Written by hand, not through GDAL: GDAL's KML driver makes one geometry per
feature and has no place for each placemark's ``styleUrl`` (the event-type
colour Google Earth draws) or its ``TimeSpan`` (the time slider).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from geo.gazetteer import Gazetteer
from incidents.errors import MalformedFile
from incidents.focus import focus_of
from incidents.formats.files import decode_text
from incidents.formats.records import is_full_record, to_record
from incidents.formats.rows import ImportReport, RowProblem, RowReader
from incidents.mapview import EVENT_COLOURS
from incidents.model import Incident

__all__ = ["KML_NS", "MAX_NESTING", "read_kml", "write_kml"]

KML_NS = "http://www.opengis.net/kml/2.2"
#: Deepest element nesting a KML file may have (ours need 8).
MAX_NESTING = 64


def _kml_colour(hex_rgb: str, alpha: str) -> str:
    """KML writes colours as aabbggrr."""
    r, g, b = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"{alpha}{b}{g}{r}"


def _coords(coords: Sequence[Sequence[float]]) -> str:
    return " ".join(f"{x!r},{y!r}" for x, y, *_ in coords)


def _geometry(parent: ET.Element, geom: BaseGeometry) -> None:
    kind = geom.geom_type
    if kind == "Point":
        ET.SubElement(ET.SubElement(parent, "Point"), "coordinates").text = _coords(geom.coords)
    elif kind == "LineString":
        line = ET.SubElement(parent, "LineString")
        ET.SubElement(line, "tessellate").text = "1"
        ET.SubElement(line, "coordinates").text = _coords(geom.coords)
    elif kind == "Polygon":
        poly = ET.SubElement(parent, "Polygon")
        for tag, rings in (
            ("outerBoundaryIs", [geom.exterior]),
            ("innerBoundaryIs", geom.interiors),
        ):
            for ring in rings:
                boundary = ET.SubElement(poly, tag)
                ET.SubElement(ET.SubElement(boundary, "LinearRing"), "coordinates").text = _coords(
                    ring.coords
                )
    else:  # Multi* and collections: a nested MultiGeometry keeps the location whole
        multi = ET.SubElement(parent, "MultiGeometry")
        for part in geom.geoms:
            _geometry(multi, part)


def write_kml(
    incidents: Sequence[Incident], out: Path, gazetteer: Gazetteer, *, description: str = ""
) -> None:
    """Write ``incidents`` to ``out`` as a KML document."""
    ET.register_namespace("", KML_NS)
    root = ET.Element("kml", xmlns=KML_NS)
    doc = ET.SubElement(root, "Document")
    ET.SubElement(doc, "name").text = "Incident Atlas export"
    ET.SubElement(doc, "description").text = description
    for kind, colour in EVENT_COLOURS.items():
        style = ET.SubElement(doc, "Style", id=kind)
        ET.SubElement(ET.SubElement(style, "LineStyle"), "color").text = _kml_colour(colour, "ff")
        ET.SubElement(ET.SubElement(style, "PolyStyle"), "color").text = _kml_colour(colour, "55")
        ET.SubElement(ET.SubElement(style, "IconStyle"), "color").text = _kml_colour(colour, "ff")
    for incident in incidents:
        record = to_record(incident, gazetteer)
        mark = ET.SubElement(doc, "Placemark", id=f"incident-{incident.id or 0}")
        ET.SubElement(mark, "name").text = incident.title
        ET.SubElement(mark, "description").text = f"{incident.date_label()}. {incident.summary}"
        span = ET.SubElement(mark, "TimeSpan")
        ET.SubElement(span, "begin").text = incident.start_date.isoformat()
        ET.SubElement(span, "end").text = incident.last_date.isoformat()
        ET.SubElement(mark, "styleUrl").text = f"#{incident.event_type}"
        data = ET.SubElement(mark, "ExtendedData")
        for name, value in record.items():
            item = ET.SubElement(data, "Data", name=name)
            ET.SubElement(item, "value").text = "" if value is None else str(value)
        focus = focus_of(incident)  # where it happened; context rides in the record
        if focus:
            multi = ET.SubElement(mark, "MultiGeometry")
            for loc in focus:
                _geometry(multi, loc.geometry)
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)


def read_kml(raw: bytes, name: str, gazetteer: Gazetteer) -> ImportReport:
    """Incidents from a KML file written by ``incidents export --format kml``."""
    from xml.etree import ElementTree as ET

    import defusedxml.ElementTree as safe_xml
    from defusedxml import DefusedXmlException

    try:
        root = safe_xml.fromstring(decode_text(raw, name), forbid_dtd=True)
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
    rows = RowReader(gazetteer, report)
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
        rows.full_row(number, values, partial(list, parts))
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
