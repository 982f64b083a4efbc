"""Real-news dates left open in the round of 2026-12-06 (issue #13): a schedule's weekday, a dash and its
date; sentences of our own."""

from __future__ import annotations

from datetime import date

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
