"""Property tests: the time, event and figure extractors never raise, give valid TIMEX3, true offsets."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from digests.extract.events import find_events
from digests.extract.figures import find_figures
from digests.extract.text import parse_document
from digests.extract.times import calendar_spans, find_times

# TIMEX3 values as TimeML defines them, written independently of the extractor.
_DATE_PART = (
    r"(?:\d{4}|X{4})(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?|-W(?:\d{2}|XX)(?:-(?:[1-7]|WE))?|-Q[1-4X]|-H[12X]"
    r"|-(?:SP|SU|FA|WI))?|\d{3}|\d{2}|X{2,3}"
)
_TIME_PART = r"T(?:\d{2}(?::\d{2})?|MO|AF|EV|NI)"
_DURATION = r"P(?:(?:\d+|X)(?:Y|M|W|D|DE|CE)|T(?:\d+|X)(?:H|M|S))"
VALID = {
    "DATE": re.compile(rf"^(?:(?:{_DATE_PART})(?:{_TIME_PART})?|PRESENT_REF|PAST_REF|FUTURE_REF)$"),
    "TIME": re.compile(rf"^(?:{_DATE_PART}){_TIME_PART}$"),
    "DURATION": re.compile(rf"^{_DURATION}$"),
    "SET": re.compile(rf"^(?:{_DURATION}|(?:{_DATE_PART})(?:{_TIME_PART})?)$"),
}
EVENT_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}|-Q[1-4]|-H[12]|-(?:SP|SU|FA|WI))?$")

FRAGMENTS = [
    "on Jan 5",
    "Jan 13 and 14",
    "13-14 January",
    "Dec. 30",
    "in April",
    "mid-December",
    "early 2025",
    "on Tuesday",
    "from Monday to Wednesday",
    "last week",
    "next month",
    "yesterday",
    "today",
    "this morning",
    "more than 80 years ago",
    "two years later",
    "a year earlier",
    "21 consecutive years",
    "four-day",
    "twenty four hours",
    "five year low",
    "every year",
    "annually",
    "weekly",
    "at 3pm",
    "15:30",
    "noon",
    "the third quarter",
    "Q4 2025",
    "the first half of 2027",
    "last summer",
    "the 1990s",
    "the 19th century",
    "Christmas Day",
    "New Year's Day",
    "Feb 29",
    "Feb 30",
    "31 April",
    "2026-02-30",
    "13/45/2020",
    "0:99",
    "US$300 billion",
    "(S$384 billion)",
    "some 200 leaders",
    "14 memorandums of understanding",
    "3.5 per cent",
    "dozens of people",
    "1,200 ships",
    "9999",
    "0000",
    "Sept.",
    "May",
    "the fall of",
    "the next day",
    "recently",
    "now",
    "the future",
    "said",
    "will",
    "was",
    "planned",
    "reported",
    "but",
    ",",
    ".",
    ";",
    "\u2013",
    "\u201c",
    "\u201d",
    "\n",
    "Sign up now:",
    "PHOTO: AFP",
    "(left)",
    "Mr Lee",
    "Q9",
    "FY2026",
    "'90s",
    "24:00",
    "12.30pm",
    "2,000 troops",
    "F-35",
    "the 5th",
    "Monday, Jan 5, 2026",
]

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), min_size=0, max_size=30).map(
    " ".join
)
published = st.one_of(
    st.none(),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)),
    st.sampled_from([date(2024, 2, 29), date(2025, 12, 31), date(2026, 1, 1), date(2020, 12, 31)]),
)


@settings(max_examples=300, deadline=None)
@given(texts, published)
def test_never_raises_valid_timex_true_offsets(text: str, pub: date | None) -> None:
    doc = parse_document(text)
    times = find_times(doc, pub)
    for t in times:
        assert VALID[t.type].match(t.value), (t.type, t.value)
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.text == t.text.strip()
    events = find_events(doc, times, [], pub)
    for e in events:
        assert EVENT_DATE.match(e.date)
        assert e.date_end is None or (EVENT_DATE.match(e.date_end) and e.date_end > e.date)
        assert text[e.start : e.end] == e.text
    for f in find_figures(doc, calendar_spans(doc.text)):
        assert text[f.start : f.end] == f.text
        assert f.value == f.value  # not NaN


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_relative_days_and_weeks_against_any_date(pub: date) -> None:
    text = "Title\nThey met yesterday and last week, and will meet tomorrow and next week."
    values = {t.text: t.value for t in find_times(parse_document(text), pub)}
    from datetime import timedelta

    assert values["yesterday"] == (pub - timedelta(days=1)).isoformat()
    assert values["tomorrow"] == (pub + timedelta(days=1)).isoformat()
    # in a Sunday paper "last week" is the ISO week ending that day (the seven days just ended)
    iso = (pub - timedelta(days=0 if pub.weekday() == 6 else 7)).isocalendar()
    assert values["last week"] == f"{iso[0]:04d}-W{iso[1]:02d}"
    iso = (pub + timedelta(days=7)).isocalendar()
    assert values["next week"] == f"{iso[0]:04d}-W{iso[1]:02d}"
