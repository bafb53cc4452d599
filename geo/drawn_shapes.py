"""Shapes the user drew on the map, as geometries the rest of the system accepts.

Leaflet.draw reports what was drawn as GeoJSON features in the longitudes of
the map's view, which for a map centred on the Pacific run past 180 (a route
from Kamchatka to the Aleutians is 160..190). Here each feature becomes a
valid geometry in [-180, 180], split at the antimeridian where it crosses it,
or a clear error saying which shape is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geo.antimeridian import normalize, wrap_lon
from geo.errors import InvalidGeometry

__all__ = ["DrawnShape", "drawn_shapes"]

#: What a drawn GeoJSON type stands for in an incident.
_KINDS = {"Point": "point", "LineString": "route", "Polygon": "area"}


@dataclass(frozen=True)
class DrawnShape:
    """One drawn shape: ``point``, ``route`` or ``area``, with its geometry.

    ``given`` is the name of a shape that was put on the map to be edited (a
    drafted route), so that the edited shape replaces it.
    """

    kind: str
    geometry: BaseGeometry
    number: int
    given: str | None = None

    @property
    def name(self) -> str:
        """The given name, else a default such as ``Drawn route 2``."""
        return self.given or f"Drawn {self.kind} {self.number}"


def drawn_shapes(features: Iterable[Mapping[str, Any]] | None) -> list[DrawnShape]:
    """Turn Draw-plugin GeoJSON features into checked geometries.

    Parameters
    ----------
    features
        The ``all_drawings`` list streamlit-folium returns (``None`` when the
        user has drawn nothing).

    Raises
    ------
    InvalidGeometry
        A shape of an unsupported type, with too few points, or crossing
        itself; the message names the shape by its number.
    """
    shapes: list[DrawnShape] = []
    counts: dict[str, int] = {}
    for index, feature in enumerate(features or [], start=1):
        raw = feature.get("geometry") if isinstance(feature, Mapping) else None
        kind = _KINDS.get(raw.get("type", "")) if isinstance(raw, Mapping) else None
        if kind is None:
            raise InvalidGeometry(
                f"Drawn shape {index}: expected a point, route or area, got {raw!r:.80}."
            )
        try:
            geom = shape(raw)
        except (
            ValueError,
            TypeError,
            AttributeError,
            IndexError,
            shapely.errors.GEOSException,
        ) as exc:
            raise InvalidGeometry(f"Drawn shape {index} ({kind}) cannot be read: {exc}.") from exc
        if geom.is_empty or not geom.is_valid:
            reason = "it is empty" if geom.is_empty else shapely.is_valid_reason(geom)
            raise InvalidGeometry(
                f"Drawn {kind} (shape {index}) is not usable: {reason}. "
                "Redraw it without crossing its own edges."
            )
        miny, maxy = geom.bounds[1], geom.bounds[3]
        if miny < -90 or maxy > 90:
            raise InvalidGeometry(f"Drawn {kind} (shape {index}) runs past a pole.")
        counts[kind] = counts.get(kind, 0) + 1
        props = feature.get("properties") if isinstance(feature, Mapping) else None
        given = props.get("atlas_name") if isinstance(props, Mapping) else None
        shapes.append(
            DrawnShape(
                kind, _normalized(geom), counts[kind], given if isinstance(given, str) else None
            )
        )
    return shapes


def _normalized(geom: BaseGeometry) -> BaseGeometry:
    if geom.geom_type == "Point":
        return shapely.Point(wrap_lon(geom.x), geom.y)
    return normalize(geom)
