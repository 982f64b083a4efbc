"""Fact extraction: from an article's text to entities, quotations, times, events and figures.

Offline and deterministic. ``extract()`` builds one ``Doc`` per article (text.py)
and runs the stages of ``pipeline.DEFAULT`` over it in order; each stage is a
module of its own and receives what earlier stages found as arguments.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from typing import Any

from digests.extract.pipeline import DEFAULT, Pipeline, run_into
from digests.extract.text import Doc, Document, parse_document
from digests.models import Extraction

__all__ = ["Doc", "Document", "Pipeline", "extract", "parse_document"]


def extract(
    text: str, published: date | None = None, pipeline: Pipeline = DEFAULT, learned: Collection[int] = ()
) -> Extraction:
    """Read every fact out of ``text``; relative dates resolve against ``published``.

    ``learned`` holds hashes of lines the article's outlet repeats (``digests.furniture``):
    furniture to skip like any other.
    """
    return run_into(text, _extraction, published, pipeline, learned)


def _extraction(found: Mapping[str, Any]) -> Extraction:
    """What ``extract`` returns of the pipeline's results (the rest is freed at once)."""
    return Extraction.trusted(
        entities=found.get("entities", []),
        quotes=found.get("quotes", []),
        events=found.get("events", []),
        figures=found.get("figures", []),
        times=found.get("times", []),
    )
