"""The two stores side by side at 100,000 incidents: SQLite (one analyst) and PostGIS (a team).

For each backend, in one run on the same generated CSV:

- ``incidents import`` into an empty store, as rows per second (validation,
  de-duplication, region assignment and the audit trail included);
- a filter query as the CLI's ``list`` runs it (``query.run``, the newest 200);
- the map summary the dashboard draws from (``query.map_summary``: count,
  newest 300, grid cells and region shading).

Queries are the median of five runs. PostGIS is measured when
``BENCH_POSTGIS_URL`` (or ``INCIDENTS_TEST_POSTGIS_URL``) names a server;
each run uses a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from benchmarks.bench_import import INCIDENTS, write_csv
from geo.gazetteer import Gazetteer
from incidents.filters import Filter
from incidents.query import run
from incidents.store import Store
from incidents.tally import map_summary
from incidents.testing import ROOT

GAZ = Gazetteer()
ROWS = int(os.environ.get("BENCH_BACKEND_ROWS", "100000"))
POSTGIS_URL = os.environ.get("BENCH_POSTGIS_URL") or os.environ.get(
    "INCIDENTS_TEST_POSTGIS_URL", ""
)
FILTERS = {
    "all incidents": Filter(),
    "Russia and China, joint": Filter(countries=frozenset({"RU", "CN"}), match="all"),
    "region Sea of Japan": Filter(regions=frozenset({"water:sea-of-japan"})),
    "one year, intercepts": Filter(
        start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31), event_types=frozenset({"intercept"})
    ),
    'text "H-6"': Filter(text="H-6"),
}

Row = tuple[str, float, str, str, bool]


def _median_s(action: Callable[[], object]) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _postgis_schema() -> tuple[str, Callable[[], None]]:
    import sqlalchemy as sa

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(POSTGIS_URL)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS postgis")
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")

    def drop() -> None:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        engine.dispose()

    joiner = "&" if "?" in POSTGIS_URL else "?"
    return f"{POSTGIS_URL}{joiner}options=-csearch_path%3D{schema},public", drop


def _measure(backend: str, url: str, data: Path) -> list[Row]:
    env = dict(os.environ, INCIDENTS_DB_URL=url)
    start = time.perf_counter()
    subprocess.run(
        [*INCIDENTS, "import", str(data), "--json"],
        check=True,
        env=env,
        cwd=ROOT,
        capture_output=True,
    )
    rate = ROWS / (time.perf_counter() - start)
    rows: list[Row] = [
        (f"{backend}: import {ROWS:,} rows", rate, "rows/s", "≥ 10,000", rate >= 10_000)
    ]
    store = Store(url, GAZ)
    try:
        for label, flt in FILTERS.items():
            seconds = _median_s(lambda flt=flt: run(store, flt, limit=200))
            rows.append(
                (f"{backend}: list, {label}", seconds * 1000, "ms", "< 300 ms", seconds < 0.3)
            )
        for label, flt in FILTERS.items():
            seconds = _median_s(lambda flt=flt: map_summary(store, flt))
            rows.append(
                (
                    f"{backend}: map summary, {label}",
                    seconds * 1000,
                    "ms",
                    "< 300 ms",
                    seconds < 0.3,
                )
            )
    finally:
        store.dispose()
    return rows


def run_suite() -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        data = write_csv(Path(tmp) / "backends.csv", ROWS, seed=23)
        rows += _measure("SQLite", f"sqlite:///{Path(tmp) / 'bench.sqlite'}", data)
        if POSTGIS_URL:
            url, drop = _postgis_schema()
            try:
                rows += _measure("PostGIS", url, data)
            finally:
                drop()
        else:
            print("backends: PostGIS not measured; set BENCH_POSTGIS_URL", file=sys.stderr)
    return rows
