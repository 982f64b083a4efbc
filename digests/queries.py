"""Read-only questions asked of the store by chat commands: who said what, what happened when.

Every query is bounded (indexed lookups, FTS5, LIMITs) so that an answer stays in
milliseconds on a store of a million facts. Person names are resolved through a small
in-memory index of speakers and person entities, refreshed incrementally by row id, so
that "Lee", "lee jae-myung", "Mr Lee" and an alias all find their people without
scanning the tables.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digests.errors import CommandError
from digests.topics import TOPICS, country_code, country_name, topic_slug

if TYPE_CHECKING:
    from digests.store import Store

# Honorifics a user may type before a name ("Mr Lee", "President Xi"); the stored names lack them.
_HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "president", "premier", "chancellor",
    "minister", "prime", "sir", "dame", "gen", "general", "senator", "sen", "rep", "king", "queen",
    "prince", "princess", "pm", "secretary", "ambassador", "chairman", "chair", "mayor", "governor",
}
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

# A person's quotations read for an `about` filter: the newest this many, enough for any
# real person in a year of news while keeping the answer in milliseconds.
ABOUT_WINDOW = 600
# Events read for a timeline before ordering: the best-ranked this many FTS hits.
# Two tellings of one day's event whose words overlap this much (rapidfuzz 0-100) are one event.
NEAR_DUPLICATE = 75


def normalise_name(text: str) -> tuple[str, ...]:
    """A name as comparable tokens: accents and case folded, split on spaces, hyphens and dots."""
    if text.isascii():
        return tuple(_TOKEN.findall(text.lower()))
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return tuple(_TOKEN.findall(folded))


def _strip_honorifics(tokens: tuple[str, ...]) -> tuple[str, ...]:
    rest = tokens
    while len(rest) > 1 and rest[0] in _HONORIFICS:
        rest = rest[1:]
    return rest


# --- the name index -------------------------------------------------------------------------


@dataclass
class _Names:
    """Speakers and person entities of one store, kept in step by row id."""

    quotes_seen: int = 0
    entities_seen: int = 0
    quote_counts: dict[str, int] = field(default_factory=dict)  # speaker -> quotations (approximate)
    roles: dict[str, str] = field(default_factory=dict)  # canonical name -> latest role
    full: dict[tuple[str, ...], set[str]] = field(default_factory=lambda: defaultdict(set))
    tokens: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    persons: set[str] = field(default_factory=set)  # every person name, speakers or not
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_name(self, name: str, *forms: str) -> None:
        for form in (name, *forms):
            raw = normalise_name(form)
            if len(raw) == 1 and form is not name:
                # a bare surname alias ("Lee") is shared by many people: a token, not a full name
                self.tokens[raw[0]].add(name)
                continue
            if raw:
                self.full[raw].add(name)
            # "President Lee Jae-myung" is also "Lee Jae-myung"; "Mr Lee" is not "Lee", a surname
            # many people share
            key = _strip_honorifics(raw)
            if len(key) >= 2:
                self.full[key].add(name)
        for token in normalise_name(name):
            self.tokens[token].add(name)


# Keyed by database file, not by Store object: adapters open a Store per command (one per
# worker thread), and the index must outlive them.
_INDEXES: dict[str, _Names] = {}
_INDEXES_LOCK = threading.Lock()


def _names(store: Store) -> _Names:
    path = getattr(store, "path", None)
    key = str(Path(path).resolve()) if path is not None else f"id:{id(store)}"
    with _INDEXES_LOCK:
        names = _INDEXES.get(key)
        if names is None:
            names = _INDEXES[key] = _Names()
    with names.lock:
        _refresh(store, names)
    return names


def _refresh(store: Store, names: _Names) -> None:
    db = store.db
    top_quote = db.execute("SELECT max(id) FROM quotes").fetchone()[0] or 0
    if top_quote < names.quotes_seen:  # the store was rebuilt under us: start again
        names.__init__()  # type: ignore[misc]
    if top_quote > names.quotes_seen:
        rows = db.execute(
            "SELECT speaker, speaker_role, count(*) FROM quotes WHERE id > ? AND speaker IS NOT NULL "
            "GROUP BY speaker",
            [names.quotes_seen],
        ).fetchall()
        for speaker, role, count in rows:
            names.quote_counts[speaker] = names.quote_counts.get(speaker, 0) + int(count)
            if role:
                names.roles[speaker] = role
            names.add_name(speaker)
        names.quotes_seen = top_quote
    top_entity = db.execute("SELECT max(id) FROM entities").fetchone()[0] or 0
    if top_entity > names.entities_seen:
        rows = db.execute(
            "SELECT name, aliases, role, affiliation FROM entities "
            "WHERE id > ? AND type = 'person' ORDER BY id",
            [names.entities_seen],
        ).fetchall()
        for name, aliases_json, role, affiliation in rows:
            try:
                aliases = [a for a in json.loads(aliases_json or "[]") if isinstance(a, str)]
            except ValueError:
                aliases = []
            names.persons.add(name)
            names.add_name(name, *aliases)
            described = ", ".join(p for p in (role, affiliation) if p)
            if described:
                names.roles[name] = described
        names.entities_seen = top_entity


@dataclass(frozen=True)
class Person:
    """A person as a candidate answer: name, what they are, how often quoted."""

    name: str
    role: str | None
    quotes: int


def _resolve(names: _Names, query: str, pool: set[str] | None) -> list[str]:
    """Names the query can mean, best match level only: full name or alias, then tokens, then prefixes."""
    raw = normalise_name(query)
    key = _strip_honorifics(raw)
    if not key:
        return []

    def keep(found: set[str]) -> list[str]:
        return sorted(n for n in found if pool is None or n in pool)

    exact = keep(names.full.get(raw, set()) | names.full.get(key, set()))
    if exact:
        # An alias like "Mr Lee" can belong to several people; the full canonical name wins.
        canonical = [n for n in exact if _strip_honorifics(normalise_name(n)) == key]
        return canonical or exact
    sets = [names.tokens.get(t, set()) for t in key]
    found = set.intersection(*sets) if all(sets) else set()
    if found:
        return keep(found)
    # The last word may be half typed (autocomplete, "Jae-my").
    head, last = key[:-1], key[-1]
    if len(last) >= 2:
        prefixed: set[str] = set()
        for token, owners in names.tokens.items():
            if token.startswith(last):
                prefixed |= owners
        for t in head:
            prefixed &= names.tokens.get(t, set())
        if prefixed:
            return keep(prefixed)
    return []


def speakers_for(store: Store, text: str) -> list[str]:
    """The quoted people a typed name can mean (empty when none): the resolution /who-said uses."""
    names = _names(store)
    return _resolve(names, text, set(names.quote_counts))


def _suggest(names: _Names, query: str, pool: set[str], limit: int = 5) -> list[str]:
    """Near spellings among names that share a word beginning with one of the query's words."""
    from rapidfuzz import fuzz, process

    heads = {t[:2] for t in normalise_name(query) if len(t) >= 2}
    near: set[str] = set()
    for token, owners in names.tokens.items():
        if token[:2] in heads:
            near |= owners & pool
            if len(near) > 2000:  # a very common start: enough to choose from
                break
    hits = process.extract(query, sorted(near), scorer=fuzz.WRatio, limit=limit, score_cutoff=80)
    return [h[0] for h in hits]


def _count_quotes(store: Store, speaker: str) -> int:
    return int(store.db.execute("SELECT count(*) FROM quotes WHERE speaker = ?", [speaker]).fetchone()[0])


def people_matching(store: Store, prefix: str, limit: int = 25) -> list[str]:
    """Person names for autocomplete: those the typed text can mean, most quoted first."""
    names = _names(store)
    text = prefix.strip()
    if not text:
        ranked = sorted(names.quote_counts, key=lambda n: (-names.quote_counts[n], n))
        return ranked[:limit]
    found = _resolve(names, text, None)
    if not found:
        return []
    return sorted(found, key=lambda n: (-names.quote_counts.get(n, 0), n))[:limit]


def topics_matching(prefix: str, limit: int = 25) -> list[str]:
    """Topic slugs for autocomplete whose slug or label starts with (or contains) the typed text."""
    key = prefix.strip().casefold()
    starts = [s for s, t in TOPICS.items() if s.startswith(key) or t.label.casefold().startswith(key)]
    inside = [s for s, t in TOPICS.items() if s not in starts and (key in s or key in t.label.casefold())]
    return (starts + inside)[:limit]


# --- who said -------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteHit:
    """One quotation with where and when it was published."""

    id: int
    speaker: str
    speaker_role: str | None
    text: str
    kind: str
    article_id: int
    published: str | None
    source: str | None
    url: str | None
    title: str


@dataclass(frozen=True)
class WhoSaid:
    """The answer to /who-said: one person's quotations, or the candidates to choose from."""

    query: str
    about: str | None
    person: Person | None = None
    quotes: list[QuoteHit] = field(default_factory=list)
    total: int = 0  # quotations of the person (matching `about` when given)
    candidates: list[Person] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)  # near spellings when nothing matched


_QUOTE_COLUMNS = (
    "q.id, q.speaker, q.speaker_role, q.text, q.kind, q.article_id, a.published, a.source, a.url, a.title"
)
_NEWEST = "COALESCE(a.published, substr(a.ingested_at, 1, 10)) DESC, q.article_id DESC, q.start"


def who_said(
    store: Store, person: str, about: str | None = None, limit: int = 10, offset: int = 0
) -> WhoSaid:
    """A person's quotations and reported statements, newest first, optionally about something.

    A name shared by several speakers ("Lee") returns them as ``candidates`` instead of
    guessing. Raises :class:`CommandError` for an empty name.
    """
    query = " ".join(person.split())
    if not normalise_name(query):
        raise CommandError("Whose quotations? Give a name, e.g. /who-said Lee Jae-myung")
    names = _names(store)
    speakers = set(names.quote_counts)
    found = _resolve(names, query, speakers)
    if not found:
        # A person entity with an alias matching, whose quotations sit under the canonical name.
        return WhoSaid(query=query, about=about, suggestions=_suggest(names, query, speakers))
    if len(found) > 1:
        people = [Person(n, names.roles.get(n), _count_quotes(store, n)) for n in found[:25]]
        people = sorted((p for p in people if p.quotes), key=lambda p: (-p.quotes, p.name))
        if len(people) > 1:
            return WhoSaid(query=query, about=about, candidates=people)
        found = [p.name for p in people] or found[:1]
    name = found[0]
    role = names.roles.get(name)
    # The speaker index walked backwards gives the most recently stored quotations without a
    # sort over all of a prolific speaker's; those are then ordered by publication day.
    rows = store.db.execute(
        f"SELECT {_QUOTE_COLUMNS} FROM (SELECT * FROM quotes WHERE speaker = ? ORDER BY id DESC LIMIT ?) q "
        f"JOIN articles a ON a.id = q.article_id ORDER BY {_NEWEST}",
        [name, ABOUT_WINDOW],
    ).fetchall()
    hits = _distinct([QuoteHit(*r) for r in rows])
    count = _count_quotes(store, name)
    if about:
        hits = _about_filter(store, names, hits, about)
    return WhoSaid(query=query, about=about or None, person=Person(name, role, count),
                   quotes=hits[offset:offset + limit], total=len(hits))


def _distinct(hits: list[QuoteHit]) -> list[QuoteHit]:
    """Each statement once: the same words in several outlets keep the newest telling, and a
    quoted fragment is dropped when its article also gives the sentence it came from."""
    norms = [" ".join(_TOKEN.findall(h.text.casefold())) for h in hits]
    by_article: dict[int, list[str]] = defaultdict(list)
    for hit, norm in zip(hits, norms, strict=True):
        by_article[hit.article_id].append(norm)
    seen: set[str] = set()
    kept = []
    for hit, norm in zip(hits, norms, strict=True):
        if not norm or norm in seen:
            continue
        if any(len(other) > len(norm) and norm in other for other in by_article[hit.article_id]):
            continue
        seen.add(norm)
        kept.append(hit)
    return kept


def _about_filter(store: Store, names: _Names, hits: list[QuoteHit], about: str) -> list[QuoteHit]:
    """Quotations about a topic, a country, an entity or a phrase."""
    phrase = " ".join(normalise_name(about))
    slug = topic_slug(about)
    code = country_code(about)
    # Articles that name the entity: quotations from them are about it in the broad sense.
    entity_articles: set[int] = set()
    article_ids = sorted({h.article_id for h in hits})
    if article_ids and not slug and not code:
        entity_names = set(_resolve(names, about, None)) | {about}
        marks = ",".join("?" for _ in entity_names)
        for (article_id,) in store.db.execute(
            f"SELECT DISTINCT article_id FROM entities WHERE name IN ({marks}) AND article_id >= ? "
            "AND article_id <= ?",
            [*entity_names, article_ids[0], article_ids[-1]],
        ).fetchall():
            entity_articles.add(article_id)
    kept = []
    for hit in hits:
        text = " ".join(normalise_name(hit.text))
        if (
            (phrase and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text))
            or (slug and topic_pattern(slug).search(hit.text))
            or (code and country_pattern(code).search(hit.text))
            or hit.article_id in entity_articles
        ):
            kept.append(hit)
    return kept


# --- timeline -------------------------------------------------------------------------------


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
    more: bool = False  # events left out of the page


def _fts_phrase(text: str) -> str:
    tokens = normalise_name(text)
    return '"' + " ".join(tokens) + '"' if tokens else ""


@lru_cache(maxsize=64)
def topic_pattern(slug: str, *, strong_only: bool = False) -> re.Pattern[str]:
    """One regex for a topic's keywords, strong and weak (a quote or event that uses one is about it)."""
    words = [*TOPICS[slug].strong, *(() if strong_only else TOPICS[slug].weak)]
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.I)


def _country_forms(code: str) -> list[str]:
    from digests import topics

    forms = {country_name(code).lower()}
    # the topic vocabulary's alias table is the one source of demonyms and capitals
    aliases = getattr(topics, "_ALIASES", {})
    forms.update(a.lower() for a in aliases.get(code, ()) if a.lower() not in ("us", "uk"))
    return sorted(forms, key=len, reverse=True)


@lru_cache(maxsize=256)
def country_pattern(code: str) -> re.Pattern[str]:
    """One regex for the ways news text names a country: its names, demonyms and capital."""
    alternatives = "|".join(re.escape(f) for f in _country_forms(code))
    loud = {"US": "|US|U\\.S\\.", "GB": "|UK|U\\.K\\."}.get(code, "")  # "US", never the pronoun "us"
    return re.compile(rf"(?<![\w-])(?:(?i:{alternatives}){loud})(?![\w-])")


def _topic_fts(slug: str) -> str:
    """The topic's strong keywords as an FTS5 OR query (regex keywords reduced to prefixes)."""
    terms = []
    for pattern in TOPICS[slug].strong:
        simple = pattern.replace(r"\w*", "*")
        if re.fullmatch(r"[a-z][a-z -]*\*?", simple):
            words = simple.rstrip("*").replace("-", " ").split()
            star = "*" if simple.endswith("*") else ""
            terms.append(('"' + " ".join(words) + '"' + star) if len(words) > 1 or not star
                         else words[0] + star)
        elif re.fullmatch(r"[a-z]+s\?", pattern):  # "chips?"
            terms += [pattern[:-2], pattern[:-1]]
    return " OR ".join(terms)


# Full-text search finds a timeline's candidates newest report first; this many at most.
# When a bounded period gets too few from them (a common word, an old period), the day
# index is walked through the period instead, at most WALK_LIMIT events.
FTS_WINDOW = 600
WALK_BATCH = 300
WALK_LIMIT = 1200

_EVENT_COLUMNS = "e.id, e.date, e.date_end, e.day_first, e.status, e.text, e.article_id, e.entities"


def timeline(
    store: Store,
    query: str,
    since: date | None = None,
    until: date | None = None,
    *,
    today: date | None = None,
    limit: int = 20,
) -> Timeline:
    """Dated events about an entity, country or topic, in date order, with what is coming up last.

    The page holds the latest past events and the nearest coming ones. ``today`` splits
    the two (default: the newest article's day, so that an archive reads as of its own
    time). Raises :class:`CommandError` for an empty query.
    """
    text = " ".join(query.split())
    if not normalise_name(text):
        raise CommandError("A timeline of what? Give a name, country or topic, e.g. /timeline Red Sea")
    if today is None:
        newest = store.db.execute("SELECT max(published) FROM articles").fetchone()[0]
        today = date.fromisoformat(newest) if newest else date.today()
    slug = topic_slug(text)
    code = country_code(text) if not slug else None
    forms: list[str] = []
    if slug:
        label = f"{TOPICS[slug].label} (topic)"
        match, pattern = _topic_fts(slug), topic_pattern(slug, strong_only=True)
    elif code:
        label = f"{country_name(code)} (country)"
        match = " OR ".join(_fts_phrase(f) for f in _country_forms(code))
        pattern = country_pattern(code)
        forms = sorted({text, country_name(code)})
    else:
        index = _names(store)
        people = _resolve(index, text, index.persons | set(index.quote_counts))
        if len(people) > 1:
            candidates = [Person(n, index.roles.get(n), index.quote_counts.get(n, 0)) for n in people[:25]]
            return Timeline(query=text, label=text, since=since, until=until,
                            candidates=sorted(candidates, key=lambda p: (-p.quotes, p.name)))
        label = people[0] if people else text
        wanted = sorted({" ".join(normalise_name(w)) for w in (text, *people[:1])} - {""})
        match = " OR ".join(_fts_phrase(w) for w in wanted)
        pattern = re.compile("|".join(r"(?<!\w)" + r"\W+".join(map(re.escape, w.split())) + r"(?!\w)"
                                      for w in wanted), re.I)
        forms = sorted({text, text.title(), *people[:1]})
    rows, saturated = _candidates(store, text, match, forms, since, until)
    if saturated and (since or until):
        rows += _walk(store, pattern, forms, since, until)
    return _page(store, text, label, since, until, rows, today, limit, saturated)


def _candidates(
    store: Store, text: str, match: str, forms: list[str], since: date | None, until: date | None
) -> tuple[list[tuple[Any, ...]], bool]:
    """Events found by full-text search (newest reports first) and events of recent articles that
    list the entity without naming it in their text; True when the search hit its window."""
    bounds, params = _bounds(since, until)
    try:
        ids = [r[0] for r in store.db.execute(
            f"SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid DESC LIMIT {FTS_WINDOW}",
            [match],
        ).fetchall()]
    except sqlite3.OperationalError as err:  # an FTS query the tokenizer rejects: answer, don't crash
        raise CommandError(f"Cannot search for {text!r}: try plain words") from err
    rows: list[tuple[Any, ...]] = []
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        rows += store.db.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.id IN ({','.join('?' * len(part))}) "
            f"AND e.day_first IS NOT NULL{bounds}",
            [*part, *params],
        ).fetchall()
    for form in forms:
        # newest mentions first, through the name index; the entity list is checked in SQL so
        # that only the events naming it come back
        mark = "%" + json.dumps(form, ensure_ascii=False).replace("%", "").replace("_", "") + "%"
        rows += store.db.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.article_id IN (SELECT article_id FROM "
            "entities WHERE name = ? ORDER BY id DESC LIMIT 100) AND e.day_first IS NOT NULL "
            f"AND e.entities LIKE ?{bounds}",
            [form, mark, *params],
        ).fetchall()
    return rows, len(ids) >= FTS_WINDOW


def _bounds(since: date | None, until: date | None) -> tuple[str, list[Any]]:
    sql, params = "", []
    if since:
        sql += " AND COALESCE(e.day_last, e.day_first) >= ?"
        params.append(since.isoformat())
    if until:
        sql += " AND e.day_first <= ?"
        params.append(until.isoformat())
    return sql, params


def _walk(
    store: Store, pattern: re.Pattern[str], forms: list[str], since: date | None, until: date | None
) -> list[tuple[Any, ...]]:
    """Events of the period matching `pattern` (or listing one of `forms`), from its end backwards."""
    marks = [json.dumps(f, ensure_ascii=False) for f in forms]
    low = since.isoformat() if since else "0000"
    day, last_id = (until.isoformat() if until else "9999"), None
    kept: list[tuple[Any, ...]] = []
    scanned = 0
    while scanned < WALK_LIMIT:
        if last_id is None:
            where, params = "e.day_first <= ?", [day]
        else:
            # keyset paging in (day_first, id) order: a row value is an index range, an OR a scan
            where, params = "(e.day_first, e.id) < (?, ?)", [day, last_id]
        rows = store.db.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events e WHERE {where} AND e.day_first >= ? "
            f"ORDER BY e.day_first DESC, e.id DESC LIMIT {WALK_BATCH}",
            [*params, low],
        ).fetchall()
        scanned += len(rows)
        kept += [r for r in rows if pattern.search(r[5]) or any(m in (r[7] or "") for m in marks)]
        if len(rows) < WALK_BATCH:
            break
        day, last_id = rows[-1][3], rows[-1][0]
    return kept


def _told(told: dict[str, list[str]], row: tuple[Any, ...]) -> bool:
    """Whether the same event was already kept (another outlet's telling of that day's event)."""
    from rapidfuzz import fuzz

    wording = " ".join(_TOKEN.findall(row[5].casefold()))  # accents do not matter here: cheap
    others = told.setdefault(row[1], [])
    if any(fuzz.token_set_ratio(wording, other) >= NEAR_DUPLICATE for other in others):
        return True
    others.append(wording)
    return False


def _page(
    store: Store, text: str, label: str, since: date | None, until: date | None, rows: list[tuple[Any, ...]],
    today: date, limit: int, saturated: bool,
) -> Timeline:
    """The latest past events and the nearest coming ones, near-duplicates collapsed."""
    rows = sorted({row[0]: row for row in rows}.values(), key=lambda row: (row[3], row[0]))
    cut = today.isoformat()
    split = next((i for i, row in enumerate(rows) if row[3] > cut), len(rows))
    told: dict[str, list[str]] = {}
    coming: list[tuple[Any, ...]] = []
    want_coming = max(limit // 3, limit - split)  # past events leave room: the page fills up
    for row in rows[split:]:
        if len(coming) >= want_coming:
            break
        if not _told(told, row):
            coming.append(row)
    past: list[tuple[Any, ...]] = []
    for row in reversed(rows[:split]):
        if len(past) >= limit - len(coming):
            break
        if not _told(told, row):
            past.append(row)
    past.reverse()
    more = saturated or len(past) + len(coming) < len(rows)
    return _finish(store, text, label, since, until, past, coming, more, total=len(rows))


def _finish(
    store: Store, text: str, label: str, since: date | None, until: date | None,
    past: list[tuple[Any, ...]], coming: list[tuple[Any, ...]], more: bool, total: int | None = None,
) -> Timeline:
    """Rows to TimelineEvents, with each article's outlet and link (one query for the page)."""
    ids = sorted({row[6] for row in past + coming})
    meta: dict[int, tuple[Any, ...]] = {}
    if ids:
        marks = ",".join("?" for _ in ids)
        for row in store.db.execute(
            f"SELECT id, published, source, url FROM articles WHERE id IN ({marks})", ids
        ).fetchall():
            meta[row[0]] = row[1:]

    def event(row: tuple[Any, ...]) -> TimelineEvent:
        published, source, url = meta.get(row[6], (None, None, None))
        return TimelineEvent(row[0], row[1], row[2], row[3], row[4], row[5], row[6], published, source, url)

    shown = len(past) + len(coming)
    return Timeline(query=text, label=label, since=since, until=until, past=[event(r) for r in past],
                    coming_up=[event(r) for r in coming], total=total if total is not None else shown,
                    more=more)
