"""Parallel ingestion: extraction in worker processes gives the same store, in the same order."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.cli import build_parser
from digests.demo import demo_paths
from digests.extract import extract
from digests.ingest import MIN_PARALLEL_ARTICLES, ingest_inputs
from digests.models import Extraction
from digests.store import Store

DATA = Path(__file__).resolve().parent
FACT_TABLES = ("entities", "quotes", "events", "figures", "times")
POISON = "Dispatch number 13 of the series."


def extract_or_fail(text: str, published: date | None) -> Extraction:
    """Extraction that breaks on one marked article, naming the process it ran in."""
    if POISON in text:
        raise RuntimeError(f"poisoned article in process {os.getpid()}")
    return extract(text, published)


def _batch(tmp_path: Path) -> list[str]:
    """About forty distinct inputs: the demo corpus, the gold articles, our ingest files, variants."""
    inputs = [str(p) for p in demo_paths()]
    inputs += sorted(str(p) for p in (DATA / "gold").glob("*.txt"))
    ingest = DATA / "data" / "ingest"
    names = ("plain.txt", "front.txt", "note.md", "page.html", "legacy-latin1.txt")
    inputs += [str(ingest / n) for n in names]
    base = (ingest / "plain.txt").read_text(encoding="utf-8")
    for i in range(6):
        path = tmp_path / f"dispatch-{i:02d}.txt"
        path.write_text(f"{base}Dispatch number {i} of the series.\n", encoding="utf-8")
        inputs.append(str(path))
    inputs.append(inputs[0])  # a repeat within the batch: unchanged, not extracted again
    return inputs


def _rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with Store.open(db) as store:
        cols = [r[1] for r in store.db.execute("PRAGMA table_info(articles)") if r[1] != "ingested_at"]
        tables = {"articles": list(store.db.execute(f"SELECT {', '.join(cols)} FROM articles ORDER BY id"))}
        for table in FACT_TABLES:
            tables[table] = list(store.db.execute(f"SELECT * FROM {table} ORDER BY id"))
    return tables


def _ingest(db: Path, inputs: list[str], workers: int) -> tuple[Any, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with Store.open(db) as store:
        report = ingest_inputs(store, inputs, out=out, err=err, workers=workers)
    return report, out.getvalue(), err.getvalue()


def test_two_workers_store_exactly_what_one_does(tmp_path: Path) -> None:
    inputs = _batch(tmp_path)
    assert len(inputs) >= 35
    one, out1, err1 = _ingest(tmp_path / "one.db", inputs, 1)
    two, out2, err2 = _ingest(tmp_path / "two.db", inputs, 2)
    assert one.ok and two.ok, (err1, err2)
    assert one.new == len(inputs) - 1 and one.unchanged == 1
    assert one.article_ids == two.article_ids  # same ids, in input order
    assert out1 == out2 and err1 == err2  # same lines in the same order
    rows1, rows2 = _rows(tmp_path / "one.db"), _rows(tmp_path / "two.db")
    assert sum(len(rows1[t]) for t in FACT_TABLES) > 100  # real facts were compared
    for table in rows1:
        assert rows1[table] == rows2[table], table

    # A rerun reads everything again but extracts nothing: an extractor that always fails proves it.
    again, _, _ = _ingest(tmp_path / "two.db", inputs, 2)
    assert (again.new, again.updated, again.unchanged, again.failed) == (0, 0, len(inputs), 0)
    assert again.article_ids == two.article_ids
    assert _rows(tmp_path / "two.db") == rows2


def always_fail(text: str, published: date | None) -> Extraction:
    """Extraction that can never succeed (used to show stored articles are not re-extracted)."""
    raise AssertionError("extraction was asked for")


def test_unchanged_articles_skip_extraction(tmp_path: Path) -> None:
    inputs = _batch(tmp_path)
    db = tmp_path / "g.db"
    _ingest(db, inputs, 2)
    with Store.open(db) as store:
        report = ingest_inputs(
            store, inputs, out=io.StringIO(), err=io.StringIO(), workers=2, extractor=always_fail
        )
    assert report.ok and report.unchanged == len(inputs)


def test_extraction_error_in_a_worker_is_one_line_and_others_go_on(tmp_path: Path) -> None:
    ingest = DATA / "data" / "ingest"
    base = (ingest / "plain.txt").read_text(encoding="utf-8")
    for i in range(10, 30):
        text = f"{base}Dispatch number {i} of the series.\n"
        (tmp_path / f"dispatch-{i:02d}.txt").write_text(text, "utf-8")
    inputs = sorted(str(p) for p in tmp_path.glob("dispatch-*.txt"))
    assert len(inputs) >= MIN_PARALLEL_ARTICLES
    out, err = io.StringIO(), io.StringIO()
    with Store.open(tmp_path / "g.db") as store:
        report = ingest_inputs(store, inputs, out=out, err=err, workers=2, extractor=extract_or_fail)
        assert store.count_articles() == len(inputs) - 1
    assert (report.new, report.failed) == (len(inputs) - 1, 1)
    lines = [line for line in err.getvalue().splitlines() if not line.startswith("warning:")]
    assert len(lines) == 1 and "Traceback" not in err.getvalue()
    poisoned = str(tmp_path / "dispatch-13.txt")
    assert lines[0].startswith(f"error: {poisoned}: extraction failed (RuntimeError: poisoned article in")
    assert not lines[0].endswith(f"process {os.getpid()})")  # it really ran in a worker
    n = len(inputs) - 1
    assert out.getvalue().splitlines()[-1] == (
        f"{n} articles: {n} new, 0 updated, 0 unchanged; "
        f"1 failed: 1 extraction failed; {len(inputs)} warnings"
    )


def test_small_batches_and_one_worker_stay_in_process(tmp_path: Path) -> None:
    # Below the threshold no worker is started, so the error names this very process.
    ingest = DATA / "data" / "ingest"
    base = (ingest / "plain.txt").read_text(encoding="utf-8")
    path = tmp_path / "dispatch-13.txt"
    path.write_text(f"{base}{POISON}\n", encoding="utf-8")
    for workers in (1, 2):
        err = io.StringIO()
        with Store.open(tmp_path / f"g{workers}.db") as store:
            report = ingest_inputs(
                store, [str(ingest / "plain.txt"), str(path)], out=io.StringIO(), err=err,
                workers=workers, extractor=extract_or_fail,
            )
        assert (report.new, report.failed) == (1, 1)
        assert err.getvalue().strip().endswith(f"process {os.getpid()})")


def test_workers_option() -> None:
    parser = build_parser()
    args = parser.parse_args(["ingest", "a.txt", "--workers", "2"])
    assert args.workers == 2
    assert 1 <= parser.parse_args(["ingest", "a.txt"]).workers <= 4
    with pytest.raises(SystemExit):
        parser.parse_args(["ingest", "a.txt", "--workers", "0"])


def _processes_using(db: Path) -> list[int]:
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if str(db).encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc to see the workers")
def test_sigkill_during_parallel_cli_ingest_then_rerun(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    base = (DATA / "data" / "ingest" / "plain.txt").read_text(encoding="utf-8")
    for i in range(40):
        (inbox / f"dispatch-{i:02d}.txt").write_text(f"{base}Dispatch number {i} of the series.\n", "utf-8")
    db = tmp_path / "g.db"
    argv = [sys.executable, "-m", "bot.cli", "--db", str(db), "ingest", str(inbox), "--workers", "2"]
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=tmp_path)
    assert child.stdout is not None
    seen = 0
    for line in child.stdout:
        seen += line.startswith("new")
        if seen == 5:
            child.send_signal(signal.SIGKILL)
            break
    child.wait(timeout=60)
    deadline = time.monotonic() + 10
    while _processes_using(db) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_using(db) == []  # the workers left with their parent
    with Store.open(db) as store:
        assert 5 <= store.count_articles() < 40  # killed mid-batch
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for table in FACT_TABLES:
            orphans = store.db.execute(
                f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
            )
            assert orphans.fetchone()[0] == 0
    rerun = subprocess.run(argv, capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    with Store.open(db) as store:
        assert store.count_articles() == 40
        assert store.db.execute("SELECT count(DISTINCT content_hash) FROM articles").fetchone()[0] == 40
        store.db.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
        store.db.execute("INSERT INTO events_fts(events_fts) VALUES ('integrity-check')")


def test_extraction_workers_run_below_the_writing_process() -> None:
    # The writer is the one serial step: on two cores shared with two workers it must not get
    # only an equal share, so the workers start at a lower scheduling priority.
    from digests.ingest_work import WORKER_NICENESS, worker_pool

    pool = worker_pool(1)
    try:
        worker = pool.submit(os.nice, 0).result(timeout=60)
    finally:
        pool.shutdown()
    assert worker == min(19, os.nice(0) + WORKER_NICENESS)
