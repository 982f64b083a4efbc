"""Digest schedules from the environment: the `DIGEST_*` shorthand and `GEODIGEST_SCHEDULES`.

`GEODIGEST_SCHEDULES` holds several schedules separated by `|` (or new lines), each a
list of `key=value` pairs separated by `;`, so that it fits on one line of an `.env`
file or a container's environment::

    GEODIGEST_SCHEDULES="name=morning; cron=0 7 * * 1-5; tz=Asia/Seoul; channels=slack:C0123ABCD; \
        topics=trade; countries=KR | name=weekly; cron=0 9 * * 1; channels=discord:123456789012345678"

Every problem is reported as a :class:`~bot.config.ConfigError` naming the variable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger

if TYPE_CHECKING:
    from bot.config import Settings

Platform = Literal["slack", "discord", "console"]

_TARGET = {
    "slack": re.compile(r"^[A-Z0-9]{6,24}$"),  # C0123ABCD, G..., D..., or an ID from Enterprise Grid
    "discord": re.compile(r"^\d{17,20}$"),  # a snowflake: 17 digits since 2015, 20 at most
    "console": re.compile(r"^[\w.-]{1,40}$"),  # local runs: printed to standard output
}
_KEYS = {"name", "cron", "tz", "timezone", "channels", "topics", "countries", "entities", "threads"}
_YES = {"yes": True, "true": True, "on": True, "1": True,
        "no": False, "false": False, "off": False, "0": False}
_NAME = re.compile(r"^[A-Za-z0-9][\w.-]{0,39}$")


_DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


def _cron_weekdays(field_text: str) -> str:
    """Standard cron weekdays (0 or 7 = Sunday) as APScheduler day names.

    APScheduler 3 counts 0 as Monday, even in `from_crontab`, so "1-5" would mean Tuesday
    to Saturday; names are unambiguous.
    """
    if field_text in ("*", "?"):
        return "*"
    days: set[int] = set()
    for item in field_text.split(","):
        if re.search(r"[A-Za-z]", item):
            return field_text  # names already: APScheduler reads them the same way cron does
        body, _, step_text = item.partition("/")
        step = int(step_text) if step_text else 1
        if body in ("*", ""):
            low, high = 0, 6
        elif "-" in body:
            low_text, high_text = body.split("-", 1)
            low, high = int(low_text), int(high_text)
        else:
            low = high = int(body)
            if step_text:
                high = 6
        if not (0 <= low <= 7 and 0 <= high <= 7) or step < 1 or low > high:
            raise ValueError(f"weekday {item!r} is out of range (0-7, 0 and 7 are Sunday)")
        days.update(d % 7 for d in range(low, high + 1, step))
    return ",".join(_DAY_NAMES[d] for d in sorted(days))


CRON_NICKNAMES = {
    "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
}


def cron_trigger(cron: str, timezone: str) -> CronTrigger:
    """A CronTrigger for a five-field cron expression (or a nickname such as ``@daily``) read the
    way crontab(5) reads it."""
    nickname = cron.strip().lower()
    if nickname.startswith("@"):
        if nickname not in CRON_NICKNAMES:
            raise ValueError(f"unknown nickname {cron.strip()!r} (known: {', '.join(CRON_NICKNAMES)})")
        cron = CRON_NICKNAMES[nickname]
    parts = cron.split()
    if len(parts) != 5:
        raise ValueError(f"wrong number of fields; got {len(parts)}, expected 5")
    minute, hour, day, month, weekday = parts
    try:
        weekday = _cron_weekdays(weekday)
    except ValueError as err:
        if "out of range" in str(err):
            raise
        raise ValueError(f"bad weekday field {weekday!r}") from None
    return CronTrigger(minute=minute, hour=hour, day=day, month=month, day_of_week=weekday,
                       timezone=ZoneInfo(timezone))


_DATE_FIELDS = ("year", "month", "day", "week", "day_of_week")
_FORWARD_DAYS = 8 * 366  # "29 Feb on a Monday" fires at most every 28 years; a few years suffice


def _matches(trigger: CronTrigger, names: tuple[str, ...], when: datetime) -> bool:
    for fld in trigger.fields:
        if fld.name in names and fld.get_next_value(when) != fld.get_value(when):
            return False
    return True


def _wall_to_utc(wall: datetime, zone: ZoneInfo) -> datetime:
    """The instant a naive wall-clock time names in `zone`, as an aware UTC datetime.

    A time that occurs twice (the autumn repeated hour) is its first occurrence; a time that
    never occurs (the spring gap) is the instant the gap ends, so that it still fires once.
    """
    first = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == wall:
        other = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
        return min(first, other)
    low, high = sorted((first, wall.replace(tzinfo=zone, fold=1).astimezone(UTC)))
    # In the gap: find the first second whose local time is past `wall` (the transition).
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).replace(tzinfo=None) > wall:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)


class ScheduleTrigger(BaseTrigger):
    """Fire times of a five-field cron expression in a timezone, computed in UTC.

    Each wall-clock time the expression names fires once: at its first occurrence when the
    autumn change repeats it, at the end of the gap when the spring change skips it. The
    APScheduler cron trigger steps through local wall-clock time and loops in the repeated
    hour; this one enumerates local days and converts each candidate to an instant.
    """

    def __init__(self, cron: str, timezone: str) -> None:
        self.cron = cron
        self.zone = ZoneInfo(timezone)
        self._cron = cron_trigger(cron, timezone)  # parsing, validation and field matching
        probe = datetime(2001, 1, 1)
        self._clock = tuple(
            (hour, minute) for hour in range(24) for minute in range(60)
            if _matches(self._cron, ("hour", "minute"), probe.replace(hour=hour, minute=minute))
        )

    def __str__(self) -> str:
        return f"cron[{self.cron!r} {self.zone.key}]"

    def fires_on(self, day: date) -> tuple[datetime, ...]:
        """The UTC instants of the fires that belong to local calendar `day`, in order."""
        return _fires_on(self, day)

    def _compute_fires(self, day: date) -> tuple[datetime, ...]:
        if not self._clock or not _matches(self._cron, _DATE_FIELDS, datetime(day.year, day.month, day.day)):
            return ()
        return tuple(sorted({_wall_to_utc(datetime(day.year, day.month, day.day, h, m), self.zone)
                       for h, m in self._clock}))

    def first_at_or_after(self, moment: datetime, *, days: int = _FORWARD_DAYS) -> datetime | None:
        """The first fire at or after `moment` (aware), in the schedule's zone."""
        start = moment.astimezone(UTC)
        # A fire belongs to its local day, which may start a day before the UTC day (and the
        # gap moves a fire up to a few hours): begin a day early.
        day = start.astimezone(self.zone).date() - timedelta(days=1)
        for offset in range(days + 2):
            for fire in self.fires_on(day + timedelta(days=offset)):
                if fire >= start:
                    return fire.astimezone(self.zone)
        return None

    def last_at_or_before(self, moment: datetime, not_before: datetime) -> datetime | None:
        """The latest fire in [`not_before`, `moment`] (aware), in the schedule's zone."""
        end, start = moment.astimezone(UTC), not_before.astimezone(UTC)
        day = end.astimezone(self.zone).date() + timedelta(days=1)
        stop = start.astimezone(self.zone).date() - timedelta(days=1)
        while day >= stop:
            for fire in reversed(self.fires_on(day)):
                if start <= fire <= end:
                    return fire.astimezone(self.zone)
            day -= timedelta(days=1)
        return None

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        """APScheduler's entry point: the first fire after the previous one (or at/after now)."""
        start = now.astimezone(UTC)
        if previous_fire_time is not None:
            # Strictly after the previous fire, even if the clock went back: never the same fire twice.
            start = previous_fire_time.astimezone(UTC) + timedelta(microseconds=1)
        return self.first_at_or_after(start)


@lru_cache(maxsize=4096)
def _fires_on(trigger: ScheduleTrigger, day: date) -> tuple[datetime, ...]:
    return trigger._compute_fires(day)


@lru_cache(maxsize=256)
def _trigger(cron: str, timezone: str) -> ScheduleTrigger:
    return ScheduleTrigger(cron, timezone)


def _config_error(message: str) -> Exception:
    from bot.config import ConfigError  # bot.config imports this module lazily too

    return ConfigError(message)


@dataclass(frozen=True)
class Target:
    """One channel on one platform, written `slack:C0123` or `discord:123456789`."""

    platform: Platform
    channel_id: str

    def __str__(self) -> str:
        return f"{self.platform}:{self.channel_id}"


@dataclass(frozen=True)
class Schedule:
    """When to post a digest, where, and about what."""

    name: str
    cron: str
    timezone: str = "UTC"
    targets: tuple[Target, ...] = ()
    topics: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    threads: bool = False  # post each digest as a thread: a header, the stories in its thread
    source: str = field(default="GEODIGEST_SCHEDULES", compare=False)  # the variable it came from

    def trigger(self) -> ScheduleTrigger:
        """The APScheduler trigger for this schedule's cron expression in its timezone."""
        return _trigger(self.cron, self.timezone)

    def last_fire_before(self, now: datetime, *, within: timedelta | None = None) -> datetime | None:
        """The latest fire time at or before `now` (looking back at most `within`, default a year).

        Arithmetic is in UTC: `now` may be in any zone, the result is in the schedule's zone.
        """
        moment = now.astimezone(UTC)
        return self.trigger().last_at_or_before(moment, moment - (within or timedelta(days=367)))

    def next_fire_after(self, now: datetime) -> datetime | None:
        """The first fire time strictly after `now`."""
        return self.trigger().first_at_or_after(now.astimezone(UTC) + timedelta(microseconds=1))

    def describe(self) -> str:
        """One line for `doctor` and the logs."""
        scope = ", ".join(
            f"{label}={','.join(values)}"
            for label, values in (("topics", self.topics), ("countries", self.countries),
                                  ("entities", self.entities))
            if values
        )
        where = ", ".join(str(t) for t in self.targets) or "(no channels)"
        return (f"{self.name}: '{self.cron}' {self.timezone} -> {where}" + (f" [{scope}]" if scope else "")
                + (" as threads" if self.threads else ""))


def parse_target(text: str, variable: str) -> Target:
    """`slack:C0123` or `discord:123456789` as a :class:`Target`, or a ConfigError naming `variable`."""
    platform, sep, channel = text.strip().partition(":")
    platform = platform.strip().lower()
    channel = channel.strip()
    if not sep or platform not in _TARGET:
        raise _config_error(
            f"{variable}: channel {text.strip()!r} must be slack:CHANNEL_ID or discord:CHANNEL_ID "
            "(e.g. slack:C0123ABCD, discord:123456789012345678)"
        )
    if not _TARGET[platform].match(channel):
        want = {"slack": "a Slack channel ID like C0123ABCD (not #name)",
                "discord": "a Discord channel ID of 17 to 20 digits (Developer Mode > Copy Channel ID)",
                "console": "a short name"}[platform]
        raise _config_error(f"{variable}: channel {text.strip()!r}: want {want}")
    return Target(platform, channel)  # type: ignore[arg-type]


def _csv(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _check_cron_tz(cron: str, tz: str, variable: str, tz_variable: str | None = None) -> None:
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise _config_error(
            f"{tz_variable or variable}: unknown timezone {tz!r} (use an IANA name like Europe/Paris or UTC)"
        ) from None
    try:
        trigger = cron_trigger(cron, tz)
    except ValueError as err:
        raise _config_error(
            f"{variable}: bad cron expression {cron!r}: {err} "
            "(five fields: minute hour day month weekday, e.g. '0 7 * * 1-5', or @daily)"
        ) from None
    # "0 7 31 2 *" is well formed but never comes: refuse it rather than wait for ever
    if trigger.get_next_fire_time(None, datetime.now(ZoneInfo(tz))) is None:
        raise _config_error(f"{variable}: cron expression {cron!r} never fires (no such day)")


def _scope_values(
    values: tuple[str, ...], kind: Literal["topics", "countries"], where: str
) -> tuple[str, ...]:
    from bot.config import country_or_error, topic_or_error

    check = topic_or_error if kind == "topics" else country_or_error
    try:
        return tuple(check(v) for v in values)
    except ValueError as err:
        raise _config_error(f"{where}: {err}") from None


def parse_schedules(text: str, variable: str = "GEODIGEST_SCHEDULES") -> list[Schedule]:
    """Parse the `GEODIGEST_SCHEDULES` format; errors name the variable and the schedule."""
    schedules: list[Schedule] = []
    chunks = [c for c in re.split(r"[|\n]", text) if c.strip()]
    for number, chunk in enumerate(chunks, 1):
        fields: dict[str, str] = {}
        for part in chunk.split(";"):
            if not part.strip():
                continue
            key, sep, value = part.partition("=")
            key = key.strip().lower()
            where = f"{variable}: schedule {number}"
            if not sep:
                raise _config_error(f"{where}: {part.strip()!r} is not key=value")
            if key not in _KEYS:
                raise _config_error(
                    f"{where}: unknown key {key!r} (known: {', '.join(sorted(_KEYS - {'timezone'}))})"
                )
            if key == "timezone":
                key = "tz"
            if key in fields:
                raise _config_error(f"{where}: {key!r} given twice")
            fields[key] = value.strip()
        name = fields.get("name") or f"schedule{number}"
        where = f"{variable}: schedule {number} ({name})"
        if not _NAME.match(name):
            raise _config_error(f"{where}: name must be letters, digits, '.', '_' or '-' (at most 40)")
        if not fields.get("cron"):
            raise _config_error(f"{where}: cron=... is required (e.g. cron=0 7 * * 1-5)")
        if not fields.get("channels"):
            raise _config_error(f"{where}: channels=... is required (e.g. channels=slack:C0123ABCD)")
        tz = fields.get("tz") or "UTC"
        _check_cron_tz(fields["cron"], tz, where)
        targets = tuple(parse_target(t, where) for t in _csv(fields["channels"]))
        if any(s.name == name for s in schedules):
            raise _config_error(f"{where}: two schedules are named {name!r}")
        threads = _YES.get(fields.get("threads", "no").strip().lower())
        if threads is None:
            raise _config_error(f"{where}: threads must be yes or no, not {fields['threads']!r}")
        schedules.append(Schedule(
            name=name, cron=" ".join(fields["cron"].split()), timezone=tz, targets=_dedupe(targets),
            topics=_scope_values(_csv(fields.get("topics", "")), "topics", where),
            countries=_scope_values(_csv(fields.get("countries", "")), "countries", where),
            entities=_csv(fields.get("entities", "")), threads=threads, source=variable,
        ))
    return schedules


def _dedupe(targets: tuple[Target, ...]) -> tuple[Target, ...]:
    return tuple(dict.fromkeys(targets))


def schedules_from_settings(settings: Settings) -> list[Schedule]:
    """Every schedule configured: the `DIGEST_CRON` shorthand first, then `GEODIGEST_SCHEDULES`."""
    schedules: list[Schedule] = []
    if settings.digest_cron:
        if not settings.digest_channels:
            raise _config_error("DIGEST_CHANNELS: required with DIGEST_CRON (e.g. slack:C0123ABCD)")
        _check_cron_tz(settings.digest_cron, settings.digest_timezone, "DIGEST_CRON", "DIGEST_TIMEZONE")
        targets = tuple(parse_target(t, "DIGEST_CHANNELS") for t in settings.digest_channels)
        schedules.append(Schedule(
            name="digest", cron=" ".join(settings.digest_cron.split()), timezone=settings.digest_timezone,
            targets=_dedupe(targets), topics=tuple(settings.digest_topics), threads=settings.digest_threads,
            source="DIGEST_CRON",
        ))
    elif settings.digest_channels:
        raise _config_error("DIGEST_CRON: required with DIGEST_CHANNELS (e.g. DIGEST_CRON=0 7 * * *)")
    if settings.schedules and settings.schedules.strip():
        for schedule in parse_schedules(settings.schedules):
            if any(s.name == schedule.name for s in schedules):
                raise _config_error(
                    f"GEODIGEST_SCHEDULES: the name {schedule.name!r} is taken by the DIGEST_CRON schedule"
                )
            schedules.append(schedule)
    return schedules
