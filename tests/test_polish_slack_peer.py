"""Slack as a peer sending what GeoDigest never makes: a menu's choice answered as a stale button.

Tried on 12-07 against the fake on 127.0.0.1 (11 payloads: a form submitted and closed, a select, a
foreign button, a shortcut, a message action, a menu's options, an unknown, a huge and an absurd
slash command): a select menu's choice got 'That button no longer works: run the command again.',
which names neither what happened nor what to do."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest

from adapters.slack.app import NO_MENUS, SlackAdapter, SlackConfig, store_runner
from tests.fakes import wait_until
from tests.fakes.slack import APP_TOKEN, BOT_TOKEN, FakeSlack, sign

SECRET = "polish-signing-secret"


def _action(slack: FakeSlack, rid: str, action: dict[str, Any]) -> bytes:
    click = {
        "type": "block_actions", "team": {"id": "T0TEAM"}, "api_app_id": "A0GEODIGEST", "token": "legacy",
        "user": {"id": "U0ALICE", "team_id": "T0TEAM"}, "trigger_id": f"1.2.{rid}",
        "container": {"type": "message", "message_ts": "1.2"}, "channel": {"id": "C0DIGEST"},
        "response_url": slack.response_url(rid), "actions": [{**action, "block_id": "b", "action_ts": "1.3"}],
    }
    return urlencode({"payload": json.dumps(click)}).encode()


async def test_a_menu_choice_gets_one_line_that_says_there_are_no_menus(
    slack: FakeSlack, store_path: Path
) -> None:
    cfg = SlackConfig(bot_token=BOT_TOKEN, app_token=APP_TOKEN, signing_secret=SECRET, mode="http",
                      host="127.0.0.1", port=0, api_base_url=slack.api_url, post_interval=0.0)
    adapter = SlackAdapter(cfg, store_runner(store_path))
    await adapter.start()
    option = {"text": {"type": "plain_text", "text": "Japan"}, "value": "JP"}
    clicks = {
        "select": {"type": "static_select", "action_id": "pick", "selected_option": option},
        "users": {"type": "users_select", "action_id": "who", "selected_user": "U0BOB"},
        "button": {"type": "button", "action_id": "vote", "value": "yes"},
    }
    try:
        async with aiohttp.ClientSession() as http:
            for rid, action in clicks.items():
                body = _action(slack, rid, action)
                url = f"http://127.0.0.1:{adapter.port}/slack/events"
                async with http.post(url, data=body, headers=sign(SECRET, body)) as r:
                    assert r.status == 200
        answers = await wait_until(lambda: len(slack.responses) == 3 and slack.responses, what="3 answers")
    finally:
        await adapter.stop()
    assert [m["text"] for m in answers["select"]] == [NO_MENUS]
    assert [m["text"] for m in answers["users"]] == [NO_MENUS]
    # a button of an older version's answer is still told to run the command again
    assert [m["text"] for m in answers["button"]] == ["That button no longer works: run the command again."]


@pytest.mark.parametrize("payload", [None, 7, [1, 2]])
async def test_a_socket_mode_envelope_whose_payload_is_no_object_is_acknowledged_once(
    slack: FakeSlack, store_path: Path, caplog: pytest.LogCaptureFixture, payload: Any
) -> None:
    """Tried with 11 odd Socket Mode frames: an envelope whose payload was null (or a number, a list)
    gave slack_sdk's ERROR 'Unsupported payload data type' with a traceback and was never
    acknowledged (Slack sends such an envelope again)."""
    cfg = SlackConfig(bot_token=BOT_TOKEN, app_token=APP_TOKEN, mode="socket", api_base_url=slack.api_url,
                      post_interval=0.0)
    adapter = SlackAdapter(cfg, store_runner(store_path))
    await adapter.start()
    try:
        with caplog.at_level(logging.INFO):
            await slack._envelopes.put({"envelope_id": "odd-1", "type": "slash_commands", "payload": payload,
                                        "accepts_response_payload": True})
            await wait_until(lambda: [a for a in slack.acks if a.get("envelope_id") == "odd-1"],
                             what="the envelope acknowledged")
            after = await slack.send_envelope("slash_commands", slack.slash_command("/help", "", rid="after"))
            await wait_until(lambda: slack.responses.get("after"), what="the next command answered")
            # stopped only once that envelope is acknowledged too: stopping while slack_sdk still writes
            # the acknowledgement logs its ERROR 'Cannot write to closing transport' (a race of the test)
            await wait_until(lambda: [a for a in slack.acks if a.get("envelope_id") == after],
                             what="the next command acknowledged")
    finally:
        await adapter.stop()
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert len([a for a in slack.acks if a.get("envelope_id") == "odd-1"]) == 1
