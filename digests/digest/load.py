"""A period's articles and facts from the store (with their stored leads), and each article's features."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from digests.digest.format import clean, safe_url
from digests.digest.models import Source
from digests.errors import InputError
from digests.extract.text import blank_spans, inline_furniture
from digests.lead import HEAD_CHARS
from digests.timex import granularity
from digests.topics import countries_in, country_code

if TYPE_CHECKING:
    from digests.store import Store


def latest_period(store: Store, days: int = 1) -> tuple[date, date]:
    """The ``days`` ending on the newest article's publication day (ingestion day when none has one)."""
    if days < 1:
        raise InputError("a period is at least one day")
    newest = store.newest_published() or store.newest_ingested()
    if not newest:
        raise InputError("no articles stored yet: add some with `geodigest ingest PATH|URL`")
    until = date.fromisoformat(newest[:10])
    return until - timedelta(days=days - 1), until


@dataclass(slots=True)
class Ent:
    """An entity of an article, as stored."""

    name: str
    type: str
    aliases: str  # JSON list, parsed only when a scope names entities
    role: str | None
    affiliation: str | None
    country: str | None
    mentions: int


@dataclass(slots=True)
class Quote:
    """A quotation of an article, as stored."""

    speaker: str | None
    role: str | None
    text: str
    kind: str
    cue: str | None
    start: int
    paragraph: int


@dataclass(slots=True)
class Event:
    """A dated event of an article, with its stored day bounds."""

    date: str
    date_end: str | None
    day_first: str | None
    day_last: str | None
    status: str
    text: str
    start: int
    end: int
    entities: str  # JSON list of names, parsed only for the few events compared
    paragraph: int
    shown: str = ""  # the words "Coming up" shows it in (digests.extract.shown); empty: its own


@dataclass(slots=True)
class Figure:
    """A figure of an article, as stored."""

    text: str
    start: int
    end: int
    telling: bool = True  # money, shares and counts; not "two days" or "four-day"


@dataclass
class Art:
    """An article of the period: stored fields, facts, and the features grouping and telling read."""

    id: int
    title: str
    outlet: str | None
    url: str | None
    published: date | None
    head: str
    lead: str = ""
    lead_start: int = 0
    lead_sentence: str = ""  # the lead's sentence a digest tells
    dup_key: str = ""
    dup_next: str = ""
    dup_of: int | None = None
    entities: list[Ent] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)  # names in the title and lead
    ekeys: set[str] = field(default_factory=set)  # the names extraction found most often
    countries: Counter[str] = field(default_factory=Counter)
    days: set[str] = field(default_factory=set)
    people: dict[str, Ent] | None = None  # entities by name, built when first needed
    said: list[tuple[str | None, str | None, int]] = field(default_factory=list)  # (speaker, role, quotes)
    n_figures: int = 0
    detailed: bool = False  # quotes, figures and the whole text loaded
    opinion: bool = False  # an opinion or analysis piece (digests.opinion), not news
    body: str = ""

    def source(self) -> Source:
        return Source(
            title=clean(self.title, 300),
            outlet=self.outlet,
            url=self.url,
            published=self.published,
            article_id=self.id,
            opinion=self.opinion,
            copy_of=self.dup_of,
        )


def load_period(
    store: Store, since: date, until: date, after: int | None, horizon_weeks: int = 4
) -> dict[int, Art]:
    """The articles of the period (stored after ``after``) with their entities, speakers and events."""
    rows = store.articles_of_period(since, until, after, HEAD_CHARS)
    arts: dict[int, Art] = {}
    for aid, title, outlet, url, published, head, lead_start, lead_end, sentence_end in rows:
        pub = date.fromisoformat(published[:10]) if published else None
        # link text glued into a sentence is furniture: blanked (offsets hold) before telling
        head = head or ""
        glued = inline_furniture(head)
        if glued:
            head = blank_spans(head, glued)
        arts[aid] = Art(
            id=aid,
            title=title or "(untitled)",
            outlet=outlet,
            url=safe_url(url),
            published=pub,
            head=head,
            # the lead was found when the article was stored (digests.lead)
            lead=head[lead_start:lead_end],
            lead_start=lead_start,
            lead_sentence=head[lead_start:sentence_end],
        )
    if not arts:
        return arts
    ids = sorted(arts)
    for aid, kind in store.article_kinds(ids).items():
        arts[aid].opinion = kind == "opinion"
    for aid, name, etype, aliases, role, affiliation, country, mentions in store.entities_of(ids):
        arts[aid].entities.append(
            Ent(
                name=name or "",
                type=etype or "other",
                aliases=aliases or "[]",
                role=role,
                affiliation=affiliation,
                country=country,
                mentions=max(1, mentions or 0),
            )
        )
    # Who said something, for everything; the quotations themselves only for the stories told.
    for aid, speaker, role, count in store.speakers_of(ids):
        arts[aid].said.append((speaker, role, count))
    for aid, count in store.figure_counts_of(ids):
        arts[aid].n_figures = count
    # Background (2017, last year) neither groups nor tells a story of this period.
    first, last = since - timedelta(days=7), until + timedelta(weeks=4 * horizon_weeks)
    for row in store.events_of(ids, first, last):
        aid = row[0]
        arts[aid].events.append(
            Event(
                date=row[1] or "",
                date_end=row[2],
                day_first=row[3],
                day_last=row[4],
                status=row[5] or "occurred",
                text=row[6] or "",
                start=row[7] or 0,
                end=row[8] or 0,
                entities=row[9] or "[]",
                paragraph=row[10] or 0,
                shown=row[11] or "",
            )
        )
    for art in arts.values():
        _features(art, since, until)
    return arts


EARLIER_DAYS = 14  # how far back a story's earlier articles are shown as context


def earlier_sources(store: Store, story_ids: Iterable[int], since: date) -> dict[int, list[Source]]:
    """Each story's articles from the ``EARLIER_DAYS`` before ``since``, oldest first: what the
    story told before the period, shown as context."""
    out: dict[int, list[Source]] = {}
    for story_id, aid, title, outlet, url, published, kind in store.story_articles_before(
        story_ids, since, EARLIER_DAYS
    ):
        out.setdefault(story_id, []).append(
            Source(
                title=clean(title or "(untitled)", 300),
                outlet=outlet,
                url=safe_url(url),
                published=date.fromisoformat(published[:10]) if published else None,
                article_id=aid,
                opinion=kind == "opinion",
            )
        )
    return out


_TIME_UNITS = frozenset(
    {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks"}
    | {"month", "months", "year", "years", "decade", "decades"}
)


def _telling(value: float | None, unit: str | None) -> bool:
    """Figures worth a reader's attention next to a development: money, shares, sizable counts."""
    u = (unit or "").strip()
    if re.fullmatch(r"[A-Z]{3}", u) or u.lower() in ("percent", "per cent", "%"):
        return True
    if u.lower() in _TIME_UNITS or u.lower().endswith("-day"):
        return False
    return value is not None and value >= 10


def load_details(store: Store, arts: dict[int, Art], wanted: Iterable[int]) -> None:
    """Quotations and figures of the articles whose stories are told (loaded once each)."""
    todo = sorted({aid for aid in wanted if not arts[aid].detailed})
    if not todo:
        return
    for aid, speaker, role, text, kind, cue, start, paragraph in store.quotes_of(todo):
        arts[aid].quotes.append(
            Quote(
                speaker=speaker or None,
                role=role,
                text=text or "",
                kind=kind or "direct",
                cue=cue,
                start=start or 0,
                paragraph=paragraph or 0,
            )
        )
    for aid, text, start, end, value, unit in store.figures_of(todo):
        arts[aid].figures.append(
            Figure(text=text or "", start=start or 0, end=end or 0, telling=_telling(value, unit))
        )
    for aid, text in store.texts_of(todo):
        arts[aid].body = text or ""
    for aid in todo:
        arts[aid].detailed = True


def json_list(value: Any) -> list[Any]:
    """A stored JSON list (or a list) as a list; anything else as an empty one."""
    if not value:
        return []
    if isinstance(value, list):
        return value
    try:
        out = json.loads(value)
    except (TypeError, ValueError):
        return []
    return out if isinstance(out, list) else []


_STOP_TEXT = """
a an the and or but of in on at to for from by with as is are was were be been has have had will
would can could should may might not no its it this that these those their his her he she they we
you i our after before over under into about amid against between during new says said say tells
told than then more most less first second last next week year years month day days today yesterday
tomorrow mr mrs ms dr prof sir president minister prime premier leader chief officials official
government monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december jan feb mar apr jun jul aug sep sept oct nov
dec news analysis opinion world
"""


_STOP = frozenset(_STOP_TEXT.split())
#: the words a text's content words (``tokens``) leave out
STOP_WORDS = _STOP


_WORD = re.compile(r"[A-Za-z][\w'’-]*")


_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _features(art: Art, since: date, until: date) -> None:
    lead, lead_start = art.lead, art.lead_start
    # Syndicated copies share their body, not only a first line: the key spans the lead
    # and what follows it.
    after = art.head[lead_start + len(lead) : lead_start + len(lead) + 400] if lead else ""
    norm = _NON_ALNUM.sub(" ", lead.lower()).strip()
    rest = _NON_ALNUM.sub(" ", after.lower()).strip()
    art.dup_key = norm[:200] if len(norm) >= 60 else ""
    art.dup_next = rest[:150]
    keys: set[str] = set()
    # What an article is about shows in the names it repeats; passing mentions would dilute it.
    ranked = sorted(
        (e for e in art.entities if e.type in ("person", "org", "place")), key=lambda e: -e.mentions
    )
    art.ekeys = {_name_key(e.name) for e in ranked[:8]} - {""}
    for e in art.entities:
        if e.type in ("person", "org", "place"):
            if e.country:
                art.countries[e.country.upper()] += e.mentions
            elif e.type == "place":
                code = country_code(e.name)
                if code:
                    art.countries[code] += e.mentions
    # Proper names of the title and lead stand in for entities when extraction found few.
    keys |= _proper_names(art.title) | _proper_names(lead)
    keys.discard("")
    art.keys = keys
    for code in countries_in(lead):
        art.countries[code] += 1
    for code in countries_in(art.title):
        art.countries[code] += 2
    lo, hi = (since - timedelta(days=7)).isoformat(), until.isoformat()
    art.days = set()
    for ev in art.events:
        if ev.day_first and ev.day_last and granularity(ev.date) == "day" and lo <= ev.day_first <= hi:
            first = date.fromisoformat(ev.day_first)
            span = min(7, (date.fromisoformat(ev.day_last) - first).days)
            art.days.update((first + timedelta(days=k)).isoformat() for k in range(span + 1))


def tokens(text: str) -> set[str]:
    """The content words of a text, lower case, possessives and stop words removed."""
    out = set()
    for w in _WORD.findall(text.lower()):
        w = w.strip("'’-")
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        if len(w) >= 2 and w not in _STOP:
            out.add(w)
    return out


def _name_key(name: str) -> str:
    return " ".join(w.lower().removesuffix("'s").removesuffix("’s") for w in _WORD.findall(name))


_NAME_RUN = re.compile(r"(?:[A-Z][\w'’-]*)(?:[ \t]+[A-Z][\w'’-]*)*")


def _proper_names(text: str) -> set[str]:
    """Runs of capitalised words ("Lee Jae Myung", "Red Sea"), split at titles and common words."""
    out: set[str] = set()
    for m in _NAME_RUN.finditer(text):
        run: list[str] = []
        for w in m.group(0).split():
            bare = w.lower().removesuffix("'s").removesuffix("’s")
            if bare in _STOP or len(bare) < 2:
                if run:
                    out.add(" ".join(run))
                    run = []
                continue
            run.append(bare)
            if bare != w.lower():  # a possessive ends the name: "Lee's visit"
                out.add(" ".join(run))
                run = []
        if run:
            out.add(" ".join(run))
    return out


def richness(a: Art) -> int:
    """How much extraction found in an article: entities, quotations, events and figures."""
    return len(a.entities) + sum(n for _, _, n in a.said) + len(a.events) + a.n_figures
