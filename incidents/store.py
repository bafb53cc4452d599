"""The incident store: SQLAlchemy Core over SQLite (default) or PostgreSQL.

Written against SQLAlchemy's portable types so that a team database is a
configuration change (``--db postgresql+psycopg://…``), not a rewrite.
Geometry is kept as GeoJSON text (or, for a gazetteer feature's own shape,
its id) plus a bounding box, a representative point and the regions it lies
in, in plain columns that every backend indexes; filters use only those. On
PostGIS each shape is also in a ``geom`` column with a GiST index, for the
team's GIS.

Every write runs in one transaction: a failing import leaves the store as it
was. Every write names the user making it (:mod:`incidents.accounts`): the
store checks the role, bumps the incident's version, refuses an edit made
from an older version (:class:`EditConflict`) and writes the audit trail
(:mod:`incidents.audit`) in the same transaction.

The tables are in :mod:`incidents.schema`; Alembic migrations
(:mod:`incidents.migrate`) create them in an empty database and upgrade older
stores: an SQLite file when it is opened, a team database only through
``incidents db upgrade``, so that an administrator decides when.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import json
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson
import shapely
import sqlalchemy as sa
from shapely.geometry import Point, mapping
from shapely.geometry.base import BaseGeometry
from sqlalchemy.engine import Connection, Engine

from geo.gazetteer import Gazetteer
from incidents import audit
from incidents.accounts import User
from incidents.config import default_db_url
from incidents.errors import EditConflict, StoreError
from incidents.model import Evidence, Incident, Location, Source
from incidents.reference import plain_feature, referenced_geometry
from incidents.schema import (
    SCHEMA_VERSION,
    TABLES,
    assets_t,
    changes_t,
    countries_t,
    evidence_t,
    incidents_t,
    location_regions_t,
    locations_t,
    metadata,
    schema_info,
    sources_t,
)
from incidents.store_writer import BackgroundWriter

__all__ = [
    "SCHEMA_VERSION",
    "TABLES",
    "Store",
    "add_spatial_column",
    "as_date",
    "as_datetime",
    "assign_stored_roles",
    "default_db_url",
    "location_geometry",
    "raw_rows",
    "region_rows_for_incidents",
]

#: How long a writer waits for another to finish before giving up, in seconds.
WAIT_FOR_WRITER_S = 120
#: The PostgreSQL advisory lock writers take (any fixed number; "ATLAS" in ASCII).
_WRITE_LOCK = 0x41544C4153
#: SQLite's page cache per connection, in KiB, and during a file import.
_CACHE_KIB = 65_536
_BULK_CACHE_KIB = 262_144
#: Incidents written per batch of statements; a progress report follows each batch.
_BATCH = 5_000
#: Rows per SQLite insert statement (a JSON array of them; see _bulk_insert).
_JSON_ROWS = 5_000
#: Where a large SQLite transaction keeps its writer thread: the connection's own info.
_WRITER = "atlas_writer"
#: The next incident id of a large SQLite transaction, once one has been handed out.
_NEXT_ID = "atlas_next_id"
#: A large SQLite transaction's second connection, reading the store as it was before it.
_BEFORE = "atlas_before"


def _region_rows_many(
    gaz: Gazetteer, located: Sequence[tuple[int, Location]]
) -> list[tuple[int, str]]:
    """Which gazetteer regions each incident's locations lie in (computed on write).

    Region filters then become an indexed lookup instead of geometry tests
    over every stored location. One spatial query serves a whole import.
    """
    found = gaz.regions_intersecting_many(
        [loc.geometry for _, loc in located],
        [_same_shape_feature(gaz, loc) for _, loc in located],
    )
    rows: list[tuple[int, str]] = []
    seen: set[str] = set()
    last = None
    # An incident's locations follow each other: its regions are listed once each.
    for (incident_id, _), ids in zip(located, found, strict=True):
        if incident_id != last:
            last, seen = incident_id, set()
        for region_id in ids:
            if region_id not in seen:
                seen.add(region_id)
                rows.append((incident_id, region_id))
    return rows


def _same_shape_feature(gaz: Gazetteer, loc: Location) -> str | None:
    """The gazetteer feature id of a location that is that feature's own shape."""
    feature = gaz.by_id.get(loc.feature_id) if loc.feature_id else None
    return loc.feature_id if feature is not None and feature.kind == loc.kind else None


#: The location columns every schema has (a schema-2 store has no ``role`` yet).
_V2_LOCATION_COLUMNS = [
    locations_t.c[n]
    for n in ("id", "name", "geometry", "precision", "kind", "phrase", "feature_id")
]


def _row_location(r: Any, gaz: Gazetteer) -> Location:
    """A location from a ``locations`` row (a schema-2 row has no role yet: focus)."""
    return Location(
        name=r.name,
        geometry=location_geometry(r.geometry, r.feature_id, gaz),
        precision=r.precision,
        kind=r.kind,
        phrase=r.phrase,
        feature_id=r.feature_id,
        role=r._mapping.get("role") or "focus",
    )


def region_rows_for_incidents(conn: Connection, gaz: Gazetteer) -> None:
    """Fill ``location_regions`` for every stored incident (the schema 2 migration)."""
    for incident_id in conn.execute(sa.select(incidents_t.c.id)).scalars().all():
        locs = [
            _row_location(r, gaz)
            for r in conn.execute(
                sa.select(*_V2_LOCATION_COLUMNS).where(locations_t.c.incident_id == incident_id)
            )
        ]
        rows = _region_rows_many(gaz, [(incident_id, loc) for loc in locs])
        _bulk_insert(conn, location_regions_t, ("incident_id", "region_id"), rows)


def assign_stored_roles(conn: Connection, gaz: Gazetteer) -> None:
    """Mark the context locations of incidents with several (the schema 3 migration)."""
    from incidents.focus import assign_roles

    several = (
        sa.select(locations_t.c.incident_id)
        .group_by(locations_t.c.incident_id)
        .having(sa.func.count() > 1)
    )
    for incident_id in conn.execute(several).scalars().all():
        rows = conn.execute(
            sa.select(*_V2_LOCATION_COLUMNS)
            .where(locations_t.c.incident_id == incident_id)
            .order_by(locations_t.c.position)
        ).all()
        locs = [_row_location(r, gaz) for r in rows]
        for r, loc in zip(rows, assign_roles(locs, gaz), strict=True):
            if loc.role != "focus":
                conn.execute(
                    locations_t.update().where(locations_t.c.id == r.id).values(role=loc.role)
                )


def _column_names(conn: Connection, table: str) -> set[str]:
    """A table's column names (SQLAlchemy does not know PostGIS's geometry type: no warning)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Did not recognize type", sa.exc.SAWarning)
        return {c["name"] for c in sa.inspect(conn).get_columns(table)}


def add_spatial_column(conn: Connection, gaz: Gazetteer) -> None:
    """On PostGIS: every location's shape in a ``geom`` column with a GiST index.

    The store's own filters use the region table and the box columns, the same
    on both backends; ``geom`` is for the team's GIS, which can open the
    ``locations`` table directly (QGIS, ``ST_Intersects`` in SQL).
    """
    if "geom" in _column_names(conn, "locations"):
        return
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS postgis")
    except sa.exc.DBAPIError as exc:
        raise StoreError(
            f"The team store needs PostGIS, and this database lacks it ({exc.orig}). "
            "Ask its administrator to run: CREATE EXTENSION postgis;"
        ) from exc
    conn.exec_driver_sql("ALTER TABLE locations ADD COLUMN geom geometry(Geometry, 4326)")
    conn.exec_driver_sql("CREATE INDEX ix_locations_geom ON locations USING gist (geom)")
    _fill_geometry(conn, gaz)


def _fill_geometry(conn: Connection, gaz: Gazetteer) -> None:
    """Set ``geom`` for every location lacking it (a store made before the column)."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(
            "UPDATE locations SET geom = ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326) "
            "WHERE geom IS NULL AND geometry <> ''"
        )
        # Gazetteer features are stored by reference: their shapes come from the gazetteer.
        cursor.execute("SELECT DISTINCT feature_id FROM locations WHERE geom IS NULL")
        features = [row[0] for row in cursor.fetchall()]
        if features:
            cursor.executemany(
                "UPDATE locations SET geom = ST_GeomFromWKB(%(wkb)s, 4326) "
                "WHERE geom IS NULL AND geometry = '' AND feature_id = %(fid)s",
                [{"wkb": referenced_geometry(fid, gaz).wkb, "fid": fid} for fid in features],
            )
    finally:
        cursor.close()


def _foreign_tables(conn: Connection, names: list[str]) -> list[str]:
    """Tables that belong to neither this store nor a database extension.

    PostGIS keeps ``spatial_ref_sys`` in the schema it is installed in (and
    every schema on the search path sees it); a database that only has the
    extension is still empty for our purposes.
    """
    if conn.dialect.name != "postgresql" or not names:
        return names
    owned = set(
        conn.execute(
            sa.text(
                "SELECT c.relname FROM pg_class c JOIN pg_depend d "
                "ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'"
            )
        ).scalars()
    )
    return [n for n in names if n not in owned]


def _unicode_lower(text: str | None) -> str | None:
    return text.lower() if isinstance(text, str) else text


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # SQLite's own lower() folds ASCII only: "РОССИЯ" would never match "россия".
    # Python's does every script, as PostgreSQL's lower() does.
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Aggregates over 100,000 incidents read the whole file; keep it in memory.
    cursor.execute(f"PRAGMA cache_size=-{_CACHE_KIB}")
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()
    # Transactions are begun by _sqlite_begin, not by the driver: the driver would
    # leave DDL outside them, and a half-run migration would stay half-run.
    dbapi_connection.isolation_level = None


def _sqlite_begin(conn: Connection) -> None:
    # A writer takes the file's write lock at once (BEGIN IMMEDIATE), so what it
    # reads first (an import's duplicate candidates, a migration's version) is
    # what it writes against; another writer waits up to WAIT_FOR_WRITER_S.
    writes = conn.get_execution_options().get("atlas_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def _writer_of(conn: Connection) -> BackgroundWriter | None:
    """The writer thread of a large SQLite transaction, if ``conn`` is in one."""
    writer = conn.info.get(_WRITER)
    return writer if isinstance(writer, BackgroundWriter) else None


def _settled(conn: Connection) -> Connection:
    """``conn``, once every insert queued on it has been written (what it reads next sees them)."""
    writer = _writer_of(conn)
    if writer is not None:
        writer.drain()
    return conn


def _after_queued_writes(conn: Connection, *_args: Any) -> None:
    _settled(conn)


class Store:
    """Incidents in a database.

    Parameters
    ----------
    url
        An SQLAlchemy URL, e.g. ``sqlite:///data/incidents.sqlite``.
    gazetteer
        Shapes of locations stored by reference, and the regions rows are filed under.
    upgrade
        Whether an older schema is migrated on opening; by default an SQLite
        file is and a team database is not (it asks for ``incidents db upgrade``).
    """

    def __init__(self, url: str, gazetteer: Gazetteer, *, upgrade: bool | None = None) -> None:
        self.url = url
        self.gazetteer = gazetteer
        try:
            if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            # SQLite lets a second writer wait for the first instead of failing at once.
            waits = {"timeout": WAIT_FOR_WRITER_S} if url.startswith("sqlite") else {}
            self.engine: Engine = sa.create_engine(url, future=True, connect_args=waits)
        except ImportError as exc:
            raise StoreError(
                f"Cannot use database URL {url!r}: its driver {exc.name or ''} is not installed. "
                "For PostgreSQL run: pip install 'incident-atlas[postgis]' "
                "(URLs look like postgresql+psycopg://user@host/dbname)."
            ) from exc
        except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, OSError) as exc:
            raise StoreError(
                f"Cannot use database URL {url!r}: {exc}. Expected an SQLAlchemy URL such as "
                "'sqlite:///data/incidents.sqlite'."
            ) from exc
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            sa.event.listen(self.engine, "begin", _sqlite_begin)
            sa.event.listen(self.engine, "before_cursor_execute", _after_queued_writes)
        # One person's SQLite file follows the program; a team database waits for its admin.
        try:
            self._prepare(self.engine.dialect.name == "sqlite" if upgrade is None else upgrade)
        except BaseException:
            self.engine.dispose()  # a store that cannot be opened holds no connection
            raise

    # ----------------------------------------------------------------- schema
    def _prepare(self, upgrade: bool) -> None:
        from incidents.migrate import stored_version
        from incidents.migrate import upgrade as run_migrations

        try:
            with self._locked() as conn:
                inspector = sa.inspect(conn)
                version = stored_version(conn, self.url)
                if version == 0:
                    if _foreign_tables(conn, inspector.get_table_names()):
                        raise StoreError(
                            f"{self.url} holds tables that are not an Incident Atlas store; "
                            "point --db at a new file or an Incident Atlas database."
                        )
                    run_migrations(conn, self.gazetteer, self.url)
                elif version < SCHEMA_VERSION:
                    if not upgrade:
                        raise StoreError(
                            f"{self.url} has schema {version} and this version of Incident "
                            f"Atlas needs {SCHEMA_VERSION}. Back the database up, then run: "
                            "incidents db upgrade"
                        )
                    run_migrations(conn, self.gazetteer, self.url)
                self._check_columns(conn)
        except sa.exc.DatabaseError as exc:
            raise StoreError(f"Cannot open the incident store at {self.url}: {exc.orig}") from exc

    def upgrade(self) -> tuple[int, int]:
        """Migrate the store to the newest schema; return (from, to) schema numbers."""
        from incidents.migrate import upgrade as run_migrations

        try:
            with self._locked() as conn:
                return run_migrations(conn, self.gazetteer, self.url)
        except sa.exc.DatabaseError as exc:
            raise StoreError(f"Could not upgrade {self.url}: {exc.orig}") from exc

    @contextlib.contextmanager
    def _locked(self) -> Iterator[Connection]:
        """A transaction that holds the store-wide write lock from its start."""
        with self.engine.execution_options(atlas_write=True).begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_WRITE_LOCK)))
            yield conn

    def _check_columns(self, conn: Connection) -> None:
        """A :class:`StoreError` naming any table or column another tool has removed."""
        inspector = sa.inspect(conn)
        for table in metadata.sorted_tables:
            if not inspector.has_table(table.name):
                raise StoreError(f"{self.url} lacks the table {table.name!r}; restore a backup.")
            present = _column_names(conn, table.name)
            missing = [c.name for c in table.columns if c.name not in present]
            if missing:
                raise StoreError(
                    f"{self.url}: table {table.name!r} lacks column(s) {', '.join(missing)}; "
                    "the store was changed outside Incident Atlas. Restore a backup."
                )

    @staticmethod
    def _info(conn: Connection, key: str) -> str | None:
        return conn.execute(
            sa.select(schema_info.c.value).where(schema_info.c.key == key)
        ).scalar_one_or_none()

    @property
    def schema_version(self) -> int:
        """The schema version of the open store."""
        with self.engine.connect() as conn:
            return int(self._info(conn, "version") or 0)

    @property
    def revision(self) -> int:
        """A number that grows with every write; caches key on it."""
        with self.engine.connect() as conn:
            return int(self._info(conn, "revision") or 0)

    def _bump(self, conn: Connection) -> None:
        conn.execute(
            schema_info.update()
            .where(schema_info.c.key == "revision")
            .values(value=sa.cast(sa.cast(schema_info.c.value, sa.Integer) + 1, sa.String))
        )

    # ----------------------------------------------------------------- writes
    def add(self, incident: Incident, *, by: User) -> Incident:
        """Save a new incident; return it with its id and version 1."""
        return self.add_many([incident], by=by)[0]

    def add_many(self, incidents: Iterable[Incident], *, by: User) -> list[Incident]:
        """Save several incidents in one transaction: all of them or none."""
        return self.apply(add=incidents, by=by)

    def update(self, incident: Incident, *, by: User, note: str = "") -> Incident:
        """Replace a stored incident (matched by id) with this version; return it as saved.

        Raises
        ------
        EditConflict
            ``incident.version`` is older than the stored one: someone saved
            the incident after this edit began. Nothing is written.
        """
        if incident.id is None:
            raise StoreError("Cannot update an incident that has no id; add it first.")
        self.apply(update=[incident], by=by, note=note)
        return self.get(incident.id)

    def delete(self, incident_id: int, *, by: User) -> None:
        """Remove an incident and everything attached to it (its history stays)."""
        self.apply(delete=[incident_id], by=by)

    def apply(
        self,
        *,
        add: Iterable[Incident] = (),
        update: Iterable[Incident] = (),
        delete: Iterable[int] = (),
        by: User,
        action: str | None = None,
        note: str = "",
        progress: Callable[[int, int], None] | None = None,
        within: Connection | None = None,
        known: Mapping[int, Incident] | None = None,
    ) -> list[Incident]:
        """Add, replace and delete incidents in one transaction (merge, split and imports).

        Returns the added incidents with their ids. ``by`` is checked for the
        editor role and named in the audit trail, with ``action`` (one of
        :data:`incidents.audit.ACTIONS`; by default created, edited and
        deleted) and ``note`` (e.g. the imported file). ``progress`` hears
        (incidents added so far, incidents to add) as batches are written.
        ``within`` is a transaction from :meth:`writing` to join; otherwise
        the changes are a transaction of their own. ``known`` holds stored
        incidents the caller has read inside ``within`` (an import's merges),
        which are then not read again.
        """
        by.require("edit", "change incidents")
        if action is not None and action not in audit.ACTIONS:
            raise ValueError(f"unknown audit action {action!r}")
        # What the caller read counts only inside its own transaction.
        seen = dict(known or {}) if within is not None else {}
        work = _Work(list(add), list(update), list(delete), by, action, note, seen)
        if within is not None:
            return self._apply(within, work, progress)
        try:
            with self.writing() as conn:
                return self._apply(conn, work, progress)
        except sa.exc.IntegrityError as exc:
            raise StoreError(f"Could not save incidents to {self.url}: {exc.orig}") from exc

    @contextlib.contextmanager
    def writing(self, *, large: bool = False) -> Iterator[Connection]:
        """One write transaction that holds the store's write lock from its first statement.

        What an import reads inside it (the incidents a file may repeat) is
        what it then writes against: a second writer waits its turn (up to
        :data:`WAIT_FOR_WRITER_S`) instead of saving duplicates it could not see.
        A ``large`` transaction (a file import) may keep more of SQLite's pages
        in memory, so they are written once at the commit instead of spilled
        to the log as the cache fills.
        """
        try:
            with self._locked() as conn:
                bulk = large and conn.dialect.name == "sqlite"
                if bulk:
                    conn.exec_driver_sql(f"PRAGMA cache_size=-{_BULK_CACHE_KIB}")
                    conn.info[_WRITER] = BackgroundWriter(conn.connection.dbapi_connection)
                    # Opened while this transaction holds the write lock and has written
                    # nothing: it sees the store exactly as the transaction began.
                    conn.info[_BEFORE] = before = self.engine.connect()
                    before.begin()
                    before.exec_driver_sql("SELECT 1 FROM incidents LIMIT 1").all()
                failed = True
                try:
                    yield conn
                    self._bump(conn)  # waits for the writer: its failure fails the transaction
                    failed = False
                finally:
                    if bulk:
                        # Before the commit or the rollback; after a failure nothing queued runs.
                        conn.info.pop(_WRITER).close(discard=failed)
                        conn.info.pop(_NEXT_ID, None)
                        conn.info.pop(_BEFORE).close()
                        conn.exec_driver_sql(f"PRAGMA cache_size=-{_CACHE_KIB}")
        except sa.exc.OperationalError as exc:
            if "locked" in str(exc.orig):
                raise StoreError(
                    f"Another program kept {self.url} locked for writing for over "
                    f"{WAIT_FOR_WRITER_S} s; nothing was saved. Try again when it has finished."
                ) from exc
            raise StoreError(f"Could not write to {self.url}: {exc.orig}") from exc

    @staticmethod
    def as_it_was(conn: Connection) -> Connection:
        """Where to read the store as it was when the transaction ``conn`` began.

        In a large SQLite transaction (see :meth:`writing`) that is a second
        connection: reading through ``conn`` itself would first wait for every
        insert still queued on its writer thread. Elsewhere it is ``conn``, which
        also sees the transaction's own writes; a caller that must not see them
        (nor miss them) keeps track of what it wrote.
        """
        before = conn.info.get(_BEFORE)
        return before if isinstance(before, Connection) else conn

    def _apply(
        self, conn: Connection, work: _Work, progress: Callable[[int, int], None] | None
    ) -> list[Incident]:
        now = _now()
        fresh = [i if i.id is None and i.version is None else i.with_id(None) for i in work.add]
        if work.update:
            self._replace(conn, work, now)
        if work.delete:
            gone = self.load(work.delete, within=conn)
            missing = set(work.delete) - {int(i.id or 0) for i in gone}
            if missing:
                raise StoreError(f"No incident with id {min(missing)} in {self.url}.")
            for chunk in _chunks(work.delete, 500):
                conn.execute(incidents_t.delete().where(incidents_t.c.id.in_(chunk)))
            self._record(
                conn,
                work,
                "deleted",
                [(int(i.id or 0), i.version or 1) for i in gone],
                [(audit.snapshot(i, self.gazetteer), {}) for i in gone],
                now,
            )
        # Numbered at once: no read between the batches waits for their writes.
        numbers = self._number(conn, len(fresh))
        added: list[Incident] = []
        for start in range(0, len(fresh), _BATCH):
            end = start + _BATCH
            batch = self._insert_many(conn, fresh[start:end], ids=numbers[start:end], now=now)
            self._record(conn, work, "created", [(int(i.id or 0), 1) for i in batch], None, now)
            added += batch
            if progress is not None:
                progress(len(added), len(fresh))
        return added

    def _replace(self, conn: Connection, work: _Work, now: dt.datetime) -> None:
        """Write ``work.update`` over the stored incidents, refusing edits of older versions."""
        ids = [_require_id(i) for i in work.update]
        unread = [i for i in ids if i not in work.known]
        stored: dict[int, Incident] = dict(work.known)
        stored.update((_require_id(i), i) for i in self.load(unread, within=conn))
        missing = [i for i in ids if i not in stored]
        if missing:
            raise StoreError(f"No incident with id {missing[0]} in {self.url}.")
        for key, incident in zip(ids, work.update, strict=True):
            theirs = stored[key]
            if incident.version is not None and incident.version != theirs.version:
                raise EditConflict(
                    f"Incident #{incident.id} was saved by someone else (version "
                    f"{theirs.version}) after this edit began from version {incident.version}; "
                    "nothing was overwritten. Compare both and save the one to keep.",
                    theirs=theirs,
                    yours=incident,
                )
        versions = [(stored[i].version or 1) + 1 for i in ids]
        diffs = [
            audit.diff(stored[i], incident, self.gazetteer)
            for i, incident in zip(ids, work.update, strict=True)
        ]
        replaced = [
            (i, incident.stored(i, v, stored[i].created_at))
            for i, incident, v in zip(ids, work.update, versions, strict=True)
        ]
        _bulk_update(conn, incidents_t, [_incident_row(i, new, now, False) for i, new in replaced])
        # Only the parts that changed are written: deleting a whole incident would cascade
        # into every child table for the one source a merge adds. A part that only grew
        # (a merge appends sources, responders, places) keeps its rows and gains the new ones.
        for name, (tables, part) in _PARTS.items():
            grown: dict[int, Incident] = {}
            differ = []
            for i, new in replaced:
                before, after = part(stored[i]), part(new)
                if before == after:
                    continue
                if all(a[: len(b)] == b for a, b in zip(after, before, strict=True)):
                    grown[i] = stored[i]
                else:
                    differ.append((i, new))
            for table in tables:
                _bulk_delete(conn, table, [i for i, _ in differ])
            if name == "locations":  # regions are rewritten whole: each is listed once
                _bulk_delete(conn, location_regions_t, list(grown))
            self._insert_parts(conn, differ, [name])
            self._insert_parts(conn, [(i, new) for i, new in replaced if i in grown], [name], grown)
        self._record(conn, work, "edited", list(zip(ids, versions, strict=True)), diffs, now)

    def _record(
        self,
        conn: Connection,
        work: _Work,
        default: str,
        changed: Sequence[tuple[int, int]],
        diffs: Sequence[tuple[dict[str, Any], dict[str, Any]]] | None,
        now: dt.datetime,
    ) -> None:
        """Write the audit rows of one kind of change (see :mod:`incidents.audit`)."""
        action = default if work.action is None or default == "deleted" else work.action
        rows = audit.rows_for(changed, action, work.by.name, now, diffs, work.note)
        _bulk_insert(conn, changes_t, audit.ROW_COLUMNS, rows)

    def refresh_statistics(self) -> None:
        """Let PostgreSQL's planner see a bulk write now (autovacuum would, minutes later).

        Right after 100,000 incidents arrive, a map summary planned on the
        empty tables' statistics took 324–649 ms; analysed, 150–280 ms.
        """
        if self.engine.dialect.name == "postgresql":
            with self.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")

    def history(self, incident_id: int) -> list[audit.Version]:
        """The incident's changes, oldest first, each with the fields as it left them.

        Works for a deleted incident too; an incident never changed since
        the store was upgraded to keep history has none.
        """
        with self.engine.connect() as conn:
            changes, found, current = self._past(conn, incident_id)
        if not changes and found is None:
            raise StoreError(f"No incident with id {incident_id} in {self.url}, nor any history.")
        return audit.versions(changes, current)

    def restore(self, incident_id: int, version: int, *, by: User) -> Incident:
        """Bring back the incident as it was at ``version`` (as a new version, with history).

        A deleted incident comes back under its old id. The history is read
        under the write lock, so it is the one the restore is written against.
        """
        by.require("edit", "restore incidents")
        note = f"to version {version}"
        with self.writing() as conn:
            changes, found, current = self._past(conn, incident_id)
            wanted = audit.fields_at(changes, current).get(version)
            if wanted is None:
                raise StoreError(
                    f"Incident #{incident_id} has no version {version} to restore "
                    f"(see: incidents history {incident_id})."
                )
            incident = audit.rebuild(wanted, incident_id, self.gazetteer)
            if found is not None:
                self.apply(
                    update=[incident.stored(incident_id, found.version or 1)],
                    by=by,
                    action="restored",
                    note=note,
                    within=conn,
                )
            else:
                last = max(c.version for c in changes)
                self._insert_many(conn, [incident.stored(incident_id, last + 1)])
                work = _Work([], [], [], by, "restored", note)
                self._record(conn, work, "restored", [(incident_id, last + 1)], None, _now())
        return self.get(incident_id)

    def _past(
        self, conn: Connection, incident_id: int
    ) -> tuple[list[audit.Change], Incident | None, dict[str, Any] | None]:
        """An incident's recorded changes, the incident now (if stored) and its fields."""
        changes = audit.history(conn, incident_id)
        found = next(iter(self.load([incident_id], within=conn)), None)
        current = audit.snapshot(found, self.gazetteer) if found is not None else None
        return changes, found, current

    def _number(self, conn: Connection, count: int) -> list[int]:
        """Ids for ``count`` new incidents, so that every table is written with one batch.

        On PostgreSQL the ids come from the table's sequence. On SQLite they
        follow the highest id: :meth:`writing` holds the write lock from the
        transaction's start, so no other writer can take them.
        """
        if conn.dialect.name == "postgresql":
            seq = sa.func.pg_get_serial_sequence("incidents", "id")
            return [
                int(i)
                for i in conn.execute(
                    sa.select(sa.func.nextval(seq)).select_from(sa.func.generate_series(1, count))
                ).scalars()
            ]
        first = conn.info.get(_NEXT_ID)
        if first is None:
            # Deleted incidents keep their history, so their ids are never handed out again.
            first = 1 + max(
                int(conn.execute(sa.select(sa.func.max(incidents_t.c.id))).scalar() or 0),
                int(conn.execute(sa.select(sa.func.max(changes_t.c.incident_id))).scalar() or 0),
            )
        if _writer_of(conn) is not None:
            # A large transaction remembers where it is: reading the highest id again
            # would wait for every insert still queued (a file's previous batches).
            conn.info[_NEXT_ID] = first + count
        return list(range(first, first + count))

    def copy_in(self, incidents: Sequence[Incident], *, within: Connection) -> None:
        """Insert incidents as they are, ids, versions and times kept (a store being moved).

        Call :meth:`ids_follow_copied` when everything is copied.
        """
        self._insert_many(within, incidents, as_is=True)

    @staticmethod
    def ids_follow_copied(within: Connection) -> None:
        """Move PostgreSQL's id sequence past every copied id, deleted incidents' included.

        Incidents added later get new ids, never one a history already names.
        """
        if within.dialect.name != "postgresql":
            return  # SQLite's ids follow the highest id in either table (see _number)
        highest = sa.func.greatest(
            sa.select(sa.func.coalesce(sa.func.max(incidents_t.c.id), 1)).scalar_subquery(),
            sa.select(sa.func.coalesce(sa.func.max(changes_t.c.incident_id), 1)).scalar_subquery(),
        )
        within.execute(
            sa.select(sa.func.setval(sa.func.pg_get_serial_sequence("incidents", "id"), highest))
        )

    def _insert_many(
        self,
        conn: Connection,
        incidents: Sequence[Incident],
        *,
        ids: Sequence[int] | None = None,
        now: dt.datetime | None = None,
        as_is: bool = False,
    ) -> list[Incident]:
        """Insert incidents with a handful of batched statements, whatever their number.

        Each is stored under ``ids`` when given, else under its own id or a new
        one. Each keeps its ``created_at`` and ``version`` when it has them (an
        edit, a copied store); ``as_is`` also keeps its ``updated_at``.
        """
        if not incidents:
            return []
        now = now or _now()
        given: list[int | None] = [incident.id for incident in incidents] if ids is None else [*ids]
        fresh = [i for i, given_id in enumerate(given) if given_id is None]
        if fresh:
            for i, new_id in zip(fresh, self._number(conn, len(fresh)), strict=True):
                given[i] = new_id
        ids = [int(i) for i in given if i is not None]
        _bulk_insert(
            conn,
            incidents_t,
            _INCIDENT_COLUMNS,
            [
                _incident_row(new_id, incident, now, as_is)
                for new_id, incident in zip(ids, incidents, strict=True)
            ],
        )
        self._insert_parts(conn, list(zip(ids, incidents, strict=True)), _PARTS)
        return [
            incident.stored(i, incident.version or 1)
            for i, incident in zip(ids, incidents, strict=True)
        ]

    def _insert_parts(
        self,
        conn: Connection,
        rows: Sequence[tuple[int, Incident]],
        parts: Iterable[str],
        kept: Mapping[int, Incident] | None = None,
    ) -> None:
        """Insert the child rows of ``parts`` (names in :data:`_PARTS`) for these incidents.

        With ``kept``, an incident listed there is stored as that older version,
        whose parts the new one extends: only the rows after them are inserted,
        except the regions, listed once per incident from all its locations
        (the caller deletes the old ones).
        """
        wanted = set(parts)
        kept = kept or {}
        countries, assets, sources, evidence = [], [], [], []
        located: list[tuple[int, Location]] = []  # every location, for the regions
        placed: list[tuple[int, int, Location]] = []  # (incident, position, location) to write
        # On PostGIS each location's shape goes into ``geom`` in the same stream
        # (hex EWKB); a gazetteer feature's is encoded once however many use it.
        spatial = conn.dialect.name == "postgresql"
        encoded: dict[int, str] = {}
        for new_id, incident in rows:
            old = kept.get(new_id)
            if "countries" in wanted:
                countries += [(new_id, c, "actor", i) for i, c in _after(incident, old, "actors")]
                countries += [
                    (new_id, c, "responder", i) for i, c in _after(incident, old, "responders")
                ]
            if "assets" in wanted:
                assets += [(new_id, a, i) for i, a in _after(incident, old, "assets")]
            if "locations" in wanted:
                located += [(new_id, loc) for loc in incident.locations]
                placed += [(new_id, i, loc) for i, loc in _after(incident, old, "locations")]
            if "sources" in wanted:
                sources += [
                    (new_id, i, s.url, s.path, s.publisher, s.published, s.title)
                    for i, s in _after(incident, old, "sources")
                ]
            if "evidence" in wanted:
                evidence += [
                    (new_id, e.field, e.text, e.start, e.end, e.source)
                    for _, e in _after(incident, old, "evidence")
                ]
        locations = _location_rows(placed, self.gazetteer)
        if spatial:
            locations = [
                (*row, _ewkb(loc.geometry, encoded))
                for row, (_, _, loc) in zip(locations, placed, strict=True)
            ]
        for table, columns, batch in (
            (countries_t, ("incident_id", "iso2", "role", "position"), countries),
            (assets_t, ("incident_id", "name", "position"), assets),
            (
                locations_t,
                (*_LOCATION_COLUMNS, "geom") if spatial else _LOCATION_COLUMNS,
                locations,
            ),
            (
                location_regions_t,
                ("incident_id", "region_id"),
                _region_rows_many(self.gazetteer, located) if located else [],
            ),
            (
                sources_t,
                ("incident_id", "position", "url", "path", "publisher", "published", "title"),
                sources,
            ),
            (
                evidence_t,
                ("incident_id", "field", "text", "start", "end", "source_position"),
                evidence,
            ),
        ):
            _bulk_insert(conn, table, columns, batch)

    # ----------------------------------------------------------------- reads
    def count(self, *, within: Connection | None = None) -> int:
        """How many incidents the store holds (as seen ``within`` a transaction)."""
        with (
            contextlib.nullcontext(within) if within is not None else self.engine.connect() as conn
        ):
            return int(
                conn.execute(sa.select(sa.func.count()).select_from(incidents_t)).scalar_one()
            )

    def get(self, incident_id: int) -> Incident:
        """One incident by id."""
        found = self.load([incident_id])
        if not found:
            raise StoreError(f"No incident with id {incident_id} in {self.url}.")
        return found[0]

    def select_ids(
        self, where: sa.ColumnElement[bool] | None = None, limit: int | None = None
    ) -> list[int]:
        """Ids of incidents matching a SQL predicate, newest first."""
        query = sa.select(incidents_t.c.id).order_by(
            incidents_t.c.start_date.desc(), incidents_t.c.id.desc()
        )
        if where is not None:
            query = query.where(where)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [int(r) for r in conn.execute(query).scalars()]

    def load(self, ids: Sequence[int], *, within: Connection | None = None) -> list[Incident]:
        """Full incidents for these ids, in the same order (read ``within`` a transaction)."""
        out: dict[int, Incident] = {}
        with (
            contextlib.nullcontext(within) if within is not None else self.engine.connect() as conn
        ):
            for chunk in _chunks(list(ids), 500):
                out.update(self._load_chunk(conn, chunk))
        return [out[i] for i in ids if i in out]

    def _load_chunk(self, conn: Connection, ids: list[int]) -> dict[int, Incident]:
        # The driver's rows, not SQLAlchemy's: an import reads thousands of incidents it repeats.
        inc = incidents_t.c
        base = {
            r[0]: r
            for r in raw_rows(
                conn,
                sa.select(
                    inc.id,
                    inc.title,
                    inc.summary,
                    inc.start_date,
                    inc.end_date,
                    inc.date_precision,
                    inc.event_type,
                    inc.confidence,
                    inc.created_at,
                    inc.updated_at,
                    inc.version,
                ).where(inc.id.in_(ids)),
            )
        }
        people: dict[int, dict[str, list[str]]] = {i: {"actor": [], "responder": []} for i in base}
        for incident_id, iso2, role in _child_rows(conn, countries_t, ids, "iso2", "role"):
            people[incident_id][role].append(iso2)
        assets: dict[int, list[str]] = {i: [] for i in base}
        for incident_id, name in _child_rows(conn, assets_t, ids, "name"):
            assets[incident_id].append(name)
        placed = _child_rows(
            conn,
            locations_t,
            ids,
            *("name", "phrase", "kind", "precision", "feature_id", "role", "geometry"),
        )
        shapes = _location_geometries([(r[7], r[5]) for r in placed], self.gazetteer)
        locations: dict[int, list[Location]] = {i: [] for i in base}
        for (incident_id, name, phrase, kind, precision, feature_id, role, _), geometry in zip(
            placed, shapes, strict=True
        ):
            locations[incident_id].append(
                Location(name, geometry, precision, kind, phrase, feature_id, role or "focus")
            )
        sources: dict[int, list[Source]] = {i: [] for i in base}
        day = functools.lru_cache(maxsize=None)(as_date)
        for incident_id, url, path, publisher, published, title in _child_rows(
            conn, sources_t, ids, "url", "path", "publisher", "published", "title"
        ):
            sources[incident_id].append(
                Source(
                    url=url,
                    path=path,
                    publisher=publisher,
                    published=day(published) if published is not None else None,
                    title=title,
                )
            )
        evidence: dict[int, list[Evidence]] = {i: [] for i in base}
        for incident_id, *fields in _child_rows(
            conn, evidence_t, ids, "field", "text", "start", "end", "source_position"
        ):
            evidence[incident_id].append(Evidence(*fields))
        out: dict[int, Incident] = {}
        for i, (
            _,
            title,
            summary,
            start,
            end,
            precision,
            kind,
            confidence,
            made,
            changed,
            v,
        ) in base.items():
            first, last = day(start), day(end)
            out[i] = Incident(
                id=i,
                title=title,
                summary=summary,
                start_date=first,
                end_date=last if last != first else None,
                date_precision=precision,
                event_type=kind,
                actors=tuple(people[i]["actor"]),
                responders=tuple(people[i]["responder"]),
                assets=tuple(assets[i]),
                locations=tuple(locations[i]),
                sources=tuple(sources[i]),
                evidence=tuple(evidence[i]),
                confidence=confidence,
                created_at=as_datetime(made),
                updated_at=as_datetime(changed),
                version=v,
            )
        return out

    def all(self) -> list[Incident]:
        """Every incident, newest first."""
        return self.load(self.select_ids())

    def dispose(self) -> None:
        """Close the store's connections."""
        self.engine.dispose()


def location_geometry(raw: str, feature_id: str | None, gaz: Gazetteer) -> BaseGeometry:
    """A stored location's shape: its GeoJSON, or the gazetteer feature it refers to."""
    return _location_geometries([(raw, feature_id)], gaz)[0]


def _location_geometries(
    rows: Sequence[tuple[str, str | None]], gaz: Gazetteer
) -> list[BaseGeometry]:
    """:func:`location_geometry` of each (raw, feature id), all the GeoJSON read in one call."""
    given = [raw for raw, _ in rows if raw]
    read = iter(shapely.from_geojson(given).tolist() if given else [])
    return [next(read) if raw else referenced_geometry(feature_id, gaz) for raw, feature_id in rows]


#: The ``locations`` columns in the order :func:`_location_rows` gives them (the id is the database's).
_LOCATION_COLUMNS = tuple(c.name for c in locations_t.columns if c.name != "id")
#: The ``incidents`` columns in the order :meth:`Store._insert_many` gives them.
_INCIDENT_COLUMNS = tuple(c.name for c in incidents_t.columns)


def _incident_row(
    incident_id: int, incident: Incident, now: dt.datetime, as_is: bool
) -> tuple[Any, ...]:
    """The ``incidents`` row, values in :data:`_INCIDENT_COLUMNS` order."""
    return (
        incident_id,
        incident.title.strip(),
        incident.summary,
        incident.start_date,
        incident.last_date,
        incident.date_precision,
        incident.event_type,
        incident.confidence,
        incident.created_at or now,
        (incident.updated_at or now) if as_is else now,
        incident.version or 1,
    )


#: An incident's parts kept in child tables: the tables each fills, and what it is made of
#: (one or two lists). A replaced incident rewrites only the parts that differ.
_PARTS: dict[
    str, tuple[tuple[sa.Table, ...], Callable[[Incident], tuple[tuple[Any, ...], ...]]]
] = {
    "countries": ((countries_t,), lambda i: (i.actors, i.responders)),
    "assets": ((assets_t,), lambda i: (i.assets,)),
    "locations": ((locations_t, location_regions_t), lambda i: (i.locations,)),
    "sources": ((sources_t,), lambda i: (i.sources,)),
    "evidence": ((evidence_t,), lambda i: (i.evidence,)),
}


def _after(incident: Incident, kept: Incident | None, part: str) -> Iterator[tuple[int, Any]]:
    """(position, item) of an incident's ``part`` after the items ``kept`` has stored."""
    items: tuple[Any, ...] = getattr(incident, part)
    start = len(getattr(kept, part)) if kept is not None else 0
    return enumerate(items[start:], start=start)


def _location_rows(
    placed: Sequence[tuple[int, int, Location]], gaz: Gazetteer
) -> list[tuple[Any, ...]]:
    """The ``locations`` rows of (incident id, position, location), in :data:`_LOCATION_COLUMNS`."""
    # Every box in one call: a shapely call per shape costs more than the box itself.
    boxes = shapely.bounds([loc.geometry for _, _, loc in placed]).tolist() if placed else []
    rows = []
    for (incident_id, position, loc), box in zip(placed, boxes, strict=True):
        feature = plain_feature(loc, gaz)
        if feature is not None:  # its box and inner point are worked out once per process
            box, (lon, lat), text = feature.bounds, feature.representative_point, ""
        elif isinstance(loc.geometry, Point):
            # Most imported rows: a point is its own box, inner point and short GeoJSON.
            lon, lat = box[0], box[1]
            text = f'{{"type": "Point", "coordinates": [{lon!r}, {lat!r}]}}'
        else:
            (lon, lat), text = loc.representative_point, _geojson_text(loc.geometry)
        rows.append(
            (
                incident_id,
                position,
                loc.name,
                loc.phrase,
                loc.kind,
                loc.precision,
                loc.feature_id,
                loc.role,
                text,
                *box,
                lon,
                lat,
            )
        )
    return rows


def _ewkb(geom: BaseGeometry, encoded: dict[int, str]) -> str:
    """The shape as PostGIS reads it in a ``COPY``: hex EWKB with SRID 4326."""
    key = id(geom)
    if key not in encoded:  # drafts share the gazetteer's shapes: each is encoded once
        encoded[key] = shapely.to_wkb(shapely.set_srid(geom, 4326), hex=True, include_srid=True)
    return encoded[key]


def _geojson_text(geom: BaseGeometry) -> str:
    return json.dumps(mapping(geom))


def _bulk_insert(
    conn: Connection, table: sa.Table, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """Insert rows (values in ``columns`` order) in a few statements, whatever their number.

    SQLAlchemy's own ``executemany`` handles each row's parameters in Python
    (a few microseconds each, seconds for an import of 100,000 incidents).
    PostgreSQL takes the rows as one ``COPY`` stream; SQLite as JSON arrays
    (see :func:`_sqlite_json_rows`).
    """
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        _pg_copy(conn, table, columns, rows)
        return
    names = ", ".join(f'"{n}"' for n in columns)
    values = ", ".join(f"json_extract(value, '$[{i}]')" for i in range(len(columns)))
    _sqlite_json_rows(
        conn,
        table,
        columns,
        rows,
        f'INSERT INTO "{table.name}" ({names}) SELECT {values} FROM json_each(?)',
        f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * len(columns))})',
    )


def _bulk_update(conn: Connection, table: sa.Table, rows: list[tuple[Any, ...]]) -> None:
    """Overwrite rows by id (values in the table's column order, the id first)."""
    if not rows:
        return
    names = [c.name for c in table.columns]
    if conn.dialect.name == "postgresql":
        # Parameters named after their columns would clash with SQLAlchemy's own.
        statement = table.update().where(table.c.id == sa.bindparam("p_id"))
        conn.execute(
            statement.values({n: sa.bindparam(f"p_{n}") for n in names[1:]}),
            [dict(zip((f"p_{n}" for n in names), r, strict=True)) for r in rows],
        )
        return
    sets = ", ".join(
        f"\"{n}\" = json_extract(new.value, '$[{i}]')" for i, n in enumerate(names) if i
    )
    by_id = f'"{table.name}"."{names[0]}" = json_extract(new.value, \'$[0]\')'
    one_sets = ", ".join(f'"{n}" = ?{i + 1}' for i, n in enumerate(names) if i)
    _sqlite_json_rows(
        conn,
        table,
        names,
        rows,
        f'UPDATE "{table.name}" SET {sets} FROM json_each(?) AS new WHERE {by_id}',
        f'UPDATE "{table.name}" SET {one_sets} WHERE "{names[0]}" = ?1',
    )


def _bulk_delete(conn: Connection, table: sa.Table, incident_ids: Sequence[int]) -> None:
    """Delete a child table's rows of these incidents."""
    if not incident_ids:
        return
    if conn.dialect.name == "postgresql":
        for chunk in _chunks(list(incident_ids), 500):
            conn.execute(table.delete().where(table.c.incident_id.in_(chunk)))
        return
    _sqlite_json_rows(
        conn,
        table,
        ["incident_id"],
        [(i,) for i in incident_ids],
        f'DELETE FROM "{table.name}" WHERE incident_id IN '
        "(SELECT json_extract(value, '$[0]') FROM json_each(?))",
        f'DELETE FROM "{table.name}" WHERE incident_id = ?',
    )


def _sqlite_json_rows(
    conn: Connection,
    table: sa.Table,
    columns: Sequence[str],
    rows: list[tuple[Any, ...]],
    from_json: str,
    one_by_one: str,
) -> None:
    """Run ``from_json`` over chunks of ``rows`` as JSON arrays (``one_by_one`` per row if not).

    SQLite unpacks each array in C, and the driver lets go of Python's lock for
    the whole statement: on the transaction's writer thread, when it has one
    (see :mod:`incidents.store_writer`), SQLite writes while Python goes on.
    Only the columns' own converters (dates) run in Python, once per distinct value.
    """
    convert = [(i, proc) for i, n in enumerate(columns) if (proc := _sqlite_bind(table.c[n].type))]
    if convert:
        rows = [list(r) for r in rows]  # type: ignore[misc]
        for i, proc in convert:
            done: dict[Any, Any] = {None: None}  # dates repeat: each is converted once
            for row in rows:
                value = row[i]
                if value not in done:
                    done[value] = proc(value)
                row[i] = done[value]  # type: ignore[index]
    writer = _writer_of(conn)
    for start in range(0, len(rows), _JSON_ROWS):
        chunk = rows[start : start + _JSON_ROWS]
        # orjson writes the array in C, four times as fast as json: a second of 100,000 rows.
        text = orjson.dumps(chunk).decode()
        # SQLite's JSON reader ends a text at an escaped NUL; such rows go as they are.
        many = "\\u0000" in text
        statement, params = (one_by_one, chunk) if many else (from_json, (text,))
        if writer is not None:
            writer.submit(statement, params, many=many)
            continue
        cursor = conn.connection.cursor()
        try:
            (cursor.executemany if many else cursor.execute)(statement, params)
        finally:
            cursor.close()


def _sqlite_bind(kind: sa.types.TypeEngine[Any]) -> Callable[[Any], str] | None:
    """How a column's values become what SQLite stores, or None when they go as they are.

    Dates and times become the text the driver's own adapters would write,
    once per distinct value here rather than once per row inside the driver
    (an import writes the same timestamp on every row).
    """
    if isinstance(kind, sa.DateTime):
        return lambda value: value.isoformat(" ")
    if isinstance(kind, sa.Date):
        return _iso_day
    return None  # numbers, text and booleans are stored as the driver takes them


@functools.lru_cache(maxsize=1 << 16)
def _iso_day(day: dt.date) -> str:
    # A few thousand distinct days recur through every batch and table of an import.
    return day.isoformat()


def _pg_copy(
    conn: Connection, table: sa.Table, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """PostgreSQL's ``COPY … FROM STDIN``: one stream of rows, several times an ``executemany``."""
    names = ", ".join(f'"{n}"' for n in columns)
    cursor = conn.connection.cursor()
    try:
        with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
    finally:
        cursor.close()


def raw_rows(conn: Connection, query: sa.Select[*tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """A query's rows as the driver gives them, without SQLAlchemy's per-row work.

    For reads of hundreds of thousands of rows (an import's duplicate check).
    Dates may come back as ISO text: read them with :func:`as_date`.
    """
    # IN lists are written out, so the driver sees plain placeholders.
    compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    given: dict[str, Any] = dict(compiled.params)
    # Dates to the driver's form, as SQLAlchemy itself does before it executes.
    processors: dict[str, Any] = dict(compiled._bind_processors)
    for name, value in given.items():
        if name in processors and value is not None:
            given[name] = processors[name](value)
    params: Any = (
        tuple(given[n] for n in compiled.positiontup or []) if compiled.positional else given
    )
    cursor = _settled(conn).connection.cursor()
    try:
        cursor.execute(str(compiled), params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def as_date(value: dt.date | str) -> dt.date:
    """A date column's value from :func:`raw_rows` (SQLite gives text)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def as_datetime(value: dt.datetime | str) -> dt.datetime:
    """A date-and-time column's value from :func:`raw_rows` (SQLite gives text)."""
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


def _child_rows(
    conn: Connection, table: sa.Table, ids: list[int], *columns: str
) -> list[tuple[Any, ...]]:
    """(incident id, *columns) of a child table's rows for these incidents, in stored order."""
    order = table.c.position if "position" in table.c else table.c.id
    return raw_rows(
        conn,
        sa.select(table.c.incident_id, *(table.c[c] for c in columns))
        .where(table.c.incident_id.in_(ids))
        .order_by(table.c.incident_id, order),
    )


@dataclasses.dataclass(frozen=True)
class _Work:
    """One call's changes, who makes them and how the audit trail names them."""

    add: list[Incident]
    update: list[Incident]
    delete: list[int]
    by: User
    action: str | None
    note: str
    #: Stored versions of ``update`` the caller read in the same transaction.
    known: Mapping[int, Incident] = dataclasses.field(default_factory=dict)


def _require_id(incident: Incident) -> int:
    if incident.id is None:
        raise StoreError(f"Cannot update {incident.title!r}: it has no id; add it first.")
    return incident.id


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
