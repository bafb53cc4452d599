"""Extraction throughput for the seed article (about 2 KB), and for 2 MB texts.

Also ``incidents extract SEED --json`` as a user runs it, start-up included.
"""

from __future__ import annotations

import contextlib
import subprocess
import time

from benchmarks.bench_import import INCIDENTS
from geo.gazetteer import Gazetteer
from geo.geocode import clear_cache
from incidents.extract import extract, read_article
from incidents.testing import ROOT, SEEDS


def run() -> list[tuple[str, float, str, str, bool]]:
    gaz = Gazetteer()
    article = read_article(next(SEEDS.glob("*.txt")))
    extract(article, gazetteer=gaz)  # warm caches (lexicon, coastal band)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < 3.0:
        extract(article, gazetteer=gaz)
        n += 1
    warm = n / (time.perf_counter() - start)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < 3.0:
        clear_cache(gaz, bands=False)  # every phrase resolved afresh; coastal bands are per feature
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
    # A 2 MB text: one report buried in background, and many reports pasted as one.
    from incidents.errors import AtlasError

    background = (
        "Analysts said ties between the two navies have deepened in recent years. " * 30_000
    )
    long_report = texts[0] + "\n\n" + background[: 2_000_000 - len(texts[0])]
    archive = "\n\n".join(synthetic_articles(700, size=3000))[:2_000_000]
    big: list[tuple[str, float]] = []
    for label, text in (("one report in 2 MB", long_report), ("2 MB of pasted reports", archive)):
        start = time.perf_counter()
        # Refused with a message is also an answer: the user hears it at once.
        with contextlib.suppress(AtlasError):
            extract(article_from_text(text), gazetteer=gaz)
        big.append((label, time.perf_counter() - start))
    seed = str(next(SEEDS.glob("*.txt")))
    cli = min(_timed([*INCIDENTS, "extract", seed, "--json"]) for _ in range(3))
    return [
        ("incidents extract SEED --json, start-up included", cli, "s", "< 2 s", cli < 2),
        *((f"extract, {label}", seconds, "s", "< 5 s", seconds < 5) for label, seconds in big),
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


def _timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start
