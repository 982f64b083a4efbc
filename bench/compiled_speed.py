"""The compiled engine beside the pure one: the same output, and each one's extraction speed.

    python -m bench.compiled_speed [--python .venv-compiled/bin/python] [--rounds 2] [--passes 3] [--check]

``make compiled`` installs the bot with ``digests/extract`` compiled by mypyc into
``.venv-compiled/`` (README "Performance"). This module runs an interpreter's engine over the
benchmark's articles in a fresh process: ``python -I`` (no working folder on the path), so
``digests`` is the one installed in that interpreter's site-packages and only ``bench`` comes
from this tree, appended after it. The child first extracts every article once, untimed (the
lazily built patterns warm up), and sends a hash of each extraction's JSON; then it times its
passes. ``check_same_output`` compares the hashes with the pure engine's, article by article:
any difference is an error, which is how ``make bench`` proves the compiled build right before
timing it.

Run as a module it alternates pure (this interpreter, this tree) and compiled processes and
prints articles per second in CPU time for both, which a busy machine inflates far less than
wall time, and the gain; with ``--check`` it only compares the output, once (``make compiled-check``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
COMPILED_PYTHON = ROOT / ".venv-compiled" / "bin" / "python"

# the child: argv root, corpus size, seed, articles, passes. `bench` comes from the tree appended
# last, so that `digests` stays the interpreter's installed one; it says which engine it ran.
_CHILD = """
import hashlib, json, sys, time
sys.path.append(sys.argv[1])
from bench.compiled_speed import benchmark_articles
from digests.extract import extract
import digests.extract.pipeline as pipeline
arts = benchmark_articles(int(sys.argv[4]), int(sys.argv[2]), int(sys.argv[3]))
digests = [hashlib.sha256(extract(a.text, a.published).model_dump_json().encode()).hexdigest() for a in arts]
wall, cpu = [], []
for _ in range(int(sys.argv[5])):
    w, c = time.perf_counter(), time.process_time()
    for a in arts:
        extract(a.text, a.published)
    cpu.append(time.process_time() - c)
    wall.append(time.perf_counter() - w)
print(json.dumps({"module": pipeline.__file__, "digests": digests, "wall": wall, "cpu": cpu}))
"""


class OutputMismatch(Exception):
    """The compiled engine's extraction differs from the pure engine's."""


@dataclass(frozen=True)
class EngineRun:
    """One child's run: which engine it imported, its output hashes and its timed passes."""

    python: str
    module: str
    digests: list[str]
    wall: list[float]
    cpu: list[float]

    @property
    def engine(self) -> str:
        """``compiled`` when the pipeline module it ran is a C extension, else ``pure``."""
        return "compiled" if self.module.endswith(".so") else "pure"


def benchmark_articles(n: int, corpus_size: int = 100_000, seed: int = 7) -> list[Any]:
    """The benchmark's ``n`` extraction articles, spread over its corpus (as ``bench.run`` picks them)."""
    from bench.generator import Corpus

    corpus = Corpus(corpus_size, seed=seed)
    step = max(1, len(corpus) // n)
    return [corpus.article(i) for i in range(0, step * n, step)][:n]


def output_digests(articles: Sequence[Any]) -> list[str]:
    """This process's engine's extraction of each article, as a hash of its JSON."""
    from digests.extract import extract

    return [_digest(extract(a.text, a.published).model_dump_json()) for a in articles]


def _digest(json_text: str) -> str:
    return hashlib.sha256(json_text.encode()).hexdigest()


def run_engine(
    python: str | Path, n: int, passes: int, corpus_size: int = 100_000, seed: int = 7, root: Path = ROOT
) -> EngineRun:
    """Run ``python``'s installed engine over ``n`` benchmark articles in a fresh process."""
    args = [str(root), str(corpus_size), str(seed), str(n), str(passes)]
    proc = subprocess.run(
        [str(python), "-I", "-c", _CHILD, *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{python} failed to run the engine:\n{proc.stderr[-3000:]}")
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    return EngineRun(str(python), got["module"], got["digests"], got["wall"], got["cpu"])


def output_differences(pure: Sequence[str], other: Sequence[str]) -> list[int]:
    """Indices of the articles whose outputs differ (a missing or extra article differs too)."""
    out = [i for i, (a, b) in enumerate(zip(pure, other, strict=False)) if a != b]
    return out + list(range(min(len(pure), len(other)), max(len(pure), len(other))))


def check_same_output(pure: Sequence[str], compiled: Sequence[str]) -> None:
    """Raise ``OutputMismatch`` naming the articles whose compiled output is not the pure one."""
    diff = output_differences(pure, compiled)
    if diff:
        shown = ", ".join(str(i) for i in diff[:10]) + (" ..." if len(diff) > 10 else "")
        raise OutputMismatch(
            f"the compiled engine's output differs from the pure engine's on {len(diff)} of "
            f"{max(len(pure), len(compiled))} benchmark articles (articles {shown}): the compiled "
            "build is wrong; rebuild it (make compiled) or report it"
        )


def main(argv: list[str] | None = None) -> None:
    """Check the compiled engine's output, time both alternately, print the result."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--python", type=Path, default=COMPILED_PYTHON, help="the compiled engine's interpreter")
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=2, help="pure/compiled process pairs")
    ap.add_argument("--passes", type=int, default=3, help="timed passes over the articles per process")
    ap.add_argument(
        "--check", action="store_true", help="the output compared once, nothing timed (make compiled-check)"
    )
    args = ap.parse_args(argv)
    if not args.python.exists():
        raise SystemExit(f"{args.python} does not exist: build the compiled engine with `make compiled`")
    if args.check:
        args.rounds, args.passes = 1, 0
    cpu: dict[str, list[float]] = {"pure": [], "compiled": []}
    for _ in range(args.rounds):
        pure = run_engine(sys.executable, args.articles, args.passes)
        compiled = run_engine(args.python, args.articles, args.passes)
        if pure.engine != "pure" or compiled.engine != "compiled":
            raise SystemExit(f"expected pure and compiled engines, ran {pure.module} and {compiled.module}")
        check_same_output(pure.digests, compiled.digests)
        cpu["pure"] += pure.cpu
        cpu["compiled"] += compiled.cpu
    print(f"same output on all {args.articles} articles")
    if args.check:
        return
    rate = {k: args.articles / statistics.median(v) for k, v in cpu.items()}
    for kind, times in cpu.items():
        print(
            f"{kind:<9} {rate[kind]:6.1f} articles/s CPU (median of {len(times)}: "
            f"{', '.join(f'{t:.2f}' for t in times)} s)"
        )
    print(f"gain: {100 * (rate['compiled'] / rate['pure'] - 1):+.1f}% articles/s")


if __name__ == "__main__":
    main()
