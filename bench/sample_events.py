"""Draw a seeded random sample of stored events and "Coming up" entries, to judge status and dates.

    python -m bench.sample_events --db STORE [--seed 13] [--events 60] [--coming-up 60] \
        [--labels bench/event_labels.csv]

Events are drawn uniformly from every stored event, each printed with its date, status,
the cue the status rests on, article id, the article's day and clause; "Coming up" entries
from the weekly digests of the store's range, each with its date, status and source. The judge reads
every line against its article and counts the right ones; the counts of each status go
to stderr. The texts stay in the store (build one with ``geodigest ingest --db STORE
../shared/eval/realnews/allsides``); only the verdicts are kept in the repository, in
``bench/event_labels.csv``, by article id and never with the texts. With ``--labels`` each line
ends with the verdict last given to an item of the same sample, article, date and status, and any
other it was given (a hint for the judge, who still reads the line: two clauses of one article can
share a date and a status).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from datetime import date, timedelta

from digests.digest import build_digest
from digests.store import Store

Line = tuple[str, str, int, str, str]  # (date, status + cue, article id, published, text)


def stored_events(store: Store) -> list[Line]:
    """Every stored event, article by article."""
    out: list[Line] = []
    for art in store.list_articles(limit=store.count_articles()):
        published = art.published.isoformat() if art.published else "undated"
        out += [(e.date, e.status + (f" [{e.cue}]" if e.cue else ""), art.id, published, e.text)
                for e in store.facts(art.id).events]
    return out


def coming_up(store: Store) -> list[Line]:
    """The "Coming up" entries of one digest per week of the store's range."""
    first, last = store.published_range()
    if not first or not last:
        return []
    day, end = date.fromisoformat(first[:10]), date.fromisoformat(last[:10])
    out: list[Line] = []
    while day <= end:
        until = day + timedelta(days=6)
        digest = build_digest(store, day, until, max_stories=None)
        out += [(c.date, c.status, c.source.article_id, str(c.source.published or "undated"), c.text)
                for c in digest.coming_up]
        day = until + timedelta(days=1)
    return out


def last_verdicts(path: str) -> dict[tuple[str, str, str, str], str]:
    """The last verdict (with its reason) of each (sample, article id, date, status) in a labels file,
    and any other verdict that item was ever given ("right; also wrong: ..."): two clauses of one
    article can share a date and a status, and the judge reads such an item again."""
    seen: dict[tuple[str, str, str, str], dict[str, str]] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row["sample"], row["article_id"], row["date"], row["status"])
            told = seen.setdefault(key, {})
            told.pop(row["verdict"], None)  # the last verdict of each kind, last
            told[row["verdict"]] = row["verdict"] + (f": {row['why_wrong']}" if row["why_wrong"] else "")
    return {key: "; also ".join(reversed(told.values())) for key, told in seen.items()}


def main(argv: list[str] | None = None) -> int:
    """Print the samples; the status counts go to stderr."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--events", type=int, default=60)
    parser.add_argument("--coming-up", type=int, default=60)
    parser.add_argument("--labels", help="a labels CSV whose last verdict on the same item to show")
    args = parser.parse_args(argv)
    verdicts = last_verdicts(args.labels) if args.labels else {}
    with Store.open(args.db, readonly=True) as store:
        pools = (
            ("stored events", "events", stored_events(store), args.events),
            ("coming up", "coming_up", coming_up(store), args.coming_up),
        )
    rng = random.Random(args.seed)
    for title, sample, pool, n in pools:
        picked = rng.sample(pool, min(n, len(pool)))
        print(f"## {len(picked)} {title} (of {len(pool)}, seed {args.seed})")
        for i, (when, status, aid, published, text) in enumerate(picked, 1):
            line = f"{i:3} {when:<12} {status:<9} #{aid:<5} {published} {' '.join(text.split())[:300]}"
            last = verdicts.get((sample, str(aid), when, status.split(" [")[0]))
            print(line + (f"  <<{last}>>" if verdicts else ""))
        counts = Counter(status.split(" [")[0] for _, status, _, _, _ in picked)
        print(f"{title}: {dict(sorted(counts.items()))}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
