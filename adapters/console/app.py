"""The console adapter: read commands from standard input, answer through the engine, print replies.

It goes through the same code path as the chat adapters: a line such as
``/who-said Lee`` becomes ``handle(store, "who-said", "Lee", ctx)`` and the neutral
``Reply`` is rendered with ``render_reply_text``. Scheduled digests aimed at
``console:NAME`` targets are printed by :class:`ConsolePoster`.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import sys
import threading
from collections.abc import Awaitable, Callable, Iterable
from datetime import date
from typing import IO, TYPE_CHECKING, Literal

from digests.commands import COMMANDS, PAGE_WORDS, CommandContext, NextPage, Reply, handle
from digests.commands.args import command_text
from digests.fetch import FetchPolicy
from digests.printable import clean
from digests.render import plain, render_markdown, render_reply_text
from digests.settings import ScheduleScope

if TYPE_CHECKING:
    from digests.digest import Digest
from digests.store import Store

BANNER = "GeoDigest console. Commands: " + ", ".join(f"/{c}" for c in COMMANDS) + ". Ctrl-D to quit."
QUIT = {"/quit", "/exit", "quit", "exit"}
ECHO_CHARS = 300  # a piped line is echoed up to this many characters


def parse_line(line: str) -> tuple[str, str] | None:
    """`/who-said Lee trade` -> ("who-said", "Lee trade"); blank lines and #comments -> None.

    The slash is optional, as in a shell: `timeline Red Sea` works too.
    """
    # a tab or another control character between the command and its words separates them too;
    # an invisible mark (a zero-width space, a soft hyphen) inside a word is dropped
    text = command_text(line)
    if not text or text.startswith("#"):
        return None
    command, *rest = text.split(None, 1)
    return command.lstrip("/").lower(), rest[0] if rest else ""


class ConsolePoster:
    """Prints scheduled digests (the scheduler's Poster for `console:` targets)."""

    def __init__(self, out: IO[str] | None = None) -> None:
        self.out = out or sys.stdout
        self.count = 0

    async def post_digest(self, channel_id: str, digest: Digest) -> list[str]:
        """Print the digest under a header naming the target; returns one pseudo message id."""
        self.count += 1
        what = "watch alert" if digest.kind == "alert" else "scheduled digest"
        self.out.write(f"\n=== {what} for console:{channel_id} ===\n")
        self.out.write(clean(render_markdown(digest)))
        self.out.flush()
        return [f"console-{self.count}"]

    async def post_notice(self, channel_id: str, reply: Reply) -> str:
        """Print a notice (a feed alert) under a header naming the target; returns a pseudo id."""
        self.count += 1
        self.out.write(f"\n=== notice for console:{channel_id} ===\n")
        self.out.write(clean(render_reply_text(reply)))
        self.out.flush()
        return f"console-{self.count}"


def console_context(
    *, today: date | None = None, fetch: FetchPolicy | None = None, feeds: tuple[str, ...] = (),
    feed_alert_after: int = 3, schedule_scopes: tuple[ScheduleScope, ...] = (), place: str = "this channel",
) -> CommandContext:
    """Who asks at the terminal, the console's or the command line's: the person who runs the bot,
    who may /ingest, /feeds and change the console channel's watches and settings."""
    extra = {"today": today.isoformat()} if today else {}
    return CommandContext(platform="console", user_id="console", channel_id="console",
                          is_admin=True, can_manage=True, extra=extra, fetch=fetch, feeds=feeds,
                          feed_alert_after=feed_alert_after, schedule_scopes=schedule_scopes, place=place)


class Console:
    """One console session over a store: answers lines, prints replies."""

    def __init__(self, store: Store, out: IO[str] | None = None, *, today: date | None = None,
                 interactive: bool = False, fetch: FetchPolicy | None = None,
                 feeds: tuple[str, ...] = (), feed_alert_after: int = 3,
                 schedule_scopes: tuple[ScheduleScope, ...] = ()) -> None:
        self.store = store
        self.out = out or sys.stdout
        self.interactive = interactive
        self.last_command: str | None = None
        self.following: NextPage | None = None  # the next page of the last answer, if it has more
        self._paging = False  # the line being answered asked for a page of the last answer
        self._more = False  # the last answer has a next page (else, paged, it was the last one)
        self._last_args = ""  # the words of the line last answered
        self.ctx = console_context(today=today, fetch=fetch, feeds=feeds, feed_alert_after=feed_alert_after,
                                   schedule_scopes=schedule_scopes)

    def ask(self, command: str, args: str = "") -> Reply:
        """One command through the engine, exactly as a chat adapter would call it ('page 2' after
        an answer that has no more pages excepted: the console knows there is none)."""
        if command in PAGE_WORDS and self.following is None:
            return Reply(title="No more pages: the last answer was whole. A long answer ends with the line "
                               "for its next page, e.g. /timeline Red Sea page 2.", kind="error")
        if command in ("more", "next") and not args and self.following is not None:  # on its last page
            first = re.sub(r"\s*\bpage [0-9]+$", "", f"/{self.following.command} {self.following.args}")
            return Reply(title=f"That was the last page: {first} page 1 goes back to the first.",
                         kind="error")
        return handle(self.store, command, args, self.ctx)

    def show(self, reply: Reply) -> None:
        """Print a reply as plain text."""
        if reply.kind == "choices":  # "which one?": a list to choose from, no pages to go on with
            self.following, self._more = None, False
        elif reply.kind != "error":  # the last page of a paged answer still leads back to the others
            self.following = reply.next or (self.following if self._paging else self._typed_page())
            self._more = reply.next is not None
        self._paging = False
        # includes a digest reply's hint; whatever rendered it, nothing printed drives the terminal
        self.out.write(clean(render_reply_text(reply)))
        self.out.flush()

    def opening(self) -> None:
        """The latest digest, then how to ask questions."""
        self.show(self.ask("digest", ""))
        if self.interactive:
            self.out.write("\n" + BANNER + "\n")
            self.out.flush()

    def line(self, text: str) -> bool:
        """Answer one input line; False when the user asked to quit."""
        parsed = self._read(text)
        if parsed:
            self.show(self.ask(*parsed))
        return parsed is not False

    async def answer(self, text: str) -> bool:
        """:meth:`line` with the command run in a worker thread: the event loop (the schedules,
        Ctrl-C) is not held up by a slow /ingest or digest."""
        parsed = self._read(text)
        if parsed:
            work = asyncio.ensure_future(asyncio.to_thread(self.ask, *parsed))
            try:
                reply = await asyncio.shield(work)
            except asyncio.CancelledError:  # Ctrl-C or shutdown while the command runs
                if self.ctx.fetch is not None:
                    self.ctx.fetch.cancel()  # a fetch in flight ends within a second
                await asyncio.wait({work})  # the store is not closed under the command
                raise
            self.show(reply)
        return parsed is not False

    def _read(self, text: str) -> tuple[str, str] | Literal[False] | None:
        """The command and its words; False to quit, None for nothing to answer (echoed when piped)."""
        if text.strip().lower() in QUIT:
            return False
        parsed = self._page_of_last_answer(parse_line(text))
        self.last_command = parsed[0] if parsed else None
        self._last_args = parsed[1] if parsed else ""
        if parsed is not None and self.interactive is False:
            # Echo the command so that a piped session reads like a chat transcript (a huge paste
            # echoed whole would bury the answer: its start and its length)
            shown = plain(text, ECHO_CHARS)
            size = f" ({len(text.strip()):,} characters)" if shown.endswith("…") else ""
            self.out.write(f"\n> {shown}{size}\n")
        return parsed

    def _typed_page(self) -> NextPage | None:
        """The answer just shown as a page typed past the first ('/timeline China page 3'): its last
        page, the way back to the others (None for any other line)."""
        typed = re.search(r"\bpage ([0-9]+)$", self._last_args)
        if self.last_command is None or typed is None or typed.group(1) in ("0", "1"):
            return None
        return NextPage(command=self.last_command, args=self._last_args, options={},
                        page=int(typed.group(1)[:12]))

    def _page_of_last_answer(self, parsed: tuple[str, str] | None) -> tuple[str, str] | None:
        """'page 3', 'more' or 'next' typed alone after a long answer: that answer's command for the
        page (as a chat user types it under an answer that ends '13 more: /timeline Nara page 2')."""
        if parsed is None or self.following is None or parsed[0] not in PAGE_WORDS:
            return parsed
        command, args = parsed
        if command in ("more", "next") and not args:
            if not self._more:
                return parsed  # the last page was shown: ask says so
            page = self.following.page
        elif command in ("page", "p") and args.isdigit():
            page = int(args[:12])
        else:
            return parsed
        line = re.sub(r"\s*\bpage [0-9]+$", "", self.following.args)
        self._paging = True
        return self.following.command, f"{line} page {page}".strip()

    def prompt(self) -> None:
        if self.interactive:
            self.out.write("> ")
            self.out.flush()


def run_lines(store: Store, lines: Iterable[str], out: IO[str] | None = None, *,
              today: date | None = None) -> int:
    """Run a whole session synchronously over given lines (tests, scripts); returns the exit code."""
    console = Console(store, out, today=today)
    console.opening()
    for text in lines:
        if not console.line(text):
            break
    return 0


async def run_console(store: Store, stdin: IO[str] | None = None, out: IO[str] | None = None, *,
                      today: date | None = None, fetch: FetchPolicy | None = None,
                      after_ingest: Callable[[], Awaitable[object]] | None = None,
                      feeds: tuple[str, ...] = (), feed_alert_after: int = 3,
                      schedule_scopes: tuple[ScheduleScope, ...] = ()) -> int:
    """Serve the console until standard input closes (or /quit); returns 0.

    Lines are read by a daemon thread so that the event loop keeps running the scheduler
    while the user types. ``after_ingest`` runs after each ``/ingest`` (the bot checks the
    watches then, so an alert shows at once rather than at the next check).
    """
    source = stdin or sys.stdin
    interactive = bool(getattr(source, "isatty", lambda: False)())
    console = Console(store, out, today=today, interactive=interactive, fetch=fetch, feeds=feeds,
                      feed_alert_after=feed_alert_after, schedule_scopes=schedule_scopes)
    console.opening()
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def reader() -> None:
        try:
            for text in iter(source.readline, ""):
                loop.call_soon_threadsafe(queue.put_nowait, text)
        except (OSError, ValueError):
            pass  # stdin closed under us
        finally:
            with contextlib.suppress(RuntimeError):  # the loop is gone: nothing is waiting
                loop.call_soon_threadsafe(queue.put_nowait, None)

    threading.Thread(target=reader, name="console-stdin", daemon=True).start()
    console.prompt()
    while True:
        text = await queue.get()
        if text is None:
            break
        if not await console.answer(text):
            break
        if after_ingest is not None and console.last_command == "ingest":
            await after_ingest()
        console.prompt()
    if interactive:
        console.out.write("\n")
    return 0
