"""Normalisers for expressions told against the paper's day or the day last told.

"today", "soon", "last week", "this weekend", "Friday", "next Tuesday", "Friday night",
"that night", "the next morning", "4 p.m. Friday", "last May". Each is registered under the
name the rule records give (rules.toml ``normaliser``), as those of
:mod:`digests.extract.times.dates` are, whose tense and day helpers they share.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from digests.extract import calendar as cal
from digests.extract import vocab
from digests.extract.times.base import Ctx, Out, day_or_unknown, fmt_year, normaliser
from digests.extract.times.dates import _day_num, _resolve_md, _tense
from digests.extract.times.spans import UNIT_CODE, dur_value, is_title
from digests.extract.times.starts import guarded
from digests.extract.times.tense import past_future

_REF = {
    "now": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "current": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "the present day": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "recently": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "a later date": "FUTURE_REF",
    "soon": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF",
}


# "today's world", "the leaders of tomorrow": the present or the future in general, not a day
_GENERIC_AFTER = re.compile(
    r"(?:'s|\u2019s)\s+(?:[a-z]+\s+)?(?:" + vocab.vocabulary("generic_nouns").alternation() + r")\b"
)
_GENERIC_OF = re.compile(r"\b[a-z]+\s+of\s+$")
_PAST_FORMS = frozenset(vocab.PAST_VERBS.words())
_NOT_PAST_ED = frozenset(vocab.NOT_PAST_ED.words())
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
_OF_SOMETHING = re.compile(r"\s+of\s+(?!course\b|the\s+past\b)")


def _past_form_after(text: str, end: int) -> bool:
    """Whether the word after ``end`` is a past tense ("soon became", "soon corrected")."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    w = m[1]
    return w in _PAST_FORMS or (len(w) >= 5 and w.endswith("ed") and w not in _NOT_PAST_ED)


@normaliser("relative_word")
def _h_rel_word(m: re.Match[str], ctx: Ctx) -> list[Out]:
    w = " ".join(m["w"].lower().split())
    if is_title(ctx.text, m.start(), m.end()):
        return []
    if w == "soon" and _past_form_after(ctx.text, m.end()):
        return []  # "a trickle of cash that soon became a flood": shortly after, in a past story
    if w == "the future" and _OF_SOMETHING.match(ctx.text, m.end()):
        return []  # "the future of our peoples": what becomes of them, not a time
    if w in ("today", "tomorrow") and (
        _GENERIC_AFTER.match(ctx.text, m.end())
        or (w == "tomorrow" and _GENERIC_OF.search(ctx.text, max(0, m.start() - 30), m.start()))
    ):
        return []
    if w in _REF:
        return [Out(m.start(), m.end(), "DATE", _REF[w])]
    unit = m["ru"] or m["ru2"]
    if unit:
        # "in recent years", "the coming weeks", "the months ahead": a span of unsaid length
        start = m.start("adj") if m["ru"] else m.start()
        return [Out(start, m.end(), "DURATION", dur_value(None, unit))]
    if "this year" in w or w == "year-to-date":
        return [Out(m.start(), m.end(), "DATE", cal.year_value(ctx.dct) if ctx.dct else "XXXX")]
    d = ctx.dct
    if w == "yesterday":
        return [Out(m.start(), m.end(), "DATE", day_or_unknown(d and d - timedelta(days=1)))]
    if w == "tomorrow":
        return [Out(m.start(), m.end(), "DATE", day_or_unknown(d and d + timedelta(days=1)))]
    if w == "today":
        return [Out(m.start(), m.end(), "DATE", day_or_unknown(d))]
    if w in ("tonight", "overnight"):
        if w == "overnight" and _NOT_BEFORE.search(ctx.text, max(ctx.sent_lo, m.start() - 70), m.start()):
            return []  # "it is not going to happen overnight": suddenly, no night told
        if w == "overnight" and d is not None and ctx.tense(m.start(), m.end()) != "future":
            # "Shelling continued overnight" in the morning's paper: the night before its day, as
            # TimeML values it (a future clause, "rain will spread overnight", is the coming night)
            d -= timedelta(days=1)
        return [Out(m.start(), m.end(), "TIME", day_or_unknown(d) + "TNI")]
    return []


_NOT_BEFORE = re.compile(r"(?i)\b(?:not|never|nobody|cannot|can[\u2019']t|won[\u2019']t|\w+n[\u2019']t)\b")


_EVERY = re.compile(r"(?i)\b(?:every|each)\s+$")
_POD_MOD = {"mid": "MID", "late": "END", "early": "START"}


@normaliser("part_of_day")
def _h_pod(m: re.Match[str], ctx: Ctx) -> list[Out]:
    if is_title(ctx.text, m.start(), m.end()):
        return []  # "told CBS This Morning": a programme's name
    if m["pod3"]:
        # "By mid afternoon, ...", "by late evening": a part of the day just told in the paragraph,
        # else of the paper's day
        code = vocab.DAY_PARTS.values[m["pod3"].lower()]
        anchor = ctx.anchor if ctx.anchor_para and _DAY_VALUE.fullmatch(ctx.anchor or "") else None
        base = anchor or (ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX")
        return [Out(m.start("mod3"), m.end(), "TIME", f"{base}T{code}", _POD_MOD[m["mod3"].lower()])]
    rel = (m["rel"] or m["rel2"]).lower()
    pod = vocab.DAY_PARTS.values[(m["pod"] or m["pod2"]).lower()]
    d = ctx.dct
    if d is None:
        return [Out(m.start(), m.end(), "TIME", "XXXX-XX-XXT" + pod)]
    if rel in ("this", "today"):
        day = d
    elif rel == "tomorrow":
        day = d + timedelta(days=1)
    else:  # "yesterday", "last night"
        day = d - timedelta(days=1)
    # a weekday with its part ("Friday night") is the weekday rule's: the day
    return [Out(m.start(), m.end(), "TIME", day.isoformat() + "T" + pod)]


@normaliser("relative_unit")
def _h_rel_unit(m: re.Match[str], ctx: Ctx) -> list[Out]:
    rel = " ".join(m["rel"].lower().split())
    unit = m["unit"].lower()
    start = m.start()
    if unit == "season" or is_title(ctx.text, start, m.end()):
        return []
    fiscal = unit.startswith("fiscal")
    if fiscal:
        unit = "year"  # "last fiscal year": the year before, as HeidelTime reads it
    if rel == "latest":
        rel = "last"
        if ctx.text[max(0, start - 4) : start].lower() == "the ":
            start -= 4  # "the latest fiscal year", the article inside as TimeBank tags it
    d = ctx.dct
    if rel == "this past" and unit == "week" and d is not None and d.weekday() >= 4:
        rel = "this"  # "this past week" said on a Friday, Saturday or Sunday: the week now ending
    step = {
        "this past": -1,
        "this": 0,
        "current": 0,
        "last": -1,
        "past": -1,
        "previous": -1,
        "next": 1,
        "coming": 1,
        "following": 1,
    }[rel]
    if rel == "following":
        return []  # anaphoric: "the following week" needs a narrative anchor
    if not fiscal and rel in ("past", "previous") and ctx.text[max(0, start - 4) : start].lower() == "the ":
        code = UNIT_CODE.get(unit.replace("weekend", "week"), "")
        if unit == "weekend":
            code = ""
        if code:
            if unit == "fortnight":
                return [Out(start - 4, m.end(), "DURATION", "P2W")]
            return [Out(start - 4, m.end(), "DURATION", dur_value(1, unit))]
    if d is None:
        xs = {
            "week": "XXXX-WXX",
            "weekend": "XXXX-WXX-WE",
            "month": "XXXX-XX",
            "year": "XXXX",
            "quarter": "XXXX-QX",
            "decade": "XXX",
            "fortnight": "XXXX-WXX",
        }
        return [Out(start, m.end(), "DATE", xs[unit])]
    if unit == "week" and rel == "last" and d.weekday() == 6:
        # "last week" in a Sunday paper: the seven days just ended, the ISO week that ends on the
        # paper's day (its readers' week began that Sunday), not the one before it
        step = 0
    if unit == "week" and rel == "this" and d.weekday() == 6 and _week_ahead(m, ctx, start):
        # "will address the assembly this week" in a Sunday paper: the ISO week (Monday to Sunday) of
        # the paper ends that day; the week the reader has ahead is the next one
        step = 1
    if unit in ("week", "fortnight"):
        v = cal.week_value(d + timedelta(weeks=step))
    elif unit == "weekend" and step == 0:
        # "police this weekend fired" early in the week: the one just past; late in the week
        # ("left for this weekend's summit" on a Friday) the one ahead
        v = _weekend_value(d, "future" if d.weekday() >= 3 else ctx.tense(start, m.end()))
    elif unit == "weekend":
        v = cal.week_value(d + timedelta(weeks=step)) + "-WE"
    elif unit == "month":
        v = cal.month_value(cal.add_months(d, step))
    elif unit == "quarter":
        v = cal.quarter_value(cal.add_months(d, 3 * step))
    elif unit == "decade":
        v = f"{d.year // 10 + step:03d}"
    else:
        v = fmt_year(d.year + step)
    return [Out(start, m.end(), "DATE", v)]


def _week_ahead(m: re.Match[str], ctx: Ctx, start: int) -> bool:
    """Whether "this week" (``m``, from ``start``) points ahead: "later this week", or a future clause
    ("earlier this week" never)."""
    pre = (m["pre"] or "").lower()
    if pre:
        return pre.startswith("later")
    return ctx.tense(start, m.end()) == "future"


@normaliser("weekend")
def _h_weekend(m: re.Match[str], ctx: Ctx) -> list[Out]:
    if m["pl"]:
        return [Out(m.start("pl"), m.end(), "SET", "XXXX-WXX-WE")]  # "open on weekends"
    d = ctx.dct
    if d is None:
        return [Out(m.start(), m.end(), "DATE", "XXXX-WXX-WE")]
    return [Out(m.start(), m.end(), "DATE", _weekend_value(d, ctx.tense(m.start(), m.end())))]


def _weekend_value(d: date, direction: cal.Direction) -> str:
    """The weekend of a paper of day ``d``: its own on a weekend, else the coming one when the
    clause looks ahead and the one before when it looks back."""
    if d.weekday() >= 5:
        ref = d
    elif direction == "future":
        ref = d + timedelta(days=5 - d.weekday())
    else:
        ref = d - timedelta(days=d.weekday() + 1)
    return cal.week_value(ref) + "-WE"


def _day_out(m: re.Match[str], day: date) -> Out:
    """A weekday's day, or with its part of the day ("Friday night") the day and the part, a TIME
    (`2026-01-09TNI`, as TimeML and HeidelTime write it)."""
    pod = m["pod"]
    if pod:
        return Out(m.start(), m.end(), "TIME", day.isoformat() + "T" + vocab.DAY_PARTS.values[pod.lower()])
    return Out(m.start(), m.end(), "DATE", day.isoformat())


_ANAPHORIC_REL = {"previous": -1, "preceding": -1, "following": 1}
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")


@normaliser("relative_weekday")
def _h_rel_wd(m: re.Match[str], ctx: Ctx) -> list[Out]:
    wd = cal.weekday_number(m["wd"])
    rel = m["rel"].lower()
    if rel.startswith("this") and rel != "this":
        rel = rel.split()[-1]  # "this coming Sunday", "this past Friday"
    if ctx.dct is None:
        return [Out(m.start(), m.end(), "DATE", "XXXX-XX-XX")]
    if rel.split()[-1] in _ANAPHORIC_REL:
        # "the previous Friday", "the following Monday": counted from the day just told (HeidelTime's
        # anchoring), from the paper's day when none was told before
        anchor = ctx.anchor if _DAY_VALUE.fullmatch(ctx.anchor or "") else None
        step = _ANAPHORIC_REL[rel.split()[-1]]
        base = date.fromisoformat(anchor) if anchor else ctx.dct
        day = base + timedelta(days=step * ((step * (wd - base.weekday())) % 7 or 7))
        return [_day_out(m, day)]
    relation = {"last": "last", "past": "last", "next": "next", "coming": "next", "this": "this"}[rel]
    direction = ctx.tense(m.start(), m.end())
    day = cal.resolve_weekday(ctx.dct, wd, direction, relation=relation)
    # "this Thursday" is the Thursday of the paper's week, unless the tense says otherwise
    # ("as recently as this Saturday" in a Tuesday paper is the Saturday before)
    if relation == "this" and direction == "past" and day > ctx.dct:
        day -= timedelta(days=7)
    elif relation == "this" and direction == "future" and day < ctx.dct:
        day += timedelta(days=7)
    return [_day_out(m, day)]


_SHARED_PLURAL_POD = re.compile(
    rf"\s+(?:and|or)\s+(?:{vocab.WEEKDAYS.alternation()})\s+({vocab.DAY_PARTS.alternation('part')})s\b"
)
_EARLIER_ON = re.compile(r"(?i)\bearlier\s+(?:on\s+)?$")
# a modal and its verb right before a weekday's possessive: "should cancel Monday's meeting", "must call off
# Friday's vote" (the modals of resources/time/future_cues.txt, tagged @modal)
_MODAL_VERB_BEFORE = re.compile(
    rf"\b(?:{vocab.FUTURE_CUES.alternation('modal')})\s+(?:not\s+)?(?:[a-z]+ly\s+)?[a-z]+"
    r"(?:\s+(?:off|up|down|out|back|on|over))?"
    # "should arrive early for Saturday's final", "must prepare for Friday's vote": a preposition between
    r"(?:\s+(?:early|late|again|in\s+time|for|at|to|in|on|before|after|during|until|ahead\s+of))*\s+$"
)
_DONE_ACT = re.compile(
    r"['\u2019]s\s+(?:[a-z-]+\s+)?(?:" + vocab.vocabulary("done_acts").alternation() + r")\b"
)


def _said_day(m: re.Match[str], ctx: Ctx) -> date | None:
    """The day of the saying a weekday told in the future of a past counts from: a day of the
    week before the paper, named earlier in the sentence, before the "would" that governs the
    weekday (:func:`digests.extract.times.tense.past_future`)."""
    if ctx.dct is None or ctx.anchor is None or len(ctx.anchor) != 10 or not ctx.anchor[:4].isdigit():
        return None
    anchor_end = m.start() - ctx.anchor_gap
    if anchor_end <= ctx.sent_lo or past_future(ctx.text, ctx.sent_lo, m.start(), ctx.cues) < anchor_end:
        return None
    try:
        said = date.fromisoformat(ctx.anchor)
    except ValueError:
        return None
    return said if ctx.dct - timedelta(days=7) <= said < ctx.dct else None


@normaliser("weekday")
def _h_wd(m: re.Match[str], ctx: Ctx) -> list[Out]:
    wd = cal.weekday_number(m["wd"])
    if m["podpl"] and m["pod"]:
        # "on Tuesday nights": every Tuesday night
        code = vocab.DAY_PARTS.values[m["pod"].lower()]
        return [Out(m.start(), m.end(), "SET", f"XXXX-WXX-{wd + 1}T{code}")]
    if m["pl"]:
        return [Out(m.start(), m.end(), "SET", f"XXXX-WXX-{wd + 1}")]
    every = _EVERY.search(ctx.text, max(0, m.start() - 8), m.start()) if m["pod"] else None
    if every:  # "every Monday morning": a set
        code = vocab.DAY_PARTS.values[m["pod"].lower()]
        return [Out(every.start(), m.end(), "SET", f"XXXX-WXX-{wd + 1}T{code}")]
    shared = None if m["pod"] else _SHARED_PLURAL_POD.match(ctx.text, m.end())
    if shared:
        # "on Monday and Tuesday nights": every Monday night too
        code = vocab.DAY_PARTS.values[shared[1].lower()]
        return [Out(m.start(), m.end(), "SET", f"XXXX-WXX-{wd + 1}T{code}")]
    if ctx.dct is None:
        return [Out(m.start(), m.end(), "DATE", "XXXX-XX-XX")]
    # "Earlier on Saturday, Trump told reporters it would ...": a day already begun, whatever follows
    earlier = _EARLIER_ON.search(ctx.text, max(0, m.start() - 12), m.start())
    possessive = ctx.text.startswith("s", m.end() + 1)
    if not earlier and possessive:
        earlier = _DONE_ACT.match(ctx.text, m.end())  # "will appeal Monday's verdict": the verdict is in
    direction: cal.Direction = "past" if earlier else _tense(ctx, m.start(), m.end())
    if (
        direction != "future"
        and possessive
        and not earlier
        and _MODAL_VERB_BEFORE.search(ctx.text, max(ctx.sent_lo, m.start() - 40), m.start())
    ):
        direction = "future"  # "should cancel Monday's meeting": the meeting is still to come
    day = cal.resolve_weekday(ctx.dct, wd, direction)
    if (ctx.dct - day).days == 6:
        # the weekday after the paper's day, told in the past: that next day, not six days back (a
        # paper dated the day before its news: a late edition, another time zone; README)
        day = ctx.dct + timedelta(days=1)
    said = _said_day(m, ctx) if direction == "future" else None
    if said is not None:  # "said on Friday that the envoys would meet Monday": the Monday after it
        day = cal.resolve_weekday(said, wd, "future")
    return [_day_out(m, day)]


@normaliser("nth_day")
def _h_nth_day(m: re.Match[str], ctx: Ctx) -> list[Out]:
    """ "today is the eighth day of the blockade": the count ends on the paper's day."""
    return [Out(m.start(), m.end(), "DATE", day_or_unknown(ctx.dct))]


@normaliser("month_relative_year")
def _h_mon_rel_year(m: re.Match[str], ctx: Ctx) -> list[Out]:
    month = cal.month_number(m["mon"])
    if ctx.dct is None:
        return [Out(m.start(), m.end(), "DATE", f"XXXX-{month:02d}")]
    y = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return [Out(m.start(), m.end(), "DATE", f"{y:04d}-{month:02d}")]


_CLOCK_PARTS = re.compile(r"(\d{1,2})(?:[:.](\d\d))?\s*([ap])")  # "4:20 p", "10 a"
_DATE_AFTER_DAY = re.compile(
    rf",\s+(?P<mon>{vocab.MONTHS.alternation()})\.?\s+(?P<dd>[0-3]?\d)(?!\d)(?:,?\s+(?P<year>\d{{4}}))?"
)


@normaliser("clock_day")
def _h_clock_day(m: re.Match[str], ctx: Ctx) -> list[Out]:
    c = m["clock"].lower()
    if c in ("noon", "midday", "midnight"):
        hh, mi = (24, 0) if c == "midnight" else (12, 0)
    else:
        cm = _CLOCK_PARTS.match(c)
        if not cm:
            return []
        hh = int(cm[1]) % 12 + (12 if cm[3] == "p" else 0)
        mi = int(cm[2] or 0)
    day_w = m["day"] or ""
    d = ctx.dct
    if m["mon"]:
        value = _resolve_md(ctx, cal.month_number(m["mon"]), _day_num(m["dd"]), None, m.start(), m.end())
        if value is None:
            return []
        base = value
    elif d is None:
        base = "XXXX-XX-XX"
    elif day_w.lower() == "yesterday":
        base = (d - timedelta(days=1)).isoformat()
    elif day_w.lower() == "tomorrow":
        base = (d + timedelta(days=1)).isoformat()
    elif day_w.lower() == "today":
        base = d.isoformat()
    else:
        base = cal.resolve_weekday(d, cal.weekday_number(day_w), ctx.tense(m.start(), m.end())).isoformat()
        told = _DATE_AFTER_DAY.match(ctx.text, m.end())
        if told:
            # "at 4:20 p.m. on Friday, Sept. 14": the date told after the weekday is its day
            value = _resolve_md(
                ctx, cal.month_number(told["mon"]), _day_num(told["dd"]), told["year"], m.start(), told.end()
            )
            base = value or base
    return [Out(m.start(), m.end(), "TIME", f"{base}T{hh:02d}:{mi:02d}")]


@normaliser("anaphoric_day_part")
def _h_anaphoric_day_part(m: re.Match[str], ctx: Ctx) -> list[Out]:
    """ "that night", "the next morning", "the day before": a part of, or the day next to, the last day
    told (HeidelTime's reference time); with none told, "will ... the next morning" is the paper's
    next morning, and a past "the next morning" or "that night" no particular one."""
    rel = " ".join((m["rel"] or "").lower().split())
    step = {"the next": 1, "the following": 1, "the previous": -1, "the preceding": -1}.get(rel, 0)
    if m["ba"]:
        step = -1 if m["ba"].lower() == "before" else 1
    anchor = ctx.anchor if _DAY_VALUE.fullmatch(ctx.anchor or "") else None
    if anchor:
        base = date.fromisoformat(anchor)
    elif step and ctx.dct is not None and not m["ba"] and ctx.tense(m.start(), m.end()) == "future":
        base = ctx.dct
    else:
        return []
    day = base + timedelta(days=step)
    if m["pod"] or (m["dn"] and m["dn"].lower() == "night"):
        code = vocab.DAY_PARTS.values[(m["pod"] or "night").lower()]
        return [Out(m.start(), m.end(), "TIME", f"{day.isoformat()}T{code}")]
    return [Out(m.start(), m.end(), "DATE", day.isoformat())]


# The pattern searched over the few words before a weekday, behind the look-ahead of the places a
# match can start (starts.guarded): the same matches, without trying it at every character.
_EARLIER_ON = guarded(_EARLIER_ON) or _EARLIER_ON
