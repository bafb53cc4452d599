"""Schematic tracks through water: a line through waypoints that goes round land.

A report says a task group "came from the Sea of Japan and moved into the East
China Sea". The straight line between the two seas crosses Korea; ships went
through the Korea Strait. :func:`water_route` joins waypoints with the shortest
path over a grid of water cells (A* on cells of :data:`CELL_DEG` degrees,
guided by a coarser grid, land from the gazetteer's 1:50m layer), simplified
into a few legs. Where no water path exists within a few degrees of the two
waypoints (an aircraft over land, a waypoint inland, seas joined only round a
continent) the leg stays straight. The result is schematic, never a track log.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Sequence

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
#: The coarse search's cells, in fine cells a side (see :func:`_search`).
_COARSE = 4


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
        self._land = _Land(land)
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
            leg = self._legs[key] = _leg(a, b, self._land)
        return leg


class _Land:
    """Land polygons asked about by place, at any longitude (a route may pass 180).

    Polygons are tested whole, each against the grid points inside its own box,
    never cut to a window: cutting Eurasia and merging the pieces took longer than
    the search for the way round it.
    """

    def __init__(self, land: BaseGeometry) -> None:
        self._parts = np.array(list(getattr(land, "geoms", [land])), dtype=object)
        self._bounds = shapely.bounds(self._parts)
        self._tree = shapely.STRtree(self._parts)
        shapely.prepare(self._parts)
        self._tiles: dict[tuple[int, int], np.ndarray] = {}

    def crosses(self, line: BaseGeometry) -> bool:
        """Whether ``line`` touches land."""
        return any(
            len(self._tree.query(translate(line, xoff=-shift), predicate="intersects"))
            for shift in _SHIFTS
        )

    def grid(self, first_lon: int, first_lat: int, nx: int, ny: int) -> np.ndarray:
        """Which points of the world's lattice are land: ``ny`` rows by ``nx`` columns.

        The lattice has a point every :data:`CELL_DEG` degrees; ``first_lon`` and
        ``first_lat`` count lattice steps from (0, 0). Tiles of it are tested once
        and kept: reports send routes through the same seas again and again.
        """
        t = _TILE
        dry = np.empty((ny, nx), dtype=bool)
        for ti in range(first_lat // t, (first_lat + ny - 1) // t + 1):
            for tj in range(first_lon // t, (first_lon + nx - 1) // t + 1):
                tile = self._tiles.get((ti, tj))
                if tile is None:
                    ticks = np.arange(t) * CELL_DEG
                    tile = self._tiles[(ti, tj)] = self._test(
                        tj * t * CELL_DEG + ticks, ti * t * CELL_DEG + ticks
                    )
                i0, i1 = max(ti * t, first_lat), min((ti + 1) * t, first_lat + ny)
                j0, j1 = max(tj * t, first_lon), min((tj + 1) * t, first_lon + nx)
                dry[i0 - first_lat : i1 - first_lat, j0 - first_lon : j1 - first_lon] = tile[
                    i0 - ti * t : i1 - ti * t, j0 - tj * t : j1 - tj * t
                ]
        return dry

    def _test(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """For a regular grid of ``xs`` by ``ys`` (spaced :data:`CELL_DEG`), which points are land."""
        dry = np.zeros((len(ys), len(xs)), dtype=bool)
        for shift in _SHIFTS:
            window = box(xs[0] - shift, ys[0], xs[-1] - shift, ys[-1])
            for k in self._tree.query(window):
                left, bottom, right, top = self._bounds[k]
                # One cell more each side: the test is exact, the box only saves work.
                j0, j1 = _span(left + shift, right + shift, xs)
                i0, i1 = _span(bottom, top, ys)
                if j0 < j1 and i0 < i1:
                    px, py = np.meshgrid(xs[j0:j1] - shift, ys[i0:i1])
                    dry[i0:i1, j0:j1] |= shapely.contains_xy(self._parts[k], px, py)
        return dry


#: Lattice points a side of a tile of land tests kept (8 degrees; 1 KB each).
_TILE = 32
#: A polygon stored at longitude x stands for land at x - 360 and x + 360 as well.
_SHIFTS = (-360.0, 0.0, 360.0)


def _span(low: float, high: float, ticks: np.ndarray) -> tuple[int, int]:
    """The slice of evenly spaced ``ticks`` from ``low`` to ``high``, a tick wider each side."""
    first = math.floor((low - ticks[0]) / CELL_DEG) - 1
    last = math.ceil((high - ticks[0]) / CELL_DEG) + 2
    return max(first, 0), min(last, len(ticks))


def _continuous(waypoints: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    out = [(float(waypoints[0][0]), float(waypoints[0][1]))]
    for lon, lat in waypoints[1:]:
        prev = out[-1][0]
        out.append((prev + wrap_lon(lon - prev), float(lat)))
    return out


def _leg(a: tuple[float, float], b: tuple[float, float], land: _Land) -> list[tuple[float, float]]:
    if not land.crosses(LineString([a, b])):
        return [a, b]
    window = box(
        min(a[0], b[0]) - _MARGIN_DEG,
        max(min(a[1], b[1]) - _MARGIN_DEG, -85.0),
        max(a[0], b[0]) + _MARGIN_DEG,
        min(max(a[1], b[1]) + _MARGIN_DEG, 85.0),
    )
    path = _grid_path(a, b, window, land)
    return path if path is not None else [a, b]


def _grid_path(
    a: tuple[float, float],
    b: tuple[float, float],
    window: BaseGeometry,
    land: _Land,
) -> list[tuple[float, float]] | None:
    # The grid sits on the world's lattice, so windows share their land tests.
    first_lon, first_lat = (
        math.floor(window.bounds[0] / CELL_DEG),
        math.floor(window.bounds[1] / CELL_DEG),
    )
    minx, miny = first_lon * CELL_DEG, first_lat * CELL_DEG
    maxx, maxy = window.bounds[2], window.bounds[3]
    nx = math.ceil((maxx - minx) / CELL_DEG) + 1
    ny = math.ceil((maxy - miny) / CELL_DEG) + 1
    if nx * ny > _MAX_CELLS:
        return None
    xs = minx + np.arange(nx) * CELL_DEG
    ys = miny + np.arange(ny) * CELL_DEG
    # Every point of the grid is tested against whole land polygons: land cut at the
    # window's edge once left a strip of false water along it, and a "route" from the
    # Baltic to the Sea of Japan ran along that strip across Siberia.
    wet = ~land.grid(first_lon, first_lat, nx, ny)

    def cell(p: tuple[float, float]) -> tuple[int, int] | None:
        i = min(max(round((p[1] - miny) / CELL_DEG), 0), ny - 1)
        j = min(max(round((p[0] - minx) / CELL_DEG), 0), nx - 1)
        return _nearest_wet(wet, i, j)

    start, goal = cell(a), cell(b)
    if start is None or goal is None:
        return None
    found = _search(wet, start, goal, lat0=miny)
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


def _search(
    wet: np.ndarray, start: tuple[int, int], goal: tuple[int, int], *, lat0: float
) -> list[tuple[int, int]] | None:
    """Cells from ``start`` to ``goal`` through water, guided by a coarse map of the way.

    Led only by the straight line, a search floods whole seas before it turns a
    cape (over a second for the Barents Sea to the Channel). So the distance to
    the goal is first measured on cells :data:`_COARSE` times wider, wet where
    any of their cells is: every path has a coarse shadow, so a cell with no
    coarse way to the goal has none at all, and the coarse distance tells the
    fine search which way round the land lies.
    """
    k = _COARSE
    ny, nx = wet.shape
    tall, wide = -(-ny // k) * k, -(-nx // k) * k
    padded = np.zeros((tall, wide), dtype=bool)
    padded[:ny, :nx] = wet
    coarse = np.asarray(padded.reshape(tall // k, k, wide // k, k).any(axis=(1, 3)))
    # A coarse row's latitude is taken at its middle for the east-west cost.
    far = _distances(
        coarse, (goal[0] // k, goal[1] // k), lat0=lat0 + (k - 1) * CELL_DEG / 2, cell=k * CELL_DEG
    )
    if not math.isfinite(far[start[0] // k, start[1] // k]):
        return None
    # In fine steps; a coarse cell's distance is from its middle, up to 1.5 cells off.
    guide = np.repeat(np.repeat(far * k - 1.5 * k, k, axis=0), k, axis=1)[:ny, :nx]
    shrink = np.cos(np.radians(lat0 + np.arange(ny) * CELL_DEG))
    rows, cols = np.indices(wet.shape)
    straight = np.hypot((cols - goal[1]) * shrink[:, None], rows - goal[0])
    to_go = _GREED * np.maximum(straight, guide)
    return _astar(np.logical_and(wet, np.isfinite(to_go)), start, goal, to_go, shrink)


def _distances(wet: np.ndarray, source: tuple[int, int], *, lat0: float, cell: float) -> np.ndarray:
    """The length of the shortest water path from every cell to ``source`` (inf: none)."""
    shrink = np.cos(np.radians(lat0 + np.arange(wet.shape[0]) * cell))
    best, _, _ = _explore(wet, source, None, np.zeros(wet.shape), shrink)
    ny, nx = wet.shape
    return np.array(best).reshape(ny + 2, nx + 2)[1:-1, 1:-1]


def _astar(
    wet: np.ndarray,
    start: tuple[int, int],
    goal: tuple[int, int],
    to_go: np.ndarray,
    shrink: np.ndarray,
) -> list[tuple[int, int]] | None:
    """The cells of a path from ``start`` to ``goal``, or None if there is none."""
    _, came, reached = _explore(wet, start, goal, to_go, shrink)
    if reached < 0:
        return None
    w = wet.shape[1] + 2
    path = [reached]
    while came[reached] >= 0:
        reached = came[reached]
        path.append(reached)
    return [(c // w - 1, c % w - 1) for c in reversed(path)]


def _explore(
    wet: np.ndarray,
    start: tuple[int, int],
    goal: tuple[int, int] | None,
    to_go: np.ndarray,
    shrink: np.ndarray,
) -> tuple[list[float], list[int], int]:
    """A* over wet cells, steps costed on the ground (``shrink``: cos of each row's latitude).

    Returns each cell's cost from ``start`` and the cell it was reached from, on
    the grid with a one-cell border, and the goal's index (-1: not reached). With
    no goal, every cell that can be reached is.
    """
    ny, nx = wet.shape
    # A search looks at ~100,000 cells: plain lists and flat indices keep each look cheap.
    # A dry border spares the bounds test, and an index walks the rows of a width-w grid.
    w = nx + 2
    padded = np.zeros((ny + 2, w), dtype=bool)
    padded[1:-1, 1:-1] = wet
    is_wet = padded.ravel().tolist()
    h = np.pad(to_go, 1).ravel().tolist()
    steps = [(-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1)]
    moves = [
        [(di * w + dj, math.hypot(di, dj * s)) for di, dj in steps]
        for s in [1.0, *shrink.tolist(), 1.0]
    ]
    first = (start[0] + 1) * w + start[1] + 1
    last = -1 if goal is None else (goal[0] + 1) * w + goal[1] + 1
    best = [math.inf] * len(is_wet)
    came = [-1] * len(is_wet)
    # A cell taken from the queue is never taken again: with a weighted estimate a
    # cheaper way to it may turn up later, but opening it again let a search of 6,000
    # cells queue 800,000 entries, for a path at most a few percent shorter.
    done = [False] * len(is_wet)
    best[first] = 0.0
    queue = [(h[first], 0.0, first)]
    pop, push = heapq.heappop, heapq.heappush
    while queue:
        _, cost, current = pop(queue)
        if current == last:
            return best, came, last
        if done[current]:
            continue  # an older entry for a cell already taken from the queue
        done[current] = True
        for step, length in moves[current // w]:
            there = current + step
            if is_wet[there] and not done[there]:
                reach = cost + length
                if reach < best[there]:
                    best[there] = reach
                    came[there] = current
                    push(queue, (reach + h[there], reach, there))
    return best, came, -1
