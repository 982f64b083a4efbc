"""A scoped digest's order: the stories about the scope first, then those naming it in passing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from digests.digest import Scope, build_digest
from digests.digest.grouping import collapse_duplicates, stored_stories
from digests.digest.load import load_period
from digests.digest.scope import ScopeMatcher
from digests.ingest import ingest_inputs
from digests.store import Store

# Three outlets on a Canada-EU steel deal whose first names Norway's minister in passing, and one
# article about Norway's cod quota told by that minister (written for this test).
ARTICLES = Path(__file__).parent / "data" / "grouping" / "scoped"
DAY = date(2026, 4, 14)
STEEL = "steel tariffs"
COD = "cod quota"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = Store.open(tmp_path_factory.mktemp("scoped") / "s.db")
    assert ingest_inputs(s, [str(ARTICLES)]).failed == 0
    return s


def _headlines(store: Store, scope: Scope | None) -> list[str]:
    return [s.headline for s in build_digest(store, DAY, DAY, scope).stories]


def test_unscoped_the_story_most_outlets_told_leads(store: Store) -> None:
    d = build_digest(store, DAY, DAY)
    assert [len(s.sources) for s in d.stories] == [3, 1]
    assert STEEL in d.stories[0].headline


@pytest.mark.parametrize(
    "scope",
    [Scope(countries=["Norway"]), Scope(entities=["Norway"]), Scope(entities=["Ingrid Halvorsen"])],
)
def test_scoped_the_story_about_the_scope_leads(store: Store, scope: Scope) -> None:
    headlines = _headlines(store, scope)
    # both stories are within the scope (the steel deal names Norway and its minister) ...
    assert len(headlines) == 2
    # ... but the one about it comes first, though fewer outlets told it
    assert COD in headlines[0] and STEEL in headlines[1]


def test_a_scope_the_big_story_is_about_keeps_it_first(store: Store) -> None:
    assert STEEL in _headlines(store, Scope(countries=["Canada"]))[0]


def test_relevance_is_the_share_of_the_story_about_the_scope(store: Store) -> None:
    arts = load_period(store, DAY, DAY, None)
    collapse_duplicates(arts)
    stories = [s for _, s in stored_stories(arts, store.stories_of(arts))]
    by_title = {next(iter(arts[i].title for i in s)): s for s in stories}
    steel = next(s for t, s in by_title.items() if "steel" in t.lower())
    cod = next(s for t, s in by_title.items() if "cod" in t.lower())
    norway = ScopeMatcher(Scope(countries=["Norway"]))
    assert norway.relevance(cod, arts) == 1.0
    assert 0.0 < norway.relevance(steel, arts) < 0.5
    # with nothing scoped every story is wholly relevant: the unscoped order is by weight alone
    assert ScopeMatcher(Scope()).relevance(steel, arts) == 1.0
    # a topic scope: the topic's score against the story's strongest topic
    trade = ScopeMatcher(Scope(topics=["trade"])).relevance(steel, arts)
    assert trade == 1.0
