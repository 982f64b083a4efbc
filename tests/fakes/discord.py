"""A fake Discord: the REST routes and gateway events a bot with application commands uses.

discord.py talks to it unchanged once ``Route.BASE`` and ``DEFAULT_GATEWAY`` point here.
It enforces what discord.py does not: message limits (400, code 50035), nonces sent with
``enforce_nonce`` (a repeat within ``nonce_window`` gets the original message back), the 3-second
deadline for an interaction's first response (404, code 10062) and one first response
per interaction (400, code 40060), and an interaction token's life (``token_life``, 15 minutes as
on Discord): follow-ups and edits through an older token get 401, code 50027. Every JSON answer has
``Content-Type: application/json`` exactly, as Discord sends it.
"""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

from tests.fakes import json_response, serve

TOKEN = "fake-discord-bot-token"
APP_ID = "1100000000000000001"
BOT_ID = "1100000000000000002"
GUILD_ID = "1100000000000000003"
CHANNEL_ID = "1100000000000000004"
OWNER_ID = "1100000000000000005"
USER_ID = "1100000000000000006"
MANAGE_GUILD = 1 << 5
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
FIRST_RESPONSE_DEADLINE = 3.0
DISCORD_EPOCH_MS = 1420070400000

BOT_USER = {
    "id": BOT_ID,
    "username": "geodigest",
    "discriminator": "0",
    "global_name": None,
    "avatar": None,
    "bot": True,
    "flags": 0,
}
USER = {
    "id": USER_ID,
    "username": "alice",
    "discriminator": "0",
    "global_name": "Alice",
    "avatar": None,
    "flags": 0,
}


def message_problems(body: dict[str, Any]) -> list[str]:
    """What Discord would refuse with 50035 Invalid Form Body (empty when within limits)."""
    problems = []
    if len(body.get("content") or "") > 2000:
        problems.append("content over 2000")
    embeds = body.get("embeds") or []
    if len(embeds) > 10:
        problems.append("more than 10 embeds")
    total = 0
    for e in embeds:
        limits = (("title", 256), ("description", 4096))
        for key, most in limits:
            if len(e.get(key) or "") > most:
                problems.append(f"embed {key} over {most}")
            total += len(e.get(key) or "")
        fields = e.get("fields") or []
        if len(fields) > 25:
            problems.append("more than 25 fields")
        for f in fields:
            if not f.get("name") or not f.get("value"):
                problems.append("empty field name or value")
            if len(f.get("name") or "") > 256 or len(f.get("value") or "") > 1024:
                problems.append("field over limits")
            total += len(f.get("name") or "") + len(f.get("value") or "")
        footer = (e.get("footer") or {}).get("text") or ""
        author = (e.get("author") or {}).get("name") or ""
        if len(footer) > 2048 or len(author) > 256:
            problems.append("footer or author over limits")
        total += len(footer) + len(author)
    if total > 6000:
        problems.append("embeds over 6000 in total")
    if not body.get("content") and not embeds and not body.get("components"):
        problems.append("empty message")
    return problems


# the response types each interaction type takes: a command (2) a message, a deferral or a modal; a
# component (3) those and an update of its message; an autocomplete (4) choices only; a modal's
# submission (5) a message or an update
_RESPONSE_TYPES: dict[int, tuple[int, ...]] = {2: (4, 5, 9), 3: (4, 5, 6, 7, 9), 4: (8,), 5: (4, 5, 6, 7)}


def _error(status: int, code: int, message: str) -> web.Response:
    return json_response({"code": code, "message": message}, status=status)


@dataclass
class FakeDiscord:
    """One fake Discord with one guild and one text channel. ``await start()``, ``await stop()``."""

    identifies: list[dict[str, Any]] = field(default_factory=list)
    synced: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # "global" or guild id -> commands
    callbacks: list[dict[str, Any]] = field(default_factory=list)  # {"id", "token", "body", "at"}
    followups: list[dict[str, Any]] = field(default_factory=list)  # {"token", "body"}
    edits: list[dict[str, Any]] = field(default_factory=list)  # {"token", "message", "body"}
    channel_posts: list[dict[str, Any]] = field(default_factory=list)  # {"channel", "body"}
    refused: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    requests: list[tuple[str, str, float]] = field(default_factory=list)  # (method, path, time)
    channels: set[str] = field(default_factory=lambda: {CHANNEL_ID})
    rate_limit_next: int = 0  # answer this many channel posts with 429 (with Via) first
    script: list[int | None] = field(default_factory=list)  # per channel post: an HTTP status to fail with
    retry_after: float = 0.3
    nonce_window: float = 300.0  # seconds a nonce with enforce_nonce returns the original message
    token_life: float = 15 * 60.0  # seconds an interaction token may follow up or edit
    drop_after_create: int = 0  # create this many channel messages, then drop the connection
    garble_after_create: int = 0  # create this many channel messages, then answer with JSON cut off mid-body
    history_forbidden: bool = False  # the bot lacks Read Message History: GET messages answers 403
    channel_messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # oldest first
    forums: set[str] = field(default_factory=set)  # forum channels: posts only as threads
    threads: dict[str, dict[str, Any]] = field(default_factory=dict)  # thread id -> channel object
    thread_starts: list[dict[str, Any]] = field(default_factory=list)  # {"channel", "message", "body"}
    port: int = 0
    _runner: web.AppRunner | None = None
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)
    _seq: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _interactions: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> {"sent", "answered"}
    _nonces: dict[tuple[str, str], tuple[float, dict[str, Any]]] = field(default_factory=dict)

    async def start(self) -> FakeDiscord:
        app = web.Application(middlewares=[self._log])
        r = app.router
        r.add_get("/gateway", self._gateway)
        r.add_get("/api/v10/users/@me", self._me)
        r.add_get("/api/v10/oauth2/applications/@me", self._application)
        r.add_put("/api/v10/applications/{app}/commands", self._sync)
        r.add_put("/api/v10/applications/{app}/guilds/{guild}/commands", self._sync)
        r.add_post("/api/v10/interactions/{iid}/{token}/callback", self._callback)
        r.add_post("/api/v10/webhooks/{app}/{token}", self._followup)
        r.add_patch("/api/v10/webhooks/{app}/{token}/messages/{mid}", self._edit)
        r.add_post("/api/v10/channels/{channel}/messages", self._channel_post)
        r.add_get("/api/v10/channels/{channel}/messages", self._channel_history)
        r.add_get("/api/v10/channels/{channel}", self._get_channel)
        r.add_post("/api/v10/channels/{channel}/messages/{message}/threads", self._thread_from_message)
        r.add_post("/api/v10/channels/{channel}/threads", self._forum_post)
        r.add_get("/api/v10/guilds/{guild}/threads/active", self._active_threads)
        self._runner, self.port = await serve(app)
        return self

    async def stop(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def snowflake(self) -> str:
        return str(1200000000000000000 + next(self._ids))

    def timed_snowflake(self) -> str:
        """A snowflake whose top bits are the time, as Discord's (history's ``after`` compares them)."""
        millis = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return str((millis << 22) | (next(self._ids) & 0xFFF))

    # -- what the tests drive -------------------------------------------------------

    def interaction(
        self, name: str, options: dict[str, str | int] | None = None, *, permissions: int = SEND_MESSAGES
    ) -> dict[str, Any]:
        """An application-command INTERACTION_CREATE payload, as Discord sends it from a guild."""
        iid = self.snowflake()
        opts = [{"name": k, "type": 4 if isinstance(v, int) else 3, "value": v}
                for k, v in (options or {}).items()]
        return {
            "id": iid,
            "application_id": APP_ID,
            "type": 2,
            "token": f"itoken-{iid}",
            "version": 1,
            "data": {"id": self.snowflake(), "name": name, "type": 1, "options": opts, "guild_id": GUILD_ID},
            "guild_id": GUILD_ID,
            "channel_id": CHANNEL_ID,
            "channel": {
                "id": CHANNEL_ID,
                "type": 0,
                "guild_id": GUILD_ID,
                "name": "briefing",
                "position": 0,
                "permission_overwrites": [],
                "nsfw": False,
                "parent_id": None,
            },
            "member": {
                "user": USER,
                "roles": [],
                "joined_at": "2026-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
                "permissions": str(permissions),
            },
            "locale": "en-GB",
            "guild_locale": "en-GB",
            "app_permissions": str(SEND_MESSAGES | EMBED_LINKS),
            "entitlements": [],
            "authorizing_integration_owners": {"0": GUILD_ID},
            "context": 0,
            "attachment_size_limit": 10 * 1024 * 1024,
        }

    def dm_interaction(self, name: str, options: dict[str, str] | None = None) -> dict[str, Any]:
        """An application-command interaction from a direct message with the bot (no guild)."""
        payload = self.interaction(name, options)
        for key in ("guild_id", "member", "guild_locale"):
            payload.pop(key)
        payload["data"].pop("guild_id")
        payload["user"] = USER
        payload["channel"] = {"id": payload["channel_id"], "type": 1, "recipients": [USER]}
        payload["context"] = 1
        payload["authorizing_integration_owners"] = {"1": USER_ID}
        return payload

    def component_interaction(self, message: dict[str, Any], custom_id: str) -> dict[str, Any]:
        """A button click (type 3) on a message the bot sent."""
        payload = self.interaction("unused")
        payload["type"] = 3
        payload["data"] = {"custom_id": custom_id, "component_type": 2}
        payload["message"] = message
        return payload

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a gateway dispatch (op 0) to every connected client."""
        if data.get("type") in (2, 3, 4, 5):
            # a replayed interaction (the gateway resending it after a resume) is still the one
            # interaction: answered once, a second answer refused as Discord refuses it
            self._interactions.setdefault(data["id"], {"sent": time.monotonic(), "answered": False,
                                                       "type": data["type"]})
        for ws in list(self._sockets):
            await ws.send_str(json.dumps({"op": 0, "t": event, "s": next(self._seq), "d": data}))

    def answers_to(self, interaction: dict[str, Any]) -> list[dict[str, Any]]:
        """Callback bodies and follow-up bodies for one interaction, in order."""
        out = [c["body"] for c in self.callbacks if c["id"] == interaction["id"]]
        out += [f["body"] for f in self.followups if f["token"] == interaction["token"]]
        return out

    # -- handlers -------------------------------------------------------------------

    @web.middleware
    async def _log(self, request: web.Request, handler: Any) -> web.StreamResponse:
        self.requests.append((request.method, request.path, time.monotonic()))
        if (
            request.path.startswith("/api/")
            and "/interactions/" not in request.path
            and "/webhooks/" not in request.path
            and request.headers.get("Authorization") != f"Bot {TOKEN}"
        ):
            return _error(401, 0, "401: Unauthorized")
        return await handler(request)

    async def _me(self, request: web.Request) -> web.Response:
        return json_response(BOT_USER)

    async def _application(self, request: web.Request) -> web.Response:
        return json_response(
            {
                "id": APP_ID,
                "name": "GeoDigest",
                "description": "",
                "icon": None,
                "bot_public": False,
                "bot_require_code_grant": False,
                "owner": {**USER, "id": OWNER_ID},
                "verify_key": "00" * 32,
                "flags": 0,
                "summary": "",
                "team": None,
            }
        )

    async def _sync(self, request: web.Request) -> web.Response:
        commands = await request.json()
        where = request.match_info.get("guild", "global")
        out = []
        for c in commands:
            item = {**c, "id": self.snowflake(), "application_id": APP_ID, "version": self.snowflake()}
            if where != "global":
                item["guild_id"] = where
            item.setdefault("type", 1)
            item.setdefault("description", "")
            out.append(item)
        self.synced[where] = out
        return json_response(out)

    def _message(
        self, channel: str, body: dict[str, Any], *, webhook: bool = False, timed: bool = False
    ) -> dict[str, Any]:
        return {
            "id": self.timed_snowflake() if timed else self.snowflake(),
            "channel_id": channel,
            "type": 20 if webhook else 0,
            "content": body.get("content") or "",
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "attachments": [],
            "author": BOT_USER,
            "timestamp": datetime.now(UTC).isoformat(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "pinned": False,
            "flags": body.get("flags") or 0,
            "application_id": APP_ID if webhook else None,
            **({"webhook_id": APP_ID} if webhook else {}),
        }

    async def _callback(self, request: web.Request) -> web.Response:
        iid, token = request.match_info["iid"], request.match_info["token"]
        state = self._interactions.get(iid)
        if state is None or token != f"itoken-{iid}":
            return _error(404, 10062, "Unknown interaction")
        if time.monotonic() - state["sent"] > FIRST_RESPONSE_DEADLINE:
            return _error(404, 10062, "Unknown interaction")
        if state["answered"]:
            return _error(400, 40060, "Interaction has already been acknowledged.")
        body = await request.json()
        data = body.get("data") or {}
        if body.get("type") not in _RESPONSE_TYPES.get(state.get("type", 2), ()):
            # Discord refuses a response of a kind the interaction cannot take (a message in answer
            # to an autocomplete, choices in answer to a command)
            self.refused.append(("invalid response type", body))
            return _error(400, 50035, "Invalid Form Body")
        if body.get("type") in (4, 7) and message_problems(data):
            self.refused.append(("50035", body))
            return _error(400, 50035, "Invalid Form Body")
        state["answered"] = True
        message = self._message(CHANNEL_ID, data, webhook=True)
        self.callbacks.append(
            {"id": iid, "token": token, "body": body, "at": time.monotonic(), "message": message}
        )
        kind = body.get("type")
        if request.query.get("with_response") not in ("1", "true", "True"):
            return web.Response(status=204)
        return json_response(
            {
                "interaction": {
                    "id": iid,
                    "type": 2,
                    "activity_instance_id": None,
                    "response_message_id": message["id"],
                    "response_message_loading": kind == 5,
                    "response_message_ephemeral": bool((data.get("flags") or 0) & 64),
                },
                "resource": {"type": kind, "message": message} if kind in (4, 5, 7) else None,
            }
        )

    async def _followup(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        iid = token.removeprefix("itoken-")
        state = self._interactions.get(iid)
        if state is None or not state["answered"]:
            return _error(404, 10015, "Unknown Webhook")
        if time.monotonic() - state["sent"] > self.token_life:
            self.refused.append(("50027", {"token": token}))
            return _error(401, 50027, "Invalid Webhook Token")
        body = await request.json()
        if message_problems(body):
            self.refused.append(("50035", body))
            return _error(400, 50035, "Invalid Form Body")
        self.followups.append({"token": token, "body": body})
        return json_response(self._message(CHANNEL_ID, body, webhook=True))

    async def _edit(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        state = self._interactions.get(token.removeprefix("itoken-"))
        if state is None:
            return _error(404, 10015, "Unknown Webhook")
        if time.monotonic() - state["sent"] > self.token_life:
            self.refused.append(("50027", {"token": token}))
            return _error(401, 50027, "Invalid Webhook Token")
        body = await request.json()
        self.edits.append({"token": token, "message": request.match_info["mid"], "body": body})
        return json_response(self._message(CHANNEL_ID, body, webhook=True))

    async def _channel_post(self, request: web.Request) -> web.Response:
        channel = request.match_info["channel"]
        if self.rate_limit_next > 0:
            self.rate_limit_next -= 1
            out = json_response(
                {
                    "message": "You are being rate limited.",
                    "retry_after": self.retry_after,
                    "global": False,
                    "code": 20028,
                },
                status=429,
            )
            out.headers["Via"] = "1.1 google"
            out.headers["Retry-After"] = str(max(1, int(self.retry_after)))
            return out
        failure = self.script.pop(0) if self.script else None
        if failure is not None:
            return _error(failure, 0, f"{failure}: scripted failure")
        if channel not in self.channels and channel not in self.forums:
            return _error(404, 10003, "Unknown Channel")
        if channel in self.forums:
            return _error(400, 40058, "Cannot send messages in a forum channel")
        body = await request.json()
        if message_problems(body):
            self.refused.append(("50035", body))
            return _error(400, 50035, "Invalid Form Body")
        nonce = body.get("nonce")
        if nonce is not None and len(str(nonce)) > 25:
            self.refused.append(("50035", body))
            return _error(400, 50035, "Invalid Form Body (nonce longer than 25)")
        if nonce is not None and body.get("enforce_nonce"):
            seen = self._nonces.get((channel, str(nonce)))
            if seen is not None and time.monotonic() - seen[0] <= self.nonce_window:
                return json_response(seen[1])  # Discord answers with the message it already has
        self.channel_posts.append({"channel": channel, "body": body})
        message = self._message(channel, body, timed=True)
        self.channel_messages.setdefault(channel, []).append(message)
        if nonce is not None:
            message["nonce"] = nonce
            self._nonces[(channel, str(nonce))] = (time.monotonic(), message)
        if self.drop_after_create > 0:
            self.drop_after_create -= 1
            if request.transport is not None:
                request.transport.abort()
            raise ConnectionResetError("fake: connection dropped after creating the message")
        if self.garble_after_create > 0:
            self.garble_after_create -= 1  # the message exists; its answer stops half-way
            whole = json.dumps(message).encode()
            return web.Response(body=whole[: len(whole) // 2], status=200, content_type="application/json")
        return json_response(message)

    async def _channel_history(self, request: web.Request) -> web.Response:
        channel = request.match_info["channel"]
        if channel not in self.channels:
            return _error(404, 10003, "Unknown Channel")
        if self.history_forbidden:
            return _error(403, 50013, "Missing Permissions")
        limit = max(1, min(100, int(request.query.get("limit", "50"))))
        found = self.channel_messages.get(channel, [])
        if "after" in request.query:
            after = int(request.query["after"])
            # the `limit` messages right after `after`, answered newest first as Discord does
            page = [m for m in found if int(m["id"]) > after][:limit]
        else:
            before = int(request.query.get("before", str(1 << 63)))
            page = [m for m in found if int(m["id"]) < before][-limit:]
        public = [{k: v for k, v in m.items() if k != "nonce"} for m in reversed(page)]
        return json_response(public)

    def _thread(self, thread_id: str, parent: str, name: str) -> dict[str, Any]:
        thread = {
            "id": thread_id, "type": 11, "guild_id": GUILD_ID, "parent_id": parent, "name": name,
            "owner_id": BOT_ID, "message_count": 0, "member_count": 1, "rate_limit_per_user": 0,
            "flags": 0, "last_message_id": None,
            "thread_metadata": {"archived": False, "auto_archive_duration": 1440, "locked": False,
                                "archive_timestamp": datetime.now(UTC).isoformat()},
        }
        self.threads[thread_id] = thread
        self.channels.add(thread_id)
        return thread

    async def _get_channel(self, request: web.Request) -> web.Response:
        channel = request.match_info["channel"]
        if channel in self.threads:
            return json_response(self.threads[channel])
        if channel not in self.channels and channel not in self.forums:
            return _error(404, 10003, "Unknown Channel")
        return json_response({
            "id": channel, "type": 15 if channel in self.forums else 0, "guild_id": GUILD_ID,
            "name": "briefing", "position": 0, "permission_overwrites": [], "nsfw": False, "parent_id": None,
        })

    async def _thread_from_message(self, request: web.Request) -> web.Response:
        channel, message = request.match_info["channel"], request.match_info["message"]
        if channel not in self.channels:
            return _error(404, 10003, "Unknown Channel")
        if not any(m["id"] == message for m in self.channel_messages.get(channel, [])):
            return _error(404, 10008, "Unknown Message")
        if message in self.threads:
            return _error(400, 160004, "A thread has already been created for this message")
        body = await request.json()
        if not 1 <= len(body.get("name") or "") <= 100:
            return _error(400, 50035, "Invalid Form Body (name)")
        self.thread_starts.append({"channel": channel, "message": message, "body": body})
        return json_response(self._thread(message, channel, body["name"]))  # a thread's id is its message's

    async def _forum_post(self, request: web.Request) -> web.Response:
        forum = request.match_info["channel"]
        if forum not in self.forums:
            return _error(400, 50024, "Cannot execute action on this channel type")
        body = await request.json()
        starter = body.get("message") or {}
        if message_problems(starter) or not 1 <= len(body.get("name") or "") <= 100:
            self.refused.append(("50035", body))
            return _error(400, 50035, "Invalid Form Body")
        message = self._message(forum, starter, timed=True)
        thread = self._thread(message["id"], forum, body["name"])
        message["channel_id"] = thread["id"]
        self.channel_messages[thread["id"]] = [message]
        self.thread_starts.append({"channel": forum, "message": message["id"], "body": body})
        return json_response({**thread, "message": message})

    async def _active_threads(self, request: web.Request) -> web.Response:
        return json_response({"threads": list(self.threads.values()), "members": []})

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None}))
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                frame = json.loads(msg.data)
                if frame.get("op") == 1:
                    await ws.send_str(json.dumps({"op": 11}))
                elif frame.get("op") == 2:
                    self.identifies.append(frame["d"])
                    ready = {
                        "v": 10,
                        "user": BOT_USER,
                        "guilds": [],
                        "session_id": "fake-session",
                        "resume_gateway_url": self.gateway_url,
                        "application": {"id": APP_ID, "flags": 0},
                        "private_channels": [],
                        "relationships": [],
                    }
                    await ws.send_str(json.dumps({"op": 0, "t": "READY", "s": next(self._seq), "d": ready}))
        finally:
            self._sockets.remove(ws)
        return ws
