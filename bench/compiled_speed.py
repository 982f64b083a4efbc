"""Would compiling the extraction engine pay? Times `extract` pure and compiled with mypyc.

    python -m bench.compiled_speed [--rounds 2] [--passes 3] [--keep DIR]

Copies ``digests/`` and ``bench/`` into a temporary folder, compiles ``digests/extract/`` there
with mypyc (the compiler that ships with mypy, a test dependency; it needs a C compiler and the
Python headers, and takes 3-8 minutes on 2 cores), then times ``extract`` over the benchmark's
300 articles in fresh processes, pure (this tree) and compiled (the copy) alternately: after a
warm-up of 30 articles (the lazily built patterns), ``--passes`` passes each, CPU time, which
a busy machine inflates far less than wall time. Prints articles per second for both and the
gain. Issue #10 asked whether compilation reaches 200 articles/s; see README "Performance".
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# the timing child: its ``digests`` is the one first on PYTHONPATH (the compiled copy's .so files
# or this tree's .py files); it says which it ran
_CHILD = """
import json, sys, time
from bench.generator import Corpus
from digests.extract import extract
import digests.extract.text as text
corpus = Corpus(100_000, seed=7)
step = len(corpus) // 300
arts = [corpus.article(i) for i in range(0, step * 300, step)][:300]
for a in arts[:30]:
    extract(a.text, a.published)
cpu = []
for _ in range(int(sys.argv[1])):
    t = time.process_time()
    for a in arts:
        extract(a.text, a.published)
    cpu.append(time.process_time() - t)
print(json.dumps({"module": text.__file__, "cpu": cpu}))
"""


def compile_copy(folder: Path) -> float:
    """Copy the engine into ``folder`` and compile ``digests/extract`` there; the seconds taken."""
    for name in ("digests", "bench"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    # mypy's settings without pyproject.toml, whose metadata an old setuptools cannot read
    (folder / "mypy.ini").write_text("[mypy]\npython_version = 3.11\nignore_missing_imports = True\n")
    start = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "mypyc", "digests/extract"],
        cwd=folder,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.monotonic() - start


def time_tree(tree: Path, passes: int) -> tuple[str, list[float]]:
    """CPU seconds of each pass over the 300 articles with ``tree``'s engine, in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(passes)],
        cwd=tree,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    got = json.loads(out.strip().splitlines()[-1])
    return Path(got["module"]).name, got["cpu"]


def main(argv: list[str] | None = None) -> None:
    """Compile a copy, time both alternately, print the result."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=2, help="pure/compiled process pairs")
    ap.add_argument("--passes", type=int, default=3, help="timed passes over 300 articles per process")
    ap.add_argument("--keep", type=Path, help="compile into this (new) folder and keep it")
    args = ap.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="geodigest-mypyc-"))
    try:
        if args.keep:
            folder.mkdir(parents=True)
        took = compile_copy(folder)
        print(f"compiled digests/extract with mypyc in {took:.0f} s")
        cpu: dict[str, list[float]] = {"pure": [], "compiled": []}
        for _ in range(args.rounds):
            for kind, tree in (("pure", ROOT), ("compiled", folder)):
                module, times = time_tree(tree, args.passes)
                if (kind == "compiled") != module.endswith(".so"):
                    raise SystemExit(f"the {kind} run imported {module}")
                cpu[kind] += times
        rate = {k: 300 / statistics.median(v) for k, v in cpu.items()}
        for kind, times in cpu.items():
            print(f"{kind:<9} {rate[kind]:6.1f} articles/s CPU (median of {len(times)}: "
                  f"{', '.join(f'{t:.2f}' for t in times)} s)")
        print(f"gain: {100 * (rate['compiled'] / rate['pure'] - 1):+.1f}% articles/s")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
