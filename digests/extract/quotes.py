"""Quotations and reported speech (to be built: issue 3)."""

from __future__ import annotations

from digests.extract.text import Document
from digests.models import Entity, Quote


def find_quotes(doc: Document, entities: list[Entity]) -> list[Quote]:
    """Direct, partial and indirect quotations in ``doc``, resolved to their speakers."""
    return []
