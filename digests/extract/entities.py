"""People, organisations and places (to be built: issue 3)."""

from __future__ import annotations

from digests.extract.text import Document
from digests.models import Entity


def find_entities(doc: Document) -> list[Entity]:
    """Every person, organisation and place in ``doc`` with canonical name and aliases."""
    return []
