"""The same store gives the same digest, byte for byte, in every process: nothing a digest shows
may depend on string hashing (PYTHONHASHSEED), set or dict order, or the clock."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from digests.digest.story import _dev_score

ROOT = Path(__file__).resolve().parents[1]
# Our own articles: the demo corpus, the grouping tests' outlets, wire copies and scoped stories.
CORPUS = [
    ROOT / "digests" / "demo",
    ROOT / "digests" / "demo" / "later",
    ROOT / "tests" / "data" / "grouping" / "articles",
    ROOT / "tests" / "data" / "grouping" / "wire",
    ROOT / "tests" / "data" / "grouping" / "scoped",
]
# Ingest (when asked) and print every digest of the corpus: each format, scoped and not.
SCRIPT = """
import contextlib, io, sys
from bot.cli import main
db, ingest = sys.argv[1], sys.argv[2] == "ingest"
if ingest:
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--db", db, "ingest", "--workers", "1", *sys.argv[3:]]) == 0
out = io.StringIO()
periods = [
    ["--since", "2026-01-01", "--until", "2026-01-31"],
    ["--since", "2026-03-01", "--until", "2026-04-30"],
]
subjects = [[], ["Korea"], ["trade"], ["Norway"]]
for period in periods:
    for subject in subjects:
        for fmt in ("json", "markdown"):
            with contextlib.redirect_stdout(out):
                main(["--db", db, "digest", *period, *subject, "--max-stories", "0", "--format", fmt])
sys.stdout.write(out.getvalue())
"""


def _run(seed: str, db: Path, ingest: bool) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GEODIGEST_", "DIGEST_"))}
    env["PYTHONHASHSEED"] = seed
    args = [sys.executable, "-c", SCRIPT, str(db), "ingest" if ingest else "read", *map(str, CORPUS)]
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_same_articles_give_the_same_digests_in_processes_hashing_otherwise(tmp_path: Path) -> None:
    first = _run("0", tmp_path / "a.db", ingest=True)
    # stored by another process hashing strings otherwise, and read again by a third
    second = _run("1", tmp_path / "b.db", ingest=True)
    third = _run("2", tmp_path / "a.db", ingest=False)
    assert first.count('"stories"') == 8 and "Takaichi" in first and "Halvorsen" in first
    assert first == second
    assert first == third


def test_a_development_scores_the_same_whatever_order_its_words_come_in() -> None:
    # added in these two orders 0.1 + 0.2 + 0.3 and 0.3 + 0.2 + 0.1 differ in their last bit;
    # a set of words is iterated in an order that changes with each process's string hashing
    weights = {"alpha": 0.1, "beta": 0.2, "gamma": 0.3}
    scores = {
        _dev_score("A development told here.", words, [], 0, None, weights, date(2026, 1, 1), 1)
        for words in (["alpha", "beta", "gamma"], ["gamma", "beta", "alpha"])
    }
    assert len(scores) == 1
