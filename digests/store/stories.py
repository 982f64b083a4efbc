"""Story membership: which story each stored article belongs to, kept as articles are saved.

``story_members`` holds one row per article: its story (the id of the article that
started it), its day (publication, else ingestion) and the length of its TF-IDF vector.
``story_keys`` indexes each article's title words and heaviest terms by day
(:meth:`digests.stories.Weights.index_terms`), so that a new article finds
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
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from digests.store.connection import StoreBase
from digests.stories import (
    CROWDED,
    EDGE_FLOOR,
    PROBES,
    QUOTE_CHARS,
    QUOTE_STEP,
    REACH,
    REGROUP_KEYS,
    WINDOW_DAYS,
    Candidate,
    FactKeys,
    Weights,
    average_link,
    average_link_in_parts,
    choose_story,
    choose_story_lazily,
    explain,
    figure_key,
    lift_decay,
    quote_runs,
    rank_articles,
    shared_facts,
    sublinear,
    title_vector,
)
from digests.terms import tokens

Row = tuple[Any, ...]

SETTLE_SHARE = 0.25  # a batch adding this share of the store regroups it
# An ingest run regroups the stories it touched when they hold at most this many articles for each
# it grouped (and REGION_BASE more): on a dense day (the benchmark's generated busy day, where one
# run's stories hold most of the day) regrouping them would cost more than the saves themselves.
REGION_PER_ARTICLE = 10
REGION_BASE = 20
REGROUP_CHUNK = 1000  # articles whose terms a regrouping reads at a time


def _shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def pack_links(links: Iterable[tuple[int, float]]) -> bytes:
    """An article's links (other article id, similarity) as stored: doubles, id then similarity
    (ids are exact in a double up to 2**53)."""
    return array("d", [x for other, sim in links for x in (float(other), sim)]).tobytes()


def unpack_links(blob: bytes) -> list[tuple[int, float]]:
    """The links :func:`pack_links` stored."""
    values = array("d")
    values.frombytes(blob)
    return [(int(values[i]), values[i + 1]) for i in range(0, len(values), 2)]


def _docs(conn: sqlite3.Connection) -> int:
    # The highest id stands for the number of articles: exact without deletions, and an
    # index look-up where count(*) would read the whole table.
    row = conn.execute("SELECT max(article_id) FROM article_terms").fetchone()
    return int(row[0] or 0)


def document_frequencies(conn: sqlite3.Connection, terms: Iterable[str]) -> dict[str, int]:
    """How many stored articles use each of ``terms`` (a term no article uses is absent)."""
    return {
        str(t): int(n)
        for t, n in conn.execute(
            "SELECT term, df FROM term_df WHERE term IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(terms))],
        )
    }


def _weights(
    conn: sqlite3.Connection, article_id: int, counts: Mapping[str, float], known: Known | None = None
) -> Weights:
    """A stored article's term, title, lead sentence and quotation weights under the store's
    frequencies (its title, lead sentence and quotation runs from ``known`` when the saver has
    them, else read back)."""
    if known is not None:
        title: Iterable[str] = _title_words(known.title)
        lead: Iterable[str] = tokens(known.lead)
        quotes = known.runs
    else:
        row = conn.execute(f"SELECT a.title, {LEAD} FROM articles a WHERE a.id = ?", [article_id]).fetchone()
        title = tokens(str(row[0] or "")) if row else ()
        lead = tokens(str(row[1] or "")) if row else ()
        quotes = quote_runs(_quotes(conn, [article_id]).get(article_id, []))
    df = document_frequencies(conn, counts.keys() | set(lead))
    return Weights(counts, df, _docs(conn), title, quotes, lead=lead)


@dataclass(frozen=True, slots=True)
class Known:
    """What the saver of an article knows that grouping would otherwise read back from the store:
    its title and the word runs of its stored quotations (:func:`digests.stories.quotation_runs`)."""

    title: str
    runs: frozenset[str]  # every run, as the new article compares them
    # every QUOTE_STEP-th run, as a candidate is compared; None when the quotations it will have are
    # not stored yet (facts inserted after it is grouped, or copied in later): read them then
    sparse: frozenset[str] | None
    terms: str = ""  # its terms as stored (``article_terms``), when the saver has them
    lead: str = ""  # its lead sentence (:func:`lead_sentence`)


LEAD_CHARS = 400  # a lead sentence longer than this is read up to here
# An article's lead sentence (the offsets the store keeps, ``digests.lead``), in SQL over ``a``
LEAD = (
    "substr(a.text, a.lead_start + 1, "
    f"max(0, min(a.lead_sentence_end, a.lead_start + {LEAD_CHARS}) - a.lead_start))"
)


def lead_sentence(text: str, start: int, sentence_end: int) -> str:
    """The lead sentence of an article's ``text`` as grouping reads it (:data:`LEAD`), from the
    lead's offsets (``digests.lead.Lead``)."""
    return text[start : max(start, min(sentence_end, start + LEAD_CHARS))]


RunsCache = dict[int, tuple[float, frozenset[str]]]  # article id -> (its norm, its quotation runs)
CACHE_SIZE = 20_000  # articles whose quotation runs a store keeps in memory between saves


def assign_story(
    conn: sqlite3.Connection,
    article_id: int,
    day: str,
    counts: Mapping[str, float],
    cache: RunsCache | None = None,
    known: Known | None = None,
) -> int:
    """Put an article (already in ``article_terms``) into a story; returns the story id. ``cache``
    keeps the candidates' quotation runs between calls (the same recent articles are candidates
    again and again on a busy day); ``known``, the article's title and quotation runs as stored.
    The candidates' quotations are read only where they can change the decision
    (:func:`digests.stories.choose_story_lazily`)."""
    return _assign(conn, article_id, day, counts, cache, known=known, lazy=True)[0]


def _assign(
    conn: sqlite3.Connection,
    article_id: int,
    day: str,
    counts: Mapping[str, float],
    cache: RunsCache | None = None,
    keys: str = "story_keys",
    known: Known | None = None,
    lazy: bool = False,
) -> tuple[int, list[tuple[int, float]]]:
    """:func:`assign_story`, also returning its links: the similarities from ``EDGE_FLOOR`` up with
    the candidates compared, kept with its membership (``links``) for regrouping (when ``lazy``, the
    decision alone reads quotations, only where they can change it: a candidate's quotations left
    unread add nothing to its link). ``keys`` names the index the candidates are found in: a
    regrouping's own, of ``REGROUP_KEYS`` terms an article."""
    weights = _weights(conn, article_id, counts, known)
    weights.ahead = lead_ahead(conn, article_id, day)
    lo, hi = _shift(day, -WINDOW_DAYS), _shift(day, WINDOW_DAYS)
    # One statement: the articles of the window indexing the heaviest terms, but for the terms the
    # window's articles index too often (they propose nobody), counted in SQL up to the first index
    # entry beyond ``CROWDED`` only, never fetched.
    # Each article's shared terms come in one row (terms never hold the unit separator: entity
    # names are split on whitespace, which it is to Python), so only the scores are added here.
    found = conn.execute(
        f"SELECT k.article_id, group_concat(k.term, char(31)) FROM {keys} k WHERE k.term IN ("
        "SELECT p.value FROM json_each(?1) p WHERE (SELECT count(*) FROM ("
        f"SELECT 1 FROM {keys} c WHERE c.term = p.value AND c.day BETWEEN ?2 AND ?3 LIMIT ?4)) <= ?5"
        ") AND k.day BETWEEN ?2 AND ?3 AND k.article_id <> ?6 GROUP BY k.article_id",
        [json.dumps(weights.heaviest(PROBES)), lo, hi, CROWDED + 1, CROWDED, article_id],
    ).fetchall()
    # no term here is crowded: a term indexed by more than CROWDED articles of the window was left out
    ids = rank_articles(((int(aid), terms.split("\x1f")) for aid, terms in found), weights)
    candidates = _candidates(conn, ids, day, weights, cache=cache, runs=not lazy)
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
    sims: list[tuple[Candidate, float]] = []
    if lazy:
        def with_quotes(some: list[Candidate]) -> list[Candidate]:
            runs = _runs(conn, [(c.article_id, c.norm) for c in some], cache)
            return [replace(c, quotes=runs[c.article_id]) for c in some]

        bounds: list[tuple[Candidate, float, float]] = []
        chosen = choose_story_lazily(weights, candidates, in_window, with_quotes, bounds)
        # a link whose quotations the decision left unread: with them when the cache holds them
        # (a recent article's, as saves keep them), else without
        for c, low, high in bounds:
            hit = None if low == high or cache is None else cache.get(c.article_id)
            shared = hit is not None and hit[0] == c.norm and bool(weights.quotes & hit[1])
            sims.append((c, high if shared else low))
    else:
        choice = choose_story(weights, candidates, in_window)
        chosen, sims = choice.story, list(choice.sims)
    story_id = article_id if chosen is None else chosen
    links = [(c.article_id, sim) for c, sim in sims if sim >= EDGE_FLOOR]
    conn.execute(
        "INSERT OR REPLACE INTO story_members "
        "(article_id, story_id, day, norm, links, ahead, lead, lead_norm) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [article_id, story_id, day, weights.norm, pack_links(links), weights.ahead,
         " ".join(sorted(weights.lead)), weights.lead_norm],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO story_keys (term, day, article_id) VALUES (?, ?, ?)",
        [(t, day, article_id) for t in weights.index_terms()],
    )
    if keys != "story_keys":
        conn.executemany(
            f"INSERT OR IGNORE INTO {keys} (term, day, article_id) VALUES (?, ?, ?)",
            [(t, day, article_id) for t in weights.index_terms(REGROUP_KEYS)],
        )
    if known is not None and known.terms:
        remember_terms(known.terms, counts, weights.tf)  # a candidate of the next articles
    if cache is not None and known is not None and known.sparse is not None:
        # its runs as a candidate of the next articles, without reading its quotations back
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        cache[article_id] = (float(weights.norm), known.sparse)
    return story_id, links


# The same recent articles are candidates of one new article after another: their stored terms
# are decoded and their titles split once per distinct string, not at every decision; a saved
# article's are kept as it is grouped (:func:`remember_terms`), since recent articles are the next
# ones' candidates. Pure functions of what is stored, so an article replaced since is read afresh.
TERMS_CACHE = 8192  # stored term strings whose counts and sublinear counts are kept
_decoded: dict[str, tuple[Mapping[str, float], Mapping[str, float]]] = {}


def _stored_terms(stored: str) -> tuple[Mapping[str, float], Mapping[str, float]]:
    """A stored article's term counts and their sublinear counts, from its stored terms."""
    hit = _decoded.get(stored)
    if hit is None:
        counts = json.loads(stored)
        hit = _keep_terms(stored, counts, sublinear(counts))
    return hit


def _keep_terms(
    stored: str, counts: Mapping[str, float], tf: Mapping[str, float]
) -> tuple[Mapping[str, float], Mapping[str, float]]:
    if len(_decoded) >= TERMS_CACHE:
        _decoded.clear()
    hit = _decoded[stored] = (MappingProxyType(dict(counts)), MappingProxyType(dict(tf)))
    return hit


def remember_terms(stored: str, counts: Mapping[str, float], tf: Mapping[str, float]) -> None:
    """Keep a saved article's terms as stored (``stored``, :func:`digests.terms.counts_json` of
    ``counts``) with their sublinear counts ``tf``, for when it is a candidate: what decoding the
    stored string would give, in its order."""
    _keep_terms(stored, {t: counts[t] for t in sorted(counts)}, {t: tf[t] for t in sorted(tf)})


@lru_cache(maxsize=8192)
def _title_words(title: str) -> tuple[str, ...]:
    return tuple(tokens(title))


@lru_cache(maxsize=8192)
def _lead_set(stored: str) -> frozenset[str]:
    # a candidate's lead words as stored with its membership (``story_members.lead``)
    return frozenset(stored.split())


def _quotes(conn: sqlite3.Connection, ids: list[int]) -> dict[int, list[str]]:
    """The direct and partial quotations of the articles ``ids`` long enough to hold a run of
    ``QUOTE_RUN`` words (at least ``QUOTE_CHARS`` characters)."""
    out: dict[int, list[str]] = {}
    for aid, text in conn.execute(
        "SELECT article_id, text FROM quotes WHERE article_id IN (SELECT value FROM json_each(?)) "
        "AND kind <> 'indirect' AND length(text) >= ? ORDER BY article_id, start",
        [json.dumps(ids), QUOTE_CHARS],
    ):
        out.setdefault(int(aid), []).append(str(text))
    return out


def _candidates(
    conn: sqlite3.Connection,
    ids: list[int],
    day: str,
    weights: Weights,
    quotes: bool = False,
    cache: RunsCache | None = None,
    runs: bool = True,
) -> list[Candidate]:
    """The candidate articles ``ids`` with their story, day gap, terms, title words and (when the new
    article has any, or ``quotes``; never when not ``runs``) their quotations' runs, from ``cache``
    when it has them, and how far each one's lead looked ahead (``ahead``, :func:`lead_ahead`)."""
    if not ids:
        return []
    rows = conn.execute(
        "SELECT m.article_id, m.story_id, m.day, m.norm, t.terms, a.title, m.ahead, m.lead, m.lead_norm "
        "FROM story_members m JOIN article_terms t ON t.article_id = m.article_id "
        "JOIN articles a ON a.id = m.article_id "
        "WHERE m.article_id IN (SELECT value FROM json_each(?)) ORDER BY m.article_id",
        [json.dumps(ids)],
    ).fetchall()
    titles = {int(r[0]): _title_words(str(r[5] or "")) for r in rows}
    unknown = sorted({w for ws in titles.values() for w in ws} - weights.idf.keys())
    idf = dict(weights.idf)
    if unknown:
        idf.update((t, weights.idf_of(n)) for t, n in document_frequencies(conn, unknown).items())
    found: dict[int, frozenset[str]] = {}
    if runs and (weights.quotes or quotes):
        found = _runs(conn, [(int(r[0]), float(r[3])) for r in rows], cache)
    d0 = date.fromisoformat(day)
    gaps = {int(r[0]): (date.fromisoformat(str(r[2])) - d0).days for r in rows}
    # what a lead announced matters only where the days between them would decay a similarity: an
    # earlier candidate's lead, or the new article's when a candidate is days after it
    out = []
    for aid, story, _, norm, stored, _, ahead, lead, lead_norm in rows:
        title = title_vector(titles[int(aid)], idf)
        counts, tf = _stored_terms(stored)
        out.append(Candidate(int(aid), int(story), gaps[int(aid)], float(norm), counts, title,
                             found.get(int(aid), frozenset()), tf, int(ahead),
                             _lead_set(str(lead)), float(lead_norm)))
    return out


AHEAD_SPAN = 2  # a planned event of at most this many days (a meeting, talks), not "next month"


def lead_ahead(conn: sqlite3.Connection, article_id: int, day: str) -> int:
    """How many days beyond its publication ``day`` a stored article's lead (its title or lead
    sentence) announces a planned event of at most ``AHEAD_SPAN`` days, up to ``WINDOW_DAYS``
    ("negotiators will meet from Tuesday to Wednesday"), else 0: kept with its membership
    (``story_members.ahead``) for :func:`digests.stories.days_apart`."""
    pub = date.fromisoformat(day).toordinal()
    ahead = 0
    for first, last in conn.execute(
        "SELECT e.day_first, e.day_last FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE e.article_id = ? AND e.status = 'planned' AND e.day_first IS NOT NULL "
        "AND e.start < max(a.lead_end, a.lead_sentence_end)",
        [article_id],
    ):
        start, end = date.fromisoformat(str(first)).toordinal(), date.fromisoformat(str(last)).toordinal()
        if pub < start <= pub + WINDOW_DAYS and end - start <= AHEAD_SPAN:
            ahead = max(ahead, min(end, pub + WINDOW_DAYS) - pub)
    return ahead


def _runs(
    conn: sqlite3.Connection, articles: list[tuple[int, float]], cache: RunsCache | None
) -> dict[int, frozenset[str]]:
    """The quotation runs of ``articles`` (id, norm) as a candidate's (every ``QUOTE_STEP``-th),
    from ``cache`` when it has them for that norm, else read and kept there."""
    cache = {} if cache is None else cache
    runs: dict[int, frozenset[str]] = {}
    for aid, norm in articles:
        hit = cache.get(aid)
        if hit is not None and hit[0] == norm:
            runs[aid] = hit[1]
    missing = [aid for aid, _ in articles if aid not in runs]
    quoted = _quotes(conn, missing) if missing else {}
    if len(cache) + len(missing) > CACHE_SIZE:
        cache.clear()
    for aid, norm in articles:
        if aid not in runs:
            runs[aid] = quote_runs(quoted.get(aid, []), QUOTE_STEP)
            cache[aid] = (norm, runs[aid])
    return runs


def pair_evidence(conn: sqlite3.Connection, first: int, second: int) -> str:
    """Why two stored articles are (or are not) told together: their similarity under the
    store's current frequencies and what it rests on (for reading missed and wrong pairs)."""
    row = conn.execute(
        "SELECT m.day, t.terms, m.ahead FROM story_members m "
        "JOIN article_terms t ON t.article_id = m.article_id WHERE m.article_id = ?",
        [first],
    ).fetchone()
    if row is None:
        return "not grouped"
    day, weights = str(row[0]), _weights(conn, first, json.loads(row[1]))
    weights.ahead = int(row[2])
    others = _candidates(conn, [second], day, weights, quotes=True)
    if not others:
        return "not grouped"
    keys = fact_keys(conn, [first, second])
    shared = shared_facts(keys[first], keys[second]) if len(keys) == 2 else []
    return explain(weights, others[0]) + ("\n  shares: " + "; ".join(shared) if shared else "")


def fact_keys(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, FactKeys]:
    """The :class:`digests.stories.FactKeys` of the grouped articles ``ids`` from their stored facts
    (for reading pairs and counting what they share: grouping does not decide on them)."""
    wanted = json.dumps(sorted(set(ids)))
    days = {
        int(a): date.fromisoformat(str(d)).toordinal()
        for a, d in conn.execute(
            "SELECT article_id, day FROM story_members "
            "WHERE article_id IN (SELECT value FROM json_each(?))",
            [wanted],
        )
    }
    runs = {a: quote_runs(texts) for a, texts in _quotes(conn, sorted(days)).items()}
    speakers: dict[int, set[str]] = {}
    for a, name in conn.execute(
        "SELECT DISTINCT q.article_id, q.speaker FROM quotes q JOIN entities e "
        "ON e.article_id = q.article_id AND e.name = q.speaker AND e.type = 'person' "
        "WHERE q.article_id IN (SELECT value FROM json_each(?))",
        [wanted],
    ):
        speakers.setdefault(int(a), set()).add(str(name))
    dated: dict[int, set[tuple[int, str]]] = {}
    for a, day, actors in conn.execute(
        "SELECT article_id, day_first, entities FROM events "
        "WHERE article_id IN (SELECT value FROM json_each(?)) "
        "AND day_first = day_last AND status IN ('occurred', 'reported')",
        [wanted],
    ):
        d = date.fromisoformat(str(day)).toordinal()
        dated.setdefault(int(a), set()).update((d, str(actor)) for actor in json.loads(actors))
    figures: dict[int, set[tuple[float, str]]] = {}
    for a, value, unit, measures in conn.execute(
        "SELECT article_id, value, unit, measures FROM figures "
        "WHERE article_id IN (SELECT value FROM json_each(?))",
        [wanted],
    ):
        if (key := figure_key(value, unit, measures)) is not None:
            figures.setdefault(int(a), set()).add(key)
    return {
        a: FactKeys(
            day, runs.get(a, frozenset()), frozenset(speakers.get(a, ())), frozenset(dated.get(a, ())),
            frozenset(figures.get(a, ())),
        )
        for a, day in days.items()
    }


def _known(conn: sqlite3.Connection, article_id: int) -> Known:
    """What a saver knows of a stored article (for deciding as its save did)."""
    row = conn.execute(f"SELECT a.title, {LEAD} FROM articles a WHERE a.id = ?", [article_id]).fetchone()
    texts = _quotes(conn, [article_id]).get(article_id, [])
    return Known(
        str(row[0] or "") if row else "", quote_runs(texts), quote_runs(texts, QUOTE_STEP),
        lead=str(row[1] or "") if row else "",
    )


def regroup_all(conn: sqlite3.Connection, at_once: bool = True, runs: bool = False) -> int:
    """Group every article again (call inside a transaction): each is assigned in the order of
    day and key, as when it was saved, which rebuilds the candidate index and finds its
    similarities with the candidates before it; then the whole store is grouped at once from
    those similarities (:func:`digests.stories.average_link`), so that no story depends on
    which of its articles came first. ``at_once`` False keeps the decisions made one article at
    a time, as saving them in that order would (for measuring them); with ``runs``, as ingest
    runs of a day's articles each would, each run's stories regrouped (:func:`regroup_around`)."""
    conn.execute("DELETE FROM story_keys")
    conn.execute("DELETE FROM story_members")
    # a wider index of its own (REGROUP_KEYS terms an article) finds the pairs the saves' index
    # misses; the saves' index is rebuilt beside it as it was
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS regroup_keys (term TEXT NOT NULL, day TEXT NOT NULL, "
        "article_id INTEGER NOT NULL, PRIMARY KEY (term, day, article_id)) WITHOUT ROWID"
    )
    conn.execute("DELETE FROM temp.regroup_keys")
    rows = conn.execute(
        "SELECT a.id, COALESCE(substr(a.published, 1, 10), substr(a.ingested_at, 1, 10)) AS day "
        "FROM articles a JOIN article_terms t ON t.article_id = a.id ORDER BY day, a.key, a.id"
    ).fetchall()
    order: list[int] = []
    days: dict[int, int] = {}
    # the similarities, in three flat arrays (8 bytes each) rather than a list of tuples (about 150
    # bytes an edge): at most MAX_CANDIDATES an article, those below EDGE_FLOOR left out
    firsts, seconds, sims_of = array("q"), array("q"), array("d")
    cache: RunsCache = {}
    run: list[int] = []  # with ``runs``: the articles of the day so far
    # the terms a chunk at a time: those of a large store do not all fit in memory
    for at in range(0, len(rows), REGROUP_CHUNK):
        part = rows[at : at + REGROUP_CHUNK]
        terms = dict(
            conn.execute(
                "SELECT article_id, terms FROM article_terms "
                "WHERE article_id IN (SELECT value FROM json_each(?))",
                [json.dumps([int(aid) for aid, _ in part])],
            ).fetchall()
        )
        for aid, day in part:
            if runs and run and days[run[-1]] != date.fromisoformat(str(day)).toordinal():
                regroup_around(conn, run, cache)
                run = []
            _, sims = _assign(
                conn, int(aid), str(day), json.loads(terms[aid]), cache,
                keys="temp.regroup_keys" if at_once else "story_keys",
                known=None if at_once else _known(conn, int(aid)), lazy=not at_once,  # as saves
            )
            order.append(int(aid))
            run.append(int(aid))
            days[int(aid)] = date.fromisoformat(str(day)).toordinal()
            for other, sim in sims:
                firsts.append(int(aid))
                seconds.append(other)
                sims_of.append(sim)
    conn.execute("DELETE FROM temp.regroup_keys")
    if not at_once:
        if runs:
            regroup_around(conn, run, cache)
        return len(rows)
    # each pair once (an article is compared with those before it only), the decay lifted where a
    # story goes on over days: grouped part by part
    ahead = {
        int(a): int(n) for a, n in conn.execute("SELECT article_id, ahead FROM story_members WHERE ahead > 0")
    }
    sims_of = lift_decay(days, ahead, firsts, seconds, sims_of)
    story_of = average_link_in_parts(order, days, firsts, seconds, sims_of)
    conn.executemany(
        "UPDATE story_members SET story_id = ? WHERE article_id = ?", ((story_of[a], a) for a in order)
    )
    return len(rows)


def regroup_around(conn: sqlite3.Connection, ids: Iterable[int], cache: RunsCache | None = None) -> int:
    """Regroup the stories that the articles ``ids`` (those saved since the last regrouping) joined
    or link to from ``REACH`` (call inside a transaction): their articles are grouped again at once, by
    :func:`digests.stories.average_link` over the links kept with them, as a regrouping of the
    whole store groups them, so that these stories no longer depend on which of their articles
    came first, without comparing any article again. Whole stories are regrouped (with any story
    known by the id of one of their articles), so a story keeps all its articles together, and
    articles outside them stay where they are. An article grouped before links were kept
    (schema version 16) is compared again once. Stories holding more than ``REGION_PER_ARTICLE``
    articles for each of ``ids`` (and ``REGION_BASE``) are left as the saves grouped them, so that
    the cost stays a small multiple of the run's. Returns how many articles were regrouped."""
    batch = sorted(set(ids))
    if not batch:
        return 0
    rows = conn.execute(
        "SELECT story_id, links FROM story_members WHERE article_id IN (SELECT value FROM json_each(?))",
        [json.dumps(batch)],
    ).fetchall()
    stories = {int(s) for s, _ in rows}
    linked = sorted(
        {other for _, blob in rows if blob is not None for other, sim in unpack_links(blob) if sim >= REACH}
    )
    if linked:
        stories.update(
            int(s)
            for (s,) in conn.execute(
                "SELECT DISTINCT story_id FROM story_members "
                "WHERE article_id IN (SELECT value FROM json_each(?))",
                [json.dumps(linked)],
            )
        )
    members: dict[int, Row] = {}
    frontier = stories
    limit = REGION_PER_ARTICLE * len(batch) + REGION_BASE
    while frontier:
        size = conn.execute(
            "SELECT count(*) FROM story_members WHERE story_id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(frontier))],
        ).fetchone()[0]
        if len(members) + int(size) > limit:
            return 0  # left as the saves grouped them
        found = conn.execute(
            "SELECT m.article_id, m.story_id, m.day, a.key, m.links, m.ahead FROM story_members m "
            "JOIN articles a ON a.id = m.article_id WHERE m.story_id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(frontier))],
        ).fetchall()
        fresh = [int(r[0]) for r in found if int(r[0]) not in members]
        members.update((int(r[0]), r) for r in found)
        # a story is known by its first article's id: one known by an article of these goes with them
        frontier = {
            int(s)
            for (s,) in conn.execute(
                "SELECT DISTINCT story_id FROM story_members "
                "WHERE story_id IN (SELECT value FROM json_each(?))",
                [json.dumps(fresh)],
            )
        } - stories
        stories |= frontier
    links = {aid: unpack_links(r[4]) for aid, r in members.items() if r[4] is not None}
    unlinked = sorted(set(members) - links.keys())
    if unlinked:
        terms = dict(
            conn.execute(
                "SELECT article_id, terms FROM article_terms "
                "WHERE article_id IN (SELECT value FROM json_each(?))",
                [json.dumps(unlinked)],
            ).fetchall()
        )
        for aid in unlinked:
            links[aid] = _assign(conn, aid, str(members[aid][2]), json.loads(terms.get(aid, "{}")), cache)[1]
    edges: dict[tuple[int, int], float] = {}
    for aid, out in links.items():
        for other, sim in out:
            if other in members and other != aid:
                pair = (aid, other) if aid < other else (other, aid)
                # a pair compared from both sides (an article saved again) counts once
                edges[pair] = max(sim, edges.get(pair, 0.0))
    order = sorted(members, key=lambda a: (str(members[a][2]), str(members[a][3]), a))
    days = {a: date.fromisoformat(str(members[a][2])).toordinal() for a in order}
    # the decay lifted where a story goes on over days, as a regrouping does, the neighbourhoods read
    # from every link these articles keep (to articles outside these stories too)
    pairs = sorted(edges)
    lifted = lift_decay(
        days, {a: int(members[a][5] or 0) for a in order}, [a for a, _ in pairs], [b for _, b in pairs],
        [edges[p] for p in pairs], ((aid, other, sim) for aid, out in links.items() for other, sim in out),
    )
    story_of = average_link(order, days, ((a, b, sim) for (a, b), sim in zip(pairs, lifted, strict=True)))
    stale = set(unlinked)  # compared again: their row was written anew
    conn.executemany(
        "UPDATE story_members SET story_id = ? WHERE article_id = ?",
        [(story_of[a], a) for a in order if a in stale or story_of[a] != int(members[a][1])],
    )
    return len(order)


class StoriesMixin(StoreBase):
    """Story membership: kept at save time, read by digests and timelines."""

    _runs_cache: RunsCache | None = None
    _unsettled: list[int] | None = None  # articles grouped since the last regrouping

    def _assign_story(
        self, article_id: int, day: str, counts: Mapping[str, float], known: Known | None = None,
        settle: bool = True,
    ) -> int:
        """Group an article into its story; ``settle``: the next :meth:`settle_stories` regroups
        around it (a bulk insert's articles are left to the loader's :meth:`regroup`)."""
        if self._runs_cache is None:
            self._runs_cache = {}
        if self._unsettled is None:
            self._unsettled = []
        if settle:
            self._unsettled.append(article_id)
        return assign_story(self.db.conn, article_id, day, counts, self._runs_cache, known)

    def _forget_story(self, article_id: int) -> None:
        """Take an article out of its story and the candidate index (before it is grouped again)."""
        if self._runs_cache is not None:
            self._runs_cache.pop(article_id, None)
        self.db.conn.execute("DELETE FROM story_members WHERE article_id = ?", [article_id])
        self.db.conn.execute("DELETE FROM story_keys WHERE article_id = ?", [article_id])

    def regroup(self, at_once: bool = True, runs: bool = False) -> int:
        """Group every stored article into stories again (:func:`regroup_all`), so that the stories
        depend only on the stored articles; returns how many were grouped. ``at_once`` False keeps
        the decisions made one article at a time in the canonical order (day, then key), with
        ``runs`` as ingest runs of a day's articles each settle them (for measuring them)."""
        self._unsettled = []
        with self._transaction():
            return regroup_all(self.db.conn, at_once, runs)

    def ungroup_newest(self, count: int) -> list[tuple[int, str, dict[str, float], int]]:
        """Take the ``count`` newest grouped articles out of their stories and the candidate index
        (for timing their decisions again, ``bench/story_cost.py``): (article id, day, term counts,
        story id it had), oldest first."""
        rows = self.db.execute(
            "SELECT m.article_id, m.day, t.terms, m.story_id FROM story_members m "
            "JOIN article_terms t ON t.article_id = m.article_id ORDER BY m.article_id DESC LIMIT ?",
            [count],
        ).fetchall()[::-1]
        with self._transaction():
            for aid, *_ in rows:
                self._forget_story(int(aid))
        return [(int(a), str(d), json.loads(t), int(s)) for a, d, t, s in rows]

    def assign_again(self, article_id: int, day: str, counts: Mapping[str, float]) -> int:
        """Group a stored article that :meth:`ungroup_newest` took out, as its save did (in its own
        transaction); returns its story."""
        with self._transaction():
            return self._assign_story(article_id, day, counts)

    def memberships(self, ids: Iterable[int]) -> list[Row]:
        """(article_id, story_id, norm, links) of the articles ``ids`` that are grouped, in id order
        (for comparing what two versions of the code stored)."""
        return self.db.execute(
            "SELECT article_id, story_id, norm, links FROM story_members "
            "WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id",
            [json.dumps(sorted(set(ids)))],
        ).fetchall()

    def story_rows(self) -> list[Row]:
        """(url, article_id, story_id, title, day) of every grouped article (for scoring the grouping)."""
        return self.db.execute(
            "SELECT a.url, a.id, m.story_id, a.title, m.day FROM articles a "
            "JOIN story_members m ON m.article_id = a.id ORDER BY a.id"
        ).fetchall()

    def grouping_inputs(self) -> tuple[list[Row], dict[str, int], int, dict[int, list[str]]]:
        """What grouping reads of every grouped article, for replaying it over every pair
        (``bench/story_sim.py``): (id, url, day, terms, title, lead sentence, look-ahead) in the
        canonical order, the document frequencies, the number of articles, the quotations."""
        conn = self.db.conn
        rows = conn.execute(
            f"SELECT a.id, a.url, m.day, t.terms, a.title, {LEAD}, m.ahead FROM articles a "
            "JOIN story_members m ON m.article_id = a.id JOIN article_terms t ON t.article_id = a.id "
            "ORDER BY m.day, a.key, a.id"
        ).fetchall()
        df = {str(t): int(n) for t, n in conn.execute("SELECT term, df FROM term_df")}
        return rows, df, _docs(conn), _quotes(conn, [int(r[0]) for r in rows])

    def story_facts(self, ids: Iterable[int]) -> dict[int, FactKeys]:
        """:func:`fact_keys` of stored articles (for counting the facts labelled pairs share)."""
        return fact_keys(self.db.conn, ids)

    def story_evidence(self, first: int, second: int) -> str:
        """:func:`pair_evidence` of two stored articles."""
        return pair_evidence(self.db.conn, first, second)

    def settle_stories(self, added: int) -> bool:
        """After a batch of ``added`` articles: regroup the whole store when the batch is at least
        ``SETTLE_SHARE`` of it (a young store, a bulk load), since articles grouped while the store
        was small were weighed by few document frequencies; else regroup the stories the articles
        grouped since the last regrouping joined or link to (:func:`regroup_around`). True when it
        regrouped the whole store."""
        pending, self._unsettled = self._unsettled or [], []
        if self.readonly:
            return False
        total = self.db.execute("SELECT max(article_id) FROM story_members").fetchone()[0] or 0
        if added > 0 and added >= SETTLE_SHARE * total:
            self.regroup()
            return True
        if pending:
            with self._transaction():
                regroup_around(self.db.conn, pending, self._runs_cache)
        return False

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
