"""The participants of an event whose clause points back at people named before it.

"both leaders will meet", "the two sides agreed", "the summit will open on Jan 13": the event is
that of the people (and places) of the nearest sentence before that names a person. The words
are data (resources/lexicon/joint_reference.tsv); the grammar around them is here.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from digests.extract.lexicon import joint_words, trie_regex
from digests.extract.text import Doc
from digests.extract.times.starts import guarded, holds_folded, lowered
from digests.models import Entity

# Words that point back at participants named before: "both leaders will meet", "the two sides
# agreed", "the summit will open": the event is theirs (see :func:`participants`).
_JOINT = re.compile(rf"(?i)\b(?:both|the\s+(?:two|three))\s+(?:{trie_regex(joint_words('group'))})\b")
_LEADER_WORDS = re.compile(rf"(?i)\b(?:{trie_regex(joint_words('office'))})\b")
# an office of state in an entity's role: who "both leaders" can be
_LEADER_ROLE = re.compile(rf"(?i)\b(?:{trie_regex(joint_words('role'))})\b")
# "the summit will open on Jan 13": theirs too, unless the clause names its own people.
_MEETING = re.compile(
    rf"(?i)\b(?:the|their|that|this)\s+(?:planned\s+|proposed\s+|upcoming\s+)?"
    rf"(?:{trie_regex(joint_words('meeting'))})\b"
)


def leaders_of(entities: Iterable[Entity]) -> set[str]:
    """The names of the entities whose role is an office of state (who "both leaders" can be)."""
    return {ent.name for ent in entities if ent.role and _LEADER_ROLE.search(ent.role)}


def points_back(clause: str, maybe_joint: bool, own_people: bool) -> bool:
    """Whether ``clause`` points back at participants named before: "both leaders", "the two sides"
    (``maybe_joint``: its sentence holds "both", "two" or "three"), or "the summit" in a clause that
    names no person of its own (``own_people`` False)."""
    return (maybe_joint and holds_folded(_JOINT, _JOINT_LOW, clause)) or (
        not own_people and holds_folded(_MEETING, _MEETING_LOW, clause)
    )


def participants(
    doc: Doc,
    n_sent: int,
    mentions: list[tuple[int, int, str]],
    kinds: dict[str, str],
    leaders: set[str],
    clause: str,
) -> set[str]:
    """The people and places of the nearest sentence before (up to three back, in the same
    paragraph or the one before) that names a person, for a clause that points back at them
    ("both leaders", "the summit"); "both leaders" and "the two presidents" take only people
    who hold an office of state. ``mentions``: (start, end, name), sorted."""
    sents = doc.sentences
    only_leaders = _LEADER_WORDS.search(clause) is not None
    for k in range(n_sent - 1, max(-1, n_sent - 4), -1):
        prev = sents[k]
        if prev.paragraph < sents[n_sent].paragraph - 1:
            break
        # mentions are sorted by start: those of the sentence lie from the first at its start on
        here = set()
        for i in range(bisect_left(mentions, (prev.start,)), len(mentions)):
            s, e, n = mentions[i]
            if s > prev.end:
                break
            if e <= prev.end:
                here.add(n)
        who = {n for n in here if kinds.get(n) == "person" and (n in leaders or not only_leaders)}
        if who:
            return who | {n for n in here if kinds.get(n) == "place"}
    return set()


# The patterns searched over clauses, behind the look-ahead of the places a match can start
# (starts.guarded): the same matches, without trying each at every character.
_JOINT, _MEETING, _LEADER_WORDS, _LEADER_ROLE = (
    guarded(rx) or rx for rx in (_JOINT, _MEETING, _LEADER_WORDS, _LEADER_ROLE)
)
# searched for in a clause lower-cased (``starts.holds_folded``): most clauses hold neither
_JOINT_LOW, _MEETING_LOW = lowered(_JOINT), lowered(_MEETING)
