"""The digest model: periods, scopes, stories, coming-up events and speakers, ready for any renderer."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from digests.topics import TOPICS

Day = date  # a field named `date` shadows the type inside some models


class Period(BaseModel):
    """The days a digest covers, both included."""

    since: date
    until: date


class Scope(BaseModel):
    """What a digest is limited to: topic slugs, countries and entities (any matches); and words
    a story must mention (``include``, any of them) or must not (``exclude``)."""

    topics: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    entities: list[str] = Field(default_factory=list)
    include: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)

    def is_empty(self) -> bool:
        """Whether the scope lets everything through."""
        return not (self.topics or self.countries or self.entities or self.include or self.exclude)

    def describe(self) -> str:
        """A short human description ("trade, energy · Korea")."""
        parts = []
        if self.topics:
            parts.append(", ".join(TOPICS[t].label if t in TOPICS else t for t in self.topics))
        if self.countries or self.entities:
            parts.append(", ".join([*self.countries, *self.entities]))
        if self.include:
            parts.append("with " + " or ".join(self.include))
        if self.exclude:
            parts.append("without " + ", ".join(self.exclude))
        return " · ".join(parts)


class Source(BaseModel):
    """One article a story rests on."""

    title: str
    outlet: str | None
    url: str | None
    published: date | None
    article_id: int
    opinion: bool = False  # an opinion or analysis piece, not news
    copy_of: int | None = None  # a syndicated copy: the article id of the source it copies


class Development(BaseModel):
    """One key development of a story, with the figures it states."""

    text: str
    date: str | None = None
    figures: list[str] = Field(default_factory=list)
    outlets: int = 1  # how many outlets report it
    article_id: int


class StoryQuote(BaseModel):
    """A quotation with its named speaker, the speaker's role and the outlet that carried it."""

    speaker: str
    role: str | None
    text: str
    source: str
    url: str | None = None
    kind: str = "direct"
    article_id: int


class Story(BaseModel):
    """Articles about the same event, told once."""

    id: int  # the story as the store keeps it: the same id in every period and in /timeline
    headline: str
    developments: list[Development]
    quotes: list[StoryQuote]
    topics: list[str]
    countries: list[str]
    sources: list[Source]
    people: list[str] = Field(default_factory=list)
    published: date | None = None  # the newest source's day
    opinion: bool = False  # told by opinion and analysis pieces only: no developments from them
    # an opinion-only story's own opening sentence, shown in place of developments (which are news)
    lead: str | None = None
    earlier: list[Source] = Field(default_factory=list)  # the story's articles before the period: context

    def told_sources(self) -> list[tuple[Source, list[Source]]]:
        """Each source once, with the syndicated copies of it (the same text under other outlets)."""
        ids = {s.article_id for s in self.sources}
        copies: dict[int, list[Source]] = {}
        for s in self.sources:
            if s.copy_of is not None and s.copy_of in ids:
                copies.setdefault(s.copy_of, []).append(s)
        return [(s, copies.get(s.article_id, [])) for s in self.sources if s.copy_of not in ids]

    def lead_line(self) -> str:
        """An opinion-only story's line in place of developments: its opening, marked as the
        writer's ("The piece opens: ..."), or empty when it has none."""
        return f"The piece opens: {self.lead}" if self.lead else ""

    def earlier_note(self) -> str:
        """"Continues a story told since 3 Aug 2014 (2 earlier articles)", empty for a new story."""
        days = [s.published for s in self.earlier if s.published]
        if not self.earlier:
            return ""
        n = len(self.earlier)
        since = f" since {min(days).day} {min(days):%b %Y}" if days else ""
        return f"Continues a story told{since} ({n} earlier article{'s' if n != 1 else ''})"


class ComingUp(BaseModel):
    """A planned or reported event after the period's end."""

    date: str
    date_end: str | None
    status: Literal["planned", "reported"]
    text: str
    confirmed: bool
    day: Day  # first day the date can mean, for ordering
    further_ahead: bool = False  # beyond the horizon: only a few of these are kept
    source: Source
    also: list[str] = Field(default_factory=list)  # the other outlets that told it


class Speaker(BaseModel):
    """A person quoted in the period, with how many quotations."""

    name: str
    count: int
    role: str | None = None


class Digest(BaseModel):
    """A digest of one period and scope, ready for any renderer."""

    title: str
    period: Period
    scope: Scope
    stories: list[Story]
    coming_up: list[ComingUp]
    speakers: list[Speaker]
    empty: bool
    articles: int = 0  # articles of the period within the scope
    more_stories: int = 0  # stories left out to keep the digest short
    last_article_id: int | None = None  # the newest article considered: the next novelty mark
    kind: Literal["digest", "alert"] = "digest"  # "alert": a watch alert (digests.watches), not a digest
