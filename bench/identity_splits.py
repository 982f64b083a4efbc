"""One person, several identities: count the people the store's identities split, over the dev articles.

    python -m bench.identity_splits [--db store.db] [--keep store.db] [--show]

Extracts the articles ``bench.extract_diff`` reads (the sample, the gold and demo articles, the
PolNeAR and TimeBank development sets, the AllSides real news) into one store, or opens a store
already made (``--db``; ``--keep`` writes the new one there), and asks the store for the identity
of every name of a person (``Store.identities_for``, what /who-said and "Who is talking" count by).

Which names are one person is read here by its own rule, not the store's: names extracted as a
person (an entity of type person somewhere) whose words, folded (case, accents, initials, a leading
title, the Arabic article of "al-Baghdadi"), are held in order by a longer such name with the
same last word ("Erdogan", "Tayyip Erdogan" in "Recep Tayyip Erdogan"), or with the same
words ("Erdoğan" and "Erdogan"). A shorter name held by
exactly one longer person (counted by the people found so far, so "Erdogan" beside two forms of
Erdogan is one) is that person; held by several ("Kim" beside Tony Kim and Sung Kim) it is
ambiguous and left out. A person whose names fall into more than one identity is split; the
report counts them and the identities they span, and lists them with ``--show``. The rule is a
reader's, so the listing is there to be judged: transliterations ("Nouri" and "Nuri al-Maliki")
and nicknames ("Jim" and "James Mattis") are not joined by it.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

from bench.extract_diff import inputs
from digests.extract import extract
from digests.extract import lexicon as lx
from digests.sources import read_path
from digests.store import Store

_ARTICLE = re.compile(r"(?<![\w'’-])(?:[Aa]l|[Ee]l)[-‐](?=\w)")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def words(name: str) -> tuple[str, ...]:
    """A name's identifying words: folded, no initials, no leading title ("Turkish President
    Recep Tayyip Erdoğan" -> ("turkish", "recep", "tayyip", "erdogan"); the nationality stays)."""
    folded = unicodedata.normalize("NFKD", _ARTICLE.sub("", name))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    ws = [w for w in _WORD.findall(folded) if len(w) > 1]
    while len(ws) > 1 and (ws[0] in lx.TITLE_CLASS or ws[0] in lx.TITLE_WORDS):
        ws = ws[1:]
    return tuple(ws)


_INITIALS = re.compile(r"(?:[A-Z]\.?)+")


def initials(name: str) -> tuple[str, ...]:
    """The middle initials a name writes ("George H.W. Bush" -> ("H", "W"); none in "O'Donnell")."""
    ws = name.split()
    return tuple(c for w in ws[1:-1] if _INITIALS.fullmatch(w) for c in w if c.isalpha())


Name = tuple[tuple[str, ...], tuple[str, ...]]


def held(short: Name, long: Name) -> bool:
    """Whether the name ``long`` (words, initials) holds ``short``'s words in order, ending on the
    same word, and more: more words, or the same words and initials where ``short`` has none
    ("George Bush" in "George W. Bush"; "George W. Bush" is not in "George H.W. Bush")."""
    (sw, si), (lw, li) = short, long
    if not sw or not lw or sw[-1] != lw[-1] or len(sw) > len(lw):
        return False
    if len(sw) == len(lw):
        return sw == lw and not si and bool(li)
    rest = iter(lw)
    return all(w in rest for w in sw)


def people(names: dict[str, Name]) -> list[set[str]]:
    """The names grouped into people by :func:`held` (see the module's docstring): each shorter
    name joins the one person whose names hold it, repeated until nothing changes."""
    root = {n: n for n in names}

    def find(n: str) -> str:
        while root[n] != n:
            n = root[n]
        return n

    by_last: dict[str, list[str]] = defaultdict(list)
    same: dict[Name, str] = {}
    for n, (ws, marks) in names.items():
        if ws:
            by_last[ws[-1]].append(n)
            root[n] = same.setdefault((ws, marks), n)  # "Erdoğan" and "Erdogan" are one name
    changed = True
    while changed:
        changed = False
        for group in by_last.values():
            for a in group:
                holders = {find(b) for b in group if held(names[a], names[b])} - {find(a)}
                if len(holders) == 1:
                    root[find(a)] = holders.pop()
                    changed = True
    out: dict[str, set[str]] = defaultdict(set)
    for n in names:
        out[find(n)].add(n)
    return [g for g in out.values() if len(g) > 1]


def build(path: Path) -> None:
    """Extract the dev articles into a new store at ``path``."""
    with tempfile.TemporaryDirectory() as tmp, Store.open(path) as store:
        for _, file, published in inputs(None, Path(tmp)):
            art = read_path(file, published=published)
            store.save(art, extract(art.text, published or art.published))


def main(argv: list[str] | None = None) -> int:
    """Print the counts (and the split people with ``--show``); returns 0."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, help="a store already holding the dev articles")
    ap.add_argument("--keep", type=Path, help="where to keep the store made")
    ap.add_argument("--show", action="store_true", help="list the split people")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db
        if path is None:
            path = args.keep or Path(tmp) / "identities.db"
            path.unlink(missing_ok=True)
            build(path)
        with Store.open(path, readonly=True) as store:
            known = store.person_names()
            ident = store.identities_for(known)
    names = {n: (words(n), initials(n)) for n in known}
    found = people(names)
    split = [g for g in found if len({ident[n] for n in g}) > 1]
    spanned = sum(len({ident[n] for n in g}) for g in split)
    print(
        f"person names {len(known)}, identities {len(set(ident.values()))}; people with several names "
        f"{len(found)}, split over several identities {len(split)} ({spanned} identities)"
    )
    if args.show:
        for g in sorted(split, key=lambda g: sorted(g)[0]):
            by: dict[str, list[str]] = defaultdict(list)
            for n in sorted(g):
                by[ident[n]].append(n)
            print("  " + " | ".join(", ".join(ns) for ns in by.values()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
