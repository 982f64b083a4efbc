"""Time expressions that date no event of their clause, read from the expression and the few
characters around it: a period running up to the paper's day ("over the past year"), a year
closing a quoted name ("Made in China 2025") or bounding an open period ("activities beyond
2025"), a heading's "Today:", a greeting's day ("Happy July 4"), a month that belongs to someone
("Few diplomats envy Lee's January."), a span counted from an earlier date ("two years later")
that the times stage could only count from the paper's day, a year naming a thing ("his 2020
reelection bid"), a page's update stamp ("Updated at 10:15 a.m. ET") and a day named without its
year ("the Sept. 11 attacks")."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from digests import timex
from digests.extract import lexicon as lx
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
        return text.startswith(("'s ", "\u2019s "), t.start - 3) and (
            t.end >= len(text) or text[t.end] in ".,;:!?)\n"
        )
    # "Today: ..." opening a sentence: a heading (a podcast's, a newsletter's), not the day's event
    return text.startswith(":", t.end) and not text[sent_start : t.start].strip(' "\u201c(')


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


# a year between a determiner or a possessive and its noun: "his 2020 reelection bid", "the 2015 deal",
# "Iran's 2015 accord"; a fiscal year before its noun needs none ("above fiscal 1989 sales")
_YEAR_OF_NOUN = re.compile(r"(?i)\b(?:the|a|an|his|her|its|their|our|this|that|[\w.]+['\u2019]s)\s+$")
_FISCAL_YEAR = re.compile(r"(?i)fiscal\s+(?:year\s+)?\d{4}")
_NOUN_AFTER = re.compile(r" ([A-Za-z][a-z-]+)\b")
# the words after a year that are no noun it qualifies ("the 2014 and 2016 elections", "the 2015 to
# 2017 period", "the 2015 was")
_NOT_NOUN = lx.words("function_words.txt") | {"through", "until", "till", "when", "after", "before", "as"}


def qualifies_noun(text: str, t: TimeExpression, definite: bool = False) -> bool:
    """Whether the year ``t`` qualifies the noun after it ("the 2015 deal", "his 2020 reelection bid",
    "fiscal 1989 sales"): it names a thing of that year, not an event the clause tells of that year.
    ``definite``: only after a definite determiner or a possessive, a thing the reader knows ("the 2015
    deal", not "organized a 2016 meeting": the telling of one)."""
    if len(t.value) != 4 or not t.value.isdigit():
        return False
    noun = _NOUN_AFTER.match(text, t.end)
    if noun is None or noun.group(1).lower() in _NOT_NOUN:
        return False
    if _FISCAL_YEAR.fullmatch(t.text):
        return True
    if _YEAR.fullmatch(t.text) is None:
        return False
    det = _YEAR_OF_NOUN.search(text, max(0, t.start - 24), t.start)
    return det is not None and not (definite and det.group(0).lower().startswith(("a ", "an ")))


def names_a_thing(text: str, t: TimeExpression, here: list[TimeExpression]) -> bool:
    """Whether the year ``t`` qualifies a noun (:func:`qualifies_noun`) in a clause that has another
    date of its own: the clause happens on that date, the year names what it speaks of ("are set to
    question her on Wednesday ... his 2020 reelection bid"; "expects to post sales in the current
    fiscal year that are above fiscal 1989 sales": one clause, one date)."""
    if not qualifies_noun(text, t):
        return False
    return any(o is not t and not qualifies_noun(text, o) for o in here)


# "Update at 2:04 p.m. ET.", "(This post was last updated at 8:44 p.m.)", "LISTEN TO ARTICLE 4:55": the
# page's own stamp at the head of a sentence, with the time right after it: metadata, not an event
_STAMP = re.compile(
    r"(?i)[\W_]*(?:this\s+(?:post|story|article|report|page|item)\s+(?:was|has\s+been|is)\s+)?(?:last\s+)?"
    r"(?:update[ds]?|posted|published|modified|listen\s+to\s+(?:this\s+)?(?:article|story))\b[\s:,.-]*(?:(?:at|on)\s+)?"
)

# the words _STAMP needs one of (looked for once per sentence)
STAMP_WORDS = ("update", "posted", "published", "modified", "listen")
# between the stamp and a later time of it: "Updated at 8:56 a.m. and 9:20 a.m."
_STAMP_GAP = re.compile(r"(?i)(?:[\d:.\s]*[ap]\.?m\.?\s*(?:[A-Z]{2,3}\s*)?(?:and|,|&)\s*)?")


def page_stamp(text: str, lo: int, t: TimeExpression) -> bool:
    """Whether ``t`` is the time of a page's update stamp opening the sentence at ``lo``."""
    m = _STAMP.match(text, lo, t.start)
    return m is not None and _STAMP_GAP.fullmatch(text, m.end(), t.start) is not None


_NAMED_DAY = re.compile(rf"(?i)(?:\s*['\u2019]s)?\s+(?:{vocab.NAMED_DAYS.alternation()})\b")
_WITH_YEAR = re.compile(r"\d{4}|['\u2019]\d\d\b")


def named_day(text: str, t: TimeExpression, published: date | None) -> bool:
    """Whether a date without a year names a day of an earlier year ("the Sept. 11 attacks",
    "a Jan. 6 memorial"): read ahead of publication, or more than a month before it. "The
    Jan. 5 attack" of a Jan. 7 paper is the news itself and stays."""
    if published is None or _WITH_YEAR.search(t.text) or not _NAMED_DAY.match(text, t.end):
        return False
    span = timex.bounds(t.value.split("T", 1)[0])
    return span is not None and not published - timedelta(days=31) <= span[0] <= published
