"""TIMEX3 calendar values: parsing, day bounds, granularity and the dates readers see."""

from __future__ import annotations

from datetime import date

import pytest

from digests.timex import bounds, day_bounds, format_date, granularity, parse


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        ("2026", None, ("2026-01-01", "2026-12-31")),
        ("2026-02", None, ("2026-02-01", "2026-02-28")),
        ("2024-02", None, ("2024-02-01", "2024-02-29")),
        ("2026-01-05", "2026-01-14", ("2026-01-05", "2026-01-14")),
        ("2026-01-13", "2026-02", ("2026-01-13", "2026-02-28")),
        ("2026-W02", None, ("2026-01-05", "2026-01-11")),
        ("2026-Q3", None, ("2026-07-01", "2026-09-30")),
        ("2026-H1", None, ("2026-01-01", "2026-06-30")),
        ("2026-01-05T10:00", None, ("2026-01-05", "2026-01-05")),
        ("PRESENT_REF", None, (None, None)),
        ("2026-13", None, (None, None)),
        ("XXXX-01-05", None, (None, None)),
        ("2026-SU", None, ("2026-06-01", "2026-08-31")),
        ("2026-WI", None, ("2025-12-01", "2026-02-28")),
        ("2026-Q2", "2026-SU", ("2026-04-01", "2026-08-31")),
        ("201", None, ("2010-01-01", "2019-12-31")),
    ],
)
def test_day_bounds(value: str, end: str | None, expected: tuple[str | None, str | None]) -> None:
    assert day_bounds(value, end) == expected



@pytest.mark.parametrize(
    ("value", "grain", "first", "last"),
    [
        ("2026-01-05", "day", date(2026, 1, 5), date(2026, 1, 5)),
        ("2025-W53", None, None, None),  # 2025 has 52 ISO weeks
        ("2020-W53", "week", date(2020, 12, 28), date(2021, 1, 3)),
        ("2026-04", "month", date(2026, 4, 1), date(2026, 4, 30)),
        ("2026-Q2", "quarter", date(2026, 4, 1), date(2026, 6, 30)),
        ("2026-Q4", "quarter", date(2026, 10, 1), date(2026, 12, 31)),
        ("2026-H2", "half", date(2026, 7, 1), date(2026, 12, 31)),
        ("2026-SP", "season", date(2026, 3, 1), date(2026, 5, 31)),
        ("2026-FA", "season", date(2026, 9, 1), date(2026, 11, 30)),
        ("2024-WI", "season", date(2023, 12, 1), date(2024, 2, 29)),
        ("2026", "year", date(2026, 1, 1), date(2026, 12, 31)),
        ("199", "decade", date(1990, 1, 1), date(1999, 12, 31)),
        ("20", "century", date(2000, 1, 1), date(2099, 12, 31)),
        ("2026-02-30", None, None, None),
        ("2026-Q5", None, None, None),
        ("P4D", None, None, None),
        ("XXXX-WXX", None, None, None),
        ("", None, None, None),
    ],
)
def test_parse(value: str, grain: str | None, first: date | None, last: date | None) -> None:
    assert granularity(value) == grain
    assert bounds(value) == ((first, last) if grain else None)
    v = parse(value)
    assert (v.granularity, v.first, v.last) == (grain, first, last) if v else grain is None


@pytest.mark.parametrize(
    ("value", "end", "shown"),
    [
        ("2026-01-13", "2026-01-14", "13–14 Jan 2026"),
        ("2026-01-05T10:00", None, "5 Jan 2026"),
        ("2026-04", None, "Apr 2026"),
        ("2027", None, "2027"),
        ("2026-W03", None, "week of 12 Jan 2026"),
        ("2026-H2", None, "H2 2026"),
        ("2026-Q3", None, "Q3 2026"),
        ("2026-SU", None, "summer 2026"),
        ("2026-WI", None, "winter 2026"),
        ("201", None, "the 2010s"),
        ("20", None, "the 21st century"),
        ("2026-01-30", "2026-02-02", "30 Jan – 2 Feb 2026"),
        ("2025-12-30", "2026-01-02", "30 Dec 2025 – 2 Jan 2026"),
        ("2026-04", "2026-06", "Apr – Jun 2026"),
        ("PRESENT_REF", None, "PRESENT_REF"),
    ],
)
def test_format_date(value: str, end: str | None, shown: str) -> None:
    assert format_date(value, end) == shown
