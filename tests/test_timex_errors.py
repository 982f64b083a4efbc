"""bench.timex_errors sorts the calendar values recall misses by why (no shared data needed)."""

from __future__ import annotations

import pytest

from bench.timex_errors import CALENDAR_VERDICTS, calendar_kind, calendar_subkind, conventions


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
        (_g("Friday night", "2026-01-02TEV", "TIME"), _g("Friday night", "2026-01-02"), "part-of-day"),
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


def _doc(doc_id: str, text: str, *timexes: tuple[str, str]) -> dict[str, object]:
    """A gold document: each (expression, value) tagged at its first place in ``text``."""
    out = []
    for expr, value in timexes:
        i = text.index(expr)
        out.append({"text": expr, "value": value, "type": "DATE", "start": i, "end": i + len(expr)})
    return {"doc_id": doc_id, "text": text, "timexes": out}


def test_conventions_count_forms_by_value_and_document() -> None:
    """A form held by most values in most of five documents is CONSISTENT, a split one MIXED, and a
    weekday tagged without the part of the day after it counts as the day alone."""
    docs = [
        _doc(
            f"d{i}",
            f"It fell in 1968 and rose in 19{70 + i}.",
            ("1968", "1968"),
            (f"19{70 + i}", f"19{70 + i}"),
        )
        for i in range(5)
    ]
    docs += [
        _doc("n1", "They met Friday night.", ("Friday night", "2026-01-02TNI")),
        _doc("n2", "They met Friday night.", ("Friday night", "2026-01-02")),
        _doc("n3", "They met Friday night.", ("Friday", "2026-01-02")),
        _doc("n4", "They met Friday night.", ("Friday night", "2026-01-02TNI")),
        _doc("n5", "They met Friday night.", ("Friday night", "2026-01-02TEV")),
    ]
    lines = {line.split(":")[0]: line for line in conventions(docs)}
    assert lines["a year alone"].startswith("a year alone: CONSISTENT, 1968 10 (5 docs)")
    part = lines["weekday with a part of the day"]
    assert (
        "MIXED" in part and "the day (1998-10-23) 2 (2 docs)" in part and "its part (TNI) 2 (2 docs)" in part
    )
    assert lines["decade"] == "decade: none"
