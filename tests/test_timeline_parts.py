"""/timeline of a part of a country ("Scotland") lists what names that part, not the whole
country's events; when nothing names the part alone it shows the country and says so."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from digests.extract import extract
from digests.gazetteer import country_code, part_forms, part_of
from digests.models import Article
from digests.store import Store
from digests.timelines import timeline

PUBLISHED = date(2026, 3, 14)
STORIES = [
    ("Edinburgh vote", "Scotland's parliament voted on the fisheries bill on Tuesday."),
    ("London budget", "The British chancellor presented the budget in London on Wednesday."),
    ("Cardiff talks", "Britain's trade minister met steel unions in Manchester on Thursday."),
]


def _store(tmp_path: Path, stories: list[tuple[str, str]]) -> Store:
    store = Store.open(tmp_path / "g.db")
    for n, (title, body) in enumerate(stories):
        text = f"{title}\n\n{body}"
        store.save(Article(title=title, text=text, published=PUBLISHED, source="Harbour Ledger",
                           url=f"https://example.org/{n}"), extract(text, PUBLISHED))
    return store


def test_a_part_of_a_country_is_its_own_query() -> None:
    assert part_of("Scotland") == "GB" and part_of(" scotland ") == "GB"
    assert part_of("Britain") is None and part_of("Edinburgh") is None
    # text naming Scotland still counts for the United Kingdom
    assert country_code("Scotland") == "GB"


def test_timeline_of_scotland_lists_scotland_only(tmp_path: Path) -> None:
    with _store(tmp_path, STORIES) as store:
        line = timeline(store, "Scotland", today=PUBLISHED)
        whole = timeline(store, "United Kingdom", today=PUBLISHED)
    assert [e.date for e in line.past] == ["2026-03-10"]
    assert line.label == "Scotland (part of United Kingdom)"
    assert len(whole.past) == 3


def test_timeline_of_a_part_named_nowhere_widens_and_says_so(tmp_path: Path) -> None:
    with _store(tmp_path, STORIES[1:]) as store:
        line = timeline(store, "Scotland", today=PUBLISHED)
    assert len(line.past) == 2
    assert line.label == "United Kingdom (country): nothing on Scotland alone"
    assert line.query == "Scotland"


def test_a_part_is_found_by_its_demonym(tmp_path: Path) -> None:
    # what is Scottish is Scotland's (the gazetteer's fourth column links a demonym to its part);
    # the British, Welsh and English events stay out
    stories = [
        *STORIES,
        ("Holyrood ballot", "Scottish voters elected a new parliament on Thursday."),
        ("Senedd", "Welsh ministers met farmers in Cardiff on Friday."),
    ]
    assert part_forms("Scotland") == ("Scottish",) and part_forms("Wales") == ("Welsh",)
    assert part_forms("England") == () and part_forms("Britain") == ()
    with _store(tmp_path, stories) as store:
        line = timeline(store, "Scotland", today=PUBLISHED)
        wales = timeline(store, "Wales", today=PUBLISHED)
    assert sorted(e.date for e in line.past) == ["2026-03-10", "2026-03-12"]
    assert [e.date for e in wales.past] == ["2026-03-13"]
    # "Scottish" still counts for the United Kingdom
    assert country_code("Scottish") == "GB"
