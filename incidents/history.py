"""Hand edits that can be taken back: delete, edit and add, each with an undo.

The dashboard keeps one :class:`History` per browser session. It records the
incident as it was before each change, so undoing restores exactly what was
stored (same id, sources and evidence), in one transaction like any write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from incidents.errors import StoreError
from incidents.model import Incident
from incidents.store import Store

__all__ = ["Change", "History"]


@dataclass(frozen=True)
class Change:
    """One hand edit: what was done and the incident before (or after, for adds)."""

    action: Literal["added", "edited", "deleted"]
    incident: Incident

    def describe(self) -> str:
        """The change in words, e.g. ``Deleted incident #12: Bombers over …``."""
        return f"{self.action.capitalize()} incident #{self.incident.id}: {self.incident.title}"


@dataclass
class History:
    """The hand edits of one session, newest last, each undoable once."""

    changes: list[Change] = field(default_factory=list)

    def add(self, store: Store, incident: Incident) -> Incident:
        """Save a new incident and remember it (undo deletes it again)."""
        saved = store.add(incident.with_id(None))
        self.changes.append(Change("added", saved))
        return saved

    def edit(self, store: Store, incident: Incident) -> Incident:
        """Replace the stored incident with ``incident`` (same id); undo restores the old one."""
        if incident.id is None:
            raise StoreError("Cannot edit an incident that has no id; add it first.")
        before = store.get(incident.id)
        saved = store.update(incident)
        self.changes.append(Change("edited", before))
        return saved

    def delete(self, store: Store, incident_id: int) -> Incident:
        """Delete an incident; undo puts it back with the same id."""
        before = store.get(incident_id)
        store.delete(incident_id)
        self.changes.append(Change("deleted", before))
        return before

    @property
    def last(self) -> Change | None:
        """The change an undo would take back, if any."""
        return self.changes[-1] if self.changes else None

    def undo(self, store: Store) -> Change:
        """Take back the newest change and forget it.

        Raises
        ------
        StoreError
            Nothing to undo, or the store no longer allows it (e.g. another
            user deleted the incident that was edited here).
        """
        if not self.changes:
            raise StoreError("Nothing to undo in this session.")
        change = self.changes[-1]
        incident = change.incident
        assert incident.id is not None
        if change.action == "deleted":
            if _exists(store, incident.id):
                # The id was taken meanwhile (SQLite reuses the highest id): restore under a new one.
                store.add(incident.with_id(None))
            else:
                store.add(incident)
        elif change.action == "edited":
            store.update(incident)
        else:
            store.delete(incident.id)
        self.changes.pop()
        return change


def _exists(store: Store, incident_id: int) -> bool:
    try:
        store.get(incident_id)
    except StoreError:
        return False
    return True
