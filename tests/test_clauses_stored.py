"""The words an event is shown in are decided once, at extraction (digests/extract/shown.py), and
stored with it: "Coming up" and /timeline read them and never the article's text again. A store of
the previous schema gets them in its migration, from what it keeps (the text, its times, people and
headline), in one transaction: an interrupted upgrade loses nothing. Articles of our own."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from digests.digest import build_digest
from digests.extract import extract
from digests.extract import shown as shown_module
from digests.ingest import ingest_articles
from digests.models import Article
from digests.store import SCHEMA_VERSION, Store, schema
from digests.timelines import timeline

PUBLISHED = date(2026, 4, 1)  # a Wednesday
SINCE = date(2026, 3, 26)

FERRY = Article(
    title="Harbour board: Brisk's ferry company faces a busy spring",
    text="""Harbour board: Brisk's ferry company faces a busy spring

BRISK - The ferry company carried 90,000 passengers over the winter.

The mayor will cut the ribbon at the new terminal in Brisk on Thursday and in early May is expected \
to open a second pier on the north shore that the company has planned since the floods of the last \
decade took the old one away.

Travellers will board the first night crossing on Saturday, before the company starts a summer \
timetable across the strait on Sunday.

It will add two boats to the Osk route in June.

The board will meet on Friday, the Brisk harbour office announced on Tuesday, after months of delay.
""",
    published=PUBLISHED,
    source="Brisk Courier",
    url="https://example.org/ferry",
)

ORCHARD = Article(
    title="Valley growers: the Osk orchard guild wins a new charter",
    text="""Valley growers: the Osk orchard guild wins a new charter

Rain fell on the valley for a week.

Its members will hold their first market in Vell on April 18.

Growers said the licence was confirmed on Monday, ending a long wait.
""",
    published=PUBLISHED,
    source="Vell Post",
    url="https://example.org/orchard",
)

ARTICLES = [FERRY, ORCHARD]


def _shown(store: Store) -> tuple[list[str], list[str]]:
    """The "Coming up" texts of the week's digest and the /timeline texts of the two places."""
    digest = build_digest(store, SINCE, PUBLISHED)
    lines = [e.text for q in ("Brisk", "Vell") for t in [timeline(store, q, today=PUBLISHED)]
             for e in (*t.past, *t.coming_up)]
    return sorted(c.text for c in digest.coming_up), sorted(lines)


COMING_UP = [
    # the clause of its date in a long sentence, with the sentence's subject
    "The mayor in early May is expected to open a second pier on the north shore that the company has "
    "planned since the floods of the last decade took the old one away.",
    "The mayor will cut the ribbon at the new terminal in Brisk on Thursday.",
    # the pronoun named by the headline's subject (each article's own)
    "Brisk's ferry company will add two boats to the Osk route in June.",
    "The Osk orchard guild's members will hold their first market in Vell on April 18.",
]


def _ingested(path: Path) -> Store:
    store = Store.open(path)
    assert ingest_articles(store, ARTICLES).failed == 0
    return store


def test_coming_up_and_timeline_read_the_stored_words(tmp_path: Path) -> None:
    with _ingested(tmp_path / "s.db") as store:
        coming, lines = _shown(store)
        for words in COMING_UP:
            assert words in coming
        # a telling cut from its sentence is shown in the sentence on /timeline
        told = "The board will meet on Friday, the Brisk harbour office announced on Tuesday, after months "
        told += "of delay."
        assert told in lines and "the Brisk harbour office announced on Tuesday" not in lines
        # the digest reads no article text: the same words with every stored text changed
        store.db.execute("UPDATE articles SET text = upper(text)")
        assert _shown(store) == (coming, lines)


def _downgrade(store: Store) -> None:
    """The store as the previous schema left it: no stored words, the version before."""
    store.db.execute("ALTER TABLE events DROP COLUMN sentence")
    store.db.execute("ALTER TABLE events DROP COLUMN shown")
    store.db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION - 1)])
    store.db.conn.commit()


def _previous_events_columns(tmp_path: Path) -> list[tuple[str, str]]:
    """The events table's columns as the previous schema's migrations make it on an empty file."""
    db = sqlite_utils.Database(sqlite3.connect(tmp_path / "previous.db"))
    for step in schema.MIGRATIONS[:-1]:
        step(db)
    return [(r[1], r[2]) for r in db.execute('PRAGMA table_info("events")').fetchall()]


def _events_columns(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return [(r[1], r[2]) for r in conn.execute('PRAGMA table_info("events")').fetchall()]


def test_an_old_store_gets_the_words_in_its_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with _ingested(path) as store:
        expected = _shown(store)
        words = store.db.execute("SELECT id, sentence, shown FROM events ORDER BY id").fetchall()
        _downgrade(store)
    assert _events_columns(path) == _previous_events_columns(tmp_path)
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.db.execute("SELECT id, sentence, shown FROM events ORDER BY id").fetchall() == words
        assert _shown(store) == expected
        assert any(s for _, s, _ in words) and any(s for _, _, s in words)


@pytest.mark.parametrize("fail_at", [1, 2])
def test_an_interrupted_migration_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: int
) -> None:
    path = tmp_path / "old.db"
    with _ingested(path) as store:
        expected = _shown(store)
        _downgrade(store)
    with sqlite3.connect(path) as conn:
        before = [conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in ("articles", "events")]
    # one article a chunk: the migration stops in the middle of its work (its first or second article)
    monkeypatch.setattr(schema, "ARTICLE_CHUNK", 1)
    calls = []
    real = shown_module.stored_shown

    def crashing(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == fail_at:
            raise RuntimeError("power cut")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(shown_module, "stored_shown", crashing)
    with pytest.raises(RuntimeError, match="power cut"):
        Store.open(path)
    assert len(calls) == fail_at
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
            str(SCHEMA_VERSION - 1),
        )
        after = [conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in ("articles", "events")]
        assert after == before
    assert _events_columns(path) == _previous_events_columns(tmp_path)
    monkeypatch.setattr(shown_module, "stored_shown", real)
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert _shown(store) == expected


@pytest.mark.parametrize(
    ("text", "ahead"),
    [
        ("It opened a stall in Vell on Monday.\n\nIt will open a second one in Brisk on Friday.",
         "The Osk orchard guild will open a second one in Brisk on Friday."),
        ("Its growers met in Vell on Monday.\n\nIts growers will meet again in Brisk in May.",
         "The Osk orchard guild's growers will meet again in Brisk in May."),
    ],
)
def test_only_events_coming_up_can_list_get_its_words(text: str, ahead: str) -> None:
    # a past event is never in "Coming up": its words there are not decided (nor paid for)
    events = extract(f"Rain fell.\n\n{text}\n", PUBLISHED, title=ORCHARD.title).events
    assert [(e.status, e.shown) for e in events] == [("occurred", ""), ("planned", ahead)]
