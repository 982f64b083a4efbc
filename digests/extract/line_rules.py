"""A list of line patterns matched at a line's start, each tried only on lines it can match.

``re.compile("|".join(rules)).match(line)`` tries every rule on every line: for a page's
furniture rules (resources/furniture/lines.txt) on news text, where nearly no line matches,
that is most of the cost. ``LineRules`` reads off each parsed rule the characters a match can
open with, and, for a rule that can open with almost anything (".*pic.twitter.com/"), a
literal stretch every match holds ("ic.twitter.com/"). A line is then tried only against the
rules that can open with its first character, and against the others only when it holds
their literal. Both are read from the patterns themselves, so the rules stay data: no second
list is kept in step, and a rule the reading cannot follow is tried on every line.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

# the letters that the engine folds to ASCII ones when it ignores case, though lower-casing does
# not (or not to one character): a line holding one is tried against every rule that ignores case
# (the one table: text.caseless reads it too)
ODD_CASE_LETTERS = "\u0130\u0131\u017f\u212a"
ODD_CASE = re.compile(f"[{ODD_CASE_LETTERS}]")
_ASCII_DIGITS = "0123456789"
# every character ``\s`` can match (in a str pattern, those ``str.isspace`` calls blanks; all lie below
# U+3001: tests/test_line_rules.py checks the whole range): a rule opening with blanks ("[\u2022*]?\s*
# (?i:follow)") is keyed by them and by the characters after them, not tried on every line
_SPACES = frozenset(chr(c) for c in range(0x3001) if chr(c).isspace())
# the widest character range of a class whose characters are listed one by one
_RANGE_LIMIT = 128


class _GiveUp(Exception):
    """A construct the reading does not follow: the rule is tried on every line."""


def _chars(ch: str, icase: bool) -> set[str]:
    """What ``ch`` matches as a first character, among the characters the dispatch is keyed by
    (ASCII characters and characters without case; a line opening with a letter beyond ASCII is
    tried against every rule)."""
    if icase and ch.isalpha():
        if not ch.isascii():
            raise _GiveUp(ch)
        return {ch.lower(), ch.upper()}
    return {ch}


def _firsts(items: list[Any], icase: bool) -> tuple[set[str], bool]:
    """(the characters a match of the parsed sequence can open with, whether it can be empty)."""
    out: set[str] = set()
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width
        if op is sre.LITERAL:
            return out | _chars(chr(av), icase), False
        if op is sre.IN:
            for iop, iav in av:
                if iop is sre.LITERAL:
                    out |= _chars(chr(iav), icase)
                elif iop is sre.RANGE and iav[1] - iav[0] < _RANGE_LIMIT:
                    for code in range(iav[0], iav[1] + 1):
                        out |= _chars(chr(code), icase)
                elif iop is sre.CATEGORY and iav is sre.CATEGORY_DIGIT:
                    out |= set(_ASCII_DIGITS)  # (a line opening with another digit tries every rule)
                elif iop is sre.CATEGORY and iav is sre.CATEGORY_SPACE:
                    out |= _SPACES
                else:
                    raise _GiveUp(iop)  # a category or a negated class: almost any character
            return out, False
        if op is sre.SUBPATTERN:
            _group, add, rem, sub = av
            inner = (icase or bool(add & sre.SRE_FLAG_IGNORECASE)) and not rem & sre.SRE_FLAG_IGNORECASE
            chars, nullable = _firsts(list(sub), inner)
        elif op is sre.BRANCH:
            chars, nullable = set(), False
            for branch in av[1]:
                c, n = _firsts(list(branch), icase)
                chars |= c
                nullable |= n
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, _high, sub = av
            chars, nullable = _firsts(list(sub), icase)
            nullable = nullable or low == 0
        else:
            raise _GiveUp(op)
        out |= chars
        if not nullable:
            return out, False
    return out, True


# A literal every match holds, or one of a few: (the literals, whether they are matched ignoring case,
# then lower-cased)
_Needed = tuple[frozenset[str], bool]


def _better(found: _Needed, best: _Needed | None) -> bool:
    """Whether ``found`` rules out more lines than ``best``: its shortest literal longer, then fewer
    literals (a line holding none of them is not tried)."""
    if best is None:
        return True
    return (min(map(len, found[0])), -len(found[0])) > (min(map(len, best[0])), -len(best[0]))


def _either(sets: list[_Needed | None]) -> _Needed | None:
    """What a match of one of several branches holds: one of the literals of any of them (each branch
    holding one of its own); None where a branch holds none, or where the branches mix literals
    matched ignoring case with others beyond ASCII."""
    if any(n is None for n in sets):
        return None
    needed = [n for n in sets if n is not None]
    if all(not icase for _, icase in needed):
        return frozenset().union(*(lits for lits, _ in needed)), False
    # one found in the line lower-cased: a case-sensitive ASCII literal is there lower-cased too
    if any(not icase and not all(w.isascii() for w in lits) for lits, icase in needed):
        return None
    return frozenset(w.lower() for lits, _ in needed for w in lits), True


def _literal(items: list[Any], icase: bool) -> _Needed | None:
    """The literals one of which every match of the parsed sequence holds (the longest run of literal
    characters, or one in each branch of an alternation), with whether they are matched ignoring
    case (then lower-cased); None if none is found."""
    best: _Needed | None = None

    def consider(found: _Needed | None) -> None:
        nonlocal best
        if found is not None and found[0] and all(found[0]) and _better(found, best):
            best = found

    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            consider((frozenset({"".join(run).lower() if icase else "".join(run)}), icase))
            run = []
        if op is sre.SUBPATTERN:
            _group, add, rem, sub = av
            inner = (icase or bool(add & sre.SRE_FLAG_IGNORECASE)) and not rem & sre.SRE_FLAG_IGNORECASE
            consider(_literal(list(sub), inner))
        elif op is sre.BRANCH:
            consider(_either([_literal(list(branch), icase) for branch in av[1]]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            consider(_literal(list(av[2]), icase))
    if run:
        consider((frozenset({"".join(run).lower() if icase else "".join(run)}), icase))
    if best is not None and best[1] and not all(w.isascii() for w in best[0]):
        return None  # (lower-casing the line need not give what ignoring case matches)
    return best


class LineRules:
    """Patterns matched at a line's start (``re.match``): ``match(line)`` is whether one of
    them matches, as ``re.compile("|".join(rules)).match(line)`` is, trying fewer of them."""

    def __init__(self, rules: tuple[str, ...], flags: int = 0) -> None:
        self.whole = re.compile("|".join(f"(?:{p})" for p in rules), flags)
        by_first: dict[str, list[str]] = {}
        guarded: list[tuple[frozenset[str], bool, str]] = []
        rest: list[str] = []
        for p in rules:
            parsed = _parser.parse(p, flags)
            items = list(parsed)
            icase = bool(parsed.state.flags & sre.SRE_FLAG_IGNORECASE)
            try:
                chars, nullable = _firsts(items, icase)
            except _GiveUp:
                chars, nullable = set(), True
            if not nullable:
                for ch in chars:
                    by_first.setdefault(ch, []).append(p)
                continue
            lit = _literal(items, icase)
            if lit is not None:
                guarded.append((lit[0], lit[1], p))
            else:
                rest.append(p)
        self._by_first = {ch: self._join(ps, flags) for ch, ps in by_first.items()}
        # the rules that can open with almost anything, by the literals one of which each needs: as
        # written, or lower-cased (then looked for in the line lower-cased)
        needs = [(tuple(sorted(lits)), icase, re.compile(p, flags)) for lits, icase, p in guarded]
        # each literal with its rule, one pair a literal (a rule whose literals are all in a line is
        # tried once for each: the same answer, and most lines hold none)
        self._plain = tuple((lit, rx) for lits, icase, rx in needs if not icase for lit in lits)
        self._folded = tuple((lit, rx) for lits, icase, rx in needs if icase for lit in lits)
        self._rest = self._join(rest, flags) if rest else None

    @staticmethod
    def _join(rules: list[str], flags: int) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in rules), flags)

    def match(self, line: str) -> bool:
        """Whether one of the rules matches at the start of ``line``."""
        if not line:
            return self.whole.match(line) is not None
        first = line[0]
        if not first.isascii() and (first.isalpha() or first.isdecimal()):
            return self.whole.match(line) is not None  # (its case folding is the engine's own)
        rx = self._by_first.get(first)
        if rx is not None and rx.match(line) is not None:
            return True
        for lit, rx in self._plain:  # (a loop, not any(): most lines hold none)
            if lit in line and rx.match(line) is not None:
                return True
        if self._folded:
            # (a line with a letter that lower-casing does not fold as the engine does: every rule)
            low = line.lower() if line.isascii() or ODD_CASE.search(line) is None else None
            if low is None:
                if any(rx.match(line) is not None for _, rx in self._folded):
                    return True
            else:
                # (a substring test each: with blanks read as first characters, lines.txt leaves 7
                # literals here, fewer than an automaton pays for)
                for lit, rx in self._folded:
                    if lit in low and rx.match(line) is not None:
                        return True
        return self._rest is not None and self._rest.match(line) is not None
