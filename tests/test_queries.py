"""Queries over a real store of hand-made facts: who said what, timelines, autocomplete."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from digests.errors import CommandError
from digests.models import Article, Extraction, Quote
from digests.queries import Person, country_pattern, people_matching, topics_matching, who_said
from digests.store import Store
from digests.timelines import timeline
from tests.commands_corpus import load_corpus


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = load_corpus(tmp_path / "q.db")
    yield s
    s.close()


def test_shared_surname_gives_candidates_with_roles(store: Store) -> None:
    answer = who_said(store, "Lee")
    assert answer.person is None and not answer.quotes
    names = [p.name for p in answer.candidates]
    assert names[0] == "Lee Jae-myung"  # most quoted first
    assert set(names) == {"Lee Jae-myung", "Lee Dong-gyu", "Lee Min-ji"}
    roles = {p.name: p.role for p in answer.candidates}
    assert roles["Lee Min-ji"] and "professor" in roles["Lee Min-ji"].lower()
    assert roles["Lee Dong-gyu"] and "Harbour Institute" in roles["Lee Dong-gyu"]


@pytest.mark.parametrize("typed", ["Lee Jae-myung", "lee jae-myung", "LEE JAE MYUNG", "Jae-myung",
                                   "President Lee Jae-myung"])
def test_full_names_in_any_case_find_one_person(store: Store, typed: str) -> None:
    answer = who_said(store, typed)
    assert answer.person is not None and answer.person.name == "Lee Jae-myung"
    assert answer.total == 5
    dates = [q.published or "" for q in answer.quotes]
    assert dates == sorted(dates, reverse=True)  # newest first
    assert answer.quotes[0].source == "The Pebble Gazette" and answer.quotes[0].url
    assert {q.kind for q in answer.quotes} == {"direct", "indirect"}


def test_alias_and_surname_of_a_unique_speaker(store: Store) -> None:
    assert (who_said(store, "Mr Xi").person or object()).name == "Xi Jinping"  # type: ignore[attr-defined]
    answer = who_said(store, "xi")
    assert answer.person is not None and answer.total == 2


def test_ambiguous_alias_lists_its_owners(store: Store) -> None:
    # "Dr Lee" is an alias of one person only: no question asked
    answer = who_said(store, "Dr Lee")
    assert answer.person is not None and answer.person.name == "Lee Dong-gyu"


def test_about_narrows_by_word_topic_and_country(store: Store) -> None:
    by_word = who_said(store, "Lee Jae-myung", about="markets")
    assert [q.text for q in by_word.quotes] == ["We will open our markets step by step,"]
    by_topic = who_said(store, "Lee Jae-myung", about="trade")
    assert by_topic.quotes and all("trade" in q.text or "markets" in q.text for q in by_topic.quotes)
    by_country = who_said(store, "Xi Jinping", about="China")
    assert [q.text for q in by_country.quotes] == ["China was ready to mediate"]
    nothing = who_said(store, "Xi Jinping", about="elections")
    assert nothing.person is not None and nothing.total == 0 and not nothing.quotes


def test_unknown_person_suggests_near_spellings(store: Store) -> None:
    answer = who_said(store, "Xi Jingping")
    assert answer.person is None and not answer.candidates
    assert "Xi Jinping" in answer.suggestions
    assert who_said(store, "Zbigniew").suggestions == []


def test_empty_name_is_a_command_error(store: Store) -> None:
    with pytest.raises(CommandError):
        who_said(store, "  ")
    with pytest.raises(CommandError):
        who_said(store, "!!!")


def test_paging_splits_the_quotations(store: Store) -> None:
    first = who_said(store, "Lee Jae-myung", limit=2)
    second = who_said(store, "Lee Jae-myung", limit=2, offset=2)
    assert len(first.quotes) == 2 and len(second.quotes) == 2
    assert not {q.id for q in first.quotes} & {q.id for q in second.quotes}


def test_new_articles_reach_the_name_index(store: Store) -> None:
    assert who_said(store, "Okafor").person is None
    text = '"Ports must stay open," said Amaka Okafor, a trade envoy.'
    store.save(
        Article(title="Envoy speaks", text=text, published=date(2026, 2, 7), source="Test"),
        Extraction(quotes=[Quote(speaker="Amaka Okafor", text="Ports must stay open,", kind="direct",
                                 start=1, end=22)]),
    )
    answer = who_said(store, "Okafor")
    assert answer.person is not None and answer.person.name == "Amaka Okafor"


def test_timeline_of_a_country_in_order_with_coming_up_last(store: Store) -> None:
    line = timeline(store, "South Korea")
    assert "South Korea" in line.label
    assert [e.date for e in line.past] == ["2026-02-03"]  # told twice, kept once
    assert [e.date for e in line.coming_up] == ["2026-03"]
    assert line.coming_up[0].status == "reported"


def test_timeline_of_a_person_and_a_topic(store: Store) -> None:
    person = timeline(store, "Xi Jinping")
    assert [e.date for e in person.past] == ["2026-02-04"]
    topic = timeline(store, "trade")
    assert [e.date for e in topic.coming_up] == ["2026-02-12"]
    assert topic.coming_up[0].status == "planned"


def test_timeline_dates_bound_the_events(store: Store) -> None:
    line = timeline(store, "Red Sea", since=date(2026, 2, 4), until=date(2026, 2, 28))
    assert [e.date for e in line.past + line.coming_up] == ["2026-02-04"]
    as_of = timeline(store, "Red Sea", today=date(2026, 2, 1))
    assert not as_of.past and [e.date for e in as_of.coming_up] == ["2026-02-03", "2026-02-04"]


def test_timeline_of_a_shared_surname_asks_which(store: Store) -> None:
    line = timeline(store, "Lee")
    assert {p.name for p in line.candidates} >= {"Lee Jae-myung", "Lee Min-ji"}
    with pytest.raises(CommandError):
        timeline(store, "")


def test_autocomplete(store: Store) -> None:
    assert people_matching(store, "Lee")[0] == "Lee Jae-myung"
    assert set(people_matching(store, "lee")) == {"Lee Jae-myung", "Lee Dong-gyu", "Lee Min-ji"}
    assert people_matching(store, "Jae-my") == ["Lee Jae-myung"]
    assert people_matching(store, "", limit=1) == ["Lee Jae-myung"]
    assert people_matching(store, "qqq") == []
    assert topics_matching("tra")[0] == "trade"
    assert "security" in topics_matching("Sec")
    assert topics_matching("zzz") == []


def test_bare_surname_alias_does_not_pick_one_person(store: Store) -> None:
    from digests.models import Entity

    text = "Lee said the talks went well."
    store.save(
        Article(title="Talks", text=text, published=date(2026, 2, 7), source="Test"),
        Extraction(entities=[Entity(name="Lee Jae-myung", type="person", aliases=["Lee"])],
                   quotes=[Quote(speaker="Lee Jae-myung", text="the talks went well", kind="indirect",
                                 start=9, end=28)]),
    )
    assert len(who_said(store, "Lee").candidates) == 3


def test_the_same_statement_twice_is_shown_once(store: Store) -> None:
    text = 'The president said "balance is our strategy" and that "balance" mattered.'
    store.save(
        Article(title="Echo", text=text, published=date(2026, 2, 7), source="Echo Daily"),
        Extraction(quotes=[
            Quote(speaker="Lee Jae-myung", text="balance is our strategy", kind="direct", start=20, end=43),
            Quote(speaker="Lee Jae-myung", text="balance", kind="partial", start=56, end=63),
        ]),
    )
    answer = who_said(store, "Lee Jae-myung")
    texts = [q.text for q in answer.quotes]
    assert texts.count("balance is our strategy") == 1 and "Balance is our strategy," not in texts
    assert "balance" not in texts  # the fragment sits inside the sentence shown
    assert answer.quotes[0].source == "Echo Daily"  # the newest telling


def test_about_an_entity_named_in_the_article(store: Store) -> None:
    # neither quotation says "European Union", but the article they come from names it
    answer = who_said(store, "Xi Jinping", about="European Union")
    assert answer.total == 2
    assert who_said(store, "Lee Min-ji", about="European Union").total == 0


def test_a_replaced_article_takes_its_speaker_out_of_who_said(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "r.db")
    url = "https://lakeside.example/ferry"
    first = Article(title="Ferry", text='"The ferry runs again," said Tove Lind.', url=url,
                    published=date(2026, 2, 7))
    store.save(first, Extraction(quotes=[Quote(speaker="Tove Lind", text="The ferry runs again,",
                                               kind="direct", start=1, end=22)]))
    assert (who_said(store, "Lind").person or Person("?", None, 0)).quotes == 1
    fixed = first.model_copy(update={"text": '"The ferry runs again," said Tove Berg.'})
    store.save(fixed, Extraction(quotes=[Quote(speaker="Tove Berg", text="The ferry runs again,",
                                               kind="direct", start=1, end=22)]))
    assert who_said(store, "Tove Lind").person is None
    assert people_matching(store, "Tove") == ["Tove Berg"]
    store.close()


def test_people_written_without_store_save_are_found_before_indexing(store: Store) -> None:
    # a bulk loader writing rows itself leaves new names unindexed until the next save
    article_id = store.db.execute("SELECT min(id) FROM articles").fetchone()[0]
    with store.transaction():
        store.db.execute(
            "INSERT INTO quotes (article_id, speaker, text, kind, start, \"end\") "
            "VALUES (?, 'Nadia Haidari', 'We are ready', 'direct', 0, 12)",
            [article_id],
        )
    assert store.db.execute("SELECT indexed FROM people WHERE name = 'Nadia Haidari'").fetchone()[0] == 0
    answer = who_said(store, "haidari")
    assert answer.person == Person("Nadia Haidari", None, 1)
    assert people_matching(store, "Nadia Hai") == ["Nadia Haidari"]


def _dated_lines(store: Store, lines: list[tuple[str, str]], published: date) -> None:
    """One article of the given (day, sentence) lines, each sentence a dated event."""
    from digests.models import Event

    text = "\n".join(line for _, line in lines)
    events, at = [], 0
    for day, line in lines:
        events.append(Event(date=day, status="occurred", text=line, start=at, end=at + len(line)))
        at += len(line) + 1
    store.save(Article(title="Almanac", text=text, published=published, source="Almanac"),
               Extraction(events=events))


def test_a_busy_range_walks_the_day_index_from_its_first_day(tmp_path: Path, monkeypatch: Any) -> None:
    # a tiny full-text window makes every query "busy", so the day index is walked
    monkeypatch.setattr("digests.timelines.FTS_WINDOW", 2)
    store = Store.open(tmp_path / "walk.db")
    lines = []
    for day in range(1, 29):
        lines.append((f"2026-03-{day:02d}", f"Diplomats of both lakes met on day {day} with Anna Holm."))
        lines.append((f"2026-03-{day:02d}", f"The turnip harvest reached {day} tonnes."))
    _dated_lines(store, lines, date(2026, 3, 20))
    for query in ("Diplomacy", "Anna Holm"):
        line = timeline(store, query, since=date(2026, 3, 5), until=date(2026, 3, 25), limit=6)
        assert [e.date for e in line.past] == [f"2026-03-{d:02d}" for d in range(5, 11)]
        assert not line.coming_up and line.more and not line.exact
        assert not any("turnip" in e.text for e in line.past + line.coming_up)
        # page 3 (two pages on): from the 17th; the 21st on is ahead of the newest article
        later = timeline(store, query, since=date(2026, 3, 5), until=date(2026, 3, 25), limit=6, offset=12)
        assert [e.date for e in later.past] == ["2026-03-17", "2026-03-18", "2026-03-19", "2026-03-20"]
        assert [e.date for e in later.coming_up] == ["2026-03-21", "2026-03-22"]
        last = timeline(store, query, since=date(2026, 3, 5), until=date(2026, 3, 25), limit=6, offset=18)
        assert [e.date for e in last.coming_up] == ["2026-03-23", "2026-03-24", "2026-03-25"]
        assert not last.more and last.total == 21
    early = timeline(store, "Diplomacy", since=date(2026, 3, 1), until=date(2026, 3, 3), limit=6)
    assert [e.date for e in early.past] == ["2026-03-01", "2026-03-02", "2026-03-03"]
    assert not early.more and early.total == 3
    store.close()


def test_pages_of_a_timeline_without_a_first_day_go_back_in_time(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "back.db")
    lines = [(f"2026-03-{day:02d}", f"Diplomats met on day {day} with Anna Holm.") for day in range(1, 15)]
    _dated_lines(store, lines, date(2026, 3, 20))
    first = timeline(store, "Anna Holm", limit=6)
    assert [e.date for e in first.past] == [f"2026-03-{d:02d}" for d in range(9, 15)]
    assert first.more and first.exact and first.total == 14
    second = timeline(store, "Anna Holm", limit=6, offset=6)
    assert [e.date for e in second.past] == [f"2026-03-{d:02d}" for d in range(3, 9)]
    third = timeline(store, "Anna Holm", limit=6, offset=12)
    assert [e.date for e in third.past] == ["2026-03-01", "2026-03-02"] and not third.more
    store.close()


def test_topic_prefixes_find_every_inflection(store: Store) -> None:
    # neither "envoys" nor "embassies" is a keyword as written: the keywords are prefixes
    _dated_lines(store, [("2026-02-09", "Envoys gathered on February 9."),
                         ("2026-02-10", "The embassies reopened on February 10.")], date(2026, 2, 11))
    days = [e.date for e in timeline(store, "diplomacy", today=date(2026, 2, 11)).past]
    assert {"2026-02-09", "2026-02-10"} <= set(days)


@pytest.mark.parametrize(
    ("code", "said", "found"),
    [
        ("KR", "South Korean officials met on Monday.", True),  # a demonym from the gazetteer
        ("KR", "Talks opened in Seoul.", True),  # the capital
        ("KR", "North Korean envoys walked out.", False),  # the tail of another country's name
        ("KP", "North Korean envoys walked out.", True),
        ("SD", "Fighting spread in South Sudan.", False),
        ("SD", "Sudanese troops withdrew.", True),
        ("US", "Officials told us nothing.", False),  # the pronoun, never the country
        ("US", "U.S. officials declined.", True),
    ],
)
def test_country_pattern_takes_the_gazetteers_forms(code: str, said: str, found: bool) -> None:
    assert bool(country_pattern(code).search(said)) is found


def test_a_persons_timeline_finds_the_events_under_every_name_of_the_identity(tmp_path: Path) -> None:
    from digests.models import Entity, Event

    def article(n: int, name: str, alias: str, line: str, day: str) -> None:
        text = f"{line}\n\nMore follows."
        store.save(
            Article(title=f"Report {n}", text=text, url=f"https://w.example/{n}", published=date(2026, 3, 1)),
            Extraction(
                entities=[Entity(name=name, type="person", aliases=[alias], mentions=[(0, 4)])],
                events=[
                    Event(date=day, status="planned", text=line, start=0, end=len(line), entities=[name])
                ],
                quotes=[Quote(speaker=name, text="We will go on", kind="direct", start=0, end=4)],
            ),
        )

    with Store.open(tmp_path / "ids.db") as store:
        article(
            1,
            "Aldo Brenner",
            "Chancellor Aldo Brenner",
            "Aldo Brenner visits Tunis on March 9.",
            "2026-03-09",
        )
        for n, day in ((2, 12), (4, 13), (5, 14)):  # the bare surname, always with his title
            article(
                n, "Brenner", "Chancellor Brenner", f"Brenner opens a port on March {day}.", f"2026-03-{day}"
            )
        article(3, "Marta Brenner", "Mrs Marta Brenner", "Marta Brenner will read on March 15.", "2026-03-15")
        # the chancellor's bare surname is his, found under both names; his namesake stays apart
        full = timeline(store, "Aldo Brenner", today=date(2026, 3, 1))
        assert [e.date for e in full.coming_up] == ["2026-03-09", "2026-03-12", "2026-03-13", "2026-03-14"]
        bare = timeline(store, "Brenner", today=date(2026, 3, 1))
        assert [e.date for e in bare.coming_up][:2] == ["2026-03-09", "2026-03-12"]
        assert timeline(store, "Marta Brenner", today=date(2026, 3, 1)).coming_up[0].date == "2026-03-15"
