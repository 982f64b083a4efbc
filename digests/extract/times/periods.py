"""Normalisers for periods: seasons, quarters, halves, holidays, the ends of units, "the year",
months told relative to now ("last October"), and names that hold a date word.

Registered, as those of :mod:`digests.extract.times.dates`, under the names the rule
records give (rules.toml ``normaliser``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from digests.extract import calendar as cal
from digests.extract import vocab
from digests.extract.times.base import Ctx, Out, fmt_year, normaliser
from digests.extract.times.dates import ORDINAL, _tense, year_of
from digests.extract.times.spans import shift_value

_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")
_OF_AFTER = re.compile(r"\s+of\b")  # "the fall of Assad"
# the words before a bare season that make it a date ("in spring", "by late summer")
_SEASON_LEAD = re.compile(r"(?:\bin|\bby|\buntil|\bsince|\bduring|\bthis|\bearly|\blate|mid-?)\s*$")
_FALL_LEAD = re.compile(r"\b(?:in|this|by|until|since|during)\s+(?:the\s+)?$")  # "in the fall"


@normaliser("season")
def _h_season(m: re.Match[str], ctx: Ctx) -> list[Out]:
    code = cal.SEASONS[m["s"].lower()]
    words = (m["rel"] or "").lower().split()
    rel = words[-1] if words else ""  # "this past spring": the past one
    lead = ctx.text[max(0, m.start() - 12) : m.start()].lower()
    y = year_of(m)
    if y is not None:
        return [Out(m.start(), m.end(), "DATE", f"{y:04d}-{code}")]
    if _OF_AFTER.match(ctx.text[m.end() : m.end() + 4]):
        return []  # "the fall of Assad", "the spring of hope"
    if m["s"][:1].isupper() and _NAME_AFTER.match(ctx.text, m.end()):
        return []  # "the Winter Olympics", "the Summer Palace": a name
    if not rel and not _SEASON_LEAD.search(lead):
        return []
    if (
        m["s"].lower() == "fall"
        and rel in ("", "the")
        and not _FALL_LEAD.search(lead + (m["rel"] or "") + " ")
    ):
        return []
    if ctx.dct is None:
        return [Out(m.start(), m.end(), "DATE", f"XXXX-{code}")]
    relation = {"this": "this", "last": "last", "past": "last", "next": "next", "coming": "next"}.get(rel)
    y = cal.resolve_season(ctx.dct, code, ctx.tense(m.start(), m.end()), relation)
    return [Out(m.start(), m.end(), "DATE", f"{y:04d}-{code}")]


@normaliser("quarter")
def _h_quarter(m: re.Match[str], ctx: Ctx) -> list[Out]:
    rel = (m["rel"] or "").lower()
    ordw = (m["ord"] or "").lower()
    year = m["year"] or m["year2"]
    has_the = m.group(0).lower().startswith("the")
    if not ordw and not rel and not has_the and not m["ryear"]:
        return []
    if ctx.text[m.end() : m.end() + 8].lower().startswith(" of a") or (
        ctx.text[m.end() : m.end() + 12].lower().startswith(" of the ") and not year
    ):
        return []  # "a quarter of the population"
    if rel == "same":
        return []
    q = ORDINAL.get(ordw, 0)
    if m["year0"]:
        year = m["year0"]
    elif m["ryear"] and ctx.dct is not None:
        year = str(ctx.dct.year + {"this": 0, "next": 1, "last": -1}[m["ryear"].lower()])
    if year and not q and ctx.last_quarter:
        q = int(ctx.last_quarter[-1])  # "the 2025 quarter" after "the third quarter": the same one
    if year:
        return [Out(m.start(), m.end(), "DATE", f"{int(year):04d}-Q{q}" if q else f"{int(year):04d}-QX")]
    if ctx.dct is None:
        return [Out(m.start(), m.end(), "DATE", f"XXXX-Q{q}" if q else "XXXX-QX")]
    d = ctx.dct
    if q:
        shift = -1 if rel in ("year-ago", "year-earlier", "prior") else 0
        y = cal.resolve_quarter(d, q, ctx.tense(m.start(), m.end()))
        if rel in ("next", "coming"):
            y = d.year if q > cal.quarter_of(d) else d.year + 1
        return [Out(m.start(), m.end(), "DATE", f"{y + shift:04d}-Q{q}")]
    ended = _ENDED.match(ctx.text, m.end()) if rel in ("", "latest", "last", "recent") else None
    if ended:
        # "the quarter ended July 31" (May to July): the quarter of its middle month, Q2; the end
        # the last such day up to the paper's, or the year told
        mon, day = cal.month_number(ended[1]), int(ended[2])
        y = int(ended[3]) if ended[3] else d.year - (1 if (mon, day) > (d.month, d.day) else 0)
        return [Out(m.start(), m.end(), "DATE", cal.quarter_value(cal.add_months(date(y, mon, 1), -1)))]
    if rel in ("this", "current"):
        ref = d
    elif rel in ("next", "coming"):
        ref = cal.add_months(d, 3)
    elif rel in ("year-ago", "year-earlier", "prior"):
        ref = cal.add_months(d, -15)
    else:
        # "the quarter", "the latest quarter": the last one completed
        ref = cal.add_months(d, -3)
    return [Out(m.start(), m.end(), "DATE", cal.quarter_value(ref))]


_ENDED = re.compile(rf"\s+ended\s+({vocab.MONTHS.alternation()})\.?\s+(\d\d?)\b(?:,\s+(\d{{4}})\b)?")


@normaliser("q")
def _h_q(m: re.Match[str], ctx: Ctx) -> list[Out]:
    q = int(m["q"] or m["q2"])
    y = m["y"] or m["y2"] or m["fy"]
    if y:
        return [Out(m.start(), m.end(), "DATE", f"{int(y):04d}-Q{q}")]
    if ctx.dct is None:
        return [Out(m.start(), m.end(), "DATE", f"XXXX-Q{q}")]
    yy = cal.resolve_quarter(ctx.dct, q, ctx.tense(m.start(), m.end()))
    return [Out(m.start(), m.end(), "DATE", f"{yy:04d}-Q{q}")]


@normaliser("half")
def _h_half(m: re.Match[str], ctx: Ctx) -> list[Out]:
    h = 1 if m["h"].lower() == "first" else 2  # "the last half of 2025" is its second
    if m["year"]:
        y = int(m["year"])
    elif ctx.dct is None:
        return [Out(m.start(), m.end(), "DATE", f"XXXX-H{h}")]
    else:
        y = ctx.dct.year + {"this": 0, "the": 0, "next": 1, "last": -1}[m["rel"].lower()]
    return [Out(m.start(), m.end(), "DATE", f"{y:04d}-H{h}")]


_HOLIDAYS = [(re.compile(e.pattern), e.value or "") for e in vocab.HOLIDAYS.entries]
_MONTH_DAY_RULE = re.compile(r"\d\d-\d\d")
_NTH_WEEKDAY = re.compile(r"(\d\d) (\w+)(?: after (\w+))? (-?\d)")


def _holiday_rule(name: str) -> str:
    """The date rule of a holiday's name: the value of the first holidays.txt line it matches."""
    return next((rule for rx, rule in _HOLIDAYS if rx.fullmatch(name)), "")


def _holiday_date(name: str, year: int) -> date | None:
    """The day of a holiday in ``year`` (see holidays.txt for the rules)."""
    rule = _holiday_rule(name)
    if rule.startswith("easter"):
        return cal.easter(year) + timedelta(days=int(rule[6:] or 0))
    if m := _NTH_WEEKDAY.fullmatch(rule):
        if m[3] is None:
            return cal.nth_weekday(year, int(m[1]), cal.weekday_number(m[2]), int(m[4]))
        # "11 Tuesday after Monday 1": the first Tuesday after the first Monday of November
        after = cal.nth_weekday(year, int(m[1]), cal.weekday_number(m[3]), int(m[4]))
        return after + timedelta(days=(cal.weekday_number(m[2]) - after.weekday() - 1) % 7 + 1)
    if _MONTH_DAY_RULE.fullmatch(rule):
        return date(year, int(rule[:2]), int(rule[3:]))
    return None


@normaliser("holiday")
def _h_holiday(m: re.Match[str], ctx: Ctx) -> list[Out]:
    name = m["h"]
    if _holiday_rule(name) == "year":
        # "the New Year" as a period: the coming or current year
        if ctx.dct is None:
            return []
        y = ctx.dct.year + (1 if ctx.dct.month == 12 else 0)
        return [Out(m.start(), m.end(), "DATE", f"{y:04d}")]
    if m["year"]:
        d = _holiday_date(name, int(m["year"]))
        return [Out(m.start(), m.end(), "DATE", d.isoformat())] if d else []
    if ctx.dct is None:
        return []
    if m["yrel"]:  # "Christmas last year", "Easter next year"
        d = _holiday_date(name, ctx.dct.year + {"last": -1, "this": 0, "next": 1}[m["yrel"].lower()])
        return [Out(m.start(), m.end(), "DATE", d.isoformat())] if d else []
    cands = [d for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1) if (d := _holiday_date(name, y))]
    rel = (m["rel"] or "").lower()
    if rel == "last":  # "last Labor Day": the one before the paper's day
        pick = max((d for d in cands if d < ctx.dct), default=None)
    elif rel == "next":
        pick = min((d for d in cands if d > ctx.dct), default=None)
    elif rel == "this":
        pick = next((d for d in cands if d.year == ctx.dct.year), None)
    else:
        pick = cal.pick_nearby(cands, ctx.dct, ctx.tense(m.start(), m.end()))
    return [Out(m.start(), m.end(), "DATE", pick.isoformat())] if pick else []


@normaliser("unit_end")
def _h_unit_end(m: re.Match[str], ctx: Ctx) -> list[Out]:
    unit = m["unit"].lower()
    d = ctx.dct
    if d is None:
        return []
    v = {
        "year": cal.year_value,
        "month": cal.month_value,
        "week": cal.week_value,
        "quarter": cal.quarter_value,
    }[unit](d)
    return [Out(m.start(), m.end(), "DATE", v, "END")]


@normaliser("end_of")
def _h_end_of(m: re.Match[str], ctx: Ctx) -> list[Out]:
    d = ctx.dct
    if d is None:
        return []
    unit = m["unit"].lower()
    word = m["m"].lower()
    mod = {
        "end": "END",
        "close": "END",
        "start": "START",
        "beginning": "START",
        "middle": "MID",
        "turn": "APPROX",
    }[word]
    v = {
        "year": cal.year_value(d),
        "month": cal.month_value(d),
        "week": cal.week_value(d),
        "decade": f"{d.year // 10:03d}",
        "century": f"{d.year // 100:02d}",
    }[unit]
    return [Out(m.start(), m.end(), "DATE", v, mod)]


@normaliser("the_year")
def _h_the_year(m: re.Match[str], ctx: Ctx) -> list[Out]:
    """ "the full year", "for the year", "later in the year": the paper's year, or that of the date the
    paragraph just told; "the year ended June 30" is a year-long period (TimeML), not a calendar year."""
    ended = m["ended"] or m["ended2"]
    if ended:
        return [Out(m.start(), m.end() - len(ended), "DURATION", "P1Y")]
    if not m["mod"] and ctx.anchor and ctx.anchor_para and ctx.anchor[:4].isdigit():
        return [Out(m.start(), m.end(), "DATE", ctx.anchor[:4])]
    return [Out(m.start(), m.end(), "DATE", cal.year_value(ctx.dct) if ctx.dct else "XXXX")]


@normaliser("year_before")
def _h_year_adj(m: re.Match[str], ctx: Ctx) -> list[Out]:
    if quarter := ctx.compared_quarter():
        v = shift_value(quarter, -1, "Y")
        if v:
            return [Out(m.start(), m.end(), "DATE", v)]
    if ctx.dct is None:
        return []
    if _PERIOD_NOUN.search(m.group(0)):
        # "the year-ago period" with no quarter named near: the latest quarter reported (the
        # one "the latest period" is) a year back, as "the year-ago quarter" already is
        return [Out(m.start(), m.end(), "DATE", cal.quarter_value(cal.add_months(ctx.dct, -15)))]
    return [Out(m.start(), m.end(), "DATE", fmt_year(ctx.dct.year - 1))]


_PERIOD_NOUN = re.compile(r"(?i)(?:period|quarter)$")


@normaliser("latest_period")
def _h_latest_period(m: re.Match[str], ctx: Ctx) -> list[Out]:
    if ctx.last_quarter:
        return [Out(m.start(), m.end(), "DATE", ctx.last_quarter)]
    if ctx.dct is None:
        return []
    return [Out(m.start(), m.end(), "DATE", cal.quarter_value(cal.add_months(ctx.dct, -3)))]


@normaliser("part_century")
def _h_part_century(m: re.Match[str], ctx: Ctx) -> list[Out]:
    """ "the past quarter-century", "half a century": 25 or 50 years; "a half-century ago" that year."""
    years = 25 if (m["f"] or m["f2"]).lower() == "quarter" else 50
    if m["f"] and m.start() == m.start("f"):
        return []  # "its quarter-century low": a modifier, no time told
    if m["ago"] or m["ago2"]:
        if ctx.dct is None or m["the"]:
            return []
        return [Out(m.start(), m.end(), "DATE", fmt_year(ctx.dct.year - years))]
    return [Out(m.start(), m.end(), "DURATION", f"P{years}Y")]


@normaliser("no_date")
def _h_no_date(m: re.Match[str], ctx: Ctx) -> list[Out]:
    """A name holding a date word ("Fox News Sunday", "the Women's March"): no expression."""
    return []


_THIS_PAST = re.compile(r"(?i)\b(?:this|the)\s+$")  # "this past April": the April just gone


@normaliser("relative_month")
def _h_rel_mon(m: re.Match[str], ctx: Ctx) -> list[Out]:
    month = cal.month_number(m["mon"])
    if ctx.dct is None:
        return [Out(m.start(), m.end(), "DATE", f"XXXX-{month:02d}")]
    rel = m["rel"].lower()
    if rel == "past" and not _THIS_PAST.search(ctx.text, max(0, m.start() - 5), m.start()):
        # "would be extended past December": a preposition ("beyond"), the month placed as a bare one
        d = cal.resolve_month(ctx.dct, month, _tense(ctx, m.start("mon"), m.end()))
        return [Out(m.start("mon"), m.end(), "DATE", cal.month_value(d))]
    y = ctx.dct.year
    if rel == "last":
        # the month just before the paper's is "last month" to its reader: "crashed last February" in a
        # March paper is the February of the year before (in a January paper "last December" is a month back)
        y = y if month < ctx.dct.month - 1 else y - 1
    elif rel == "past":
        y = y if month < ctx.dct.month else y - 1
    elif rel in ("next", "coming"):
        y = y if month > ctx.dct.month else y + 1
    return [Out(m.start(), m.end(), "DATE", f"{y:04d}-{month:02d}")]
