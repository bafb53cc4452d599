"""Schematic tracks through water: a line through waypoints that goes round land.

A report says a task group "came from the Sea of Japan and moved into the East
China Sea". The straight line between the two seas crosses Korea; ships went
through the Korea Strait. :func:`water_route` joins waypoints with the shortest
path over a grid of water cells (A* on cells of :data:`CELL_DEG` degrees,
land from the gazetteer's 1:50m layer), simplified into a few legs. Where
no water path exists (an aircraft over land, a waypoint inland) the leg stays
straight. The result is schematic, never a track log.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Callable, Sequence

import numpy as np
import shapely
from shapely.affinity import translate
from shapely.geometry import LineString, box
from shapely.geometry.base import BaseGeometry

from geo.antimeridian import normalize, wrap_lon

__all__ = ["CELL_DEG", "WaterRouter", "water_route"]

#: Grid spacing: fine enough for the Korea, Tsugaru and Miyako straits.
CELL_DEG = 0.25
_MARGIN_DEG = 4.0
_MAX_CELLS = 250_000
#: Weight on the distance still to go: above 1, the search heads for the goal and
#: looks at far fewer cells, for a path at most this much longer than the shortest.
_GREED = 1.1


def water_route(waypoints: Sequence[tuple[float, float]], land: BaseGeometry) -> BaseGeometry:
    """A line through ``waypoints`` ((lon, lat), in order) that keeps to water where it can.

    Longitudes are followed the short way round, so a route across 180 stays
    whole; the result is split at 180 like every stored geometry. For many
    routes over the same land, keep one :class:`WaterRouter`.
    """
    return WaterRouter(land).route(waypoints)


class WaterRouter:
    """Routes over one land geometry, remembering the land cut and the legs it has found.

    Reports name the same seas and straits again and again: a leg from the Sea
    of Japan to the East China Sea is searched once, then reused.
    """

    #: Legs kept; each is a few dozen points.
    MAX_LEGS = 4096

    def __init__(self, land: BaseGeometry) -> None:
        self.land = land
        parts = list(getattr(land, "geoms", [land]))
        self._parts = np.array(parts, dtype=object)
        self._tree = shapely.STRtree(self._parts)
        self._legs: dict[tuple[float, float, float, float], list[tuple[float, float]]] = {}

    def route(self, waypoints: Sequence[tuple[float, float]]) -> BaseGeometry:
        """See :func:`water_route`."""
        if len(waypoints) < 2:
            raise ValueError("A route needs at least two waypoints.")
        points = _continuous(waypoints)
        coords: list[tuple[float, float]] = [points[0]]
        for a, b in itertools.pairwise(points):
            coords.extend(self._leg(a, b)[1:])
        line = LineString(coords).simplify(CELL_DEG * 1.5, preserve_topology=False)
        return normalize(line)

    def _leg(self, a: tuple[float, float], b: tuple[float, float]) -> list[tuple[float, float]]:
        key = (round(a[0], 6), round(a[1], 6), round(b[0], 6), round(b[1], 6))
        leg = self._legs.get(key)
        if leg is None:
            if len(self._legs) >= self.MAX_LEGS:
                self._legs.pop(next(iter(self._legs)))  # the oldest goes first
            leg = self._legs[key] = _leg(a, b, self._land_in)
        return leg

    def _land_in(self, window: BaseGeometry) -> BaseGeometry:
        """Land inside ``window``, whatever the window's longitudes (it may pass 180)."""
        pieces: list[BaseGeometry] = []
        for shift in (-360.0, 0.0, 360.0):
            moved = translate(window, xoff=-shift)
            near = self._parts[self._tree.query(moved)]
            if len(near):
                piece = shapely.intersection(near, moved)
                piece = piece[~shapely.is_empty(piece)]
                pieces.extend(translate(p, xoff=shift) for p in piece)
        return shapely.union_all(pieces) if pieces else shapely.Polygon()


def _continuous(waypoints: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    out = [(float(waypoints[0][0]), float(waypoints[0][1]))]
    for lon, lat in waypoints[1:]:
        prev = out[-1][0]
        out.append((prev + wrap_lon(lon - prev), float(lat)))
    return out


def _leg(
    a: tuple[float, float],
    b: tuple[float, float],
    land_in: Callable[[BaseGeometry], BaseGeometry],
) -> list[tuple[float, float]]:
    straight = LineString([a, b])
    window = box(
        min(a[0], b[0]) - _MARGIN_DEG,
        max(min(a[1], b[1]) - _MARGIN_DEG, -85.0),
        max(a[0], b[0]) + _MARGIN_DEG,
        min(max(a[1], b[1]) + _MARGIN_DEG, 85.0),
    )
    near = land_in(window)
    if near.is_empty or not straight.intersects(near):
        return [a, b]
    path = _grid_path(a, b, window, near)
    return path if path is not None else [a, b]


def _grid_path(
    a: tuple[float, float],
    b: tuple[float, float],
    window: BaseGeometry,
    near: BaseGeometry,
) -> list[tuple[float, float]] | None:
    minx, miny, maxx, maxy = window.bounds
    nx = math.ceil((maxx - minx) / CELL_DEG) + 1
    ny = math.ceil((maxy - miny) / CELL_DEG) + 1
    if nx * ny > _MAX_CELLS:
        return None
    xs = minx + np.arange(nx) * CELL_DEG
    ys = miny + np.arange(ny) * CELL_DEG
    gx, gy = np.meshgrid(xs, ys)
    shapely.prepare(near)
    wet = ~shapely.contains_xy(near, gx, gy)

    def cell(p: tuple[float, float]) -> tuple[int, int] | None:
        i = min(max(round((p[1] - miny) / CELL_DEG), 0), ny - 1)
        j = min(max(round((p[0] - minx) / CELL_DEG), 0), nx - 1)
        return _nearest_wet(wet, i, j)

    start, goal = cell(a), cell(b)
    if start is None or goal is None:
        return None
    found = _astar(wet, start, goal, lat0=miny)
    if found is None:
        return None
    middle = [(float(xs[j]), float(ys[i])) for i, j in found[1:-1]]
    return [a, *middle, b]


def _nearest_wet(wet: np.ndarray, i: int, j: int) -> tuple[int, int] | None:
    """The water cell nearest (i, j): a waypoint on a coast or an island snaps to the sea."""
    if wet[i, j]:
        return i, j
    for r in range(1, 12):
        ring = [
            (i + di, j + dj)
            for di in range(-r, r + 1)
            for dj in range(-r, r + 1)
            if max(abs(di), abs(dj)) == r
            and 0 <= i + di < wet.shape[0]
            and 0 <= j + dj < wet.shape[1]
        ]
        hits = [c for c in ring if wet[c]]
        if hits:
            return min(hits, key=lambda c: (c[0] - i) ** 2 + (c[1] - j) ** 2)
    return None


def _astar(
    wet: np.ndarray, start: tuple[int, int], goal: tuple[int, int], *, lat0: float
) -> list[tuple[int, int]] | None:
    ny, nx = wet.shape
    # East-west steps shrink with latitude: cost them as distances on the ground.
    shrink = np.cos(np.radians(lat0 + np.arange(ny) * CELL_DEG))

    def h(c: tuple[int, int]) -> float:
        dy = c[0] - goal[0]
        dx = (c[1] - goal[1]) * shrink[c[0]]
        return math.hypot(dx, dy)

    steps = [(-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1)]
    best = {start: 0.0}
    came: dict[tuple[int, int], tuple[int, int]] = {}
    queue = [(h(start), start)]
    while queue:
        _, current = heapq.heappop(queue)
        if current == goal:
            path = [current]
            while current in came:
                current = came[current]
                path.append(current)
            return path[::-1]
        i, j = current
        for di, dj in steps:
            k, m = i + di, j + dj
            if not (0 <= k < ny and 0 <= m < nx) or not wet[k, m]:
                continue
            cost = best[current] + math.hypot(di, dj * shrink[i])
            if cost < best.get((k, m), math.inf):
                best[(k, m)] = cost
                came[(k, m)] = current
                heapq.heappush(queue, (cost + _GREED * h((k, m)), (k, m)))
    return None
