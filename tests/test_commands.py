"""The commands as users type them: each answers, bad input gets one short helpful line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from digests.commands import COMMANDS, CommandContext, Reply, handle, invoke, parse_args, parse_period
from digests.errors import CommandError
from digests.fetch import FetchPolicy
from digests.store import Store
from tests.commands_corpus import load_corpus

CTX = CommandContext(platform="console", extra={"today": "2026-02-06"})
ADMIN = CommandContext(platform="slack", user_id="U0ADMIN", is_admin=True)


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[Store]:
    s = load_corpus(tmp_path / "c.db")
    yield s
    s.close()


def ask(store: Any, command: str, args: str = "", ctx: CommandContext = CTX) -> Reply:
    return handle(store, command, args, ctx)


def lines(reply: Reply) -> list[str]:
    return [f"{i.label} {i.text}" for i in reply.items]


def test_help_lists_every_command() -> None:
    reply = ask(None, "help")
    assert reply.kind == "answer"
    labels = " ".join(item.label or "" for item in reply.items)
    for name in COMMANDS:
        assert f"/{name}" in labels
    one = ask(None, "help", "timeline")
    assert one.title.startswith("/timeline query") and one.note and "Example" in one.note


@pytest.mark.parametrize(
    ("command", "args", "needle"),
    [
        ("frobnicate", "x", "/help"),
        ("who-said", "Lee " * 60, "too long"),
        ("who-said", "", "Usage: /who-said"),
        ("who-said", "   \t ", "Usage: /who-said"),
        ("timeline", "", "Usage: /timeline"),
        ("timeline", "Red Sea 2026-13-40", "not a real date"),
        ("timeline", "Red Sea 2026-03-01 2026-02-01", "ends before it starts"),
        ("timeline", "Red Sea 2026-01..x", "2026-01-04..2026-01-07"),
        ("digest", "400d", "1 to 92 days"),
        ("digest", "2025-01-01..2026-01-01", "at most 92 days"),
        ("sources", "everything", "does not take"),
        ("who-said", "Lee page 0", "Pages start at 1"),
        # "page" with no number was read as a topic: "Ask again ..., e.g. /who-said Lee Jae Myung page x"
        ("who-said", "Lee page x", "Not a page number: 'x'"),
        ("timeline", "Red Sea page two", "Not a page number: 'two'"),
        ("sources", "page next", "Not a page number: 'next'"),
    ],
)
def test_bad_input_gets_one_short_line(corpus: Store, command: str, args: str, needle: str) -> None:
    reply = ask(corpus, command, args)
    assert reply.kind == "error"
    assert needle in reply.title
    assert "\n" not in reply.title and len(reply.title) < 200 and not reply.items


def test_shared_surname_asks_which_one(corpus: Store) -> None:
    reply = ask(corpus, "who-said", "Lee")
    assert reply.kind == "choices"
    assert [i.label for i in reply.items] == ["Lee Jae-myung", "Lee Dong-gyu", "Lee Min-ji"]
    assert "President" in reply.items[0].text and "5 quotations" in reply.items[0].text
    assert "Hanbit University" in reply.items[2].text
    assert reply.note and "/who-said Lee Jae-myung" in reply.note


def test_who_said_newest_first_with_kind_date_outlet_link(corpus: Store) -> None:
    reply = ask(corpus, "who-said", "lee jae-myung")
    assert reply.kind == "answer" and "Lee Jae-myung (President)" in reply.title
    first = reply.items[0]
    assert first.label == "6 Feb 2026 · reported" and "The Pebble Gazette" in first.text
    assert first.url == "https://pebble.example/2026/02/06/korea-options"
    assert reply.items[1].label == "6 Feb 2026 · quote" and "“Balance is our strategy”" in reply.items[1].text
    days = [(i.label or "")[:10] for i in reply.items]
    assert days == sorted(days, reverse=True)


@pytest.mark.parametrize("args", ["Lee Jae-myung trade", "Lee Jae-myung, trade", "Lee Jae-myung about trade",
                                  '"Lee Jae-myung" trade', "Lee Jae-myung | trade",
                                  "\u201cLee Jae-myung\u201d trade"])
def test_who_said_about_narrows(corpus: Store, args: str) -> None:
    reply = ask(corpus, "who-said", args)
    assert reply.title.endswith("about trade")
    assert len(reply.items) == 2 and all("trade" in i.text for i in reply.items)


@pytest.mark.parametrize(("args", "title"), [
    ('"Lee', "Several people match \u201cLee\u201d: which one?"),
    ("Lee\u201d", "Several people match \u201cLee\u201d: which one?"),
    ('"Nobody Atall', "No quotations from \u201cNobody Atall\u201d yet."),
])
def test_who_said_an_open_quotation_mark_is_no_part_of_a_name(corpus: Store, args: str, title: str) -> None:
    assert ask(corpus, "who-said", args).title == title


def test_who_said_a_misspelt_name_suggests_rather_than_guesses(corpus: Store) -> None:
    reply = ask(corpus, "who-said", "Xi Jingping")
    assert reply.kind == "error" and "Did you mean Xi Jinping?" in reply.title
    unknown = ask(corpus, "who-said", "Nobody Atall")
    assert unknown.kind == "error" and "No quotations" in unknown.title


def test_who_said_pages(corpus: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("digests.commands.PAGE_SIZE", 2)
    first = ask(corpus, "who-said", "Lee Jae-myung")
    assert len(first.items) == 2 and first.note == "3 more: /who-said Lee Jae-myung page 2"
    third = ask(corpus, "who-said", "Lee Jae-myung page 3")
    assert len(third.items) == 1 and third.note is None


def test_timeline_shows_status_and_coming_up_last(corpus: Store) -> None:
    reply = ask(corpus, "timeline", "South Korea")
    assert reply.title == "Timeline: South Korea (country)"
    assert lines(reply)[0].startswith("3 Feb 2026 · occurred South Korea sent a destroyer")
    assert lines(reply)[-1].startswith("Coming up · Mar 2026 · reported, unconfirmed")
    ranged = ask(corpus, "timeline", "Red Sea from 2026-02-04 to 2026-02")
    assert ranged.title == "Timeline: Red Sea · 4–28 Feb 2026"
    assert [i.label for i in ranged.items] == ["4 Feb 2026 · occurred"]
    assert ask(corpus, "timeline", "Lee").kind == "choices"
    nothing = ask(corpus, "timeline", "Atlantis")
    assert nothing.kind == "error" and nothing.title.startswith("No dated events for “Atlantis”")


def test_digest_with_period_and_topic(corpus: Store) -> None:
    reply = ask(corpus, "digest", "2026-02-01..2026-02-06 trade")
    assert reply.kind == "digest" and reply.digest is not None
    digest: Any = reply.digest
    assert digest.scope.topics == ["trade"]
    assert (digest.period.since, digest.period.until) == (date(2026, 2, 1), date(2026, 2, 6))
    latest: Any = ask(corpus, "digest").digest
    assert latest.period.until == date(2026, 2, 6)  # the newest article's day
    stale = ask(corpus, "digest", "today", CommandContext(platform="console", extra={"today": "2026-11-30"}))
    assert stale.digest is not None and stale.digest.empty  # type: ignore[attr-defined]
    assert stale.note and "newest article is from 2026-02-06" in stale.note


def test_digest_on_an_empty_store(store: Store) -> None:
    reply = ask(store, "digest")
    assert reply.kind == "error" and "No articles" in reply.title


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("today", (date(2026, 2, 6), date(2026, 2, 6))),
        ("yesterday", (date(2026, 2, 5), date(2026, 2, 5))),
        ("week", (date(2026, 1, 31), date(2026, 2, 6))),
        ("3d", (date(2026, 2, 4), date(2026, 2, 6))),
        ("2w", (date(2026, 1, 24), date(2026, 2, 6))),
        ("2026-01", (date(2026, 1, 1), date(2026, 1, 31))),
        ("2026-01-04..2026-01-07", (date(2026, 1, 4), date(2026, 1, 7))),
        ("trade", None),
    ],
)
def test_periods(word: str, expected: tuple[date, date] | None) -> None:
    assert parse_period(word, date(2026, 2, 6)) == expected


@pytest.mark.parametrize(
    ("words", "days"),
    [
        ("fortnight", 14),  # was the subject 'fortnight': "Nothing new on fortnight"
        ("last fortnight", 14),
        ("2 months", 60),
        ("last 3 months", 90),
        ("past two weeks", 14),
        ("the last 10 days", 10),
        ("a week", 7),
        ("quarter", 91),
        ("weekend", 2),  # the last Saturday and Sunday up to today (Friday 6 Feb 2026)
    ],
)
def test_periods_counted_in_units_of_time(words: str, days: int) -> None:
    since, until = parse_period(words, date(2026, 2, 6)) or (None, None)
    assert since and until and (until - since).days + 1 == days
    assert until == date(2026, 2, 6) or words == "weekend"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ("next week", "what lies ahead is under its Coming up"),
        ("tomorrow", "try /digest today"),
        ("year", "1 to 92 days, and 'year' is 365"),
        ("last year trade", "1 to 92 days"),
        ("2 years", "is 730"),
        ("hour", "whole days"),
        ("last 6 hours", "whole days"),
        ("trade next month", "Coming up"),
    ],
)
def test_a_period_no_digest_covers_is_refused_not_read_as_a_subject(
    corpus: Store, args: str, said: str
) -> None:
    """'/digest year' was the subject 'year' (it found a story whose headline says 'year'), '/digest next
    week' was told to put its period first ('/digest week next')."""
    reply = ask(corpus, "digest", args)
    assert reply.kind == "error" and said in reply.title, reply.title


@pytest.mark.parametrize(
    "subject", ["Year of the Dragon", "Fashion Week", "Latin Quarter", "Person of the Year"]
)
def test_a_name_holding_a_unit_of_time_stays_a_subject(corpus: Store, subject: str) -> None:
    assert parse_args(corpus, COMMANDS["digest"], subject, date(2026, 2, 6)) == {"topic": subject}


def test_sources_lists_newest_first(corpus: Store) -> None:
    reply = ask(corpus, "sources")
    assert reply.title == "Recently read (4 articles stored)"
    assert reply.items[0].label == "6 Feb 2026" and "2 quotes, 1 event" in reply.items[0].text
    assert reply.items[-1].url == "https://pebble.example/2026/02/02/seoul-beijing-trade"


def test_ingest_is_for_admins(corpus: Store) -> None:
    for platform, hint in (("discord", "Manage Server"), ("slack", "SLACK_ADMIN_USERS")):
        reply = ask(corpus, "ingest", "https://example.org/a", CommandContext(platform=platform))  # type: ignore[arg-type]
        assert reply.kind == "error" and hint in reply.title
    assert "one http(s) link" in ask(corpus, "ingest", "ftp://example.org/a", ADMIN).title
    assert "one http(s) link" in ask(corpus, "ingest", "https://a.example/x https://b.example/y", ADMIN).title
    # on the console a broken link is a broken link, not a file looked for ("No file or folder 'https://'")
    console = CommandContext(platform="console", is_admin=True)
    for broken in ("https://", "http:///news", "ftp://a.example/x"):
        assert "one http(s) link" in ask(corpus, "ingest", broken, console).title


# The fake web is on 127.0.0.1: fetching from it needs what GEODIGEST_ALLOW_PRIVATE_URLS gives.
LOCAL_ADMIN = CommandContext(platform="slack", user_id="U0ADMIN", is_admin=True,
                             fetch=FetchPolicy(allow_private=True))


def test_ingest_fetches_and_counts(store: Store, web: Any) -> None:
    reply = ask(store, "ingest", web.url("/story.html"), LOCAL_ADMIN)
    assert reply.kind == "answer", reply.title
    assert reply.title.startswith(f"Ingested {web.url('/story.html')}: 1 article: 1 new")
    assert len(reply.items) == 1
    again = ask(store, "ingest", web.url("/story.html"), LOCAL_ADMIN)
    assert "1 unchanged" in again.title
    broken = ask(store, "ingest", web.url("/error"), ADMIN)
    assert broken.kind == "error" and broken.title.startswith("Could not ingest")


def test_a_bug_becomes_a_short_apology(corpus: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr("digests.queries.who_said", boom)
    reply = ask(corpus, "who-said", "Xi Jinping")
    assert reply.kind == "error" and "failed on our side" in reply.title and "kaput" not in reply.title


# --- issue 16: the commands as a new user types them ---------------------------------------------


def test_sources_pages_as_its_own_note_suggests(corpus: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("digests.commands.PAGE_SIZE", 2)
    first = ask(corpus, "sources")
    assert first.note and first.note.endswith("/sources page 2")
    second = ask(corpus, "sources", "page 2")
    assert second.kind == "answer" and second.items and second.items[0] not in first.items
    beyond = ask(corpus, "sources", "page 999")
    assert beyond.kind == "error" and "past the end" in beyond.title


def test_a_bare_number_pages_a_command_that_takes_nothing_else(
    corpus: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`/sources 2` was refused ("/sources does not take '2'"); a number after words is still theirs."""
    monkeypatch.setattr("digests.commands.PAGE_SIZE", 2)
    assert lines(ask(corpus, "sources", "2")) == lines(ask(corpus, "sources", "page 2"))
    assert ask(corpus, "sources", "0").title == "Pages start at 1."
    assert parse_args(corpus, COMMANDS["timeline"], "Vision 2030", date(2026, 2, 6)).get("page") is None
    assert parse_args(corpus, COMMANDS["who-said"], "Lee 2", date(2026, 2, 6)).get("page") is None


def test_a_question_mark_is_help() -> None:
    assert lines(ask(None, "?")) == lines(ask(None, "help"))


def test_an_empty_digest_of_the_default_day_says_how_to_ask_for_longer(corpus: Store) -> None:
    """A subject alone reads the newest article's day; when that day holds nothing on it the
    answer said only "Nothing new on X for 6 Feb 2026"."""
    reply = ask(corpus, "digest", "Atlantis")
    assert reply.digest is not None and reply.digest.empty  # type: ignore[attr-defined]
    assert reply.note == "6 Feb 2026 is the newest article's day; for longer, put a period first: " \
        "/digest week Atlantis"
    assert ask(corpus, "digest", "week Atlantis").note is None  # a period was given: nothing to add


def test_who_said_page_past_the_end_and_counts_that_can_be_paged(corpus: Store) -> None:
    beyond = ask(corpus, "who-said", "Lee Jae-myung page 99999")
    assert beyond.kind == "error" and beyond.title.startswith("Page 99999 is past the end: 5 quotations")
    choices = ask(corpus, "who-said", "Lee")
    for item in choices.items:
        count = int(item.text.rsplit("· ", 1)[1].split()[0])
        shown = ask(corpus, "who-said", f'"{item.label}"')
        assert len(shown.items) == count  # the number offered is the number one can read
    none = ask(corpus, "who-said", "Lee Jae-myung about Atlantis")
    assert none.note and "among 5 quotations" in none.note


@pytest.mark.parametrize(
    ("args", "period", "topic"),
    [
        ("last week trade", (date(2026, 1, 31), date(2026, 2, 6)), "trade"),
        ("past 3 days South Korea", (date(2026, 2, 4), date(2026, 2, 6)), "South Korea"),
        ("this week", (date(2026, 1, 31), date(2026, 2, 6)), None),
        ("latest trade", None, "trade"),
        ("Red Sea", None, "Red Sea"),
        ("2026-02 security", (date(2026, 2, 1), date(2026, 2, 28)), "security"),
        # a comma or a dash may close the period ("last week, trade" was the subject of the newest day)
        ("last week, trade", (date(2026, 1, 31), date(2026, 2, 6)), "trade"),
        ("3d - South Korea", (date(2026, 2, 4), date(2026, 2, 6)), "South Korea"),
        ("Vision 2030", None, "Vision 2030"),  # a year ending a subject stays in it
        ("now trade", None, "trade"),  # the newest day, as "latest" (it was the subject "now trade")
        ("fortnight, trade", (date(2026, 1, 24), date(2026, 2, 6)), "trade"),
    ],
)
def test_digest_reads_a_period_of_several_words(
    corpus: Store, args: str, period: tuple[date, date] | None, topic: str | None
) -> None:
    values = parse_args(corpus, COMMANDS["digest"], args, date(2026, 2, 6))
    assert (values.get("period"), values.get("topic")) == (period, topic)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        # a second period became a subject nothing matches ("Nothing new on 2026-01-01 for ...")
        ("2026-02-06 2026-02-01", "a second one"),
        ("3d 2d", "a second one"),
        # a period after the subject became part of it ("Nothing new on trade last week")
        ("trade last week", "Put the period first: /digest last week trade"),
        ("South Korea 3d", "Put the period first: /digest 3d South Korea"),
    ],
)
def test_digest_refuses_a_period_where_the_subject_goes(corpus: Store, args: str, said: str) -> None:
    with pytest.raises(CommandError, match=re.escape(said)):
        parse_args(corpus, COMMANDS["digest"], args, date(2026, 2, 6))


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("Red Sea to 2026-02", {"query": "Red Sea", "to": date(2026, 2, 28)}),
        ("Red Sea from 2026-02", {"query": "Red Sea", "from": date(2026, 2, 1)}),
        ("Red Sea 2026-01 2026-02", {"query": "Red Sea", "from": date(2026, 1, 1), "to": date(2026, 2, 28)}),
        ("Red Sea 2026-01-04..2026-01-07", {"query": "Red Sea", "from": date(2026, 1, 4),
                                            "to": date(2026, 1, 7)}),
        ("2026", {"query": "2026"}),  # a lone year is what the timeline is about
    ],
)
def test_timeline_dates_from_the_declaration(corpus: Store, args: str, expected: dict[str, Any]) -> None:
    assert parse_args(corpus, COMMANDS["timeline"], args, date(2026, 2, 6)) == expected


def test_typed_options_give_the_same_answers_as_typed_text(corpus: Store) -> None:
    text = ask(corpus, "timeline", "Red Sea from 2026-02-04 to 2026-02")
    typed = invoke(corpus, "timeline", {"query": "Red Sea", "from": "2026-02-04", "to": "2026-02"}, CTX)
    assert typed == text
    paged = invoke(corpus, "who-said", {"person": "Lee Jae-myung", "page": 1}, CTX)
    assert paged == ask(corpus, "who-said", "Lee Jae-myung")
    about = invoke(corpus, "who-said", {"person": "Lee Jae-myung", "about": "trade"}, CTX)
    assert about == ask(corpus, "who-said", "Lee Jae-myung trade")
    assert invoke(corpus, "digest", {"period": "soon"}, CTX).title.startswith("'soon' is not a period")
    assert invoke(corpus, "sources", {"colour": "red"}, CTX).kind == "error"
    assert invoke(corpus, "who-said", {}, CTX).title.startswith("Whose quotations?")


def test_help_comes_from_the_declarations() -> None:
    listing = ask(None, "help")
    assert [i.label for i in listing.items] == [c.usage for c in COMMANDS.values()]
    one = ask(None, "help", "/digest")
    assert one.title == "/digest [period] [topic]"
    assert one.note and all(e in one.note for e in COMMANDS["digest"].examples)
    assert ask(None, "help", "nope").kind == "error"


def test_relative_periods_end_on_the_demo_stores_newest_article(corpus: Store) -> None:
    from digests.commands import reference_day
    from digests.demo import mark_demo_store

    plain = CommandContext(platform="console")
    assert reference_day(corpus, plain) == date.today()
    mark_demo_store(corpus)
    assert reference_day(corpus, plain) == date(2026, 2, 6)
    week: Any = ask(corpus, "digest", "week", plain).digest
    assert (week.period.since, week.period.until) == (date(2026, 1, 31), date(2026, 2, 6))


def test_ingest_of_a_missing_page_names_the_url_once(store: Store, web: Any) -> None:
    reply = ask(store, "ingest", web.url("/missing"), LOCAL_ADMIN)
    assert reply.kind == "error"
    assert reply.title == f"Could not ingest {web.url('/missing')}: HTTP 404 Not Found"


def test_an_office_is_not_one_of_the_people_it_speaks_for(store: Store) -> None:
    from digests.extract import extract
    from digests.models import Article

    text = (
        "Seoul sets out travel plans\n\n"
        "President Lee Jae-myung said on Monday that \"the visit matters\" to both countries.\n\n"
        "Professor Lee Min-ji said the trip was \"well judged\" by Seoul.\n\n"
        "Lee's office said he would return to Seoul on Wednesday night.\n"
    )
    article = Article(title="Seoul sets out travel plans", text=text, published=date(2026, 1, 5))
    facts = extract(text, article.published)
    assert "Lee's office" in {q.speaker for q in facts.quotes}  # the office is a speaker ...
    store.save(article, facts)
    reply = ask(store, "who-said", "Lee")
    assert reply.kind == "choices" and "Lee's office" not in [i.label for i in reply.items]  # ... not a Lee
    assert ask(store, "who-said", "Lee's office").kind == "answer"


def _almanac(path: Path, days: int) -> Store:
    """A store of one article with a dated event about Anna Holm on each of ``days`` March days."""
    from digests.models import Article, Event, Extraction

    store = Store.open(path)
    lines = [f"Envoys met Anna Holm on day {day} of the harbour talks." for day in range(1, days + 1)]
    events, at = [], 0
    for day, line in enumerate(lines, 1):
        day_of = f"2026-03-{day:02d}"
        events.append(Event(date=day_of, status="occurred", text=line, start=at, end=at + len(line)))
        at += len(line) + 1
    store.save(Article(title="Almanac", text="\n".join(lines), published=date(2026, 3, 28), source="Almanac"),
               Extraction(events=events))
    return store


def test_timeline_pages_through_a_range_in_date_order(tmp_path: Path) -> None:
    store = _almanac(tmp_path / "a.db", 25)
    typed = "Anna Holm 2026-03-01 2026-03-31"
    first = ask(store, "timeline", typed)
    assert [i.label for i in first.items][:2] == ["1 Mar 2026 · occurred", "2 Mar 2026 · occurred"]
    assert len(first.items) == 10
    # the hint is the next page, never the command just typed; its count is what is left
    assert first.note == "15 more: /timeline Anna Holm 2026-03-01 2026-03-31 page 2"
    second = ask(store, "timeline", typed + " page 2")
    assert second.items[0].label == "11 Mar 2026 · occurred"
    assert second.note == "5 more: /timeline Anna Holm 2026-03-01 2026-03-31 page 3"
    third = ask(store, "timeline", typed + " page 3")
    assert len(third.items) == 5 and third.note is None
    assert "past the end" in ask(store, "timeline", typed + " page 4").title
    # Discord's typed options page the same way
    assert invoke(store, "timeline", {"query": "Anna Holm", "from": "2026-03-01", "to": "2026-03-31",
                                      "page": 2}, CTX) == second
    # without a range: the latest events first, older ones on the next page
    latest = ask(store, "timeline", "Anna Holm")
    assert latest.items[-1].label == "25 Mar 2026 · occurred"
    assert latest.note == "15 more: /timeline Anna Holm page 2"
    older = ask(store, "timeline", "Anna Holm page 2")
    assert older.items[-1].label == "15 Mar 2026 · occurred"
    store.close()


def test_next_page_request_is_the_page_the_note_names(tmp_path: Path, corpus: Store) -> None:
    store = _almanac(tmp_path / "a.db", 25)
    for typed in ("Anna Holm 2026-03-01 2026-03-31", "Anna Holm", "Anna Holm to 2026-03-31"):
        reply = ask(store, "timeline", typed)
        assert reply.next is not None and reply.next.page == 2 and reply.note
        assert reply.note.endswith(f"/timeline {reply.next.args}")
        # buttons run it typed (Slack) or as options (Discord): the same page either way
        typed_page = ask(store, reply.next.command, reply.next.args)
        assert typed_page == invoke(store, reply.next.command, dict(reply.next.options), CTX)
        assert typed_page.items and set(typed_page.items).isdisjoint(reply.items)
    last = ask(store, "timeline", "Anna Holm 2026-03-01 2026-03-31 page 3")
    assert last.next is None and last.note is None
    sources = ask(corpus, "sources")
    if sources.note:
        assert sources.next is not None and sources.next.args == "page 2"
    store.close()


def test_coming_events_no_page_holds_are_pointed_to_not_counted(tmp_path: Path) -> None:
    from digests.models import Article, Event, Extraction

    store = Store.open(tmp_path / "c.db")
    lines = [f"Envoys met Rolf Hage on day {d} of the harbour talks." for d in range(1, 6)]
    lines += [f"Rolf Hage will open dock {d} on April {d}." for d in range(1, 9)]
    events, at = [], 0
    for n, line in enumerate(lines):
        day = f"2026-03-{n + 1:02d}" if n < 5 else f"2026-04-{n - 4:02d}"
        events.append(Event(date=day, status="occurred" if n < 5 else "planned", text=line, start=at,
                            end=at + len(line)))
        at += len(line) + 1
    store.save(Article(title="Docks", text="\n".join(lines), published=date(2026, 3, 20), source="Almanac"),
               Extraction(events=events))
    reply = ask(store, "timeline", "Rolf Hage")
    coming = [i for i in reply.items if (i.label or "").startswith("Coming up")]
    assert len(reply.items) == 10 and len(coming) == 5
    # three coming events are on no page of this timeline: no count that paging cannot reach
    assert reply.next is None
    assert reply.note == "More coming up: /timeline Rolf Hage 2026-03-21"
    ahead = ask(store, "timeline", "Rolf Hage 2026-03-21")
    assert len(ahead.items) == 8
    store.close()


@pytest.mark.parametrize(
    ("line", "meant"),
    [
        ("who said Lee", "/who-said Lee"),
        ("whosaid Lee", "/who-said Lee"),
        ("time-line Red Sea", "/timeline Red Sea"),
        ("digests week", "/digest week"),
        ("source", "/sources"),
        ("wach add Lee", "/watch add Lee"),
        ("setting", "/settings"),
        ("h", "/help"),
    ],
)
def test_a_mistyped_command_says_which_was_meant(corpus: Store, line: str, meant: str) -> None:
    """Each was 'Unknown command /whosaid. Try /help for the list.' with nothing nearer."""
    command, _, args = line.partition(" ")
    reply = ask(corpus, command, args)
    assert reply.kind == "error" and f"Did you mean {meant}?" in reply.title
    assert "Did you mean" not in ask(corpus, "frobnicate", "x").title  # nothing close: the list


@pytest.mark.parametrize(("command", "args"), [("page", "2"), ("more", ""), ("next", "")])
def test_a_page_typed_alone_says_how_to_page(corpus: Store, command: str, args: str) -> None:
    """'page 2' on a line of its own was 'Unknown command /page. Try /help for the list.'"""
    reply = ask(corpus, command, args)
    assert reply.kind == "error" and "page 2" in reply.title and "Unknown command" not in reply.title


def test_a_colon_after_the_command_is_no_part_of_it(corpus: Store) -> None:
    assert ask(corpus, "digest:", "week") == ask(corpus, "digest", "week")  # was "Unknown command /digest:"


@pytest.mark.parametrize(
    ("args", "about"),
    [
        ('"Lee Jae-myung" "trade"', "trade"),  # was '"trade"': nothing about it
        ("Lee Jae-myung about", None),  # was 'about': "Nothing about “about”"
        ("Lee Jae-myung, trade", "trade"),
    ],
)
def test_who_said_reads_a_quoted_or_missing_subject(corpus: Store, args: str, about: str | None) -> None:
    values = parse_args(corpus, COMMANDS["who-said"], args, date(2026, 2, 6))
    assert (values["person"], values.get("about")) == ("Lee Jae-myung", about)


@pytest.mark.parametrize(("args", "same_as"), [
    # found in 12-06's walk: the comma stayed in the query and the heading ("Timeline: Nara,")
    ("Red Sea,", "Red Sea"), ("Red Sea?", "Red Sea"), ("Red Sea...", "Red Sea"),
    ("South Korea.", "South Korea"), ("South Korea!?", "South Korea"),
    ("Red Sea, from 2026-02-04 to 2026-02", "Red Sea from 2026-02-04 to 2026-02"),
    # a flag emoji is its country
    ("\U0001F1F0\U0001F1F7", "South Korea"),
    ("\U0001F1F0\U0001F1F7 from 2026-02", "South Korea from 2026-02"),
])
def test_timeline_reads_a_query_as_the_sentence_around_it_ends(
    corpus: Store, args: str, same_as: str
) -> None:
    assert ask(corpus, "timeline", args) == ask(corpus, "timeline", same_as)
    assert invoke(corpus, "timeline", {"query": args.split(" from ")[0]}, CTX) == \
        ask(corpus, "timeline", same_as.split(" from ")[0])


@pytest.mark.parametrize(("command", "args", "same_as"), [
    ("who-said", "Lee,", "Lee"), ("who-said", "Lee Jae-myung, trade?", "Lee Jae-myung, trade"),
    ("who-said", "Lee Jae-myung \U0001F1F0\U0001F1F7.", "Lee Jae-myung South Korea"),
    ("digest", "2026-02-01..2026-02-06 \U0001F1F0\U0001F1F7", "2026-02-01..2026-02-06 South Korea"),
    ("digest", "2026-02-01..2026-02-06 trade.", "2026-02-01..2026-02-06 trade"),
])
def test_other_queries_read_closing_punctuation_and_flags_alike(
    corpus: Store, command: str, args: str, same_as: str
) -> None:
    assert ask(corpus, command, args) == ask(corpus, command, same_as)


@pytest.mark.parametrize(("typed", "read"), [
    ("U.S.", "U.S."), ("Martin Luther King Jr.", "Martin Luther King Jr."), ("John F.", "John F."),
    ("Acme Inc.", "Acme Inc."), ('"Red Sea".', '"Red Sea"'), ("trade, energy,", "trade, energy"),
    ("\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", "Scotland"),
    ("\U0001F1EF\U0001F1F5 trade", "Japan trade"), ("?", ""),
])
def test_query_text_keeps_an_abbreviations_full_stop(typed: str, read: str) -> None:
    from digests.commands.args import query_text

    assert query_text(typed) == read


def test_a_watch_on_a_flag_watches_its_country(corpus: Store) -> None:
    ctx = CommandContext(platform="console", channel_id="c", can_manage=True, extra={"today": "2026-02-06"})
    added = ask(corpus, "watch", "add \U0001F1F0\U0001F1F7", ctx)
    assert added.kind == "answer" and "South Korea (country)" in added.title
    assert "South Korea" in ask(corpus, "watch", "remove 1.", ctx).title


@pytest.mark.parametrize(("command", "args", "same_as"), [
    # found in 12-06's walks: the marks were echoed ('Several people match “**Lee**”', 'Timeline:
    # __Nara__') and a marked topic matched nothing ('Nothing new on **trade**')
    ("who-said", "**Lee**", "Lee"), ("who-said", "||Lee Jae-myung||, _trade_", "Lee Jae-myung, trade"),
    ("who-said", "*Lee Jae-myung* about `trade`", "Lee Jae-myung about trade"),
    ("timeline", "__Red Sea__", "Red Sea"), ("timeline", "~~Red Sea~~ 2026-02-01 2026-02-28",
                                             "Red Sea 2026-02-01 2026-02-28"),
    ("timeline", "> South Korea", "South Korea"), ("timeline", "[Red Sea](https://x.example/a)", "Red Sea"),
    ("digest", "2026-02-01..2026-02-06 **trade**", "2026-02-01..2026-02-06 trade"),
    ("digest", "2026-02-01..2026-02-06 `South Korea`,", "2026-02-01..2026-02-06 South Korea"),
])
def test_a_query_is_read_without_its_chat_markup(
    corpus: Store, command: str, args: str, same_as: str
) -> None:
    marked, plain_reply = ask(corpus, command, args), ask(corpus, command, same_as)
    assert marked == plain_reply
    assert not re.search(r"[*_~`|>\[]", marked.title + (marked.note or ""))
    if command == "timeline" and " 2026" not in args:  # Discord's typed option, read alike
        assert invoke(corpus, command, {"query": args}, CTX) == plain_reply


@pytest.mark.parametrize(("typed", "read"), [
    ("**Lee**", "Lee"), ("||Lee||", "Lee"), ("Lee Min-ji | trade", "Lee Min-ji | trade"),
    ("snake_case", "snake_case"), ("AT&T", "AT&T"), ("-# Lee", "Lee"), ("# Lee", "Lee"), ("***", ""),
    ('"**Red Sea**"', '"Red Sea"'), ("**U.S.**", "U.S."), ("** Lee **", "Lee"),
])
def test_strip_markup_keeps_the_words(typed: str, read: str) -> None:
    from digests.commands.args import strip_markup

    assert strip_markup(typed) == read


@pytest.mark.parametrize("query", ["@everyone", "@here", "<@123456789012345678>", "<!channel>", "<#C0123>",
                                   '"@everyone"', "Takaichi @here", "Lee*Min", "<b>Nara</b>"])
def test_a_mention_or_markup_is_no_watch(corpus: Store, query: str) -> None:
    """'/watch add @everyone' watched the word 'everyone' (an alert on any article saying it)."""
    ctx = CommandContext(platform="console", channel_id="c", can_manage=True, extra={"today": "2026-02-06"})
    reply = ask(corpus, "watch", f"add {query}", ctx)
    assert reply.kind == "error" and ("mention" in reply.title or "markup" in reply.title), reply.title
    assert len(reply.title) < 160
    assert invoke(corpus, "watch", {"action": "add", "query": query}, ctx).kind == "error"
    assert corpus.watches_of(ctx.channel) == []
    added = ask(corpus, "watch", "add **Lee Jae-myung**", ctx)
    assert added.kind == "answer" and "*" not in added.title


def test_settings_values_are_read_as_queries_and_refuse_mentions(corpus: Store) -> None:
    """Found in the 8th session's walk: '/settings topics **trade**' said "Unknown topic '**trade**'",
    and '/settings include @here' kept '@here', shown back by /settings."""
    ctx = CommandContext(platform="console", channel_id="s", can_manage=True, extra={"today": "2026-02-06"})
    changed = ask(corpus, "settings", "topics **trade**, `security`.", ctx)
    assert changed.title == "Changed topics for this channel"
    assert ask(corpus, "settings", "countries \U0001F1EF\U0001F1F5", ctx).kind == "answer"
    shown = {i.label: i.text for i in ask(corpus, "settings", "", ctx).items}
    assert shown["topics"].startswith("trade, security (set in this channel)")
    assert shown["countries"].startswith("Japan (set in this channel)")
    for value in ("include @here", "exclude football, <@123456789012345678>"):
        refused = ask(corpus, "settings", value, ctx)
        assert refused.kind == "error" and "is a mention, not a value" in refused.title


def test_removing_a_watch_from_a_channel_without_any_says_so(corpus: Store) -> None:
    """Found in the 8th session's walk: '/watch remove 0' on a channel without watches answered
    'No watch 0: this channel has 0.'"""
    ctx = CommandContext(platform="console", channel_id="w", can_manage=True, extra={"today": "2026-02-06"})
    for words in ("remove 0", "remove 1", "remove everyone", "remove"):
        said = ask(corpus, "watch", words, ctx).title
        assert said == "This channel watches nothing yet: nothing to remove."


@pytest.mark.parametrize(("command", "args"), [
    ("digest", "week @everyone"), ("who-said", "Lee Jae-myung, @here"), ("who-said", "@everyone"),
    ("timeline", "<@123456789012345678> 2026-01"), ("timeline", "<!channel>"), ("watch", "remove @everyone"),
])
def test_a_mention_is_no_query(corpus: Store, command: str, args: str) -> None:
    """Found in the 8th session's walk: '/digest week @everyone' answered 'Nothing new on @everyone'
    under a digest headed '· @everyone' (posted to the channel); a mention names nothing articles hold."""
    ctx = CommandContext(platform="console", channel_id="m", can_manage=True, extra={"today": "2026-02-06"})
    reply = ask(corpus, command, args, ctx)
    assert reply.kind == "error" and "is a mention, not words an article holds" in reply.title, reply.title
    param = {"digest": "topic", "who-said": "about", "timeline": "query", "watch": "query"}[command]
    options = {param: args.split(" ", 1)[-1].split(", ")[-1].removesuffix(" 2026-01")}
    assert invoke(corpus, command, options, ctx).kind == "error"
    assert ask(corpus, "who-said", "press@un.org", ctx).kind == "error"  # an address is no mention...
    assert "mention" not in ask(corpus, "who-said", "press@un.org", ctx).title  # ...only unknown
