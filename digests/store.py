"""The fact store: one SQLite file holding articles and every fact read out of them.

SQLite through sqlite-utils, in WAL mode with a busy timeout so that chat
commands can read while ingestion writes. Quotations and events have FTS5
indexes kept in sync by triggers. The schema is versioned in ``meta`` and
migrated forward on open by an ordered list of functions.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import sqlite_utils

from digests.errors import StoreError
from digests.models import (
    Article,
    Entity,
    Event,
    Extraction,
    Figure,
    Quote,
    StoredArticle,
    TimeExpression,
    canonical_url,
)
from digests.timex import day_bounds

SaveStatus = Literal["new", "updated", "unchanged"]
FACT_TABLES = ("entities", "quotes", "events", "figures", "times")
BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 65536  # SQLite page cache per connection, filled only as pages are read


# --- migrations -------------------------------------------------------------------------------
# Each function moves the schema from version i to i + 1. Never edit a released one:
# append a new function instead, so every older database walks the same path.


def _v1_core(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL,
            url TEXT,
            title TEXT NOT NULL,
            source TEXT,
            published TEXT,
            text TEXT NOT NULL,
            origin TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX idx_articles_content_hash ON articles(content_hash);
        CREATE INDEX idx_articles_published ON articles(published);
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            name TEXT NOT NULL, type TEXT NOT NULL, aliases TEXT NOT NULL DEFAULT '[]',
            role TEXT, affiliation TEXT, country TEXT, mentions TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX idx_entities_name ON entities(name);
        CREATE INDEX idx_entities_article ON entities(article_id);
        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            speaker TEXT, speaker_role TEXT, text TEXT NOT NULL, kind TEXT NOT NULL, cue TEXT,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            speaker_start INTEGER, speaker_end INTEGER, paragraph INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX idx_quotes_speaker ON quotes(speaker);
        CREATE INDEX idx_quotes_article ON quotes(article_id);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            date TEXT NOT NULL, date_end TEXT, status TEXT NOT NULL, text TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            entities TEXT NOT NULL DEFAULT '[]', paragraph INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX idx_events_article ON events(article_id);
        CREATE TABLE figures (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            text TEXT NOT NULL, value REAL, unit TEXT, measures TEXT,
            approximate INTEGER NOT NULL DEFAULT 0,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL
        );
        CREATE INDEX idx_figures_article ON figures(article_id);
        CREATE TABLE times (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            type TEXT NOT NULL, value TEXT NOT NULL, mod TEXT
        );
        CREATE INDEX idx_times_article ON times(article_id);
        """
    )


def _v2_full_text(db: sqlite_utils.Database) -> None:
    # External-content FTS5 tables; sqlite-utils' triggers keep them in step with every
    # insert, update and delete, so replacing an article's facts never leaves stale hits.
    db.table("quotes").enable_fts(["text", "speaker"], fts_version="FTS5", create_triggers=True)
    db.table("events").enable_fts(["text"], fts_version="FTS5", create_triggers=True)
    db.table("quotes").rebuild_fts()
    db.table("events").rebuild_fts()


def _v3_deliveries(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            schedule TEXT NOT NULL, channel TEXT NOT NULL, period_key TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending', created_at TEXT NOT NULL, sent_at TEXT, detail TEXT,
            UNIQUE(schedule, channel, period_key)
        );
        CREATE TABLE channel_state (
            channel TEXT PRIMARY KEY, last_until TEXT, last_article_id INTEGER
        );
        """
    )


def _v4_event_days(db: sqlite_utils.Database) -> None:
    # Day bounds let the digest and timeline query "what falls in this period" with an
    # index instead of parsing TIMEX3 values of every event in Python.
    db.execute("ALTER TABLE events ADD COLUMN day_first TEXT")
    db.execute("ALTER TABLE events ADD COLUMN day_last TEXT")
    rows = db.execute("SELECT id, date, date_end FROM events").fetchall()
    for event_id, value, value_end in rows:
        first, last = day_bounds(value, value_end)
        db.execute("UPDATE events SET day_first = ?, day_last = ? WHERE id = ?", [first, last, event_id])
    db.execute("CREATE INDEX idx_events_day_first ON events(day_first)")


# The name index /who-said resolves people with. `people` holds one row per canonical name
# (a speaker or a person entity) with its counts, kept exact by triggers on every insert and
# delete of a quotation or person entity (replacing or deleting an article, pruning, cascades,
# bulk copies alike); a row whose counts fall to zero is deleted. `person_aliases` counts the
# entities giving each alias. `names` maps normalised forms (whole names, aliases, single words)
# to people; its rows are derived in Python (accent folding, honorifics) for the people and
# aliases marked `indexed = 0`, by `index_names` after each save.
_PEOPLE_SQL = """
CREATE TABLE people (
    name TEXT PRIMARY KEY,
    quotes INTEGER NOT NULL DEFAULT 0,
    mentions INTEGER NOT NULL DEFAULT 0,
    role TEXT,
    speaker_role TEXT,
    indexed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_people_quotes ON people(quotes DESC, name);
CREATE INDEX idx_people_pending ON people(name) WHERE indexed = 0;
CREATE TABLE person_aliases (
    name TEXT NOT NULL,
    alias TEXT NOT NULL,
    uses INTEGER NOT NULL DEFAULT 0,
    indexed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (name, alias)
) WITHOUT ROWID;
CREATE INDEX idx_person_aliases_pending ON person_aliases(name, alias) WHERE indexed = 0;
CREATE TABLE names (
    kind TEXT NOT NULL,
    form TEXT NOT NULL,
    name TEXT NOT NULL,
    alias TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, form, name, alias)
) WITHOUT ROWID;
CREATE INDEX idx_names_name ON names(name, alias);
"""

# "role, affiliation" of a person entity row, NULL when it has neither.
_DESCRIBED = (
    "NULLIF(COALESCE({r}.role, '') || CASE WHEN COALESCE({r}.role, '') <> '' "
    "AND COALESCE({r}.affiliation, '') <> '' THEN ', ' ELSE '' END || COALESCE({r}.affiliation, ''), '')"
)
# An entity's aliases as a JSON list json_each can walk (a malformed value reads as none).
_ALIASES = "CASE WHEN json_valid({r}.aliases) THEN {r}.aliases ELSE '[]' END"

_PEOPLE_TRIGGERS = f"""
CREATE TRIGGER people_quote_ai AFTER INSERT ON quotes WHEN NEW.speaker IS NOT NULL BEGIN
    INSERT INTO people (name, quotes, speaker_role) VALUES (NEW.speaker, 1, NEW.speaker_role)
    ON CONFLICT (name) DO UPDATE SET quotes = quotes + 1,
        speaker_role = COALESCE(excluded.speaker_role, speaker_role);
END;
CREATE TRIGGER people_quote_ad AFTER DELETE ON quotes WHEN OLD.speaker IS NOT NULL BEGIN
    UPDATE people SET quotes = quotes - 1 WHERE name = OLD.speaker;
    DELETE FROM people WHERE name = OLD.speaker AND quotes <= 0 AND mentions <= 0;
END;
CREATE TRIGGER people_entity_ai AFTER INSERT ON entities WHEN NEW.type = 'person' BEGIN
    INSERT INTO people (name, mentions, role) VALUES (NEW.name, 1, {_DESCRIBED.format(r="NEW")})
    ON CONFLICT (name) DO UPDATE SET mentions = mentions + 1, role = COALESCE(excluded.role, role);
    INSERT INTO person_aliases (name, alias, uses)
        SELECT DISTINCT NEW.name, value, 1 FROM json_each({_ALIASES.format(r="NEW")})
        WHERE type = 'text' AND value <> NEW.name AND trim(value) <> ''
    ON CONFLICT (name, alias) DO UPDATE SET uses = uses + 1;
END;
CREATE TRIGGER people_entity_ad AFTER DELETE ON entities WHEN OLD.type = 'person' BEGIN
    UPDATE person_aliases SET uses = uses - 1 WHERE name = OLD.name AND alias IN (
        SELECT value FROM json_each({_ALIASES.format(r="OLD")}) WHERE type = 'text');
    DELETE FROM person_aliases WHERE name = OLD.name AND uses <= 0;
    UPDATE people SET mentions = mentions - 1 WHERE name = OLD.name;
    DELETE FROM people WHERE name = OLD.name AND quotes <= 0 AND mentions <= 0;
END;
CREATE TRIGGER person_aliases_ad AFTER DELETE ON person_aliases BEGIN
    DELETE FROM names WHERE name = OLD.name AND alias = OLD.alias;
END;
CREATE TRIGGER people_ad AFTER DELETE ON people BEGIN
    DELETE FROM names WHERE name = OLD.name;
END;
"""


def _v5_people(db: sqlite_utils.Database) -> None:
    # Before this version /who-said grouped every quotation and decoded every alias list at
    # start (seconds on a large store); now the store keeps the name index itself.
    _run_script(db, _PEOPLE_SQL)
    db.execute(
        # a bare column beside max() comes from the row holding the max: the latest role given
        "INSERT INTO people (name, quotes, speaker_role) "
        "SELECT speaker, n, speaker_role FROM (SELECT speaker, count(*) AS n, speaker_role, "
        "max(CASE WHEN speaker_role IS NOT NULL THEN id END) FROM quotes WHERE speaker IS NOT NULL "
        "GROUP BY speaker)"
    )
    db.execute(
        "INSERT INTO people (name, mentions, role) "
        f"SELECT name, n, described FROM (SELECT e.name AS name, count(*) AS n, {_DESCRIBED.format(r='e')} "
        f"AS described, max(CASE WHEN {_DESCRIBED.format(r='e')} IS NOT NULL THEN e.id END) "
        "FROM entities e WHERE e.type = 'person' GROUP BY e.name) WHERE true "
        "ON CONFLICT (name) DO UPDATE SET mentions = excluded.mentions, role = excluded.role"
    )
    db.execute(
        "INSERT INTO person_aliases (name, alias, uses) "
        "SELECT e.name, j.value, count(DISTINCT e.id) "
        f"FROM entities e, json_each({_ALIASES.format(r='e')}) j "
        "WHERE e.type = 'person' AND e.aliases <> '[]' AND j.type = 'text' AND j.value <> e.name "
        "AND trim(j.value) <> '' GROUP BY e.name, j.value"
    )
    _run_script(db, _PEOPLE_TRIGGERS)
    index_names(db.conn)


def _v6_season_days(db: sqlite_utils.Database) -> None:
    # Seasons ("summer 2026", 2026-SU), decades and centuries had no day bounds before
    # digests.timex was the one reader of TIMEX values: a planned summer event never
    # reached "Coming up". Bounds are recomputed for every event that lacks them.
    rows = db.execute("SELECT id, date, date_end FROM events WHERE day_first IS NULL").fetchall()
    for event_id, value, value_end in rows:
        first, last = day_bounds(value, value_end)
        if first is not None:
            db.execute("UPDATE events SET day_first = ?, day_last = ? WHERE id = ?", [first, last, event_id])


def _run_script(db: sqlite_utils.Database, script: str) -> None:
    # Statement by statement: executescript() would COMMIT the migration's transaction first.
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1_core,
    _v2_full_text,
    _v3_deliveries,
    _v4_event_days,
    _v5_people,
    _v6_season_days,
]
SCHEMA_VERSION = len(MIGRATIONS)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --- person names -----------------------------------------------------------------------------

# Honorifics a user may type before a name ("Mr Lee", "President Xi"); stored names lack them.
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "president", "premier", "chancellor",
    "minister", "prime", "sir", "dame", "gen", "general", "senator", "sen", "rep", "king", "queen",
    "prince", "princess", "pm", "secretary", "ambassador", "chairman", "chair", "mayor", "governor",
})
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def normalise_name(text: str) -> tuple[str, ...]:
    """A name as comparable tokens: accents and case folded, split on spaces, hyphens and dots."""
    if text.isascii():
        return tuple(_TOKEN.findall(text.lower()))
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return tuple(_TOKEN.findall(folded))


def strip_honorifics(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Tokens without leading honorifics ("mr lee" -> "lee"), always keeping one token."""
    rest = tokens
    while len(rest) > 1 and rest[0] in HONORIFICS:
        rest = rest[1:]
    return rest


def name_forms(name: str, alias: str | None = None) -> set[tuple[str, str]]:
    """The ``(kind, form)`` keys under which a person is found: ``full`` for a whole name or
    alias (also without honorifics), ``token`` for each word of the name. A one-word alias
    ("Lee") is a shared surname, so only a token, never a full name."""
    raw = normalise_name(alias if alias is not None else name)
    forms: set[tuple[str, str]] = set()
    if alias is not None and len(raw) == 1:
        return {("token", raw[0])}
    if raw:
        forms.add(("full", " ".join(raw)))
    # "President Lee Jae-myung" is also "Lee Jae-myung"; "Mr Lee" is not "Lee", which many share
    key = strip_honorifics(raw)
    if len(key) >= 2:
        forms.add(("full", " ".join(key)))
    if alias is None:
        forms.update(("token", t) for t in raw)
    return forms


def index_names(conn: sqlite3.Connection) -> int:
    """Write the ``names`` rows of people and aliases not yet indexed; returns how many were.

    Runs inside the caller's transaction (every save calls it; usually nothing is pending)."""
    people = conn.execute("SELECT name FROM people WHERE indexed = 0").fetchall()
    aliases = conn.execute("SELECT name, alias FROM person_aliases WHERE indexed = 0").fetchall()
    if not people and not aliases:
        return 0
    rows = [(kind, form, name, "") for (name,) in people for kind, form in name_forms(name)]
    rows += [(kind, form, name, alias) for name, alias in aliases for kind, form in name_forms(name, alias)]
    conn.executemany("INSERT OR IGNORE INTO names (kind, form, name, alias) VALUES (?, ?, ?, ?)", rows)
    conn.execute("UPDATE people SET indexed = 1 WHERE indexed = 0")
    conn.execute("UPDATE person_aliases SET indexed = 1 WHERE indexed = 0")
    return len(people) + len(aliases)


# --- the store --------------------------------------------------------------------------------


class Store:
    """An open fact store. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, db: sqlite_utils.Database, path: Path, *, readonly: bool = False) -> None:
        self.db = db
        self.path = path
        self.readonly = readonly
        # One connection may be shared by an event loop and its worker threads; writes
        # must not interleave inside a transaction.
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> Store:
        """Open (creating and migrating if needed) the store at ``path``.

        ``readonly`` opens an existing store for queries only, without migrating it.
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
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # The default 2 MB page cache misses on the indexes of a large store at every save.
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            db = sqlite_utils.Database(conn)
            db.execute("PRAGMA foreign_keys = ON")
            store = cls(db, path, readonly=readonly)
            if not readonly:
                db.enable_wal()
                db.execute("PRAGMA synchronous = NORMAL")  # safe in WAL: a crash loses no committed txn
            store._migrate()
        except sqlite3.DatabaseError as err:
            raise StoreError(f"cannot open database {path}: {err}") from None
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        self.db.close()

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

    def _migrate(self) -> None:
        current = self.schema_version()
        if current == 0 and not self.readonly and self.db.table_names():
            raise StoreError(f"{self.path} is a SQLite database of another program (no GeoDigest schema)")
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {current}, newer than this program knows "
                f"({SCHEMA_VERSION}): upgrade GeoDigest"
            )
        if current == SCHEMA_VERSION:
            return
        if self.readonly:
            raise StoreError(f"{self.path} has schema version {current}; open it for writing once to migrate")
        for version in range(current, SCHEMA_VERSION):
            # Each step commits with its version number, so a crash mid-migration resumes at
            # the step that failed instead of replaying finished ones.
            with self._transaction():
                if self.schema_version() > version:
                    continue  # another process migrated this step while we waited for the lock
                MIGRATIONS[version](self.db)
                self.db.execute(
                    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)"
                )
                self.db.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                    [str(version + 1)],
                )

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT: take the write lock up front (waiting up to the busy
        timeout) so that the read-then-write of :meth:`save` cannot deadlock another writer."""
        with self._lock:
            self.db.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if self.db.conn.in_transaction:
                    self.db.conn.execute("ROLLBACK")
                raise
            else:
                self.db.conn.execute("COMMIT")

    # --- writing ------------------------------------------------------------------------------

    def transaction(self) -> AbstractContextManager[None]:
        """A write transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on error) for
        modules that write their own rows (deliveries, channel state) through ``db``."""
        return self._transaction()

    def save(self, article: Article, facts: Extraction) -> tuple[int, SaveStatus]:
        """Store an article and all its facts in one transaction.

        The same article (same canonical URL, else same normalised text) is stored once:
        ``unchanged``. Changed text under the same URL replaces the old text and facts:
        ``updated``. Anything else is ``new``. Returns the article id and that status.
        """
        return self.save_many([(article, facts)])[0]

    def save_many(self, items: Iterable[tuple[Article, Extraction]]) -> list[tuple[int, SaveStatus]]:
        """Like :meth:`save` for several articles in ONE transaction (bulk loads): all or none."""
        if self.readonly:
            raise StoreError("the store is open read-only")
        current: Article | None = None
        try:
            with self._transaction():
                results = []
                for current, facts in items:
                    results.append(self._save_one(current, facts))
                return results
        except sqlite3.DatabaseError as err:
            what = (current.origin or current.title) if current is not None else "articles"
            raise StoreError(f"cannot save {what!r}: {err}") from None

    def _save_one(self, article: Article, facts: Extraction) -> tuple[int, SaveStatus]:
        key, content_hash = article.key, article.content_hash
        row = self.db.conn.execute(
            "SELECT id, content_hash, url, source, published FROM articles WHERE key = ?", [key]
        ).fetchone()
        if row is None:
            row = self.db.conn.execute(
                "SELECT id, content_hash, url, source, published FROM articles "
                "WHERE content_hash = ? ORDER BY id LIMIT 1",
                [content_hash],
            ).fetchone()
        if row is None:
            article_id = self._insert_article(article, key, content_hash)
            self._insert_facts(article_id, facts)
            return article_id, "new"
        article_id, old_hash, old_url, old_source, old_published = row
        if old_hash == content_hash:
            self._fill_metadata(article_id, article, old_url, old_source, old_published)
            return article_id, "unchanged"
        self._replace_article(article_id, article, content_hash)
        self._insert_facts(article_id, facts)
        return article_id, "updated"

    def _replace_article(self, article_id: int, article: Article, content_hash: str) -> None:
        self.db.conn.execute(
            "UPDATE articles SET content_hash = ?, title = ?, source = COALESCE(?, source), "
            "published = COALESCE(?, published), text = ?, origin = COALESCE(?, origin), ingested_at = ? "
            "WHERE id = ?",
            [
                content_hash, article.title, article.source,
                article.published.isoformat() if article.published else None,
                article.text, article.origin, _now(), article_id,
            ],
        )
        self._delete_facts(article_id)

    def _fill_metadata(
        self, article_id: int, article: Article, url: str | None, source: str | None, published: str | None
    ) -> None:
        # The same text seen again may carry what the first copy lacked (a URL from a feed
        # after a local file); keep the first values and fill only the gaps.
        updates: dict[str, Any] = {}
        if url is None and article.url:
            updates["url"] = article.url
            updates["key"] = article.key
        if source is None and article.source:
            updates["source"] = article.source
        if published is None and article.published:
            updates["published"] = article.published.isoformat()
        if "key" in updates and self.db.conn.execute(
            "SELECT 1 FROM articles WHERE key = ?", [updates["key"]]
        ).fetchone():
            del updates["key"], updates["url"]
        if updates:
            self.db.table("articles").update(article_id, updates)

    def _insert_article(self, article: Article, key: str, content_hash: str) -> int:
        cursor = self.db.conn.execute(
            "INSERT INTO articles (key, content_hash, url, title, source, published, text, origin, "
            "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                key, content_hash, article.url, article.title, article.source,
                article.published.isoformat() if article.published else None,
                article.text, article.origin, _now(),
            ],
        )
        assert cursor.lastrowid is not None
        return int(cursor.lastrowid)

    def _delete_facts(self, article_id: int) -> None:
        for table in FACT_TABLES:
            # Row by row through DELETE so the FTS triggers remove the index entries too.
            self.db.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])

    def _insert_facts(self, article_id: int, facts: Extraction) -> None:
        self._insert_many(
            "entities",
            [
                {
                    "article_id": article_id, "name": e.name, "type": e.type,
                    "aliases": json.dumps(e.aliases, ensure_ascii=False), "role": e.role,
                    "affiliation": e.affiliation, "country": e.country,
                    "mentions": json.dumps([list(m) for m in e.mentions]),
                }
                for e in facts.entities
            ],
        )
        self._insert_many(
            "quotes",
            [
                {
                    "article_id": article_id, "speaker": q.speaker, "speaker_role": q.speaker_role,
                    "text": q.text, "kind": q.kind, "cue": q.cue, "start": q.start, "end": q.end,
                    "speaker_start": q.speaker_span[0] if q.speaker_span else None,
                    "speaker_end": q.speaker_span[1] if q.speaker_span else None,
                    "paragraph": q.paragraph,
                }
                for q in facts.quotes
            ],
        )
        event_rows = []
        for ev in facts.events:
            first, last = day_bounds(ev.date, ev.date_end)
            event_rows.append(
                {
                    "article_id": article_id, "date": ev.date, "date_end": ev.date_end,
                    "day_first": first, "day_last": last, "status": ev.status, "text": ev.text,
                    "start": ev.start, "end": ev.end,
                    "entities": json.dumps(ev.entities, ensure_ascii=False), "paragraph": ev.paragraph,
                }
            )
        self._insert_many("events", event_rows)
        self._insert_many(
            "figures",
            [
                {
                    "article_id": article_id, "text": f.text, "value": f.value, "unit": f.unit,
                    "measures": f.measures, "approximate": int(f.approximate), "start": f.start, "end": f.end,
                }
                for f in facts.figures
            ],
        )
        self._insert_many(
            "times",
            [
                {
                    "article_id": article_id, "text": t.text, "start": t.start, "end": t.end,
                    "type": t.type, "value": t.value, "mod": t.mod,
                }
                for t in facts.times
            ],
        )
        if facts.entities or facts.quotes:
            index_names(self.db.conn)

    def _insert_many(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        columns = list(rows[0])
        # One multi-row INSERT, not executemany: each statement writing through the FTS5 triggers
        # opens a savepoint, and FTS5 flushes its pending terms into a new segment at every one,
        # so row-by-row inserts cost a segment merge per row (tens of ms per article at 100k).
        head = "INSERT INTO {} ({}) VALUES ".format(table, ", ".join(f'"{c}"' for c in columns))
        one = "(" + ", ".join("?" for _ in columns) + ")"
        per = max(1, self.db.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(columns))
        for at in range(0, len(rows), per):
            chunk = rows[at:at + per]
            params = [row[c] for row in chunk for c in columns]
            self.db.conn.execute(head + ", ".join([one] * len(chunk)), params)

    def delete_article(self, article_id: int) -> bool:
        """Delete an article and its facts; True when it existed."""
        if self.readonly:
            raise StoreError("the store is open read-only")
        with self._transaction():
            self._delete_facts(article_id)
            cursor = self.db.execute("DELETE FROM articles WHERE id = ?", [article_id])
        return cursor.rowcount > 0

    def prune(self, before: date) -> int:
        """Delete articles published (or, undated, ingested) before ``before``; returns how many."""
        ids = [
            row[0]
            for row in self.db.execute(
                "SELECT id FROM articles WHERE COALESCE(published, substr(ingested_at, 1, 10)) < ?",
                [before.isoformat()],
            ).fetchall()
        ]
        for article_id in ids:
            self.delete_article(article_id)
        return len(ids)

    # --- reading ------------------------------------------------------------------------------

    def count_articles(self) -> int:
        """How many articles the store holds."""
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def list_articles(self, limit: int = 50, offset: int = 0) -> list[StoredArticle]:
        """Stored articles, newest first (by publication day, else ingestion day), with fact counts."""
        rows = self.db.execute(
            "SELECT id FROM articles ORDER BY COALESCE(published, substr(ingested_at, 1, 10)) DESC, id DESC "
            "LIMIT ? OFFSET ?",
            [limit, offset],
        ).fetchall()
        return [a for a in (self.article(r[0]) for r in rows) if a is not None]

    def article(self, article_id: int) -> StoredArticle | None:
        """One stored article with its fact counts, or None."""
        row = self.db.execute(
            "SELECT id, key, title, url, source, published, ingested_at FROM articles WHERE id = ?",
            [article_id],
        ).fetchone()
        if row is None:
            return None
        counts: dict[str, int] = {}
        for table in FACT_TABLES:
            sql = f"SELECT count(*) FROM {table} WHERE article_id = ?"
            counts[table] = int(self.db.execute(sql, [article_id]).fetchone()[0])
        return StoredArticle(
            id=row[0], key=row[1], title=row[2], url=row[3], source=row[4],
            published=date.fromisoformat(row[5]) if row[5] else None,
            ingested_at=datetime.fromisoformat(row[6]), counts=counts,
        )

    def article_id(self, article: Article) -> int | None:
        """The id under which this article (by key, else content) is stored, or None."""
        row = self.db.execute(
            "SELECT id FROM articles WHERE key = ? OR content_hash = ? ORDER BY key = ? DESC LIMIT 1",
            [article.key, article.content_hash, article.key],
        ).fetchone()
        return int(row[0]) if row else None

    def text_for_url(self, url: str) -> str | None:
        """The stored text of the article at this URL (canonicalised), or None."""
        key = "url:" + canonical_url(url)
        row = self.db.execute("SELECT text FROM articles WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else None

    def article_text(self, article_id: int) -> str:
        """The stored body text of an article (facts' offsets index it); KeyError if absent."""
        row = self.db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            raise KeyError(article_id)
        return str(row[0])

    def facts(self, article_id: int) -> Extraction:
        """The stored facts of one article, as the models they were saved from."""
        q = self.db.query
        return Extraction(
            entities=[
                Entity(
                    name=r["name"], type=r["type"], aliases=json.loads(r["aliases"]), role=r["role"],
                    affiliation=r["affiliation"], country=r["country"],
                    mentions=[tuple(m) for m in json.loads(r["mentions"])],
                )
                for r in q("SELECT * FROM entities WHERE article_id = ? ORDER BY id", [article_id])
            ],
            quotes=[
                Quote(
                    speaker=r["speaker"], speaker_role=r["speaker_role"], text=r["text"], kind=r["kind"],
                    cue=r["cue"], start=r["start"], end=r["end"], paragraph=r["paragraph"],
                    speaker_span=(
                        (r["speaker_start"], r["speaker_end"]) if r["speaker_start"] is not None else None
                    ),
                )
                for r in q("SELECT * FROM quotes WHERE article_id = ? ORDER BY id", [article_id])
            ],
            events=[
                Event(
                    date=r["date"], date_end=r["date_end"], status=r["status"], text=r["text"],
                    start=r["start"], end=r["end"], entities=json.loads(r["entities"]),
                    paragraph=r["paragraph"],
                )
                for r in q("SELECT * FROM events WHERE article_id = ? ORDER BY id", [article_id])
            ],
            figures=[
                Figure(
                    text=r["text"], value=r["value"], unit=r["unit"], measures=r["measures"],
                    approximate=bool(r["approximate"]), start=r["start"], end=r["end"],
                )
                for r in q("SELECT * FROM figures WHERE article_id = ? ORDER BY id", [article_id])
            ],
            times=[
                TimeExpression(
                    text=r["text"], start=r["start"], end=r["end"], type=r["type"], value=r["value"],
                    mod=r["mod"],
                )
                for r in q("SELECT * FROM times WHERE article_id = ? ORDER BY id", [article_id])
            ],
        )

    def search_quotes(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Quotation rows matching an FTS5 query over text and speaker, best first."""
        return list(self.db.table("quotes").search(query, limit=limit))

    def search_events(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Event rows matching an FTS5 query over their text, best first."""
        return list(self.db.table("events").search(query, limit=limit))
