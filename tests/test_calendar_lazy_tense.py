"""The day (month) of a date named without a year is the same whether the tense is read first
or only where the directions disagree (calendar.resolve_month_day_by / resolve_month_by)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from digests.extract import calendar as cal

_DIRECTIONS: tuple[cal.Direction, ...] = ("past", "future", None)
# paper dates over two years, a leap day among them, every 5 days
_PAPERS = [date(2023, 11, 1) + timedelta(days=5 * i) for i in range(150)] + [date(2024, 2, 29)]


class _Asked:
    """A direction that counts how often it is read."""

    def __init__(self, direction: cal.Direction) -> None:
        self.direction = direction
        self.calls = 0

    def __call__(self) -> cal.Direction:
        self.calls += 1
        return self.direction


@pytest.mark.parametrize("day", [1, 14, 28, 29, 31])
def test_month_day_by_gives_what_the_tense_gives(day: int) -> None:
    for paper in _PAPERS:
        for month in range(1, 13):
            answers = {d: cal.resolve_month_day(paper, month, day, d) for d in _DIRECTIONS}
            for d in _DIRECTIONS:
                asked = _Asked(d)
                assert cal.resolve_month_day_by(paper, month, day, asked) == answers[d]
                # the tense is read exactly where the directions disagree
                assert asked.calls == (0 if len(set(answers.values())) == 1 else 1)


@pytest.mark.parametrize("planned", [False, True])
def test_month_by_gives_what_the_tense_gives(planned: bool) -> None:
    for paper in _PAPERS:
        for month in range(1, 13):
            answers = {d: cal.resolve_month(paper, month, d, planned=planned) for d in _DIRECTIONS}
            for d in _DIRECTIONS:
                asked = _Asked(d)
                assert cal.resolve_month_by(paper, month, asked, planned=planned) == answers[d]
                assert asked.calls == (0 if len(set(answers.values())) == 1 else 1)


def test_a_day_near_the_paper_needs_no_tense() -> None:
    # three days before a January paper: a year ahead is too far, the nearest wins either way
    asked = _Asked("future")
    assert cal.resolve_month_day_by(date(2026, 1, 5), 1, 2, asked) == date(2026, 1, 2)
    assert asked.calls == 0
    # June in a January paper: past and future give different years, the tense decides
    asked = _Asked("past")
    assert cal.resolve_month_day_by(date(2026, 1, 5), 6, 10, asked) == cal.resolve_month_day(
        date(2026, 1, 5), 6, 10, "past"
    )
    assert asked.calls == 1


def test_a_past_verb_stating_the_month_keeps_it_behind_the_paper() -> None:
    # "stepped down in February" in a December paper: last February, not the one just ahead
    paper = date(2025, 12, 4)
    assert cal.resolve_month_by(paper, 2, lambda: "past") == date(2026, 2, 1)
    told = cal.resolve_month_by(paper, 2, lambda: "past", told_past=lambda: True)
    assert told == date(2025, 2, 1)
    assert cal.resolve_month_by(paper, 2, lambda: "past", told_past=lambda: False) == date(2026, 2, 1)
    # told in the future, or a month behind anyway: told_past changes nothing
    assert cal.resolve_month_by(paper, 2, lambda: "future", told_past=lambda: True) == date(2026, 2, 1)
    assert cal.resolve_month_by(paper, 9, lambda: "past", told_past=lambda: True) == date(2025, 9, 1)
