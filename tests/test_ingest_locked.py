"""An ingest says what it did not store and why; a store another writer keeps locked is waited for
again, then reported, never skipped. A second process migrating a new file while the first waits is
seen under the write lock (a hook pauses the first between its look and its transaction: no sleep).

Real SQLite files, a second real connection holding the write lock, our own articles.
"""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from bot.cli import main
from digests.errors import StoreLocked
from digests.ingest import ingest_articles
from digests.models import Article
from digests.store import Store
from digests.store.connection import LOCK_RETRIES
from digests.store.schema import SCHEMA_VERSION


def articles(n: int) -> list[Article]:
    return [
        Article(
            title=f"Lenz port story {i}",
            text=f"Lenz port story {i}\n\nDockers in Lenz voted on Monday to end a strike of {i + 3} days.",
            url=f"https://harbour.example/2026/03/09/story-{i}",
            source="Harbour Gazette",
            published=date(2026, 3, 9),
        )
        for i in range(n)
    ]


def hold_write_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_store_kept_locked_fails_each_article_with_its_reason_in_the_summary(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store.open(path).close()
    other = hold_write_lock(path)
    waits: list[int] = []
    err = io.StringIO()
    with Store.open(path, busy_timeout_ms=10) as store:
        store.on_lock_wait = waits.append
        report = ingest_articles(store, articles(3), err=err)
        other.rollback()
        assert store.count_articles() == 0
    other.close()
    assert (report.new, report.failed) == (0, 3)
    assert waits == list(range(1, LOCK_RETRIES + 1))  # waited again, logged, then failed: once for the batch
    assert report.summary() == (
        "0 articles: 0 new, 0 updated, 0 unchanged; 3 failed: 3 store locked by another writer"
    )
    assert err.getvalue().count("error: ") == 3 and "store locked by another writer" in err.getvalue()


def test_a_write_waits_again_and_saves_once_the_other_writer_lets_go(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store.open(path).close()
    other = hold_write_lock(path)
    waits: list[int] = []

    def let_go(attempt: int) -> None:
        waits.append(attempt)
        other.rollback()  # the other writer finishes while this one waits

    with Store.open(path, busy_timeout_ms=10) as store:
        store.on_lock_wait = let_go
        report = ingest_articles(store, articles(3))
        assert store.count_articles() == 3
    other.close()
    assert waits == [1] and report.ok and report.new == 3


def test_a_single_save_under_a_kept_lock_raises_store_locked(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store.open(path).close()
    other = hold_write_lock(path)
    with Store.open(path, busy_timeout_ms=10) as store, pytest.raises(StoreLocked, match="another writer"):
        store.set_meta("k", "v")
    other.rollback()
    other.close()


def test_a_second_process_migrating_meanwhile_is_seen_under_the_write_lock(tmp_path: Path) -> None:
    """The first opener of a new file looks (version 0), then pauses before its transaction; a second
    opener makes the whole schema meanwhile. The first must find it under the lock and make nothing
    again (it would fail on tables that exist, or record the version twice)."""
    path = tmp_path / "race.db"
    seen: list[int] = []

    def second_opener(found: int) -> None:
        seen.append(found)
        with Store.open(path) as second:  # another process, in effect: its own connection
            second.save(*_one())

    with Store.open(path, on_migrate=second_opener) as first:
        assert first.schema_version() == SCHEMA_VERSION
        assert first.count_articles() == 1  # what the second wrote is there, untouched
        versions = first.db.execute("SELECT count(*) FROM meta WHERE key = 'schema_version'").fetchone()[0]
    assert seen == [0] and versions == 1


def _one() -> tuple[Article, object]:
    from digests.models import Extraction

    return articles(1)[0], Extraction()


def test_ingest_that_cannot_open_its_store_says_how_much_it_did_not_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Port\n\nDockers in Lenz voted on Monday to end their strike.\n", encoding="utf-8")
    b.write_text("Quay\n\nThe quay in Lenz reopened on Tuesday after a storm.\n", encoding="utf-8")
    folder = tmp_path / "folder.db"
    folder.mkdir()  # a folder where the store should be: it cannot be opened
    assert main(["--db", str(folder), "ingest", str(a), str(b)]) == 1
    assert "nothing stored: 2 inputs not read:" in capsys.readouterr().err
    assert main(["--db", str(folder), "ingest", str(a), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["failed"] == 1 and doc["summary"].startswith("nothing stored: 1 input not read")
