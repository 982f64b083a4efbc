"""Temporal expressions: every date form against several publication dates (table-driven)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from digests.extract import calendar as cal
from digests.extract.text import parse_document
from digests.extract.times import find_times
from digests.models import TimeExpression

DATA = Path(__file__).parent / "data" / "times"
D = date.fromisoformat


def _tag(sentence: str, published: date | None) -> list[TimeExpression]:
    return find_times(parse_document(sentence), published)


def _at(sentence: str, published: date | None, expr: str, nth: int = 0) -> TimeExpression | None:
    """The timex overlapping the ``nth`` occurrence of ``expr`` in ``sentence``."""
    i = -1
    for _ in range(nth + 1):
        i = sentence.index(expr, i + 1)
    j = i + len(expr)
    hits = [t for t in _tag(sentence, published) if t.start < j and t.end > i]
    return hits[0] if hits else None


# (sentence, publication date, expression, TIMEX3 value, mod or None)
CASES: list[tuple[str, str, str, str, str | None]] = [
    # explicit dates in several house styles
    (
        "The accord was signed on January 5, 2026, in Hanoi.",
        "2026-03-01",
        "January 5, 2026",
        "2026-01-05",
        None,
    ),
    ("The accord was signed on 5 January 2026 in Hanoi.", "2026-03-01", "5 January 2026", "2026-01-05", None),
    ("The accord was signed on Jan. 5, 2026, in Hanoi.", "2026-03-01", "Jan. 5, 2026", "2026-01-05", None),
    ("The accord is dated 2026-01-05 in the register.", "2026-03-01", "2026-01-05", "2026-01-05", None),
    ("The first summit was held in November 2025.", "2026-01-06", "November 2025", "2025-11", None),
    ("Ties had been frosty since 2017.", "2026-01-06", "2017", "2017", None),
    # a day without a year: last year's December in a January paper, and the other way round
    ("The visit was announced on Dec 30.", "2026-01-06", "Dec 30", "2025-12-30", None),
    ("The visit was announced on Dec 30.", "2026-12-31", "Dec 30", "2026-12-30", None),
    ("The visit was announced on Dec 30.", "2026-06-15", "Dec 30", "2025-12-30", None),
    ("The leaders will meet on Jan 13.", "2025-12-20", "Jan 13", "2026-01-13", None),
    ("The leaders will meet on Jan 13.", "2026-01-06", "Jan 13", "2026-01-13", None),
    ("He flew to Beijing on Jan 4.", "2026-01-06", "Jan 4", "2026-01-04", None),
    ("The report was published on 2 August.", "2025-12-28", "2 August", "2025-08-02", None),
    ("The report will be published on 2 January.", "2025-12-28", "2 January", "2026-01-02", None),
    # a deadline lies ahead unless a past verb governs it; "since" points back
    ("The fund must repay the loan by February.", "2026-10-30", "February", "2027-02", None),
    ("Until Thursday, the police had not named him.", "2026-05-07", "Thursday", "2026-05-07", None),
    # "since" governs a date further on in its clause; "is expected" without "to" looks ahead
    (
        "Since losing an important vote in the capital in March, he has been under growing pressure to act.",
        "2026-10-14",
        "March",
        "2026-03",
        None,
    ),
    ("The vote is expected Thursday.", "2026-10-14", "Thursday", "2026-10-15", None),
    ("The result of the harbour vote is expected on Friday.", "2026-10-15", "Friday", "2026-10-16", None),
    # a month more than six months ahead loses to one at most four months back; "back in" looks back
    (
        "The council pledged more levies. In April, the mayor asked officials to consider a new fee.",
        "2026-06-15",
        "April",
        "2026-04",
        None,
    ),
    ("The auditor will describe a June meeting with the mayor.", "2026-10-28", "June", "2026-06", None),
    (
        "The president announced the embassy would move to the new capital back in December.",
        "2026-05-14",
        "December",
        "2025-12",
        None,
    ),
    # "through" a month is a term that runs ahead, as "until" is (not ending a range, nor next to a past verb)
    (
        "The bank has extended the shipyard 90 million in revolving loans through January, and more credit.",
        "2026-10-30",
        "January",
        "2027-01",
        None,
    ),
    ("Some 1,564 civilians were killed from January through June.", "2026-10-30", "June", "2026-06", None),
    # "a few days later": a span of unsaid length before its signal word, not the future at large
    ("Guns crossed the border; a few days later the town fell.", "2026-10-30", "a few days", "PXD", None),
    # a named day glued to "post-"; the date told after a clock time's weekday is its day
    (
        "Briefings were held before the renewal of the post-Sept. 11 law that authorized the programme.",
        "2026-06-08",
        "Sept. 11",
        "2001-09-11",
        None,
    ),
    (
        "The review began in earnest at 4:20 p.m. on Friday, Sept. 11, when the lawyer wrote to the board.",
        "2026-05-13",
        "4:20 p.m. on Friday",
        "2025-09-11T16:20",
        None,
    ),
    ("Searches have gone on since the Oct. 23 attack.", "2026-05-06", "Oct. 23", "2025-10-23", None),
    ("The market closed at 4 p.m. ET Friday.", "2026-03-18", "4 p.m. ET Friday", "2026-03-13T16:00", None),
    # a span before "of", "after", "before" is a duration, not a rate after the day's number
    ("They agreed on Jan 5 to put a decade of mistrust behind them.", "2026-01-06", "a decade", "P10Y", None),
    (
        "Talks were halted for nearly 12 years before resuming in 2023.",
        "2026-01-09",
        "nearly 12 years",
        "P12Y",
        None,
    ),
    # a plan told in the pluperfect is over
    (
        "The offer had been due to expire Friday evening.",
        "2026-03-18",
        "Friday evening",
        "2026-03-13TEV",
        None,
    ),
    # leap days
    ("The council will decide on Feb 29.", "2024-02-28", "Feb 29", "2024-02-29", None),
    ("The council decided on Feb 29.", "2024-03-02", "Feb 29", "2024-02-29", None),
    ("The council met yesterday.", "2024-03-01", "yesterday", "2024-02-29", None),
    ("The council meets tomorrow.", "2024-02-28", "tomorrow", "2024-02-29", None),
    ("The council meets tomorrow.", "2023-02-28", "tomorrow", "2023-03-01", None),
    # a bare month: the tense decides
    ("Mr Trump plans a visit to Beijing in April.", "2026-01-06", "April", "2026-04", None),
    ("Mr Trump made a visit to Beijing in April.", "2026-01-06", "April", "2025-04", None),
    ("A planned visit to Beijing in April is expected.", "2026-05-10", "April", "2027-04", None),
    ("The firm agreed to buy the bank in January.", "2026-11-02", "January", "2027-01", None),
    ("Prices rose in September.", "2026-10-20", "September", "2026-09", None),
    # modifiers
    (
        "Japanese media reported in mid-December that the two would meet.",
        "2026-01-06",
        "mid-December",
        "2025-12",
        "MID",
    ),
    ("Growth slowed in early 2025.", "2026-01-06", "early 2025", "2025", "START"),
    ("Talks stalled in late November.", "2026-12-02", "late November", "2026-11", "END"),
    # ranges: each date its own timex
    ("Both leaders will meet on Jan 13 and 14.", "2026-01-06", "14", "2026-01-14", None),
    ("Both leaders will meet on Jan 13-14.", "2026-01-06", "14", "2026-01-14", None),
    ("Ministers will meet on 13-14 January.", "2025-12-31", "13", "2026-01-13", None),
    ("Talks will run from Monday to Wednesday.", "2026-03-17", "Monday", "2026-03-23", None),
    ("Talks will run from Monday to Wednesday.", "2026-03-17", "Wednesday", "2026-03-25", None),
    # an adjective in un-...-ed is no past verb; "past" before a month without "this" is "beyond"
    ("The split would be paid on a still unspecified date in January.", "2026-10-26", "January", "2027-01",
     None),
    ("The programme would be extended past December, an aide said.", "2026-09-15", "December", "2026-12",
     None),
    # a weekday whose possessive names an act that is over ("Monday's verdict") is the one before
    ("He will appeal Monday's verdict, his lawyer said.", "2000-01-07", "Monday", "2000-01-03", None),
    ("Officials expect Thursday's meeting to be tense.", "2000-01-07", "Thursday", "2000-01-13", None),
    # weekdays, by tense
    ("The minister resigned on Tuesday.", "2026-01-08", "Tuesday", "2026-01-06", None),
    ("The minister will resign on Tuesday.", "2026-01-08", "Tuesday", "2026-01-13", None),
    # the first verb after a date governs it, not a plan told in the clause that verb opens
    ("On Sunday, the speaker said the assembly would meet.", "2026-01-13", "Sunday", "2026-01-11", None),
    ("In announcing the strikes Thursday night, the president said they would go on.", "2026-01-09",
     "Thursday night", "2026-01-08TNI", None),
    ("In March, the firm announced plans to buy the port.", "2026-04-20", "March", "2026-03", None),
    # a quotation after a colon is another clause (a programme's name holding a weekday, "told
    # \u201cFox News Sunday\u201d", is no time: resources/time/date_names.txt)
    ("The commander told local TV late on Thursday: 'We will do what we can.'", "2026-01-09", "Thursday",
     "2026-01-08", None),
    # "could not be reached": someone was looked for, in the past
    ("A spokesman could not immediately be reached for comment on Tuesday.", "2026-01-08", "Tuesday",
     "2026-01-06", None),
    ("Neither he nor his parents could be located Wednesday in their town.", "2026-01-08", "Wednesday",
     "2026-01-07", None),
    # a present-tense plan before a weekday, an adverb between
    ("The two envoys meet separately Monday with the mediator.", "2026-01-09", "Monday", "2026-01-12", None),
    ("The minister said on Friday that he would stay.", "2026-01-02", "Friday", "2026-01-02", None),
    ("The strike ended last Friday.", "2026-01-09", "last Friday", "2026-01-02", None),
    ("The strike ends next Monday.", "2025-12-31", "next Monday", "2026-01-05", None),
    # durations
    (
        "China has been its largest partner for 21 consecutive years.",
        "2026-01-06",
        "21 consecutive years",
        "P21Y",
        None,
    ),
    ("Mr Lee's four-day trip ended.", "2026-01-06", "four-day", "P4D", None),
    ("The talks lasted two weeks.", "2026-01-06", "two weeks", "P2W", None),
    ("Shares fell in the last twenty four hours.", "1998-01-08", "twenty four hours", "PT24H", None),
    ("Stocks hit a five year low.", "1998-01-08", "five year", "P5Y", None),
    ("The drought lasted several years.", "2026-01-06", "several years", "PXY", None),
    ("Prices doubled over the past two months.", "2026-01-06", "the past two months", "P2M", None),
    ("The review takes 48 hours.", "2026-01-06", "48 hours", "PT48H", None),
    # relative references: ISO weeks across New Year
    ("They met last week.", "2026-01-06", "last week", "2026-W01", None),
    ("They met last week.", "2021-01-04", "last week", "2020-W53", None),
    ("They met last week.", "2027-01-04", "last week", "2026-W53", None),
    ("They meet this week.", "2024-12-30", "this week", "2025-W01", None),
    (
        "They meet next week.",
        "2025-12-24",
        "next week",
        "2025-W53" if date(2025, 12, 31).isocalendar()[1] == 53 else "2026-W01",
        None,
    ),
    ("Prices rise next month.", "2026-12-15", "next month", "2027-01", None),
    ("Prices rose last month.", "2026-01-10", "last month", "2025-12", None),
    ("Prices rose last year.", "2026-01-10", "last year", "2025", None),
    ("Prices rise this year.", "2026-12-31", "this year", "2026", None),
    ("Prices rise next year.", "2026-12-31", "next year", "2027", None),
    ("The court ruled today.", "2026-01-05", "today", "2026-01-05", None),
    (
        "They fought side by side more than 80 years ago.",
        "2026-01-06",
        "more than 80 years ago",
        "1946",
        "BEFORE",
    ),
    (
        "The dispute began in 2019, and two years later it flared again.",
        "2026-01-06",
        "two years later",
        "2021",
        None,
    ),
    ("Output fell from a year ago.", "2026-01-06", "a year ago", "2025", None),
    ("Sales were flat three months ago.", "2026-01-06", "three months ago", "2025-10", None),
    # tense: a perfect modal looks back, "planned" after an adverb or article is an adjective,
    # irregular past forms, a deadline moved ahead ("postponed until") or given with no tense
    ("A guard who could have helped stood outside on Friday.", "2026-01-07", "Friday", "2026-01-02", None),
    ("Crowds marched outside the hastily planned talks Friday.", "2026-01-07", "Friday", "2026-01-02", None),
    ("Officials postponed until Tuesday morning any action on the case.", "2026-01-08", "Tuesday morning",
     "2026-01-13TMO", None),
    ("The agency has given the family until 9 a.m. Tuesday to sign.", "2026-01-05", "9 a.m. Tuesday",
     "2026-01-06T09:00", None),
    # quarters count as quarters (TimeML's and HeidelTime's Q), not as months
    ("The insurer lost money in the past two quarters.", "2026-10-20", "the past two quarters", "P2Q", None),
    ("The airline needed several quarters to recover.", "2026-10-20", "several quarters", "PXQ", None),
    ("The fund pays out every quarter.", "2026-10-20", "every quarter", "P1Q", None),
    # a clock time before a weekday with its part of the day takes that day
    ("The envoy will land at 2 a.m. Thursday morning.", "2026-01-07", "2 a.m.", "2026-01-08T02:00", None),
    ("The funeral is set for Saturday.", "2026-01-09", "Saturday", "2026-01-10", None),
    # the day and part of day next to the last day told, wherever it was told
    ("Lee was held on Tuesday, Jan. 6.\n\nHe appeared in court the next morning.", "2026-01-09",
     "the next morning", "2026-01-07TMO", None),
    # times of day
    ("The summit opens at 3pm.", "2026-01-05", "3pm", "2026-01-05T15:00", None),
    ("The summit opens at 3:30 p.m.", "2026-01-05", "3:30 p.m.", "2026-01-05T15:30", None),
    ("The summit opened on Jan 5 at 10am.", "2026-01-06", "10am", "2026-01-05T10:00", None),
    # a weekday after a verb, the subject of "is", is of the present ("believes Thursday is the real
    # deadline"), not after a preposition ("the vote on Thursday is the first")
    ('"Few believe Thursday is the deadline," an envoy said.', "2026-01-07", "Thursday", "2026-01-08", None),
    ("The vote on Thursday is the first since the war.", "2026-01-09", "Thursday", "2026-01-08", None),
    ("The minister spoke this morning.", "2026-01-05", "this morning", "2026-01-05TMO", None),
    # "fiscal year" is a unit of "last", "next", "this"; "latest" says "last" (HeidelTime's reading)
    ("The utility lost in the latest fiscal year.", "2026-10-20", "the latest fiscal year", "2025", None),
    ("The mill expects to break even next fiscal year.", "2026-10-20", "next fiscal year", "2027", None),
    ("Orders fell sharply last fiscal year.", "2027-01-08", "last fiscal year", "2026", None),
    ("Shelling continued last night.", "2026-01-01", "last night", "2025-12-31TNI", None),
    ("Polls close at 15:30 local time.", "2026-01-05", "15:30", "2026-01-05T15:30", None),
    # sets
    ("The fair is held every year.", "2026-01-05", "every year", "P1Y", None),
    ("Trade is worth US$300 billion annually.", "2026-01-05", "annually", "P1Y", None),
    ("The magazine appears weekly.", "2026-01-05", "weekly", "P1W", None),
    ("The council meets every Monday.", "2026-01-05", "every Monday", "XXXX-WXX-1", None),
    ("Trade is worth US$300 billion a year.", "2026-01-05", "a year", "P1Y", None),
    # vague references, as TempEval has them
    ("Xiaomi now has a new ambassador.", "2026-01-05", "now", "PRESENT_REF", None),
    ("The rules were recently changed.", "2026-01-05", "recently", "PAST_REF", None),
    ("Based on current prices, the deal is worth $2 billion.", "2026-01-05", "current", "PRESENT_REF", None),
    ("Sales fell 4% in the first nine months of the year.", "2026-10-20", "the year", "2026", None),
    ("It sailed in 2019. Later in the year it docked.", "2026-01-06", "Later in the year", "2019", None),
    ("For the year ended June 30, the firm earned $2 million.", "2026-10-20", "the year", "P1Y", None),
    ("Nobody knows what the future holds.", "2026-01-05", "the future", "FUTURE_REF", None),
    # quarters, halves, seasons, decades, centuries, holidays
    ("Profit rose in the first quarter of 2025.", "2026-01-05", "the first quarter of 2025", "2025-Q1", None),
    ("Profit rose in the third quarter.", "1989-11-02", "the third quarter", "1989-Q3", None),
    ("Profit rose in the fourth quarter.", "2026-01-05", "the fourth quarter", "2025-Q4", None),
    ("Profit rose in Q3 2024.", "2026-01-05", "Q3 2024", "2024-Q3", None),
    ("Cars arrive in the first half of 2027.", "2026-01-05", "the first half of 2027", "2027-H1", None),
    ("Floods hit the region last summer.", "2026-01-06", "last summer", "2025-SU", None),
    ("The summit may slip to the spring.", "2026-12-22", "the spring", "2027-SP", None),
    ("Growth was strong in the 1990s.", "2026-01-05", "the 1990s", "199", None),
    ("The canal was built in the 19th century.", "2026-01-05", "the 19th century", "18", None),
    ("Shops will close on Christmas Day.", "2026-12-20", "Christmas Day", "2026-12-25", None),
    ("Shops closed on Christmas Day.", "2027-01-03", "Christmas Day", "2026-12-25", None),
    ("Lai spoke on New Year's Day.", "2026-01-02", "New Year's Day", "2026-01-01", None),
    # the first or last week of a month: the month, with its start or end
    ("The vote is set for the last week of August.", "2026-06-10", "the last week of August", "2026-08",
     "END"),
    ("Talks were held in the final days of 2025.", "2026-06-10", "the final days of 2025", "2025", "END"),
    ("Talks were held in the first week of March.", "2026-06-10", "the first week of March", "2026-03",
     "START"),
    # a range of spans: its first number a span in the range's unit (HeidelTime's reading)
    ("Repairs will take two to three years.", "2026-06-10", "two", "P2Y", None),
    ("Repairs will take two to three years.", "2026-06-10", "three years", "P3Y", None),
    ("Visas take between 10 and 12 days.", "2026-06-10", "10", "P10D", None),
    # no publication date: unknown parts stay X
    ("The leaders will meet on Jan 13.", "", "Jan 13", "XXXX-01-13", None),
    ("The leaders met yesterday.", "", "yesterday", "XXXX-XX-XX", None),
]


@pytest.mark.parametrize(("sentence", "published", "expr", "value", "mod"), CASES)
def test_value(sentence: str, published: str, expr: str, value: str, mod: str | None) -> None:
    t = _at(sentence, D(published) if published else None, expr)
    assert t is not None, f"no timex for {expr!r}"
    assert t.value == value
    if mod is not None:
        assert t.mod == mod
    assert sentence[t.start : t.end] == t.text


@pytest.mark.parametrize(
    ("sentence", "published", "expr", "value"),
    [
        # the day before or after a date told right after it: one expression, that day's neighbour
        ("The day before last Tuesday's hearing, the envoy met the judge.", "2026-03-05",
         "The day before last Tuesday", "2026-03-02"),
        ("The ferry sailed again the day after Christmas.", "2026-01-10", "the day after Christmas",
         "2025-12-26"),
        ("The rally was held the day after the vote on March 3.", "2026-03-20", "March 3", "2026-03-03"),
        ("Guards doubled the night before Friday's verdict.", "2026-03-10", "the night before Friday",
         "2026-03-05TNI"),
        ("Rebels had cut the road the day before yesterday.", "2026-03-10", "the day before yesterday",
         "2026-03-08"),
    ],
)
def test_day_before_a_date(sentence: str, published: str, expr: str, value: str) -> None:
    t = _at(sentence, D(published), expr)
    assert t is not None, f"no timex for {expr!r}"
    assert (t.text, t.value) == (expr, value)


@pytest.mark.parametrize(
    ("sentence", "published", "expr", "value"),
    [
        # a part of a decade or a season takes its "the" (the noun phrase is the expression)
        ("Crime fell sharply in the early 1990s.", "2026-01-05", "the early 1990s", "199"),
        ("The river froze in the late winter.", "2026-05-05", "the late winter", "2026-WI"),
        ("The council set the early March vote.", "2026-01-05", "early March", "2026-03"),
        # "this past", "this coming": one expression
        ("The plant closed this past spring.", "2026-10-26", "this past spring", "2026-SP"),
        ("The festival is this coming Sunday.", "2026-03-04", "this coming Sunday", "2026-03-08"),
    ],
)
def test_span_is_the_noun_phrase(sentence: str, published: str, expr: str, value: str) -> None:
    t = _at(sentence, D(published), expr)
    assert t is not None, f"no timex for {expr!r}"
    assert (t.text, t.value) == (expr, value)


@pytest.mark.parametrize(
    ("sentence", "expr"),
    [
        ("More than 2,000 troops were sent.", "2,000"),
        ("May I ask a question?", "May"),
        ("The F-35 jets arrived.", "35"),
        ("Some 2000 people marched.", "2000"),
        ("The fall of the government was swift.", "fall"),
        ("The Winter Olympics open in February.", "Winter"),
        ("Costs rose 2019 per cent.", "2019"),
        # TimeBank leaves these untagged: "previously" is no time reference, nor a dividend's period
        ("The minister previously served as envoy.", "previously"),
        ("The firm raised its quarterly dividend.", "quarterly"),
        ("The country imports about three-quarters of its food.", "three-quarters"),
        ("Three quarters of rural voters backed him.", "Three quarters"),
        ("They were allies in the years-old fight against the rebels.", "the years"),
        # a recording's length on a news page
        ("Play Video 0:38 Leaders meet in Brussels.", "0:38"),
        ("Listen \u00b7 4:03 4:03 The envoy spoke to reporters.", "4:03"),
        # "overnight" denied is "suddenly"; "one day, ..." is some day or other
        ("Peace is not going to come overnight, the envoy said.", "overnight"),
        ("But one day, the two sides will have to talk.", "one day"),
        # a record's age as a modifier
        ("The index closed near its quarter-century low.", "quarter-century"),
        # "the year" followed by what it relates ("the year since the vote", "the year Lee spent")
        ("In the year since the vote, the party has split.", "the year"),
        ("He recalled the year Lee spent in Seoul.", "the year"),
        ("The firm won Person of the Year.", "Year"),
        ("The current account deficit widened.", "current"),
        # names made of time words: a newspaper, a programme, a film, an idiom
        ("The poll was published by USA Today on Friday.", "Today"),
        ("\u201cYou said no,\u201d the senator told \u201cFox News Sunday.\u201d", "Sunday"),
        ("The minister wrote in the Sunday Telegraph that the talks had stalled.", "Sunday"),
        ("Thousands joined the Women's March in the capital.", "March"),
        ("Stores expect Black Friday sales to rise.", "Friday"),
        ("The guitarist played on Saturday Night Live.", "Saturday Night"),
        ('The minister said on ABC\'s "This Week" that talks would go on.', "This Week"),
        ("The poster showed a still from High Noon.", "Noon"),
        ("For Poland, high noon comes today.", "noon"),
        ("The group Peace Now said the plan was wrong.", "Now"),
        ("The host of Breitbart News Daily said so.", "Daily"),
        ("The Daily Beast called them anchors.", "Daily"),
        ("He told CBS's \"60 Minutes\" that the talks would go on.", "60 Minutes"),
        ("The envoy told CBS This Morning that the talks would go on.", "This Morning"),
        # the present or the future in general: "today's world", "the leaders of tomorrow"
        ("Paternity can readily be proved in today's world.", "today"),
        ("The chips run many of today's personal computers.", "today"),
        ("If I were choosing the leaders of tomorrow, I would pick them.", "tomorrow"),
        # "soon" in a past story; "the future of" something: what becomes of it
        ("A trickle of cash from the exiles soon became a flood.", "soon"),
        # "as soon as" a clause is a conjunction ("as soon as possible" is a time)
        ("The guards left as soon as the gates closed.", "soon"),
        ("The vote is important to the future of both peoples.", "the future"),
        # "following" as a preposition; "the past" counting what it spans
        ("Following Monday's debate, the fact-checkers were busy.", "Following"),
        ("He did what every candidate has done in the past nine elections.", "the past"),
        # "the last week", "the last month" of a named whole: no week or month of the paper's
        ("The last month of the war was the worst.", "The last month"),
        ("In the last week of his life he wrote letters.", "the last week"),
        # the first number of a range of dates told as spans ago is no span of its own
        ("Those who came 60 or 70 years ago had nothing.", "60"),
        # a past "the next morning" with no day told before it is no particular morning
        ("The next morning, the minister resigned.", "The next morning"),
    ],
)
def test_not_a_time(sentence: str, expr: str) -> None:
    assert _at(sentence, D("2026-01-06"), expr) is None


def test_range_of_spans_runs_up() -> None:
    """ "in 2016 to 10 years": a year, then a span; no range of spans from 2016, nor a quantity."""
    times = _tag("He was sentenced in 2016 to 10 years in prison.", D("2026-06-10"))
    assert [(t.text, t.value) for t in times] == [("2016", "2016"), ("10 years", "P10Y")]
    # a range of quantities still is one ("2000 to 3000 troops")
    assert _tag("They sent in 2000 to 3000 troops.", D("2026-06-10")) == []


def test_days_listed_in_the_past_keep_their_order() -> None:
    """ "Friday and Thursday" told in the past are both last week's days, unlike "Monday to Friday"."""
    times = _tag("The statements were made Friday and Thursday.", D("2026-01-09"))
    assert [t.value for t in times] == ["2026-01-09", "2026-01-08"]
    times = _tag("The fair will run from Friday to Tuesday.", D("2026-01-07"))
    assert [t.value for t in times] == ["2026-01-09", "2026-01-13"]


def test_range_of_days_keeps_its_order() -> None:
    """ "between January 1 and September 26" in a late-September paper is this year's January."""
    times = _tag("Police counted 3,210 victims between January 1 and September 26.", D("2016-09-29"))
    assert [t.value for t in times] == ["2016-01-01", "2016-09-26"]


def test_weekday_with_part_of_day_keeps_its_part() -> None:
    """ "Friday night" is the day and its part, a TIME (TimeML's and HeidelTime's form, which the
    expert-annotated TimeBank documents of the dev set all take); so are "this morning", "last night",
    and "every Monday morning" stays a set."""
    cases = [
        ("Protesters marched in the capital on Friday night.", "Friday night", "TIME", "2026-01-09TNI"),
        ("The talks resume Monday morning, an aide said.", "Monday morning", "TIME", "2026-01-12TMO"),
        ("The vote was held last Sunday evening.", "last Sunday evening", "TIME", "2026-01-04TEV"),
        ("Crowds gathered early Thursday afternoon.", "early Thursday afternoon", "TIME", "2026-01-08TAF"),
        ("The minister spoke this morning.", "this morning", "TIME", "2026-01-10TMO"),
        ("Shelling continued last night.", "last night", "TIME", "2026-01-09TNI"),
        ("The ministers meet every Monday morning.", "every Monday morning", "SET", "XXXX-WXX-1TMO"),
    ]
    for sentence, expr, type_, value in cases:
        t = _at(sentence, D("2026-01-10"), expr)
        assert t is not None and (t.text, t.type, t.value) == (expr, type_, value), sentence


def test_range_of_months_gives_both_in_order() -> None:
    """ "runs June-August", "January to March" after a verb: both months, the range ending after it
    opens; a list ("in January and December") keeps each month where its tense puts it."""
    times = _tag("The ferry runs June-August on weekdays.", D("2026-01-05"))
    assert [(t.text, t.value) for t in times[:2]] == [("June", "2026-06"), ("August", "2026-08")]
    times = _tag("The sale runs January to March.", D("2026-01-05"))
    assert [(t.text, t.value) for t in times] == [("January", "2026-01"), ("March", "2026-03")]
    times = _tag("The curfew lasts from November through February.", D("2026-01-05"))
    assert [t.value for t in times] == ["2025-11", "2026-02"]
    times = _tag("Exports fell in January and December.", D("2026-02-05"))
    assert [t.value for t in times] == ["2026-01", "2025-12"]
    # a bare month name after a verb and before no range is still no date ("April" may be a name)
    assert _tag("They met April to discuss the plan.", D("2026-01-05")) == []


def test_range_gives_two_timexes() -> None:
    times = _tag("Both leaders will meet on Jan 13 and 14.", D("2026-01-06"))
    assert [(t.text, t.value) for t in times] == [("Jan 13", "2026-01-13"), ("14", "2026-01-14")]


def test_furniture_skipped_but_captions_kept() -> None:
    text = (
        "Title line of the story\n"
        "Sign up now: Get the latest news on Jan 9 in your inbox\n"
        "The president (left) meeting the premier in Beijing on Jan 5.\n"
        "PHOTO: AFP\n"
        "The talks ended on Jan 6 with a joint statement from both sides.\n"
    )
    values = [t.value for t in find_times(parse_document(text), D("2026-01-07"))]
    assert values == ["2026-01-05", "2026-01-06"]


def test_iso_weeks_across_new_year() -> None:
    assert cal.week_value(D("2021-01-01")) == "2020-W53"
    assert cal.week_value(D("2024-12-30")) == "2025-W01"
    assert cal.week_value(D("2026-12-31")) == "2026-W53"
    assert cal.week_value(D("2027-01-04")) == "2027-W01"


def test_calendar_arithmetic() -> None:
    assert cal.add_months(D("2024-01-31"), 1) == D("2024-02-29")
    assert cal.add_months(D("2023-01-31"), 1) == D("2023-02-28")
    assert cal.shift(D("2024-02-29"), 1, "Y") == D("2025-02-28")
    assert cal.resolve_month_day(D("2025-03-01"), 2, 29, "past") == D("2024-02-29")
    assert cal.resolve_month_day(D("2026-01-06"), 12, 30, None) == D("2025-12-30")
    assert cal.easter(2026) == D("2026-04-05")
    assert cal.nth_weekday(2026, 11, 3, 4) == D("2026-11-26")  # Thanksgiving


def _articles() -> list[Path]:
    return sorted(DATA.glob("*.json"))


@pytest.mark.parametrize("path", _articles(), ids=lambda p: p.stem)
def test_articles(path: Path) -> None:
    """Our own short articles: every expected timex found in order, with its value."""
    want = json.loads(path.read_text(encoding="utf-8"))
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    times = find_times(parse_document(text), D(want["published"]))
    pos = 0
    for exp in want["times"]:
        i = text.index(exp["text"], pos)
        pos = i + 1
        j = i + len(exp["text"])
        got = [t for t in times if t.start < j and t.end > i]
        assert got, f"{path.stem}: nothing for {exp['text']!r}"
        assert got[0].value == exp["value"], f"{path.stem}: {exp['text']!r}"
        if "mod" in exp:
            assert got[0].mod == exp["mod"], f"{path.stem}: {exp['text']!r}"
    for t in times:
        assert text[t.start : t.end] == t.text
    for word in want.get("not_times", []):
        i = text.index(word)
        assert not [t for t in times if t.start < i + len(word) and t.end > i], f"{path.stem}: {word!r}"


def test_sample_article() -> None:
    """The bundled sample article, read from shared/ when it is there."""
    corpus = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "xi-lee-summit.txt"
    if not corpus.exists():
        pytest.skip("sample article not present (../shared/corpus)")
    text = corpus.read_text(encoding="utf-8")
    got = {(t.text, t.value) for t in find_times(parse_document(text), D("2026-01-06"))}
    for pair in [
        ("Dec 30", "2025-12-30"),
        ("mid-December", "2025-12"),
        ("April", "2026-04"),
        ("four-day", "P4D"),
        ("21 consecutive years", "P21Y"),
        ("Jan 7", "2026-01-07"),
    ]:
        assert pair in got


@pytest.mark.parametrize(
    ("sentence", "published", "expr", "value"),
    [
        # "overnight" is a night of the reference day, no new reference time: "the previous Friday"
        # counts from the Friday the story is on (was the Friday before the paper's Monday)
        ("Lisbon shares closed lower on Friday. Traders blamed overnight losses in Tokyo. The index "
         "ended 3% below the previous Friday.", "2026-03-09", "the previous Friday", "2026-02-27"),
        # an explicit "will" with the month after its preposition: the coming one, however far ahead
        # (the far-month guard took the December before)
        ("The navy will name a new captain for a voyage in December.", "2026-03-04", "December", "2026-12"),
        # ... not a month before its noun, nor one of another clause
        ("The envoy will describe a June meeting with the rebels.", "2026-10-14", "June", "2026-06"),
        ("Output will grow 2 percent, less than forecast in July.", "2026-10-14", "July", "2026-07"),
        # a past "planned to" after a leading date: the day of the planning, not of the plan
        ("On Friday, the ministry planned to pay the first claims.", "2026-03-04", "Friday", "2026-02-27"),
        ("On Friday, the council agreed to reopen the bridge.", "2026-03-04", "Friday", "2026-02-27"),
        ("The council agreed Friday to reopen the bridge.", "2026-03-04", "Friday", "2026-02-27"),
        ("The ministry plans to pay the first claims on Friday.", "2026-03-04", "Friday", "2026-03-06"),
        # "this week" in a Sunday paper: the ISO week ending that day when told in the past, the week
        # ahead (the next ISO week) when told in the future or "later"
        ("The court ruled this week that the law stands.", "2026-03-08", "this week", "2026-W10"),
        ("The assembly will vote on the budget this week.", "2026-03-08", "this week", "2026-W11"),
        ("The assembly votes on the budget later this week.", "2026-03-08", "this week", "2026-W11"),
        ("The assembly will vote on the budget this week.", "2026-03-04", "this week", "2026-W10"),
    ],
)
def test_reference_time_of_the_clause(sentence: str, published: str, expr: str, value: str) -> None:
    t = _at(sentence, D(published), expr)
    assert t is not None, f"no timex for {expr!r}"
    assert t.value == value


@pytest.mark.parametrize(
    ("sentence", "expr", "mod"),
    [
        # "around" before a possessive date governs the noun the date owns: no APPROX, no "around"
        ("Lawyers looked for ways to get around Tuesday's ruling.", "Tuesday", None),
        ("Lawyers met around Tuesday, a clerk said.", "around Tuesday", "APPROX"),
    ],
)
def test_approximation_is_the_dates_own(sentence: str, expr: str, mod: str | None) -> None:
    t = _at(sentence, D("2026-03-05"), expr.split()[-1])
    assert t is not None and t.text == expr and t.mod == mod


@pytest.mark.parametrize(
    ("sentence", "expr", "value"),
    [
        # "or so" after a span is its approximation, in its extent (mod APPROX)
        ("Prices may double over the next two years or so.", "the next two years or so", "P2Y"),
        ("The mill will be shut for a week or so.", "a week or so", "P1W"),
    ],
)
def test_or_so_is_in_the_span(sentence: str, expr: str, value: str) -> None:
    t = _at(sentence, D("2026-03-05"), expr)
    assert t is not None and t.text == expr and t.value == value and t.mod == "APPROX"
