"""Real-news dates left open in the round of 2026-12-06 (issue #13): a schedule's weekday, a dash and its
date; sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

from digests.extract import extract

D = date.fromisoformat


def test_a_schedules_weekday_dash_date_is_that_date() -> None:
    # a visit's programme, one heading a day: "Sunday -- May 17" is the 17th, not the Sunday before the
    # paper's day, and not a range from that Sunday to the date
    text = (
        "The pope's programme for the visit was published on Wednesday.\n\n"
        "Sunday -- May 17 (Closing Mass at the stadium)\n\n"
        "Monday \u2013 May 18 (Farewell at the airport)"
    )
    ex = extract(text, D("2026-05-13"))
    heads = [(t.text, t.value) for t in ex.times if t.text.startswith(("Sunday", "Monday"))]
    assert heads == [("Sunday -- May 17", "2026-05-17"), ("Monday \u2013 May 18", "2026-05-18")]
    heads_ev = [e for e in ex.events if e.text.startswith(("Sunday", "Monday"))]
    dated = sorted((e.date, e.date_end, e.status) for e in heads_ev)
    assert dated == [("2026-05-17", None, "planned"), ("2026-05-18", None, "planned")]


@pytest.mark.parametrize(
    ("text", "published", "week"),
    [
        # a quotation written before a Monday paper, with no day of its own: the week of its writing,
        # the ISO week before the paper's (2026-03-09 is a Monday in W11)
        ('Kessler tweeted, "This week began with a threat. It ended badly."', "2026-03-09", "2026-W10"),
        ('The mayor wrote in a post, "This week we lost two ferries."', "2026-03-09", "2026-W10"),
        # ... on any other day the writing most likely fell in the paper's own week
        ('Kessler tweeted, "This week began with a threat. It ended badly."', "2026-03-10", "2026-W11"),
        # spoken to the reporter, or its day told: the paper's week, as TimeML anchors it
        ('The mayor told reporters, "We will vote this week on the harbour bill."', "2026-03-09", "2026-W11"),
        ('Kessler tweeted on Monday, "This week began with a threat to the port."', "2026-03-09", "2026-W11"),
    ],
)
def test_a_written_quotations_own_week(text: str, published: str, week: str) -> None:
    times = [t for t in extract(text, D(published)).times if t.text.lower() == "this week"]
    assert [t.value for t in times] == [week]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # "May" after a name or title and before no base verb is the name, not the modal
        ("The launch has been delayed twice - from March 29 and April 12 - after Joan May, the minister, "
         "failed to win a vote.", "2019-03-29"),
        ("The launch has been delayed twice - from March 29 - after Mrs. May's deal failed.", "2019-03-29"),
        # the modal still points ahead
        ("Officials say the launch may move to March 29.", "2020-03-29"),
    ],
)
def test_a_name_may_is_no_modal(text: str, value: str) -> None:
    times = [t for t in extract(text, D("2019-10-28")).times if t.text == "March 29"]
    assert [t.value for t in times] == [value]


@pytest.mark.parametrize(
    ("text", "published", "values"),
    [
        # the year told after the last month of a list or range holds for the months before it
        ("Exports fell in March and April of 2023, the ministry said.", "2024-06-10",
         [("March", "2023-03"), ("April of 2023", "2023-04")]),
        ("The bridge was shut in June, July and August 2022.", "2024-06-10",
         [("June", "2022-06"), ("July", "2022-07"), ("August 2022", "2022-08")]),
        ("Talks stalled in March and April of last year.", "2024-06-10",
         [("March", "2023-03"), ("April of last year", "2023-04")]),
        # a range that crosses the new year counts back: November of the year before
        ("The survey ran from November to January 2023.", "2024-06-10",
         [("November", "2022-11"), ("January 2023", "2023-01")]),
        # a month told apart from the year's, in a clause of its own, is not of it
        ("Rents rose in March, and in May 2021 they fell.", "2024-06-10",
         [("March", "2024-03"), ("May 2021", "2021-05")]),
    ],
)
def test_a_lists_year_holds_for_its_months(text: str, published: str, values: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in extract(text, D(published)).times] == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # the same moment told again in brackets in another zone is one time, the first
        ("The ceasefire will take effect at 6 a.m. (0400 GMT) on Friday.",
         [("6 a.m.", "2026-03-13T06:00"), ("Friday", "2026-03-13")]),
        ("Polls close at 9 p.m. (2100 ET), officials said.", [("9 p.m.", "2026-03-10T21:00")]),
        ("The vote starts at 11 a.m. (about 0900 UTC).", [("11 a.m.", "2026-03-10T11:00")]),
        # a zone's clock told alone is a time of its own
        ("The talks resume at 1400 GMT, the envoy said.", [("1400 GMT", "2026-03-10T14:00")]),
        # a bracket that tells the day is the fuller time, not a restatement
        ("He will leave at 5 in the morning (5 a.m. EDT Thursday).",
         [("5 in the morning", "2026-03-12T05:00"), ("5 a.m. EDT Thursday", "2026-03-12T05:00")]),
    ],
)
def test_a_bracketed_zones_clock_is_no_second_time(text: str, values: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in extract(text, D("2026-03-10")).times] == values


@pytest.mark.parametrize(
    ("text", "published", "value", "status"),
    [
        # a weekday as the head of a clause that tells it ("the Tuesday members return") or as a noun's
        # modifier ("the Thursday session") is that day, placed by the tense of its clause
        ('"A hearing on the port contracts is set for the Tuesday senators return," an aide said.',
         "2026-03-08", "2026-03-10", "planned"),
        ("The vote will be held the Wednesday parliament reconvenes.", "2026-03-08", "2026-03-11", "planned"),
        ("The vote was held the Tuesday parliament reconvened.", "2026-03-12", "2026-03-10", "occurred"),
        ("She spoke at the Tuesday meeting of the harbour board.", "2026-03-12", "2026-03-10", "occurred"),
        ("Delegates will gather for the Thursday session in Geneva.", "2026-03-10", "2026-03-12", "planned"),
    ],
)
def test_a_weekday_heading_its_clause_is_that_day(text: str, published: str, value: str, status: str) -> None:
    ex = extract(text, D(published))
    assert [t.value for t in ex.times] == [value]
    assert [(e.date, e.status) for e in ex.events] == [(value, status)]


@pytest.mark.parametrize(
    ("text", "expr"),
    [
        # "fiscal 1989", "fiscal year 2021": the calendar year named, as TempEval-3's annotators and
        # HeidelTime value it (the fiscal words in the extent; "FY2021" likewise)
        ("Revenue rose 5% in fiscal 2019, the board said.", "fiscal 2019"),
        ("The agency's budget for fiscal year 2019 was cut.", "fiscal year 2019"),
        ("The deficit for FY2019 was the largest yet.", "FY2019"),
    ],
)
def test_a_fiscal_year_is_the_year_it_names(text: str, expr: str) -> None:
    assert [(t.text, t.value) for t in extract(text, D("2021-10-26")).times] == [(expr, "2019")]
