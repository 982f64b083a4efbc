"""Where each rule runs: windows around its triggers, and the candidate matches found there.

Rather than run every pattern over the whole article, the scanner finds the
words a rule cannot do without (its triggers, from the rule records) and runs
the rule only in a window around them. One pass of an Aho-Corasick automaton
over the lower-cased text finds every trigger word at once (``wordscan``); a
window need not start on a word boundary: the patterns' own ``\\b`` and
look-behinds see the text before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from itertools import chain
from typing import NamedTuple

from digests.extract import vocab
from digests.extract.numbers import NUMBER_LEADS
from digests.extract.text import Doc, caseless, digit_runs
from digests.extract.times.rules import rules, trigger_table
from digests.extract.times.starts import lowered, matches_in, required_words, searcher
from digests.extract.wordscan import WordFinder, successive

Candidate = tuple[str, re.Match[str]]  # (rule name, match)

_CLOCK_AFTER = re.compile(r"[:.]\d\d|\s*(?:[ap]\.?m\b|[ap]\.m\.|gmt|utc|hrs)", re.I)
_PUNCT = ".,;:!?\"'`()[]{}\u201c\u201d\u2018\u2019"
_POSSESSIVE = ("'s", "\u2019s")


def _token_words(low: str, a: int, b: int) -> set[str]:
    """The vocabulary words of the whitespace-delimited token around ``low[a:b]``: the token
    stripped of punctuation and a possessive, and its hyphenated and full-stop parts."""
    lo = a
    while lo > 0 and not low[lo - 1].isspace():
        lo -= 1
    hi = b
    n = len(low)
    while hi < n and not low[hi].isspace():
        hi += 1
    tok = low[lo:hi].strip(_PUNCT)
    if tok.endswith(_POSSESSIVE):
        tok = tok[:-2]
    words = {tok}
    if "-" in tok:
        words.update(tok.split("-"))
    if "." in tok:  # two sentences glued by a missing space: "may.on"
        words.update(tok.split("."))
    return words


def _is_word(low: str, w: str, starts: list[int]) -> bool:
    """Whether ``w`` (or ``w`` and an s) is a word of ``low``: a token of it, bare or stripped of
    punctuation and a possessive, or a hyphenated part of one. ``starts``: every place ``w`` is."""
    plural = w + "s"
    width = len(w)
    n = len(low)
    for p in starts:
        # such a word begins after a blank, punctuation or a hyphen and ends before one (an
        # s between): a letter beside the place settles it without reading the token
        if p > 0 and low[p - 1].isalpha():
            continue
        e = p + width
        if e < n and low[e].isalpha() and (low[e] != "s" or (e + 1 < n and low[e + 1].isalpha())):
            continue
        words = _token_words(low, p, e)
        if w in words or plural in words:
            return True
    return False


def _word_hits(low: str, w: str, prefix: bool, starts: list[int]) -> list[tuple[int, int]]:
    """Of the places ``w`` is (ascending), those where it starts a word and ends one (or takes
    an s, or ``prefix``), each searched after the end of the one before, as ``str.find`` would."""
    n = len(low)
    width = len(w)
    out: list[tuple[int, int]] = []
    for pos in successive(starts, width):
        end = pos + width
        if (pos == 0 or not low[pos - 1].isalpha() or w[0] == "-") and (
            prefix or end >= n or not low[end].isalpha() or low[end] == "s"
        ):
            out.append((pos, end))
    return out


# Words no trigger and no figure needs, looked for in the same pass so that the rules that cannot
# match without one of them ("this" or "last" for "last March", "the past week", "this Friday":
# ``_requirements``, read off the patterns) skip the windows that hold none.
_REQUIREMENT_WORDS = ("this", "last")
# The cheap tests of the events stage (resources/time/hints.txt: the words every claim, every clause
# break, every cue that calls a plan off holds one of), looked for in the same pass too: a sentence
# then asks where they stand (``hint_places``), not a search of its own.
HINT_TAGS = ("claim", "clause_break", "off")


@cache
def _finder() -> WordFinder:
    """Every trigger word, by its index in ``trigger_table()``, then the words that open a figure
    (``numbers.NUMBER_LEADS``) that are not trigger words, then ``_REQUIREMENT_WORDS`` and the hints
    of ``HINT_TAGS`` (lower-cased): one pass finds them all."""
    words = [use.word for use in trigger_table()]
    words += [w for w in NUMBER_LEADS if w not in words]
    words += [w for w in _REQUIREMENT_WORDS if w not in words]
    for tag in HINT_TAGS:
        words += [h for h in dict.fromkeys(h.lower() for h in vocab.hints(tag)) if h not in words]
    return WordFinder(words)


@cache
def _word_indices() -> dict[str, int]:
    return {w: i for i, w in enumerate(_finder().words)}


def word_index(word: str) -> int:
    """The index of a trigger word or of a word of ``numbers.NUMBER_LEADS`` in ``word_places``."""
    return _word_indices()[word]


@cache
def _hint_words(tag: str) -> tuple[tuple[int, int], ...]:
    """The hints tagged ``tag`` (one of ``HINT_TAGS``): (index in ``word_places``, length)."""
    return tuple((word_index(h), len(h)) for h in dict.fromkeys(h.lower() for h in vocab.hints(tag)))


def hint_places(doc: Doc, tag: str) -> list[tuple[int, int]] | None:
    """Where the hints tagged ``tag`` (one of ``HINT_TAGS``) stand in ``doc.lower``: (start, end),
    sorted, overlaps included; None where ``doc.lower`` does not keep the text's offsets. A stretch of
    the text lower-cased holds a hint where one of these lies inside it (``holds_hint``)."""
    if len(doc.lower) != len(doc.text):
        return None
    places = word_places(doc)
    out: list[tuple[int, int]] = []
    for i, width in _hint_words(tag):
        found = places.get(i)
        if found:
            out.extend([(p, p + width) for p in found])
    out.sort()
    return out


def holds_hint(spans: list[tuple[int, int]], lo: int, hi: int) -> bool:
    """Whether one of ``spans`` (``hint_places``) lies inside ``lo``..``hi``."""
    k = bisect_left(spans, (lo, lo))
    n = len(spans)
    while k < n and spans[k][0] < hi:
        if spans[k][1] <= hi:
            return True
        k += 1
    return False


def word_places(doc: Doc) -> dict[int, list[int]]:
    """Where each word of the scanner's pass stands in ``doc.lower`` (overlaps included), by
    ``word_index``: found once per Doc (``Doc.word_places``) for the times and figures stages."""
    places = doc.word_places
    if places is None:
        places = doc.word_places = _finder().places(doc.lower)
    return places


# One digit trigger as the scanner reads it: (rule name, window before, window after, the
# characters one of which must come before (""), after (""), the text within three characters
# (""), whether a clock time must follow).
_DigitUse = tuple[str, int, int, str, str, str, bool]


class _DigitIndex(NamedTuple):
    """The digit triggers of one width, by the first condition each one has: ``free`` (none),
    ``after`` / ``before`` (by each character it allows there), ``near``, ``clock``. The other
    conditions of a trigger are checked as well; each trigger is listed once."""

    free: tuple[_DigitUse, ...]
    after: dict[str, tuple[_DigitUse, ...]]
    before: dict[str, tuple[_DigitUse, ...]]
    near: tuple[_DigitUse, ...]
    clock: tuple[_DigitUse, ...]


def _digit_index(width: int) -> _DigitIndex:
    free: list[_DigitUse] = []
    after: dict[str, list[_DigitUse]] = {}
    before: dict[str, list[_DigitUse]] = {}
    near: list[_DigitUse] = []
    clock: list[_DigitUse] = []
    for r in rules():
        for d in r.digits:
            if d.width != width:
                continue
            use: _DigitUse = (r.name, d.window[0], d.window[1], d.prev, d.next, d.near, d.clock)
            if d.next:
                for ch in d.next:
                    after.setdefault(ch, []).append(use)
            elif d.prev:
                for ch in d.prev:
                    before.setdefault(ch, []).append(use)
            elif d.near:
                near.append(use)
            elif d.clock:
                clock.append(use)
            else:
                free.append(use)
    return _DigitIndex(
        tuple(free),
        {k: tuple(v) for k, v in after.items()},
        {k: tuple(v) for k, v in before.items()},
        tuple(near),
        tuple(clock),
    )


def _digit_windows(text: str, raw: dict[str, list[tuple[int, int]]], runs: list[tuple[int, int]]) -> None:
    """Windows around the runs of digits (``runs``: ``Doc.digit_runs``), for the rules with digit
    triggers.

    A run of four digits (a year) or of one or two is looked up by the characters around it
    (``_DigitIndex``): only the triggers it can meet are tried.
    """
    for a, b in runs:
        width = b - a
        if width == 4:
            index = _DIGITS_4
        elif width <= 2:
            index = _DIGITS_2
        else:
            continue
        nxt = text[b : b + 1]
        prev = text[a - 1] if a > 0 else ""
        uses = index.free
        if nxt in index.after:
            uses = uses + index.after[nxt]
        if prev in index.before:
            uses = uses + index.before[prev]
        if index.near:
            uses = uses + index.near
        clock: bool | None = None
        if index.clock:
            clock = _CLOCK_AFTER.match(text, b) is not None
            if clock:
                uses = uses + index.clock
        for name, left, right, before, after, near, needs_clock in uses:
            if after and not (nxt and nxt in after):
                continue
            if before and not (prev and prev in before):
                continue
            if near and near not in text[max(0, a - 3) : b + 3]:
                continue
            if needs_clock:
                if clock is None:
                    clock = _CLOCK_AFTER.match(text, b) is not None
                if not clock:
                    continue
            spans = raw.get(name)
            if spans is None:
                spans = raw[name] = []
            spans.append((max(0, a - left), b + right))


_DIGITS_4 = _digit_index(4)
_DIGITS_2 = _digit_index(2)


def windows(
    text: str,
    low: str | None = None,
    runs: list[tuple[int, int]] | None = None,
    places: dict[int, list[int]] | None = None,
) -> dict[str, list[tuple[int, int]]]:
    """Per rule, the merged stretches of ``text`` worth running it on.

    A trigger word opens its rules' windows where it stands as a word; one that is not
    ``always`` looked for does so only when it is a word of the text's vocabulary (a token,
    stripped of punctuation and a possessive, or a hyphenated part), alone or with an s.
    ``low``, ``runs`` and ``places``: ``text.lower()``, its runs of digits and where the
    scanner's words stand in it (``Doc.lower``, ``Doc.digit_runs``, ``word_places``), found
    here when not given.
    """
    if low is None:
        low = text.lower()
    if runs is None:
        runs = digit_runs(text)
    if places is None:
        places = _finder().places(low)
    n = len(text)
    table = trigger_table()
    n_triggers = len(table)
    raw: dict[str, list[tuple[int, int]]] = {}
    for i, starts in sorted(places.items()):
        if i >= n_triggers:
            continue  # a word that opens a figure, no trigger
        use = table[i]
        w = use.word
        if not use.always and not _is_word(low, w, starts):
            continue
        hits = _word_hits(low, w, use.prefix, starts)
        if not hits:
            continue
        for k, left, right in use.uses:
            spans = raw.get(k)
            if spans is None:
                spans = raw[k] = []
            spans.extend([(p - left if p > left else 0, e + right) for p, e in hits])
    _digit_windows(text, raw, runs)
    merged: dict[str, list[tuple[int, int]]] = {}
    for k, spans in raw.items():
        spans.sort()
        out = [spans[0]]
        last_lo, last_hi = spans[0]
        for lo, hi in spans:
            if lo <= last_hi:
                if hi > last_hi:
                    last_hi = hi
                    out[-1] = (last_lo, hi)
            else:
                last_lo, last_hi = lo, hi
                out.append((lo, hi))
        if last_hi > n:
            out[-1] = (last_lo, n)
        merged[k] = out
    return merged


@cache
def _searchers() -> dict[str, re.Pattern[str]]:
    """Each rule's pattern as ``find_in`` runs it (``starts.searcher``), by rule name."""
    return {r.name: searcher(r.regex, r.start_filter) for r in rules()}


@cache
def _lowered() -> dict[str, re.Pattern[str] | None]:
    """Each rule's ``starts.lowered`` pattern (None for a rule with case-sensitive parts), by rule name."""
    return {r.name: lowered(r.regex) if r.start_filter else None for r in rules()}


@cache
def _requirements() -> dict[str, tuple[int, ...]]:
    """For the rules whose every match holds one of a few words of the scanner's pass other than
    their triggers (``starts.required_words``, read off the pattern): those words' indices in
    ``word_places``, by rule name."""
    words = frozenset(_finder().words)
    out: dict[str, tuple[int, ...]] = {}
    for r in rules():
        triggers = frozenset(w for w, _ in r.triggers)
        need = required_words(r.regex, words, triggers)
        if need is not None and not need & triggers:
            out[r.name] = tuple(sorted(word_index(w) for w in need))
    return out


def candidates(
    text: str,
    low: str | None = None,
    runs: list[tuple[int, int]] | None = None,
    places: dict[int, list[int]] | None = None,
) -> list[Candidate]:
    """Every rule match in ``text``: (rule name, match), rule by rule (``low``, ``runs``,
    ``places``: as ``windows`` takes them).

    A rule whose every match holds one of a few other words of the scanner's pass
    (``_requirements``: "morning" or "night" for "that night") skips the windows that hold none
    of them: no match can be there, so the matches are the same.
    """
    if low is None:
        low = text.lower()
    if places is None:
        places = _finder().places(low)
    found: list[Candidate] = []
    table = _searchers()
    needs = _requirements()
    # where the engine's case folding is lower-casing: a match holds its required word lower-cased,
    # and the case-blind rules find where their matches start in ``low`` (``text.caseless``)
    plain = caseless(text, low)
    lower = _lowered() if plain else {}
    where: dict[tuple[int, ...], list[int]] = {}
    for name, spans in windows(text, low, runs, places).items():
        need = needs.get(name) if plain else None
        if need is not None:
            at = where.get(need)
            if at is None:
                at = where[need] = sorted(chain.from_iterable([places.get(i, ()) for i in need]))
            n = len(at)
            spans = [(lo, hi) for lo, hi in spans if (k := bisect_left(at, lo)) < n and at[k] < hi]
        if spans:
            found.extend([(name, m) for m in matches_in(table[name], text, spans, low, lower.get(name))])
    return found
