"""Absurd arguments a newcomer types, read like chat transcripts (console) and as one reply each.

Tried on 12-07: `/digest -3d` showed an empty digest about the subject "-3d"; a range typed the
wrong way round was refused without the line to type; `more` after a "which one?" list answered
"That was the last page" and named a page 1 that lists the same choices."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from adapters.console.app import run_lines
from digests.commands import CommandContext, Reply, handle
from digests.store import Store
from tests.commands_corpus import load_corpus

CTX = CommandContext(platform="console", extra={"today": "2026-02-06"})


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[Store]:
    s = load_corpus(tmp_path / "c.db")
    yield s
    s.close()


@pytest.mark.parametrize(("typed", "meant", "signed"), [
    ("-3d", "3d", "-3d"),
    ("-3d trade", "3d trade", "-3d"),
    ("+2w South Korea", "2w South Korea", "+2w"),
    ("\u22121 week", "1 week", "\u22121 week"),
])
def test_a_period_with_a_sign_is_refused_with_the_line_to_type(corpus: Store, typed: str, meant: str,
                                                                 signed: str) -> None:
    reply = handle(corpus, "digest", typed, CTX)
    assert reply.kind == "error"
    assert reply.title == (f"A period counts back from today without a sign: /digest {meant}, "
                           f"not {signed!r}.")


def test_a_subject_opening_with_a_hyphen_is_still_a_subject(corpus: Store) -> None:
    assert handle(corpus, "digest", "-Korea", CTX).kind == "digest"


@pytest.mark.parametrize(("command", "typed", "fix"), [
    ("digest", "2026-02-05..2026-02-01", "2026-02-01..2026-02-05"),
    ("timeline", "Red Sea 2026-03-01 2026-02-01", "2026-02-01..2026-03-01"),
])
def test_a_range_the_wrong_way_round_says_how_to_write_it(corpus: Store, command: str, typed: str,
                                                          fix: str) -> None:
    reply = handle(corpus, command, typed, CTX)
    assert reply.kind == "error"
    assert reply.title.endswith(f"put the earlier day first, {fix}.")


@pytest.fixture
def chat(corpus: Store) -> Callable[..., str]:
    def run(*lines: str) -> str:
        out = io.StringIO()
        assert run_lines(corpus, lines, out, today=date(2026, 2, 6)) == 0
        return out.getvalue()

    return run


def test_more_after_a_which_one_list_says_there_are_no_pages(chat: Callable[..., str]) -> None:
    for asked in ("/who-said Lee", "/who-said Lee page 2"):
        out = chat(asked, "more").split("\n> more\n")[1]
        assert "Several people" not in out
        assert out.startswith("No more pages: the last answer was whole.")


@pytest.mark.parametrize(("typed", "hint"), [
    ("Lee", "Unknown command /lee. Did you mean /who-said Lee? Try /help for the list."),
    ("xi jinping", "Unknown command /xi. Did you mean /who-said Xi Jinping? Try /help for the list."),
    ("japan", "Unknown command /japan. Did you mean /timeline japan? Try /help for the list."),
    ("trade", "Unknown command /trade. Did you mean /digest week trade? Try /help for the list."),
    ("frobnicate now", "Unknown command /frobnicate. Try /help for the list."),
])
def test_a_name_typed_alone_is_pointed_to_its_command(chat: Callable[..., str], typed: str,
                                                       hint: str) -> None:
    """At the prompt a newcomer types the name they want to know about: it was 'Unknown command /lee.
    Try /help for the list.'"""
    assert chat(typed).split(f"\n> {typed}\n")[1].strip() == hint


def test_help_for_a_split_name_or_pages(corpus: Store) -> None:
    def ask(args: str, platform: str = "console") -> Reply:
        return handle(corpus, "help", args, CommandContext(platform=platform))

    assert ask("who said").title == ("No command /who said. Did you mean /help who-said? "
                                     "Try /help for the list.")
    assert ask("whosaid").title.startswith("No command /whosaid. Did you mean /help who-said?")
    pages = ask("page")
    assert pages.kind == "answer" and pages.title == "Pages"
    assert "more (next) alone" in pages.items[0].text
    assert pages.note == "Commands that page: /who-said, /timeline, /sources"
    assert "Previous and Next" in ask("more", "discord").items[0].text


def test_a_page_past_the_end_names_the_last_page(corpus: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """It counted the pages and left the line to type to the reader."""
    beyond = handle(corpus, "who-said", "Lee Jae-myung page 99999", CTX)
    assert beyond.title == "Page 99999 is past the end: 5 quotations, one page: /who-said Lee Jae-myung."
    monkeypatch.setattr("digests.commands.PAGE_SIZE", 2)
    beyond = handle(corpus, "who-said", "Lee Jae-myung page 7", CTX)
    assert beyond.title == ("Page 7 is past the end: 5 quotations, 3 pages: the last is "
                            "/who-said Lee Jae-myung page 3.")
    assert handle(corpus, "who-said", "Lee Jae-myung page 3", CTX).items
    total = len(corpus.list_articles(limit=1000, offset=0))
    pages = -(-total // 2)
    assert handle(corpus, "sources", "page 400", CTX).title.endswith(f"the last is /sources page {pages}.")
    assert handle(corpus, "sources", f"page {pages}", CTX).items
    monkeypatch.setattr("digests.commands.PAGE_SIZE", 1)
    ranged = handle(corpus, "timeline", "Red Sea 2026-01-01 2026-03-31 page 50", CTX)
    assert ranged.title == ("Page 50 is past the end: 2 events, 2 pages: the last is "
                            "/timeline Red Sea 2026-01-01 2026-03-31 page 2.")
    assert handle(corpus, "timeline", "Red Sea 2026-01-01 2026-03-31 page 2", CTX).items


def test_a_huge_paste_is_echoed_short_and_counted(chat: Callable[..., str]) -> None:
    """A piped console echoes each line: a pasted megabyte was echoed whole above its one-line answer."""
    pasted = "/timeline " + "Red Sea " * 125_000
    out = chat(pasted)
    echo, answer = out.split("\n> ", 1)[1].split("\n")[:2]
    assert len(echo) < 400 and echo.endswith(f"… ({len(pasted.strip()):,} characters)")
    assert answer == ("That is too long (999,999 characters, at most 200). "
                      "Usage: /timeline query [from] [to] [page]")
    assert len(out) < 10_000
    assert "\n> /help\n" in chat("/help")  # a short line is echoed as typed


def test_help_at_the_console_says_how_to_go_on_and_leave(chat: Callable[..., str], corpus: Store) -> None:
    """A newcomer at the prompt was told the commands but neither `more` nor how to leave."""
    out = chat("/help").split("\n> /help\n")[1]
    assert out.rstrip().endswith("At this prompt: more goes on with a long answer, quit (or Ctrl-D) leaves.")
    slack = handle(corpus, "help", "", CommandContext(platform="slack"))
    assert slack.note is not None and "quit" not in slack.note
