"""How many quotations a speaker has in an article: the quoted words inside a reported clause of
the same speaker ('X said the talks were "frank"') are that clause's, not a second quotation
(real SQLite, our own article)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from digests.extract import extract
from digests.models import Article
from digests.store import Store

TEXT = (
    "Ports reopen after the storm\n\n"
    "Harbour Minister Ivo Petrak told reporters that the ports were handling \"almost normal\" "
    "traffic again and that the cranes had been \"checked twice\" since Sunday.\n\n"
    "\"We lost three days, not three weeks,\" Petrak said. Dock worker Mara Lind said the night "
    "shifts would resume on Friday.\n"
)


def test_quoted_words_inside_a_reported_clause_count_once(tmp_path: Path) -> None:
    facts = extract(TEXT, date(2026, 3, 2))
    by_petrak = [q for q in facts.quotes if q.speaker == "Ivo Petrak"]
    assert len(by_petrak) == 4  # the clause, its two quoted fragments, the direct quotation
    art = Article(url="https://pier.example/ports", title="Ports reopen after the storm", text=TEXT,
                  published=date(2026, 3, 2), source="Pier Post")
    store = Store.open(tmp_path / "c.db")
    try:
        store.save(art, facts)
        ids = [r[0] for r in store.db.execute("SELECT id FROM articles")]
        counts = {sp: n for _, sp, _, n in store.speakers_of(ids)}
        assert counts["Ivo Petrak"] == 2
        assert counts["Mara Lind"] == 1
    finally:
        store.close()
