"""Money, counts, durations and percentages (to be built: issue 4)."""

from __future__ import annotations

from digests.extract.text import Document
from digests.models import Figure


def find_figures(doc: Document) -> list[Figure]:
    """Figures in ``doc`` with their value, unit and what they measure."""
    return []
