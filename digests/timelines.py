"""/timeline: the dated events about a person, country or topic, in date order, paged.

Candidates come from full-text search over the stored events (newest first, FTS_WINDOW at
most) or, for a busy query with a period, from a walk of the day index; tellings of one event
by several articles or outlets are folded into one line with every source.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from digests import timex
from digests.digest.fold import (
    FOLDED_GRAINS,
    Signature,
    alike,
    event_keys,
    fold_target,
    journey_to,
    shared_name,
    signature,
)
from digests.errors import CommandError, InputError
from digests.gazetteer import part_forms, part_of
from digests.queries import (
    Person,
    country_match_forms,
    country_pattern,
    people_named,
    person_meant,
    topic_pattern,
)
from digests.store import normalise_name
from digests.store.names import WORD_TOKEN
from digests.topics import TOPICS, country_code, country_name, topic_slug

if TYPE_CHECKING:
    from digests.store import Store

# Two tellings of one day's event whose words overlap this much (rapidfuzz 0-100) are one event.
NEAR_DUPLICATE = 75
SAME_STORY = 60  # the likeness at which two tellings of one day in one story are one event
# Words of what happens in common with a telling folded into a kept one for another telling to
# join them (with one kept telling: one word and a participant, fold.alike). On 16 timelines of
# the AllSides store, at 2 there were 16 right joins and 8 wrong; at 3, see the README.
CLOSELY = 3
# the tellings folded into a kept one that a new telling is compared with, at most (a bound on the
# pairs tried on a busy day)
FOLDED_MET = 4


@dataclass(frozen=True)
class TimelineEvent:
    """A dated event with its status and the article that reported it."""

    id: int
    date: str
    date_end: str | None
    day_first: str | None
    status: str
    text: str
    article_id: int
    published: str | None
    source: str | None
    url: str | None
    story: int | None = None  # the story of its article, as the store keeps it (a digest's Story.id)
    also: tuple[str, ...] = ()  # the other outlets that told it (folded into this telling)


@dataclass(frozen=True)
class Timeline:
    """The answer to /timeline: events in date order, then what is coming up."""

    query: str
    label: str  # what the query was read as: "South Korea (country)", "Trade (topic)", a name
    since: date | None
    until: date | None
    past: list[TimelineEvent] = field(default_factory=list)
    coming_up: list[TimelineEvent] = field(default_factory=list)
    total: int = 0  # events found (when known: a walk stops once the page is full)
    candidates: list[Person] = field(default_factory=list)
    more: bool = False  # events after this page
    exact: bool = True  # whether ``total`` counts every event (a busy walk stops early)
    offset: int = 0  # events of the earlier pages
    # coming events that no page of this timeline shows (pages go back in time), which ``total``
    # counts; a range from ``later_from`` lists them
    later: int = 0
    later_from: date | None = None
    # of a range's events, those dated only by a week, month, season, quarter or year: listed
    # after the days (grain_rank), so ``total - coarse`` day events come first
    coarse: int = 0


def _fts_phrase(text: str) -> str:
    tokens = normalise_name(text)
    return '"' + " ".join(tokens) + '"' if tokens else ""


@lru_cache(maxsize=64)
def _topic_terms(slug: str) -> tuple[tuple[tuple[str, ...], bool], ...]:
    """The topic's strong keywords FTS5 can search: (words, last word is a prefix) pairs."""
    terms: list[tuple[tuple[str, ...], bool]] = []
    for pattern in TOPICS[slug].strong:
        simple = pattern.replace(r"\w*", "*")
        if re.fullmatch(r"[a-z][a-z -]*\*?", simple):
            terms.append((tuple(simple.rstrip("*").replace("-", " ").split()), simple.endswith("*")))
        elif re.fullmatch(r"[a-z]+s\?", pattern):  # "chips?"
            terms += [((pattern[:-2],), False), ((pattern[:-1],), False)]
    return tuple(terms)


def _topic_fts(store: Store, slug: str) -> str:
    """The topic's strong keywords as an FTS5 OR query. A prefix ("diplomat*") becomes the words
    of the index that start with it: an FTS5 prefix query merges every such word's full list of
    rows before it can return the first, a plain OR stops at the LIMIT."""
    words = _vocabulary(store)
    parts = []
    for tokens, star in _topic_terms(slug):
        forms = [tokens]
        if star:
            expanded = words.get(tokens[-1])
            if expanded is None:
                parts.append('"' + " ".join(tokens) + '"*')
                continue
            forms = [(*tokens[:-1], w) for w in expanded]
        parts += ['"' + " ".join(f) + '"' for f in forms]
    return " OR ".join(dict.fromkeys(parts))


# Index words starting with each topic prefix, per database file: read for all topics at once
# (tens of milliseconds on a large store) and again after this many seconds, so that words
# new to the store are searched too.
VOCABULARY_TTL_S = 600.0
# A prefix with more index words than this stays a prefix query (slower, still right).
MAX_EXPANSION = 40
_VOCABULARIES: dict[str, tuple[float, dict[str, tuple[str, ...] | None]]] = {}
_VOCABULARIES_LOCK = threading.Lock()


_POSSESSIVE_NAME = re.compile(r"\w['’]s\s")


def _vocabulary(store: Store) -> dict[str, tuple[str, ...] | None]:
    key = str(getattr(store, "path", id(store)))
    now = time.monotonic()
    with _VOCABULARIES_LOCK:
        cached = _VOCABULARIES.get(key)
        if cached and cached[0] > now:
            return cached[1]
    prefixes = sorted({tokens[-1] for slug in TOPICS for tokens, star in _topic_terms(slug) if star})
    words = store.event_words(prefixes, MAX_EXPANSION)
    with _VOCABULARIES_LOCK:
        _VOCABULARIES[key] = (now + VOCABULARY_TTL_S, words)
    return words


# Full-text search finds a timeline's candidates newest report first; this many at most.
# When it hits that window and the query names a period, the day index is walked out from
# the page's cut day instead, at most WALK_LIMIT events each way, WALK_BATCH at a time.
FTS_WINDOW = 600
WALK_BATCH = 300
WALK_LIMIT = 1200


def timeline(
    store: Store,
    query: str,
    since: date | None = None,
    until: date | None = None,
    *,
    today: date | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Timeline:
    """Dated events about an entity, country or topic, in date order, with what is coming up last.

    With a first day (``since``), the events of the range in date order from that day,
    ``offset`` events on. Without one, the latest past events and the nearest coming ones
    (``offset``: older past events). ``today`` splits past from coming (default: the newest
    article's day, so that an archive reads as of its own time). Raises
    :class:`CommandError` for an empty query.
    """
    text = " ".join(query.split())
    if not normalise_name(text):
        raise CommandError("A timeline of what? Give a name, country or topic, e.g. /timeline Red Sea")
    if today is None:
        newest = store.newest_published()
        today = date.fromisoformat(newest) if newest else date.today()
    slug = topic_slug(text)
    # a part of a country ("Scotland") is searched by its own name, not as the whole country
    part = part_of(text) if not slug else None
    code = country_code(text) if not slug and part is None else None
    forms: list[str] = []
    if slug:
        label = f"{TOPICS[slug].label} (topic)"
        match, pattern = _topic_fts(store, slug), topic_pattern(slug, strong_only=True)
        literals = _all_or_none([_literal_head(p) for p in TOPICS[slug].strong])
    elif code:
        label = f"{country_name(code)} (country)"
        match = " OR ".join(_fts_phrase(f) for f in country_match_forms(code))
        pattern = country_pattern(code)
        forms = sorted({text, country_name(code)})
        loud = {"US": ["us", "u.s."], "GB": ["uk", "u.k."]}.get(code, [])
        literals = _all_or_none([*country_match_forms(code), *loud])
    else:
        people = person_meant(store, text) if part is None else []
        if len(people) > 1:
            candidates = list(people_named(store, people[:25]).values())
            return Timeline(query=text, label=text, since=since, until=until,
                            candidates=sorted(candidates, key=lambda p: (-p.quotes, p.name)))
        label = people[0] if people else text
        if part is not None:
            label = f"{text} (part of {country_name(part)})"
        # the person under every name the store gives them ("Obama", "Barack Obama"): events
        # whose text writes a full name, or that list any of the names among their entities
        every = store.identity_names(people[0]) if people else []
        full = [n for n in every if len(normalise_name(n)) >= 2 and not _POSSESSIVE_NAME.search(n)]
        # a part by its demonyms too ("Scotland": what is Scottish)
        kin = part_forms(text) if part is not None else ()
        wanted = sorted({" ".join(normalise_name(w)) for w in (text, *people[:1], *full, *kin)} - {""})
        match = " OR ".join(_fts_phrase(w) for w in wanted)
        pattern = re.compile("|".join(r"(?<!\w)" + r"\W+".join(map(re.escape, w.split())) + r"(?!\w)"
                                      for w in wanted), re.I)
        forms = sorted({text, text.title(), *people[:1], *every, *kin})
        literals = _all_or_none([w.split()[0] for w in wanted])
    rows, saturated = _candidates(store, text, match, forms, since, until)
    if part is not None and not rows:
        # nothing names the part itself: the whole country's timeline, saying that it widened
        whole = timeline(store, country_name(part), since, until, today=today, limit=limit, offset=offset)
        return replace(whole, query=text, label=f"{whole.label}: nothing on {text} alone")
    if since is not None:
        if saturated:
            walk = _Walk(store, pattern, [json.dumps(f, ensure_ascii=False) for f in forms], literals,
                         days_only=True)
            low = (since - timedelta(days=1)).isoformat()  # the walk starts after `low`
            high = until.isoformat() if until else "9999"
            found, distinct = walk.side(low, high, offset + limit + 1, backwards=False)
            rows += found
            # the walk stops once it has the page and one more: past that, the count is unknown
            saturated = distinct > offset + limit
        return _range_page(store, text, label, since, until, rows, today, limit, offset, saturated)
    if saturated and until:
        rows += _walk(store, pattern, literals, forms, since, until, today.isoformat(), limit + offset)
    return _page(store, text, label, since, until, rows, today, limit, saturated, offset)


def _range_page(
    store: Store, text: str, label: str, since: date, until: date | None, rows: list[tuple[Any, ...]],
    today: date, limit: int, offset: int, unknown_rest: bool,
) -> Timeline:
    """The events of a range in date order from its first day, ``offset`` on; other outlets'
    tellings of an event shown once. ``unknown_rest``: there are more than the rows hold."""
    rows = own_dates(store, list({row[0]: row for row in rows}.values()))
    rows.sort(key=lambda row: (row[3], row[0]))
    told = _Told(store.stories_of(row[6] for row in rows))
    distinct = _one_date([row for row in rows if not told(row)], told)
    # the days first, in date order; then what is dated only by a week, a month, a year, each
    # grain in date order: a year-long event does not push the range's days onto later pages
    distinct.sort(key=lambda row: (grain_rank(row[1], row[2]), row[3], row[0]))
    coarse = sum(1 for row in distinct if grain_rank(row[1], row[2]))
    page = distinct[offset : offset + limit]
    cut = today.isoformat()
    past = [row for row in page if row[3] <= cut]
    coming = [row for row in page if row[3] > cut]
    more = unknown_rest or len(distinct) > offset + len(page)
    line = _finish(store, text, label, since, until, past, coming, more, total=len(distinct), also=told.also)
    return replace(line, exact=not unknown_rest, offset=offset, coarse=coarse)


# How coarse an event's date is: its days first (a day or a range of days), then a week, a month,
# a season / quarter / half, a year or more.
_GRAIN_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "half": 3, "year": 4}


def grain_rank(value: str, value_end: str | None = None) -> int:
    """0 for an event dated to the day (or a range of days), higher the coarser its date; a
    range of years ("2011 to 2017") is as coarse as a year."""
    if len(value) == 10 and (value_end is None or len(value_end) == 10):
        return 0  # YYYY-MM-DD: most events, no parse needed
    return _GRAIN_RANK.get(timex.granularity(value) or "", 5)


def own_dates(store: Store, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """One telling, one date: a clause that holds several dates is stored once per date ("Vindman
    reported his concerns after a July 10 meeting ... the 2016 election ... in 2020"); a timeline
    lists it once, under its own date: the finest of them (a day before a month before a year),
    of those the nearest its article's day (the others are context: earlier events, deadlines).
    Its other dates may lie outside the range asked for, so they are read from the store.
    ``rows``: EVENT_COLUMNS rows, one per event; returns those kept, in their order."""
    if len(rows) < 2:
        return rows
    siblings = store.same_clause_events([(row[6], row[5]) for row in rows])
    if not siblings:
        return rows
    best: dict[tuple[int, str], int] = {}
    for (article, clause), told in siblings.items():
        best[(article, clause)] = min(told, key=lambda t: (*_own_key(t[1], t[2], t[3], t[4]), t[0]))[0]
    return [row for row in rows if best.get((row[6], row[5]), row[0]) == row[0]]


def _own_key(value: str, value_end: str | None, first: str | None, published: str | None) -> tuple[int, int]:
    """How much a date is the clause's own (smaller: more): its grain, then its distance in days
    from its article's day."""
    far = 0
    if first and published:
        try:
            far = abs((date.fromisoformat(first) - date.fromisoformat(published[:10])).days)
        except ValueError:
            far = 0
    return grain_rank(value, value_end), far


def _candidates(
    store: Store, text: str, match: str, forms: list[str], since: date | None, until: date | None
) -> tuple[list[tuple[Any, ...]], bool]:
    """Events found by full-text search (newest reports first) and events of recent articles that
    list the entity without naming it in their text; True when the search hit its window."""
    try:
        ids = store.event_ids_matching(match, FTS_WINDOW)
    except InputError as err:  # an FTS query the tokenizer rejects: answer, don't crash
        raise CommandError(f"Cannot search for {text!r}: try plain words") from err
    rows = store.dated_events(ids, since, until)
    for form in forms:
        rows += store.dated_events_listing(form, since, until)
    return rows, len(ids) >= FTS_WINDOW


_META = frozenset("\\()[]?*+.|{}^$")


def _literal_head(pattern: str) -> str | None:
    """The plain text every match of a keyword regex starts with ("diplomat" for diplomat\\w*,
    "pact" for pacts?), or None when it has none worth searching for."""
    depth = 0
    for ch in pattern.replace("\\\\", "").replace("\\(", "").replace("\\)", "").replace("\\|", ""):
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            return None  # "a|b": no text common to every match
    head: list[str] = []
    for ch in pattern:
        if ch in _META:
            if ch in "?*{" and head:
                head.pop()  # a quantifier makes the character before it optional
            break
        head.append(ch)
    literal = "".join(head)
    return literal if len(literal) >= 2 and literal.isascii() else None


def _all_or_none(literals: list[str | None]) -> list[str] | None:
    """The literals when every keyword has one (else rows must be read whole)."""
    known = sorted({lit for lit in literals if lit is not None})
    return known if known and None not in literals else None


def _walk(
    store: Store, pattern: re.Pattern[str], literals: list[str] | None, forms: list[str],
    since: date | None, until: date | None, cut: str, limit: int,
) -> list[tuple[Any, ...]]:
    """Events of the period matching `pattern` (or listing one of `forms`) nearest the page's cut
    day: the latest on or before it and the first after it, as many distinct events as the page
    can show of each (a couple more: the FTS candidates may repeat some).

    The day index is read in batches from the cut outwards and stops once enough are found, so a
    common topic costs a few hundred rows; WALK_LIMIT rows each way at most. SQLite picks the rows
    that contain one of `literals` (what every match of `pattern` contains, when known, matched
    without case) or a form in their entity list; Python confirms them with `pattern`."""
    marks = [json.dumps(f, ensure_ascii=False) for f in forms]
    low = since.isoformat() if since else "0000"
    high = until.isoformat() if until else "9999"
    walk = _Walk(store, pattern, marks, literals)
    kept, past = walk.side(low, min(cut, high), limit + 2, backwards=True)
    if cut < high:
        # the page keeps a third of itself for what is coming up, more when the past is short
        kept += walk.side(max(cut, low), high, max(limit // 3, limit - past) + 2, backwards=False)[0]
    return kept


@dataclass
class _Walk:
    """One timeline's walk along the day index (see :func:`_walk`)."""

    store: Store
    pattern: re.Pattern[str]
    marks: list[str]
    literals: list[str] | None
    days_only: bool = False  # count only the events dated to the day (a range's first pages)

    def side(
        self, low: str, high: str, need: int, *, backwards: bool
    ) -> tuple[list[tuple[Any, ...]], int]:
        """Matching events from `high` (included) down, or from `low` (excluded) up, until `need`
        distinct ones; with how many distinct ones were found."""
        key: tuple[str, int] | None = None
        kept: list[tuple[Any, ...]] = []
        told = _Told()  # counted as the page will count them: other outlets' tellings are not new
        distinct = scanned = 0
        batch = WALK_BATCH // 3  # most topics fill the page from the first rows
        while scanned < WALK_LIMIT and distinct < need:
            # keyset paging in (day_first, id) order, read from the day index alone (it holds the
            # id); the rows themselves are then read by id, only those the prefilter lets through
            keys = self.store.event_days_page(low, high, key, batch, backwards=backwards)
            scanned += len(keys)
            ids = [k[1] for k in keys]
            found = self.store.events_containing(ids, self.literals, self.marks)
            for event_id in ids:
                row = found.get(event_id)
                if row and (self.pattern.search(row[5]) or any(m in (row[7] or "") for m in self.marks)):
                    kept.append(row)
                    # a range lists its days first: only they fill the page it walks for
                    distinct += not told(row) and (self.days_only is False or not grain_rank(row[1], row[2]))
            if len(keys) < batch:
                break
            key = keys[-1]
            batch = WALK_BATCH
        return kept, distinct


def _closely_alike(a: Signature, b: Signature) -> bool:
    """:func:`digests.digest.fold.alike` with CLOSELY words of what happens in common, not one."""
    return not a[0].isdisjoint(b[0]) and len(a[1] & b[1]) >= CLOSELY


# Statuses of a day told before it came (a plan, or the word that it is off), which a report
# that the event took place overtakes
_OVERTAKEN = frozenset({"planned", "cancelled", "postponed", "denied", "proposed", "possible"})


class _Told:
    """The event tellings already on a page, to drop other outlets' tellings of the same event.

    ``stories`` (article id -> story id, as the store keeps stories): two tellings of one day
    in articles of the same story are the same event at a looser likeness (SAME_STORY)."""

    def __init__(self, stories: Mapping[int, int] | None = None) -> None:
        self._ratio = fuzz.token_set_ratio
        self._by_day: dict[str, list[str]] = {}
        self._seen: dict[tuple[str, str], int] = {}  # copies word for word: no fuzzy match needed
        self._stories = stories or {}
        self._by_story: dict[tuple[str, int], list[str]] = {}
        self._owner: dict[tuple[str, str], int] = {}  # (day, wording) -> the kept row's event id
        # the kept rows of each day (or range of days)
        self._by_days: dict[tuple[str, str | None], list[tuple[Any, ...]]] = {}
        self._signatures: dict[int, tuple[frozenset[str], frozenset[str]]] = {}  # by event id
        self.also: dict[int, list[tuple[Any, ...]]] = defaultdict(list)  # kept event id -> tellings folded in

    def _signature(self, row: tuple[Any, ...]) -> tuple[frozenset[str], frozenset[str]]:
        found = self._signatures.get(row[0])
        if found is None:
            found = self._signatures[row[0]] = signature(row[5], row[7])
        return found

    def _likest(self, days: list[tuple[Any, ...]], mine: Signature) -> int | None:
        """The kept telling of these days whose event ``mine`` (a signature) is: alike the kept
        telling, or closely alike one folded into it; of several, the one sharing the most words of
        what happens."""
        best, owner = 0, None
        for r in days:
            theirs = self._signature(r)
            score = len(theirs[1] & mine[1]) if alike(theirs, mine) else 0
            for x in self.also.get(r[0], ())[:FOLDED_MET]:
                if x[1] == r[1]:
                    other = self._signature(x)
                    if _closely_alike(other, mine):
                        score = max(score, len(other[1] & mine[1]))
            if score > best:
                best, owner = score, r[0]
        return owner

    def _fold(self, row: tuple[Any, ...], owner: int | None) -> bool:
        if owner is not None and owner != row[0]:
            self.also[owner].append(row)
        return True

    def __call__(self, row: tuple[Any, ...]) -> bool:
        """Whether the same event was already kept (another outlet's telling of that day's event)."""
        seen = self._seen.get((row[1], row[5]))
        if seen is not None:
            return self._fold(row, seen)
        self._seen[(row[1], row[5])] = row[0]
        wording = " ".join(WORD_TOKEN.findall(row[5].casefold()))  # accents do not matter here: cheap
        others = self._by_day.setdefault(row[1], [])
        # extractOne loops in C: the same test as comparing with each in turn, several times faster
        if wording in others:
            return self._fold(row, self._owner.get((row[1], wording)))
        if others:
            hit = process.extractOne(wording, others, scorer=self._ratio, processor=None,
                                     score_cutoff=NEAR_DUPLICATE)
            if hit is not None:
                return self._fold(row, self._owner.get((row[1], hit[0])))
        if len(row[1]) == 10:
            # the same days told in other words, in any story: a shared participant and a word of
            # what happens ("the Nara meeting" and "the two leaders will meet in Nara")
            days = self._by_days.setdefault((row[1], row[2]), [])
            if days:  # read a telling's words only when its days have another to compare with
                mine = self._signature(row)
                # a kept telling, or one folded into it: an outlet's telling of the day's event
                # in other words than the kept one's ("the Pentagon began sending drones over
                # Syria" after "was sending reconnaissance flights over Syria", kept under
                # another outlet's words)
                # (then with CLOSELY words of what happens in common: each fold loosens the chain); of
                # several, the one sharing the most words of what happens
                owner = self._likest(days, mine)
                if owner is not None:
                    return self._fold(row, owner)
            days.append(row)
        story = self._stories.get(row[6])
        if story is not None:
            mates = self._by_story.setdefault((row[1], story), [])
            if mates:
                hit = process.extractOne(wording, mates, scorer=self._ratio, processor=None,
                                         score_cutoff=SAME_STORY)
                if hit is not None:
                    return self._fold(row, self._owner.get((row[1], hit[0])))
            mates.append(wording)
        others.append(wording)
        self._owner.setdefault((row[1], wording), row[0])
        return False


def _fold_overlaps(rows: list[tuple[Any, ...]], told: _Told) -> list[tuple[Any, ...]]:
    """A telling of days inside a range of days ("13 Jan" and "13-14 Jan"), of the same event by
    fold's same-day test (:func:`digests.digest.fold.alike`: a participant and a word of what
    happens in common) or a participant's journey to it (:func:`digests.digest.fold.journey_to`),
    with a whole name in common (:func:`digests.digest.fold.shared_name`: not the "Korea" of North
    and South Korea), is one entry under the range, with every source; another event of
    overlapping days ("a protest in Seoul on 13 Jan") stays apart. ``rows``: the distinct tellings;
    returns them without the folded ones, in their order."""
    spans = {row[0]: (timex.bounds(row[1]), timex.bounds(row[2])) for row in rows
             if row[2] and len(row[1]) == 10 and len(row[2]) == 10}
    ranges = [row for row in rows if row[0] in spans and None not in spans[row[0]]]
    if not ranges:
        return rows
    # widest range first: a day inside two nested ranges goes to the wider one's event
    ranges.sort(key=lambda row: spans[row[0]][0][0] - spans[row[0]][1][1])  # type: ignore[index]
    low, high = min(row[1] for row in ranges), max(row[2] for row in ranges)
    inside = [row for row in rows if len(row[1]) == 10 and low <= row[1] <= high]
    folded: set[int] = set()
    for rng in ranges:
        if rng[0] in folded:
            continue
        mine = told._signature(rng)
        for row in inside:
            last = row[2] or row[1]
            if row[0] == rng[0] or row[0] in folded or len(last) != 10:
                continue
            if not (rng[1] <= row[1] and last <= rng[2]) or (row[1], row[2]) == (rng[1], rng[2]):
                continue
            theirs = told._signature(row)
            if (alike(theirs, mine) or journey_to(theirs, mine)) and shared_name(row[7], rng[7]):
                folded.add(row[0])
                told.also[rng[0]] += [row, *told.also.pop(row[0], [])]
    return [row for row in rows if row[0] not in folded] if folded else rows


def _fold_overtaken(rows: list[tuple[Any, ...]], told: _Told) -> list[tuple[Any, ...]]:
    """A day's plan told before it came, or the word that it was off ("after he canceled a June 12
    summit"), and the report that the event took place that day ("Trump held the June 12 summit
    with Kim"): one entry, under which the later word is shown (:func:`_finish` shows the newest
    telling). They need share only a word of what happens, not a participant: the day and the
    status they disagree on tie them; of several reports of the day, the one sharing the most
    words. ``rows``: the distinct tellings (each with the tellings folded into it in
    ``told.also``); returns them without the folded ones, in their order."""
    def tellings(row: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        return [row, *told.also.get(row[0], ())]

    stale = [row for row in rows if len(row[1]) == 10 and not row[2]
             and all(r[4] in _OVERTAKEN for r in tellings(row))]
    if not stale:
        return rows
    days = {row[1] for row in stale}
    done: dict[str, list[tuple[tuple[Any, ...], frozenset[str]]]] = defaultdict(list)
    for row in rows:
        if row[1] in days and not row[2] and any(r[4] == "occurred" for r in tellings(row)):
            words = frozenset().union(*(told._signature(r)[1] for r in tellings(row)))
            done[row[1]].append((row, words))
    folded: set[int] = set()
    for row in stale:
        mine = frozenset().union(*(told._signature(r)[1] for r in tellings(row)))
        shared = [(len(mine & words), -n) for n, (_, words) in enumerate(done.get(row[1], ()))]
        best = max(shared, default=None)
        if best is not None and best[0]:
            owner = done[row[1]][-best[1]][0]
            folded.add(row[0])
            told.also[owner[0]] += [row, *told.also.pop(row[0], [])]
    return [row for row in rows if row[0] not in folded] if folded else rows


def _one_date(rows: list[tuple[Any, ...]], told: _Told) -> list[tuple[Any, ...]]:
    """One event, one date across the articles of a story: a telling with a coarse date ("in
    mid-January", "next week") around exactly one telling of a day inside it in the same story,
    told alike, is that event, kept once under the day (its article added to the day's sources).
    ``rows``: the distinct tellings; returns them without the folded ones, in their order."""
    rows = _fold_overtaken(_fold_overlaps(rows, told), told)
    stories = told._stories
    # the coarse tellings first (most timelines have none): their first and last days, ISO
    coarse: list[tuple[str, str, tuple[Any, ...]]] = []
    for row in rows:
        if len(row[1]) == 10 or row[2] or row[6] not in stories:
            continue  # a day (YYYY-MM-DD), a range, or a telling of no story
        span = timex.bounds(row[1]) if timex.granularity(row[1]) in FOLDED_GRAINS else None
        if span is not None:
            coarse.append((span[0].isoformat(), span[1].isoformat(), row))
    if not coarse:
        return rows
    wanted = {stories[row[6]] for _, _, row in coarse}
    # the days (and day ranges) of those stories; a day told in several stories (the same-day
    # tellings folded into it) is in each. Days compare as ISO text.
    days: dict[int, list[tuple[str, str, tuple[Any, ...]]]] = defaultdict(list)
    low, high = min(c[0] for c in coarse), max(c[1] for c in coarse)
    for row in rows:
        if len(row[1]) != 10 or not low <= row[1] <= high or (row[2] and len(row[2]) != 10):
            continue
        others = told.also.get(row[0])
        found = {stories.get(row[6])} if not others else {stories.get(r[6]) for r in (row, *others)}
        for story in wanted.intersection(found):
            days[story].append((row[1], row[2] or row[1], row))
    folded: set[int] = set()
    keys: dict[int, set[str]] = {}

    def keys_of(row: tuple[Any, ...]) -> set[str]:
        if row[0] not in keys:
            keys[row[0]] = event_keys(row[5], row[7])
        return keys[row[0]]

    for first, last, row in coarse:
        inside = [day for a, b, day in days.get(stories[row[6]], ()) if first <= a and b <= last]
        pick = fold_target(keys_of(row), [keys_of(day) for day in inside])
        if pick is not None:
            folded.add(row[0])
            told.also[inside[pick][0]] += [row, *told.also.pop(row[0], [])]
    return [row for row in rows if row[0] not in folded]


def _page(
    store: Store, text: str, label: str, since: date | None, until: date | None, rows: list[tuple[Any, ...]],
    today: date, limit: int, saturated: bool, offset: int = 0,
) -> Timeline:
    """The latest past events and the nearest coming ones, near-duplicates collapsed; past
    ``offset`` (later pages), older past events only."""
    rows = own_dates(store, list({row[0]: row for row in rows}.values()))
    rows.sort(key=lambda row: (row[3], row[0]))
    cut = today.isoformat()
    split = next((i for i, row in enumerate(rows) if row[3] > cut), len(rows))
    told = _Told(store.stories_of(row[6] for row in rows))
    coming_all = [row for row in rows[split:] if not told(row)]
    past_all = [row for row in reversed(rows[:split]) if not told(row)]  # newest first
    kept = {row[0] for row in _one_date(coming_all + past_all, told)}
    coming_all = [row for row in coming_all if row[0] in kept]
    past_all = [row for row in past_all if row[0] in kept]
    want_coming = max(limit // 3, limit - len(past_all))  # past events leave room: the page fills up
    coming = coming_all[:want_coming]
    later = len(coming_all) - len(coming)  # coming events past the first page's: no page shows them
    first_past = limit - len(coming)  # past events on the first page
    if offset == 0:
        past, end = past_all[:first_past], first_past
    else:
        coming = []
        start = first_past + (offset - limit)
        past, end = past_all[start : start + limit], start + limit
    past.reverse()
    more = saturated or len(past_all) > end
    total = len(past_all) + len(coming_all)
    line = _finish(store, text, label, since, until, past, coming, more, total=total, also=told.also)
    return replace(line, exact=not saturated, offset=offset, later=later,
                   later_from=today + timedelta(days=1) if later else None)


def _finish(
    store: Store, text: str, label: str, since: date | None, until: date | None,
    past: list[tuple[Any, ...]], coming: list[tuple[Any, ...]], more: bool, total: int | None = None,
    also: Mapping[int, list[tuple[Any, ...]]] | None = None,
) -> Timeline:
    """Rows to TimelineEvents, with each article's outlet and link (one query for the page) and the
    other outlets that told the event (``also``: event id -> the tellings folded into it). Of the
    tellings of the event's own dates, the newest article's is shown: the latest word on it
    ("Tokyo confirmed" after "media reported")."""
    also = also or {}
    shown = past + coming
    meta = store.article_sources([r[6] for row in shown for r in (row, *also.get(row[0], ()))])
    stories = store.stories_of(r[6] for row in shown for r in (row, *also.get(row[0], ())))

    def event(row: tuple[Any, ...]) -> TimelineEvent:
        tellings = [row, *also.get(row[0], ())]
        same_dates = [r for r in tellings if (r[1], r[2]) == (row[1], row[2])]
        # the best-supported word: the newest, unless it is a claim that another source confirms
        # ("Japanese media reported" before or after "the government said")
        confirmed = [r for r in same_dates if r[4] != "reported"]
        newest = max(same_dates, key=lambda r: (meta.get(r[6], (None,))[0] or "", -r[6]))
        rep = newest
        if newest[4] == "reported" and confirmed:
            rep = max(confirmed, key=lambda r: (meta.get(r[6], (None,))[0] or "", -r[6]))
        published, source, url = meta.get(rep[6], (None, None, None))
        others = [meta.get(r[6], (None, None, None))[1] for r in tellings if r is not rep]
        outlets = tuple(dict.fromkeys(o for o in others if o and o != source))
        return TimelineEvent(
            rep[0], rep[1], rep[2], rep[3], rep[4], rep[5], rep[6], published, source, url,
            story=stories.get(rep[6]), also=outlets,
        )

    count = len(past) + len(coming)
    told = _whole(store, [event(r) for r in past + coming])
    return Timeline(query=text, label=label, since=since, until=until, past=told[: len(past)],
                    coming_up=told[len(past) :], total=total if total is not None else count, more=more)


def _whole(store: Store, events: list[TimelineEvent]) -> list[TimelineEvent]:
    """Each event shown in a whole sentence where its words are a cut clause ("Tokyo announced on
    Jan 9" is "Takaichi will receive Lee in Nara next week, Tokyo announced on Jan 9, ..."): the
    sentence extraction stored with it (``Event.sentence``: digests.extract.shown), one query a page."""
    sentences = store.event_sentences(e.id for e in events)
    if not sentences:
        return events
    return [replace(e, text=sentences[e.id]) if e.id in sentences else e for e in events]
