"""What the store keeps derived from an article besides its facts, computed in one place.

An article's lead (:mod:`digests.lead`), its kind, news or opinion (:mod:`digests.opinion`),
its terms for story grouping (:mod:`digests.terms`) and the hashes of its lines for learnt
furniture (:mod:`digests.furniture`) are pure functions of the article and of the lines its
outlet is known to repeat. :func:`derive` computes them all: the store calls it when it
saves an article and when ``geodigest reextract`` re-processes one, and ingest runs it in
the extraction worker, so the process that writes the store only writes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from digests.furniture import article_lines
from digests.lead import Lead, find_lead
from digests.models import Article, Extraction
from digests.opinion import Kind, article_kind
from digests.stories import quotation_runs
from digests.terms import article_terms, counts_json


@dataclass(frozen=True, slots=True)
class Derived:
    """An article's lead, kind, terms for grouping (counts, and the JSON the store keeps), line
    hashes (hash -> long) and quotation runs for grouping (all, and a candidate's)."""

    lead: Lead
    kind: Kind
    terms: Counter[str]
    terms_json: str
    lines: Mapping[int, bool]
    quote_runs: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


def derive(article: Article, learned: Collection[int] = (), facts: Extraction | None = None) -> Derived:
    """Everything derived from ``article`` (and its ``facts``: the entities are terms too) at save
    time; ``learned`` are the hashes of lines its outlet repeats (furniture: never its lead)."""
    entities = [(e.name, e.type, len(e.mentions)) for e in facts.entities] if facts is not None else []
    terms = article_terms(article.title, article.text, entities)
    return Derived(
        lead=find_lead(article.text, article.title, learned),
        kind=article_kind(article.url, article.title, article.text, article.source),
        terms=terms,
        terms_json=counts_json(terms),
        lines=dict(article_lines(article.text)),
        quote_runs=quotation_runs((q.kind, q.text) for q in facts.quotes) if facts is not None else (
            frozenset(), frozenset()),
    )
