"""The Slack adapter: slash commands in, Block Kit out, digests posted with chat.postMessage.

It only translates. A slash command becomes ``handle(store, command, args, ctx)`` run in a
worker thread (SQLite and extraction would block the event loop); the neutral ``Reply``
becomes Block Kit through ``adapters.slack.blocks``; a digest becomes ``chat.postMessage``
calls. Socket Mode is the default (no public URL needed); HTTP mode verifies Slack's
request signatures through Bolt.
"""

from __future__ import annotations

import asyncio
import copy
import hashlib
import json
import logging
import re
import secrets
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse
from slack_sdk.web.slack_response import SlackResponse

from adapters.delivery import SLACK_EVENT_TYPE, Part, RenderedParts, RetryMemo, SeenRecently
from adapters.slack.blocks import RENDERING
from adapters.slack.requests import ShapeCheck
from digests.commands import COMMANDS, CommandContext, NextPage, Reply, handle
from digests.digest import Digest
from digests.errors import DeliveryError, GeoDigestError
from digests.fetch import FetchPolicy
from digests.printable import plain
from digests.settings import ScheduleScope

log = logging.getLogger("geodigest.slack")

EVENTS_PATH = "/slack/events"
MORE_ACTION = "geodigest_more"  # the next message of one long answer, kept in memory
NEXT_ACTION = "geodigest_next"  # the next page of a paged answer, run as a command again
NO_MENUS = ("GeoDigest shows no menus or forms: its only buttons are More and Page N under a long "
            "answer. /help lists the commands.")
# Slack drops a message past 50 blocks; the "more" button needs one of them.
MAX_BLOCKS = 50
MAX_BUTTON_VALUE = 2000  # Slack's limit on a button's value
# A response_url takes at most 5 messages (within 30 minutes).
RESPONSE_URL_USES = 5
# Commands that fetch pages or build digests: their acknowledgement says the answer is coming.
SLOW_COMMANDS = frozenset({"digest", "ingest", "feeds"})

# chat.postMessage errors that no retry will fix, with what the operator should do.
PERMANENT_ERRORS: dict[str, str] = {
    "channel_not_found": "the channel id is wrong or the bot cannot see it: check the target "
    "(slack:C0123...) and invite the bot to the channel",
    "not_in_channel": "the bot is not a member of the channel: /invite the bot there",
    "is_archived": "the channel is archived: unarchive it or change the target",
    "invalid_auth": "SLACK_BOT_TOKEN is not valid: reinstall the app and copy the bot token",
    "not_authed": "SLACK_BOT_TOKEN is missing",
    "account_inactive": "the app was uninstalled or its token revoked: reinstall the app",
    "token_revoked": "the bot token was revoked: reinstall the app",
    "missing_scope": "the bot token lacks the chat:write scope: add it and reinstall the app",
    "restricted_action": "the workspace does not allow the bot to post there",
    "msg_too_long": "the digest renderer produced a message over Slack's limits (a bug)",
    "invalid_blocks": "the digest renderer produced invalid Block Kit (a bug)",
    "msg_blocks_too_long": "the digest renderer produced too many characters of blocks (a bug)",
    "thread_not_found": "the digest's header message is gone (deleted?): its thread cannot be finished",
}

Runner = Callable[[str, str, CommandContext], Reply]


@dataclass(frozen=True)
class SlackConfig:
    """Everything the Slack adapter needs, passed in by ``bot/`` (which reads the environment)."""

    bot_token: str = field(repr=False)
    app_token: str | None = field(default=None, repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    mode: Literal["socket", "http"] = "socket"
    host: str = "0.0.0.0"
    port: int = 3000
    api_base_url: str | None = None
    admin_users: frozenset[str] = frozenset()
    # who may change a channel's watches and settings: "admins" (SLACK_ADMIN_USERS) or "everyone"
    channel_commands: Literal["admins", "everyone"] = "admins"
    fetch: FetchPolicy | None = None  # /ingest's fetch limits, from the settings
    feeds: tuple[str, ...] = ()  # GEODIGEST_FEEDS, listed by /feeds
    feed_alert_after: int = 3  # GEODIGEST_FEED_ALERT_AFTER
    schedule_scopes: tuple[ScheduleScope, ...] = ()  # the schedules' scopes per channel, for /settings
    # Slack allows about one chat.postMessage a second per channel.
    post_interval: float = 1.1

    def __post_init__(self) -> None:
        if not self.bot_token:
            raise ValueError("SLACK_BOT_TOKEN is required")
        if self.mode == "socket" and not (self.app_token or "").startswith("xapp-"):
            raise ValueError("SLACK_APP_TOKEN (xapp-...) is required in Socket Mode; or set SLACK_MODE=http")
        if self.mode == "http" and not self.signing_secret:
            raise ValueError("SLACK_SIGNING_SECRET is required when SLACK_MODE=http")

    @property
    def web_api_url(self) -> str:
        """The Web API base URL; AsyncWebClient joins method names with urljoin, so it must end in '/'."""
        url = self.api_base_url or AsyncWebClient.BASE_URL
        return url if url.endswith("/") else url + "/"


def store_runner(store_path: str | Path) -> Runner:
    """A runner that opens the store for each command, in the calling (worker) thread.

    SQLite connections belong to the thread that opened them, and commands run in
    ``asyncio.to_thread`` workers, so each command opens its own (cheap, WAL mode).
    """
    from digests.store import Store

    def run(command: str, args: str, ctx: CommandContext) -> Reply:
        with Store.open(store_path) as store:
            return handle(store, command, args, ctx)

    return run


_ANGLED = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")


def command_text(text: str) -> str:
    """A slash command's text as the user typed it.

    Slack sends ``&``, ``<`` and ``>`` as entities and may wrap links, users and channels in
    angle brackets (``<https://x.example/a>``, ``<@U123|lee>``, ``<#C123|news>``).
    """

    def plain(match: re.Match[str]) -> str:
        target, label = match.group(1), match.group(2)
        if target.startswith(("@", "#", "!")):
            return target[0] + label if label else target
        return target  # a link: the URL itself, not its label

    text = _ANGLED.sub(plain, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


#: a reply's messages (never none): a digest answer by the digest renderer
reply_to_payloads = RENDERING.replied


@dataclass(frozen=True)
class _Answer:
    """The messages of one answer, how they are shown, and the button to its next page (if any)."""

    payloads: list[dict[str, Any]]
    response_type: str
    next_page: tuple[str, str] | None = None  # (button label, button value) of NEXT_ACTION


def next_page_button(following: NextPage | None) -> tuple[str, str] | None:
    """The label and value of the button that runs the next page's command (None: no next page,
    or a request too long for a button value; the reply's note still says what to type)."""
    if following is None:
        return None
    value = json.dumps({"command": following.command, "args": following.args}, ensure_ascii=False)
    return (f"Page {following.page}", value) if len(value) <= MAX_BUTTON_VALUE else None


def read_next_page(value: str) -> tuple[str, str] | None:
    """The (command, argument line) a NEXT_ACTION button carries, or None when it is not one of
    ours: an unknown or admin command, or not the JSON we wrote."""
    try:
        data = json.loads(value)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    command, args = data.get("command"), data.get("args")
    declared = COMMANDS.get(command) if isinstance(command, str) else None
    if declared is None or declared.admin or not isinstance(args, str):
        return None
    return declared.name, args


class _Pages:
    """Remaining messages of long answers, until the user asks for more (or 30 minutes pass)."""

    def __init__(self, ttl: float = 1800.0, max_size: int = 500) -> None:
        self.ttl = ttl
        self.max_size = max_size
        self._pages: OrderedDict[str, tuple[float, _Answer]] = OrderedDict()

    def put(self, answer: _Answer) -> str:
        key = secrets.token_urlsafe(9)
        self._pages[key] = (time.monotonic() + self.ttl, answer)
        while len(self._pages) > self.max_size:
            self._pages.popitem(last=False)
        return key

    def get(self, key: str) -> _Answer | None:
        entry = self._pages.get(key)
        if entry is None or entry[0] < time.monotonic():
            self._pages.pop(key, None)
            return None
        return entry[1]


def _with_button(payload: dict[str, Any], action_id: str, label: str, value: str) -> dict[str, Any]:
    """The payload with one button under it (the blocks renderer leaves room for it)."""
    blocks = list(payload.get("blocks") or [])[: MAX_BLOCKS - 1]
    blocks.append(
        {
            "type": "actions",
            "block_id": "geodigest_pager",
            "elements": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "text": {"type": "plain_text", "text": label},
                    "value": value,
                }
            ],
        }
    )
    return {**payload, "blocks": blocks}


class SlackPoster(RenderedParts):
    """Posts digests to Slack channels with chat.postMessage (the scheduler's Poster and PartPoster).

    Every scheduled part carries message metadata (``geodigest_delivery``: the delivery key and
    the part index), so that after a crash the part that was in flight can be looked up in
    ``conversations.history`` instead of being posted again. That look-up needs the
    ``channels:history`` scope (``groups:history`` for private channels).
    """

    rendering = RENDERING

    def __init__(self, client: AsyncWebClient, *, post_interval: float = 1.1) -> None:
        self.client = client
        # chat.postMessage through a copy of the client that does not re-send on a dropped
        # connection: slack_sdk's default connection-error retry would post a message twice when the
        # connection breaks after Slack created it. The scheduler retries instead, after a look-up.
        self._poster = copy.copy(client)
        self._poster.retry_handlers = [
            h for h in client.retry_handlers if not isinstance(h, AsyncConnectionErrorRetryHandler)
        ]
        self.post_interval = post_interval
        self._retries = RetryMemo()
        self._last_post: dict[str, float] = {}  # channel -> monotonic time of our last post there

    async def post_digest(self, channel_id: str, digest: Digest) -> list[str]:
        """Post every part of ``digest`` to ``channel_id``; returns the messages' ts values.

        Raises DeliveryError, ``permanent`` when retrying cannot help (the message says the fix).
        Retrying the same digest after a failure part-way posts only the parts still missing
        (remembered in memory only; the scheduler uses ``post_part`` and keeps progress in the store).
        """
        channel = channel_id.removeprefix("slack:")
        payloads = self.render(digest)
        return await self._retries.post_all(channel, payloads, lambda payload: self._post(channel, payload))

    async def post_part(self, channel_id: str, payload: dict[str, Any], part: Part) -> str:
        """Post one part with metadata naming the delivery and the part; returns its ts. A part with
        a ``parent`` is a reply in the thread of that message (``thread_ts``)."""
        metadata = {"event_type": SLACK_EVENT_TYPE, "event_payload": _part_payload(part)}
        return await self._post(channel_id.removeprefix("slack:"), payload, metadata=metadata,
                                thread_ts=part.parent)

    async def find_part(self, channel_id: str, payload: dict[str, Any], part: Part) -> str | None:
        """The ts of ``part`` if the channel already has it (posted since the delivery was claimed).

        Reads ``conversations.history`` (``conversations.replies`` of the header for a reply in a
        thread) with ``include_all_metadata`` from a minute (clock skew) before the part was sent
        (else the claim) and matches the metadata exactly. Without the history scope it logs the
        fix and answers None: the part is then posted again (at least once rather than lost).
        """
        channel = channel_id.removeprefix("slack:")
        want = _part_payload(part)
        since = part.inflight_at if part.inflight_at is not None else part.claimed_at
        cursor: str | None = None
        for _ in range(50):  # 50 pages of 200: far more than a channel gets between claim and resume
            try:
                oldest = f"{max(0.0, since - 60):.6f}"
                if part.parent is not None:  # a reply: it is in its thread, not the channel's history
                    resp = await self.client.conversations_replies(
                        channel=channel, ts=part.parent, oldest=oldest, inclusive=True,
                        include_all_metadata=True, limit=200, cursor=cursor,
                    )
                else:
                    resp = await self.client.conversations_history(
                        channel=channel, oldest=oldest, inclusive=True,
                        include_all_metadata=True, limit=200, cursor=cursor,
                    )
            except SlackApiError as err:
                code = _error_code(err)
                if code in ("missing_scope", "not_allowed_token_type"):
                    log.error("slack:%s: cannot read the channel history to check whether part %d was "
                              "posted before a crash (%s): add the channels:history (and groups:history) "
                              "scope; posting it again", channel, part.index + 1, code)
                    return None
                fix = PERMANENT_ERRORS.get(code)
                raise DeliveryError(f"slack:{channel}: conversations.history: {code}"
                                    + (f": {fix}" if fix else " (will retry)"), permanent=bool(fix)) from None
            except (TimeoutError, OSError, aiohttp.ClientError) as err:
                raise DeliveryError(
                    f"slack:{channel}: network error {type(err).__name__} (will retry)"
                ) from None
            for message in resp.get("messages") or []:
                meta = message.get("metadata") or {}
                if meta.get("event_type") == SLACK_EVENT_TYPE and _same_part(meta.get("event_payload"), want):
                    return str(message.get("ts", "")) or None
            cursor = ((resp.get("response_metadata") or {}).get("next_cursor")) or None
            if not cursor or not resp.get("has_more", True):
                return None
        return None

    async def _post(
        self, channel: str, payload: dict[str, Any], *, metadata: dict[str, Any] | None = None,
        thread_ts: str | None = None,
    ) -> str:
        # Slack allows about one message a second per channel.
        wait = self._last_post.get(channel, -1e9) + self.post_interval - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        try:
            # No link_names/parse: article text must never turn into mentions.
            resp = await self._poster.chat_postMessage(
                channel=channel,
                text=payload.get("text", ""),
                blocks=payload.get("blocks") or None,
                unfurl_links=False,
                unfurl_media=False,
                metadata=metadata,
                thread_ts=thread_ts,
            )
        except SlackApiError as err:
            code = _error_code(err)
            fix = PERMANENT_ERRORS.get(code)
            if fix:
                raise DeliveryError(f"slack:{channel}: {code}: {fix}", permanent=True) from None
            if code == UNREADABLE:
                raise DeliveryError(f"slack:{channel}: unreadable answer from Slack (will retry)") from None
            raise DeliveryError(f"slack:{channel}: {code} (will retry)") from None
        except (TimeoutError, OSError, aiohttp.ClientError) as err:
            raise DeliveryError(f"slack:{channel}: network error {type(err).__name__} (will retry)") from None
        finally:
            self._last_post[channel] = time.monotonic()
        return str(resp.get("ts", ""))


UNREADABLE = "unreadable_answer"  # the answer was not the JSON Slack sends (cut off mid-body, a proxy's page)


def _error_code(err: SlackApiError) -> str:
    """The ``error`` Slack answered with; ``unreadable_answer`` when the answer was no JSON document
    (slack_sdk then hands over the raw HTTP response, which has no ``error`` to read)."""
    response = err.response
    if isinstance(response, AsyncSlackResponse | SlackResponse):
        return str(response.get("error", "unknown_error"))
    return UNREADABLE


def _part_payload(part: Part) -> dict[str, Any]:
    return {"key": part.delivery_key, "part": part.index, "parts": part.count}


def _same_part(found: Any, want: dict[str, Any]) -> bool:
    if not isinstance(found, dict):
        return False
    try:
        return str(found.get("key")) == want["key"] and int(found.get("part", -1)) == want["part"]
    except (TypeError, ValueError):
        return False


class SlackAdapter:
    """A Bolt AsyncApp wired to GeoDigest's commands, in Socket Mode or HTTP mode."""

    def __init__(self, cfg: SlackConfig, runner: Runner, *, logger: logging.Logger | None = None) -> None:
        self.cfg = cfg
        self.runner = runner
        self.client = AsyncWebClient(token=cfg.bot_token, base_url=cfg.web_api_url)
        # The SDK raises on 429 unless told to wait out Retry-After.
        self.client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=3))
        self.app = AsyncApp(
            client=self.client,
            name="geodigest",
            logger=logger or log,
            # Socket Mode requests are authenticated by the app token, not signed.
            signing_secret=cfg.signing_secret or "",
            request_verification_enabled=cfg.mode == "http",
            # a signed payload of a shape Slack never sends: 400 and one line, not Bolt's 500
            before_authorize=ShapeCheck(),
        )
        for name in COMMANDS:
            self.app.command("/" + name)(self._on_command)
        self.app.action(MORE_ACTION)(self._on_more)
        self.app.action(NEXT_ACTION)(self._on_next)
        # Anything else Slack sends is acknowledged, never left to Bolt's 404 (Slack retries an
        # event three times, Socket Mode redelivers an envelope not acknowledged, a click on an
        # old button shows the user an error) with its multi-line "[Suggestion]" warning.
        self.app.action(re.compile(".*"))(self._on_other_action)
        self.app.event(re.compile(".*"))(self._on_event)
        # a slash command of an older manifest (the app's commands are set by hand in its settings),
        # and shortcuts or modals added there: answered, not left to Bolt's 404 ("dispatch_failed")
        self.app.command(re.compile(".*"))(self._on_other_command)
        self.app.shortcut(re.compile(".*"))(self._on_other_request)
        self.app.view(re.compile(".*"))(self._on_other_request)
        self.app.view_closed(re.compile(".*"))(self._on_other_request)
        self.app.options(re.compile(".*"))(self._on_other_request)  # a select's options: none
        self._events_seen: set[str] = set()
        self.bot_user: str | None = None
        self.poster = SlackPoster(self.client, post_interval=cfg.post_interval)
        self._pages = _Pages()
        # Bolt accepts an identical signed request replayed within 5 minutes.
        self._seen = SeenRecently(ttl=600.0)
        self._socket: AsyncSocketModeHandler | None = None
        self._web: web.AppRunner | None = None
        self.port: int | None = None

    async def start(self) -> None:
        """Check the token, then connect (Socket Mode) or listen (HTTP mode); returns once ready."""
        try:
            auth = await self.client.auth_test()
        except SlackApiError as err:
            code = _error_code(err)
            fix = PERMANENT_ERRORS.get(code, "check SLACK_BOT_TOKEN and SLACK_API_BASE_URL")
            raise GeoDigestError(f"Slack refused the bot token (auth.test: {code}): {fix}") from None
        except (TimeoutError, OSError) as err:
            raise GeoDigestError(f"cannot reach the Slack Web API at {self.cfg.web_api_url}: {err}") from None
        log.info("slack: authenticated as %s in team %s", auth.get("user"), auth.get("team"))
        self.bot_user = str(auth.get("user_id") or "") or None
        if self.cfg.mode == "http":
            web_app = self.app.web_app(path=EVENTS_PATH, port=self.cfg.port)
            # Verify before Bolt parses anything: garbage gets 401, not a 500 and a traceback.
            web_app.middlewares.insert(0, _verify_first(self.cfg.signing_secret or ""))
            self._web = web.AppRunner(web_app)
            await self._web.setup()
            site = web.TCPSite(self._web, self.cfg.host, self.cfg.port)
            try:
                await site.start()
            except OSError as err:
                await self.stop()
                raise GeoDigestError(
                    f"cannot listen on {self.cfg.host}:{self.cfg.port} (SLACK_PORT): {err}"
                ) from None
            self.port = int(self._web.addresses[0][1])
            log.info("slack: HTTP mode, listening on %s:%s%s", self.cfg.host, self.port, EVENTS_PATH)
        else:
            # The Socket Mode client retries a refused app token forever; check it once first.
            try:
                await self.client.apps_connections_open(app_token=self.cfg.app_token or "")
            except SlackApiError as err:
                code = _error_code(err)
                raise GeoDigestError(
                    f"Slack refused SLACK_APP_TOKEN (apps.connections.open: {code}): use the app-level "
                    "token (xapp-...) with the connections:write scope, and enable Socket Mode"
                ) from None
            self._socket = AsyncSocketModeHandler(self.app, self.cfg.app_token, web_client=self.client)
            self._socket.client.message_listeners.insert(0, _readable_envelope)
            await self._socket.connect_async()
            log.info("slack: Socket Mode connected")

    async def stop(self) -> None:
        """Disconnect (Socket Mode) or stop listening (HTTP mode)."""
        if self._socket is not None:
            await self._socket.close_async()
            self._socket = None
        if self._web is not None:
            await self._web.cleanup()
            self._web = None

    # -- listeners ------------------------------------------------------------------

    async def _on_command(
        self, ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond, request: AsyncBoltRequest
    ) -> None:
        name = str(command.get("command", "")).lstrip("/")
        # Bolt answers 404 to Slack if ack() has not come within 3 s: acknowledge first, and say
        # so when the answer may take a while (the acknowledgement shows only to the user).
        await ack(f"Working on /{name}…" if name in SLOW_COMMANDS else "")
        # A retry (X-Slack-Retry-Num) or a replay repeats the payload, not the signature: without a
        # trigger_id the body itself tells a repeat from a new request (a new one has a new response_url)
        # (Socket Mode hands Bolt the parsed payload, with no raw body)
        raw = request.raw_body or json.dumps(command, sort_keys=True)
        replay_key = str(command.get("trigger_id") or hashlib.sha256(raw.encode()).hexdigest())
        if replay_key and not self._seen.add(f"{name}:{replay_key}"):
            log.warning("slack: ignored a replayed /%s request from %s", name, command.get("user_id"))
            return
        ctx = self._context(
            str(command.get("user_id", "")),
            str(command.get("channel_id", "")),
            str(command.get("team_id", "")),
        )
        declared = COMMANDS.get(name)
        if declared is not None and declared.admin and not ctx.is_admin:
            await self._send(
                respond, {"text": f"Only the workspace's GeoDigest admins can use /{name}."}, "ephemeral"
            )
            return
        reply = await self._run(name, command_text(str(command.get("text", ""))), ctx)
        response_type = "in_channel" if reply.kind == "digest" else "ephemeral"
        answer = _Answer(reply_to_payloads(reply), response_type, next_page_button(reply.next))
        first = 0
        if reply.kind == "digest":
            # A digest is read whole: its parts go out at once, as far as response_url allows.
            first = min(len(answer.payloads), RESPONSE_URL_USES) - 1
            for payload in answer.payloads[:first]:
                await self._send(respond, payload, response_type)
        await self._send_page(respond, answer, first)

    async def _on_more(self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        trigger = str(body.get("trigger_id") or "")
        if trigger and not self._seen.add(f"more:{trigger}"):
            log.warning("slack: ignored a replayed More button from %s", (body.get("user") or {}).get("id"))
            return
        actions = body.get("actions") or [{}]
        key, _, index = str(actions[0].get("value", "")).rpartition(":")
        found = self._pages.get(key)
        if found is None or not index.isdigit():
            await self._send(
                respond, {"text": "That answer has expired: run the command again."}, "ephemeral"
            )
            return
        await self._send_page(respond, found, int(index) + 1, key=key)

    async def _on_next(self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        """A "Page N" button: the paged command runs again for that page, as the clicking user."""
        await ack()
        actions = body.get("actions") or [{}]
        request = read_next_page(str(actions[0].get("value", "")))
        if request is None:
            await self._send(respond, {"text": "That button no longer works: run the command again."},
                             "ephemeral")
            return
        trigger = str(body.get("trigger_id") or "")
        if trigger and not self._seen.add(f"next:{trigger}"):
            log.warning("slack: ignored a replayed page button from %s", (body.get("user") or {}).get("id"))
            return
        user = body.get("user") or {}
        channel = body.get("channel") or {}
        ctx = self._context(str(user.get("id", "")), str(channel.get("id", "")),
                            str(user.get("team_id") or (body.get("team") or {}).get("id", "")))
        name, args = request
        reply = await self._run(name, args, ctx)
        await self._send_page(respond, _Answer(reply_to_payloads(reply), "ephemeral",
                                               next_page_button(reply.next)), 0)

    async def _on_other_action(self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        """A click on a button this bot no longer makes (an answer from an older version), or on a
        menu or other element it never makes."""
        await ack()
        if not isinstance(body.get("response_url"), str):  # a legacy dialog's: nowhere to answer
            return
        actions = body.get("actions")
        first = actions[0] if isinstance(actions, list) and actions and isinstance(actions[0], dict) else {}
        button = first.get("type", "button") == "button"
        gone = {"text": "That button no longer works: run the command again." if button else NO_MENUS}
        await self._send(respond, gone, "ephemeral")

    async def _on_other_command(self, ack: AsyncAck, command: dict[str, Any]) -> None:
        """A slash command this version does not have (the app's settings still list it)."""
        name = plain(str(command.get("command") or "").lstrip("/"), 40)
        log.warning("slack: /%s is not a command of this version: the app's slash commands are listed "
                    "by `geodigest slack-manifest`", name)
        await ack(f"/{name} changed or is gone in this version of GeoDigest: /help lists the commands.")

    async def _on_other_request(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """A shortcut or a modal the app's settings were given by hand: the bot has none."""
        await ack()
        kind = plain(str(body.get("type") or "request"), 40)
        if kind not in self._events_seen:
            self._events_seen.add(kind)
            log.info("slack: ignored a %s (the bot has no shortcuts or modals: they can be removed in the "
                     "app's settings)", kind)

    async def _on_event(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """An event the app was subscribed to by hand: the bot answers commands and buttons only.
        Said once per kind; the bot leaving a channel is said each time, with what it stops."""
        await ack()
        event = body.get("event") or {}
        kind = str(event.get("type") or "unknown")[:60]
        channel = str(event.get("channel") or "")[:30]
        me = self.bot_user is not None and event.get("user") == self.bot_user
        left = kind in ("channel_left", "group_left") or (kind == "member_left_channel" and me)
        if left:
            log.warning("slack: the bot left channel %s: schedules and watches posting there fail until "
                        "it is invited back (/invite @geodigest)", channel)
        elif kind not in self._events_seen:
            self._events_seen.add(kind)
            log.info("slack: ignored a %s event (the bot reads slash commands and its buttons only: "
                     "event subscriptions can be turned off in the app's settings)", kind)

    # -- helpers --------------------------------------------------------------------

    def _context(self, user: str, channel: str, team: str) -> CommandContext:
        """Who asks and where, with what this workspace's settings allow them."""
        return CommandContext(
            platform="slack",
            user_id=user,
            channel_id=channel,
            is_admin=user in self.cfg.admin_users,
            can_manage=user in self.cfg.admin_users or self.cfg.channel_commands == "everyone",
            extra={"team_id": team},
            fetch=self.cfg.fetch,
            feeds=self.cfg.feeds,
            feed_alert_after=self.cfg.feed_alert_after,
            schedule_scopes=self.cfg.schedule_scopes,
        )

    async def _run(self, name: str, args: str, ctx: CommandContext) -> Reply:
        try:
            return await asyncio.to_thread(self.runner, name, args, ctx)
        except GeoDigestError as err:
            return Reply(title=str(err), kind="error")
        except Exception:
            log.exception("slack: /%s failed", name)
            return Reply(title=f"Sorry, /{name} failed unexpectedly; the error was logged.", kind="error")

    async def _send_page(
        self, respond: AsyncRespond, answer: _Answer, index: int, *, key: str | None = None
    ) -> None:
        """Message ``index`` of an answer, with a "More" button to its next message, or on its last
        message a "Page N" button to the next page of the command."""
        payloads = answer.payloads
        if index >= len(payloads):
            await self._send(respond, {"text": "That was the last page."}, "ephemeral")
            return
        payload = payloads[index]
        if index + 1 < len(payloads):
            key = key or self._pages.put(answer)
            label = f"More ({index + 1}/{len(payloads)})"
            payload = _with_button(payload, MORE_ACTION, label, f"{key}:{index}")
        elif answer.next_page is not None:
            payload = _with_button(payload, NEXT_ACTION, *answer.next_page)
        await self._send(respond, payload, answer.response_type)

    async def _send(self, respond: AsyncRespond, payload: dict[str, Any], response_type: str) -> None:
        try:
            resp = await respond(
                text=payload.get("text", ""),
                blocks=payload.get("blocks") or None,
                response_type=response_type,
                replace_original=False,
                unfurl_links=False,
                unfurl_media=False,
            )
        except Exception as err:  # the network, an expired response_url: nothing to tell the user through
            log.warning("slack: could not answer through response_url: %s", type(err).__name__)
            return
        if resp.status_code != 200:
            log.warning("slack: response_url answered %s: %s", resp.status_code, resp.body[:200])


MAX_REQUEST_BYTES = 64_000  # slash commands and button clicks are a few KB


def _verify_first(signing_secret: str) -> Any:
    """An aiohttp middleware that checks Slack's signature on the raw body before Bolt sees it.

    A refused request is answered 401 and logged as one line with its size and sender only:
    its body carries Slack's legacy token, user ids and response URLs.
    """
    from slack_sdk.signature import SignatureVerifier

    verifier = SignatureVerifier(signing_secret)

    @web.middleware
    async def verify(request: web.Request, handler: Any) -> web.StreamResponse:
        if request.method != "POST":
            return await handler(request)
        if (request.content_length or 0) > MAX_REQUEST_BYTES:
            log.warning("slack: refused a %s-byte request from %s", request.content_length, request.remote)
            return web.Response(status=413, text="request too large")
        body = await request.read()  # aiohttp keeps it for Bolt's handler
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        try:
            valid = bool(timestamp.isdigit() and signature and verifier.is_valid(body, timestamp, signature))
        except (ValueError, TypeError):
            valid = False
        if not valid:
            log.warning("slack: refused an unsigned or wrongly signed request (%d bytes) from %s",
                        len(body), request.remote)
            return web.Response(status=401, text="invalid request")
        try:
            return await handler(request)
        except Exception as err:  # a signed body Bolt cannot parse (a payload that is not JSON)
            log.warning("slack: could not read a signed %d-byte request from %s (%s): answered 400",
                        len(body), request.remote, type(err).__name__)
            return web.Response(status=400, text="unreadable request")

    return verify


async def _readable_envelope(client: Any, message: dict[str, Any], raw: str | None) -> None:
    """A Socket Mode envelope whose payload is no object (null, a number, a list): slack_sdk cannot
    read it (ValueError, an ERROR with a traceback) and never acknowledges it, so Slack sends it again.
    Read as an empty payload, it gets the refusal every unreadable request gets: one line, acknowledged."""
    if "envelope_id" in message and not isinstance(message.get("payload"), dict | str):
        message["payload"] = {}


async def run_slack(
    cfg: SlackConfig,
    store_path: str | Path,
    *,
    runner: Runner | None = None,
    on_ready: Callable[[SlackAdapter], Awaitable[None] | None] | None = None,
) -> None:
    """Run the Slack adapter until cancelled; ``on_ready`` gets the adapter (and its ``poster``)."""
    adapter = SlackAdapter(cfg, runner or store_runner(store_path))
    await adapter.start()
    try:
        if on_ready is not None:
            result = on_ready(adapter)
            if asyncio.iscoroutine(result):
                await result
        await asyncio.Event().wait()
    finally:
        await adapter.stop()
