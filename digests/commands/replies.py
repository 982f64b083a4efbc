"""What a command answers with, and who asks: the neutral reply every adapter renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from digests.digest import Digest
    from digests.fetch import FetchPolicy
    from digests.settings import ScheduleScope
else:
    # The digest engine (grouping, extraction tables, sqlite-utils) loads when a digest is built,
    # not when a command line or its --help is: a reply's digest field is typed for mypy only.
    Digest = Any


MAX_ARGS = 200  # characters of arguments a command reads
PAGE_SIZE = 10  # lines of a paged answer


class ReplyItem(BaseModel):
    """One line of an answer: plain article text (adapters escape it) and an optional link."""

    model_config = ConfigDict(frozen=True)

    text: str
    url: str | None = None
    label: str | None = None  # short bold prefix: a date, a kind, a status


class NextPage(BaseModel):
    """How to ask for the next page of a paged answer: what a "more" or "Next" button runs.

    ``args`` is the argument line as a user would type it (Slack and the console parse it),
    ``options`` the same values by parameter name (Discord's typed options); both hold ``page``."""

    model_config = ConfigDict(frozen=True)

    command: str
    args: str
    options: dict[str, str | int]
    page: int


class Reply(BaseModel):
    """A neutral answer that each adapter renders in its platform's idiom, paging long ones."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    title: str
    items: list[ReplyItem] = Field(default_factory=list)
    note: str | None = None  # a closing line ("3 more: /who-said Lee page 2")
    kind: Literal["answer", "error", "choices", "digest"] = "answer"
    digest: Digest | None = None  # the digest of /digest answers
    next: NextPage | None = None  # the next page, when there is one (adapters put it on a button)


@dataclass(frozen=True)
class CommandContext:
    """Who asks and where: adapters fill it from the platform event."""

    platform: Literal["console", "slack", "discord"]
    user_id: str = "console"
    channel_id: str = "console"
    is_admin: bool = False
    # may change this channel's watches and settings (Slack: SLACK_ADMIN_USERS, or everyone
    # with GEODIGEST_CHANNEL_COMMANDS=everyone; Discord: Manage Channels; the console: yes)
    can_manage: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    fetch: FetchPolicy | None = None  # the operator's fetch limits for /ingest (default: public, 15 s, 5 MB)
    feeds: tuple[str, ...] = ()  # GEODIGEST_FEEDS, which /feeds lists beside those added from chat
    feed_alert_after: int = 3  # GEODIGEST_FEED_ALERT_AFTER: failed polls in a row that make a feed failing
    # the environment's schedules' scopes, per channel they post to (what /settings shows under its own)
    schedule_scopes: tuple[ScheduleScope, ...] = ()
    # how answers name the channel: "this channel" where a person types in one; the command line
    # has none of its own and names the one it acts on ("the console channel")
    place: str = "this channel"

    @property
    def place_opening(self) -> str:
        """``place`` opening a sentence: "This channel", "The console channel"."""
        return self.place[:1].upper() + self.place[1:]

    @property
    def channel(self) -> str:
        """The channel as schedules name it: ``slack:C0123``, ``discord:123...``, ``console:console``."""
        return f"{self.platform}:{self.channel_id}"
