"""The one grammar for periods and days that users type, in chat and on the command line.

``today``, ``yesterday``, ``week`` (also ``this week``, ``last week``, ``past week``, ``7d``),
``fortnight``, ``month`` (``last month``, ``30d``), ``quarter``, ``3d``, ``2w``, ``2 months``,
``last 3 days``, ``past two weeks``, a day ``2026-01-05``, a month ``2026-01``, a year ``2026`` or
a range ``2026-01-04..2026-01-07``. Relative periods end on ``today``, which the caller chooses
(the newest article's day on the demo store). A phrase shaped as a period that no digest can
cover (``next week``, ``tomorrow``, ``last year``, ``hour``) is refused with what to type instead,
never read as a subject.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from digests.errors import CommandError

# A digest asked for by hand covers at most this many days: longer ones take seconds to build.
MAX_DIGEST_DAYS = 92

PERIOD_HELP = "today, yesterday, week, last week, 3d, 2w, 2026-01 or 2026-01-04..2026-01-07"

_DATE_WORD = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_NAMED = {"today": (0, 1), "yesterday": (1, 1)}
# Days in one of a unit (units of time are resources/time/units.txt; a month is read as 30 days,
# as "30d", a quarter as 13 weeks); "d", "w" and "mo" as in "3d", "2w", "2mo".
_UNIT_DAYS = {"d": 1, "day": 1, "w": 7, "wk": 7, "week": 7, "fortnight": 14, "mo": 30, "month": 30,
              "quarter": 91, "year": 365, "decade": 3652, "century": 36524, "centurie": 36524}
_SHAPE = re.compile(r"^(?:(?P<det>this|last|past|the\s+last|the\s+past|previous|next|coming|the\s+next)\s+)?"
                    r"(?:(?P<n>\d{1,6}|[a-z]+)\s*)??(?P<unit>[a-z]+?)(?:s|es)?$")
_ABBREVIATED = ("d", "w", "wk", "mo")  # a unit only after a number ("3d"; "d" alone is no period)
_FUTURE = ("next", "coming", "the next")
_AHEAD = {"tomorrow": "today", "tonight": "today", "next weekend": "weekend"}
_WEEKEND = ("weekend", "last weekend", "this weekend", "the weekend", "past weekend")
_ONLY_AHEAD = "A digest tells what has been read; what lies ahead is under its Coming up (or /timeline NAME)"


@cache
def _clock_units() -> frozenset[str]:
    """Units shorter than a day (hour, minute, second): no digest covers part of a day."""
    from digests.extract.vocab import vocabulary

    return frozenset(vocabulary("units").words("time"))


@cache
def _number_words() -> dict[str, int]:
    """`two` -> 2 ... `ninety` -> 90 (resources/time/numbers.txt), and `a` -> 1 ("a week")."""
    from digests.extract.vocab import vocabulary

    numbers = vocabulary("numbers")
    words = {w: numbers.number(w) for tag in ("unit", "tens") for w in numbers.words(tag)}
    return {**words, "a": 1, "one": 1}


def _unit_period(words: str, today: date, *, alone: bool) -> tuple[date, date] | None:
    """``week``, ``last 3 days``, ``past two weeks``, ``2mo``, ``quarter`` as the days up to
    ``today``; None for other words. A shape no digest covers raises :class:`CommandError`: ahead
    of today (``next week``), shorter than a day (``hour``) or longer than a digest (``last
    year``). A bare unit word (``year``) counts only ``alone`` (the whole argument): "Year of the
    Dragon" stays a subject."""
    match = _SHAPE.match(words)
    if not match:
        return None
    det, count, unit = match["det"], match["n"], match["unit"]
    if unit not in _UNIT_DAYS and unit not in _clock_units():
        return None
    if unit in _ABBREVIATED and count is None:
        return None
    if count is None:
        n = 1
    elif count.isdigit():
        n = int(count)
    elif count in _number_words():
        n = _number_words()[count]
    else:
        return None
    bare = det is None and count is None
    if det in _FUTURE:
        raise CommandError(f"{_ONLY_AHEAD}; for the days read, try /digest {words.split()[-1]}.")
    if unit in _clock_units():
        if bare and not alone:
            return None
        raise CommandError(f"A digest covers whole days, not {words!r}: try /digest today.")
    days = n * _UNIT_DAYS[unit]
    if not 1 <= days <= MAX_DIGEST_DAYS:
        if bare and not alone:
            return None
        raise CommandError(f"A digest covers 1 to {MAX_DIGEST_DAYS} days, and {words!r} is {days:,}: "
                           "try month, 3 months or a month such as 2026-01.")
    return today - timedelta(days=days - 1), today


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


def parse_period(text: str, today: date, *, alone: bool = True) -> tuple[date, date] | None:
    """A period phrase as (since, until), relative ones ending on ``today``; None if the words are
    not a period. Raises :class:`CommandError` for a period-shaped phrase that cannot be meant.
    ``alone``: the phrase is the whole argument (a bare ``year`` is then a period refused, not a
    subject's word)."""
    words = " ".join(text.lower().split())
    if words in _NAMED:
        back, days = _NAMED[words]
        until = today - timedelta(days=back)
        return until - timedelta(days=days - 1), until
    if words in _AHEAD:
        raise CommandError(f"{_ONLY_AHEAD}; for the days read, try /digest {_AHEAD[words]}.")
    if words in _WEEKEND:  # the last Saturday and Sunday up to today
        saturday = today - timedelta(days=(today.weekday() - 5) % 7)
        return saturday, min(saturday + timedelta(days=1), today)
    found = _unit_period(words, today, alone=alone)
    if found is not None:
        return found
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
            found = parse_period(" ".join(words[:n]), today, alone=len(words) == n)
            if found is not None:
                return found, n
    return None, 0


def check_period(since: date, until: date, *, limit: int | None = MAX_DIGEST_DAYS) -> None:
    """Raise :class:`CommandError` for a period that ends before it starts or is too long."""
    if since > until:
        raise CommandError(f"The period ends before it starts ({since} > {until}): put the earlier day "
                           f"first, {until}..{since}.")
    if limit is not None and (until - since).days + 1 > limit:
        raise CommandError(f"A digest covers at most {limit} days; pick a shorter period.")
