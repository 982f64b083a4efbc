"""Real-news date forms left open in the round of 2026-12-07 (issue #13): a modal before a weekday's
possessive, a split year, a past verb right before a weekday, an anniversary; sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

from digests.extract import extract
from digests.extract.text import parse_document
from digests.extract.times import find_times

D = date.fromisoformat


def _value(text: str, published: str, expr: str) -> str | None:
    """The value of the expression ``expr`` found in ``text``, or None when none is found there."""
    i = text.index(expr)
    for t in find_times(parse_document(text), D(published)):
        if (t.start, t.end) == (i, i + len(expr)):
            return t.value
    return None


@pytest.mark.parametrize(
    ("text", "published", "expr", "value"),
    [
        # a Thursday paper: the modal looks ahead, the Monday to come (not the one just past)
        ("The council should cancel Monday's meeting, the mayor said.", "2026-12-03", "Monday", "2026-12-07"),
        ("Residents say the board must postpone Friday's vote.", "2026-12-01", "Friday", "2026-12-04"),
        (
            "Critics argued the club should not call off Saturday's final.",
            "2026-12-02",
            "Saturday",
            "2026-12-05",
        ),
        # ... with a preposition between the verb and the day (a Monday paper)
        ("Fans should arrive early for Saturday's final.", "2026-12-07", "Saturday", "2026-12-12"),
        ("Delegates must stay on for Friday's closing session.", "2026-12-07", "Friday", "2026-12-11"),
        ("The president should go to Sunday's parade.", "2026-12-07", "Sunday", "2026-12-13"),
        # no modal: the meeting was cancelled, the Monday before
        ("The council cancelled Monday's meeting.", "2026-12-03", "Monday", "2026-11-30"),
        # a modal and a thing done once named: still the verdict already given
        ("Her lawyers said they would appeal Tuesday's verdict.", "2026-12-03", "Tuesday", "2026-12-01"),
    ],
)
def test_a_modal_before_a_weekdays_possessive_looks_ahead(
    text: str, published: str, expr: str, value: str
) -> None:
    assert _value(text, published, expr) == value


@pytest.mark.parametrize(
    ("text", "published", "expr", "value"),
    [
        # a Monday paper: announced on the Sunday just past, whatever plans follow the day
        ("The ministry announced on Sunday plans to raise fuel taxes.", "2026-12-07", "Sunday", "2026-12-06"),
        ("The airline unveiled Saturday plans to cut 900 jobs.", "2026-12-07", "Saturday", "2026-12-05"),
        ("The ministry announced plans on Sunday to raise fuel taxes.", "2026-12-07", "Sunday", "2026-12-06"),
    ],
)
def test_a_past_verb_right_before_a_weekday_governs_it(
    text: str, published: str, expr: str, value: str
) -> None:
    assert _value(text, published, expr) == value


@pytest.mark.parametrize(
    ("text", "published", "expr", "value"),
    [
        ("The bridge collapsed 13 years ago tomorrow.", "2026-12-07", "13 years ago tomorrow", "2013-12-08"),
        (
            "It was exactly 20 years ago today that the wall fell.",
            "2026-12-07",
            "20 years ago today",
            "2006-12-07",
        ),
        (
            "The first flight took off five years ago yesterday.",
            "2026-03-01",
            "five years ago yesterday",
            "2021-02-28",
        ),
        ("A century ago this month, the strike began.", "2026-05-12", "A century ago this month", "1926-05"),
    ],
)
def test_an_anniversary_is_the_day_told_moved_back(text: str, published: str, expr: str, value: str) -> None:
    assert _value(text, published, expr) == value


@pytest.mark.parametrize(
    ("text", "published", "expr", "value", "end"),
    [
        (
            "The budget for fiscal year 2020-21 was cut by 3 percent.",
            "2020-05-01",
            "fiscal year 2020-21",
            "2020",
            "2021",
        ),
        ("Revenue for FY2020/21 rose by 4 percent.", "2021-06-01", "FY2020/21", "2020", "2021"),
        ("During the 2019-20 season the club won the league.", "2021-01-01", "2019-20", "2019", "2020"),
        ("Enrolment fell in the 2011-2012 school year.", "2013-01-01", "2011-2012", "2011", "2012"),
    ],
)
def test_a_split_year_is_one_period(text: str, published: str, expr: str, value: str, end: str) -> None:
    ex = extract(text, D(published))
    i = text.index(expr)
    assert [(t.start, t.end, t.value) for t in ex.times] == [(i, i + len(expr), value)]
    assert [(e.date, e.date_end) for e in ex.events] == [(value, end)]


def test_a_range_of_years_stays_two_years() -> None:
    # years further apart, or two consecutive years written in full with no period named: a range
    for text in ("Output fell from 2016-2019, the report said.", "Spending for 2012-2013 was cut."):
        ex = extract(text, D("2021-06-01"))
        assert len([t for t in ex.times if t.value.isdigit()]) == 2, text
        assert [e.date_end is not None for e in ex.events] == [True], text


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        # a Monday paper: a present tense of a fixture is its plan, the Saturday ahead
        ("The tournament kicks off on Saturday.", "Saturday", "2026-12-12"),
        ("The ceremony takes place on Saturday in the old town.", "Saturday", "2026-12-12"),
        ("The summit wraps up on Friday.", "Friday", "2026-12-11"),
        # ... with its clock time between the verb and the day
        ("The match kicks off at 3pm on Saturday.", "3pm on Saturday", "2026-12-12T15:00"),
        ("Polls close at 8 p.m. on Sunday.", "8 p.m. on Sunday", "2026-12-13T20:00"),
        # a past tense: the day before
        ("The tournament kicked off on Saturday.", "Saturday", "2026-12-05"),
    ],
)
def test_a_fixture_told_in_the_present_lies_ahead(text: str, expr: str, value: str) -> None:
    assert _value(text, "2026-12-07", expr) == value


@pytest.mark.parametrize(
    ("text", "expr", "value", "mod"),
    [
        ("Then, in late-1941, the army crossed the river.", "late-1941", "1941", "END"),
        ("The lender expects the deal to close by end-2027.", "end-2027", "2027", "END"),
        ("Stocks will be counted at end-March.", "end-March", "2027-03", "END"),
    ],
)
def test_a_modifier_glued_to_a_year_or_month(text: str, expr: str, value: str, mod: str) -> None:
    i = text.index(expr)
    found = [(t.value, t.mod) for t in find_times(parse_document(text), D("2026-12-07")) if t.start == i]
    assert found == [(value, mod)]
