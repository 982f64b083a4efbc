"""What the store learns per outlet: the lines each article prints, and each article's kind.

``outlet_lines`` keeps one row per (outlet, line hash, article); :mod:`digests.furniture`
decides from them which lines are furniture. Rows follow their article (saved, replaced,
deleted, pruned), so what is learnt always describes the stored articles.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, MutableSet
from datetime import date

from digests.furniture import COPY_MIN, COPY_SHARE, FREQUENT, article_lines, learned_hashes, outlet_of
from digests.models import Article
from digests.store.connection import StoreBase

# SQLite's default limit on host parameters is 999 in old builds
_CHUNK = 900


def _marks(values: list[int]) -> str:
    return ",".join("?" * len(values))


class OutletsMixin(StoreBase):
    """Per-outlet lines (learnt furniture) and article kinds (opinion or news)."""

    def _insert_lines(self, article_id: int, article: Article, lines: Iterable[int]) -> None:
        """Store the article's line hashes under its outlet (inside the save's transaction)."""
        outlet = outlet_of(article.url, article.source)
        if outlet is None:
            return
        self.db.conn.executemany(
            "INSERT INTO outlet_lines (outlet, hash, article_id) VALUES (?, ?, ?)",
            [(outlet, h, article_id) for h in lines],
        )

    def outlet_lines(
        self, outlet: str, hashes: Iterable[int], exclude: int | Collection[int] | None = None,
        known_frequent: MutableSet[int] | None = None,
        unsaved: Mapping[int, Mapping[int, bool]] | None = None,
    ) -> tuple[dict[int, set[int]], dict[int, int], set[int]]:
        """For each of ``hashes``, the other articles of ``outlet`` printing it, and the line counts
        of those whose count can decide whether they are copies (:func:`learned_hashes`); and the
        hashes printed on more than ``FREQUENT`` other articles, which are furniture outright.

        A line the outlet prints everywhere would otherwise bring back every article of the
        outlet at each ingest (cost growing with the store); past ``FREQUENT`` the answer is the
        same whichever articles they are, so the look-up stops there. An article sharing fewer
        than ``COPY_MIN`` lines is no copy, and one sharing ``COPY_SHARE`` of this article's lines
        is one, whatever its own count: only the others are counted.

        ``exclude`` is a stored article (or several) left out: the article's own stored copy, and
        stored articles an unsaved version replaces. ``unsaved`` are articles of an ingest run not
        saved yet (negative ids to their :func:`article_lines`): they count exactly as they will
        once stored, so the answer does not depend on which of them are saved already.

        ``known_frequent`` (the outlet's, kept by the caller between articles of one batch) holds
        lines found on at least ``FREQUENT + 2`` articles, frequent whichever one is excluded: they
        are not looked up again, and the lines found so are added to it. Deletions while it is kept
        can make it stale; an ingest batch keeps it for its own run only.
        """
        hashes = list(hashes)
        excluded = set() if exclude is None else {exclude} if isinstance(exclude, int) else set(exclude)
        seen: dict[int, set[int]] = {}
        frequent: set[int] = set()
        ask = hashes
        if known_frequent:
            frequent = {h for h in hashes if h in known_frequent}
            ask = [h for h in hashes if h not in frequent]
        # one statement for all the lines (a look-up of a bounded number of rows each), not one per line;
        # FREQUENT + 1 others are left once the excluded are taken out: frequent, whichever they are
        limit = FREQUENT + 1 + max(1, len(excluded))
        query = (
            "SELECT j.value, (SELECT group_concat(article_id) FROM (SELECT article_id FROM outlet_lines "
            "WHERE outlet = ?1 AND hash = j.value LIMIT ?3)) FROM json_each(?2) j"
        )
        for h, found in self.db.conn.execute(query, (outlet, json.dumps(ask), limit)):
            if not found:
                continue
            rows = found.count(",") + 1
            if rows >= limit:
                frequent.add(h)
                if known_frequent is not None:  # on FREQUENT + 2 stored articles at least
                    known_frequent.add(h)
                continue
            others = {int(a) for a in found.split(",")} - excluded
            if others:
                seen[h] = others
        for pseudo, lines in (unsaved or {}).items():
            for h in hashes:
                if h in lines and h not in frequent:
                    seen.setdefault(h, set()).add(pseudo)
        for h in [h for h, ids in seen.items() if len(ids) > FREQUENT]:
            frequent.add(h)
            del seen[h]
        shared = Counter(o for ids in seen.values() for o in ids)
        wanted = [o for o, n in shared.items() if COPY_MIN <= n < COPY_SHARE * len(hashes)]
        counts: dict[int, int] = {o: len(unsaved[o]) for o in wanted if unsaved and o in unsaved}
        others_ids = sorted(o for o in wanted if o not in counts)
        for i in range(0, len(others_ids), _CHUNK):
            chunk = others_ids[i : i + _CHUNK]
            counts.update(
                self.db.conn.execute(
                    f"SELECT article_id, count(*) FROM outlet_lines WHERE article_id IN ({_marks(chunk)}) "
                    "GROUP BY article_id",
                    chunk,
                ).fetchall()
            )
        return seen, counts, frequent

    def learned_lines(self, article: Article, exclude: int | None = None) -> frozenset[int]:
        """Hashes of ``article``'s lines that its outlet prints on other stored articles: furniture."""
        outlet = outlet_of(article.url, article.source)
        if outlet is None:
            return frozenset()
        lines = article_lines(article.text)
        seen, counts, frequent = self.outlet_lines(outlet, lines, exclude)
        return learned_hashes(lines, seen, counts, frequent)

    def stored_articles(self) -> Iterator[tuple[int, Article]]:
        """Every stored article as read (id order), for re-extraction: read ``_CHUNK`` at a time, so
        a large store's texts are never all in memory (the store may be written between chunks)."""
        last = 0
        while True:
            rows = self.db.conn.execute(
                "SELECT id, title, text, url, source, published, origin FROM articles WHERE id > ? "
                "ORDER BY id LIMIT ?",
                [last, _CHUNK],
            ).fetchall()
            if not rows:
                return
            for r in rows:
                yield r[0], Article(
                    title=r[1], text=r[2], url=r[3], source=r[4],
                    published=date.fromisoformat(r[5]) if r[5] else None, origin=r[6],
                )
            last = int(rows[-1][0])

    def fact_texts(self) -> list[tuple[str, int, int, int, str]]:
        """(kind, article id, start, end, text) of every stored event, quotation (``speaker: text``)
        and person (at its first mention)."""
        db = self.db.conn
        out: list[tuple[str, int, int, int, str]] = []
        out += [
            ("event", a, s, e, t)
            for a, s, e, t in db.execute('SELECT article_id, start, "end", text FROM events ORDER BY id')
        ]
        out += [
            ("quote", a, s, e, f"{sp or '?'}: {t}")
            for a, s, e, sp, t in db.execute(
                'SELECT article_id, start, "end", speaker, text FROM quotes ORDER BY id'
            )
        ]
        for a, n, mentions in db.execute(
            "SELECT article_id, name, mentions FROM entities WHERE type = 'person' ORDER BY id"
        ):
            first = json.loads(mentions or "[]")
            s, e = (first[0][0], first[0][1]) if first else (-1, -1)
            out.append(("person", a, s, e, n))
        return out

    def article_kinds(self, ids: Iterable[int]) -> dict[int, str]:
        """Each article's kind (``"opinion"`` or ``"news"``)."""
        wanted = list(ids)
        out: dict[int, str] = {}
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            out.update(
                self.db.conn.execute(
                    f"SELECT id, kind FROM articles WHERE id IN ({_marks(chunk)})", chunk
                ).fetchall()
            )
        return out
