"""Words around a speaking mention, read from the text alone: where a noun phrase read back
from its head starts, the body a bare "the ministry" stands for, whether an "I" is the writer's,
a title spelt out, whose surname a place's name is, a party tag. The quotation resolver
(resolver.py) asks these per candidate."""

from __future__ import annotations

import re
from itertools import pairwise

from digests.extract import lexicon as lx
from digests.extract import titles
from digests.extract.quotes.scan import _INSTITUTION_HEADS, _ONE_OF, _PREP_WORDS, _SPEAKER_HEADS, nom_back
from digests.models import Entity

_TITLE_ABBR = re.compile(r"\b(?:" + "|".join(map(re.escape, lx.TITLE_WORDS)) + r")\b\.?")


# words that end a noun phrase read back from its head: "the recent spate of | police",
# "the administration and | the military", "Noting that | an international watchdog agency"
_NP_BREAK = re.compile(
    r"(?<![\w'’-])(?:(?P<det>the|a|an)|" + "|".join(sorted(_PREP_WORDS | {"that", "which", "who"})) + r")\s"
)


def np_start(text: str, start: int, head_end: int) -> int:
    """Where a speaking noun phrase with an institution head ("the agency", "the military"),
    read back from its head, really starts: at its last inner
    determiner, or after its last preposition or conjunction at the determiner that follows
    ("the court" of "her submission to the court"), or -1 when none follows ("the recent spate
    of police": no phrase). "One of the officials" stays whole."""
    head_start = text.rfind(" ", start, head_end) + 1
    first = text.find(" ", start, head_end)
    if first < 0 or head_start <= first or text[head_start:head_end].lower() not in _INSTITUTION_HEADS:
        return start  # (only an institution's phrase is read out as its speaker's name)
    cut = prep = None
    for m in _NP_BREAK.finditer(text, first + 1, head_start):
        cut = m
        if not m.group("det"):
            prep = m
    if cut is None:
        return start
    before = text[start : prep.start()].split() if prep is not None else None
    if before and before[-1].lower() in _SPEAKER_HEADS:
        return start  # "an official from the organization": a speaker, of a body
    one_of = _ONE_OF.match(text, start)
    if one_of is not None and one_of.end() == head_end:
        return start
    back = nom_back(text, cut.start() if cut.group("det") else cut.end(), head_start)
    return back.start() if back else -1


# an institution noun after capitalised modifiers and at most two lower-case ones:
# "French foreign ministry", "U.S. military" (for _Resolver._body_before). Each modifier is read
# whole, none of it given back: a blank follows it, which no part of a word could be.
_MODIFIED_HEAD = re.compile(
    r"(?<![\w'’-])(?:[A-Z][\w.'’-]*+[ \t]+)+(?:[a-z][\w-]*+[ \t]+){0,2}"
    r"(?P<head>"
    + "|".join(sorted(w for h in _INSTITUTION_HEADS for w in (h, h.capitalize())))
    + r")(?![\w'’-])"
)
# title classes "the <title>" is resolved by, to the person last named with the title
TITLED_CLASSES = frozenset({"pol", "mil", "rel", "prof", "acad", "job", "party"})
# what a description says of an office's time: "the current ambassador" is no former one
_CURRENT = frozenset({"current", "sitting", "serving", "present"})


def same_tenure(words: list[str], person: Entity) -> bool:
    """Whether "the current ambassador" (``words``) can be ``person``: not when the person's role
    or title says "former" ("Laura Kennedy, a former U.S. ambassador")."""
    if not _CURRENT.intersection(w.lower() for w in words):
        return True
    return not any("former" in t.lower().split() for t in (person.role or "", *person.aliases))


DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "his", "her", "their", "our"})
_WORD_AT = re.compile(r"\S+")
_FUNCTION_WORDS = titles.NOT_DESC


def _modifier(word: str) -> bool:
    """A word that may modify an institution noun: "French", "U.S.", "foreign", "regional",
    never a function word or a capitalised sentence opener ("There is no military")."""
    if word[:1].isupper():
        return word not in lx.STOP_CAPS and word.lower() not in _FUNCTION_WORDS
    return word not in _FUNCTION_WORDS and word not in DETERMINERS


def heads_name(head: str, name: str) -> bool:
    """Whether ``head`` is the head noun of an organisation's name: its last word ("State
    Department") or its first before "of", "on" or "for" ("Ministry of Foreign Affairs")."""
    words = name.lower().split()
    return bool(words) and (
        words[-1] == head or (len(words) > 2 and words[0] == head and words[1] in {"of", "on", "for"})
    )


def name_heads(name: str) -> list[str]:
    """The head nouns an organisation's name may be shortened to, as written: its last word, and
    a head word of an organisation before "of", "on" or "for" ("Observatory" of "Syrian
    Observatory for Human Rights", "Ministry" of "Ministry of Health")."""
    words = name.split()
    out = words[-1:]
    for w, nxt in pairwise(words):
        if nxt in {"of", "on", "for"} and w in lx.ORG_HEADS and w not in out:
            out.append(w)
    return out


def spelt_out(title: str) -> str:
    """A title or alias in lower case with abbreviated titles spelt out ("sen. x" -> "senator x")."""
    low = title.lower()
    return _TITLE_ABBR.sub(lambda m: lx.TITLE_WORDS[m.group(0).rstrip(".")], low) if "." in low else low


# what may stand before the writer's "I" as a subject: nothing, punctuation, a conjunction
_I_LEAD = re.compile(
    r"(?:^|[.,;:!?)\u2014\u2013-]|(?<![\w'’-])(?:and|but|so|then|when|that|because|as|if|while|once|"
    r"Then|When|And|But|So|Once|While|As|If))\s*$"
)
_QUOTE_MARKS = re.compile(r"[\"\u201c\u201d]|``|''")
# "HRC: I would argue that ...": a transcript's speaker label opens the paragraph
_LABEL = re.compile(r"[A-Z][\w.'’ -]{0,30}:\s")


def writer_speaks(text: str, para_start: int, at: int) -> bool:
    """Whether the "I" at ``at`` is the writer speaking in the text's own voice: the subject of
    its clause ("Once, I laughed and said"; not "the experts I interviewed"), outside any
    quotation (an even number of marks before it in its paragraph) and outside a transcript's
    labelled turn."""
    if _I_LEAD.search(text, max(para_start, at - 12), at) is None:
        return False
    if len(_QUOTE_MARKS.findall(text, para_start, at)) % 2:
        return False
    return _LABEL.match(text, para_start) is None


def modified_body(text: str, head: str, lo: int, pos: int) -> tuple[str, tuple[int, int]] | None:
    """The last institution noun ``head`` in ``[lo, pos)`` after capitalised modifiers ("the
    French foreign ministry", "Singaporean foreign ministry spokeswoman"): the phrase without
    its determiner, and its span."""
    # No phrase runs over a line break, so the window's phrases are those of its lines, each line
    # read on its own from the last one back, and only where it holds the head (as written:
    # lower case or capitalised), not the whole window (up to 1,500 characters) every time
    cap = head.capitalize()
    end = pos
    while end > lo:
        start = max(lo, text.rfind("\n", lo, end) + 1)
        if text.find(head, start, end) >= 0 or text.find(cap, start, end) >= 0:
            for m in reversed(list(_MODIFIED_HEAD.finditer(text, start, end))):
                if m.group("head").lower() != head:
                    continue
                words = list(_WORD_AT.finditer(text, m.start(), m.end()))
                k = len(words) - 1  # the modifiers read back from the head, up to a word that is none
                while k > 0 and _modifier(words[k - 1].group(0)):
                    k -= 1
                words = words[k:]
                if len(words) > 1 and words[0].group(0)[:1].isupper():
                    return " ".join(w.group(0) for w in words), (words[0].start(), m.end())
        end = start - 1
    return None


LAST_WORD = re.compile(r"(\w+)[ \t]+$")


def surnamed(entities: list[Entity]) -> dict[str, Entity]:
    """People by a surname that only one of them bears ("Jordan": Jim Jordan), for a place
    written with that name before a cue verb."""
    out: dict[str, Entity | None] = {}
    for e in entities:
        words = e.name.split()
        if e.type == "person" and len(words) > 1 and e.mentions:
            out[words[-1]] = e if words[-1] not in out else None
    return {k: v for k, v in out.items() if v is not None}


# the party tag after a name: "Fred Upton (R-Mich.)", "John McCain, R-Ariz."
PARTY_TAGS = {
    party: re.compile(r"[ \t]*[(,][ \t]*" + letter + r"-[A-Z]")
    for party, letter in (("republican", "R"), ("democrat", "D"))
}
