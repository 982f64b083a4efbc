"""Which story an article joins: the similarity of two articles and the choice among stories.

Stories are kept in the store (``digests.store.stories``): when an article is saved it
joins the story whose articles, published within ``WINDOW_DAYS`` of it, are on average
similar enough to it, or starts a story of its own. This module holds the decision, with
no SQL: the store hands it the new article's term counts (``digests.terms``: words of the
title and lead, and the people, places and organisations named), the document
frequencies of those terms, and the candidates its index of rare terms found.

- An article is a TF-IDF vector: sublinear counts (1 + log n) weighed by the rarity of
  each term in the store, log(N / (df + 0.5)), with N at least ``PRIOR_DOCS``.
- Two articles' similarity is the cosine of their vectors, decayed by the days between
  their publication: full for ``GRACE_DAYS``, then falling by e every ``DECAY_DAYS``.
- The article joins the story with the highest average similarity over its articles in
  the window (those not among the candidates count 0), when it reaches ``THRESHOLD``:
  average link, so one close article cannot chain two unrelated stories together, and
  a story told over many days goes on as long as its recent articles are close. A big
  story is judged by its ``TOP_K`` articles closest to the new one: an article on one
  angle of it (the reactions in Congress to airstrikes) is close to the few articles on
  that angle, not to all of them.

The cost of a decision is proportional to the candidates compared (at most
``MAX_CANDIDATES``), never to the store or the day's articles.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

THRESHOLD = 0.14  # average similarity from which an article joins a story
WINDOW_DAYS = 6  # articles further apart than this are never compared (decay below threshold)
GRACE_DAYS = 2  # full similarity for articles this many days apart ...
DECAY_DAYS = 2.0  # ... then falling by e every this many days
PRIOR_DOCS = 50  # a young store weighs terms as if it held at least this many articles
TOP_K = 6  # a big story is judged by its six articles closest to the new one
KEYS = 12  # an article's heaviest terms, indexed to find it as a candidate
PROBES = 150  # a new article looks its heaviest terms up in that index
MAX_CANDIDATES = 16  # candidates compared per decision, those sharing the heaviest terms first
CROWDED = 40  # a term indexed by more articles of the window than this proposes none


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored article the new one may be told with: its story, day gap and term counts."""

    article_id: int
    story_id: int
    gap_days: int
    norm: float  # the length of its TF-IDF vector, as computed when it was grouped
    counts: Mapping[str, float]


class Weights:
    """TF-IDF weights of one article's terms, from the store's document frequencies."""

    def __init__(self, counts: Mapping[str, float], df: Mapping[str, int], docs: int) -> None:
        n = max(docs, PRIOR_DOCS) + 1
        self.idf = {t: math.log(n / (df.get(t, 1) + 0.5)) for t in counts}
        raw = {t: _tf(c) * self.idf[t] for t, c in counts.items() if c >= 1}
        self.norm = math.sqrt(math.fsum(w * w for w in raw.values()))
        self.unit = {t: w / self.norm for t, w in raw.items()} if self.norm > 0 else {}
        self._order: list[str] | None = None

    def heaviest(self, limit: int = KEYS) -> list[str]:
        """The heaviest terms (ties by term), the ones the candidate index keeps."""
        if self._order is None:
            self._order = [t for t, _ in sorted(self.unit.items(), key=lambda kv: (-kv[1], kv[0]))]
        return self._order[:limit]

    def similarity(self, other: Candidate) -> float:
        """Cosine with a candidate (its weights under these document frequencies), decayed by days."""
        if other.norm <= 0:
            return 0.0
        shared = sorted(self.unit.keys() & other.counts.keys())
        dot = math.fsum(self.unit[t] * _tf(other.counts[t]) * self.idf[t] for t in shared)
        return dot / other.norm * decay(other.gap_days)


def _tf(count: float) -> float:
    return 1.0 + math.log(count) if count >= 1 else 0.0


def decay(gap_days: int) -> float:
    """How much of a similarity survives ``gap_days`` between two publications."""
    return math.exp(-max(0, abs(gap_days) - GRACE_DAYS) / DECAY_DAYS)


def rank_candidates(hits: Iterable[tuple[int, str]], weights: Weights) -> list[int]:
    """Candidate article ids from (article id, shared indexed term) hits, the most promising first.

    A term indexed by more than ``CROWDED`` articles of the window is common that week and
    proposes nobody; the others add the new article's weight of the term to each article
    indexing it."""
    by_term: dict[str, list[int]] = {}
    for aid, term in hits:
        by_term.setdefault(term, []).append(aid)
    score: dict[int, float] = {}
    for term, aids in by_term.items():
        if len(aids) > CROWDED:
            continue
        w = weights.unit.get(term, 0.0)
        for aid in aids:
            score[aid] = score.get(aid, 0.0) + w
    return sorted(score, key=lambda a: (-score[a], a))[:MAX_CANDIDATES]


def choose_story(
    weights: Weights, candidates: Iterable[Candidate], in_window: Mapping[int, int]
) -> int | None:
    """The story the article joins (None: a story of its own).

    ``in_window`` counts each candidate story's articles within the window; the story's
    score is the mean of the ``TOP_K`` highest similarities among them (articles not
    compared count 0)."""
    sums: dict[int, list[float]] = {}
    for c in candidates:
        sums.setdefault(c.story_id, []).append(weights.similarity(c))
    best: tuple[float, int] | None = None
    for story, sims in sums.items():
        n = min(TOP_K, max(len(sims), in_window.get(story, len(sims))))
        avg = math.fsum(sorted(sims, reverse=True)[:n]) / n
        if avg >= THRESHOLD and (best is None or (avg, -story) > (best[0], -best[1])):
            best = (avg, story)
    return best[1] if best else None
