"""Moving a whole store between SQLite and PostGIS with `incidents db copy`."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from incidents.cli import cli
from incidents.errors import StoreError
from incidents.model import Incident
from incidents.store import Store
from tests.conftest import EDITOR


def _everything(store: Store) -> list[dict]:
    return [
        {**i.to_dict(), "created_at": i.created_at, "updated_at": i.updated_at}
        for i in store.load(sorted(store.select_ids()))
    ]


def test_a_store_is_copied_whole_with_its_ids_and_times_onto_either_backend(seeded_store, store):
    result = CliRunner().invoke(cli, ["db", "copy", seeded_store.url, store.url])
    assert result.exit_code == 0, result.output
    assert f"Copied {seeded_store.count():,} incident(s)" in result.output
    assert _everything(store) == _everything(seeded_store)
    # Incidents added after the copy get ids of their own (PostgreSQL's sequence moved on).
    added = store.add(Incident(title="After the move", start_date=dt.date(2025, 1, 1)), by=EDITOR)
    assert added.id == max(seeded_store.select_ids()) + 1


def test_copying_into_a_store_that_holds_incidents_is_refused_and_changes_nothing(
    seeded_store, store
):
    store.add(Incident(title="Already here", start_date=dt.date(2025, 1, 1)), by=EDITOR)
    from incidents.copy import copy_store

    with pytest.raises(StoreError, match="already holds 1 incident"):
        copy_store(seeded_store, store)
    assert [i.title for i in store.all()] == ["Already here"]


def test_db_current_names_the_backend_schema_and_count(store):
    store.add(Incident(title="One", start_date=dt.date(2025, 1, 1)), by=EDITOR)
    result = CliRunner().invoke(cli, ["--db", store.url, "db", "current", "--json"])
    assert result.exit_code == 0, result.output
    assert '"incidents": 1' in result.output
    assert f'"backend": "{store.engine.dialect.name}"' in result.output


def test_accounts_versions_and_history_move_with_the_store(store, tmp_path):
    from dataclasses import replace

    from incidents.accounts import LOCAL_ADMIN, add_account, authenticate
    from tests.conftest import GAZETTEER

    source = Store(f"sqlite:///{tmp_path / 'laptop.sqlite'}", GAZETTEER)
    add_account(source.engine, "ana", "correct horse battery", "admin", by=LOCAL_ADMIN)
    kept = source.add(Incident(title="First", start_date=dt.date(2025, 1, 1)), by=EDITOR)
    source.update(replace(kept, title="Second"), by=EDITOR)
    gone = source.add(Incident(title="Deleted", start_date=dt.date(2025, 1, 2)), by=EDITOR)
    source.delete(gone.id, by=EDITOR)
    result = CliRunner().invoke(cli, ["db", "copy", source.url, store.url])
    assert result.exit_code == 0, result.output
    assert authenticate(store.engine, "ana", "correct horse battery").role == "admin"
    assert store.get(kept.id).version == 2
    assert [v.change.describe() for v in store.history(kept.id)] == [
        v.change.describe() for v in source.history(kept.id)
    ]
    # A deleted incident's history came along, and its id is still not handed out again.
    assert store.restore(gone.id, 1, by=EDITOR).title == "Deleted"
    later = store.add(Incident(title="Later", start_date=dt.date(2025, 2, 1)), by=EDITOR)
    assert later.id not in (kept.id, gone.id)
    store.update(replace(store.get(kept.id), title="Third"), by=EDITOR)  # history ids go on
    source.dispose()


def test_copying_from_a_missing_file_is_refused_and_creates_nothing(store, tmp_path):
    missing = tmp_path / "typo.sqlite"
    result = CliRunner().invoke(cli, ["db", "copy", f"sqlite:///{missing}", store.url])
    assert result.exit_code == 1
    assert "There is no store to copy" in result.output
    assert not missing.exists()
