"""Hand edits in the dashboard are undoable within the session, through the store's history."""

from __future__ import annotations

import pytest

from incidents.accounts import User
from incidents.errors import StoreError
from incidents.store import Store
from incidents.undo import UndoStack
from tests.conftest import EDITOR
from tests.conftest import GAZETTEER as _GAZ
from tests.incidents.test_store import make_incident

OTHER = User("colleague", "editor")


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'h.sqlite'}", _GAZ)
    yield s
    s.dispose()


def test_undoing_a_delete_restores_the_incident_with_its_id_and_sources(store):
    kept = store.add(make_incident(title="kept"), by=EDITOR)
    gone = store.add(make_incident(title="deleted by mistake"), by=EDITOR)
    undo = UndoStack()
    undo.delete(store, gone.id, by=EDITOR)
    assert [i.id for i in store.all()] == [kept.id]
    step = undo.undo(store, by=EDITOR)
    assert step.describe() == f"Deleted incident #{gone.id}: deleted by mistake"
    back = store.get(gone.id)
    assert back.title == "deleted by mistake"
    assert back.sources == gone.sources
    assert back.evidence == gone.evidence
    assert [loc.name for loc in back.locations] == [loc.name for loc in gone.locations]
    assert undo.last is None


def test_undoing_an_edit_restores_the_previous_version(store):
    original = store.add(make_incident(title="before", actors=("RU",)), by=EDITOR)
    undo = UndoStack()
    undo.edit(store, make_incident(id=original.id, title="after", actors=("CN",)), by=EDITOR)
    assert store.get(original.id).actors == ("CN",)
    undo.undo(store, by=EDITOR)
    restored = store.get(original.id)
    assert (restored.title, restored.actors) == ("before", ("RU",))
    assert store.count() == 1
    assert [v.change.action for v in store.history(original.id)] == [
        "created",
        "edited",
        "restored",
    ]


def test_undoing_an_add_removes_it(store):
    undo = UndoStack()
    saved = undo.add(store, make_incident(title="new by hand"), by=EDITOR)
    assert store.count() == 1
    undo.undo(store, by=EDITOR)
    assert store.count() == 0
    with pytest.raises(StoreError, match=f"No incident with id {saved.id}"):
        store.get(saved.id)


def test_undo_takes_back_the_newest_change_first(store):
    a = store.add(make_incident(title="a"), by=EDITOR)
    b = store.add(make_incident(title="b"), by=EDITOR)
    undo = UndoStack()
    undo.delete(store, a.id, by=EDITOR)
    undo.delete(store, b.id, by=EDITOR)
    assert undo.undo(store, by=EDITOR).title == "b"
    assert {i.title for i in store.all()} == {"b"}
    assert undo.undo(store, by=EDITOR).title == "a"
    assert {i.title for i in store.all()} == {"a", "b"}


def test_a_deleted_incidents_id_is_never_handed_out_again(store):
    gone = store.add(make_incident(title="deleted"), by=EDITOR)
    undo = UndoStack()
    undo.delete(store, gone.id, by=EDITOR)
    newer = store.add(make_incident(title="added later"), by=EDITOR)
    assert newer.id != gone.id  # the deleted one keeps its id and its history
    undo.undo(store, by=EDITOR)
    assert store.get(gone.id).title == "deleted"
    assert store.get(newer.id).title == "added later"


def test_undo_never_overwrites_a_colleagues_later_edit(store):
    saved = store.add(make_incident(title="mine"), by=EDITOR)
    undo = UndoStack()
    undo.edit(store, make_incident(id=saved.id, title="my edit", version=1), by=EDITOR)
    theirs = store.get(saved.id)
    store.update(make_incident(id=saved.id, title="their edit", version=theirs.version), by=OTHER)
    with pytest.raises(StoreError, match="changed by someone else"):
        undo.undo(store, by=EDITOR)
    assert store.get(saved.id).title == "their edit"


def test_nothing_to_undo_says_so(store):
    with pytest.raises(StoreError, match="Nothing to undo"):
        UndoStack().undo(store, by=EDITOR)


def test_deleting_a_missing_incident_changes_nothing(store):
    undo = UndoStack()
    with pytest.raises(StoreError, match="No incident with id 42"):
        undo.delete(store, 42, by=EDITOR)
    assert undo.last is None
