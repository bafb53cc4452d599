"""Moving a whole store: SQLite to PostGIS when a team forms, or back for a laptop.

Every incident is copied as it is (id, version, sources, evidence, creation
and edit times) into an empty store with the accounts and the audit trail,
in one transaction that ends with a count check: the target ends up with
exactly the source's incidents, or unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from incidents.bulk import bulk
from incidents.errors import StoreError
from incidents.schema import changes_t, users_t
from incidents.store import Store

__all__ = ["copy_store"]

#: Incidents read from the source and written to the target at a time.
BATCH = 5_000


@bulk
def copy_store(
    source: Store, target: Store, *, progress: Callable[[int, int], None] | None = None
) -> int:
    """Copy every incident of ``source`` into the empty store ``target``; return how many.

    Raises
    ------
    StoreError
        ``target`` already holds incidents, or the counts differ at the end
        (nothing is then written).
    """
    held = target.count()
    if held:
        raise StoreError(
            f"{target.url} already holds {held:,} incident(s); copy into a new, empty store."
        )
    ids = sorted(source.select_ids())
    with target.writing() as conn:
        for start in range(0, len(ids), BATCH):
            target.copy_in(source.load(ids[start : start + BATCH]), within=conn)
            if progress is not None:
                progress(min(start + BATCH, len(ids)), len(ids))
        for table in (users_t, changes_t):
            _copy_rows(source, table, conn)
        target.ids_follow_copied(conn)
        copied = target.count(within=conn)
        if copied != len(ids):
            raise StoreError(
                f"Copied {copied:,} incident(s) but {source.url} holds {len(ids):,}; "
                "nothing was written."
            )
    target.refresh_statistics()
    return copied


def _copy_rows(source: Store, table: sa.Table, target: Connection) -> None:
    """Every row of a table without incident children (accounts, history), in order.

    Row ids are the target's own (its sequence stays right); the order is kept.
    """
    columns = [c for c in table.columns if c.name != "id"]
    order = table.c.id if "id" in table.c else table.primary_key.columns.values()[0]
    with source.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(sa.select(*columns).order_by(order))]
    if rows:
        target.execute(table.insert(), rows)
