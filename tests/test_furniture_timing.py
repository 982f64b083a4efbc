"""Learnt furniture at ingest does not depend on when the batch's earlier articles were saved.

An ingest run learns an article's furniture from the stored articles of its outlet and from
the run's earlier articles not saved yet. Which of those are saved when the article is queued
depends on timing: how fast the extraction workers come back (two workers), the batch size
and the half-second flush. Each test ingests the same inputs twice, once saving every article
as soon as it is handled and once saving nothing before the end, and expects the same facts.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import digests.ingest_pipeline as ingest_module
from digests.furniture import FREQUENT
from digests.ingest import ingest_articles
from digests.models import Article
from digests.store import Store

DAY = date(2026, 4, 14)
HOST = "tidewater.example"
NAV = [
    "Home | World | Business | Science | Opinion",
    "Our newsroom has 140 reporters working in 36 countries.",
    "Sign up for the morning briefing, sent every weekday.",
]
BIO = "Tessa Quill covers the northern ports and has reported from 12 countries for this paper."
LONG = (
    "The Tidewater Ledger is owned by a trust of 300 readers who elect its board every four years "
    "and publish its accounts online each spring."
)
PLACES = ["Velmar", "Ostrova", "Kessling", "Armund", "Dravik", "Pellor", "Quenby", "Rastow", "Sorrel"]
VERBS = ["opened", "closed", "repaired", "inspected", "sold", "leased", "rebuilt", "extended", "named"]


def article(n: int, body: str, *, language: str | None = None, title: str | None = None) -> Article:
    name = title or f"{PLACES[n % 9]} harbour {VERBS[n // 9 % 9]}"
    return Article(
        title=name, text=f"{name}\n\n{body}", url=f"https://{HOST}/ports/{n}", source="Tidewater Ledger",
        published=DAY, language=language,
    )


def news(n: int) -> str:
    """Two lines of news of their own: no two articles share one."""
    place, verb = PLACES[n % 9], VERBS[n // 9 % 9]
    return (
        f"The harbour of {place} was {verb} on Monday after a vote of the {place} council.\n\n"
        f"Harbour master {place[::-1].title()} said {n + 2} berths would be ready by June."
    )


def facts_by_url(store: Store) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for aid, art in sorted(store.stored_articles(), key=lambda p: p[1].url or ""):
        facts = store.facts(aid)
        start, end = store.db.execute(
            "SELECT lead_start, lead_end FROM articles WHERE id = ?", [aid]
        ).fetchone()
        out.append((
            art.url, sorted(f.text for f in facts.figures), sorted(e.text for e in facts.events),
            sorted(q.text for q in facts.quotes), art.text[start:end],
        ))
    return out


def ingest_saving(
    monkeypatch: pytest.MonkeyPatch, path: Path, batches: list[list[Article]], *, at_once: bool,
    workers: int = 1,
) -> list[tuple[object, ...]]:
    """Ingest each batch as one run, saving each article as soon as it is handled (``at_once``)
    or none before the run's end; the stored facts after."""
    monkeypatch.setattr(ingest_module, "BATCH_ARTICLES", 1 if at_once else 10**6)
    monkeypatch.setattr(ingest_module, "BATCH_SECONDS", 0.0 if at_once else 10.0**6)
    monkeypatch.setattr(ingest_module, "WINDOW_PER_WORKER", 1 if at_once else 10**6)
    with Store.open(path) as store:
        for batch in batches:
            ingest_articles(store, batch, workers=workers)
        return facts_by_url(store)


def both_ways(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, batches: list[list[Article]]) -> None:
    soon = ingest_saving(monkeypatch, tmp_path / "soon.db", batches, at_once=True)
    late = ingest_saving(monkeypatch, tmp_path / "late.db", batches, at_once=False)
    assert soon == late


def test_an_article_in_a_language_not_read_teaches_the_same_saved_or_not(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # stored without facts, its lines are the outlet's all the same: the next article learns the bio
    french = article(0, f"Le port de Velmar a rouvert lundi.\n\n{BIO}", language="fr")
    both_ways(monkeypatch, tmp_path, [[french, article(1, f"{news(1)}\n\n{BIO}")]])


def test_an_update_in_the_batch_counts_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # a long line needs two other articles: the stored version and its update in the run are one
    first = article(0, f"{news(0)}\n\n{LONG}")
    update = article(0, f"{news(0)}\n\nThe council will meet again on Friday.\n\n{LONG}")
    assert update.url == first.url and update.text != first.text
    both_ways(monkeypatch, tmp_path, [[first], [update, article(1, f"{news(1)}\n\n{LONG}")]])


def test_a_line_on_many_articles_is_frequent_saved_or_not(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Three navigation lines on every article: while few articles print them, articles sharing
    # them are copies of each other and teach nothing; past FREQUENT others they are furniture
    # outright and no longer make copies. Whether the others are stored or still in the run.
    many = [article(n, "\n\n".join([*NAV, news(n)])) for n in range(FREQUENT + 4)]
    both_ways(monkeypatch, tmp_path, [many])


def test_two_workers_learn_what_one_does(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    many = [article(n, "\n\n".join([*NAV, news(n), BIO if n % 3 else LONG])) for n in range(FREQUENT + 4)]
    one = ingest_saving(monkeypatch, tmp_path / "one.db", [many], at_once=True)
    two = ingest_saving(monkeypatch, tmp_path / "two.db", [many], at_once=False, workers=2)
    assert one == two
