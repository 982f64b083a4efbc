"""Time expressions that date no event (digests/extract/no_date.py), on sentences of our own: a
period running up to the paper's day, a span "later" counted from the paper's day for want of the
date it counts from, a year closing a quoted name, a heading's "Today:", someone's month; and the
cases next to them that keep their dates."""

from __future__ import annotations

from datetime import date

import pytest

from digests.extract import extract

PAPER = date(2027, 3, 10)  # a Wednesday


def _events(text: str) -> list[tuple[str, str, str]]:
    return [(e.date, e.status, e.text) for e in extract(text, published=PAPER).events]


@pytest.mark.parametrize(
    "text",
    [
        "Over the past year, the Harbour League has tried again and again to reform the council.",
        "Mayor Ana Silva, who has met the governor four times in the past year, said the talks went well.",
        "Rebels fired some 900 rockets at the port over the past month, the navy said.",
        "Pellar officials said the ministry had been contacted by a dozen brokers during the last year.",
    ],
)
def test_a_period_up_to_the_papers_day_is_no_calendar_year_or_month(text: str) -> None:
    assert [d for d, _, _ in _events(text) if d in ("2026", "2027-02")] == []


def test_the_last_week_of_a_month_keeps_the_month() -> None:
    dates = [d for d, _, _ in _events("The two ministers met in the last week of January in Pellar.")]
    assert dates == ["2027-01"]


def test_a_span_later_counted_from_the_papers_day_dates_nothing_unless_told_ahead() -> None:
    text = (
        "Despite those promises, the council quietly granted the Pellar Fund a waiver, an audit by the "
        "assembly released on Wednesday showed. The waiver lapsed when two banks refused to take part.\n\n"
        "Yet two years later, the audit is stirring the old quarrel over the fund."
    )
    assert [e for e in _events(text) if "quarrel" in e[2]] == []
    # told ahead, a span later is a plan
    ahead = _events("The accord will take effect next year and will be reviewed five years later.")
    assert ("2033", "planned") in [(d, s) for d, s, _ in ahead]
    # counted from a year the text gives, it keeps that date
    back = _events("Ana Silva founded the cooperative in 2015. Two years later, she sold it to a bank.")
    assert ("2017", "occurred") in [(d, s) for d, s, _ in back]


def test_a_year_closing_a_quoted_name_is_no_date() -> None:
    text = "The envoy criticised the \u201cGreen Harbour 2030\u201d programme and its subsidies."
    assert [d for d, _, _ in _events(text)] == []
    # a quotation that ends on a year is a sentence, not a name: its date stays
    said = _events("\u201cWe will open the second dock in 2029,\u201d the port director said on Monday.")
    assert "2029" in [d for d, _, _ in said]


def test_a_headings_today_dates_no_event() -> None:
    text = (
        "From the Harbour Ledger, I'm Ana Silva. This is \u201cThe Morning.\u201d Today: The fishing ban "
        "in the Grey Banks was meant to protect the cod stocks. It's Wednesday, March 10."
    )
    assert [e for e in _events(text) if "fishing ban" in e[2]] == []
    # "today" in a sentence is the paper's day
    assert ("2027-03-10", "occurred") in [
        (d, s) for d, s, _ in _events("The fishing ban took effect today, the ministry said.")
    ]


def test_someones_month_is_no_date_but_their_months_visit_is() -> None:
    assert _events("Few diplomats envy Ana Silva's February.") == []
    visit = _events("Ana Silva's February visit to Pellar went well, her office said.")
    assert "2027-02" in [d for d, _, _ in visit]


@pytest.mark.parametrize(
    "text",
    [
        "The accord says nothing of Pellar's enrichment activities beyond 2030.",
        "The navy will keep two frigates in the strait beyond 2028, the minister said.",
    ],
)
def test_a_year_bounding_an_open_period_dates_nothing(text: str) -> None:
    assert [d for d, _, _ in _events(text) if d in ("2030", "2028")] == []


def test_a_year_of_its_own_beside_beyond_keeps_its_date() -> None:
    text = "The frigates will stay in the strait until 2028 and the base beyond that."
    assert [(d, s) for d, s, _ in _events(text)] == [("2028", "planned")]


def test_a_greetings_day_dates_nothing() -> None:
    assert _events('"Happy July 4, Pellar!" one placard at the rally read.') == []
    assert [d for d, _, _ in _events("The happy couple met in Pellar on Feb. 4.")] == ["2027-02-04"]
    assert [d for d, _, _ in _events('"I am very happy today that both sides signed," Roe said.')] == [
        "2027-03-10"
    ]
