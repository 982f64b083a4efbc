"""Where a sentence splits into clauses: the one module of clause breaks.

Three kinds of break, each for its own question (a break of one is not always a break of another):

- ``EVENT_BREAK``: where a sentence splits into clauses that can each state a dated event of their
  own ("The ministers met on Monday, but the vote was put off until Friday": two events); with a
  trailing attribution (", the ministry said on Jan 5."), :func:`split_clauses`. Tiny pieces join
  a neighbour. Cheap hints (resources/time/hints.txt) settle the sentences that hold no break
  before the pattern is tried.
- ``DATE_CLAUSE_BREAK``: where a long sentence is cut to show the clause that holds an event's date
  (``digests.extract.shown``): also at ", and" and at "and" before a time, where one event's
  clause goes on ("will open the fair in Vell next week and in mid-April is expected to chair a
  council": the second date's clause is "in mid-April is expected to chair a council"), and after
  a quotation closed after its stop ('"... on the ground." She predicted').
- ``STATE_BREAK``: where the clause that tells a state's end starts ("According to its figures, its
  ships escorted 900 vessels, and its mandate runs until May 2027": "its mandate runs until May
  2027"): also after a colon and ", although".
"""

from __future__ import annotations

import re

from digests.extract import vocab
from digests.extract.lexicon import CUE_FORMS, trie_regex
from digests.extract.text import Sentence
from digests.extract.times.scan import holds_hint
from digests.extract.times.starts import guarded
from digests.models import TimeExpression

# Where a sentence splits into clauses that can each state an event of their own.
EVENT_BREAK = re.compile(
    r";\s+|,\s+but\s+|\s+but\s+(?=\w)|,\s+while\s+|,\s+whereas\s+|,\s+with\s+(?=\w+\s+\w+)"
    r"|,?\s+(?=(?:before|after)\s+(?:he|she|it|they|we|I|[A-Z]\w*|\w+ing)\b)"
    # "scheduled to be dismantled sometime before Friday": a time, not a clause
    rf"(?!\s*(?:before|after)\s+(?:{vocab.WEEKDAYS.alternation()}|{vocab.MONTHS.alternation()})\b)"
    r"|,\s+(?=(?:and\s+)?(?:then|later)\b)"
)
# A trailing attribution: ", the ministry said on Jan 5.": its verb is "says" or the past form
# of one of these cue verbs (resources/lexicon/cue_verbs.tsv).
_TAIL_LEMMAS = frozenset({"say", "tell", "announce", "report", "add", "confirm", "state"})
_TAIL_HINTS = (
    *(f for f, lem in CUE_FORMS.items() if lem in _TAIL_LEMMAS and f != lem and not f.endswith(("s", "ing"))),
    "says",
)
_ATTRIBUTION_TAIL = re.compile(
    rf",\s+(?=(?:[\w'\u2019.-]+\s+){{0,8}}?(?:{'|'.join(_TAIL_HINTS)})\b[^,]{{0,60}}$)"
)
_BREAK_HINTS = vocab.hints("clause_break")  # (resources/time/hints.txt)
# whether a sentence holds any of the hints: one search (of a trie), not a substring test per hint
_BREAK_HINT, _TAIL_HINT = (re.compile(trie_regex(h, literal=True)) for h in (_BREAK_HINTS, _TAIL_HINTS))


def split_clauses(
    text: str, s: Sentence, hints: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """The sentence ``s`` cut at clause boundaries, as absolute offsets; tiny pieces join a neighbour.
    ``hints``: where the clause break hints stand in the text lower-cased (``scan.hint_places``)."""
    breaks: list[tuple[int, int]] = []
    # cheap substring tests first: most sentences have no clause break at all
    if _BREAK_HINT.search(text, s.start, s.end) if hints is None else holds_hint(hints, s.start, s.end):
        breaks = [(m.start(), m.end()) for m in EVENT_BREAK.finditer(text, s.start, s.end)]
    # no comma follows the tail's own (its words, the verb and what ends the sentence hold none):
    # it can open at the sentence's last comma only, and holds one of the verbs after it
    comma = text.rfind(",", s.start, s.end)
    if comma >= 0 and _TAIL_HINT.search(text, comma, s.end):
        tail = _ATTRIBUTION_TAIL.match(text, comma, s.end)
        if tail:
            breaks.append((tail.start(), tail.end()))
    if not breaks:
        return [(s.start, s.end)] if s.end > s.start else []
    breaks.sort()
    pieces: list[tuple[int, int]] = []
    pos = s.start
    for bs, be in breaks:
        if bs >= pos:
            pieces.append((pos, bs))
            pos = be
    pieces.append((pos, s.end))
    pieces = [(a, b) for a, b in pieces if b > a]
    merged: list[tuple[int, int]] = []
    for a, b in pieces:
        if merged and (len(text[a:b].split()) < 4 or len(text[merged[-1][0] : merged[-1][1]].split()) < 4):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def trim_clause(text: str, a: int, b: int) -> tuple[int, int]:
    """``text[a:b]`` without the spaces and punctuation a cut leaves at its ends."""
    while a < b and text[a] in " ,;:\u2013\u2014-":
        a += 1
    while b > a and text[b - 1] in " ,;:":
        b -= 1
    return a, b


# The pattern searched over whole sentences, behind the look-ahead of the places a match can start
# (starts.guarded): the same matches, without trying it at every character.
EVENT_BREAK = guarded(EVENT_BREAK) or EVENT_BREAK

# Where a long sentence is cut to show the clause of an event's date: a semicolon, a comma and a
# conjunction, or "and" before a time ("will attend a NATO summit next week and in mid-September is
# expected to host ..."), and a quotation closed after its stop, which the sentence splitter keeps
# inside ('on the ground." He').
DATE_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?:and|but|while|whereas)\s+|\s+and\s+(?=(?:in|on|by|at|from|next|this|later|early|late)\b)"
    r"|(?<=[.!?][\u201d\"])\s+(?=[A-Z])"
)
# Where the clause holding a state's end starts: after the last of these before its cue ("its ships
# escorted 900 vessels, and its mandate runs until May 2027").
STATE_BREAK = re.compile(r"(?:[;:]|,\s+(?:and|but|while|whereas|although)\b)\s*")


_REPORTING_VERB = rf"(?:{vocab.REPORTING_VERBS.alternation()}|confirmed|revealed|disclosed)"
# (not a determiner between: "said the Friday summit would not take place" dates the summit)
_REPORTED_ON = re.compile(
    rf"(?i)\b{_REPORTING_VERB}\s+(?:(?!(?:the|a|an|this|that|its|his|her|their)\s)\w+\s+)?(?:(?:on|late|early|earlier)\s+)?$"
)


# a telling that opens its clause with its date: "On Saturday, state media reported that ...", "Late
# Tuesday the ministry announced ..." (the subject a few words, no comma: not "On Monday, rebels seized
# the dam and the army said ...")
_DATE_FIRST_LEAD = re.compile(r"(?i)(?:(?:on|late|early|earlier)\s+)?")
_DATE_FIRST = re.compile(rf"(?i),?\s+(?:[\w'\u2019.-]+\s+){{1,5}}?{_REPORTING_VERB}\b")


def telling(text: str, t: TimeExpression, here: list[TimeExpression], a: int, b: int) -> tuple[int, int]:
    """The words of a reporting clause dated by ``t`` ("his office said on Jan 2", "Hale said on
    Wednesday", "On Saturday, state media reported") when its clause dates another event too, told
    after the telling's verb when the date opens the clause; else the clause ``a``..``b``."""
    told = _REPORTED_ON.search(text, max(a, t.start - 30), t.start)
    if told is None:
        if t.start - a > 9 or _DATE_FIRST_LEAD.fullmatch(text, a, t.start) is None:
            return a, b
        verb = _DATE_FIRST.match(text, t.end, b)
        if verb is None or not any(o.start >= verb.end() for o in here):
            return a, b
        return a, verb.end()
    if not any(o is not t for o in here):
        return a, b
    comma = text.rfind(", ", a, told.start())
    return (comma + 2 if comma >= 0 else a), t.end


_REPORTED_ON = guarded(_REPORTED_ON) or _REPORTED_ON
_DATE_FIRST = guarded(_DATE_FIRST) or _DATE_FIRST
