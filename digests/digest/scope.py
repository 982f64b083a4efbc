"""Scopes: user words resolved to a scope, and whether a story falls within one."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from digests.digest.load import Art, json_list
from digests.digest.models import Scope
from digests.digest.story import main_countries, pick_topics, story_topic_scores
from digests.errors import InputError
from digests.topics import TOPICS, countries_matching, topic_slug
from digests.watches import mentions, phrase_tokens


def resolve_scope(
    topics: Iterable[str] = (), entities: Iterable[str] = (), countries: Iterable[str] = ()
) -> Scope:
    """A scope from user words: topics resolved to slugs (unknown ones raise InputError)."""
    slugs: list[str] = []
    for t in topics:
        slug = topic_slug(t)
        if slug is None:
            known = ", ".join(TOPICS)
            raise InputError(f"unknown topic {t!r}; known topics: {known}")
        if slug not in slugs:
            slugs.append(slug)
    ents = [e.strip() for e in entities if e.strip()]
    ctrs = [c.strip() for c in countries if c.strip()]
    return Scope(topics=slugs, countries=ctrs, entities=ents)


class ScopeMatcher:
    """Whether a story is within a scope: its topics, main countries or named entities."""

    def __init__(self, scope: Scope, names_of: Callable[[str], list[str]] | None = None) -> None:
        """``names_of`` (the store's :meth:`identity_names`): every name of the person an entity
        of the scope is, so that "Barack Obama" also finds the stories saying "President Obama"."""
        self.scope = scope
        self.codes: set[str] = set()
        for c in scope.countries:
            self.codes |= countries_matching(c)
        self.entity_codes: set[str] = set()
        for e in scope.entities:
            self.entity_codes |= countries_matching(e)
        named = [n for e in scope.entities for n in (names_of(e) if names_of else [e])]
        self.terms = list(dict.fromkeys(" ".join(e.lower().split()) for e in [*scope.entities, *named]))
        self.patterns = [re.compile(rf"(?<!\w){re.escape(t)}(?!\w)", re.I) for t in self.terms if t]
        self.include = [k for k in (" ".join(phrase_tokens(w)) for w in scope.include) if k]
        self.exclude = [k for k in (" ".join(phrase_tokens(w)) for w in scope.exclude) if k]

    def _mentions(self, keys: list[str], story: list[int], arts: dict[int, Art]) -> bool:
        """Whether a story's titles or opening text name any of the words (whole words only)."""
        return any(mentions(k, f"{arts[aid].title}\n{arts[aid].head}") for aid in story for k in keys)

    def matches(self, story: list[int], arts: dict[int, Art]) -> bool:
        """Whether the story is within the scope (and its include and exclude words)."""
        s = self.scope
        if self.exclude and self._mentions(self.exclude, story, arts):
            return False
        if self.include and not self._mentions(self.include, story, arts):
            return False
        if not (s.topics or s.countries or s.entities):
            return True
        if s.topics:
            tagged = pick_topics(story_topic_scores(story, arts), limit=None)
            if any(t in tagged for t in s.topics):
                return True
        for aid in story:
            a = arts[aid]
            main = main_countries(a)
            if (self.codes or self.entity_codes) and (self.codes | self.entity_codes) & main:
                return True
            if self.patterns:
                names = [e.name for e in a.entities]
                names += [al for e in a.entities for al in json_list(e.aliases)]
                hay = "\n".join([a.title, a.lead, *names])
                if any(p.search(hay) for p in self.patterns):
                    return True
        return False

    def relevance(self, story: list[int], arts: dict[int, Art]) -> float:
        """How much of a story is about the scope, 0 to 1 (1 with no topic, country or entity
        scoped): the larger of its topic share (the scoped topic's score against the story's
        strongest) and the mean over its articles (copies aside) of how much each is about the
        scoped countries and entities (:meth:`article_relevance`). A story about the G7's trade
        clash that names North Korea in passing is within a North Korea scope, and comes after
        the stories about North Korea, however many outlets told it."""
        s = self.scope
        if not (s.topics or s.countries or s.entities):
            return 1.0
        best = 0.0
        if s.topics:
            scores = story_topic_scores(story, arts)
            top = max(scores.values(), default=0)
            if top > 0:
                best = max(scores.get(t, 0) for t in s.topics) / top
        if self.codes or self.entity_codes or self.patterns:
            prim = [aid for aid in story if arts[aid].dup_of is None] or story
            best = max(best, sum(self.article_relevance(arts[aid]) for aid in prim) / len(prim))
        return min(1.0, best)

    def article_relevance(self, a: Art) -> float:
        """How much one article is about the scoped countries and entities, 0 to 1: 1 when its
        title names one; else the mentions of the scoped countries against its most mentioned
        country's, and of the scoped entities against its most mentioned person's, place's or
        organisation's (a name in the lead counts at least a half)."""
        codes = self.codes | self.entity_codes
        best = 0.0
        if codes and a.countries:
            top = max(a.countries.values())
            best = max(a.countries[c] for c in codes) / top if top > 0 else 0.0
        if self.patterns:
            if any(p.search(a.title) for p in self.patterns):
                return 1.0
            named = [e for e in a.entities if e.type in ("person", "org", "place")]
            top_mentions = max((e.mentions for e in named), default=0)
            hits = sum(
                e.mentions
                for e in named
                if any(p.search(n) for n in [e.name, *json_list(e.aliases)] for p in self.patterns)
            )
            if top_mentions:
                best = max(best, hits / top_mentions)
            if any(p.search(a.lead) for p in self.patterns):
                best = max(best, 0.5)
        return min(1.0, best)
