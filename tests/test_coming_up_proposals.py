"""Coming up lists plans, not proposals: "the opposition is pushing for an election on June 8" or
"the minister proposed holding talks next week" is what someone wants, stored as ``proposed``
(with its cue) and left out; a plan told beside them stays."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from digests.digest import build_digest
from digests.extract import extract
from digests.models import Article
from digests.store import Store

PUBLISHED = date(2026, 5, 26)  # a Tuesday
TEXT = """Opposition wants an early vote

The opposition is pushing for an early election on June 8, its leader said.

Foreign Minister Ada Lind proposed holding talks with Norway in Bergen next week.

President Tomas Berg will open the new harbour in Vell on Friday.
"""


def test_proposals_are_stored_as_such_and_left_out_of_coming_up(tmp_path: Path) -> None:
    facts = extract(TEXT, PUBLISHED)
    assert {(e.date, e.status, e.cue) for e in facts.events} >= {
        ("2026-06-08", "proposed", "pushing for"), ("2026-W23", "proposed", "proposed"),
        ("2026-05-29", "planned", "will"),
    }
    with Store.open(tmp_path / "c.db") as store:
        store.save(Article(title="Opposition wants an early vote", text=TEXT, published=PUBLISHED,
                           source="Harbour Ledger", url="https://example.org/vote"), facts)
        digest = build_digest(store, date(2026, 5, 20), date(2026, 5, 26))
    assert [c.date for c in digest.coming_up] == ["2026-05-29"]
