"""The story candidate search on a real store: a term crowded in the window proposes nobody.

A new article looks its heaviest terms up in ``story_keys``; a term that more than ``CROWDED``
articles of the window index is left out in SQL (``digests.store.stories``), or every article
of a busy topic would fill the ``MAX_CANDIDATES`` places. Here our own articles, ingested for
real, make a place name crowded: every store-level ranking is held to the reference
(``tests/story_reference.py``), which ranks the raw index hits and leaves crowded terms out in
Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

import digests.store.stories as store_stories
from digests.ingest import ingest_articles
from digests.models import Article
from digests.store import Store
from digests.stories import CROWDED, MAX_CANDIDATES, PROBES, WINDOW_DAYS, Weights, rank_articles
from tests.story_reference import rank_candidates

DAY = date(2026, 5, 11)
CROWD = "Valdora"
# words of our own, one pair per crowd article: no two crowd articles share one
FIRST = ["amber", "birch", "cobalt", "dune", "ember", "fjord", "garnet", "heron", "iris", "jasper",
         "kelp", "lichen", "marble", "nettle", "onyx", "pumice", "quartz", "reed", "sable", "thistle",
         "umber", "violet", "willow", "yarrow", "zinnia", "alder", "basalt"]
SECOND = ["anvil", "barrow", "cistern", "dovecote", "easel", "forge", "granary", "hearth", "inkwell",
          "jetty", "kiln", "lantern", "mill", "nave", "orchard", "pergola", "quay", "rampart", "smithy",
          "tannery", "undercroft", "vestry", "weir", "yard", "ziggurat", "arbour", "belfry"]
TURBINE = (
    "Kestrel Dam turbines ordered from Hollin Works",
    "The Kestrel Dam authority ordered six turbines from Hollin Works on Monday, replacing units "
    "installed in 1974.\n\nEngineers at Hollin Works said the Kestrel turbines would be delivered "
    "by barge before the spring floods.",
)


def crowd_article(n: int, day: date) -> Article:
    a, b = FIRST[n % 27], SECOND[n // 27 % 27]
    title = f"{CROWD} {a} {b} festival"
    text = (
        f"{title}\n\nIn {CROWD}, the {a} {b} festival drew visitors on Sunday.\n\n"
        f"Organisers of the {a} {b} festival in {CROWD} thanked the volunteers."
    )
    url = f"https://crowd.example/{n}"
    return Article(title=title, text=text, url=url, source="Crowd Post", published=day)


def turbine_article(url: str, title: str, text: str, day: date = DAY) -> Article:
    return Article(title=title, text=f"{title}\n\n{text}", url=url, source="Dam News", published=day)


class Spy:
    """Records what the store's candidate search handed :func:`rank_articles` and what it ranked."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[tuple[int, list[str]]], Weights, list[int]]] = []

    def __call__(self, found: Iterable[tuple[int, Iterable[str]]], weights: Weights) -> list[int]:
        rows = [(aid, list(terms)) for aid, terms in found]
        ranked = rank_articles(rows, weights)
        self.calls.append((rows, weights, ranked))
        return ranked


def raw_hits(store: Store, weights: Weights, day: date, new_id: int) -> list[tuple[int, str]]:
    """Every index entry of the new article's probe terms in its window, crowded or not."""
    lo, hi = (day - timedelta(days=WINDOW_DAYS)).isoformat(), (day + timedelta(days=WINDOW_DAYS)).isoformat()
    probes = weights.heaviest(PROBES)
    rows: list[Any] = store.db.execute(
        f"SELECT article_id, term FROM story_keys WHERE term IN ({','.join('?' * len(probes))}) "
        "AND day BETWEEN ? AND ? AND article_id <> ? ORDER BY article_id, term",
        [*probes, lo, hi, new_id],
    ).fetchall()
    return [(int(a), str(t)) for a, t in rows]


def ingest_with_spy(store: Store, monkeypatch: pytest.MonkeyPatch, article: Article) -> tuple[Spy, int]:
    spy = Spy()
    with monkeypatch.context() as m:
        m.setattr(store_stories, "rank_articles", spy)
        new_id = ingest_articles(store, [article]).article_ids[0]
    assert spy.calls, "the save did not search for candidates"
    return spy, new_id


@pytest.fixture()
def crowded_store(tmp_path: Path) -> Store:
    crowd = [crowd_article(n, DAY - timedelta(days=n % 3)) for n in range(CROWDED + 1)]
    # the same festival far outside the window: never counted, never proposed
    crowd += [crowd_article(n, DAY - timedelta(days=30)) for n in range(CROWDED + 1, CROWDED + 4)]
    store = Store.open(tmp_path / "s.db")
    report = ingest_articles(store, [*crowd, turbine_article("https://dams.example/1", *TURBINE)])
    assert report.new == len(crowd) + 1
    return store


def turbine_id(store: Store) -> int:
    return int(store.db.execute("SELECT id FROM articles WHERE url = 'https://dams.example/1'").fetchone()[0])


def test_a_crowded_term_proposes_nobody_in_the_store(
    crowded_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = crowded_store
    with store:
        follow_up = turbine_article(
            "https://other.example/valdora-turbines",
            f"{CROWD} engineers to fit Kestrel Dam turbines from Hollin Works",
            f"Engineers from {CROWD} will fit the six Kestrel Dam turbines ordered from Hollin Works, "
            f"the {CROWD} council said on Monday.\n\nThe Kestrel turbines replace units installed in 1974.",
        )
        spy, new_id = ingest_with_spy(store, monkeypatch, follow_up)
        found, weights, ranked = spy.calls[-1]
        crowd_term = CROWD.lower()
        assert crowd_term in weights.heaviest(PROBES)  # the new article does look the place up
        hits = raw_hits(store, weights, DAY, new_id)
        in_window = {a for a, t in hits if t == crowd_term}
        assert len(in_window) == CROWDED + 1  # crowded: the three old festivals not counted
        # SQL left the crowded term out of every row, as the reference does from the raw hits
        assert all(crowd_term not in terms for _aid, terms in found)
        assert ranked == rank_candidates(hits, weights)
        assert ranked[:1] == [turbine_id(store)]
        assert not in_window & set(ranked)
        # without the filter the festivals would take every place among the candidates
        by_article: dict[int, list[str]] = {}
        for aid, term in hits:
            by_article.setdefault(aid, []).append(term)
        flooded = rank_articles(by_article.items(), weights)
        assert len(flooded) == MAX_CANDIDATES and len(set(flooded) & in_window) >= MAX_CANDIDATES - 1
        # and the follow-up is told with the turbine order
        stories = store.stories_of([new_id, turbine_id(store)])
        assert stories[new_id] == stories[turbine_id(store)]


def test_a_term_at_the_crowded_bound_still_proposes(
    crowded_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = crowded_store
    with store:
        newest = int(store.db.execute(
            "SELECT max(id) FROM articles WHERE url LIKE 'https://crowd.example/%' AND published = ?",
            [DAY.isoformat()],
        ).fetchone()[0])
        store.delete_article(newest)  # CROWDED articles of the window index the place now
        festival = crowd_article(CROWDED + 10, DAY)
        spy, new_id = ingest_with_spy(store, monkeypatch, festival)
        found, weights, ranked = spy.calls[-1]
        hits = raw_hits(store, weights, DAY, new_id)
        crowd_term = CROWD.lower()
        assert len({a for a, t in hits if t == crowd_term}) == CROWDED
        assert any(crowd_term in terms for _aid, terms in found)
        assert ranked == rank_candidates(hits, weights)
        assert len(ranked) == MAX_CANDIDATES
