"""Hand edits in the dashboard are undoable within the session."""

from __future__ import annotations

import pytest

from incidents.errors import StoreError
from incidents.history import History
from incidents.store import Store
from tests.conftest import GAZETTEER as _GAZ
from tests.incidents.test_store import make_incident


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'h.sqlite'}", _GAZ)
    yield s
    s.dispose()


def test_undoing_a_delete_restores_the_incident_with_its_id_and_sources(store):
    kept = store.add(make_incident(title="kept"))
    gone = store.add(make_incident(title="deleted by mistake"))
    history = History()
    history.delete(store, gone.id)
    assert [i.id for i in store.all()] == [kept.id]
    change = history.undo(store)
    assert change.describe() == f"Deleted incident #{gone.id}: deleted by mistake"
    back = store.get(gone.id)
    assert back.title == "deleted by mistake"
    assert back.sources == gone.sources
    assert back.evidence == gone.evidence
    assert [loc.name for loc in back.locations] == [loc.name for loc in gone.locations]
    assert history.last is None


def test_undoing_an_edit_restores_the_previous_version(store):
    original = store.add(make_incident(title="before", actors=("RU",)))
    history = History()
    history.edit(store, make_incident(id=original.id, title="after", actors=("CN",)))
    assert store.get(original.id).actors == ("CN",)
    history.undo(store)
    restored = store.get(original.id)
    assert (restored.title, restored.actors) == ("before", ("RU",))
    assert store.count() == 1


def test_undoing_an_add_removes_it(store):
    history = History()
    saved = history.add(store, make_incident(title="new by hand"))
    assert store.count() == 1
    history.undo(store)
    assert store.count() == 0
    with pytest.raises(StoreError, match=f"No incident with id {saved.id}"):
        store.get(saved.id)


def test_undo_takes_back_the_newest_change_first(store):
    a = store.add(make_incident(title="a"))
    b = store.add(make_incident(title="b"))
    history = History()
    history.delete(store, a.id)
    history.delete(store, b.id)
    assert history.undo(store).incident.title == "b"
    assert {i.title for i in store.all()} == {"b"}
    assert history.undo(store).incident.title == "a"
    assert {i.title for i in store.all()} == {"a", "b"}


def test_a_deleted_incident_whose_id_was_reused_comes_back_under_a_new_id(store):
    gone = store.add(make_incident(title="deleted"))
    history = History()
    history.delete(store, gone.id)
    reused = store.add(make_incident(title="took the id"))
    assert reused.id == gone.id  # SQLite hands out the freed highest id again
    history.undo(store)
    assert sorted(i.title for i in store.all()) == ["deleted", "took the id"]
    assert store.get(gone.id).title == "took the id"


def test_nothing_to_undo_says_so(store):
    with pytest.raises(StoreError, match="Nothing to undo"):
        History().undo(store)


def test_deleting_a_missing_incident_changes_nothing(store):
    history = History()
    with pytest.raises(StoreError, match="No incident with id 42"):
        history.delete(store, 42)
    assert history.last is None
