"""Story grouping: syndicated copies collapsed, then articles joined into stories by similarity."""

from __future__ import annotations

import itertools
import math
import operator
from collections import Counter, defaultdict
from collections.abc import Mapping
from datetime import date

from digests.digest.load import Art, richness


def collapse_duplicates(arts: dict[int, Art]) -> None:
    """Syndicated copies (the same lead) become duplicates of the earliest copy."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for aid in sorted(arts):
        if arts[aid].dup_key:
            by_key[arts[aid].dup_key].append(aid)
    for ids in by_key.values():
        if len(ids) < 2:
            continue
        # The earliest and fullest copy tells the story; ids only break exact ties.
        first = min(ids, key=lambda i: (arts[i].published or date.max, -richness(arts[i]), arts[i].title, i))
        f = arts[first]
        for i in ids:
            a = arts[i]
            # A shared first line alone may be boilerplate the furniture rules missed:
            # a copy also shares what follows, or the names it is about.
            if i != first and (a.dup_next == f.dup_next or len((a.keys | a.ekeys) & (f.keys | f.ekeys)) >= 2):
                a.dup_of = first


_THRESHOLD = 0.13  # similarity from which two articles (or two stories, on average) are one story
_ENTITY_WEIGHT = 1.0  # a mention of a person, place or organisation against one use of a term
_DECAY_DAYS = 3.0  # similarity falls by e every this many days between publications ...
_GRACE_DAYS = 2  # ... beyond the first
_RARE_SHARE = 0.5  # a pair is scored when the period's rarer terms give it this share of the threshold
_PRIOR_DOCS = 50  # a young store weighs terms as if it held at least this many articles
_MAX_STORY = 60  # chaining guard: no story grows beyond this many articles


def group_stories(arts: dict[int, Art], df: Mapping[str, int], docs: int) -> list[list[int]]:
    """Stories as lists of article ids (duplicates included).

    Each article is a TF-IDF vector of its terms (``digests.terms``, weighed by the
    store's document frequencies ``df`` over ``docs`` articles) and of the people,
    places and organisations extraction found in it (weighed by how many of the
    period's articles name them). Two articles' similarity is the cosine of their
    vectors, decayed by the days between their publication. Pairs are found through
    an index of the period's rarer terms (never all pairs), then joined greedily from
    the most similar, a join kept only when the average similarity between the two
    groups reaches the threshold (average link: one close pair cannot chain unrelated
    articles together).
    """
    primaries = sorted(a for a in arts if arts[a].dup_of is None)
    n = max(docs, _PRIOR_DOCS) + 1
    idf = {t: math.log(n / (c + 0.5)) for t, c in df.items()}
    edf: Counter[str] = Counter()
    period: Counter[str] = Counter()  # how many of the period's articles use each term
    for aid in primaries:
        edf.update("@" + k for k in arts[aid].ent_counts)
        period.update(arts[aid].terms.keys())
    m = max(len(primaries), _PRIOR_DOCS) + 1
    idf.update({k: math.log(m / (c + 0.5)) for k, c in edf.items()})
    period.update(edf)
    shared = {t for t, c in period.items() if c > 1}
    tf = _Sublinear()
    vec: dict[int, dict[str, float]] = {}
    for aid in primaries:
        counts: dict[str, float] = dict(arts[aid].terms)
        counts.update({"@" + k: _ENTITY_WEIGHT * c for k, c in arts[aid].ent_counts.items()})
        vec[aid] = _tfidf(counts, idf, shared, tf)
    scores = _similar_pairs(primaries, vec, arts)

    # Greedy average link: pairs from the most similar down; two groups join when the
    # mean similarity over all their cross pairs (unscored pairs count 0) reaches the
    # threshold. `links` keeps, for every two groups with a scored pair between them,
    # the sum of those similarities, updated on each join.
    parent = {a: a for a in primaries}
    members: dict[int, list[int]] = {a: [a] for a in primaries}
    links: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), s in scores.items():
        links[a][b] = links[b][a] = s
    for a, b in sorted(scores, key=lambda pair: (-scores[pair], pair)):
        ra, rb = parent[a], parent[b]
        if ra == rb or len(members[ra]) + len(members[rb]) > _MAX_STORY:
            continue
        if links[ra][rb] / (len(members[ra]) * len(members[rb])) < _THRESHOLD:
            continue
        lo, hi = min(ra, rb), max(ra, rb)
        for x in members[hi]:
            parent[x] = lo
        members[lo].extend(members.pop(hi))
        for c, w in links.pop(hi).items():
            del links[c][hi]
            if c != lo:
                links[lo][c] = links[c][lo] = links[lo].get(c, 0.0) + w
    groups: dict[int, list[int]] = defaultdict(list)
    for aid in sorted(arts):
        groups[parent[arts[aid].dup_of or aid]].append(aid)
    return [sorted(g) for _, g in sorted(groups.items())]


class _Sublinear(dict[float, float]):
    """1 + log(count), computed once per count (counts repeat: most are 1, 2 or 3)."""

    def __missing__(self, c: float) -> float:
        w = self[c] = 1.0 + math.log(c)
        return w


def _tfidf(
    counts: Mapping[str, float], idf: dict[str, float], shared: set[str], tf: _Sublinear
) -> dict[str, float]:
    """Sublinear TF-IDF weights of the terms in ``idf``, scaled to unit length; only the terms
    another article of the period uses (``shared``) are kept (the others add to no dot product)."""
    vec = {t: tf[c] * idf[t] for t, c in counts.items() if t in idf and c >= 1}
    norm = math.sqrt(sum(w * w for w in vec.values()))
    return {t: w / norm for t, w in vec.items() if t in shared} if norm > 0 else {}


def _cosine(u: dict[str, float], v: dict[str, float]) -> float:
    # The intersection, look-ups and products all run in C (no Python frame per shared term).
    # fsum is exactly rounded, so the result does not depend on the set's iteration order,
    # which varies between runs with string hashing: the same store always groups the same.
    shared = u.keys() & v.keys()
    return math.fsum(map(operator.mul, map(u.__getitem__, shared), map(v.__getitem__, shared)))


def _similar_pairs(
    ids: list[int], vec: dict[int, dict[str, float]], arts: dict[int, Art]
) -> dict[tuple[int, int], float]:
    """Similarity of the pairs that share rare terms and reach the threshold.

    Terms used by many of the period's articles would pair everything with everything:
    pairs are proposed by the rarer terms only, through an index of them. The common
    terms still count in a pair's similarity, and bound it (Cauchy-Schwarz: their share
    of a dot product is at most the product of the two vectors' lengths over them). A
    pair whose rarer terms alone give less than ``_RARE_SHARE`` of the threshold is not
    scored: on BASIL and the labelled AllSides weeks that loses almost nothing, on a busy
    day it spares three quarters of the dot products.
    """
    cap = max(20, len(ids) // 50)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for aid in ids:
        for t, w in vec[aid].items():
            postings[t].append((aid, w))
    common = {t for t, plist in postings.items() if len(plist) > cap}
    cvec = {aid: {t: w for t, w in vec[aid].items() if t in common} for aid in ids}
    cnorm = {aid: math.sqrt(sum(w * w for w in cv.values())) for aid, cv in cvec.items()}
    partial: dict[tuple[int, int], float] = defaultdict(float)
    for plist in postings.values():
        if 1 < len(plist) <= cap:
            for (a, wa), (b, wb) in itertools.combinations(plist, 2):  # ids ascend: (low, high)
                partial[(a, b)] += wa * wb
    out: dict[tuple[int, int], float] = {}
    for (a, b), p in partial.items():
        bound = p + cnorm[a] * cnorm[b]
        if bound < _THRESHOLD or p < _THRESHOLD * _RARE_SHARE:
            continue
        pa, pb = arts[a].published, arts[b].published
        gap = abs((pa - pb).days) if pa and pb else 1
        decay = math.exp(-max(0, gap - _GRACE_DAYS) / _DECAY_DAYS)
        if bound * decay < _THRESHOLD:
            continue
        s = (p + _cosine(cvec[a], cvec[b])) * decay
        if s >= _THRESHOLD:
            out[(a, b)] = s
    return out
