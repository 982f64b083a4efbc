"""A watch set from Slack or Discord fires once: slash command in, article stored, one alert posted.

Real slack-bolt, slack_sdk and discord.py against the fakes on 127.0.0.1 (tests/fakes), the real
store and scheduler; the matching article is one of tests/data/watches.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from pathlib import Path

import pytest

from adapters.discord.client import store_runner as discord_runner
from adapters.slack.app import SlackAdapter
from adapters.slack.app import store_runner as slack_runner
from bot.scheduler import DigestScheduler
from digests.store import Store
from tests.fakes import save_article, wait_until
from tests.fakes.discord import CHANNEL_ID, GUILD_ID, SEND_MESSAGES, FakeDiscord, message_problems
from tests.fakes.slack import FakeSlack, block_kit_problems, sign
from tests.test_discord_e2e import EPHEMERAL, connected, interact
from tests.test_slack_e2e import ADMIN, SECRET, config, post_signed, running

MANAGE_CHANNELS = 1 << 4
DATA = json.loads((Path(__file__).parent / "data" / "watches" / "articles.json").read_text(encoding="utf-8"))
AFTER = {a["key"]: a for a in DATA["after"]}


@pytest.fixture
def fake(discord_fake: FakeDiscord) -> FakeDiscord:
    return discord_fake


async def slash(slack: FakeSlack, adapter: SlackAdapter, text: str, rid: str, user: str = ADMIN) -> str:
    body = slack.form_body(slack.slash_command("/watch", text, user=user, rid=rid))
    assert (await post_signed(adapter, body, sign(SECRET, body)))[0] == 200
    answers = await wait_until(lambda: slack.responses.get(rid), what=f"the answer to /watch {text}")
    return json.dumps(answers, ensure_ascii=False)


async def test_slack_watch_fires_once_when_a_matching_article_is_stored(
    slack: FakeSlack, store_path: Path
) -> None:
    adapter = await running(SlackAdapter(config(slack), slack_runner(store_path)))
    try:
        refused = await slash(slack, adapter, "add Mara Quint", "alice", user="U0ALICE")
        assert "Changing this channel's watches needs your user id" in refused
        assert "Watching Mara Quint (person)" in await slash(slack, adapter, "add Mara Quint", "admin")
        assert "1." in await slash(slack, adapter, "list", "list", user="U0ALICE")  # anyone may look
    finally:
        await adapter.stop()
    with Store.open(store_path) as store:
        assert [w.channel for w in store.watches_of("slack:C0DIGEST")] == ["slack:C0DIGEST"]
        bot = DigestScheduler(store, [], {"slack": adapter.poster})
        assert await bot.check_watches() == []  # nothing new yet
        save_article(store, AFTER["n3"])  # Jonas Quint, a namesake: no alert
        save_article(store, AFTER["n1"])
        sent = await asyncio.wait_for(bot.check_watches(), timeout=10)
        assert [d.state for d in sent] == ["sent"]
        save_article(store, AFTER["n2"])  # the same story from another outlet
        assert await bot.check_watches() == []
        assert await bot.catch_up() == []  # a restart's catch-up has nothing left either
    (post,) = slack.posts
    assert post["channel"] == "C0DIGEST" and not block_kit_problems(post)
    raw = json.dumps(post, ensure_ascii=False)
    assert "Watch alert: Mara Quint" in raw and "The harbour accord needs one more week" in raw
    assert "Ships follow cargo" not in raw
    metadata = post["metadata"]
    metadata = json.loads(metadata) if isinstance(metadata, str) else metadata
    assert metadata["event_type"] == "geodigest_delivery"  # findable after a crash, as digests are


async def test_slack_lets_everyone_change_watches_when_configured(slack: FakeSlack, store_path: Path) -> None:
    cfg = replace(config(slack), channel_commands="everyone")
    adapter = await running(SlackAdapter(cfg, slack_runner(store_path)))
    try:
        assert "Watching Brenmark" in await slash(slack, adapter, 'add "Brenmark"', "alice", user="U0ALICE")
    finally:
        await adapter.stop()


async def test_discord_watch_fires_once_when_a_matching_article_is_stored(
    fake: FakeDiscord, store_path: Path
) -> None:
    async with connected(discord_runner(store_path), store_path) as client:
        command = next(c for c in fake.synced[GUILD_ID] if c["name"] == "watch")
        action = next(o for o in command["options"] if o["name"] == "action")
        assert [c["value"] for c in action["choices"]] == ["add", "list", "remove"]
        options = {"action": "add", "query": "Mara Quint"}
        (refusal,) = await interact(fake, fake.interaction("watch", options))
        assert refusal["data"]["flags"] & EPHEMERAL and "Manage Channels" in refusal["data"]["content"]
        allowed = fake.interaction("watch", options, permissions=SEND_MESSAGES | MANAGE_CHANNELS)
        (answer,) = await interact(fake, allowed)
        assert "Watching Mara Quint (person)" in json.dumps(answer)
        with Store.open(store_path) as store:
            assert [w.label for w in store.watches_of(f"discord:{CHANNEL_ID}")] == ["Mara Quint"]
            bot = DigestScheduler(store, [], {"discord": client.poster})
            save_article(store, AFTER["n1"])
            sent = await asyncio.wait_for(bot.check_watches(), timeout=10)
            assert [d.state for d in sent] == ["sent"]
            save_article(store, AFTER["n2"])
            assert await bot.check_watches() == []
            assert await bot.catch_up() == []
    (post,) = fake.channel_posts
    assert post["channel"] == CHANNEL_ID and not message_problems(post["body"])
    assert post["body"]["allowed_mentions"] == {"parse": []} and post["body"].get("nonce")
    raw = json.dumps(post["body"], ensure_ascii=False)
    assert "Watch alert: Mara Quint" in raw and "The harbour accord needs one more week" in raw
