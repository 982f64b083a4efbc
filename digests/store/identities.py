"""One person across articles: the store's names of people grouped into identities.

Extraction names a person as each article does ("Barack Obama", "Obama", "President Obama",
"Donald J. Trump"); an identity is the group of those names that mean one person, named by
its most used name. The grouping (:func:`group_identities`) rests on the names alone:

* full names with the same first and last word are one ("Donald J. Trump" = "Donald Trump",
  "John F. Kerry" = "John Kerry"); honorifics and titles never count ("President Obama");
* a bare surname ("Obama", "Mr. Obama") joins the full name with that surname when the store
  knows exactly one; with several ("Lee" beside Lee Jae-myung, Lee Seong-hyon) it stays its
  own, unresolved rather than guessed;
* an office or household speaking for someone ("Lee's office") is not that person.

Evidence the names cannot give is kept in ``identity_links`` (schema v14): ``merge`` puts a
name under another's identity, ``split`` keeps a name apart from any other. Links are per
name, so merging and splitting again loses no quotation: quotations keep the name they were
stored with, and the identity is computed when asked.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from digests.store.connection import StoreBase
from digests.store.names import normalise_name, strip_honorifics

_POSSESSIVE = re.compile(r"\w['’]s?(?:\s|$)")


def core_name(name: str) -> tuple[str, ...]:
    """A name as its identifying words: folded, without honorifics and initials
    ("President Donald J. Trump" -> ("donald", "trump"))."""
    words = strip_honorifics(normalise_name(name))
    core = tuple(w for w in words if len(w) > 1)
    return core or words


def _surnames(name: str, core: tuple[str, ...]) -> set[str]:
    """The words a bare surname of this full name can be: the last, and the first for a name
    whose given name is hyphenated ("Moon Jae-in", "Lee Jae-myung")."""
    out = {core[-1]}
    last_word = name.split()[-1] if name.split() else ""
    if "-" in last_word and len(core) >= 2:
        out.add(core[0])
    return out


def _initials(name: str) -> tuple[str, ...]:
    """The middle initials of a name ("George H.W. Bush" -> ("h", "w"))."""
    words = strip_honorifics(normalise_name(name))
    return tuple(w for w in words[1:-1] if len(w) == 1)


def group_identities(
    weights: Mapping[str, int], links: Mapping[str, tuple[str, str]] | None = None
) -> dict[str, str]:
    """Name -> the identity's name, for every name of ``weights`` (name -> how often used).

    ``links``: name -> ("merge", other name) or ("split", name), which win over the names."""
    links = links or {}
    cores = {n: core_name(n) for n in weights}
    full: dict[tuple[str, str], dict[tuple[str, ...], list[str]]] = defaultdict(lambda: defaultdict(list))
    for n, core in cores.items():
        if len(core) >= 2 and not _POSSESSIVE.search(n) and n not in links:
            full[(core[0], core[-1])][_initials(n)].append(n)

    def best(names: list[str]) -> str:
        return min(names, key=lambda n: (-weights.get(n, 0), len(n), n))

    out: dict[str, str] = {}
    by_surname: dict[str, set[str]] = defaultdict(set)
    for variants in full.values():
        marked = [v for v in variants if v]
        if len(marked) <= 1:
            groups = [[n for names in variants.values() for n in names]]
        else:
            # "George W. Bush" and "George H.W. Bush" are two; a plain "George Bush" is either
            groups = list(variants.values())
        for group in groups:
            head = best(group)
            for n in group:
                out[n] = head
                for s in _surnames(n, cores[n]):
                    by_surname[s].add(head)
    for n, core in cores.items():
        if n in out or n in links:
            continue
        heads = by_surname.get(core[0], set()) if len(core) == 1 and not _POSSESSIVE.search(n) else set()
        out[n] = next(iter(heads)) if len(heads) == 1 else n
    for n, (how, other) in links.items():
        if n in weights:
            out[n] = n if how == "split" else out.get(other, other)
    return out


def _surname_forms(name: str) -> set[str]:
    """The index tokens under which the names that may share an identity with ``name`` are found."""
    core = core_name(name)
    return _surnames(name, core) if core else set()


class IdentitiesMixin(StoreBase):
    """Identities of the store's people, computed from the names that share a surname."""

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
        forms = sorted({f for n in pool for f in _surname_forms(n)})
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
        grouped = group_identities(weights, links)
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
