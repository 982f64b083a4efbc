"""CPU time per MB of one long article, and the functions whose share grows with the text (#10).

    python -m bench.long_articles [--sizes 0.5 1 2 4] [--runs 2] [--profile DIR] [--json DIR]

The articles are ``make bench``'s (``bench.run.long_article``: the benchmark corpus's articles
joined as paragraphs). Each size is extracted ``--runs`` times and its least CPU time is kept
(CPU time, not wall time: the host is shared). With ``--profile DIR`` each size is also run once
under cProfile (its stats saved as ``DIR/prof.<mb>.pstats``), and the functions whose own time
per MB grows most from the smallest size to the largest are printed: a linear function's time
per MB stays flat. With ``--json DIR`` the extraction JSON of each size is written as
``DIR/long.<mb>.json``, to compare two trees' output (``cmp``). With ``--callgrind DIR`` each size
is run under ``valgrind --tool=callgrind`` twice, the article built and extracted, and built
only, with ``PYTHONHASHSEED=0``: the difference per MB is the extraction's instructions per MB,
which load does not move (as ``bench.instructions`` counts a usual article's).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

from bench.generator import Corpus
from bench.instructions import _COLLECTED
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


def _child(mb: float, extract_it: bool) -> None:
    """Build the article of ``mb`` MB and, with ``extract_it``, extract it (the callgrind runs)."""
    from digests.extract import extract

    corpus = Corpus(100_000, seed=7)
    first = corpus.article(0)
    extract(first.text, first.published)  # lexicon loads and pattern caches, in both runs
    text = long_article(corpus, mb)
    if extract_it:
        extract(text, first.published)


def instructions(mb: float, out: Path) -> float:
    """The instructions callgrind counts for extracting the article of ``mb`` MB, per MB."""
    counts = []
    for extract_it in (False, True):
        name = f"cg.{mb:g}.{int(extract_it)}"
        cmd = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out / name}",
            sys.executable,
            "-m",
            "bench.long_articles",
            "--child",
            str(mb),
            str(int(extract_it)),
        ]
        env = dict(os.environ, PYTHONHASHSEED="0")
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
        m = _COLLECTED.search(done.stderr)
        if m is None:
            raise SystemExit(f"callgrind printed no count:\n{done.stderr[-2000:]}")
        counts.append(int(m.group(1)))
    text_mb = len(long_article(Corpus(100_000, seed=7), mb).encode("utf-8")) / 1e6
    return (counts[1] - counts[0]) / text_mb


def main(argv: list[str] | None = None) -> int:
    """Time (and profile) one long article per size; print s/MB and the growing functions."""
    ap = argparse.ArgumentParser(prog="python -m bench.long_articles", description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1.0, 2.0, 4.0], help="MB")
    ap.add_argument("--runs", type=int, default=2, help="timed runs per size (the least CPU time is kept)")
    ap.add_argument("--profile", type=Path, default=None, help="a folder for one cProfile per size")
    ap.add_argument("--json", type=Path, default=None, help="a folder for each size's extraction JSON")
    ap.add_argument("--top", type=int, default=15, help="growing functions to print")
    ap.add_argument("--callgrind", type=Path, default=None, help="a folder: instructions per MB instead")
    ap.add_argument("--child", nargs=2, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child is not None:
        _child(float(args.child[0]), args.child[1] == "1")
        return 0
    if args.callgrind is not None:
        args.callgrind.mkdir(parents=True, exist_ok=True)
        for mb in args.sizes:
            print(f"{mb:g} MB: {instructions(mb, args.callgrind) / 1e9:.2f} G instructions a MB", flush=True)
        return 0
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
