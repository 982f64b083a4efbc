"""/timeline lists an event once when outlets tell it in other words: a plan told before the day,
or the word that it was called off, and the later report that it took place are one entry, shown
in the later report's words with every source; and an outlet's telling in other words than the kept
one's joins the telling it is closely alike ("the Pentagon began sending drones over Kessel"
after "reconnaissance flights over Kessel"), while another event of the same day stays apart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from digests.extract import extract
from digests.models import Article
from digests.store import Store
from digests.timelines import _Told, timeline

TOLD = [
    # (outlet, published, title, body): the cancelling names no one the report names
    ("Harbour Ledger", date(2026, 5, 20), "Summit off",
     "The president canceled the June 12 summit, citing hostility from Pyongyang."),
    ("Valley Times", date(2026, 6, 14), "Summit held after all",
     "Ana Varga and the North Korean leader held the June 12 summit in Tessel and signed a fisheries "
     "accord."),
    ("Coastline Wire", date(2026, 6, 13), "Dockers strike",
     "Dockers in Nampo, North Korea, went on strike on June 12 over pay."),
]
# (text, entities) of one day's tellings by four outlets, as the store keeps them
FLIGHTS = [
    ("Officials said on Monday that the Pentagon was sending reconnaissance planes over Kessel.",
     '["Pentagon", "Kessel"]'),
    ("The Pentagon on Monday began surveillance flights with drones over Kessel, sending reconnaissance "
     "planes.", '["Pentagon", "Kessel"]'),
    ("Late Monday, the Pentagon launched surveillance flights with drones over Kessel.",
     '["Pentagon", "Kessel"]'),
    ("On Monday the Pentagon denied that it had sent troops into Kessel.", '["Pentagon", "Kessel"]'),
]


def _save(store: Store, n: int, outlet: str, published: date, title: str, body: str) -> None:
    text = f"{title}\n\n{body}"
    store.save(Article(title=title, text=text, published=published, source=outlet,
                       url=f"https://example.org/{n}"), extract(text, published))


def test_a_cancelled_plan_is_overtaken_by_the_report_that_it_took_place(tmp_path: Path) -> None:
    with Store.open(tmp_path / "t.db") as store:
        for n, told in enumerate(TOLD):
            _save(store, n, *told)
        line = timeline(store, "North Korea", date(2026, 6, 12), date(2026, 6, 12), today=date(2026, 6, 14))
    shown = [(e.status, e.source, e.also) for e in line.past]
    # the strike of that day is another event
    assert sorted(shown) == [
        ("occurred", "Coastline Wire", ()), ("occurred", "Valley Times", ("Harbour Ledger",)),
    ]
    assert line.total == 2


def test_an_outlets_other_words_join_the_telling_they_are_closely_alike() -> None:
    told = _Told()
    rows = [(n, "2026-08-24", None, "2026-08-24", "occurred", text, n, entities)
            for n, (text, entities) in enumerate(FLIGHTS, 1)]
    # the second is alike the first (reconnaissance planes); the third only the second (surveillance
    # flights with drones), which it joins; the denial is another event
    assert [told(row) for row in rows] == [False, True, True, False]
    assert [r[0] for r in told.also[1]] == [2, 3]
