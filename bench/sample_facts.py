"""Draw a seeded random sample of stored facts and digest lines, to judge by eye for furniture.

    python -m bench.sample_facts --db STORE [--seed 11] [--facts 150] [--lines 100]

Facts are drawn uniformly from every stored event, quotation (with its speaker) and
person; digest lines from the developments, "Coming up" entries and speakers of one
digest per week of the store's range (every story told). Each line is printed with its
kind and article id, and with ``?`` in front when it shows a tell of page furniture
(a help for the judge, not the judgement: read every line). Nothing here is stored in
the repository but this script; the texts stay in the store.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from datetime import date, timedelta

from digests.digest import build_digest
from digests.store import Store

# Tells of furniture: a help to the reader, who judges every line anyway.
TELLS = re.compile(
    r"hide caption|photos?:|\(photo|getty|(?-i:\bAP/|\bMORE\b|[a-z][A-Z][a-z]+ [a-z])|sign up|newsletter|"
    r"@\w|pic\.twitter|story highlights|^CLOSE|just watched|replay|contributed to this report|copyright|"
    r"click (?:here|for)|advertisement|subscribe|toggle caption|slideshow|\[\w+\]|follow us",
    re.IGNORECASE,
)


def digest_lines(store: Store) -> list[tuple[str, int, str]]:
    """(kind, article id, text) of the lines of one digest per week of the store's range."""
    first, last = store.published_range()
    if not first or not last:
        return []
    day, end = date.fromisoformat(first[:10]), date.fromisoformat(last[:10])
    lines: list[tuple[str, int, str]] = []
    while day <= end:
        until = day + timedelta(days=6)
        digest = build_digest(store, day, until, max_stories=None)
        for story in digest.stories:
            lines += [("development", d.article_id, d.text) for d in story.developments]
        lines += [("coming-up", c.source.article_id, c.text) for c in digest.coming_up]
        lines += [("speaker", 0, s.name) for s in digest.speakers]
        day = until + timedelta(days=1)
    return lines


def main(argv: list[str] | None = None) -> int:
    """Print the samples; the counts of lines showing a tell go to stderr."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--facts", type=int, default=150)
    parser.add_argument("--lines", type=int, default=100)
    args = parser.parse_args(argv)
    with Store.open(args.db, readonly=True) as store:
        facts = store.fact_texts()
        lines = digest_lines(store)
    rng = random.Random(args.seed)
    for title, pool, n in (("stored facts", facts, args.facts), ("digest lines", lines, args.lines)):
        picked = rng.sample(pool, min(n, len(pool)))
        tells = 0
        print(f"## {len(picked)} {title} (of {len(pool)}, seed {args.seed})")
        for i, (kind, aid, text) in enumerate(picked, 1):
            tell = bool(TELLS.search(text))
            tells += tell
            one = " ".join(text.split())
            print(f"{'?' if tell else ' '} {i:3} {kind:<11} #{aid:<5} {one[:300]}")
        print(f"{title}: {tells} of {len(picked)} show a tell", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
