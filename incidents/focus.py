"""Focus and context: which of an incident's locations is where it happened.

A report names places at several scales: "water cannon at Second Thomas
Shoal in the South China Sea". The shoal is the *focus*, where it happened;
the sea is *context*, named for orientation. Maps fill and frame the focus
and only outline the context, so an ocean never stands in for an event when
something smaller is named.

The rule, applied by extraction, imports and the editor alike:

- points, routes and places are always focus;
- a region is context when another location of the incident lies within or
  against it and is at most 1/:data:`CONTEXT_RATIO` of its area;
- an ocean is context whenever anything smaller is named with it;
- an incident always keeps at least one focus.

A role given explicitly (a CSV ``context`` column, the editor) is kept.
A shape derived from a named region ("the Bering Sea near the coast of
Alaska" is a band of the Bering Sea) brings that region along as context.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace

import shapely
from shapely.geometry.base import BaseGeometry

from geo.gazetteer import Gazetteer, area_km2
from incidents.model import Incident, Location

__all__ = [
    "CONTEXT_RATIO",
    "VAGUE_KM2",
    "assign_roles",
    "focus_of",
    "framing",
    "is_vague",
    "location_area_km2",
    "with_context",
]

#: A region this many times larger than a location inside it is context.
CONTEXT_RATIO = 8.0
_ALWAYS_FOCUS = frozenset({"point", "route", "place"})
#: A focus this large is vague ("the north-west Pacific"): a map of several
#: incidents frames the precise ones and lets the vague ones run off its edge,
#: and fills them faintly so they do not bury the precise shapes.
VAGUE_KM2 = 3_000_000.0
#: Shapes cut from a named region, which then serves as their context.
_DERIVED = frozenset({"coastal_band", "part", "gap"})


def location_area_km2(loc: Location, gazetteer: Gazetteer) -> float:
    """The location's area in km²: 0 for points and routes; the gazetteer's figure for its features."""
    if loc.kind in _ALWAYS_FOCUS or loc.geometry.geom_type in ("Point", "MultiPoint"):
        return 0.0
    feature = gazetteer.by_id.get(loc.feature_id) if loc.feature_id else None
    if feature is not None and feature.kind == loc.kind and feature.area_km2:
        return float(feature.area_km2)
    return _area(loc.geometry)


@functools.lru_cache(maxsize=1024)
def _area_of_wkb(wkb: bytes) -> float:
    return area_km2(shapely.from_wkb(wkb))


def _area(geom: BaseGeometry) -> float:
    if geom.geom_type in ("LineString", "MultiLineString"):
        return 0.0
    return _area_of_wkb(geom.simplify(0.01, preserve_topology=True).wkb)


def assign_roles(
    locations: Sequence[Location], gazetteer: Gazetteer, *, keep: Sequence[bool] = ()
) -> tuple[Location, ...]:
    """The locations with their roles set by the rule above.

    ``keep[i]`` true means location ``i`` carries a role someone chose; it is
    left as it is and does not count as a candidate focus unless it is one.
    """
    if len(locations) < 2:
        if not locations or locations[0].role == "focus" or _kept(keep, 0):
            return tuple(locations)
        return (replace(locations[0], role="focus"),)
    areas = [location_area_km2(loc, gazetteer) for loc in locations]
    roles: list[str] = []
    for i, loc in enumerate(locations):
        if _kept(keep, i):
            roles.append(loc.role)
            continue
        roles.append("context" if _is_context(i, locations, areas) else "focus")
    if "focus" not in roles:
        smallest = min(range(len(locations)), key=areas.__getitem__)
        roles[smallest] = "focus"
    return tuple(
        loc if loc.role == role else replace(loc, role=role)
        for loc, role in zip(locations, roles, strict=True)
    )


def _kept(keep: Sequence[bool], i: int) -> bool:
    return i < len(keep) and keep[i]


def _is_context(i: int, locations: Sequence[Location], areas: list[float]) -> bool:
    loc = locations[i]
    if loc.kind in _ALWAYS_FOCUS or areas[i] == 0.0:
        return False
    for j, other in enumerate(locations):
        if j == i or areas[j] * CONTEXT_RATIO > areas[i]:
            continue
        if loc.kind == "ocean" or _touches(loc.geometry, other.geometry):
            return True
    return False


def _touches(big: BaseGeometry, small: BaseGeometry) -> bool:
    # Shapes from different sources meet at coastlines and seams: a shoal
    # just outside a sea's outline still belongs to it.
    return bool(big.intersects(small) or big.distance(small) < 0.5)


def focus_of(incident: Incident) -> tuple[Location, ...]:
    """Where the incident happened: its focus locations (all of them if none is marked)."""
    focus = tuple(loc for loc in incident.locations if loc.role == "focus")
    return focus or incident.locations


def with_context(
    locations: Sequence[Location], gazetteer: Gazetteer, *, keep: Sequence[bool] = ()
) -> tuple[Location, ...]:
    """The locations with roles set, plus the named regions their shapes were cut from.

    ``keep`` as in :func:`assign_roles`: roles already chosen, left as they are.
    "The Bering Sea near the coast of Alaska" is drawn as a band of the Bering
    Sea: the band is the focus and the Bering Sea, outlined, its context.
    """
    gaz = gazetteer
    named = {loc.feature_id for loc in locations if loc.kind not in _DERIVED}
    extra: list[Location] = []
    for loc in locations:
        feature = gaz.by_id.get(loc.feature_id) if loc.feature_id else None
        if loc.kind not in _DERIVED or feature is None or not feature.is_region:
            continue
        if feature.id in named:
            continue
        named.add(feature.id)
        extra.append(Location.of_feature(feature, role="context"))
    roles = assign_roles(locations, gazetteer, keep=keep)
    return roles + tuple(extra)


def is_vague(loc: Location, gazetteer: Gazetteer) -> bool:
    """Whether a location is too large to say where something happened (see :data:`VAGUE_KM2`)."""
    return location_area_km2(loc, gazetteer) >= VAGUE_KM2


def framing(incidents: Sequence[Incident], gazetteer: Gazetteer) -> list[BaseGeometry]:
    """The shapes a map of these incidents should frame: where they happened.

    Context is never framed. Vague areas are framed only when nothing more
    precise is there: a patrol off Alaska and another reported only as "in
    the north-west Pacific" give a picture of the waters off Alaska.
    """
    focus = [loc for inc in incidents for loc in focus_of(inc)]
    precise = [loc for loc in focus if not is_vague(loc, gazetteer)]
    return [loc.geometry for loc in (precise or focus)]
