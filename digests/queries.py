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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digests.errors import CommandError
from digests.topics import TOPICS, countries_in, country_code, country_name, topic_scores, topic_slug

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
TIMELINE_WINDOW = 1500
# Two tellings of one day's event whose words overlap this much (rapidfuzz 0-100) are one event.
NEAR_DUPLICATE = 75


def normalise_name(text: str) -> tuple[str, ...]:
    """A name as comparable tokens: accents and case folded, split on spaces, hyphens and dots."""
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
    from rapidfuzz import fuzz, process

    hits = process.extract(query, list(pool), scorer=fuzz.WRatio, limit=limit, score_cutoff=80)
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
    rows = store.db.execute(
        f"SELECT {_QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id "
        f"WHERE q.speaker = ? ORDER BY {_NEWEST} LIMIT ?",
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
    norms = [" ".join(normalise_name(h.text)) for h in hits]
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
            or (slug and slug in topic_scores(f"{hit.text}\n{hit.title}"))
            or (code and code in countries_in(hit.text))
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
    total: int = 0
    candidates: list[Person] = field(default_factory=list)


def _fts_phrase(text: str) -> str:
    tokens = normalise_name(text)
    return '"' + " ".join(tokens) + '"' if tokens else ""


def _topic_fts(slug: str) -> str:
    """The topic's plain keywords as an FTS5 OR query (regex keywords reduced to prefixes)."""
    terms = []
    for pattern in TOPICS[slug].strong:
        simple = pattern.replace(r"\w*", "*")
        if re.fullmatch(r"[a-z][a-z -]*\*?", simple):
            words = simple.rstrip("*").replace("-", " ").split()
            star = "*" if simple.endswith("*") else ""
            terms.append(('"' + " ".join(words) + '"' + star) if len(words) > 1 or not star
                         else words[0] + star)
    return " OR ".join(terms)


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

    ``today`` splits the past from what is coming up (default: the newest article's day,
    so that an archive reads as of its own time). Raises :class:`CommandError` for an
    empty query.
    """
    text = " ".join(query.split())
    if not normalise_name(text):
        raise CommandError("A timeline of what? Give a name, country or topic, e.g. /timeline Red Sea")
    names = _names(store)
    slug = topic_slug(text)
    code = country_code(text) if not slug else None
    people: list[str] = []
    if slug:
        label, match = f"{TOPICS[slug].label} (topic)", _topic_fts(slug)
        entity_forms: set[str] = set()

        def relevant(row: TimelineEvent, ents: list[str]) -> bool:
            return slug in topic_scores(row.text)
    elif code:
        terms = {_fts_phrase(text), _fts_phrase(country_name(code))}
        label, match = f"{country_name(code)} (country)", " OR ".join(sorted(t for t in terms if t))
        entity_forms = {text, country_name(code)}

        def relevant(row: TimelineEvent, ents: list[str]) -> bool:
            return code in countries_in(row.text) or any(country_code(e) == code for e in ents)
    else:
        people = _resolve(names, text, names.persons | set(names.quote_counts))
        if len(people) > 1:
            candidates = [Person(n, names.roles.get(n), names.quote_counts.get(n, 0)) for n in people[:25]]
            return Timeline(query=text, label=text, since=since, until=until,
                            candidates=sorted(candidates, key=lambda p: (-p.quotes, p.name)))
        wanted = {" ".join(normalise_name(text))}
        if people:
            wanted.add(" ".join(normalise_name(people[0])))
        # the rarest words find the candidates; the full name confirms them below
        terms = {_fts_phrase(w) for w in wanted}
        label, match = (people[0] if people else text), " OR ".join(sorted(t for t in terms if t))
        entity_forms = {text, text.title(), *people[:1]}

        def relevant(row: TimelineEvent, ents: list[str]) -> bool:
            norm = " ".join(normalise_name(row.text))
            return any(w and w in norm for w in wanted) or any(
                " ".join(normalise_name(e)) in wanted for e in ents
            )
    if not match:
        return Timeline(query=text, label=label, since=since, until=until)
    from rapidfuzz import fuzz
    where = ""
    bounds: list[Any] = []
    if since:
        where += " AND COALESCE(e.day_last, e.day_first) >= ?"
        bounds.append(since.isoformat())
    if until:
        where += " AND e.day_first <= ?"
        bounds.append(until.isoformat())
    select = (
        "SELECT e.id, e.date, e.date_end, e.day_first, e.status, e.text, e.article_id, a.published, "
        "a.source, a.url, e.entities FROM events e JOIN articles a ON a.id = e.article_id "
    )
    try:
        rows = store.db.execute(
            select + "WHERE e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY rank "
            f"LIMIT {TIMELINE_WINDOW}) AND e.day_first IS NOT NULL{where}",
            [match, *bounds],
        ).fetchall()
    except sqlite3.OperationalError as err:  # an FTS query the tokenizer rejects: answer, don't crash
        raise CommandError(f"Cannot search for {text!r}: try plain words") from err
    # Events that name the entity only in their entity list ("a second ship could follow"),
    # found through the articles that mention it, newest articles first.
    forms = sorted({f for f in entity_forms if f})
    if forms:
        marks = ",".join("?" for _ in forms)
        rows += store.db.execute(
            select + "WHERE e.article_id IN (SELECT DISTINCT article_id FROM entities WHERE name IN "
            f"({marks}) ORDER BY article_id DESC LIMIT 300) AND e.day_first IS NOT NULL{where}",
            [*forms, *bounds],
        ).fetchall()
    rows = sorted({row[0]: row for row in rows}.values(), key=lambda row: (row[3], row[0]))
    events: list[TimelineEvent] = []
    seen: dict[str, list[str]] = {}
    for row in rows:
        event = TimelineEvent(*row[:10])
        try:
            ents = [e for e in json.loads(row[10] or "[]") if isinstance(e, str)]
        except ValueError:
            ents = []
        if not relevant(event, ents):
            continue
        # the same event told by several outlets: keep the first telling
        wording = " ".join(normalise_name(event.text))
        told = seen.setdefault(event.date, [])
        if any(fuzz.token_set_ratio(wording, other) >= NEAR_DUPLICATE for other in told):
            continue
        told.append(wording)
        events.append(event)
    if today is None:
        newest = store.db.execute("SELECT max(published) FROM articles").fetchone()[0]
        today = date.fromisoformat(newest) if newest else date.today()
    cut = today.isoformat()
    past = [e for e in events if (e.day_first or "") <= cut]
    coming = [e for e in events if (e.day_first or "") > cut]
    # Keep the most recent past events and the nearest coming ones within the page.
    room_future = min(len(coming), max(limit // 3, limit - len(past)))
    coming = coming[:room_future]
    past = past[-(limit - len(coming)):] if limit > len(coming) else []
    return Timeline(query=text, label=label, since=since, until=until, past=past, coming_up=coming,
                    total=len(events))
