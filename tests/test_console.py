"""The console adapter, read like chat transcripts: what the user types, what the bot prints."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from adapters.console.app import ConsolePoster, parse_line, run_console, run_lines
from digests.store import Store
from tests.commands_corpus import load_corpus

Transcript = Callable[..., str]


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[Store]:
    s = load_corpus(tmp_path / "console.db")
    yield s
    s.close()


@pytest.fixture
def chat(corpus: Store) -> Transcript:
    def run(*lines: str) -> str:
        out = io.StringIO()
        assert run_lines(corpus, lines, out, today=date(2026, 2, 6)) == 0
        return out.getvalue()

    return run


def test_the_latest_digest_comes_first(chat: Transcript) -> None:
    out = chat()
    assert out.startswith("# GeoDigest · 6 Feb 2026")
    assert "Korea weighs its options" in out


def test_who_said_a_shared_surname(chat: Transcript) -> None:
    out = chat("/who-said Lee")
    assert "> /who-said Lee" in out
    assert "Several people match “Lee”: which one?" in out
    assert "- Lee Jae-myung  President · 5 quotations" in out
    assert "- Lee Min-ji  professor, Hanbit University · 1 quotation" in out  # the role as written


def test_who_said_one_person_about_a_topic(chat: Transcript) -> None:
    out = chat("/who-said Lee Jae-myung trade")
    assert "What Lee Jae-myung (President) said about trade" in out
    assert "- 4 Feb 2026 · quote  “Our sailors protect our trade” (Northwind Wire)" in out
    assert "<https://northwind.example/news/korea-navy-escort>" in out


def test_timeline_and_sources(chat: Transcript) -> None:
    out = chat("/timeline South Korea", "sources")
    assert "Timeline: South Korea (country)" in out
    assert "- 3 Feb 2026 · occurred  South Korea sent a destroyer" in out
    assert "- Coming up · Mar 2026 · reported, unconfirmed  Unnamed officials" in out
    assert "Recently read (4 articles stored)" in out


def test_digest_for_a_period_and_topic(chat: Transcript) -> None:
    out = chat("/digest 2026-02-01..2026-02-06 trade")
    assert "# GeoDigest · 1–6 Feb 2026 · Trade" in out
    answer = out.split("> /digest", 1)[1]
    assert "_Trade" in answer and "Sources:" in answer  # stories of the topic, with their sources


def test_bad_lines_get_one_helpful_line(chat: Transcript) -> None:
    out = chat("/frobnicate", "/who-said", "", "# a comment", "/timeline Red Sea 2026-02-30", "/")
    assert "Unknown command /frobnicate. Try /help for the list." in out
    assert "Whose quotations? Usage: /who-said person [about]" in out
    assert "'2026-02-30' is not a real date" in out
    assert "A command name goes after the slash: /help lists them." in out  # it read "Unknown command /?"
    assert out.count("\n> /") == 4  # blank lines and comments are not commands


def test_quit_stops_reading(chat: Transcript) -> None:
    out = chat("/help", "/quit", "/sources")
    assert "GeoDigest commands" in out and "Recently read" not in out


def test_parse_line() -> None:
    assert parse_line("  /who-said  Lee Jae-myung  ") == ("who-said", "Lee Jae-myung")
    assert parse_line("TIMELINE Red Sea") == ("timeline", "Red Sea")
    assert parse_line("   ") is None and parse_line("# note") is None


async def test_stdin_closed_prints_the_digest_and_exits_zero(corpus: Store) -> None:
    out = io.StringIO()
    code = await run_console(corpus, io.StringIO(""), out, today=date(2026, 2, 6))
    assert code == 0 and out.getvalue().startswith("# GeoDigest")


async def test_piped_stdin_is_answered_in_order(corpus: Store) -> None:
    out = io.StringIO()
    stdin = io.StringIO("/help\n/who-said Xi\n")
    assert await run_console(corpus, stdin, out, today=date(2026, 2, 6)) == 0
    text = out.getvalue()
    assert text.index("GeoDigest commands") < text.index("What Xi Jinping (Chinese President) said")


async def test_console_poster_prints_scheduled_digests(corpus: Store) -> None:
    from digests.digest import build_digest

    out = io.StringIO()
    poster = ConsolePoster(out)
    ids = await poster.post_digest("desk", build_digest(corpus, date(2026, 2, 5), date(2026, 2, 6)))
    assert ids == ["console-1"]
    assert "=== scheduled digest for console:desk ===" in out.getvalue()
    assert "# GeoDigest · 5–6 Feb 2026" in out.getvalue()


def test_digest_hint_is_printed_once(tmp_path: Path) -> None:
    """An empty digest's hint ("the newest article is from ...") appears once, not twice."""
    with load_corpus(tmp_path / "hint.db") as store:
        out = io.StringIO()
        run_lines(store, ["/digest 2030-01-01..2030-01-02"], out, today=date(2030, 1, 2))
    assert out.getvalue().count("The newest article is from") == 1


def test_an_empty_digest_before_the_oldest_article_says_where_the_articles_start(tmp_path: Path) -> None:
    """A period before any stored article gets the oldest article's day to try, as one after the
    newest gets the newest's; a period among the stored days gets no hint."""
    from digests.commands import empty_period_note

    with load_corpus(tmp_path / "old.db") as store:
        oldest, newest = store.published_range()
        assert oldest and newest
        out = io.StringIO()
        run_lines(store, ["/digest 1990-01-01..1990-01-07"], out, today=date(2030, 1, 2))
        assert f"The oldest article is from {oldest}: try /digest {oldest}" in out.getvalue()
        assert empty_period_note(store, date.fromisoformat(oldest), date.fromisoformat(newest)) is None


def test_a_page_typed_alone_continues_the_last_long_answer(
    chat: Transcript, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found in 12-06's tmux walk: 'page 2', 'more' or 'next' typed after an answer that ends
    '3 more: /who-said Lee Jae-myung page 2' said 'A page goes with its command ... e.g. /timeline
    Red Sea page 2'; the console knows the answer it just printed, and shows its next page."""
    monkeypatch.setattr("digests.commands.PAGE_SIZE", 2)
    out = chat("/who-said Lee Jae-myung", "more", "next", "page 1", "/help", "more",
               "/who-said Lee Jae-myung page 3", "more", "next", "page 2")
    answers = out.split("\n> ")[1:]
    assert answers[0].rstrip().endswith("3 more: /who-said Lee Jae-myung page 2")
    assert answers[1].startswith("more\nWhat Lee Jae-myung")
    assert "1 more: /who-said Lee Jae-myung page 3" in answers[1]
    assert answers[2].startswith("next\nWhat Lee Jae-myung") and "more:" not in answers[2]
    assert answers[3] == answers[0].replace("/who-said Lee Jae-myung\n", "page 1\n", 1)  # back to the first
    assert answers[5].startswith("more\nNo more pages: the last answer was whole.")  # /help has no pages
    # found in the 8th session's walk: 'more' after the last page showed the last page again
    assert answers[7] == answers[8].replace("next\n", "more\n", 1) == \
        "more\nThat was the last page: /who-said Lee Jae-myung page 1 goes back to the first.\n"
    assert answers[9].startswith("page 2\nWhat Lee Jae-myung") and "1 more:" in answers[9]
