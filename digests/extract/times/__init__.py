"""Temporal expressions with TIMEX3 values, resolved against the publication date.

Rules, not a model. The rules are records in ``resources/time/rules.toml``
(pattern, triggers, normaliser, examples; vocabularies in ``resources/time/*.txt``).
Each rule runs near its triggers (scan.py); overlapping candidates keep the
longest, then the rule listed first; each survivor goes to its rule's normaliser
(dates.py, relative.py, spans.py) for a TIMEX3 value (TimeML / TempEval conventions). Dates
given without a year, bare months and weekdays are placed before or after the
publication date by the tense of the clause around them (tense.py) and, without
a tense cue, on the nearest side.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

from digests import timex
from digests.extract import calendar as cal
from digests.extract import vocab
from digests.extract.text import Doc, is_caption
from digests.extract.times import dates as _dates  # noqa: F401  (registers the calendar normalisers)
from digests.extract.times import periods as _periods  # noqa: F401  (registers the period normalisers)
from digests.extract.times import relative as _relative  # noqa: F401  (registers the relative normalisers)
from digests.extract.times.agree import agree_weekdays
from digests.extract.times.base import NORMALISERS, Ctx, Normaliser
from digests.extract.times.rules import by_name, rules
from digests.extract.times.scan import Candidate, candidates, word_places
from digests.extract.times.spans import with_mod, year_is_quantity
from digests.extract.times.starts import guarded
from digests.extract.times.tense import Cue, tense_cues, tense_near
from digests.extract.vocab import WEEKDAYS
from digests.models import Entity, TimeExpression

__all__ = [
    "TimeScan", "calendar_spans", "find_times", "outside_names", "scan_times", "tense_cues", "tense_near",
]

# a value that opens with a year: the anchor for "two days later", "the next day"
_CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?|-Q[1-4]|-W\d{2})?")
_QUARTER_REACH = 600  # characters after a named quarter in which "a year ago" means that quarter a year back
# "the year-ago quarter", "a year earlier": the period a report compares with is no reference time;
# a second "a year earlier" compares with the same period, not with the first comparison
_COMPARISON = re.compile(r"(?i)\byear[-\s](?:ago|earlier)\b|\bprior\s+(?:quarter|year|period)\b")
# a reporting period of more than a quarter, to date: "for the nine months", "in the first six months"
_YEAR_TO_DATE = re.compile(r"(?i)\bthe\s+(?:first\s+|latest\s+)?(?:nine|six)\s+months\b")
_RANGE_GAP = re.compile(r"\s*(?:-|\u2013|\u2014|to|through|till|until|and)\s*")
_CLOCK_VALUE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_PART_VALUE = re.compile(r"\d{4}-\d\d-\d\dT[A-Z]{2}")  # a day and its part: 2026-01-09TMO
# between a clock time and its day: a zone, "local time", a bracketed other clock, "on"
_CLOCK_TO_DAY = re.compile(
    r"\)?\s*(?:\([^()]{1,20}\)\s*)?(?:local\s+time\s*|[ECMP][SD]?T\s*|GMT\s*|UTC\s*)?(?:\([^()]{1,20}\)\s*)?,?\s*(?:on\s+)?\(?"
)
# a clock time told again in brackets: "10 a.m. (0900 GMT)", "(about 1400 ET)"
_BRACKET_OPEN = re.compile(r"\s*\(\s*(?:about\s+|around\s+|approximately\s+)?")
_BARE_CLOCK = re.compile(
    r"(?i)(?:about\s+|around\s+)?\d{1,2}(?:[:.]?\d\d)?\s*(?:[ap]\.?m\.?)?\s*(?:[ECMP][SD]?T|GMT|UTC|hrs)?"
)
_BRACKET_CLOSE = re.compile(r"(?:\s*[A-Z]{1,4}T|\s*UTC|\s+local\s+time)?\s*\)")
_WEEKDAY_TEXT = re.compile(f"(?:{WEEKDAYS.alternation()})")
_YEAR_TEXT = re.compile(r"\d{4}")
_MONTH_VALUE = re.compile(r"\d{4}-\d\d")
_MONTH_RANGE_GAP = re.compile(r"\s*(?:-|\u2013|\u2014|to|through|till|until)\s*")
# between the months of a list or range that one year after the last closes ("April and May of 2017")
_MONTH_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|-|\u2013|\u2014|to|through|till|until|and|or)\s*")
_YEAR_MONTH_DAY = re.compile(r"\d{4}-\d\d(?:-\d\d)?")
_YEAR_TOLD = re.compile(r"\d{4}|(?i:\b(?:last|this|next)\s+year\b)")
_RANGE_OPEN = re.compile(r"(?i)\b(?:between|from)\s+(?:the\s+)?$")


class TimeScan(NamedTuple):
    """What the times stage finds: the expressions, the offsets of dates and clock times, and the
    tense cues of the stretches it read them in (``tense_cues(text, start, end)`` by ``(start, end)``,
    so that events need not read them again)."""

    times: list[TimeExpression]
    calendar_spans: list[tuple[int, int]]
    tense_cues: dict[tuple[int, int], list[Cue]]


def scan_times(doc: Doc, published: date | None, captions: Collection[int] | None = None) -> TimeScan:
    """Every temporal expression of ``doc`` and the spans of its dates, from one scan of the text.

    ``captions``: the indices of the furniture paragraphs that are photo captions (the furniture
    stage's), whose expressions are kept; found here when not given.
    """
    text = doc.text
    if not text:
        return TimeScan([], [], {})
    found = candidates(text, doc.lower, doc.digit_runs, word_places(doc))
    cues: dict[tuple[int, int], list[Cue]] = {}
    return TimeScan(_resolve(doc, published, found, captions, cues), _calendar_spans(text, found), cues)


def _bare_month(t: TimeExpression) -> bool:
    """Whether ``t`` is one word valued as a month with no day (YYYY-MM or XXXX-MM): string tests, no
    pattern, since every expression of every article passes here."""
    v = t.value or ""
    return len(v) == 7 and v[4] == "-" and v[5:].isdigit() and t.text.isalpha()


def outside_names(times: list[TimeExpression], entities: Sequence[Entity]) -> list[TimeExpression]:
    """``times`` without a month word inside a person's name as the text wrote it ("Theresa May",
    "Mrs. May", "April Ryan"): it names no month (issue #13: a date inside a proper name is no date).
    Only a bare month: a name that swallowed an adverb ("Currently Trump") keeps the adverb's time."""
    months = [t for t in times if _bare_month(t)]
    if not months:
        return times
    spans = sorted(m for e in entities if e.type == "person" for m in e.mentions)
    starts = [s for s, _ in spans]
    named: set[int] = set()
    for t in months:
        i = bisect.bisect_right(starts, t.start) - 1
        if i >= 0 and spans[i][1] >= t.end:
            named.add(t.start)
    return [t for t in times if t.start not in named] if named else times


def find_times(doc: Doc, published: date | None) -> list[TimeExpression]:
    """Every temporal expression in ``doc``'s content paragraphs, normalised against ``published``."""
    return scan_times(doc, published).times


def calendar_spans(text: str) -> list[tuple[int, int]]:
    """Sorted offsets of dates and clock times in ``text``, so that figures can leave their numbers alone."""
    return _calendar_spans(text, candidates(text))


def _calendar_spans(text: str, found: list[Candidate]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    table = by_name()
    for name, m in found:
        if not table[name].calendar:
            continue
        if name == "year" and not m["fy"] and year_is_quantity(text, m.start("year"), m.end("year")):
            continue
        spans.append((m.start(), m.end()))
    spans.sort()
    return spans


@cache
def _normalisers() -> dict[str, Normaliser]:
    """Each rule's normaliser, by rule name."""
    return {name: NORMALISERS[rule.normaliser] for name, rule in by_name().items()}


def _resolve(
    doc: Doc,
    published: date | None,
    found: list[Candidate],
    captions: Collection[int] | None,
    cues: dict[tuple[int, int], list[Cue]],
) -> list[TimeExpression]:
    """The candidates that survive overlaps and furniture, normalised in text order.

    ``cues`` gets the tense cues read on the way, by the stretch of text they were read in.
    """
    text = doc.text
    # Captions state facts ("... in Beijing on Jan 5"); other furniture is not news.
    furniture = [
        (p.start, p.end)
        for p in doc.paragraphs
        if p.furniture
        and not (p.index in captions if captions is not None else is_caption(text[p.start : p.end]))
    ]
    furniture.sort()
    furniture_starts = [fs for fs, _ in furniture]
    # paragraphs from parse_document never overlap; a hand-made Doc might
    disjoint = all(furniture[i][1] <= furniture[i + 1][0] for i in range(len(furniture) - 1))
    table = by_name()
    cands = [(m.start(), m.end(), table[name].priority, name, m) for name, m in found]
    if not cands:
        return []
    # Longest first, then rule order; keep those that do not overlap a kept one.
    cands.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    # the characters of kept candidates (matches are never empty): an overlap is one find()
    taken = bytearray(len(text) + 1)
    chosen: list[tuple[int, int, int, str, re.Match[str]]] = []
    for c in cands:
        s, e = c[0], c[1]
        if taken.find(1, s, e) >= 0:
            continue
        if disjoint:
            # only the last furniture paragraph starting at or before s can hold it
            f = bisect.bisect_right(furniture_starts, s) - 1
            if f >= 0 and s < furniture[f][1]:
                continue
        elif any(fs <= s < fe for fs, fe in furniture):
            continue
        taken[s:e] = b"\x01" * (e - s)
        chosen.append(c)
    chosen.sort(key=lambda c: c[0])

    sents = doc.sentences
    sent_starts = [s.start for s in sents]
    ctx = Ctx(text=text, dct=published, cue_memo=cues)
    normalise = _normalisers()
    out: list[TimeExpression] = []
    anchor_pos = -1
    anchor_end = -100
    quarter_pos = -(10**9)
    ytd_para = -1
    for s, e, _, name, m in chosen:
        i = bisect.bisect_right(sent_starts, s) - 1
        if 0 <= i < len(sents):
            sent = sents[i]
            ctx.sent_lo = lo = sent.start
            ctx.sent_hi = sent.end if sent.end >= e else e
            para_start = doc.paragraphs[sent.paragraph].start
        else:
            ctx.sent_lo = lo = max(0, s - 200)
            ctx.sent_hi = min(len(text), e + 200)
            para_start = -1
        if s - quarter_pos > _QUARTER_REACH:
            ctx.last_quarter = None
        if ctx.year_to_date and para_start != ytd_para:
            ctx.year_to_date = False
        # "on Jan 5 at 3pm": the clock time belongs to a date right before it
        ctx.anchor_near = anchor_pos >= lo and 0 <= s - anchor_end <= 12
        ctx.anchor_para = para_start >= 0 and anchor_pos >= para_start
        ctx.anchor_gap = s - anchor_end if anchor_pos >= 0 else 10**9
        ctx.rule = name
        try:
            results = normalise[name](m, ctx)
        except (ValueError, KeyError, OverflowError, IndexError):
            results = []  # an impossible date ("Feb 30"): not a temporal expression
        for r in results:
            r = with_mod(text, r)
            if r.start >= r.end:
                continue
            out.append(
                # built here from the rules' own values: no validation needed (``_Frozen.trusted``)
                TimeExpression.trusted(
                    text=text[r.start : r.end],
                    start=r.start,
                    end=r.end,
                    type=r.type,
                    value=r.value,
                    mod=r.mod,
                )
            )
            if (
                r.type in ("DATE", "TIME")
                and _CALENDAR.match(r.value)
                and not _COMPARISON.search(text, r.start, r.end)
                # "overnight", "tonight": a night of the reference day, told from the paper's, no new
                # reference time ("overnight losses ... down 4.5% from the previous Friday")
                and not (name == "rel_word" and r.type == "TIME")
            ):
                ctx.anchor = r.value[:10]
                anchor_pos = r.start
                anchor_end = r.end
                if (
                    name in ("quarter", "q")
                    and timex.granularity(r.value) == "quarter"
                    and (published is None or r.value <= cal.quarter_value(published))
                ):
                    # a reported quarter (or the running one); one ahead ("losses through the
                    # third quarter of 1990") is a forecast, which no "year-ago period" compares with
                    ctx.last_quarter = r.value
                    quarter_pos = r.start
                    ctx.year_to_date = False
            elif (
                r.type == "DURATION"
                and r.value in ("P9M", "P6M")
                and _YEAR_TO_DATE.search(text, max(0, r.start - 12), r.end)
            ):
                ctx.year_to_date = True  # "For the nine months, ... a year earlier": no quarter
                ytd_para = para_start
    out = agree_weekdays(text, out, published)
    if published is not None and published.weekday() == 0:  # a Monday paper: see _quoted_weeks
        out = _quoted_weeks(doc, out)
    out = _order_ranges(text, _clock_dates(text, _day_before(text, out), published), published)
    return _bracketed_clocks(text, out)


# "this week", "next week", "last week" as a quotation says it
_QUOTED_WEEK = re.compile(r"(?i)(?:(?:early|late|earlier|later)\s+)?(?:this|next|last)\s+week")
# the quotation was written, and before the paper: "Pelosi tweeted, '...'", "wrote in a post"
# (resources/time/written_channels.txt), told in the past
_WRITTEN_BEFORE = re.compile(rf"(?i)\b(?:{vocab.vocabulary('written_channels').alternation()})\b")
_PAST_SAYING = re.compile(r"(?i)\b(?:said|wrote|tweeted|posted|added|declared|stated|told)\b")


def _quoted_weeks(doc: Doc, out: list[TimeExpression]) -> list[TimeExpression]:
    """A quotation's own week (#13): in a Monday paper, "this week" inside a written quotation told in
    the past with no day of its own ("Pelosi tweeted, 'This week started with ...'") is the week of
    its writing, which was before the paper's Monday: the ISO week before the paper's ("next week",
    "last week" count from it). A quotation of a told day ("wrote on Friday") or spoken to the
    reporter keeps the paper's week."""
    text = doc.text
    for i, t in enumerate(out):
        if t.type != "DATE" or not _QUOTED_WEEK.fullmatch(t.text) or "-W" not in t.value:
            continue
        para = doc.paragraph_at(t.start)
        if para is None:
            continue
        region = next((q for q in doc.quote_regions(para) if q.start <= t.start and t.end <= q.end), None)
        sent = next((x for x in doc.sentences if x.start <= t.start < x.end), None)
        if region is None or sent is None:
            continue
        outside = text[sent.start : max(sent.start, region.start - 1)] + " " + text[region.end + 1 : sent.end]
        if not (_WRITTEN_BEFORE.search(outside) and _PAST_SAYING.search(outside)):
            continue
        told = (o for o in out if o is not t and sent.start <= o.start < sent.end)
        if any(not region.start <= o.start < region.end for o in told):
            continue  # the writing's day is told: "wrote on Friday"
        span = timex.bounds(t.value)
        if span is not None:
            out[i] = t.model_copy(update={"value": cal.week_value(span[0] - timedelta(days=7))})
    return out


# "the day before Tuesday's hearing", "the night after Christmas": one expression, the day next to it
_DAY_BEFORE = re.compile(r"(?i)\bthe\s+(day|night)\s+(before|after)\s+$")
# The patterns searched over the few words before an expression, behind the look-ahead of the
# places a match can start (starts.guarded): the same matches, without trying each at every character.
_COMPARISON, _RANGE_OPEN, _DAY_BEFORE = (guarded(rx) or rx for rx in (_COMPARISON, _RANGE_OPEN, _DAY_BEFORE))


def _day_before(text: str, out: list[TimeExpression]) -> list[TimeExpression]:
    """ "the day before last Tuesday", "the day after Christmas": the day before or after the date told
    right after it (as "the day before yesterday" is), one expression from "the" on."""
    for i, t in enumerate(out):
        if t.type != "DATE" or not _DAY_VALUE.fullmatch(t.value) or t.start < 15:
            continue
        m = _DAY_BEFORE.search(text, max(0, t.start - 20), t.start)
        if m is None:
            continue
        day = date.fromisoformat(t.value) + timedelta(days=1 if m[2].lower() == "after" else -1)
        night = m[1].lower() == "night"
        out[i] = t.model_copy(
            update={
                "start": m.start(),
                "text": text[m.start() : t.end],
                "type": "TIME" if night else "DATE",
                "value": day.isoformat() + ("TNI" if night else ""),
            }
        )
    return out


def _clock_dates(text: str, out: list[TimeExpression], published: date | None) -> list[TimeExpression]:
    """ "at 8:30 p.m. local time on Saturday": the clock time takes the day named right after it."""
    if published is None:
        return out
    today = published.isoformat()
    # from the end, so that "10:35 a.m. (0735 GMT) Friday" passes Friday on through the bracket
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.type != "TIME" or not _CLOCK_VALUE.fullmatch(a.value) or a.value[:10] != today:
            continue
        day = b.value[:10]
        if not _DAY_VALUE.fullmatch(day) or day == today or not _CLOCK_TO_DAY.fullmatch(text, a.end, b.start):
            continue
        if (b.type == "DATE" and len(b.value) == 10) or (
            b.type == "TIME" and (_CLOCK_VALUE.fullmatch(b.value) or _PART_VALUE.fullmatch(b.value))
        ):  # "2 a.m. Thursday morning": Thursday's
            out[i] = a.model_copy(update={"value": day + a.value[10:]})
    return out


def _bracketed_clocks(text: str, out: list[TimeExpression]) -> list[TimeExpression]:
    """ "at 10 a.m. (0900 GMT)", "8 p.m. (1400 ET)": the same moment told again in another zone, in
    brackets after a clock time, is no second time (TimeML tags the first only)."""
    drop = [
        i
        for i in range(1, len(out))
        if out[i].type == "TIME"
        and out[i - 1].type == "TIME"
        and _CLOCK_VALUE.fullmatch(out[i].value)
        and _CLOCK_VALUE.fullmatch(out[i - 1].value)
        and _BARE_CLOCK.fullmatch(out[i].text)  # not "(4 a.m. EDT Thursday)", which tells the day
        and _BRACKET_OPEN.fullmatch(text, out[i - 1].end, out[i].start)
        and _BRACKET_CLOSE.match(text, out[i].end)
    ]
    return [t for i, t in enumerate(out) if i not in drop] if drop else out


def _order_ranges(text: str, out: list[TimeExpression], published: date | None) -> list[TimeExpression]:
    """In "from Monday to Wednesday" the second day comes after the first: move it a week on if not.

    A list told in the past keeps its days ("statements made Friday and Thursday").
    """
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if not (_WEEKDAY_TEXT.fullmatch(a.text) and _WEEKDAY_TEXT.fullmatch(b.text)):
            _order_days(text, out, i)
            _order_months(text, out, i)
            continue
        gap = _RANGE_GAP.fullmatch(text, a.end, b.start)
        if not gap or a.value[:1] == "X" or b.value[:1] == "X":
            continue
        da, db = date.fromisoformat(a.value[:10]), date.fromisoformat(b.value[:10])
        if gap.group(0).strip() == "and" and published is not None and max(da, db) <= published:
            continue
        if db < da:
            db += timedelta(days=7 * ((da - db).days // 7 + 1))
            out[i] = b.model_copy(update={"value": db.isoformat() + b.value[10:]})
        elif db - da > timedelta(days=6):
            da = db - timedelta(days=(db - da).days % 7)
            out[i - 1] = a.model_copy(update={"value": da.isoformat() + a.value[10:]})
    return out


def _order_days(text: str, out: list[TimeExpression], i: int) -> None:
    """ "between January 1 and September 26": a range's first day, told with no year, comes first."""
    a, b = out[i - 1], out[i]
    if not (_DAY_VALUE.fullmatch(a.value) and _DAY_VALUE.fullmatch(b.value)) or _YEAR_TEXT.search(a.text):
        return
    if not _RANGE_GAP.fullmatch(text, a.end, b.start):
        return
    if not _RANGE_OPEN.search(text, max(0, a.start - 12), a.start):
        return
    da, db = date.fromisoformat(a.value), date.fromisoformat(b.value)
    if da > db:
        try:
            earlier = da.replace(year=da.year - 1)
        except ValueError:  # Feb 29
            return
        if earlier <= db:
            out[i - 1] = a.model_copy(update={"value": earlier.isoformat()})


def _order_months(text: str, out: list[TimeExpression], i: int) -> None:
    """ "runs June-August", "from November to February": a range of months told without a year ends
    on the first such month at or after its first (a list, "in January and December", keeps both)."""
    a, b = out[i - 1], out[i]
    if _YEAR_TOLD.search(b.text) and _YEAR_MONTH_DAY.fullmatch(b.value):
        _months_take_year(text, out, i)
        return
    if not (_MONTH_VALUE.fullmatch(a.value) and _MONTH_VALUE.fullmatch(b.value)) or b.value >= a.value:
        return
    if _YEAR_TEXT.search(a.text) or _YEAR_TEXT.search(b.text):
        return
    if not _MONTH_RANGE_GAP.fullmatch(text, a.end, b.start):
        return
    year = int(a.value[:4]) + (1 if b.value[5:] < a.value[5:] else 0)
    out[i] = b.model_copy(update={"value": f"{year:04d}{b.value[4:]}"})


def _months_take_year(text: str, out: list[TimeExpression], i: int) -> None:
    """ "April and May of 2017", "from December to February 2017", "in June, July and August 2016": the
    months told before the one with the year are of that year, counted back in order (December 2016)."""
    j = i
    while j > 0:
        a, b = out[j - 1], out[j]
        if not _MONTH_VALUE.fullmatch(a.value) or _YEAR_TOLD.search(a.text):
            return
        if not _MONTH_LIST_GAP.fullmatch(text, a.end, b.start):
            return
        year = int(b.value[:4]) - (1 if a.value[5:7] > b.value[5:7] else 0)
        out[j - 1] = a.model_copy(update={"value": f"{year:04d}{a.value[4:]}"})
        j -= 1


def check_rules() -> None:
    """Every rule names a registered normaliser (run at import: a typo fails loudly)."""
    for rule in rules():
        if rule.normaliser not in NORMALISERS:
            raise LookupError(f"rule {rule.name!r}: no normaliser named {rule.normaliser!r}")


check_rules()
