"""Helpers shared by tests, benchmarks and demos (in the manner of structlog.testing).

Nothing here is used by the product itself.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.gazetteer import Gazetteer
from geo.screenshot import CHROMIUM_ARGS as _SCREENSHOT_ARGS
from incidents.vocabulary import event_type_label

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "ROOT",
    "SEEDS",
    "Served",
    "free_port",
    "serve_dashboard",
    "serve_streamlit",
    "synthetic_articles",
    "synthetic_incidents",
]

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
#: Debian's Chromium; Playwright's own browser download is never used.
CHROMIUM = os.environ.get("INCIDENTS_CHROMIUM", "/usr/bin/chromium")
#: The flags the picture export launches Chromium with; tests use the same.
CHROMIUM_ARGS = list(_SCREENSHOT_ARGS)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve_dashboard(
    data_dir: Path, *, port: int | None = None, timeout: float = 60.0
) -> Iterator[str]:
    """Run ``streamlit run app.py`` on a fresh store in ``data_dir``; yield its URL.

    The store is seeded from ``seeds/`` on the first page load, as for a user.
    """
    with serve_streamlit(ROOT / "app.py", data_dir, port=port, timeout=timeout) as served:
        yield served.url


@dataclass(frozen=True)
class Served:
    """A running ``streamlit run``: where it answers and its process id."""

    url: str
    pid: int


@contextmanager
def serve_streamlit(
    script: Path, data_dir: Path, *, port: int | None = None, timeout: float = 60.0
) -> Iterator[Served]:
    """Run ``streamlit run SCRIPT`` with its store in ``data_dir`` (benchmarks run peers too).

    The Atlas's own ``app.py`` starts as ``make run`` starts it, through
    ``ui.serve``, which loads its modules before the server listens.
    """
    port = port or free_port()
    env = dict(
        os.environ,
        INCIDENTS_DATA_DIR=str(data_dir),
        INCIDENTS_DB_URL=f"sqlite:///{Path(data_dir) / 'incidents.sqlite'}",
        INCIDENTS_SEEDS_DIR=str(SEEDS),
    )
    log_path = Path(data_dir) / "streamlit.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                *(
                    ("ui.serve",)
                    if script == ROOT / "app.py"
                    else ("streamlit", "run", str(script))
                ),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                        break
                except OSError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise RuntimeError(
                            f"streamlit did not start: {log_path.read_text()[-2000:]}"
                        ) from None
                    time.sleep(0.2)
            yield Served(url, proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                # A peer drawing 100,000 markers may not get to its signal handler.
                proc.kill()
                proc.wait(timeout=10)


def synthetic_articles(count: int, size: int = 3000, seed: int = 7) -> list[str]:
    """Distinct report-like texts of about ``size`` characters, for throughput tests.

    Built from the labelled reports and the seed article; every sentence gets a
    varied figure so that no two articles share a sentence (per-text caches
    cannot help), while place names repeat as they do in real news.
    """
    import random
    import re
    import tomllib

    corpus = ROOT / "tests" / "incidents" / "corpus" / "reports.toml"
    texts = [r["text"] for r in tomllib.loads(corpus.read_text(encoding="utf-8"))["report"]]
    texts += [p.read_text(encoding="utf-8").split("\n", 1)[-1] for p in SEEDS.glob("*.txt")]
    sentences = [s for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if len(s) > 40]
    rnd = random.Random(seed)
    out = []
    for n in range(count):
        parts, length = [f"date 2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"], 0
        while length < size:
            sentence = rnd.choice(sentences)
            sentence = (
                sentence.rstrip(".")
                + f", one of {rnd.randint(2, 99)} such reports (item {n}-{length})."
            )
            parts.append(sentence)
            length += len(sentence) + 1
        out.append("\n".join(parts[:1]) + "\n" + " ".join(parts[1:]))
    return out


#: Regions where synthetic incidents happen, with the countries that respond there.
_HOTSPOTS = {
    "water:bering-sea": ("US", "CA"),
    "zone:alaska-adiz": ("US", "CA"),
    "water:sea-of-japan": ("JP", "KR"),
    "water:east-china-sea": ("JP",),
    "water:taiwan-strait": ("TW",),
    "zone:taiwan-adiz": ("TW",),
    "water:south-china-sea": ("PH", "VN"),
    "water:philippine-sea": ("JP",),
    "water:sea-of-okhotsk": ("JP",),
    "water:yellow-sea": ("KR",),
    "water:baltic-sea": ("SE", "FI", "EE"),
    "water:black-sea": ("RO", "TR"),
    "water:barents-sea": ("NO",),
    "water:norwegian-sea": ("NO", "GB"),
    "water:north-sea": ("GB", "NL"),
    "water:mediterranean-sea": ("IT", "GR"),
    "water:persian-gulf": ("US",),
    "water:red-sea": ("US", "FR"),
    "water:gulf-of-aden": ("US",),
    "water:arabian-sea": ("IN",),
    "water:chukchi-sea": ("US",),
    "water:beaufort-sea": ("CA", "US"),
    "water:gulf-of-alaska": ("US",),
    "water:korea-strait": ("JP", "KR"),
    "water:luzon-strait": ("TW", "PH"),
    "water:miyako-strait": ("JP",),
    "zone:japan-adiz": ("JP",),
    "zone:korea-adiz": ("KR",),
    "water:english-channel": ("GB", "FR"),
    "water:aegean-sea": ("GR",),
}
_ACTORS = (
    ("RU",) * 30
    + ("CN",) * 25
    + (("RU", "CN"),) * 8
    + ("US",) * 12
    + ("IR",) * 5
    + ("KP",) * 4
    + ("TR",) * 3
    + ("GB",) * 2
    + ("FR",) * 1
)
_TYPES = (
    ("patrol",) * 20
    + ("intercept",) * 25
    + ("adiz_entry",) * 15
    + ("naval_transit",) * 15
    + ("exercise",) * 10
    + ("airspace_violation",) * 4
    + ("collision_or_unsafe_encounter",) * 3
    + ("surveillance",) * 5
    + ("seizure",) * 1
    + ("attack",) * 1
    + ("other",) * 1
)
_ASSETS_BY_COUNTRY = {
    "RU": ("Tu-95MS", "Il-38", "Su-35", "Tu-142"),
    "CN": ("H-6K", "J-16", "Y-9", "KJ-500"),
    "US": ("P-8A", "RC-135", "MQ-9", "F-35"),
}


def synthetic_incidents(gaz: Gazetteer, count: int, seed: int = 7) -> Iterator[Any]:
    """``count`` plausible incidents for benchmarks: seeded, so runs are comparable.

    Dates span 2015–2025; 70% are points inside a hotspot sea or zone, 30%
    the region itself (stored by reference). Clearly marked as synthetic in
    their titles and sources.
    """
    import datetime as dt
    import random

    from shapely.geometry import Point

    from geo.antimeridian import unwrap, wrap_lon
    from incidents.model import Incident, Location, Source

    rnd = random.Random(seed)
    points: dict[str, list[Point]] = {}
    for fid in _HOTSPOTS:
        feature = gaz.by_id[fid]
        flat = unwrap(feature.geometry)
        minx, miny, maxx, maxy = flat.bounds
        found: list[Point] = []
        while len(found) < 60:
            p = Point(rnd.uniform(minx, maxx), rnd.uniform(miny, maxy))
            if flat.contains(p):
                found.append(Point(round(wrap_lon(p.x), 4), round(p.y, 4)))
        points[fid] = found
    first = dt.date(2015, 1, 1).toordinal()
    span = dt.date(2025, 12, 31).toordinal() - first
    regions = list(_HOTSPOTS)
    for n in range(count):
        fid = rnd.choice(regions)
        feature = gaz.by_id[fid]
        picked = rnd.choice(_ACTORS)
        actors: tuple[str, ...] = picked if isinstance(picked, tuple) else (picked,)
        responders = tuple(c for c in _HOTSPOTS[fid] if c not in actors)
        kind = rnd.choice(_TYPES)
        day = dt.date.fromordinal(first + rnd.randrange(span))
        if rnd.random() < 0.7:
            location = Location(
                f"Point in the {feature.name}",
                rnd.choice(points[fid]),
                precision="point",
                kind="point",
            )
        else:
            location = Location(feature.name, feature.geometry, kind=feature.kind, feature_id=fid)
        assets = tuple(rnd.choice(_ASSETS_BY_COUNTRY[a]) for a in actors if a in _ASSETS_BY_COUNTRY)
        yield Incident(
            title=f"Synthetic {event_type_label(kind)} by {'/'.join(actors)} in the {feature.name} #{n}",
            start_date=day,
            event_type=kind,
            actors=actors,
            responders=responders[:2],
            assets=assets,
            locations=(location,),
            confidence=0.5,
            sources=(
                Source(
                    url=f"https://example.org/synthetic/{n}",
                    publisher="Synthetic",
                    published=day + dt.timedelta(days=1),
                ),
            ),
        )
