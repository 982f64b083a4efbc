"""Normalisers for spans and repetitions: durations, "ago" shifts, sets, clock times; modifiers.

Also the value arithmetic they share with the calendar normalisers (a value
moved by so many units).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from digests import timex
from digests.extract import calendar as cal
from digests.extract import vocab
from digests.extract.numbers import parse_number
from digests.extract.times.base import Ctx, Out, day_or_unknown, normaliser
from digests.extract.times.rules import subpattern
from digests.extract.times.starts import guarded

# TIMEX3 codes of units of time ("year" Y), and the clock units among them.
UNIT_CODE: dict[str, str] = dict(vocab.UNITS.values)
_TIME_UNITS = frozenset(vocab.UNITS.words("time"))
_VAGUE_QTY = subpattern("vague_qty")
_VAGUE_QTY_RE = re.compile(_VAGUE_QTY, re.I)

# A number that is a quantity, not a year: "2000 troops", "1990 per cent".
YEAR_FOLLOW_BAD = re.compile(
    r"(?i)\s*(?:%|per\s*cent|percent|million|billion|trillion|thousand|bn\b|mn\b|km|kg|m\b|ft\b|feet|miles?|"
    r"metres?|meters?|tonnes?|tons?|people|persons|troops|soldiers|workers|members|units|cars|homes|houses|"
    r"votes|cases|deaths|points?|yards|hectares|acres|calories|pounds|dollars|euros|yuan|yen|won|barrels|"
    r"shares|jobs|residents|students|children|patients|officers|employees|staff|seats|times|to\s+\d|-\d)"
)
YEAR_PRECEDE_BAD = re.compile(r"(?i)(?:[$£€¥#]|\b(?:no|number|nos|page|pages|route|flight|room)\.?\s*)$")
# "from 1991 to 1997": a range of years, not of quantities ("2000 to 3000 troops")
_YEAR_TO_YEAR = re.compile(
    r"\s*(?:to|-|\u2013)\s*(?:1[5-9]|20)\d\d(?!\d|[,.]\d|%)(?!\s*(?:people|troops|residents|[mb]illion))"
)


def year_is_quantity(text: str, start: int, end: int) -> bool:
    """Whether the four digits at ``text[start:end]`` count something rather than name a year."""
    y = int(text[start:end])
    if y < 1500 or y > 2100 or YEAR_PRECEDE_BAD.search(text, max(0, start - 6), start):
        return True
    bad = YEAR_FOLLOW_BAD.match(text, end)
    if bad is None or _YEAR_TO_YEAR.match(text, end) is not None:
        return False
    to = _TO_NUMBER.match(text, end) if text[max(0, start - 3) : start].lower() == "in " else None
    # "2000 to 3000 troops" runs up; "sentenced in 2016 to 10 years" is a year, then a quantity
    return to is None or int(to[1]) >= y


_TO_NUMBER = re.compile(r"(?i)\s*to\s+(\d+)(?![\d,.])")


def _qty(text: str) -> int | None:
    """A count for a duration; None for vague ones ("several", "a few")."""
    t = " ".join(text.lower().split())
    if t in ("a couple of", "couple of"):
        return 2  # TimeML reads "a couple of years" as two
    if _VAGUE_QTY_RE.fullmatch(t):
        return None
    if t in ("a", "an", "one"):
        return 1
    v = parse_number(t)
    if v is None or v != int(v) or v > 100000:
        return None
    return int(v)


# A half of a unit in the next smaller one: "2 1/2 years" is P2Y6M, "an hour and a half" PT1H30M.
_HALF = {"Y": ("M", 6), "M": ("D", 15), "D": ("H", 12), "H": ("M", 30), "MIN": ("S", 30)}


def _half_value(n: int, unit: str) -> str | None:
    """The TIMEX3 value of ``n`` and a half units, or None when the half has no whole smaller unit."""
    unit = unit.lower().rstrip("s")
    code = UNIT_CODE.get(unit, "")
    key = "MIN" if unit == "minute" else code
    if code in ("DE", "CE"):
        return f"P{n * (10 if code == 'DE' else 100) + (5 if code == 'DE' else 50)}Y"  # "a decade and a half"
    if key not in _HALF:
        return None
    sub, k = _HALF[key]
    if unit in _TIME_UNITS:
        return f"PT{n}{code}{k}{sub}"
    return f"P{n}{code}T{k}{sub}" if sub == "H" else f"P{n}{code}{k}{sub}"


def dur_value(n: int | None, unit: str) -> str:
    """The TIMEX3 value of a span of ``n`` units (None: an unsaid number, "PXY")."""
    unit = unit.lower().rstrip("s")
    code = UNIT_CODE.get(unit, "")
    count = "X" if n is None else str(n)
    if unit == "fortnight":
        return f"P{'X' if n is None else n * 2}W"
    if code in ("DE", "CE"):
        # TimeBank: "two decades" is P20Y, "for decades" PXY: decades and centuries in years
        return "PXY" if n is None else f"P{n * (10 if code == 'DE' else 100)}Y"
    if unit in _TIME_UNITS:
        return f"PT{count}{code}"
    return f"P{count}{code}"


_GRAIN_UNIT = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}


def shift_value(anchor: str, n: int, unit: str) -> str | None:
    """``anchor`` (a calendar value) moved by ``n`` units, at the anchor's granularity if it can."""
    v = timex.parse(anchor)
    gran = _GRAIN_UNIT.get(v.granularity) if v else None
    if v is None or gran is None:
        return None  # a half, a season, a decade: no unit to keep
    d = v.first
    order = ["Y", "Q", "M", "W", "D"]
    target = unit if unit in order else "Y"
    # Keep the anchor's granularity when the shift is as coarse or coarser; else the shift's unit.
    if order.index(target) > order.index(gran):
        return None  # "two days later" after "in 2019": no day to count from
    nd = cal.shift(d, n, unit)
    if unit == "Y" and gran != "Q":
        gran = "Y"  # "a year earlier": TempEval gives the year, except in quarterly reporting
    return {
        "Y": cal.year_value,
        "Q": cal.quarter_value,
        "M": cal.month_value,
        "W": cal.week_value,
        "D": cal.day_value,
    }[gran](nd)


def anchor_unit(anchor: str, n: int, unit: str) -> str | None:
    """The ``unit`` (D, W, M, Q, Y) ``n`` units from a calendar ``anchor``, at that unit's granularity.

    None when the anchor is coarser than the unit ("the following month" after "in 1995").
    """
    v = timex.parse(anchor)
    gran = _GRAIN_UNIT.get(v.granularity) if v else None
    order = ["Y", "Q", "M", "W", "D"]
    if v is None or gran is None or unit not in order:
        return None
    if unit == "W" and gran != "D" and gran != "W":
        return None
    if order.index(unit) > order.index(gran):
        return None
    return _unit_granular(cal.shift(v.first, n, unit), unit)


def _unit_granular(d: date, unit: str) -> str:
    if unit == "D":
        return d.isoformat()
    if unit == "W":
        return cal.week_value(d)
    if unit == "M":
        return cal.month_value(d)
    if unit == "Q":
        return cal.quarter_value(d)
    if unit == "DE":
        return f"{d.year // 10:03d}"
    if unit == "CE":
        return f"{d.year // 100:02d}"
    return cal.year_value(d)


@normaliser("ago")
def _h_ago(m: re.Match[str], ctx: Ctx) -> list[Out]:
    n = _qty(m["qty"])
    unit_w = m["unit"].lower().rstrip("s")
    code = UNIT_CODE.get(unit_w, "Y")
    direction = " ".join(m["dir"].lower().split())
    told = m["day"] or m["from"]
    if told:
        if n is not None and ctx.dct is not None and code in ("Y", "DE", "CE", "M", "W"):
            # "13 years ago tomorrow": an anniversary, the day (week, month) told moved back; "a week from
            # Friday": the day told moved ahead
            moved = _anniversary(ctx.dct, n if m["from"] else -n, code, told)
            return [Out(m.start(), m.end(), "DATE", moved)]
        if m["from"]:
            return []  # "hours from Friday": no day of its own
        direction = "ago"
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    if unit_w in _TIME_UNITS:
        # "two hours ago": the day of publication is as precise as we can be; "an hour later": the
        # span, the signal word outside it (TimeML)
        if direction == "ago":
            return [Out(m.start(), m.end(), "DATE", day_or_unknown(ctx.dct))]
        return [Out(m.start("qty"), _unit_end(m), "DURATION", dur_value(n, unit_w))]
    if n is None:
        if direction in ("later", "earlier", "after", "before"):
            # "a few days later", "several months earlier": a span of unsaid length before a signal
            # word, as TimeBank tags it ("A few days" PXD), not the future or past at large
            return [Out(m.start("qty"), _unit_end(m), "DURATION", dur_value(None, unit_w))]
        ref = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return [Out(m.start(), m.end(), "DATE", ref)]
    if direction in ("ago", "from now", "hence", "back"):
        if code == "Y" and n == 1 and (quarter := ctx.compared_quarter()):
            # "a year ago" in a quarterly report means the same quarter a year before
            v = shift_value(quarter, sign * n, code)
            if v:
                return [Out(m.start(), m.end(), "DATE", v)]
        if ctx.dct is None:
            return [Out(m.start(), m.end(), "DATE", "XXXX")]
        return [Out(m.start(), m.end(), "DATE", _unit_granular(cal.shift(ctx.dct, sign * n, code), code))]
    if code == "Y" and n == 1 and (quarter := ctx.compared_quarter()):
        v = shift_value(quarter, sign * n, code)
        if v:
            return [Out(m.start(), m.end(), "DATE", v)]
    if ctx.anchor:
        anchor = ctx.anchor
        if ctx.year_to_date and code == "Y" and n == 1 and "-Q" in anchor:
            anchor = anchor[:4]  # "For the nine months, ... a year earlier": the year, not the quarter
        v = shift_value(anchor, sign * n, code)
        if v:
            return [Out(m.start(), m.end(), "DATE", v)]
    elif code == "Y" and sign < 0 and ctx.dct is not None:
        # "compared with a year earlier" with no date told before: a year before the paper's
        return [Out(m.start(), m.end(), "DATE", _unit_granular(cal.shift(ctx.dct, sign * n, code), code))]
    # No usable anchor: the span of time itself.
    return [Out(m.start("qty"), _unit_end(m), "DURATION", dur_value(n, unit_w))]


_DAY_STEP = {"today": 0, "tomorrow": 1, "yesterday": -1}


def _anniversary(dct: date, n: int, code: str, told: str) -> str:
    """The day (week, month) ``told`` ("tomorrow", "this week", "Sunday") against the paper's day ``dct``,
    moved by ``n`` units ``code``: "13 years ago tomorrow" is the day 13 years before tomorrow."""
    word = " ".join(told.lower().split())
    if word in _DAY_STEP:
        return cal.shift(dct + timedelta(days=_DAY_STEP[word]), n, code).isoformat()
    if word[:3] in cal.WEEKDAYS:
        # the latest such day ("a week ago Sunday"), or the coming one ("a week from Friday")
        day = cal.resolve_weekday(dct, cal.weekday_number(word), "past" if n < 0 else "future")
        return cal.shift(day, n, code).isoformat()
    back = cal.shift(dct, n, code)
    return cal.week_value(back) if word.endswith("week") else cal.month_value(back)


def _unit_end(m: re.Match[str]) -> int:
    """Where the unit of an "ago" match ends, its plural s included."""
    return m.end("unit") + (1 if m.group(0)[m.end("unit") - m.start()] == "s" else 0)


# "US$300 billion a year", "2.2 million barrels a day", "twice a week": a rate, a SET; not after
# a number that a comma ends ("died on Feb. 2, a week after his birthday")
_RATE_BEFORE = re.compile(
    r"(?i)(?:\d(?:[\d.,]*\d)?\s*(?:%|percent|per\s+cent|(?:[mb]illion|trillion|thousand|bn|mn|m)\b)?\s*(?:(?!to\s)[a-z-]+\s+){0,3}"
    r"|\b(?:dozens|hundreds|thousands|millions|billions|dozen|hundred|thousand|million|billion)\s+(?:of\s+)?"
    r"(?:(?!to\s)[a-z-]+\s+){0,3}"
    r"|(?:illion|percent|per cent|%|times|once|twice)\s*)$"
)


_YEAR_BEFORE = re.compile(r"(?:1[5-9]|20)\d\d[,;]?\s*$")
_NOT_RATE = re.compile(
    r"(?i)\b(?:for|after|before|in|within|since|during|until|by|on|at|nearly|almost|about|than|ago|later|"
    r"earlier|and|or|but|when|was|were|is|are|had|has|have|the)\s"
)
# "a month after the strike", "an hour later", "a decade of mistrust": a span before a signal word
_SPAN_SIGNAL = re.compile(r"(?i)\s+(?:after|before|later|earlier|of\s+(?!the\b|a\b|an\b|its\b|their\b))\b")


_FRACTION_OF = re.compile(r"(?i)\s+of\s+(?:the|its|his|her|their|our|all|a|an|this|that|these|those)\b")


# the words before "a year", "an hour" that make them a span ("for a year", "in an hour", "at least
# a decade", "up to a decade", "as long as a month")
_SPAN_LEAD = re.compile(
    r"(?i)\b(?:for|in|within|over|about|nearly|almost|than|just|only|after|"
    r"past|last|next|first|whole|full|entire|least|up\s+to|long\s+as)\s*$"
)
# a verb whose object the span is ("could take a year", "offered him a week to withdraw":
# resources/time/span_verbs.txt), or a rough count after it ("a month or two", "a week or so")
_SPAN_VERB = re.compile(
    rf"(?i)\b(?:{vocab.vocabulary('span_verbs').alternation()})\s+"
    r"(?:(?:him|her|them|us|me|you|it|himself|herself|themselves)\s+)?$"
)
_ROUGH_COUNT = re.compile(r"(?i)\s+or\s+(?:two|so|more)\b")


@normaliser("duration")
def _h_dur(m: re.Match[str], ctx: Ctx) -> list[Out]:
    if m["old"]:
        return []  # "a 60-year-old man": an age
    if m.group(0)[:1].isdigit() and is_title(ctx.text, m.start(), m.end()):
        return []  # CBS's "60 Minutes": a programme's name
    q = m["qty"].lower().strip()
    unit = m["unit"].lower()
    # "a day" / "a year" after a number is a rate ("US$300 billion a year"), a SET.
    rate = _RATE_BEFORE.search(ctx.text, max(0, m.start() - 40), m.start()) if q in ("a", "an") else None
    if rate and not _YEAR_BEFORE.match(rate.group(0)) and not _NOT_RATE.search(rate.group(0)):
        # "in 2005, a year after the war", "withdrew in late 2011 after nearly a decade of war", "on
        # Aug. 17 for a day or two": a number then a preposition is no quantity counted per unit
        return [Out(m.start(), m.end(), "SET", dur_value(1, unit))]
    if q in ("some", "many") or q.endswith("recent"):
        return []
    # "one day" as "at some point" and "a second" as an ordinal are not durations
    if q in ("one", "a", "an") and unit in ("second",):
        return []
    if q == "one" and unit == "day" and not m["pl"] and "-" not in m.group(0):
        return _one_day(m, ctx)
    if unit == "quarter" and (
        not m["pl"]
        or _FRACTION_OF.match(ctx.text, m.end())
        or "-" in m.group(0)
        or (q == "three" and _OF_AFTER.match(ctx.text, m.end()))
    ):
        return []  # "a quarter", "three-quarters of Americans", "three quarters of the votes": fractions
    if (
        q in ("a", "an")
        and not m["half2"]
        and not _SPAN_SIGNAL.match(ctx.text, m.end())
        and not _SPAN_LEAD.search(ctx.text[max(0, m.start() - 12) : m.start()])
        and not m.group(0).lower().startswith("the")
        and not _ROUGH_COUNT.match(ctx.text, m.end())
        and not _SPAN_VERB.search(ctx.text, max(0, m.start() - 30), m.start())
    ):
        return []
    n = _qty(m["qty"])
    start = _with_the(m, ctx.text)
    if n is not None and (m["half"] or m["half2"]):
        half = _half_value(n, unit)
        if half:
            return [Out(start, m.end(), "DURATION", half)]
    out = Out(start, m.end(), "DURATION", dur_value(n, unit))
    first = _range_first(ctx.text, start, n, unit) if n is not None else None
    return [first, out] if first else [out]


# the first number of a range of spans, right before the second: "two to", "10-", "between four and"
_RANGE_FIRST = re.compile(
    rf"(?i)(?:^|(?<=[^\w.,$-]))(?P<n>{subpattern('number')})"
    r"(?:[ \t]*[-\u2013][ \t]*|[ \t]+(?P<sep>to|or|and)[ \t]+)$"
)
_RANGE_TAILS = ("-", "\u2013", " to ", " or ", " and ")


def _range_first(text: str, start: int, last: int, unit: str) -> Out | None:
    """The first number of a range of spans ("two to three years", "10-12 days", "between four and six
    weeks") whose last is ``last``: a span of its own in the range's unit, as HeidelTime reads it (its
    duration_r5); a range runs up ("sentenced in 2016 to 10 years" is none)."""
    tail = text[max(0, start - 5) : start].lower()
    if not (tail.endswith(_RANGE_TAILS) or tail.rstrip(" \t").endswith(("-", "\u2013"))):
        return None
    r = _RANGE_FIRST.search(text, max(0, start - 32), start)
    if r is None:
        return None
    between = text[max(0, r.start() - 9) : r.start()].lower().endswith("between ")
    if (r["sep"] or "").lower() == "and" and not between:
        return None  # "between four and six weeks", not "met twice and three days later"
    n = _qty(r["n"])
    if n is None or not 0 < n < last:
        return None
    return Out(r.start("n"), r.end("n"), "DURATION", dur_value(n, unit))


_THE_BEFORE = re.compile(r"(?i)\bthe\s+$")
_OF_AFTER = re.compile(r"(?i)\s+of\b")


def _with_the(m: re.Match[str], text: str) -> int:
    """Where a span starts: "the nine months ended Sept. 30", "instead of the four days" take their
    "the" (TimeML: the whole noun phrase); a modifier ("the four-day trip", "the two days of talks")
    does not."""
    if m["pl"] and "-" not in m.group(0) and not m["old"] and not _OF_AFTER.match(text, m.end()):
        lead = _THE_BEFORE.search(text, max(0, m.start() - 8), m.start())
        if lead:
            return lead.start()
    return m.start()


# "will one day lead": some day to come (TimeML: an indefinite future); "he one day hoped", "One day,
# she ...", "on one day": some day or other, no time told
_ONE_DAY_MODAL = re.compile(r"(?i)\b(?:will|would|could|might|may|can|shall|should|must)\s+(?:\w+ly\s+)?$")
_ONE_DAY_SOME = re.compile(r"(?i)(?:\b(?:he|she|they|we|i|you|it|to|on|that|and)\s+|^\s*|[.!?\"\u201c]\s*)$")


_ONE_DAY_SPAN = re.compile(r"(?i)\b(?:for|in|within|after|only|just|than|by|about|over)\s+$")


def _one_day(m: re.Match[str], ctx: Ctx) -> list[Out]:
    """ "one day": a span ("in the job one day", "a one-day strike" is read elsewhere), or some day."""
    lead = ctx.text[max(0, m.start() - 24) : m.start()]
    if _ONE_DAY_MODAL.search(lead):
        return [Out(m.start(), m.end(), "DATE", "FUTURE_REF")]
    if _ONE_DAY_SOME.search(lead) or (
        ctx.text.startswith(",", m.end()) and not _ONE_DAY_SPAN.search(lead)
    ):
        return []  # "But one day, the region will...": some day
    return [Out(m.start(), m.end(), "DURATION", "P1D")]


_HALF_UNIT = {"hour": "PT30M", "day": "PT12H", "year": "P6M", "month": "P15D", "minute": "PT30S"}


@normaliser("half_unit")
def _h_half_unit(m: re.Match[str], ctx: Ctx) -> list[Out]:
    """ "half an hour", "a half-day strike": half of one unit."""
    return [Out(m.start(), m.end(), "DURATION", _HALF_UNIT[(m["unit"] or m["unit2"]).lower()])]


# what follows "the last week" when it is a part of a named whole: a date or a determined noun
_OF_WHOLE = re.compile(r"[ \t]+of[ \t]+(?:the|this|that|his|her|their|its|our|[A-Z][a-z]|\d)")


# what follows "the last week" when it is a part of a named whole: a date or a determined noun
_OF_WHOLE = re.compile(r"[ \t]+of[ \t]+(?:the|this|that|his|her|their|its|our|[A-Z][a-z]|\d)")


@normaliser("duration_range")
def _h_dur_range(m: re.Match[str], ctx: Ctx) -> list[Out]:
    """The first number of a range of spans ("two to three years"): a span in the range's unit."""
    qty, unit = ("qty", "unit") if m["qty"] else ("qty2", "unit2")
    n = _qty(m[qty])
    if n is None or n == 0:
        return []
    return [Out(m.start(qty), m.end(qty), "DURATION", dur_value(n, m[unit]))]


@normaliser("duration_the")
def _h_dur_the(m: re.Match[str], ctx: Ctx) -> list[Out]:
    unit = m["unit"].lower()
    rel = m.group(0).split()[1].lower()
    if _OF_WHOLE.match(ctx.text, m.end()):
        # "the last week of August" (the month, its end: a modifier), "the last month of the war":
        # a part of another period, not the paper's last week or month
        return []
    anaphoric = (
        ("next", "following", "previous", "preceding") if unit == "day" else ("following", "preceding")
    )
    anchor = ctx.anchor if ctx.anchor_para else ctx.recent_anchor() if unit != "day" else None
    if rel in anaphoric and anchor:
        # "the next day" after "on Jan 26": the day after the date just mentioned;
        # "the following month" after "In March": April
        v = anchor_unit(anchor, 1 if rel in ("next", "following") else -1, UNIT_CODE.get(unit, ""))
        if v:
            return [Out(m.start(), m.end(), "DATE", v)]
    told_past = rel == "next" and unit in _CALENDAR_UNIT and ctx.tense(m.start(), m.end()) == "past"
    if told_past:
        # "By October 1956 ... The next year, he announced": told in the past, the one after the date
        # just told (after none, a span after an unknown time)
        v = anchor_unit(anchor, 1, UNIT_CODE[unit]) if anchor else None
        now = None if ctx.dct is None else {"year": ctx.dct.year, "decade": ctx.dct.year // 10}.get(unit)
        if v and now is not None and int(v) >= now:
            v = None  # "signed the bill Friday ... to train rebels over the next year": a span from now
        if v:
            return [Out(m.start(), m.end(), "DATE", v)]
    elif (
        unit in _CALENDAR_UNIT
        and (rel in ("past", "last") or (rel in ("next", "coming") and unit in ("week", "month")))
        and ctx.dct is not None
    ):
        # "over the past year", "in the last decade", "in the next week": the calendar unit before or
        # after the paper's (TimeBank and HeidelTime); with a number it is a span ("the past two years").
        # "over the next year" stays a span: the calendar year after the paper's would make a plan of
        # it ("to train 5,000 rebels over the next year" in September is not an event of next year)
        step = -1 if rel in ("past", "last") else 1
        if step == -1 and unit == "week" and ctx.dct.weekday() >= 4:
            step = 0  # "the past week" said on a Friday to Sunday: the seven days then ending, mostly
            # of the paper's own ISO week (as "this past week" is, and "last week" in a Sunday paper)
        v = _CALENDAR_UNIT[unit](cal.shift(ctx.dct, step, UNIT_CODE[unit]))
        return [Out(m.start(), m.end(), "DATE", v)]
    if unit == "quarter":
        return []
    return [Out(m.start(), m.end(), "DURATION", dur_value(1, unit))]


_CALENDAR_UNIT = {
    "week": cal.week_value,
    "month": cal.month_value,
    "quarter": cal.quarter_value,
    "year": cal.year_value,
    "decade": lambda d: f"{d.year // 10:03d}",
}


@normaliser("that_unit")
def _h_that_unit(m: re.Match[str], ctx: Ctx) -> list[Out]:
    """ "that year", "later that day", "the same month": the unit of the date the paragraph just told."""
    anchor = ctx.recent_anchor()
    if not anchor:
        return []
    v = anchor_unit(anchor, 0, UNIT_CODE.get(m["unit"].lower(), ""))
    return [Out(m.start(), m.end(), "DATE", v)] if v else []


@normaliser("duration_bare")
def _h_dur_bare(m: re.Match[str], ctx: Ctx) -> list[Out]:
    if m["long"]:
        unit = m["long"].lower()
        return [Out(m.start(), m.end(), "DURATION", dur_value(None if unit.endswith("s") else 1, unit))]
    if m["unit2"]:
        return [Out(m.start("unit2") - 4, m.end(), "DURATION", dur_value(None, m["unit2"]))]
    return [Out(m.start("unit"), m.end(), "DURATION", dur_value(None, m["unit"]))]


_SET_UNIT = {
    "day": "P1D",
    "week": "P1W",
    "month": "P1M",
    "year": "P1Y",
    "quarter": "P1Q",
    "hour": "PT1H",
    "decade": "P10Y",
    "weekend": "XXXX-WXX-WE",
    **{w: f"XXXX-XX-XXT{vocab.DAY_PARTS.values[w]}" for w in vocab.DAY_PARTS.words("part")},
    **{w: f"XXXX-{vocab.SEASONS.values[w]}" for w in vocab.SEASONS.words("named")},
}
_SET_ADV = {
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "nightly": "P1D",
    "hourly": "PT1H",
    "quarterly": "P3M",
    "fortnightly": "P2W",
    "biweekly": "P2W",
    "biannually": "P6M",
}


_TITLE_BEFORE = re.compile(r"(?:[\"\u201c\u2018']|'s\s|\u2019s\s)$")
_NAME_AFTER = re.compile(r"[ \t]+[A-Z]")  # "Daily Beast": a capitalised adverb before a name
_NAME_BEFORE = re.compile(r"\b[A-Z][A-Za-z]*[ \t]$")


def is_title(text: str, start: int, end: int) -> bool:
    """ "USA Today", ABC's "This Week": a name made of time words, not a time.

    Every word capitalised, and either after a capitalised word on the same line ("USA Today",
    "VOA Today") or, for two words or more, right after an opening quote or a possessive.
    """
    words = text[start:end].split()
    # a number may open the name (CBS's "60 Minutes"), but a word must be capitalised
    if not words or not all(w[:1].isupper() or w.isdigit() for w in words) or words[-1].isdigit():
        return False
    if _NAME_BEFORE.search(text, max(0, start - 30), start):
        return True
    return len(words) > 1 and bool(_TITLE_BEFORE.search(text, max(0, start - 3), start))


@normaliser("set")
def _h_set(m: re.Match[str], ctx: Ctx) -> list[Out]:
    if m["adv"] and (
        is_title(ctx.text, m.start(), m.end())
        or (m["adv"][:1].isupper() and _NAME_AFTER.match(ctx.text, m.end()) is not None)
    ):
        return []  # "Breitbart News Daily", "The Daily Beast", "The Weekly Standard": names
    if m["adv"]:
        return [Out(m.start(), m.end(), "SET", _SET_ADV[m["adv"].lower()])]
    if m["freq"]:
        return [Out(m.start(), m.end(), "SET", dur_value(1, m["u2"]))]
    if m["u3"]:
        n = _qty(m["n"])
        return [Out(m.start(), m.end(), "SET", dur_value(n, m["u3"]))] if n else []
    unit = m["unit"]
    low = unit.lower()
    if low in _SET_UNIT:
        v = _SET_UNIT[low]
        if m["other"] and v.startswith("P1"):
            v = "P2" + v[2:]
        return [Out(m.start(), m.end(), "SET", v)]
    if unit[:3].lower() in cal.WEEKDAYS and unit.endswith("day"):
        return [Out(m.start(), m.end(), "SET", f"XXXX-WXX-{cal.weekday_number(unit) + 1}")]
    return [Out(m.start(), m.end(), "SET", f"XXXX-{cal.month_number(unit):02d}")]


# "score 3:1", "ratio 2:1", "John 3:16", "chapter 4:12": no clock
_SCORE_BEFORE = re.compile(
    r"(?i)(?:\d[-:]\s*|score\w*\s+|ratio\s+|verse\s+|\bv\.?\s+|john\s+|\w+\s+chapter\s+)$"
)
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MEDIA_BEFORE = re.compile(r"(?i)(?:\bvideo|\blisten|\baudio|\barticle|\u00b7|\d:\d\d)\s*$")
_LATER_PART = re.compile(r"(?i)\s+(?:in\s+the\s+(?:afternoon|evening)|at\s+night)\b")
_THAT_BEFORE = re.compile(r"(?i)\bthat\s+$")


@normaliser("clock")
def _h_clock(m: re.Match[str], ctx: Ctx) -> list[Out]:
    if m["nm"]:
        hh, mi = (12, 0) if m["nm"].lower() in ("noon", "midday") else (24, 0)
    elif m["h"]:
        hh = int(m["h"]) % 12 + (12 if m["ap"].lower().startswith("p") else 0)
        mi = int(m["mi"] or 0)
    elif m["h3"]:
        # "4 in the morning", "8 in the evening"
        hh = int(m["h3"]) % 12 + (0 if m["pod3"].lower() == "morning" else 12)
        mi = 0
    elif m["h2"]:
        hh, mi = int(m["h2"]), int(m["mi2"])
        if 1 <= hh < 12 and _LATER_PART.match(ctx.text, m.end()):
            hh += 12  # "2:45 in the afternoon", "9:30 at night"
        lead = ctx.text[max(0, m.start() - 12) : m.start()]
        if _SCORE_BEFORE.search(lead):
            return []
        if _MEDIA_BEFORE.search(lead):
            return []  # "Play Video 0:38", "Listen \u00b7 4:03 4:03": a recording's length, page furniture
    else:
        hh, mi = int(m["hm"]), int(m["mm"])
    # "that 3 a.m. phone call": the clock time of a day already told, wherever in the paragraph
    that = _THAT_BEFORE.search(ctx.text, max(0, m.start() - 6), m.start())
    day = (
        ctx.anchor
        if ctx.anchor
        and _DAY_VALUE.fullmatch(ctx.anchor)
        and (ctx.anchor_near or (that is not None and ctx.recent_anchor() is not None))
        else None
    )
    base = day or day_or_unknown(ctx.dct)
    return [Out(m.start(), m.end(), "TIME", f"{base}T{hh:02d}:{mi:02d}")]


# the words that modify an expression right after them ("early 2025", "more than 80 years ago")
_MOD_WORDS = (
    r"early|mid|late|the\s+(?:start|beginning|middle|end|turn)\s+of|(?:start|beginning|middle|end)\s+of|"
    r"the\s+(?:first|last|final)\s+(?:weeks?|days|few\s+days|months?)\s+of|"
    r"around|about|approximately|roughly|nearly|almost|some|more\s+than|less\s+than|fewer\s+than|over|under|"
    r"at\s+least|up\s+to|no\s+more\s+than|no\s+less\s+than|close\s+to"
)
_MOD_BEFORE = re.compile(
    rf"(?i)(?:\b(?P<m>{_MOD_WORDS})\s+(?:the\s+)?|\b(?P<m2>mid|early|late|end)-(?:the\s+)?)$"
)
# The words that end an alternative of them (a few more, from inside the groups, do no harm),
# and "the": what ends the text before a modified expression (its trailing blanks and "-"
# aside), so that most expressions are settled without the search.
_MOD_LAST = frozenset(re.findall(r"[a-z]+(?=\||$)", _MOD_WORDS)) | {"the"}
_MOD_REACH = 30
_MOD_MAP = {
    "early": "START",
    "mid": "MID",
    "late": "END",
    "start": "START",
    "beginning": "START",
    "middle": "MID",
    "end": "END",
    "first": "START",  # "the first week of March": the month with its start, as "early March"
    "last": "END",  # "the last week of August", "the final days of 2025"
    "final": "END",
    "turn": "APPROX",
    "around": "APPROX",
    "about": "APPROX",
    "approximately": "APPROX",
    "roughly": "APPROX",
    "some": "APPROX",
    "close": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "more": "MORE_THAN",
    "over": "MORE_THAN",
    "less": "LESS_THAN",
    "fewer": "LESS_THAN",
    "under": "LESS_THAN",
    "at": "EQUAL_OR_MORE",
    "up": "EQUAL_OR_LESS",
    "no more": "EQUAL_OR_LESS",
    "no less": "EQUAL_OR_MORE",
}
_POINT_MODS = {"START", "MID", "END", "APPROX"}
_ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_QTY_MODS = {"APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS"}


def _may_modify(text: str, lo: int, end: int) -> bool:
    """Whether ``_MOD_BEFORE`` can match ``text[lo:end]``: false only when it cannot.

    A match ends with a modifier's last word, "the" (then blanks) or "-"; in ASCII text the
    case-blind letters are plain ones, so the last word before the blanks settles it.
    Other text goes to the search.
    """
    seg = text[lo:end].rstrip()
    if not seg.isascii():
        return True
    if not seg or seg[-1] == "-":
        return bool(seg)
    i = len(seg.rstrip(_ASCII_LETTERS))  # ASCII: its letters are these; the last run starts at ``i``
    return seg[i:].lower() in _MOD_LAST


# "the next two years or so": the approximation after a span is in its extent (TimeML's mod APPROX)
_OR_SO = re.compile(r"[ \t]+or[ \t]+so\b")
_AGO_END = re.compile(r"(?i)\b(?:ago|earlier|before)$")
_LATER_END = re.compile(r"(?i)\b(?:later|after|from now)$")


def with_mod(text: str, out: Out) -> Out:
    """Take in a modifier before the expression ("mid-December", "early 2025", "more than 80 years
    ago") and "or so" after a span ("the next two years or so")."""
    out = _with_pre_mod(text, out)
    if out.type == "DURATION" and text.startswith(" or", out.end):
        so = _OR_SO.match(text, out.end)
        if so is not None:
            return Out(out.start, so.end(), out.type, out.value, out.mod or "APPROX")
    return out


def _with_pre_mod(text: str, out: Out) -> Out:
    """Take in a modifier before the expression: "mid-December", "early 2025", "more than 80 years ago"."""
    if out.mod:
        return out
    lo = max(0, out.start - _MOD_REACH)
    if not _may_modify(text, lo, out.start):
        return out
    mm = _MOD_BEFORE.search(text, lo, out.start)
    if not mm:
        return out
    if mm.group(0).lower().rstrip().endswith(" the") and (
        out.type == "DURATION" or (mm["m"] or "").lower() in ("over", "under", "around", "about", "some")
    ):
        # "over the past two years", "asked about the May summit": a preposition, not "more than"
        # or "about" (the gold never spans "about the", "around the")
        return out
    if text[out.start : out.start + 4].lower() == "the " and mm.group(0)[-1:].isspace():
        word0 = (mm["m"] or "").lower()
        if word0 in ("over", "under", "around", "about", "some"):
            return out  # "over the weekend", "around the turn of the year": prepositions
    word = (mm["m"] or mm["m2"]).lower()
    key = " ".join(word.split()[:2]) if word.startswith("no ") else word.split()[0]
    if key == "the":
        key = word.split()[1]
    mod = _MOD_MAP.get(key)
    if mod is None:
        return out
    if key == "over" and out.type == "DURATION" and not _over_quantity(text, mm.start(), out.value):
        return out  # "tunnels constructed over several years": during, the preposition outside
    is_ago = out.type == "DATE" and _AGO_END.search(text[out.start : out.end])
    is_later = out.type == "DATE" and _LATER_END.search(text[out.start : out.end])
    if out.type == "DURATION" or is_ago or is_later:
        if mod not in _QTY_MODS:
            return out
        if is_ago:
            mod = {
                "MORE_THAN": "BEFORE",
                "EQUAL_OR_MORE": "ON_OR_BEFORE",
                "LESS_THAN": "AFTER",
                "EQUAL_OR_LESS": "ON_OR_AFTER",
            }.get(mod, mod)
        elif is_later:
            mod = {
                "MORE_THAN": "AFTER",
                "EQUAL_OR_MORE": "ON_OR_AFTER",
                "LESS_THAN": "BEFORE",
                "EQUAL_OR_LESS": "ON_OR_BEFORE",
            }.get(mod, mod)
    elif out.type in ("DATE", "TIME"):
        if mod not in _POINT_MODS or (
            mod == "APPROX" and key not in ("around", "about", "approximately", "roughly")
        ):
            return out
        if mod == "APPROX" and text.startswith(("'s", "\u2019s"), out.end):
            return out  # "ways to get around Wednesday's ruling": the word governs the noun the date owns
    else:
        return out
    start = mm.start()
    if (
        key in ("early", "mid", "late")
        and _DECADE_OR_SEASON.fullmatch(out.value)
        and _THE_BEFORE.search(text, max(0, start - 4), start)
    ):
        start -= 4  # "the early 1980s", "the late summer": the noun phrase (not "the early March vote")
    return Out(start, out.end, out.type, out.value, mod)


# the words before "over" that make it "more than" (resources/time/over_quantity.txt)
_OVER_QUANTITY = frozenset(w.lower() for w in vocab.vocabulary("over_quantity").words())
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]+$")


def _over_quantity(text: str, at: int, value: str) -> bool:
    """Whether "over" at ``text[at:]``, before a span of ``value``, is "more than": after a word a
    measured quantity follows ("for over a decade", "lasted over a week"), never before a span of
    unsaid length ("over recent months"); else the preposition of a span ("evolved over several
    years", "$40 billion over two years")."""
    if "X" in value:
        return False
    m = _WORD_BEFORE.search(text, max(0, at - 16), at)
    return m is not None and m[1].lower() in _OVER_QUANTITY


_THE_BEFORE = re.compile(r"(?i)\bthe\s$")
_DECADE_OR_SEASON = re.compile(r"\d{2,3}|\d{4}-(?:SP|SU|FA|WI)")


# The patterns searched over the few words before an expression, behind the look-ahead of the
# places a match can start (starts.guarded): the same matches, without trying each at every character.
YEAR_PRECEDE_BAD, _RATE_BEFORE, _MOD_BEFORE = (
    guarded(rx) or rx for rx in (YEAR_PRECEDE_BAD, _RATE_BEFORE, _MOD_BEFORE)
)
