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


def handle(store: Store, command: str, args: str, ctx: CommandContext) -> Reply:
    """Answer one command (``who-said``, ``timeline``, ...) with arguments as typed by the user."""
    raise NotImplementedError  # built in issue 6
