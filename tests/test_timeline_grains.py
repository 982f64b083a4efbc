"""/timeline over a range lists the days first: an event dated only by a week, a month or a year
("earlier this year") overlaps every range inside it, and once sorted by its first day it pushed
the range's days onto later pages. And a clause holding several dates (one stored event per date)
is listed once, under its own date: the finest, nearest its article's day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from digests.commands import CommandContext, handle
from digests.extract import extract
from digests.models import Article
from digests.store import Store
from digests.timelines import grain_rank, timeline

PUBLISHED = date(2026, 3, 14)  # a Saturday
BACKGROUND = [
    "The Ostrava accord was signed by Teodor Brandt earlier this year.",
    "Teodor Brandt visited the northern provinces twice this year.",
    "Teodor Brandt fell ill last month, his aides said.",
    "Teodor Brandt reshuffled his cabinet earlier this month.",
]
DAYS = [
    "Teodor Brandt met the port workers' union on Monday.",
    "Teodor Brandt opened the new rail bridge at Velden on Tuesday.",
    "On Wednesday, Teodor Brandt addressed the parliament in Ostrava.",
    "Teodor Brandt flew to Lisbon on Thursday for the fisheries summit.",
]


def _store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "g.db")
    paragraphs = [*BACKGROUND, *DAYS,
                  # one clause, three dates: the meeting's day, and two years of context
                  "Teodor Brandt told the envoys on Friday about the accord of 2019 and the elections "
                  "due in 2028."]
    text = "Brandt's busy week\n\n" + "\n\n".join(paragraphs)
    store.save(Article(title="Brandt's busy week", text=text, published=PUBLISHED, source="Ostrava Post",
                       url="https://example.org/brandt"), extract(text, PUBLISHED))
    return store


def test_a_range_lists_its_days_before_what_is_dated_by_month_or_year(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        week = (date(2026, 3, 9), date(2026, 3, 15))
        first = timeline(store, "Teodor Brandt", *week, limit=5, today=PUBLISHED)
        second = timeline(store, "Teodor Brandt", *week, limit=5, offset=5, today=PUBLISHED)
    shown = first.past + first.coming_up
    assert [e.date for e in shown] == ["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13"]
    later = second.past + second.coming_up
    # then the month, then the year (month- and year-long events overlap the week)
    assert [grain_rank(e.date) for e in later] == sorted(grain_rank(e.date) for e in later)
    assert {e.date for e in later} == {"2026-03", "2026"}
    assert first.coarse == second.coarse == len(later) and first.total == 5 + len(later)


def test_a_clause_of_several_dates_is_listed_once_under_its_own(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        # the 2019 accord and the 2028 elections are stored too, but the clause is Friday's
        assert len([e for e in store.facts(1).events if "envoys" in e.text]) == 3
        years = (date(2019, 1, 1), date(2030, 12, 31))
        whole = timeline(store, "Teodor Brandt", *years, limit=50, today=PUBLISHED)
        past = timeline(store, "Teodor Brandt", limit=50, today=PUBLISHED)
    for line in (whole, past):
        assert [e.date for e in line.past + line.coming_up if "envoys" in e.text] == ["2026-03-13"]


def test_the_reply_says_that_the_days_come_first(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        reply = handle(store, "timeline", "Teodor Brandt 2026-03-09 2026-03-15", CommandContext("console"))
    assert reply.note and "days first, then" in reply.note.lower()
    assert "dated only by week, month or year" in reply.note


def test_a_bare_month_or_year_is_that_whole_range(tmp_path: Path) -> None:
    """``/timeline X 2026-03`` is March, not "from 1 March on"; two months are bounds."""
    ctx = CommandContext(platform="console", extra={"today": "2026-03-20"})

    def title(args: str) -> str:
        return handle(store, "timeline", "Teodor Brandt " + args, ctx).title

    with _store(tmp_path) as store:
        assert title("2026-03").endswith(" · 1–31 Mar 2026")
        assert title("2026").endswith(" · 1 Jan – 31 Dec 2026")
        assert title("2026-01 2026-03").endswith(" · 1 Jan – 31 Mar 2026")
        assert title("from 2026-03").endswith(" · from 1 Mar 2026")
        assert title("2026-03-09").endswith(" · from 9 Mar 2026")
        assert title("to 2026-03").endswith(" · until 31 Mar 2026")
