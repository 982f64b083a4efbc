"""TIMEX3 calendar values: parse one, its day bounds and granularity, and write it for readers.

The one place that knows what ``2026-01-05``, ``2026-04``, ``2026-W02``, ``2026-Q2``,
``2026-H1``, ``2026-SU``, ``2026``, ``201`` (the 2010s) and ``20`` (the 21st century) mean
as days. The store derives an event's day bounds from it, event extraction an event's
status, and digests and renderers the date a reader sees.

Values that name no calendar span (``PRESENT_REF``, ``XXXX-01-05``, ``P4D``) parse to None.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

Granularity = Literal["day", "week", "month", "season", "quarter", "half", "year", "decade", "century"]

_VALUE = re.compile(
    r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})(?:T.*)?)?|-W(?P<week>\d{2})|-Q(?P<quarter>[1-4])"
    r"|-H(?P<half>[12])|-(?P<season>SP|SU|FA|WI))?$"
    r"|^(?P<decade>\d{3})$|^(?P<century>\d{2})$"
)
# A season's first month; winter starts in the December before its year ("2026-WI": Dec 2025 - Feb 2026).
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_NAME = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


@dataclass(frozen=True, slots=True)
class CalendarValue:
    """A TIMEX3 value read as days: its granularity and its first and last day."""

    granularity: Granularity
    first: date
    last: date


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, month: int, n: int) -> tuple[date, date]:
    """The ``n`` months from (year, month), as first and last day."""
    last_index = year * 12 + month - 1 + n - 1
    return date(year, month, 1), _month_end(last_index // 12, last_index % 12 + 1)


@lru_cache(maxsize=8192)
def parse(value: str | None) -> CalendarValue | None:
    """The days a TIMEX3 calendar value covers, or None when it names no calendar span."""
    if not value:
        return None
    m = _VALUE.match(value.strip())
    if not m:
        return None
    try:
        if m["decade"]:
            y = int(m["decade"]) * 10
            return CalendarValue("decade", date(max(y, 1), 1, 1), date(y + 9, 12, 31))
        if m["century"]:
            y = int(m["century"]) * 100
            return CalendarValue("century", date(max(y, 1), 1, 1), date(y + 99, 12, 31))
        y = int(m["year"])
        if m["day"]:
            d = date(y, int(m["month"]), int(m["day"]))
            return CalendarValue("day", d, d)
        if m["month"]:
            return CalendarValue("month", *_months(y, int(m["month"]), 1))
        if m["week"]:
            monday = date.fromisocalendar(y, int(m["week"]), 1)
            return CalendarValue("week", monday, monday + timedelta(days=6))
        if m["quarter"]:
            return CalendarValue("quarter", *_months(y, 3 * int(m["quarter"]) - 2, 3))
        if m["half"]:
            return CalendarValue("half", *_months(y, 1 if m["half"] == "1" else 7, 6))
        if m["season"]:
            code = m["season"]
            return CalendarValue("season", *_months(y - 1 if code == "WI" else y, _SEASON_START[code], 3))
        return CalendarValue("year", date(y, 1, 1), date(y, 12, 31))
    except ValueError:  # month 13, week 54, day 31 of April, year 0
        return None


@lru_cache(maxsize=8192)
def bounds(value: str | None) -> tuple[date, date] | None:
    """First and last day of a TIMEX3 calendar value, or None (kept by value, as ``parse`` is: the
    events stage asks it of each date several times)."""
    v = parse(value)
    return (v.first, v.last) if v else None


@lru_cache(maxsize=8192)
def granularity(value: str | None) -> Granularity | None:
    """How coarse a TIMEX3 calendar value is ("day", "month", "season" ...), or None."""
    v = parse(value)
    return v.granularity if v else None


def day_bounds(value: str | None, value_end: str | None = None) -> tuple[str | None, str | None]:
    """First and last calendar day (ISO) covered by a TIMEX3 date and optional end date.

    ``2026`` spans the year, ``2026-04`` the month, ``2026-W02`` the ISO week, ``2026-SU``
    June to August; values that name no calendar span give ``(None, None)``.
    """
    start = parse(value)
    if start is None:
        return None, None
    end = parse(value_end) if value_end else None
    last = max(start.last, end.last) if end else start.last
    return start.first.isoformat(), last.isoformat()


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _parts(value: str) -> tuple[str, str, str]:
    """(day, month, year) of a day or month value as readers write them; anything else as it is."""
    v = parse(value)
    if v is not None and v.granularity == "day":
        return str(v.first.day), f"{v.first:%b}", str(v.first.year)
    if v is not None and v.granularity == "month":
        return "", f"{v.first:%b}", str(v.first.year)
    return "", "", _coarse(value, v)


def _coarse(value: str, v: CalendarValue | None) -> str:
    if v is None or v.granularity == "year":
        return value
    m = _VALUE.match(value.strip())
    assert m is not None  # parse() matched it
    if v.granularity == "week":
        return f"week of {v.first.day} {v.first:%b %Y}"
    if v.granularity == "quarter":
        return f"Q{m['quarter']} {m['year']}"
    if v.granularity == "half":
        return f"H{m['half']} {m['year']}"
    if v.granularity == "season":
        return f"{_SEASON_NAME[m['season']]} {m['year']}"
    if v.granularity == "decade":
        return f"the {m['decade']}0s"
    return f"the {_ordinal(int(m['century']) + 1)} century"


def format_date(value: str, end: str | None = None) -> str:
    """A TIMEX3 calendar date (and end) for readers: "13–14 Jan 2026", "Apr 2026", "summer 2026"."""
    d1, m1, y1 = _parts(value)
    if not end or end == value:
        return " ".join(p for p in (d1, m1, y1) if p)
    d2, m2, y2 = _parts(end)
    if y1 == y2 and m1 == m2 and d1 and d2:
        return f"{d1}–{d2} {m1} {y1}"
    left = " ".join(p for p in ((d1, m1) if y1 == y2 and m1 and m2 else (d1, m1, y1)) if p)
    return f"{left} – {' '.join(p for p in (d2, m2, y2) if p)}"
