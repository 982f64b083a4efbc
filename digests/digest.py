"""The digest engine: from the stored facts of a period to stories, what is coming up and who is talking.

Everything is read with a few indexed queries (articles by publication date,
facts by article id); the Python work is proportional to the articles of the
period, never to the whole store. The same store, period and scope always give
the same digest: every ordering ends on ids.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from digests.errors import InputError
from digests.extract.text import is_caption, is_furniture
from digests.topics import (
    TOPICS,
    countries_in,
    countries_matching,
    country_code,
    country_name,
    topic_scores,
    topic_slug,
)

if TYPE_CHECKING:
    from digests.store import Store

Day = date  # a field named `date` shadows the type inside some models

# The model ---------------------------------------------------------------------------


class Period(BaseModel):
    """The days a digest covers, both included."""

    since: date
    until: date


class Scope(BaseModel):
    """What a digest is limited to: topic slugs, countries and entities (any matches)."""

    topics: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    entities: list[str] = Field(default_factory=list)

    def is_empty(self) -> bool:
        """Whether the scope lets everything through."""
        return not (self.topics or self.countries or self.entities)

    def describe(self) -> str:
        """A short human description ("trade, energy · Korea")."""
        parts = []
        if self.topics:
            parts.append(", ".join(TOPICS[t].label if t in TOPICS else t for t in self.topics))
        if self.countries or self.entities:
            parts.append(", ".join([*self.countries, *self.entities]))
        return " · ".join(parts)


class Source(BaseModel):
    """One article a story rests on."""

    title: str
    outlet: str | None
    url: str | None
    published: date | None
    article_id: int


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

    id: int  # the lowest article id of the story: stable as articles are added
    headline: str
    developments: list[Development]
    quotes: list[StoryQuote]
    topics: list[str]
    countries: list[str]
    sources: list[Source]
    people: list[str] = Field(default_factory=list)
    published: date | None = None  # the newest source's day


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


# Public functions --------------------------------------------------------------------


def latest_period(store: Store, days: int = 1) -> tuple[date, date]:
    """The ``days`` ending on the newest article's publication day (ingestion day when none has one)."""
    if days < 1:
        raise InputError("a period is at least one day")
    row = store.db.execute("SELECT max(published) FROM articles").fetchone()
    newest = row[0] if row else None
    if not newest:
        row = store.db.execute("SELECT max(substr(ingested_at, 1, 10)) FROM articles").fetchone()
        newest = row[0] if row else None
    if not newest:
        raise InputError("no articles stored yet: add some with `geodigest ingest PATH|URL`")
    until = date.fromisoformat(newest[:10])
    return until - timedelta(days=days - 1), until


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


def build_digest(
    store: Store,
    since: date,
    until: date,
    scope: Scope | None = None,
    *,
    horizon_weeks: int = 4,
    after_article_id: int | None = None,
    max_stories: int = 25,
) -> Digest:
    """Build the digest of articles published from ``since`` to ``until`` (both included) within ``scope``.

    ``after_article_id`` keeps only articles stored after that id (what is new
    since a channel's previous digest). Coming-up events are those dated after
    ``until`` within ``horizon_weeks``, plus a few further ahead.
    """
    if since > until:
        raise InputError(f"the period starts ({since}) after it ends ({until})")
    scope = scope or Scope()
    if any(t not in TOPICS for t in scope.topics):
        # Scopes from configuration may name topics as people write them ("Human rights").
        scope = resolve_scope(scope.topics, scope.entities, scope.countries)
    period = Period(since=since, until=until)
    arts = _load(store, since, until, after_article_id, horizon_weeks)
    last_id = max((a.id for a in arts.values()), default=after_article_id)
    if not arts:
        return _empty(period, scope, last_id)

    _collapse_duplicates(arts)
    stories = _group(arts, since, until)
    matcher = _ScopeMatcher(scope)
    kept = [s for s in stories if matcher.matches(s, arts)]
    if not kept:
        return _empty(period, scope, last_id)

    # Rank on what is cheap to know, then tell only the stories that make the digest.
    ranked = sorted(kept, key=lambda s: (-_story_weight(s, arts, since, until), min(s)))
    told = ranked[:max_stories]
    _load_details(
        store, arts, (aid for s in told for aid in _core([i for i in s if arts[i].dup_of is None], arts))
    )
    stories_out = [_build_story(s, arts, since, until) for s in told]
    in_scope = [aid for s in kept for aid in s]
    primaries = [aid for aid in sorted(in_scope) if arts[aid].dup_of is None]
    return Digest(
        title=_title(period, scope),
        period=period,
        scope=scope,
        stories=stories_out,
        coming_up=_coming_up(primaries, arts, until, horizon_weeks, {a: min(s) for s in kept for a in s}),
        speakers=_speakers(primaries, arts),
        empty=False,
        articles=len(in_scope),
        more_stories=max(0, len(ranked) - max_stories),
        last_article_id=last_id,
    )


# Loading -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Ent:
    name: str
    type: str
    aliases: str  # JSON list, parsed only when a scope names entities
    role: str | None
    affiliation: str | None
    country: str | None
    mentions: int


@dataclass(slots=True)
class _Quote:
    speaker: str | None
    role: str | None
    text: str
    kind: str
    cue: str | None
    start: int
    paragraph: int


@dataclass(slots=True)
class _Event:
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


@dataclass(slots=True)
class _Figure:
    text: str
    start: int
    end: int
    telling: bool = True  # money, shares and counts; not "two days" or "four-day"


@dataclass
class _Art:
    id: int
    title: str
    outlet: str | None
    url: str | None
    published: date | None
    head: str
    lead: str = ""
    lead_start: int = 0
    dup_key: str = ""
    dup_next: str = ""
    dup_of: int | None = None
    entities: list[_Ent] = field(default_factory=list)
    quotes: list[_Quote] = field(default_factory=list)
    events: list[_Event] = field(default_factory=list)
    figures: list[_Figure] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)  # names in the title and lead
    ekeys: set[str] = field(default_factory=set)  # the names extraction found most often
    words: set[str] = field(default_factory=set)
    countries: Counter[str] = field(default_factory=Counter)
    days: set[str] = field(default_factory=set)
    people: dict[str, _Ent] | None = None  # entities by name, built when first needed
    said: list[tuple[str | None, str | None, int]] = field(default_factory=list)  # (speaker, role, quotes)
    n_figures: int = 0
    detailed: bool = False  # quotes, figures and the whole text loaded
    body: str = ""

    def source(self) -> Source:
        return Source(
            title=_clean(self.title, 300),
            outlet=self.outlet,
            url=self.url,
            published=self.published,
            article_id=self.id,
        )


_HEAD_CHARS = 2000


def _load(
    store: Store, since: date, until: date, after: int | None, horizon_weeks: int = 4
) -> dict[int, _Art]:
    db = store.db
    after_sql = " AND id > :after" if after is not None else ""
    params: dict[str, Any] = {
        "since": since.isoformat(),
        "until": until.isoformat(),
        "after": after,
        "n": _HEAD_CHARS,
    }
    cols = "id, title, source, url, published, substr(text, 1, :n)"
    # Two branches so that each can use the index on published (IS NULL is indexable too).
    rows = db.execute(
        f"SELECT {cols} FROM articles WHERE published BETWEEN :since AND :until{after_sql} "
        f"UNION ALL SELECT {cols} FROM articles WHERE published IS NULL "
        f"AND substr(ingested_at, 1, 10) BETWEEN :since AND :until{after_sql}",
        params,
    ).fetchall()
    arts: dict[int, _Art] = {}
    for aid, title, outlet, url, published, head in rows:
        pub = date.fromisoformat(published[:10]) if published else None
        arts[aid] = _Art(
            id=aid,
            title=title or "(untitled)",
            outlet=outlet,
            url=_safe_url(url),
            published=pub,
            head=head or "",
        )
    if not arts:
        return arts
    ids = json.dumps(sorted(arts))
    where = "WHERE article_id IN (SELECT value FROM json_each(?))"
    for aid, name, etype, aliases, role, affiliation, country, mentions in db.execute(
        "SELECT article_id, name, type, aliases, role, affiliation, country, json_array_length(mentions) "
        f"FROM entities {where} "
        "ORDER BY article_id, id",
        [ids],
    ):
        arts[aid].entities.append(
            _Ent(
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
    for aid, speaker, role, count in db.execute(
        f"SELECT article_id, speaker, speaker_role, count(*) FROM quotes {where} "
        "GROUP BY article_id, speaker, speaker_role ORDER BY article_id, speaker, speaker_role",
        [ids],
    ):
        arts[aid].said.append((speaker, role, count))
    for aid, count in db.execute(
        f"SELECT article_id, count(*) FROM figures {where} GROUP BY article_id", [ids]
    ):
        arts[aid].n_figures = count
    for row in db.execute(
        "SELECT article_id, date, date_end, day_first, day_last, status, text, start, "
        f'"end", entities, paragraph FROM events {where} '
        # Background (2017, last year) neither groups nor tells a story of this period.
        "AND day_last >= ? AND day_first <= ? ORDER BY article_id, start, id",
        [
            ids,
            (since - timedelta(days=7)).isoformat(),
            (until + timedelta(weeks=4 * horizon_weeks)).isoformat(),
        ],
    ):
        aid = row[0]
        arts[aid].events.append(
            _Event(
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
            )
        )
    for art in arts.values():
        _features(art, since, until)
    return arts


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


def _load_details(store: Store, arts: dict[int, _Art], wanted: Iterable[int]) -> None:
    """Quotations and figures of the articles whose stories are told (loaded once each)."""
    todo = sorted({aid for aid in wanted if not arts[aid].detailed})
    if not todo:
        return
    db = store.db
    ids = json.dumps(todo)
    where = "WHERE article_id IN (SELECT value FROM json_each(?))"
    for aid, speaker, role, text, kind, cue, start, paragraph in db.execute(
        f"SELECT article_id, speaker, speaker_role, text, kind, cue, start, paragraph FROM quotes {where} "
        "ORDER BY article_id, start, id",
        [ids],
    ):
        arts[aid].quotes.append(
            _Quote(
                speaker=speaker or None,
                role=role,
                text=text or "",
                kind=kind or "direct",
                cue=cue,
                start=start or 0,
                paragraph=paragraph or 0,
            )
        )
    for aid, text, start, end, value, unit in db.execute(
        f'SELECT article_id, text, start, "end", value, unit FROM figures {where} '
        "ORDER BY article_id, start, id",
        [ids],
    ):
        arts[aid].figures.append(
            _Figure(text=text or "", start=start or 0, end=end or 0, telling=_telling(value, unit))
        )
    for aid, text in db.execute(
        "SELECT id, text FROM articles WHERE id IN (SELECT value FROM json_each(?))", [ids]
    ):
        arts[aid].body = text or ""
    for aid in todo:
        arts[aid].detailed = True


def _json_list(value: Any) -> list[Any]:
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
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_DATELINE = re.compile(r"^[A-Z][A-Z .,/'’-]{2,60}(?:\([^)]{1,60}\))?\s*[-–—:]\s+")


def _features(art: _Art, since: date, until: date) -> None:
    lead, lead_start = _find_lead(art.head, art.title)
    art.lead, art.lead_start = lead, lead_start
    # Syndicated copies share their body, not only a first line: the key spans the lead
    # and what follows it.
    after = art.head[lead_start + len(lead) : lead_start + len(lead) + 400] if lead else ""
    norm = re.sub(r"[^a-z0-9]+", " ", lead.lower()).strip()
    rest = re.sub(r"[^a-z0-9]+", " ", after.lower()).strip()
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
    art.words = {w for w in _tokens(art.title + " " + lead) if len(w) >= 4}
    art.keys = keys
    for code in countries_in(lead):
        art.countries[code] += 1
    for code in countries_in(art.title):
        art.countries[code] += 2
    lo, hi = (since - timedelta(days=7)).isoformat(), until.isoformat()
    art.days = set()
    for ev in art.events:
        if ev.day_first and ev.day_last and len(ev.date) == 10 and lo <= ev.day_first <= hi:
            first = date.fromisoformat(ev.day_first)
            span = min(7, (date.fromisoformat(ev.day_last) - first).days)
            art.days.update((first + timedelta(days=k)).isoformat() for k in range(span + 1))


def _tokens(text: str) -> set[str]:
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


_CREDIT_LINE = re.compile(r"^(?:photo|picture|image|video|credit)s?\b[^\n]{0,60}[:/]", re.I)
# Sign-up and app prompts that page furniture detection may let through.
_PROMPT = re.compile(
    r"\b(?:newsletters?|inbox|subscribe|subscription|sign[- ]up|download (?:our|the) app|follow us|"
    r"push notifications|alerts? on)\b",
    re.I,
)
_PICTURE_WORDS = re.compile(
    r"\b(?:file (?:picture|photo|image)|pictured|in this (?:photo|picture|image))\b", re.I
)


def _find_lead(head: str, title: str) -> tuple[str, int]:
    """The first paragraph of news text (dateline removed): not the title, furniture or a caption."""
    lines = head.split("\n")
    pos = 0
    for i, line in enumerate(lines):
        start = pos
        pos += len(line) + 1
        s = line.strip()
        if not s or len(s.split()) < 8 or is_furniture(s) or is_caption(s) or _PICTURE_WORDS.search(s):
            continue
        if len(s) < 200 and _PROMPT.search(s):
            continue
        if fuzz.ratio(s.lower(), title.lower()) >= 85 or re.match(r"^[a-z_]+:\s", s):
            continue
        nxt = next((ln.strip() for ln in lines[i + 1 :] if ln.strip()), "")
        if _CREDIT_LINE.match(nxt):  # a paragraph over a photo credit is its caption
            continue
        start += len(line) - len(line.lstrip())
        m = _DATELINE.match(s)
        if m:
            s, start = s[m.end() :], start + m.end()
        return s, start
    return "", 0


# Grouping ----------------------------------------------------------------------------


def _collapse_duplicates(arts: dict[int, _Art]) -> None:
    """Syndicated copies (the same lead) become duplicates of the earliest copy."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for aid in sorted(arts):
        if arts[aid].dup_key:
            by_key[arts[aid].dup_key].append(aid)
    for ids in by_key.values():
        if len(ids) < 2:
            continue
        # The earliest and fullest copy tells the story; ids only break exact ties.
        first = min(ids, key=lambda i: (arts[i].published or date.max, -_richness(arts[i]), arts[i].title, i))
        f = arts[first]
        for i in ids:
            a = arts[i]
            # A shared first line alone may be boilerplate the furniture rules missed:
            # a copy also shares what follows, or the names it is about.
            if i != first and (a.dup_next == f.dup_next or len((a.keys | a.ekeys) & (f.keys | f.ekeys)) >= 2):
                a.dup_of = first


def _richness(a: _Art) -> int:
    return len(a.entities) + sum(n for _, _, n in a.said) + len(a.events) + a.n_figures


_MERGE = 0.38  # pair score from which two articles are the same story
_MAX_STORY = 60  # chaining guard: no story grows beyond this many articles


def _group(arts: dict[int, _Art], since: date, until: date) -> list[list[int]]:
    """Stories as lists of article ids (duplicates included), grouped by union-find over candidate pairs."""
    primaries = sorted(a for a in arts if arts[a].dup_of is None)
    n = len(primaries)
    df: Counter[str] = Counter()
    for aid in primaries:
        df.update(arts[aid].keys | arts[aid].ekeys)
    idf = {k: math.log((n + 1) / (c + 0.5)) for k, c in df.items()}
    wdf: Counter[str] = Counter()
    for aid in primaries:
        wdf.update(arts[aid].words)
    widf = {k: math.log((n + 1) / (c + 0.5)) for k, c in wdf.items()}
    # Days too: the day everything happened on says little, a shared summit date a lot.
    ddf: Counter[str] = Counter()
    for aid in primaries:
        ddf.update(arts[aid].days)
    widf.update({"@" + k: math.log((n + 1) / (c + 0.5)) for k, c in ddf.items()})
    widf["@max"] = max(math.log((n + 1) / 2.5), 0.1)  # the weight of a day only two articles share
    # Keys shared by a large share of the period's articles link everything to everything:
    # they still weigh in a pair's score but do not make candidate pairs.
    cap = max(8, n // 25)
    postings: dict[str, list[int]] = defaultdict(list)
    for aid in primaries:
        for k in arts[aid].keys | arts[aid].ekeys:
            if df[k] <= cap:
                postings[k].append(aid)
    shared: Counter[tuple[int, int]] = Counter()
    for ids in postings.values():
        shared.update(itertools.combinations(ids, 2))  # ids ascend, so pairs are (low, high)
    # The busier the period, the more names two unrelated articles share by chance: a
    # pair is scored only when it shares more of them than chance would give.
    need = 3 if n > 1000 else 2 if n > 100 else 1
    feats = {aid: _PairFeatures(arts[aid], idf, widf) for aid in primaries}
    scores: dict[tuple[int, int], float] = {}
    for (a, b), c in shared.items():
        if c >= need:
            s = _pair_score(feats[a], feats[b], idf, widf)
            if s >= _MERGE * 0.5:
                scores[(a, b)] = s

    parent = {a: a for a in primaries}
    members: dict[int, list[int]] = {a: [a] for a in primaries}
    refused: set[tuple[int, int, int]] = set()

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (a, b), s in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if s < _MERGE:
            break
        ra, rb = root(a), root(b)
        if ra == rb or len(members[ra]) + len(members[rb]) > _MAX_STORY:
            continue
        if len(members[ra]) > 1 or len(members[rb]) > 1:
            # Average linkage: a merge must hold between the two groups as a whole,
            # not through one pair of articles. A refused merge stays refused while
            # neither group changes.
            memo = (min(ra, rb), max(ra, rb), len(members[ra]) + 1000 * len(members[rb]))
            if memo in refused:
                continue
            total = sum(scores.get((min(x, y), max(x, y)), 0.0) for x in members[ra] for y in members[rb])
            if total / (len(members[ra]) * len(members[rb])) < _MERGE * 0.75:
                refused.add(memo)
                continue
        lo, hi = min(ra, rb), max(ra, rb)
        parent[hi] = lo
        members[lo].extend(members.pop(hi))
    groups: dict[int, list[int]] = defaultdict(list)
    for aid in sorted(arts):
        groups[root(arts[aid].dup_of or aid)].append(aid)
    return [sorted(g) for _, g in sorted(groups.items())]


class _PairFeatures:
    """What pair scoring reads of an article, computed once: weight sums and processed texts."""

    __slots__ = ("days", "ekeys", "keys", "lead", "published", "title", "wd", "we", "wk", "words", "ww")

    def __init__(self, a: _Art, idf: dict[str, float], widf: dict[str, float]) -> None:
        self.keys, self.ekeys, self.words = a.keys, a.ekeys, a.words
        self.wk = sum(idf[k] for k in a.keys)
        self.we = sum(idf[k] for k in a.ekeys)
        self.ww = sum(widf[k] for k in a.words)
        self.days = {"@" + d for d in a.days}  # as keys of widf
        self.wd = widf["@max"]
        self.title = default_process(a.title)
        self.lead = default_process(a.lead)
        self.published = a.published


def _overlap(a: set[str], b: set[str], wa: float, wb: float, idf: dict[str, float]) -> float:
    """Weighted overlap coefficient: shared rare names count more than shared common ones."""
    if wa <= 0 or wb <= 0:
        return 0.0
    return sum(idf[k] for k in a & b) / min(wa, wb)


def _pair_score(a: _PairFeatures, b: _PairFeatures, idf: dict[str, float], widf: dict[str, float]) -> float:
    ent = _overlap(a.keys, b.keys, a.wk, b.wk, idf)
    if a.ekeys and b.ekeys:
        ent = 0.4 * ent + 0.6 * _overlap(a.ekeys, b.ekeys, a.we, b.we, idf)
    words = _overlap(a.words, b.words, a.ww, b.ww, widf)
    t1 = fuzz.token_set_ratio(a.title, b.title, processor=None) / 100
    t2 = fuzz.token_set_ratio(a.lead, b.lead, processor=None) / 100 if a.lead and b.lead else 0.0
    # Unrelated news shares a third of its words by chance: only what is above that counts.
    txt = max(0.0, (0.5 * t1 + 0.5 * t2 - 0.35) / 0.65)
    ev = min(1.0, sum(widf[d] for d in a.days & b.days) / a.wd) if a.days and b.days else 0.0
    gap = abs((a.published - b.published).days) if a.published and b.published else 1
    closeness = 1.0 if gap <= 2 else 0.9 if gap <= 4 else 0.75 if gap <= 7 else 0.4
    return (0.45 * ent + 0.2 * txt + 0.2 * words + 0.15 * ev) * closeness


# Scope -------------------------------------------------------------------------------


class _ScopeMatcher:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.codes: set[str] = set()
        for c in scope.countries:
            self.codes |= countries_matching(c)
        self.entity_codes: set[str] = set()
        for e in scope.entities:
            self.entity_codes |= countries_matching(e)
        self.terms = [" ".join(e.lower().split()) for e in scope.entities]
        self.patterns = [re.compile(rf"(?<!\w){re.escape(t)}(?!\w)", re.I) for t in self.terms if t]

    def matches(self, story: list[int], arts: dict[int, _Art]) -> bool:
        s = self.scope
        if s.is_empty():
            return True
        if s.topics:
            tagged = _pick_topics(_story_topic_scores(story, arts), limit=None)
            if any(t in tagged for t in s.topics):
                return True
        for aid in story:
            a = arts[aid]
            main = _main_countries(a)
            if (self.codes or self.entity_codes) and (self.codes | self.entity_codes) & main:
                return True
            if self.patterns:
                names = [e.name for e in a.entities]
                names += [al for e in a.entities for al in _json_list(e.aliases)]
                hay = "\n".join([a.title, a.lead, *names])
                if any(p.search(hay) for p in self.patterns):
                    return True
        return False


def _main_countries(a: _Art) -> set[str]:
    """Countries an article is about, not those it names in passing."""
    if not a.countries:
        return set()
    top = max(a.countries.values())
    return {c for c, n in a.countries.items() if n >= 2 or n >= top}


def _story_topic_scores(story: list[int], arts: dict[int, _Art]) -> dict[str, int]:
    """Topic scores of a story's titles (counted twice) and leads, read in one pass."""
    core = _core([i for i in story if arts[i].dup_of is None], arts)[:6]
    text = "\n".join(f"{arts[i].title}\n{arts[i].title}\n{arts[i].lead}" for i in core)
    return topic_scores(text)


# Stories -----------------------------------------------------------------------------

_DECISION = re.compile(
    r"\b(?:sign(?:s|ed|ing)?|agree[sd]?|agreement|approv\w*|announc\w*|impos\w*|launch\w*|vot(?:e|ed|es)|ruled?|"
    r"pass(?:ed|es)?|ban(?:s|ned)?|sanction\w*|pledg\w*|deploy\w*|withdr[ae]w\w*|resign\w*|elected|won|lost|"
    r"killed|seiz\w*|struck|attack\w*|cut|rais(?:e|ed|es)|lift(?:s|ed)?|suspend\w*|halt\w*|"
    r"confirm\w*|declar\w*|order(?:s|ed)?|arrest\w*|sentenc\w*|fin(?:e|ed)|invest\w*|ended|end(?:s)?)\b",
    re.I,
)
_COLOUR = re.compile(
    r"\b(?:selfie\w*|quip\w*|jok(?:e|ed|es|ing)|laugh\w*|smil\w*|posed|trend\w*|netizens?|viral|gift(?:ed)?|"
    r"dinner|banquet|photo\w*|outfit|wore|weather)\b",
    re.I,
)
_WEIGHTY = re.compile(
    r"\b(?:president|prime minister|premier|chancellor|king|emperor|supreme leader|foreign minister|"
    r"defen[cs]e minister|secretary-general|secretary of state|minister|general|chairman)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“A-Z0-9])")
_ABBREV_END = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|St|Jan|Feb|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|No|Col|Lt|Sen|Rep)\.$"
)


def _abbrev_before(text: str, end: int) -> bool:
    """Whether the full stop ending at ``end`` closes an abbreviation ("Mr.", "Jan.")."""
    start = max(0, end - 8)
    while start > 0 and text[start - 1].isalnum():  # never cut a word in half
        start -= 1
    return bool(_ABBREV_END.search(text, start, end))


def _first_sentence(text: str) -> str:
    """The lead's first sentence, or its first two when the first is a short teaser."""
    ends = [m.start() for m in _SENTENCE_END.finditer(text) if not _abbrev_before(text, m.start())]
    ends = [e for e in ends if e >= 30]
    if not ends:
        return text.strip()
    if ends[0] < 60 and len(ends) > 1:
        return text[: ends[1]].strip()
    return text[: ends[0]].strip()


@dataclass
class _Cand:
    text: str
    aid: int
    date: str | None
    day: str | None
    figures: list[str]
    score: float
    keys: set[str]
    outlets: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    nums: set[str] = field(default_factory=set)
    processed: str = ""

    def __post_init__(self) -> None:
        self.stems = {_stem(k) for k in self.keys if len(k) >= 4}
        self.nums = set(re.findall(r"\d+", self.text))
        self.processed = default_process(self.text)


_CORE = 15  # articles of a big story read closely for developments and quotes


def _core(prim: list[int], arts: dict[int, _Art]) -> list[int]:
    """The articles of a story that tell it: all of a small story, the fullest of a big one."""
    if len(prim) <= _CORE:
        return prim
    ranked = sorted(prim, key=lambda i: (-_richness(arts[i]), arts[i].published or date.max, i))
    return sorted(ranked[:_CORE])


def _story_weight(story: list[int], arts: dict[int, _Art], since: date, until: date) -> float:
    """How much a story matters: outlets and articles telling it, how central its names are,
    how recent it is, and whether heads of state and ministers are in its leads."""
    prim = [aid for aid in story if arts[aid].dup_of is None]
    key_weight = _key_weights(prim, arts)
    outlets = {(arts[aid].outlet or f"#{aid}").lower() for aid in story}
    newest = max((d for d in (arts[aid].published for aid in story) if d), default=None)
    recency = ((newest - since).days + 1) / ((until - since).days + 1) if newest else 0.0
    return (
        1.5 * len(outlets)
        + 0.7 * math.log1p(len(story))
        + min(1.5, sum(sorted(key_weight.values(), reverse=True)[:5]) / 5)
        + 0.5 * recency
        + 0.6 * sum(1 for aid in prim if _WEIGHTY.search(arts[aid].lead)) / len(prim)
    )


def _build_story(story: list[int], arts: dict[int, _Art], since: date, until: date) -> Story:
    prim = [aid for aid in story if arts[aid].dup_of is None]
    key_weight = _key_weights(prim, arts)
    rep = _representative(prim, arts)
    headline = _clean(_strip_outlet(arts[rep].title, arts[rep].outlet), 250)

    core = _core(prim, arts)
    devs = _developments(core, arts, key_weight, since, until, headline)
    quote = _best_quote(core, arts, key_weight)
    topic_total = _story_topic_scores(story, arts)
    topics = _pick_topics(topic_total)
    country_total: Counter[str] = Counter()
    for aid in prim:
        for c in _main_countries(arts[aid]):
            country_total[c] += arts[aid].countries[c]
    top_country = max(country_total.values(), default=0)
    ranked_countries = sorted(country_total.items(), key=lambda kv: (-kv[1], kv[0]))[:4]
    countries = [country_name(c) for c, n in ranked_countries if n * 4 >= top_country]
    people: Counter[str] = Counter()
    for aid in prim:
        for e in arts[aid].entities:
            if e.type == "person" and e.name:
                people[e.name] += e.mentions
    sources = sorted(
        (arts[aid].source() for aid in story), key=lambda s: (s.published or date.min, s.article_id)
    )
    newest = max((s.published for s in sources if s.published), default=None)
    out = Story(
        id=min(story),
        headline=headline,
        developments=devs,
        quotes=[quote] if quote else [],
        topics=topics,
        countries=countries,
        sources=sources,
        people=[p for p, _ in sorted(people.items(), key=lambda kv: (-kv[1], kv[0]))[:5]],
        published=newest,
    )
    return out


def _key_weights(prim: list[int], arts: dict[int, _Art]) -> dict[str, float]:
    """How central each key (name word) is to the story: the share of its articles that use it."""
    counts: Counter[str] = Counter()
    for aid in prim:
        counts.update(arts[aid].keys)
    n = len(prim)
    return {k: c / n for k, c in counts.items() if c / n >= 0.5 or n == 1}


def _representative(prim: list[int], arts: dict[int, _Art]) -> int:
    if len(prim) == 1:
        return prim[0]

    def centrality(aid: int) -> tuple[float, date, int, str, int]:
        a = arts[aid]
        s = sum(len(a.keys & arts[o].keys) / (1 + len(a.keys | arts[o].keys)) for o in prim if o != aid)
        s += sum(
            fuzz.token_set_ratio(a.title, arts[o].title, processor=default_process) / 100
            for o in prim
            if o != aid
        )
        return (-round(s, 6), a.published or date.max, -_richness(a), a.title, aid)

    return min(prim, key=centrality)


def _developments(
    prim: list[int],
    arts: dict[int, _Art],
    key_weight: dict[str, float],
    since: date,
    until: date,
    headline: str,
) -> list[Development]:
    lo = (since - timedelta(days=3)).isoformat()
    hi = until.isoformat()
    span_days = (until - since).days + 1
    cands: list[_Cand] = []
    for aid in prim:
        a = arts[aid]
        seen_text: set[str] = set()
        # The opening events tell the news; those deep in an article are background.
        for ev in a.events[:10]:
            if ev.status not in ("occurred", "planned") or not ev.day_first or not ev.text:
                continue
            # Background (a 2017 deployment) is not a development; neither is next month.
            if len(ev.date) < 7 or (ev.day_last or ev.day_first) < lo or ev.day_first > hi:
                continue
            text = _clean(ev.text, 600)
            if text.lower() in seen_text or len(text) < 25:
                continue
            seen_text.add(text.lower())
            figs = [
                f.text for f in a.figures if ev.start <= f.start and f.end <= ev.end and f.text and f.telling
            ]
            score = _dev_score(text, figs, ev.paragraph, ev.day_first, key_weight, since, span_days)
            cands.append(_Cand(text, aid, ev.date, ev.day_first, figs, score, _tokens(text)))
        if a.lead:
            text = _clean(_first_sentence(a.lead), 600)
            if len(text) >= 25 and text.lower() not in seen_text:
                end = a.lead_start + len(text)
                figs = [
                    f.text
                    for f in a.figures
                    if a.lead_start <= f.start and f.end <= end and f.text and f.telling
                ]
                day = a.published.isoformat() if a.published else None
                score = _dev_score(text, figs, 0, day, key_weight, since, span_days) + 0.3
                cands.append(_Cand(text, aid, None, day, figs, score, _tokens(text)))
        for text, start, figs in _figure_sentences(a):
            if text.lower() not in seen_text and not any(text in c.text or c.text in text for c in cands):
                seen_text.add(text.lower())
                day = a.published.isoformat() if a.published else None
                para = sum(1 for ln in (a.body or a.head)[:start].split("\n") if ln.strip()) - 1
                score = _dev_score(text, figs, para, day, key_weight, since, span_days) - 0.2
                cands.append(_Cand(text, aid, None, day, figs, score, _tokens(text)))
    # A few best candidates per article, and a bounded number per story, keep the
    # pairwise corroboration below quadratic in the size of a big story.
    per_article: dict[int, list[_Cand]] = defaultdict(list)
    for c in sorted(cands, key=lambda c: (-c.score, c.aid, c.text)):
        if len(per_article[c.aid]) < 3:
            per_article[c.aid].append(c)
    ranked = sorted((c for cs in per_article.values() for c in cs), key=lambda c: (-c.score, c.aid, c.text))
    cands = ranked[:30]
    # Corroboration: a development told by several outlets counts once per outlet.
    outlet_of = {aid: (arts[aid].outlet or f"#{aid}").lower() for aid in prim}
    for c in cands:
        c.outlets = {outlet_of[c.aid]}
    for x, c in enumerate(cands):
        for d in cands[x + 1 :]:
            if d.aid != c.aid and _same_development(c, d):
                c.outlets.add(outlet_of[d.aid])
                d.outlets.add(outlet_of[c.aid])
    for c in cands:
        c.score += 0.8 * (len(c.outlets) - 1)
    # Colour (selfies, banquets) only when there is nothing else to tell.
    if any(not _COLOUR.search(c.text) for c in cands):
        cands = [c for c in cands if not _COLOUR.search(c.text)]
    cands.sort(key=lambda c: (-c.score, c.day or "", c.aid, c.text))
    chosen: list[_Cand] = []
    for c in cands:
        if not any(_same_development(k, c) for k in chosen):
            chosen.append(c)
    chosen = [c for c in chosen if fuzz.ratio(c.text.lower(), headline.lower()) < 90]
    chosen.sort(key=lambda c: (-c.score, c.day or "", c.aid, c.text))
    if not chosen:
        return []
    top = chosen[0].score
    picked = [c for i, c in enumerate(chosen[:4]) if i < 2 or c.score >= 0.6 * top]
    return [
        Development(text=c.text, date=c.date, figures=c.figures[:4], outlets=len(c.outlets), article_id=c.aid)
        for c in picked
    ]


def _figure_sentences(a: _Art) -> list[tuple[str, int, list[str]]]:
    """Sentences that state figures: concrete developments."""
    out: list[tuple[str, int, list[str]]] = []
    head = a.body or a.head
    for f in a.figures:
        if f.end > len(head) or f.start < a.lead_start or not f.text or not f.telling:
            continue
        line_start = head.rfind("\n", 0, f.start) + 1
        line_end = head.find("\n", f.end)
        line = head[line_start : line_end if line_end >= 0 else len(head)]
        pos = f.start - line_start
        # The sentence around the figure: from the last sentence end before it to the next after it.
        ends = [m.end() for m in _SENTENCE_END.finditer(line) if not _abbrev_before(line, m.start())]
        left = max((e for e in ends if e <= pos), default=0)
        right = min((e for e in ends if e > pos), default=len(line))
        if right == len(line) and line_end < 0:
            continue  # cut off by the head: not a whole sentence
        text = _clean(line[left:right], 600)
        if len(text) < 40 or re.search(r"[\"“”]", text):  # quotations are told as quotes
            continue
        figs = [
            g.text
            for g in a.figures
            if line_start + left <= g.start and g.end <= line_start + right and g.telling
        ]
        if all(text != t for t, _, _ in out):
            out.append((text, line_start + left, figs))
    return out[:3]


def _same_development(a: _Cand, b: _Cand) -> bool:
    wa, wb = a.stems, b.stems
    common = len(wa & wb)
    small = min(len(wa), len(wb))
    if small and common >= 0.45 * small and set(a.figures) & set(b.figures):
        return True
    if a.nums & b.nums and small and common >= 0.4 * small:
        return True
    shared = a.keys & b.keys
    if a.day and a.day == b.day and len(shared) >= 3 and len(shared) >= 0.5 * min(len(a.keys), len(b.keys)):
        return True
    # Texts sharing few words cannot reach the ratio: skip the costlier comparison.
    if common < 0.3 * small:
        return False
    return fuzz.token_set_ratio(a.processed, b.processed, processor=None) >= 80


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _dev_score(
    text: str,
    figs: list[str],
    paragraph: int,
    day: str | None,
    key_weight: dict[str, float],
    since: date,
    span_days: int,
) -> float:
    score = 1.0
    score += min(1.5, sum(key_weight.get(k, 0.0) for k in _tokens(text)) * 0.4)
    if _WEIGHTY.search(text):
        score += 0.3
    if figs:
        score += 0.6
    if _DECISION.search(text):
        score += 0.6
    if _COLOUR.search(text):
        score -= 0.8
    score += max(0.0, 0.6 - 0.1 * paragraph)
    if day:
        try:
            d = (date.fromisoformat(day) - since).days + 1
            score += 0.5 * max(0.0, min(1.0, d / span_days))
        except ValueError:
            pass
    if len(text) < 50 or len(text) > 400:
        score -= 0.3
    return score


_QUOTE_COLOUR = re.compile(r"\b(?:quip\w*|jok\w*|laugh\w*|tease\w*|chuckl\w*|posted|tweeted)\b", re.I)


def _role_of(a: _Art, speaker: str, quote_role: str | None) -> str | None:
    role = quote_role
    affiliation = None
    if a.people is None:
        a.people = {}
        for ent in a.entities:
            a.people.setdefault(ent.name, ent)
    found = a.people.get(speaker)
    if found is not None:
        role = role or found.role
        affiliation = found.affiliation
    if role and affiliation and affiliation.lower() not in role.lower():
        return _clean(f"{role}, {affiliation}", 200)
    if role or affiliation:
        return _clean(role or affiliation or "", 200)
    return None


def _best_quote(prim: list[int], arts: dict[int, _Art], key_weight: dict[str, float]) -> StoryQuote | None:
    by_speaker: Counter[str] = Counter()
    for aid in prim:
        by_speaker.update({sp for sp, _, _ in arts[aid].said if sp})
    speaker_weight: dict[str, float] = {}
    weighty: dict[str, bool] = {}
    cands: list[tuple[tuple[float, int, int], _Art, _Quote]] = []
    for aid in prim:
        a = arts[aid]
        roles: dict[str, str | None] = {}
        for q in a.quotes:
            if not q.speaker or len(q.text) < 20:
                continue
            s = {"direct": 1.0, "partial": 0.6}.get(q.kind, 0.3)
            n = len(q.text)
            s += 0.6 if 60 <= n <= 350 else (-0.6 if n < 30 else (-0.3 if n > 600 else 0.2))
            if q.speaker not in speaker_weight:
                weight = sum(key_weight.get(k, 0.0) for k in _tokens(q.speaker))
                speaker_weight[q.speaker] = min(1.0, weight * 0.5)
            s += speaker_weight[q.speaker]
            key_role = f"{q.speaker}\n{q.role}"
            if key_role not in roles:
                roles[key_role] = _role_of(a, q.speaker, q.role)
            role = roles[key_role]
            if role:
                if role not in weighty:
                    weighty[role] = bool(_WEIGHTY.search(role))
                s += 0.2 + (0.3 if weighty[role] else 0.0)
            s += 0.2 * (by_speaker[q.speaker] - 1)
            cands.append(((s, -aid, -q.start), a, q))
    # Colour only lowers a score: read the candidates best first and stop once none can win.
    cands.sort(key=lambda c: c[0], reverse=True)
    best: tuple[float, int, int] | None = None
    best_q: tuple[_Art, _Quote] | None = None
    for (s, neg_aid, neg_start), a, q in cands:
        if best is not None and (s, neg_aid, neg_start) < best:
            break
        if _QUOTE_COLOUR.search(q.cue or "") or _COLOUR.search(q.text):
            s -= 0.7
        if q.text.rstrip().endswith("!") and len(q.text) < 80:
            s -= 0.3
        key = (s, neg_aid, neg_start)
        if best is None or key > best:
            best, best_q = key, (a, q)
    if best_q is None or best is None:
        return None
    a, q = best_q
    return StoryQuote(
        speaker=q.speaker or "",
        role=_role_of(a, q.speaker or "", q.role),
        text=_clean(q.text, 2000).rstrip(" ,;:"),
        source=a.outlet or _clean(a.title, 120),
        url=a.url,
        kind=q.kind,
        article_id=a.id,
    )


def _pick_topics(scores: dict[str, int], limit: int | None = 3) -> list[str]:
    if not scores:
        return []
    best = max(scores.values())
    order = list(TOPICS)
    kept = [t for t, s in scores.items() if s >= max(2, best // 3)]
    return sorted(kept, key=lambda t: (-scores[t], order.index(t)))[:limit]


# Coming up and speakers -------------------------------------------------------------


def _coming_up(
    primaries: Sequence[int], arts: dict[int, _Art], until: date, horizon_weeks: int, story_of: dict[int, int]
) -> list[ComingUp]:
    horizon = (until + timedelta(weeks=horizon_weeks)).isoformat()
    far = (until + timedelta(weeks=4 * horizon_weeks)).isoformat()
    after = until.isoformat()
    found: list[tuple[_Event, _Art]] = []
    for aid in primaries:
        a = arts[aid]
        for ev in a.events:
            if (
                ev.status in ("planned", "reported")
                and ev.day_first
                and after < ev.day_first <= far
                and ev.text
                # a bare year is too vague to plan by, unless it is all there is within the horizon
                and (len(ev.date) >= 7 or ev.day_first <= horizon)
            ):
                found.append((ev, a))
    # The same event told by several articles, or several times in one story ("arrives on
    # Tuesday", "the summit on Jan 13 and 14"): one entry, with the newest word on its status.
    found.sort(key=lambda p: (p[0].day_first or "", p[0].day_last or "", p[1].published or date.min, p[1].id))
    parent = list(range(len(found)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_story: dict[int, list[int]] = defaultdict(list)
    by_days: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, (ev, a) in enumerate(found):
        by_story[story_of.get(a.id, a.id)].append(k)
        by_days[(ev.day_first or "", ev.day_last or "")].append(k)
    cache: dict[int, set[str]] = {}
    for members in by_story.values():
        _merge_story_events(members, found, parent, root, cache)
    # Across stories, the same dates told alike are one event. Each event meets the
    # representatives of the groups found so far (a bounded number), not every event.
    for members in by_days.values():
        reps: list[int] = []
        for i in members:
            ri = root(i)
            for j in reps[:30]:
                rj = root(j)
                if rj != ri and _same_event(found[i][0], found[j][0], cache):
                    parent[ri] = rj
                    ri = rj
                    break
            if all(root(j) != ri for j in reps[:30]):
                reps.append(i)
    grouped: dict[int, list[tuple[_Event, _Art]]] = defaultdict(list)
    for k, pair in enumerate(found):
        grouped[root(k)].append(pair)
    out: list[ComingUp] = []
    for g in grouped.values():
        newest = max(p[1].published or date.min for p in g)
        newest_pairs = [p for p in g if (p[1].published or date.min) == newest]
        planned = any(p[0].status == "planned" for p in newest_pairs)
        status: Literal["planned", "reported"] = "planned" if planned else "reported"
        told = [p for p in g if p[0].status == status] or g
        # The text that tells most: the newest word, naming who, not a fragment ("ahead of the vote").
        text_ev, text_art = max(
            told,
            key=lambda p: (
                p[0].entities not in ("", "[]"),
                len(p[0].text) >= 60,
                p[1].published or date.min,
                min(len(p[0].text), 250),
                -p[1].id,
            ),
        )
        best_ev = min(g, key=lambda p: (len(p[0].date) < 10, -_span(p[0]), p[0].day_first or "", p[1].id))[0]
        day = date.fromisoformat(best_ev.day_first or after)
        out.append(
            ComingUp(
                date=best_ev.date,
                date_end=best_ev.date_end if best_ev.date_end != best_ev.date else None,
                status=status,
                text=_clean(_DATELINE.sub("", text_ev.text.strip()), 400),
                confirmed=status == "planned",
                day=day,
                further_ahead=(best_ev.day_first or "") > horizon,
                source=text_art.source(),
            )
        )
    out.sort(key=lambda c: (c.day, c.date_end or c.date, c.text, c.source.article_id))
    near = [c for c in out if not c.further_ahead][:10]
    further = [c for c in out if c.further_ahead][:3]
    return near + further


def _merge_story_events(
    members: list[int],
    found: list[tuple[_Event, _Art]],
    parent: list[int],
    root: Callable[[int], int],
    cache: dict[int, set[str]],
) -> None:
    """Within one story: overlapping dated days are one event; a coarse date ("next week",
    "in February") is the precise one it contains when there is exactly one."""
    precise = [k for k in members if len(found[k][0].date) >= 10]
    coarse = [k for k in members if len(found[k][0].date) < 10]
    # Interval sweep over the precise events (members arrive sorted by first day).
    head, end = -1, ""
    heads: list[tuple[str, str, int]] = []  # (first day, last day, cluster head)
    for k in precise:
        ev = found[k][0]
        first, last = ev.day_first or "", ev.day_last or ""
        if head >= 0 and first <= end:
            parent[root(k)] = root(head)
            end = max(end, last)
            heads[-1] = (heads[-1][0], end, head)
        else:
            head, end = k, last
            heads.append((first, last, k))
    by_value: dict[str, int] = {}
    for k in coarse:
        ev = found[k][0]
        if ev.date in by_value:
            parent[root(k)] = root(by_value[ev.date])
            continue
        by_value[ev.date] = k
        inside = [h for f, last, h in heads if (ev.day_first or "") <= f and last <= (ev.day_last or "")]
        if len(inside) > 1:
            # Several dated events in that week or month: the one it tells of, if any.
            keys = _event_keys(ev, cache)
            scored = sorted(((len(keys & _event_keys(found[h][0], cache)), h) for h in inside), reverse=True)
            inside = (
                [scored[0][1]]
                if scored[0][0] >= 3 and (len(scored) == 1 or scored[1][0] < scored[0][0])
                else []
            )
        if len(inside) == 1:
            parent[root(k)] = root(inside[0])


def _span(ev: _Event) -> int:
    if not ev.day_first or not ev.day_last:
        return 0
    return (date.fromisoformat(ev.day_last) - date.fromisoformat(ev.day_first)).days


def _event_keys(ev: _Event, cache: dict[int, set[str]]) -> set[str]:
    key = id(ev)
    if key not in cache:
        cache[key] = _tokens(ev.text) | {str(e).lower() for e in _json_list(ev.entities)}
    return cache[key]


def _same_event(a: _Event, b: _Event, cache: dict[int, set[str]]) -> bool:
    ka, kb = _event_keys(a, cache), _event_keys(b, cache)
    if len(ka & kb) >= 2:
        return True
    return fuzz.token_set_ratio(a.text, b.text, processor=default_process) >= 60


def _speakers(primaries: Sequence[int], arts: dict[int, _Art], limit: int = 8) -> list[Speaker]:
    counts: Counter[str] = Counter()
    for aid in primaries:
        for sp, _, n in arts[aid].said:
            if sp:
                counts[sp] += n
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    out = []
    for name, c in ranked:
        # The role they are most often quoted in (roles are looked up for the few listed only).
        roles: Counter[str] = Counter()
        for aid in primaries:
            for sp, quote_role, n in arts[aid].said:
                if sp == name:
                    role = _role_of(arts[aid], name, quote_role)
                    if role:
                        roles[role] += n
        best = min(roles.items(), key=lambda kv: (-kv[1], kv[0]))[0] if roles else None
        out.append(Speaker(name=name, count=c, role=best))
    return out


# Helpers -----------------------------------------------------------------------------


def _empty(period: Period, scope: Scope, last_id: int | None) -> Digest:
    return Digest(
        title=_title(period, scope),
        period=period,
        scope=scope,
        stories=[],
        coming_up=[],
        speakers=[],
        empty=True,
        articles=0,
        last_article_id=last_id,
    )


def format_period(period: Period) -> str:
    """A period as people write it: "6 Jan 2026", "4–7 Jan 2026", "30 Dec 2025 – 2 Jan 2026"."""
    a, b = period.since, period.until
    if a == b:
        return f"{a.day} {a:%b %Y}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%b %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%b} – {b.day} {b:%b %Y}"
    return f"{a.day} {a:%b %Y} – {b.day} {b:%b %Y}"


def format_date(value: str, end: str | None = None) -> str:
    """A TIMEX3 calendar date (and end) for readers: "13–14 Jan 2026", "Apr 2026", "2027"."""

    week = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if week and not end:
        try:
            monday = date.fromisocalendar(int(week[1]), int(week[2]), 1)
            return f"week of {monday.day} {monday:%b %Y}"
        except ValueError:
            return value
    part = re.fullmatch(r"(\d{4})-([QH])(\d)", value)
    if part and not end:
        return f"{part[2]}{part[3]} {part[1]}"

    def one(v: str) -> tuple[str, str, str]:
        parts = v.split("-")
        try:
            if len(parts) >= 3:
                d = date.fromisoformat(v[:10])
                return str(d.day), f"{d:%b}", str(d.year)
            if len(parts) == 2 and parts[1].isdigit():
                d = date(int(parts[0]), int(parts[1]), 1)
                return "", f"{d:%b}", str(d.year)
        except ValueError:
            pass
        return "", "", v

    d1, m1, y1 = one(value)
    if not end or end == value:
        return " ".join(p for p in (d1, m1, y1) if p)
    d2, m2, y2 = one(end)
    if y1 == y2 and m1 == m2 and d1 and d2:
        return f"{d1}–{d2} {m1} {y1}"
    left = " ".join(p for p in ((d1, m1) if y1 == y2 and m1 and m2 else (d1, m1, y1)) if p)
    return f"{left} – {' '.join(p for p in (d2, m2, y2) if p)}"


def _title(period: Period, scope: Scope) -> str:
    base = f"GeoDigest · {format_period(period)}"
    desc = scope.describe()
    return f"{base} · {desc}" if desc else base


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def _clean(text: str, limit: int) -> str:
    """One line of plain text: control characters out (they drive terminals), capped with an ellipsis."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    if len(text) > limit:
        cut = text[: limit - 1]
        space = cut.rfind(" ")
        if space > limit * 0.6:
            cut = cut[:space]
        text = cut.rstrip(" ,;:-") + "…"
    return text


def _strip_outlet(title: str, outlet: str | None) -> str:
    """ "Summit ends - Reuters" -> "Summit ends": the outlet is listed with the sources."""
    title = title.strip()
    if outlet:
        m = re.match(rf"^(.{{15,}}?)\s+[|–—-]\s+(?:the\s+)?{re.escape(outlet.strip())}$", title, re.I)
        if m:
            return m.group(1)
    return title


def _safe_url(url: str | None) -> str | None:
    """Only http(s) links reach a digest; anything else (javascript:, data:) is dropped."""
    if not url:
        return None
    url = url.strip()
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", url, re.I):
        return None
    return url
