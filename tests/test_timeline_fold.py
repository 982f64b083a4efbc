"""/timeline keeps one entry for an event told over a range of days and again on one day of it (a
participant's journey to the gathering, or the same gathering told alike): the range, with both
sources; another event of an overlapping day stays an entry of its own, and the counts agree."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from digests.extract import extract
from digests.models import Article
from digests.store import Store
from digests.timelines import timeline

PUBLISHED = date(2026, 3, 9)  # a Monday: Thursday is March 12
TOLD = [
    ("Harbour Ledger", "Nolte to host Kallas in Tessel",
     "Prime Minister Arvid Nolte will host President Mira Kallas in the old city of Tessel on March 12 "
     "and 13, the government said on Monday."),
    ("Valley Times", "Kallas sets out travel plans",
     "The office of President Mira Kallas said she would travel to Belmark on Thursday morning "
     "for the talks."),
    ("Coastline Wire", "Fishing crews plan protest",
     "Angry fishing crews plan to sail their boats into Tessel harbour on March 13 to protest against "
     "quota cuts backed by President Mira Kallas, a union said."),
]


def _store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "t.db")
    for n, (outlet, title, body) in enumerate(TOLD):
        text = f"{title}\n\n{body}"
        store.save(Article(title=title, text=text, published=PUBLISHED, source=outlet,
                           url=f"https://example.org/{n}"), extract(text, PUBLISHED))
    return store


def test_a_day_of_a_range_told_as_the_journey_to_it_is_one_entry(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        for line in (timeline(store, "Mira Kallas", today=PUBLISHED),
                     timeline(store, "Mira Kallas", date(2026, 3, 1), date(2026, 3, 31), today=PUBLISHED)):
            shown = line.past + line.coming_up
            visit = [e for e in shown if "host" in e.text]
            assert [(e.date, e.date_end) for e in visit] == [("2026-03-12", "2026-03-13")]
            assert visit[0].source == "Harbour Ledger" and visit[0].also == ("Valley Times",)
            assert not any("travel" in e.text for e in shown)
            # a protest on a day of the visit is another event
            assert [e.date for e in shown if "protest" in e.text] == ["2026-03-13"]
            assert line.total == len(shown) == 2
