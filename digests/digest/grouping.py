"""Story grouping: syndicated copies collapsed, then articles joined into stories by similarity."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date

from digests.digest.load import Art, richness


def collapse_duplicates(arts: dict[int, Art]) -> None:
    """Syndicated copies (the same lead) become duplicates of the earliest copy."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for aid in sorted(arts):
        if arts[aid].dup_key:
            by_key[arts[aid].dup_key].append(aid)
    for ids in by_key.values():
        if len(ids) < 2:
            continue
        # The earliest and fullest copy tells the story; ids only break exact ties.
        first = min(ids, key=lambda i: (arts[i].published or date.max, -richness(arts[i]), arts[i].title, i))
        f = arts[first]
        for i in ids:
            a = arts[i]
            # A shared first line alone may be boilerplate the furniture rules missed:
            # a copy also shares what follows, or the names it is about.
            if i != first and (a.dup_next == f.dup_next or len((a.keys | a.ekeys) & (f.keys | f.ekeys)) >= 2):
                a.dup_of = first


def stored_stories(arts: dict[int, Art], story_of: Mapping[int, int]) -> list[tuple[int, list[int]]]:
    """The period's stories as the store keeps them (``digests.store.stories``): (story id,
    article ids), by story id. A syndicated copy goes with the article it copies; an article
    the store has not grouped stands alone."""
    groups: dict[int, list[int]] = defaultdict(list)
    for aid in sorted(arts):
        original = arts[aid].dup_of or aid
        groups[story_of.get(original, original)].append(aid)
    return sorted(groups.items())
