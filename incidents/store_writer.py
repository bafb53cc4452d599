"""A large SQLite transaction's inserts, run on a second thread while Python prepares the next.

An import spends about a third of its time inside SQLite, writing rows, and
most of the rest in Python, reading the next rows of the file. The two can
overlap: each batch of rows goes to SQLite as one statement over a JSON array
(``json_each``), and the driver lets go of Python's lock for the whole of a
statement, so SQLite writes on one core while Python reads on the other.

Python lets a waiting thread take its lock only every "switch interval" (5 ms
by default): the writer, done with a statement while the reader holds the
lock, would wait that long before it could start the next, for about a
fifth of an import's time. While a writer runs the interval is 0.2 ms.

The transaction stays one transaction on one connection. Queued inserts run
in the order given, and every other statement of the transaction (a read, an
update, the commit) first waits for them (:meth:`BackgroundWriter.drain`), so
it sees every write made before it. After a failed insert nothing more is
written, and a :class:`StoreError` is raised where the transaction next waits.
"""

from __future__ import annotations

import queue
import sys
import threading
from typing import Any

from incidents.errors import StoreError

__all__ = ["BackgroundWriter"]

#: Statements queued at most: the reader runs ahead by this much, and no further.
_AHEAD = 256
#: Python's switch interval while a writer runs (s): 100,000 rows imported a tenth faster.
_SWITCH_S = 0.0002


class _SwitchInterval:
    """Python's switch interval, short while any writer runs and as it was once none does."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._writers = 0
        self._was = sys.getswitchinterval()

    def writer_started(self) -> None:
        with self._lock:
            if self._writers == 0:
                self._was = sys.getswitchinterval()
                sys.setswitchinterval(_SWITCH_S)
            self._writers += 1

    def writer_stopped(self) -> None:
        with self._lock:
            self._writers -= 1
            if self._writers == 0:
                sys.setswitchinterval(self._was)


#: The interpreter's setting is one per process, and so is its keeper.
_SWITCH = _SwitchInterval()


class BackgroundWriter:
    """Runs statements on ``dbapi_connection`` from a thread of its own, one after another."""

    def __init__(self, dbapi_connection: Any) -> None:
        self._connection = dbapi_connection
        self._queue: queue.Queue[tuple[str, Any, bool] | None] = queue.Queue(_AHEAD)
        self._error: BaseException | None = None
        self._discard = False
        self._thread = threading.Thread(target=self._run, name="atlas-store-writer", daemon=True)
        _SWITCH.writer_started()
        self._thread.start()

    def submit(self, statement: str, params: Any, *, many: bool = False) -> None:
        """Queue one statement, or one ``executemany`` with ``many`` (raising an earlier failure)."""
        self._raise_failure()
        self._queue.put((statement, params, many))

    def drain(self) -> None:
        """Wait until every queued statement has run; raise the first failure."""
        self._queue.join()
        self._raise_failure()

    def close(self, *, discard: bool = False) -> None:
        """Stop the thread once the queue is empty, or at once with ``discard``.

        Either way the statement running now finishes first, so the
        connection is free again (to commit, or to roll back) on return.
        """
        if not self._thread.is_alive():
            return  # closed before
        self._discard = discard
        self._queue.put(None)
        self._thread.join()
        _SWITCH.writer_stopped()

    def _raise_failure(self) -> None:
        if self._error is not None:
            raise StoreError(
                f"Could not write to the store: {self._error}. Nothing of this change was saved."
            ) from self._error

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is None:
                    return
                if self._error is None and not self._discard:
                    statement, params, many = item
                    cursor = self._connection.cursor()
                    try:
                        if many:
                            cursor.executemany(statement, params)
                        else:
                            cursor.execute(statement, params)
                    finally:
                        cursor.close()
            except BaseException as exc:  # handed to the transaction's thread
                self._error = exc
            finally:
                self._queue.task_done()
