"""The Discord adapter: application commands in, embeds out, digests posted to channels.

It only translates. An application command becomes ``handle(store, command, args, ctx)``
run in a worker thread; the neutral ``Reply`` becomes embeds through
``adapters.discord.embeds``; long answers page with Previous/Next buttons. Mentions are
off for the whole client, so article text can never ping anyone.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import re
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

import aiohttp
import discord
import discord.gateway
import discord.http
import yarl
from discord import app_commands

from adapters.delivery import Part, RenderedParts, RetryMemo, SeenRecently
from adapters.discord.embeds import RENDERING
from digests.commands import COMMANDS, Command, CommandContext, NextPage, Param, Reply, invoke
from digests.commands.args import MAX_PAGE, parse_args
from digests.digest import Digest
from digests.errors import DeliveryError, GeoDigestError
from digests.fetch import FetchPolicy
from digests.printable import plain
from digests.settings import ScheduleScope

log = logging.getLogger("geodigest.discord")

# (command, typed option values by declared name, context) -> reply
Runner = Callable[[str, dict[str, object], CommandContext], Reply]
# (kind, prefix) -> suggestions; kind is "person", "topic" or "any" (people, then topics)
Completer = Callable[[str, str], list[str]]
# (the next page's request, the button click) -> that page's reply, run as the user who clicked
Fetch = Callable[[NextPage, discord.Interaction], Awaitable[Reply]]

DISCORD_API = "https://discord.com/api/v10"
# Commands whose work may take longer than Discord's 3-second window: defer at once.
SLOW_COMMANDS = frozenset({"digest", "ingest", "feeds"})
AUTOCOMPLETE_TIMEOUT = 2.0
MAX_CHOICES = 25

# Discord returns the original message for a repeated nonce "within the past few minutes" (docs);
# an in-flight part older than this is looked for in the channel history instead.
NONCE_TRUST = 120.0
HISTORY_LOOKUP = 500  # messages read at most when looking for a part posted before a crash

# Discord error codes no retry will fix, with what the operator should do.
PERMANENT_CODES: dict[int, str] = {
    10003: "unknown channel: check the target (discord:<channel id>)",
    50001: "the bot cannot see the channel: give its role View Channel there",
    50013: "the bot lacks Send Messages or Embed Links in the channel",
    50035: "the digest renderer produced a message over Discord's limits (a bug)",
    10008: "the digest's header message is gone (deleted?): its thread cannot be finished",
    40058: "the channel is a forum: post digests there as threads (threads=yes in the schedule, "
    "or the channel in GEODIGEST_THREAD_CHANNELS)",
    40067: "the forum requires a tag on every post: make tags optional there or post elsewhere",
    160002: "the bot lacks Read Message History, needed to start a thread from its message",
}
THREAD_EXISTS = 160004  # "A thread has already been created for this message"
# What a post may fail with short of an answer from Discord: the network, or an answer that is not the
# JSON it should be (cut off mid-body: ValueError). Retried; the part's nonce or the history tells
# whether the message was made.
TRANSIENT_ERRORS = (TimeoutError, OSError, aiohttp.ClientError, ValueError)
INVALID_WEBHOOK_TOKEN = 50027  # a follow-up or an edit through an interaction token past its 15 minutes
FORUM_TYPES = frozenset({15, 16})  # forum and media channels: every post is a thread
THREAD_ARCHIVE_MINUTES: Literal[1440] = 1440  # a day without messages, then the thread is archived
# Gateway events without which the session cannot work: a failure to read one still ends it. Any other
# event discord.py fails to read (a field of the wrong type) is skipped with one line (isolate_parsers).
VITAL_EVENTS = frozenset({"READY", "RESUMED"})
EPHEMERAL = 64
UNREADABLE = ("Discord sent this request in a form GeoDigest could not read, so it was not run: "
              "please try again (/help lists the commands).")
NO_MENUS = ("GeoDigest shows no menus or forms: its only buttons are Previous and Next under a long "
            "answer. /help lists the commands.")


@dataclass(frozen=True)
class DiscordConfig:
    """Everything the Discord adapter needs, passed in by ``bot/`` (which reads the environment)."""

    token: str = field(repr=False)
    guild_id: int | None = None
    api_base_url: str | None = None
    gateway_url: str | None = None
    fetch: FetchPolicy | None = None  # /ingest's fetch limits, from the settings
    feeds: tuple[str, ...] = ()  # GEODIGEST_FEEDS, listed by /feeds
    feed_alert_after: int = 3  # GEODIGEST_FEED_ALERT_AFTER
    schedule_scopes: tuple[ScheduleScope, ...] = ()  # the schedules' scopes per channel, for /settings
    # Answer directly when the command is done within this many seconds, else defer.
    defer_after: float = 2.0
    guild_ready_timeout: float = 2.0
    # Interaction tokens live 15 minutes; page buttons come off a little before.
    page_timeout: float = 840.0

    def __post_init__(self) -> None:
        if not self.token:
            raise ValueError("DISCORD_TOKEN is required")

    @property
    def rest_base(self) -> str:
        """The REST base URL with its API version (``.../api/v10``), as discord.py's Route.BASE wants it."""
        return rest_base(self.api_base_url)


def rest_base(api_base_url: str | None) -> str:
    """``https://proxy.example/api`` -> ``https://proxy.example/api/v10``; None -> Discord's own."""
    if not api_base_url:
        return DISCORD_API
    base = api_base_url.rstrip("/")
    return base if re.search(r"/v\d+$", base) else base + "/v10"


def point_at(api_base_url: str | None, gateway_url: str | None) -> Callable[[], None]:
    """Send discord.py's REST and gateway traffic to other addresses; returns a function undoing it.

    discord.py keeps both as class attributes, so this is process-wide.
    """
    old_base, old_gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    if api_base_url:
        discord.http.Route.BASE = rest_base(api_base_url)
    if gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)

    def restore() -> None:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway

    return restore


def store_runner(store_path: str | Path) -> Runner:
    """A runner that opens the store for each command in the calling (worker) thread."""
    from digests.store import Store

    def run(command: str, options: dict[str, object], ctx: CommandContext) -> Reply:
        with Store.open(store_path) as store:
            return invoke(store, command, options, ctx)

    return run


def store_completer(store_path: str | Path) -> Completer:
    """Autocomplete from the engine's queries: people from the store, topics from the topic list."""
    from digests import queries
    from digests.store import Store

    def complete(kind: str, prefix: str) -> list[str]:
        found: list[Any] = []
        if kind in ("person", "any"):
            with Store.open(store_path) as store:
                found += queries.people_matching(store, prefix, limit=MAX_CHOICES)
        if kind in ("topic", "any"):
            found += queries.topics_matching(prefix, limit=MAX_CHOICES)
        return [str(getattr(item, "name", item)) for item in found][:MAX_CHOICES]

    return complete


#: a reply's messages (never none): a digest answer by the digest renderer
reply_to_payloads = RENDERING.replied


def message_kwargs(payload: dict[str, Any]) -> dict[str, Any]:
    """discord.py keyword arguments for one rendered payload, with mentions always off."""
    return {
        "content": payload.get("content") or None,
        "embeds": [discord.Embed.from_dict(e) for e in payload.get("embeds") or []],
        "allowed_mentions": discord.AllowedMentions.none(),
    }


# A page button's custom id: "gd-page:NONCE:BUTTON:REQUEST", the request the command and the argument
# line of the page after the one shown ("timeline Veldmark page 3"), or the command alone; cut to
# Discord's 100 characters (a request cut short is not run, only shown). A click on a pager the client
# does not hold (the bot restarted, or a pager timed out and kept its buttons) is answered by
# GeoDigestClient.on_interaction.
PAGE_BUTTON = "gd-page"


def page_button_id(nonce: str, button: str, request: str) -> str:
    """The custom id of one page button (at most 100 characters, as Discord takes)."""
    return f"{PAGE_BUTTON}:{nonce}:{button}:{request}"[:100]


class Pager(discord.ui.View):
    """Previous/Next buttons over the pages of one long answer.

    With ``following`` (the command's next page) and ``fetch``, Next on the last message runs
    that page's command and shows it: pages already seen stay reachable with Previous."""

    def __init__(
        self,
        pages: list[dict[str, Any]],
        *,
        timeout: float = 840.0,
        following: NextPage | None = None,
        fetch: Fetch | None = None,
        defer_after: float = 2.0,
        command: str = "",
    ) -> None:
        super().__init__(timeout=timeout)
        # the buttons' custom ids name this pager and the command (page_button), so that a click
        # that outlives the pager (a restart) can still be answered
        self.nonce = secrets.token_hex(6)
        self.command = command
        self.live: set[str] = set()  # the nonces of the client's live pagers (GeoDigestClient.live_pagers)
        self.pages = list(pages)
        self.index = 0
        self.following = following if fetch is not None else None
        self.fetch = fetch
        self.defer_after = defer_after
        self._fetching = asyncio.Lock()
        # The message carrying the buttons, to take them off when the pager times out.
        self.message: discord.InteractionMessage | discord.WebhookMessage | None = None
        # The last click answered: a click restarts the timeout, and an interaction token lives 15
        # minutes, so the first answer's token may have expired when the timeout runs out.
        self._last_click: discord.Interaction | None = None
        self._update_buttons()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """A click delivered twice moves the pager once (the second would skip a page)."""
        client = interaction.client
        return not isinstance(client, GeoDigestClient) or client.first_delivery(interaction)

    async def on_timeout(self) -> None:
        # Buttons that no longer answer would fail with "This interaction failed".
        self.live.discard(self.nonce)
        try:
            if self._last_click is not None:
                await self._last_click.edit_original_response(view=None)
            elif self.message is not None:
                await self.message.edit(view=None)
        except discord.HTTPException:
            log.debug("discord: could not remove expired page buttons")

    def _update_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1 and self.following is None
        # "+": more pages than fetched so far
        self.position.label = f"{self.index + 1}/{len(self.pages)}" + ("+" if self.following else "")
        request = f"{self.following.command} {self.following.args}" if self.following else self.command
        for button, name in ((self.previous, "previous"), (self.position, "position"), (self.next, "next")):
            button.custom_id = page_button_id(self.nonce, name, request)

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, button: discord.ui.Button[Pager]) -> None:
        await self._show(interaction, self.index - 1)

    @discord.ui.button(label="1/1", style=discord.ButtonStyle.secondary, disabled=True)
    async def position(self, interaction: discord.Interaction, button: discord.ui.Button[Pager]) -> None:
        await interaction.response.defer()
        self._last_click = interaction

    @discord.ui.button(label="Next", style=discord.ButtonStyle.primary)
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button[Pager]) -> None:
        if self.index >= len(self.pages) - 1 and self.following is not None:
            await self._fetch_next(interaction)
        else:
            await self._show(interaction, self.index + 1)

    async def _fetch_next(self, interaction: discord.Interaction) -> None:
        """Run the next page's command and show its first message; one fetch at a time."""
        if self._fetching.locked() or self.following is None or self.fetch is None:
            await interaction.response.defer()  # a second click while the page is on its way
            return
        async with self._fetching:
            task = asyncio.ensure_future(self.fetch(self.following, interaction))
            done, _ = await asyncio.wait({task}, timeout=self.defer_after)
            if not done:
                await interaction.response.defer()  # the page comes as an edit of the message
                self._last_click = interaction
            reply = await task
            self.pages += reply_to_payloads(reply)
            self.following = reply.next
            await self._show(interaction, self.index + 1, deferred=not done)

    async def _show(self, interaction: discord.Interaction, index: int, *, deferred: bool = False) -> None:
        self.index = max(0, min(index, len(self.pages) - 1))
        self._update_buttons()
        kwargs = message_kwargs(self.pages[self.index])
        edit = interaction.edit_original_response if deferred else interaction.response.edit_message
        await edit(
            content=kwargs["content"],
            embeds=kwargs["embeds"],
            view=self,
            allowed_mentions=kwargs["allowed_mentions"],
        )
        self._last_click = interaction


class GeoDigestClient(discord.Client):
    """A discord.py client with GeoDigest's application commands."""

    def __init__(self, cfg: DiscordConfig, runner: Runner, completer: Completer | None = None) -> None:
        # The bot has no voice features: discord.py's "PyNaCl/davey is not installed" is noise.
        for flag in ("warn_nacl", "warn_dave"):
            if hasattr(discord.VoiceClient, flag):
                setattr(discord.VoiceClient, flag, False)
        super().__init__(
            intents=discord.Intents(guilds=True),
            # Off for every message this client sends: article text must never ping.
            allowed_mentions=discord.AllowedMentions.none(),
            guild_ready_timeout=cfg.guild_ready_timeout,
        )
        self.cfg = cfg
        self.runner = runner
        self.completer = completer
        self.tree = app_commands.CommandTree(self)
        self.tree.on_error = self._on_tree_error  # type: ignore[method-assign]
        self.tree.interaction_check = self._tree_check  # type: ignore[method-assign]
        self.poster = DiscordPoster(self)
        self.ready = asyncio.Event()
        self.synced: list[app_commands.AppCommand] = []
        # an interaction's token lives 15 minutes: a replay within it would run the command again
        self._seen = SeenRecently(ttl=15 * 60.0)
        self.live_pagers: set[str] = set()  # the nonces of the pagers answering clicks
        self._background: set[asyncio.Future[None]] = set()  # answers to unreadable interactions
        _register_commands(self)
        self.isolate_parsers()

    def isolate_parsers(self) -> None:
        """Make a gateway event discord.py fails to read cost that event, not the session.

        discord.py calls its parser for each event straight from the gateway loop
        (``DiscordWebSocket.received_message``); an exception there (``int('lots')`` for a member's
        permissions) leaves ``Client.connect`` uncaught and the client stops. Each parser but the
        vital ones is wrapped: a failure logs one WARNING and the loop goes on; an interaction that
        could not be read is answered with one ephemeral line rather than 'This interaction failed'.
        """
        parsers = self._connection.parsers  # the dict the gateway looks events up in
        for event, parse in list(parsers.items()):
            if event not in VITAL_EVENTS:
                parsers[event] = self._isolated(event, parse)

    def _isolated(self, event: str, parse: Callable[[Any], None]) -> Callable[[Any], None]:
        def read(data: Any) -> None:
            try:
                parse(data)
            except Exception as err:
                log.warning("discord: skipped a %s event discord.py could not read (%s: %s)",
                            event, type(err).__name__, plain(str(err), 120))
                log.debug("discord: the unreadable %s event", event, exc_info=True)
                if event == "INTERACTION_CREATE":
                    self._answer_unreadable(data)

        return read

    def _answer_unreadable(self, data: Any) -> None:
        """One answer to an interaction discord.py could not read, when its id and token can be."""
        if not isinstance(data, dict):
            return
        iid, token, kind = data.get("id"), data.get("token"), data.get("type")
        if not (isinstance(iid, str) and iid.isdigit() and isinstance(token, str) and token
                and kind in (2, 3, 4, 5) and self._seen.add(iid)):
            return
        body: dict[str, Any] = (
            {"type": 8, "data": {"choices": []}} if kind == 4  # an autocomplete takes choices only
            else {"type": 4, "data": {"content": UNREADABLE, "flags": EPHEMERAL,
                                      "allowed_mentions": {"parse": []}}})
        route = discord.http.Route("POST", "/interactions/{interaction_id}/{token}/callback",
                                   interaction_id=iid, token=token)

        async def send() -> None:
            try:
                await self.http.request(route, json=body)
            except (discord.HTTPException, *TRANSIENT_ERRORS) as err:
                log.warning("discord: could not answer an unreadable interaction (%s)", type(err).__name__)

        task = asyncio.ensure_future(send())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def setup_hook(self) -> None:
        if self.cfg.guild_id:
            guild = discord.Object(id=self.cfg.guild_id)
            # Guild commands appear at once; global ones can take up to an hour.
            self.tree.copy_global_to(guild=guild)
            self.synced = await self.tree.sync(guild=guild)
            log.info("discord: %d commands synced to guild %s", len(self.synced), self.cfg.guild_id)
        else:
            self.synced = await self.tree.sync()
            log.info("discord: %d commands synced globally", len(self.synced))

    def first_delivery(self, interaction: discord.Interaction) -> bool:
        """False for an interaction delivered again (a resumed gateway session replays events):
        it was answered the first time, and a second answer would be refused."""
        if self._seen.add(str(interaction.id)):
            return True
        what = f"/{interaction.command.name}" if interaction.command else "a button click"
        log.warning("discord: ignored a replayed interaction %s (%s)", interaction.id, what)
        return False

    async def on_ready(self) -> None:
        log.info("discord: connected as %s", self.user)
        self.ready.set()

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """A page button of a pager this process does not hold (it ran before a restart): Next runs
        the page it names again, as a new answer; another button says how to ask again. (discord.py
        answers nothing for a button no live view holds, and Discord shows 'This interaction
        failed'.)"""
        if interaction.type is discord.InteractionType.modal_submit:
            await self._no_menus(interaction)  # GeoDigest opens no forms: one another app's or a forger's
            return
        if interaction.type is not discord.InteractionType.component:
            return
        data: dict[str, Any] = dict(interaction.data or {})
        custom_id = str(data.get("custom_id") or "")
        prefix, _, rest = custom_id.partition(":")
        nonce, _, rest = rest.partition(":")
        button, _, request = rest.partition(":")
        if prefix != PAGE_BUTTON or data.get("component_type") != 2:
            await self._no_menus(interaction)  # a select menu, or a button GeoDigest never made
            return
        if nonce in self.live_pagers or not self.first_delivery(interaction):
            return
        command, _, args = request.partition(" ")
        log.info("discord: a %s button of an answer from before a restart (/%s)", button, plain(command, 40))
        cmd = COMMANDS.get(command)
        whole = len(custom_id) < 100  # a request cut at Discord's 100 characters is not run
        # only a command that pages and is no admin's runs from a button, as on Slack
        pages = cmd is not None and not cmd.admin and any(p.kind == "page" for p in cmd.params)
        if cmd is not None and pages and button == "next" and args and whole:
            try:
                options = {k: v.isoformat() if isinstance(v, date) else v
                           for k, v in parse_args(None, cmd, args, date.today()).items() if v is not None}
            except GeoDigestError:
                options = {}
            if options:
                await self.answer(interaction, command, options)
                return
        again = f"/{command} {re.sub(r' page [0-9]+$', '', args)}".strip() if cmd is not None else ""
        text = ("These page buttons stopped working when GeoDigest restarted: "
                + (f"ask again with {plain(again, 90)}." if again else "ask the command again."))
        await interaction.response.send_message(text, ephemeral=True)

    async def _no_menus(self, interaction: discord.Interaction) -> None:
        """One polite line for a form or a component GeoDigest never made (it makes page buttons only):
        unanswered, Discord would show 'This interaction failed'."""
        if not self.first_delivery(interaction):
            return
        data: Any = interaction.data or {}
        log.info("discord: a %s GeoDigest did not make (custom id %r): answered with one line",
                 "form" if interaction.type is discord.InteractionType.modal_submit else "component",
                 plain(str(data.get("custom_id") or ""), 60))
        await self._say(interaction, NO_MENUS)

    async def complete(self, kind: str, current: str) -> list[app_commands.Choice[str]]:
        """Autocomplete choices; empty rather than late (Discord drops answers after 3 s)."""
        if self.completer is None:
            return []
        try:
            names = await asyncio.wait_for(
                asyncio.to_thread(self.completer, kind, current), timeout=AUTOCOMPLETE_TIMEOUT
            )
        except Exception as err:
            log.warning("discord: autocomplete for %s failed: %s", kind, type(err).__name__)
            return []
        return [app_commands.Choice(name=n[:100], value=n[:100]) for n in names[:MAX_CHOICES] if n]

    async def answer(
        self, interaction: discord.Interaction, command: str, options: dict[str, object]
    ) -> None:
        """Run a command off the event loop and answer: directly if quick, else defer then follow up."""
        ctx = self._context(interaction)
        task = asyncio.ensure_future(self._run(command, options, ctx))
        deferred = False
        if command in SLOW_COMMANDS:
            await interaction.response.defer(thinking=True)
            deferred = True
        else:
            done, _ = await asyncio.wait({task}, timeout=self.cfg.defer_after)
            if not done:
                await interaction.response.defer(thinking=True)
                deferred = True
        reply = await task
        try:
            await self._send_answer(interaction, reply, deferred, command)
        except discord.HTTPException as err:
            if err.code != INVALID_WEBHOOK_TOKEN:
                raise
            # (an /ingest of a slow feed can outlive the token: the work is done, its report lost)
            log.warning("discord: /%s took longer than an interaction token lives (15 minutes): "
                        "its answer could not be sent", command)

    async def _send_answer(
        self, interaction: discord.Interaction, reply: Reply, deferred: bool, command: str = ""
    ) -> None:
        """Send a command's reply: as the first response, else (``deferred``) as follow-ups."""
        pages = reply_to_payloads(reply)
        # A digest is read whole: its parts follow one another; other long answers page.
        rest = pages[1:] if reply.kind == "digest" else []
        kwargs = message_kwargs(pages[0])
        pager = None
        if not rest and (len(pages) > 1 or reply.next is not None):
            pager = Pager(pages, timeout=self.cfg.page_timeout, following=reply.next, fetch=self.next_page,
                          defer_after=self.cfg.defer_after, command=command)
            pager.live = self.live_pagers
            self.live_pagers.add(pager.nonce)
        if pager is not None:
            kwargs["view"] = pager
        if deferred:
            sent: Any = await interaction.followup.send(**kwargs, wait=True)
        else:
            response = await interaction.response.send_message(**kwargs, ephemeral=reply.kind == "error")
            sent = response.resource
        if pager is not None and isinstance(sent, discord.InteractionMessage | discord.WebhookMessage):
            pager.message = sent
        for page in rest:
            await interaction.followup.send(**message_kwargs(page), wait=True)

    async def next_page(self, following: NextPage, interaction: discord.Interaction) -> Reply:
        """The next page of a paged answer, run as the user who clicked Next."""
        options: dict[str, object] = dict(following.options)
        return await self._run(following.command, options, self._context(interaction))

    def _context(self, interaction: discord.Interaction) -> CommandContext:
        """Who asks and where, with what their permissions in the channel allow."""
        perms = interaction.permissions
        return CommandContext(
            platform="discord",
            user_id=str(interaction.user.id),
            channel_id=str(interaction.channel_id or ""),
            is_admin=bool(perms.manage_guild or perms.administrator),
            # watches and settings are the channel's: Manage Channels (in a server) may change them
            can_manage=bool(interaction.guild_id is not None
                            and (perms.manage_channels or perms.administrator)),
            extra={"guild_id": str(interaction.guild_id or "")},
            fetch=self.cfg.fetch,
            feeds=self.cfg.feeds,
            feed_alert_after=self.cfg.feed_alert_after,
            schedule_scopes=self.cfg.schedule_scopes,
        )

    async def _run(self, command: str, options: dict[str, object], ctx: CommandContext) -> Reply:
        try:
            return await asyncio.to_thread(self.runner, command, options, ctx)
        except GeoDigestError as err:
            return Reply(title=str(err), kind="error")
        except Exception:
            log.exception("discord: /%s failed", command)
            return Reply(title=f"Sorry, /{command} failed unexpectedly; the error was logged.", kind="error")

    async def _tree_check(self, interaction: discord.Interaction) -> bool:
        """Whether the tree may run an interaction: an autocomplete of an option this version does not
        declare (an older version's, Discord's list not yet synced) or with no option focused gets
        no choices and one WARNING line, not discord.py's ERROR and traceback. One of a shape discord.py
        cannot read (no user, data or options not what the API sends) is answered so, not left to fail in
        the tree with 'Task exception was never retrieved' and no answer."""
        if not _readable_command(interaction):
            data_name = interaction.data.get("name") if isinstance(interaction.data, dict) else None
            log.warning("discord: an interaction of /%s in a form GeoDigest cannot read (no user, or data "
                        "not as the API sends it): answered with one line", plain(str(data_name or "?"), 40))
            if interaction.type is discord.InteractionType.autocomplete:
                await self._no_choices(interaction)
            else:
                await self._say(interaction, UNREADABLE)
            return False
        if interaction.type is not discord.InteractionType.autocomplete:
            return True
        data: Any = interaction.data or {}
        command = COMMANDS.get(str(data.get("name") or ""))
        options = [o for o in data.get("options") or [] if isinstance(o, dict)]
        focused = next((str(o.get("name")) for o in options if o.get("focused")), None)
        if command is None or focused is None or focused not in {p.name for p in command.params}:
            log.warning("discord: no choices for an autocomplete of /%s %s: not an option of this version",
                        plain(str(data.get("name") or "?"), 40), plain(focused or "(none focused)", 40))
            await self._no_choices(interaction)
            return False
        return True

    @staticmethod
    async def _say(interaction: discord.Interaction, text: str) -> None:
        """One ephemeral line as the interaction's answer."""
        try:
            await interaction.response.send_message(text, ephemeral=True)
        except discord.HTTPException:
            log.warning("discord: could not answer an interaction")

    @staticmethod
    async def _no_choices(interaction: discord.Interaction) -> None:
        try:
            await interaction.response.autocomplete([])
        except discord.HTTPException:
            log.warning("discord: could not answer an autocomplete")

    async def _on_tree_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        if interaction.type is discord.InteractionType.autocomplete:  # it takes choices, not a message
            log.warning("discord: no choices for an autocomplete (%s)", type(error).__name__)
            await self._no_choices(interaction)
            return
        if isinstance(error, app_commands.NoPrivateMessage):
            text = "That command works in a server channel only."
        elif isinstance(error, app_commands.MissingPermissions):
            text = "You need the Manage Server permission for that."
        elif isinstance(error, app_commands.CheckFailure):
            text = "You cannot use that command here."
        elif isinstance(error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch):
            # Discord still offers a command of an older version (a global list changes within the
            # hour): an answer that says so, one line in the log, no traceback
            found = error.name if isinstance(error, app_commands.CommandNotFound) else error.command.name
            name = plain(found, 40)
            log.warning("discord: /%s is not a command of this version (%s): the list Discord shows is "
                        "synced again at start", name, type(error).__name__)
            text = f"/{name} changed or is gone in this version of GeoDigest: /help lists the commands."
        else:
            log.error("discord: command failed: %s", error, exc_info=error)
            text = "Sorry, that command failed; the error was logged."
        try:
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True)
            else:
                await interaction.response.send_message(text, ephemeral=True)
        except discord.HTTPException:
            log.warning("discord: could not report an error to the user")


_OPTION_NAMES = {"from": "since", "to": "until"}  # Python keywords cannot name a parameter


def _readable_command(interaction: discord.Interaction) -> bool:
    """Whether a command or autocomplete interaction has the shape discord.py's tree reads: a user, a
    named command, options a list of named options, resolved data a mapping."""
    data: Any = interaction.data
    if not isinstance(interaction.user, discord.abc.User) or not isinstance(data, dict):
        return False
    options, resolved = data.get("options", []), data.get("resolved", {})
    return (isinstance(data.get("name"), str) and isinstance(options, list) and isinstance(resolved, dict)
            and all(_readable_option(o) for o in options))


def _readable_option(option: Any) -> bool:
    """A named option with a plain value (a string, number or boolean), or a subcommand (group) whose
    options are readable."""
    if not isinstance(option, dict) or not isinstance(option.get("name"), str):
        return False
    if option.get("type") in (1, 2):  # a subcommand or a group: options, no value
        inner = option.get("options", [])
        return isinstance(inner, list) and all(_readable_option(o) for o in inner)
    return isinstance(option.get("value"), str | int | float | bool)


def _option_type(param: Param) -> Any:
    """The Discord option type of a declared parameter."""
    if param.kind == "page":
        return app_commands.Range[int, 1, MAX_PAGE]
    if param.kind == "choice":
        return Literal[param.choices]  # a fixed list of choices in Discord's command form
    if param.required:
        return app_commands.Range[str, 1, param.max_length]
    return str


def _app_command(client: GeoDigestClient, cmd: Command) -> app_commands.Command[Any, ..., None]:
    """A Discord application command generated from a command's declaration: one typed option per
    parameter, described and autocompleted as declared; values reach :func:`invoke` by name."""
    idents = {p.name: _OPTION_NAMES.get(p.name, p.name.replace("-", "_")) for p in cmd.params}
    names = {ident: name for name, ident in idents.items()}

    async def callback(interaction: discord.Interaction, **values: Any) -> None:
        if not client.first_delivery(interaction):
            return
        options = {names[ident]: value for ident, value in values.items() if value is not None}
        if cmd.admin and not await _admin_only(interaction, cmd.name):
            return
        await client.answer(interaction, cmd.name, options)

    parameters = [inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                    annotation=discord.Interaction)]
    for p in sorted(cmd.params, key=lambda p: not p.required):  # Discord wants required ones first
        parameters.append(inspect.Parameter(
            idents[p.name], inspect.Parameter.KEYWORD_ONLY, annotation=_option_type(p),
            default=inspect.Parameter.empty if p.required else None,
        ))
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    callback.__name__ = cmd.name.replace("-", "_")
    described = app_commands.describe(**{idents[p.name]: p.help[:100] for p in cmd.params})(callback)
    renamed = {ident: name for name, ident in idents.items() if ident != name}
    if renamed:
        described = app_commands.rename(**renamed)(described)
    completions = {idents[p.name]: _completion(client, p.complete) for p in cmd.params if p.complete}
    if completions:
        described = app_commands.autocomplete(**completions)(described)
    command: app_commands.Command[Any, ..., None] = app_commands.Command(
        name=cmd.name, description=plain(cmd.description, 100), callback=described,
    )
    if cmd.admin:
        command = app_commands.default_permissions(manage_guild=True)(command)
        command = app_commands.guild_only()(command)
    return command


def _completion(client: GeoDigestClient, kind: str) -> Callable[..., Any]:
    async def complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return await client.complete(kind, current)

    return complete


async def _admin_only(interaction: discord.Interaction, name: str) -> bool:
    """default_permissions only hides a command; server admins can override it, so check too."""
    perms = interaction.permissions
    if interaction.guild_id is None or not (perms.manage_guild or perms.administrator):
        where = "in a server channel, " if interaction.guild_id is None else ""
        await interaction.response.send_message(
            f"/{name} works {where}for members with the Manage Server permission.", ephemeral=True
        )
        return False
    return True


def _register_commands(client: GeoDigestClient) -> None:
    for cmd in COMMANDS.values():
        client.tree.add_command(_app_command(client, cmd))


def _fingerprint(content: Any, embeds: list[dict[str, Any]]) -> tuple[Any, ...]:
    """What a reader sees of a message, robust to the fields Discord adds to embeds it returns."""

    def text(value: Any) -> str:
        return str(value or "").strip()

    return (
        text(content),
        tuple(
            (text(e.get("title")), text(e.get("description")),
             tuple((text(f.get("name")), text(f.get("value"))) for f in e.get("fields") or []))
            for e in embeds
        ),
    )


class DiscordPoster(RenderedParts):
    """Posts digests to Discord channels (the scheduler's Poster and PartPoster).

    Every scheduled part is sent with a nonce derived from (schedule, channel, period, part);
    discord.py 2.7 sends ``enforce_nonce: true`` with any nonce, so Discord answers a second
    post of the same part within its nonce window (a few minutes) with the original message
    instead of creating another. Re-posting the part that was in flight at a crash is therefore
    safe, and ``find_part`` has nothing to look up.
    """

    rendering = RENDERING

    def __init__(self, client: discord.Client) -> None:
        self.client = client
        self._retries = RetryMemo()
        self._kinds: dict[str, dict[str, Any]] = {}  # channel id -> its channel object (type, guild)
        self._threads: set[str] = set()  # thread ids known to exist (started from a header, or forum posts)

    async def post_digest(self, channel_id: str, digest: Digest) -> list[str]:
        """Post every part of ``digest`` to the channel; returns the message ids.

        Raises DeliveryError, ``permanent`` when retrying cannot help (the message says the fix).
        discord.py itself waits out rate limits (429 with ``retry_after``). Retrying the same
        digest after a failure part-way posts only the parts still missing (remembered in memory
        only; the scheduler uses ``post_part`` and keeps progress in the store).
        """
        raw, channel = self._channel(channel_id)
        payloads = self.render(digest)
        return await self._retries.post_all(raw, payloads, lambda payload: self._post(channel, raw, payload))

    async def post_part(self, channel_id: str, payload: dict[str, Any], part: Part) -> str:
        """Post one part with its deterministic nonce; a repeat returns the original message's id.

        A threaded digest's header (part 0) is a message in the channel, or a new post of a forum
        channel; the parts after it go into the thread started from the header (its id is the
        thread's), which the first of them creates (a thread already created is fine).
        """
        raw, channel = self._channel(channel_id)
        if part.parent is not None:
            thread = await self._thread(raw, part.parent, payload)
            return await self._post(thread, raw, payload, nonce=part.nonce)
        if part.thread and await self._is_forum(raw):
            return await self._forum_post(raw, payload)
        return await self._post(channel, raw, payload, nonce=part.nonce)

    async def _channel_info(self, raw: str) -> dict[str, Any]:
        if raw not in self._kinds:
            try:
                self._kinds[raw] = dict(await self.client.http.get_channel(int(raw)))
            except discord.HTTPException as err:
                raise _delivery_error(raw, err) from None
            except TRANSIENT_ERRORS as err:
                raise _network_error(raw, err) from None
        return self._kinds[raw]

    async def _is_forum(self, raw: str) -> bool:
        return int((await self._channel_info(raw)).get("type", 0)) in FORUM_TYPES

    async def _thread(self, raw: str, parent: str, payload: dict[str, Any]) -> discord.PartialMessageable:
        """The thread of a digest's header message, started from it if it has none yet."""
        if parent not in self._threads and not await self._is_forum(raw):
            name = str(payload.get("thread_name") or "GeoDigest")[:100]
            try:
                await self.client.http.start_thread_with_message(
                    int(raw), int(parent), name=name, auto_archive_duration=THREAD_ARCHIVE_MINUTES)
            except discord.HTTPException as err:
                if err.code != THREAD_EXISTS:  # started before a crash or a lost answer: fine
                    raise _delivery_error(raw, err) from None
            except TRANSIENT_ERRORS as err:
                raise _network_error(raw, err) from None
        self._threads.add(parent)
        return self.client.get_partial_messageable(int(parent))

    async def _forum_post(self, raw: str, payload: dict[str, Any]) -> str:
        """Start a post (a thread) in a forum channel with the header as its first message; returns
        that message's id, which is the thread's."""
        from discord.http import handle_message_parameters

        kwargs = message_kwargs(payload)
        name = str(payload.get("thread_name") or "GeoDigest")[:100]
        try:
            with handle_message_parameters(
                content=kwargs["content"], embeds=kwargs["embeds"],
                allowed_mentions=kwargs["allowed_mentions"],
                channel_payload={"name": name, "auto_archive_duration": THREAD_ARCHIVE_MINUTES},
            ) as params:
                data = await self.client.http.start_thread_in_forum(int(raw), params=params)
        except discord.HTTPException as err:
            raise _delivery_error(raw, err) from None
        except TRANSIENT_ERRORS as err:
            raise _network_error(raw, err) from None
        thread_id = str(data["id"])
        self._threads.add(thread_id)
        return str((data.get("message") or {}).get("id") or thread_id)

    async def find_part(self, channel_id: str, payload: dict[str, Any], part: Part) -> str | None:
        """The id of ``part`` if the channel has it, when the nonce can no longer tell.

        Within ``NONCE_TRUST`` seconds of the part being sent this answers None: re-posting with
        the part's nonce returns the original message. Later (Discord forgets nonces after a few
        minutes) it reads the channel history since the part was sent for a message by this bot
        with the same content and embeds. Without Read Message History it logs the fix and answers
        None: the part is posted again (at least once rather than lost).
        """
        if part.inflight_at is None:
            return None
        raw, channel = self._channel(channel_id)
        if part.thread and part.parent is None and await self._is_forum(raw):
            return await self._find_forum_post(raw, payload, part.inflight_at)  # a forum post has no nonce
        if time.time() - part.inflight_at < NONCE_TRUST:
            return None
        if part.parent is not None:
            channel = self.client.get_partial_messageable(int(part.parent))  # the part went into the thread
        me = self.client.user.id if self.client.user is not None else None
        want = _fingerprint(payload.get("content"), payload.get("embeds") or [])
        since = datetime.fromtimestamp(part.inflight_at - 60, UTC)
        try:
            async for message in channel.history(after=since, limit=HISTORY_LOOKUP, oldest_first=True):
                if me is not None and message.author.id != me:
                    continue
                if _fingerprint(message.content, [dict(e.to_dict()) for e in message.embeds]) == want:
                    return str(message.id)
        except discord.Forbidden:
            log.error("discord:%s: cannot read the channel history to check whether part %d was posted "
                      "before a crash: give the bot's role Read Message History there; posting it again",
                      raw, part.index + 1)
            return None
        except discord.HTTPException as err:
            raise DeliveryError(f"discord:{raw}: reading history: HTTP {err.status} (will retry)") from None
        except TRANSIENT_ERRORS as err:
            raise _network_error(raw, err) from None
        return None

    async def _find_forum_post(self, raw: str, payload: dict[str, Any], since: float) -> str | None:
        """A post this bot started in the forum since ``since`` (a minute of clock skew) under the
        header's thread name, among the guild's active threads."""
        info = await self._channel_info(raw)
        me = str(self.client.user.id) if self.client.user is not None else None
        name = str(payload.get("thread_name") or "GeoDigest")[:100]
        try:
            found = await self.client.http.get_active_threads(int(info["guild_id"]))
        except discord.HTTPException as err:
            raise _delivery_error(raw, err) from None
        except TRANSIENT_ERRORS as err:
            raise _network_error(raw, err) from None
        for thread in found.get("threads") or []:
            started = discord.utils.snowflake_time(int(thread["id"])).timestamp()
            if (str(thread.get("parent_id")) == raw and thread.get("name") == name and started >= since - 60
                    and (me is None or str(thread.get("owner_id")) == me)):
                self._threads.add(str(thread["id"]))
                return str(thread["id"])
        return None

    def _channel(self, channel_id: str) -> tuple[str, discord.PartialMessageable]:
        raw = channel_id.removeprefix("discord:")
        if not raw.isdigit():
            raise DeliveryError(f"discord:{raw}: not a channel id (discord:<digits>)", permanent=True)
        return raw, self.client.get_partial_messageable(int(raw))

    @staticmethod
    async def _post(
        channel: discord.PartialMessageable, raw: str, payload: dict[str, Any], *, nonce: str | None = None
    ) -> str:
        kwargs = message_kwargs(payload)
        if nonce is not None:
            kwargs["nonce"] = nonce  # discord.py adds enforce_nonce: true
        try:
            message = await channel.send(**kwargs)
        except discord.HTTPException as err:
            raise _delivery_error(raw, err) from None
        except TRANSIENT_ERRORS as err:
            raise _network_error(raw, err) from None
        return str(message.id)


def _network_error(raw: str, err: BaseException) -> DeliveryError:
    if isinstance(err, ValueError):  # JSON cut off or garbled: the request may have been done
        return DeliveryError(f"discord:{raw}: unreadable answer from Discord (will retry)")
    return DeliveryError(f"discord:{raw}: network error {type(err).__name__} (will retry)")


def _delivery_error(raw: str, err: discord.HTTPException) -> DeliveryError:
    """A Discord error as a DeliveryError: permanent (with the fix) when retrying cannot help."""
    fix = PERMANENT_CODES.get(err.code)
    if fix or isinstance(err, discord.Forbidden | discord.NotFound):
        return DeliveryError(f"discord:{raw}: {fix or f'HTTP {err.status}'}", permanent=True)
    return DeliveryError(f"discord:{raw}: HTTP {err.status} (will retry)")


async def run_discord(
    cfg: DiscordConfig,
    store_path: str | Path,
    *,
    runner: Runner | None = None,
    completer: Completer | None = None,
    on_ready: Callable[[GeoDigestClient], Awaitable[None] | None] | None = None,
) -> None:
    """Log in, sync the commands and serve until cancelled; ``on_ready`` gets the client (and ``poster``)."""
    point_at(cfg.api_base_url, cfg.gateway_url)
    client = GeoDigestClient(
        cfg, runner or store_runner(store_path), completer or store_completer(store_path)
    )

    async def announce() -> None:
        await client.ready.wait()
        if on_ready is None:
            return
        try:
            result = on_ready(client)
            if asyncio.iscoroutine(result):
                await result
        except Exception:
            log.exception("discord: the on_ready callback failed")

    watcher = asyncio.ensure_future(announce())
    try:
        async with client:
            await client.start(cfg.token)
    except discord.LoginFailure:
        raise GeoDigestError(
            "Discord refused DISCORD_TOKEN: copy the bot token from the developer portal"
        ) from None
    except (discord.GatewayNotFound, discord.ConnectionClosed, OSError) as err:
        raise GeoDigestError(f"cannot connect to Discord: {type(err).__name__}: {err}") from None
    finally:
        watcher.cancel()
