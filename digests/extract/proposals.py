"""Proposals, wishes and attempts: the words that make a date ahead someone's proposal, not a plan.

The cues are resources/time/proposal_cues.txt. Read twice: by the times stage, where a past
proposal verb puts the date it proposes ahead of the proposing ("Varga suggested a summit in
February" in a January paper is the coming February), and by ``status.proposal``, which gives
such a date the status ``proposed``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from digests.extract import vocab

# "proposed holding talks next week", "pushing for an early election on March 8"
PROPOSAL = re.compile(rf"(?i)\b(?:{vocab.vocabulary('proposal_cues').alternation()})\b")
# between a proposal's verb and a date that is the verb's own day ("proposed in February", "offered
# to on Monday" is none): only a preposition or a relative word
OWN_DAY = re.compile(r"(?i)[\s,]*(?:(?:on|in|at|during|last|this|earlier|late|early|by|as\s+early\s+as)\s+)*")
# the cues that are nouns with their words ("his bid to", "the preferred date"): cues after a determiner too
_NOUN_CUE = re.compile(rf"(?i)(?:{vocab.vocabulary('proposal_cues').alternation('noun')})")
# the stems one of which every proposal cue holds: a clause without one skips the pattern (plain
# substring tests of the lower-cased clause: a case-blind alternation is slow in re)
PROPOSAL_STEMS = (
    "propos", "forward", "suggest", "push", "press", "lobb", "angl", "clamo", "called", "attempt", "tried",
    "try", "tries", "sought", "seek", "fail", "offer", "urg", "demand", "prefer", "favo", "bid",
)


# a clause break between a proposal and a date: the date is another clause's
_BREAK = re.compile(r"[,;:()\u2013\u2014\"\u201c\u201d]| - ")
# before a proposal word, what makes it an adjective ("the proposed tariffs")
ADJECTIVE_USE = re.compile(r"(?i)\b(?:the|a|an|its|their|his|her|our|this|that)\s+$")


def holds_stem(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` holds one of the stems of the proposal cues (the cheap test before
    the pattern)."""
    low = text[lo:hi].lower()
    for stem in PROPOSAL_STEMS:  # noqa: SIM110  (a loop, not any(): most stretches hold no stem)
        if stem in low:
            return True
    return False


@lru_cache(maxsize=64)
def may_propose(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` (a sentence) holds a proposal cue's stem: read once a sentence, so that
    most of its dates skip ``proposes``."""
    return holds_stem(text, lo, hi)


def proposal_cue(text: str, lo: int, date_start: int) -> re.Match[str] | None:
    """The proposal cue in ``text[lo:date_start]`` that may propose the date at ``date_start``: the
    last one before it used as a verb, or a noun cue ("suggested a summit in February", "Johnson's
    preferred date of Dec. 12", "his bid to"), not a verb's form after a determiner, an adjective
    or a noun ("their offers to buy"), which names a thing proposed and leaves the date to the cue
    before it ("urged parliament to pass the proposed tariffs on March 1";
    "the proposed tariffs will take effect on March 1" has none), and not the date's own day
    ("first proposed in February"). The one rule of the times stage (:func:`proposes`) and of
    status (``status.proposal``)."""
    if not holds_stem(text, lo, date_start):
        return None
    last = None
    for m in PROPOSAL.finditer(text, lo, date_start):
        after_determiner = ADJECTIVE_USE.search(text, max(lo, m.start() - 6), m.start()) is not None
        if not after_determiner or _NOUN_CUE.fullmatch(m.group(0)):
            last = m
    if last is None or OWN_DAY.fullmatch(text, last.end(), date_start):
        return None
    return last


def proposes(text: str, lo: int, date_start: int, cues: Sequence[tuple[int, int, str, str | None]]) -> bool:
    """Whether a proposal cue in ``text[lo:date_start]`` proposes the date at ``date_start``
    ("suggested a summit in February", "called for talks on Friday"): :func:`proposal_cue`, with no
    clause break and no past verb of the tense ``cues`` between them ("proposed talks, and they met
    in February"; "called for a space force, saying in March")."""
    last = proposal_cue(text, lo, date_start)
    if last is None or _BREAK.search(text, last.end(), date_start):
        return False
    return not any(c[3] == "past" and last.end() <= c[0] < date_start for c in cues)
