"""The audit trail: who changed which incident, when, and what the fields were before and after.

The store writes one :data:`~incidents.schema.changes_t` row per incident
for every add, edit, merge, split, delete, import and restore, in the same
transaction as the change. A row keeps only the fields that changed, as
they are in an exported record (:func:`snapshot`); creating an incident
records no fields (its first version is what later rows lead back to), and
deleting one records all of them. Every earlier version can therefore be
rebuilt by walking back from the incident as it is now.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson
import sqlalchemy as sa
from shapely.geometry import mapping, shape

from geo.gazetteer import Gazetteer
from incidents.focus import focus_of
from incidents.formats.records import from_record, to_record
from incidents.model import Incident
from incidents.reference import plain_feature, referenced_geometry
from incidents.schema import changes_t

__all__ = [
    "ACTIONS",
    "Change",
    "Version",
    "changed_fields",
    "diff",
    "fields_at",
    "history",
    "rebuild",
    "rows_for",
    "snapshot",
    "versions",
]

#: What a change can be; imports and merges name themselves, other writes are add/edit/delete.
ACTIONS = ("created", "edited", "merged", "split", "deleted", "imported", "restored")
#: Record columns derived from others, or kept by the store itself: not part of a version.
_DERIVED = frozenset(
    {"id", "regions", "lon", "lat", "source_url", "source_publisher", "source_published"}
    | {"created_at", "updated_at"}
)


def snapshot(incident: Incident, gazetteer: Gazetteer) -> dict[str, Any]:
    """The incident's fields as plain JSON values: what a version is made of.

    ``geometry`` lists the focus shapes in order, each a gazetteer feature's id
    when it is that feature's own shape (kept once, in the gazetteer) or GeoJSON.
    """
    record = {
        k: v for k, v in to_record(incident, gazetteer, point=False).items() if k not in _DERIVED
    }
    record["geometry"] = [
        {"feature": loc.feature_id}
        if plain_feature(loc, gazetteer) is not None
        else mapping(loc.geometry)
        for loc in focus_of(incident)
    ]
    return record


def rebuild(fields: dict[str, Any], incident_id: int, gazetteer: Gazetteer) -> Incident:
    """The incident a :func:`snapshot` was taken of (with ``incident_id``)."""
    parts = [
        referenced_geometry(part["feature"], gazetteer) if "feature" in part else shape(part)
        for part in fields.get("geometry") or []
    ]
    return from_record({**fields, "id": incident_id}, parts, gazetteer)


def diff(
    before: Incident, after: Incident, gazetteer: Gazetteer
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields that differ between two versions, as (before, after) dictionaries.

    A list field (locations with their shapes, sources, evidence) is serialized
    only when it changed: an import that merges a second report into thousands
    of incidents changes their sources, and seldom their places.
    """
    same = [
        p for p in ("locations", "sources", "evidence") if getattr(before, p) == getattr(after, p)
    ]
    if same:
        before, after = before.without(*same), after.without(*same)
    return changed_fields(snapshot(before, gazetteer), snapshot(after, gazetteer))


def changed_fields(
    before: dict[str, Any], after: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields whose values differ, as (before, after) dictionaries."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    keys += [k for k in before if k not in after]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


@dataclass(frozen=True)
class Change:
    """One row of an incident's history."""

    id: int
    incident_id: int
    version: int
    action: str
    user: str
    at: dt.datetime
    before: dict[str, Any]
    after: dict[str, Any]
    note: str

    def headline(self) -> str:
        """Version, action, who and when, e.g. ``v3 edited by ana, 2026-12-04 10:12 UTC``."""
        note = f" ({self.note})" if self.note else ""
        return f"v{self.version} {self.action} by {self.user}, {self.at:%Y-%m-%d %H:%M} UTC{note}"

    @property
    def fields(self) -> list[str]:
        """The names of the fields this change set (none listed for a deletion)."""
        if self.action == "deleted":
            return []
        return sorted(set(self.before) | set(self.after))

    def describe(self) -> str:
        """The headline and the changed fields, e.g. ``… UTC: actors, title``."""
        return self.headline() + (f": {', '.join(self.fields)}" if self.fields else "")


@dataclass(frozen=True)
class Version:
    """The incident as a change left it (``fields`` is ``None`` after a deletion)."""

    change: Change
    fields: dict[str, Any] | None


def history(conn: sa.Connection, incident_id: int) -> list[Change]:
    """Every change to an incident, oldest first."""
    rows = conn.execute(
        sa.select(changes_t).where(changes_t.c.incident_id == incident_id).order_by(changes_t.c.id)
    ).all()
    return [
        Change(
            r.id,
            r.incident_id,
            r.version,
            r.action,
            r.user_name,
            r.at,
            json.loads(r.before or "{}"),
            json.loads(r.after or "{}"),
            r.note,
        )
        for r in rows
    ]


def versions(changes: Sequence[Change], current: dict[str, Any] | None) -> list[Version]:
    """Each change with the incident's fields as it left them, oldest first.

    ``current`` is the incident's :func:`snapshot` now, or ``None`` when it
    has been deleted (its last change then holds every field).
    """
    return _walk(changes, current)[0]


def fields_at(
    changes: Sequence[Change], current: dict[str, Any] | None
) -> dict[int, dict[str, Any]]:
    """The incident's fields at each version the history can rebuild, by version number.

    Includes the version before the oldest recorded change (an incident
    stored before its store kept history has no row for its first version).
    """
    found, before_oldest = _walk(changes, current)
    out = {v.change.version: v.fields for v in found if v.fields is not None}
    if changes and before_oldest is not None:
        out.setdefault(changes[0].version - 1, before_oldest)
    return out


def _walk(
    changes: Sequence[Change], current: dict[str, Any] | None
) -> tuple[list[Version], dict[str, Any] | None]:
    state = current
    out: list[Version] = []
    for i in range(len(changes) - 1, -1, -1):
        change = changes[i]
        out.append(Version(change, state))
        if change.action == "deleted":
            state = dict(change.before)
        elif change.version == 1 or (i > 0 and changes[i - 1].action == "deleted"):
            state = None  # created (or put back) by this change: nothing before it
        elif state is not None:
            state = {**state, **change.before}
    return list(reversed(out)), state


def rows_for(
    changed: Sequence[tuple[int, int]],
    action: str,
    user: str,
    at: dt.datetime,
    diffs: Sequence[tuple[dict[str, Any], dict[str, Any]]] | None,
    note: str,
) -> list[tuple[Any, ...]]:
    """Rows for :data:`changes_t` (columns as in :data:`ROW_COLUMNS`), one per (id, version)."""
    if diffs is None:  # created or put back: nothing before, and the fields are the incident's
        return [(i, v, action, user, at, "{}", "{}", note) for i, v in changed]
    return [
        (
            i,
            v,
            action,
            user,
            at,
            orjson.dumps(before).decode(),
            orjson.dumps(after).decode(),
            note,
        )
        for (i, v), (before, after) in zip(changed, diffs, strict=True)
    ]


#: The :data:`changes_t` columns :func:`rows_for` fills, in order.
ROW_COLUMNS = ("incident_id", "version", "action", "user_name", "at", "before", "after", "note")
