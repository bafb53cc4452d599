"""Bringing a store's schema up to date with Alembic (the migrations live in incidents/migrations).

A store records its Alembic revision in ``alembic_version`` and, for older
versions of this program, the same number in ``schema_info.version``. Stores
written before Alembic have only the latter; they are stamped with the
matching revision the first time they are upgraded.

Opening a store only reads the version table; Alembic itself (a tenth of a
second to import) is loaded when there is something to migrate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo.gazetteer import Gazetteer
from incidents.errors import StoreError
from incidents.schema import SCHEMA_VERSION, schema_info

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = [
    "KNOWN_REVISIONS",
    "gazetteer_of",
    "revision_of",
    "set_schema_version",
    "stored_version",
    "upgrade",
]


def _config(conn: Connection | None = None, gazetteer: Gazetteer | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "incidents:migrations")
    config.attributes["connection"] = conn
    config.attributes["gazetteer"] = gazetteer
    return config


def revision_of(version: int) -> str:
    """The Alembic revision id of a schema number (``4`` → ``"0004"``)."""
    return f"{version:04d}"


#: The revisions in incidents/migrations/versions, one per schema number (a test checks).
KNOWN_REVISIONS = frozenset(revision_of(v) for v in range(1, SCHEMA_VERSION + 1))


def _stored_revision(conn: Connection) -> str | None:
    """What ``alembic_version`` records, read without loading Alembic."""
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    found = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    return str(found) if found is not None else None


def stored_version(conn: Connection, url: str) -> int:
    """The schema number of the store on ``conn`` (0: an empty database).

    Raises
    ------
    StoreError
        The store was written by a newer Incident Atlas, or its schema record
        is damaged; nothing was changed.
    """
    revision = _stored_revision(conn)
    if revision is not None:
        if revision not in KNOWN_REVISIONS:
            raise StoreError(
                f"{url} was written by a newer Incident Atlas (schema revision {revision}; "
                f"this version reads up to {revision_of(SCHEMA_VERSION)}). Upgrade Incident "
                "Atlas; the store was not changed."
            )
        return int(revision)
    if not sa.inspect(conn).has_table("schema_info"):
        return 0
    text = conn.execute(
        sa.select(schema_info.c.value).where(schema_info.c.key == "version")
    ).scalar_one_or_none()
    version = int(text) if text is not None and text.strip().isdigit() else 0
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{url} was written by a newer Incident Atlas (schema {version}; this version "
            f"reads up to {SCHEMA_VERSION}). Upgrade Incident Atlas; the store was not changed."
        )
    if version < 1:
        raise StoreError(
            f"{url} has a damaged schema record (version {text!r}; expected a number from 1 "
            f"to {SCHEMA_VERSION}). Nothing was changed; restore the store from a backup."
        )
    return version


def upgrade(conn: Connection, gazetteer: Gazetteer, url: str) -> tuple[int, int]:
    """Migrate the store on ``conn`` to the newest schema; return (from, to) versions.

    Runs inside the caller's transaction: a failing migration leaves the
    store as it was.
    """
    before = stored_version(conn, url)
    if before == SCHEMA_VERSION:
        return before, before
    from alembic import command
    from alembic.util.exc import CommandError

    config = _config(conn, gazetteer)
    try:
        if before and _stored_revision(conn) is None:
            command.stamp(config, revision_of(before))
        command.upgrade(config, "head")
    except CommandError as exc:
        raise StoreError(f"Could not upgrade {url}: {exc}") from exc
    return before, SCHEMA_VERSION


def gazetteer_of(context: Any) -> Gazetteer:
    """The gazetteer handed to a running migration (for data it derives from shapes)."""
    found: Gazetteer = context.config.attributes["gazetteer"]
    return found


def set_schema_version(conn: Connection, version: int) -> None:
    """Record ``version`` where versions of this program before Alembic look for it."""
    conn.execute(
        schema_info.update().where(schema_info.c.key == "version").values(value=str(version))
    )
