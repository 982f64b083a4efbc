"""Coming up keeps two events of the same day in one story apart: a minister's trip and tariffs
that take effect that day are two items; the summit of that day told twice in other words ("the
Vell summit", "the leaders will meet in Vell") stays one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from digests.digest import build_digest
from digests.extract import extract
from digests.models import Article
from digests.store import Store

PUBLISHED = date(2026, 5, 26)  # a Tuesday: Friday is May 29
TEXT = """Lind to travel as tariffs loom

Trade Minister Ada Lind said she still plans to leave for Oslo on Friday to open a consulate there.

New duties on steel imports from Brazil will take effect on Friday, the customs office said.

President Tomas Berg and Chancellor Greta Holm will attend the Vell summit on Friday.

The two leaders will meet in Vell on Friday to sign the water accord.
"""


def test_two_events_of_one_day_in_one_story_are_two_items(tmp_path: Path) -> None:
    with Store.open(tmp_path / "c.db") as store:
        store.save(Article(title="Lind to travel as tariffs loom", text=TEXT, published=PUBLISHED,
                           source="Harbour Ledger", url="https://example.org/lind"), extract(TEXT, PUBLISHED))
        digest = build_digest(store, date(2026, 5, 20), date(2026, 5, 26))
    friday = [c.text for c in digest.coming_up if c.date == "2026-05-29"]
    assert any("Oslo" in t for t in friday) and any("steel" in t for t in friday)
    # the summit told twice is one item
    assert len([t for t in friday if "Vell" in t]) == 1
    assert len(friday) == 3
