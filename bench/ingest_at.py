"""Ingest speed at one store size, without the rest of the benchmark: ``make bench``'s ingest figure, cheaply.

    python -m bench.ingest_at [--articles 100000] [--slice 300] [--store PATH] [--runs 2]
                              [--corpus N] [--profile]

The store of ``--articles`` minus ``--slice`` articles is bulk-loaded once, through the
store's public bulk insert as ``make bench`` fills it (``bench.run.Loader``; one article per
story extracted, the others given copies of extracted facts), and kept at ``--store`` for
the next runs. Each run then times the slice exactly as ``make bench`` does
(``bench.run.timed_ingest``: half one article at a time, for the per-stage milliseconds,
half through ``digests.ingest.ingest_inputs`` with two extraction processes, the headline
articles/s), and deletes the slice again, so runs compare code at the same store size.
``--profile`` profiles the saves; ``--statements`` times every SQL statement the writing process
runs (triggers inside their statement, ``COMMIT`` alone) and prints the top ones per article.
``--parallel-only`` sends the whole slice through ``ingest_inputs`` with the workers (twice the
articles of ``make bench``'s 2-worker half: less noise), and its figures count that path alone;
``--profile-writer`` then prints a cProfile of the writing process during it. Each run also prints
a hash of the slice's story ids, norms and fact counts: equal hashes, the same stories and facts.
A store made by an older schema is migrated when opened: keep a copy to compare schemas.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import pstats
import resource
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from bench.generator import Corpus
from bench.run import Loader, timed_ingest

# How ``make bench --full`` fills its store before the 100k slice, in steps: every article
# extracted up to 1k, one article per story up to 10k, then about one story in 4,096 (the
# cheapest mode, which the full benchmark reaches within its budget), the others taking copies
# of extracted facts; so the store holds about as many facts, names and terms as it does there.
_STEPS = ((1_000, "all"), (10_000, "story:1"), (None, "story:4096"))


def prefill(store: Any, corpus: Corpus, upto: int, workers: int) -> None:
    """Load the first ``upto`` articles of ``corpus`` as ``make bench --full`` does, once: a store
    that already holds them is left as it is (``bench.digest_at`` builds its store the same way)."""
    have = store.count_articles()
    if have >= upto:
        return
    if have:
        raise SystemExit(f"the store holds {have:,} articles, fewer than {upto:,}: remove it and run again")
    loader = Loader(store, corpus)
    print(f"bulk load 0 -> {upto:,} (kept for the next runs)", file=sys.stderr, flush=True)
    at = 0
    for stop, mode in _STEPS:
        stop = min(upto, stop or upto)
        if stop <= at:
            continue
        part = loader.bulk(
            at, stop, workers=workers, budget_s=1e6, first_mode=mode,
            say=lambda m: print(m, file=sys.stderr, flush=True),
        )
        print(f"  {at:,} -> {stop:,} ({mode}): {part['articles_per_s']} articles/s, facts {part['facts']}",
              file=sys.stderr, flush=True)
        at = stop
    store.checkpoint()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _parallel_ingest(
    loader: Loader, start: int, stop: int, workdir: Path, workers: int, profile: bool
) -> dict[str, Any]:
    """The slice ``start..stop`` through ``ingest_inputs`` with ``workers`` processes, timed (wall
    time and the writing process's CPU), optionally under cProfile."""
    from bench.run import _front_matter_file
    from digests.ingest import ingest_inputs
    from digests.sources import read_path

    store, corpus = loader.store, loader.corpus
    files = [_front_matter_file(corpus.article(i), workdir, i) for i in range(start, stop)]
    # CPU time: on a busy machine wall time would count the time the writer waits for a core
    profiler = cProfile.Profile(time.process_time) if profile else None
    collections: list[float] = []  # CPU seconds of each full collection of the cyclic collector
    started: list[float] = []

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if info.get("generation") == 2:
            if phase == "start":
                started.append(time.process_time())
            elif started:
                collections.append(time.process_time() - started.pop())

    gc.callbacks.append(on_gc)
    t0, c0 = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    report = ingest_inputs(
        store, [str(p) for p in files], out=io.StringIO(), err=io.StringIO(), workers=workers
    )
    if profiler is not None:
        profiler.disable()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    gc.callbacks.remove(on_gc)
    for i, path in zip(range(start, stop), files, strict=True):  # not timed
        aid = store.article_id(read_path(path))
        if aid is not None:
            loader.remember(i, aid, True)
        path.unlink()
    if profiler is not None:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(40)
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(60)
        print(out.getvalue(), file=sys.stderr)
    n = len(files)
    return {"articles": n, "new": report.new, "failed": report.failed, "articles_per_s": round(n / wall, 1),
            "writer_cpu_ms_per_article_parallel": round(cpu / n * 1000, 2),
            "full_collections": len(collections), "full_collections_cpu_s": round(sum(collections), 3),
            "objects": len(gc.get_objects())}


def _stored_hash(store: Any, ids: list[int]) -> str:
    """A hash of what the articles ``ids`` became: story ids (relative to the first id), norms,
    links and fact counts; equal for two versions of the code that store the same."""
    import hashlib

    digest = hashlib.sha256()
    base = min(ids, default=0)
    for aid, story, norm, links in store.memberships(ids):
        digest.update(repr((aid - base, story - base if story >= base else story, norm, links)).encode())
    for aid in ids:
        stored = store.article(aid)
        digest.update(repr(sorted(stored.counts.items()) if stored else None).encode())
    return digest.hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    """Prefill (once), then time ingest slices; print one JSON line per run."""
    from digests.store import Store

    ap = argparse.ArgumentParser(prog="python -m bench.ingest_at", description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000, help="store size when the slice is in")
    ap.add_argument("--slice", type=int, default=300, help="articles timed per run")
    ap.add_argument(
        "--corpus", type=int, default=None,
        help="the corpus the articles are the first of (default --articles; bench.digest_at's store: 100000)",
    )
    ap.add_argument("--store", type=Path, default=None, help="where the prefilled store is kept")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--profile", action="store_true", help="cProfile of the one-at-a-time saves")
    ap.add_argument("--statements", action="store_true", help="CPU ms per article of each SQL statement")
    ap.add_argument("--parallel-only", action="store_true", help="the whole slice through ingest_inputs")
    ap.add_argument("--profile-writer", action="store_true", help="cProfile of the writer (--parallel-only)")
    args = ap.parse_args(argv)
    path = args.store or Path(tempfile.gettempdir()) / f"geodigest-ingest-{args.articles}.db"
    corpus = Corpus(args.corpus or args.articles, seed=args.seed)
    start = args.articles - args.slice
    store = Store.open(path)
    try:
        prefill(store, corpus, start, args.workers)
        if store.count_articles() != start:
            print(f"{path} holds {store.count_articles():,} articles, not {start:,}", file=sys.stderr)
            return 1
        for _ in range(args.runs):
            loader = Loader(store, corpus)
            with tempfile.TemporaryDirectory() as tmp:
                profiler = cProfile.Profile() if args.profile else None
                save = store.save
                if profiler is not None:
                    def profiled(*a: Any, _save: Any = save, _p: Any = profiler, **k: Any) -> Any:
                        return _p.runcall(_save, *a, **k)

                    store.save = profiled
                timing = store.timed_statements() if args.statements else nullcontext({})
                spent = timing.__enter__()
                t0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
                if args.parallel_only:
                    res = _parallel_ingest(loader, start, args.articles, Path(tmp), args.workers,
                                           args.profile_writer)
                else:
                    res = timed_ingest(loader, start, args.articles, Path(tmp), 1e9, workers=args.workers)
                res["wall_s"] = round(time.perf_counter() - t0, 2)
                # CPU seconds say how much work was done whatever else the machine runs
                n = max(1, res["articles"])
                res["cpu_ms_per_article"] = round((time.process_time() - c0) / n * 1000, 2)
                res["workers_cpu_ms_per_article"] = round((_children_cpu() - k0) / n * 1000, 2)
                timing.__exit__(None, None, None)
                if args.statements:
                    total = sum(cpu for cpu, _calls in spent.values())
                    print(f"SQL {total / n * 1000:.2f} ms CPU per article, by statement:", file=sys.stderr)
                    for sql, (cpu, calls) in sorted(spent.items(), key=lambda kv: -kv[1][0])[:25]:
                        print(f"  {cpu / n * 1000:6.3f} ms {calls / n:6.1f}x  {sql}", file=sys.stderr)
                if profiler is not None:
                    store.save = save
                    out = io.StringIO()
                    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
                    print(out.getvalue(), file=sys.stderr)
            res.pop("path", None)
            ids = sorted({aid for i, aid in loader.ids.items() if i >= start})
            res["stored_hash"] = _stored_hash(store, ids)
            print(json.dumps(res), flush=True)
            for aid in ids:
                store.delete_article(aid)
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
