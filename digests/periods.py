"""The one grammar for periods and days that users type, in chat and on the command line.

``today``, ``yesterday``, ``week`` (also ``this week``, ``last week``, ``past week``, ``7d``),
``month`` (``last month``, ``30d``), ``3d``, ``2w``, ``last 3 days``, ``past 2 weeks``, a day
``2026-01-05``, a month ``2026-01``, a year ``2026`` or a range ``2026-01-04..2026-01-07``.
Relative periods end on ``today``, which the caller chooses (the newest article's day on the
demo store).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from digests.errors import CommandError

# A digest asked for by hand covers at most this many days: longer ones take seconds to build.
MAX_DIGEST_DAYS = 92

PERIOD_HELP = "today, yesterday, week, last week, 3d, 2w, 2026-01 or 2026-01-04..2026-01-07"

_DATE_WORD = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_SPAN = re.compile(r"^(?:(?:last|past)\s+)?(\d{1,3})\s*(d|days?|w|wks?|weeks?)$")
_NAMED = {
    "today": (0, 1), "yesterday": (1, 1),
    "week": (0, 7), "this week": (0, 7), "last week": (0, 7), "past week": (0, 7),
    "month": (0, 30), "this month": (0, 30), "last month": (0, 30), "past month": (0, 30),
}


def is_day(word: str) -> bool:
    """Whether a word has the shape of a day, month or year (``2026-01-05``, ``2026-01``, ``2026``)."""
    return bool(_DATE_WORD.match(word))


def is_full_day(word: str) -> bool:
    """Whether a date word names a day (``2026-01-05``), not a whole month or year."""
    match = _DATE_WORD.match(word.strip())
    return bool(match and match.group(3))


def parse_day(word: str, *, end: bool = False) -> date | None:
    """`2026-01-05`, `2026-01` or `2026` as its first (or, with ``end``, last) day; None if not a date.

    Raises :class:`CommandError` for a date-shaped word that is no real day (``2026-13-40``).
    """
    match = _DATE_WORD.match(word.strip())
    if not match:
        return None
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    try:
        if day:
            return date(year, int(month or 1), int(day))
        if month:
            first = date(year, int(month), 1)
            following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
            return following - timedelta(days=1) if end else first
        return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError:
        raise CommandError(f"{word!r} is not a real date (want YYYY-MM-DD).") from None


def parse_range(word: str) -> tuple[date, date] | None:
    """``A..B`` as (first day of A, last day of B); None when the word has no ``..``."""
    if ".." not in word:
        return None
    first, _, last = word.partition("..")
    since, until = parse_day(first), parse_day(last, end=True)
    if since is None or until is None:
        raise CommandError("Write a date range as 2026-01-04..2026-01-07.")
    return since, until


def parse_period(text: str, today: date) -> tuple[date, date] | None:
    """A period phrase as (since, until), relative ones ending on ``today``; None if the words are
    not a period. Raises :class:`CommandError` for a period-shaped phrase that cannot be meant."""
    words = " ".join(text.lower().split())
    if words in _NAMED:
        back, days = _NAMED[words]
        until = today - timedelta(days=back)
        return until - timedelta(days=days - 1), until
    match = _SPAN.match(words)
    if match:
        days = int(match.group(1)) * (7 if match.group(2).startswith("w") else 1)
        if not 1 <= days <= MAX_DIGEST_DAYS:
            raise CommandError(f"A digest covers 1 to {MAX_DIGEST_DAYS} days.")
        return today - timedelta(days=days - 1), today
    if " " in words:
        return None
    ranged = parse_range(words)
    if ranged:
        return ranged
    first, last = parse_day(words), parse_day(words, end=True)
    if first is None or last is None:
        return None
    return first, last


def leading_period(words: list[str], today: date) -> tuple[tuple[date, date] | None, int]:
    """The longest period phrase (up to three words) at the head of ``words`` and how many
    words it took; (None, 0) when they do not start with a period."""
    for n in (3, 2, 1):
        if len(words) >= n:
            found = parse_period(" ".join(words[:n]), today)
            if found is not None:
                return found, n
    return None, 0


def check_period(since: date, until: date, *, limit: int | None = MAX_DIGEST_DAYS) -> None:
    """Raise :class:`CommandError` for a period that ends before it starts or is too long."""
    if since > until:
        raise CommandError(f"The period ends before it starts ({since} > {until}).")
    if limit is not None and (until - since).days + 1 > limit:
        raise CommandError(f"A digest covers at most {limit} days; pick a shorter period.")
