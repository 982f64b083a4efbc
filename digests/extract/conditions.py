"""Dates told in a condition: a counterfactual ("if we had just bombed Assad in 2013", "would
testify tomorrow if it was about the truth") or an open one ("if they fail by Friday, ..."):
what would follow from them, not events."""

from __future__ import annotations

import re

from digests.extract import vocab
from digests.extract.times.starts import guarded
from digests.extract.times.tense import Cue
from digests.models import TimeExpression

# "if we had just bombed Assad in 2013", "if Obama had armed the rebels three years ago": a date
# inside a counterfactual condition (not "if the party wins the 2015 election": a real one)
_IF_BEFORE = re.compile(
    r"(?i)\b(?:if|unless)\s+[^,;:\"\u201c\u201d()]*?\b(?:had|were|did)\b(?:[^,;:\"\u201c\u201d()]|,(?=\s(?:\d|$)))*$"
)
# "would testify tomorrow if it was about the truth": a counterfactual, no plan
_WOULD_BEFORE = re.compile(r"(?i)\b(?:would|could|might)\s+(?:[\w'\u2019-]+\s+){1,4}?$")
_SAID_BEFORE = re.compile(rf"(?i)\b(?:{vocab.REPORTING_VERBS.alternation()}|told|promised|vowed|warned)\b")
_IF_PAST = re.compile(r"(?i)\bif\s+(?:[\w'\u2019-]+\s+){1,4}?(?:was|were|had|did)\b")


# the letters other than ASCII ones that a case-insensitive pattern matches to ASCII letters
# ("\u0130" and "\u0131" to i, "\u017f" to s, the Kelvin sign to k)
_FOLDED = ("\u0130", "\u0131", "\u017f", "\u212a")


def may_hold(window: str, words: tuple[str, ...], low: str | None = None) -> bool:
    """Whether a case-insensitive pattern could find one of ``words`` (ASCII, lower case) in
    ``window``: one is in its lower case, or the window holds a letter that folds to an ASCII one.

    The words a pattern needs, looked for before it is tried at every offset of its window (most
    dates have neither "if" nor a modal before them). ``low``: ``window.lower()``, when read already.
    False for a window is False for every window inside it."""
    if low is None:
        low = window.lower()
    for w in words:
        if w in low:
            return True
    if window.isascii():
        return False
    return any(c in window for c in _FOLDED)


#: every word ``conditional`` and ``open_condition`` need one of before a date (``may_hold``)
CONDITION_WORDS = vocab.hints("condition")  # (resources/time/hints.txt)


# A hypothetical example or case opened before the date, in its sentence: "Suppose that in 2030 the
# port cuts its fees", "Now imagine the talks collapsed on Friday", "if, say, the talks collapsed on
# Friday", "let's say", "hypothetically", or an inversion after "only"/"nowhere" ("Only in Valdora
# would a migrant cross the border on Monday and ... on Tuesday"): a case, not an event
_HYPOTHETICAL = re.compile(
    r"(?i)(?:^|[.;:!?\"\u201c(]\s*|\b(?:now|and|but|so|just|then)\s+)(?:suppose|supposing|imagine)\b"
    r"|(?:\bif|,)\s*say,\s|\blet['\u2019]s\s+say\b|\bhypothetical(?:ly)?\b"
    r"|\b(?:only|nowhere)\s+(?:in|when|if|after|then|there|here)\b[^,;]{0,40}?\bwould\s+"
    r"(?:a|an|the|any|anyone|he|she|they|we|you|it|(?-i:[A-Z])[\w-]*)\b"
)
#: the words ``hypothetical`` needs one of (``may_hold``, once a sentence)
HYPOTHETICAL_WORDS = (
    "suppos", "imagin", "say,", "let's say", "let\u2019s say", "hypothetical", "only", "nowhere"
)


def hypothetical(text: str, lo: int, start: int) -> bool:
    """Whether the date at ``start`` is told in a hypothetical case the sentence (from ``lo``) opens
    before it ("Suppose that in 2030 the port cuts its fees", "if, say, the talks collapsed on Friday",
    "Only in Valdora would a migrant cross the border on Monday"): no event. Asked only of sentences
    that may hold one of HYPOTHETICAL_WORDS."""
    return _HYPOTHETICAL.search(text[lo:start]) is not None


def conditional(text: str, lo: int, start: int) -> bool:
    """Whether a date is told in a counterfactual: its condition ("if we had just bombed Assad in
    2013") or its consequence ("The President would testify tomorrow if it was about the truth"):
    no event."""
    window = text[max(lo, start - 80) : start]
    if may_hold(window, ("if", "unless")) and _IF_BEFORE.search(text, max(lo, start - 80), start):
        return True
    if not may_hold(window[-50:], ("would", "could", "might")):
        return False
    if not _WOULD_BEFORE.search(text, max(lo, start - 50), start):
        return False
    if _SAID_BEFORE.search(text, lo, start):
        return False  # "said the vote would take place Friday if the weather was good": reported, a plan
    return _IF_PAST.search(text, start, min(len(text), start + 80)) is not None


# "if they fail by Friday, ...", "If it takes place on July 12, we'll be ready": a date inside an
# open condition, set by a preposition (or a "tomorrow") of the condition's own verb; not "if the
# party wins the 2015 election" (the election is real) nor "asked if" (a question). The words
# are data (resources/time/open_condition.txt: @asks before "if", @sets before the date).
_OPEN_WORDS = vocab.vocabulary("open_condition")
_IF_OPEN = re.compile(
    r"(?i)" + "".join(rf"(?<!\b{w}\s)" for w in _OPEN_WORDS.words("asks"))
    + r"\b(?:if|unless)\s+(?:[^\s,;:\"\u201c\u201d()]+\s+){1,10}?"
    rf"(?P<prep>(?:{_OPEN_WORDS.alternation('sets')})\s+)?$"
)
_BARE_AHEAD = re.compile(r"(?i)(?:tomorrow|tonight|today)\b")


def open_condition(text: str, lo: int, t: TimeExpression) -> bool:
    """Whether ``t`` is a date inside an open condition ("if they fail by Friday", "if it takes
    place on July 12"): what would follow from it, not a plan."""
    lo = max(lo, t.start - 80)
    if not may_hold(text[lo : t.start], ("if", "unless")):
        return False
    found = _IF_OPEN.search(text, lo, t.start)
    return found is not None and (found["prep"] is not None or _BARE_AHEAD.match(t.text) is not None)


# "Depending on how the talks go, they could meet the week of Jan. 26", "If the talks go well, the
# leaders might meet in March": a weak modal (in lower case: "Theresa May" is a name) governing a
# date in the consequence of an open condition (resources/time/open_condition.txt, @depends; not
# "asked if": a question)
_DEPENDS = re.compile(
    r"(?i)" + "".join(rf"(?<!\b{w}\s)" for w in _OPEN_WORDS.words("asks"))
    + rf"\b(?:{_OPEN_WORDS.alternation('depends')})\b"
)
#: the weak modals a possibility rests on (``may_hold`` looks for them first)
POSSIBILITY_MODALS = ("could", "might", "may")
# between the modal and the date: a relative clause of its own ("may not make it in time for the
# court term that begins next Monday": the term's start is a plan)
_OWN_CLAUSE = re.compile(r"(?i)\b(?:that|which|who|whose|where|when)\b")


def possibility(text: str, lo: int, hi: int, start: int, cue: Cue | None) -> str | None:
    """The modal that makes the date at ``start``, governed by the tense cue ``cue``, a possibility,
    not a plan: a weak modal ("could", "might", "may") before the date, in a sentence (``text[lo:hi]``)
    that opens a condition ("Depending on how those talks progress, they could move to ... the week
    of Sept. 22"); not a date in the condition itself ("could hinge on it, depending on the outcome
    of this year's election") nor in a relative clause after the modal. None when there is none."""
    if cue is None or cue[1] > start or text[cue[0] : cue[1]] not in POSSIBILITY_MODALS:
        return None
    if _OWN_CLAUSE.search(text, cue[1], start) or _DEPENDS.search(text, cue[1], start):
        return None
    return text[cue[0] : cue[1]] if _DEPENDS.search(text, lo, hi) is not None else None


# The patterns searched over the words before a date, behind the look-ahead of the places a match
# can start (starts.guarded): the same matches, without trying each at every character.
_IF_BEFORE, _WOULD_BEFORE, _SAID_BEFORE, _IF_OPEN, _HYPOTHETICAL = (
    guarded(rx) or rx for rx in (_IF_BEFORE, _WOULD_BEFORE, _SAID_BEFORE, _IF_OPEN, _HYPOTHETICAL)
)
