"""Read-only questions about people asked of the store by chat commands: who is meant, who said what.

(/timeline is :mod:`digests.timelines`.)

Every query is bounded (indexed lookups, FTS5, LIMITs) so that an answer stays in
milliseconds on a store of a million facts. Person names are resolved through the
store's name tables (``people``, ``names``: kept by :meth:`Store.save`), so that "Lee",
"lee jae-myung", "Mr Lee" and an alias all find their people with indexed look-ups, even
in the first question after a start.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from digests.errors import CommandError
from digests.gazetteer import counted_forms, country_forms
from digests.store import name_forms, normalise_name, strip_honorifics
from digests.store.identities import core_name, surname_forms
from digests.store.names import WORD_TOKEN, display_role
from digests.topics import TOPICS, country_code, country_name, topic_slug

if TYPE_CHECKING:
    from digests.store import Store


# A person's quotations read for an `about` filter: the newest this many, enough for any
# real person in a year of news while keeping the answer in milliseconds.
ABOUT_WINDOW = 600


# --- the name index -------------------------------------------------------------------------


class _Names:
    """Indexed look-ups in the store's name tables (``people``, ``names``), for one question.

    People and aliases written by something other than :meth:`Store.save` (not yet indexed)
    are read into a small in-memory overlay, so a store open read-only still finds them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.overlay: dict[tuple[str, str], set[str]] = defaultdict(set)
        for name, alias in store.unindexed_names(_PENDING_MAX):
            for key in name_forms(name, alias):
                self.overlay[key].add(name)

    def _pool(self, found: set[str], speakers: bool) -> set[str]:
        if not speakers or not found:
            return found
        return self.store.speakers_among(found)

    def owners(self, kind: str, form: str, speakers: bool = False) -> set[str]:
        """People found under one exact form (a speaker of at least one quotation if ``speakers``)."""
        found = self.store.people_with_form(kind, form)
        return self._pool(found | self.overlay.get((kind, form), set()), speakers)

    def token_prefix(self, prefix: str, speakers: bool = False, limit: int = 2000) -> set[str]:
        """People with a name word starting with ``prefix`` (at most about ``limit``)."""
        found = self.store.people_with_word_prefix(prefix, speakers=speakers, limit=limit)
        for (kind, form), owners in self.overlay.items():
            if kind == "token" and form.startswith(prefix):
                found |= self._pool(owners, speakers)
        return found

    def people(self, names: Iterable[str]) -> dict[str, Person]:
        """Each named person's role and quotation count (people unknown to the store left out)."""
        return {name: Person(name, role, quotes) for name, role, quotes in self.store.people_rows(names)}

    def person(self, name: str) -> Person:
        """One person's role and quotation count (none known: no role, no quotations)."""
        return self.people([name]).get(name) or Person(name, None, 0)


# Not-yet-indexed people read into a question's overlay at most: only writes that bypass
# Store.save leave any, and Store.save indexes them all at its next call.
_PENDING_MAX = 5000


def _names(store: Store) -> _Names:
    return _Names(store)


@dataclass(frozen=True)
class Person:
    """A person as a candidate answer: name, what they are, how often quoted."""

    name: str
    role: str | None
    quotes: int


def _resolve(names: _Names, query: str, speakers: bool = False) -> list[str]:
    """Names the query can mean, best match level only: full name or alias, then tokens, then
    prefixes. ``speakers`` keeps only people quoted at least once."""
    raw = normalise_name(query)
    key = strip_honorifics(raw)
    if not key:
        return []
    exact = names.owners("full", " ".join(raw), speakers) | names.owners("full", " ".join(key), speakers)
    if exact:
        # An alias like "Mr Lee" can belong to several people; the full canonical name wins.
        canonical = [n for n in exact if strip_honorifics(normalise_name(n)) == key]
        return sorted(canonical or exact)
    found: set[str] | None = None
    for token in dict.fromkeys(key):
        owners = names.owners("token", token, speakers)
        found = owners if found is None else found & owners
        if not found:
            break
    if found:
        if len(key) == 1:
            # one name word: the people whose surname or first name it is (a name written
            # family name first, "Lee Jae Myung", holds its surname first); a middle name only
            # when no one holds it as either ("Lee" is not Deborah Lee James when the store
            # knows a Lee by surname or first name)
            held = {n for n in found if key[0] in surname_forms(n) or not middle_name_only(key[0], n)}
            if held:
                return sorted(held)
        return sorted(found)
    # The last word may be half typed (autocomplete, "Jae-my").
    head, last = key[:-1], key[-1]
    if len(last) >= 2:
        prefixed = names.token_prefix(last, speakers)
        for t in dict.fromkeys(head):
            if not prefixed:
                break
            prefixed &= names.owners("token", t, speakers)
        if prefixed:
            return sorted(prefixed)
    return []


def middle_name_only(word: str, name: str) -> bool:
    """Whether the one typed name word ``word`` (normalised) is in ``name`` only as a middle name:
    neither its first word nor a surname ("lee" in "Deborah Lee James")."""
    core = strip_honorifics(normalise_name(name))
    return bool(core) and word in core and core[0] != word and word not in surname_forms(name)


def _people_meant(store: Store, names: _Names, query: str, *, speakers: bool) -> list[str]:
    """Who a typed name means, by identity: ``[name]`` of the one person (the identity's name),
    several to choose from (most quoted first), or none. "Obama", "Barack Obama" and "President
    Obama" are one person when the store's identities say so. ``speakers``: only quoted people
    count (of several people the one quoted is meant when only one is)."""
    found = _resolve(names, query, speakers)
    if len(found) > 1:
        ident = store.identities_for(found)
        found = sorted({ident[n] for n in found})
    if len(found) == 1:
        return [store.identities_for(found)[found[0]]]
    known = names.people(found)
    ranked = sorted(found, key=lambda n: (-(known[n].quotes if n in known else 0), n))
    if speakers:
        ranked = [n for n in ranked if n in known and known[n].quotes] or ranked[:1]
        if len(ranked) == 1:
            return [store.identities_for(ranked)[ranked[0]]]
    return ranked


def person_meant(store: Store, query: str, *, speakers: bool = False) -> list[str]:
    """The people a typed name means, resolved the way /who-said resolves it: one name (the
    person's identity) when it means one, several to choose from, or none. ``speakers``: only
    people quoted at least once."""
    return _people_meant(store, _names(store), query, speakers=speakers)

def people_named(store: Store, names: Iterable[str]) -> dict[str, Person]:
    """The people the store knows by these canonical names, with their role and quotation count."""
    return _names(store).people(names)


def speakers_for(store: Store, text: str) -> list[str]:
    """The quoted people a typed name can mean (empty when none): the resolution /who-said uses."""
    return _resolve(_names(store), text, speakers=True)


def _suggest(names: _Names, query: str, limit: int = 5) -> list[str]:
    """Near spellings among speakers that share a word beginning with one of the query's words."""
    heads = sorted({t[:2] for t in normalise_name(query) if len(t) >= 2})
    near: set[str] = set()
    for head in heads:
        near |= names.token_prefix(head, speakers=True)
        if len(near) > 2000:  # a very common start: enough to choose from
            break
    hits = process.extract(query, sorted(near), scorer=fuzz.WRatio, limit=limit, score_cutoff=80)
    return [h[0] for h in hits]


def people_matching(store: Store, prefix: str, limit: int = 25) -> list[str]:
    """Person names for autocomplete: those the typed text can mean, most quoted first."""
    names = _names(store)
    text = prefix.strip()
    if not text:
        return store.most_quoted(limit)
    found = _resolve(names, text)
    if not found:
        return []
    counts = names.people(found)
    return sorted(found, key=lambda n: (-(counts[n].quotes if n in counts else 0), n))[:limit]


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
    also: list[Person] = field(default_factory=list)  # others the name may mean, beside ``person``
    middle_name: bool = False  # the one name word typed is only the answer's middle name


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
    found = _people_meant(store, names, query, speakers=True)
    if not found:
        return WhoSaid(query=query, about=about, suggestions=_suggest(names, query))
    also: list[Person] = []
    if len(found) == 1:
        namesakes = _bare_namesakes(store, names, found[0])
        if namesakes:
            # a bare surname the store cannot resolve ("Clinton" beside Hillary and Bill Clinton):
            # the best-supported person, the others offered; with no clear one, ask
            known = names.people([found[0], *namesakes])
            ranked = sorted(known.values(), key=lambda p: (-p.quotes, p.name))
            top = ranked[0]
            if top.name == found[0] or (len(ranked) > 1 and ranked[1].quotes == top.quotes):
                found = [p.name for p in ranked]
            else:
                found, also = [top.name], ranked[1:]
    key = strip_honorifics(normalise_name(query))
    middle = len(key) == 1 and all(middle_name_only(key[0], n) for n in found)
    if len(found) > 1:
        known = names.people(found[:25])
        return WhoSaid(query=query, about=about,
                       candidates=_identity_roled(store, [known[n] for n in found[:25] if n in known]),
                       middle_name=middle)
    every = store.identity_names(found[0])
    who = _identity_roled(store, [names.person(every[0])])[0]
    rows = _quotes_of(store, every)
    # rows stay tuples until the page is cut: a frozen dataclass per row of the window costs more
    # than the rest of the answer
    kept = _distinct(rows)
    if about:
        kept = _about_filter(store, names, kept, about)
    return WhoSaid(query=query, about=about or None, person=who,
                   quotes=[_hit(r) for r in kept[offset:offset + limit]], total=len(kept), also=also,
                   middle_name=middle)


def _identity_roled(store: Store, people: list[Person]) -> list[Person]:
    """``people`` each with the role its identity is credited with most over the whole store
    (:meth:`Store.identity_roles`, what "Who is talking" and the digests' credits show: one person,
    one role everywhere), not the latest role stored for the name; their own where it has none."""
    roles = store.identity_roles(p.name for p in people)
    return [replace(p, role=roles[p.name]) if roles.get(p.name, p.role) != p.role else p for p in people]


def _hit(row: tuple[Any, ...]) -> QuoteHit:
    """A stored quotation row as an answer, its speaker's role as it is shown."""
    hit = QuoteHit(*row)
    return replace(hit, speaker_role=display_role(hit.speaker_role))


def _bare_namesakes(store: Store, names: _Names, name: str) -> list[str]:
    """The quoted people with a full name whose surname ``name`` is, when ``name`` is a bare
    surname the store's identities leave unresolved ("Clinton" beside Hillary Clinton and Bill
    Clinton): each by its identity's name. Empty for a full name or a resolved surname."""
    key = strip_honorifics(normalise_name(name))
    if len(key) != 1 or store.identities_for([name])[name] != name:
        return []
    owners = names.owners("token", key[0], speakers=True) - {name}
    if not owners:
        return []
    heads = set(store.identities_for(owners).values()) - {name}
    return sorted(h for h in heads if len(core_name(h)) >= 2 and key[0] in surname_forms(h))


def _quotes_of(store: Store, names: list[str]) -> list[tuple[Any, ...]]:
    """The latest quotations under any of a person's names, newest published first."""
    if len(names) == 1:
        return store.recent_quotes_by(names[0], ABOUT_WINDOW)
    rows = [r for n in names for r in store.recent_quotes_by(n, ABOUT_WINDOW)]
    rows.sort(key=lambda r: (r[_Q_PUBLISHED] or "", r[_Q_ARTICLE]), reverse=True)
    return rows[:ABOUT_WINDOW]


def statement_count(store: Store, name: str) -> int:
    """How many statements /who-said lists for exactly this speaker (each told once, as
    :func:`who_said` pages them): the number a candidate list may promise."""
    return len(_distinct(store.recent_quotes_by(name, ABOUT_WINDOW)))


_Q_TEXT, _Q_ARTICLE, _Q_PUBLISHED = 3, 5, 6  # positions in a row of the store's QUOTE_COLUMNS


def _distinct(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Each statement once: the same words in several outlets keep the newest telling, and a
    quoted fragment is dropped when its article also gives the sentence it came from."""
    memo: dict[str, str] = {}
    norms = []
    for row in rows:
        norm = memo.get(row[_Q_TEXT])
        if norm is None:
            norm = memo[row[_Q_TEXT]] = " ".join(WORD_TOKEN.findall(row[_Q_TEXT].casefold()))
        norms.append(norm)
    by_article: dict[int, list[str]] = defaultdict(list)
    for row, norm in zip(rows, norms, strict=True):
        by_article[row[_Q_ARTICLE]].append(norm)
    seen: set[str] = set()
    kept = []
    for row, norm in zip(rows, norms, strict=True):
        if not norm or norm in seen:
            continue
        if any(len(other) > len(norm) and norm in other for other in by_article[row[_Q_ARTICLE]]):
            continue
        seen.add(norm)
        kept.append(row)
    return kept


def _about_filter(
    store: Store, names: _Names, rows: list[tuple[Any, ...]], about: str
) -> list[tuple[Any, ...]]:
    """Quotations about a topic, a country, an entity or a phrase."""
    phrase = " ".join(normalise_name(about))
    slug = topic_slug(about)
    code = country_code(about)
    # Articles that name the entity: quotations from them are about it in the broad sense.
    entity_articles: set[int] = set()
    article_ids = sorted({r[_Q_ARTICLE] for r in rows})
    if article_ids and not slug and not code:
        entity_names = set(_resolve(names, about)) | {about}
        entity_articles = store.articles_naming(entity_names, article_ids[0], article_ids[-1])
    wanted = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)") if phrase else None
    first = phrase.split(" ")[0]
    kept = []
    for row in rows:
        quoted = row[_Q_TEXT]
        if (
            (row[_Q_ARTICLE] in entity_articles)
            or (
                wanted
                # an ASCII text without the phrase's first word cannot hold the phrase: no need
                # to normalise it (accents fold only in non-ASCII text)
                and (not quoted.isascii() or first in quoted.lower())
                and wanted.search(" ".join(normalise_name(quoted)))
            )
            or (slug and topic_pattern(slug).search(quoted))
            or (code and country_pattern(code).search(quoted))
        ):
            kept.append(row)
    return kept


# --- what a quotation or event is about ------------------------------------------------------


@lru_cache(maxsize=64)
def topic_pattern(slug: str, *, strong_only: bool = False) -> re.Pattern[str]:
    """One regex for a topic's keywords, strong and weak (a quote or event that uses one is about it)."""
    words = [*TOPICS[slug].strong, *(() if strong_only else TOPICS[slug].weak)]
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.I)


def country_match_forms(code: str) -> list[str]:
    """The country's display name and the gazetteer's forms for it ("us"/"uk" are matched loud only)."""
    forms = {country_name(code).lower(), *country_forms(code)}
    forms -= {"us", "uk"}
    return sorted(forms, key=lambda f: (-len(f), f))


def _not_inside_another(form: str, code: str) -> str:
    """Look-behinds that keep ``form`` from matching the tail of another country's name
    ("korea" in "North Korea", "sudan" in "South Sudan")."""
    heads = {other[: -len(form) - 1] for other, c in counted_forms().items()
             if c != code and other.endswith(" " + form)}
    return "".join(f"(?<!{re.escape(h)} )" for h in sorted(heads))


@lru_cache(maxsize=256)
def country_pattern(code: str) -> re.Pattern[str]:
    """One regex for the ways news text names a country: its names, demonyms and capital."""
    alternatives = "|".join(_not_inside_another(f, code) + re.escape(f) for f in country_match_forms(code))
    loud = {"US": "|US|U\\.S\\.", "GB": "|UK|U\\.K\\."}.get(code, "")  # "US", never the pronoun "us"
    return re.compile(rf"(?<![\w-])(?:(?i:{alternatives}){loud})(?![\w-])")
