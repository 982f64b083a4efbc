"""Absurd values for /watch and /settings, tried on 12-07 at the console: a watch on "a" or "the"
was taken (it would alert on every article read), "/settings include ,,," set the field to no limit
without a word, and "/settings exclude all" showed "exclude: all (no limit)", which reads as leaving
every story out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from digests.commands import CommandContext, Reply, handle
from digests.store import Store

CTX = CommandContext(platform="console", user_id="U1", channel_id="desk", can_manage=True)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "w.db") as s:
        yield s


def ask(store: Store, command: str, args: str) -> Reply:
    return handle(store, command, args, CTX)


@pytest.mark.parametrize("typed", ["a", "the", '"of the"', "“it is”", "it s", "A"])
def test_a_watch_on_words_every_article_holds_is_refused(store: Store, typed: str) -> None:
    reply = ask(store, "watch", f"add {typed}")
    assert reply.kind == "error"
    assert reply.title.endswith("is in nearly every article: watch a person, organisation, country, topic "
                                "or a \"phrase\" that tells stories apart.")
    assert "watches nothing" in ask(store, "watch", "list").title


@pytest.mark.parametrize("typed", ['"the Hague"', "Bay of Pigs", "G7", '"a 10"'])
def test_a_phrase_with_one_telling_word_is_watched(store: Store, typed: str) -> None:
    assert ask(store, "watch", f"add {typed}").kind == "answer"


@pytest.mark.parametrize(("typed", "said"), [
    ("include ,,,", "Give words a story must mention (any of them), separated by commas, or all for no "
                    "limit (e.g. /settings include Red Sea)."),
    ("exclude **", "Give words that keep a story out, separated by commas, or none for no limit "
                   "(e.g. /settings exclude football)."),
    ("topics , ,", "Give topics a digest keeps to, separated by commas, or all for no limit "
                   "(e.g. /settings topics trade, security)."),
])
def test_a_setting_of_commas_or_markup_alone_is_refused(store: Store, typed: str, said: str) -> None:
    reply = ask(store, "settings", typed)
    assert (reply.kind, reply.title) == ("error", said)
    assert "set in this channel" not in str(ask(store, "settings", "").items)


def test_exclude_set_to_no_limit_reads_as_nothing_left_out(store: Store) -> None:
    for word in ("all", "none"):
        reply = ask(store, "settings", f"exclude {word}")
        shown = {i.label: i.text for i in reply.items}
        assert shown["exclude"].startswith("none (nothing left out) (set in this channel)")


def test_an_unknown_country_names_what_would_work(store: Store) -> None:
    """It was "Unknown country or region 'Atlantis'." with nothing to type instead."""
    reply = ask(store, "settings", "countries Atlantis")
    assert reply.kind == "error"
    assert reply.title.startswith("Unknown country or region 'Atlantis': give a country's name or code "
                                  "(Japan, KR) or a region: Africa, ")
    for region in ("Middle East", "Korean Peninsula"):
        assert region in reply.title
        assert ask(store, "settings", f"countries {region}").kind == "answer"
