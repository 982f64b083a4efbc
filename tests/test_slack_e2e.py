"""The Slack adapter end to end: real slack-bolt and slack_sdk against a fake Slack on 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from adapters.slack.app import SlackAdapter, SlackConfig, command_text, run_slack, store_runner
from adapters.slack.blocks import digest_payloads
from digests.commands import CommandContext, Reply, ReplyItem
from digests.errors import DeliveryError, GeoDigestError
from digests.fetch import FetchPolicy
from tests.fakes import long_digest, make_timeline_store, wait_until
from tests.fakes.slack import APP_TOKEN, BOT_TOKEN, FakeSlack, block_kit_problems, sign, slack_text

SECRET = "test-signing-secret"
ADMIN = "U0ADMIN"


def config(fake: FakeSlack, mode: str = "http") -> SlackConfig:
    return SlackConfig(
        bot_token=BOT_TOKEN,
        app_token=APP_TOKEN,
        signing_secret=SECRET,
        mode=mode,  # type: ignore[arg-type]
        host="127.0.0.1",
        port=0,
        api_base_url=fake.api_url,
        admin_users=frozenset({ADMIN}),
        post_interval=0.0,
        fetch=FetchPolicy(allow_private=True),  # /ingest reads the fake web on 127.0.0.1
    )


async def running(adapter: SlackAdapter) -> SlackAdapter:
    await asyncio.wait_for(adapter.start(), timeout=10)
    return adapter


async def post_signed(adapter: SlackAdapter, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    url = f"http://127.0.0.1:{adapter.port}/slack/events"
    timeout = aiohttp.ClientTimeout(total=10)
    async with (
        aiohttp.ClientSession(timeout=timeout) as http,
        http.post(url, data=body, headers=headers) as r,
    ):
        return r.status, await r.text()


async def slash_answers(
    slack: FakeSlack, store_path: Path, typed: list[tuple[str, str]]
) -> dict[str, list[dict[str, Any]]]:
    """Each ``(command, text)`` of ``typed`` posted, signed, to a running adapter over the store at
    ``store_path``; the messages Slack got back through each command's response URL."""
    adapter = await running(SlackAdapter(config(slack), store_runner(store_path)))
    try:
        for n, (name, text) in enumerate(typed):
            body = slack.form_body(slack.slash_command(f"/{name}", text, rid=f"r{n}"))
            assert (await post_signed(adapter, body, sign(SECRET, body)))[0] == 200
        answers: dict[str, list[dict[str, Any]]] = await wait_until(
            lambda: len(slack.responses) == len(typed) and slack.responses, what="an answer to each command"
        )
    finally:
        await adapter.stop()
    return answers


def texts(message: Any) -> str:
    return json.dumps(message, ensure_ascii=False)


async def test_signed_slash_command_is_answered_through_response_url(
    slack: FakeSlack, store_path: Path
) -> None:
    adapter = await running(SlackAdapter(config(slack), store_runner(store_path)))
    try:
        body = slack.form_body(slack.slash_command("/who-said", "Varga"))
        status, text = await post_signed(adapter, body, sign(SECRET, body))
        assert (status, text) == (200, "")  # an empty ack: the answer comes through response_url
        answers = await wait_until(lambda: slack.responses.get("r1"), what="a response_url answer")
        message = answers[0]
        assert message["response_type"] == "ephemeral"
        assert message["blocks"] and not block_kit_problems(message)
        raw = texts(message)
        assert "Tess Varga" in raw and "join the strike" in raw
        # the quote tried to ping the channel and a user: it arrives as inert text
        assert "&lt;!channel&gt;" in raw and "&lt;@U0ALICE&gt;" in raw
        assert "<!channel>" not in raw and "<@U0ALICE>" not in raw
        assert all(b["text"].get("verbatim") for b in message["blocks"] if b["type"] == "section")
    finally:
        await adapter.stop()


async def test_help_and_bad_arguments_get_short_answers(slack: FakeSlack, store_path: Path) -> None:
    adapter = await running(SlackAdapter(config(slack), store_runner(store_path)))
    try:
        for rid, command, text in (
            ("help", "/help", ""),
            ("empty", "/who-said", ""),
            ("long", "/timeline", "x" * 300),
        ):
            body = slack.form_body(slack.slash_command(command, text, rid=rid))
            assert (await post_signed(adapter, body, sign(SECRET, body)))[0] == 200
        answers = await wait_until(
            lambda: len(slack.responses) == 3 and slack.responses, what="three answers"
        )
        assert "/who-said" in texts(answers["help"]) and "/ingest" in texts(answers["help"])
        for rid in ("empty", "long"):
            assert len(answers[rid]) == 1 and len(answers[rid][0]["text"]) < 300
    finally:
        await adapter.stop()


async def test_digest_command_answers_in_channel_with_block_kit(slack: FakeSlack, store_path: Path) -> None:
    adapter = await running(SlackAdapter(config(slack), store_runner(store_path)))
    try:
        body = slack.form_body(slack.slash_command("/digest", "2026-03-01..2026-03-03", rid="digest"))
        status, acked = await post_signed(adapter, body, sign(SECRET, body))
        assert status == 200 and "Working on /digest" in acked  # shown to the user at once
        first = (await wait_until(lambda: slack.responses.get("digest"), what="the digest"))[0]
        assert first["response_type"] == "in_channel"
        assert not block_kit_problems(first)
        assert "Harbour talks resume" in texts(first) or "fisheries" in texts(first)
    finally:
        await adapter.stop()


async def test_forged_and_stale_signatures_are_refused(slack: FakeSlack, store_path: Path) -> None:
    adapter = await running(SlackAdapter(config(slack), store_runner(store_path)))
    try:
        body = slack.form_body(slack.slash_command("/help", ""))
        forged = sign("not-the-secret", body)
        assert (await post_signed(adapter, body, forged))[0] == 401
        tampered = sign(SECRET, body)
        assert (await post_signed(adapter, body.replace(b"help", b"sources"), tampered))[0] == 401
        stale = sign(SECRET, body, timestamp=int(time.time()) - 6 * 60)
        assert (await post_signed(adapter, body, stale))[0] == 401
        await asyncio.sleep(0.2)
        assert slack.responses == {}
    finally:
        await adapter.stop()


async def test_ack_comes_before_slow_work(slack: FakeSlack, store_path: Path) -> None:
    release = threading.Event()
    real = store_runner(store_path)

    def slow(command: str, args: str, ctx: CommandContext) -> Reply:
        release.wait(timeout=10)
        return real(command, args, ctx)

    adapter = await running(SlackAdapter(config(slack), slow))
    try:
        body = slack.form_body(slack.slash_command("/help", ""))
        started = time.monotonic()
        status, _ = await post_signed(adapter, body, sign(SECRET, body))
        assert status == 200 and time.monotonic() - started < 3.0
        assert "r1" not in slack.responses  # acknowledged while the work is still running
        release.set()
        await wait_until(lambda: slack.responses.get("r1"), what="the answer after the ack")
    finally:
        release.set()
        await adapter.stop()


async def test_replayed_ingest_runs_once_and_only_for_admins(
    slack: FakeSlack, store_path: Path, web: Any
) -> None:
    calls: list[tuple[str, str, bool]] = []
    real = store_runner(store_path)

    def runner(command: str, args: str, ctx: CommandContext) -> Reply:
        calls.append((command, args, ctx.is_admin))
        return real(command, args, ctx)

    adapter = await running(SlackAdapter(config(slack), runner))
    try:
        url = web.url("/story.html")
        body = slack.form_body(slack.slash_command("/ingest", url, user=ADMIN, rid="admin", links=True))
        headers = sign(SECRET, body)
        assert (await post_signed(adapter, body, headers))[0] == 200
        assert (await post_signed(adapter, body, headers))[0] == 200  # Bolt accepts the replay
        # (an ingest extracts a page: under a loaded machine's full suite it took over 10 s)
        answers = await wait_until(lambda: slack.responses.get("admin"), timeout=60, what="the ingest answer")
        answer = answers[0]
        assert "Ingested" in answer["text"] and not block_kit_problems(answer)

        other = slack.form_body(slack.slash_command("/ingest", url, rid="user"))
        assert (await post_signed(adapter, other, sign(SECRET, other)))[0] == 200
        refused = await wait_until(lambda: slack.responses.get("user"), what="the refusal")
        await asyncio.sleep(0.2)
        assert calls == [("ingest", url, True)]
        assert len(slack.responses["admin"]) == 1
        assert "admin" in refused[0]["text"].lower()
        from digests.store import Store

        with Store.open(store_path) as store:
            assert store.count_articles() == 4  # three hand-made ones and the page
    finally:
        await adapter.stop()


async def test_long_answer_pages_with_a_more_button(slack: FakeSlack) -> None:
    items = [
        ReplyItem(
            text=f"Statement number {n} about the harbour committee " * 3, label=f"2026-03-{n % 28 + 1:02d}"
        )
        for n in range(120)
    ]

    def runner(command: str, args: str, ctx: CommandContext) -> Reply:
        return Reply(title="What Mara Quint said", items=items)

    adapter = await running(SlackAdapter(config(slack), runner))
    try:
        body = slack.form_body(slack.slash_command("/who-said", "Quint", rid="long"))
        assert (await post_signed(adapter, body, sign(SECRET, body)))[0] == 200
        first = (await wait_until(lambda: slack.responses.get("long"), what="page 1"))[0]
        assert not block_kit_problems(first)
        button = first["blocks"][-1]["elements"][0]
        assert button["action_id"] == "geodigest_more"

        click = {
            "type": "block_actions",
            "team": {"id": "T0TEAM", "domain": "newsroom"},
            "user": {"id": "U0ALICE", "username": "alice", "team_id": "T0TEAM"},
            "api_app_id": "A0GEODIGEST",
            "token": "legacy",
            "trigger_id": "1337.99.ff",
            "container": {"type": "message", "message_ts": "1.2", "is_ephemeral": True},
            "channel": {"id": "C0DIGEST", "name": "briefing"},
            "response_url": slack.response_url("long"),
            "actions": [{**button, "block_id": "geodigest_pager", "action_ts": "1.3"}],
        }
        form = aiohttp.helpers.quote(json.dumps(click), safe="").encode()
        click_body = b"payload=" + form
        assert (await post_signed(adapter, click_body, sign(SECRET, click_body)))[0] == 200
        pages = await wait_until(
            lambda: len(slack.responses["long"]) >= 2 and slack.responses["long"], what="page 2"
        )
        assert pages[1] != first and not block_kit_problems(pages[1])
        assert "Statement number" in texts(pages[1])
        # the click again (a replay, a retry with a fresh signature): no second copy of page 2
        retry = {**sign(SECRET, click_body, int(time.time()) + 1), "X-Slack-Retry-Num": "1"}
        assert (await post_signed(adapter, click_body, retry))[0] == 200
        await asyncio.sleep(0.3)
        assert len(slack.responses["long"]) == 2
    finally:
        await adapter.stop()


def _items(message: dict[str, Any]) -> list[str]:
    """The bullet lines of an answer's sections."""
    return [line for b in message["blocks"] if b["type"] == "section"
            for line in b["text"]["text"].split("\n") if line.startswith("• ")]


def _buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]


async def test_timeline_page_button_fetches_the_next_page(slack: FakeSlack, tmp_path: Path) -> None:
    path = tmp_path / "timeline.db"
    make_timeline_store(path).close()
    adapter = await running(SlackAdapter(config(slack), store_runner(path)))
    try:
        body = slack.form_body(slack.slash_command("/timeline", "Veldmark 2026-03-01 2026-03-31", rid="p1"))
        assert (await post_signed(adapter, body, sign(SECRET, body)))[0] == 200
        shown: list[str] = []
        pages = (("p1", "1 Mar", 10, 13), ("p2", "11 Mar", 10, 3), ("p3", "21 Mar", 3, 0))
        for rid, first_day, count, left in pages:
            (page,) = await wait_until(lambda rid=rid: slack.responses.get(rid), what=rid)
            assert not block_kit_problems(page)
            items = _items(page)
            assert len(items) == count and first_day in items[0]
            shown += items
            if not left:
                assert not _buttons(page) and "more:" not in texts(page)
                break
            # the note's count is what the following pages show
            assert f"{left} more: /timeline Veldmark 2026-03-01 2026-03-31 page" in texts(page)
            (button,) = _buttons(page)
            assert button["action_id"] == "geodigest_next"
            next_rid = f"p{int(rid[1:]) + 1}"
            assert button["text"]["text"] == f"Page {next_rid[1:]}"
            click = slack.button_click(button, rid=next_rid)
            assert (await post_signed(adapter, click, sign(SECRET, click)))[0] == 200
        assert len(shown) == len(set(shown)) == 23  # every event once, in date order across the pages
        days = [int(line.split("*")[1].split()[0]) for line in shown]
        assert days == sorted(days) == list(range(1, 24))
    finally:
        await adapter.stop()


async def test_latest_timeline_pages_back_in_time_from_the_button(slack: FakeSlack, tmp_path: Path) -> None:
    path = tmp_path / "timeline.db"
    make_timeline_store(path).close()
    adapter = await running(SlackAdapter(config(slack), store_runner(path)))
    try:
        body = slack.form_body(slack.slash_command("/timeline", "Veldmark", rid="t1"))
        assert (await post_signed(adapter, body, sign(SECRET, body)))[0] == 200
        (first,) = await wait_until(lambda: slack.responses.get("t1"), what="page 1")
        assert "14 Mar" in _items(first)[0] and "13 more: /timeline Veldmark page 2" in texts(first)
        click = slack.button_click(_buttons(first)[0], rid="t2", user="U0BOB")
        assert (await post_signed(adapter, click, sign(SECRET, click)))[0] == 200
        (second,) = await wait_until(lambda: slack.responses.get("t2"), what="page 2")
        assert "4 Mar" in _items(second)[0] and "13 Mar" in _items(second)[-1]
        assert "3 more: /timeline Veldmark page 3" in texts(second)
        # a click replayed (the same trigger) is answered once
        assert (await post_signed(adapter, click, sign(SECRET, click)))[0] == 200
        await asyncio.sleep(0.3)
        assert len(slack.responses["t2"]) == 1
    finally:
        await adapter.stop()


async def test_page_button_runs_only_paged_commands(slack: FakeSlack, store_path: Path) -> None:
    ran: list[str] = []

    def runner(command: str, args: str, ctx: CommandContext) -> Reply:
        ran.append(command)
        return Reply(title="ran")

    adapter = await running(SlackAdapter(config(slack), runner))
    try:
        forged = {"type": "button", "action_id": "geodigest_next",
                  "text": {"type": "plain_text", "text": "x"},
                  "value": json.dumps({"command": "ingest", "args": "https://evil.example/feed"})}
        for rid, button in (("f1", forged), ("f2", {**forged, "value": "not json"})):
            click = slack.button_click(button, rid=rid)
            assert (await post_signed(adapter, click, sign(SECRET, click)))[0] == 200
            (answer,) = await wait_until(lambda rid=rid: slack.responses.get(rid), what=rid)
            assert "no longer works" in answer["text"]
        assert ran == []
    finally:
        await adapter.stop()


async def test_socket_mode_envelope_is_acked_and_answered(slack: FakeSlack, store_path: Path) -> None:
    adapter = await running(SlackAdapter(config(slack, mode="socket"), store_runner(store_path)))
    try:
        envelope = await slack.send_envelope("slash_commands", slack.slash_command("/help", "", rid="sock"))
        acks = await wait_until(
            lambda: [a for a in slack.acks if a.get("envelope_id") == envelope], what="the envelope ack"
        )
        assert acks[0]["envelope_id"] == envelope
        answer = (await wait_until(lambda: slack.responses.get("sock"), what="the socket-mode answer"))[0]
        assert answer["blocks"] and "/timeline" in texts(answer)
        assert adapter.port is None  # Socket Mode listens on nothing

        envelope = await slack.send_envelope(
            "slash_commands", slack.slash_command("/digest", "", rid="sock2")
        )
        (ack,) = await wait_until(
            lambda: [a for a in slack.acks if a.get("envelope_id") == envelope], what="the /digest ack"
        )
        assert "Working on /digest" in ack["payload"]["text"]
        await wait_until(lambda: slack.responses.get("sock2"), what="the socket-mode digest")
    finally:
        await adapter.stop()


async def _digest(store_path: Path) -> Any:
    from digests.digest import build_digest
    from digests.store import Store

    with Store.open(store_path) as store:
        return build_digest(store, date(2026, 3, 1), date(2026, 3, 3))


async def test_scheduled_digest_arrives_within_limits_without_mentions(
    slack: FakeSlack, store_path: Path
) -> None:
    adapter = SlackAdapter(config(slack), store_runner(store_path))  # posting needs no listener
    digest = await _digest(store_path)
    assert not digest.empty
    ts = await asyncio.wait_for(adapter.poster.post_digest("slack:C0DIGEST", digest), timeout=10)
    assert ts and len(ts) == len(slack.posts) and not slack.refused
    for post in slack.posts:
        assert post["channel"] == "C0DIGEST"
        assert "link_names" not in post and "parse" not in post
        assert not block_kit_problems(post)
        raw = texts(post)
        for ping in ("<!channel>", "<!here>", "<!everyone>", "<@U0ALICE>", "<https://evil.example|"):
            assert ping not in raw
    assert all(story.headline in texts(slack.posts) for story in digest.stories)


async def test_rate_limited_post_is_waited_out(slack: FakeSlack, store_path: Path) -> None:
    adapter = SlackAdapter(config(slack), store_runner(store_path))
    digest = await _digest(store_path)
    slack.rate_limit_next = 1
    await asyncio.wait_for(adapter.poster.post_digest("C0DIGEST", digest), timeout=10)
    tries = [t for method, t in slack.calls if method == "chat.postMessage"]
    assert len(tries) == len(slack.posts) + 1
    assert tries[1] - tries[0] >= slack.retry_after  # Retry-After honoured


async def test_unknown_channel_is_a_permanent_error_with_the_fix(slack: FakeSlack, store_path: Path) -> None:
    adapter = SlackAdapter(config(slack), store_runner(store_path))
    digest = await _digest(store_path)
    with pytest.raises(DeliveryError) as err:
        await asyncio.wait_for(adapter.poster.post_digest("C0GONE", digest), timeout=10)
    assert err.value.permanent and "invite" in str(err.value)
    slack.members.add("C0PRIVATE")
    slack.channel_errors["C0PRIVATE"] = "not_in_channel"
    with pytest.raises(DeliveryError) as err:
        await asyncio.wait_for(adapter.poster.post_digest("C0PRIVATE", digest), timeout=10)
    assert err.value.permanent and "/invite" in str(err.value)
    assert slack.posts == []


def test_command_text_is_what_the_user_typed() -> None:
    for typed in ("Smith & Jones <trade>", "Lee", "a > b & c < d"):
        assert command_text(slack_text(typed)) == typed
    assert (
        command_text(slack_text("https://news.example/a?b=1&c=2", links=True))
        == "https://news.example/a?b=1&c=2"
    )
    assert command_text("<https://news.example/a|news.example/a>") == "https://news.example/a"
    assert command_text("<@U0ALICE|alice> about <#C0DIGEST|briefing>") == "@alice about #briefing"


def test_config_names_the_missing_variable() -> None:
    with pytest.raises(ValueError, match="SLACK_APP_TOKEN"):
        SlackConfig(bot_token=BOT_TOKEN)
    with pytest.raises(ValueError, match="SLACK_SIGNING_SECRET"):
        SlackConfig(bot_token=BOT_TOKEN, mode="http")
    cfg = SlackConfig(bot_token=BOT_TOKEN, app_token=APP_TOKEN, api_base_url="http://127.0.0.1:1/api")
    assert cfg.web_api_url == "http://127.0.0.1:1/api/"
    assert BOT_TOKEN not in repr(cfg) and APP_TOKEN not in repr(cfg)


async def test_refused_tokens_fail_start_with_the_variable_named(slack: FakeSlack, store_path: Path) -> None:
    bad_bot = SlackAdapter(replace(config(slack), bot_token="xoxb-wrong"), store_runner(store_path))
    with pytest.raises(GeoDigestError, match="bot token"):
        await asyncio.wait_for(bad_bot.start(), timeout=10)
    bad_app = SlackAdapter(
        replace(config(slack, mode="socket"), app_token="xapp-wrong"), store_runner(store_path)
    )
    with pytest.raises(GeoDigestError, match="SLACK_APP_TOKEN"):
        await asyncio.wait_for(bad_app.start(), timeout=10)
    await bad_app.stop()


async def test_run_slack_serves_until_cancelled(slack: FakeSlack, store_path: Path) -> None:
    ready: list[SlackAdapter] = []
    task = asyncio.ensure_future(run_slack(config(slack), store_path, on_ready=ready.append))
    try:
        (adapter,) = await wait_until(lambda: ready, what="run_slack to be ready")
        body = slack.form_body(slack.slash_command("/sources", "", rid="run"))
        assert (await post_signed(adapter, body, sign(SECRET, body)))[0] == 200
        answer = (await wait_until(lambda: slack.responses.get("run"), what="the /sources answer"))[0]
        assert "Harbour talks resume" in texts(answer)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, timeout=10)
    assert adapter._web is None  # stopped listening


async def test_long_digest_is_split_and_paced(slack: FakeSlack, store_path: Path) -> None:
    adapter = SlackAdapter(replace(config(slack), post_interval=0.2), store_runner(store_path))
    digest = long_digest(30)
    ts = await asyncio.wait_for(adapter.poster.post_digest("C0DIGEST", digest), timeout=10)
    assert len(ts) == len(slack.posts) >= 2 and not slack.refused
    raw = texts(slack.posts)
    assert all(story.headline in raw for story in digest.stories)
    assert "<!channel>" not in raw and "&lt;!channel&gt;" in raw
    tries = [t for method, t in slack.calls if method == "chat.postMessage"]
    assert all(b - a >= 0.2 for a, b in itertools.pairwise(tries))  # about one message a second per channel


async def test_digest_answer_sends_its_parts_then_a_more_button(slack: FakeSlack, store_path: Path) -> None:
    digest = long_digest(80)

    def runner(command: str, args: str, ctx: CommandContext) -> Reply:
        return Reply(title=digest.title, kind="digest", digest=digest)

    adapter = await running(SlackAdapter(config(slack), runner))
    try:
        body = slack.form_body(slack.slash_command("/digest", "", rid="parts"))
        assert (await post_signed(adapter, body, sign(SECRET, body)))[0] == 200
        parts = await wait_until(
            lambda: len(slack.responses.get("parts", [])) == 5 and slack.responses["parts"],
            what="five digest parts",
        )
        assert all(p["response_type"] == "in_channel" and not block_kit_problems(p) for p in parts)
        assert not any(b["type"] == "actions" for p in parts[:4] for b in p["blocks"])
        assert parts[4]["blocks"][-1]["elements"][0]["action_id"] == "geodigest_more"
    finally:
        await adapter.stop()


async def test_retry_after_a_failure_part_way_posts_only_the_rest(slack: FakeSlack, store_path: Path) -> None:
    adapter = SlackAdapter(config(slack), store_runner(store_path))
    digest = long_digest(30)
    slack.script = [None, "internal_error"]  # the second part fails once
    with pytest.raises(DeliveryError) as err:
        await asyncio.wait_for(adapter.poster.post_digest("C0DIGEST", digest), timeout=10)
    assert not err.value.permanent and len(slack.posts) == 1
    ts = await asyncio.wait_for(adapter.poster.post_digest("C0DIGEST", digest), timeout=10)
    assert len(ts) == len(slack.posts) >= 3 and len(set(ts)) == len(ts)
    # every part exactly once, in order
    assert [p["blocks"] for p in slack.posts] == [p["blocks"] for p in digest_payloads(digest)]


async def test_tokens_never_reach_the_logs(
    slack: FakeSlack, store_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    adapter = await running(SlackAdapter(config(slack), store_runner(store_path)))
    try:
        body = slack.form_body(slack.slash_command("/who-said", "Lind", rid="log"))
        assert (await post_signed(adapter, body, sign(SECRET, body)))[0] == 200
        await wait_until(lambda: slack.responses.get("log"), what="the answer")
        await adapter.poster.post_digest("C0DIGEST", await _digest(store_path))
    finally:
        await adapter.stop()
    socket = await running(SlackAdapter(config(slack, mode="socket"), store_runner(store_path)))
    await socket.stop()
    assert caplog.records  # the libraries did log at DEBUG
    for secret in (BOT_TOKEN, APP_TOKEN, SECRET):
        assert secret not in caplog.text


@pytest.mark.parametrize("body", [
    b"\xff\xfe{{{ not a form at all",
    b'{"type": "event_callback", "event": ',
    b"payload=%7B%22type%22%3A%22block_actions%22%2C",
])
async def test_unsigned_garbage_is_refused_before_parsing_and_not_logged(
    slack: FakeSlack, store_path: Path, caplog: pytest.LogCaptureFixture, body: bytes
) -> None:
    adapter = await running(SlackAdapter(config(slack), store_runner(store_path)))
    try:
        with caplog.at_level(logging.DEBUG):
            for headers in ({"Content-Type": "application/json"},
                            {"Content-Type": "application/x-www-form-urlencoded",
                             "X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=beef"}):
                status, _ = await post_signed(adapter, body, headers)
                assert status == 401
            # A real command, unsigned: refused, and its token, user and response URL stay out of the logs.
            command = slack.form_body(slack.slash_command("/ingest", "https://news.example/a", user=ADMIN))
            assert (await post_signed(adapter, command, {"Content-Type": "application/x-www-form-urlencoded"}
                                      ))[0] == 401
        logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
        assert not any(r.exc_info for r in caplog.records)
        assert "legacy-verification-token" not in logged and "response_url" not in logged
        assert "hooks" not in logged and ADMIN not in logged
        assert "refused an unsigned or wrongly signed request" in logged
        assert slack.responses == {}
    finally:
        await adapter.stop()


async def test_feeds_is_for_admins_and_adds_a_feed_from_slack(
    slack: FakeSlack, store_path: Path, web: Any
) -> None:
    cfg = replace(config(slack), feeds=(web.url("/feed.atom"),))
    adapter = await running(SlackAdapter(cfg, store_runner(store_path)))
    try:
        feed = web.url("/feed.rss")
        other = slack.form_body(slack.slash_command("/feeds", f"add {feed}", rid="user", links=True))
        assert (await post_signed(adapter, other, sign(SECRET, other)))[0] == 200
        refused = await wait_until(lambda: slack.responses.get("user"), what="the refusal")
        assert "admins" in refused[0]["text"] and "/feeds" in refused[0]["text"]

        fields = slack.slash_command("/feeds", f"add {feed}", user=ADMIN, rid="add", links=True)
        body = slack.form_body(fields)
        status, acked = await post_signed(adapter, body, sign(SECRET, body))
        assert status == 200 and "Working on /feeds" in acked
        added = (await wait_until(lambda: slack.responses.get("add"), what="the add answer"))[0]
        assert f"Feed 2 added: {feed}" in added["text"] and added["response_type"] == "ephemeral"

        listing = slack.form_body(slack.slash_command("/feeds", "", user=ADMIN, rid="list"))
        assert (await post_signed(adapter, listing, sign(SECRET, listing)))[0] == 200
        shown = (await wait_until(lambda: slack.responses.get("list"), what="the list"))[0]
        raw = texts(shown)
        assert "Feeds (2 polled)" in raw and "(GEODIGEST" in raw and "not polled yet" in raw
        assert not block_kit_problems(shown)
        from digests.store import Store

        with Store.open(store_path) as store:
            assert [f.url for f in store.feeds.added()] == [feed]
            assert store.feeds.added()[0].added_by == f"slack:{ADMIN}"
    finally:
        await adapter.stop()


async def test_slack_retries_of_a_command_run_it_once(slack: FakeSlack, store_path: Path) -> None:
    """Slack resends a request it thinks went unanswered with X-Slack-Retry-Num and a fresh
    signature and timestamp: the command runs once and answers once, with or without a
    trigger_id in the payload (an older or third-party sender may leave it out)."""
    calls: list[str] = []
    real = store_runner(store_path)

    def runner(command: str, args: str, ctx: CommandContext) -> Reply:
        calls.append(args)
        return real(command, args, ctx)

    adapter = await running(SlackAdapter(config(slack), runner))
    try:
        sent = slack.slash_command("/sources", "", rid="with-trigger")
        bare = {k: v for k, v in slack.slash_command("/sources", "page 1", rid="no-trigger").items()
                if k != "trigger_id"}
        for fields in (sent, bare):
            body = slack.form_body(fields)
            assert (await post_signed(adapter, body, sign(SECRET, body)))[0] == 200
            for retry in (1, 2):
                headers = {**sign(SECRET, body, int(time.time()) + retry), "X-Slack-Retry-Num": str(retry),
                           "X-Slack-Retry-Reason": "http_timeout"}
                assert (await post_signed(adapter, body, headers))[0] == 200
        await wait_until(lambda: len(slack.responses) == 2, what="both answers")
        await asyncio.sleep(0.3)
        assert calls == ["", "page 1"]
        assert [len(slack.responses[r]) for r in ("with-trigger", "no-trigger")] == [1, 1]
    finally:
        await adapter.stop()


def _event(kind: str, **fields: Any) -> bytes:
    return json.dumps({"token": "legacy", "team_id": "T0TEAM", "api_app_id": "A0GEODIGEST",
                       "type": "event_callback", "event_id": f"Ev{kind}", "event_time": 1,
                       "event": {"type": kind, **fields}}).encode()


async def test_events_and_old_buttons_are_acknowledged_with_one_line(
    slack: FakeSlack, store_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An app subscribed to events by hand got Bolt's 404 for each (Slack retries it three times)
    and a multi-line '[Suggestion] You can handle this type of event' warning; an envelope was not
    acknowledged in Socket Mode (Slack sends it again), and a click on a button of an older version
    of the bot was not either (Slack shows the user an error)."""
    caplog.set_level(logging.INFO, logger="geodigest.slack")
    adapter = await running(SlackAdapter(config(slack), store_runner(store_path)))
    try:
        for body in (_event("message", channel="C0DIGEST", user="U0ALICE", text="<!everyone> hi", ts="1.2"),
                     _event("message", channel="C0DIGEST", user="U0ALICE", text="again", ts="1.3"),
                     _event("member_left_channel", user="U0BOT", channel="C0GONE", channel_type="C"),
                     _event("member_left_channel", user="U0ALICE", channel="C0DIGEST", channel_type="C")):
            headers = {**sign(SECRET, body), "Content-Type": "application/json"}
            assert (await post_signed(adapter, body, headers))[0] == 200
        old = slack.button_click({"action_id": "geodigest_page", "value": "2", "type": "button"}, rid="old")
        assert (await post_signed(adapter, old, sign(SECRET, old)))[0] == 200
        (answer,) = await wait_until(lambda: slack.responses.get("old"), what="the old button's answer")
        assert "no longer works" in answer["text"]
    finally:
        await adapter.stop()
    said = [m for m in (r.getMessage() for r in caplog.records if r.name == "geodigest.slack")
            if "ignored a" in m or "left channel" in m]
    assert said == [
        "slack: ignored a message event (the bot reads slash commands and its buttons only: event "
        "subscriptions can be turned off in the app's settings)",
        "slack: the bot left channel C0GONE: schedules and watches posting there fail until it is invited "
        "back (/invite @geodigest)",
        "slack: ignored a member_left_channel event (the bot reads slash commands and its buttons only: "
        "event subscriptions can be turned off in the app's settings)",
    ]
    assert not any("Suggestion" in r.getMessage() for r in caplog.records)

    adapter = await running(SlackAdapter(config(slack, mode="socket"), store_runner(store_path)))
    try:
        mention = json.loads(_event("app_mention", channel="C0DIGEST"))
        envelope = await slack.send_envelope("events_api", mention)
        await wait_until(lambda: [a for a in slack.acks if a.get("envelope_id") == envelope],
                         what="the event envelope's acknowledgement")
    finally:
        await adapter.stop()


async def test_commands_shortcuts_and_payloads_of_another_version_are_answered(
    slack: FakeSlack, store_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Tried as a hostile or out-of-date peer (12-06, 7th session; 10 signed requests tried, 3
    failed): a slash command the app's settings still list but this version has not got Bolt's 404
    (the user sees 'dispatch_failed'), so did a global shortcut added there, and a signed payload that
    is not JSON was a 500 with aiohttp's traceback. Now: the command says it is gone, the shortcut is
    acknowledged, the payload gets 400 and one line."""
    from urllib.parse import urlencode

    caplog.set_level(logging.INFO)
    adapter = await running(SlackAdapter(config(slack), store_runner(store_path)))
    try:
        body = slack.form_body(slack.slash_command("/frobnicate", "x", rid="gone"))
        status, text = await post_signed(adapter, body, sign(SECRET, body))
        assert (status, text) == \
            (200, "/frobnicate changed or is gone in this version of GeoDigest: /help lists the commands.")
        shortcut = urlencode({"payload": json.dumps({
            "type": "shortcut", "callback_id": "summarise", "trigger_id": "1.2.ff", "action_ts": "1.2",
            "team": {"id": "T0TEAM", "domain": "newsroom"}, "user": {"id": "U0ALICE", "team_id": "T0TEAM"},
            "api_app_id": "A0GEODIGEST", "token": "legacy"})}).encode()
        assert (await post_signed(adapter, shortcut, sign(SECRET, shortcut)))[0] == 200
        broken = urlencode({"payload": "{not json"}).encode()
        assert (await post_signed(adapter, broken, sign(SECRET, broken))) == (400, "unreadable request")
    finally:
        await adapter.stop()
    assert not any(r.exc_info for r in caplog.records)
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any("/frobnicate is not a command of this version" in m for m in logged)
    assert any("could not read a signed 19-byte request" in m for m in logged)
    assert not any("Unhandled request" in m for m in logged)


async def test_signed_payloads_of_a_shape_slack_never_sends_get_400_and_one_line(
    slack: FakeSlack, store_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Tried as a hostile peer holding the signing secret (12-06, 8th session; 47 signed requests
    tried, 23 failed): a block_actions without actions (or with an empty list, a string, an action that
    is no object, one without its action_id), a view without its type, an event that is a string, a
    user or channel that is no object were answered 500 by Bolt with a traceback (the channel's in our
    own page button); a view_closed and a block_suggestion got Bolt's 404 with its multi-line
    '[Suggestion]'; Slack's own app_rate_limited notice got a 404. Now: 400 with the reason, one
    WARNING line naming no value; the notice acknowledged and said; a well-formed command still runs."""
    from urllib.parse import parse_qsl, urlencode

    def payload(data: Any) -> bytes:
        return urlencode({"payload": json.dumps(data)}).encode()

    click = json.loads(dict(parse_qsl(
        slack.button_click({"action_id": "geodigest_next", "value": "{}"}, rid="c").decode()))["payload"])
    refused = {
        "block_actions without actions": [payload({**click, "actions": v}) for v in ([], None, "x")],
        "block_actions with an action that is not an object": [payload({**click, "actions": ["x"]})],
        "block_actions with an action without its action_id": [
            payload({**click, "actions": [{"value": "1"}]})],
        "block_actions with a channel that is not an object": [payload({**click, "channel": "C0DIGEST"})],
        "block_actions with a user that is not an object": [payload({**click, "user": "U0ALICE"})],
        "view_submission without a view and its type": [
            payload({"type": "view_submission", "user": {"id": "U0ALICE"}, "view": {"callback_id": "x"}})],
        "view_submission with a view that is not an object": [
            payload({"type": "view_submission", "user": {"id": "U0ALICE"}, "view": "x"})],
        "event_callback with an event that is not an object": [
            json.dumps({"type": "event_callback", "event": e}).encode() for e in ("x", [1])],
        "neither a slash command nor a payload with a type": [
            urlencode({"text": "Lee", "user_id": "U0ALICE"}).encode()],
    }
    caplog.set_level(logging.INFO)
    adapter = await running(SlackAdapter(config(slack), store_runner(store_path)))
    try:
        for reason, bodies in refused.items():
            for body in bodies:
                headers = {**sign(SECRET, body)}
                if body.startswith(b"{"):
                    headers["Content-Type"] = "application/json"
                assert await post_signed(adapter, body, headers) == (400, f"bad request: {reason}"), body
        for kind, extra in (("view_closed", {"view": {"type": "modal", "callback_id": "x"}}),
                            ("block_suggestion", {"action_id": "x", "block_id": "b", "value": "L"})):
            body = payload({"type": kind, "user": {"id": "U0ALICE"}, "team": {"id": "T0TEAM"}, **extra})
            assert (await post_signed(adapter, body, sign(SECRET, body)))[0] == 200, kind
        limited = json.dumps({"type": "app_rate_limited", "team_id": "T0TEAM", "api_app_id": "A0GEODIGEST",
                              "minute_rate_limited": 1518467820, "token": "legacy"}).encode()
        assert (await post_signed(adapter, limited, {**sign(SECRET, limited),
                                                     "Content-Type": "application/json"}))[0] == 200
        body = slack.form_body(slack.slash_command("/help", "", rid="after"))
        assert (await post_signed(adapter, body, sign(SECRET, body)))[0] == 200
        await wait_until(lambda: slack.responses.get("after"), what="the command after them answered")
    finally:
        await adapter.stop()
    records = [r for r in caplog.records if r.name.startswith(("geodigest", "slack_bolt"))]
    assert not any(r.exc_info or r.levelno >= logging.ERROR for r in records)
    said = [r.getMessage() for r in records if "refused a signed request" in r.getMessage()]
    assert len(said) == sum(len(b) for b in refused.values())
    assert not any("U0ALICE" in m or "respond" in m or "legacy" in m for m in said)
    assert not any("Suggestion" in r.getMessage() or "Unhandled request" in r.getMessage() for r in records)
    assert any("app_rate_limited" in r.getMessage() for r in records)

    adapter = await running(SlackAdapter(config(slack, mode="socket"), store_runner(store_path)))
    try:
        envelope = await slack.send_envelope("interactive", {**click, "actions": []})
        await wait_until(lambda: [a for a in slack.acks if a.get("envelope_id") == envelope],
                         what="the malformed envelope acknowledged, so Slack does not send it again")
    finally:
        await adapter.stop()
