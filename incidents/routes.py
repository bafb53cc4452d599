"""Schematic routes drafted from a report's wording.

"The bombers came from the Sea of Japan, met the H-6s over the East China
Sea, passed between Okinawa and Miyako and turned back over the Pacific off
Shikoku" names places in the order they were passed. :func:`draft_route`
turns such a sequence into a line through water (:mod:`geo.routing`) with
its direction, named ``Schematic route: A → B → C`` so that nobody mistakes
it for a track log. The analyst checks it on the review page like any drawn
route.

A list of places is a route only when movement words join them ("into",
"through", "then", "turned back", "passed between"...). "Over the Sea of
Japan and the East China Sea" names an area, not an order, and gives none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from geo.antimeridian import inner_point, unwrap, wrap_lon
from geo.gazetteer import Gazetteer
from geo.routing import WaterRouter
from incidents.model import Location
from incidents.wordlists import any_word

__all__ = ["MOVING_WORDS", "ORDER_WORDS", "ROUTE_PREFIX", "Waypoint", "draft_route"]

ROUTE_PREFIX = "Schematic route: "
#: Words that put two places in order when they stand between them.
ORDER_WORDS = (
    *("then", "into", "through", "via", "toward", "towards", "before", "after", "back"),
    *("later", "afterwards", "met", "meeting", "joined", "passed", "passing", "transited"),
    *("transiting", "turned", "turning", "entered", "entering", "crossed", "crossing"),
    *("headed", "heading", "returned", "returning", "continued", "continuing", "proceeded"),
    *("proceeding", "moved", "moving", "sailed", "sailing", "flew", "flying", "left"),
    *("leaving", "to the"),
)
#: Words that say a sentence tells of movement.
MOVING_WORDS = (
    *("came", "come", "coming", "flew", "flown", "flying", "sailed", "sailing", "passed"),
    *("passing", "transited", "transiting", "moved", "moving", "headed", "heading"),
    *("proceeded", "turned", "returned", "entered", "crossed", "continued", "left", "route"),
    "track",
)
_ORDER = any_word(ORDER_WORDS)
_MOVING = any_word(MOVING_WORDS)


@dataclass(frozen=True)
class Waypoint:
    """A place a report names, where it stands in the text."""

    name: str
    geometry: BaseGeometry
    sentence: int
    start: int
    end: int


def draft_route(
    sentences: Sequence[str], waypoints: Sequence[Waypoint], gazetteer: Gazetteer
) -> Location | None:
    """A schematic route through the waypoints, if the wording gives them an order.

    ``waypoints`` are the places found in ``sentences`` (their sentence index
    and character span). Only sentences that describe movement count.
    """
    ordered = sorted(
        (w for w in waypoints if _MOVING.search(sentences[w.sentence])),
        key=lambda w: (w.sentence, w.start),
    )
    # A sentence that spells out a passage ("moved from A through B into C") is the
    # authority; a headline naming one of its places does not start the route.
    within = [
        _chain(sentences, [w for w in ordered if w.sentence == i]) for i in range(len(sentences))
    ]
    chain = max(within, key=len, default=[])
    if len(chain) < 2:
        chain = _chain(sentences, ordered)
    if len(chain) < 2:
        return None
    inner: dict[int, tuple[BaseGeometry, Point]] = gazetteer.derived("incidents.routes.inner", dict)
    points = _points([w.geometry for w in chain], inner)
    router = gazetteer.derived("geo.routing", lambda: WaterRouter(gazetteer.land))
    line = router.route(points)
    return Location(
        ROUTE_PREFIX + " → ".join(w.name for w in chain),
        line,
        precision="region",  # schematic: where it went roughly, not a track
        kind="route",
        phrase=" … ".join(dict.fromkeys(sentences[w.sentence] for w in chain))[:400],
    )


def _chain(sentences: Sequence[str], ordered: Sequence[Waypoint]) -> list[Waypoint]:
    """The first run of waypoints that the wording puts in order."""
    chain: list[Waypoint] = []
    for w in ordered:
        if chain and w.name == chain[-1].name:
            continue
        if not chain or _in_order(sentences, chain[-1], w):
            chain.append(w)
        elif len(chain) >= 2:
            break  # the sequence is over; what follows is listed, not passed in order
        else:
            chain = [w]  # "the Sea of Japan and the East China Sea": no order yet
    return chain


def _in_order(sentences: Sequence[str], a: Waypoint, b: Waypoint) -> bool:
    if a.sentence != b.sentence:
        return True  # a later sentence that moves on: "Then it sailed into…"
    between = sentences[a.sentence][a.end : b.start]
    return bool(_ORDER.search(between))


def _points(
    geometries: Sequence[BaseGeometry], inner: dict[int, tuple[BaseGeometry, Point]]
) -> list[tuple[float, float]]:
    """One point per place: deep inside the first and last, on the way for the others.

    ``inner`` keeps each shape's inner point: the seas of the gazetteer come up
    in report after report. It holds the shape too, so its id is never reused.
    """
    centre = [_inner_point(g, inner) for g in geometries]
    out = list(centre)
    for i in range(1, len(geometries) - 1):
        before, after = out[i - 1], centre[i + 1]
        middle = Point((before.x + after.x) / 2, (before.y + after.y) / 2)
        flat = unwrap(geometries[i], middle.x)
        out[i] = nearest_points(flat, middle)[0] if not flat.contains(middle) else middle
    return [(wrap_lon(p.x), p.y) for p in out]


#: Inner points kept; places named by reports are mostly the gazetteer's few hundred.
_MAX_INNER = 4096


def _inner_point(geom: BaseGeometry, inner: dict[int, tuple[BaseGeometry, Point]]) -> Point:
    kept = inner.get(id(geom))
    if kept is None:
        if len(inner) >= _MAX_INNER:
            inner.pop(next(iter(inner)))
        kept = inner[id(geom)] = (geom, inner_point(unwrap(geom)))
    return kept[1]
