"""Several real processes writing one store at once lose nothing (SQLite and PostGIS)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

from incidents.store import Store
from tests.conftest import EDITOR, assert_store_whole
from tests.conftest import GAZETTEER as _GAZ
from tests.incidents.test_store import make_incident

WRITERS = 4
ROWS = 5_000
INCIDENTS = str(Path(sys.executable).parent / "incidents")


def _distinct_csv(path: Path, writer: int) -> Path:
    """ROWS incidents no other file repeats: each on its own day, two days from any other."""
    first = dt.date(1900, 1, 1)
    with path.open("w", newline="", encoding="utf-8") as out:
        w = csv.writer(out)
        w.writerow(["title", "start_date", "event_type", "actors", "lon", "lat"])
        for i in range(ROWS):
            n = writer * ROWS + i
            day = first + dt.timedelta(days=2 * n)
            w.writerow([f"Writer {writer} row {i}", day, "patrol", "RU", 150 + i % 20, 40])
    return path


def test_four_importing_processes_store_every_incident_exactly_once(store, tmp_path):
    files = [_distinct_csv(tmp_path / f"w{k}.csv", k) for k in range(WRITERS)]
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [INCIDENTS, "--db", store.url, "import", str(f), "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in files
    ]
    results = [p.communicate(timeout=600) for p in procs]
    elapsed = time.perf_counter() - started
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert len(json.loads(out)["created"]) == ROWS
    assert store.count() == WRITERS * ROWS
    titles = {i.title for i in store.load(store.select_ids())}
    assert len(titles) == WRITERS * ROWS
    assert_store_whole(store)
    print(f"{WRITERS}×{ROWS:,} rows by {WRITERS} processes in {elapsed:.1f} s")


_EDITOR_SCRIPT = """
import sys, time
from dataclasses import replace
from pathlib import Path
from geo.gazetteer import Gazetteer
from incidents.accounts import User
from incidents.errors import EditConflict
from incidents.store import Store

url, incident_id, name, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
store = Store(url, Gazetteer())
mine = store.get(incident_id)  # the form the editor opened
(folder / f"{name}.ready").touch()
while not (folder / "go").exists():
    time.sleep(0.01)
try:
    store.update(replace(mine, title=f"Title by {name}"), by=User(name, "editor"))
    print("saved")
except EditConflict as exc:
    print(f"conflict: theirs is v{exc.theirs.version} {exc.theirs.title}")
"""


def test_two_editors_saving_one_incident_get_a_conflict_never_a_silent_overwrite(store, tmp_path):
    saved = store.add(make_incident(title="Original"), by=EDITOR)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _EDITOR_SCRIPT, store.url, str(saved.id), name, str(tmp_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("ana", "ben")
    ]
    deadline = time.monotonic() + 120
    while not all((tmp_path / f"{n}.ready").exists() for n in ("ana", "ben")):
        assert time.monotonic() < deadline, "the editors never opened the incident"
        time.sleep(0.05)
    (tmp_path / "go").touch()
    outcomes = {}
    for name, proc in zip(("ana", "ben"), procs, strict=True):
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        outcomes[name] = out.strip()
    winners = [n for n, o in outcomes.items() if o == "saved"]
    assert len(winners) == 1, outcomes
    (loser,) = set(outcomes) - set(winners)
    assert outcomes[loser] == f"conflict: theirs is v2 Title by {winners[0]}"
    stored = store.get(saved.id)
    assert (stored.title, stored.version) == (f"Title by {winners[0]}", 2)
    assert [v.change.user for v in store.history(saved.id)] == ["test-editor", winners[0]]


def test_a_fresh_sqlite_file_opened_by_four_processes_at_once_gets_one_schema(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    script = (
        "import sys; from geo.gazetteer import Gazetteer; from incidents.store import Store; "
        "print(Store(sys.argv[1], Gazetteer()).schema_version)"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, url], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(WRITERS)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e for _, e in outputs]
    store = Store(url, _GAZ)
    assert {int(o) for o, _ in outputs} == {store.schema_version}
    store.dispose()
