"""How precisely the demo dataset says where things happened.

The median area of the demo incidents' focus (the shapes a map fills and
frames) beside the median area of all their locations (what every map
filled before locations had roles). Aim: under 100,000 km².
"""

from __future__ import annotations

import statistics

from shapely.ops import unary_union

from geo.gazetteer import area_km2
from incidents.focus import focus_of
from incidents.formats import read_bytes
from incidents.model import Location
from incidents.testing import SEEDS


def _footprint(locations: tuple[Location, ...]) -> float:
    areas = [loc.geometry for loc in locations if loc.geometry.geom_type.endswith("Polygon")]
    return area_km2(unary_union(areas).simplify(0.05)) if areas else 0.0


def run() -> list[tuple[str, float, str, str, bool]]:
    raw = (SEEDS / "demo_incidents.csv").read_bytes()
    incidents = [i for _, i in read_bytes(raw, "demo_incidents.csv").incidents]
    everything = statistics.median(_footprint(i.locations) for i in incidents)
    focus = statistics.median(_footprint(focus_of(i)) for i in incidents)
    print(
        f"\nDemo dataset ({len(incidents)} incidents): median area of all locations "
        f"{everything:,.0f} km², of the focus {focus:,.0f} km²"
    )
    return [
        ("demo dataset: median focus area", focus, "km²", "< 100,000 km²", focus < 100_000),
    ]
