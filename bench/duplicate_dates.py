"""One event, one date (issue 13): events of one article that tell the same thing under two dates.

    python -m bench.duplicate_dates [--dir ../shared/eval/realnews/allsides] [--seed 13] [--n 30] [--show]
    python -m bench.duplicate_dates --save /tmp/dups-before.json
    python -m bench.duplicate_dates --against /tmp/dups-before.json

Extracts every article of the folder and lists each pair of its events with different dates that
event_merge would take for one event were their dates the same: much the same words (half the
keywords of the shorter telling, ``event_merge.keywords``) or one clause read twice. Each pair is
counted by kind:

(A telling carved out of the clause it reports, "the ministry said on Friday", told as done, is
its own event.)

- ``clause``: one clause gives both dates ("the ministry said on Friday that they will meet on
  Jan 13 and 14": a reporting date beside the event's own, or two days of one event);
- ``paper``: two clauses, one of them dated the paper's own day or the day before (a reporting
  date: "said Tuesday", "on Monday announced");
- ``words``: two clauses with much the same words under two other dates.

With ``--show`` a seeded draw of ``--n`` pairs is printed (file, kind, both dates and statuses,
both clauses) to judge by hand: ``same`` (one event under two dates: a duplicate), ``two`` (two
events, both dates right: "met in May and again in June"), ``other``. Judged verdicts are kept in
``bench/duplicate_date_labels.csv`` (file, both dates and starts, verdict, note; never the texts).
``--save`` keeps the pairs (no text); ``--against`` counts the pairs gone and new since then.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from digests import timex
from digests.extract import extract
from digests.extract.event_merge import keywords
from digests.models import Event
from digests.sources import read_path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "eval" / "realnews" / "allsides"

# (file, kind, date a, start a, date b, start b)
Pair = tuple[str, str, str, int, str, int]


def _dates(e: Event) -> str:
    return e.date + (f"/{e.date_end}" if e.date_end else "")


def _near_paper(e: Event, published: date | None) -> bool:
    """Whether ``e`` is dated the paper's day or the day before (where a reporting date falls)."""
    if published is None or e.date_end or timex.granularity(e.date) != "day":
        return False
    b = timex.bounds(e.date)
    return b is not None and published - timedelta(days=1) <= b[0] <= published


def pairs_of(events: list[Event], file: str, published: date | None) -> list[Pair]:
    """The pairs of ``events`` told alike under two dates, each with its kind."""
    out: list[Pair] = []
    memo: dict[str, frozenset[str]] = {}
    for i, a in enumerate(events):
        ka = keywords(a.text, memo)
        for b in events[i + 1 :]:
            if _dates(a) == _dates(b):
                continue
            inner = b if a.start <= b.start and b.end <= a.end else None
            if b.start <= a.start and a.end <= b.end:
                inner = a
            if inner is not None and inner.status == "occurred" and (a.start, a.end) != (b.start, b.end):
                continue  # a telling carved out of its clause ("The ministry said Friday"): its own date
            if a.start == b.start and a.end == b.end:
                kind = "clause"
            else:
                kb = keywords(b.text, memo)
                if not ka or not kb or len(ka & kb) / min(len(ka), len(kb)) < 0.5:
                    continue
                kind = "paper" if _near_paper(a, published) or _near_paper(b, published) else "words"
            out.append((file, kind, _dates(a), a.start, _dates(b), b.start))
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the counts (and the sample); returns 0."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--show", action="store_true", help="print the sample to judge")
    ap.add_argument("--labels", type=Path, default=ROOT / "bench" / "duplicate_date_labels.csv")
    ap.add_argument("--save", type=Path, help="keep the pairs (no text) in this file")
    ap.add_argument("--against", type=Path, help="count the pairs gone and new since a saved run")
    args = ap.parse_args(argv)
    files = sorted(args.dir.glob("*.txt"))
    if not files:
        print(f"no articles in {args.dir}")
        return 0
    pairs: list[Pair] = []
    told: dict[tuple[str, int, str], tuple[str, str]] = {}
    for p in files:
        art = read_path(p)
        published = art.published
        events = extract(art.text, art.published).events
        for e in events:
            told.setdefault((p.name, e.start, _dates(e)), (e.status, e.text))
        pairs += pairs_of(events, p.name, published)
    kinds = Counter(k for _, k, *_ in pairs)
    print(
        f"articles={len(files)} pairs={len(pairs)} in {len({p[0] for p in pairs})} articles: "
        + ", ".join(f"{k} {kinds[k]}" for k in ("clause", "paper", "words"))
    )
    if args.save:
        args.save.write_text(json.dumps(pairs), encoding="utf-8")
    if args.against:
        before = {tuple(r) for r in json.loads(args.against.read_text(encoding="utf-8"))}
        now = set(pairs)
        print(f"against {args.against}: {len(before - now)} pairs gone, {len(now - before)} new")
    if args.show:
        picked = random.Random(args.seed).sample(pairs, min(args.n, len(pairs)))
        for i, (file, kind, da, sa, db, sb) in enumerate(picked, 1):
            (st_a, ta), (st_b, tb) = told[(file, sa, da)], told[(file, sb, db)]
            print(f"{i}\t{file}\t{kind}\t{da} {st_a} @{sa}\t{db} {st_b} @{sb}\n\tA: {ta[:300]}")
            if kind != "clause":
                print(f"\tB: {tb[:300]}")
    if args.labels.exists():
        with args.labels.open(encoding="utf-8") as fh:
            labels = list(csv.DictReader(fh))
        now_keys = {(p[0], p[2], p[3], p[4], p[5]) for p in pairs}
        for seed in sorted({r["seed"] for r in labels}):
            judged = [r for r in labels if r["seed"] == seed]
            verdicts = Counter(r["verdict"] for r in judged)
            left = sum((r["file"], r["date_a"], int(r["start_a"]), r["date_b"], int(r["start_b"])) in now_keys
                       for r in judged if r["verdict"] == "same")
            print(
                f"seed {seed}: judged {len(judged)}: "
                + ", ".join(f"{v} {n}" for v, n in sorted(verdicts.items()))
                + f"; duplicates still listed {left}/{verdicts['same']}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
