"""Rebuild every derived file under geo/data/ from registry packages.

Inputs:
  * world-atlas@2.0.2 and us-atlas@3.0.1 from the npm registry (Natural Earth
    1:50m countries and land, US states), fetched with `npm pack` unless
    --world-atlas / --us-atlas point at tarballs already on disk;
  * pycountry (PyPI) for ISO 3166-1 codes;
  * the curated files in geo/data/curated/ (seas, zones, places).

Outputs (committed, so a fresh clone needs neither npm nor network):
  countries.geojson, country_names.json (names and aliases by ISO code),
  states.geojson, land.geojson, basemap.geojson,
  regions.geojson (seas, oceans, straits, ADIZs), places.geojson,
  MANIFEST.json (sources, versions, checksums, feature counts).

Run: .venv/bin/python tools/build_gazetteer.py
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

import pycountry
import shapely
from pyproj import Geod
from shapely.affinity import translate
from shapely.geometry import LineString, Point, Polygon, box, mapping
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.antimeridian import normalize  # noqa: E402

DATA = ROOT / "geo" / "data"
CURATED = DATA / "curated"
WORLD_ATLAS = "world-atlas@2.0.2"
US_ATLAS = "us-atlas@3.0.1"
GEOD = Geod(ellps="WGS84")
CUT_WIDTH = 0.004  # degrees; the gap a limit line leaves between two seas (~400 m)
NE = "Natural Earth 1:50m via the npm package world-atlas 2.0.2 (public domain data; ISC package)"

# Natural Earth names carry abbreviations ("Dem. Rep. Congo"); where they do,
# and for a few names the press uses differently, we say it this way.
NAME_OVERRIDES = {
    "US": "United States",
    "GB": "United Kingdom",
    "KR": "South Korea",
    "KP": "North Korea",
    "RU": "Russia",
    "TW": "Taiwan",
    "IR": "Iran",
    "SY": "Syria",
    "VN": "Vietnam",
    "LA": "Laos",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "BN": "Brunei",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "MK": "North Macedonia",
    "CZ": "Czechia",
    "SZ": "Eswatini",
    "CV": "Cabo Verde",
    "FM": "Micronesia",
    "PS": "Palestine",
    "XK": "Kosovo",
}
# Names, short forms and the words the press uses for governments.
COUNTRY_ALIASES = {
    "US": [
        "USA",
        "U.S.",
        "U.S.A.",
        "United States of America",
        "America",
        "the United States",
        "the US",
    ],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "the United Kingdom"],
    "RU": ["Russian Federation"],
    "CN": ["PRC", "People's Republic of China", "mainland China"],
    "TW": ["Republic of China", "ROC"],
    "KR": ["Republic of Korea", "ROK", "Korea"],
    "KP": ["DPRK", "Democratic People's Republic of Korea"],
    "IR": ["Islamic Republic of Iran"],
    "VN": ["Viet Nam"],
    "SY": ["Syrian Arab Republic"],
    "AE": ["UAE", "Emirates"],
    "NL": ["Holland"],
    "CZ": ["Czech Republic"],
    "TR": ["Türkiye", "Turkiye"],
    "MM": ["Burma"],
    "CI": ["Ivory Coast"],
    "PH": ["the Philippines"],
    "NZ": ["Aotearoa"],
}
# Natural Earth units without an ISO numeric id, folded into their ISO code.
UNCODED = {"Kosovo": "XK", "Somaliland": "SO", "N. Cyprus": "CY"}


# --------------------------------------------------------------------------- inputs
def fetch_tarball(spec: str, given: str | None, workdir: Path) -> Path:
    if given:
        return Path(given)
    print(f"npm pack {spec}", file=sys.stderr)
    out = subprocess.run(
        ["npm", "pack", spec, "--silent"], cwd=workdir, check=True, capture_output=True, text=True
    )
    return workdir / out.stdout.strip().splitlines()[-1]


def read_member(tarball: Path, name: str) -> dict[str, Any]:
    with tarfile.open(tarball) as tar:
        member = tar.extractfile(f"package/{name}")
        if member is None:
            raise SystemExit(f"{tarball} has no {name}")
        return json.load(member)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- topojson
def decode_topology(topo: dict[str, Any], obj: str) -> list[tuple[dict[str, Any], BaseGeometry]]:
    """Decode one object of a quantized TopoJSON topology into shapely geometries."""
    scale = topo["transform"]["scale"]
    trans = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * scale[0] + trans[0], y * scale[1] + trans[1]))
        arcs.append(pts)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        pts: list[tuple[float, float]] = []
        for i in indexes:
            seg = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(seg if not pts else seg[1:])
        return pts

    def polygon(rings: list[list[int]]) -> BaseGeometry:
        decoded = [ring(r) for r in rings]
        return planar_polygon(decoded[0], decoded[1:])

    out = []
    for g in topo["objects"][obj]["geometries"]:
        if g["type"] == "Polygon":
            geom: BaseGeometry = polygon(g["arcs"])
        elif g["type"] == "MultiPolygon":
            geom = shapely.union_all([polygonal(shapely.make_valid(polygon(p))) for p in g["arcs"]])
        else:
            continue
        props = dict(g.get("properties") or {})
        props["_id"] = g.get("id")
        out.append((props, shapely.make_valid(geom)))
    return out


def planar_polygon(
    shell: list[tuple[float, float]], holes: list[list[tuple[float, float]]]
) -> BaseGeometry:
    """Build a planar polygon from rings drawn for a sphere.

    world-atlas relies on spherical geometry: a ring that crosses longitude
    180 (Chukotka, Fiji) simply jumps from +180 to -180. Unwrap such a ring,
    then split it at 180. A ring that encircles a pole (Antarctica) runs the
    full 360° and is already right in planar terms.
    """
    if not any(abs(b[0] - a[0]) > 180 for a, b in itertools.pairwise(shell)):
        return Polygon(shell, holes)
    flat = continuous([list(p) for p in shell])
    if abs(flat[-1][0] - flat[0][0]) > 180:
        return Polygon(shell, holes)
    cx = (min(x for x, _ in flat) + max(x for x, _ in flat)) / 2
    moved = []
    for hole in holes:
        h = continuous([list(p) for p in hole])
        shift = round((cx - h[0][0]) / 360.0) * 360.0
        moved.append([(x + shift, y) for x, y in h])
    return normalize(shapely.make_valid(Polygon(flat, moved)))


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else Polygon()


# --------------------------------------------------------------------------- helpers
def area_km2(geom: BaseGeometry) -> float:
    # pyproj measures each edge as a geodesic; densify first so long straight
    # edges in lon/lat (a parallel, the frame's edge) keep their meaning.
    return abs(GEOD.geometry_area_perimeter(shapely.segmentize(geom, 0.5))[0]) / 1e6


def tidy(
    geom: BaseGeometry, simplify: float, grid: float, min_hole_deg2: float = 0.0
) -> BaseGeometry:
    """Simplify, drop tiny islands-as-holes, snap to a grid and stay valid."""
    geom = polygonal(geom)
    if min_hole_deg2 > 0:
        polys = []
        for p in getattr(geom, "geoms", [geom]):
            holes = [h for h in p.interiors if Polygon(h).area >= min_hole_deg2]
            polys.append(Polygon(p.exterior, holes))
        geom = shapely.union_all(polys)
    if simplify:
        geom = geom.simplify(simplify, preserve_topology=True)
    geom = shapely.set_precision(geom, grid)
    return polygonal(shapely.make_valid(geom))


def _authored_in_world_range(coords: list[list[float]]) -> bool:
    return all(-180 <= x <= 180 for x, _ in coords)


def to_frame(coords: list[list[float]], frame: str) -> list[tuple[float, float]]:
    # Lines written past +-180 (the 60°S parallel) are already frame-free.
    if frame == "pacific" and _authored_in_world_range(coords):
        return [(x + 360.0 if x < 0 else x, y) for x, y in coords]
    return [(float(x), float(y)) for x, y in coords]


def continuous(coords: list[list[float]]) -> list[tuple[float, float]]:
    """Make a ring continuous across 180 by adding or removing 360 where it jumps."""
    out = [(float(coords[0][0]), float(coords[0][1]))]
    for x, y in coords[1:]:
        px = out[-1][0]
        while x - px > 180:
            x -= 360
        while px - x > 180:
            x += 360
        out.append((float(x), float(y)))
    return out


def feature(geom: BaseGeometry, **props: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": props, "geometry": mapping(geom)}


def write_geojson(path: Path, features: list[dict[str, Any]]) -> None:
    # Compact separators keep the committed files small; coordinates are
    # already snapped to a grid so they print short.
    text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    print(
        f"  {path.relative_to(ROOT)}: {len(features)} features, {len(text) / 1e6:.2f} MB",
        file=sys.stderr,
    )


# --------------------------------------------------------------------------- countries
def build_countries(world: Path) -> tuple[list[dict[str, Any]], BaseGeometry]:
    topo = read_member(world, "countries-50m.json")
    merged: dict[str, list[BaseGeometry]] = {}
    ne_names: dict[str, str] = {}
    all_land: list[BaseGeometry] = []
    for props, geom in decode_topology(topo, "countries"):
        all_land.append(polygonal(geom))
        name = props.get("name", "")
        code: str | None = None
        if props["_id"] is not None:
            rec = pycountry.countries.get(numeric=props["_id"])
            code = rec.alpha_2 if rec else None
        code = code or UNCODED.get(name)
        if code is None:
            continue  # e.g. Siachen Glacier, Indian Ocean Ter.: land, not a country
        merged.setdefault(code, []).append(polygonal(geom))
        ne_names.setdefault(code, name)
    features = []
    for code, parts in sorted(merged.items()):
        rec = pycountry.countries.get(alpha_2=code)
        ne = ne_names[code]
        name = NAME_OVERRIDES.get(code) or (
            ne if "." not in ne else getattr(rec, "common_name", None) or rec.name
        )
        aliases = {
            ne,
            getattr(rec, "name", ""),
            getattr(rec, "official_name", ""),
            getattr(rec, "common_name", ""),
        }
        aliases.update(COUNTRY_ALIASES.get(code, []))
        aliases.discard(name)
        aliases.discard("")
        geom = tidy(shapely.union_all(parts), simplify=0.01, grid=0.001)
        features.append(
            feature(
                geom,
                id=f"country:{code}",
                name=name,
                kind="country",
                precision="country",
                iso2=code,
                iso3=getattr(rec, "alpha_3", None),
                aliases=sorted(aliases),
                area_km2=round(area_km2(geom)),
                provenance=f"{NE}; ISO 3166-1 codes from pycountry",
            )
        )
    # Land is the union of the country polygons (including units without an
    # ISO code). world-atlas's own land object is not used: its rings follow
    # d3's spherical winding, and one of them covers the world in planar terms.
    return features, shapely.make_valid(shapely.union_all(all_land))


def build_states(us: Path) -> list[dict[str, Any]]:
    topo = read_member(us, "states-10m.json")
    by_name = {s.name: s.code for s in pycountry.subdivisions.get(country_code="US")}
    features = []
    for props, geom in decode_topology(topo, "states"):
        code = by_name.get(props["name"])
        if not code:
            continue
        geom = tidy(normalize(geom), simplify=0.01, grid=0.001)
        features.append(
            feature(
                geom,
                id=f"state:{code}",
                name=props["name"],
                kind="state",
                precision="region",
                country="US",
                iso=code,
                aliases=[code.split("-")[1]],
                area_km2=round(area_km2(geom)),
                provenance="US Census Bureau cartographic boundaries 1:10m via the npm package us-atlas 3.0.1 (public domain; ISC package)",
            )
        )
    return features


# --------------------------------------------------------------------------- water
class Water:
    """World water in two longitude frames, cut along limit lines on demand."""

    def __init__(self, land: BaseGeometry) -> None:
        pacific = shapely.union_all(
            [
                land.intersection(box(0, -90, 180, 90)),
                translate(land.intersection(box(-180, -90, 0, 90)), xoff=360),
            ]
        )
        # Land split at 180 (Chukotka, Wrangel Island, Fiji, Antarctica) meets
        # itself again in this frame; close the hairline seam so no water
        # leaks through it.
        seam = pacific.intersection(box(179.5, -90, 180.5, 90)).buffer(0.01).buffer(-0.01)
        self.land = {"atlantic": land, "pacific": shapely.union_all([pacific, seam])}
        self.water = {
            "atlantic": box(-180, -90, 180, 90).difference(self.land["atlantic"]),
            "pacific": box(0, -90, 360, 90).difference(self.land["pacific"]),
        }

    def component(
        self,
        name: str,
        frame: str,
        lines: list[list[tuple[float, float]]],
        seed: tuple[float, float],
    ) -> BaseGeometry:
        water = self.water[frame]
        if lines:
            cuts = shapely.union_all([LineString(c).buffer(CUT_WIDTH) for c in lines])
            water = water.difference(cuts)
        point = Point(seed)
        for part in getattr(water, "geoms", [water]):
            if part.contains(point):
                return part
        raise SystemExit(f"{name}: the seed {seed} is not in water; move it off land")

    def anchor(self, frame: str, coords: list[tuple[float, float]]) -> list[tuple[float, float]]:
        """Carry each end of a limit line a few km onto the nearest coast.

        Limit lines are written from published turning points ("Cape X to
        Cape Y"); at 1:50m a cape can sit just offshore. Extending the line
        onto land makes it close the sea instead of leaving a leak.
        """
        land = self.land[frame]
        out = list(coords)
        for index in (0, -1):
            end = Point(out[index])
            if land.contains(end) or land.distance(end) > 1.0:
                continue  # on land, or a junction with another limit line at sea
            coast = nearest_points(land, end)[0]
            dx, dy = coast.x - end.x, coast.y - end.y
            norm = max((dx * dx + dy * dy) ** 0.5, 1e-9)
            inland = (coast.x + dx / norm * 0.05, coast.y + dy / norm * 0.05)
            if index == 0:
                out.insert(0, inland)
            else:
                out.append(inland)
        return out

    def clip(self, frame: str, poly: BaseGeometry) -> BaseGeometry:
        return poly.intersection(self.water[frame])


def check_line_frame(name: str, coords: list[tuple[float, float]], frame: str) -> None:
    for (x0, _), (x1, _) in itertools.pairwise(coords):
        if abs(x1 - x0) > 180:
            raise SystemExit(
                f"line {name} jumps across the antimeridian in the {frame} frame; "
                "use it only in features with frame = 'pacific'"
            )


def build_water(water: Water, spec: dict[str, Any]) -> list[dict[str, Any]]:
    lines = spec["lines"]
    built: dict[str, BaseGeometry] = {}
    features = []
    for item in spec["water"]:
        t0 = time.perf_counter()
        name = item["name"]
        frame = item.get("frame", "atlantic")
        extra: dict[str, Any] = {}
        if "union_of" in item:
            geom = shapely.union_all([built[n] for n in item["union_of"]])
        elif "polygon" in item:
            poly = Polygon(continuous(item["polygon"]))
            if poly.bounds[2] > 180:
                frame = "pacific"
            clipped = polygonal(water.clip(frame, poly))
            if clipped.area < 0.05 * poly.area:
                clipped = poly  # the 1:50m land closes the strait; keep the authored shape
                extra["drawn_as_authored"] = True
            geom = normalize(clipped)
        else:
            coords = []
            for ref in item["limits"]:
                c = to_frame(lines[ref], frame)
                if _authored_in_world_range(lines[ref]):
                    check_line_frame(ref, c, frame)
                    c = water.anchor(frame, c)
                coords.append(c)
            seed = to_frame([item["seed"]], frame)[0]
            geom = normalize(water.component(name, frame, coords, seed))
        is_ocean = item["kind"] == "ocean"
        geom = tidy(
            geom,
            simplify=0.02 if is_ocean else 0.01,
            grid=0.001,
            min_hole_deg2=0.05 if is_ocean else 0.002,
        )
        built[name] = geom
        props: dict[str, Any] = {
            "id": f"water:{slug(name)}",
            "name": name,
            "kind": item["kind"],
            "precision": "region",
            "aliases": item.get("aliases", []),
            "parent": item.get("parent"),
            "area_km2": round(area_km2(geom)),
            "provenance": item["provenance"],
        }
        for key in ("reference_area_km2", "reference_width_km", "reference"):
            if key in item:
                props[key] = item[key]
        props.update(extra)
        features.append(feature(geom, **props))
        print(
            f"  {name:28s} {props['area_km2']:>12,} km²  ({time.perf_counter() - t0:.1f}s)",
            file=sys.stderr,
        )
    return features


def build_zones(water: Water, spec: dict[str, Any]) -> list[dict[str, Any]]:
    features = []
    for item in spec["zone"]:
        rings = [Polygon(continuous(r)) for r in item["polygons"]]
        geom = normalize(shapely.union_all([shapely.make_valid(r) for r in rings]))
        if item.get("clip_land"):
            geom = geom.difference(water.land["atlantic"])
        geom = tidy(geom, simplify=0.0, grid=0.001)
        features.append(
            feature(
                geom,
                id=f"zone:{slug(item['name'])}",
                name=item["name"],
                kind=item["kind"],
                precision="region",
                aliases=item.get("aliases", []),
                country=item.get("country"),
                exact=item.get("exact", False),
                area_km2=round(area_km2(geom)),
                provenance=item["provenance"],
            )
        )
    return features


def build_places(land: BaseGeometry, spec: dict[str, Any]) -> list[dict[str, Any]]:
    land_parts = list(getattr(land, "geoms", [land]))
    tree = shapely.STRtree(land_parts)
    features = []
    for item in spec["place"]:
        point = Point(item["lon"], item["lat"])
        geom: BaseGeometry = point
        outline = None
        if item["kind"] == "island":
            for idx in tree.query(point, predicate="intersects"):
                part = land_parts[idx]
                if area_km2(part) < 300_000:  # an island, not a continent
                    outline = tidy(part, simplify=0.005, grid=0.001)
        if outline is not None:
            geom = outline
        features.append(
            feature(
                geom,
                id=f"place:{slug(item['name'])}",
                name=item["name"],
                kind=item["kind"],
                precision="place",
                aliases=item.get("aliases", []),
                country=item.get("country"),
                lon=item["lon"],
                lat=item["lat"],
                provenance="Centre coordinates written down by Incident Atlas from public gazetteers "
                "(GeoNames, USGS GNIS)"
                + ("; outline from Natural Earth 1:50m land" if outline is not None else ""),
            )
        )
    return features


def slug(name: str) -> str:
    keep = [c.lower() if c.isalnum() else "-" for c in name]
    return "-".join(filter(None, "".join(keep).split("-")))


# --------------------------------------------------------------------------- main
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--world-atlas", help=f"path to the {WORLD_ATLAS} tarball")
    parser.add_argument("--us-atlas", help=f"path to the {US_ATLAS} tarball")
    args = parser.parse_args()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        world = fetch_tarball(WORLD_ATLAS, args.world_atlas, Path(tmp))
        us = fetch_tarball(US_ATLAS, args.us_atlas, Path(tmp))
        checksums = {WORLD_ATLAS: sha256(world), US_ATLAS: sha256(us)}
        print("countries and land", file=sys.stderr)
        countries, land = build_countries(world)
        states = build_states(us)
        basemap_land = tidy(land, simplify=0.03, grid=0.01)
    print("water", file=sys.stderr)
    water = Water(land)
    water_spec = tomllib.loads((CURATED / "water.toml").read_text(encoding="utf-8"))
    zones_spec = tomllib.loads((CURATED / "zones.toml").read_text(encoding="utf-8"))
    places_spec = tomllib.loads((CURATED / "places.toml").read_text(encoding="utf-8"))
    regions = build_water(water, water_spec) + build_zones(water, zones_spec)
    places = build_places(land, places_spec)

    write_geojson(DATA / "countries.geojson", countries)
    write_country_names(DATA / "country_names.json", countries)
    write_geojson(DATA / "states.geojson", states)
    write_geojson(
        DATA / "land.geojson",
        [feature(tidy(land, simplify=0.01, grid=0.001), id="land", name="Land", provenance=NE)],
    )
    write_geojson(
        DATA / "basemap.geojson",
        [feature(basemap_land, id="basemap", name="Land (simplified for drawing)", provenance=NE)],
    )
    write_geojson(DATA / "regions.geojson", regions)
    write_geojson(DATA / "places.geojson", places)

    counts: dict[str, int] = {}
    for f in countries + states + regions + places:
        counts[f["properties"]["kind"]] = counts.get(f["properties"]["kind"], 0) + 1
    manifest = {
        "built_with": "tools/build_gazetteer.py",
        "sources": {
            WORLD_ATLAS: {
                "sha256": checksums[WORLD_ATLAS],
                "licence": "Natural Earth: public domain; package: ISC",
            },
            US_ATLAS: {
                "sha256": checksums[US_ATLAS],
                "licence": "US Census Bureau: public domain; package: ISC",
            },
            "pycountry": {
                "version": getattr(pycountry, "__version__", "unknown"),
                "licence": "LGPL-2.1",
            },
            "geo/data/curated/*.toml": {"licence": "authored for Incident Atlas (MIT)"},
        },
        "feature_counts": dict(sorted(counts.items())),
    }
    (DATA / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    build_web_assets_into(DATA / "web")
    print(f"done in {time.perf_counter() - t0:.0f}s: {manifest['feature_counts']}", file=sys.stderr)


def write_country_names(path: Path, countries: list[dict[str, Any]]) -> None:
    """Names and aliases by ISO code, so a country reads by name without loading any shape."""
    table = {
        f["properties"]["iso2"]: [f["properties"]["name"], *f["properties"].get("aliases", [])]
        for f in sorted(countries, key=lambda f: f["properties"]["iso2"])
    }
    path.write_text(json.dumps(table, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def build_web_assets_into(folder: Path) -> None:
    """The static base map the browser fetches, derived from the files just written."""
    from geo.basemap import build_web_assets
    from geo.gazetteer import Gazetteer

    folder.mkdir(exist_ok=True)
    for name, data in build_web_assets(Gazetteer(DATA, cities=False)).items():
        (folder / name).write_bytes(data)


if __name__ == "__main__":
    if sys.argv[1:] == ["--web-only"]:
        build_web_assets_into(DATA / "web")
    else:
        main()
