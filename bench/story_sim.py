"""Story grouping with every labelled pair compared: the regrouping's decisions replayed over the
similarity of every two articles within the window, with the weights, threshold and decay given.

    python -m bench.story_sim [--threshold 0.14] [--title 0.35] [--lead 0.12] [--grace 1]
                              [--decay 2] [--agreement 0.9 | --no-lift]

Reads the stores ``bench.story_labels`` keeps (``.cache/story_labels/``, ingested and regrouped
by it: run it first), computes each pair's parts once (text, title and lead cosines, shared
quotation, days apart: :meth:`digests.stories.Weights.evidence`, every pair of the window rather
than the candidates the index proposes) and groups them as a regrouping does (the decay, the
lifted decay of :func:`digests.stories.lift_decay`, :func:`digests.stories.average_link_in_parts`).
With the defaults it gives the figures ``bench.story_labels`` gives on every labelled set (the
index finds every pair that matters there; a few pairs across two sets of one month differ); a
variant's figures in seconds, for the tuned weeks, the old checks, the clean check and BASIL, as
``bench.story_labels`` counts them.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from array import array
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from bench.story_labels import CACHE, CORPORA, CROSS, _labels, _pairs, _prf, _set_of, totals
from digests import stories
from digests.store import Store
from digests.store.stories import _title_words
from digests.terms import tokens


@dataclass(frozen=True)
class Pair:
    """The parts of one pair's similarity before weights and decay."""

    text: float
    title: float  # the titles' cosine
    lead: float  # the lead sentences' cosine
    quote: bool
    days: int  # days apart as the decay counts them (look-ahead taken off)


@dataclass
class Corpus:
    """A labelled corpus's articles (canonical order), their day numbers, look-aheads and URLs, and
    the parts of every pair of the window (later article, earlier article)."""

    order: list[int]
    days: dict[int, int]
    ahead: dict[int, int]
    urls: dict[int, str]
    parts: dict[tuple[int, int], Pair]


def corpus_pairs(corpus: str) -> Corpus:
    """Every pair of the window of a corpus's cached store, with its parts."""
    with Store.open(CACHE / f"{corpus}.db") as store:
        rows, df, docs, quotes = store.grouping_inputs()
    found = Corpus([int(r[0]) for r in rows], {}, {}, {}, {})
    weights: dict[int, stories.Weights] = {}
    counts: dict[int, dict[str, float]] = {}
    sparse: dict[int, frozenset[str]] = {}
    for aid, url, day, terms, title, lead, ahead in rows:
        texts = quotes.get(int(aid), [])
        counts[int(aid)] = json.loads(terms)
        weights[int(aid)] = stories.Weights(
            counts[int(aid)], df, docs, _title_words(str(title or "")), stories.quote_runs(texts),
            int(ahead), tokens(str(lead or "")),
        )
        sparse[int(aid)] = stories.quote_runs(texts, stories.QUOTE_STEP)
        found.days[int(aid)] = date.fromisoformat(str(day)).toordinal()
        found.ahead[int(aid)] = int(ahead)
        found.urls[int(aid)] = str(url)
    for at, later in enumerate(found.order):
        w = weights[later]
        for earlier in found.order[:at]:
            gap = found.days[earlier] - found.days[later]
            if -gap > stories.WINDOW_DAYS:
                continue
            e = weights[earlier]
            c = stories.Candidate(
                earlier, earlier, gap, e.norm, counts[earlier], dict(e.title), sparse[earlier], None,
                e.ahead, frozenset(e.lead), e.lead_norm,
            )
            text, head, quote = w.evidence(c)
            title = stories._cosine(w.title, c.title, w.title_sq) if c.title else 0.0
            lead = (head - stories.TITLE_SHARE * title) / stories.LEAD_SHARE
            days = stories.days_apart(gap, w.ahead, e.ahead)
            found.parts[(later, earlier)] = Pair(text, title, lead, quote > 0, days)
    return found


def group(found: Corpus, args: argparse.Namespace) -> dict[int, int]:
    """Article -> story as a regrouping with these settings would group them."""
    firsts, seconds, sims = array("q"), array("q"), array("d")
    for (a, b), p in found.parts.items():
        raw = p.text + args.title * p.title + args.lead * p.lead + (stories.QUOTE_BONUS if p.quote else 0.0)
        sim = raw * math.exp(-max(0, p.days - args.grace) / args.decay)
        if sim >= stories.EDGE_FLOOR:
            firsts.append(a)
            seconds.append(b)
            sims.append(sim)
    if not args.no_lift:
        sims = stories.lift_decay(found.days, found.ahead, firsts, seconds, sims)
    return stories.average_link_in_parts(found.order, found.days, firsts, seconds, sims)


def score(corpus: str, args: argparse.Namespace) -> dict[str, tuple[int, int, int]]:
    """(tp, fp, fn) per labelled set, pairs within the month as ``bench.story_labels`` counts them."""
    found = corpus_pairs(corpus)
    story_of = group(found, args)
    by_url = {found.urls[a]: story_of[a] for a in found.order}
    labels = _labels(CORPORA[corpus][1])
    month = {u: labels[u][1][:7] for u in labels}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for u, v in _pairs([u for u in labels if u in by_url], month):
        key = _set_of(corpus, *labels[u])
        if key != _set_of(corpus, *labels[v]):
            key = CROSS
        gold, pred = labels[u][0] == labels[v][0], by_url[u] == by_url[v]
        if gold or pred:
            counts[key][0 if gold and pred else 1 if pred else 2] += 1
    return {k: (c[0], c[1], c[2]) for k, c in counts.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--threshold", type=float, default=stories.THRESHOLD)
    parser.add_argument("--title", type=float, default=stories.TITLE_SHARE)
    parser.add_argument("--lead", type=float, default=stories.LEAD_SHARE)
    parser.add_argument("--grace", type=int, default=stories.GRACE_DAYS)
    parser.add_argument("--decay", type=float, default=stories.DECAY_DAYS)
    parser.add_argument("--agreement", type=float, default=stories.AGREEMENT)
    parser.add_argument("--no-lift", action="store_true", help="the decay never lifted")
    args = parser.parse_args(argv)
    if not all((CACHE / f"{c}.db").exists() for c in CORPORA):
        print(f"no stores in {CACHE}: run python -m bench.story_labels first", file=sys.stderr)
        return 1
    stories.THRESHOLD, stories.AGREEMENT = args.threshold, args.agreement
    for corpus in CORPORA:
        counts = score(corpus, args)
        if corpus == "allsides":
            for key in sorted(counts):
                print(f"  {key:8} {_prf(*counts[key])}")
            tuned, check, clean = totals(counts)
            print(f"  {'tuned':8} {_prf(*tuned)}\n  {'check':8} {_prf(*check)}\n  {'clean':8} {_prf(*clean)}")
        else:
            total = [sum(c[i] for c in counts.values()) for i in range(3)]
            print(f"  {'basil':8} {_prf(*total)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
