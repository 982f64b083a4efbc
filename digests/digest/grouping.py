"""Story grouping: syndicated copies collapsed, then articles joined into stories by similarity."""

from __future__ import annotations

import itertools
import math
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
    for aid in primaries:
        edf.update("@" + k for k in arts[aid].ent_counts)
    m = max(len(primaries), _PRIOR_DOCS) + 1
    idf.update({k: math.log(m / (c + 0.5)) for k, c in edf.items()})
    vec: dict[int, dict[str, float]] = {}
    for aid in primaries:
        counts: dict[str, float] = dict(arts[aid].terms)
        counts.update({"@" + k: _ENTITY_WEIGHT * c for k, c in arts[aid].ent_counts.items()})
        vec[aid] = _tfidf(counts, idf)
    scores = _similar_pairs(primaries, vec, arts)

    parent = {a: a for a in primaries}
    members: dict[int, list[int]] = {a: [a] for a in primaries}
    refused: set[tuple[int, int, int]] = set()

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in sorted(scores, key=lambda pair: (-scores[pair], pair)):
        ra, rb = root(a), root(b)
        if ra == rb or len(members[ra]) + len(members[rb]) > _MAX_STORY:
            continue
        if len(members[ra]) > 1 or len(members[rb]) > 1:
            # A refused merge stays refused while neither group changes.
            memo = (min(ra, rb), max(ra, rb), len(members[ra]) + 1000 * len(members[rb]))
            if memo in refused:
                continue
            total = sum(scores.get((min(x, y), max(x, y)), 0.0) for x in members[ra] for y in members[rb])
            if total / (len(members[ra]) * len(members[rb])) < _THRESHOLD:
                refused.add(memo)
                continue
        lo, hi = min(ra, rb), max(ra, rb)
        parent[hi] = lo
        members[lo].extend(members.pop(hi))
    groups: dict[int, list[int]] = defaultdict(list)
    for aid in sorted(arts):
        groups[root(arts[aid].dup_of or aid)].append(aid)
    return [sorted(g) for _, g in sorted(groups.items())]


def _tfidf(counts: Mapping[str, float], idf: dict[str, float]) -> dict[str, float]:
    """Sublinear TF-IDF weights of the terms in ``idf``, scaled to unit length."""
    vec = {t: (1.0 + math.log(c)) * idf[t] for t, c in counts.items() if t in idf and c >= 1}
    norm = math.sqrt(sum(w * w for w in vec.values()))
    return {t: w / norm for t, w in vec.items()} if norm > 0 else {}


def _cosine(u: dict[str, float], v: dict[str, float]) -> float:
    if len(u) > len(v):
        u, v = v, u
    return sum(w * v.get(t, 0.0) for t, w in u.items())


def _similar_pairs(
    ids: list[int], vec: dict[int, dict[str, float]], arts: dict[int, Art]
) -> dict[tuple[int, int], float]:
    """Similarity of the pairs that share enough rare terms, found through a term index."""
    # Terms used by a large share of the period's articles would pair everything with
    # everything: they weigh in a pair's similarity but do not propose pairs.
    cap = max(30, len(ids) // 20)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for aid in ids:
        for t, w in vec[aid].items():
            postings[t].append((aid, w))
    partial: dict[tuple[int, int], float] = defaultdict(float)
    for plist in postings.values():
        if 1 < len(plist) <= cap:
            for (a, wa), (b, wb) in itertools.combinations(plist, 2):  # ids ascend: (low, high)
                partial[(a, b)] += wa * wb
    floor = _THRESHOLD * 0.25
    out: dict[tuple[int, int], float] = {}
    for (a, b), p in partial.items():
        if p < floor:
            continue
        s = _cosine(vec[a], vec[b])
        pa, pb = arts[a].published, arts[b].published
        gap = abs((pa - pb).days) if pa and pb else 1
        s *= math.exp(-max(0, gap - _GRACE_DAYS) / _DECAY_DAYS)
        if s >= _THRESHOLD:
            out[(a, b)] = s
    return out
