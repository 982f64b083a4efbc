"""Who is talking: the people quoted most in the period, with the role they are quoted in."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from digests.digest.format import clean
from digests.digest.load import Art
from digests.digest.models import Speaker, Story
from digests.gazetteer import place_country
from digests.store.names import credit_role, most_shown


def role_of(a: Art, speaker: str, quote_role: str | None) -> str | None:
    """A speaker's role in an article ("Foreign Minister, Japan"), from the quotation or the entity
    (``store.names.credit_role``)."""
    if a.people is None:
        a.people = {}
        for ent in a.entities:
            a.people.setdefault(ent.name, ent)
    found = a.people.get(speaker)
    role = (
        credit_role(quote_role, found.role, found.affiliation)
        if found is not None
        else credit_role(quote_role, None, None)
    )
    return clean(role, 200) if role else None


# "Lee's office", "Trump's lawyers": they speak for a person, who is their affiliation, not a speaker
# ("China's commerce ministry" is a body of its own: its owner is a place)
_FOR_SOMEONE = re.compile(r"(\w[\w .'’-]*?)['’]s?\s")


def speaks_for_someone(speaker: str) -> bool:
    """Whether a speaker is someone's ("Lee's office", "Trump's lawyers"), not a body of a place's
    ("China's commerce ministry")."""
    m = _FOR_SOMEONE.search(speaker)
    return m is not None and place_country(m.group(1)) is None


def _places(a: Art) -> set[str]:
    """The names the article's entities give places: "Beijing said" is a capital standing for its
    government, which "Who is talking" does not list."""
    return {e.name for e in a.entities if e.type == "place"}


# the names whose identities are looked up: the most quoted this many (the rest cannot rank)
_IDENTIFIED = 100


def top_speakers(
    primaries: Sequence[int],
    arts: dict[int, Art],
    limit: int = 8,
    identities: Callable[[Iterable[str]], dict[str, str]] | None = None,
    roles: Callable[[Iterable[str]], dict[str, str]] | None = None,
) -> list[Speaker]:
    """The people quoted most, with the role they are most often quoted in.

    ``identities`` (the store's :meth:`identities_for`) counts the names of one person as one
    ("Obama", "Barack Obama"); ``roles`` (the store's :meth:`identity_roles`) gives each person
    the role of their identity over the whole store, the same in every digest (the period's own
    quotations give it otherwise)."""
    raw: Counter[str] = Counter()
    for aid in primaries:
        places: set[str] | None = None
        for sp, _, n in arts[aid].said:
            if not sp or speaks_for_someone(sp):
                continue
            if places is None:
                places = _places(arts[aid])
            if sp not in places:
                raw[sp] += n
    top = [n for n, _ in sorted(raw.items(), key=lambda kv: (-kv[1], kv[0]))[:_IDENTIFIED]]
    ident = identities(top) if identities and top else {}
    counts: Counter[str] = Counter()
    for name, n in raw.items():
        counts[ident.get(name, name)] += n
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    known = roles([name for name, _ in ranked]) if roles and ranked else {}
    out = []
    for name, c in ranked:
        if name in known:
            out.append(Speaker(name=name, count=c, role=clean(known[name], 200)))
            continue
        # The role they are most often quoted in (roles are looked up for the few listed only).
        shown: Counter[str] = Counter()
        for aid in primaries:
            for sp, quote_role, n in arts[aid].said:
                if sp and ident.get(sp, sp) == name:
                    role = role_of(arts[aid], sp, quote_role)
                    if role:
                        shown[role] += n
        out.append(Speaker(name=name, count=c, role=most_shown(shown)))
    return out


def one_name_each(
    stories: Sequence[Story],
    speakers: Sequence[Speaker],
    identities: Callable[[Iterable[str]], dict[str, str]],
    roles: Callable[[Iterable[str]], dict[str, str]] | None = None,
) -> list[Story]:
    """``stories`` with each quotation credited under its person's one name, the identity the
    store resolves ("Obama" -> "Barack Obama"), so that a digest never credits one person under
    two names; with ``roles`` (the store's :meth:`identity_roles`) under the role of that
    identity, as "Who is talking" shows it; a credit with no role of its own and none there
    takes the role "Who is talking" gives that person."""
    names = {q.speaker for s in stories for q in s.quotes if q.speaker}
    if not names:
        return list(stories)
    ident = identities(names)
    known = roles(names) if roles else {}
    listed = {sp.name: sp.role for sp in speakers if sp.role}
    out = []
    for story in stories:
        quotes = []
        for q in story.quotes:
            name = ident.get(q.speaker, q.speaker) if q.speaker else q.speaker
            kept = known.get(q.speaker) if q.speaker else None
            role = clean(kept, 200) if kept else q.role or listed.get(name)
            same = (name, role) == (q.speaker, q.role)
            quotes.append(q if same else q.model_copy(update={"speaker": name, "role": role}))
        out.append(story if quotes == story.quotes else story.model_copy(update={"quotes": quotes}))
    return out
