"""Instructions per extracted article under callgrind: a speed measure that load does not move.

    python -m bench.instructions [N] [--out DIR]

Runs this interpreter under ``valgrind --tool=callgrind`` twice, extracting the first N benchmark
articles (default 20) and none, with ``PYTHONHASHSEED=0``, and prints (I(N) - I(0)) / N, so the
import and corpus costs cancel. The two callgrind files are left in DIR (a new temporary folder
by default) as ``cg.N`` and ``cg.0``, the input of ``python -m bench.callgrind_diff``. Two trees
compare best from folders of one path length (libc malloc's share moves with the heap's layout).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

_COLLECTED = re.compile(r"Collected : (\d+)")


def _articles(n: int) -> None:
    """Extract the first ``n`` of the 300 benchmark articles (after one untimed warm-up)."""
    from bench.generator import Corpus
    from digests.extract import extract

    corpus = Corpus(100_000, seed=7)
    step = len(corpus) // 300
    arts = [corpus.article(i) for i in range(0, step * 300, step)][:300]
    extract(arts[0].text, arts[0].published)  # lexicon loads and pattern caches, in both runs
    for a in arts[:n]:
        extract(a.text, a.published)


def count(n: int, out: Path) -> int:
    """Instructions callgrind counts for a run that extracts ``n`` articles."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    cmd = [
        "valgrind",
        "--tool=callgrind",
        f"--callgrind-out-file={out / f'cg.{n}'}",
        sys.executable,
        "-m",
        "bench.instructions",
        "--run",
        str(n),
    ]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    m = _COLLECTED.search(done.stderr)
    if m is None:
        raise SystemExit(f"callgrind printed no count:\n{done.stderr[-2000:]}")
    return int(m.group(1))


def main(argv: list[str] | None = None) -> int:
    """Print instructions per article over N benchmark articles."""
    ap = argparse.ArgumentParser(prog="python -m bench.instructions", description=__doc__.split("\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=20, help="benchmark articles (default 20)")
    ap.add_argument("--out", type=Path, help="folder for the callgrind files (default: a new temporary one)")
    ap.add_argument("--run", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.run:
        _articles(args.n)
        return 0
    out = args.out or Path(tempfile.mkdtemp(prefix="instr-"))
    out.mkdir(parents=True, exist_ok=True)
    base = count(0, out)
    total = count(args.n, out)
    print(f"{(total - base) / args.n / 1e6:.2f} M instructions an article over {args.n} articles")
    print(f"callgrind files: {out} (python -m bench.callgrind_diff BEFORE AFTER {args.n})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
