"""Score the extraction engine on our gold articles and print what it missed.

    python -m tests.gold_report                  # every article, misses and aggregate
    python -m tests.gold_report -q               # metrics only
    python -m tests.gold_report taiwan-drills-wire asean-cebu-harbour
    python -m tests.gold_report --json           # aggregate metrics as one JSON object

Run from the repository root inside the project's environment. The thresholds
are those of tests/test_gold_articles.py.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold_scoring import Counts, extraction_dict, load_gold, metrics, score_article

from digests.extract import extract

SHORT = {
    "quote_f1": "qF1", "quote_e2e_f1": "e2e", "attribution": "attr", "indirect_recall": "ind",
    "person_recall": "pers", "bad_merges": "merg", "offsets": "offs", "boilerplate_leaks": "leak",
    "event_recall": "evR", "event_date_precision": "evP", "event_status": "evS", "figure_recall": "fig",
    "time_recall": "tR", "time_precision": "tP",
}


def _fmt(values: dict[str, float], short: bool = True) -> str:
    parts = []
    for key, value in values.items():
        name = SHORT[key] if short else key
        counted = key in ("bad_merges", "boilerplate_leaks")
        parts.append(f"{name}={int(value)}" if counted else f"{name}={value:.2f}")
    return " ".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Print per-article metrics and misses, then the aggregate and the thresholds it fails."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="gold article names (default: all)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no per-miss lines")
    ap.add_argument("--json", action="store_true", help="print the aggregate metrics as JSON only")
    args = ap.parse_args(argv)

    articles = load_gold()
    if args.names:
        unknown = set(args.names) - {a.name for a in articles}
        if unknown:
            print(f"unknown gold article(s): {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        articles = [a for a in articles if a.name in args.names]
    total = Counts()
    took = 0.0
    for article in articles:
        started = time.perf_counter()
        try:
            pred = extraction_dict(extract(article.text, date.fromisoformat(article.published)))
        except Exception as err:  # a crash is itself the finding
            print(f"{article.name}: extraction raised {type(err).__name__}: {err}")
            return 1
        took += time.perf_counter() - started
        score = score_article(article, pred)
        total = total + score.counts
        if not args.json:
            print(f"{article.name} ({article.published}): {_fmt(metrics(score.counts))}")
            if not args.quiet:
                for miss in score.misses:
                    print(f"    {miss}")
    values = metrics(total)
    if args.json:
        print(json.dumps({k: round(v, 4) for k, v in values.items()}))
        return 0
    print(f"\nALL {len(articles)} articles, extraction {took * 1000:.0f} ms in total")
    print(_fmt(values, short=False))
    try:
        from test_gold_articles import THRESHOLDS
    except ImportError:  # pytest not installed: the report still stands on its own
        return 0
    failing = [k for k, (op, bound) in THRESHOLDS.items()
               if not (values[k] >= bound if op == ">=" else values[k] <= bound)]
    print("below threshold: " + (", ".join(failing) if failing else "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
