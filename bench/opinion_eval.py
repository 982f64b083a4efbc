"""Precision and recall of opinion marking against hand labels (url, label) of real articles.

    python -m bench.opinion_eval [--labels tests/data/opinion_labels.csv] [--articles DIR]

The labels (``opinion`` or ``news``; opinion includes commentary, columns, editorials and
analysis that argues a view) were given by reading a seeded random sample of 100
articles of ``../shared/eval/realnews/allsides``; only their URLs are kept here.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from digests.opinion import article_kind
from digests.sources import read_source

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Print precision, recall and each disagreement; exit 1 when the articles are missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", default=str(ROOT / "tests/data/opinion_labels.csv"))
    parser.add_argument("--articles", default=str(ROOT.parent / "shared/eval/realnews/allsides"))
    args = parser.parse_args(argv)
    folder = Path(args.articles)
    if not folder.is_dir():
        print(f"no articles at {folder}", file=sys.stderr)
        return 1
    by_url = {}
    for path in sorted(folder.glob("*.txt")):
        for article in read_source(str(path)):
            if article.url:
                by_url[article.url] = article
    tp = fp = fn = 0
    with open(args.labels, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            article = by_url.get(row["url"])
            if article is None:
                print(f"missing: {row['url']}", file=sys.stderr)
                continue
            said = article_kind(article.url, article.title, article.text, article.source) == "opinion"
            gold = row["label"] == "opinion"
            tp += said and gold
            fp += said and not gold
            fn += gold and not said
            if said != gold:
                print(f"{'FP' if said else 'FN'} {row['url']}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"opinion: precision {precision:.2f} recall {recall:.2f} (tp {tp}, fp {fp}, fn {fn})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
