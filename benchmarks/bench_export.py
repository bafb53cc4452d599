"""Export times: a briefing PNG at 1x and 2x, slides with 1 and 50 incidents, data files."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from geo.gazetteer import Gazetteer
from incidents.accounts import LOCAL_ADMIN
from incidents.export import export_slides
from incidents.export.png import PictureSpec, render_picture
from incidents.filters import Filter
from incidents.formats import DATA_FORMATS, write
from incidents.ingest import seed_if_empty
from incidents.query import run as query
from incidents.store import Store
from incidents.testing import SEEDS, synthetic_incidents

#: One gazetteer for the whole benchmark, as the app holds one.
GAZ = Gazetteer()


def _timed(fn) -> float:
    began = time.perf_counter()
    fn()
    return time.perf_counter() - began


def run() -> list[tuple[str, float, str, str, bool]]:
    rows: list[tuple[str, float, str, str, bool]] = []
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        store = Store(f"sqlite:///{tmp / 'bench.sqlite'}", GAZ)
        seed_if_empty(store, SEEDS)
        one = Filter(start=dt.date(2024, 7, 24), end=dt.date(2024, 7, 24))
        spec = PictureSpec(title="Benchmark", banner="UNCLASSIFIED")
        for scale in (1, 2):
            seconds = _timed(lambda s=scale: render_picture(store, one, replace(spec, scale=s)))
            rows.append(
                (
                    f"PNG 1920x1080 at {scale}x (browser start included)",
                    seconds,
                    "s",
                    "< 5 s",
                    seconds < 5,
                )
            )
        fifty = Store(f"sqlite:///{tmp / 'fifty.sqlite'}", GAZ)
        fifty.add_many(list(synthetic_incidents(GAZ, 50)), by=LOCAL_ADMIN)
        slides = replace(spec, width=1280, height=720)
        for label, st, flt in (("1 incident", store, one), ("50 incidents", fifty, Filter())):
            n = query(st, flt).count
            seconds = _timed(lambda st=st, flt=flt: export_slides(st, flt, slides, tmp / "d.pptx"))
            rows.append(
                (f"PPTX, {label} ({n} matched), overview map", seconds, "s", "< 8 s", seconds < 8)
            )
        seconds = _timed(
            lambda: export_slides(fifty, Filter(), slides, tmp / "e.pptx", per_incident=True)
        )
        rows.append(
            ("PPTX, 50 incidents, one map slide each", seconds, "s", "< 25 s", seconds < 25)
        )
        incidents = query(store, Filter()).incidents
        for fmt in DATA_FORMATS:
            seconds = _timed(lambda f=fmt: write(incidents, f, tmp / f"x.{f}", GAZ))
            size = (tmp / f"x.{fmt}").stat().st_size / 1e6
            rows.append(
                (
                    f"{fmt} export of {len(incidents)} seed incidents ({size:.1f} MB)",
                    seconds * 1000,
                    "ms",
                    "< 1000 ms",
                    seconds < 1,
                )
            )
    return rows
