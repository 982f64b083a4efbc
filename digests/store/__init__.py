"""The fact store: one SQLite file holding articles, every fact read out of them, and deliveries.

SQLite through sqlite-utils, in WAL mode with a busy timeout so that chat commands can
read while ingestion writes. Quotations and events have FTS5 indexes, written once per
transaction (deletes and updates by triggers). The schema is versioned in ``meta`` and
migrated forward on open.

The package: ``connection`` (opening, migrating, transactions), ``schema`` (the
migrations), ``articles`` (saving and reading articles and facts, bulk inserts),
``names`` (the name index /who-said resolves people with), ``stories`` (each article's
story, joined when it is saved), ``facts`` (bounded reads for /who-said, /timeline and
digests), ``ledger`` (the delivery ledger) and ``watches`` (watches, their hits and
channel settings). All SQL of the
project lives here; everything else asks :class:`Store`.
"""

from __future__ import annotations

from digests.store.articles import FACT_TABLES, ArticlesMixin, SaveStatus
from digests.store.connection import BUSY_TIMEOUT_MS, CACHE_KIB
from digests.store.facts import FactsMixin
from digests.store.identities import IdentitiesMixin
from digests.store.ledger import Ledger
from digests.store.names import (
    HONORIFICS,
    NamesMixin,
    index_names,
    name_forms,
    normalise_name,
    strip_honorifics,
)
from digests.store.schema import MIGRATIONS, SCHEMA_VERSION
from digests.store.watches import ALERT_SCHEDULE, HitRow, WatchesMixin, WatchRow

__all__ = [
    "ALERT_SCHEDULE",
    "BUSY_TIMEOUT_MS",
    "CACHE_KIB",
    "FACT_TABLES",
    "HONORIFICS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "HitRow",
    "Ledger",
    "SaveStatus",
    "Store",
    "WatchRow",
    "index_names",
    "name_forms",
    "normalise_name",
    "strip_honorifics",
]


class Store(ArticlesMixin, FactsMixin, NamesMixin, IdentitiesMixin, WatchesMixin):
    """An open fact store. Use :meth:`open`; close it (or use ``with``) when done.

    Its ``ledger`` is the delivery ledger."""
