"""Moving a whole store: SQLite to PostGIS when a team forms, or back for a laptop.

Every incident is copied as it is (id, sources, evidence, creation and edit
times) into an empty store, in one transaction that ends with a count check:
the target ends up with exactly the source's incidents, or unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

from incidents.bulk import bulk
from incidents.errors import StoreError
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
        copied = target.count(within=conn)
        if copied != len(ids):
            raise StoreError(
                f"Copied {copied:,} incident(s) but {source.url} holds {len(ids):,}; "
                "nothing was written."
            )
    return copied
