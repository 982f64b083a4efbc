"""Channel settings: a channel's digest scope changed from chat, layered over the environment.

The environment (``GEODIGEST_SCHEDULES``, ``DIGEST_TOPICS`` ...) sets each schedule's scope;
``/settings`` lets a channel override any of its fields (topics, countries, entities,
include words, exclude words). A field the channel has not set comes from the schedule; a
field it set replaces the schedule's (``all`` sets it to no limit); ``/settings reset``
drops every override. Each change is logged in the store with who made it and when.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from digests.commands.args import mention_in, query_text
from digests.errors import CommandError
from digests.topics import REGIONS, TOPICS, countries_matching, topic_slug

if TYPE_CHECKING:
    from digests.digest import Scope
    from digests.store import Store

FIELDS = ("topics", "countries", "entities", "include", "exclude")
FIELD_HELP = {
    "topics": "topics a digest keeps to",
    "countries": "countries (or regions) a digest keeps to",
    "entities": "people, organisations or places a digest keeps to",
    "include": "words a story must mention (any of them)",
    "exclude": "words that keep a story out",
}
CLEAR_WORDS = frozenset({"all", "none", "any", "-"})  # the field is set to no limit
INHERIT_WORDS = frozenset({"default", "inherit", "schedule"})  # the field comes from the schedule again
MAX_VALUES = 20
MAX_VALUE_LENGTH = 60


@dataclass(frozen=True)
class ChannelSettings:
    """A channel's overrides: None for a field the schedule decides, else the channel's list."""

    topics: tuple[str, ...] | None = None
    countries: tuple[str, ...] | None = None
    entities: tuple[str, ...] | None = None
    include: tuple[str, ...] | None = None
    exclude: tuple[str, ...] | None = None

    def is_empty(self) -> bool:
        """Whether the channel overrides nothing."""
        return all(getattr(self, f) is None for f in FIELDS)

    def to_json(self) -> str:
        """The overrides as stored."""
        return json.dumps({f: list(v) for f in FIELDS if (v := getattr(self, f)) is not None}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ChannelSettings:
        """Stored overrides back (unknown keys and malformed values are ignored)."""
        try:
            data = json.loads(text)
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        values = {f: tuple(str(v) for v in data[f]) for f in FIELDS if isinstance(data.get(f), list)}
        return cls(**values)


@dataclass(frozen=True)
class ScheduleScope:
    """The scope an environment schedule gives the digests it posts to one channel."""

    schedule: str
    channel: str  # ``slack:C0123``, as schedules name targets
    topics: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()


# an example value per field, and how a field set to no limit reads ("exclude: all" would read as
# leaving every story out)
_EXAMPLE = {"topics": "trade, security", "countries": "Japan, KR", "entities": "Sanae Takaichi",
            "include": "Red Sea", "exclude": "football"}
_CLEARED = {"exclude": "none (nothing left out)"}


def _clear_word(field: str) -> str:
    """The word that sets a field to no limit, as it reads for that field."""
    return "none" if field == "exclude" else "all"


def describe_field(name: str, override: tuple[str, ...] | None, schedules: list[ScheduleScope],
                   place: str = "this channel") -> str:
    """One field as ``/settings`` shows it: the channel's value, else each schedule's."""
    if override is not None:
        return (", ".join(override) or _CLEARED.get(name, "all (no limit)")) + f" (set in {place})"
    if not schedules:
        return "no limit (no schedule posts here)"
    parts = []
    for sched in schedules:
        values = getattr(sched, name, ())
        parts.append(f"{', '.join(values) or 'no limit'} (schedule {sched.schedule})")
    return "; ".join(parts)


def load_settings(store: Store, channel: str) -> ChannelSettings:
    """A channel's overrides (none when it never used /settings)."""
    row = store.channel_settings(channel)
    return ChannelSettings.from_json(row[0]) if row else ChannelSettings()


def parse_values(field: str, text: str) -> tuple[str, ...] | None:
    """A field's new value from a user's words: a comma-separated list, ``all`` for no limit,
    ``default`` for the schedule's again. Topics become slugs and countries are checked; an
    unknown one raises CommandError naming what is known."""
    words = " ".join(text.split())
    give = (f"Give {FIELD_HELP[field]}, separated by commas, or {_clear_word(field)} for no limit "
            f"(e.g. /settings {field} {_EXAMPLE[field]}).")
    if not words:
        raise CommandError(give)
    if words.lower() in INHERIT_WORDS:
        return None
    if words.lower() in CLEAR_WORDS:
        return ()
    # each as a query is read: without chat markup or the punctuation closing a line (**trade** is trade)
    items = [query_text(w) for w in words.split(",") if query_text(w)]
    if not items:  # commas or markup alone (",,,", "**"): no value, not "no limit"
        raise CommandError(give)
    mention = next((m for i in items if (m := mention_in(i))), None)
    if mention:
        raise CommandError(f"{mention} is a mention, not a value: give {FIELD_HELP[field]}.")
    if len(items) > MAX_VALUES:
        raise CommandError(f"At most {MAX_VALUES} values.")
    if any(len(i) > MAX_VALUE_LENGTH for i in items):
        raise CommandError(f"A value is at most {MAX_VALUE_LENGTH} characters.")
    out: list[str] = []
    for item in items:
        if field == "topics":
            slug = topic_slug(item)
            if slug is None:
                raise CommandError(f"Unknown topic {item[:30]!r}; known topics: {', '.join(TOPICS)}.")
            item = slug
        elif field == "countries" and not countries_matching(item):
            raise CommandError(f"Unknown country or region {item[:30]!r}: give a country's name or code "
                               f"(Japan, KR) or a region: {', '.join(r.title() for r in sorted(REGIONS))}.")
        if item not in out:
            out.append(item)
    return tuple(out)


def change_settings(store: Store, channel: str, field: str, text: str, user: str) -> ChannelSettings:
    """Set one field of a channel's settings from the user's words, logged with who and when."""
    if field not in FIELDS:
        raise CommandError(f"No setting {field!r}; settings: {', '.join(FIELDS)}.")
    value = parse_values(field, text)
    current = load_settings(store, channel)
    updated = replace(current, **{field: value})
    shown = "the schedule's" if value is None else (", ".join(value) or "all")
    store.set_channel_settings(channel, None if updated.is_empty() else updated.to_json(), user,
                               f"{field} = {shown}")
    return updated


def reset_settings(store: Store, channel: str, user: str) -> None:
    """Drop every override of a channel (logged): its digests follow the schedules again."""
    store.set_channel_settings(channel, None, user, "reset")


def layered_scope(base: Scope, settings: ChannelSettings) -> Scope:
    """A schedule's scope with a channel's overrides on top: each field the channel set replaces
    the schedule's, the others stay as the environment set them."""
    values = base.model_dump()
    for name in FIELDS:
        override = getattr(settings, name)
        if override is not None:
            values[name] = list(override)
    return type(base)(**values)
