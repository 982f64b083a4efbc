"""bench.timex_errors sorts the calendar values recall misses by why (no shared data needed)."""

from __future__ import annotations

import pytest

from bench.timex_errors import CALENDAR_VERDICTS, calendar_kind, calendar_subkind


def _g(text: str, value: str, type_: str = "DATE") -> dict[str, str]:
    return {"text": text, "value": value, "type": type_}


@pytest.mark.parametrize(
    ("gold", "ours", "kind"),
    [
        (_g("Tuesday", "2026-01-06"), None, "miss:weekday"),
        (_g("the day", "2026-01-06"), None, "miss:unit"),
        (_g("Tuesday", "2026-01-06"), _g("Tuesday", "2026-01-13"), "side"),
        (_g("Tuesday", "2026-01-06"), _g("Tuesday", "2025-12-30"), "anchor"),
        (_g("Thursday morning", "2026-01-08"), _g("Thursday", "2026-01-08TMO", "TIME"), "granularity"),
        (_g("last week", "2026-WXX"), _g("last week", "2026-W01"), "granularity"),
        (_g("five years", "2031"), _g("five years", "P5Y", "DURATION"), "not-calendar"),
    ],
)
def test_calendar_kind(gold: dict[str, str], ours: dict[str, str] | None, kind: str) -> None:
    assert calendar_kind(gold, ours, "2026-01-08") == kind


@pytest.mark.parametrize(
    ("gold", "ours", "kind"),
    [
        (_g("this week", "2026-W2"), _g("this week", "2026-W02"), "format"),
        (_g("the 1990s", "199X"), _g("the 1990s", "199"), "format"),
        (_g("Friday night", "2026-01-02"), _g("Friday night", "2026-01-02TNI", "TIME"), "part-of-day"),
        (_g("last week", "2026-WXX"), _g("last week", "2026-W01"), "week-unspecified"),
        (_g("Tuesday", "2025-12-30"), _g("Tuesday", "2026-01-06"), "weekday-week-off"),
        (_g("a year ago", "2025-Q3"), _g("a year ago", "2025"), "year-ago"),
        (_g("the day", "2026-01-06"), None, "bare-unit-miss"),
        (_g("December", "2025-12"), _g("December", "2026-12"), "month-side"),
    ],
)
def test_calendar_subkind(gold: dict[str, str], ours: dict[str, str] | None, kind: str) -> None:
    text = "" if ours is None else ours["text"]
    assert calendar_subkind(gold, ours, text, "2026-01-08") == kind
    assert kind in CALENDAR_VERDICTS
