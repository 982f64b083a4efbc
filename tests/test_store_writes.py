"""How the store writes: full-text rows once per transaction, migrations that may run twice."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from digests.models import Extraction
from digests.store import SCHEMA_VERSION, Store, schema
from tests.test_store import assert_consistent, make_article


def _search(store: Store) -> tuple[list[int], list[int]]:
    quotes = [r["rowid"] for r in store.search_quotes("icebreakers")]
    events = [r["rowid"] for r in store.search_events("meeting")]
    return sorted(quotes), sorted(events)


def test_full_text_rows_are_written_when_the_batch_commits(tmp_path: Path) -> None:
    with Store.open(tmp_path / "g.db") as store:
        triggers = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert "quotes_ai" not in triggers and "events_ai" not in triggers
        store.save_each([(*make_article(n), (), None) for n in range(4)])
        assert_consistent(store)
        quotes, events = _search(store)
        assert len(quotes) == 4 and len(events) == 4


def test_an_article_replaced_inside_its_own_batch_leaves_the_index_exact(tmp_path: Path) -> None:
    with Store.open(tmp_path / "g.db") as store:
        first, facts = make_article(1)
        changed, changed_facts = make_article(1, twist=" again")
        results = store.save_each([(first, facts, (), None), (changed, changed_facts, (), None)])
        assert [status for _id, status in results] == ["new", "updated"]
        assert_consistent(store)
        assert len(store.search_quotes('"getting shorter again"')) == 1
        # and replaced again in a later transaction, once its rows are indexed
        store.save(first, facts)
        assert_consistent(store)
        assert store.search_quotes('"getting shorter again"') == []
        store.delete_article(results[0][0])
        assert_consistent(store)
        assert _search(store) == ([], [])


def test_a_rolled_back_batch_leaves_nothing_to_index(tmp_path: Path) -> None:
    with Store.open(tmp_path / "g.db") as store:
        store.save(*make_article(1))
        with pytest.raises(RuntimeError), store.transaction():
            store.insert_article(*make_article(2))
            raise RuntimeError("crash before commit")
        store.save(*make_article(3))
        assert_consistent(store)
        assert len(_search(store)[0]) == 2


def test_copied_facts_are_indexed_too(tmp_path: Path) -> None:
    with Store.open(tmp_path / "g.db") as store:
        source, _ = store.save(*make_article(1))
        with store.transaction():
            copy = store.insert_article(make_article(2)[0], Extraction())
            store.copy_facts([(copy, source)])
        assert_consistent(store)
        assert len(_search(store)[0]) == 2


def test_a_version_15_store_keeps_its_search_results(tmp_path: Path) -> None:
    path = tmp_path / "v15.db"
    with Store.open(path) as store:
        for n in range(3):
            store.save(*make_article(n))
        before = _search(store)
        # put the triggers back as version 15 had them (sqlite-utils' full-text triggers)
        store.db.execute("DROP TRIGGER quotes_ad")
        store.db.execute("DROP TRIGGER quotes_au")
        store.db.execute("DROP TRIGGER events_ad")
        store.db.execute("DROP TRIGGER events_au")
        store.db.table("quotes").enable_fts(["text", "speaker"], fts_version="FTS5", create_triggers=True,
                                            replace=True)
        store.db.table("events").enable_fts(["text"], fts_version="FTS5", create_triggers=True, replace=True)
        store.db.table("quotes").rebuild_fts()
        store.db.table("events").rebuild_fts()
        store.db.execute("UPDATE meta SET value = '15' WHERE key = 'schema_version'")
        store.db.conn.commit()
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert _search(store) == before
        store.save(*make_article(3))
        store.delete_article(1)
        assert_consistent(store)
        assert len(_search(store)[0]) == 3


def test_add_column_migrations_run_twice_without_error(tmp_path: Path) -> None:
    """A store made by a development build may hold a column a later step adds: the step skips it."""
    with Store.open(tmp_path / "g.db") as store:
        store.save(*make_article(1))
        with store.transaction():
            schema._v4_event_days(store.db)
            schema._v7_leads(store.db)
            schema._v12_event_cues(store.db)
        columns = [r[1] for r in store.db.execute("PRAGMA table_info(events)")]
        assert columns.count("cue") == 1 and columns.count("day_first") == 1


def test_a_store_already_holding_a_later_column_opens(tmp_path: Path) -> None:
    path = tmp_path / "dev.db"
    with Store.open(path) as store:
        store.save(*make_article(1))
        # as a development build left it: at version 11, with version 12's column already there
        for table in ("story_members", "story_keys", "identity_links"):
            store.db.execute(f"DROP TABLE {table}")
        store.db.execute("UPDATE meta SET value = '11' WHERE key = 'schema_version'")
        store.db.conn.commit()
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert_consistent(store)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM story_members").fetchone()[0] == 1


def test_the_runs_cache_holds_only_quotations_already_stored(tmp_path: Path) -> None:
    """A saved article's quotation runs enter the candidates' cache from the saver, equal to what
    reading them back gives; an article grouped before its quotations are stored is read later."""
    from digests.store.stories import _quotes
    from digests.stories import QUOTE_STEP, quote_runs

    with Store.open(tmp_path / "g.db") as store:
        aid, _ = store.save(*make_article(1))
        assert store._runs_cache is not None
        norm, runs = store._runs_cache[aid]
        assert runs and runs == quote_runs(_quotes(store.db.conn, [aid])[aid], QUOTE_STEP)
        stored = store.db.execute("SELECT norm FROM story_members WHERE article_id = ?", [aid]).fetchone()
        assert norm == stored[0]  # the key the cache is checked against
        store.save(*make_article(1, twist=" again and again"))  # updated: facts stored after grouping
        assert aid not in store._runs_cache
        with store.transaction():
            copy = store.insert_article(make_article(2)[0], None)  # its facts may be copied in later
        assert copy not in store._runs_cache


def _fact_table_rows(store: Store) -> dict[str, list[tuple[object, ...]]]:
    return {
        table: store.db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        for table in ("entities", "quotes", "events", "figures", "times", "people", "person_aliases")
    }


def test_facts_handed_over_as_rows_are_stored_as_the_extraction_would_be(tmp_path: Path) -> None:
    # The extraction worker sends the store's rows (digests.derive.fact_rows) with what is derived
    # from the article; the writer stores exactly what it would have from the extraction itself.
    from digests.derive import derive, fact_rows

    items = [make_article(n) for n in range(3)]
    with Store.open(tmp_path / "a.db") as by_models, Store.open(tmp_path / "b.db") as by_rows:
        by_models.save_each([(article, facts, (), None) for article, facts in items])
        by_rows.save_each([(a, fact_rows(facts), (), derive(a, (), facts)) for a, facts in items])
        assert_consistent(by_rows)
        got, want = _fact_table_rows(by_rows), _fact_table_rows(by_models)
        assert got == want and sum(len(rows) for rows in got.values()) > 10
        # rows without what is derived from the article cannot be saved: nothing is stored
        article, facts = make_article(7)
        with pytest.raises(TypeError):
            by_rows.save(article, fact_rows(facts))
        assert by_rows.article_id(article) is None


def test_the_stored_copy_is_found_in_one_look_up_as_by_the_two(tmp_path: Path) -> None:
    with Store.open(tmp_path / "g.db") as store:
        first, facts = make_article(1)
        fresh, _ = make_article(2)
        assert store.stored_copy(first) == (None, False)
        aid, _status = store.save(first, facts)
        changed, _ = make_article(1, twist=" again")  # same URL, other text
        same_text = first.model_copy(update={"url": None})  # found by its content
        redated = first.model_copy(update={"published": date(2026, 3, 9)})
        for article in (first, fresh, changed, same_text, redated):
            want = (store.article_id(article), store.is_stored_unchanged(article))
            assert store.stored_copy(article) == want
            assert store.stored_copy(article, article.key, article.content_hash) == want
        assert store.stored_copy(first) == (aid, True) and store.stored_copy(changed) == (aid, False)
