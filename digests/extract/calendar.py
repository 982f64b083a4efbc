"""Calendar arithmetic for resolving temporal expressions against a publication date.

Everything here is pure and total: month arithmetic clamps the day (Jan 31 + 1
month is Feb 28/29), ISO weeks come from ``date.isocalendar`` so week numbers
across New Year follow ISO 8601 (2021-01-01 is in 2020-W53).
"""

from __future__ import annotations

import calendar as _cal
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from types import MappingProxyType
from typing import Literal

from digests.extract import vocab

Direction = Literal["past", "future"] | None

# Lower-cased name -> number, from the one vocabulary of each (resources/time/*.txt).
MONTHS: Mapping[str, int] = MappingProxyType({k: int(v) for k, v in vocab.MONTHS.values.items()})
WEEKDAYS: Mapping[str, int] = MappingProxyType({k[:3]: int(v) for k, v in vocab.WEEKDAYS.values.items()})
SEASONS: Mapping[str, str] = vocab.SEASONS.values
# Meteorological seasons; December belongs to the winter named after the year it starts in.
_SEASON_OF_MONTH = {
    12: "WI",
    1: "WI",
    2: "WI",
    3: "SP",
    4: "SP",
    5: "SP",
    6: "SU",
    7: "SU",
    8: "SU",
    9: "FA",
    10: "FA",
    11: "FA",
}
_SEASON_ORDER = ["WI", "SP", "SU", "FA"]


def month_number(name: str) -> int:
    """1..12 for a month name or abbreviation ("Sept.", "december")."""
    key = name.strip(". ").lower()
    return MONTHS[key] if key in MONTHS else MONTHS[key[:3]]


def weekday_number(name: str) -> int:
    """0 (Monday) .. 6 (Sunday) for a weekday name or abbreviation."""
    return WEEKDAYS[name.strip(". ").lower()[:3]]


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` months, the day clamped to the target month's length."""
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    if y < 1 or y > 9999:
        return d
    return date(y, m, min(d.day, _cal.monthrange(y, m)[1]))


def shift(d: date, n: int, unit: str) -> date:
    """``d`` moved by ``n`` units (D, W, M, Q, Y, DE, CE); saturates instead of overflowing."""
    try:
        if unit == "D":
            return d + timedelta(days=n)
        if unit == "W":
            return d + timedelta(weeks=n)
        if unit == "M":
            return add_months(d, n)
        if unit == "Q":
            return add_months(d, 3 * n)
        if unit == "Y":
            return add_months(d, 12 * n)
        if unit == "DE":
            return add_months(d, 120 * n)
        if unit == "CE":
            return add_months(d, 1200 * n)
    except OverflowError:
        return d
    return d


def day_value(d: date) -> str:
    return d.isoformat()


def month_value(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def year_value(d: date) -> str:
    return f"{d.year:04d}"


def week_value(d: date) -> str:
    """ISO 8601 week of ``d``: the ISO year may differ from the calendar year around New Year."""
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def quarter_value(d: date) -> str:
    return f"{d.year:04d}-Q{quarter_of(d)}"


def season_of(d: date) -> tuple[int, str]:
    """(season year, code) of ``d``: December counts to the next year's winter."""
    code = _SEASON_OF_MONTH[d.month]
    year = d.year + 1 if d.month == 12 else d.year
    return year, code


def season_shift(year: int, code: str, n: int) -> tuple[int, str]:
    """The season ``n`` seasons after (year, code)."""
    idx = _SEASON_ORDER.index(code) + n
    return year + idx // 4, _SEASON_ORDER[idx % 4]


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= year <= 9999 and 1 <= day <= _cal.monthrange(year, month)[1]


def resolve_month_day(dct: date, month: int, day: int, direction: Direction) -> date | None:
    """The year of a date given without one: the tense picks past or future, else the nearest.

    A tense-chosen date more than ~8 months away loses to the nearest one, since tense
    cues are noisy and news rarely refers to a bare day that far off.
    """
    return pick_nearby(_month_day_candidates(dct, month, day), dct, direction)


def _month_day_candidates(dct: date, month: int, day: int) -> list[date]:
    return [date(y, month, day) for y in (dct.year - 1, dct.year, dct.year + 1) if valid_day(y, month, day)]


def resolve_month_day_by(dct: date, month: int, day: int, direction: Callable[[], Direction]) -> date | None:
    """``resolve_month_day(dct, month, day, direction())``, with ``direction`` called only where
    the directions do not all give the same day (most days named near the paper's: the other
    side is too far off, and the nearest wins whatever the tense)."""
    cands = _month_day_candidates(dct, month, day)
    past, future, nearest = (pick_nearby(cands, dct, d) for d in ("past", "future", None))
    if past == future == nearest:
        return nearest
    chosen = direction()
    return past if chosen == "past" else future if chosen == "future" else nearest


def resolve_month(dct: date, month: int, direction: Direction, *, planned: bool = False) -> date:
    """The first day of the month ``month`` nearest ``dct`` in the direction the tense gives.

    As for days, a past tense pointing more than six months back loses to a month at
    most two months ahead: "agreed to buy it in January" in a November paper; and a future
    tense pointing more than six months ahead loses to a month at most four months back
    ("In April, he asked officials to consider ...", "Anderson will describe a June meeting"
    in an October paper): a month so far ahead is rarely what a noisy future cue means, unless
    the plan is named with it (``planned``: "a planned visit to Beijing in April").
    """
    past, future, nearest = _month_choices(dct, month, planned)
    return past if direction == "past" else future if direction == "future" else nearest


def resolve_month_by(
    dct: date,
    month: int,
    direction: Callable[[], Direction],
    *,
    planned: bool = False,
    told_past: Callable[[], bool] | None = None,
) -> date:
    """``resolve_month(dct, month, direction(), planned=planned)``, with ``direction`` called only
    where the directions do not all give the same month.

    ``told_past``: whether a past verb states the month's own event ("Flynn stepped down in
    February", in a December paper): then the past tense keeps the month before the paper's however
    far back, where it would otherwise lose to a month just ahead (``resolve_month``).
    """
    past, future, nearest = _month_choices(dct, month, planned)
    earlier = _month_before(dct, month)
    if past == future == nearest and (past == earlier or told_past is None):
        return nearest
    chosen = direction()
    if chosen == "past" and past != earlier and told_past is not None and told_past():
        return earlier
    return past if chosen == "past" else future if chosen == "future" else nearest


def _month_before(dct: date, month: int) -> date:
    """The first day of the latest month ``month`` begun by ``dct``."""
    return date(dct.year if month <= dct.month else dct.year - 1, month, 1)


def _month_choices(dct: date, month: int, planned: bool) -> tuple[date, date, date]:
    """What ``resolve_month`` gives for a past tense, a future one and none."""
    this = date(dct.year, month, 1)
    here = date(dct.year, dct.month, 1)

    def dist(c: date) -> int:
        return abs((c.year - here.year) * 12 + c.month - here.month)

    earlier = this if this <= here else date(dct.year - 1, month, 1)
    later = this if this >= here else date(dct.year + 1, month, 1)
    cands = [date(dct.year - 1, month, 1), this, date(dct.year + 1, month, 1)]
    nearest = min(cands, key=lambda c: (dist(c), c.year != dct.year))
    past = nearest if dist(earlier) > 6 and dist(nearest) <= 2 else earlier
    # a future month far ahead, with no plan named, loses to one at most four months back
    far = dist(later) > 6 and not planned
    future = earlier if far and dist(earlier) <= 4 else later
    return past, future, nearest


def pick_nearby(cands: list[date], dct: date, direction: Direction) -> date | None:
    """Among dates a year apart, the one the tense points at, or the nearest (see resolve_month_day)."""
    if not cands:
        return None
    nearest = min(cands, key=lambda c: (abs((c - dct).days), c > dct))
    chosen: date | None = None
    if direction == "past":
        past = [c for c in cands if c <= dct]
        chosen = past[-1] if past else None
    elif direction == "future":
        fut = [c for c in cands if c >= dct]
        chosen = fut[0] if fut else None
    if chosen is None:
        return nearest
    # A day named without a year far off is rarely what the tense says, and past-tense
    # cues are noisy ("payable Dec. 15 to holders of record" in an October paper).
    away = abs((chosen - dct).days)
    if away > 250 or (direction == "past" and away > 183 and abs((nearest - dct).days) <= 62):
        return nearest
    return chosen


def resolve_weekday(dct: date, weekday: int, direction: Direction, *, relation: str | None = None) -> date:
    """The date of a weekday named in an article published on ``dct``.

    ``relation`` is "last", "next" or "this" when the text says so; otherwise the
    tense picks the previous or the coming one, and without tense the previous one.
    The publication day itself counts when the tense allows it ("on Tuesday" in a
    Tuesday paper is usually that day).
    """
    delta = weekday - dct.weekday()
    if relation == "this":
        return dct + timedelta(days=delta)
    back = (dct.weekday() - weekday) % 7  # days back to the previous (0 = today)
    fwd = (weekday - dct.weekday()) % 7
    if relation == "last":
        return dct - timedelta(days=back or 7)
    if relation == "next":
        return dct + timedelta(days=fwd or 7)
    if direction == "past":
        return dct - timedelta(days=back)
    if direction == "future":
        return dct + timedelta(days=fwd)
    # No tense cue: news mostly reports what happened, so the latest such day.
    return dct - timedelta(days=back)


def resolve_quarter(dct: date, q: int, direction: Direction) -> int:
    """The year of quarter ``q`` named without one: past tense picks the latest started one."""
    cur = quarter_of(dct)
    # Business news mostly reports on quarters already begun, whatever the tense.
    if q <= cur:
        return dct.year
    return dct.year - 1 if direction == "past" else dct.year


def resolve_season(dct: date, code: str, direction: Direction, relation: str | None = None) -> int:
    """The year of a season named without one ("last summer", "this winter", "in the autumn")."""
    year, cur = season_of(dct)
    if relation == "this":
        return year if code != "WI" or cur == "WI" else (year + 1 if dct.month >= 3 else year)
    # Walk season by season to the previous / next one with that name.
    step = -1 if (relation == "last" or (relation is None and direction == "past")) else 1
    if relation is None and direction is None:
        return year if code == cur else _walk(year, cur, code, -1)
    if relation is None and code == cur:
        return year
    return _walk(year, cur, code, step)


def _walk(year: int, cur: str, code: str, step: int) -> int:
    y, c = year, cur
    for _ in range(8):
        y, c = season_shift(y, c, step)
        if c == code:
            return y
    return year


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` of a month (n = -1 for the last one)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month, _cal.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)
