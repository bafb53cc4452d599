"""KML 2.2 for Google Earth: one Placemark per incident, every field in ExtendedData.

Each location is one direct child of the Placemark's MultiGeometry (a
multi-part location is a nested MultiGeometry), so reading the file back
gives each location its own shape. Written with ElementTree, which escapes
all text: titles from articles cannot break the file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from shapely.geometry.base import BaseGeometry

from incidents.export.records import to_record
from incidents.focus import focus_of
from incidents.mapview import EVENT_COLOURS
from incidents.model import Incident

__all__ = ["KML_NS", "write_kml"]

KML_NS = "http://www.opengis.net/kml/2.2"


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


def write_kml(incidents: Sequence[Incident], out: Path, *, description: str = "") -> None:
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
        record = to_record(incident)
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
