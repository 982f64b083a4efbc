"""Specific errors of the engine, turned into short messages at the edge (CLI, chat)."""

from __future__ import annotations


class GeoDigestError(Exception):
    """Base of every error the engine raises on purpose; its message is fit for a user."""


class InputError(GeoDigestError):
    """A file, page or feed that cannot be read as news (binary, empty, too large, malformed)."""


class FetchError(GeoDigestError):
    """A URL that could not be fetched (timeout, HTTP error, wrong content type, too large)."""


class StoreError(GeoDigestError):
    """The database cannot be opened, migrated, read or written."""


class StoreFull(StoreError):
    """The disk (or the database's size limit) is full: nothing more can be saved now."""


class StoreLocked(StoreError):
    """Another writer held the store's write lock longer than this one would wait: nothing of the
    transaction was written (run again, or run fewer writers at once)."""


def store_error(err: Exception, path: object, doing: str) -> StoreError:
    """A SQLite error as one clear line: a full disk, a damaged file, a lock another writer kept,
    or what SQLite said."""
    code = getattr(err, "sqlite_errorcode", None)
    text = str(err)
    if code == 13 or "database or disk is full" in text:  # SQLITE_FULL
        return StoreFull(f"cannot {doing}: the disk holding {path} is full (free some space and run again)")
    if code in (11, 26) or "malformed" in text or "not a database" in text:  # SQLITE_CORRUPT, NOTADB
        return StoreError(f"cannot {doing}: the store {path} is damaged ({text}); restore it from a "
                          "backup or rebuild it with `sqlite3 FILE .recover` (`geodigest doctor` checks it)")
    if code in (5, 6) or "database is locked" in text or "database table is locked" in text:  # BUSY, LOCKED
        return StoreLocked(f"store locked by another writer: cannot {doing} in {path} ({text})")
    return StoreError(f"cannot {doing} in {path}: {text}")


class CommandError(GeoDigestError):
    """A chat or console command with empty, unknown, ambiguous or malformed arguments."""


class DeliveryError(GeoDigestError):
    """A digest could not be posted to a channel.

    ``permanent`` errors (unknown channel, bot not invited, missing permission) will not
    succeed on retry: log the message, which says how to fix it, and stop retrying.
    """

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent
