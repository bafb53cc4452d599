"""Geometry across longitude 180.

Stored geometries live in longitudes [-180, 180]; a region that crosses the
antimeridian (Bering Sea, the Pacific, the Alaska ADIZ) is stored as a
MultiPolygon split at 180, as RFC 7946 asks. That keeps containment tests and
geodesic areas correct with plain longitude arithmetic.

For drawing and for work that needs a continuous shape (buffers, "northern
part of"), :func:`unwrap` shifts the pieces into one frame centred on the
shape, e.g. the Bering Sea into 160..200, which Leaflet draws as one polygon
instead of two slivers at the edges of the world.
"""

from __future__ import annotations

import math

import shapely
from shapely.affinity import translate
from shapely.geometry import Point, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

__all__ = [
    "circular_mean_lon",
    "crosses_antimeridian",
    "inner_point",
    "normalize",
    "unwrap",
    "wrap_lon",
]

_WORLD = box(-180.0, -90.0, 180.0, 90.0)


def wrap_lon(lon: float) -> float:
    """Return ``lon`` wrapped into [-180, 180)."""
    return ((lon + 180.0) % 360.0) - 180.0


def normalize(geom: BaseGeometry) -> BaseGeometry:
    """Split a geometry given in any longitude range into [-180, 180].

    Parameters
    ----------
    geom
        A geometry whose longitudes may run past ±180 (for example 160..200).

    Returns
    -------
    BaseGeometry
        The same area, with every part shifted by a multiple of 360 into the
        world box and cut at the antimeridian.
    """
    if geom.is_empty:
        return geom
    minx, _, maxx, _ = geom.bounds
    if minx >= -180.0 and maxx <= 180.0:
        return geom
    parts = []
    first = math.floor((minx + 180.0) / 360.0)
    last = math.floor((maxx + 180.0) / 360.0)
    for k in range(first, last + 1):
        window = box(-180.0 + 360.0 * k, -90.0, 180.0 + 360.0 * k, 90.0)
        piece = geom.intersection(window)
        if not piece.is_empty:
            parts.append(translate(piece, xoff=-360.0 * k))
    merged = shapely.union_all(parts)
    return _polygonal_only(merged) if geom.geom_type.endswith("Polygon") else merged


def _polygonal_only(geom: BaseGeometry) -> BaseGeometry:
    """Drop the slivers (lines, points) an intersection can leave behind."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    polys = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polys) if polys else shapely.Polygon()


def crosses_antimeridian(geom: BaseGeometry, tolerance: float = 1e-6) -> bool:
    """Tell whether a normalized geometry touches both +180 and -180."""
    if geom.is_empty:
        return False
    minx, _, maxx, _ = geom.bounds
    return bool(minx <= -180.0 + tolerance and maxx >= 180.0 - tolerance)


def circular_mean_lon(geom: BaseGeometry) -> float:
    """Mean longitude of a geometry's vertices on the circle, in [-180, 180)."""
    coords = shapely.get_coordinates(geom)
    if len(coords) == 0:
        return 0.0
    rad = [math.radians(x) for x in coords[:, 0]]
    s = sum(math.sin(r) for r in rad)
    c = sum(math.cos(r) for r in rad)
    if abs(s) < 1e-12 and abs(c) < 1e-12:
        return 0.0
    return wrap_lon(math.degrees(math.atan2(s, c)))


def unwrap(geom: BaseGeometry, center_lon: float | None = None) -> BaseGeometry:
    """Shift each part of ``geom`` into the frame [center-180, center+180).

    Parameters
    ----------
    geom
        A normalized geometry (longitudes in [-180, 180]).
    center_lon
        The longitude to centre the frame on. By default the circular mean of
        the geometry's vertices, so a shape split at 180 becomes continuous.

    Returns
    -------
    BaseGeometry
        The geometry with longitudes in the chosen frame; parts that touched
        each other across 180 are joined again.
    """
    if geom.is_empty:
        return geom
    if center_lon is None:
        if not crosses_antimeridian(geom):
            return geom
        center_lon = circular_mean_lon(geom)
    lo = center_lon - 180.0

    def shift(part: BaseGeometry) -> BaseGeometry:
        cx = part.centroid.x if not part.is_empty else center_lon
        k = math.floor((cx - lo) / 360.0)
        return translate(part, xoff=-360.0 * k) if k else part

    parts = list(getattr(geom, "geoms", [geom]))
    shifted = [shift(p) for p in parts]
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        # Buffer(0) after the union closes hairline seams left at +-180.
        return shapely.union_all(shifted)
    return shapely.union_all(shifted) if len(shifted) > 1 else shifted[0]


def inner_point(geom: BaseGeometry) -> Point:
    """A point deep inside the largest part of a continuous geometry (unwrap it first).

    Where a label or a route's waypoint goes: unlike the centre of the box, it
    is inside the shape, and unlike ``representative_point`` it is away from
    the shape's edges.
    """
    parts = getattr(geom, "geoms", [geom])
    largest = max(parts, key=lambda g: g.area)
    if largest.geom_type == "Polygon":
        return polylabel(largest, tolerance=0.05)
    return largest.representative_point()
