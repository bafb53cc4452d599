"""Shared fixtures: a gazetteer, temporary stores, the seeded store, the app."""

from __future__ import annotations

import os
import uuid

import pytest

from geo.gazetteer import Gazetteer
from incidents.accounts import User
from incidents.store import Store
from incidents.testing import ROOT, SEEDS

__all__ = ["EDITOR", "GAZETTEER", "ROOT", "SEEDS", "assert_store_whole"]  # for the test modules

#: Who the tests' writes are made by (the audit trail names them).
EDITOR = User("test-editor", "editor")
#: One gazetteer for the whole run, as the app and the CLI hold one per process.
GAZETTEER = Gazetteer()


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return GAZETTEER


# --------------------------------------------------------------------------- stores
#
# Every test that takes ``store`` or ``seeded_store`` runs twice: on an SQLite
# file and on PostgreSQL/PostGIS (the team store). The PostGIS server is named
# by INCIDENTS_TEST_POSTGIS_URL (``.ci/run`` starts one). Without it the
# PostGIS runs are skipped and the summary says so, unless
# INCIDENTS_REQUIRE_POSTGIS=1 (set by CI), which makes a missing server fail.

BACKENDS = ("sqlite", "postgis")
POSTGIS_URL = os.environ.get("INCIDENTS_TEST_POSTGIS_URL", "")
REQUIRE_POSTGIS = os.environ.get("INCIDENTS_REQUIRE_POSTGIS") == "1"


def _postgis_schema_url() -> str:
    """A URL for a fresh schema of the test server: each test gets its own tables."""
    if not POSTGIS_URL:
        message = "INCIDENTS_TEST_POSTGIS_URL is not set: no PostGIS server to test against"
        if REQUIRE_POSTGIS:
            pytest.fail(message + " (INCIDENTS_REQUIRE_POSTGIS=1)")
        pytest.skip(message)
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(POSTGIS_URL)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS postgis")
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    engine.dispose()
    joiner = "&" if "?" in POSTGIS_URL else "?"
    return f"{POSTGIS_URL}{joiner}options=-csearch_path%3D{schema},public"


def drop_schema(url: str) -> None:
    import sqlalchemy as sa

    schema = url.rsplit("search_path%3D", 1)[1].split(",")[0]
    engine = sa.create_engine(POSTGIS_URL)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    engine.dispose()


def backend_url(backend: str, folder) -> str:
    """A new, empty store's URL on ``backend``."""
    if backend == "postgis":
        return _postgis_schema_url()
    return f"sqlite:///{folder / 'incidents.sqlite'}"


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path) -> Store:
    """An empty store: an SQLite file, then a PostGIS schema."""
    url = backend_url(request.param, tmp_path)
    s = Store(url, GAZETTEER)
    yield s
    s.dispose()
    if request.param == "postgis":
        drop_schema(url)


@pytest.fixture
def postgis_store(request, tmp_path) -> Store:
    """An empty store on PostGIS only, for what only the team store has."""
    url = backend_url("postgis", tmp_path)
    s = Store(url, GAZETTEER)
    yield s
    s.dispose()
    drop_schema(url)


@pytest.fixture(scope="session", params=BACKENDS)
def seeded_store(request, tmp_path_factory, gazetteer) -> Store:
    """A store filled from seeds/ the way the app fills it on first start."""
    from incidents.ingest import seed_if_empty

    url = backend_url(request.param, tmp_path_factory.mktemp("seeded"))
    s = Store(url, GAZETTEER)
    seed_if_empty(s, SEEDS)
    yield s
    s.dispose()
    if request.param == "postgis":
        drop_schema(url)


def assert_store_whole(store: Store) -> None:
    """The store's files are sound (SQLite) and no row is left without its incident."""
    import sqlalchemy as sa

    from incidents.store import TABLES

    with store.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        incidents = TABLES["incidents"]
        for name, table in TABLES.items():
            # Accounts belong to no incident; history outlives a deleted incident.
            if name in ("incidents", "users", "changes"):
                continue
            orphans = conn.execute(
                sa.select(sa.func.count())
                .select_from(table)
                .where(~table.c.incident_id.in_(sa.select(incidents.c.id)))
            ).scalar_one()
            assert orphans == 0, f"{orphans} row(s) of {name} belong to no incident"


def pytest_terminal_summary(terminalreporter) -> None:
    skipped = [
        r
        for r in terminalreporter.stats.get("skipped", [])
        if "INCIDENTS_TEST_POSTGIS_URL" in str(getattr(r, "longrepr", ""))
    ]
    if skipped:
        terminalreporter.write_line(
            f"PostGIS: {len(skipped)} test run(s) skipped: set INCIDENTS_TEST_POSTGIS_URL "
            "(or run .ci/run) to test the team store too.",
            yellow=True,
        )
