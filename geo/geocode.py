"""Turn place phrases from news reports into geometry, offline.

``geocode("the Bering Sea near the coast of Alaska")`` returns ranked
:class:`Match` objects. A phrase is read in this order:

1. a distance and bearing from a place: "about 100 km northwest of Sado Island"
   → a point computed with geopy's geodesic destination;
2. "between A and B" → the strait or channel joining them, else the gap;
3. "... in international airspace / waters" → the region without 12-nautical-
   mile territorial seas;
4. "near / off / around (the coast of) X", "the waters around X", or "R near
   the coast of X" → the sea-side band within 200 km of X's coast
   (intersected with R);
5. "northern / southern / eastern / western / central X" → that part of X;
6. a plain name: exact names and aliases of regions, countries and curated
   places, then of cities, accent- and case-insensitive, then fuzzy
   (rapidfuzz) with a score. Unknown phrases return nothing
   rather than a wrong place.

An optional online geocoder (see :mod:`geo.online`) is asked only when it is
passed in and the offline gazetteer found nothing.
"""

from __future__ import annotations

import functools
import html
import math
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from pyproj import Transformer
from rapidfuzz import fuzz, process
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

from geo.antimeridian import circular_mean_lon, normalize, unwrap, wrap_lon
from geo.gazetteer import WATER_KINDS, Feature, Gazetteer, normalize_name

if TYPE_CHECKING:
    from geo.online import OnlineGeocoder

__all__ = [
    "COASTAL_BAND_KM",
    "TERRITORIAL_SEA_KM",
    "Match",
    "clear_cache",
    "geocode",
    "trailing_qualifier",
]

COASTAL_BAND_KM = 200.0
TERRITORIAL_SEA_KM = 12 * 1.852
MAX_PHRASE_CHARS = 200  # longer text is not a place phrase; say nothing rather than guess
FUZZY_CUTOFF = 88.0

_BEARINGS = {
    "north": 0.0,
    "n": 0.0,
    "north-northeast": 22.5,
    "nne": 22.5,
    "northeast": 45.0,
    "ne": 45.0,
    "east-northeast": 67.5,
    "ene": 67.5,
    "east": 90.0,
    "e": 90.0,
    "east-southeast": 112.5,
    "ese": 112.5,
    "southeast": 135.0,
    "se": 135.0,
    "south-southeast": 157.5,
    "sse": 157.5,
    "south": 180.0,
    "s": 180.0,
    "south-southwest": 202.5,
    "ssw": 202.5,
    "southwest": 225.0,
    "sw": 225.0,
    "west-southwest": 247.5,
    "wsw": 247.5,
    "west": 270.0,
    "w": 270.0,
    "west-northwest": 292.5,
    "wnw": 292.5,
    "northwest": 315.0,
    "nw": 315.0,
    "north-northwest": 337.5,
    "nnw": 337.5,
}
_UNITS_KM = {
    "km": 1.0,
    "kms": 1.0,
    "kilometers": 1.0,
    "kilometres": 1.0,
    "kilometer": 1.0,
    "kilometre": 1.0,
    "nautical miles": 1.852,
    "nautical mile": 1.852,
    "nm": 1.852,
    "nmi": 1.852,
    "miles": 1.609344,
    "mile": 1.609344,
    "mi": 1.609344,
}
_DIRECTION = r"(?:north|south|east|west)(?:[- ]?(?:north|south|east|west))*|[nsew]{1,3}"
#: A rounded distance: "about 100 km", "50 nautical miles (93 km)".
_AMOUNT = (
    r"^(?:(?:about|around|some|approximately|roughly|nearly|almost|over|more than|less than|"
    r"up to|within|an estimated)\s+)?"
    r"(?P<num>\d+(?:[.,]\d+)?)\s*(?P<unit>nautical miles?|kilomet(?:er|re)s?|kms?|nmi|nm|miles?|mi)"
)
_DISTANCE_RE = re.compile(
    rf"{_AMOUNT}\s+(?:to the\s+)?(?P<dir>{_DIRECTION})\s+(?:of|from)\s+(?P<place>.+)$"
)
#: A distance out to sea with no bearing: "60 nautical miles off the coast of Hodeidah",
#: "65 nautical miles (75 miles) off the Yemeni city of Al Hudaydah".
_OFFSHORE_RE = re.compile(
    rf"{_AMOUNT}(?:\s*\([^)]*\))?\s+off\s+(?:the\s+)?(?:coast\s+of\s+)?(?:[\w-]+\s+)?"
    r"(?:(?:port\s+)?(?:city|town|port)\s+of\s+)?(?P<place>.+)$"
)
#: How much of that circle's water one sea must hold to be the answer.
_OFFSHORE_SHARE = 2 / 3
_BETWEEN_RE = re.compile(r"^between\s+(?P<a>.+?)\s+and\s+(?P<b>.+)$")
_INTERNATIONAL_RE = re.compile(
    r"^(?:(?P<pre>.+?)\s*,?\s+(?:in|over|through)\s+international\s+(?:airspace|waters)"
    r"|international\s+(?:airspace|waters)\s+(?:over|of|in|above|near|off)\s+(?P<post>.+))$"
)
#: "near (the coast of) X": the words of a coastal qualifier, after a region or alone.
_NEAR = (
    r"(?:near|off|along|close to|around|surrounding)\s+(?:the\s+)?"
    r"(?:(?:coast|coasts|coastline|shores?|waters)\s+of\s+)?"
)
_COAST_RE = re.compile(rf"^(?:(?P<region>.+?)\s+)?{_NEAR}(?P<land>.+)$")
_TRAILING_RE = re.compile(rf"\s{_NEAR}[\w .'’-]+$", re.I)
#: "the waters around Japan", "the seas off Taiwan": words that name no region of their own.
_ANY_WATER = re.compile(r"^(?:the\s+)?(?:waters?|seas|sea areas?|airspace|maritime areas?)$")
_PART_WORDS = {
    "north": "north",
    "northern": "north",
    "south": "south",
    "southern": "south",
    "east": "east",
    "eastern": "east",
    "west": "west",
    "western": "west",
    "central": "central",
    "middle": "central",
    "northeast": "northeast",
    "northeastern": "northeast",
    "north-east": "northeast",
    "north-eastern": "northeast",
    "northwest": "northwest",
    "northwestern": "northwest",
    "north-west": "northwest",
    "north-western": "northwest",
    "southeast": "southeast",
    "southeastern": "southeast",
    "south-east": "southeast",
    "south-eastern": "southeast",
    "southwest": "southwest",
    "southwestern": "southwest",
    "south-west": "southwest",
    "south-western": "southwest",
}
_PART_RE = re.compile(
    r"^(?P<parts>(?:"
    + "|".join(sorted(map(re.escape, _PART_WORDS), key=len, reverse=True))
    + r")(?:\s*(?:,|and|&)\s*(?:"
    + "|".join(sorted(map(re.escape, _PART_WORDS), key=len, reverse=True))
    + r"))*)\s+(?P<rest>.+)$"
)
_LEADING_RE = re.compile(r"^(?:(?:in|over|across|into|within|above|at|on|around)\s+)+")


@dataclass(frozen=True)
class Match:
    """One reading of a place phrase.

    Attributes
    ----------
    name
        What the phrase resolved to, in words ("Bering Sea near Alaska").
    kind
        The gazetteer kind, or ``coastal_band``, ``part``, ``gap``, ``point``.
    geometry
        Longitudes in [-180, 180]; split at 180 where needed.
    precision
        ``point``, ``place``, ``region`` or ``country``.
    score
        1.0 for an exact name; lower for fuzzy or derived readings.
    provenance
        Where the geometry comes from.
    feature_id
        The gazetteer feature behind the match, when there is one.
    """

    name: str
    kind: str
    geometry: BaseGeometry = field(repr=False, compare=False)
    precision: str
    score: float
    provenance: str
    feature_id: str | None = None
    phrase: str = ""
    note: str = ""

    def to_geojson(self) -> dict[str, Any]:
        """This match as a GeoJSON Feature (RFC 7946)."""
        return {
            "type": "Feature",
            "geometry": shapely.geometry.mapping(self.geometry),
            "properties": {
                "name": self.name,
                "kind": self.kind,
                "precision": self.precision,
                "score": round(self.score, 3),
                "provenance": self.provenance,
                "feature_id": self.feature_id,
                "phrase": self.phrase,
                "note": self.note,
            },
        }


def geocode(
    phrase: str,
    gazetteer: Gazetteer,
    *,
    online: OnlineGeocoder | None = None,
    limit: int = 5,
    fuzzy: bool = True,
    cities: bool = True,
) -> list[Match]:
    """Resolve a place phrase to ranked matches.

    Parameters
    ----------
    phrase
        Words from a report, e.g. ``"the north Pacific"``,
        ``"about 100 km northwest of Sado Island"``. HTML is stripped.
    gazetteer
        The gazetteer to search.
    online
        An online geocoder to ask when the gazetteer finds nothing. ``None``
        (the default) keeps everything offline.
    limit
        At most this many matches.
    fuzzy
        Also try fuzzy name matching. Extraction turns this off: arbitrary
        phrases from a sentence should match a name exactly or not at all.
    cities
        Let a populated place be the answer. Extraction turns this off (a city
        in a report is where someone spoke or where a ship is based); cities
        still anchor "50 km east of Yokosuka" or "off Vladivostok", and the
        26,000 of them are loaded only when one is needed that way.

    Returns
    -------
    list of Match
        Best first; empty when the phrase names nothing known.
    """
    text = _clean(phrase)
    if not text:
        return []
    cache = _results(gazetteer)
    key = (text, fuzzy, cities)
    matches = cache.get(key)
    if matches is None:
        matches = _Resolver(gazetteer, fuzzy=fuzzy).resolve(text, cities=cities)
        if len(cache) >= _RESULT_CACHE_SIZE:
            cache.pop(next(iter(cache)))
        cache[key] = matches
    if not matches and online is not None:
        matches = online.geocode(text)
    return [replace(m, phrase=phrase.strip()) for m in matches[:limit]]


def trailing_qualifier(phrase: str) -> str:
    """The coastal qualifier that ends a phrase ("near the coast of Alaska"), or ``""``.

    In "the north Pacific and the Bering Sea near the coast of Alaska" it
    belongs to every region of the list, so extraction hands it to each.
    """
    found = _TRAILING_RE.search(phrase)
    return found.group(0).strip() if found else ""


def _clean(phrase: str) -> str:
    if not isinstance(phrase, str) or len(phrase) > MAX_PHRASE_CHARS * 4:
        return ""
    text = re.sub(r"<[^>]*>", " ", phrase)
    text = html.unescape(text)
    text = re.sub(r"\s+", " ", text).strip().strip(".,;:!?\"“”'‘’()[]")
    if len(text) > MAX_PHRASE_CHARS:
        return ""
    text = text.lower().replace("’", "'")
    text = _LEADING_RE.sub("", text)
    return re.sub(r"^the\s+", "", text)


# Reports name the same places again and again; a resolved phrase is kept
# with its gazetteer (matches are immutable). Oldest go first once it is full.
_RESULT_CACHE_SIZE = 4096


def _results(gaz: Gazetteer) -> dict[tuple[str, bool, bool], list[Match]]:
    return gaz.derived("geocode.results", dict)


# Coastal bands are costly (a geodesic buffer of a coastline) and asked for
# again and again ("off Alaska" in many reports); keep them per feature.
def _bands(gaz: Gazetteer) -> dict[str, BaseGeometry]:
    return gaz.derived("geocode.bands", dict)


def clear_cache(gazetteer: Gazetteer, *, bands: bool = True) -> None:
    """Forget resolved phrases and, unless ``bands=False``, coastal bands."""
    _results(gazetteer).clear()
    if bands:
        _bands(gazetteer).clear()


class _Resolver:
    def __init__(self, gazetteer: Gazetteer, *, fuzzy: bool = True) -> None:
        self.gaz = gazetteer
        self.fuzzy = fuzzy

    def band(self, match: Match) -> BaseGeometry:
        if match.feature_id is None:
            return _coastal_band(match.geometry, self.gaz.land)
        bands = _bands(self.gaz)
        if match.feature_id not in bands:
            bands[match.feature_id] = _coastal_band(match.geometry, self.gaz.land)
        return bands[match.feature_id]

    def resolve(self, text: str, *, cities: bool = True) -> list[Match]:
        # A whole phrase that is a name wins over any reading of its words:
        # "north Pacific" is an alias of the North Pacific Ocean.
        exact = self.names(text, fuzzy=False, cities=cities)
        if exact:
            return exact
        for reader in (
            self.distance,
            self.offshore,
            self.between,
            self.international,
            self.coast,
            self.zone_of,
            self.part,
        ):
            found = reader(text)
            if found is not None:
                return found
        return self.names(text, fuzzy=self.fuzzy, cities=cities)

    # ----------------------------------------------------------------- names
    def names(self, text: str, *, fuzzy: bool, cities: bool = True) -> list[Match]:
        # Seas, zones, countries and curated places outrank cities of the same
        # name; the 26,000 cities are loaded only for a name none of them has.
        features = self.gaz.lookup(text, cities=False) or (self.gaz.lookup(text) if cities else [])
        score = 1.0
        if not features and fuzzy and len(normalize_name(text)) >= 5:
            best = process.extractOne(
                normalize_name(text),
                self.gaz.names(cities=cities),
                scorer=fuzz.ratio,
                score_cutoff=FUZZY_CUTOFF,
            )
            if best is not None:
                features = self.gaz.lookup(best[0], cities=cities)
                score = round(best[1] / 100 * 0.9, 3)
        return [_from_feature(f, score) for f in features]

    def one(self, text: str, *, cities: bool = True) -> Match | None:
        found = self.resolve(_LEADING_RE.sub("", text.strip()).removeprefix("the "), cities=cities)
        return found[0] if found else None

    # ----------------------------------------------------------------- readers
    def distance(self, text: str) -> list[Match] | None:
        m = _DISTANCE_RE.match(text)
        if not m:
            return None
        bearing = _BEARINGS.get(m["dir"].replace(" ", "-").replace("--", "-"))
        if bearing is None:
            bearing = _BEARINGS.get(m["dir"].replace("-", "").replace(" ", ""))
        origin = self.one(m["place"])
        if bearing is None or origin is None:
            return []
        km = float(m["num"].replace(",", ".")) * _UNITS_KM[m["unit"]]
        lon, lat = _representative(origin.geometry)
        # geopy brings its online geocoders and requests along: loaded only when needed.
        from geopy.distance import geodesic

        dest = geodesic(kilometers=km).destination((lat, lon), bearing)
        return [
            Match(
                name=f"{m['num']} {m['unit']} {m['dir']} of {origin.name}",
                kind="point",
                geometry=Point(wrap_lon(dest.longitude), dest.latitude),
                precision="point",
                score=0.9 * origin.score,
                provenance=f"Geodesic destination from {origin.name} ({origin.provenance})",
                feature_id=origin.feature_id,
                note="Distances in reports are rounded; treat the point as approximate.",
            )
        ]

    def offshore(self, text: str) -> list[Match] | None:
        """The sea a distance off a coastal place lies in, when the report gives no bearing.

        Every point that far from the place lies on a circle; the water body that
        holds the most of that circle is where the report puts the event (off
        Hodeidah, 60 nautical miles out, is the Red Sea: inland is Yemen).
        """
        m = _OFFSHORE_RE.match(text)
        if not m:
            return None
        origin = self.one(m["place"])
        if origin is None:
            return []
        km = float(m["num"].replace(",", ".")) * _UNITS_KM[m["unit"]]
        circle = _local_buffer(Point(*_representative(origin.geometry)), km).boundary
        best, length, water = None, 0.0, 0.0
        for f in self.gaz.of_kind(*WATER_KINDS):
            if f.kind == "ocean":
                continue  # an ocean holds the circle off any coast: the sea inside it says more
            if not shapely.intersects(f.geometry, circle):
                continue
            inside = shapely.intersection(f.geometry, circle).length
            water += inside
            if inside > length:
                best, length = f, inside
        if best is None or length < _OFFSHORE_SHARE * water:
            return []  # off Palawan, 105 miles out, is the South China Sea or the Sulu Sea
        match = _from_feature(best, 0.8 * origin.score)
        note = f"{m['num']} {m['unit']} off {origin.name}, with no bearing: the sea that far out."
        return [replace(match, note=note)]

    def between(self, text: str) -> list[Match] | None:
        m = _BETWEEN_RE.match(text)
        if not m:
            return None
        a, b = self.one(m["a"]), self.one(m["b"])
        if a is None or b is None:
            return []
        straits = [
            f
            for f in self.gaz.of_kind("strait", "channel")
            if f.geometry.distance(a.geometry) < 1.0 and f.geometry.distance(b.geometry) < 1.0
        ]
        if straits:
            best = min(straits, key=lambda f: f.area_km2 or 0)
            return [
                replace(
                    _from_feature(best, 0.95), note=f"The strait between {a.name} and {b.name}."
                )
            ]
        gap = _gap(a.geometry, b.geometry, self.gaz.land)
        return [
            Match(
                name=f"between {a.name} and {b.name}",
                kind="gap",
                geometry=gap,
                precision="region",
                score=0.8 * min(a.score, b.score),
                provenance=f"Waters between {a.name} and {b.name} (convex hull minus land)",
            )
        ]

    def zone_of(self, text: str) -> list[Match] | None:
        """The zone a country declared: "South Korea's air defense identification zone"."""
        m = _ZONE_OF_RE.match(text)
        if not m:
            return None
        owners = {
            f.id.removeprefix("country:")
            for f in self.gaz.lookup(m["who"], cities=False)
            if f.kind == "country"
        }
        zones = [f for f in self.gaz.of_kind("adiz") if f.country in owners]
        return [_from_feature(z, 0.95) for z in zones[:1]]

    def international(self, text: str) -> list[Match] | None:
        m = _INTERNATIONAL_RE.match(text)
        if not m:
            return None
        base = self.one(m["pre"] or m["post"], cities=False)  # a sea or a zone
        if base is None:
            return []
        geom = _without_territorial_seas(base.geometry, self.gaz)
        return [
            replace(
                base,
                name=f"{base.name} (international airspace/waters)",
                kind=base.kind,
                geometry=geom,
                score=base.score * 0.95,
                provenance=base.provenance + "; 12-nautical-mile territorial seas removed",
            )
        ]

    def coast(self, text: str) -> list[Match] | None:
        m = _COAST_RE.match(text)
        if not m:
            return None
        land = self.one(m["land"])
        if land is None:
            return None
        band = self.band(land)
        if m["region"] and not _ANY_WATER.match(m["region"]):
            region = self.one(m["region"], cities=False)  # the sea "off Alaska", no town
            if region is None:
                return None
            inter = _polygonal(region.geometry.intersection(band))
            if inter.is_empty:
                return [
                    replace(
                        region,
                        score=region.score * 0.9,
                        note=f"Not within {COASTAL_BAND_KM:.0f} km of {land.name}.",
                    )
                ]
            return [
                Match(
                    name=f"{region.name} near {land.name}",
                    kind="coastal_band",
                    geometry=inter,
                    precision="region",
                    score=0.95 * min(region.score, land.score),
                    provenance=f"{region.name} within {COASTAL_BAND_KM:.0f} km of the coast of "
                    f"{land.name}",
                    feature_id=region.feature_id,
                )
            ]
        if band.is_empty:
            return []
        return [
            Match(
                name=f"off the coast of {land.name}",
                kind="coastal_band",
                geometry=band,
                precision="region",
                score=0.9 * land.score,
                provenance=f"Waters within {COASTAL_BAND_KM:.0f} km of the coast of {land.name}",
                feature_id=land.feature_id,
            )
        ]

    def part(self, text: str) -> list[Match] | None:
        m = _PART_RE.match(text)
        if not m:
            return None
        base = self.one(m["rest"], cities=False)  # a part of a sea or a country, not a town
        if base is None:
            return None
        words = re.split(r"\s*(?:,|and|&)\s*", m["parts"])
        parts = sorted({_PART_WORDS[w.strip()] for w in words if w.strip() in _PART_WORDS})
        geom = shapely.union_all([_part_of(base.geometry, p) for p in parts])
        if geom.is_empty:
            return None  # "southern Africa" read as a town has no southern part
        label = " and ".join(parts)
        return [
            Match(
                name=f"{label} {base.name}",
                kind="part",
                geometry=geom,
                precision="region",
                score=0.9 * base.score,
                provenance=f"The {label} part of {base.name} by latitude/longitude ({base.provenance})",
                feature_id=base.feature_id,
            )
        ]


# --------------------------------------------------------------------- helpers
def _from_feature(f: Feature, score: float) -> Match:
    return Match(
        name=f.name,
        kind=f.kind,
        geometry=f.geometry,
        precision=f.precision,
        score=score,
        provenance=f.provenance,
        feature_id=f.id,
    )


def _representative(geom: BaseGeometry) -> tuple[float, float]:
    p = unwrap(geom).representative_point()
    return wrap_lon(p.x), p.y


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    polys = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polys) if polys else Polygon()


def _local_buffer(geom: BaseGeometry, km: float) -> BaseGeometry:
    """Buffer by ``km`` in an azimuthal equidistant projection centred on each part."""
    out = []
    for part in getattr(geom, "geoms", [geom]):
        flat = unwrap(part, circular_mean_lon(part)) if part.geom_type != "Point" else part
        c = flat.centroid
        fwd, back = _equidistant(_snap(c.y), _snap(c.x))
        buffered = shapely.transform(flat, _projector(fwd)).buffer(km * 1000.0, quad_segs=8)
        geo = shapely.transform(buffered, _projector(back))
        # Back-projection returns longitudes in [-180, 180]; unwrap them
        # around the part so the polygon stays whole, then split at 180.
        geo = _continuous_polygon(geo, c.x)
        out.append(normalize(shapely.make_valid(geo)))
    return _polygonal(shapely.union_all(out))


#: Projection centres are snapped to the middle of a cell this many degrees wide: Alaska's
#: 137 islands then share a few dozen projections instead of making 274 (0.7 s). A centre
#: 2.5 degrees off moves a 200 km band by well under a kilometre.
_CENTRE_CELL_DEG = 5.0


def _snap(degrees: float) -> float:
    return (math.floor(degrees / _CENTRE_CELL_DEG) + 0.5) * _CENTRE_CELL_DEG


@functools.lru_cache(maxsize=256)
def _equidistant(lat0: float, lon0: float) -> tuple[Transformer, Transformer]:
    """To and from an azimuthal equidistant projection centred on (lat0, lon0), in metres."""
    there = Transformer.from_crs(
        "EPSG:4326", f"+proj=aeqd +lat_0={lat0} +lon_0={lon0} +datum=WGS84 +units=m", always_xy=True
    )
    return there, Transformer.from_crs(there.target_crs, "EPSG:4326", always_xy=True)


def _projector(transformer: Transformer) -> Any:
    def apply(xy: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return apply


def _continuous_polygon(geom: BaseGeometry, center_lon: float) -> BaseGeometry:
    def fix(xy: np.ndarray) -> np.ndarray:
        out = xy.copy()
        out[:, 0] = (xy[:, 0] - center_lon + 180.0) % 360.0 + center_lon - 180.0
        return out

    return shapely.transform(geom, fix)


def _coastal_band(geom: BaseGeometry, land: BaseGeometry) -> BaseGeometry:
    source = geom.simplify(0.02, preserve_topology=True) if geom.geom_type != "Point" else geom
    band = _local_buffer(source, COASTAL_BAND_KM)
    return _polygonal(band.difference(land))


def _without_territorial_seas(geom: BaseGeometry, gaz: Gazetteer) -> BaseGeometry:
    if geom.geom_type == "Point":
        return geom
    minx, miny, maxx, maxy = geom.bounds
    window = box(minx - 1, max(miny - 1, -90), maxx + 1, min(maxy + 1, 90))
    near = gaz.land.intersection(window).simplify(0.01, preserve_topology=True)
    if near.is_empty:
        return geom
    return _polygonal(geom.difference(_local_buffer(_polygonal(near), TERRITORIAL_SEA_KM)))


_ZONE_OF_RE = re.compile(
    r"^(?:the\s+)?(?P<who>[A-Z][\w .'’-]*?)(?:['’]s?)?\s+"
    r"(?:air[- ]defen[cs]e (?:identification )?zone|ADIZ)"
    r"(?:\s*\(ADIZ\)?)?$",
    re.I,
)


def _part_of(geom: BaseGeometry, part: str) -> BaseGeometry:
    flat = unwrap(geom)
    minx, miny, maxx, maxy = flat.bounds
    midx, midy = (minx + maxx) / 2, (miny + maxy) / 2
    dx, dy = (maxx - minx) / 3, (maxy - miny) / 3
    boxes = {
        "north": box(minx, midy, maxx, maxy),
        "south": box(minx, miny, maxx, midy),
        "east": box(midx, miny, maxx, maxy),
        "west": box(minx, miny, midx, maxy),
        "northeast": box(midx, midy, maxx, maxy),
        "northwest": box(minx, midy, midx, maxy),
        "southeast": box(midx, miny, maxx, midy),
        "southwest": box(minx, miny, midx, midy),
        "central": box(minx + dx, miny + dy, maxx - dx, maxy - dy),
    }
    return normalize(_polygonal(flat.intersection(boxes[part])))


def _gap(a: BaseGeometry, b: BaseGeometry, land: BaseGeometry) -> BaseGeometry:
    ua, ub = unwrap(a, circular_mean_lon(a)), unwrap(b, circular_mean_lon(a))
    hull = shapely.union_all([ua, ub]).convex_hull
    if hull.geom_type != "Polygon":  # two points: a corridor along the line between them
        hull = LineString([ua.centroid, ub.centroid]).buffer(0.2)
    gap = normalize(hull).difference(land).difference(a).difference(b)
    gap = _polygonal(gap)
    return gap if not gap.is_empty else MultiPolygon()
