"""A feed URL's user name and password never appear in a reply, /feeds, doctor or a log line."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

import pytest
from httpfake import FakeWeb

from bot.config import load_settings
from bot.logging import setup_logging
from bot.runtime import doctor
from bot.scheduler import DigestScheduler
from bot.schedules import Target
from digests.commands import CommandContext, Reply, handle
from digests.fetch import FetchPolicy, hide_credentials
from digests.store import Store

LOCAL = FetchPolicy(allow_private=True, timeout=5)
SECRET = "hunter2-pw"


class Notices:
    def __init__(self) -> None:
        self.replies: list[Reply] = []

    async def post_digest(self, channel_id: str, digest: Any) -> list[str]:
        raise AssertionError("no digest is scheduled here")

    async def post_notice(self, channel_id: str, reply: Reply) -> str:
        self.replies.append(reply)
        return f"n{len(self.replies)}"


def shown(reply: Reply) -> str:
    return " ".join([reply.title, reply.note or ""] + [f"{i.label} {i.text}" for i in reply.items])


@pytest.mark.parametrize("url", [
    f"https://editor:{SECRET}@news.example/world.rss",
    f"http://ops:{SECRET}@feeds.example:8080/a@b/feed.xml",
    f"https://{SECRET}@news.example/feed",
])
def test_feeds_add_never_echoes_the_password(tmp_path: Path, url: str) -> None:
    ctx = CommandContext(platform="slack", user_id="U0ADMIN", is_admin=True, fetch=FetchPolicy())
    with Store.open(tmp_path / "f.db") as store:
        reply = handle(store, "feeds", f"add {url}", ctx)
    assert reply.kind == "error" and "user name or password" in reply.title
    assert SECRET not in shown(reply) and "[redacted]@" in reply.title


def test_hide_credentials_keeps_urls_without_them() -> None:
    assert hide_credentials("see https://news.example/a@b and mail a@b.example") == (
        "see https://news.example/a@b and mail a@b.example")
    assert hide_credentials(f"x https://u:{SECRET}@h.example/p y") == "x https://[redacted]@h.example/p y"


async def test_env_feed_with_a_password_is_hidden_in_list_alerts_doctor_and_logs(
    tmp_path: Path, web: FakeWeb, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "f.db"
    url = web.url("/feed.rss").replace("http://", f"http://reader:{SECRET}@")
    log = io.StringIO()
    handler = setup_logging(stream=log)
    try:
        notices = Notices()
        sched = DigestScheduler(Store.open(db), [], {"console": notices}, feeds=[url], fetch_policy=LOCAL,
                                admin_channel=Target("console", "admin"), feed_alert_after=1)
        await sched.poll_feeds()
        listing = handle(sched.store, "feeds", "", CommandContext(platform="console", is_admin=True,
                                                                   fetch=LOCAL, feeds=(url,)))
        sched.store.close()
    finally:
        logging.getLogger().removeHandler(handler)
    assert listing.items and "[redacted]@" in (listing.items[0].label or "")
    assert notices.replies and "Feed failing: http://[redacted]@" in notices.replies[0].title
    settings = load_settings(GEODIGEST_DB=str(db), GEODIGEST_FEEDS=url)
    out = io.StringIO()
    doctor(settings, out)
    assert "[redacted]@" in out.getvalue() and "[redacted]@" in log.getvalue()
    for text in [shown(listing), *map(shown, notices.replies), out.getvalue(), log.getvalue()]:
        assert SECRET not in text


@pytest.mark.parametrize("url", [f"https://desk:{SECRET}@news.example/story", f"http://{SECRET}@wire.example/x"])
def test_ingest_never_echoes_the_password(tmp_path: Path, url: str) -> None:
    ctx = CommandContext(platform="slack", user_id="U0ADMIN", is_admin=True, fetch=FetchPolicy())
    with Store.open(tmp_path / "f.db") as store:
        reply = handle(store, "ingest", url, ctx)
    assert reply.kind == "error" and "[redacted]@" in reply.title and SECRET not in shown(reply)
