"""The connection: one SQLite file through sqlite-utils, opened, migrated forward and written in transactions.

WAL mode with a busy timeout so that chat commands read while ingestion writes; one
``BEGIN IMMEDIATE`` transaction per write so that writers never deadlock.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import sqlite_utils

from digests.errors import StoreError, StoreLocked
from digests.store.feeds import FeedBook
from digests.store.ledger import Ledger
from digests.store.schema import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
#: a write that found the store locked by another writer for the whole busy timeout waits this many
#: times more (logging each) before it fails with :class:`StoreLocked`: never a silent skip
LOCK_RETRIES = 3
CACHE_KIB = 65536  # SQLite page cache per connection, filled only as pages are read
WAL_CHECKPOINT_PAGES = 10000  # the WAL (about 40 MB) is written back into the file past this many pages


def now_stamp() -> str:
    """The current UTC time as stored (ISO, to the second)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class StoreBase:
    """An open store's connection: opening and migrating it, write transactions, closing."""

    def __init__(self, db: sqlite_utils.Database, path: Path, *, readonly: bool = False) -> None:
        self.db = db
        self.path = path
        self.readonly = readonly
        # One connection may be shared by an event loop and its worker threads; writes
        # must not interleave inside a transaction.
        self._lock = threading.RLock()
        self.busy_timeout_ms = BUSY_TIMEOUT_MS
        # called with the attempt's number before a write waits again for a locked store (a test's
        # hook: it may free the lock; the wait itself is SQLite's busy timeout)
        self.on_lock_wait: Callable[[int], None] | None = None
        self.ledger = Ledger(self)  # the delivery ledger
        self.feeds = FeedBook(self)  # feeds added from chat, and every feed poll's outcome

    @classmethod
    def open(
        cls, path: str | Path, *, readonly: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
        on_migrate: Callable[[int], None] | None = None,
    ) -> Self:
        """Open (creating and migrating if needed) the store at ``path``.

        ``readonly`` opens an existing store for queries only, without migrating it.
        ``busy_timeout_ms``: how long a statement waits for another connection's lock.
        ``on_migrate`` is called with the schema version found before each migration transaction
        takes the write lock (a test's hook: another process may migrate the file meanwhile).
        Raises :class:`StoreError` with a short reason when the file cannot be used.
        """
        path = Path(path)
        if readonly and not path.is_file():
            raise StoreError(f"no database at {path}")
        if path.is_dir():
            raise StoreError(f"{path} is a directory, not a database file")
        if not readonly and not path.parent.exists():
            raise StoreError(f"cannot create database {path}: folder {path.parent} does not exist")
        try:
            if readonly:
                uri = f"{path.resolve().as_uri()}?mode=ro"
                conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                conn = sqlite3.connect(str(path), check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            # The default 2 MB page cache misses on the indexes of a large store at every save.
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            db = sqlite_utils.Database(conn)
            db.execute("PRAGMA foreign_keys = ON")
            store = cls(db, path, readonly=readonly)
            store.busy_timeout_ms = busy_timeout_ms
            if not readonly:
                _enable_wal(conn)
                db.execute("PRAGMA synchronous = NORMAL")  # safe in WAL: a crash loses no committed txn
                # A saved article writes about a hundred pages (its line hashes and index entries land
                # on scattered pages): at SQLite's default of 1,000 pages the WAL was copied back into
                # the file, with two fsyncs, after almost every batch of saves.
                db.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
            store._migrate(on_migrate)
        except sqlite3.DatabaseError as err:
            raise StoreError(f"cannot open database {path}: {err}") from None
        return store

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def meta(self, key: str) -> str | None:
        """A value of the store's ``meta`` table (None when unset, or no store schema yet)."""
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        except sqlite3.OperationalError:  # no meta table: a file that is not (yet) a store
            return None
        return str(row[0]) if row and row[0] is not None else None

    def set_meta(self, key: str, value: str) -> None:
        """Set a value of the store's ``meta`` table, in its own transaction."""
        with self._transaction():
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, value])

    def checkpoint(self) -> None:
        """Write the WAL back into the database file and truncate it (before measuring its size)."""
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        self.db.close()

    def integrity_problems(self, *, quick: bool = True, limit: int = 5) -> list[str]:
        """What SQLite's ``quick_check`` (or the slower full ``integrity_check``) finds wrong with
        the file; empty when it is sound."""
        pragma = "quick_check" if quick else "integrity_check"
        try:
            rows = self.db.execute(f"PRAGMA {pragma}({int(limit)})").fetchall()
        except sqlite3.DatabaseError as err:
            return [str(err)]
        found = [str(r[0]) for r in rows]
        return [] if found == ["ok"] else found

    # --- schema -------------------------------------------------------------------------------

    def schema_version(self) -> int:
        """The schema version recorded in ``meta`` (0 for an empty file)."""
        if not self.db["meta"].exists():
            return 0
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        try:
            return int(row[0]) if row else 0
        except ValueError:
            raise StoreError(f"bad schema_version in {self.path}: {row[0]!r}") from None

    def _migrate(self, on_migrate: Callable[[int], None] | None = None) -> None:
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {current}, newer than this program knows "
                f"({SCHEMA_VERSION}): upgrade GeoDigest"
            )
        if current == SCHEMA_VERSION:
            return
        if self.readonly:
            raise StoreError(f"{self.path} has schema version {current}; open it for writing once to migrate")
        if current:
            # some steps rewrite every stored article: say so before a long silence
            log.warning("Upgrading the store %s from schema %d to %d; on a large store this can take "
                        "minutes, and an interrupted upgrade resumes where it stopped", self.path,
                        current, SCHEMA_VERSION)
        # A new file gets the whole schema in one transaction (there is nothing to resume), so that a
        # process opening it at the same moment waits once and never finds it half made. A stored
        # schema moves one step a transaction: each step commits with its version number, so a crash
        # mid-migration resumes at the step that failed instead of replaying finished ones.
        steps = range(current, SCHEMA_VERSION)
        batches = [steps] if current == 0 else [range(v, v + 1) for v in steps]
        for batch in batches:
            started = time.monotonic()
            if on_migrate is not None:
                on_migrate(current)
            with self._transaction():
                # Read again under the write lock: another process may have migrated (or created
                # the store) between the first look and now.
                found = self.schema_version()
                if found == 0 and self.db.table_names():
                    raise StoreError(
                        f"{self.path} is a SQLite database of another program (no GeoDigest schema)"
                    )
                if found > SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.path} was upgraded to schema {found} by a newer GeoDigest meanwhile"
                    )
                for version in batch:
                    if found > version:
                        continue  # another process migrated this step while we waited for the lock
                    MIGRATIONS[version](self.db)
                    self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
                    self.db.execute(
                        "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                        [str(version + 1)],
                    )
            if current:
                log.info("Store schema step %d of %d done in %.1f s", batch[-1] + 1, SCHEMA_VERSION,
                         time.monotonic() - started)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT: take the write lock up front (waiting up to the busy
        timeout) so that the read-then-write of :meth:`save` cannot deadlock another writer."""
        with self._lock:
            self._begin()
            try:
                yield
                self._before_commit()
            except BaseException:
                self._after_rollback()
                if self.db.conn.in_transaction:
                    self.db.conn.execute("ROLLBACK")
                raise
            else:
                self.db.conn.execute("COMMIT")

    def _begin(self) -> None:
        """BEGIN IMMEDIATE, waiting ``LOCK_RETRIES`` more busy timeouts (each logged) while another
        writer holds the store; then :class:`StoreLocked`, which every caller reports."""
        for attempt in range(LOCK_RETRIES + 1):
            try:
                self.db.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as err:
                if not is_locked(err):
                    raise
                if attempt == LOCK_RETRIES:
                    waited = (LOCK_RETRIES + 1) * self.busy_timeout_ms / 1000
                    raise StoreLocked(
                        f"store locked by another writer: waited {waited:g} s for {self.path}"
                    ) from None
            log.warning("The store %s is locked by another writer: waiting again (%d of %d)",
                        self.path, attempt + 1, LOCK_RETRIES)
            if self.on_lock_wait is not None:
                self.on_lock_wait(attempt + 1)

    def _before_commit(self) -> None:
        """Writes a transaction owes before it commits (the full-text rows of new facts)."""

    def _after_rollback(self) -> None:
        """Forget what :meth:`_before_commit` would have written: the transaction is undone."""

    # --- writing ------------------------------------------------------------------------------

    @contextmanager
    def timed_statements(self) -> Iterator[dict[str, list[float]]]:
        """While open, every statement run through this store's connection is timed (CPU seconds of
        the calling thread, its triggers and the fetching of its rows included) into the yielded
        dict: statement text -> [seconds, calls]. For measuring writes (``bench/ingest_at.py``)."""
        conn = self.db.conn
        timed = _TimedConnection(conn)
        self.db.conn = timed  # type: ignore[assignment]
        try:
            yield timed.spent
        finally:
            self.db.conn = conn

    def transaction(self) -> AbstractContextManager[None]:
        """A write transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on error) for
        modules that write their own rows (deliveries, channel state) through ``db``."""
        return self._transaction()


def is_locked(err: sqlite3.OperationalError) -> bool:
    """Whether SQLite gave up waiting for another connection's lock (SQLITE_BUSY or SQLITE_LOCKED)."""
    return getattr(err, "sqlite_errorcode", None) in (5, 6) or "locked" in str(err)


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL. Connections that opened a new file at the same moment may each hold
    a read lock while asking for the write lock the switch needs: SQLite answers one of them
    "database is locked" at once (a deadlock, so no busy wait), so it tries again, up to the busy
    timeout, until the file is in WAL (by its own switch or another's)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.005
    while True:
        try:
            if str(conn.execute("PRAGMA journal_mode=wal").fetchone()[0]).lower() == "wal":
                return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked (could not switch to WAL)")
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


class _TimedConnection:
    """A sqlite3 connection whose ``execute`` and ``executemany`` are timed per statement text (rows
    fetched at once, so reading them counts); everything else goes to the connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.spent: dict[str, list[float]] = {}

    def _add(self, sql: str, seconds: float) -> None:
        slot = self.spent.setdefault(" ".join(sql.split())[:110], [0.0, 0])
        slot[0] += seconds
        slot[1] += 1

    def execute(self, sql: str, *args: Any) -> _FetchedCursor:
        started = time.thread_time()
        cursor = self._conn.execute(sql, *args)
        rows = cursor.fetchall() if cursor.description else []
        self._add(sql, time.thread_time() - started)
        return _FetchedCursor(cursor, rows)

    def executemany(self, sql: str, *args: Any) -> sqlite3.Cursor:
        started = time.thread_time()
        cursor = self._conn.executemany(sql, *args)
        self._add(sql, time.thread_time() - started)
        return cursor

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


class _FetchedCursor:
    """A cursor whose rows were all fetched already."""

    def __init__(self, cursor: sqlite3.Cursor, rows: list[Any]) -> None:
        self._rows = rows
        self.lastrowid, self.rowcount = cursor.lastrowid, cursor.rowcount
        self.description = cursor.description

    def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None

    def fetchall(self) -> list[Any]:
        rows, self._rows = self._rows, []
        return rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())
