"""Mentions merged into entities: pass 3 of the entity stage (``entities.py``).

Full names of people first; untitled full names whose short form speaks elsewhere; then
every mention in text order, short forms ("Mr Xi", "Dr Lee", bare "Xi") attached to a full
name sharing a word, by how its title agrees with how each candidate was introduced; last,
acronyms folded into the organisation they abbreviate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from digests.extract import lexicon as lx
from digests.extract.roles import looks_like_role
from digests.extract.titles import title_gender

# Lower-case particles inside names: "Lula da Silva", "Abdulaziz bin Salman", "von der Leyen"
PARTICLE = r"(?:bin|bint|ibn|al|el|da|de|di|do|dos|das|du|del|della|der|den|van|von|la|le|ter|ten|y)"
_PARTICLES = set(PARTICLE[3:-1].split("|"))
_CAP_PARTICLES = lx.words("name_particles.txt")
#: initials ("H.W.", "J.")
INITIALS = re.compile(r"(?:[A-Z]\.)+")


@dataclass(slots=True)
class Mention:
    """One capitalised mention, classified as far as its context allows."""

    start: int  # whole mention, title included
    end: int
    name_start: int
    name_end: int
    name: str
    kind: str  # person | org | place | unknown
    title: str | None = None
    tclass: str | None = None
    country: str | None = None
    role: str | None = None
    affiliation: str | None = None
    alias: str = ""
    cue_next: bool = False
    # written right after "on" or "in" with no title ("on Capitol Hill"): a place's name, made a
    # person by no short form of it ("Dr. Hill")
    place_use: bool = False
    # named after a namesake's possessive and a relative's noun ("Marsh's uncle, Tom Marsh"): not
    # whom a bare "Marsh" means while another Marsh is named
    namesake_kin: bool = False


@dataclass(slots=True)
class _Ent:
    """An entity being built from its mentions."""

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    classes: set[str] = field(default_factory=set)
    gender: str | None = None
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    first: int = 0
    last: int = 0
    seen: int = 0  # the mentions given to it in text order so far (``build``'s second pass)
    namesake_kin: bool = False  # introduced as a relative of a namesake (Mention.namesake_kin)

    def add(self, m: Mention) -> None:
        """Record one more mention (and its surface form as an alias)."""
        if m.alias and m.alias not in self.aliases:
            self.aliases.append(m.alias)
        self.mentions.append((m.start, m.end))
        if m.start > self.last:
            self.last = m.start


_GENERATION = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"})
# a lower-case Arabic article joined to a surname ("al-Maliki", "el-Sisi")
_LOWER_ARTICLE = re.compile(r"(?:al|el)[-‐]\w")


@lru_cache(maxsize=4096)
def _keys(name: str) -> frozenset[str]:
    """Words a short form may use for this name: every word but initials and particles; none
    for a surname and a generation alone ("Trump Jr": a bare "Trump" is never the son)."""
    words = name.split()
    if len(words) == 2 and words[-1] in _GENERATION:
        return frozenset()
    keys = {w for w in words if not INITIALS.fullmatch(w) and w not in _PARTICLES}
    # "al-Maliki" is written "Al-Maliki" opening a sentence: the same short form
    keys.update(w[0].upper() + w[1:] for w in list(keys) if _LOWER_ARTICLE.match(w))
    return frozenset(keys)


@lru_cache(maxsize=4096)
def _ends(name: str) -> frozenset[str]:
    ws = [w for w in name.split() if not INITIALS.fullmatch(w) and w not in _PARTICLES]
    return frozenset((ws[0], ws[-1])) if ws else frozenset()


_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)


def _role_text(m: Mention) -> str | None:
    if m.role:
        # "A senior presidential aide, Mr Park": the role, not the sentence's article; a phrase
        # that reads as no role ("Syria last week", "Donetsk People") is none
        role = _ARTICLE.sub("", m.role)
        if role and looks_like_role(role):
            return role
    # an honorific alone ("Prof", "Dr") says how a name is addressed, not what the person does
    if m.title and m.tclass not in {"mr", "ms"} and not (m.tclass in {"dr", "prof"} and " " not in m.title):
        if m.tclass == "job" and m.title.lower() in lx.TITLE_CLASS:
            # a descriptive role is a common noun, whatever case the sentence's start gave it:
            # "Analyst Kenji Mori said" is an analyst, as "trade economist Lee Min-ji" is
            return m.title.lower()
        t = m.title[0].upper() + m.title[1:]
        if m.country and m.tclass == "pol":
            return f"{t} of {lx.country_label(m.country)}"
        return t
    return None


def _compat(short_class: str | None, gender: str | None, ent: _Ent) -> int:
    """How well a short form's title fits a person; 0 = never the same person."""
    if gender and ent.gender and gender != ent.gender:
        return 0
    cls = ent.classes
    if "spouse" in cls:
        # "first lady Melania Trump": "Mrs. Trump" is she, "Trump" and "President Trump" another
        return 3 if short_class in {"mr", "ms", "spouse"} else 0
    if short_class is None:
        return 1
    if short_class in {"dr", "prof", "acad"}:
        if cls & {"dr", "prof", "acad"}:
            return 3
        return 1
    if short_class in {"mr", "ms"}:
        if cls & {"mr", "ms"}:
            return 3
        if cls & {"dr", "prof"}:
            return 0
        if cls & {"pol", "mil", "rel"} or not cls:
            return 2
        return 1
    if short_class in cls:
        return 3
    return 1


def build(mentions: list[Mention]) -> list[_Ent]:
    people: dict[str, _Ent] = {}
    by_key: dict[str, list[_Ent]] = {}
    # full names by their two ends, in people's order (a person's ends never change)
    by_ends: dict[frozenset[str], list[_Ent]] = {}

    def add_person(name: str, ent: _Ent) -> None:
        people[name] = ent
        ends = _ends(name)
        if len(ends) == 2:
            by_ends.setdefault(ends, []).append(ent)

    ents: list[_Ent] = []
    # pass 1: full names of people
    unknown_full: list[Mention] = []
    words_of: list[list[str]] = []  # each mention's name split into words, once (pass 2 reads them)
    for m in mentions:
        parts = m.name.split()
        words_of.append(parts)
        if len(parts) == 2 and parts[0] in _CAP_PARTICLES:
            m.name = parts[-1]  # "Al Mazrouei" is a surname, not a full name
            words_of[-1] = [m.name]
            continue
        if len(parts) < 2:
            continue
        if m.kind == "person":
            ent = people.get(m.name)
            if ent is None:
                # same person under a longer or shorter full form ("Donald J. Trump")
                same = by_ends.get(_ends(m.name))
                ent = same[0] if same else None
            if ent is None:
                ent = _Ent(m.name, "person", first=m.start)
                add_person(m.name, ent)
                ents.append(ent)
                for k in _keys(m.name):
                    by_key.setdefault(k, []).append(ent)
            elif len(m.name) > len(ent.name):
                ent.name = m.name
            if m.tclass:
                ent.classes.add(m.tclass)
                ent.gender = ent.gender or title_gender(m.title)
            ent.role = ent.role or _role_text(m)
            ent.namesake_kin = ent.namesake_kin or m.namesake_kin
            ent.affiliation = ent.affiliation or m.affiliation
            ent.country = ent.country or m.country
        elif m.kind == "unknown":
            unknown_full.append(m)
    # Untitled full names become people when a short form of them is used as a person
    # elsewhere ("Yoon Suk Yeol ... Mr Yoon said").
    short_keys = {
        m.name
        for m, nw in zip(mentions, words_of, strict=True)
        if len(nw) == 1 and (m.kind == "person" or m.cue_next)
    }
    for m in unknown_full:
        if (
            m.name not in people
            and not m.place_use
            and (_keys(m.name) & short_keys)
            # (not a thing named after the person: "the Obama Doctrine", "the Marshall Plan")
            and m.name.rsplit(None, 1)[-1] not in lx.NAMED_THING_HEADS
        ):
            ent = _Ent(m.name, "person", first=m.start, namesake_kin=m.namesake_kin)
            add_person(m.name, ent)
            ents.append(ent)
            for k in _keys(m.name):
                by_key.setdefault(k, []).append(ent)
    for m in unknown_full:
        if m.name in people:
            m.kind = "person"
    # pass 2: every mention in text order, short forms resolved by title continuity
    places: dict[str, _Ent] = {}
    orgs: dict[str, _Ent] = {}
    for m, nwords in zip(mentions, words_of, strict=True):
        if m.kind == "person" and len(nwords) >= 2 and m.name in people:
            ent = people[m.name]
        elif m.kind == "person" and len(nwords) >= 2:
            ends = _ends(m.name)
            if len(ends) == 2:  # names of one word, added below, never have two ends
                ent = by_ends[ends][0]
            else:
                ent = next(e for e in people.values() if _ends(e.name) == ends)
        elif (
            len(nwords) == 1
            and m.kind in {"person", "unknown"}
            and (m.kind == "person" or nwords[0] in by_key)
        ):
            cands = by_key.get(nwords[0], [])
            g = title_gender(m.title)
            scored = [(_compat(m.tclass, g, e), e) for e in cands]
            scored = [(s, e) for s, e in scored if s > 0]
            # a namesake's relative ("Marsh's uncle, Tom Marsh") is the bare surname's last choice
            if m.tclass is None:
                pick = max(scored, key=lambda se: (se[0], not se[1].namesake_kin, se[1].last), default=None)
            else:
                pick = max(
                    scored,
                    key=lambda se: (se[0], not se[1].namesake_kin, se[1].seen, se[1].last),
                    default=None,
                )
            if pick is not None:
                ent = pick[1]
                if m.tclass:
                    ent.gender = ent.gender or g
            elif m.kind == "person" or cands:
                # a person's surname the candidates cannot be ("Trump" beside "first lady
                # Melania Trump"): another person of that name
                ent = _Ent(m.name, "person", first=m.start, gender=g)
                if m.tclass:
                    ent.classes.add(m.tclass)
                people[m.name] = ent
                by_key.setdefault(m.name, []).append(ent)
                ents.append(ent)
            else:
                continue
        elif m.kind == "place":
            ent = places.get(m.name)
            if ent is None:
                ent = places[m.name] = _Ent(m.name, "place", country=m.country, first=m.start)
                ents.append(ent)
        elif m.kind == "org":
            ent = orgs.get(m.name)
            if ent is None:
                ent = orgs[m.name] = _Ent(m.name, "org", first=m.start)
                ents.append(ent)
        else:
            continue
        ent.add(m)
        ent.seen += 1
        if ent.type == "person" and m.affiliation and not ent.affiliation:
            ent.affiliation = m.affiliation
    _link_acronyms(ents)
    return [e for e in ents if e.mentions]


@lru_cache(maxsize=4096)
def _initials(name: str) -> frozenset[str]:
    out = set()
    stop = {"of", "for", "and", "the", "on", "de", "&"}
    for keep in (False, True):  # "ECOWAS" keeps the "of", "AU" and "WTO" do not
        words = [w for w in re.split(r"\s+", name) if keep or w.lower() not in stop]
        out.add("".join(w[0] for w in words if w).upper())
        out.add("".join(p[0] for w in words for p in w.split("-") if p).upper())
    return frozenset(out)


def _link_acronyms(ents: list[_Ent]) -> None:
    """Fold an acronym ("AU", "Asean", "WTO") into the organisation it abbreviates."""
    orgs = [e for e in ents if e.type == "org" and len(e.name.split()) >= 2]
    for e in ents:
        if e.type != "org" or " " in e.name or not e.mentions:
            continue
        key = e.name.rstrip("+").upper()
        if not (key.isalpha() and 2 <= len(key) <= 6):
            continue
        full = next((o for o in orgs if key in _initials(o.name)), None)
        if full is None:
            continue
        for a in e.aliases:
            if a not in full.aliases:
                full.aliases.append(a)
        full.mentions.extend(e.mentions)
        full.first = min(full.first, e.first)
        e.mentions = []
