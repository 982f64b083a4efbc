"""Reference times left open on real news (issue #13): "last week" in a Sunday paper, "overnight",
a month naming the thing a question is about; sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

from digests.extract import extract
from digests.extract.text import parse_document
from digests.extract.times import find_times
from digests.models import TimeExpression

D = date.fromisoformat


def _at(sentence: str, published: str, expr: str) -> TimeExpression | None:
    i = sentence.index(expr)
    j = i + len(expr)
    hits = [t for t in find_times(parse_document(sentence), D(published)) if t.start < j and t.end > i]
    return hits[0] if hits else None


@pytest.mark.parametrize(
    ("sentence", "published", "expr", "value"),
    [
        # "last week" in a Sunday paper (2026-03-08): the seven days just ended, the ISO week that ends
        # on the paper's day (W10: 2-8 March), not the one before it
        ("The harbour board met last week to approve the new berths.", "2026-03-08", "last week", "2026-W10"),
        ("Late last week, the mayor signed the order.", "2026-03-08", "last week", "2026-W10"),
        # ... on any other day the week before the paper's
        ("The harbour board met last week to approve the new berths.", "2026-03-07", "last week", "2026-W09"),
        ("The harbour board met last week to approve the new berths.", "2026-03-09", "last week", "2026-W10"),
        # "overnight" told in the past is the night before the paper's day; told ahead, its own night
        ("Shelling of the port went on overnight.", "2026-03-08", "overnight", "2026-03-07TNI"),
        ("The envoy returned overnight from the talks.", "2026-03-08", "overnight", "2026-03-07TNI"),
        ("Snow is expected to fall on the pass overnight.", "2026-03-08", "overnight", "2026-03-08TNI"),
        # a month before its noun after a preposition of topic names the thing asked about: the month
        # nearest the paper's, whatever the tense of the asking
        ("The minister was asked about the May summit on the canal.", "2026-02-20", "May", "2026-05"),
        ("Reporters questioned her about a June meeting with the rebels.", "2026-10-14", "June", "2026-06"),
        # ... a past verb that states the month's event keeps it in the past
        ("The minister attended the May summit on the canal.", "2026-02-20", "May", "2025-05"),
    ],
)
def test_reference_day_of_real_news_forms(sentence: str, published: str, expr: str, value: str) -> None:
    t = _at(sentence, published, expr)
    assert t is not None, f"no timex for {expr!r}"
    assert t.value == value


def test_last_week_is_not_the_sunday_papers_day() -> None:
    # the week "last week" names in a Sunday paper ends on the paper's day: an event of that day in
    # much the same words is another event, not the week's told again
    text = (
        "Harbour talks in Valdora ended on Sunday without agreement, the mediators said.\n\n"
        "The previous round of harbour talks, held in Corvena last week, ended without agreement."
    )
    events = extract(text, D("2026-03-08")).events
    assert {e.date for e in events} == {"2026-03-08", "2026-W10"}


@pytest.mark.parametrize(
    ("sentence", "expr"),
    [
        # "about the", "around the" before a date are prepositions, not its approximation
        ("The minister was asked about the May summit on the canal.", "May"),
        ("Hopes about the June 12 meeting in Valdora are fading.", "June 12"),
        ("Residents worry about the current shortage of water.", "current"),
    ],
)
def test_about_the_date_is_no_approximation(sentence: str, expr: str) -> None:
    t = _at(sentence, "2026-02-20", expr)
    assert t is not None and t.text == expr and t.mod is None


@pytest.mark.parametrize(
    ("text", "published", "month"),
    [
        ("The minister was asked about the May summit on the canal.", "2026-02-20", "2026-05"),
        ("Lawmakers went on recess to focus on the November elections.", "2026-09-29", "2026-11"),
    ],
)
def test_the_thing_asked_about_is_a_plan(text: str, published: str, month: str) -> None:
    # the event of the month named after a preposition of topic is the coming one, not moved a year back
    events = extract(text, D(published)).events
    assert [(e.date, e.status) for e in events] == [(month, "planned")]
