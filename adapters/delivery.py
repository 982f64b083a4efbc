"""What a poster needs to post one message of a scheduled digest so that re-posting it is harmless.

The scheduler (``bot/scheduler.py``) keeps each delivery's progress in the store and asks a
poster for one part at a time; the platform adapters use :class:`Part` to make that post
idempotent (a Discord ``nonce``, Slack message ``metadata``) and to find a part that may have
been posted just before a crash. Plain data, no platform imports, so both sides can use it.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from digests.errors import DeliveryError

if TYPE_CHECKING:
    from digests.commands import Reply
    from digests.digest import Digest

# Slack's message metadata event type for digest parts (lowercase, letters and underscores).
SLACK_EVENT_TYPE = "geodigest_delivery"


@dataclass(frozen=True)
class Part:
    """Message ``index`` (0-based) of ``count`` of one delivery: (schedule, channel, period)."""

    schedule: str
    channel: str  # the target as written in the schedule, e.g. "slack:C0123"
    period_key: str
    index: int
    count: int
    claimed_at: float  # unix seconds when the delivery was first claimed (before any part was posted)
    inflight_at: float | None = None  # unix seconds when this part was last sent, if it was
    # A threaded digest: the message id of its header (part 0), under which this part is posted.
    parent: str | None = None
    thread: bool = False  # part of a digest posted as a thread (part 0 is its header)

    @property
    def delivery_key(self) -> str:
        """A short stable identity of the delivery (the same on every attempt and restart)."""
        blob = "\x1f".join((self.schedule, self.channel, self.period_key))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]

    @property
    def nonce(self) -> str:
        """25 characters at most (Discord's limit), derived from the delivery and the part only."""
        blob = "\x1f".join((self.schedule, self.channel, self.period_key, str(self.index)))
        return "gd" + hashlib.sha256(blob.encode("utf-8")).hexdigest()[:23]


@runtime_checkable
class PartPoster(Protocol):
    """A poster the scheduler can drive part by part, resuming after a crash without duplicates."""

    def render(self, digest: Digest) -> list[dict[str, Any]]:
        """The digest as this platform's message payloads, in posting order (deterministic)."""
        ...

    async def post_part(self, channel_id: str, payload: dict[str, Any], part: Part) -> str:
        """Post one payload; return its message id. Posting the same ``part`` twice must not
        create a second message where the platform allows it (Discord's nonce)."""
        ...

    async def find_part(self, channel_id: str, payload: dict[str, Any], part: Part) -> str | None:
        """The id of ``part`` (rendered as ``payload``) if the platform already has it (posted
        before a crash or a lost answer), else None."""
        ...


@runtime_checkable
class ThreadPoster(Protocol):
    """A part poster that can post a digest as a thread: a header message, then the rest in its
    thread (each later :class:`Part` carries the header's id as ``parent``)."""

    def render_thread(self, digest: Digest) -> list[dict[str, Any]]:
        """The digest as a header payload followed by its replies (one payload when empty)."""
        ...


@runtime_checkable
class NoticePoster(Protocol):
    """A part poster that renders notices (feed alerts) as payloads to post part by part."""

    def render_notice(self, reply: Reply) -> list[dict[str, Any]]:
        """A notice as this platform's message payloads."""
        ...


@runtime_checkable
class PlainNoticePoster(Protocol):
    """A poster that posts a notice in one call (the console)."""

    async def post_notice(self, channel_id: str, reply: Reply) -> str:
        """Post the notice; return its message id."""
        ...


Payload = dict[str, Any]


@dataclass(frozen=True)
class Rendering:
    """One platform's renderer, as its posters and command answers use it: a digest as message
    payloads (``digest``), as a header and its thread (``thread``), any other reply (``reply``),
    and the one message saying only a title, for a reply that renders to none (``title_only``)."""

    digest: Callable[[Digest], list[Payload]]
    thread: Callable[[Digest], list[Payload]]
    reply: Callable[[Reply], list[Payload]]
    title_only: Callable[[str], Payload]

    def replied(self, reply: Reply) -> list[Payload]:
        """A reply's messages (never none): a digest answer by the digest renderer."""
        if reply.kind == "digest" and reply.digest is not None:
            payloads = self.digest(reply.digest)
        else:
            payloads = self.reply(reply)
        return payloads or [self.title_only(reply.title)]


class RenderedParts:
    """A part poster's ``render``, ``render_thread`` and ``render_notice``, from its platform's
    :class:`Rendering` (a class attribute): posters translate, they render nothing themselves."""

    rendering: ClassVar[Rendering]

    def render(self, digest: Digest) -> list[Payload]:
        """The digest as message payloads, in posting order (deterministic for the same digest)."""
        return self.rendering.digest(digest)

    def render_thread(self, digest: Digest) -> list[Payload]:
        """The digest as a header message and its replies (deterministic for the same digest)."""
        return self.rendering.thread(digest)

    def render_notice(self, reply: Reply) -> list[Payload]:
        """A notice (a feed alert) as message payloads."""
        return self.rendering.replied(reply)


class RetryMemo:
    """Parts already posted of digests whose posting failed part-way, so a retry posts only the rest.

    In memory and bounded: ``post_digest`` callers retrying at once use it; the scheduler's
    deliveries keep their progress in the store instead (``PartPoster``).
    """

    def __init__(self, limit: int = 256) -> None:
        self._posted: OrderedDict[str, list[str]] = OrderedDict()
        self._limit = limit

    async def post_all(
        self, channel: str, payloads: list[dict[str, Any]], post: Callable[[dict[str, Any]], Awaitable[str]]
    ) -> list[str]:
        """Post the payloads not yet posted for this (channel, payloads); returns every message id."""
        blob = json.dumps([channel, payloads], sort_keys=True, default=str)
        key = hashlib.sha256(blob.encode("utf-8")).hexdigest()
        posted = self._posted.pop(key, [])
        try:
            for payload in payloads[len(posted) :]:
                posted.append(await post(payload))
        except DeliveryError:
            if posted:
                self._posted[key] = posted
                while len(self._posted) > self._limit:
                    self._posted.popitem(last=False)
            raise
        return posted


class SeenRecently:
    """Keys seen recently, forgotten after ``ttl`` seconds (bounded): a request a platform
    delivers twice (a retry, a replay) is answered once."""

    def __init__(self, ttl: float, max_size: int = 10_000) -> None:
        self.ttl = ttl
        self.max_size = max_size
        self._seen: OrderedDict[str, float] = OrderedDict()

    def add(self, key: str) -> bool:
        """Remember ``key``; False when it was already seen within the ttl."""
        now = time.monotonic()
        while self._seen and (next(iter(self._seen.values())) < now or len(self._seen) > self.max_size):
            self._seen.popitem(last=False)
        if key in self._seen:
            return False
        self._seen[key] = now + self.ttl
        return True
