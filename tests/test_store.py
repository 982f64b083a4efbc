"""The fact store: schema, idempotent saves, one transaction per article, FTS, migrations, crashes."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from digests.errors import StoreError
from digests.lead import find_lead
from digests.models import Article, Entity, Event, Extraction, Figure, Quote, TimeExpression
from digests.store import MIGRATIONS, SCHEMA_VERSION, Store, name_forms

TESTS = Path(__file__).resolve().parent
V1_SQL = TESTS / "data" / "store" / "schema-v1.sql"

# Columns other modules read (CONTRACTS.md); the store may add more, never fewer.
CONTRACT_COLUMNS = {
    "articles": {
        "id",
        "key",
        "content_hash",
        "url",
        "title",
        "source",
        "published",
        "text",
        "origin",
        "ingested_at",
    },
    "entities": {"id", "article_id", "name", "type", "aliases", "role", "affiliation", "country", "mentions"},
    "quotes": {
        "id",
        "article_id",
        "speaker",
        "speaker_role",
        "text",
        "kind",
        "cue",
        "start",
        "end",
        "speaker_start",
        "speaker_end",
        "paragraph",
    },
    "events": {
        "id",
        "article_id",
        "date",
        "date_end",
        "day_first",
        "day_last",
        "status",
        "text",
        "start",
        "end",
        "entities",
        "paragraph",
    },
    "figures": {"id", "article_id", "text", "value", "unit", "measures", "approximate", "start", "end"},
    "times": {"id", "article_id", "text", "start", "end", "type", "value", "mod"},
    "deliveries": {"id", "schedule", "channel", "period_key", "state", "created_at", "sent_at", "detail"},
    "channel_state": {"channel", "last_until", "last_article_id"},
    "meta": {"key", "value"},
}

PLACES = ["Tallinn", "Riga", "Vilnius", "Gdansk", "Turku", "Bergen", "Aarhus", "Malmo", "Tromso", "Oulu"]


def make_article(n: int, *, url: bool = True, twist: str = "") -> tuple[Article, Extraction]:
    """A small article of our own about harbour talks in a Baltic city, with facts built by hand."""
    place = PLACES[n % len(PLACES)]
    speaker = f"Harbour Master Ilse Varga{n}"
    said = f"the ice season is getting shorter{twist}"
    text = (
        f"Harbour talks open in {place}\n"
        f"Port officials from six countries met in {place} on March {n % 27 + 1} to plan winter shipping.\n"
        f'"{said[0].upper()}{said[1:]}," said {speaker}. "We will need {n + 2} new icebreakers."\n'
        f"A follow-up meeting is planned for April 2026, and a fund of €{n + 40} million was proposed.\n"
    )
    q1 = text.index(said[1:]) - 1
    q2_text = f"We will need {n + 2} new icebreakers."
    q2 = text.index(q2_text)
    ev_text = "A follow-up meeting is planned for April 2026"
    ev = text.index(ev_text)
    fig_text = f"€{n + 40} million"
    fig = text.index(fig_text)
    day_text = f"March {n % 27 + 1}"
    day = text.index(day_text)
    speaker_at = text.index(speaker)
    facts = Extraction(
        entities=[
            Entity(
                name=speaker.split(" ", 2)[2],
                type="person",
                aliases=[speaker],
                role="harbour master",
                mentions=[(speaker_at, speaker_at + len(speaker))],
            ),
            Entity(
                name=place,
                type="place",
                country="EE",
                mentions=[(text.index(place), text.index(place) + len(place))],
            ),
        ],
        quotes=[
            Quote(
                speaker=speaker.split(" ", 2)[2],
                text=text[q1 : q1 + len(said)],
                kind="direct",
                start=q1,
                end=q1 + len(said),
                cue="said",
                speaker_span=(speaker_at, speaker_at + len(speaker)),
                paragraph=2,
            ),
            Quote(
                speaker=speaker.split(" ", 2)[2],
                text=q2_text,
                kind="direct",
                start=q2,
                end=q2 + len(q2_text),
                paragraph=2,
            ),
        ],
        events=[
            Event(
                date="2026-04",
                status="planned",
                text=ev_text,
                start=ev,
                end=ev + len(ev_text),
                entities=[place],
                paragraph=3,
            ),
            Event(
                date=f"2026-03-{n % 27 + 1:02d}",
                status="occurred",
                text=text.split("\n")[1],
                start=text.index("Port officials"),
                end=text.index("Port officials") + len(text.split("\n")[1]),
                paragraph=1,
            ),
        ],
        figures=[
            Figure(
                text=fig_text,
                value=(n + 40) * 1e6,
                unit="EUR",
                measures="fund",
                start=fig,
                end=fig + len(fig_text),
            )
        ],
        times=[
            TimeExpression(
                text=day_text,
                start=day,
                end=day + len(day_text),
                type="DATE",
                value=f"2026-03-{n % 27 + 1:02d}",
            )
        ],
    )
    article = Article(
        title=f"Harbour talks open in {place}",
        text=text,
        source="Baltic Test Wire",
        published=date(2026, 3, n % 27 + 1),
        url=f"https://baltic-wire.example/harbour/{n}" if url else None,
    )
    return article, facts


def run_batch(db_path: str, count: int, die_in_article: int = 0) -> list[str]:
    """Save ``count`` articles; with ``die_in_article`` = k, the process dies inside the k-th save.

    Runs in a child process for the crash test: the trace callback sees SQLite start
    the first quotation insert of the k-th article (after its article row and entities
    were written, before its commit), and ``os._exit`` ends the process there, with no
    cleanup, as a kill would.
    """
    statuses: list[str] = []
    with Store.open(db_path) as store:
        if die_in_article:
            articles_written = 0

            def trace(sql: str) -> None:
                nonlocal articles_written
                statement = sql.lstrip().upper()
                if statement.startswith("INSERT INTO ARTICLES"):
                    articles_written += 1
                elif statement.startswith("INSERT INTO QUOTES") and articles_written >= die_in_article:
                    os._exit(9)

            store.db.conn.set_trace_callback(trace)
        for n in range(count):
            article, facts = make_article(n)
            statuses.append(store.save(article, facts)[1])
    return statuses


def fact_counts(store: Store) -> dict[str, int]:
    return {
        t: store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("articles", "entities", "quotes", "events", "figures", "times")
    }


def assert_consistent(store: Store) -> None:
    """Integrity of the file, no orphan facts, FTS indexes equal to their tables."""
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    for table in ("entities", "quotes", "events", "figures", "times"):
        orphans = store.db.execute(
            f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        assert orphans == 0, table
    for fts in ("quotes_fts", "events_fts"):
        store.db.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
    assert store.db.execute("SELECT count(*) FROM quotes_fts").fetchone()[0] == fact_counts(store)["quotes"]
    assert store.db.execute("SELECT count(*) FROM events_fts").fetchone()[0] == fact_counts(store)["events"]
    assert_people_consistent(store)


def assert_people_consistent(store: Store) -> None:
    """The name tables equal what the fact rows give when recounted from scratch in Python."""
    quotes: Counter[str] = Counter(
        r[0] for r in store.db.execute("SELECT speaker FROM quotes WHERE speaker IS NOT NULL")
    )
    mentions: Counter[str] = Counter()
    aliases: Counter[tuple[str, str]] = Counter()
    for name, raw in store.db.execute("SELECT name, aliases FROM entities WHERE type = 'person'"):
        mentions[name] += 1
        try:
            listed = json.loads(raw)
        except ValueError:
            listed = []
        aliases.update({(name, a) for a in listed if isinstance(a, str) and a != name and a.strip()})
    people = {r[0]: (r[1], r[2]) for r in store.db.execute("SELECT name, quotes, mentions FROM people")}
    assert people == {n: (quotes[n], mentions[n]) for n in set(quotes) | set(mentions)}
    stored_aliases = dict(
        store.db.execute("SELECT name || '|' || alias, uses FROM person_aliases").fetchall()
    )
    assert stored_aliases == {f"{n}|{a}": uses for (n, a), uses in aliases.items()}
    forms = {(kind, form, n, "") for n in people for kind, form in name_forms(n)}
    forms |= {(kind, form, n, a) for n, a in aliases for kind, form in name_forms(n, a)}
    assert set(store.db.execute("SELECT kind, form, name, alias FROM names").fetchall()) == forms


def person_row(store: Store, name: str) -> tuple[int, int] | None:
    row = store.db.execute("SELECT quotes, mentions FROM people WHERE name = ?", [name]).fetchone()
    return (row[0], row[1]) if row else None


# --- opening ----------------------------------------------------------------------------------


def test_open_sets_wal_busy_timeout_and_foreign_keys(store: Store) -> None:
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.schema_version() == SCHEMA_VERSION


def test_tables_have_the_contract_columns(store: Store) -> None:
    for table, columns in CONTRACT_COLUMNS.items():
        assert columns <= set(store.db.table(table).columns_dict), table
    assert {"quotes_fts", "events_fts"} <= set(store.db.table_names())
    indexed = {
        (ix.name, tuple(ix.columns))
        for t in ("entities", "quotes", "events")
        for ix in store.db.table(t).indexes
    }
    assert {cols for _, cols in indexed} >= {("name",), ("speaker",), ("day_first",)}


def test_reopening_keeps_data_and_version(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    with Store.open(path) as s:
        s.save(*make_article(1))
    with Store.open(path) as s:
        assert s.count_articles() == 1
        assert s.schema_version() == SCHEMA_VERSION


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is a plain text file, not a database at all" * 100, "cannot open database"),
        (b"", None),  # an empty file is a new database
    ],
)
def test_open_other_files(tmp_path: Path, content: bytes, message: str | None) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(content)
    if message is None:
        with Store.open(path) as s:
            assert s.schema_version() == SCHEMA_VERSION
    else:
        with pytest.raises(StoreError, match=message):
            Store.open(path)


def test_open_refuses_foreign_database_newer_schema_and_bad_paths(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    with pytest.raises(StoreError, match="another program"):
        Store.open(other)

    newer = tmp_path / "newer.db"
    with Store.open(newer) as s:
        s.db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
        s.db.conn.commit()
    with pytest.raises(StoreError, match="newer than this program"):
        Store.open(newer)

    with pytest.raises(StoreError, match="is a directory"):
        Store.open(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "missing-folder" / "g.db")
    with pytest.raises(StoreError, match="no database"):
        Store.open(tmp_path / "absent.db", readonly=True)


def test_processes_opening_a_new_file_at_once_migrate_it_once(tmp_path: Path) -> None:
    path = tmp_path / "race.db"
    code = "import sys; from digests.store import Store; Store.open(sys.argv[1]).close()"
    children = [
        subprocess.Popen([sys.executable, "-c", code, str(path)], stderr=subprocess.PIPE) for _ in range(4)
    ]
    for child in children:
        _, err = child.communicate(timeout=60)
        assert child.returncode == 0, err.decode()
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert_consistent(store)


def test_readonly_store_reads_but_cannot_write(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    with Store.open(path) as s:
        s.save(*make_article(3))
    with Store.open(path, readonly=True) as ro:
        assert ro.count_articles() == 1
        with pytest.raises(StoreError, match="read-only"):
            ro.save(*make_article(4))


def test_reader_is_not_blocked_by_an_open_write_transaction(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    with Store.open(path) as writer, Store.open(path, readonly=True) as reader:
        writer.save(*make_article(1))
        writer.db.conn.execute("BEGIN IMMEDIATE")
        writer.db.execute("DELETE FROM quotes")
        # WAL: the reader sees the last committed state, at once, while the writer holds its lock.
        assert reader.count_articles() == 1
        assert reader.db.execute("SELECT count(*) FROM quotes").fetchone()[0] == 2
        writer.db.conn.execute("ROLLBACK")


def test_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    with Store.open(path) as first, Store.open(path) as second:
        first.db.conn.execute("BEGIN IMMEDIATE")
        first.db.execute("UPDATE meta SET value = value WHERE key = 'schema_version'")
        releaser = threading.Timer(0.3, lambda: first.db.conn.execute("COMMIT"))
        releaser.start()
        # Without the busy timeout this would fail at once with "database is locked".
        article_id, status = second.save(*make_article(2))
        releaser.join()
        assert status == "new"
        assert second.article(article_id) is not None


# --- saving -----------------------------------------------------------------------------------


def test_save_roundtrips_every_fact(store: Store) -> None:
    article, facts = make_article(5)
    article_id, status = store.save(article, facts)
    assert status == "new"
    assert store.facts(article_id) == facts
    assert store.article_text(article_id) == article.text
    stored = store.article(article_id)
    assert stored is not None
    assert stored.counts == {"entities": 2, "quotes": 2, "events": 2, "figures": 1, "times": 1}
    assert stored.key == "url:https://baltic-wire.example/harbour/5"
    assert stored.published == article.published
    for q in store.facts(article_id).quotes:
        assert store.article_text(article_id)[q.start : q.end] == q.text


def test_bulk_insert_and_copied_facts(store: Store) -> None:
    """The bulk API the benchmark loads with: the insert save runs, and facts copied in SQL."""
    first, facts = make_article(1)
    second, _ = make_article(2)
    with store.transaction():
        a = store.insert_article(first, facts, content_hash=first.content_hash)
        b = store.insert_article(second)  # no facts of its own: it gets a's
        store.copy_facts([(b, a)])
    assert store.facts(a) == facts
    assert store.facts(b) == facts
    assert store.count_facts()["quotes"] == 2 * len(facts.quotes)
    # the same article again is not looked up: its key is taken
    with pytest.raises(sqlite3.IntegrityError), store.transaction():
        store.insert_article(first, facts)
    # copied speakers reach the name index at the next save
    store.save(*make_article(3))
    assert store.people_with_form("full", "ilse varga1") == {"Ilse Varga1"}
    assert store.speakers_among(["Ilse Varga1"]) == {"Ilse Varga1"}


def test_same_url_saved_once_whatever_tracking_and_scheme(store: Store) -> None:
    article, facts = make_article(7)
    first, status = store.save(article, facts)
    assert status == "new"
    for variant in (
        "http://BALTIC-WIRE.example/harbour/7/",
        "https://baltic-wire.example/harbour/7?utm_source=x#top",
    ):
        again, status = store.save(article.model_copy(update={"url": variant}), facts)
        assert (again, status) == (first, "unchanged")
    assert store.count_articles() == 1
    assert fact_counts(store)["quotes"] == 2


def test_same_text_without_or_with_other_url_saved_once(store: Store) -> None:
    article, facts = make_article(8, url=False)
    first, _ = store.save(article, facts)
    # Reformatted whitespace and curly quotes do not make a new article.
    reflowed = article.text.replace(" ", "  ").replace('"', "\u201c", 1)
    again, status = store.save(article.model_copy(update={"text": reflowed}), facts)
    assert (again, status) == (first, "unchanged")
    # The same text later seen at a URL fills in the URL rather than duplicating the article.
    with_url = article.model_copy(update={"url": "https://mirror.example/harbour-8"})
    again, status = store.save(with_url, facts)
    assert (again, status) == (first, "unchanged")
    assert store.count_articles() == 1
    assert store.db.execute("SELECT url FROM articles").fetchone()[0] == "https://mirror.example/harbour-8"


def test_changed_text_at_same_url_replaces_old_facts(store: Store) -> None:
    article, facts = make_article(9)
    first, _ = store.save(article, facts)
    assert [r["id"] for r in store.search_quotes("shorter")] != []
    changed, new_facts = make_article(9, twist=" every winter")
    again, status = store.save(changed, new_facts)
    assert (again, status) == (first, "updated")
    assert store.count_articles() == 1
    assert store.facts(first) == new_facts
    assert store.article_text(first) == changed.text
    assert fact_counts(store)["quotes"] == 2
    assert [r["text"] for r in store.search_quotes("winter")] == [new_facts.quotes[0].text]
    # The index holds no trace of the replaced quotation.
    assert store.search_quotes('"getting shorter" NOT winter') == []
    assert_consistent(store)


def test_save_many_is_all_or_nothing(store: Store) -> None:
    pairs = [make_article(n) for n in range(3)]
    results = store.save_many([*pairs, pairs[0]])
    assert [status for _, status in results] == ["new", "new", "new", "unchanged"]
    assert results[3][0] == results[0][0]
    store.db.execute("CREATE TRIGGER no_times BEFORE INSERT ON times BEGIN SELECT RAISE(ABORT, 'no'); END")
    store.db.conn.commit()
    with pytest.raises(StoreError):
        store.save_many([make_article(5), make_article(6)])
    assert store.count_articles() == 3
    assert_consistent(store)


def test_transaction_commits_or_rolls_back(store: Store) -> None:
    with store.transaction():
        store.db.execute("INSERT INTO channel_state (channel, last_article_id) VALUES ('c1', 4)")
    with pytest.raises(RuntimeError), store.transaction():
        store.db.execute("INSERT INTO channel_state (channel, last_article_id) VALUES ('c2', 5)")
        raise RuntimeError("delivery failed")
    assert store.db.execute("SELECT channel FROM channel_state").fetchall() == [("c1",)]


def test_different_articles_are_separate(store: Store) -> None:
    ids = {store.save(*make_article(n))[0] for n in range(5)}
    assert len(ids) == 5
    assert store.count_articles() == 5


def test_failed_save_leaves_nothing_behind(store: Store) -> None:
    # A trigger makes the third fact table refuse its rows: the whole article must roll back.
    store.db.execute(
        "CREATE TRIGGER refuse_figures BEFORE INSERT ON figures "
        "BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"
    )
    store.db.conn.commit()
    with pytest.raises(StoreError, match="disk trouble"):
        store.save(*make_article(11))
    assert fact_counts(store) == dict.fromkeys(
        ("articles", "entities", "quotes", "events", "figures", "times"), 0
    )
    assert_consistent(store)
    store.db.execute("DROP TRIGGER refuse_figures")
    store.db.conn.commit()
    assert store.save(*make_article(11))[1] == "new"


def test_delete_and_prune_keep_full_text_in_step(store: Store) -> None:
    ids = [store.save(*make_article(n))[0] for n in range(4)]
    assert len(store.search_events("follow")) == 4
    assert store.delete_article(ids[0]) is True
    assert store.delete_article(ids[0]) is False
    assert len(store.search_events("follow")) == 3
    # Left: March 2, 3 and 4; pruning before March 4 removes two.
    assert store.prune(date(2026, 3, 4)) == 2
    assert store.count_articles() == 1
    assert_consistent(store)


def test_list_articles_newest_first_with_counts(store: Store) -> None:
    for n in (3, 1, 2):
        store.save(*make_article(n))
    listed = store.list_articles()
    assert [a.published.day for a in listed if a.published] == [4, 3, 2]
    assert all(a.counts["quotes"] == 2 for a in listed)
    assert [a.published.day for a in store.list_articles(limit=1, offset=1) if a.published] == [3]
    assert store.article(999) is None
    with pytest.raises(KeyError):
        store.article_text(999)


def test_saved_events_carry_day_bounds(store: Store) -> None:
    article_id, _ = store.save(*make_article(4))
    rows = store.db.execute(
        "SELECT date, day_first, day_last FROM events WHERE article_id = ? ORDER BY id", [article_id]
    ).fetchall()
    assert rows == [("2026-04", "2026-04-01", "2026-04-30"), ("2026-03-05", "2026-03-05", "2026-03-05")]


def test_version_5_events_of_a_season_get_their_day_bounds(tmp_path: Path) -> None:
    """Version 5 stored seasons ("2026-SU") without day bounds; version 6 gives them theirs."""
    path = tmp_path / "v5.db"
    with Store.open(path) as store:
        article_id, _ = store.save(*make_article(4))
        store.db.execute(
            "UPDATE events SET date = '2026-SU', day_first = NULL, day_last = NULL WHERE date = '2026-04'"
        )
        store.db.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
        for column in ("lead_start", "lead_end", "lead_sentence_end"):  # added by version 7
            store.db.execute(f"ALTER TABLE articles DROP COLUMN {column}")
        for table in ("article_terms", "term_df"):  # added by version 8
            store.db.execute(f"DROP TABLE {table}")
        store.db.execute("ALTER TABLE articles DROP COLUMN kind")  # added by version 9
        store.db.execute("DROP TABLE outlet_lines")
        store.db.execute("ALTER TABLE events DROP COLUMN cue")  # added by version 12
        for table in ("story_members", "story_keys"):  # added by version 13
            store.db.execute(f"DROP TABLE {table}")
        store.db.conn.commit()
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        rows = store.db.execute(
            "SELECT date, day_first, day_last FROM events WHERE article_id = ? ORDER BY id", [article_id]
        ).fetchall()
    assert rows[0] == ("2026-SU", "2026-06-01", "2026-08-31")


# --- migrations -------------------------------------------------------------------------------


def test_version_1_database_is_migrated_forward(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(V1_SQL.read_text(encoding="utf-8"))
    with caplog.at_level(logging.INFO, logger="digests.store.connection"), Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        # the operator is told before a long upgrade, and sees each step end
        assert f"from schema 1 to {SCHEMA_VERSION}" in caplog.text
        assert f"step {SCHEMA_VERSION} of {SCHEMA_VERSION} done" in caplog.text
        for table, columns in CONTRACT_COLUMNS.items():
            assert columns <= set(store.db.table(table).columns_dict), table
        # Old facts reach the full-text index built by the migration ...
        assert [r["speaker"] for r in store.search_quotes("generation")] == ["Omar Haddad"]
        # ... and to the name index.
        assert person_row(store, "Omar Haddad") is not None
        assert len(store.search_events("phase")) == 1
        # ... and old events get their day bounds.
        assert store.db.execute("SELECT day_first, day_last FROM events ORDER BY id").fetchall() == [
            ("2027-01-01", "2027-12-31"),
            ("2025-11-01", "2025-12-31"),
        ]
        listed = store.list_articles()
        assert [a.title for a in listed] == ["Gulf states open joint desalination plant"]
        # ... and old articles their leads (version 7).
        (title, text, *offsets), = store.db.execute(
            "SELECT title, text, lead_start, lead_end, lead_sentence_end FROM articles"
        ).fetchall()
        lead = find_lead(text, title)
        assert tuple(offsets) == (lead.start, lead.end, lead.sentence_end) and lead.end > lead.start
        assert_consistent(store)
        # The migrated store works like a new one.
        assert store.save(*make_article(1))[1] == "new"
        store.db.execute(
            "INSERT INTO deliveries (schedule, channel, period_key, created_at) VALUES ('m', 'c', 'p', 'a')"
        )
        with pytest.raises(sqlite3.IntegrityError):
            store.db.execute(
                "INSERT INTO deliveries (schedule, channel, period_key, created_at) "
                "VALUES ('m', 'c', 'p', 'b')"
            )


def test_readonly_open_does_not_migrate(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(V1_SQL.read_text(encoding="utf-8"))
    with pytest.raises(StoreError, match="schema version 1"):
        Store.open(path, readonly=True)


# --- a process killed mid-batch ---------------------------------------------------------------


def test_kill_mid_batch_then_rerun_completes_without_duplicates(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    batch = 8
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from test_store import run_batch; "
        "run_batch(sys.argv[2], int(sys.argv[3]), die_in_article=5)"
    )
    child = subprocess.run(
        [sys.executable, "-c", code, str(TESTS), str(db), str(batch)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == 9, child.stderr

    with Store.open(db) as store:
        # Four articles committed whole; the fifth left no article row and no facts.
        assert store.count_articles() == 4
        assert fact_counts(store) == {
            "articles": 4,
            "entities": 8,
            "quotes": 8,
            "events": 8,
            "figures": 4,
            "times": 4,
        }
        assert_consistent(store)

    statuses = run_batch(str(db), batch)
    assert statuses == ["unchanged"] * 4 + ["new"] * 4
    with Store.open(db) as store:
        assert store.count_articles() == batch
        assert store.db.execute("SELECT count(DISTINCT key) FROM articles").fetchone()[0] == batch
        assert fact_counts(store)["quotes"] == 2 * batch
        for stored in store.list_articles(limit=100):
            assert stored.counts == {"entities": 2, "quotes": 2, "events": 2, "figures": 1, "times": 1}
        assert_consistent(store)


# --- the name index ---------------------------------------------------------------------------


def test_name_index_counts_follow_saves_replacements_deletes_and_prunes(store: Store) -> None:
    ids = [store.save(*make_article(n))[0] for n in range(4)]
    assert person_row(store, "Ilse Varga0") == (2, 1)
    assert set(store.db.execute("SELECT form FROM names WHERE name = 'Ilse Varga0'").fetchall()) >= {
        ("ilse varga0",), ("varga0",), ("harbour master ilse varga0",)
    }
    # The same text again adds nothing.
    store.save(*make_article(0))
    assert person_row(store, "Ilse Varga0") == (2, 1)
    # Changed text at the same URL: the old facts leave the index, the new ones enter it.
    article, facts = make_article(0, twist=" this year")
    renamed = Extraction(
        entities=[Entity(name="Aino Kask", type="person", aliases=["Dr Aino Kask", "Kask", "Kask"])],
        quotes=[q.model_copy(update={"speaker": "Aino Kask"}) for q in facts.quotes[:1]],
    )
    assert store.save(article, renamed) == (ids[0], "updated")
    assert person_row(store, "Ilse Varga0") is None
    assert store.db.execute("SELECT count(*) FROM names WHERE name = 'Ilse Varga0'").fetchone()[0] == 0
    assert person_row(store, "Aino Kask") == (1, 1)
    assert store.db.execute("SELECT uses FROM person_aliases WHERE alias = 'Kask'").fetchone()[0] == 1
    assert_consistent(store)
    # One person quoted in two articles: deleting one keeps the other's count.
    second = make_article(10, twist=" again")
    both = Extraction(quotes=[q.model_copy(update={"speaker": "Aino Kask"}) for q in second[1].quotes])
    other = store.save(second[0], both)[0]
    assert person_row(store, "Aino Kask") == (3, 1)
    assert store.delete_article(ids[0]) is True
    assert person_row(store, "Aino Kask") == (2, 0)
    assert store.db.execute("SELECT count(*) FROM person_aliases WHERE name = 'Aino Kask'").fetchone()[0] == 0
    assert_consistent(store)
    # Pruning and a cascade from a plain DELETE of an article keep the counts too.
    assert store.prune(date(2026, 3, 3)) == 1  # March 2 (article 1)
    assert person_row(store, "Ilse Varga1") is None
    with store.transaction():
        store.db.execute("DELETE FROM articles WHERE id = ?", [other])
    assert person_row(store, "Aino Kask") is None
    assert person_row(store, "Ilse Varga2") == (2, 1)
    assert_consistent(store)


def test_malformed_aliases_and_anonymous_quotes_do_not_break_the_index(store: Store) -> None:
    article, _facts = make_article(5)
    with store.transaction():
        aid = store.insert_article(article)
        store.db.execute(
            "INSERT INTO entities (article_id, name, type, aliases) "
            "VALUES (?, 'Mart Laar', 'person', 'oops')",
            [aid],
        )
        store.db.execute(
            "INSERT INTO quotes (article_id, speaker, text, kind, start, \"end\") "
            "VALUES (?, NULL, 'no one said', 'direct', 0, 5)",
            [aid],
        )
    assert person_row(store, "Mart Laar") == (0, 1)
    assert store.delete_article(aid)
    assert person_row(store, "Mart Laar") is None
    assert_consistent(store)


def test_version_4_database_gets_its_name_index_backfilled(tmp_path: Path) -> None:
    import sqlite_utils

    path = tmp_path / "v4.db"
    db = sqlite_utils.Database(path)
    for step in MIGRATIONS[:4]:
        step(db)
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('schema_version', '4')")
    for n in range(3):
        article, facts = make_article(n % 2)  # articles 0 and 2 share their speaker
        aid = db.execute(
            "INSERT INTO articles (key, content_hash, title, text, ingested_at) VALUES (?, ?, ?, ?, ?)",
            [f"k{n}", f"h{n}", article.title, article.text, "2026-03-01T00:00:00"],
        ).lastrowid
        for q in facts.quotes:
            db.execute(
                "INSERT INTO quotes (article_id, speaker, speaker_role, text, kind, start, \"end\") "
                "VALUES (?, ?, ?, ?, 'direct', 0, 1)",
                [aid, q.speaker, "harbour master" if n == 2 else None, q.text],
            )
        for e in facts.entities:
            db.execute(
                "INSERT INTO entities (article_id, name, type, aliases, role) VALUES (?, ?, ?, ?, ?)",
                [aid, e.name, e.type, json.dumps(e.aliases), e.role],
            )
    db.conn.commit()
    db.close()
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert person_row(store, "Ilse Varga0") == (4, 2)
        assert person_row(store, "Ilse Varga1") == (2, 1)
        assert person_row(store, "Tallinn") is None  # a place, not a person
        role = store.db.execute("SELECT role, speaker_role FROM people WHERE name = 'Ilse Varga0'").fetchone()
        assert role == ("harbour master", "harbour master")
        assert store.db.execute(
            "SELECT uses FROM person_aliases WHERE alias = 'Harbour Master Ilse Varga0'"
        ).fetchone()[0] == 2
        assert_consistent(store)
        # The migrated store keeps the index up to date like a new one.
        store.save(*make_article(7))
        assert person_row(store, "Ilse Varga7") == (2, 1)
        assert_consistent(store)


# --- save cost ----------------------------------------------------------------------------------


def test_each_fact_table_is_written_in_one_statement(store: Store) -> None:
    # FTS5 flushes its pending terms at every statement that writes through its triggers: one
    # INSERT per row made saving ten times slower on a large store.
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    store.save(*make_article(3))
    store.db.conn.set_trace_callback(None)
    for table in ("entities", "quotes", "events", "figures", "times"):
        # the trace repeats a statement's text as each trigger starts; different texts are
        # different statements (their values are expanded into them)
        texts = {s for s in statements if s.startswith(f"INSERT INTO {table} ")}
        assert len(texts) == 1, table


def test_rows_beyond_the_variable_limit_are_split_over_statements(store: Store) -> None:
    article, facts = make_article(4)
    many = facts.model_copy(update={"quotes": facts.quotes * 7})  # 14 rows of 11 columns
    store.db.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 50)  # 4 rows per statement
    article_id, status = store.save(article, many)
    assert status == "new"
    assert store.facts(article_id).quotes == many.quotes
    assert_consistent(store)
