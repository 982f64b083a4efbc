"""Building a digest: load, group, keep what the scope asks for, rank and tell the stories."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from digests.digest.coming_up import coming_up_events
from digests.digest.format import digest_title
from digests.digest.grouping import collapse_duplicates, stored_stories
from digests.digest.load import earlier_sources, load_details, load_period
from digests.digest.models import Digest, Period, Scope
from digests.digest.scope import ScopeMatcher, resolve_scope
from digests.digest.speakers import one_name_each, top_speakers
from digests.digest.story import build_story, core_articles, story_weight
from digests.errors import InputError
from digests.topics import TOPICS

if TYPE_CHECKING:
    from digests.store import Store


def build_digest(
    store: Store,
    since: date,
    until: date,
    scope: Scope | None = None,
    *,
    horizon_weeks: int = 4,
    after_article_id: int | None = None,
    max_stories: int | None = 25,
) -> Digest:
    """Build the digest of articles published from ``since`` to ``until`` (both included) within ``scope``.

    ``max_stories`` caps the stories told (None: every story). ``after_article_id``
    keeps only articles stored after that id (what is new since a channel's previous
    digest). Coming-up events are those dated after
    ``until`` within ``horizon_weeks``, plus a few further ahead.
    """
    if since > until:
        raise InputError(f"the period starts ({since}) after it ends ({until})")
    scope = scope or Scope()
    if any(t not in TOPICS for t in scope.topics):
        # Scopes from configuration may name topics as people write them ("Human rights").
        scope = resolve_scope(scope.topics, scope.entities, scope.countries)
    period = Period(since=since, until=until)
    arts = load_period(store, since, until, after_article_id, horizon_weeks)
    last_id = max((a.id for a in arts.values()), default=after_article_id)
    if not arts:
        return empty_digest(period, scope, last_id)

    collapse_duplicates(arts)
    # Stories are kept by the store (digests.store.stories): the same in every period.
    stories = stored_stories(arts, store.stories_of(arts))
    matcher = ScopeMatcher(scope, store.identity_names if scope.entities else None)
    kept = [(sid, s) for sid, s in stories if matcher.matches(s, arts)]
    if not kept:
        return empty_digest(period, scope, last_id)

    # Rank on what is cheap to know, then tell only the stories that make the digest.
    # Opinion-only stories come after the news, each part by weight; in a scoped digest, by
    # weight times how much of the story is about the scope (1 unscoped).
    ranked = sorted(
        kept,
        key=lambda k: (
            all(arts[i].opinion for i in k[1]),
            -round(story_weight(k[1], arts, since, until) * matcher.relevance(k[1], arts), 9),
            k[0],
        ),
    )
    told = ranked if max_stories is None else ranked[:max_stories]
    load_details(
        store,
        arts,
        (aid for _, s in told for aid in core_articles([i for i in s if arts[i].dup_of is None], arts)),
    )
    # A story that began before the period: its earlier articles are context, not news.
    earlier = earlier_sources(store, (sid for sid, _ in told), since)
    stories_out = [
        build_story(s, arts, since, until, story_id=sid, earlier=earlier.get(sid, [])) for sid, s in told
    ]
    in_scope = [aid for _, s in kept for aid in s]
    primaries = [aid for aid in sorted(in_scope) if arts[aid].dup_of is None]
    # "Coming up" is what the news reports; opinion pieces alone do not make it.
    news_primaries = [aid for aid in primaries if not arts[aid].opinion]
    speakers = top_speakers(primaries, arts, identities=store.identities_for, roles=store.identity_roles)
    return Digest(
        title=digest_title(period, scope),
        period=period,
        scope=scope,
        stories=one_name_each(stories_out, speakers, store.identities_for, store.identity_roles),
        coming_up=coming_up_events(
            news_primaries, arts, until, horizon_weeks, {a: sid for sid, s in kept for a in s}
        ),
        speakers=speakers,
        empty=False,
        articles=len(in_scope),
        more_stories=0 if max_stories is None else max(0, len(ranked) - max_stories),
        last_article_id=last_id,
    )


def empty_digest(period: Period, scope: Scope, last_id: int | None) -> Digest:
    """A digest with no stories (nothing in the period or the scope)."""
    return Digest(
        title=digest_title(period, scope),
        period=period,
        scope=scope,
        stories=[],
        coming_up=[],
        speakers=[],
        empty=True,
        articles=0,
        last_article_id=last_id,
    )
