"""Extraction throughput for the seed article (about 2 KB)."""

from __future__ import annotations

import time

from geo.gazetteer import default_gazetteer
from geo.geocode import clear_cache
from incidents.extract import extract, read_article
from incidents.testing import SEEDS


def run() -> list[tuple[str, float, str, str, bool]]:
    gaz = default_gazetteer()
    article = read_article(next(SEEDS.glob("*.txt")))
    extract(article, gazetteer=gaz)  # warm caches (lexicon, coastal band)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < 3.0:
        extract(article, gazetteer=gaz)
        n += 1
    warm = n / (time.perf_counter() - start)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < 3.0:
        clear_cache(bands=False)  # every phrase resolved afresh; coastal bands are per feature
        extract(article, gazetteer=gaz)
        n += 1
    cold = n / (time.perf_counter() - start)
    return [
        ("extract, seed article, place phrases cached", warm, "articles/s", "> 100/s", warm > 100),
        ("extract, seed article, phrases resolved afresh", cold, "articles/s", "> 10/s", cold > 10),
    ]
