"""Discord as a hostile or broken peer: gateway events with fields of the wrong type, interactions
of shapes discord.py's tree cannot read, and forms or menus GeoDigest never made.

Tried on 12-07 against the fake on 127.0.0.1 (41 odd payloads): one interaction whose member
permissions were not an integer string ended discord.py's connection (the parser's ValueError
leaves ``Client.connect``), and with it the bot's Discord session; 4 shapes failed in the tree with
'Task exception was never retrieved' and no answer; a select menu, a form and a foreign button got no
answer ('This interaction failed')."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from adapters.discord.client import NO_MENUS, UNREADABLE, DiscordConfig, GeoDigestClient, store_runner
from tests.fakes import wait_until
from tests.fakes.discord import GUILD_ID, TOKEN, FakeDiscord

EPHEMERAL = 64


@contextlib.asynccontextmanager
async def session(store_path: Path) -> AsyncIterator[tuple[GeoDigestClient, asyncio.Future[None]]]:
    cfg = DiscordConfig(token=TOKEN, guild_id=int(GUILD_ID), guild_ready_timeout=0.05)
    client = GeoDigestClient(cfg, store_runner(store_path))
    task = asyncio.ensure_future(client.start(TOKEN))
    try:
        await asyncio.wait_for(client.ready.wait(), timeout=10)
        yield client, task
    finally:
        await client.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, timeout=10)


async def answer(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    await fake.dispatch("INTERACTION_CREATE", payload)
    found = await wait_until(lambda: fake.answers_to(payload), what=f"an answer to {payload['id']}")
    assert len(found) == 1
    return dict(found[0])


def changed(fake: FakeDiscord, name: str, change: Any) -> dict[str, Any]:
    payload = copy.deepcopy(fake.interaction(name))
    change(payload)
    return payload


async def test_a_malformed_event_costs_that_event_not_the_session(
    discord_fake: FakeDiscord, store_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fake = discord_fake
    unreadable = [
        changed(fake, "help", lambda p: p["member"].__setitem__("permissions", "lots")),
        changed(fake, "help", lambda p: p.__setitem__("app_permissions", "all of them")),
        changed(fake, "timeline", lambda p: p["member"].__setitem__("roles", ["admin"])),
    ]
    async with session(store_path) as (_, task):
        with caplog.at_level(logging.WARNING):
            for payload in unreadable:
                got = await answer(fake, payload)
                assert got == {"type": 4, "data": {"content": UNREADABLE, "flags": EPHEMERAL,
                                                   "allowed_mentions": {"parse": []}}}
            await fake.dispatch("GUILD_CREATE", {"id": "not a snowflake", "name": 5})
            await fake.dispatch("GUILD_DELETE", {"id": "nor this"})
            # the session goes on: the next command is answered as ever
            got = await answer(fake, fake.interaction("help"))
            assert got["data"]["embeds"][0]["title"] == "GeoDigest commands"
            assert not task.done()
    skipped = [r.getMessage() for r in caplog.records if "could not read" in r.getMessage()]
    assert len(skipped) == 5
    assert skipped[0] == ("discord: skipped a INTERACTION_CREATE event discord.py could not read "
                          "(ValueError: invalid literal for int() with base 10: 'lots')")
    assert "GUILD_CREATE" in skipped[3] and "GUILD_DELETE" in skipped[4]
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert fake.refused == []


async def test_a_replayed_unreadable_interaction_is_answered_once(
    discord_fake: FakeDiscord, store_path: Path
) -> None:
    fake = discord_fake
    payload = changed(fake, "help", lambda p: p["member"].__setitem__("permissions", "?"))
    async with session(store_path):
        await answer(fake, payload)
        await fake.dispatch("INTERACTION_CREATE", payload)
        await asyncio.sleep(0.3)
    assert len(fake.answers_to(payload)) == 1
    assert fake.refused == []


def _options(name: str, options: Any) -> Any:
    def change(p: dict[str, Any]) -> None:
        p["data"]["name"] = name
        p["data"]["options"] = options
    return change


async def test_shapes_the_command_tree_cannot_read_get_one_line(
    discord_fake: FakeDiscord, store_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fake = discord_fake
    person = {"name": "person", "type": 3}
    payloads = [
        changed(fake, "help", lambda p: p.__setitem__("data", None)),
        changed(fake, "help", lambda p: p.pop("member")),  # neither a member nor a user
        changed(fake, "who-said", _options("who-said", "Quint")),
        changed(fake, "who-said", _options("who-said", [person])),  # an option without its value
        changed(fake, "who-said", _options("who-said", [{**person, "value": {"name": "Quint"}}])),
        changed(fake, "who-said", lambda p: (_options("who-said", [{**person, "value": "Quint"}])(p),
                                             p["data"].__setitem__("resolved", []))),
    ]
    async with session(store_path):
        with caplog.at_level(logging.WARNING):
            for payload in payloads:
                got = await answer(fake, payload)
                assert got["data"]["content"] == UNREADABLE
                assert got["data"]["flags"] == EPHEMERAL
            # an autocomplete of such a shape takes no message: no choices
            complete = changed(fake, "who-said", _options("who-said", [{**person, "focused": True}]))
            complete["type"] = 4
            assert await answer(fake, complete) == {"type": 8, "data": {"choices": []}}
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert fake.refused == []


async def test_forms_menus_and_foreign_buttons_get_one_polite_line(
    discord_fake: FakeDiscord, store_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fake = discord_fake
    message = {"id": fake.snowflake(), "channel_id": "1", "content": "", "components": []}
    select = fake.component_interaction(message, "pick-a-country")
    select["data"] = {"custom_id": "pick-a-country", "component_type": 3, "values": ["JP"]}
    form = fake.component_interaction(message, "unused")
    form["type"] = 5
    form["data"] = {"custom_id": "feedback-form", "components": []}
    button = fake.component_interaction(message, "vote:yes")
    async with session(store_path):
        with caplog.at_level(logging.INFO):
            for payload in (select, form, button):
                got = await answer(fake, payload)
                assert got == {"type": 4, "data": {"tts": False, "content": NO_MENUS, "flags": EPHEMERAL,
                                                   "allowed_mentions": {"parse": []}}}
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.WARNING]
    assert fake.refused == []
