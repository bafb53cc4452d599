"""Geocoding and reverse lookup throughput on one core."""

from __future__ import annotations

import random
import time

from geo.geocode import clear_cache, geocode

PLAIN = [
    "Bering Sea",
    "north Pacific",
    "Taiwan Strait",
    "Alaska ADIZ",
    "Sea of Japan",
    "East Sea",
    "Soya Strait",
    "Scarborough Shoal",
    "Miyako Strait",
    "Baltic Sea",
    "Berring Sea",
    "Vladivostok",
]
QUALIFIED = [
    "about 100 km northwest of Sado Island",
    "between Okinawa and Miyako",
    "northern South China Sea",
    "the Bering Sea near the coast of Alaska",
]


def _rate(func, items, seconds: float = 2.0) -> float:
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        func(items[n % len(items)])
        n += 1
    return n / (time.perf_counter() - start)


def run() -> list[tuple[str, float, str, str, bool]]:
    from geo.gazetteer import Gazetteer

    t0 = time.perf_counter()
    gaz = Gazetteer()  # a fresh load, not the process-wide cached one
    load = time.perf_counter() - t0
    geocode("warm up the lexicon", gazetteer=gaz)
    for phrase in QUALIFIED:  # first coastal band is computed once, then cached
        geocode(phrase, gazetteer=gaz)
    rnd = random.Random(7)
    points = [(rnd.uniform(-180, 180), rnd.uniform(-70, 80)) for _ in range(2000)]

    def fresh(phrase: str) -> None:
        clear_cache(gaz, bands=False)  # resolve every call; keep per-feature coastal bands
        geocode(phrase, gazetteer=gaz)

    plain = _rate(fresh, PLAIN)
    qualified = _rate(fresh, QUALIFIED)
    cached = _rate(lambda p: geocode(p, gazetteer=gaz), PLAIN + QUALIFIED)
    where = _rate(lambda p: gaz.where(*p), points)
    return [
        ("gazetteer load (with 26k cities)", load, "s", "< 3 s", load < 3),
        ("geocode, names and aliases", plain, "calls/s", "> 200/s", plain > 200),
        ("geocode, qualified phrases", qualified, "calls/s", "> 5/s", qualified > 5),
        ("geocode, repeated phrase (cache hit)", cached, "calls/s", "> 10000/s", cached > 10000),
        ("where(lon, lat)", where, "calls/s", "> 1000/s", where > 1000),
    ]
