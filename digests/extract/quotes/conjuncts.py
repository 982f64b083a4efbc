"""Coordinated speakers: "Le Drian, Merkel and the IAEA all said" is said by all three and read
as said by the first named; "the heads of the CIA, the FBI and the NSA" all stand inside the
phrase of "of" that holds the first, as its objects."""

from __future__ import annotations

import bisect
import re
from typing import Protocol, TypeVar

from digests.extract import lexicon as lx

# what joins a mention to the one before it in a list: ", ", " and ", ", and " (or "or"), then
# perhaps "the" or "former" (a mention holds its own title: "German Chancellor Angela Merkel")
_JOIN = re.compile(
    r"(?P<comma>,)?[ \t]+(?P<and>(?:and|or)[ \t]+)?(?:the[ \t]+)?(?:(?:former|late|acting)[ \t]+)?"
    r"(?:(?:[A-Z][\w.'’-]*[ \t]+){0,2}[A-Z][\w.'’-]*['’]s[ \t]+)?$"  # "he and North Korea's Kim"
)
# a mention followed by more of a list that closes with "and": "the CIA, the FBI and the NSA",
# "the FBI and the NSA"
_LIST_AFTER = re.compile(
    r"(?:,[ \t]+(?:the[ \t]+)?(?:[A-Z][\w.'’-]*(?:,?[ \t]+))+|,?[ \t]+)(?:and|or)[ \t]+(?:the[ \t]+)?[A-Z]"
)
# an acronym in brackets after the name it stands for: "the International Atomic Energy Agency (IAEA)"
_BRACKET = re.compile(r"[ \t]+\($")
_WHO_AFTER = re.compile(r",[ \t]+who\b")
_NAMED = frozenset({"person", "org"})
# a list of places stands in a prepositional phrase whole: "the leaders of Canada and Japan"
# (places only: "airstrikes inside Syria, Dempsey and Hagel have said" lists two people)
_PLACES = frozenset({"place"})
_PRONOUN = frozenset({"pronoun"})
_SUBJECT_PRONOUNS = frozenset({"he", "she", "i", "we"})


class _Mention(Protocol):
    start: int
    end: int
    kind: str


M = TypeVar("M", bound=_Mention)


def first_conjunct(
    text: str, cands: list[M], ends: list[int], c: M, floor: int, kinds: frozenset[str] = _NAMED
) -> M:
    """The first mention of the list of people or bodies that ``c`` closes or stands in ("X, Y
    and Z", "X and Y": X), or ``c`` itself. A list holds "and" (or "or"); one joined by ", and"
    holds three names or more (", and Baer said" after a clause is no list); "Patti LaBelle and
    Stevie Wonder, who joked" is the relative clause's own; a title before "and" ("Chamber of
    Commerce President and CEO X") is X's. ``kinds``: the mentions a list may hold."""
    if c.kind not in kinds:
        return c
    after = text[c.end : c.end + 1]
    if after == "," and _WHO_AFTER.match(text, c.end):
        return c
    first = _unbracketed(text, cands, ends, c) if after == ")" else c
    lo = max(floor, first.start - 20)
    # (most mentions stand in no list: no "and" or "or" before them, nothing after them that
    # could go on with one; they are settled without a pattern)
    if (
        text.find("and", lo, first.start) < 0
        and text.find("or", lo, first.start) < 0
        and not _list_may_follow(text, c.end, after)
    ):
        return c
    joined = _JOIN.search(text, lo, first.start)
    # the list closes with c ("..., Y and Z said") or goes on after it ("the CIA, the FBI and
    # the NSA"); ", " alone is no list ("Unlike Smith, Jones said"; "ISIS and ISIL, the White
    # House has said")
    if (joined is None or not joined.group("and")) and (
        text[c.end : c.end + 1] not in ", " or _LIST_AFTER.match(text, c.end) is None
    ):
        return c
    chain = [first]
    serial = False  # a list joined by ", and"
    while True:
        m = _JOIN.search(text, max(floor, first.start - 30), first.start)
        if m is None or not (m.group("comma") or m.group("and")):
            break
        prev = _ending_at(cands, ends, m.start(), floor, kinds)
        if prev is None and m.group("and") and not m.group("comma"):
            # "he and North Korea's Kim had agreed": a pronoun opens the list
            pron = _ending_at(cands, ends, m.start(), floor, _PRONOUN)
            if pron is not None and text[pron.start : pron.end].lower() in _SUBJECT_PRONOUNS:
                chain.append(pron)
                first = pron
            break
        if prev is None or lx.TITLE_CLASS.get(text[prev.start : prev.end].split()[-1].lower().rstrip(".")):
            break
        serial = serial or bool(m.group("comma") and m.group("and"))
        first = _unbracketed(text, cands, ends, prev)
        chain.append(first)
    return c if len(chain) < 2 or (serial and len(chain) < 3) else first


def _list_may_follow(text: str, end: int, after: str) -> bool:
    """Whether ``_LIST_AFTER`` may match at ``end`` (``after``: the character there): it needs a
    comma, or blanks and then "and" or "or"."""
    if after == ",":
        return True
    return after == " " and text[end + 1 : end + 2] in _BLANK_OR_CONJ


# what may stand after a mention's first blank when a list goes on after it: a blank, "and", "or"
_BLANK_OR_CONJ = frozenset({" ", "\t", "a", "o"})


def first_start(
    text: str, cands: list[M], ends: list[int], by_start: dict[int, list[M]], at: int, floor: int
) -> int:
    """Where the list opens that the longest named mention starting at ``at`` closes or stands
    in (``at`` when none): "the heads of the CIA, the FBI and the NSA" are all inside "of", and
    so are "the leaders of Canada and Japan" (a list of places)."""
    cs = by_start.get(at)
    if not cs:
        return at
    c = cs[-1]  # the longest: a start's mentions ascend by end (resolver_mentions.longest)
    if len(cs) > 1 and cs[-2].end == c.end:
        c = max(cs, key=lambda x: x.end)
    if c.kind in _NAMED:
        return first_conjunct(text, cands, ends, c, floor).start
    return first_conjunct(text, cands, ends, c, floor, _PLACES).start if c.kind == "place" else at


def _ending_at(
    cands: list[M], ends: list[int], at: int, floor: int, kinds: frozenset[str] = _NAMED
) -> M | None:
    """A person or body mention (of ``kinds``) ending at ``at`` (and starting at or after ``floor``)."""
    j = bisect.bisect_right(ends, at)
    for k in range(j - 1, max(-1, j - 6), -1):
        p = cands[k]
        if p.end == at and p.kind in kinds and p.start >= floor:
            return p
    return None


def _unbracketed(text: str, cands: list[M], ends: list[int], c: M) -> M:
    """The name an acronym in brackets follows ("Agency (IAEA)": the agency's mention), or ``c``."""
    m = _BRACKET.search(text, max(0, c.start - 4), c.start)
    if m is None or text[c.end : c.end + 1] != ")":
        return c
    return _ending_at(cands, ends, m.start(), 0) or c
