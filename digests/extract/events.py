"""Dated events with their status: one per dated statement, told-twice events merged.

An event is a clause of a content sentence (or a photo caption) holding a
calendar date from ``find_times``. Its status comes from the claim around it:
``reported`` when the sentence rests on others' unconfirmed word ("media
reported ... but there has been no official confirmation"), else ``planned``
when the date lies after publication (or on it, with a future cue), else
``occurred`` (:mod:`digests.extract.status`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection
from datetime import date, timedelta
from functools import lru_cache, partial

from digests import timex
from digests.extract import vocab
from digests.extract.conditions import CONDITION_WORDS as _CONDITION_WORDS
from digests.extract.conditions import (
    HYPOTHETICAL_WORDS,
    POSSIBILITY_MODALS,
    conditional,
    hypothetical,
    may_hold,
    open_condition,
    possibility,
)
from digests.extract.event_clauses import split_clauses, telling, trim_clause
from digests.extract.event_merge import background_only, keywords, merge, one_date
from digests.extract.event_participants import leaders_of, participants, points_back
from digests.extract.no_date import (
    STAMP_WORDS,
    dates_nothing,
    later_ahead,
    named_day,
    names_a_thing,
    page_stamp,
    qualifies_noun,
)
from digests.extract.nowadays import nowadays
from digests.extract.status import (
    NEW_DATE,
    REPORTED,
    called_off_after,
    claim_governs,
    claims,
    expected_past,
    overtaken,
    plan_cue,
    plan_noun,
    plan_status,
    proposal,
    status_cue,
)
from digests.extract.text import DATELINE, Doc, Sentence, caseless, is_caption
from digests.extract.times.dates import split_year_end
from digests.extract.times.scan import hint_places, holds_hint
from digests.extract.times.starts import guarded, holds_any, required_chars
from digests.extract.times.tense import (
    INTENT_VERB,
    Cue,
    attributive,
    governing,
    planned_thing,
    reaction,
    tense_cues,
    tense_near,
    topic_named,
)
from digests.extract.voices import QuoteMarks, quoted, unquoted
from digests.models import Entity, Event, TimeExpression

# Calendar values an event can carry: year, month, day, ISO week, quarter, half, season.
# What an event can be dated to (TIMEX values read by digests.timex); decades are background.
_EVENT_GRAINS = frozenset({"day", "week", "month", "season", "quarter", "half", "year"})
# Modifiers that make a date an open bound rather than a date: "more than 80 years ago".
_VAGUE_MODS = frozenset(
    {"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN", "APPROX"}
    | {"EQUAL_OR_LESS", "EQUAL_OR_MORE"}
)

_PARTICIPLE = re.compile(r"(?:before|after|while|when)\s+\w+ing\b")
# a range ("Jan 13 and 14", "from Monday to Wednesday"), or a choice of dates the event may take ("this
# week or early next week", "on Monday or Tuesday"): one event over them, not two
_SPLIT_RANGE = re.compile(r"\s*(?:-|\u2013|\u2014|to|through|till|until|and|or)\s*")
_BARE_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)?(?:,?\s*\d{4})?")


def _event_value(t: TimeExpression) -> str | None:
    return _value_of(t.type, t.mod, t.value)


@lru_cache(maxsize=4096)
def _value_of(kind: str, mod: str | None, value: str) -> str | None:
    """The calendar value an expression of this type, modifier and value dates an event to."""
    if kind not in ("DATE", "TIME") or (mod in _VAGUE_MODS):
        return None
    v = value.split("T", 1)[0]
    return v if timex.granularity(v) in _EVENT_GRAINS else None


_DEICTIC = re.compile(r"(?i)(?:today|tonight|tomorrow|yesterday|this\s+(?:morning|afternoon|evening))\b")
# a week or a month counted from the speaker's day ("this week", "next month"): in a quotation, from
# when it was said, as a "tomorrow" is
_SPEAKERS_PERIOD = re.compile(r"(?i)(?:this|next|last)\s+(?:week|month)$")
# how long before the paper a quotation of no given day was said, at most (a week's or a month's
# quotation whose frame those days would change is left undated)
_SAID_WITHIN = timedelta(days=3)
_REPORTING = frozenset(vocab.REPORTING_VERBS.words())
_SPEAKERS = ("deictic", "period")  # what _said calls the times counted from the speaker's day
# The quotation was written or recorded, not said to the reporter: its day is not the paper's.
# (the words are data: resources/time/written_channels.txt)
_WRITTEN = re.compile(rf"(?i)\b(?:{vocab.vocabulary('written_channels').alternation()})\b")


# (the words besides the reporting verbs are data: resources/time/spoken_words.txt)
_SPOKEN = re.compile(
    rf"(?i)\b(?:{vocab.REPORTING_VERBS.alternation()}|{vocab.vocabulary('spoken_words').alternation()})\b"
)


def _said_on(
    text: str, sent: Sentence, inside: list[TimeExpression], published: date | None, lo: int
) -> date | None:
    """The day a sentence's quotation was said on ("In a post on Monday, X wrote: '...'"): a day
    of the past week given outside the quotation; the paper's day when the sentence gives no
    time and tells of speech ("the mayor told reporters"); None when that is unknown (a tweet
    or statement of no given day, "said last week")."""
    if published is None:
        return None
    other_time = False
    for t in inside:
        if quoted(text, lo, t.start):
            continue
        other_time = True
        span = timex.bounds(t.value)
        week = published - timedelta(days=7)
        if timex.granularity(t.value) == "day" and span and week <= span[0] <= published:
            return span[0]
    outside = unquoted(text, lo, sent.start, sent.end, -1)
    if other_time or _WRITTEN.search(outside) or not _SPOKEN.search(outside):
        return None
    return published


# Dates the tense placed: a weekday named without a date ("Tuesday", "late Friday"), a month
# without a year ("in August"). "faces a July trial" has no tense cue of its own and stays a
# plan; "launched in August" is last August.
# (a clock time before it too: "6 p.m. Sunday", "10:30 a.m. EDT Monday", "2100 GMT Sunday")
_TENSE_PLACED = re.compile(
    r"(?i)^(?:(?:early|late|on)\s+)?"
    r"(?:(?:\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\.?|\d{4})\s+(?:[a-z]{2,4}\s+)?)?"
    rf"(?:{vocab.WEEKDAYS.alternation()})\b[^0-9]*$"
)
_MONTH_PLACED = re.compile(rf"(?i)^(?:(?:early|late|mid|in)[\s-]+)?(?:{vocab.MONTHS.alternation()})\.?$")
# What has been said by the time it is reported: "in an interview on Sunday", "in a surprise
# address at 2100 GMT Sunday", "according to a report on Saturday", "Sunday night's statement"
# (not "will give an interview on Friday").
_UTTERANCES = (
    r"report|statement|interview|remarks|post|tweet|speech|address|broadcast|briefing|letter|"
    r"message|announcement|op-ed|column|appearance|call|conversation"
)
_UTTERANCE_ON = re.compile(
    rf"(?i)\b(?:in|according\s+to|during)\s+(?:(?:a|an|the|his|her|their|its)\s+)?(?:[\w\u2019'-]+\s+){{0,4}}?"
    rf"(?:{_UTTERANCES})\b(?:\s+[\w:.]+){{0,4}}?\s+(?:(?:on|late|early)\s+)?$"
)
_DAYS_UTTERANCE = re.compile(
    rf"(?i)(?:\s+(?:morning|afternoon|evening|night))?['\u2019]s\s+(?:{_UTTERANCES})\b"
)
_LEADS = re.compile(r"(?i)\W*(?:(?:on|early|late|by)\s+)?")
_SAID_AHEAD = re.compile(r"(?i)\b(?:next|coming|this)\b")
# "since" and then the date, no other time between ("a round since July on Thursday": Thursday's ahead)
# the date of a plan: "postponed from Monday", "the vote scheduled for Jan 5"
_PLAN_DATE = re.compile(
    r"(?i)\b(?:from|(?:scheduled|planned|set|slated|due)\s+(?:for|on|in))\s+(?:the\s+)?(?:\w+\s+(?:week|days?)\s+of\s+)?$"
)
_SINCE = re.compile(
    rf"(?i)\bsince\b(?:(?!\b(?:{vocab.MONTHS.alternation()}|{vocab.WEEKDAYS.alternation()})\b|\d)[^,;:.]){{0,60}}$"
)
# "since September 11" right before its date
_SINCE_DAY = re.compile(r"(?i)\bsince\s+(?:the\s+)?$")
_EARLIER = re.compile(r"(?i)\bearlier(?:\s+(?:on|this|in|that))?\s+$")


def _cues(text: str, lo: int, hi: int, memo: dict[tuple[int, int], list[Cue]]) -> list[Cue]:
    """``tense_cues(text, lo, hi)``, read once per stretch (the times stage hands on what it read)."""
    cues = memo.get((lo, hi))
    if cues is None:
        cues = memo[(lo, hi)] = tense_cues(text, lo, hi)
    return cues


def _tense(
    text: str, start: int, end: int, lo: int, hi: int, memo: dict[tuple[int, int], list[Cue]]
) -> str | None:
    """``tense_near`` over ``text[lo:hi]`` with the cues of that stretch read once, but a plan word
    before its noun ("protested the planned visit on Monday") and the noun "a plan to" after the date
    ("called on Sunday for a plan to ..."): the status's tense."""
    cues = [
        c for c in _cues(text, lo, hi, memo)
        if not attributive(text, c[0], c[1], c[2]) and not (c[0] > start and plan_noun(text, c[0], c[2]))
    ]
    return tense_near(text, start, end, lo, hi, cues)


# a past verb of schedule before the date, no saying nor clause break between: its date is the plan's
# ("Obama was scheduled to outline his plan Tuesday before addressing the nation Wednesday": the
# Wednesday ahead, not the one before)
_SCHEDULE_WORDS = (
    "scheduled", "slated", "due", "set to", "expected", "supposed", "meant", "prepar", "poised", "ready",
    "about to",
)
# the most days ahead a weekday of a past schedule lies and stays ahead: within three days the day
# ahead is the nearer one (the one back is four or more days away), from four the one back
_NEARER_AHEAD = 3
# (a preparing too: "negotiators prepared to meet Tuesday", "were getting ready to vote on Friday"; negated
# too: "was not expected to be raised in the mayor's address Wednesday", "was never meant to", "wasn't
# due to")
_PAST_SCHEDULE = re.compile(
    r"(?i)\b(?:(?:was|were)(?:\s+not|\s+never|n['\u2019]t)?\s+(?:\w+ly\s+)?(?:scheduled|slated|due|set"
    r"|expected|supposed|meant|preparing|poised|getting\s+ready|about)|prepared)\s+to\b"
    rf"(?:(?!\b(?:{vocab.REPORTING_VERBS.alternation()})\b)[^;])*$"
)


# the negation a denied schedule needs ("not", "never", "n't"), looked for before the schedule itself
_DENIAL = re.compile("not|never|n['\u2019]t")


def _past_schedule(text: str, lo: int, start: int) -> bool:
    """Whether a past schedule or preparing governs the date at ``start`` from ``lo`` on ("was
    scheduled to speak on Thursday", "negotiators prepared to meet Tuesday"): it says nothing of which
    way a weekday lies."""
    return may_hold(text[lo:start], _SCHEDULE_WORDS) and _PAST_SCHEDULE.search(text, lo, start) is not None


def _told_as_past(
    text: str,
    t: TimeExpression,
    sent: Sentence,
    clause: str,
    para_start: int,
    memo: dict[tuple[int, int], list[Cue]],
    published: date,
    called_off: bool,
    marks: list[int] | None = None,
) -> bool:
    """Whether a date read as ahead sits in a past-tense clause ("told Fox News Sunday",
    "Earlier on Saturday, X told reporters", "the inquiry launched in August"): a weekday or
    month pushed forward, not a plan. ``clause`` has other people's quotations blanked;
    ``called_off``: whether a cue after the date in it calls the plan off (``status.called_off_after``)."""
    lo = max(sent.start, t.start - 70)
    window = text[lo : t.start]  # each pattern is searched only where its word is
    if may_hold(window[-20:], ("earlier",)) and _EARLIER.search(text, max(sent.start, t.start - 20), t.start):
        return True
    if planned_thing(text, max(sent.start, t.start - 60), t.start):
        return False  # "canceling a planned meeting with officials Wednesday": the plan's day
    if topic_named(text, t.start, t.end):
        return False  # "was asked about the May summit": the asking is past, not the summit
    if may_hold(window, ("since",)) and _SINCE.search(text, lo, t.start):
        return True  # "Since losing an election in Istanbul in March, he has ...": before now
    own = _said(t.text)
    if "placed" not in own or "ahead" in own:
        return False
    if called_off:
        # "Plans for a vote on Friday were shelved", "the march on Saturday would not go ahead": the
        # date names the plan called off, and the past tense is the calling off; of a weekday, as of a
        # past schedule, the nearer one
        span = timex.bounds(t.value.split("T", 1)[0]) if "weekday" in own else None
        return span is not None and (span[0] - published).days > _NEARER_AHEAD
    if _past_schedule(text, sent.start, t.start):
        # "was scheduled to meet leaders Tuesday before addressing the nation Wednesday" in a Monday
        # paper; a past schedule says nothing of which way its weekday lies, so a weekday takes the
        # nearer one ("was scheduled to speak on Thursday" in a Saturday paper: two days back)
        span = timex.bounds(t.value.split("T", 1)[0]) if "weekday" in own else None
        return span is not None and (span[0] - published).days > _NEARER_AHEAD
    said = _UTTERANCE_ON.search(text, max(sent.start, t.start - 60), t.start) or _DAYS_UTTERANCE.match(
        text, t.end
    )
    if "weekday" in own and said and not _utterance_ahead(t, _cues(text, sent.start, sent.end, memo)):
        return True  # "in a report on Saturday", "Sunday night's statement": said already
    # only the cues of the date's own voice: not a "will" inside someone else's quotation
    voice = unquoted(text, para_start, sent.start, sent.end, t.start, marks)
    cues = [c for c in _cues(text, sent.start, sent.end, memo) if voice[c[0] - sent.start] != " "]
    if "weekday" in own and _LEADS.fullmatch(text, sent.start, t.start):
        # "On Sunday, the speaker said the body will convene": the first verb after a leading
        # weekday is the one it dates
        first = min((c for c in cues if c[0] >= t.end), default=None)
        if first is not None and first[3] == "past":
            return True
    if NEW_DATE.search(text, max(sent.start, t.start - 24), t.start):
        return False  # "delayed until August": the date the verb points to, not the verb's time
    if _intent_told(text, t, cues):
        return True
    return tense_near(text, t.start, t.end, sent.start, sent.end, cues) == "past"


def _utterance_ahead(t: TimeExpression, cues: list[Cue]) -> bool:
    """Whether an utterance dated by the weekday ``t`` ("in her speech Wednesday", "Wednesday's
    address") is still to come: no past verb before the date and a future one governing it ("will
    also stress in her speech Wednesday", "Wednesday's address, which will come a day before the vote,
    will help ..."; not "announced his plans ... in an address at 1800 GMT Sunday", "Sunday's statement
    was welcomed", "would collapse, according to a report on Saturday"). A verb of saying after the date is
    the report's, not the utterance's."""
    before = [c for c in cues if c[1] <= t.start]
    if before:
        # (not "would": the future of a past, "the deal would collapse, according to a report on Saturday")
        last = before[-1]
        return last[3] == "future" and last[2].lower() != "would" and all(c[3] != "past" for c in before)
    after = [c for c in cues if c[0] >= t.end and c[2].lower() not in _REPORTING]
    return bool(after) and after[0][3] == "future"


# what may stand between a date and a past verb of intent (tense.INTENT_VERB: "early Thursday
# formally agreed")
_TO_VERB = re.compile(r"\s+(?:\w+ly\s+)?")


def _intent_told(text: str, t: TimeExpression, cues: list[Cue]) -> bool:
    """Whether the date ``t`` is the day of a past verb of intent right after it or around it ("North
    Korea early Thursday threatened to back away from the summit", "agreed Thursday to meet"): the
    threatening's or the agreeing's day, not the day of what it intends (TimeML anchors the date to
    the verb it modifies; what is intended has no date of its own there)."""
    for c in cues:
        if c[3] != "future" or c[1] <= t.start:
            continue
        if c[0] > t.end + 24:
            return False
        if INTENT_VERB.match(text, c[0]) is None:
            continue
        # "threatened Thursday to": the date inside the cue; "Thursday formally agreed to": right before it
        return c[0] < t.start or _TO_VERB.fullmatch(text, t.end, c[0]) is not None
    return False


def _claimed(
    text: str, found: list[re.Match[str]], t: TimeExpression, clause: tuple[int, int], sent: Sentence,
    memo: dict[tuple[int, int], list[Cue]], before: bool,
) -> bool:
    """Whether a claim of the sentence covers the date ``t`` (``before``: it starts by the paper's day)."""
    cues = _cues(text, sent.start, sent.end, memo)

    def cue_after(pos: int) -> int | None:
        return min((c[0] for c in cues if c[0] >= pos), default=None)

    verb = partial(governing, text, t.start, t.end, sent.start, sent.end, cues)
    span = (t.start, t.end)
    return any(claim_governs(text, m, span, clause, sent.end, verb, cue_after, before) for m in found)


@lru_cache(maxsize=4096)
def _said(words: str) -> frozenset[str]:
    """What a time expression's text alone says, tested once per distinct text: "weekday"
    (_TENSE_PLACED), "placed" (that or _MONTH_PLACED), "ahead" (_SAID_AHEAD), "anchored",
    "overnight", "deictic" (_DEICTIC), "period" (_SPEAKERS_PERIOD), "year" (_HAS_YEAR)."""
    tests = {
        "weekday": _TENSE_PLACED.search(words),
        "placed": _TENSE_PLACED.search(words) or _MONTH_PLACED.fullmatch(words),
        "ahead": _SAID_AHEAD.search(words),
        "anchored": _ANCHORED.search(words),
        "overnight": words.lower() == "overnight",
        "deictic": _DEICTIC.match(words),
        "period": _SPEAKERS_PERIOD.match(words),
        "year": _HAS_YEAR.search(words),
    }
    return frozenset(name for name, found in tests.items() if found)


def _range_end(value: str, end: str) -> bool:
    """Whether ``end`` can close a range opened by ``value``: a later value of the same form ("Jan 13
    and 14", "2019 to 2021"), or of another grain that begins after ``value`` ends ("between mid-April
    and August 27", "from 2015 to March 2017"; not "April and April 27", a day inside the month)."""
    if len(end) == len(value):
        return end > value
    first, last = timex.bounds(value), timex.bounds(end)
    return first is not None and last is not None and first[1] < last[0]


def _ahead(value: str, published: date) -> bool:
    span = timex.bounds(value)
    return span is not None and span[0] > published


def _before(value: str, published: date) -> bool:
    span = timex.bounds(value)
    return span is not None and span[1] < published


def _on_the_day(value: str, published: date) -> bool:
    span = timex.bounds(value)
    return span is not None and span[0] <= published <= span[1]


# "later this month", "later this week": the part of the period after the paper's day
_LATER_THIS = re.compile(r"(?i)later\s+this\b")
# the days of a period's last part ("the end of the month": its last ten days), by granularity
_LAST_PART = {"week": 2, "month": 10, "quarter": 31, "season": 31, "half": 31, "year": 31}


# an invitation to a place or a gathering, its date the visit's: "invited X to the capital this week"
# (a place or a gathering after "to", not a verb: "was invited to speak this week")
_INVITED_TO = re.compile(
    r"\b[Ii]nvit(?:ed|es?|ing)\s[^;.:]{0,60}?\bto\s+(?:[A-Z]|(?:the|a|an|his|her|their|its)\s|talks\b)"
    r"[^;.:]{0,60}?$"
)


def _invited_to(text: str, lo: int, t: TimeExpression, value: str, published: date) -> bool:
    """Whether ``t`` is the period of the paper's day ("this week", not a day) that an invitation
    before it names the visit of: "leaders did invite the country's new president, Ilse Varga, to Oslo
    this week" (in a Wednesday paper), "invited the envoys to talks this month"."""
    return (
        _on_the_day(value, published)
        and timex.granularity(value) in _LAST_PART
        and may_hold(text[max(lo, t.start - 130) : t.start], ("invit",))
        and _INVITED_TO.search(text, max(lo, t.start - 130), t.start) is not None
    )


# a plan's period: "plans for 2026", "its targets for this year", "the agenda for this week"
_PLAN_FOR = re.compile(r"(?i)\b(?:plans?|targets?|goals?|agenda|priorities|ambitions)\s+for\s+$")


def _aimed_at_start(text: str, lo: int, t: TimeExpression) -> int:
    """Where the plan noun and its "for" before ``t`` start, or -1."""
    found = _PLAN_FOR.search(text, max(lo, t.start - 20), t.start)
    return found.start() if found else -1


def _aimed_at(text: str, lo: int, t: TimeExpression, value: str, published: date) -> bool:
    """Whether ``t`` is a period holding the paper's day (not a day) that a plan noun is for: "the
    ministry's plans for 2026", "its targets for this year" (in a paper of that year), not "plans for
    Monday" nor "its plans for 2019" told in 2026."""
    return (
        _on_the_day(value, published)
        and timex.granularity(value) in _LAST_PART
        and _aimed_at_start(text, lo, t) >= 0
    )


def _rest_ahead(t: TimeExpression, value: str, published: date, tense: Callable[[], str | None]) -> bool:
    """Whether a week, month, season or year that spans the paper's day is named by its part still
    ahead: "later this month" (in any tense: "asked a judge to hear arguments later this month"), or its
    end (TIMEX ``mod`` END) whose last part starts after the paper's day, told in this period ("when
    troops leave at the end of this year") or in a clause not told in the past ("a withdrawal to be
    complete by the end of the year"; not "the talks ended late this month" of a paper of its last
    days, nor "late Tuesday", a day)."""
    grain = timex.granularity(value)
    span = timex.bounds(value)
    if grain not in _LAST_PART or span is None or not span[0] <= published <= span[1]:
        return False
    if _LATER_THIS.match(t.text):
        return True
    if t.mod != "END" or published > span[1] - timedelta(days=_LAST_PART[grain]):
        return False
    return "this" in t.text.lower().split() or tense() != "past"


def _nearer(value: str, published: date) -> str:
    """A weekday's day read back, moved a week ahead when that day lies at most ``_NEARER_AHEAD``
    days after the paper's (the nearer of the two: "the march on Saturday was called off" in a
    Thursday paper is the coming Saturday)."""
    span = timex.bounds(value)
    if span is None or span[0] > published:
        return value
    ahead = span[0] + timedelta(days=7)
    return ahead.isoformat() if 0 < (ahead - published).days <= _NEARER_AHEAD else value


def _from_said(value: str, published: date, said_on: date) -> str | None:
    """A day, week or month counted from the paper's day (``value``) counted again from the day
    ``said_on`` a quotation was said ("tomorrow" said on Monday is Tuesday); None for another grain."""
    span, grain = timex.bounds(value), timex.granularity(value)
    if span is None:
        return None
    if grain == "day":
        return (said_on + (span[0] - published)).isoformat()
    if grain == "week":
        weeks = (span[0] - (published - timedelta(days=published.weekday()))).days // 7
        year, week, _ = (said_on + timedelta(weeks=weeks)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    if grain == "month":
        months = said_on.year * 12 + said_on.month - 1 + (span[0].year - published.year) * 12
        months += span[0].month - published.month
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return None


def _next_day(published: date) -> str:
    return (published + timedelta(days=1)).isoformat()


def _moved_back(value: str, published: date, weekday: bool = True) -> str | None:
    """A weekday or a month read ahead of publication, moved to its previous occurrence (the
    week or the year before; a day named by its month, ``weekday`` False: the year before);
    None when that is not before publication either."""
    span = timex.bounds(value)
    if span is None:
        return None
    grain = timex.granularity(value)
    if grain == "day":
        near = weekday and span[0] - published <= timedelta(days=7)
        first = span[0] - timedelta(days=7) if near else None
        if first is None:
            try:
                first = span[0].replace(year=span[0].year - 1)
            except ValueError:  # Feb 29
                return None
        return first.isoformat() if first <= published else None
    if grain == "month":
        year, month = value.split("-")[:2]
        back = f"{int(year) - 1:04d}-{month}"
        back_span = timex.bounds(back)
        return back if back_span and back_span[1] < published else None
    return None


_LAST = re.compile(r"(?i)\blast\s")
# a date approached, not reached: "expected him to wait until closer to Saturday", "nearer the March
# vote": some time before it, which no event of the clause takes place on
_APPROACH = re.compile(r"(?i)\b(?:closer|nearer)\s+(?:to\s+)?(?:the\s+)?$")
_NEGATION = re.compile(r"(?i)\b(?:not|never|nobody|no\s+one)\b|n['\u2019]t\b")
_ANCHORED = re.compile(r"(?i)\b(?:after|before)$")
_ANY_DAY = re.compile(r"(?i)\b(?:a|an|any|every|each|single|one)\s+$")
# a past date told as a name ("the Sept. 11, 2012, terrorist attacks"): a known event, not a claim of
# the sentence's ("a report that, according to sources, will support the account of ...")
_NAMED_AFTER = re.compile(rf"(?i),?(?:\s*['\u2019]s)?\s+(?:{vocab.NAMED_DAYS.alternation()})\b")
_HAS_YEAR = re.compile(r"\d{4}|['\u2019]\d\d\b")


# The patterns searched over whole sentences and clauses, behind the look-ahead of the places
# a match can start (starts.guarded): the same matches, without trying each at every character.
_WRITTEN, _SPOKEN, _UTTERANCE_ON, _ANY_DAY, _LAST = (
    guarded(rx) or rx for rx in (_WRITTEN, _SPOKEN, _UTTERANCE_ON, _ANY_DAY, _LAST)
)
_TENSE_PLACED, _PLAN_DATE, _SAID_AHEAD, _HAS_YEAR, _ANCHORED = (
    guarded(rx) or rx for rx in (_TENSE_PLACED, _PLAN_DATE, _SAID_AHEAD, _HAS_YEAR, _ANCHORED)
)
# the characters every dateline holds one of (a dash, a colon, a bracket: ``starts.required_chars``),
# looked for before the pattern is tried at a paragraph's start (most openings hold none)
_DATELINE_CHARS = required_chars(DATELINE)
_DATELINE_NEEDS = "".join(sorted(_DATELINE_CHARS)) if _DATELINE_CHARS is not None else None


# a date told as the end of what a headline tells: "agree delay until January 31", "talks must end by Friday"
_DEADLINE_BEFORE = re.compile(r"(?i)\b(?:until|till|through|by)\s+(?:the\s+end\s+of\s+)?$")
_DONE_WITHIN = timedelta(days=7)


def _deadline_headline(
    events: list[Event], deadlines: set[tuple[int, str]], head: int | None, published: date | None,
    memo: dict[str, frozenset[str]],
) -> list[Event]:
    """A headline dated by the end of what it tells ("EU agrees delay until January 31", "Talks must
    end by Friday") when the body tells that same thing done in the week up to the paper's day ("The EU
    agreed on Monday to a delay of three months"): one event, the body's, under the day it was done;
    not a second one under the deadline. (A body that tells the deadline too keeps it: ``merge``.)"""
    if not deadlines or published is None:
        return events
    done = []
    for o in events:
        span = timex.bounds(o.date) if o.paragraph != head and o.status == "occurred" else None
        if span is not None and published - _DONE_WITHIN <= span[0] and span[1] <= published:
            done.append(o)
    out = []
    for e in events:
        if e.paragraph == head and e.status == "planned" and (e.start, e.date) in deadlines:
            kw = keywords(e.text, memo)
            told = [keywords(o.text, memo) for o in done]
            if any(len(kw & w) / (min(len(kw), len(w)) or 1) >= 0.5 for w in told):
                continue
        out.append(e)
    return out


def _headline(text: str, doc: Doc) -> int | None:
    """The index of the paragraph that is the article's headline: its first, one line with no
    full stop at its end ("Japan confirms Takaichi will host Lee in Nara next week"); None when the
    text opens with a sentence."""
    if not doc.paragraphs:
        return None
    first = doc.paragraphs[0]
    line = text[first.start : first.end].rstrip()
    return first.index if line and line[-1] not in ".!" and "\n" not in line else None


def find_events(
    doc: Doc,
    times: list[TimeExpression],
    entities: list[Entity],
    published: date | None,
    *,
    captions: Collection[int] | None = None,
    cues: dict[tuple[int, int], list[Cue]] | None = None,
) -> list[Event]:
    """Dated statements of what happened or will happen, one per event, with status and entities.

    ``captions``: the furniture paragraphs that are photo captions (found here when not given);
    ``cues``: tense cues already read, by (start, end) (the times stage's ``tense_cues``).
    """
    text = doc.text
    memo: dict[tuple[int, int], list[Cue]] = dict(cues) if cues else {}
    plans: dict[str, re.Match[str] | None] = {}  # the plan cue of each clause read
    dated = [t for t in sorted(times, key=lambda t: t.start) if _event_value(t)]
    if not dated:
        return []
    starts = [t.start for t in dated]
    para_of = {p.index: p for p in doc.paragraphs}
    # mentions by start, so that a clause finds its own with two bisections
    mentions = sorted([(s, e, ent.name) for ent in entities for s, e in ent.mentions])
    mention_starts = [s for s, _, _ in mentions]
    longest = max([e - s for s, e, _ in mentions], default=0)
    people = {ent.name for ent in entities if ent.type == "person"}
    kinds: dict[str, str] = {ent.name: ent.type for ent in entities}
    leaders = leaders_of(entities)
    events: list[Event] = []
    captioned: set[int] = set()  # indices of events read from photo captions
    told_past: set[tuple[int, str]] = set()  # (start, date) of dates read ahead but told in the past
    quote_marks = QuoteMarks(text)
    # where the hints of claims and clause breaks stand: found in the times stage's pass over the text
    claim_hints, break_hints = hint_places(doc, "claim"), hint_places(doc, "clause_break")
    off_hints = hint_places(doc, "off")
    # the text lower-cased where the engine's case folding is that (``text.caseless``): claims are found
    # there first
    folded = doc.lower if caseless(text, doc.lower) else None
    head = _headline(text, doc)
    deadlines: set[tuple[int, str]] = set()  # (start, date) of a headline's events dated by their end
    apart: set[tuple[int, int]] = set()  # (start, end) of the tellings carved out of their clauses
    # (start, date) of the events dated as an utterance: "in an interview that aired Sunday"
    # and the people each names outside quotation marks
    occasions: dict[tuple[int, str], frozenset[str]] = {}
    carved_days: set[str] = set()  # the dates of the carved tellings so far: an occasion comes after one
    for n_sent, sent in enumerate(doc.sentences):
        # most sentences hold no date: settle those with two bisections first
        lo = bisect_right(starts, sent.start - 1)
        hi = bisect_right(starts, sent.end - 1)
        if lo == hi:
            continue
        para = para_of.get(sent.paragraph)
        if para is None:
            continue
        caption = para.furniture and (
            para.index in captions if captions is not None else is_caption(text[para.start : para.end])
        )
        if para.furniture and not caption:
            continue
        # a caption's first date is the picture's moment ("... at their first meeting in
        # October 2025", "in a file picture from November"), never an event; a later one may
        # tell background ("... on Jan 5 using a phone gifted during their first summit in 2025")
        picture_at = dated[bisect_left(starts, para.start)].start if caption else -1
        inside = [t for t in dated[lo:hi] if t.end <= sent.end + 1]
        if not inside:
            continue
        s_text = text[sent.start : sent.end]
        s_low = s_text.lower()
        hinted = None if claim_hints is None else holds_hint(claim_hints, sent.start, sent.end)
        claimed = claims(text, sent.start, sent.end, s_low, hinted, folded)
        # the words a condition or a joint reference needs, looked for once in the sentence (every
        # window those patterns read lies inside it), not once per date
        maybe_if = may_hold(s_text, _CONDITION_WORDS, s_low)
        maybe_hypothetical = may_hold(s_text, HYPOTHETICAL_WORDS, s_low)
        maybe_joint = "both" in s_low or "two" in s_low or "three" in s_low
        maybe_stamp = may_hold(s_text, STAMP_WORDS, s_low)
        maybe_possible = may_hold(s_text, POSSIBILITY_MODALS, s_low)
        clauses = split_clauses(text, sent, break_hints)
        for n_clause, (a, b) in enumerate(clauses):
            here = [t for t in inside if a <= t.start < b]
            # "... will attend the forum before returning to Seoul on Jan 7": a participle
            # clause has no subject of its own, so the statement is the whole sentence part.
            text_from = clauses[n_clause - 1][0] if n_clause and _PARTICIPLE.match(text, a) else a
            i = 0
            while i < len(here):
                t = here[i]
                value = _event_value(t)
                assert value is not None
                # "the 2019-20 season": one period over two years
                end_value: str | None = split_year_end(t.text, value)
                if t.start == picture_at:
                    i += 1
                    continue
                if i + 1 < len(here) and not text[t.end : here[i + 1].start].strip() and _event_value(
                    here[i + 1]
                ) == value:
                    i += 1
                    continue  # "at 2100 GMT Sunday" read as two times: one moment, told by the weekday's
                if published and _LAST.search(text, max(a, t.start - 5), t.end) and _ahead(value, published):
                    i += 1
                    continue  # "last Labor Day" read ahead of the paper: its year is unknown here
                if _APPROACH.search(text, max(a, t.start - 16), t.start):
                    i += 1
                    continue  # "wait until closer to Saturday": a date approached, no event's
                said = _said(t.text)
                if "anchored" in said:
                    i += 1
                    continue  # "two weeks after the reporter was killed": the day of an untold date
                if "weekday" in said and _ANY_DAY.search(text, max(a, t.start - 8), t.start):
                    i += 1
                    continue  # "a single Saturday", "every Friday": no day in particular
                if "overnight" in said and _NEGATION.search(text, a, t.start):
                    i += 1
                    continue  # "such efforts won't be effective overnight": in no time, not a night
                if named_day(text, t, published):
                    i += 1
                    continue  # "the Sept. 11 attacks": a name, not a date ahead
                if dates_nothing(text, sent.start, t):
                    i += 1
                    continue  # "over the past year", "Made in China 2025", "Today:", "Lee's January."
                ahead_year = published is not None and value >= f"{published.year}"
                if ahead_year and len(here) > 1 and names_a_thing(text, t, here):
                    # "are set to question her on Wednesday ... his 2020 reelection bid", "expects sales in
                    # the current fiscal year above fiscal 1989 sales": the year names a thing (a past one,
                    # "a 2019 speech", is still an event of its year)
                    i += 1
                    continue
                if maybe_stamp and page_stamp(text, sent.start, t):
                    i += 1
                    continue  # "Updated at 10:15 a.m. ET": the page's stamp, not an event
                if maybe_hypothetical and hypothetical(text, sent.start, t.start):
                    i += 1
                    continue  # "Now suppose that in 2019 ...", "if, say, the talks collapsed on Friday"
                if maybe_if and conditional(text, sent.start, t.start):
                    i += 1
                    continue  # "if we had bombed Assad in 2013", "would testify tomorrow if ...": no event
                if "deictic" in said and nowadays(text, a, b, t.start, t.end):
                    i += 1
                    continue  # "today's Russia", "the Middle East today": the present, no day
                if published and not said.isdisjoint(_SPEAKERS) and quoted(text, para.start, t.start):
                    # "tomorrow", "this week" in a quotation count from the day it was said; unknown: undated
                    said_on = _said_on(text, sent, inside, published, para.start)
                    moved = _from_said(value, published, said_on) if said_on is not None else None
                    if moved is None and "period" in said:
                        # a week or a month of an unknown day of saying: the paper's when the days just
                        # before the paper lie in it too ("this week" of a tweet in a Monday paper: unsure)
                        moved = _from_said(value, published, published - _SAID_WITHIN)
                        moved = value if moved == value else None
                    if moved is None:
                        i += 1
                        continue
                    value = moved
                if (
                    published
                    and maybe_if
                    and open_condition(text, sent.start, t)
                    and (not _before(value, published) or "weekday" in said)
                ):
                    i += 1
                    continue  # "if they fail by Friday, ...": a condition (of a weekday unsure), no plan
                # "Jan 13 and 14", "from Jan 28 to 30", "from Monday to Wednesday": one event, a range.
                if i + 1 < len(here):
                    nxt = here[i + 1]
                    gap = text[t.end : nxt.start]
                    v2 = _event_value(nxt)
                    bare = _BARE_DAY.fullmatch(nxt.text) is not None
                    lead = text[max(a, t.start - 9) : t.start].lower()
                    joined = _SPLIT_RANGE.fullmatch(gap) and (
                        gap.strip() != "and" or bare or "between" in lead
                    )
                    if joined and v2 and _range_end(value, v2):
                        end_value = v2
                        i += 1
                i += 1
                ca, cb = trim_clause(text, text_from, b)
                if ca == para.start:
                    # "TOKYO (Meridian Wire) - Japan confirmed ...": the event starts after the dateline
                    dateline = (
                        DATELINE.match(text, ca, cb)
                        if _DATELINE_NEEDS is None or holds_any(text, _DATELINE_NEEDS, ca, cb)
                        else None
                    )
                    if dateline:
                        ca = dateline.end()
                whole = (ca, cb)  # the clause a claim is read against, before a telling narrows it
                if end_value is None and len(here) > 1:
                    # "X will fly to Beijing on Sunday, his office said on Jan 2, in a trip ...":
                    # the telling keeps its own date, and only its own words
                    ca, cb = telling(text, t, here, ca, cb)
                    if (ca, cb) != whole:
                        apart.add((ca, cb))
                clause = text[ca:cb]
                # a mention ending after ca starts after ca - longest
                m_lo = bisect_right(mention_starts, ca - longest)
                m_hi = bisect_left(mention_starts, cb)
                names = sorted({n for _, e, n in mentions[m_lo:m_hi] if e > ca})
                own_people = any(kinds.get(n) == "person" for n in names)
                if points_back(clause, maybe_joint, own_people):
                    names = sorted({*names, *participants(doc, n_sent, mentions, kinds, leaders, clause)})
                # cues of this date's own voice: the reporting, or the quotation holding it
                marks = quote_marks.of(para)
                own = unquoted(text, para.start, ca, cb, t.start, marks)
                passive = reaction(text, t.end, cb) if published and _on_the_day(value, published) else None
                if passive is not None:
                    # "today's decision will be welcomed": the day is the decision's, the "will" not
                    own = own[: passive[0] - ca] + " " * (passive[1] - passive[0]) + own[passive[1] - ca :]
                # "Plans for a vote on Friday were shelved": the date names the plan called off (of a
                # weekday the times stage read back by the past tense, the nearer one, as of a past schedule)
                called_off = (
                    published is not None
                    and (off_hints is None or holds_hint(off_hints, t.end, cb))
                    and called_off_after(own, t.start - ca)
                )
                if (
                    published is not None and "weekday" in said and end_value is None
                    and (called_off or _past_schedule(text, sent.start, t.start))
                ):
                    value = _nearer(value, published)
                before = published is not None and not _ahead(value, published)
                reported = (
                    bool(claimed)
                    and _claimed(text, claimed, t, whole, sent, memo, before)
                    # a past thing named by its date ("the Sept. 11 attacks", "helped engineer the 2015
                    # deal"): background the claim tells of, not the claim's event
                    and not (
                        before and (_NAMED_AFTER.match(text, t.end) or qualifies_noun(text, t, definite=True))
                    )
                )
                tense_of = partial(_tense, text, t.start, t.end, ca, cb, memo)
                status = plan_status(
                    value, end_value, own, reported, published, tense_of, t.start - ca, plans
                )
                if status == "planned" and later_ahead(t) and tense_of() != "future":
                    continue  # "Yet two years later, the revelation is ...": counted from an untold date
                rest: str | None = None
                if (
                    status == "occurred" and published and _rest_ahead(t, value, published, tense_of)
                    and not _SINCE_DAY.search(text, max(ca, t.start - 12), t.start)  # "since year-end"
                ):
                    # "later this month", "by the end of the year" in a September paper: the part of
                    # the period still ahead, a plan (resting on the date's own words)
                    status, rest = "planned", " ".join(t.text.split())
                elif status == "occurred" and published and _invited_to(text, ca, t, value, published):
                    # "did invite the new president to Wales this week" in a Wednesday paper: the
                    # invitation is done, the visit it names is the rest of the week
                    status, rest = "planned", "invited"
                elif status == "occurred" and published and _aimed_at(text, ca, t, value, published):
                    # "weighed the ministry's plans for 2026" in a 2026 paper: what is planned for the
                    # year still running, not a thing done in it
                    status, rest = "planned", " ".join(text[_aimed_at_start(text, ca, t) : t.start].split())
                past_claim = False  # a claim told in the past of a day the paper dates ahead
                offered = (
                    proposal(text, ca, t.start)
                    if status == "planned" and published is not None and _ahead(value, published)
                    else None
                )
                possible = (
                    possibility(text, sent.start, sent.end, t.start, governing(
                        text, t.start, t.end, ca, cb, _cues(text, sent.start, sent.end, memo)))
                    if offered is None and maybe_possible and status == "planned" else None
                )
                if offered is not None:
                    # "proposed holding talks next week", "is pushing for an election on March 8":
                    # what someone wants, not a plan (nor a past date pushed ahead by a past verb)
                    status = "proposed"
                elif possible is not None:
                    # "Depending on how the talks go, they could meet the week of Jan. 26": what may
                    # happen, not a plan
                    status, offered = "possible", possible
                elif (
                    status in ("planned", "reported")
                    and published is not None
                    and _ahead(value, published)
                    and _told_as_past(text, t, sent, own, para.start, memo, published, called_off, marks)
                ):
                    # a past-tense clause never makes a plan: its date was pushed ahead
                    since = _SINCE_DAY.search(text, max(sent.start, t.start - 12), t.start)
                    if since and "weekday" not in said:
                        continue  # "since September 11" read ahead: a period's start, of an unknown year
                    if "weekday" in said and end_value is None and value == _next_day(published):
                        # the day after the paper's, told in the past: that day (a paper dated the day
                        # before its news, as the times stage reads it), not a week back
                        back: str | None = value
                    else:
                        back = _moved_back(value, published, "weekday" in said) if end_value is None else None
                    if back is None:
                        continue
                    # still ahead, the day after the paper's: a claim of it told in the past is done by
                    # the time of the report ("Moon said ... on Friday, according to Yonhap" in a Thursday
                    # paper), not a claim of something to come; it keeps the claim as its cue
                    past_claim = status == "reported" and _ahead(back, published)
                    value, status = back, "occurred" if status == "planned" or past_claim else status
                    told_past.add((ca, value))
                cue: str | None = offered or rest
                if status in ("planned", "reported"):
                    changed = status_cue(text, ca, cb, t.start)
                    if changed:
                        status, cue = changed
                elif called_off or _PLAN_DATE.search(text, max(ca, t.start - 30), t.start) or (
                    published and not _before(value, published) and planned_thing(text, ca, t.start)
                ):
                    # "canceled a planned trip to Turkey on Thursday" in Thursday's paper: the trip is off
                    # "pushed back indefinitely from the first week of August": the plan's date, not kept
                    changed = status_cue(text, ca, cb, t.start)
                    if changed and changed[0] in ("cancelled", "postponed"):
                        status, cue = changed
                elif _DENIAL.search(text, max(sent.start, t.start - 60), t.start) and _past_schedule(
                    text, sent.start, t.start
                ):
                    # "The vote was not supposed to happen Tuesday", "was never meant to": a past
                    # schedule denied, of a day gone by as of one ahead
                    changed = status_cue(text, ca, cb, t.start)
                    if changed and changed[0] == "denied":
                        status, cue = changed
                if cue is None and (status == "reported" or past_claim):
                    claim = REPORTED.search(text, sent.start, sent.end)
                    cue = claim.group(0) if claim else None
                elif cue is None and status == "planned":
                    plan = plan_cue(own, plans)
                    cue = " ".join(plan.group(0).split()) if plan else expected_past(own, t.start - ca)
                if sent.paragraph == head and end_value is None and _DEADLINE_BEFORE.search(
                    text, max(ca, t.start - 20), t.start
                ):
                    deadlines.add((ca, value))
                if (ca, cb) in apart:
                    carved_days.add(value)
                elif value in carved_days and (
                    _UTTERANCE_ON.search(text, max(ca, t.start - 60), t.start)
                    or _DAYS_UTTERANCE.match(text, t.end, cb)
                ):
                    occasions[(ca, value)] = frozenset(
                        n for n in names if n in people and any(w in own for w in n.split())
                    )
                events.append(
                    Event.trusted(
                        date=value,
                        date_end=end_value,
                        status=status,
                        text=clause,
                        start=ca,
                        end=cb,
                        entities=names,
                        paragraph=sent.paragraph,
                        cue=cue,
                        sentence="",  # the words it is shown in: the shown stage's (every field given:
                        shown="",  # the cheap path of ``trusted``)
                    )
                )
                if caption:
                    captioned.add(len(events) - 1)
    words: dict[str, frozenset[str]] = {}  # the keywords of each clause, read once
    kept = one_date(
        merge(background_only(events, captioned), people, words, head, apart, occasions), people, words
    )
    kept = _deadline_headline(kept, deadlines, head, published, words)
    # "the summit scheduled for June 12", called off elsewhere
    return overtaken(text, kept, published, doc.lower, told_past, off_hints)

