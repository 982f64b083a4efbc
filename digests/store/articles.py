"""Articles and their facts: saving (one transaction per article or batch), bulk inserts, reading back.

The same article (canonical URL, else normalised text) is stored once; changed text under
the same URL replaces the old text and facts. Facts go in as one multi-row INSERT per table.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime
from typing import Any, Literal

from digests.derive import FACT_COLUMNS, Derived, FactRows, derive, fact_rows
from digests.errors import StoreError, store_error
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
from digests.store.connection import now_stamp
from digests.store.names import index_names
from digests.store.outlets import OutletsMixin
from digests.store.schema import fts_indexed_below
from digests.store.stories import Known, StoriesMixin, lead_sentence

#: ``copy``: the text is stored already as another article, under another link; nothing was stored
SaveStatus = Literal["new", "updated", "unchanged", "copy"]
#: an article's facts as extracted, or as the rows the store inserts (built by the extraction worker,
#: :func:`digests.derive.fact_rows`; then what is derived from the article must come with them)
Facts = Extraction | FactRows
#: what :meth:`ArticlesMixin.save_each` takes per article: the article, its facts, the hashes of
#: lines its outlet repeats, and what is derived from it when already computed
ToSave = tuple[Article, Facts, Collection[int], "Derived | None"]


def _another_articles(article: Article, key: str, stored_key: str, stored_url: str | None) -> bool:
    """Whether the stored article found by this article's text is another article: both have a
    link and the links differ (a page syndicated under another address). The same text without a
    link (a local file) is the stored article seen again."""
    return article.url is not None and stored_url is not None and stored_key != key


def _redated(article: Article, stored: str | None) -> bool:
    """Whether the article brings a publication date other than the stored one (or the first):
    its facts are then extracted again, since relative dates resolve against it."""
    return article.published is not None and stored != article.published.isoformat()
FACT_TABLES = ("entities", "quotes", "events", "figures", "times")
#: the tables with a full-text index, and its columns
FTS_COLUMNS = {"quotes": '"text", "speaker"', "events": '"text"'}


def _derived(
    article: Article, learned: Collection[int], facts: Facts | None, derived: Derived | None
) -> Derived:
    """What is derived from the article: as given, else computed (which needs the extraction)."""
    if derived is not None:
        return derived
    if isinstance(facts, FactRows):
        raise TypeError("facts given as rows need what is derived from the article with them")
    return derive(article, learned, facts)


def _day(article: Article) -> str:
    """The day an article is grouped under: its publication, else today (its ingestion)."""
    return article.published.isoformat() if article.published else now_stamp()[:10]


class ArticlesMixin(OutletsMixin, StoriesMixin):
    """Saving, deleting and reading articles and their facts."""

    _copy_sql: list[str] | None = None  # copy_facts' statements, built at its first call
    _fts_pending = False  # quotations or events stored in this transaction, not yet in the full-text index

    def _before_commit(self) -> None:
        # The full-text rows of the transaction's new quotations and events, one statement per
        # table: FTS5 then writes one index segment per transaction, not one per article and table.
        if not self._fts_pending:
            return
        self._fts_pending = False
        for table, columns in FTS_COLUMNS.items():
            indexed = self.db.conn.execute(f"SELECT {fts_indexed_below(table)}").fetchone()[0]
            self.db.conn.execute(
                f"INSERT INTO {table}_fts (rowid, {columns}) SELECT id, {columns} FROM {table} WHERE id > ?",
                [indexed],
            )

    def _after_rollback(self) -> None:
        self._fts_pending = False
        self._runs_cache = None  # it may hold runs of articles the rollback took back

    def save(
        self, article: Article, facts: Facts, learned: Collection[int] = (),
        derived: Derived | None = None,
    ) -> tuple[int, SaveStatus]:
        """Store an article and all its facts in one transaction.

        The same article (same canonical URL, else same normalised text) is stored once:
        ``unchanged``. Changed text under the same URL replaces the old text and facts:
        ``updated``. The text of a stored article under another URL is stored nothing of:
        ``copy``, with the id of the article it copies. Anything else is ``new``. Returns the
        article id and that status.
        ``learned`` are the hashes of lines the article's outlet repeats (never its lead);
        ``derived`` is :func:`digests.derive.derive` of the article when already computed (needed
        when ``facts`` are :class:`digests.derive.FactRows`).
        """
        return self.save_each([(article, facts, learned, derived)])[0]

    def save_many(self, items: Iterable[tuple[Article, Extraction]]) -> list[tuple[int, SaveStatus]]:
        """Like :meth:`save` for several articles in ONE transaction (bulk loads): all or none."""
        return self.save_each([(article, facts, (), None) for article, facts in items])

    def save_each(
        self, items: Sequence[ToSave], identities: Sequence[tuple[str, str]] | None = None
    ) -> list[tuple[int, SaveStatus]]:
        """Save several articles in one transaction, each as :meth:`save` would: all or none.

        Items are ``(article, facts, learned, derived)`` as :meth:`save` takes them. One commit
        for many articles is what makes ingest fast: a commit writes every page the transaction
        touched, and consecutive articles touch many of the same. When anything fails, nothing
        of the batch is stored and the :class:`StoreError` is raised: save them one by one then
        to keep the others (no savepoint per article: each would copy every page it touches).
        ``identities`` are the articles' keys and content hashes, when the caller has them.
        """
        if self.readonly:
            raise StoreError("the store is open read-only")
        current: Article | None = None
        try:
            with self._transaction():
                results = []
                for i, (current, facts, learned, derived) in enumerate(items):
                    known = identities[i] if identities is not None else None
                    results.append(self._save_one(current, facts, learned, derived, known))
                return results
        except sqlite3.DatabaseError as err:
            what = (current.origin or current.title) if current is not None else "articles"
            raise store_error(err, self.path, f"save {what!r}") from None

    def _save_one(
        self, article: Article, facts: Facts, learned: Collection[int] = (),
        derived: Derived | None = None, identity: tuple[str, str] | None = None,
    ) -> tuple[int, SaveStatus]:
        key, content_hash = identity if identity is not None else (article.key, article.content_hash)
        row = self.db.conn.execute(
            "SELECT id, content_hash, url, source, published, key FROM articles WHERE key = ?", [key]
        ).fetchone()
        if row is None:
            row = self.db.conn.execute(
                "SELECT id, content_hash, url, source, published, key FROM articles "
                "WHERE content_hash = ? ORDER BY id LIMIT 1",
                [content_hash],
            ).fetchone()
        if row is None:
            derived = _derived(article, learned, facts, derived)
            return self._insert_new(article, facts, key, content_hash, derived), "new"
        article_id, old_hash, old_url, old_source, old_published, old_key = row
        if _another_articles(article, key, old_key, old_url):
            return article_id, "copy"  # not its title, date or source over the other's either
        if old_hash == content_hash and not _redated(article, old_published):
            self._fill_metadata(article_id, article, old_url, old_source, old_published)
            return article_id, "unchanged"
        self._replace_article(article_id, article, content_hash, _derived(article, learned, facts, derived))
        self._insert_facts(article_id, facts)
        return article_id, "updated"

    def _replace_article(
        self, article_id: int, article: Article, content_hash: str, derived: Derived
    ) -> None:
        lead = derived.lead
        self.db.conn.execute(
            "UPDATE articles SET content_hash = ?, title = ?, source = COALESCE(?, source), "
            "published = COALESCE(?, published), text = ?, origin = COALESCE(?, origin), ingested_at = ?, "
            "lead_start = ?, lead_end = ?, lead_sentence_end = ?, kind = ? WHERE id = ?",
            [
                content_hash, article.title, article.source,
                article.published.isoformat() if article.published else None,
                article.text, article.origin, now_stamp(), lead.start, lead.end, lead.sentence_end,
                derived.kind, article_id,
            ],
        )
        self._delete_facts(article_id)
        # its facts are inserted after: grouped, like before, without quotations of its own
        self._replace_derived(article_id, article, derived, quoted=False)

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

    def insert_article(
        self, article: Article, facts: Facts | None = None, *, content_hash: str | None = None,
        derived: Derived | None = None,
    ) -> int:
        """Insert an article known to be new, with its facts; returns its id. For bulk loads:

        no look-up of an earlier copy (a duplicate key raises), and no transaction of its own:
        call it inside :meth:`transaction`, as many times as a batch holds. ``content_hash``
        and ``derived`` (:func:`digests.derive.derive` of the article and its facts, no learnt
        lines) may be given when already computed, as a bulk loader's workers can: they are the
        costly part of an insert. The article joins a story as :meth:`save` would have it join,
        but no ingest run settles it (:meth:`settle_stories` regroups around a run's own
        articles): after a bulk load, :meth:`regroup` makes its stories independent of order.
        """
        if self.readonly:
            raise StoreError("the store is open read-only")
        return self._insert_new(
            article, facts, article.key, content_hash or article.content_hash, derived, settle=False
        )

    def copy_facts(self, pairs: Iterable[tuple[int, int]]) -> None:
        """Give each article (first id) a copy of the facts of another (second id), in SQL.

        For synthetic bulk loads (the benchmark); call it inside :meth:`transaction`. The
        copied people reach the name index at the next save of an article with facts."""
        pairs = list(pairs)
        if not pairs:
            return
        if self._copy_sql is None:
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS copy_map (new_id INTEGER, src_id INTEGER)")
            sql = []
            for t in FACT_TABLES:
                cols = [c for c in self.db.table(t).columns_dict if c not in ("id", "article_id")]
                dst = ", ".join(f'"{c}"' for c in cols)
                src = ", ".join(f'f."{c}"' for c in cols)
                sql.append(
                    f"INSERT INTO {t} (article_id, {dst}) SELECT m.new_id, {src} FROM temp.copy_map m "
                    f"JOIN {t} f ON f.article_id = m.src_id ORDER BY m.new_id, f.id"
                )
            self._copy_sql = sql
        self.db.conn.execute("DELETE FROM temp.copy_map")
        self.db.conn.executemany("INSERT INTO temp.copy_map VALUES (?, ?)", pairs)
        for statement in self._copy_sql:
            self.db.conn.execute(statement)
        self._fts_pending = True

    def replace_facts(
        self, article_id: int, article: Article, facts: Extraction, learned: Collection[int] = ()
    ) -> None:
        """Replace a stored article's facts and all that is derived from it (lead, kind, terms, line
        hashes), its text staying: what ``geodigest reextract`` does. ``learned`` as for :meth:`save`."""
        if self.readonly:
            raise StoreError("the store is open read-only")
        derived = derive(article, learned, facts)
        try:
            with self._transaction():
                lead = derived.lead
                self.db.conn.execute(
                    "UPDATE articles SET lead_start = ?, lead_end = ?, lead_sentence_end = ?, kind = ? "
                    "WHERE id = ?",
                    [lead.start, lead.end, lead.sentence_end, derived.kind, article_id],
                )
                self._delete_facts(article_id)
                self._insert_facts(article_id, facts)
                self._replace_derived(article_id, article, derived)
        except sqlite3.DatabaseError as err:
            raise StoreError(f"cannot save {article.origin or article.title!r}: {err}") from None

    def _insert_new(
        self, article: Article, facts: Facts | None, key: str, content_hash: str,
        derived: Derived | None = None, settle: bool = True,
    ) -> int:
        derived = _derived(article, (), facts, derived)
        lead = derived.lead
        cursor = self.db.conn.execute(
            "INSERT INTO articles (key, content_hash, url, title, source, published, text, origin, "
            "ingested_at, lead_start, lead_end, lead_sentence_end, kind) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                key, content_hash, article.url, article.title, article.source,
                article.published.isoformat() if article.published else None,
                article.text, article.origin, now_stamp(), lead.start, lead.end, lead.sentence_end,
                derived.kind,
            ],
        )
        assert cursor.lastrowid is not None
        article_id = int(cursor.lastrowid)
        self._insert_lines(article_id, article, derived.lines)
        if facts is not None:
            self._insert_facts(article_id, facts)
        self._insert_terms(article_id, article, derived, fresh=True, quoted=facts is not None, settle=settle)
        return article_id

    def _replace_derived(
        self, article_id: int, article: Article, derived: Derived, quoted: bool = True
    ) -> None:
        """The terms (and story) and line hashes of a stored article, rewritten (its lead and kind
        are columns)."""
        self.db.conn.execute("DELETE FROM outlet_lines WHERE article_id = ?", [article_id])
        self._insert_lines(article_id, article, derived.lines)
        self._insert_terms(article_id, article, derived, quoted=quoted)

    def _insert_terms(
        self, article_id: int, article: Article, derived: Derived, fresh: bool = False, quoted: bool = True,
        settle: bool = True,
    ) -> None:
        """The article's terms (its entities among them) replace any stored, and it is grouped
        into a story again (digests.store.stories). ``fresh``: a new article, with nothing stored yet;
        ``quoted``: its quotations (``derived.quote_runs``) are stored already."""
        if not fresh:
            self.db.conn.execute("DELETE FROM article_terms WHERE article_id = ?", [article_id])
            self._forget_story(article_id)
        self.db.conn.execute(
            "INSERT INTO article_terms (article_id, terms) VALUES (?, ?)", [article_id, derived.terms_json]
        )
        # not quoted yet: grouped without quotations, and its runs as a candidate read once it has them
        runs, sparse = derived.quote_runs if quoted else (frozenset(), None)
        lead = lead_sentence(article.text, derived.lead.start, derived.lead.sentence_end)
        self._assign_story(
            article_id, _day(article), derived.terms,
            Known(article.title, runs, sparse, derived.terms_json, lead=lead), settle=settle,
        )

    def _delete_facts(self, article_id: int) -> None:
        for table in FACT_TABLES:
            # Through DELETE so the FTS triggers remove the index entries of indexed rows too.
            self.db.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])

    def _insert_facts(self, article_id: int, facts: Extraction | FactRows) -> None:
        rows = facts if isinstance(facts, FactRows) else fact_rows(facts)
        for table, values in rows.tables():
            self._insert_rows(table, article_id, values)
        if rows.quotes or rows.events:
            self._fts_pending = True  # indexed once, before the transaction commits
        if rows.entities or rows.quotes:
            index_names(self.db.conn)

    def _insert_rows(self, table: str, article_id: int, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        columns = FACT_COLUMNS[table]
        # One multi-row INSERT, not executemany: one statement per table and article, its
        # triggers (the name index's counts) run inside it.
        head = "INSERT INTO {} ({}) VALUES ".format(table, ", ".join(f'"{c}"' for c in columns))
        one = "(" + ", ".join("?" for _ in columns) + ")"
        per = max(1, self.db.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(columns))
        for at in range(0, len(rows), per):
            chunk = rows[at:at + per]
            params = [v for row in chunk for v in (article_id, *row)]
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
        key = article.key
        row = self.db.execute(
            "SELECT id FROM articles WHERE key = ? OR content_hash = ? ORDER BY key = ? DESC LIMIT 1",
            [key, article.content_hash, key],
        ).fetchone()
        return int(row[0]) if row else None

    def text_for_url(self, url: str) -> str | None:
        """The stored text of the article at this URL (canonicalised), or None."""
        key = "url:" + canonical_url(url)
        row = self.db.execute("SELECT text FROM articles WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else None

    def stored_at_url(self, url: str) -> tuple[str, str | None] | None:
        """The content hash and origin (path or URL read) of the article stored at this URL, or None."""
        key = "url:" + canonical_url(url)
        row = self.db.execute("SELECT content_hash, origin FROM articles WHERE key = ?", [key]).fetchone()
        return (str(row[0]), row[1]) if row else None

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
                    paragraph=r["paragraph"], cue=r["cue"], sentence=r["sentence"], shown=r["shown"],
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

    def has_articles(self) -> bool:
        """Whether any article is stored."""
        return self.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None

    def newest_published(self) -> str | None:
        """The newest publication day stored (ISO), or None."""
        row = self.db.execute("SELECT max(published) FROM articles").fetchone()
        return str(row[0]) if row and row[0] else None

    def newest_ingested(self) -> str | None:
        """The newest ingestion day stored (ISO), or None."""
        row = self.db.execute("SELECT max(substr(ingested_at, 1, 10)) FROM articles").fetchone()
        return str(row[0]) if row and row[0] else None

    def stored_copy(
        self, article: Article, key: str | None = None, content_hash: str | None = None
    ) -> tuple[int | None, bool]:
        """The id of this article's stored copy (by key, else the first by content; None when there
        is none) and whether :meth:`save` would store nothing of it (``unchanged``, or ``copy``
        of another article): :meth:`article_id` and :meth:`is_stored_unchanged` in one look-up.
        ``key`` and ``content_hash`` are the article's, when already computed."""
        key = key if key is not None else article.key
        columns = "SELECT id, content_hash, published, key, url FROM articles"
        row = self.db.execute(f"{columns} WHERE key = ?", [key]).fetchone()
        if row is None:
            content_hash = content_hash if content_hash is not None else article.content_hash
            row = self.db.execute(
                f"{columns} WHERE content_hash = ? ORDER BY id LIMIT 1", [content_hash]
            ).fetchone()
        if row is None:
            return None, False
        if _another_articles(article, key, row[3], row[4]):
            return int(row[0]), True
        same = row[1] == (content_hash if content_hash is not None else article.content_hash)
        return int(row[0]), same and not _redated(article, row[2])

    def is_stored_unchanged(self, article: Article) -> bool:
        """Whether :meth:`save` would store nothing of this article (``unchanged`` or ``copy``):
        its facts are not needed."""
        return self.stored_copy(article)[1]

    def has_entity(self, name: str) -> bool:
        """Whether an entity of exactly this name is stored."""
        return self.db.execute("SELECT 1 FROM entities WHERE name = ? LIMIT 1", [name]).fetchone() is not None

    def published_range(self) -> tuple[str | None, str | None]:
        """The oldest and newest publication days stored (ISO), None when none is dated."""
        row = self.db.execute("SELECT min(published), max(published) FROM articles").fetchone()
        return (row[0], row[1]) if row else (None, None)

    def count_published_on(self, day: date) -> int:
        """How many articles were published on ``day``."""
        sql = "SELECT count(*) FROM articles WHERE published = ?"
        row = self.db.execute(sql, [day.isoformat()]).fetchone()
        return int(row[0])

    def count_facts(self) -> dict[str, int]:
        """How many rows each fact table holds."""
        return {t: int(self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in FACT_TABLES}
