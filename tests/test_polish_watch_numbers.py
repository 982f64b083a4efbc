"""/watch add 2026 was taken as a word watch, alerting on every article dated or counting 2026."""

from __future__ import annotations

from pathlib import Path

import pytest

from digests.commands import CommandContext, handle
from digests.store import Store


def manager() -> CommandContext:
    return CommandContext(platform="console", channel_id="desk", is_admin=True, can_manage=True)


@pytest.mark.parametrize("query", ["2026", '"500"', "1 000", "2,026"])
def test_a_number_alone_is_refused_with_the_reason(tmp_path: Path, query: str) -> None:
    with Store.open(tmp_path / "w.db") as store:
        reply = handle(store, "watch", f"add {query}", manager())
        assert reply.kind == "error" and "is only a number" in reply.title, reply.title
        assert 'e.g. /watch add "budget 2026"' in reply.title
        assert store.watches_of("console:desk") == []


@pytest.mark.parametrize("query", ["budget 2026", "G20", '"Agenda 2030"'])
def test_numbers_with_words_are_watched(tmp_path: Path, query: str) -> None:
    with Store.open(tmp_path / "w.db") as store:
        reply = handle(store, "watch", f"add {query}", manager())
        assert reply.kind == "answer" and reply.title.startswith("Watching"), reply.title
        assert len(store.watches_of("console:desk")) == 1
