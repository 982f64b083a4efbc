"""Which story an article joins: the similarity of two articles and the choice among stories.

Stories are kept in the store (``digests.store.stories``): when an article is saved it
joins the story whose articles, published within ``WINDOW_DAYS`` of it, are on average
similar enough to it, or starts a story of its own. This module holds the decision, with
no SQL: the store hands it the new article's term counts (``digests.terms``: words of the
title and lead, and the people, places and organisations named), the document
frequencies of those terms, and the candidates its index of rare terms found.

- An article is a TF-IDF vector: sublinear counts (1 + log n) weighed by the rarity of
  each term in the store, log(N / (df + 0.5)), with N at least ``PRIOR_DOCS``.
- Two articles' similarity is the cosine of their vectors, plus ``TITLE_SHARE`` of the
  cosine of their titles alone (each title word once, weighed by rarity: two outlets'
  headlines of one event share its rare words, "sanctions on Turkey", where commentary and
  background dilute the text), plus ``LEAD_SHARE`` of the cosine of their lead sentences
  (the same, for the sentence that tells the news: "President Obama announced ... Wednesday
  night", "Obama's announcement Wednesday that he is expanding ..."), plus ``QUOTE_BONUS``
  when both print the same run of ``QUOTE_RUN`` quoted words (somebody's same words, however
  each outlet trimmed them); all decayed by the days between their news (:func:`days_apart`:
  their publication, less the days an earlier article's lead announced ahead): full for
  ``GRACE_DAYS``, then falling by e every ``DECAY_DAYS``.
- The article joins the story with the highest average similarity over its articles in
  the window (those not among the candidates count 0), when it reaches ``THRESHOLD``:
  average link, so one close article cannot chain two unrelated stories together, and
  a story told over many days goes on as long as its recent articles are close.
- Decided one article at a time, a story depends on which of its articles came first: an
  early article may start a story of its own that later ones would have joined. Regrouping
  (``geodigest reextract``, and a batch that adds a large share of the store) therefore
  groups the whole store at once, :func:`average_link`: the closest pair of stories is
  joined first, by the same average and threshold, until none reaches it; so articles move
  between stories, and stories merge, as later evidence arrives, and the result does not
  depend on the order articles were stored in.

The cost of a decision is proportional to the candidates compared (at most
``MAX_CANDIDATES``), never to the store or the day's articles.
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from digests import disjoint

THRESHOLD = 0.14  # average similarity from which an article joins a story
WINDOW_DAYS = 6  # articles further apart than this are never compared (decay below threshold)
GRACE_DAYS = 1  # full similarity for articles this many days apart (see days_apart) ...
DECAY_DAYS = 2.0  # ... then falling by e every this many days
PRIOR_DOCS = 50  # a young store weighs terms as if it held at least this many articles
KEYS = 10  # an article's title words and heaviest terms, indexed to find it as a candidate
REGROUP_KEYS = 24  # the terms a regrouping indexes (a temporary index: no cost to a save)
PROBES = 150  # a new article looks its heaviest terms up in that index
MAX_CANDIDATES = 16  # candidates compared per decision, those sharing the heaviest terms first
CROWDED = 40  # a term indexed by more articles of the window than this proposes none
TITLE_SHARE = 0.35  # weight of the titles' own cosine, added to the articles' cosine
LEAD_SHARE = 0.12  # weight of the lead sentences' own cosine, added likewise
QUOTE_BONUS = 0.06  # added when the two articles print the same quoted words
QUOTE_RUN = 6  # consecutive quoted words that make "the same quotation"
QUOTE_STEP = 3  # a candidate's runs are taken every third word (see quote_runs)
QUOTE_CHARS = 4 * QUOTE_RUN  # shorter quotations cannot hold such a run
# A regrouping keeps the similarities from this one up: weaker ones moved no story on BASIL or the
# labelled AllSides weeks (0.02 to 0.07 gave the same stories), and a large store has millions.
EDGE_FLOOR = THRESHOLD / 4
# An ingest run regroups the stories its articles link to from this similarity up (with those they
# joined): from the floor up the labelled sets gave the same stories, with fewer stories read.
REACH = THRESHOLD / 2
# Two articles days apart whose neighbourhoods agree this much (the cosine of their similarities with
# the other articles: :func:`neighbourhood_agreement`) are one story going on, and their similarity is
# not decayed (:func:`lift_decay`): 0.85 to 0.95 gave the same stories on the labelled sets.
AGREEMENT = 0.9

_QWORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored article the new one may be told with: its story, day gap and term counts, and
    (when the store hands them) the words of its title with their rarity and the word runs of its
    quotations."""

    article_id: int
    story_id: int
    gap_days: int
    norm: float  # the length of its TF-IDF vector, as computed when it was grouped
    counts: Mapping[str, float]
    title: Mapping[str, float] = field(default_factory=dict)  # title word -> idf
    quotes: frozenset[str] = frozenset()
    tf: Mapping[str, float] | None = None  # sublinear counts (:func:`sublinear`), from counts when None
    ahead: int = 0  # days its lead's planned event reaches beyond its publication (:func:`days_apart`)
    lead: frozenset[str] = frozenset()  # its lead sentence's words (each once)
    lead_norm: float = 0.0  # the length of their rarity vector, as computed when it was grouped

    def __post_init__(self) -> None:
        if self.tf is None:
            object.__setattr__(self, "tf", sublinear(self.counts))


def sublinear(counts: Mapping[str, float]) -> dict[str, float]:
    """Each term's sublinear count, 1 + log n (0 below 1): a candidate's side of the text cosine,
    computed once per stored article rather than at each comparison."""
    log = math.log
    return {t: 1.0 + log(c) if c >= 1 else 0.0 for t, c in counts.items()}


def title_vector(words: Iterable[str], idf: Mapping[str, float]) -> dict[str, float]:
    """A title's words weighed by rarity (each word once): the title's own short vector."""
    return {w: idf.get(w, 0.0) for w in words if idf.get(w, 0.0) > 0}


def quote_runs(texts: Iterable[str], step: int = 1) -> frozenset[str]:
    """The runs of ``QUOTE_RUN`` consecutive words of quotations (lowercased, punctuation aside):
    two articles sharing one print the same words of somebody, whoever trimmed the quotation.
    ``step`` keeps the runs starting every so many words: a candidate's runs taken every
    ``QUOTE_STEP`` words still meet all the runs of a new article sharing ``QUOTE_RUN +
    QUOTE_STEP - 1`` words with it, at a fraction of the cost."""
    runs: set[str] = set()
    for text in texts:
        words = _QWORD.findall(text.lower())
        if len(words) >= QUOTE_RUN:
            starts = range(0, len(words) - QUOTE_RUN + 1, step)
            runs.update(" ".join(words[i : i + QUOTE_RUN]) for i in starts)
    return frozenset(runs)


def quotation_runs(quotes: Iterable[tuple[str, str]]) -> tuple[frozenset[str], frozenset[str]]:
    """An article's quotation runs from its quotations as (kind, text), the ones the store reads
    for grouping (not indirect, at least ``QUOTE_CHARS`` characters before any NUL, as SQLite's
    length() counts): every run, and every ``QUOTE_STEP``-th (as a candidate is compared)."""
    texts = [t for kind, t in quotes if kind != "indirect" and len(t.split("\0", 1)[0]) >= QUOTE_CHARS]
    return quote_runs(texts), quote_runs(texts, QUOTE_STEP)


class Weights:
    """TF-IDF weights of one article's terms, from the store's document frequencies (``df`` holds
    those of its lead sentence's words too)."""

    def __init__(
        self,
        counts: Mapping[str, float],
        df: Mapping[str, int],
        docs: int,
        title: Iterable[str] = (),
        quotes: frozenset[str] = frozenset(),
        ahead: int = 0,
        lead: Iterable[str] = (),
    ) -> None:
        self.docs = docs
        #: days its lead's planned event reaches beyond its publication (set by the store when a
        #: candidate is days after it: :func:`days_apart`)
        self.ahead = ahead
        n = max(docs, PRIOR_DOCS) + 1
        log = math.log
        self.idf = idf = {t: log(n / (df.get(t, 1) + 0.5)) for t in counts}
        #: its sublinear counts (:func:`sublinear`): its side of the text cosine as a candidate
        self.tf = tf = sublinear(counts)
        raw = {t: w * idf[t] for t, w in tf.items() if counts[t] >= 1}  # _tf(c) * idf
        self.norm = math.sqrt(math.fsum([w * w for w in raw.values()]))
        self.unit = {t: w / self.norm for t, w in raw.items()} if self.norm > 0 else {}
        self.title = title_vector(title, self.idf)
        self.title_sq = math.fsum([w * w for w in self.title.values()])  # its squared length
        #: its lead sentence's words weighed by rarity (each once), and that vector's length
        self.lead = title_vector(lead, {w: log(n / (df.get(w, 1) + 0.5)) for w in lead})
        self.lead_norm = math.sqrt(math.fsum([w * w for w in self.lead.values()]))
        self._lead_sq = {t: w * w for t, w in self.lead.items()}  # each word's share of the dot product
        self._lead_words = frozenset(self.lead)
        self.quotes = quotes
        self._order: list[str] | None = None

    def idf_of(self, df: int) -> float:
        """The rarity weight of a term used by ``df`` articles (for terms of other articles)."""
        return math.log((max(self.docs, PRIOR_DOCS) + 1) / (df + 0.5))

    def heaviest(self, limit: int = KEYS) -> list[str]:
        """The heaviest terms (ties by term), the ones a new article looks up in the candidate index."""
        if self._order is None:
            self._order = [t for t, _ in sorted(self.unit.items(), key=lambda kv: (-kv[1], kv[0]))]
        return self._order[:limit]

    def index_terms(self, limit: int = KEYS) -> list[str]:
        """The terms the candidate index keeps for this article: its title's words first, heaviest
        first, then its other heaviest terms. A headline names its event; commentary and
        follow-ups weigh their own angle heaviest in the text, so that with the heaviest terms
        alone the news they are about is often never proposed as a candidate."""
        order = self.heaviest(len(self.unit))
        title = [t for t in order if t in self.title]
        if len(title) >= limit:
            return title[:limit]
        return title + [t for t in order if t not in self.title][: limit - len(title)]

    def similarity(self, other: Candidate) -> float:
        """How close a candidate is, decayed by the days between them: the cosine of the articles'
        vectors (the candidate's weights under these document frequencies), plus ``TITLE_SHARE``
        of their titles' cosine, plus ``QUOTE_BONUS`` when they print the same quoted words."""
        return sum(self.evidence(other)) * self.decay(other)

    def decay(self, other: Candidate) -> float:
        """How much of the similarity with ``other`` survives the days between them
        (:func:`days_apart`, :func:`decay`)."""
        return decay(days_apart(other.gap_days, self.ahead, other.ahead))

    def evidence(self, other: Candidate) -> tuple[float, float, float]:
        """The three parts of :meth:`similarity` before the decay: text, headline (the titles' and
        the lead sentences' cosines, weighed), quotations."""
        text = 0.0
        if other.norm > 0:
            # fsum is exact whatever the order of its terms: no sort needed for the same result;
            # the candidate's sublinear counts computed once (Candidate.tf), not per comparison
            unit, idf, tf = self.unit, self.idf, other.tf
            assert tf is not None  # filled by Candidate.__post_init__
            text = math.fsum([unit[t] * tf[t] * idf[t] for t in unit.keys() & tf.keys()]) / other.norm
        title = TITLE_SHARE * _cosine(self.title, other.title, self.title_sq)
        if other.lead_norm > 0 and (both := self._lead_words & other.lead):
            # as the text's cosine: the shared words under these frequencies, the candidate's length
            # as computed when it was grouped (fsum: the same sum in any order of the words)
            sq = self._lead_sq
            title += LEAD_SHARE * math.fsum([sq[w] for w in both]) / (self.lead_norm * other.lead_norm)
        quotes = QUOTE_BONUS if self.quotes & other.quotes else 0.0
        return text, title, quotes


def _cosine(a: Mapping[str, float], b: Mapping[str, float], a_sq: float | None = None) -> float:
    shared = a.keys() & b.keys()
    if not shared:
        return 0.0
    dot = math.fsum([a[t] * b[t] for t in shared])
    if a_sq is None:
        a_sq = math.fsum([w * w for w in a.values()])
    return dot / math.sqrt(a_sq * math.fsum([w * w for w in b.values()]))


def _tf(count: float) -> float:
    return 1.0 + math.log(count) if count >= 1 else 0.0


def days_apart(gap_days: int, ahead: int = 0, other_ahead: int = 0) -> int:
    """Days between two articles' news, for the decay: ``gap_days`` from the first's publication to
    the second's, less the days an earlier article's lead looked ahead to (``ahead``: the first's,
    ``other_ahead``: the second's). Told on different days, two articles are different developments
    (a summit in doubt, its cancellation, the next meeting), unless the earlier one announced what
    the later one reports: "negotiators will meet from Tuesday to Wednesday" and "talks ended on
    Wednesday without a deal" are the same talks."""
    if gap_days >= 0:
        return max(0, gap_days - ahead)
    return max(0, -gap_days - other_ahead)


def decay(gap_days: int) -> float:
    """How much of a similarity survives ``gap_days`` between two publications."""
    return math.exp(-max(0, abs(gap_days) - GRACE_DAYS) / DECAY_DAYS)


def rank_articles(found: Iterable[tuple[int, Iterable[str]]], weights: Weights) -> list[int]:
    """Candidate article ids from each article's shared indexed terms (none of them crowded, each
    article once), the most promising first: the new article's weights of those terms added up,
    ties by id."""
    unit = weights.unit
    score: dict[int, float] = {}
    for aid, terms in found:
        # added one by one in term order, so that the sum is the same however the terms came (a
        # tie between two scores, decided by id, would otherwise depend on it)
        total = 0.0
        for term in sorted(terms):
            total += unit.get(term, 0.0)
        score[aid] = total
    return sorted(score, key=lambda a: (-score[a], a))[:MAX_CANDIDATES]


def story_scores(sims: Iterable[tuple[Candidate, float]], in_window: Mapping[int, int]) -> dict[int, float]:
    """Each candidate story's score from the new article's similarities with its candidates: the
    mean over all the story's articles in the window (``in_window`` counts them; those not
    compared count 0), the average link :func:`average_link` joins stories by."""
    by_story: dict[int, list[float]] = {}
    for c, sim in sims:
        by_story.setdefault(c.story_id, []).append(sim)
    return {
        story: math.fsum(values) / max(len(values), in_window.get(story, 0))
        for story, values in by_story.items()
    }


@dataclass(frozen=True, slots=True)
class Choice:
    """One decision: the story the article joins (None: a story of its own) and its similarity
    with each candidate compared (the edges a regrouping agglomerates)."""

    story: int | None
    sims: tuple[tuple[Candidate, float], ...]


def choose_story(weights: Weights, candidates: Iterable[Candidate], in_window: Mapping[int, int]) -> Choice:
    """The decision a save makes (the only one; regrouping gathers its similarities): the best of
    :func:`story_scores` when it reaches ``THRESHOLD`` (ties: the older story), else None."""
    sims = tuple((c, weights.similarity(c)) for c in candidates)
    return Choice(best_story(story_scores(sims, in_window)), sims)


def choose_story_lazily(
    weights: Weights,
    candidates: Sequence[Candidate],
    in_window: Mapping[int, int],
    with_quotes: Callable[[list[Candidate]], list[Candidate]],
    sims: list[tuple[Candidate, float, float]] | None = None,
) -> int | None:
    """The story :func:`choose_story` chooses, reading the candidates' quotations only where they
    can change it: ``candidates`` come without their quotation runs, and ``with_quotes`` returns
    the ones it is given with them (for a save, which needs the decision, not the similarities).

    Each story's score lies between its score with no candidate sharing a quotation and with all
    of them sharing one (sums and means of floats are monotone). A story whose highest score
    stays below ``THRESHOLD`` can never be chosen; when one story's lowest score beats the
    highest of every other that can, it is chosen unread; otherwise the quotations of the
    stories that can be chosen are read and those stories scored exactly. ``sims`` (when given)
    receives each candidate's similarity as far as it was read, (candidate, low, high): both exact
    where its quotations were read or the new article has none, else without and with the
    quotation's part (for the links a save keeps)."""
    if not weights.quotes:
        choice = choose_story(weights, candidates, in_window)
        if sims is not None:
            sims.extend((c, sim, sim) for c, sim in choice.sims)
        return choice.story
    low: list[tuple[Candidate, float]] = []
    high: list[tuple[Candidate, float]] = []
    for c in candidates:
        text, title, _ = weights.evidence(c)
        d = weights.decay(c)
        # written as similarity() adds its parts, so that the bounds are its values exactly
        low.append((c, sum((text, title, 0.0)) * d))
        high.append((c, sum((text, title, QUOTE_BONUS)) * d))
    lo, hi = story_scores(low, in_window), story_scores(high, in_window)
    contenders = sorted(s for s, v in hi.items() if v >= THRESHOLD)
    first = best_story({s: lo[s] for s in contenders})
    if not contenders or (first is not None and all(
        hi[s] < lo[first] or (hi[s] <= lo[first] and s > first) for s in contenders if s != first
    )):
        if sims is not None:
            sims.extend((c, a, b) for (c, a), (_, b) in zip(low, high, strict=True))
        return first
    wanted = set(contenders)
    read = [(c, weights.similarity(c)) for c in with_quotes([c for c in candidates if c.story_id in wanted])]
    if sims is not None:
        exact = {c.article_id: sim for c, sim in read}
        sims.extend(
            (c, exact[c.article_id], exact[c.article_id]) if c.article_id in exact else (c, a, b)
            for (c, a), (_, b) in zip(low, high, strict=True)
        )
    return best_story(story_scores(read, in_window))


def best_story(scores: Mapping[int, float]) -> int | None:
    """The highest scoring story from ``THRESHOLD`` (ties: the lower id), or None."""
    best = min(scores.items(), key=lambda kv: (-kv[1], kv[0]), default=None)
    return best[0] if best is not None and best[1] >= THRESHOLD else None


def average_link(
    order: Sequence[int], days: Mapping[int, int], edges: Iterable[tuple[int, int, float]]
) -> dict[int, int]:
    """Stories of a whole store at once: average-link agglomeration of the articles ``order``
    (ids in canonical order; ``days`` their day numbers) over the similarities ``edges``
    (article, article, similarity) found through the candidate index.

    The two stories with the highest average similarity are joined first, as long as it reaches
    ``THRESHOLD``; the average is taken over the pairs of their articles published within
    ``WINDOW_DAYS`` of each other, pairs without an edge counting 0, so a story can go on for
    days and one close pair cannot chain two stories. The result does not depend on the order
    the articles were stored in. Returns article id -> story id (its first article in
    ``order``)."""
    rank = {aid: i for i, aid in enumerate(order)}
    members: dict[int, list[int]] = {aid: [aid] for aid in order}
    hist: dict[int, dict[int, int]] = {aid: {days[aid]: 1} for aid in order}
    sums: dict[int, dict[int, float]] = {aid: {} for aid in order}
    for a, b, sim in edges:
        if a != b and a in rank and b in rank:
            sums[a][b] = sums[a].get(b, 0.0) + sim
            sums[b][a] = sums[b].get(a, 0.0) + sim

    def pairs(x: int, y: int) -> int:
        hx, hy = hist[x], hist[y]
        return sum(n * m for d, n in hx.items() for e, m in hy.items() if abs(d - e) <= WINDOW_DAYS)

    def link(x: int, y: int) -> float:
        n = pairs(x, y)
        return sums[x][y] / n if n else 0.0

    # each story's version: a queued link of an older version is stale (the story grew since, and
    # its links were queued again as they are now), so no link is computed twice for the same stories
    version = dict.fromkeys(order, 0)
    heap = [
        (-(sums[a][b] if abs(days[a] - days[b]) <= WINDOW_DAYS else 0.0), rank[a], rank[b], a, b, 0, 0)
        for a in order for b in sums[a] if rank[a] < rank[b]
    ]
    heapq.heapify(heap)
    while heap:
        neg, _, _, a, b, va, vb = heapq.heappop(heap)
        if -neg < THRESHOLD:
            break
        if a not in members or b not in members or version[a] != va or version[b] != vb:
            continue
        keep, gone = (a, b) if rank[a] < rank[b] else (b, a)
        version[keep] += 1
        members[keep].extend(members.pop(gone))
        for d, n in hist.pop(gone).items():
            hist[keep][d] = hist[keep].get(d, 0) + n
        for c, v in sums.pop(gone).items():
            del sums[c][gone]
            if c != keep:
                sums[keep][c] = sums[keep].get(c, 0.0) + v
                sums[c][keep] = sums[keep][c]
        for c in sums[keep]:
            x, y = (keep, c) if rank[keep] < rank[c] else (c, keep)
            heapq.heappush(heap, (-link(x, y), rank[x], rank[y], x, y, version[x], version[y]))
    return {aid: first for first, ids in members.items() for aid in ids}


def neighbourhood_agreement(
    first: int, second: int, near: Mapping[int, Mapping[int, float]]
) -> float:
    """How alike two articles' neighbourhoods are: the cosine of their similarities with the other
    articles (``near``: article -> {other article: similarity}), each other left out. Two reports of
    one story told on different days are close to the same articles (the outlets between them, the
    same event's other reports); two developments of a saga each have their own."""
    a, b = near.get(first, {}), near.get(second, {})
    if len(b) < len(a):
        a, b = b, a
    dot = math.fsum([w * b[k] for k, w in a.items() if k in b and k != first and k != second])
    if dot <= 0:
        return 0.0
    a_sq = math.fsum([w * w for k, w in a.items() if k != first and k != second])
    b_sq = math.fsum([w * w for k, w in b.items() if k != first and k != second])
    return dot / math.sqrt(a_sq * b_sq)


def lift_decay(
    days: Mapping[int, int], ahead: Mapping[int, int], firsts: Sequence[int], seconds: Sequence[int],
    sims: Sequence[float], context: Iterable[tuple[int, int, float]] | None = None,
) -> array[float]:
    """The similarities ``sims`` of the pairs (``firsts[i]``, ``seconds[i]``) (as a regrouping keeps
    them: decayed, from ``EDGE_FLOOR``), with the decay lifted where a story goes on over days: for
    a pair further apart than ``GRACE_DAYS`` (:func:`days_apart`, ``ahead``: each article's look-ahead)
    that reaches ``THRESHOLD`` undecayed and whose neighbourhoods agree from ``AGREEMENT``
    (:func:`neighbourhood_agreement` over these similarities). Three outlets telling one event over
    three days are close to each other; a development two days later is close to its own articles.
    The neighbourhoods are read from these pairs, or from ``context`` (article, article, similarity)
    when given (a part of the store regrouped: its articles' links to articles outside it too). Only
    the neighbourhoods of such pairs' articles are held."""
    out = array("d", sims)
    lifted: list[tuple[int, float]] = []
    for i, (a, b, sim) in enumerate(zip(firsts, seconds, sims, strict=True)):
        da, db = days.get(a), days.get(b)
        if da is None or db is None or abs(db - da) <= GRACE_DAYS:
            continue  # not decayed (days_apart never exceeds the days between publications)
        kept = decay(days_apart(db - da, ahead.get(a, 0), ahead.get(b, 0)))
        if kept < 1.0 and sim / kept >= THRESHOLD:
            lifted.append((i, sim / kept))
    if not lifted:
        return out
    wanted = {x for i, _ in lifted for x in (firsts[i], seconds[i])}
    near: dict[int, dict[int, float]] = {}
    for a, b, sim in zip(firsts, seconds, sims, strict=True) if context is None else context:
        if a in wanted:
            near.setdefault(a, {})[b] = max(sim, near.get(a, {}).get(b, 0.0))
        if b in wanted:
            near.setdefault(b, {})[a] = max(sim, near.get(b, {}).get(a, 0.0))
    for i, raw in lifted:
        if neighbourhood_agreement(firsts[i], seconds[i], near) >= AGREEMENT:
            out[i] = raw
    return out


def average_link_in_parts(
    order: Sequence[int], days: Mapping[int, int], firsts: Sequence[int], seconds: Sequence[int],
    sims: Sequence[float],
) -> dict[int, int]:
    """:func:`average_link` of similarities given once per pair (three flat sequences, as a
    regrouping keeps them), one part of the store at a time, with the same result: two stories
    can only join when a pair of their articles reaches ``THRESHOLD`` (an average of one
    similarity per pair, the pairs without one counting 0, never exceeds the largest), so the
    articles connected by such pairs (or by a pair further apart than ``WINDOW_DAYS``, which
    the average leaves out of its count) are grouped apart from the rest, each part with only
    its own similarities in memory, rather than every similarity of the store twice at once."""
    rank = {aid: i for i, aid in enumerate(order)}
    parent = list(range(len(order)))

    def find(i: int) -> int:
        return disjoint.find(parent, i)

    for a, b, sim in zip(firsts, seconds, sims, strict=True):
        if a in rank and b in rank and (sim >= THRESHOLD or abs(days[a] - days[b]) > WINDOW_DAYS):
            x, y = find(rank[a]), find(rank[b])
            if x != y:
                parent[max(x, y)] = min(x, y)
    within: dict[int, array[int]] = {}  # part -> the indices of its similarities
    for i, (a, b) in enumerate(zip(firsts, seconds, strict=True)):
        if a in rank and b in rank and (part := find(rank[a])) == find(rank[b]):
            within.setdefault(part, array("q")).append(i)
    parts: dict[int, list[int]] = {}
    for i, aid in enumerate(order):
        if (part := find(i)) in within:
            parts.setdefault(part, []).append(aid)
    story_of = {aid: aid for aid in order}
    for part, ids in parts.items():
        edges = ((firsts[i], seconds[i], sims[i]) for i in within.pop(part))
        story_of.update(average_link(ids, days, edges))
    return story_of


# Shared facts: what two reports of one event tend to share besides words (counted on the labelled
# pairs and tried as evidence, see the README; shown beside a pair's similarity, never deciding)
FIGURE_GENERIC = frozenset(
    {"years", "days", "months", "weeks", "hours", "minutes", "percent", "times", "decades"}
)


@dataclass(frozen=True, slots=True)
class FactKeys:
    """An article's facts as keys two reports of one event would share: the runs of its quotations
    (:func:`quote_runs`), the people it quotes, its day-dated events' (day, actor) pairs (day numbers,
    occurred or reported) and its figures as (value, unit or what it counts); ``day``: its day number."""

    day: int
    runs: frozenset[str] = frozenset()
    speakers: frozenset[str] = frozenset()
    dated: frozenset[tuple[int, str]] = frozenset()
    figures: frozenset[tuple[float, str]] = frozenset()


def figure_key(value: float | None, unit: str | None, measures: str | None) -> tuple[float, str] | None:
    """A figure as two reports of one event would print it ("39 killed", "$2 billion"), or None for
    one too common to tell events apart: no value, below 3, a bare number, a count of years, days or
    percent below 10."""
    if value is None or value < 3:
        return None
    words = [w for w in _QWORD.findall((measures or "").lower()) if len(w) > 2]
    what = unit or (words[-1].rstrip("s") if words else None)
    if what is None or (what in FIGURE_GENERIC and value < 10):
        return None
    return value, what


def shared_facts(a: FactKeys, b: FactKeys) -> list[str]:
    """The facts two articles share, strongest first: a run of ``QUOTE_RUN`` quoted words, a person
    quoted by both within a day, a day-dated event with two of the same actors, a figure."""
    out = []
    if a.runs & b.runs:
        out.append(f"quote {sorted(a.runs & b.runs)[0]!r}")
    people = sorted(a.speakers & b.speakers)
    if people and abs(a.day - b.day) <= 1:
        out.append("speaker " + ", ".join(people[:3]))
    by_day: dict[int, list[str]] = {}
    for day, actor in sorted(a.dated & b.dated):
        by_day.setdefault(day, []).append(actor)
    days = [(d, actors) for d, actors in by_day.items() if len(actors) >= 2]
    if days:
        d, actors = days[0]
        out.append(f"event {date.fromordinal(d).isoformat()} ({', '.join(actors[:3])})")
    figures = sorted(a.figures & b.figures)
    if figures:
        out.append("figure " + ", ".join(f"{v:,.0f} {what}" if v.is_integer() else f"{v:g} {what}"
                                         for v, what in figures[:3]))
    return out


def explain(weights: Weights, other: Candidate, limit: int = 8) -> str:
    """What the similarity with ``other`` rests on: its value, the day gap and the shared terms
    that weigh most (for reading missed and wrong pairs, not for deciding)."""
    shared = weights.unit.keys() & other.counts.keys()
    parts = sorted(
        (
            (weights.unit[t] * _tf(other.counts[t]) * weights.idf[t] / other.norm, t)
            for t in shared
            if other.norm > 0
        ),
        reverse=True,
    )
    terms = ", ".join(f"{t} {w:.3f}" for w, t in parts[:limit])
    text, title, quotes = weights.evidence(other)
    shared_title = " ".join(sorted(weights.title.keys() & other.title.keys()))
    shared_lead = " ".join(sorted(weights.lead.keys() & other.lead))
    shared_quotes = sorted(weights.quotes & other.quotes)[:1]
    return (
        f"sim {weights.similarity(other):.3f} = (text {text:.3f} + title {title:.3f} [{shared_title}]"
        f"{f' [lead: {shared_lead}]' if shared_lead else ''}"
        f" + quote {quotes:.3f}{' ' + repr(shared_quotes[0]) if shared_quotes else ''})"
        f" x decay {weights.decay(other):.2f} ({other.gap_days}d"
        f"{f', ahead {weights.ahead}/{other.ahead}' if weights.ahead or other.ahead else ''}): {terms}"
    )
