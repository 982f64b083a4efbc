"""The busy day's digest at one store size, without the rest of the benchmark: ``make bench``'s digest figure.

    python -m bench.digest_at [--articles 55000] [--corpus 100000] [--store PATH] [--runs 5]
                              [--profile] [--statements] [--out FILE]

The store of the first ``--articles`` articles of the benchmark's corpus of ``--corpus``
articles is bulk-loaded once (``bench.ingest_at``'s steps: every article extracted to 1k, one
per story to 10k, then one story in 4,096, the others given copies of extracted facts, as
``make bench --full`` fills its store) and kept at ``--store`` for the next runs (a store of an
older schema is migrated when opened: keep a copy to compare schemas). Each run then builds
the corpus's busy day's digest as ``make bench`` does (``build_digest(store, day, day)``) and
prints wall and CPU seconds, the median of ``--runs`` runs after one untimed warm-up.
``--profile`` prints a cProfile of one run; ``--statements`` the CPU seconds and calls of every
SQL statement one run makes; ``--out`` writes the digest (Markdown, then its JSON) so that two
versions of the code can be diffed.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.generator import Corpus
from bench.ingest_at import prefill


def main(argv: list[str] | None = None) -> int:
    """Prefill (once), then time the busy day's digest; print one JSON line."""
    from digests.digest import build_digest
    from digests.render import render_markdown
    from digests.store import Store

    ap = argparse.ArgumentParser(prog="python -m bench.digest_at", description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=55_000, help="articles in the store")
    ap.add_argument("--corpus", type=int, default=100_000, help="the corpus they are the first of")
    ap.add_argument("--store", type=Path, default=None, help="where the prefilled store is kept")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--profile", action="store_true", help="cProfile of one run (CPU time)")
    ap.add_argument("--statements", action="store_true", help="CPU seconds and calls of each SQL statement")
    ap.add_argument("--out", type=Path, default=None, help="write the digest (Markdown and JSON) here")
    args = ap.parse_args(argv)
    path = args.store or Path(tempfile.gettempdir()) / f"geodigest-digest-{args.articles}-of-{args.corpus}.db"
    corpus = Corpus(args.corpus, seed=args.seed)
    day = corpus.busy_day
    store = Store.open(path)
    try:
        prefill(store, corpus, args.articles, args.workers)
        digest = build_digest(store, day, day)  # warm-up: the page cache and lazy imports
        if args.out:
            args.out.write_text(render_markdown(digest) + "\n" + digest.model_dump_json(indent=1) + "\n")
        walls: list[float] = []
        cpus: list[float] = []
        for _ in range(args.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            build_digest(store, day, day)
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
        if args.statements:
            with store.timed_statements() as spent:
                build_digest(store, day, day)
            total = sum(cpu for cpu, _calls in spent.values())
            calls = sum(int(n) for _cpu, n in spent.values())
            print(f"SQL {total:.3f} s CPU in {calls:,} statements, by statement:", file=sys.stderr)
            for sql, (cpu, n) in sorted(spent.items(), key=lambda kv: -kv[1][0])[:20]:
                print(f"  {cpu:7.3f} s {int(n):6,}x  {' '.join(sql.split())[:150]}", file=sys.stderr)
        if args.profile:
            profiler = cProfile.Profile(time.process_time)
            profiler.runcall(build_digest, store, day, day)
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(20)
            print(out.getvalue(), file=sys.stderr)
        res = {
            "articles": store.count_articles(),
            "day": day.isoformat(),
            "articles_in_day": store.count_published_on(day),
            "stories": len(digest.stories),
            "speakers": len(digest.speakers),
            "runs": len(walls),
            "wall_s": round(statistics.median(walls), 3),
            "cpu_s": round(statistics.median(cpus), 3),
            "cpu_s_each": [round(c, 3) for c in cpus],
        }
        print(json.dumps(res), flush=True)
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
