"""Story grouping: syndicated copies collapsed, then articles joined into stories by pair scores."""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from datetime import date

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

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


_MERGE = 0.38  # pair score from which two articles are the same story


_MAX_STORY = 60  # chaining guard: no story grows beyond this many articles


def group_stories(arts: dict[int, Art], since: date, until: date) -> list[list[int]]:
    """Stories as lists of article ids (duplicates included), grouped by union-find over candidate pairs."""
    primaries = sorted(a for a in arts if arts[a].dup_of is None)
    n = len(primaries)
    df: Counter[str] = Counter()
    for aid in primaries:
        df.update(arts[aid].keys | arts[aid].ekeys)
    idf = {k: math.log((n + 1) / (c + 0.5)) for k, c in df.items()}
    wdf: Counter[str] = Counter()
    for aid in primaries:
        wdf.update(arts[aid].words)
    widf = {k: math.log((n + 1) / (c + 0.5)) for k, c in wdf.items()}
    # Days too: the day everything happened on says little, a shared summit date a lot.
    ddf: Counter[str] = Counter()
    for aid in primaries:
        ddf.update(arts[aid].days)
    widf.update({"@" + k: math.log((n + 1) / (c + 0.5)) for k, c in ddf.items()})
    widf["@max"] = max(math.log((n + 1) / 2.5), 0.1)  # the weight of a day only two articles share
    # Keys shared by a large share of the period's articles link everything to everything:
    # they still weigh in a pair's score but do not make candidate pairs.
    cap = max(8, n // 25)
    postings: dict[str, list[int]] = defaultdict(list)
    for aid in primaries:
        for k in arts[aid].keys | arts[aid].ekeys:
            if df[k] <= cap:
                postings[k].append(aid)
    shared: Counter[tuple[int, int]] = Counter()
    for ids in postings.values():
        shared.update(itertools.combinations(ids, 2))  # ids ascend, so pairs are (low, high)
    # The busier the period, the more names two unrelated articles share by chance: a
    # pair is scored only when it shares more of them than chance would give.
    need = 3 if n > 1000 else 2 if n > 100 else 1
    feats = {aid: _PairFeatures(arts[aid], idf, widf) for aid in primaries}
    scores: dict[tuple[int, int], float] = {}
    for (a, b), c in shared.items():
        if c >= need:
            s = _pair_score(feats[a], feats[b], idf, widf)
            if s >= _MERGE * 0.5:
                scores[(a, b)] = s

    parent = {a: a for a in primaries}
    members: dict[int, list[int]] = {a: [a] for a in primaries}
    refused: set[tuple[int, int, int]] = set()

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (a, b), s in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if s < _MERGE:
            break
        ra, rb = root(a), root(b)
        if ra == rb or len(members[ra]) + len(members[rb]) > _MAX_STORY:
            continue
        if len(members[ra]) > 1 or len(members[rb]) > 1:
            # Average linkage: a merge must hold between the two groups as a whole,
            # not through one pair of articles. A refused merge stays refused while
            # neither group changes.
            memo = (min(ra, rb), max(ra, rb), len(members[ra]) + 1000 * len(members[rb]))
            if memo in refused:
                continue
            total = sum(scores.get((min(x, y), max(x, y)), 0.0) for x in members[ra] for y in members[rb])
            if total / (len(members[ra]) * len(members[rb])) < _MERGE * 0.75:
                refused.add(memo)
                continue
        lo, hi = min(ra, rb), max(ra, rb)
        parent[hi] = lo
        members[lo].extend(members.pop(hi))
    groups: dict[int, list[int]] = defaultdict(list)
    for aid in sorted(arts):
        groups[root(arts[aid].dup_of or aid)].append(aid)
    return [sorted(g) for _, g in sorted(groups.items())]


class _PairFeatures:
    """What pair scoring reads of an article, computed once: weight sums and processed texts."""

    __slots__ = ("days", "ekeys", "keys", "lead", "published", "title", "wd", "we", "wk", "words", "ww")

    def __init__(self, a: Art, idf: dict[str, float], widf: dict[str, float]) -> None:
        self.keys, self.ekeys, self.words = a.keys, a.ekeys, a.words
        self.wk = sum(idf[k] for k in a.keys)
        self.we = sum(idf[k] for k in a.ekeys)
        self.ww = sum(widf[k] for k in a.words)
        self.days = {"@" + d for d in a.days}  # as keys of widf
        self.wd = widf["@max"]
        self.title = default_process(a.title)
        self.lead = default_process(a.lead)
        self.published = a.published


def _overlap(a: set[str], b: set[str], wa: float, wb: float, idf: dict[str, float]) -> float:
    """Weighted overlap coefficient: shared rare names count more than shared common ones."""
    if wa <= 0 or wb <= 0:
        return 0.0
    return sum(idf[k] for k in a & b) / min(wa, wb)


def _pair_score(a: _PairFeatures, b: _PairFeatures, idf: dict[str, float], widf: dict[str, float]) -> float:
    ent = _overlap(a.keys, b.keys, a.wk, b.wk, idf)
    if a.ekeys and b.ekeys:
        ent = 0.4 * ent + 0.6 * _overlap(a.ekeys, b.ekeys, a.we, b.we, idf)
    words = _overlap(a.words, b.words, a.ww, b.ww, widf)
    t1 = fuzz.token_set_ratio(a.title, b.title, processor=None) / 100
    t2 = fuzz.token_set_ratio(a.lead, b.lead, processor=None) / 100 if a.lead and b.lead else 0.0
    # Unrelated news shares a third of its words by chance: only what is above that counts.
    txt = max(0.0, (0.5 * t1 + 0.5 * t2 - 0.35) / 0.65)
    ev = min(1.0, sum(widf[d] for d in a.days & b.days) / a.wd) if a.days and b.days else 0.0
    gap = abs((a.published - b.published).days) if a.published and b.published else 1
    closeness = 1.0 if gap <= 2 else 0.9 if gap <= 4 else 0.75 if gap <= 7 else 0.4
    return (0.45 * ent + 0.2 * txt + 0.2 * words + 0.15 * ev) * closeness
