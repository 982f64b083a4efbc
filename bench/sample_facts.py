"""Draw a seeded random sample of stored facts and digest lines, to judge for page furniture.

    python -m bench.sample_facts --db STORE [--seed 29] [--facts 150] [--lines 100]
        [--labels bench/fact_labels.csv] [--template]

Facts are drawn from every stored event, quotation (with its speaker) and person; digest
lines from the developments, "Coming up" entries and speakers of one digest per week of
the store's range (every story told). Each item has a key: its kind, its article's URL,
its offsets in the article (a digest line's as found in its article; a speaker's those of
a quotation credited to the name in that week) and a hash of its text. The sample is the
``--facts`` (``--lines``) items whose keys hash lowest under the seed: a uniform random draw
that stays put when the store changes, so after a fix only the items whose text changed (or
that took the place of dropped ones) are new and need judging again.

Each item is printed with its verdict from ``--labels`` (``furniture`` or ``clean``; ``.``
when not judged yet) and with ``?`` in front when it shows a tell of furniture (a help for
the judge, not the judgement: read every item against its article). The counts go to stderr.
``--template`` prints the unjudged items as label rows instead, to fill in by hand. The labels
keep keys and verdicts, never the texts; build the store with ``geodigest ingest --db STORE
../shared/eval/realnews/allsides`` and ``geodigest --db STORE reextract``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from digests.digest import build_digest
from digests.store import Store

LABEL_FIELDS = ("round", "part", "kind", "url", "start", "end", "key", "verdict", "why")
VERDICTS = ("furniture", "clean")

# Tells of furniture: a help to the reader, who judges every line anyway.
TELLS = re.compile(
    r"hide caption|photos?:|\(photo|getty|(?-i:\bAP/|\bMORE\b|[a-z][A-Z][a-z]+ [a-z])|sign up|newsletter|"
    r"@\w|pic\.twitter|story highlights|^CLOSE|just watched|replay|contributed to this report|copyright|"
    r"click (?:here|for)|advertisement|subscribe|toggle caption|slideshow|\[\w+\]|follow us",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Item:
    """One fact or digest line, keyed without its text."""

    part: str  # "fact" or "line"
    kind: str  # event, quote, person; development, coming-up, speaker
    article_id: int
    url: str
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        """A short hash of what identifies the item, its text included (a changed text is a new item)."""
        raw = f"{self.kind}|{self.url}|{self.start}|{self.end}|{self.text}"
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def _locate(article: str, line: str) -> tuple[int, int]:
    """Where a digest line's text stands in its article: the whole, else its first words; else -1."""
    at = article.find(line)
    if at >= 0:
        return at, at + len(line)
    head = line[:40]
    at = article.find(head) if len(head) >= 20 else -1
    return (at, at + len(line)) if at >= 0 else (-1, -1)


class _Articles:
    """URLs and texts of stored articles, read once each through the store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._urls: dict[int, str] = {}
        self._texts: dict[int, str] = {}

    def url(self, aid: int) -> str:
        if aid not in self._urls:
            found = self.store.article(aid) if aid else None
            self._urls[aid] = (found.url or "") if found else ""
        return self._urls[aid]

    def text(self, aid: int) -> str:
        if aid not in self._texts:
            self._texts[aid] = self.store.article_text(aid)
        return self._texts[aid]


def stored_facts(store: Store, arts: _Articles) -> list[Item]:
    """Every stored event, quotation and person."""
    return [Item("fact", k, a, arts.url(a), s, e, t) for k, a, s, e, t in store.fact_texts()]


def digest_lines(store: Store, arts: _Articles) -> list[Item]:
    """The developments, "Coming up" entries and speakers of one digest per week of the store's range."""
    first, last = store.published_range()
    if not first or not last:
        return []
    day, end = date.fromisoformat(first[:10]), date.fromisoformat(last[:10])
    items: list[Item] = []
    while day <= end:
        until = day + timedelta(days=6)
        digest = build_digest(store, day, until, max_stories=None)
        for story in digest.stories:
            for d in story.developments:
                aid = d.article_id
                where = _locate(arts.text(aid), d.text)
                items.append(Item("line", "development", aid, arts.url(aid), *where, d.text))
        for c in digest.coming_up:
            aid = c.source.article_id
            where = _locate(arts.text(aid), c.text)
            items.append(Item("line", "coming-up", aid, arts.url(aid), *where, c.text))
        quoted = {q.speaker: q.article_id for story in digest.stories for q in story.quotes}
        for sp in digest.speakers:
            aid = quoted.get(sp.name, 0)
            span = next((q.speaker_span for q in store.facts(aid).quotes
                         if q.speaker == sp.name and q.speaker_span), None) if aid else None
            items.append(Item("line", "speaker", aid, arts.url(aid), *(span or (-1, -1)), sp.name))
        day = until + timedelta(days=1)
    return items


def draw(pool: list[Item], n: int, seed: int) -> list[Item]:
    """The ``n`` items whose keys hash lowest under ``seed`` (a stable uniform draw)."""
    rank = {it: hashlib.sha1(f"{seed}|{it.key}".encode()).hexdigest() for it in pool}
    return sorted(set(pool), key=rank.__getitem__)[:n]


def read_labels(path: Path) -> dict[str, str]:
    """Verdicts by item key."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as f:
        return {row["key"]: row["verdict"] for row in csv.DictReader(f) if row["verdict"] in VERDICTS}


def main(argv: list[str] | None = None) -> int:
    """Print the samples with their verdicts; the counts go to stderr."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--seed", type=int, default=29)
    parser.add_argument("--facts", type=int, default=150)
    parser.add_argument("--lines", type=int, default=100)
    parser.add_argument("--labels", default=str(Path(__file__).with_name("fact_labels.csv")))
    parser.add_argument("--template", action="store_true", help="print the unjudged items as label rows")
    args = parser.parse_args(argv)
    with Store.open(args.db, readonly=True) as store:
        arts = _Articles(store)
        pools = (("stored facts", stored_facts(store, arts), args.facts),
                 ("digest lines", digest_lines(store, arts), args.lines))
    labels = read_labels(Path(args.labels))
    writer = csv.writer(sys.stdout) if args.template else None
    if writer:
        writer.writerow(LABEL_FIELDS)
    for title, pool, n in pools:
        picked = draw(pool, n, args.seed)
        counts = {"furniture": 0, "clean": 0, "unjudged": 0, "tells": 0}
        if not writer:
            print(f"## {len(picked)} {title} (of {len(pool)}, seed {args.seed})")
        for i, it in enumerate(picked, 1):
            verdict = labels.get(it.key)
            counts[verdict or "unjudged"] += 1
            tell = bool(TELLS.search(it.text))
            counts["tells"] += tell
            if writer:
                if verdict is None:
                    writer.writerow(("", it.part, it.kind, it.url, it.start, it.end, it.key, "", ""))
                continue
            one = " ".join(it.text.split())
            mark = {"furniture": "F", "clean": " "}.get(verdict or "", ".")
            print(f"{'?' if tell else ' '}{mark} {i:3} {it.kind:<11} #{it.article_id:<4} "
                  f"{it.start}-{it.end} {it.key} {one[:300]}")
        print(f"{title}: {len(picked)} drawn, {counts['furniture']} furniture, {counts['clean']} clean, "
              f"{counts['unjudged']} not judged; {counts['tells']} show a tell", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
