"""A fake Slack: the Web API methods GeoDigest calls, Socket Mode, and response_url endpoints.

Speaks what slack_sdk expects: JSON answers with ``ok``, ``Retry-After`` on 429, a
``ws://`` URL from ``apps.connections.open`` and a websocket that says hello, sends
envelopes and collects their acknowledgements. It checks Block Kit limits the way Slack
does (refusing with ``invalid_blocks``) so a renderer bug fails the test.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from aiohttp import WSMsgType, web

from tests.fakes import json_response, serve

BOT_TOKEN = "xoxb-test-bot-token"
APP_TOKEN = "xapp-test-app-token"

# Block Kit limits (see PLATFORMS.md); the total is kept well under the reported ~13k.
MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_HEADER = 150
MAX_FIELDS = 10
MAX_TEXT = 40_000
MAX_BLOCKS_CHARS = 13_000
RESPONSE_URL_USES = 5


def block_kit_problems(message: dict[str, Any]) -> list[str]:
    """What Slack would refuse in a message (empty when it is within limits)."""
    problems: list[str] = []
    blocks = message.get("blocks") or []
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    if len(blocks) > MAX_BLOCKS:
        problems.append(f"{len(blocks)} blocks")
    if len(json.dumps(blocks)) > MAX_BLOCKS_CHARS:
        problems.append("blocks too long in total")
    if len(str(message.get("text") or "")) > MAX_TEXT:
        problems.append("text too long")
    for block in blocks:
        kind = block.get("type")
        text = block.get("text") or {}
        if kind == "section":
            if len(text.get("text", "")) > MAX_SECTION_TEXT:
                problems.append("section text over 3000")
            if len(block.get("fields") or []) > MAX_FIELDS:
                problems.append("more than 10 fields")
            for f in block.get("fields") or []:
                if len(f.get("text", "")) > 2000:
                    problems.append("field text over 2000")
        if kind == "header" and (text.get("type") != "plain_text" or len(text.get("text", "")) > MAX_HEADER):
            problems.append("bad header")
        if kind == "context" and len(block.get("elements") or []) > 10:
            problems.append("more than 10 context elements")
    return problems


def slack_text(typed: str, *, links: bool = False) -> str:
    """Text as Slack sends it to an app: ``&``, ``<``, ``>`` as entities, links optionally in ``<>``."""
    text = typed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"https?://\S+", lambda m: f"<{m.group(0)}>", text) if links else text


def sign(secret: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """The headers Slack signs a request with: v0=HMAC-SHA256(secret, 'v0:ts:body')."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": "application/x-www-form-urlencoded",
    }


@dataclass
class FakeSlack:
    """One fake Slack workspace. ``await start()``, point the app at ``api_url``, ``await stop()``."""

    posts: list[dict[str, Any]] = field(default_factory=list)  # accepted chat.postMessage bodies
    refused: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (error, body)
    responses: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # response_url id -> bodies
    acks: list[dict[str, Any]] = field(default_factory=list)  # Socket Mode acknowledgements
    calls: list[tuple[str, float]] = field(default_factory=list)  # (method, monotonic time)
    rate_limit_next: int = 0  # answer this many chat.postMessage calls with 429 first
    retry_after: int = 1
    channel_errors: dict[str, str] = field(default_factory=dict)  # channel -> error code
    script: list[str | None] = field(default_factory=list)  # per chat.postMessage call: an error or None
    members: set[str] = field(default_factory=lambda: {"C0DIGEST"})
    # channel -> messages as conversations.history returns them (oldest first here; answered newest first)
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    history_scope: bool = True  # False: conversations.history answers missing_scope
    drop_after_create: int = 0  # create this many messages, then drop the connection instead of answering
    garble_after_create: int = 0  # create this many messages, then answer with JSON cut off mid-body
    history_page: int = 200  # the most messages one conversations.history page returns
    # (channel, thread_ts) -> replies posted in that thread, oldest first (not in the channel's history)
    replies: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    port: int = 0
    _runner: web.AppRunner | None = None
    _envelopes: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def start(self) -> FakeSlack:
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)  # slack_sdk sends some reads as GET
        app.router.add_get("/link/", self._socket)
        app.router.add_post("/respond/{rid}", self._respond)
        self._runner, self.port = await serve(app)
        return self

    async def stop(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return self.base + "/api/"

    def response_url(self, rid: str) -> str:
        return f"{self.base}/respond/{rid}"

    def slash_command(
        self, command: str, text: str, *, user: str = "U0ALICE", rid: str = "r1", links: bool = False
    ) -> dict[str, str]:
        """The form fields Slack sends for a slash command typed as ``text``, answered via our response_url.

        ``links``: the app has "Escape channels, users, and links" on, so URLs arrive as ``<url>``.
        """
        n = next(self._ids)
        return {
            "token": "legacy-verification-token",
            "team_id": "T0TEAM",
            "team_domain": "newsroom",
            "channel_id": "C0DIGEST",
            "channel_name": "briefing",
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": slack_text(text, links=links),
            "api_app_id": "A0GEODIGEST",
            "is_enterprise_install": "false",
            "response_url": self.response_url(rid),
            "trigger_id": f"1337.{n}.abcdef{n}",
        }

    @staticmethod
    def form_body(fields: dict[str, str]) -> bytes:
        return urlencode(fields).encode()

    def button_click(self, button: dict[str, Any], *, rid: str, user: str = "U0ALICE") -> bytes:
        """The body Slack posts when ``user`` clicks ``button`` (a block_actions payload), answered via
        the response_url ``rid``."""
        n = next(self._ids)
        click = {
            "type": "block_actions",
            "team": {"id": "T0TEAM", "domain": "newsroom"},
            "user": {"id": user, "username": user.lower(), "team_id": "T0TEAM"},
            "api_app_id": "A0GEODIGEST",
            "token": "legacy",
            "trigger_id": f"1337.{n}.ff{n}",
            "container": {"type": "message", "message_ts": "1.2", "is_ephemeral": True},
            "channel": {"id": "C0DIGEST", "name": "briefing"},
            "response_url": self.response_url(rid),
            "actions": [{**button, "block_id": "geodigest_pager", "action_ts": f"1.{n}"}],
        }
        return urlencode({"payload": json.dumps(click)}).encode()

    async def send_envelope(self, envelope_type: str, payload: dict[str, Any]) -> str:
        """Queue a Socket Mode envelope for the connected app; returns its envelope id."""
        envelope_id = f"env-{next(self._ids)}"
        await self._envelopes.put(
            {
                "envelope_id": envelope_id,
                "type": envelope_type,
                "payload": payload,
                "accepts_response_payload": envelope_type == "slash_commands",
            }
        )
        return envelope_id

    # -- handlers -------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        self.calls.append((method, time.monotonic()))
        auth = request.headers.get("Authorization", "")
        raw = await request.read()
        if request.content_type == "application/json":
            body: dict[str, Any] = json.loads(raw or b"{}")
        else:
            body = dict(parse_qsl(raw.decode()))
        body = {**dict(request.query), **body}
        if method == "apps.connections.open":
            if auth != f"Bearer {APP_TOKEN}":
                return json_response({"ok": False, "error": "invalid_auth"})
            return json_response({"ok": True, "url": f"ws://127.0.0.1:{self.port}/link/?ticket=t1"})
        if auth != f"Bearer {BOT_TOKEN}":
            return json_response({"ok": False, "error": "invalid_auth"})
        if method == "auth.test":
            return json_response(
                {
                    "ok": True,
                    "url": "https://newsroom.example/",
                    "team": "Newsroom",
                    "user": "geodigest",
                    "team_id": "T0TEAM",
                    "user_id": "U0BOT",
                    "bot_id": "B0BOT",
                    "is_enterprise_install": False,
                }
            )
        if method == "chat.postMessage":
            answer = self._post_message(body)
            if self.drop_after_create > 0 and answer.status == 200 and self.posts and self.posts[-1] is body:
                # The message exists now, but the client never hears so (a crash or a cut connection).
                self.drop_after_create -= 1
                if request.transport is not None:
                    request.transport.abort()
                raise ConnectionResetError("fake: connection dropped after creating the message")
            created = answer.status == 200 and self.posts and self.posts[-1] is body
            if self.garble_after_create > 0 and created:
                self.garble_after_create -= 1  # the message exists; its answer stops half-way
                return web.Response(body=answer.body[: len(answer.body) // 2], status=200,
                                    content_type="application/json")
            return answer
        if method == "conversations.history":
            return self._history(body)
        if method == "conversations.replies":
            return self._replies(body)
        return json_response({"ok": False, "error": "unknown_method"})

    def _post_message(self, body: dict[str, Any]) -> web.Response:
        if self.rate_limit_next > 0:
            self.rate_limit_next -= 1
            return json_response(
                {"ok": False, "error": "ratelimited"},
                status=429,
                headers={"Retry-After": str(self.retry_after)},
            )
        channel = str(body.get("channel", ""))
        error = self.script.pop(0) if self.script else None
        error = error or self.channel_errors.get(channel)
        if error is None and channel not in self.members:
            error = "channel_not_found"
        if error is None:
            problems = block_kit_problems(body)
            error = "invalid_blocks" if problems else None
        if error is not None:
            self.refused.append((error, body))
            return json_response({"ok": False, "error": error})
        thread_ts = str(body.get("thread_ts") or "")
        if thread_ts and not any(m["ts"] == thread_ts for m in self.history.get(channel, [])):
            self.refused.append(("thread_not_found", body))
            return json_response({"ok": False, "error": "thread_not_found"})
        self.posts.append(body)
        # a reply lives in its thread, not in the channel's history (as Slack keeps them)
        messages = self.replies.setdefault((channel, thread_ts), []) if thread_ts else \
            self.history.setdefault(channel, [])
        # Unique and increasing, like Slack's: a timestamp with a per-workspace sequence.
        ts = f"{int(time.time())}.{len(self.posts):06d}"
        stored: dict[str, Any] = {"type": "message", "user": "U0BOT", "bot_id": "B0BOT",
                                  "text": body.get("text", ""), "ts": ts}
        if thread_ts:
            stored["thread_ts"] = thread_ts
        metadata = body.get("metadata")
        if isinstance(metadata, str):
            metadata = json.loads(metadata)
        if metadata:
            stored["metadata"] = metadata
        messages.append(stored)
        return json_response(
            {
                "ok": True,
                "channel": channel,
                "ts": ts,
                "message": {"type": "message", "text": body.get("text", ""), "ts": ts},
            }
        )

    def _history(self, body: dict[str, Any]) -> web.Response:
        if not self.history_scope:
            return json_response({"ok": False, "error": "missing_scope", "needed": "channels:history"})
        channel = str(body.get("channel", ""))
        if channel not in self.members:
            return json_response({"ok": False, "error": "channel_not_found"})
        oldest = float(body.get("oldest") or 0)
        inclusive = str(body.get("inclusive", "")).lower() in ("1", "true")
        with_metadata = str(body.get("include_all_metadata", "")).lower() in ("1", "true")
        limit = min(int(body.get("limit") or 100), self.history_page)
        start = int(body.get("cursor") or 0)
        found = [
            m for m in reversed(self.history.get(channel, []))
            if float(m["ts"]) > oldest or (inclusive and float(m["ts"]) == oldest)
        ]
        page = found[start : start + limit]
        out = [m if with_metadata else {k: v for k, v in m.items() if k != "metadata"} for m in page]
        more = start + limit < len(found)
        return json_response({
            "ok": True, "messages": out, "has_more": more, "pin_count": 0,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        })

    def _replies(self, body: dict[str, Any]) -> web.Response:
        """conversations.replies: the parent message, then its replies (oldest first), one page."""
        if not self.history_scope:
            return json_response({"ok": False, "error": "missing_scope", "needed": "channels:history"})
        channel, ts = str(body.get("channel", "")), str(body.get("ts", ""))
        if channel not in self.members:
            return json_response({"ok": False, "error": "channel_not_found"})
        parent = [m for m in self.history.get(channel, []) if m["ts"] == ts]
        if not parent:
            return json_response({"ok": False, "error": "thread_not_found"})
        oldest = float(body.get("oldest") or 0)
        inclusive = str(body.get("inclusive", "")).lower() in ("1", "true")
        with_metadata = str(body.get("include_all_metadata", "")).lower() in ("1", "true")
        limit = min(int(body.get("limit") or 100), self.history_page)
        start = int(body.get("cursor") or 0)
        found = [m for m in parent + self.replies.get((channel, ts), [])
                 if float(m["ts"]) > oldest or (inclusive and float(m["ts"]) == oldest)]
        page = found[start : start + limit]
        out = [m if with_metadata else {k: v for k, v in m.items() if k != "metadata"} for m in page]
        more = start + limit < len(found)
        return json_response({"ok": True, "messages": out, "has_more": more,
                              "response_metadata": {"next_cursor": str(start + limit) if more else ""}})

    async def _respond(self, request: web.Request) -> web.Response:
        rid = request.match_info["rid"]
        used = self.responses.setdefault(rid, [])
        if len(used) >= RESPONSE_URL_USES:
            return web.Response(status=404, text="used_url")
        body = await request.json()
        if block_kit_problems(body):
            return web.Response(status=400, text="invalid_blocks")
        used.append(body)
        return web.Response(text="ok")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_json(
            {
                "type": "hello",
                "num_connections": 1,
                "debug_info": {"host": "fake-slack", "approximate_connection_time": 3600},
                "connection_info": {"app_id": "A0GEODIGEST"},
            }
        )
        sender = asyncio.ensure_future(self._send_envelopes(ws))
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    self.acks.append(json.loads(msg.data))
        finally:
            sender.cancel()
            self._sockets.remove(ws)
        return ws

    async def _send_envelopes(self, ws: web.WebSocketResponse) -> None:
        while not ws.closed:
            envelope = await self._envelopes.get()
            await ws.send_json(envelope)
