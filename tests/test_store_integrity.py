"""A damaged store is reported, not crashed on; a full disk stops a batch with one line
(issue 15, item 10)."""

from __future__ import annotations

import io
import os
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import load_settings
from bot.runtime import doctor
from bot.runtime import run as run_bot
from digests.ingest import ingest_inputs
from digests.store import Store

DATA = Path(__file__).resolve().parent / "data" / "ingest"


@pytest.fixture(autouse=True)
def quiet_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith(("GEODIGEST_", "DIGEST_", "SLACK_", "DISCORD_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def damaged_store(tmp_path: Path) -> Path:
    """A store whose article and fact pages were overwritten in the middle (a bad sector, a
    crashed copy); the schema page and the file header are intact, so it still opens."""
    db = tmp_path / "broken.db"
    with Store.open(db) as store:
        ingest_inputs(store, [str(DATA / "plain.txt"), str(DATA / "page.html"), str(DATA / "note.md")],
                      out=io.StringIO(), err=io.StringIO())
        store.checkpoint()
    with sqlite3.connect(db) as conn:
        try:
            pages = [int(r[0]) for r in conn.execute(
                "SELECT pageno FROM dbstat WHERE name IN ('articles', 'quotes', 'entities', 'events')")]
        except sqlite3.OperationalError:
            pytest.skip("this SQLite has no dbstat table to find the pages to damage")
        size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    with db.open("r+b") as fh:
        for page in pages:
            fh.seek((page - 1) * size + size // 2)
            fh.write(b"\xde\xad\xbe\xef" * (size // 16))
    return db


def test_doctor_reports_a_damaged_store(tmp_path: Path) -> None:
    db = damaged_store(tmp_path)
    out = io.StringIO()
    assert doctor(load_settings(GEODIGEST_DB=str(db), GEODIGEST_DEMO="never"), out) == 1
    assert "[FAIL] store:" in out.getvalue() and "damaged" in out.getvalue()


@pytest.mark.parametrize("command", [["sources"], ["digest", "week"]])
def test_commands_on_a_damaged_store_say_so_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    db = damaged_store(tmp_path)
    assert main([*command, "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert err.startswith("geodigest:") and ("damaged" in err or "malformed" in err)


def test_run_refuses_a_damaged_store_at_start(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = damaged_store(tmp_path)
    assert run_bot(load_settings(GEODIGEST_DB=str(db), GEODIGEST_DEMO="never")) == 1
    err = capsys.readouterr().err
    assert "damaged" in err and "Traceback" not in err


def test_a_full_disk_stops_the_batch_with_one_line(tmp_path: Path) -> None:
    for n in range(12):
        rounds = " ".join(f"Negotiators met for round {n}.{k} and discussed fees, officials said."
                          for k in range(200))
        (tmp_path / f"day{n}.txt").write_text(f"Harbour talks, day {n}\n\n{rounds}\n", encoding="utf-8")
    with Store.open(tmp_path / "full.db") as store:
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages + 30}")  # the disk fills after a few articles
        out, err = io.StringIO(), io.StringIO()
        report = ingest_inputs(store, [str(tmp_path / f"day{n}.txt") for n in range(12)], out=out, err=err)
    errors = [line for line in err.getvalue().splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "is full" in errors[0] and "stopped" in errors[0]
    assert report.stored < 12 and not report.ok
