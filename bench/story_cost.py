"""What story assignment costs a save, at a given store size: the decisions of the store's newest
articles made again, one at a time, as their saves made them.

    python -m bench.story_cost STORE [--last 300] [--runs 3] [--regroup] [--profile]

The store (for instance the one ``python -m bench.ingest_at --articles 20300 --slice 300``
keeps) is copied to a temporary file; its ``--last`` newest articles leave their stories and
the candidate index (``Store.ungroup_newest``) and are grouped again in id order through the
function a save calls (``Store.assign_again``: :func:`digests.store.stories.assign_story`
with the store's cache of quotation runs), each in its own transaction. Prints CPU and wall
milliseconds per decision for each run, how many decisions gave the story stored before and a
hash of the decisions (article and story ids: equal hashes, the same decisions).
``--regroup`` regroups the copy first (after a change to the candidate index, so that every
article is indexed as the code being measured indexes it); ``--profile`` prints a cProfile of
the decisions of the last run.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

from digests.store import Store


def run(path: Path, last: int, profiler: cProfile.Profile | None = None) -> dict[str, float | str]:
    """One run on the store at ``path`` (changed: use a copy), its decisions under ``profiler``."""
    with Store.open(path) as store:
        rows = store.ungroup_newest(last)
        cpu = wall = 0.0
        same = 0
        decided = hashlib.sha256()
        for aid, day, counts, stored in rows:
            c0, w0 = time.process_time(), time.perf_counter()
            if profiler is not None:
                story = profiler.runcall(store.assign_again, aid, day, counts)
            else:
                story = store.assign_again(aid, day, counts)
            cpu += time.process_time() - c0
            wall += time.perf_counter() - w0
            same += story == stored
            decided.update(f"{aid}:{story};".encode())
    n = max(1, len(rows))
    return {"articles": len(rows), "cpu_ms": round(cpu / n * 1000, 3), "wall_ms": round(wall / n * 1000, 3),
            "same_story": same, "decisions": decided.hexdigest()[:16]}


def main(argv: list[str] | None = None) -> int:
    """Copy the store, optionally regroup it, and time ``--runs`` rounds of decisions."""
    ap = argparse.ArgumentParser(prog="python -m bench.story_cost", description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--last", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--regroup", action="store_true", help="regroup the copy first")
    ap.add_argument("--profile", action="store_true", help="cProfile of the last run's decisions")
    args = ap.parse_args(argv)
    if not args.store.exists():
        print(f"no store at {args.store}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.db"
        shutil.copyfile(args.store, base)
        if args.regroup:
            with Store.open(base) as store:
                store.regroup()
        copy = Path(tmp) / "s.db"
        for i in range(args.runs):
            shutil.copyfile(base, copy)
            profiler = cProfile.Profile() if args.profile and i == args.runs - 1 else None
            print(json.dumps(run(copy, args.last, profiler)), flush=True)
            if profiler is not None:
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
                print(out.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
