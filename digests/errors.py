"""Specific errors of the engine, turned into short messages at the edge (CLI, chat)."""

from __future__ import annotations


class GeoDigestError(Exception):
    """Base of every error the engine raises on purpose; its message is fit for a user."""


class InputError(GeoDigestError):
    """A file, page or feed that cannot be read as news (binary, empty, too large, malformed)."""


class FetchError(GeoDigestError):
    """A URL that could not be fetched (timeout, HTTP error, wrong content type, too large)."""


class StoreError(GeoDigestError):
    """The database cannot be opened or migrated."""


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
