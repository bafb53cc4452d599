"""Alembic migrations: stores written by earlier versions upgrade in place, with nothing lost."""

from __future__ import annotations

import shutil
import warnings
from dataclasses import replace

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from incidents.accounts import LOCAL_ADMIN
from incidents.cli import cli
from incidents.errors import StoreError
from incidents.schema import SCHEMA_VERSION, metadata
from incidents.store import Store
from tests.conftest import EDITOR, ROOT, backend_url, drop_schema
from tests.conftest import GAZETTEER as _GAZ

STORES = ROOT / "tests" / "incidents" / "stores"


def _all_rows(url: str) -> dict[str, list[dict]]:
    """Every row of every table, as plain values, keyed by table name."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        names = sa.inspect(conn).get_table_names()
        found = {
            name: [dict(r._mapping) for r in conn.execute(sa.text(f'SELECT * FROM "{name}"'))]
            for name in names
        }
    engine.dispose()
    return found


def _old_store(tmp_path, name: str) -> str:
    path = tmp_path / name
    shutil.copy(STORES / name, path)
    return f"sqlite:///{path}"


@pytest.mark.parametrize(("name", "incidents"), [("schema2.sqlite", 37), ("schema3.sqlite", 38)])
def test_a_store_written_by_an_earlier_version_upgrades_in_place_with_nothing_lost(
    tmp_path, name, incidents
):
    url = _old_store(tmp_path, name)
    before = _all_rows(url)
    store = Store(url, _GAZ)
    assert store.schema_version == SCHEMA_VERSION
    after = _all_rows(url)
    for table, rows in before.items():
        if table == "schema_info":
            continue
        kept = {tuple(sorted(r.items())) for r in after[table]}
        for row in rows:  # every old column of every old row, unchanged
            assert any(set(row.items()) <= set(k) for k in kept), (table, row)
        assert len(after[table]) >= len(rows)
    assert store.count() == incidents
    assert {r["value"] for r in after["schema_info"] if r["key"] == "version"} == {
        str(SCHEMA_VERSION)
    }
    assert [r["version_num"] for r in after["alembic_version"]] == [f"{SCHEMA_VERSION:04d}"]
    # What the migrations derived: regions for region filters, and roles.
    assert after["location_regions"]
    assert {r["role"] for r in after["locations"]} >= {"focus"}
    # The upgraded store keeps working: an edit gets a version and a history.
    first = store.get(store.select_ids()[0])
    assert first.version == 1
    edited = store.update(replace(first, title="Edited after the upgrade"), by=EDITOR)
    assert edited.version == 2
    history = store.history(first.id)
    assert [v.change.action for v in history] == ["edited"]
    assert history[0].change.before["title"] == first.title
    store.dispose()


def test_a_failing_migration_leaves_the_old_store_as_it_was(tmp_path, monkeypatch):
    from incidents import store as store_module

    url = _old_store(tmp_path, "schema2.sqlite")
    before = _all_rows(url)

    def broken(conn, gazetteer):
        raise sa.exc.OperationalError("simulated", {}, Exception("disk full half-way"))

    monkeypatch.setattr(store_module, "assign_stored_roles", broken)
    with pytest.raises(StoreError, match="disk full half-way"):
        Store(url, _GAZ)
    # The tables and rows a half-run migration had written are gone with it.
    assert _all_rows(url) == before


def test_a_store_newer_than_this_version_is_refused_and_left_unchanged(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    Store(url, _GAZ).dispose()
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    before = (tmp_path / "new.sqlite").read_bytes()
    with pytest.raises(StoreError, match=r"newer Incident Atlas .*revision 0099.*Upgrade"):
        Store(url, _GAZ)
    assert (tmp_path / "new.sqlite").read_bytes() == before


def test_a_damaged_schema_record_is_refused(tmp_path):
    url = _old_store(tmp_path, "schema3.sqlite")
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE schema_info SET value = 'x' WHERE key = 'version'"))
    engine.dispose()
    with pytest.raises(StoreError, match="damaged schema record"):
        Store(url, _GAZ)


@pytest.mark.parametrize("backend", ["sqlite", "postgis"])
def test_an_empty_database_gets_every_table_and_column_from_the_migrations(tmp_path, backend):
    url = backend_url(backend, tmp_path)
    store = Store(url, _GAZ)
    with store.engine.connect() as conn, warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Did not recognize type 'geometry'")
        inspector = sa.inspect(conn)
        for table in metadata.sorted_tables:
            columns = {c["name"] for c in inspector.get_columns(table.name)}
            assert {c.name for c in table.columns} <= columns, table.name
            indexes = {ix["name"] for ix in inspector.get_indexes(table.name)}
            assert {ix.name for ix in table.indexes} <= indexes, table.name
        revision = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    assert revision == f"{SCHEMA_VERSION:04d}"
    store.dispose()
    if backend == "postgis":
        drop_schema(url)


def _as_schema_3(url: str) -> None:
    """Turn a new store back into what schema 3 left (for a team store, which has no file)."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE users"))
        conn.execute(sa.text("DROP TABLE incident_changes"))
        conn.execute(sa.text("ALTER TABLE incidents DROP COLUMN version"))
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0003'"))
        conn.execute(sa.text("UPDATE schema_info SET value = '3' WHERE key = 'version'"))
    engine.dispose()


def test_a_team_store_is_upgraded_only_by_db_upgrade(tmp_path):
    url = backend_url("postgis", tmp_path)
    store = Store(url, _GAZ)
    store.add(_incident(), by=LOCAL_ADMIN)
    store.dispose()
    _as_schema_3(url)
    with pytest.raises(StoreError, match="incidents db upgrade"):
        Store(url, _GAZ)
    runner = CliRunner()
    current = runner.invoke(cli, ["--db", url, "db", "current"])
    assert "schema 3" in current.output and "db upgrade" in current.output
    upgraded = runner.invoke(cli, ["--db", url, "db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    assert f"from schema 3 to {SCHEMA_VERSION}" in upgraded.output
    again = runner.invoke(cli, ["--db", url, "db", "upgrade"])
    assert "nothing to do" in again.output
    reopened = Store(url, _GAZ)
    assert reopened.count() == 1
    assert reopened.all()[0].version == 1
    reopened.dispose()
    drop_schema(url)


def _incident():
    import datetime as dt

    from incidents.model import Incident

    return Incident("Kept through the upgrade", dt.date(2024, 7, 24), actors=("RU",))


def test_the_revisions_a_store_is_checked_against_are_the_migration_scripts():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from incidents.migrate import KNOWN_REVISIONS

    config = Config()
    config.set_main_option("script_location", "incidents:migrations")
    scripts = ScriptDirectory.from_config(config)
    assert {s.revision for s in scripts.walk_revisions()} == KNOWN_REVISIONS
    assert scripts.get_current_head() == f"{SCHEMA_VERSION:04d}"
