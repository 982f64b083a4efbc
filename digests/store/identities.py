"""One person across articles: the store's names of people grouped into identities.

Extraction names a person as each article does ("Barack Obama", "Obama", "President Obama",
"Donald J. Trump"); an identity is the group of those names that mean one person, named by
its most used name. The grouping (:func:`group_identities`) rests on the names alone:

* full names with the same first and last word are one ("Donald J. Trump" = "Donald Trump",
  "John F. Kerry" = "John Kerry"); honorifics and titles never count ("President Obama");
* a bare surname ("Obama", "Mr. Obama") joins the full name with that surname when the store
  knows exactly one; with several ("Lee" beside Lee Jae-myung, Lee Seong-hyon) it stays its
  own, unresolved rather than guessed;
* an office or household speaking for someone ("Lee's office") is not that person;
* a bare surname the store knows several full names for is resolved by the titles written
  with it across the store (:func:`title_evidence`): a gendered honorific ("Mr. Trump",
  "Mrs May") leaves out the namesakes addressed with the other one, and an office ("President
  Trump", "Secretary Kerry") goes to the one full name that holds it, when the bare name is
  written with one office only and one namesake holds it far more often than any other.
  Without such evidence (or with mixed evidence: "President Lee" and "Dr Lee") it stays
  unresolved.

Evidence the names cannot give is kept in ``identity_links`` (schema v14): ``merge`` puts a
name under another's identity, ``split`` keeps a name apart from any other. Links are per
name, so merging and splitting again loses no quotation: quotations keep the name they were
stored with, and the identity is computed when asked.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from digests.extract import lexicon as lx
from digests.store.connection import StoreBase
from digests.store.names import credit_role, most_shown, normalise_name, strip_honorifics

_POSSESSIVE = re.compile(r"\w['’]s?(?:\s|$)")


# The Arabic article written onto a surname ("al-Baghdadi", "el-Sisi"): a bare "Baghdadi" is the
# same surname, and "al-Baghdadi" alone is a bare surname, not a full name whose first word is "al".
_ARTICLE_PREFIX = re.compile(r"(?<![\w'’-])(?:[Aa]l|[Ee]l)[-‐](?=\w)")


def core_name(name: str) -> tuple[str, ...]:
    """A name as its identifying words: folded, without honorifics, initials and a surname's
    Arabic article ("President Donald J. Trump" -> ("donald", "trump"), "Abu Bakr al-Baghdadi"
    -> ("abu", "bakr", "baghdadi"))."""
    words = strip_honorifics(normalise_name(_ARTICLE_PREFIX.sub("", name)))
    core = tuple(w for w in words if len(w) > 1)
    return core or words


def _surnames(name: str, core: tuple[str, ...]) -> set[str]:
    """The words a bare surname of this full name can be: the last, and the first for a name
    whose given name is hyphenated ("Moon Jae-in", "Lee Jae-myung"; not "Walid al-Moallem")."""
    out = {core[-1]}
    words = _ARTICLE_PREFIX.sub("", name).split()
    last_word = words[-1] if words else ""
    if "-" in last_word and len(core) >= 2:
        out.add(core[0])
    return out


_INITIAL_WORD = re.compile(r"(?:[A-Z]\.?)+")


def _initials(name: str) -> tuple[str, ...]:
    """The middle initials of a name ("George H.W. Bush" -> ("h", "w")); the "O" of a surname
    ("Denise O'Donnell") is none."""
    words = name.split()
    return tuple(c.lower() for w in words[1:-1] if _INITIAL_WORD.fullmatch(w) for c in w if c.isalpha())


# Title classes that say nothing lasting about who is meant: gendered forms of address (read
# for gender instead), descriptive jobs ("analyst") and party descriptions ("Republican").
_NOT_OFFICES = frozenset({"mr", "ms", "job", "party"})
# How clearly the evidence must point: the share of a bare name's titled uses its one office
# has, the factor by which the holder of that office outweighs every other namesake, and the
# fewest uses of the office (or of an honorific) with the bare name that count.
_ONE_OFFICE = 0.8
_DOMINANT = 4
_FEWEST = 3


def alias_title(alias: str, name: str) -> tuple[str | None, str | None]:
    """The office and the gender an alias writes before ``name``'s words: "U.S. President
    Donald Trump" -> ("president", None), "Mr. Trump" -> (None, "m"), "first lady Melania
    Trump" -> ("first lady", "f"). Abbreviations are spelt out ("Sen." -> "senator")."""
    words = alias.split()
    own = set(normalise_name(name))
    while words and set(normalise_name(words[-1])) <= own and normalise_name(words[-1]):
        words.pop()
    lead = [lx.TITLE_WORDS.get(w.lower().rstrip("."), w.lower().rstrip(".")) for w in words]
    gender = next((lx.GENDER[w] for w in reversed(lead) if w in lx.GENDER), None)
    for k in range(len(lead)):
        phrase = " ".join(lead[k:])
        cls = lx.TITLE_CLASS.get(phrase)
        if cls is not None:
            return (None if cls in _NOT_OFFICES else phrase), gender
    return None, gender


def title_evidence(aliases: Mapping[str, int], name: str) -> tuple[Counter[str], Counter[str]]:
    """The offices and genders the aliases of ``name`` (alias -> uses) give, weighted by uses."""
    offices: Counter[str] = Counter()
    genders: Counter[str] = Counter()
    for alias, uses in aliases.items():
        office, gender = alias_title(alias, name)
        if office:
            offices[office] += uses
        if gender:
            genders[gender] += uses
    return offices, genders


def _clear(counts: Counter[str], share: float = _ONE_OFFICE) -> str | None:
    """The one value holding at least ``share`` of ``counts`` (None if none or mixed)."""
    total = sum(counts.values())
    if not total:
        return None
    top, n = counts.most_common(1)[0]
    return top if n >= share * total else None


def _by_evidence(
    name: str,
    heads: set[str],
    members: Mapping[str, list[str]],
    aliases: Mapping[str, Mapping[str, int]],
) -> str | None:
    """The one of ``heads`` a bare surname means by its titles across the store, or None."""
    offices, genders = title_evidence(aliases.get(name, {}), name)
    cands = sorted(heads)
    held: dict[str, tuple[Counter[str], Counter[str]]] = {}
    for h in cands:
        o: Counter[str] = Counter()
        g: Counter[str] = Counter()
        for m in members.get(h, [h]):
            mo, mg = title_evidence(aliases.get(m, {}), m)
            o += mo
            g += mg
        held[h] = (o, g)
    gender = _clear(genders, 0.9)
    if gender is not None and sum(genders.values()) >= _FEWEST:
        # "Mr. Trump" is not the namesake the store addresses as "Mrs." or "Ms."
        cands = [h for h in cands if _clear(held[h][1], 0.9) in (None, gender)]
    office = _clear(offices)
    if len(cands) > 1 and office is not None and offices[office] >= _FEWEST:
        support = sorted(((held[h][0][office], h) for h in cands), reverse=True)
        first = support[0][0]
        second = support[1][0]
        if first and first >= _DOMINANT * second:
            cands = [support[0][1]]
    return cands[0] if len(cands) == 1 else None


@dataclass(frozen=True)
class Seen:
    """What the store's entities say of a name: the types it was extracted as ("person", "org",
    "place") and the countries given to it."""

    types: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()


def _in_order(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether ``short`` is ``long`` with words left out, same last word ("tayyip erdogan" of
    "recep tayyip erdogan")."""
    if len(short) >= len(long) or short[-1] != long[-1]:
        return False
    rest = iter(long)
    return all(w in rest for w in short)


class _Groups:
    """Union-find over full-name groups, each known by its root's name."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, head: str) -> str:
        while self.parent.get(head, head) != head:
            head = self.parent[head]
        return head


def _evidence(
    names: list[str], aliases: Mapping[str, Mapping[str, int]], seen: Mapping[str, Seen]
) -> tuple[Counter[str], Counter[str], set[str], set[tuple[str, ...]]]:
    """What the store says of a group of names: the offices and genders of their titles, the
    countries they are given, and the names its articles write for them."""
    offices: Counter[str] = Counter()
    genders: Counter[str] = Counter()
    countries: set[str] = set()
    written: set[tuple[str, ...]] = set()
    for n in names:
        o, g = title_evidence(aliases.get(n, {}), n)
        offices += o
        genders += g
        countries |= seen.get(n, Seen()).countries
        written |= {core_name(a) for a in aliases.get(n, {})}
    return offices, genders, countries, written


def _told_apart(
    a: tuple[Counter[str], Counter[str], set[str]], b: tuple[Counter[str], Counter[str], set[str]]
) -> bool:
    """Whether two groups' evidence tells them apart: another gender, another office, or
    another country."""
    a_g, b_g = _clear(a[1], 0.9), _clear(b[1], 0.9)
    if a_g and b_g and a_g != b_g:
        return True
    a_o, b_o = _clear(a[0]), _clear(b[0])
    if a_o and b_o and a_o != b_o and not (set(a[0]) & set(b[0])):
        return True
    return bool(a[2] and b[2] and not a[2] & b[2])


def _nickname_pairs() -> dict[str, frozenset[str]]:
    """First name -> the first names that may stand for it (resources/lexicon/nicknames.tsv):
    "jim" -> {"james"}, "james" -> {"jim", "jimmy", "jamie"}, "nuri" -> {"nouri"}."""
    out: dict[str, set[str]] = defaultdict(set)
    for nick, formal in lx.pairs("nicknames.tsv"):
        out[nick].add(formal)
        out[formal].add(nick)
    return {k: frozenset(v) for k, v in out.items()}


_NICKNAMES = _nickname_pairs()


def _nickname_of(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two full names differ only in a first name the table gives for the other
    ("jim mattis", "james mattis"; "nuri maliki", "nouri maliki")."""
    return len(a) == len(b) >= 2 and a[1:] == b[1:] and b[0] in _NICKNAMES.get(a[0], ())


def _same_by_nickname(
    a: list[str],
    b: list[str],
    cores: Mapping[str, tuple[str, ...]],
    aliases: Mapping[str, Mapping[str, int]],
    seen: Mapping[str, Seen],
) -> bool:
    """Whether two groups whose full names differ by a nickname or a spelling of the first name
    are one person: nothing tells them apart, and an office or a country both are given."""
    if not any(_nickname_of(cores[x], cores[y]) for x in a for y in b):
        return False
    a_off, a_gen, a_cty, _ = _evidence(a, aliases, seen)
    b_off, b_gen, b_cty, _ = _evidence(b, aliases, seen)
    if _told_apart((a_off, a_gen, a_cty), (b_off, b_gen, b_cty)):
        return False
    return bool(a_cty & b_cty) or bool(set(a_off) & set(b_off))


def _longer_name(
    short: list[str],
    long: list[str],
    cores: Mapping[str, tuple[str, ...]],
    aliases: Mapping[str, Mapping[str, int]],
    seen: Mapping[str, Seen],
) -> bool:
    """Whether the group of names ``short`` is the person of ``long``, a longer name that holds
    its words ("Tayyip Erdogan" and "Recep Tayyip Erdogan", "Robert Mueller" and a headline's
    "Special Counsel Robert Mueller"): nothing tells them apart (gender, office, country), and
    the short name is the long one's last words, or something ties them: a country or an office
    both are given, or an article writing the short name for the long one (an alias)."""

    s_off, s_gen, s_cty, _ = _evidence(short, aliases, seen)
    l_off, l_gen, l_cty, l_written = _evidence(long, aliases, seen)
    if _told_apart((s_off, s_gen, s_cty), (l_off, l_gen, l_cty)):
        return False
    pairs = [(cores[a], cores[b]) for a in short for b in long if _in_order(cores[a], cores[b])]
    return bool(pairs) and (
        any(b[-len(a) :] == a for a, b in pairs)
        or bool(s_cty & l_cty)
        or bool(set(s_off) & set(l_off))
        or any(cores[a] in l_written for a in short)
    )


def group_identities(
    weights: Mapping[str, int],
    links: Mapping[str, tuple[str, str]] | None = None,
    aliases: Mapping[str, Mapping[str, int]] | None = None,
    seen: Mapping[str, Seen] | None = None,
) -> dict[str, str]:
    """Name -> the identity's name, for every name of ``weights`` (name -> how often used).

    ``links``: name -> ("merge", other name) or ("split", name), which win over the names.
    ``aliases``: name -> alias -> uses, the titles that may resolve an ambiguous bare surname.
    ``seen``: name -> what the entities say of it; a name extracted only as an organisation or a
    place is never one of a person's names ("Jordan" the country is not Jim Jordan)."""
    links = links or {}
    aliases = aliases or {}
    seen = seen or {}
    cores = {n: core_name(n) for n in weights}

    def kinds(names: Iterable[str]) -> set[bool]:
        """What the names can be: a person (True), something else (False); untyped, either."""
        types = {t for n in names for t in seen.get(n, Seen()).types}
        out = set()
        if not types or "person" in types:
            out.add(True)
        if not types or types - {"person"}:
            out.add(False)
        return out

    def person(n: str) -> bool:
        return True in kinds([n])

    full: dict[tuple[str, str], dict[tuple[str, ...], list[str]]] = defaultdict(lambda: defaultdict(list))
    for n, core in cores.items():
        if len(core) >= 2 and not _POSSESSIVE.search(n) and n not in links:
            full[(core[0], core[-1])][_initials(n)].append(n)

    def best(names: list[str]) -> str:
        return min(names, key=lambda n: (-weights.get(n, 0), len(n), n))

    groups: dict[str, list[str]] = {}
    for variants in full.values():
        marked = [v for v in variants if v]
        if len(marked) <= 1:
            found = [[n for names in variants.values() for n in names]]
        else:
            # "George W. Bush" and "George H.W. Bush" are two; a plain "George Bush" is either
            found = list(variants.values())
        for group in found:
            groups[best(group)] = group
    # A full name that is a longer one with words left out joins it when it is the only such
    # longer name (of "Tayyip Erdogan" beside "Recep Tayyip Erdogan"; "Kim Jong" beside Kim
    # Jong Un and Kim Jong Il stays apart), longest names first so that chains end in one group.
    union = _Groups()
    merged = {head: list(group) for head, group in groups.items()}  # root -> its names
    by_last: dict[str, list[str]] = defaultdict(list)
    for head in groups:
        if person(head):
            by_last[cores[head][-1]].append(head)
    for last_heads in by_last.values():
        if len(last_heads) < 2:
            continue
        last_heads.sort(key=lambda h: (-max(len(cores[n]) for n in groups[h]), h))
        for h in last_heads:
            cands = {
                union.find(o)
                for o in last_heads
                if o != h and any(_in_order(cores[a], cores[b]) for a in groups[h] for b in groups[o])
            }
            cands.discard(union.find(h))
            if len(cands) == 1:
                into = next(iter(cands))
                if _longer_name(groups[h], merged[into], cores, aliases, seen):
                    union.parent[h] = into
                    merged[into].extend(merged.pop(h))

        # a nickname or another spelling of the first name, with an office or a country in
        # common: "Jim Mattis" and "James Mattis", "Nuri al-Maliki" and "Nouri al-Maliki"
        for i, h in enumerate(last_heads):
            for o in last_heads[i + 1 :]:
                rh, ro = union.find(h), union.find(o)
                if rh != ro and _same_by_nickname(merged[rh], merged[ro], cores, aliases, seen):
                    into, gone = (rh, ro) if len(merged[rh]) >= len(merged[ro]) else (ro, rh)
                    union.parent[gone] = into
                    merged[into].extend(merged.pop(gone))

    out: dict[str, str] = {}
    by_surname: dict[tuple[str, bool], set[str]] = defaultdict(set)
    members: dict[str, list[str]] = defaultdict(list)
    for group in merged.values():
        head = best(group)
        can_be = kinds(group)
        for n in group:
            out[n] = head
            members[head].append(n)
            for s in _surnames(n, cores[n]):
                for kind in can_be:
                    by_surname[(s, kind)].add(head)
    # a short name no full name claims is one identity with the same name written otherwise:
    # "Erdoğan" and "Erdogan", "al-Maliki" and "Maliki" (not "Mr Lee" and "Lee")
    alone: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for n, core in cores.items():
        if n in out or n in links:
            continue
        heads: set[str] = set()
        if len(core) == 1 and not _POSSESSIVE.search(n):
            for kind in kinds([n]):
                heads |= by_surname.get((core[0], kind), set())
        if len(heads) == 1:
            out[n] = next(iter(heads))
        elif len(heads) > 1:
            out[n] = _by_evidence(n, heads, members, aliases) or n
        else:
            out[n] = n
        if out[n] == n:
            alone[normalise_name(_ARTICLE_PREFIX.sub("", n))].append(n)
    for same in alone.values():
        head = best(same)
        for n in same:
            out[n] = head
    for n, (how, other) in links.items():
        if n in weights:
            out[n] = n if how == "split" else out.get(other, other)
    return out


def surname_forms(name: str) -> set[str]:
    """The index tokens under which the names that may share an identity with ``name`` are found:
    the words a bare surname of ``name`` can be ("clinton" for "Hillary Clinton")."""
    core = core_name(name)
    return _surnames(name, core) if core else set()


class IdentitiesMixin(StoreBase):
    """Identities of the store's people, computed from the names that share a surname."""

    def person_names(self) -> set[str]:
        """Every name of the store's people that some article's entities type as a person."""
        rows = self.db.execute(
            "SELECT name FROM people WHERE name IN (SELECT name FROM entities WHERE type = 'person')"
        )
        return {r[0] for r in rows}

    def identity_links(self) -> dict[str, tuple[str, str]]:
        """Every merge or split recorded: name -> (how, other name)."""
        return {r[0]: (r[1], r[2]) for r in self.db.execute("SELECT name, how, other FROM identity_links")}

    def merge_identity(self, name: str, into: str) -> None:
        """Count ``name`` as the same person as ``into`` from now on."""
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO identity_links (name, how, other) VALUES (?, 'merge', ?)",
                [name, into],
            )

    def split_identity(self, name: str) -> None:
        """Keep ``name`` apart from every other name (undoes a merge the names suggested)."""
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO identity_links (name, how, other) VALUES (?, 'split', ?)",
                [name, name],
            )

    def _sharing_surname(self, names: Iterable[str]) -> set[str]:
        """``names`` and every person of the store indexed under one of their surnames."""
        pool = set(names)
        forms = sorted({f for n in pool for f in surname_forms(n)})
        for form in forms:
            pool |= {
                r[0]
                for r in self.db.execute(
                    "SELECT DISTINCT name FROM names WHERE kind = 'token' AND form = ?", [form]
                )
            }
        return pool

    def identities_for(self, names: Iterable[str]) -> dict[str, str]:
        """Each of ``names`` -> its identity's name, judged among every person of the store who
        shares a surname with one of them (indexed look-ups, one per surname)."""
        wanted = set(names)
        links = self.identity_links()
        pool = self._sharing_surname(wanted)
        pool |= {x for n, (_, other) in links.items() if n in pool or other in pool for x in (n, other)}
        weights: dict[str, int] = dict.fromkeys(pool, 0)
        part = sorted(pool)
        for i in range(0, len(part), 500):
            chunk = part[i : i + 500]
            for name, uses in self.db.execute(
                f"SELECT name, quotes + mentions FROM people WHERE name IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                weights[name] = int(uses)
        aliases: dict[str, dict[str, int]] = defaultdict(dict)
        for i in range(0, len(part), 500):
            chunk = part[i : i + 500]
            for name, alias, uses in self.db.execute(
                f"SELECT name, alias, uses FROM person_aliases WHERE name IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                aliases[name][alias] = int(uses)
        # the types and countries the entities give each name, as the store keeps them counted
        # (name_kinds, schema v20: a few rows a name, not every entity of it in the store)
        kinds: dict[str, tuple[set[str], set[str]]] = {}
        for i in range(0, len(part), 500):
            chunk = part[i : i + 500]
            rows = self.db.execute(
                f"SELECT name, type, country FROM name_kinds WHERE name IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for name, kind, country in rows:
                types, countries = kinds.setdefault(name, (set(), set()))
                types.add(kind)
                if country:
                    countries.add(country)
        seen = {name: Seen(frozenset(t), frozenset(c)) for name, (t, c) in kinds.items()}
        grouped = group_identities(weights, links, aliases, seen)
        return {n: grouped.get(n, n) for n in wanted}

    def identity_names(self, name: str) -> list[str]:
        """Every name the store knows for the person ``name`` is, the identity's name first."""
        head = self.identities_for([name])[name]
        links = self.identity_links()
        pool = self._sharing_surname({name, head})
        pool |= {n for n, (_, other) in links.items() if other in pool}
        ident = self.identities_for(pool)
        same = sorted(n for n, h in ident.items() if h == head and n != head)
        return [head, *same]

    def identity_roles(self, names: Iterable[str]) -> dict[str, str]:
        """Each of ``names`` -> the role its identity is credited with most over the whole store
        (every quotation of every name of the person, its role as a credit shows it), so that
        one person shows one role in every digest and credit; names with no role are left out.
        The store keeps each name's credits counted (``speaker_roles``, schema v20): a few rows
        a person, whatever the size of the store."""
        ident = self.identities_for(names)
        members = {head: self.identity_names(head) for head in set(ident.values())}
        credits = self._credits({n for names_of in members.values() for n in names_of})
        roles: dict[str, str | None] = {}
        for head, names_of in members.items():
            counts: Counter[str] = Counter()
            for n in names_of:
                for shown, uses in credits.get(n, ()):
                    counts[shown] += uses
            roles[head] = most_shown(counts)
        return {name: role for name, head in ident.items() if (role := roles[head])}

    def _credits(self, names: set[str]) -> dict[str, list[tuple[str, int]]]:
        """Name -> the roles its quotations' credits show (:func:`credit_role`), with their uses."""
        out: dict[str, list[tuple[str, int]]] = defaultdict(list)
        part = sorted(names)
        for i in range(0, len(part), 500):
            chunk = part[i : i + 500]
            rows = self.db.execute(
                "SELECT name, quote_role, entity_role, affiliation, uses FROM speaker_roles "
                f"WHERE name IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for name, quote_role, entity_role, affiliation, uses in rows:
                role = credit_role(quote_role, entity_role, affiliation)
                if role:
                    out[name].append((role, int(uses)))
        return out
