"""Reading facts: a speaker's quotations (/who-said), dated events (/timeline), a digest's period.

Every read is bounded (indexed look-ups, FTS5, LIMITs): an answer stays in milliseconds on
a store of a million facts. Rows are plain tuples in the column order documented on each
method; callers turn only the rows they show into objects.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date
from typing import Any

from digests.errors import InputError
from digests.store.connection import StoreBase
from digests.store.stories import document_frequencies

# The row of a quotation: (id, speaker, speaker_role, text, kind, article_id, published, source, url, title).
QUOTE_COLUMNS = (
    "q.id, q.speaker, q.speaker_role, q.text, q.kind, q.article_id, a.published, a.source, a.url, a.title"
)
_NEWEST = "COALESCE(a.published, substr(a.ingested_at, 1, 10)) DESC, q.article_id DESC, q.start"
# The row of an event: (id, date, date_end, day_first, status, text, article_id, entities).
EVENT_COLUMNS = "e.id, e.date, e.date_end, e.day_first, e.status, e.text, e.article_id, e.entities"

Row = tuple[Any, ...]
_OF_IDS = "WHERE article_id IN (SELECT value FROM json_each(?))"


def _period(since: date | None, until: date | None) -> tuple[str, list[Any]]:
    """SQL conditions keeping the events that overlap a period."""
    sql, params = "", []
    if since:
        sql += " AND COALESCE(e.day_last, e.day_first) >= ?"
        params.append(since.isoformat())
    if until:
        sql += " AND e.day_first <= ?"
        params.append(until.isoformat())
    return sql, params


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class FactsMixin(StoreBase):
    """Bounded reads of quotations and events."""

    # --- quotations -----------------------------------------------------------------------------

    def recent_quotes_by(self, speaker: str, window: int) -> list[Row]:
        """The ``window`` most recently stored quotations of a speaker (QUOTE_COLUMNS rows),
        ordered newest published first."""
        # The speaker index walked backwards gives the most recently stored quotations without a
        # sort over all of a prolific speaker's; those are then ordered by publication day.
        return self.db.execute(
            f"SELECT {QUOTE_COLUMNS} FROM "
            "(SELECT * FROM quotes WHERE speaker = ? ORDER BY id DESC LIMIT ?) q "
            f"JOIN articles a ON a.id = q.article_id ORDER BY {_NEWEST}",
            [speaker, window],
        ).fetchall()

    def articles_naming(self, names: Iterable[str], first_id: int, last_id: int) -> set[int]:
        """Ids (from ``first_id`` to ``last_id``) of the articles with an entity of one of ``names``."""
        wanted = list(names)
        marks = ",".join("?" for _ in wanted)
        return {r[0] for r in self.db.execute(
            f"SELECT DISTINCT article_id FROM entities WHERE name IN ({marks}) AND article_id >= ? "
            "AND article_id <= ?",
            [*wanted, first_id, last_id],
        ).fetchall()}

    # --- events ---------------------------------------------------------------------------------

    def event_ids_matching(self, match: str, window: int) -> list[int]:
        """Ids of the events whose text matches an FTS5 query, newest stored first, ``window`` at most.

        Raises :class:`InputError` for a query the full-text tokenizer rejects."""
        try:
            return [r[0] for r in self.db.execute(
                "SELECT rowid FROM events_fts WHERE events_fts MATCH ? "
                f"ORDER BY rowid DESC LIMIT {int(window)}",
                [match],
            ).fetchall()]
        except sqlite3.OperationalError as err:
            raise InputError(f"not a full-text query: {match!r}") from err

    def dated_events(self, ids: list[int], since: date | None, until: date | None) -> list[Row]:
        """The events of ``ids`` with day bounds, overlapping the period (EVENT_COLUMNS rows)."""
        bounds, params = _period(since, until)
        rows: list[Row] = []
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            rows += self.db.execute(
                f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.id IN ({','.join('?' * len(part))}) "
                f"AND e.day_first IS NOT NULL{bounds}",
                [*part, *params],
            ).fetchall()
        return rows

    def same_clause_events(
        self, clauses: Iterable[tuple[int, str]]
    ) -> dict[tuple[int, str], list[tuple[int, str, str | None, str | None, str | None]]]:
        """The clauses of ``clauses`` ((article id, event text) pairs) stored as more than one dated
        event (one per date the clause holds): each with its events' (id, date, date_end,
        day_first, the article's published day)."""
        wanted = set(clauses)
        if not wanted:
            return {}
        pairs = json.dumps(sorted(wanted), ensure_ascii=False)
        found: dict[tuple[int, str], list[tuple[int, str, str | None, str | None, str | None]]] = {}
        # a clause told under several dates repeats its text in one article: each wanted clause is
        # looked up by its article (indexed) and text, and only those told more than once come back
        # (grouping every event of the articles instead doubled /timeline's p99); DISTINCT reads
        # each pair's JSON once rather than once per event compared
        for article, text, ids, dates, ends, firsts, published in self.db.execute(
            "SELECT e.article_id, e.text, json_group_array(e.id), json_group_array(e.date), "
            "json_group_array(e.date_end), json_group_array(e.day_first), a.published "
            "FROM (SELECT DISTINCT json_extract(value, '$[0]') AS article, json_extract(value, '$[1]') AS "
            "text FROM json_each(?)) w JOIN events e ON e.article_id = w.article AND e.text = w.text "
            "JOIN articles a ON a.id = e.article_id "
            "WHERE e.day_first IS NOT NULL GROUP BY e.article_id, e.text HAVING count(*) > 1",
            [pairs],
        ):
            events = json.loads(ids)
            found[(article, text)] = list(zip(events, json.loads(dates), json.loads(ends),
                                              json.loads(firsts), [published] * len(events), strict=True))
        return found

    def dated_events_listing(self, name: str, since: date | None, until: date | None) -> list[Row]:
        """Dated events of the 100 newest articles naming an entity, whose entity list names it."""
        bounds, params = _period(since, until)
        # newest mentions first, through the name index; the entity list is checked in SQL so
        # that only the events naming it come back
        mark = "%" + json.dumps(name, ensure_ascii=False).replace("%", "").replace("_", "") + "%"
        return self.db.execute(
            f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.article_id IN (SELECT article_id FROM "
            "entities WHERE name = ? ORDER BY id DESC LIMIT 100) AND e.day_first IS NOT NULL "
            f"AND e.entities LIKE ?{bounds}",
            [name, mark, *params],
        ).fetchall()

    def event_words(self, prefixes: Iterable[str], most: int) -> dict[str, tuple[str, ...] | None]:
        """The words of the event index starting with each prefix (None: more than ``most``).

        Every prefix maps to None when this connection cannot read the index vocabulary."""
        prefixes = list(prefixes)
        words: dict[str, tuple[str, ...] | None] = {}
        try:
            self.db.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.events_vocab USING fts5vocab(main, events_fts, row)"
            )
            for prefix in prefixes:
                found = [r[0] for r in self.db.execute(
                    "SELECT term FROM temp.events_vocab WHERE term >= ? AND term < ? LIMIT ?",
                    [prefix, prefix + "\U0010ffff", most + 1],
                ).fetchall()]
                words[prefix] = tuple(found) if len(found) <= most else None
        except sqlite3.DatabaseError:  # no vocabulary table on this connection: prefix queries then
            words = {prefix: None for prefix in prefixes}
        return words

    def event_days_page(
        self, low: str, high: str, after: tuple[str, int] | None, batch: int, *, backwards: bool
    ) -> list[tuple[str, int]]:
        """(day_first, id) of up to ``batch`` events with a first day from ``low`` to ``high``, in
        day order (backwards: from ``high`` down), after the key ``after`` (keyset paging).
        Read from the day index alone."""
        order, beyond = ("DESC", "<") if backwards else ("ASC", ">")
        if after is None:
            where = "e.day_first <= ?" if backwards else "e.day_first > ?"
            key: list[Any] = [high if backwards else low]
        else:
            where, key = f"(e.day_first, e.id) {beyond} (?, ?)", list(after)
        return [
            (r[0], r[1])
            for r in self.db.execute(
                f"SELECT e.day_first, e.id FROM events e WHERE {where} AND e.day_first >= ? "
                f"AND e.day_first <= ? ORDER BY e.day_first {order}, e.id {order} LIMIT {int(batch)}",
                [*key, low, high],
            ).fetchall()
        ]

    def events_containing(
        self, ids: list[int], literals: list[str] | None, listed: list[str]
    ) -> dict[int, Row]:
        """The events of ``ids`` (EVENT_COLUMNS rows by id) whose text contains one of ``literals``
        (without case) or whose entity list contains one of ``listed``; all of them when
        ``literals`` is None."""
        if not ids:
            return {}
        prefilter, params = "", []
        if literals is not None:
            likes = [("e.text", lit) for lit in literals] + [("e.entities", m) for m in listed]
            # an ESCAPE clause costs every LIKE of every row (~10% of a walk): only when needed
            escape = " ESCAPE '\\'" if any(c in value for _, value in likes for c in "%_\\") else ""
            prefilter = " AND (" + " OR ".join(f"{col} LIKE ?{escape}" for col, _ in likes) + ")"
            params = [_like(value) if escape else f"%{value}%" for _, value in likes]
        return {row[0]: row for row in self.db.execute(
            f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.id IN ({','.join('?' * len(ids))}){prefilter}",
            [*ids, *params],
        ).fetchall()}

    def article_sources(self, ids: Iterable[int]) -> dict[int, tuple[str | None, str | None, str | None]]:
        """(published, outlet, url) of each article."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        marks = ",".join("?" for _ in wanted)
        return {
            row[0]: (row[1], row[2], row[3])
            for row in self.db.execute(
                f"SELECT id, published, source, url FROM articles WHERE id IN ({marks})", wanted
            ).fetchall()
        }

    def every_event(self) -> list[Row]:
        """(id, date, date_end, day_first, status, text, article_id, start) of every stored event, by
        id (a benchmark's listing: ``bench/shown_lines.py``)."""
        return self.db.execute(
            "SELECT id, date, date_end, day_first, status, text, article_id, start FROM events ORDER BY id"
        ).fetchall()

    def event_sentences(self, ids: Iterable[int]) -> dict[int, str]:
        """The whole sentence of each of the events ``ids`` whose own words are a cut clause, by its id
        (``Event.sentence``, decided at extraction: digests.extract.shown); the others are absent."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        rows = self.db.execute(
            "SELECT id, sentence FROM events WHERE id IN (SELECT value FROM json_each(?)) AND sentence != ''",
            [json.dumps(wanted)],
        ).fetchall()
        return {int(eid): str(sentence) for eid, sentence in rows}

    # --- a digest's period ----------------------------------------------------------------------
    # Facts by article id, read for the articles of one period (json_each: one statement
    # whatever the number of ids); each row starts with its article id.

    def articles_of_period(self, since: date, until: date, after: int | None, head_chars: int) -> list[Row]:
        """(id, title, outlet, url, published, the first ``head_chars`` of the text, lead_start,
        lead_end, lead_sentence_end) of the articles published in the period (undated ones:
        ingested), stored after ``after`` when given."""
        after_sql = " AND id > :after" if after is not None else ""
        params: dict[str, Any] = {
            "since": since.isoformat(),
            "until": until.isoformat(),
            "after": after,
            "n": head_chars,
        }
        cols = (
            "id, title, source, url, published, substr(text, 1, :n), lead_start, lead_end, lead_sentence_end"
        )
        # Two branches so that each can use the index on published (IS NULL is indexable too).
        return self.db.execute(
            f"SELECT {cols} FROM articles WHERE published BETWEEN :since AND :until{after_sql} "
            f"UNION ALL SELECT {cols} FROM articles WHERE published IS NULL "
            f"AND substr(ingested_at, 1, 10) BETWEEN :since AND :until{after_sql}",
            params,
        ).fetchall()

    def _of(self, columns: str, table: str, ids: list[int], rest: str, *params: Any) -> Iterable[Row]:
        """SELECT ``columns`` FROM ``table`` of the articles ``ids``, then ``rest`` (conditions, order)."""
        return self.db.execute(f"SELECT {columns} FROM {table} {_OF_IDS} {rest}", [json.dumps(ids), *params])

    def entities_of(self, ids: list[int]) -> Iterable[Row]:
        """(article_id, name, type, aliases, role, affiliation, country, mentions) in stored order."""
        columns = "article_id, name, type, aliases, role, affiliation, country, json_array_length(mentions)"
        return self._of(columns, "entities", ids, "ORDER BY article_id, id")

    def speakers_of(self, ids: list[int]) -> Iterable[Row]:
        """(article_id, speaker, speaker_role, quotations) per article and speaker; a quotation
        lying inside a longer one of the same speaker (the quoted words of a reported clause:
        'X said the talks were "frank"') is that one's, not counted again."""
        group = "article_id, speaker, speaker_role"
        inside = (
            "AND NOT EXISTS (SELECT 1 FROM quotes o WHERE o.article_id = quotes.article_id "
            'AND o.speaker = quotes.speaker AND o.start <= quotes.start AND quotes."end" <= o."end" '
            'AND o."end" - o.start > quotes."end" - quotes.start)'
        )
        return self._of(f"{group}, count(*)", "quotes", ids, f"{inside} GROUP BY {group} ORDER BY {group}")

    def figure_counts_of(self, ids: list[int]) -> Iterable[Row]:
        """(article_id, figures) of the articles with figures."""
        return self._of("article_id, count(*)", "figures", ids, "GROUP BY article_id")

    def terms_of(self, ids: list[int]) -> Iterable[Row]:
        """(article_id, terms as a JSON object of counts) for story grouping (digests.terms)."""
        return self.db.execute(f"SELECT article_id, terms FROM article_terms {_OF_IDS}", [json.dumps(ids)])

    def term_frequencies(self, terms: Iterable[str]) -> tuple[dict[str, int], int]:
        """How many stored articles use each of ``terms`` (absent: none), and how many articles have terms."""
        df = document_frequencies(self.db.conn, terms)
        docs = self.db.execute("SELECT count(*) FROM article_terms").fetchone()[0]
        return df, int(docs or 0)

    def events_of(self, ids: list[int], first: date, last: date) -> Iterable[Row]:
        """(article_id, date, date_end, day_first, day_last, status, text, start, end, entities,
        paragraph, shown) of the events overlapping ``first``..``last``, in text order."""
        columns = (
            'article_id, date, date_end, day_first, day_last, status, text, start, "end", entities, '
            "paragraph, shown"
        )
        rest = "AND day_last >= ? AND day_first <= ? ORDER BY article_id, start, id"
        return self._of(columns, "events", ids, rest, first.isoformat(), last.isoformat())

    def quotes_of(self, ids: list[int]) -> Iterable[Row]:
        """(article_id, speaker, speaker_role, text, kind, cue, start, paragraph) in text order."""
        columns = "article_id, speaker, speaker_role, text, kind, cue, start, paragraph"
        return self._of(columns, "quotes", ids, "ORDER BY article_id, start, id")

    def figures_of(self, ids: list[int]) -> Iterable[Row]:
        """(article_id, text, start, end, value, unit) in text order."""
        columns = 'article_id, text, start, "end", value, unit'
        return self._of(columns, "figures", ids, "ORDER BY article_id, start, id")

    def texts_of(self, ids: list[int]) -> Iterable[Row]:
        """(id, text) of the articles."""
        return self.db.execute(
            "SELECT id, text FROM articles WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(ids)]
        )
