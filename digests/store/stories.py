"""Story membership: which story each stored article belongs to, kept as articles are saved.

``story_members`` holds one row per article: its story (the id of the article that
started it), its day (publication, else ingestion) and the length of its TF-IDF vector.
``story_keys`` indexes each article's heaviest terms by day, so that a new article finds
the articles it may be told with among those sharing its terms within a few days,
never by reading all pairs. :mod:`digests.stories` decides; this module reads and writes.

Saving an article assigns it (inside the save's transaction): the decision depends on
what was stored before it. :meth:`StoriesMixin.regroup` assigns every article again in
the order of their day and key (the canonical URL, else the text's hash), with the
store's current term frequencies: after it, the stories depend only on the stored
articles, never on the order they were ingested in.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from digests.store.connection import StoreBase
from digests.stories import CROWDED, PROBES, WINDOW_DAYS, Candidate, Weights, choose_story, rank_candidates

Row = tuple[Any, ...]

SETTLE_SHARE = 0.25  # a batch adding this share of the store regroups it


def _shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def _docs(conn: sqlite3.Connection) -> int:
    # The highest id stands for the number of articles: exact without deletions, and an
    # index look-up where count(*) would read the whole table.
    row = conn.execute("SELECT max(article_id) FROM article_terms").fetchone()
    return int(row[0] or 0)


def assign_story(conn: sqlite3.Connection, article_id: int, day: str, counts: Mapping[str, float]) -> int:
    """Put an article (already in ``article_terms``) into a story; returns the story id."""
    terms = sorted(counts)
    df = {
        str(t): int(n)
        for t, n in conn.execute(
            "SELECT term, df FROM term_df WHERE term IN (SELECT value FROM json_each(?))", [json.dumps(terms)]
        )
    }
    weights = Weights(counts, df, _docs(conn))
    lo, hi = _shift(day, -WINDOW_DAYS), _shift(day, WINDOW_DAYS)
    probes = weights.heaviest(PROBES)
    # terms the window's articles index too often propose nobody (counted in SQL, not fetched)
    quiet = [
        str(t)
        for t, n in conn.execute(
            "SELECT term, count(*) FROM story_keys WHERE term IN (SELECT value FROM json_each(?)) "
            "AND day BETWEEN ? AND ? GROUP BY term",
            [json.dumps(probes), lo, hi],
        )
        if n <= CROWDED
    ]
    hits = (
        conn.execute(
            "SELECT article_id, term FROM story_keys WHERE term IN (SELECT value FROM json_each(?)) "
            "AND day BETWEEN ? AND ? AND article_id <> ?",
            [json.dumps(quiet), lo, hi, article_id],
        ).fetchall()
        if quiet
        else []
    )
    ids = rank_candidates(((int(a), str(t)) for a, t in hits), weights)
    candidates: list[Candidate] = []
    if ids:
        rows = conn.execute(
            "SELECT m.article_id, m.story_id, m.day, m.norm, t.terms FROM story_members m "
            "JOIN article_terms t ON t.article_id = m.article_id "
            "WHERE m.article_id IN (SELECT value FROM json_each(?)) ORDER BY m.article_id",
            [json.dumps(ids)],
        ).fetchall()
        d0 = date.fromisoformat(day)
        for aid, story, other_day, norm, stored in rows:
            gap = (date.fromisoformat(other_day) - d0).days
            candidates.append(Candidate(int(aid), int(story), gap, float(norm), json.loads(stored)))
    in_window: dict[int, int] = {}
    stories = sorted({c.story_id for c in candidates})
    if stories:
        in_window = {
            int(s): int(n)
            for s, n in conn.execute(
                "SELECT story_id, count(*) FROM story_members "
                "WHERE story_id IN (SELECT value FROM json_each(?)) AND day BETWEEN ? AND ? "
                "GROUP BY story_id",
                [json.dumps(stories), lo, hi],
            )
        }
    story = choose_story(weights, candidates, in_window)
    story_id = article_id if story is None else story
    conn.execute(
        "INSERT OR REPLACE INTO story_members (article_id, story_id, day, norm) VALUES (?, ?, ?, ?)",
        [article_id, story_id, day, weights.norm],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO story_keys (term, day, article_id) VALUES (?, ?, ?)",
        [(t, day, article_id) for t in weights.heaviest()],
    )
    return story_id


def regroup_all(conn: sqlite3.Connection) -> int:
    """Assign every article again, in the order of day and key (call inside a transaction)."""
    conn.execute("DELETE FROM story_keys")
    conn.execute("DELETE FROM story_members")
    rows = conn.execute(
        "SELECT a.id, COALESCE(substr(a.published, 1, 10), substr(a.ingested_at, 1, 10)) AS day, t.terms "
        "FROM articles a JOIN article_terms t ON t.article_id = a.id ORDER BY day, a.key, a.id"
    ).fetchall()
    for aid, day, terms in rows:
        assign_story(conn, int(aid), str(day), json.loads(terms))
    return len(rows)


class StoriesMixin(StoreBase):
    """Story membership: kept at save time, read by digests and timelines."""

    def _assign_story(self, article_id: int, day: str, counts: Mapping[str, float]) -> int:
        return assign_story(self.db.conn, article_id, day, counts)

    def _forget_story(self, article_id: int) -> None:
        """Take an article out of its story and the candidate index (before it is grouped again)."""
        self.db.conn.execute("DELETE FROM story_members WHERE article_id = ?", [article_id])
        self.db.conn.execute("DELETE FROM story_keys WHERE article_id = ?", [article_id])

    def regroup(self) -> int:
        """Group every stored article into stories again, in a canonical order (day, then key),
        so that the stories depend only on the stored articles; returns how many were grouped."""
        with self._transaction():
            return regroup_all(self.db.conn)

    def settle_stories(self, added: int) -> bool:
        """After a batch of ``added`` articles: regroup the whole store when the batch is at least
        ``SETTLE_SHARE`` of it (a young store, a bulk load), since articles grouped while the store
        was small were weighed by few document frequencies. True when it regrouped."""
        if added <= 0 or self.readonly:
            return False
        total = self.db.execute("SELECT max(article_id) FROM story_members").fetchone()[0] or 0
        if added < SETTLE_SHARE * total:
            return False
        self.regroup()
        return True

    def stories_of(self, ids: Iterable[int]) -> dict[int, int]:
        """The story id of each of the articles ``ids`` that has one."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        rows = self.db.execute(
            "SELECT article_id, story_id FROM story_members "
            "WHERE article_id IN (SELECT value FROM json_each(?))",
            [json.dumps(wanted)],
        )
        return {int(a): int(s) for a, s in rows}

    def story_articles_before(self, story_ids: Iterable[int], before: date, days: int) -> list[Row]:
        """(story_id, article_id, title, source, url, published, kind) of the stories' articles
        from ``days`` days before ``before`` up to the day before it, oldest first."""
        wanted = sorted(set(story_ids))
        if not wanted:
            return []
        return self.db.execute(
            "SELECT m.story_id, m.article_id, a.title, a.source, a.url, a.published, a.kind "
            "FROM story_members m JOIN articles a ON a.id = m.article_id "
            "WHERE m.story_id IN (SELECT value FROM json_each(?)) AND m.day >= ? AND m.day < ? "
            "ORDER BY m.story_id, m.day, m.article_id",
            [json.dumps(wanted), (before - timedelta(days=days)).isoformat(), before.isoformat()],
        ).fetchall()
