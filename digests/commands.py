"""The chat commands, the same on every platform: parse arguments, query the store, answer.

Adapters call :func:`handle` and render the neutral :class:`Reply` it returns;
they never query the store themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from digests.store import Store

COMMANDS = ("who-said", "timeline", "digest", "sources", "ingest", "help")


class ReplyItem(BaseModel):
    """One line of an answer: plain article text (adapters escape it) and an optional link."""

    model_config = ConfigDict(frozen=True)

    text: str
    url: str | None = None
    label: str | None = None  # short bold prefix: a date, a kind, a status


class Reply(BaseModel):
    """A neutral answer that each adapter renders in its platform's idiom, paging long ones."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    title: str
    items: list[ReplyItem] = Field(default_factory=list)
    note: str | None = None  # a closing line ("3 more: /who-said Lee page 2")
    kind: Literal["answer", "error", "choices", "digest"] = "answer"
    digest: object | None = None  # a digests.digest.Digest for /digest answers


@dataclass(frozen=True)
class CommandContext:
    """Who asks and where: adapters fill it from the platform event."""

    platform: Literal["console", "slack", "discord"]
    user_id: str = "console"
    channel_id: str = "console"
    is_admin: bool = False
    extra: dict[str, str] = field(default_factory=dict)


MAX_ARGS = 200

HELP: tuple[tuple[str, str, str], ...] = (
    ("who-said", "person [about]", "what a person said, newest first; `about` narrows to a topic or name"),
    ("timeline", "query [from] [to]", "dated events for a person, country or topic, coming-up last"),
    ("digest", "[period] [topic]", "a digest now: today, yesterday, week, 3d or 2026-01-04..2026-01-07"),
    ("sources", "", "the articles read most recently"),
    ("ingest", "url", "admins: fetch an article or feed and store its facts"),
    ("help", "", "this list"),
)


def usage(command: str) -> str:
    """The one-line usage of a command, as shown in errors and /help."""
    for name, params, _ in HELP:
        if name == command:
            return f"/{name} {params}".rstrip()
    return "/help"


def _help() -> Reply:
    items = [ReplyItem(label=usage(name), text=what) for name, _, what in HELP]
    return Reply(title="GeoDigest commands", items=items, note="Example: /who-said Lee trade")


def _error(message: str) -> Reply:
    return Reply(title=message, kind="error")


def handle(store: Store, command: str, args: str, ctx: CommandContext) -> Reply:
    """Answer one command (``who-said``, ``timeline``, ...) with arguments as typed by the user."""
    name = command.strip().lstrip("/").lower()
    text = " ".join((args or "").split())
    if name not in COMMANDS:
        return _error(f"Unknown command /{name or '?'}. Try /help for the list.")
    if len(text) > MAX_ARGS:
        return _error(f"That is too long ({len(text)} characters, at most {MAX_ARGS}). Usage: {usage(name)}")
    if name == "help":
        return _help()
    return _error(f"/{name} is not available yet. Try /help.")
