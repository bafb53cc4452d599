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
    from incidents.extract import article_from_text
    from incidents.testing import synthetic_articles

    texts = synthetic_articles(300)
    for text in texts[:20]:  # warm the place-phrase cache on a few, as a running service would be
        extract(article_from_text(text), gazetteer=gaz)
    start = time.perf_counter()
    for text in texts[20:]:
        extract(article_from_text(text), gazetteer=gaz)
    distinct = (len(texts) - 20) / (time.perf_counter() - start)
    size = sum(map(len, texts)) / len(texts) / 1000
    return [
        (
            f"extract, distinct {size:.1f} KB articles",
            distinct,
            "articles/s",
            "> 100/s",
            distinct > 100,
        ),
        ("extract, seed article, place phrases cached", warm, "articles/s", "> 100/s", warm > 100),
        ("extract, seed article, phrases resolved afresh", cold, "articles/s", "> 10/s", cold > 10),
    ]
