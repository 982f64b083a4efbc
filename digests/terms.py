"""The words an article is about: the term counts that story grouping compares.

An article's terms are computed once, when it is stored, from its title (counted
``TITLE_WEIGHT`` times) and the first ``BODY_CHARS`` characters of its text: the lead
names the event, the rest of a long article drifts into background. Words are
lowercased, stop words dropped and plurals folded ("missiles" -> "missile"). The
people, places and organisations extraction found are terms too, written ``@`` and the
lowercased name ("@xi jinping"), counted once per mention. The store keeps the counts
per article and, across all articles, how many articles use each term (the document
frequencies that weigh a term by its rarity).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from importlib.resources import files

BODY_CHARS = 1500  # chosen on BASIL and the labelled AllSides weeks (1,000 and 2,500 did worse)
TITLE_WEIGHT = 2
ENTITY_TYPES = frozenset({"person", "org", "place"})  # the entity kinds that are terms

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*[A-Za-z0-9]|\d{2,}")
_STOP_FILE = files("digests") / "resources" / "grouping" / "stopwords.txt"
_STOP = frozenset(
    word
    for line in _STOP_FILE.read_text(encoding="utf-8").splitlines()
    if not line.startswith("#")
    for word in line.split()
)


def is_stopword(word: str) -> bool:
    """Whether a lower-case word is one of the stop words left out of an article's terms."""
    return word in _STOP


def _fold(word: str) -> str:
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """The content words of ``text``, lowercased and folded, in order (stop words left out)."""
    out = []
    for w in _WORD.findall(text):
        lw = w.lower()
        if len(lw) < 3 or lw in _STOP:
            continue
        lw = _fold(lw)
        if lw not in _STOP:
            out.append(lw)
    return out


def article_terms(title: str, text: str, entities: Iterable[tuple[str, str, int]] = ()) -> Counter[str]:
    """Term counts of an article: its title counted ``TITLE_WEIGHT`` times plus the start of its
    text, and its ``entities`` as (name, type, mentions): people, places and organisations as
    ``@name`` terms."""
    counts = Counter(tokens(text[:BODY_CHARS]))
    for t in tokens(title):
        counts[t] += TITLE_WEIGHT
    for name, kind, mentions in entities:
        key = " ".join(name.lower().split())
        if key and kind in ENTITY_TYPES:
            counts["@" + key] += max(1, mentions)
    return counts


def terms_json(title: str, text: str, entities: Iterable[tuple[str, str, int]] = ()) -> str:
    """:func:`article_terms` as the compact JSON object the store keeps (keys sorted)."""
    return counts_json(article_terms(title, text, entities))


def counts_json(counts: Counter[str]) -> str:
    """Term counts as the compact JSON object the store keeps (keys sorted)."""
    return json.dumps(dict(sorted(counts.items())), ensure_ascii=False, separators=(",", ":"))
