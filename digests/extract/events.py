"""Dated events with their status (to be built: issue 4)."""

from __future__ import annotations

from datetime import date

from digests.extract.text import Document
from digests.models import Entity, Event, TimeExpression


def find_events(
    doc: Document, times: list[TimeExpression], entities: list[Entity], published: date | None
) -> list[Event]:
    """Dated statements of what happened or will happen, one per event."""
    return []
