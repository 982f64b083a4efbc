"""What a digest tells: a development carries a fact, a story's quotation is whole and has its speaker.

Our own sentences, each written after a kind of line weekly digests of busy AllSides weeks showed
(a quotation with "he says." told as a development, "President X announced Wednesday.", an
interview's line, a lead-in ending in a colon; fragments and paraphrases as a story's quotation).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from digests.digest import build_digest
from digests.digest.story import carries_fact, whole_quotation
from digests.ingest import ingest_articles
from digests.models import Article
from digests.store import Store

CONTEXT = "the port of Lenz reopened. what follows is a note. it was edited. the union said so."


@pytest.mark.parametrize(
    "line",
    [
        "\u2018Our harbour will stay open to every ship,\u2019 he says.",
        '"We have what we came for," union leader Ines Marlow told reporters on Monday.',
        "President Olsen announced Wednesday.",
        "The ministry said on Tuesday.",
        "What follows is a transcript of our conversation with the minister, edited for length.",
        "A remarkable passage in the minister's memoir describes the port deal as reckless and overdue:",
        "HO: I would argue that the union has taken a maximal position on every single point.",
    ],
)
def test_a_line_without_a_fact_of_its_own_is_no_development(line: str) -> None:
    assert not carries_fact(line, CONTEXT)


@pytest.mark.parametrize(
    "line",
    [
        "Dockers in Lenz ended a nine-day strike on Monday after the ministry raised wages.",
        'NATO warned this week that Lenz could use "the pretext of a drill" to close the strait.',
        "The minister says the strikers in Lenz advanced their demands faster than anyone predicted.",
        "Three sailors held in Ardenne were released, President Olsen announced Wednesday.",
        "It took 12 days to clear the queue of ships.",
        "Their harvests have failed three years running, and the farmers say nobody listens.",
    ],
)
def test_a_line_that_tells_something_is_a_development(line: str) -> None:
    assert carries_fact(line, CONTEXT)


@pytest.mark.parametrize(
    ("kind", "text", "whole"),
    [
        ("direct", "We will keep the port open to every ship that respects our rules.", True),
        ("direct", "\u2026and that is why the union signed the deal on Monday night.", False),
        ("partial", "an act by people who do not want the port to have strong institutions", False),
        ("direct", "an entire fleet is being driven from the face of the harbour", False),
        ("indirect", "the union had drawn no conclusions about the offer and would vote again", False),
        ("direct", "In the name of the dockers", False),
        ("direct", "12 ships a day is what the harbour can take without a new quay.", True),
    ],
)
def test_a_storys_quotation_is_a_whole_direct_one(kind: str, text: str, whole: bool) -> None:
    assert whole_quotation(kind, text) is whole


def _article(n: int, body: str) -> Article:
    return Article(
        title=f"Lenz port strike ends after nine days {n}",
        text=f"Lenz port strike ends after nine days {n}\n\n{body}",
        url=f"https://harbour{n}.example/2026/03/09/lenz-port-strike",
        source=f"Harbour {n}",
        published=date(2026, 3, 9),
    )


def test_a_digest_never_quotes_a_fragment_and_tells_no_bare_attribution(tmp_path: Path) -> None:
    body = (
        "Dockers in Lenz ended a nine-day strike on Monday after the ministry agreed to raise wages "
        "by 8 percent.\n\n"
        "Prime Minister Hana Olsen called the strike \u201can act by people who do not want the port to have "
        "strong institutions\u201d on Monday.\n\n"
        "Union leader Ines Marlow said the dockers would return to work on Tuesday.\n\n"
        "\u201cWe have what we came for, and the ships can come back to Lenz,\u201d Marlow said "
        "on Monday.\n\n"
        "President Paul Ferris announced Monday."
    )
    with Store.open(tmp_path / "s.db") as store:
        ingest_articles(store, [_article(1, body)])
        digest = build_digest(store, date(2026, 3, 9), date(2026, 3, 9))
    (story,) = digest.stories
    assert [q.text for q in story.quotes] == ["We have what we came for, and the ships can come back to Lenz"]
    assert story.quotes[0].speaker == "Ines Marlow"
    assert story.developments
    assert not any(d.text.startswith("President Paul Ferris announced") for d in story.developments)


def test_a_plan_a_later_telling_overtook_is_no_development(tmp_path: Path) -> None:
    """An earlier article's plan for a day before the story's latest telling ("will strike from Monday
    to Tuesday", told on Friday; the strike's end told on Wednesday) is no news any more; a plan for a
    day after it still is."""
    before = Article(
        title="Lenz dockers to strike over wages",
        text="Lenz dockers to strike over wages\n\n"
        "Dockers at the port of Lenz will strike on Monday and Tuesday over wages, their union said on "
        "Friday, after talks with the port ministry broke down.\n\n"
        "The union wants an 8 percent rise for its 2,400 members at the Lenz docks.",
        url="https://harbour1.example/2026/03/06/lenz-dockers-strike",
        source="Harbour 1",
        published=date(2026, 3, 6),
    )
    after = Article(
        title="Lenz dockers end strike over wages",
        text="Lenz dockers end strike over wages\n\n"
        "Dockers at the port of Lenz ended a two-day strike over wages on Tuesday after the port ministry "
        "offered an 8 percent rise to the union's 2,400 members.\n\n"
        "The union and the ministry will sign the wage deal at the Lenz docks on March 20.",
        url="https://harbour2.example/2026/03/11/lenz-dockers-end-strike",
        source="Harbour 2",
        published=date(2026, 3, 11),
    )
    with Store.open(tmp_path / "s.db") as store:
        ingest_articles(store, [before, after])
        digest = build_digest(store, date(2026, 3, 6), date(2026, 3, 11))
    (story,) = digest.stories
    told = [d.text for d in story.developments]
    assert told and not any("will strike on Monday" in t for t in told), told
    assert any("ended a two-day strike" in t for t in told), told
