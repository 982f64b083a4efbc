"""Fact extraction: from an article's text to entities, quotations, times, events and figures.

Offline and deterministic. Each extractor is a module of its own; this package
wires them in order because later ones read what earlier ones found.
"""

from __future__ import annotations

from datetime import date

from digests.extract.entities import find_entities
from digests.extract.events import find_events
from digests.extract.figures import find_figures
from digests.extract.quotes import find_quotes
from digests.extract.text import Document, parse_document
from digests.extract.times import find_times
from digests.models import Extraction

__all__ = ["Document", "extract", "parse_document"]


def extract(text: str, published: date | None = None) -> Extraction:
    """Read every fact out of ``text``; relative dates resolve against ``published``."""
    doc = parse_document(text)
    entities = find_entities(doc)
    quotes = find_quotes(doc, entities)
    times = find_times(doc, published)
    events = find_events(doc, times, entities, published)
    figures = find_figures(doc)
    return Extraction(entities=entities, quotes=quotes, events=events, figures=figures, times=times)
