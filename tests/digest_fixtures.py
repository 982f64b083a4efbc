"""Hand-made articles and facts for the digest tests, read from tests/data/digest/stories.json."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from digests.models import Article, Entity, Event, Extraction, Figure, Quote
from digests.store import Store

DATA = Path(__file__).parent / "data" / "digest"


def raw_articles() -> list[dict[str, Any]]:
    data = json.loads((DATA / "stories.json").read_text(encoding="utf-8"))
    return list(data["articles"])


def _find(text: str, needle: str, paragraph: int | None, starts: list[int]) -> tuple[int, int]:
    lo = starts[paragraph] if paragraph is not None else starts[min(1, len(starts) - 1)]
    at = text.find(needle, lo)
    if at < 0:
        at = text.find(needle)
    assert at >= 0, f"not in the text: {needle!r}"
    return at, at + len(needle)


def _paragraph_of(offset: int, starts: list[int]) -> int:
    return max(i for i, s in enumerate(starts) if s <= offset)


def build(raw: dict[str, Any], **overrides: Any) -> tuple[Article, Extraction]:
    """An Article and its Extraction, offsets computed from the quoted strings."""
    text = "\n\n".join(raw["paragraphs"])
    starts = [m.start() for m in re.finditer(r"(?:^|(?<=\n\n))\S", text)]
    entities = []
    for e in raw.get("entities", []):
        spans = [
            (m.start(), m.end())
            for n in [e["name"], *e.get("aliases", [])]
            for m in re.finditer(re.escape(n), text)
        ]
        entities.append(
            Entity(
                name=e["name"],
                type=e["type"],
                aliases=e.get("aliases", []),
                role=e.get("role"),
                affiliation=e.get("affiliation"),
                country=e.get("country"),
                mentions=sorted(set(spans)),
            )
        )
    quotes = []
    for q in raw.get("quotes", []):
        s, t = _find(text, q["text"], None, starts)
        quotes.append(
            Quote(
                speaker=q["speaker"],
                text=q["text"],
                kind=q["kind"],
                start=s,
                end=t,
                cue=q.get("cue"),
                speaker_role=q.get("speaker_role"),
                paragraph=_paragraph_of(s, starts),
            )
        )
    events = []
    for ev in raw.get("events", []):
        s, t = _find(text, ev["text"], None, starts)
        events.append(
            Event(
                date=ev["date"],
                date_end=ev.get("date_end"),
                status=ev["status"],
                text=ev["text"],
                start=s,
                end=t,
                entities=ev.get("entities", []),
                paragraph=_paragraph_of(s, starts),
            )
        )
    figures = []
    for f in raw.get("figures", []):
        s, t = _find(text, f["text"], f.get("in"), starts)
        figures.append(Figure(text=f["text"], value=f["value"], unit=f.get("unit"), start=s, end=t))
    fields: dict[str, Any] = {
        "title": raw["title"],
        "text": text,
        "url": raw.get("url"),
        "source": raw.get("source"),
        "published": date.fromisoformat(raw["published"]) if raw.get("published") else None,
    }
    fields.update(overrides)
    return Article(**fields), Extraction(entities=entities, quotes=quotes, events=events, figures=figures)


def fill(store: Store, keys: list[str] | None = None) -> dict[str, int]:
    """Save the fixture articles (all, or those named, in that order); their ids by key."""
    by_key = {a["key"]: a for a in raw_articles()}
    ids = {}
    for key in keys or list(by_key):
        article, facts = build(by_key[key])
        ids[key], _ = store.save(article, facts)
    return ids
