"""The Discord adapter end to end: real discord.py against a fake Discord on 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import discord.gateway
import discord.http
import pytest
import yarl

from adapters.discord.client import (
    DiscordConfig,
    GeoDigestClient,
    Runner,
    run_discord,
    store_completer,
    store_runner,
)
from adapters.discord.embeds import digest_payloads as discord_payloads
from digests.commands import CommandContext, Reply, ReplyItem
from digests.errors import DeliveryError, GeoDigestError
from tests.fakes import long_digest, make_timeline_store, wait_until
from tests.fakes.discord import (
    CHANNEL_ID,
    GUILD_ID,
    MANAGE_GUILD,
    SEND_MESSAGES,
    TOKEN,
    FakeDiscord,
    message_problems,
)

EPHEMERAL = 64


@pytest.fixture
def fake(discord_fake: FakeDiscord) -> FakeDiscord:
    return discord_fake


@contextlib.asynccontextmanager
async def connected(runner: Runner, store_path: Path, **cfg: Any) -> AsyncIterator[GeoDigestClient]:
    settings = {"guild_id": int(GUILD_ID), "guild_ready_timeout": 0.05, **cfg}
    client = GeoDigestClient(DiscordConfig(token=TOKEN, **settings), runner, store_completer(store_path))
    task = asyncio.ensure_future(client.start(TOKEN))
    try:
        await asyncio.wait_for(client.ready.wait(), timeout=10)
        yield client
    finally:
        await client.close()
        await asyncio.wait_for(task, timeout=10)


async def interact(fake: FakeDiscord, payload: dict[str, Any], answers: int = 1) -> list[dict[str, Any]]:
    await fake.dispatch("INTERACTION_CREATE", payload)
    return await wait_until(
        lambda: len(fake.answers_to(payload)) >= answers and fake.answers_to(payload),
        what=f"{answers} answer(s) to /{payload['data'].get('name')}",
    )


async def test_login_syncs_commands_to_the_guild(fake: FakeDiscord, store_path: Path) -> None:
    async with connected(store_runner(store_path), store_path) as client:
        assert fake.identifies and fake.identifies[0]["token"] == TOKEN
        commands = {c["name"]: c for c in fake.synced[GUILD_ID]}
        assert set(commands) == {"who-said", "timeline", "digest", "sources", "ingest", "watch", "settings",
                                 "feeds", "help"}
        assert "global" not in fake.synced
        assert len(client.synced) == 9
        person = next(o for o in commands["who-said"]["options"] if o["name"] == "person")
        assert person["autocomplete"] and person["required"]
        assert [o["name"] for o in commands["timeline"]["options"]] == ["query", "from", "to", "page"]
        assert str(commands["ingest"]["default_member_permissions"]) == str(MANAGE_GUILD)
        assert str(commands["feeds"]["default_member_permissions"]) == str(MANAGE_GUILD)


async def test_global_sync_without_a_guild(fake: FakeDiscord, store_path: Path) -> None:
    async with connected(store_runner(store_path), store_path, guild_id=None):
        assert {c["name"] for c in fake.synced["global"]} >= {"who-said", "help"}
        assert GUILD_ID not in fake.synced


async def test_command_is_answered_through_the_callback(fake: FakeDiscord, store_path: Path) -> None:
    async with connected(store_runner(store_path), store_path):
        (answer,) = await interact(fake, fake.interaction("help"))
        assert answer["type"] == 4  # CHANNEL_MESSAGE_WITH_SOURCE, no defer needed
        data = answer["data"]
        assert data["allowed_mentions"] == {"parse": []}
        assert not message_problems(data)
        assert "/who-said" in str(data)


async def test_slow_command_defers_then_follows_up(fake: FakeDiscord, store_path: Path) -> None:
    async with connected(store_runner(store_path), store_path):
        payload = fake.interaction("digest", {"period": "2026-03-01..2026-03-03"})
        deferred, followup = await interact(fake, payload, answers=2)
        assert deferred["type"] == 5  # DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
        assert followup["allowed_mentions"] == {"parse": []}
        assert followup.get("embeds") and not message_problems(followup)


async def test_quick_command_that_turns_slow_is_deferred(fake: FakeDiscord, store_path: Path) -> None:
    release = asyncio.Event()
    loop = asyncio.get_running_loop()
    real = store_runner(store_path)

    def slow(command: str, args: str, ctx: CommandContext) -> Reply:
        asyncio.run_coroutine_threadsafe(release.wait(), loop).result(timeout=10)
        return real(command, args, ctx)

    async with connected(slow, store_path, defer_after=0.2):
        payload = fake.interaction("sources")
        (deferred,) = await interact(fake, payload)
        assert deferred["type"] == 5
        release.set()
        _, followup = await wait_until(
            lambda: len(fake.answers_to(payload)) == 2 and fake.answers_to(payload)
        )
        assert followup["allowed_mentions"] == {"parse": []}


async def test_ingest_needs_manage_server(fake: FakeDiscord, store_path: Path) -> None:
    calls: list[tuple[str, str, bool]] = []

    def runner(command: str, args: dict[str, object], ctx: CommandContext) -> Reply:
        calls.append((command, args, ctx.is_admin))
        return Reply(title=f"Stored 1 new article from {args}")

    async with connected(runner, store_path):
        (refusal,) = await interact(fake, fake.interaction("ingest", {"url": "https://news.example/a"}))
        assert refusal["type"] == 4 and refusal["data"]["flags"] & EPHEMERAL
        assert "Manage Server" in refusal["data"]["content"]
        assert calls == []

        admin = fake.interaction("ingest", {"url": "https://news.example/a"}, permissions=MANAGE_GUILD)
        deferred, followup = await interact(fake, admin, answers=2)
        assert deferred["type"] == 5
        assert calls == [("ingest", {"url": "https://news.example/a"}, True)]
        assert "news.example" in str(followup)


async def test_feeds_needs_manage_server_and_lists_feeds(fake: FakeDiscord, store_path: Path) -> None:
    env = ("https://news.example/world.rss",)
    async with connected(store_runner(store_path), store_path, feeds=env):
        (refusal,) = await interact(fake, fake.interaction("feeds"))
        assert refusal["type"] == 4 and refusal["data"]["flags"] & EPHEMERAL
        assert "Manage Server" in refusal["data"]["content"]
        removal = fake.interaction("feeds", {"action": "remove", "feed": "1"}, permissions=MANAGE_GUILD)
        deferred, answer = await interact(fake, removal, answers=2)
        assert deferred["type"] == 5  # /feeds may fetch: deferred at once
        assert "comes from GEODIGEST_FEEDS" in answer["content"].replace("\\", "")
        listing = fake.interaction("feeds", permissions=MANAGE_GUILD)
        _, shown = await interact(fake, listing, answers=2)
        embed = shown["embeds"][0]
        assert embed["title"] == "Feeds (1 polled)"
        seen = embed["description"].replace("\\", "").replace("\u200b", "")
        assert "1. https://news.example/world.rss (GEODIGEST_FEEDS)" in seen
        assert "not polled yet" in embed["description"]


async def test_ingest_from_a_direct_message_is_refused(fake: FakeDiscord, store_path: Path) -> None:
    calls: list[str] = []

    def runner(command: str, args: dict[str, object], ctx: CommandContext) -> Reply:
        calls.append(command)
        return Reply(title="ok")

    async with connected(runner, store_path):
        (refusal,) = await interact(fake, fake.dm_interaction("ingest", {"url": "https://news.example/a"}))
        (helped,) = await interact(fake, fake.dm_interaction("help"))
    assert refusal["data"]["flags"] & EPHEMERAL and "server" in refusal["data"]["content"]
    assert helped["type"] == 4 and calls == ["help"]


async def test_options_reach_the_command_as_arguments(fake: FakeDiscord, store_path: Path) -> None:
    calls: list[tuple[str, dict[str, object]]] = []

    def runner(command: str, args: dict[str, object], ctx: CommandContext) -> Reply:
        calls.append((command, args))
        return Reply(title="ok")

    async with connected(runner, store_path):
        await interact(fake, fake.interaction("who-said", {"person": "Mara Quint", "about": "fisheries"}))
        await interact(fake, fake.interaction("who-said", {"person": "Mara Quint"}))
        await interact(fake, fake.interaction("timeline", {"query": "Brenmark", "from": "2026-03-01"}))
        await interact(fake, fake.interaction("timeline", {"query": "Port Vell", "to": "2026-03-31"}))
        await interact(fake, fake.interaction("digest", {"topic": "trade"}))
        await interact(fake, fake.interaction("sources", {"page": 2}))
    # typed options reach the engine by name, never joined into a line to be parsed again
    assert calls == [
        ("who-said", {"person": "Mara Quint", "about": "fisheries"}),
        ("who-said", {"person": "Mara Quint"}),
        ("timeline", {"query": "Brenmark", "from": "2026-03-01"}),
        ("timeline", {"query": "Port Vell", "to": "2026-03-31"}),
        ("digest", {"topic": "trade"}),
        ("sources", {"page": 2}),
    ]


async def test_typed_options_are_answered_by_the_engine(fake: FakeDiscord, store_path: Path) -> None:
    async with connected(store_runner(store_path), store_path):
        (answer,) = await interact(fake, fake.interaction("timeline", {"query": "Lind", "to": "2026-02"}))
        assert "(until 28 Feb 2026)" in str(answer)  # `to` alone is the last day, not read as `from`
        (bad,) = await interact(fake, fake.interaction("timeline", {"query": "Lind", "from": "soon"}))
        assert "wants a date" in str(bad)


async def test_autocomplete_offers_people_from_the_store(fake: FakeDiscord, store_path: Path) -> None:
    async with connected(store_runner(store_path), store_path):
        payload = fake.interaction("who-said")
        payload["type"] = 4
        payload["data"]["options"] = [{"name": "person", "type": 3, "value": "Quin", "focused": True}]
        (answer,) = await interact(fake, payload)
        assert answer["type"] == 8  # APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
        assert {"name": "Mara Quint", "value": "Mara Quint"} in answer["data"]["choices"]


async def test_autocomplete_offers_topics(fake: FakeDiscord, store_path: Path) -> None:
    async with connected(store_runner(store_path), store_path):
        payload = fake.interaction("who-said")
        payload["type"] = 4
        payload["data"]["options"] = [
            {"name": "person", "type": 3, "value": "Oskar Lind"},
            {"name": "about", "type": 3, "value": "tra", "focused": True},
        ]
        (answer,) = await interact(fake, payload)
        choices = [c["value"] for c in answer["data"]["choices"]]
        assert "trade" in choices and len(choices) <= 25

        payload = fake.interaction("timeline")
        payload["type"] = 4
        payload["data"]["options"] = [{"name": "query", "type": 3, "value": "Lind", "focused": True}]
        (answer,) = await interact(fake, payload)
        assert "Oskar Lind" in [c["value"] for c in answer["data"]["choices"]]


async def test_long_answer_pages_with_buttons(fake: FakeDiscord, store_path: Path) -> None:
    items = [
        ReplyItem(text=f"Statement {n}: " + "the harbour committee will reopen " * 6) for n in range(150)
    ]

    def runner(command: str, args: dict[str, object], ctx: CommandContext) -> Reply:
        return Reply(title="What Mara Quint said", items=items)

    async with connected(runner, store_path):
        ask = fake.interaction("who-said", {"person": "Quint"})
        (first,) = await interact(fake, ask)
        buttons = first["data"]["components"][0]["components"]
        assert buttons[0]["label"] == "Previous" and buttons[0]["disabled"]
        next_id = next(b["custom_id"] for b in buttons if b.get("label") == "Next")
        message = next(c["message"] for c in fake.callbacks if c["id"] == ask["id"])
        (page2,) = await interact(fake, fake.component_interaction(message, next_id))
        assert page2["type"] == 7  # UPDATE_MESSAGE
        assert page2["data"]["embeds"] != first["data"]["embeds"]
        assert page2["data"]["allowed_mentions"] == {"parse": []}
        assert not message_problems(page2["data"])


def _lines(data: dict[str, Any]) -> list[str]:
    return [line for e in data["embeds"] for line in e.get("description", "").split("\n") if line]


def _next_button(data: dict[str, Any]) -> dict[str, Any]:
    return next(b for row in data["components"] for b in row["components"] if b.get("label") == "Next")


async def test_timeline_next_button_fetches_the_next_page(fake: FakeDiscord, tmp_path: Path) -> None:
    path = tmp_path / "timeline.db"
    make_timeline_store(path).close()
    async with connected(store_runner(path), path):
        ask = fake.interaction("timeline", {"query": "Veldmark", "from": "2026-03-01", "to": "2026-03-31"})
        (first,) = await interact(fake, ask)
        data = first["data"]
        message = next(c["message"] for c in fake.callbacks if c["id"] == ask["id"])
        shown = _lines(data)
        assert len(shown) == 10 and "1 Mar" in shown[0]
        assert "13 more" in data["embeds"][-1]["footer"]["text"]
        for count, left, first_day in ((10, 3, "11 Mar"), (3, 0, "21 Mar")):
            button = _next_button(data)
            assert not button.get("disabled")
            click = fake.component_interaction(message, button["custom_id"])
            (answer,) = await interact(fake, click)
            assert answer["type"] == 7  # UPDATE_MESSAGE: the page replaces the one shown
            data = answer["data"]
            assert not message_problems(data) and data["allowed_mentions"] == {"parse": []}
            lines = _lines(data)
            assert len(lines) == count and first_day in lines[0]
            shown += lines
            footer = data["embeds"][-1].get("footer", {}).get("text", "")
            assert (f"{left} more" in footer) if left else ("more" not in footer)
            message = {**message, "components": data["components"]}
        assert len(shown) == len(set(shown)) == 23
        assert _next_button(data).get("disabled")
        # Previous goes back to the pages already fetched, without running the command again
        back = next(b for row in data["components"] for b in row["components"]
                    if b.get("label") == "Previous")
        (answer,) = await interact(fake, fake.component_interaction(message, back["custom_id"]))
        assert _lines(answer["data"])[0] == shown[10]


async def test_page_buttons_of_an_answer_from_before_a_restart_are_answered(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    """Left open 12-06: a page button pressed after the bot restarted got no answer (discord.py
    drops a click no live view holds; Discord shows 'This interaction failed'). Next runs the page
    its custom id names, as a new answer; Previous says how to ask again."""
    path = tmp_path / "timeline.db"
    make_timeline_store(path).close()
    async with connected(store_runner(path), path):
        ask = fake.interaction("timeline", {"query": "Veldmark", "from": "2026-03-01", "to": "2026-03-31"})
        (first,) = await interact(fake, ask)
        message = next(c["message"] for c in fake.callbacks if c["id"] == ask["id"])
        data = first["data"]
        buttons = {b["label"]: b for row in data["components"] for b in row["components"]}
        (page2,) = await interact(fake, fake.component_interaction(message, buttons["Next"]["custom_id"]))
        message = {**message, "components": page2["data"]["components"]}
        after = {b["label"]: b for row in page2["data"]["components"] for b in row["components"]}
    async with connected(store_runner(path), path):  # the bot restarted: its pagers are gone
        (answer,) = await interact(fake, fake.component_interaction(message, after["Next"]["custom_id"]))
        assert answer["type"] == 4  # a new message: page 3 of the same range
        lines = _lines(answer["data"])
        assert len(lines) == 3 and "21 Mar" in lines[0]
        assert not message_problems(answer["data"]) and answer["data"]["allowed_mentions"] == {"parse": []}
        (told,) = await interact(fake, fake.component_interaction(message, after["Previous"]["custom_id"]))
        assert told["type"] == 4 and told["data"]["flags"] == EPHEMERAL
        assert told["data"]["content"] == ("These page buttons stopped working when GeoDigest restarted: "
                                           "ask again with /timeline Veldmark 2026-03-01 2026-03-31.")
        # an id naming a command that does not page (or an admin's) runs nothing, as on Slack
        odd = fake.component_interaction(message, "gd-page:0:next:ingest https://news.example/a page 2")
        (told,) = await interact(fake, odd)
        assert "ask again with /ingest https://news.example/a" in told["data"]["content"]
        # a button whose custom id is not GeoDigest's own (another app's, an old version's) is left alone
        await fake.dispatch("INTERACTION_CREATE", fake.component_interaction(message, "x" * 20))
        (help_answer,) = await interact(fake, fake.interaction("help"))
        assert help_answer["type"] == 4


async def test_next_page_that_is_slow_defers_then_edits(fake: FakeDiscord, tmp_path: Path) -> None:
    path = tmp_path / "timeline.db"
    make_timeline_store(path).close()
    real = store_runner(path)

    def runner(command: str, options: dict[str, object], ctx: CommandContext) -> Reply:
        if options.get("page") == 2:
            time.sleep(0.5)
        return real(command, options, ctx)

    async with connected(runner, path, defer_after=0.1):
        ask = fake.interaction("timeline", {"query": "Veldmark"})
        (first,) = await interact(fake, ask)
        message = next(c["message"] for c in fake.callbacks if c["id"] == ask["id"])
        click = fake.component_interaction(message, _next_button(first["data"])["custom_id"])
        (deferred,) = await interact(fake, click)
        assert deferred["type"] == 6  # DEFERRED_UPDATE_MESSAGE
        (edit,) = await wait_until(lambda: [e for e in fake.edits if e["token"] == click["token"]],
                                   what="the page as an edit")
        assert edit["message"] == "@original"
        lines = _lines(edit["body"])
        assert len(lines) == 10 and "4 Mar" in lines[0] and "13 Mar" in lines[-1]
        assert "3 more: /timeline Veldmark page 3" in edit["body"]["embeds"][-1]["footer"]["text"]


async def test_page_buttons_come_off_when_the_pager_times_out(fake: FakeDiscord, store_path: Path) -> None:
    items = [
        ReplyItem(text=f"Statement {n}: " + "the harbour committee will reopen " * 6) for n in range(150)
    ]

    def runner(command: str, args: dict[str, object], ctx: CommandContext) -> Reply:
        return Reply(title="What Mara Quint said", items=items)

    async with connected(runner, store_path, page_timeout=0.2):
        ask = fake.interaction("who-said", {"person": "Quint"})
        (first,) = await interact(fake, ask)
        assert first["data"]["components"]
        (edit,) = await wait_until(lambda: fake.edits, what="the buttons to be removed")
        message = next(c["message"] for c in fake.callbacks if c["id"] == ask["id"])
        assert edit["token"] == ask["token"] and edit["message"] in ("@original", message["id"])
        assert edit["body"]["components"] == []


async def test_page_buttons_come_off_through_the_last_clicks_token(
    fake: FakeDiscord, store_path: Path
) -> None:
    """A click restarts the pager's timeout: when it runs out, the first answer's token may be older than
    an interaction token lives (15 minutes on Discord; seconds here), so the buttons come off through
    the token of the last click (they stayed, dead, when the edit went through the first one: 401)."""
    items = [
        ReplyItem(text=f"Statement {n}: " + "the harbour committee will reopen " * 6) for n in range(150)
    ]

    def runner(command: str, args: dict[str, object], ctx: CommandContext) -> Reply:
        return Reply(title="What Mara Quint said", items=items)

    fake.token_life = 4.0
    async with connected(runner, store_path, page_timeout=2.5):
        ask = fake.interaction("who-said", {"person": "Quint"})
        (first,) = await interact(fake, ask)
        message = next(c["message"] for c in fake.callbacks if c["id"] == ask["id"])
        await asyncio.sleep(2.0)
        click = fake.component_interaction(message, _next_button(first["data"])["custom_id"])
        (page2,) = await interact(fake, click)
        assert page2["type"] == 7
        (edit,) = await wait_until(lambda: fake.edits, what="the buttons to be removed", timeout=15)
        assert edit["token"] == click["token"] and edit["body"]["components"] == []
        assert not [r for r in fake.refused if r[0] == "50027"]


async def test_an_answer_past_the_token_life_is_logged_not_raised(
    fake: FakeDiscord, store_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A deferred command that outlives its interaction token (15 minutes on Discord) cannot follow
    up: one warning line that names the command, no traceback from the event handler."""
    fake.token_life = 0.5

    def runner(command: str, args: dict[str, object], ctx: CommandContext) -> Reply:
        time.sleep(1.0)
        return Reply(title="Stored 3 articles")

    async with connected(runner, store_path, defer_after=0.1):
        ask = fake.interaction("sources", {})
        with caplog.at_level(logging.WARNING):
            await fake.dispatch("INTERACTION_CREATE", ask)
            await wait_until(lambda: [r for r in fake.refused if r[0] == "50027"], what="the refused answer")
            await wait_until(
                lambda: [r for r in caplog.records if "interaction token lives" in r.getMessage()],
                what="the warning",
            )
    assert not [r for r in caplog.records if r.exc_info]
    (line,) = [r.getMessage() for r in caplog.records if "interaction token lives" in r.getMessage()]
    assert line.startswith("discord: /sources took longer") and TOKEN not in line
    assert not [r for r in caplog.records if TOKEN in r.getMessage()]


async def _digest(store_path: Path) -> Any:
    from digests.digest import build_digest
    from digests.store import Store

    with Store.open(store_path) as store:
        return build_digest(store, date(2026, 3, 1), date(2026, 3, 3))


async def test_digest_is_posted_within_limits_without_mentions(fake: FakeDiscord, store_path: Path) -> None:
    digest = await _digest(store_path)
    assert not digest.empty
    async with connected(store_runner(store_path), store_path) as client:
        ids = await asyncio.wait_for(client.poster.post_digest(f"discord:{CHANNEL_ID}", digest), timeout=10)
    assert ids and len(ids) == len(fake.channel_posts) and not fake.refused
    for post in fake.channel_posts:
        assert post["channel"] == CHANNEL_ID
        assert post["body"]["allowed_mentions"] == {"parse": []}
        assert not message_problems(post["body"])
    assert all(story.headline in str(fake.channel_posts) for story in digest.stories)


async def test_rate_limit_with_via_is_retried(fake: FakeDiscord, store_path: Path) -> None:
    digest = await _digest(store_path)
    async with connected(store_runner(store_path), store_path) as client:
        fake.rate_limit_next = 1
        await asyncio.wait_for(client.poster.post_digest(CHANNEL_ID, digest), timeout=10)
    tries = [t for method, path, t in fake.requests if method == "POST" and path.endswith("/messages")]
    assert len(tries) == len(fake.channel_posts) + 1
    assert tries[1] - tries[0] >= fake.retry_after


async def test_unknown_channel_is_a_permanent_error(fake: FakeDiscord, store_path: Path) -> None:
    digest = await _digest(store_path)
    async with connected(store_runner(store_path), store_path) as client:
        with pytest.raises(DeliveryError) as err:
            await asyncio.wait_for(client.poster.post_digest("discord:999", digest), timeout=10)
    assert err.value.permanent and "unknown channel" in str(err.value)
    assert fake.channel_posts == []


def test_config_keeps_the_token_out_of_logs() -> None:
    cfg = DiscordConfig(token="secret-token-value")
    assert "secret-token-value" not in repr(cfg)
    assert cfg.rest_base == "https://discord.com/api/v10"
    assert (
        DiscordConfig(token="t", api_base_url="http://proxy:8080/api/").rest_base
        == "http://proxy:8080/api/v10"
    )
    assert DiscordConfig(token="t", api_base_url="http://proxy/api/v9").rest_base == "http://proxy/api/v9"
    with pytest.raises(ValueError, match="DISCORD_TOKEN"):
        DiscordConfig(token="")
    assert SEND_MESSAGES  # the fake's default member can only send messages


async def test_run_discord_applies_the_configured_addresses(fake: FakeDiscord, store_path: Path) -> None:
    # Start from discord.py's real addresses: run_discord itself must redirect them.
    discord.http.Route.BASE = "https://discord.invalid/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL("wss://gateway.invalid/")
    cfg = DiscordConfig(
        token=TOKEN,
        guild_id=int(GUILD_ID),
        api_base_url=f"http://127.0.0.1:{fake.port}/api",
        gateway_url=fake.gateway_url,
        guild_ready_timeout=0.05,
    )
    ready: list[GeoDigestClient] = []
    task = asyncio.ensure_future(run_discord(cfg, store_path, on_ready=ready.append))
    try:
        (client,) = await wait_until(lambda: ready, what="run_discord to be ready")
        assert fake.api_base == discord.http.Route.BASE
        (answer,) = await interact(fake, fake.interaction("who-said", {"person": "Lind"}))
        assert "weeks, not days" in str(answer["data"])
        assert answer["data"]["allowed_mentions"] == {"parse": []}
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, timeout=10)
    assert client.is_closed()


async def test_refused_token_fails_with_the_variable_named(fake: FakeDiscord, store_path: Path) -> None:
    cfg = DiscordConfig(token="not-the-token", guild_ready_timeout=0.05)
    with pytest.raises(GeoDigestError, match="DISCORD_TOKEN"):
        await asyncio.wait_for(run_discord(cfg, store_path), timeout=10)
    assert fake.identifies == []


async def test_long_digest_is_split_within_limits(fake: FakeDiscord, store_path: Path) -> None:
    digest = long_digest(30)
    async with connected(store_runner(store_path), store_path) as client:
        ids = await asyncio.wait_for(client.poster.post_digest(CHANNEL_ID, digest), timeout=10)
    assert len(ids) == len(fake.channel_posts) >= 2 and not fake.refused
    assert all(p["body"]["allowed_mentions"] == {"parse": []} for p in fake.channel_posts)
    raw = str(fake.channel_posts)
    assert all(story.headline in raw for story in digest.stories)


async def test_digest_answer_sends_every_part(fake: FakeDiscord, store_path: Path) -> None:
    digest = long_digest(30)

    def runner(command: str, args: dict[str, object], ctx: CommandContext) -> Reply:
        return Reply(title=digest.title, kind="digest", digest=digest)

    async with connected(runner, store_path):
        payload = fake.interaction("digest")
        await fake.dispatch("INTERACTION_CREATE", payload)
        answers = await wait_until(
            lambda: len(fake.answers_to(payload)) >= 5 and fake.answers_to(payload),
            what="the deferral and four parts",
        )
    assert answers[0]["type"] == 5
    assert all(not a.get("components") and a["allowed_mentions"] == {"parse": []} for a in answers[1:])
    assert all(story.headline in str(answers) for story in digest.stories)


async def test_retry_after_a_failure_part_way_posts_only_the_rest(
    fake: FakeDiscord, store_path: Path
) -> None:
    digest = long_digest(30)
    async with connected(store_runner(store_path), store_path) as client:
        fake.script = [None, 400]  # the second part is refused once (a 5xx would be retried by discord.py)
        with pytest.raises(DeliveryError) as err:
            await asyncio.wait_for(client.poster.post_digest(CHANNEL_ID, digest), timeout=10)
        assert not err.value.permanent and len(fake.channel_posts) == 1
        ids = await asyncio.wait_for(client.poster.post_digest(CHANNEL_ID, digest), timeout=10)
    assert len(ids) == len(fake.channel_posts) >= 3 and len(set(ids)) == len(ids)

    # every part exactly once, in order (discord.py round-trips embeds, so compare their text)
    def text(embeds: list[dict[str, Any]]) -> list[tuple[Any, Any]]:
        return [(e.get("title"), e.get("description")) for e in embeds]

    assert [text(p["body"]["embeds"]) for p in fake.channel_posts] == [
        text(p["embeds"]) for p in discord_payloads(digest)
    ]


async def test_token_never_reaches_the_logs(
    fake: FakeDiscord, store_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with connected(store_runner(store_path), store_path) as client:
        await interact(fake, fake.interaction("who-said", {"person": "Lind"}))
        await client.poster.post_digest(CHANNEL_ID, await _digest(store_path))
    assert caplog.records
    assert TOKEN not in caplog.text


async def test_a_replayed_interaction_runs_once_and_posts_nothing_twice(
    fake: FakeDiscord, store_path: Path
) -> None:
    """The gateway may deliver an INTERACTION_CREATE again (a resumed session replays what it
    missed): the command must not run twice (an /ingest, a /watch add) nor post a second answer
    or an error about the second one ("already acknowledged")."""
    calls: list[str] = []
    real = store_runner(store_path)

    def runner(command: str, args: dict[str, object], ctx: CommandContext) -> Reply:
        calls.append(command)
        return real(command, args, ctx)

    async with connected(runner, store_path):
        quick = fake.interaction("sources")
        slow = fake.interaction("digest", {"period": "2026-03-01..2026-03-03"})
        for payload, answers in ((quick, 1), (slow, 2)):
            await fake.dispatch("INTERACTION_CREATE", payload)
            await wait_until(lambda p=payload, n=answers: len(fake.answers_to(p)) == n, what="the answer")
            await fake.dispatch("INTERACTION_CREATE", payload)
        await asyncio.sleep(0.5)
        assert calls == ["sources", "digest"]
        assert [len(fake.answers_to(p)) for p in (quick, slow)] == [1, 2]
        assert not fake.refused


async def test_a_replayed_page_click_moves_the_pager_once(fake: FakeDiscord, store_path: Path) -> None:
    """A Next click delivered twice advanced the pager twice: the message showed page 2 and the
    next click page 4."""
    words = "the harbour committee will reopen " * 6
    items = [ReplyItem(text=f"Statement {n}: {words}") for n in range(150)]

    def runner(command: str, args: dict[str, object], ctx: CommandContext) -> Reply:
        return Reply(title="What Mara Quint said", items=items)

    def position(data: dict[str, Any]) -> str:
        return str(data["components"][0]["components"][1]["label"]).split("/")[0]

    async with connected(runner, store_path):
        ask = fake.interaction("who-said", {"person": "Quint"})
        (first,) = await interact(fake, ask)
        message = next(c["message"] for c in fake.callbacks if c["id"] == ask["id"])
        click = fake.component_interaction(message, _next_button(first["data"])["custom_id"])
        (page2,) = await interact(fake, click)
        await fake.dispatch("INTERACTION_CREATE", click)  # the same click again
        await asyncio.sleep(0.3)
        again = fake.component_interaction(message, _next_button(page2["data"])["custom_id"])
        (page3,) = await interact(fake, again)
        assert [position(p["data"]) for p in (first, page2, page3)] == ["1", "2", "3"]
        assert not fake.refused


async def test_a_command_of_an_older_version_is_answered_without_a_traceback(
    fake: FakeDiscord, store_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Discord may offer a command this version no longer has (a global command list changes
    within the hour): it was 'Sorry, that command failed; the error was logged.' with an ERROR and
    a traceback of CommandNotFound."""
    async with connected(store_runner(store_path), store_path):
        with caplog.at_level(logging.INFO):
            (answer,) = await interact(fake, fake.interaction("frobnicate", {"x": "y"}))
    assert answer["data"]["content"] == (
        "/frobnicate changed or is gone in this version of GeoDigest: /help lists the commands.")
    assert answer["data"]["flags"] == EPHEMERAL
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert [r.getMessage() for r in caplog.records if "frobnicate" in r.getMessage()] == [
        "discord: /frobnicate is not a command of this version (CommandNotFound): the list Discord shows "
        "is synced again at start"]


async def test_an_autocomplete_of_an_older_version_gets_no_choices_and_one_line(
    fake: FakeDiscord, store_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Tried as a hostile or out-of-date peer on the wire (12-06, 8th session; 27 odd interactions
    tried, 3 failed): an autocomplete of an option this version does not declare (Discord's list not
    yet synced) got no answer and discord.py's ERROR with a traceback; one of a command this version
    does not have, or with no option focused, was answered with a message, which Discord refuses for
    an autocomplete (the fake now refuses it too). Now: no choices, one WARNING line each."""
    def autocomplete(name: str, options: list[dict[str, Any]]) -> dict[str, Any]:
        payload = fake.interaction(name)
        payload["type"] = 4
        payload["data"]["options"] = options
        return payload

    async with connected(store_runner(store_path), store_path):
        with caplog.at_level(logging.INFO):
            for payload in (
                autocomplete("who-said", [{"name": "speaker", "type": 3, "value": "Quin", "focused": True}]),
                autocomplete("frobnicate", [{"name": "x", "type": 3, "value": "y", "focused": True}]),
                autocomplete("who-said", [{"name": "person", "type": 3, "value": "Quin"}]),
            ):
                (answer,) = await interact(fake, payload)
                assert answer == {"type": 8, "data": {"choices": []}}
            (answer,) = await interact(fake, autocomplete(
                "who-said", [{"name": "person", "type": 3, "value": "Quin", "focused": True}]))
            assert {"name": "Mara Quint", "value": "Mara Quint"} in answer["data"]["choices"]
    assert fake.refused == []
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    said = [r.getMessage() for r in caplog.records if "no choices for an autocomplete" in r.getMessage()]
    assert said == [f"discord: no choices for an autocomplete of {what}: not an option of this version"
                    for what in ("/who-said speaker", "/frobnicate x", "/who-said (none focused)")]


async def test_the_fake_refuses_a_response_the_interaction_cannot_take(fake: FakeDiscord) -> None:
    """As Discord does: choices in answer to a command, a message in answer to an autocomplete."""
    import aiohttp

    command, complete = fake.interaction("help"), fake.interaction("who-said")
    complete["type"] = 4
    choices, message = {"type": 8, "data": {"choices": []}}, {"type": 4, "data": {}}
    for payload, body in ((command, choices), (complete, message)):
        await fake.dispatch("INTERACTION_CREATE", payload)
        url = f"{fake.api_base}/interactions/{payload['id']}/{payload['token']}/callback"
        async with aiohttp.ClientSession() as http, http.post(url, json=body) as r:
            assert r.status == 400
    assert [why for why, _ in fake.refused] == ["invalid response type"] * 2
