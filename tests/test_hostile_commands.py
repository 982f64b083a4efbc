"""Hostile and new-user input to every chat command, from the command declarations.

Empty, huge, absurd and unicode arguments, mentions ("@everyone", "<!channel>", "<@U123>"),
mrkdwn and Markdown injection, reversed or impossible dates, page numbers 0, -1 and 10**20:
never an exception, never a bug reply, and every answer short and inert on each platform.
A property test (hypothesis, derandomized by tests/conftest.py's profile) draws arguments
from those pieces; the failures it found are kept below as explicit cases. The end-to-end
cases go through the console adapter, and through the real slack-bolt and discord.py code
paths against the fake Slack and Discord on 127.0.0.1.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.console.app import parse_line, run_lines
from adapters.discord.client import reply_to_payloads as discord_payloads
from adapters.slack.app import reply_to_payloads as slack_payloads
from digests.commands import COMMANDS, MAX_ARGS, PAGE_SIZE, CommandContext, Reply, handle, invoke
from digests.commands.args import MAX_PAGE
from digests.render import render_reply_text
from digests.store import Store
from tests.fakes import make_store, wait_until
from tests.fakes.discord import FakeDiscord, message_problems
from tests.fakes.slack import FakeSlack, block_kit_problems

TODAY = {"today": "2026-03-10"}
# what a user may type into any argument: mentions, markup, absurd values, other scripts
PIECES = [
    "@everyone", "@here", "<!channel>", "<!here|here>", "<@U123>", "<#C1|general>",
    "<https://evil.example|click>", "*bold*", "_it_", "~gone~", "`code`", "```block```",
    "[link](https://evil.example)", "> quoted", "||spoiler||",
    "2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31", "2026-03-01..2026-01-01", "from", "to", "..",
    "page", "page 0", "page -1", f"page {10**20}", "p0", "p.-3", "about", "last", "week", "month", "-1", "0",
    "\u202e", "\u0644\u0649", "\u4e2d\u56fd", "\U0001f600", "Z\u0351\u0353a\u0348lgo", "\x00", "\x1b[31m",
    "\t",
    # zero-width joiners and non-joiners, word joiners and direction marks inside a mention
    "@every\u200done", "@\u200dhere", "<!\u200dchannel>", "<!chan\u200cnel>", "@\u2060everyone",
    "\u200f@here",
    "\x00\xff\xfe\x7f",
    "'", '"', "\\", "%s", "' OR 1=1 --", "add", "list", "remove", "show", "reset", "topics", "exclude", "all",
    "default", "help", "/help", "Lind", "Mara Quint", "Brenmark",
]
ARGS = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=8).map(" ".join),
    st.text(max_size=40),
    st.builds(lambda piece, n: piece * n, st.sampled_from(PIECES), st.integers(1, 400)),
)
# commands a hostile argument could make fetch a page (a host outside this machine): never run here
# with an admin context; the rest run as an admin too, so that they get past the permission checks
FETCHING = {"ingest", "feeds"}
SLACK_ESCAPES = re.compile(r"<[!@#]")  # a live mention or channel link in mrkdwn


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with make_store(tmp_path_factory.mktemp("hostile") / "t.db") as s:
        yield s


def context(platform: str = "slack", admin: bool = False) -> CommandContext:
    return CommandContext(
        platform=platform, user_id="U0USER", channel_id="C0CHAN", is_admin=admin, can_manage=admin,
        extra=TODAY,
    )


def mrkdwn_texts(payload: dict[str, Any]) -> Iterator[str]:
    """Every string of a Slack payload that Slack reads as mrkdwn (plain_text shows `<!x>` as typed)."""
    yield str(payload.get("text") or "")

    def walk(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            if node.get("type") == "mrkdwn":
                yield str(node.get("text", ""))
            for value in node.values():
                if isinstance(value, dict | list):
                    yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    yield from walk(payload.get("blocks") or [])


def check_inert(reply: Reply, typed: str) -> None:
    """The reply is no bug, short, and inert on Slack, Discord and the console."""
    assert not reply.title.startswith("Sorry,"), (typed, reply.title)
    assert len(reply.items) <= PAGE_SIZE
    if reply.kind == "error":
        assert "\n" not in reply.title and len(reply.title) <= 400, reply.title
    for payload in slack_payloads(reply):
        assert not block_kit_problems(payload)
        for text in mrkdwn_texts(payload):
            assert not SLACK_ESCAPES.search(text), text
    for payload in discord_payloads(reply):
        assert not message_problems(payload)
        blob = json.dumps(payload, ensure_ascii=False)
        assert not re.search(r"@(everyone|here)", blob), blob[:300]
        assert not re.search(r"<[@#]", blob), blob[:300]
    text = render_reply_text(reply)
    assert "\x1b" not in text and "\x00" not in text
    assert len(text) < 12_000


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(COMMANDS)), typed=ARGS, admin=st.booleans())
def test_any_argument_line_gets_a_short_inert_answer(
    store: Store, name: str, typed: str, admin: bool
) -> None:
    admin = admin and name not in FETCHING
    reply = handle(store, name, typed, context(admin=admin))
    check_inert(reply, typed)


# Failures the property test and the pass by hand found, kept as explicit cases (command, typed, what
# the answer says), and the brief's list of hostile arguments for every command.
FOUND = [
    # a page number past SQLite's integers: "Sorry, /sources failed on our side"
    ("sources", f"page {10**20}", f"Page numbers go up to {MAX_PAGE:,}."),
    ("sources", "p 99999999999999999999999", f"Page numbers go up to {MAX_PAGE:,}."),
    ("who-said", f"Lind page {10**20}", f"Page numbers go up to {MAX_PAGE:,}."),
    ("timeline", f"Lind page {MAX_PAGE + 1}", f"Page numbers go up to {MAX_PAGE:,}."),
    # "page -1" was read as part of the name ("No quotations from “Lind page -1”")
    ("who-said", "Lind page -1", "Pages start at 1."),
    ("sources", "page -1", "Pages start at 1."),
    ("timeline", "Lind page 0", "Pages start at 1."),
]


@pytest.mark.parametrize(("name", "typed", "says"), FOUND)
def test_found_cases(store: Store, name: str, typed: str, says: str) -> None:
    reply = handle(store, name, typed, context())
    assert reply.kind == "error" and says in reply.title, reply.title
    check_inert(reply, typed)


BRIEF = [
    "", " ", "x" * (MAX_ARGS + 1), "@everyone", "<!channel>", "<@U123>", "*bold* _it_ `code`", "[a](https://evil)",
    "2026-03-01 2026-01-01", "2026-02-30", "2026-01-07..2026-01-04", "page 0", "page -1", f"page {10**20}",
    "\u4e2d\u56fd \U0001f600 \u202e", "Lind 2026-13-01",
    "@every\u200done @\u200dhere <!\u200dchannel> <!chan\u200cnel>", "\u202eLind\u202c \u200f",
    "\x00\x01\xff" * 30,
]


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize("typed", BRIEF)
def test_every_command_takes_every_hostile_argument(store: Store, name: str, typed: str) -> None:
    for admin in (False, name not in FETCHING):
        check_inert(handle(store, name, typed, context(admin=admin)), typed)


def test_reversed_and_impossible_ranges_say_what_would_work(store: Store) -> None:
    reversed_range = handle(store, "timeline", "Lind 2026-03-01 2026-01-01", context())
    assert reversed_range.kind == "error" and "2026" in reversed_range.title
    impossible = handle(store, "timeline", "Lind 2026-02-30", context())
    assert impossible.kind == "error"
    digest = handle(store, "digest", "2026-01-07..2026-01-04", context())
    assert digest.kind == "error"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_typed_options_take_hostile_values_too(store: Store, name: str) -> None:
    # Discord's typed options: every parameter given a hostile value, never through the text parser
    for value in ("@everyone", "<!channel>", "2026-02-30", 0, -1, 10**20, "x" * 600, "\U0001f600"):
        options = {p.name: value for p in COMMANDS[name].params}
        admin = name not in FETCHING
        check_inert(invoke(store, name, options, context("discord", admin)), str(value))


@pytest.mark.parametrize(
    "line", ["/who-said\tLind", "who-said\x00Lind", "/who-said\u2028Lind", " /who-said  Lind "]
)
def test_the_console_reads_any_separator_after_the_command(line: str) -> None:
    # found: a tab (a pasted line) or a control character after the command made it "Unknown
    # command /who-said lind"
    assert parse_line(line) == ("who-said", "Lind")


# found on a store of real pages: a zero-width space, a soft hyphen or a NUL inside a pasted name split
# it ("/who-said O\u200bbama" asked which "O" was meant; "Oba\u00adma" gave "Mintaro Oba said about
# ma"), and Discord's options kept them (no match, and the mark echoed back in the reply)
INVISIBLE = ["\u200b", "\u00ad", "\u2060", "\ufeff", "\u200e", "\u202e", "\u2066"]


@pytest.mark.parametrize("mark", INVISIBLE)
def test_an_invisible_mark_inside_a_name_is_dropped_on_every_path(store: Store, mark: str) -> None:
    plain_reply = handle(store, "who-said", "Mara Quint", context())
    assert plain_reply.kind == "answer"
    typed = handle(store, "who-said", f"Ma{mark}ra Qu{mark}int", context())
    option = invoke(store, "who-said", {"person": f"Ma{mark}ra Qu{mark}int"}, context("discord"))
    assert typed.title == option.title == plain_reply.title
    assert parse_line(f"/who-said Ma{mark}ra Quint") == ("who-said", "Mara Quint")
    # an option of invisible marks alone is no value: the command asks for one
    empty = invoke(store, "who-said", {"person": mark * 3}, context("discord"))
    assert empty.kind == "error" and mark not in empty.title


def test_the_console_answers_every_hostile_line(tmp_path: Path) -> None:
    lines = [f"/{name} {typed}" for name in sorted(COMMANDS) if name not in FETCHING for typed in BRIEF]
    out = io.StringIO()
    with make_store(tmp_path / "t.db") as store:
        assert run_lines(store, [*lines, "/", "//", "/\U0001f600", "/who-said\x00Lind"], out,
                         today=date(2026, 3, 10)) == 0
    text = out.getvalue()
    assert "Traceback" not in text and "failed on our side" not in text and "\x1b" not in text
    assert text.count("\n> /") == len(lines) + 4  # every line echoed and answered
    assert "Unknown command /who-said" not in text


async def test_slack_answers_hostile_commands_inertly(slack: FakeSlack, tmp_path: Path) -> None:
    from tests.test_slack_e2e import slash_answers

    path = tmp_path / "t.db"
    make_store(path).close()
    typed = [("who-said", "<!channel> <@U123> @everyone"), ("timeline", "*Lind* 2026-03-01 2026-01-01"),
             ("who-said", "@every\u200done <!\u200dchannel> \u202eLind"), ("timeline", "\x00\x1b[2J" * 40),
             ("sources", f"page {10**20}"), ("digest", "\u202e" * 50), ("watch", "add <!here>"),
             ("settings", "topics <@U123>, `x`"), ("help", "x" * 2000)]
    answers = await slash_answers(slack, path, typed)
    for messages in answers.values():
        for message in messages:
            assert not block_kit_problems(message)
            assert not any(SLACK_ESCAPES.search(t) for t in mrkdwn_texts(message)), message
            assert "failed on our side" not in json.dumps(message)


async def test_discord_answers_hostile_options_inertly(discord_fake: FakeDiscord, tmp_path: Path) -> None:
    from adapters.discord.client import store_runner as discord_runner
    from tests.test_discord_e2e import connected, interact

    path = tmp_path / "t.db"
    make_store(path).close()
    asks = [("who-said", {"person": "@everyone <@123>"}),
            ("timeline", {"query": "Lind", "from": "2026-02-30"}),
            ("timeline", {"query": "Lind", "from": "2026-03-01", "to": "2026-01-01"}),
            ("digest", {"topic": "**bold** ||x||"}), ("help", {"command": "\U0001f600" * 40}),
            ("who-said", {"person": "@every\u200done @\u200dhere \u202eLind"}), ("sources", {"page": 10**6})]
    async with connected(discord_runner(path), path):
        for name, options in asks:
            payload = discord_fake.interaction(name, options)
            await interact(discord_fake, payload)
            # a slow command is deferred (type 5), then answered by a follow-up
            answers = await wait_until(
                lambda p=payload: [a for a in discord_fake.answers_to(p) if a.get("type") != 5] or None,
                what=f"an answer to /{name}",
            )
            for answer in answers:
                data = answer.get("data") or answer
                assert not message_problems(data)
                blob = json.dumps(data, ensure_ascii=False)
                assert not re.search(r"@(everyone|here)|<@", blob) and "failed on our side" not in blob
