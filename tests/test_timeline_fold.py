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



def test_a_day_inside_a_range_sharing_only_a_word_of_a_name_stays_apart(tmp_path: Path) -> None:
    """An airlift in South Sudan that ends on the last day of a ceremony in Sudan, with planes that
    "arrived" (a journey's word) and a summit named beside the ceremony: "Sudan" is a word of both
    tellings' names, but they name no place or person in common, so /timeline and Coming up keep
    two entries (both folded them into one)."""
    from digests.digest import build_digest

    told = [
        ("Harbour Ledger", "Sudan sets border ceremony",
         "The government of Sudan has scheduled a ceremony to hand over the border post on March 12-14, "
         "ahead of a summit of the region's leaders in Khartoum next month."),
        ("Valley Times", "Planes join relief airlift",
         "Local media reported that eight cargo planes arrived in South Sudan on March 1 to join the "
         "annual relief airlift, which concludes March 14."),
    ]
    with Store.open(tmp_path / "n.db") as store:
        for n, (outlet, title, body) in enumerate(told):
            text = f"{title}\n\n{body}"
            store.save(Article(title=title, text=text, published=PUBLISHED, source=outlet,
                               url=f"https://example.org/n{n}"), extract(text, PUBLISHED))
        line = timeline(store, "Sudan", date(2026, 3, 10), date(2026, 3, 31), today=PUBLISHED)
        digest = build_digest(store, date(2026, 3, 2), date(2026, 3, 9))
    shown = line.past + line.coming_up
    assert sorted((e.date, e.date_end) for e in shown) == [("2026-03-12", "2026-03-14"), ("2026-03-14", None)]
    march = sorted((c.date, c.date_end or "") for c in digest.coming_up if c.date.startswith("2026-03"))
    assert march == [("2026-03-12", "2026-03-14"), ("2026-03-14", "")]
