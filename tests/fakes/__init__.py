"""Small servers on 127.0.0.1 that speak the Slack and Discord wire formats, for end-to-end tests.

They stand in for the network peers we cannot reach; the real libraries (slack-bolt,
slack_sdk, discord.py) talk to them unchanged, with only their base URLs redirected.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

JSON = "application/json"


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """A JSON response whose Content-Type is exactly ``application/json`` (no charset)."""
    import json

    out = web.Response(body=json.dumps(data).encode("utf-8"), status=status, headers=headers)
    out.headers["Content-Type"] = JSON
    return out


async def wait_until(predicate: Callable[[], Any], *, timeout: float = 10.0, what: str = "condition") -> Any:
    """Poll ``predicate`` until it returns something truthy; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(0.01)


async def serve(app: web.Application) -> tuple[web.AppRunner, int]:
    """Serve ``app`` on 127.0.0.1 at a free port."""
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, int(runner.addresses[0][1])


DATA = __import__("pathlib").Path(__file__).resolve().parents[1] / "data" / "chat" / "articles.json"


def make_store(db_path: Any) -> Any:
    """A real store at ``db_path`` holding the hand-made articles and facts of tests/data/chat."""
    import json
    from datetime import date

    from digests.models import Article, Entity, Event, Extraction, Quote
    from digests.store import Store

    spec = json.loads(DATA.read_text(encoding="utf-8"))
    store = Store.open(db_path)
    for a in spec["articles"]:
        text = a["text"]

        def span(piece: str, text: str = text) -> tuple[int, int]:
            start = text.index(piece)
            return start, start + len(piece)

        quotes = [Quote(**q, start=span(q["text"])[0], end=span(q["text"])[1]) for q in a["quotes"]]
        events = [Event(**e, start=span(e["text"])[0], end=span(e["text"])[1]) for e in a["events"]]
        entities = [
            Entity(
                **e, mentions=[span(alias) for alias in [e["name"], *e.get("aliases", [])] if alias in text]
            )
            for e in a["entities"]
        ]
        article = Article(
            title=a["title"],
            text=text,
            url=a["url"],
            source=a["source"],
            published=date.fromisoformat(a["published"]),
            origin=a["url"],
        )
        store.save(article, Extraction(entities=entities, quotes=quotes, events=events))
    return store


def save_article(store: Any, spec: dict[str, Any]) -> int:
    """Store one hand-made article (the format of tests/data/*/articles.json) with exactly the facts
    it lists; returns its id."""
    from datetime import date

    from digests.models import Article, Entity, Event, Extraction, Quote

    text = spec["text"]

    def span(piece: str) -> tuple[int, int]:
        start = text.index(piece)
        return start, start + len(piece)

    article = Article(title=spec["title"], text=text, url=spec["url"], source=spec["source"],
                      published=date.fromisoformat(spec["published"]), origin=spec["url"])
    extraction = Extraction(
        entities=[Entity(**e, mentions=[span(e["name"])] if e["name"] in text else [])
                  for e in spec["entities"]],
        quotes=[Quote(**q, start=span(q["text"])[0], end=span(q["text"])[1]) for q in spec["quotes"]],
        events=[Event(**e, start=span(e["text"])[0], end=span(e["text"])[1]) for e in spec["events"]],
    )
    article_id, _ = store.save(article, extraction)
    return int(article_id)


def make_timeline_store(db_path: Any) -> Any:
    """The store of :func:`make_store` plus one article with 23 dated events about Veldmark, one a
    day from 1 March 2026: a timeline of three pages."""
    import json

    store = make_store(db_path)
    save_article(store, json.loads((DATA.parent / "timeline_month.json").read_text(encoding="utf-8")))
    return store


def long_digest(stories: int = 30) -> Any:
    """A Digest too long for one message, made from the hand-made articles (renderers must split it)."""
    import json
    from datetime import date

    from digests.digest import Development, Digest, Period, Scope, Source, Speaker, Story, StoryQuote

    spec = json.loads(DATA.read_text(encoding="utf-8"))["articles"]
    out = []
    for n in range(stories):
        a = spec[n % len(spec)]
        source = Source(
            title=a["title"],
            outlet=a["source"],
            url=f"{a['url']}?part={n}",
            published=date.fromisoformat(a["published"]),
            article_id=n + 1,
        )
        developments = [Development(text=e["text"], date=e["date"], article_id=n + 1) for e in a["events"]]
        quotes = [
            StoryQuote(
                speaker=q["speaker"],
                role=q.get("speaker_role"),
                text=q["text"],
                source=a["source"],
                url=a["url"],
                kind=q["kind"],
                article_id=n + 1,
            )
            for q in a["quotes"]
        ]
        out.append(
            Story(
                id=n + 1,
                headline=f"{a['title']} (part {n + 1})",
                developments=developments,
                quotes=quotes,
                topics=[],
                countries=[],
                sources=[source],
                people=[],
                published=source.published,
            )
        )
    return Digest(
        title="GeoDigest test edition",
        period=Period(since=date(2026, 3, 1), until=date(2026, 3, 3)),
        scope=Scope(),
        stories=out,
        coming_up=[],
        speakers=[Speaker(name="Oskar Lind", count=2)],
        empty=False,
        articles=stories,
    )
