"""Every line "Coming up" and /timeline show of a store, to diff two versions of the code.

    python -m bench.shown_lines --db STORE [--names 30] > lines.txt
    python -m bench.shown_lines --db STORE --time 5

``--time N`` prints instead the CPU seconds of building every weekly digest of the store's range and
every /timeline of the ``--names`` names (the median of N runs after one untimed warm-up).

Prints, sorted so that two stores of the same articles (ingested in any order) diff line by line:
``C`` lines, each "Coming up" entry of one digest per week of the store's range (its week, date,
status, article title and text); ``T`` lines, every stored event in the words /timeline shows it
in (its article title, start, text: the whole sentence of a cut clause); ``L`` lines, the events
of the /timeline of each of the ``--names`` people, organisations and places the most articles
name. Build the store with ``geodigest --db STORE ingest DIR``; the texts stay there, never in
the repository.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from datetime import date, timedelta

from digests.digest import build_digest
from digests.store import Store
from digests.timelines import TimelineEvent, _whole, timeline


def coming_up_lines(store: Store, titles: dict[int, str]) -> list[str]:
    """The "Coming up" entries of one digest per week of the store's range."""
    first, last = store.published_range()
    if not first or not last:
        return []
    day, end = date.fromisoformat(first[:10]), date.fromisoformat(last[:10])
    out: list[str] = []
    while day <= end:
        until = day + timedelta(days=6)
        digest = build_digest(store, day, until, max_stories=None)
        out += [f"C\t{day}\t{c.date}\t{c.status}\t{titles[c.source.article_id]}\t{c.text}"
                for c in digest.coming_up]
        day = until + timedelta(days=1)
    return out


def timeline_lines(store: Store, titles: dict[int, str]) -> list[str]:
    """Every stored event in the words /timeline shows it in."""
    rows = store.every_event()
    starts = {r[0]: r[7] for r in rows}
    events = [TimelineEvent(r[0], r[1], r[2], r[3], r[4], r[5], r[6], None, None, None) for r in rows]
    return [f"T\t{titles[e.article_id]}\t{starts[e.id]}\t{e.text}" for e in _whole(store, events)]


def named_lines(store: Store, titles: dict[int, str], names: int) -> list[str]:
    """The events of the /timeline of the names the most articles name."""
    named: Counter[str] = Counter()
    for aid in titles:
        named.update({e.name for e in store.facts(aid).entities})
    top = sorted(named, key=lambda n: (-named[n], n))[:names]
    out: list[str] = []
    for name in top:
        t = timeline(store, name, limit=50)
        out += [f"L\t{name}\t{e.date}\t{titles[e.article_id]}\t{e.text}" for e in (*t.past, *t.coming_up)]
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the sorted lines of one store."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--names", type=int, default=30)
    parser.add_argument("--time", type=int, default=0)
    args = parser.parse_args(argv)
    if args.time:
        return _timed(args.db, args.names, args.time)
    with Store.open(args.db) as store:
        listed = store.list_articles(limit=store.count_articles())
        titles = {a.id: f"{a.title} [{a.published}]" for a in listed}
        lines = coming_up_lines(store, titles) + timeline_lines(store, titles)
        lines += named_lines(store, titles, args.names)
    sys.stdout.write("".join(f"{line}\n" for line in sorted(lines)))
    return 0


def _timed(db: str, names: int, runs: int) -> int:
    """Print the CPU seconds of the weekly digests and of the timelines, medians of ``runs``."""
    with Store.open(db) as store:
        titles = {a.id: "" for a in store.list_articles(limit=store.count_articles())}
        spent: dict[str, list[float]] = {"digests_cpu_s": [], "timelines_cpu_s": []}
        for run in range(runs + 1):
            started = time.process_time()
            coming_up_lines(store, titles)
            middle = time.process_time()
            named_lines(store, titles, names)
            if run:  # the first run warms the caches
                spent["digests_cpu_s"].append(middle - started)
                spent["timelines_cpu_s"].append(time.process_time() - middle)
    print({k: round(statistics.median(v), 3) for k, v in spent.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
