"""What the store keeps derived from an article besides its facts, computed in one place.

An article's lead (:mod:`digests.lead`), its kind, news or opinion (:mod:`digests.opinion`),
its terms for story grouping (:mod:`digests.terms`) and the hashes of its lines for learnt
furniture (:mod:`digests.furniture`) are pure functions of the article and of the lines its
outlet is known to repeat. :func:`derive` computes them all: the store calls it when it
saves an article and when ``geodigest reextract`` re-processes one, and ingest runs it in
the extraction worker, so the process that writes the store only writes. :func:`fact_rows`
turns the facts into the rows the store inserts, in the worker too: the writer then receives
plain tuples instead of decoding the extraction's models.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from digests.furniture import article_lines
from digests.models import Article, Extraction
from digests.timex import day_bounds

if TYPE_CHECKING:
    from digests.lead import Lead
    from digests.opinion import Kind


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


def derive(
    article: Article, learned: Collection[int] = (), facts: Extraction | None = None,
    lines: Mapping[int, bool] | None = None,
) -> Derived:
    """Everything derived from ``article`` (and its ``facts``: the entities are terms too) at save
    time; ``learned`` are the hashes of lines its outlet repeats (furniture: never its lead);
    ``lines`` its :func:`digests.furniture.article_lines` when the caller has them already."""
    # imported here: a store opened to read (a command line's who-said) needs none of them
    from digests.lead import find_lead
    from digests.opinion import article_kind
    from digests.stories import quotation_runs
    from digests.terms import article_terms, counts_json

    entities = [(e.name, e.type, len(e.mentions)) for e in facts.entities] if facts is not None else []
    terms = article_terms(article.title, article.text, entities)
    return Derived(
        lead=find_lead(article.text, article.title, learned),
        kind=article_kind(article.url, article.title, article.text, article.source),
        terms=terms,
        terms_json=counts_json(terms),
        lines=dict(article_lines(article.text) if lines is None else lines),
        quote_runs=quotation_runs((q.kind, q.text) for q in facts.quotes) if facts is not None else (
            frozenset(), frozenset()),
    )


#: the columns of each fact table that :class:`FactRows` fills, in row order (``article_id`` first)
FACT_COLUMNS: dict[str, tuple[str, ...]] = {
    "entities": ("article_id", "name", "type", "aliases", "role", "affiliation", "country", "mentions"),
    "quotes": (
        "article_id", "speaker", "speaker_role", "text", "kind", "cue", "start", "end", "speaker_start",
        "speaker_end", "paragraph",
    ),
    "events": (
        "article_id", "date", "date_end", "day_first", "day_last", "status", "text", "cue", "start", "end",
        "entities", "paragraph", "sentence", "shown",
    ),
    "figures": ("article_id", "text", "value", "unit", "measures", "approximate", "start", "end"),
    "times": ("article_id", "text", "start", "end", "type", "value", "mod"),
}


@dataclass(frozen=True, slots=True)
class FactRows:
    """An article's facts as the store's rows: per fact table, one tuple per fact in the order of
    ``FACT_COLUMNS`` without the article id (which the store adds)."""

    entities: list[tuple[Any, ...]]
    quotes: list[tuple[Any, ...]]
    events: list[tuple[Any, ...]]
    figures: list[tuple[Any, ...]]
    times: list[tuple[Any, ...]]

    def tables(self) -> tuple[tuple[str, list[tuple[Any, ...]]], ...]:
        """(table, rows) of every fact table, in ``FACT_COLUMNS`` order."""
        return (
            ("entities", self.entities), ("quotes", self.quotes), ("events", self.events),
            ("figures", self.figures), ("times", self.times),
        )


# json.dumps(value, ensure_ascii=False) builds an encoder at every call; one made once encodes the same
_encode = json.JSONEncoder(ensure_ascii=False).encode
_encode_ascii = json.JSONEncoder().encode


def fact_rows(facts: Extraction) -> FactRows:
    """The rows the store inserts for ``facts`` (JSON columns encoded, events' day bounds found)."""
    events = []
    for ev in facts.events:
        first, last = day_bounds(ev.date, ev.date_end)
        events.append((
            ev.date, ev.date_end, first, last, ev.status, ev.text, ev.cue, ev.start, ev.end,
            _encode(ev.entities), ev.paragraph, ev.sentence, ev.shown,
        ))
    return FactRows(
        entities=[
            # mentions are (start, end) tuples: encoded as lists are
            (e.name, e.type, _encode(e.aliases), e.role, e.affiliation, e.country, _encode_ascii(e.mentions))
            for e in facts.entities
        ],
        quotes=[
            (
                q.speaker, q.speaker_role, q.text, q.kind, q.cue, q.start, q.end,
                q.speaker_span[0] if q.speaker_span else None, q.speaker_span[1] if q.speaker_span else None,
                q.paragraph,
            )
            for q in facts.quotes
        ],
        events=events,
        figures=[
            (f.text, f.value, f.unit, f.measures, int(f.approximate), f.start, f.end) for f in facts.figures
        ],
        times=[(t.text, t.start, t.end, t.type, t.value, t.mod) for t in facts.times],
    )
