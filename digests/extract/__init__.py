"""Fact extraction: from an article's text to entities, quotations, times, events and figures.

Offline and deterministic. ``extract()`` builds one ``Doc`` per article (text.py)
and runs the stages of ``pipeline.DEFAULT`` over it in order; each stage is a
module of its own and receives what earlier stages found as arguments.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from digests.lazy import lazy_attributes
from digests.models import Extraction

if TYPE_CHECKING:
    from digests.extract.pipeline import Pipeline
    from digests.extract.text import Doc, Document, parse_document

# The stages (and their tables) load when text is first read, not when a module of the package
# (the lexicon a store's name look-ups use) is: a command line that only reads the store starts light.
_LAZY = {
    "Pipeline": "digests.extract.pipeline",
    "Doc": "digests.extract.text",
    "Document": "digests.extract.text",
    "parse_document": "digests.extract.text",
}

__getattr__ = lazy_attributes(__name__, _LAZY, globals())

__all__ = ["Doc", "Document", "Pipeline", "extract", "parse_document"]


def extract(
    text: str, published: date | None = None, pipeline: Pipeline | None = None, learned: Collection[int] = (),
    title: str = "",
) -> Extraction:
    """Read every fact out of ``text``; relative dates resolve against ``published``.

    ``learned`` holds hashes of lines the article's outlet repeats (``digests.furniture``):
    furniture to skip like any other. ``title``: the article's headline, whose subject names a
    pronoun an event's shown words open with (``digests.extract.shown``).
    """
    from digests.extract.pipeline import DEFAULT, run_into

    return run_into(text, _extraction, published, DEFAULT if pipeline is None else pipeline, learned, title)


def _extraction(found: Mapping[str, Any]) -> Extraction:
    """What ``extract`` returns of the pipeline's results (the rest is freed at once)."""
    return Extraction.trusted(
        entities=found.get("entities", []),
        quotes=found.get("quotes", []),
        # the events with the words each is shown in (the ``shown`` stage), when the pipeline has it
        events=found.get("shown", found.get("events", [])),
        figures=found.get("figures", []),
        times=found.get("times", []),
    )
