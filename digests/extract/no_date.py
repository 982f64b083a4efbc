"""Time expressions that date no event of their clause, read from the expression and the few
characters around it: a period running up to the paper's day ("over the past year"), a year
closing a quoted name ("Made in China 2025") or bounding an open period ("activities beyond
2025"), a heading's "Today:", a greeting's day ("Happy July 4"), a month that belongs to someone
("Few diplomats envy Lee's January."), and a span counted from an earlier date ("two years
later") that the times stage could only count from the paper's day."""

from __future__ import annotations

import re
from functools import lru_cache

from digests.extract import vocab
from digests.models import TimeExpression

# "the past year", "the last month": the twelve months (or weeks, days) up to the paper's day, not
# the calendar year or month before ("Xi, who has met Kim five times in the past year"); in "the
# last week of August" the month is the date (the times stage reads "the last week" apart)
_PERIOD_TO_NOW = re.compile(r"(?i)the\s+(?:past|last)\s+(?:year|month|week|decade|quarter)")
# "two years later", "a year later", "weeks later": counted from a date of the story
_LATER = re.compile(r"(?i)\S.*\blater")
_YEAR = re.compile(r"\d{4}")
# a month and nothing else ("January", "Jan."): a possessor's month when "'s" comes right before
_MONTH = re.compile(rf"(?i)(?:{vocab.MONTHS.alternation()})\.?")
_DEICTIC = re.compile(r"(?i)(?:today|tonight|this\s+week)")
_OPENING_MARKS = "\"'\u201c\u2018"
_CLOSING = re.compile(r"[.,]?[\"'\u201d\u2019](?![A-Za-z])")
_WORD = re.compile(r"[\w'\u2019-]+")
_BEYOND = re.compile(r"(?i)\bbeyond\s+$")


@lru_cache(maxsize=4096)
def kind(words: str) -> str | None:
    """What an expression's text alone may be, tested once per distinct text: "period" (the past
    year), "later" (two years later), "year" (a bare year), "month" (a bare month), "deictic" (today,
    tonight, this week); None for every other expression, which no rule here reads."""
    if _PERIOD_TO_NOW.fullmatch(words):
        return "period"
    if _LATER.fullmatch(words):
        return "later"
    if _YEAR.fullmatch(words):
        return "year"
    if _MONTH.fullmatch(words):
        return "month"
    if _DEICTIC.fullmatch(words):
        return "deictic"
    return None


def dates_nothing(text: str, sent_start: int, t: TimeExpression) -> bool:
    """Whether ``t`` (in the sentence starting at ``sent_start``) dates no event of its clause by its
    own words and those right around it: "over the past year", a year closing a quoted name ("the
    'Made in China 2025' plan"), a heading's "Today:" ("Today: the presence of U.S. troops ... was
    designed ..."), a month that is someone's ("Few diplomats envy Lee Jae Myung's January.").
    "later" needs the clause's tense: :func:`later_ahead`."""
    if text[max(0, t.start - 7) : t.start].rstrip().endswith(("Happy", "Merry")):
        # "Happy July 4, America!" on a protest sign: a greeting, capitalised as it opens, names the
        # day, no event (not "I am very happy today that ...")
        return True
    what = kind(t.text)
    if what is None or what == "later":
        return False
    if what == "period":
        return True  # "the last week of August": the month's, a date of its own
    if what == "year":
        # "its nuclear activities beyond 2025", "troops will stay beyond 2027": the bound of an open
        # period after it, no event of that year (a day or month stays: "extending Brexit beyond
        # 31 October" names the deadline)
        return _BEYOND.search(text, max(sent_start, t.start - 8), t.start) is not None or _names_a_year(
            text, sent_start, t
        )
    if what == "month":
        # "Lee Jae Myung's January." (not "Lee's January visit": the visit's month)
        return (
            text.startswith(("'s ", "\u2019s "), t.start - 3)
            and (t.end >= len(text) or text[t.end] in ".,;:!?)\n")
        )
    # "Today: ..." opening a sentence: a heading (a podcast's, a newsletter's), not the day's event
    return text.startswith(":", t.end) and not text[sent_start : t.start].strip(" \"\u201c(")


# a year closing a name in title case before the noun of a programme: "China's Made In 2025 plan",
# "the Vision 2030 reforms" (not "In 2025 plans changed": a sentence's opening word; nor "the 2025
# plan" or "China's 2030 plan", a plan for that year)
_PROGRAMME_AFTER = re.compile(
    r"\s+(?:plan|plans|strategy|initiative|agenda|programm?e|blueprint|project|reforms)\b"
)
_TITLE_BEFORE = re.compile(r"[\w,'\u2019-]\s+([A-Z][a-z]*)\s+$")


def _names_a_year(text: str, sent_start: int, t: TimeExpression) -> bool:
    """A year closing a short quoted name in title case ('"Made in China 2025"', '\u2018Vision
    2030.\u2019'), or an unquoted one before the noun of a programme ("China's Made In 2025 plan"): a
    name, not a date ("We will win in 2020," he said: a sentence, not a name)."""
    if _CLOSING.match(text, t.end) is None:
        if _PROGRAMME_AFTER.match(text, t.end) is None:
            return False
        title = _TITLE_BEFORE.search(text, max(sent_start, t.start - 30), t.start)
        return title is not None and not _MONTH.fullmatch(title.group(1))
    lo = max(sent_start, t.start - 50)
    opening = max(text.rfind(m, lo, t.start) for m in _OPENING_MARKS)
    if opening < 0:
        return False
    words = _WORD.findall(text, opening + 1, t.start)
    if not words or len(words) > 5 or not words[0][:1].isupper():
        return False
    return 2 * sum(w[:1].isupper() for w in words) >= len(words)


def later_ahead(t: TimeExpression) -> bool:
    """Whether ``t`` is a span counted from an earlier date ("two years later", "weeks later"): read
    ahead of the paper's day in a clause not told in the future, it was counted from the paper's day
    for want of that date, and dates nothing ("Yet two years later, the revelation is re-igniting
    the debate", "six years later, Lockheed and Boeing merged")."""
    return kind(t.text) == "later"
