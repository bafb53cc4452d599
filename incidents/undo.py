"""Hand edits that can be taken back within a dashboard session: add, edit and delete.

The dashboard keeps one :class:`UndoStack` per browser session. Each step
remembers the version its change left; undoing goes back through the store's
history (:meth:`Store.restore`), so the undo is itself a recorded change, and
it is refused when someone else has changed the incident since.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from incidents.accounts import User
from incidents.errors import StoreError
from incidents.model import Incident
from incidents.store import Store

__all__ = ["Step", "UndoStack"]


@dataclass(frozen=True)
class Step:
    """One hand edit: what was done, to which incident, and the version it left."""

    action: Literal["added", "edited", "deleted"]
    incident_id: int
    title: str
    #: The incident's version right after the change (for a deletion: the last one).
    version: int

    def describe(self) -> str:
        """The change in words, e.g. ``Deleted incident #12: Bombers over …``."""
        return f"{self.action.capitalize()} incident #{self.incident_id}: {self.title}"


@dataclass
class UndoStack:
    """The hand edits of one session, newest last, each undoable once."""

    steps: list[Step] = field(default_factory=list)

    def add(self, store: Store, incident: Incident, *, by: User) -> Incident:
        """Save a new incident and remember it (undo deletes it again)."""
        saved = store.add(incident.with_id(None), by=by)
        self.steps.append(Step("added", _id(saved), saved.title, saved.version or 1))
        return saved

    def edit(self, store: Store, incident: Incident, *, by: User) -> Incident:
        """Save an edit of a stored incident (same id, the version it began from).

        Raises :class:`~incidents.errors.EditConflict` when the stored
        incident is newer than ``incident.version``.
        """
        saved = store.update(incident, by=by)
        self.steps.append(Step("edited", _id(saved), saved.title, saved.version or 1))
        return saved

    def delete(self, store: Store, incident_id: int, *, by: User) -> Incident:
        """Delete an incident; undo puts it back with the same id."""
        before = store.get(incident_id)
        store.delete(incident_id, by=by)
        self.steps.append(Step("deleted", incident_id, before.title, before.version or 1))
        return before

    @property
    def last(self) -> Step | None:
        """The change an undo would take back, if any."""
        return self.steps[-1] if self.steps else None

    def undo(self, store: Store, *, by: User) -> Step:
        """Take back the newest change and forget it.

        Raises
        ------
        StoreError
            Nothing to undo, or someone changed the incident after this
            session did (their change is kept; see the incident's history).
        """
        if not self.steps:
            raise StoreError("Nothing to undo in this session.")
        step = self.steps[-1]
        if step.action == "deleted":
            store.restore(step.incident_id, step.version, by=by)
        else:
            current = store.get(step.incident_id)
            if current.version != step.version:
                raise StoreError(
                    f"Incident #{step.incident_id} was changed by someone else after your "
                    f"{step.action[:-1]}; nothing was undone. Its history shows every version."
                )
            if step.action == "added":
                store.delete(step.incident_id, by=by)
            else:
                store.restore(step.incident_id, step.version - 1, by=by)
        self.steps.pop()
        return step


def _id(incident: Incident) -> int:
    assert incident.id is not None
    return incident.id
