"""Loads tests/data/commands_corpus.json into a real Store: hand-made facts for command tests.

Offsets are computed from the article text, so the data file stays readable.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from digests.models import Article, Entity, Event, Extraction, Quote
from digests.store import Store

DATA = Path(__file__).resolve().parent / "data" / "commands_corpus.json"


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.find(part)
    assert start >= 0, f"{part!r} not in the article text"
    return start, start + len(part)


def corpus_items() -> list[tuple[Article, Extraction]]:
    """The articles and facts of the data file, as models."""
    items = []
    for raw in json.loads(DATA.read_text(encoding="utf-8")):
        text: str = raw["text"]
        meta: dict[str, Any] = dict(raw["article"])
        meta["published"] = date.fromisoformat(meta["published"])
        article = Article(text=text, **meta)
        entities = []
        for e in raw["entities"]:
            forms = [e["name"], *e.get("aliases", [])]
            mentions = [_span(text, f) for f in forms if f in text]
            entities.append(Entity(mentions=mentions, **e))
        quotes = [Quote(start=_span(text, q["text"])[0], end=_span(text, q["text"])[1], **q)
                  for q in raw["quotes"]]
        events = [Event(start=_span(text, v["text"])[0], end=_span(text, v["text"])[1], **v)
                  for v in raw["events"]]
        items.append((article, Extraction(entities=entities, quotes=quotes, events=events)))
    return items


def load_corpus(path: Path) -> Store:
    """A new store at `path` holding the corpus."""
    store = Store.open(path)
    for article, facts in corpus_items():
        store.save(article, facts)
    return store
