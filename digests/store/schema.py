"""The schema: an ordered list of migrations, each moving a store from one version to the next.

The version is kept in ``meta``; :meth:`digests.store.Store.open` runs the missing steps.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import sqlite_utils

from digests.timex import day_bounds

ARTICLE_CHUNK = 500  # articles a migration reads at a time (texts of a large store do not fit in memory)

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
    _add_column(db, "events", "day_first", "TEXT")
    _add_column(db, "events", "day_last", "TEXT")
    rows = db.execute("SELECT id, date, date_end FROM events").fetchall()
    for event_id, value, value_end in rows:
        first, last = day_bounds(value, value_end)
        db.execute("UPDATE events SET day_first = ?, day_last = ? WHERE id = ?", [first, last, event_id])
    db.execute("CREATE INDEX IF NOT EXISTS idx_events_day_first ON events(day_first)")


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
    # imported here: the name index module builds on the connection, which imports this one
    from digests.store.names import index_names

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


def _v7_leads(db: sqlite_utils.Database) -> None:
    # An article's lead (digests.lead) is found once, when it is saved, instead of at every
    # digest: the offsets of its lead paragraph and of the sentence a digest tells.
    from digests.lead import HEAD_CHARS, find_lead

    for column in ("lead_start", "lead_end", "lead_sentence_end"):
        _add_column(db, "articles", column, "INTEGER NOT NULL DEFAULT 0")
    for rows in _articles_in_chunks(db.conn, f"title, substr(text, 1, {int(HEAD_CHARS)})"):
        for article_id, title, head in rows:
            lead = find_lead(head or "", title or "")
            if lead.end:
                db.execute(
                    "UPDATE articles SET lead_start = ?, lead_end = ?, lead_sentence_end = ? WHERE id = ?",
                    [lead.start, lead.end, lead.sentence_end, article_id],
                )


# The terms of each article (digests.terms) and, kept exact by triggers on every insert and
# delete, in how many articles each term occurs: story grouping weighs terms by that rarity.
_TERMS_SQL = """
CREATE TABLE article_terms (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    terms TEXT NOT NULL
);
CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TRIGGER term_df_ai AFTER INSERT ON article_terms BEGIN
    INSERT INTO term_df (term, df) SELECT key, 1 FROM json_each(NEW.terms) WHERE true
    ON CONFLICT (term) DO UPDATE SET df = df + 1;
END;
CREATE TRIGGER term_df_ad AFTER DELETE ON article_terms BEGIN
    UPDATE term_df SET df = df - 1 WHERE term IN (SELECT key FROM json_each(OLD.terms));
    DELETE FROM term_df WHERE df <= 0 AND term IN (SELECT key FROM json_each(OLD.terms));
END;
"""


def _v8_terms(db: sqlite_utils.Database) -> None:
    # Story grouping compares articles on their terms, weighed by the store's document
    # frequencies; both are kept at save time from this version on.
    from digests.terms import BODY_CHARS, terms_json

    _run_script(db, _TERMS_SQL)
    for rows in _articles_in_chunks(db.conn, f"title, substr(text, 1, {int(BODY_CHARS)})"):
        db.conn.executemany(
            "INSERT INTO article_terms (article_id, terms) VALUES (?, ?)",
            [(aid, terms_json(title or "", text or "")) for aid, title, text in rows],
        )


def _v9_outlets(db: sqlite_utils.Database) -> None:
    # Furniture learnt from repetition (digests.furniture): the line hashes each article
    # prints, per outlet; and each article's kind (digests.opinion), news or opinion.
    from digests.furniture import article_lines, outlet_of
    from digests.opinion import article_kind

    _add_column(db, "articles", "kind", "TEXT NOT NULL DEFAULT 'news'")
    _run_script(
        db,
        """
        CREATE TABLE outlet_lines (
            outlet TEXT NOT NULL, hash INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
        );
        CREATE INDEX idx_outlet_lines_hash ON outlet_lines(outlet, hash);
        CREATE INDEX idx_outlet_lines_article ON outlet_lines(article_id);
        """
    )
    for rows in _articles_in_chunks(db.conn, "url, source, title, text"):
        for article_id, url, source, title, text in rows:
            kind = article_kind(url, title or "", text or "", source)
            if kind != "news":
                db.execute("UPDATE articles SET kind = ? WHERE id = ?", [kind, article_id])
            outlet = outlet_of(url, source)
            if outlet is not None:
                db.conn.executemany(
                    "INSERT INTO outlet_lines (outlet, hash, article_id) VALUES (?, ?, ?)",
                    [(outlet, h, article_id) for h in article_lines(text or "")],
                )


# Watches and channel settings (digests.watches, digests.settings): what each channel watches,
# the facts of new articles that matched a watch (each in at most one alert batch, the batch
# delivered through the delivery ledger), each channel's digest scope set from chat, and who
# changed it when.
_WATCHES_SQL = """
CREATE TABLE IF NOT EXISTS watches (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    label TEXT NOT NULL,
    query TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    after_article_id INTEGER NOT NULL DEFAULT 0,
    UNIQUE (channel, kind, key)
);
CREATE TABLE IF NOT EXISTS watch_hits (
    id INTEGER PRIMARY KEY,
    watch_id INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
    channel TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    fact TEXT NOT NULL,
    created_at TEXT NOT NULL,
    batch TEXT,
    story INTEGER,
    UNIQUE (watch_id, article_id)
);
CREATE INDEX IF NOT EXISTS idx_watch_hits_pending ON watch_hits(channel, id) WHERE batch IS NULL;
CREATE INDEX IF NOT EXISTS idx_watch_hits_batch ON watch_hits(channel, batch);
CREATE INDEX IF NOT EXISTS idx_watch_hits_article ON watch_hits(article_id);
CREATE TABLE IF NOT EXISTS channel_settings (
    channel TEXT PRIMARY KEY,
    settings TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS settings_log (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    user TEXT NOT NULL,
    at TEXT NOT NULL,
    change TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_settings_log_channel ON settings_log(channel, id);
"""


def _v10_watches(db: sqlite_utils.Database) -> None:
    # Watches alert on articles stored after they were added; the scan mark starts at the
    # newest article, so an upgraded store does not alert on its past. (IF NOT EXISTS: a file
    # put back to an older version by hand, as tests do, may still hold these tables.)
    _run_script(db, _WATCHES_SQL)
    row = db.execute("SELECT max(id) FROM articles").fetchone()
    db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('watch_scan_mark', ?)",
               [str(int(row[0] or 0))])


def _v11_feeds(db: sqlite_utils.Database) -> None:
    # Feeds added from chat (/feeds add) and each feed poll's outcome (digests.feeds: health).
    # IF NOT EXISTS: tests put stores back to older versions without dropping later tables.
    _run_script(
        db,
        """
        CREATE TABLE IF NOT EXISTS feeds (
            id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, added_by TEXT, added_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS feed_polls (
            id INTEGER PRIMARY KEY, url TEXT NOT NULL, at TEXT NOT NULL, ok INTEGER NOT NULL,
            new INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0, error TEXT
        );
        CREATE INDEX IF NOT EXISTS idx_feed_polls_url ON feed_polls(url, id);
        """,
    )


def _v12_event_cues(db: sqlite_utils.Database) -> None:
    # The words an event's status rests on ("postponed", "media reported", "will"): kept with
    # the event so that a reader (and Coming up) can see why it is planned, reported or off.
    # Events stored before have none until they are extracted again (geodigest reextract).
    _add_column(db, "events", "cue", "TEXT")


_STORIES_SQL = """
CREATE TABLE story_members (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL,
    day TEXT NOT NULL,
    norm REAL NOT NULL,
    links BLOB,
    ahead INTEGER NOT NULL DEFAULT 0,
    lead TEXT NOT NULL DEFAULT '',
    lead_norm REAL NOT NULL DEFAULT 0
);
CREATE INDEX idx_story_members_story ON story_members(story_id, day);
CREATE TABLE story_keys (
    term TEXT NOT NULL,
    day TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (term, day, article_id)
) WITHOUT ROWID;
CREATE INDEX idx_story_keys_article ON story_keys(article_id);
"""


def _v13_stories(db: sqlite_utils.Database) -> None:
    # Stories are kept in the store (digests.store.stories), not computed by each digest:
    # the people, places and organisations of each article become terms too ("@name"),
    # and every stored article is grouped once, in the canonical order.
    from digests.store.stories import regroup_all
    from digests.terms import BODY_CHARS, terms_json

    _run_script(db, _STORIES_SQL)
    conn = db.conn
    # a chunk of articles at a time, with their entities: a large store's texts never all in memory
    for rows in _articles_in_chunks(conn, f"title, substr(text, 1, {int(BODY_CHARS)})"):
        ents: dict[int, list[tuple[str, str, int]]] = {}
        for aid, name, kind, mentions in conn.execute(
            "SELECT article_id, name, type, json_array_length(mentions) FROM entities "
            "WHERE article_id BETWEEN ? AND ? ORDER BY article_id, id",
            [rows[0][0], rows[-1][0]],
        ):
            ents.setdefault(aid, []).append((name or "", kind or "", int(mentions or 0)))
        conn.executemany(
            "UPDATE article_terms SET terms = ? WHERE article_id = ?",
            [(terms_json(title or "", text or "", ents.get(aid, ())), aid) for aid, title, text in rows],
        )
    # an UPDATE fires no trigger: the frequencies are counted again from the new terms
    conn.execute("DELETE FROM term_df")
    conn.execute(
        "INSERT INTO term_df (term, df) SELECT j.key, count(*) FROM article_terms t, json_each(t.terms) j "
        "GROUP BY j.key"
    )
    regroup_all(conn)


def _v14_identities(db: sqlite_utils.Database) -> None:
    # Merges and splits of people's identities that the names alone cannot tell
    # (digests.store.identities); the identities themselves are computed from the names.
    db.execute(
        "CREATE TABLE IF NOT EXISTS identity_links ("
        "name TEXT PRIMARY KEY, how TEXT NOT NULL CHECK (how IN ('merge', 'split')), other TEXT NOT NULL)"
    )


def _v15_outlet_lines_by_line(db: sqlite_utils.Database) -> None:
    # Ingest asks, for each line of a new article, which other articles of its outlet print it
    # (digests.furniture). Through the index on (outlet, hash) each answer row cost a look-up of
    # its table row for the article id, a random page of a table of millions: half the ingest time
    # at 100k articles. The lines now live in a table keyed by (outlet, hash, article_id), which
    # answers from one run of pages.
    _run_script(
        db,
        """
        CREATE TABLE outlet_lines_by_line (
            outlet TEXT NOT NULL, hash INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (outlet, hash, article_id)
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO outlet_lines_by_line (outlet, hash, article_id)
            SELECT outlet, hash, article_id FROM outlet_lines ORDER BY outlet, hash, article_id;
        DROP TABLE outlet_lines;
        ALTER TABLE outlet_lines_by_line RENAME TO outlet_lines;
        CREATE INDEX idx_outlet_lines_article ON outlet_lines(article_id);
        """,
    )


# Full-text rows are written once per transaction (digests.store.articles: the quotations and events
# stored after the last indexed row), not by a trigger per insert: a trigger writes through FTS5 at
# every statement, and FTS5 flushes its pending terms into a new index segment at each, a segment per
# table and article. Deletes and updates stay with triggers (a cascade from a deleted article must
# leave the index too), for rows already indexed only: a row inserted in the same transaction is not
# in the index yet. A row's id above the largest id of the index's docsize table is such a row
# (new rows take ids above every stored one).
_FTS_TRIGGERS = {
    "quotes": ('"text", "speaker"', 'old."text", old."speaker"', 'new."text", new."speaker"'),
    "events": ('"text"', 'old."text"', 'new."text"'),
}


def fts_indexed_below(table: str) -> str:
    """SQL for the largest id of ``table``'s rows in its full-text index (0 for none): every row of
    ``table`` up to it is indexed, none above it."""
    return f"(SELECT COALESCE(max(id), 0) FROM {table}_fts_docsize)"


def _v16_full_text_at_commit(db: sqlite_utils.Database) -> None:
    for table, (columns, old, new) in _FTS_TRIGGERS.items():
        for suffix in ("ai", "ad", "au"):
            db.execute(f'DROP TRIGGER IF EXISTS "{table}_{suffix}"')
        indexed = f"old.rowid <= {fts_indexed_below(table)}"
        forget = (
            f"INSERT INTO \"{table}_fts\" (\"{table}_fts\", rowid, {columns}) "
            f"VALUES ('delete', old.rowid, {old});"
        )
        index = f'INSERT INTO "{table}_fts" (rowid, {columns}) VALUES (new.rowid, {new});'
        db.execute(f'CREATE TRIGGER "{table}_ad" AFTER DELETE ON "{table}" WHEN {indexed} BEGIN {forget} END')
        db.execute(
            f'CREATE TRIGGER "{table}_au" AFTER UPDATE ON "{table}" WHEN {indexed} BEGIN {forget} {index} END'
        )


def _add_column(db: sqlite_utils.Database, table: str, column: str, declaration: str) -> None:
    """ALTER TABLE ... ADD COLUMN unless the column is there: a store made by a development
    build may already have it, and SQLite refuses to add a column twice."""
    if not any(row[1] == column for row in db.execute(f'PRAGMA table_info("{table}")').fetchall()):
        db.execute(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {declaration}')


def _articles_in_chunks(conn: sqlite3.Connection, columns: str) -> Iterator[list[tuple[Any, ...]]]:
    """Every article's ``id`` and ``columns`` (SQL expressions), in id order, ``ARTICLE_CHUNK``
    rows at a time: a migration that reads every stored text holds one chunk, never the store."""
    last = 0
    while True:
        rows = conn.execute(
            f"SELECT id, {columns} FROM articles WHERE id > ? ORDER BY id LIMIT ?", [last, ARTICLE_CHUNK]
        ).fetchall()
        if not rows:
            return
        yield rows
        last = int(rows[-1][0])


def _v17_story_links(db: sqlite_utils.Database) -> None:
    # Each article's similarities with the candidates its grouping compared (digests.store.stories,
    # links), so that an ingest run can regroup the stories it touched without comparing again.
    # Articles grouped before have none: they are compared again when their story is next regrouped.
    # (A store older than version 13 has the column already: that migration groups every article.)
    _add_column(db, "story_members", "links", "BLOB")


def _v18_story_ahead(db: sqlite_utils.Database) -> None:
    # How many days beyond its publication each article's lead announces a planned event
    # (digests.store.stories.lead_ahead): a preview and the report of what it announced are told
    # days apart but of the same days. Articles grouped before count 0 until they are grouped again
    # (geodigest reextract, a regrouping). (A store older than version 13 has it: that migration
    # groups every article.)
    _add_column(db, "story_members", "ahead", "INTEGER NOT NULL DEFAULT 0")


def _v19_story_leads(db: sqlite_utils.Database) -> None:
    # Each article's lead sentence words as grouping compares them, and that vector's length under
    # the frequencies of when it was grouped (digests.store.stories: a candidate's lead is read with
    # its membership, not from its text). Articles grouped before have none (their lead adds nothing
    # to a similarity) until they are grouped again (geodigest reextract, a regrouping). (A store
    # older than version 13 has them: that migration groups every article.)
    _add_column(db, "story_members", "lead", "TEXT NOT NULL DEFAULT ''")
    _add_column(db, "story_members", "lead_norm", "REAL NOT NULL DEFAULT 0")


# What the credits of each speaker's quotations show, counted (digests.store.identities reads it:
# the role one person is credited with most over the whole store). One row per speaker name and
# (the quotation's role, the role and affiliation of the speaker's entity in its article), '' for
# none: the rows of quotes LEFT JOIN entities on (article, name), grouped, kept exact by triggers on
# every insert and delete of a quotation or entity, in either order (saves, replacing, deleting,
# pruning, cascades, bulk copies alike; facts are never updated in place). A digest then reads a few
# rows per person instead of every quotation of that person in the store. ``+`` keeps the planner
# on the article's index: a popular name's index holds rows of the whole store.
_SPEAKER_ROLES_SQL = """
CREATE TABLE speaker_roles (
    name TEXT NOT NULL,
    quote_role TEXT NOT NULL,
    entity_role TEXT NOT NULL,
    affiliation TEXT NOT NULL,
    uses INTEGER NOT NULL,
    PRIMARY KEY (name, quote_role, entity_role, affiliation)
) WITHOUT ROWID;
"""
_ADD_USES = (
    "ON CONFLICT (name, quote_role, entity_role, affiliation) DO UPDATE SET uses = uses + excluded.uses"
)
_INSERT_ROLES = "INSERT INTO speaker_roles (name, quote_role, entity_role, affiliation, uses)"


def _quote_rows(r: str, sign: str) -> str:
    """One quotation's rows (``r``: NEW or OLD), each counted ``sign``: one per entity of its
    speaker's name in its article, or one without (the upsert adds up rows of one key)."""
    return (
        f"{_INSERT_ROLES} SELECT {r}.speaker, COALESCE({r}.speaker_role, ''), COALESCE(e.role, ''), "
        f"COALESCE(e.affiliation, ''), {sign}1 FROM (SELECT 1) LEFT JOIN entities e "
        f"ON e.article_id = {r}.article_id AND +e.name = {r}.speaker WHERE true {_ADD_USES};"
    )


def _entity_rows(r: str, sign: str, alone: bool) -> str:
    """The rows of the quotations of an entity's name in its article (``r``: NEW or OLD), each
    counted ``sign``: with the entity's role, or (``alone``) without one, when the article has no
    other entity of that name."""
    role = "'', ''" if alone else f"COALESCE({r}.role, ''), COALESCE({r}.affiliation, '')"
    other = f"SELECT 1 FROM entities o WHERE o.article_id = {r}.article_id AND +o.name = {r}.name"
    if r == "NEW":
        other += " AND o.id <> NEW.id"
    return (
        f"{_INSERT_ROLES} SELECT {r}.name, COALESCE(q.speaker_role, ''), {role}, {sign}1 "
        f"FROM quotes q WHERE q.article_id = {r}.article_id AND +q.speaker = {r}.name "
        f"{f'AND NOT EXISTS ({other})' if alone else ''} {_ADD_USES};"
    )


# an entity whose name speaks in its article (none at a save: its entities are written first)
_SPEAKS = "EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = {r}.article_id AND +q.speaker = {r}.name)"
_SPEAKER_ROLES_TRIGGERS = f"""
CREATE TRIGGER speaker_roles_quote_ai AFTER INSERT ON quotes WHEN NEW.speaker IS NOT NULL BEGIN
    {_quote_rows("NEW", "")}
END;
CREATE TRIGGER speaker_roles_quote_ad AFTER DELETE ON quotes WHEN OLD.speaker IS NOT NULL BEGIN
    {_quote_rows("OLD", "-")}
    DELETE FROM speaker_roles WHERE name = OLD.speaker AND uses <= 0;
END;
CREATE TRIGGER speaker_roles_entity_ai AFTER INSERT ON entities WHEN {_SPEAKS.format(r="NEW")} BEGIN
    {_entity_rows("NEW", "-", alone=True)}
    {_entity_rows("NEW", "", alone=False)}
    DELETE FROM speaker_roles WHERE name = NEW.name AND uses <= 0;
END;
CREATE TRIGGER speaker_roles_entity_ad AFTER DELETE ON entities WHEN {_SPEAKS.format(r="OLD")} BEGIN
    {_entity_rows("OLD", "-", alone=False)}
    {_entity_rows("OLD", "", alone=True)}
    DELETE FROM speaker_roles WHERE name = OLD.name AND uses <= 0;
END;
"""


# What the entities say of each name (digests.store.identities: a name extracted only as an
# organisation or a place is no person's; the countries given to it): one row per name, type and
# country ('' for none) with the entities giving them, kept by triggers like the people's counts.
_NAME_KINDS_SQL = """
CREATE TABLE name_kinds (
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    country TEXT NOT NULL,
    uses INTEGER NOT NULL,
    PRIMARY KEY (name, type, country)
) WITHOUT ROWID;
"""
_NAME_KINDS_TRIGGERS = """
CREATE TRIGGER name_kinds_ai AFTER INSERT ON entities BEGIN
    INSERT INTO name_kinds (name, type, country, uses)
    VALUES (NEW.name, NEW.type, COALESCE(NEW.country, ''), 1)
    ON CONFLICT (name, type, country) DO UPDATE SET uses = uses + 1;
END;
CREATE TRIGGER name_kinds_ad AFTER DELETE ON entities BEGIN
    UPDATE name_kinds SET uses = uses - 1
    WHERE name = OLD.name AND type = OLD.type AND country = COALESCE(OLD.country, '');
    DELETE FROM name_kinds WHERE name = OLD.name AND type = OLD.type AND country = COALESCE(OLD.country, '')
        AND uses <= 0;
END;
"""


def _v20_identity_counts(db: sqlite_utils.Database) -> None:
    # Before this version each digest counted the roles of every quotation of each person it listed,
    # and read every entity of each name it resolved, over the whole store (seconds on a large
    # store: the cost grew with the store, not the period).
    # Counted afresh from the facts, so that a store a development build left at this step is right.
    for trigger in ("quote_ai", "quote_ad", "entity_ai", "entity_ad"):
        db.execute(f"DROP TRIGGER IF EXISTS speaker_roles_{trigger}")
    db.execute("DROP TRIGGER IF EXISTS name_kinds_ai")
    db.execute("DROP TRIGGER IF EXISTS name_kinds_ad")
    db.execute("DROP TABLE IF EXISTS speaker_roles")
    db.execute("DROP TABLE IF EXISTS name_kinds")
    _run_script(db, _SPEAKER_ROLES_SQL)
    db.execute(
        f"{_INSERT_ROLES} SELECT q.speaker, COALESCE(q.speaker_role, ''), COALESCE(e.role, ''), "
        "COALESCE(e.affiliation, ''), count(*) FROM quotes q LEFT JOIN entities e "
        "ON e.article_id = q.article_id AND +e.name = q.speaker "
        "WHERE q.speaker IS NOT NULL GROUP BY 1, 2, 3, 4"
    )
    _run_script(db, _SPEAKER_ROLES_TRIGGERS)
    _run_script(db, _NAME_KINDS_SQL)
    db.execute(
        "INSERT INTO name_kinds (name, type, country, uses) "
        "SELECT name, type, COALESCE(country, ''), count(*) FROM entities GROUP BY 1, 2, 3"
    )
    _run_script(db, _NAME_KINDS_TRIGGERS)


def _v21_shown_words(db: sqlite_utils.Database) -> None:
    # The words each event is shown in (digests.extract.shown): decided at extraction, no longer read
    # off the article's text by each digest. Stored events get them now, from what the store keeps of
    # their articles (the text, the times found in it, the people, the headline, the day): the same words the
    # digest showed before, and no stored event shown as a cut clause until it is extracted again. One
    # Doc per article with events (its sentences), no extraction; in this step's transaction, so that
    # an interrupted upgrade leaves the store as it was.
    _add_column(db, "events", "sentence", "TEXT NOT NULL DEFAULT ''")
    _add_column(db, "events", "shown", "TEXT NOT NULL DEFAULT ''")
    from digests.extract.shown import stored_shown

    conn = db.conn
    for rows in _articles_in_chunks(conn, "title, text, substr(published, 1, 10)"):
        ids = json.dumps([r[0] for r in rows])
        events: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
        for row in conn.execute(
            'SELECT article_id, id, date, date_end, status, text, start, "end" FROM events '
            "WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, id", [ids]
        ):
            events[row[0]].append(row[1:])
        if not events:
            continue
        times: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for aid, start, value in conn.execute(
            "SELECT article_id, start, value FROM times WHERE article_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY article_id, start, id", [ids]
        ):
            times[aid].append((start, value))
        people: dict[int, list[str]] = defaultdict(list)
        for aid, name in conn.execute(
            "SELECT article_id, name FROM entities WHERE type = 'person' AND article_id IN "
            "(SELECT value FROM json_each(?)) ORDER BY article_id, id", [ids]
        ):
            people[aid].append(name)
        for aid, title, text, day in rows:
            if aid not in events:
                continue
            words = stored_shown(text or "", events[aid], times[aid], people[aid], day or None, title or "")
            conn.executemany("UPDATE events SET sentence = ?, shown = ? WHERE id = ?", words)


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
    _v7_leads,
    _v8_terms,
    _v9_outlets,
    _v10_watches,
    _v11_feeds,
    _v12_event_cues,
    _v13_stories,
    _v14_identities,
    _v15_outlet_lines_by_line,
    _v16_full_text_at_commit,
    _v17_story_links,
    _v18_story_ahead,
    _v19_story_leads,
    _v20_identity_counts,
    _v21_shown_words,
]
SCHEMA_VERSION = len(MIGRATIONS)

