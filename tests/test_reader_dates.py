"""Found using the bot as a new user would on real weeks of news: every answer shows a day
the same way ("6 Feb 2026", as digests and /timeline do), and a period typed wrong is said
to be one instead of being read as a subject nothing matches."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from digests.commands import CommandContext, Reply, handle
from digests.store import Store
from tests.commands_corpus import load_corpus

CTX = CommandContext(platform="console", extra={"today": "2026-02-06"})
ISO_DAY = re.compile(r"\b20\d\d-\d\d-\d\d\b")
READER_DAY = re.compile(r"^\d{1,2} [A-Z][a-z]{2} 20\d\d\b")


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[Store]:
    s = load_corpus(tmp_path / "c.db")
    yield s
    s.close()


def ask(store: Store, command: str, args: str = "") -> Reply:
    return handle(store, command, args, CTX)


def test_who_said_sources_and_timeline_show_days_alike(corpus: Store) -> None:
    for reply in (ask(corpus, "who-said", "Lee Jae-myung"), ask(corpus, "sources"),
                  ask(corpus, "timeline", "Red Sea")):
        assert reply.items, reply.title
        for item in reply.items:
            assert item.label and READER_DAY.match(item.label.removeprefix("Coming up · ")), item.label


def test_a_timeline_title_shows_its_range_as_digests_do(corpus: Store) -> None:
    def title(args: str) -> str:
        return ask(corpus, "timeline", args).title

    assert title("Red Sea 2026-02-04 2026-02-05") == "Timeline: Red Sea · 4–5 Feb 2026"
    assert title("Red Sea from 2026-01-30") == "Timeline: Red Sea · from 30 Jan 2026"
    assert title("Red Sea to 2026-02") == "Timeline: Red Sea · until 28 Feb 2026"
    # a label with its kind in brackets gets no second pair (was "South Korea (country) (1–28 Feb 2026)")
    assert title("South Korea 2026-02") == "Timeline: South Korea (country) · 1–28 Feb 2026"
    assert not ISO_DAY.search(ask(corpus, "timeline", "Red Sea 2026-01-01 2026-03-31").title)



@pytest.mark.parametrize("typed", ["2026-W06", "2026-W06 trade", "2026-2-5"])
def test_a_mistyped_period_is_said_to_be_one(corpus: Store, typed: str) -> None:
    reply = ask(corpus, "digest", typed)
    assert reply.kind == "error" and "is not a period" in reply.title
    assert "2026-01-04..2026-01-07" in reply.title
