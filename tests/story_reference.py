"""The candidate ranking from (article id, shared term) hits, as the store ranked before SQL
grouped each article's hits (``digests.store.stories``): the reference tests hold
:func:`digests.stories.rank_articles` to, crowded terms left out in Python as SQL leaves them out."""

from __future__ import annotations

from collections.abc import Iterable

from digests.stories import CROWDED, Weights, rank_articles


def rank_candidates(hits: Iterable[tuple[int, str]], weights: Weights) -> list[int]:
    """Candidate article ids from (article id, shared indexed term) hits, the most promising first:
    a term indexed by more than ``CROWDED`` articles of the window proposes nobody; the others add
    the new article's weight of the term to each article indexing it."""
    by_term: dict[str, list[int]] = {}
    for aid, term in hits:
        by_term.setdefault(term, []).append(aid)
    terms_of: dict[int, list[str]] = {}
    for term, aids in by_term.items():
        if len(aids) <= CROWDED:
            for aid in aids:
                terms_of.setdefault(aid, []).append(term)
    return rank_articles(terms_of.items(), weights)
