"""CPU time per MB of one long article, and the functions whose share grows with the text (#10).

    python -m bench.long_articles [--sizes 0.5 1 2 4] [--runs 2] [--profile DIR] [--json DIR]

The articles are ``make bench``'s (``bench.run.long_article``: the benchmark corpus's articles
joined as paragraphs). Each size is extracted ``--runs`` times and its least CPU time is kept
(CPU time, not wall time: the host is shared). With ``--profile DIR`` each size is also run once
under cProfile (its stats saved as ``DIR/prof.<mb>.pstats``), and the functions whose own time
per MB grows most from the smallest size to the largest are printed: a linear function's time
per MB stays flat. With ``--json DIR`` the extraction JSON of each size is written as
``DIR/long.<mb>.json``, to compare two trees' output (``cmp``).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from pathlib import Path

from bench.generator import Corpus
from bench.run import long_article

_Key = tuple[str, int, str]


def _own_times(path: Path) -> dict[_Key, tuple[int, float]]:
    """Each function's calls and own time (tottime) in a saved profile."""
    stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    return {k: (v[1], v[2]) for k, v in stats.items()}


def _label(key: _Key) -> str:
    path, line, name = key
    return f"{'/'.join(path.split('/')[-2:])}:{line}({name})" if line else name


def growers(profiles: list[tuple[float, Path]], top: int) -> list[str]:
    """The ``top`` functions whose own seconds per MB grow most from the first profile (the
    smallest size) to the last, each with its s/MB and calls at every size."""
    tables = [(mb, _own_times(p)) for mb, p in profiles]
    first_mb, first = tables[0]
    last_mb, last = tables[-1]
    rise = {k: last[k][1] / last_mb - first.get(k, (0, 0.0))[1] / first_mb for k in last}
    lines = ["own s/MB at " + " / ".join(f"{mb:g}" for mb, _ in tables) + " MB (calls)"]
    for k in sorted(rise, key=lambda k: -rise[k])[:top]:
        cells = " / ".join(f"{t.get(k, (0, 0.0))[1] / mb:.3f}" for mb, t in tables)
        calls = " / ".join(str(t.get(k, (0, 0.0))[0]) for _, t in tables)
        lines.append(f"  {cells}  ({calls})  {_label(k)}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Time (and profile) one long article per size; print s/MB and the growing functions."""
    ap = argparse.ArgumentParser(prog="python -m bench.long_articles", description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1.0, 2.0, 4.0], help="MB")
    ap.add_argument("--runs", type=int, default=2, help="timed runs per size (the least CPU time is kept)")
    ap.add_argument("--profile", type=Path, default=None, help="a folder for one cProfile per size")
    ap.add_argument("--json", type=Path, default=None, help="a folder for each size's extraction JSON")
    ap.add_argument("--top", type=int, default=15, help="growing functions to print")
    args = ap.parse_args(argv)
    from digests.extract import extract

    corpus = Corpus(100_000, seed=7)
    published = corpus.article(0).published
    first = corpus.article(0)
    extract(first.text, first.published)  # lexicon loads and pattern caches, outside the timing
    profiles: list[tuple[float, Path]] = []
    for mb in args.sizes:
        text = long_article(corpus, mb)
        real_mb = len(text.encode("utf-8")) / 1e6
        times = []
        for _ in range(args.runs):
            t0 = time.process_time()
            facts = extract(text, published)
            times.append(time.process_time() - t0)
        best = min(times)
        runs = ", ".join(f"{t:.2f}" for t in times)
        print(f"{real_mb:.2f} MB: {best:.2f} s CPU ({best / real_mb:.2f} s/MB; runs {runs})", flush=True)
        if args.json is not None:
            args.json.mkdir(parents=True, exist_ok=True)
            data = facts.model_dump(mode="json")
            (args.json / f"long.{mb:g}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1))
        if args.profile is not None:
            args.profile.mkdir(parents=True, exist_ok=True)
            prof = cProfile.Profile(time.process_time)  # CPU time: the host is shared
            prof.enable()
            extract(text, published)
            prof.disable()
            out = args.profile / f"prof.{mb:g}.pstats"
            prof.dump_stats(str(out))
            profiles.append((real_mb, out))
    if len(profiles) > 1:
        print("\n".join(growers(profiles, args.top)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
