"""Normalisers for calendar expressions: dates, months, years, decades, centuries.

Each is registered under the name the rule records give (rules.toml ``normaliser``)
and turns one match into the timexes it stands for, resolved against the
publication date and the tense of the clause.
"""

from __future__ import annotations

import re
from datetime import date

from digests.extract import calendar as cal
from digests.extract import vocab
from digests.extract.numbers import TENS, UNITS
from digests.extract.proposals import may_propose, proposes
from digests.extract.times.base import Ctx, Out, fmt_year, normaliser
from digests.extract.times.rules import by_name
from digests.extract.times.spans import (
    YEAR_FOLLOW_BAD,
    YEAR_PRECEDE_BAD,
    dur_value,
    year_is_quantity,
)
from digests.extract.times.starts import guarded
from digests.extract.times.tense import Cue, governing, topic_named, will_governs

ORDINAL = {w: int(v) for w, v in vocab.ORDINALS.values.items()}
# Words before a bare month name that make it a date ("in April", "since May").
_MONTH_LEAD = re.compile(
    r"(?i)(?:\b(?:in|since|by|until|till|from|of|through|before|after|during|early|mid|late|last|next|this|end|"
    r"beginning|start|and|or|to|on|for|between|that|each|every|past|coming|until|throughout|as\s+of|a|an|the)\s+|'s\s+|"
    r"(?:mid|early|late|end)-)"
    r"(?:the\s+)?(?:(?:early|late|mid|end|beginning)\s+(?:of\s+)?)?$"
)


# a reporting period that is over: "the quarter ended", "the nine months ended", "the year that ended"
_PERIOD_ENDED = re.compile(
    r"(?i)\b(?:year|quarter|half|months|weeks|period|term)\s+(?:that\s+|which\s+)?ended\s+(?:on\s+)?$"
)


# "since losing an election in Istanbul in March", "since the attack on Tuesday": "since" governs a
# date further on in its clause (a gerund or a noun phrase between, no verb of its own, no other
# date), so the date is before now. Not a causal "since" ("since the vote is on Friday").
_SINCE_CLAUSE = re.compile(
    r"(?i)\bsince\s+(?:[a-z]+ing|the|a|an|his|her|its|their|our|my|this|that)\s"
    rf"(?:(?!\b(?:is|are|was|were|will|would|has|have|had|be|{vocab.MONTHS.alternation()}|{vocab.WEEKDAYS.alternation()})\b)"
    r"[^,;:.!?\d\"\u201c\u201d]){0,60}$"
)


# the bound of a span: "revolving loans through January", "extending the deadline beyond October"
_THROUGH = re.compile(r"(?i)\b(?:through|beyond)\s+(?:(?:early|mid|late)[\s-]+)?$")
_FROM_BEFORE = re.compile(r"(?i)\b(?:from|between)\s")  # "from January through June": a range
# "announced the move back in December": looking back, whatever the clause's tense
_BACK_IN = re.compile(r"(?i)\bback\s+in\s+(?:(?:early|mid|late)[\s-]+)?$")


def _tense(ctx: Ctx, start: int, end: int) -> cal.Direction:
    """The tense of the clause around ``text[start:end]``; after "since" in its clause or right
    after "back in", the past."""
    lo = max(ctx.sent_lo, start - 80)
    if ctx.text.find("ince", lo, start) >= 0 and _SINCE_CLAUSE.search(ctx.text, lo, start):
        return "past"
    if ctx.text.find("back", start - 20, start) >= 0 and _BACK_IN.search(ctx.text, start - 20, start):
        return "past"
    direction = ctx.tense(start, end)
    if direction != "future" and _proposed(ctx, start):
        return "future"
    if (
        direction != "future"
        and _bound(ctx.text, start)
        and not _FROM_BEFORE.search(ctx.text, max(ctx.sent_lo, start - 50), start)
        and not _past_bound(ctx.text, ctx.cues, start)
    ):
        return "future"  # "revolving loans through January": a term that runs ahead, as "until" does
    return direction


def _bound(text: str, start: int) -> bool:
    """Whether "through" or "beyond" stands right before ``text[start:]``: the bound of a span."""
    return (text.find("hrough", start - 20, start) >= 0 or text.find("eyond", start - 20, start) >= 0) and (
        _THROUGH.search(text, start - 20, start) is not None
    )


def _bound_ahead(ctx: Ctx, start: int, end: int) -> bool:
    """Whether a future verb of its clause tells the bound at ``text[start:end]`` ("would provide
    money for the remaining agencies through September"; not "sales this year through August")."""
    ctx.tense(start, end)  # reads the sentence's cues into ctx.cues
    return any(
        f[3] == "future" and 0 <= start - f[1] <= 120 and _CLAUSE_BREAK.search(ctx.text, f[1], start) is None
        for f in ctx.cues
    )


_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]| -")


def _past_bound(text: str, cues: list[Cue], start: int) -> bool:
    """Whether a past verb next to a bound at ``start`` ends its span in the past ("the programme ran
    through January"): not a past form after a present or future verb of its clause, which is a
    participle or an adjective of that clause ("a bill that keeps the government funded through
    mid-December", "would provide money for the remaining shuttered agencies through September")."""
    for c in cues:
        if (
            c[3] == "past"
            and -40 <= start - c[1] <= 30
            and not any(
                f[3] == "future" and 0 <= c[0] - f[1] <= 60 and _CLAUSE_BREAK.search(text, f[1], c[0]) is None
                for f in cues
            )
        ):
            return True
    return False


def _proposed(ctx: Ctx, start: int) -> bool:
    """Hook (extract/proposals.py): whether a proposal verb before ``text[start:]`` in its sentence
    proposes the date ("Varga suggested a summit in February", "called for talks on Friday"): a
    date ahead of the proposing, not the verb's own day."""
    text, lo = ctx.text, ctx.sent_lo
    return may_propose(text, lo, ctx.sent_hi) and proposes(text, lo, start, ctx.cues)


def _day_of(year: int, month: int, day: int) -> date | None:
    return date(year, month, day) if cal.valid_day(year, month, day) else None


def _resolve_md(
    ctx: Ctx, month: int, day: int, year: str | None, start: int, end: int, weekday: int | None = None
) -> str | None:
    if year:
        y = int(year)
        return f"{y:04d}-{month:02d}-{day:02d}" if cal.valid_day(y, month, day) else None
    if ctx.dct is None:
        return f"XXXX-{month:02d}-{day:02d}" if 1 <= day <= 31 else None
    if weekday is not None:
        # A weekday given with the date picks the year.
        for y in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
            if cal.valid_day(y, month, day) and date(y, month, day).weekday() == weekday:
                return date(y, month, day).isoformat()
    if _PERIOD_ENDED.search(ctx.text, max(0, start - 30), start):
        # "the quarter ended Oct. 31", "the year ended Jan. 31": a period that is over, the latest
        # such day up to the paper's (however far back)
        ended = [
            c for y in (ctx.dct.year - 1, ctx.dct.year) if (c := _day_of(y, month, day)) and c <= ctx.dct
        ]
        if ended:
            return ended[-1].isoformat()
    # the tense read only where it changes the day
    d = cal.resolve_month_day_by(ctx.dct, month, day, lambda: _tense(ctx, start, end))
    return d.isoformat() if d else None


_NOT_DIGIT = re.compile(r"\D")


def _day_num(s: str) -> int:
    return int(_NOT_DIGIT.sub("", s))


@normaliser("iso")
def _h_iso(m: re.Match[str], ctx: Ctx) -> list[Out]:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not cal.valid_day(y, mo, d):
        return []
    if m["hh"]:
        return [Out(m.start(), m.end(), "TIME", f"{y:04d}-{mo:02d}-{d:02d}T{m['hh']}:{m['mi']}")]
    return [Out(m.start(), m.end(), "DATE", f"{y:04d}-{mo:02d}-{d:02d}")]


@normaliser("slash")
def _h_slash(m: re.Match[str], ctx: Ctx) -> list[Out]:
    a, b, ys = int(m["a"]), int(m["b"]), m["y"]
    y = int(ys) if len(ys) == 4 else (2000 + int(ys) if int(ys) < 50 else 1900 + int(ys))
    # Month first (US style) unless the first number cannot be a month.
    month, day = (a, b) if a <= 12 else (b, a)
    if not cal.valid_day(y, month, day):
        return []
    return [Out(m.start(), m.end(), "DATE", f"{y:04d}-{month:02d}-{day:02d}")]


# "the Sept. 11 attacks", "the Jan. 6 riot": a date that names a past day
_NAMED_AFTER = re.compile(rf"(?i)(?:\s*['\u2019]s)?\s+(?:{vocab.NAMED_DAYS.alternation()})\b")
_NAMED_DATES = [(re.compile(e.pattern), e.value or "") for e in vocab.vocabulary("named_dates").entries]


def _named_day(m: re.Match[str], ctx: Ctx, month: int, day: int) -> str | None:
    """The date of a day told as a name ("the Sept. 11 attacks", "the post-Sept. 11 law"): its year
    from named_dates.txt, else the latest such day before the paper's; None when no name follows."""
    glued = ctx.text[max(0, m.start() - 5) : m.start()].lower().endswith(("post-", "pre-"))
    if m["year"] or ctx.dct is None or not (glued or _NAMED_AFTER.match(ctx.text, m.end())):
        return None
    known = next((v for rx, v in _NAMED_DATES if rx.fullmatch(m.group(0))), None)
    if known:
        return known
    past = [c for y in (ctx.dct.year - 1, ctx.dct.year) if (c := _day_of(y, month, day)) and c < ctx.dct]
    return past[-1].isoformat() if past else None


@normaliser("month_day")
def _h_md(m: re.Match[str], ctx: Ctx) -> list[Out]:
    month = cal.month_number(m["mon"])
    day = _day_num(m["day"])
    wd = cal.weekday_number(m["wd"]) if "wd" in m.re.groupindex and m["wd"] else None
    day2 = m["day2"] if "day2" in m.re.groupindex else None
    named = None if day2 or wd is not None else _named_day(m, ctx, month, day)
    if named:
        return [Out(m.start(), m.end(), "DATE", named)]
    value = _resolve_md(ctx, month, day, m["year"], m.start(), m.end(), wd)
    if value is None:
        return []
    kind_dm = ctx.rule == "dm"
    if (
        day2
        and _day_num(day2) > day
        and cal.valid_day(int(value[:4]) if value[0] != "X" else 2000, month, _day_num(day2))
    ):
        v2 = value[:8] + f"{_day_num(day2):02d}"
        if kind_dm:
            # "13-14 January": the first day alone, then "14 January"
            return [
                Out(m.start("day"), m.end("day"), "DATE", value),
                Out(m.start("day2"), m.end(), "DATE", v2),
            ]
        end1 = m.end("day")
        return [Out(m.start(), end1, "DATE", value), Out(m.start("day2"), m.end(), "DATE", v2)]
    if day2:
        # not a range after all: keep the first date only
        if kind_dm:
            return []
        return [Out(m.start(), m.end("day"), "DATE", value)]
    return [Out(m.start(), m.end(), "DATE", value)]


_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}


@normaliser("nth_weekday")
def _h_nth_wd(m: re.Match[str], ctx: Ctx) -> list[Out]:
    """ "the first Sunday of March": that weekday of the month, the month placed as a bare one is."""
    month = cal.month_number(m["mon"])
    if m["year"]:
        y = int(m["year"])
    elif ctx.dct is not None:
        y = cal.resolve_month(ctx.dct, month, ctx.tense(m.start(), m.end())).year
    else:
        return []
    d = cal.nth_weekday(y, month, cal.weekday_number(m["wd"]), _NTH[m["ord"].lower()])
    return [Out(m.start(), m.end(), "DATE", d.isoformat())] if d.month == month else []


@normaliser("week_of")
def _h_week_of(m: re.Match[str], ctx: Ctx) -> list[Out]:
    mon, day = (m["mon"], m["day"]) if m["mon"] else (m["mon2"], m["day2"])
    value = _resolve_md(ctx, cal.month_number(mon), _day_num(day), m["year"], m.start(), m.end())
    if value is None:
        return []
    if value[0] == "X":
        return [Out(m.start(), m.end(), "DATE", "XXXX-WXX")]
    return [Out(m.start(), m.end(), "DATE", cal.week_value(date.fromisoformat(value)))]


_LETTERS = re.compile(r"[a-z]+")


def _spelled_year(words: str) -> int:
    """The year of a spelled-out year the rules matched: "nineteen ninety-seven", "two thousand and one"."""
    ws = [w for w in _LETTERS.findall(words.lower()) if w not in ("and", "thousand")]
    base = 1900 if ws[0] == "nineteen" else 2000
    return base + sum(TENS.get(w, 0) + UNITS.get(w, 0) for w in ws[1:])


def year_of(m: re.Match[str]) -> int | None:
    """The year a match gives in digits (``year``) or spelled out (``syear``), if any."""
    if m["year"]:
        return int(m["year"])
    if "syear" in m.re.groupindex and m["syear"]:
        return _spelled_year(m["syear"])
    return None


@normaliser("month_year")
def _h_my(m: re.Match[str], ctx: Ctx) -> list[Out]:
    y = year_of(m)
    if y is None:
        return []
    return [Out(m.start(), m.end(), "DATE", f"{y:04d}-{cal.month_number(m['mon']):02d}")]


_THAT = re.compile(r"(?i)\bthat\s+$")
_FOLLOWING = re.compile(r"(?i)\bthe\s+(following|next|previous|preceding)\s+$")
_SINCE = re.compile(r"(?i)\bsince\s+(?:(?:early|late|mid)[\s-]+)?$")
# "January-March", "the May-June heat": the month that ends a range of months
_MONTH_RANGE_LEAD = re.compile(rf"\b(?:{vocab.MONTHS.alternation('full')})\s*[-\u2013]\s*$")
# "January to March", "June through August": the month that opens a range of months
_MONTH_RANGE_TAIL = re.compile(
    rf"\s*(?:-|\u2013|to|through|till|until|and|or)\s*(?:{vocab.MONTHS.alternation('full')})\b"
)
_CLAUSE_END = re.compile(r"^(?:[,.;:)]|\s*$)")  # right after a bare month: it ends a clause
_YEAR_MONTH = re.compile(r"\d{4}(?:-\d\d)?")
_MONTH_VERB = re.compile(r"\s+(?:is|was|will|would|could|may|might|has|had|looks|seems)\b")


# the plan named with a month: "a planned visit to Beijing in April", "scheduled for a vote in March"
# (not one since moved: "originally scheduled for June")
_PLAN_NAMED = re.compile(
    r"(?i)(?<!originally\s)\b(?:planned|plans?|scheduled|slated|upcoming|set\s+for"
    r"|ahead\s+of)\b[^.;,]{0,30}$"  # "ahead of local elections in November": still to come
)


# "will be named commander ... for a mission in December": a month after its preposition, in a clause an
# explicit "will" governs (tense.will_governs), is the coming one however far ahead (not a month before
# its noun: "will describe a June meeting")
_PREP_BEFORE = re.compile(
    r"(?i)\b(?:in|for|by|until|till|before|during|through)\s+(?:(?:early|mid|late)[\s-]+)?$"
)


def _will_governs(ctx: Ctx, start: int, end: int) -> bool:
    """Whether an explicit "will" governs the month at ``text[start:end]``, told after its preposition."""
    if _PREP_BEFORE.search(ctx.text, max(ctx.sent_lo, start - 16), start) is None:
        return False
    # ctx.tense fills ctx.cues, the sentence's cues
    return ctx.tense(start, end) == "future" and will_governs(
        ctx.text, start, end, ctx.sent_lo, ctx.sent_hi, ctx.cues
    )


@normaliser("month")
def _h_mon(m: re.Match[str], ctx: Ctx) -> list[Out]:
    lead = ctx.text[max(0, m.start() - 40) : m.start()]
    after = ctx.text[m.end() : m.end() + 2]
    if (
        not _MONTH_LEAD.search(lead)
        and not _MONTH_RANGE_LEAD.search(lead)
        and not _FOLLOWING.search(lead)
        and (m["mon"] == "May" or not _CLAUSE_END.match(after))
        and not _MONTH_VERB.match(ctx.text, m.end())
        and not _MONTH_RANGE_TAIL.match(ctx.text, m.end())
    ):
        return []
    month = cal.month_number(m["mon"])
    anchor = ctx.recent_anchor()
    that = _THAT.search(lead)
    if that and anchor and anchor[:4].isdigit() and (ctx.dct is None or int(anchor[:4]) != ctx.dct.year):
        # "By October 1956 ... That July, Nasser had seized the canal": the month of the year just told
        # (of the paper's year, "that August memo" is the August the tense picks)
        return [Out(m.start() - len(that[0]), m.end(), "DATE", f"{anchor[:4]}-{month:02d}")]
    rel = _FOLLOWING.search(lead)
    if rel and anchor and _YEAR_MONTH.fullmatch(anchor[:7]):
        # "In November 2016 ... by the following January": the next January after the month just told
        ay, am = int(anchor[:4]), int(anchor[5:7]) if len(anchor) >= 7 else None
        ahead = rel[1].lower() in ("following", "next")
        if am is None:
            y = ay + (1 if ahead else -1)
        else:
            y = ay + (1 if ahead and month <= am else 0) - (1 if not ahead and month >= am else 0)
        return [Out(m.start() - len(lead) + rel.start(), m.end(), "DATE", f"{y:04d}-{month:02d}")]
    if ctx.dct is None:
        return [Out(m.start(), m.end(), "DATE", f"XXXX-{month:02d}")]
    if _SINCE.search(lead):
        # "since June": the last June begun by the paper's day, however far back
        y = ctx.dct.year if month <= ctx.dct.month else ctx.dct.year - 1
        return [Out(m.start(), m.end(), "DATE", f"{y:04d}-{month:02d}")]
    if topic_named(ctx.text, m.start(), m.end()):
        # "was asked about the May summit": the asking is what the clause's tense tells, not the
        # summit the month names; the month is the one nearest the paper's
        return [Out(m.start(), m.end(), "DATE", cal.month_value(cal.resolve_month(ctx.dct, month, None)))]
    planned = _PLAN_NAMED.search(ctx.text, max(ctx.sent_lo, m.start() - 40), m.start()) is not None
    planned = planned or _proposed(ctx, m.start())  # hook: a proposal names what is ahead
    # a span's bound told ahead ("would provide money ... through September" in a January paper):
    # the term runs that far, however far ahead
    planned = planned or (_bound(ctx.text, m.start()) and _bound_ahead(ctx, m.start(), m.end()))
    if not planned and (month - ctx.dct.month) % 12 > 6:  # only a month far ahead needs it
        planned = _will_governs(ctx, m.start(), m.end())
    d = cal.resolve_month_by(
        ctx.dct,
        month,
        lambda: _tense(ctx, m.start(), m.end()),
        planned=planned,
        told_past=lambda: _told_past(ctx, m.start(), m.end()),
    )
    return [Out(m.start(), m.end(), "DATE", cal.month_value(d))]


# between a past verb and the month it states: no clause break, no infinitive ("announced an
# agreement to acquire the bank in January": the acquiring is what January dates), no clause of its
# own ("funded before the new Congress takes over in January") and no progressive ("was leaving in
# February": a plan of the past)
_TOLD_GAP = re.compile(r"[^,;:.!?\"\u201c\u201d()]{0,50}")
_NOT_TOLD = re.compile(
    r"(?i)\bto\s+(?!(?:the|a|an|his|her|its|their|our|this|that)\b|(?-i:[A-Z]))[a-z]+\b"
    r"|\b(?:before|after|until|till|when|while|if|unless|because|once|where|which|who|that)\b"
    r"|^\s+[a-z]+ing\b"
)


def _told_past(ctx: Ctx, start: int, end: int) -> bool:
    """Whether the verb governing the month right before it is a past one that states its event:
    "Flynn stepped down in February", "the bill he signed into law in February" (not "told oil
    companies of a cutback in September", "agreed to buy it in January")."""
    cue = governing(ctx.text, start, end, ctx.sent_lo, ctx.sent_hi, ctx.cues)
    if cue is None or cue[3] != "past":
        return False
    if cue[1] > start:
        # "In December, a kilogram of pork cost 22.50 yuan": the month opens its sentence and
        # the first verb after it states its event
        lead, gap = ctx.text[ctx.sent_lo : start], ctx.text[end : cue[0]]
        return _OPENS.fullmatch(lead) is not None and _SUBJECT_GAP.fullmatch(gap) is not None
    gap = ctx.text[cue[1] : start]
    return _TOLD_GAP.fullmatch(gap) is not None and not _NOT_TOLD.search(gap)


_OPENS = re.compile(r"(?i)\W*(?:in|during)\s+(?:(?:early|late|mid)[\s-]+)?")
_SUBJECT_GAP = re.compile(
    r",\s+(?:(?!\b(?:to|that|who|which|when|before|after|if)\b)[^,;:.!?\"\u201c\u201d()]){0,40}"
)


@normaliser("year")
def _h_year(m: re.Match[str], ctx: Ctx) -> list[Out]:
    y = int(m["year"])
    if not m["fy"] and year_is_quantity(ctx.text, m.start("year"), m.end("year")):
        return []
    # "fiscal 2027", "fiscal year 2027", "the 2027 period": the calendar year named (TempEval-3's and
    # HeidelTime's value) and the words before it in its extent; "the year 2027" the year alone
    fy = (m["fy"] or "").lower()
    start = m.start() if fy and not (fy.startswith("the") and "year" in fy) else m.start("year")
    return [Out(start, m.end(), "DATE", fmt_year(y))]


def _range_years(m: re.Match[str]) -> tuple[int, int]:
    """The first and last year of a match of the year_range rule ("1850-58": 1850, 1858)."""
    y1 = int(m["y1"])
    y2s = m["y2"]
    return y1, int(y2s) if len(y2s) == 4 else y1 // 100 * 100 + int(y2s)


def _split_year(m: re.Match[str], y1: int, y2: int) -> bool:
    """Whether a year_range match is a split year, one period over two calendar years: two years one
    apart written short ("2019-20"), after a fiscal prefix ("FY2020/2021") or before a period's noun
    ("the 2012-2013 season")."""
    return y2 == y1 + 1 and (len(m["y2"]) == 2 or bool(m["fy"]) or m["noun"] is not None)


def split_year_end(text: str, value: str) -> str | None:
    """The year a split year ends in, of an expression ``text`` valued ``value`` ("fiscal year 2020-21",
    "2020": "2021"), or None for any other expression: the end of its period, for an event's range."""
    if len(text) < 7 or len(value) != 4 or not value.isdigit():
        return None
    m = _YEAR_RANGE.fullmatch(text)
    if m is None:
        return None
    y1, y2 = _range_years(m)
    return fmt_year(y2) if y2 == y1 + 1 else None  # a range of years is two expressions, never one


_YEAR_RANGE = by_name()["year_range"].regex


@normaliser("year_range")
def _h_year_range(m: re.Match[str], ctx: Ctx) -> list[Out]:
    """ "2012-2013", "1850-58": the two years of a range, the second after the first; "fiscal 2020-21",
    "the 2019-20 season": a split year, one period, valued as the year it begins in."""
    y1, y2 = _range_years(m)
    if not 1500 <= y1 < y2 <= min(y1 + 100, 2100):
        return []
    if YEAR_PRECEDE_BAD.search(ctx.text, max(0, m.start() - 6), m.start()):
        return []  # "No. 1990-95", "$2000-2500"
    if _split_year(m, y1, y2):
        return [Out(m.start(), m.end(), "DATE", fmt_year(y1))]
    if m["fy"]:
        return []  # "FY2016-2019": no split year, the years alone are the year rule's
    if YEAR_FOLLOW_BAD.match(ctx.text, m.end()):
        return []  # "1990-1995 troops"
    return [
        Out(m.start("y1"), m.end("y1"), "DATE", fmt_year(y1)),
        Out(m.start("y2"), m.end("y2"), "DATE", fmt_year(y2)),
    ]


@normaliser("decade")
def _h_decade(m: re.Match[str], ctx: Ctx) -> list[Out]:
    if m["dec"]:
        # "the 1800s", "the early 1900s": the century (the 2000s are mostly the decade)
        if m["dec"].endswith("0") and int(m["dec"]) < 200:
            return [Out(m.start(), m.end(), "DATE", m["dec"][:2])]
        return [Out(m.start(), m.end(), "DATE", m["dec"])]
    return [Out(m.start(), m.end(), "DATE", "19" + (m["d2"] or m["d3"]))]


@normaliser("decade_word")
def _h_decade_w(m: re.Match[str], ctx: Ctx) -> list[Out]:
    return [Out(m.start(), m.end(), "DATE", f"19{vocab.DECADES.values[m['w'].lower()]}")]


@normaliser("century")
def _h_century(m: re.Match[str], ctx: Ctx) -> list[Out]:
    o = m["ord"].lower()
    n = int(_NOT_DIGIT.sub("", o)) if o[0].isdigit() else ORDINAL.get(o, 0)
    if not 1 <= n <= 30:
        return []
    return [Out(m.start(), m.end(), "DATE", f"{n - 1:02d}")]


@normaliser("relative_century")
def _h_rel_century(m: re.Match[str], ctx: Ctx) -> list[Out]:
    if ctx.dct is None:
        return [Out(m.start(), m.end(), "DATE", "XX")]
    c = ctx.dct.year // 100
    rel = m["rel"].lower()
    if rel.startswith("the"):
        return [Out(m.start(), m.end(), "DURATION", dur_value(1, "century"))]
    c += {"this": 0, "last": -1, "next": 1}[rel]
    return [Out(m.start(), m.end(), "DATE", f"{c:02d}")]


@normaliser("spelled_year")
def _h_spelled_year(m: re.Match[str], ctx: Ctx) -> list[Out]:
    """Years read out in broadcast transcripts: "nineteen ninety-six", "the year two thousand"."""
    century = 1900 if m["c"].lower() == "nineteen" else 2000
    if century == 1900 and not (m["t"] or m["u2"]):
        return []  # "nineteen" alone is a number
    if century == 2000 and not (m["u2"] or m["t"]) and not m.group(0).lower().startswith("the year"):
        return []  # "two thousand troops"
    rest = 0
    if m["t"]:
        rest = TENS[m["t"].lower()] + (UNITS[m["u"].lower()] if m["u"] else 0)
    elif m["u2"]:
        rest = UNITS[m["u2"].lower()]
    if YEAR_FOLLOW_BAD.match(ctx.text, m.end()):
        return []
    return [Out(m.start(), m.end(), "DATE", fmt_year(century + rest))]


# The patterns searched over the few words before an expression, behind the look-ahead of the
# places a match can start (starts.guarded): the same matches, without trying each at every character.
_MONTH_LEAD, _PLAN_NAMED, _PERIOD_ENDED, _SINCE, _THAT, _FOLLOWING = (
    guarded(rx) or rx for rx in (_MONTH_LEAD, _PLAN_NAMED, _PERIOD_ENDED, _SINCE, _THAT, _FOLLOWING)
)
