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
