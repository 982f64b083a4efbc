"""Watches: what a channel asks to be alerted about, matched against newly stored articles.

A watch is a person, an organisation or other named entity, a country, a topic or a
quoted phrase (:func:`parse_watch`). Newly stored articles are scanned once
(:func:`scan_new_articles`): a person's watch matches the quotations the person is
credited with and the dated events naming them; an entity's, country's or topic's watch
the dated events about it; a phrase's the article's words. Matching is by identity and
whole words, never by substring: a person is found through the store's name index
(:func:`same_person`, the one place that says which stored names are one person), so a
namesake ("Lee Min-ji" for a watch on "Lee Jae Myung") is not a match, and "assad"
is not found in "ambassador".

Matches wait as hits until the channel's next alert (:func:`form_batch`): hits of one
watch about one story (the digest's own story grouping) make one item, a story a watch
has alerted on before is not alerted again, and the batch becomes one message
(:func:`alert_digest`) that the scheduler delivers exactly once through the delivery
ledger, at most one per channel per rate-limit window.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from digests.commands.args import mention_in
from digests.errors import CommandError
from digests.gazetteer import country_code, country_name, place_country
from digests.store.names import WORD_TOKEN, normalise_name, strip_honorifics
from digests.timex import format_date
from digests.topics import TOPICS, countries_in, topic_slug

if TYPE_CHECKING:
    from digests.digest import Digest
    from digests.store import HitRow, Store, WatchRow

WatchKind = Literal["person", "entity", "country", "topic", "phrase"]
KIND_LABELS: dict[str, str] = {
    "person": "person", "entity": "name", "country": "country", "topic": "topic", "phrase": "words",
}
MAX_QUERY = 80
MAX_WATCHES = 25  # per channel
MAX_FACTS = 3  # facts kept per article and watch, and told per story
MAX_ALERT_STORIES = 10  # stories told per alert message; the rest are counted
SCAN_BATCH = 500  # articles read per scan step


class AmbiguousWatch(CommandError):
    """The query names several people: the user must choose one."""

    def __init__(self, query: str, names: list[str]) -> None:
        super().__init__(f"Several people match “{query}”: which one?")
        self.query = query
        self.names = names


@dataclass(frozen=True)
class WatchSpec:
    """What a watch looks for: its kind, the key matching compares with, and how to show it."""

    kind: WatchKind
    key: str
    label: str


# --- identity --------------------------------------------------------------------------------


def people_named(store: Store, query: str) -> list[str]:
    """Stored people a user's words name: by whole name (with or without honorifics); a single
    word ("Putin", "Lee") names everyone with that word in a longer name, several for a shared
    surname, and only failing those someone stored under that word alone."""
    tokens = normalise_name(query)
    if not tokens:
        return []
    key = strip_honorifics(tokens)
    typed = store.people_with_form("full", " ".join(tokens))  # a name or an alias as written ("Ms Quint")
    if len(key) == 1 and (len(tokens) == 1 or not typed):
        longer = {n for n in store.people_with_form("token", key[0]) if len(normalise_name(n)) >= 2}
        found = longer or typed or store.people_with_form("full", key[0])
    else:
        found = typed or store.people_with_form("full", " ".join(key))
    # "Lee's office" speaks for Lee but is not a person to watch
    return sorted(n for n in found if not _POSSESSIVE.search(n))


_POSSESSIVE = re.compile(r"\w['’]s\s")


def same_person(store: Store, name: str) -> frozenset[tuple[str, ...]]:
    """The normalised names the store gives one person: every name of the person's identity
    (:meth:`Store.identity_names`: "Obama" and "President Obama" for "Barack Obama", a bare
    surname the store's titles resolve to them), so a namesake stays apart."""
    return frozenset(normalise_name(n) for n in store.identity_names(name)) | {normalise_name(name)}


# --- parsing a query -------------------------------------------------------------------------

# marks that are markup, not words, left after a query's edge marks are dropped (**Lee** is Lee)
_MARKUP = re.compile(r"[*`~|<>\[\]{}]")
_QUOTED = re.compile(r'^\s*["“”‘’\'](.+?)["“”‘’\']\s*$')


def phrase_tokens(text: str) -> tuple[str, ...]:
    """A phrase as the lower-case words it is matched by (case folded, punctuation ignored)."""
    return tuple(WORD_TOKEN.findall(text.casefold()))


def parse_watch(store: Store, query: str) -> WatchSpec:
    """What ``/watch add QUERY`` watches: a "quoted phrase", a topic, a country, a person the
    store knows (several: :class:`AmbiguousWatch`), an organisation or other named entity it
    knows; any other words are watched as a phrase. Raises CommandError for empty input."""
    text = " ".join(query.split())
    if not text or not WORD_TOKEN.search(text):
        raise CommandError("Watch what? Give a person, organisation, country, topic or \"quoted phrase\".")
    if len(text) > MAX_QUERY:
        raise CommandError(f"That is too long to watch ({len(text)} characters, at most {MAX_QUERY}).")
    mention = mention_in(text)
    if mention:  # "@everyone" watched as the word "everyone" would alert on every article saying it
        raise CommandError(f"{mention} is a mention, not words an article holds: watch a "
                           "person, organisation, country, topic or \"quoted phrase\".")
    if _MARKUP.search(text):
        raise CommandError("A watch is plain words: type them without markup (*, `, ~, |, <>, []), "
                           "e.g. /watch add \"Red Sea\".")
    _refuse_number(phrase_tokens(text), text.strip('"“”‘’\''))
    quoted = _QUOTED.match(text)
    if quoted:
        words = phrase_tokens(quoted.group(1))
        if not words:
            raise CommandError("That phrase has no words to look for.")
        _refuse_common(words, quoted.group(1).strip())
        return WatchSpec("phrase", " ".join(words), quoted.group(1).strip())
    slug = topic_slug(text)
    if slug:
        return WatchSpec("topic", slug, TOPICS[slug].label)
    code = country_code(text)
    if code:
        return WatchSpec("country", code, country_name(code))
    from digests.queries import person_meant

    # as /who-said resolves a name (its quoted people by identity), else anyone the store names
    people = person_meant(store, text, speakers=True) or person_meant(store, text)
    people = people or people_named(store, text)
    people = [n for n in people if not _POSSESSIVE.search(n)]
    if len(people) == 1 and len(normalise_name(people[0])) == 1:
        # a bare surname no title across the store resolves ("Varga" beside two Vargas): ask
        people = people_named(store, text) or people
    if len(people) > 1:
        raise AmbiguousWatch(text, people)
    if people:
        return WatchSpec("person", people[0], people[0])
    if store.has_entity(text) or _entity_by_alias(store, text):
        return WatchSpec("entity", " ".join(normalise_name(text)), text)
    _refuse_common(phrase_tokens(text), text)
    return WatchSpec("phrase", " ".join(phrase_tokens(text)), text)


def _refuse_common(words: tuple[str, ...], shown: str) -> None:
    """Refuse words nearly every article holds (stop words, single letters: "the", "a", "of it"):
    such a watch would alert on everything read."""
    from digests.terms import is_stopword

    if all(len(w) == 1 or is_stopword(w) for w in words):
        raise CommandError(f"“{shown[:40]}” is in nearly every article: watch a person, organisation, "
                           "country, topic or a \"phrase\" that tells stories apart.")


def _refuse_number(words: tuple[str, ...], shown: str) -> None:
    """Refuse a number alone ("2026", "1 000", "\"500\""): every article dated or counting it
    would match, and no person, place or topic is named. ("a 10" is a phrase: watched.)"""
    if words and all(w.isdigit() for w in words):
        raise CommandError(f"“{shown[:40]}” is only a number: every article dated or counting it would "
                           "match. Watch words with it, e.g. /watch add \"budget 2026\".")


def _entity_by_alias(store: Store, text: str) -> bool:
    title = " ".join(w[:1].upper() + w[1:] for w in text.split())
    return title != text and store.has_entity(title)


# --- matching --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """One matched fact: a quotation, a dated event or a mention, with what a reader needs."""

    kind: Literal["quote", "event", "mention"]
    text: str
    speaker: str | None = None
    quote_kind: str | None = None
    date: str | None = None
    date_end: str | None = None
    status: str | None = None

    def line(self) -> str:
        """The fact as one line of an alert, its status first."""
        if self.kind == "quote":
            said = {"direct": "Said", "partial": "Said (in part)", "indirect": "Said (reported)"}
            body = self.text.strip().rstrip(",")
            body = body if self.quote_kind == "indirect" else f"“{body}”"
            return f"{said.get(self.quote_kind or '', 'Said')}: {body} — {self.speaker}"
        if self.kind == "event":
            status = (self.status or "").capitalize()
            status = "Reported, unconfirmed" if self.status == "reported" else status
            when = format_date(self.date, self.date_end) if self.date else ""
            return f"{status} · {when}: {self.text.strip()}" if when else f"{status}: {self.text.strip()}"
        return f"Mentioned: {self.text.strip()}"


@lru_cache(maxsize=256)
def _words_pattern(key: str) -> re.Pattern[str]:
    """Whole words in order, any punctuation or space between them: never inside a word."""
    return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, key.split())) + r"(?![^\W_])", re.I)


def mentions(key: str, text: str) -> list[tuple[int, int]]:
    """Where a phrase (its lower-case words, space-separated) occurs in ``text`` as whole words."""
    return [m.span() for m in _words_pattern(key).finditer(text)]


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``, without the dateline opening its paragraph
    ("LIMA (Andes Wire) — ") unless the words matched are in it."""
    from digests.extract.text import DATELINE, sentence_spans

    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    paragraph = text[para_start:para_end]
    at = start - para_start
    s, e = next(((s, e) for s, e in sentence_spans(paragraph) if s <= at < e), (0, len(paragraph)))
    dateline = DATELINE.match(paragraph, 0, e) if s == 0 else None
    if dateline is not None and dateline.end() <= at:
        s = dateline.end()
    return " ".join(paragraph[s:e].split())[:600]


@dataclass
class _Article:
    id: int
    title: str
    text: str
    quotes: list[tuple[str, str | None, str, str]]  # (speaker, role, text, kind)
    events: list[tuple[str, str | None, str, str, list[str]]]  # (date, end, status, text, entity names)
    names: dict[str, set[tuple[str, ...]]]  # entity name -> its normalised forms (name, aliases)
    places: set[str]  # entity names of places


def _load_articles(store: Store, rows: list[tuple[int, str, str, str | None]]) -> list[_Article]:
    ids = [r[0] for r in rows]
    arts = {aid: _Article(aid, title, text, [], [], {}, set()) for aid, title, text, _ in rows}
    for aid, name, etype, aliases in store.entity_names_by_article(ids):
        forms = arts[aid].names.setdefault(name, set())
        forms.add(normalise_name(name))
        try:
            extra = json.loads(aliases or "[]")
        except ValueError:
            extra = []
        # one-word aliases ("Lee") are shared surnames: never an identity
        forms.update(f for a in extra if isinstance(a, str) and len(f := normalise_name(a)) >= 2)
        if etype in ("place", "location", "country", "gpe"):
            arts[aid].places.add(name)
    for aid, _qid, speaker, role, text, kind, _start in store.quotes_by_article(ids):
        arts[aid].quotes.append((speaker, role, text, kind))
    for aid, _eid, value, end, status, text, entities, _start in store.events_by_article(ids):
        try:
            named = [n for n in json.loads(entities or "[]") if isinstance(n, str)]
        except ValueError:
            named = []
        arts[aid].events.append((value, end, status, text, named))
    return [arts[i] for i in ids]


def _names_forms(art: _Article, name: str) -> set[tuple[str, ...]]:
    return art.names.get(name) or {normalise_name(name)}


def match_article(
    store: Store, watch: WatchRow, art: _Article, person: frozenset[tuple[str, ...]] | None = None
) -> list[Fact]:
    """The facts of one article that match one watch (at most :data:`MAX_FACTS`); ``person``:
    the watched person's names (:func:`same_person`), when the caller has them already."""
    facts: list[Fact] = []
    if watch.kind == "person":
        person = person if person is not None else same_person(store, watch.key)
        for speaker, _role, text, kind in art.quotes:
            if _names_forms(art, speaker) & person or normalise_name(speaker) in person:
                facts.append(Fact("quote", text, speaker=speaker, quote_kind=kind))
        facts += [_event_fact(e) for e in art.events
                  if any(_names_forms(art, n) & person for n in e[4])]
    elif watch.kind == "entity":
        key = tuple(watch.key.split())
        facts += [_event_fact(e) for e in art.events if any(key in _names_forms(art, n) for n in e[4])]
    elif watch.kind == "country":
        for e in art.events:
            # a place of the country among the event's names, or the country, a demonym or its
            # capital in the event's words ("South Korean President ...")
            if any(place_country(n) == watch.key or country_code(n) == watch.key for n in e[4]) \
                    or watch.key in countries_in(e[3]):
                facts.append(_event_fact(e))
    elif watch.kind == "topic":
        from digests.queries import topic_pattern

        if watch.key in TOPICS:
            pattern = topic_pattern(watch.key, strong_only=True)
            facts += [_event_fact(e) for e in art.events if pattern.search(e[3])]
    elif watch.kind == "phrase":
        in_text = mentions(watch.key, art.text)
        if in_text:
            facts.append(Fact("mention", _sentence_around(art.text, *in_text[0])))
        elif mentions(watch.key, art.title):
            facts.append(Fact("mention", art.title))
    return _dedupe(facts)[:MAX_FACTS]


def _event_fact(e: tuple[str, str | None, str, str, list[str]]) -> Fact:
    return Fact("event", e[3], date=e[0], date_end=e[1], status=e[2])


def _rank(f: Fact) -> int:
    """Quotations in the speaker's words first, then dated events, then reported speech."""
    if f.kind == "quote":
        return {"direct": 0, "indirect": 2}.get(f.quote_kind or "", 3)
    return 1


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """Facts best first, each told once: a fragment quoted inside a longer fact is dropped."""
    texts = [" ".join(f.text.split()).lower().strip(" ,.\"“”") for f in facts]
    out = []
    seen: set[str] = set()
    for i in sorted(range(len(facts)), key=lambda i: (_rank(facts[i]), i)):
        text = texts[i]
        if not text or text in seen or any(text in other for j, other in enumerate(texts)
                                            if j != i and len(other) > len(text)):
            continue
        seen.add(text)
        out.append(facts[i])
    return out


def scan_new_articles(store: Store, *, limit: int = SCAN_BATCH) -> int:
    """Match the articles stored since the last scan against every watch; store the hits and move
    the scan mark in one transaction. Returns the number of new hits (call again while articles
    remain: at most ``limit`` are read per call)."""
    mark = store.watch_scan_mark()
    rows = store.articles_after(mark, limit)
    if not rows:
        return 0
    watches = store.all_watches()
    hits: list[tuple[int, str, int, str]] = []
    if watches:
        people = {w.id: same_person(store, w.key) for w in watches if w.kind == "person"}
        for art in _load_articles(store, rows):
            for watch in watches:
                if art.id <= watch.after_article_id:
                    continue
                facts = match_article(store, watch, art, people.get(watch.id))
                if facts:
                    hits.append((watch.id, watch.channel, art.id,
                                 json.dumps([f.__dict__ for f in facts], ensure_ascii=False)))
    return store.record_hits(hits, rows[-1][0])


def scan_all(store: Store) -> int:
    """Scan every article stored since the last scan; the number of new hits."""
    total = 0
    while store.articles_after(store.watch_scan_mark(), 1):
        total += scan_new_articles(store)
    return total


# --- alert batches ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Batch:
    """Pending hits of one channel, assigned to stories: what the next alert tells."""

    channel: str
    hits: dict[int, int | None]  # hit id -> story id (its lowest article id among the hits)
    covered: list[int]  # hits about a story the watch alerted on before: never alerted


def form_batch(store: Store, channel: str) -> Batch | None:
    """The channel's pending hits grouped into stories (digest grouping); hits whose story the
    same watch has alerted on already are covered. None when nothing is pending."""
    pending = store.pending_hits(channel)
    if not pending:
        return None
    alerted = store.alerted_articles(h.watch_id for h in pending)
    involved = {h.article_id for h in pending} | {a for ids in alerted.values() for a in ids}
    story_of = _stories(store, involved, {h.article_id for h in pending})
    hits: dict[int, int | None] = {}
    covered: list[int] = []
    for h in pending:
        story = story_of.get(h.article_id, {h.article_id})
        if story & alerted[h.watch_id]:
            covered.append(h.id)
            continue
        same = [o.article_id for o in pending if o.watch_id == h.watch_id and o.article_id in story]
        hits[h.id] = min(same)
    return Batch(channel, hits, covered)


def _stories(store: Store, involved: set[int], pending: set[int]) -> dict[int, set[int]]:
    """Each involved article's story among the involved articles, as the store keeps stories
    (``digests.store.stories``: the same stories the digests tell)."""
    story_of = store.stories_of(involved)
    members: dict[int, set[int]] = defaultdict(set)
    for aid in involved:
        members[story_of.get(aid, -aid)].add(aid)
    return {aid: members[story_of.get(aid, -aid)] for aid in involved}


def alert_digest(store: Store, channel: str, hits: list[HitRow], *, today: date | None = None) -> Digest:
    """The message of one alert batch: per watch, per story, the matched facts with their status
    and the story's sources. Deterministic for the same batch."""
    from digests.digest import Development, Digest, Period, Scope, Source, Story

    watches = {w.id: w for w in store.watches_of(channel)}
    grouped: dict[tuple[int, int], list[HitRow]] = defaultdict(list)
    for h in hits:
        if h.watch_id in watches:
            grouped[(h.watch_id, h.story if h.story is not None else h.article_id)].append(h)
    stories: list[Story] = []
    days: list[date] = []
    for (watch_id, story_id), group in sorted(grouped.items()):
        watch = watches[watch_id]
        sources: list[Source] = []
        developments: list[Development] = []
        seen: set[str] = set()
        for h in sorted(group, key=lambda h: h.article_id):
            stored = store.article(h.article_id)
            if stored is None:
                continue
            if stored.published:
                days.append(stored.published)
            sources.append(Source(title=stored.title, outlet=stored.source, url=stored.url,
                                  published=stored.published, article_id=stored.id))
            for raw in _facts(h.fact):
                line = raw.line()
                if line.lower() not in seen and len(developments) < MAX_FACTS:
                    seen.add(line.lower())
                    developments.append(Development(text=line, date=raw.date, article_id=stored.id))
        if not sources:
            continue
        headline = f"{watch.label} ({KIND_LABELS.get(watch.kind, watch.kind)}): {sources[0].title}"
        stories.append(Story(id=story_id, headline=headline, developments=developments, quotes=[], topics=[],
                             countries=[], sources=sources, published=max((s.published for s in sources
                                                                           if s.published), default=None)))
    told = stories[:MAX_ALERT_STORIES]
    labels = list(dict.fromkeys(watches[w].label for w, _ in sorted(grouped) if w in watches))
    today = today or date.today()
    period = Period(since=min(days, default=today), until=max(days, default=today))
    title = f"Watch alert: {', '.join(labels[:3])}" + (
        f" and {len(labels) - 3} more" if len(labels) > 3 else "")
    read = {s.article_id for st in told for s in st.sources}
    return Digest(title=title, period=period, scope=Scope(entities=labels), stories=told, coming_up=[],
                  speakers=[], empty=not told, articles=len(read), more_stories=len(stories) - len(told),
                  kind="alert")


def _facts(raw: str) -> list[Fact]:
    try:
        data: Any = json.loads(raw)
    except ValueError:
        return []
    out = []
    for item in data if isinstance(data, list) else []:
        if isinstance(item, dict) and item.get("kind") in ("quote", "event", "mention"):
            text = item.get("text")
            out.append(Fact(item["kind"], str(text or ""), speaker=item.get("speaker"),
                            quote_kind=item.get("quote_kind"), date=item.get("date"),
                            date_end=item.get("date_end"), status=item.get("status")))
    return out
