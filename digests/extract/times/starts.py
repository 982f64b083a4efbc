"""Where a pattern's match can start, read off the compiled pattern itself.

``finditer`` tries a pattern that opens with ``\\b`` at every character. For a
pattern whose matches can only start with a few characters, it is faster to
look for those characters first and try the pattern only there: a look-ahead
put before the pattern (``guarded``), so that the engine settles every other
place without entering the pattern. The set is computed from the parsed
pattern, so it always holds every character a match can start with: the search
finds what ``finditer`` finds, by construction, and changes to a rule need no
second table kept in step.
"""

from __future__ import annotations

import re
from functools import cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any


class _Unknown(Exception):
    """A pattern construct the analysis does not follow: no filter."""


@cache
def _case_variants(ch: str) -> str:
    """Every character that ``(?i)ch`` matches (Python's simple case folding, with its extras)."""
    rx = re.compile("(?i)" + re.escape(ch))
    return "".join(sorted({c for c in _FOLDING_CANDIDATES if rx.fullmatch(c)} | {ch, ch.lower(), ch.upper()}))


# Characters outside ASCII that case-insensitive matching can equate with an ASCII letter.
_FOLDING_CANDIDATES = "".join(re.findall("(?i)[a-z]", "".join(map(chr, range(0x80, 0x10000)))))


def _firsts(items: list[Any], icase: bool) -> tuple[set[str], bool, bool]:
    """(first characters, digits possible, nullable) of a sequence of parsed items."""
    chars: set[str] = set()
    digits = False
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width
        if op is sre.LITERAL:
            chars.update(_case_variants(chr(av)) if icase else chr(av))
            return chars, digits, False
        if op is sre.IN:
            for iop, iav in av:
                if iop is sre.LITERAL:
                    chars.update(_case_variants(chr(iav)) if icase else chr(iav))
                elif (iop is sre.CATEGORY and iav is sre.CATEGORY_DIGIT) or (
                    iop is sre.RANGE and all(chr(x).isdigit() for x in range(iav[0], iav[1] + 1))
                ):
                    digits = True
                else:
                    raise _Unknown(iop)
            return chars, digits, False
        if op is sre.SUBPATTERN:
            _group, add, rem, sub = av
            inner = (icase or bool(add & sre.SRE_FLAG_IGNORECASE)) and not rem & sre.SRE_FLAG_IGNORECASE
            c, d, nullable = _firsts(list(sub), inner)
        elif op is sre.BRANCH:
            c, d, nullable = set(), False, False
            for branch in av[1]:
                bc, bd, bn = _firsts(list(branch), icase)
                c |= bc
                d |= bd
                nullable |= bn
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, _high, sub = av
            c, d, nullable = _firsts(list(sub), icase)
            nullable = nullable or low == 0
        else:
            raise _Unknown(op)
        chars |= c
        digits |= d
        if not nullable:
            return chars, digits, False
    return chars, digits, True


def _opens_with_boundary(items: list[Any]) -> bool:
    for op, av in items:
        if op is sre.AT:
            return bool(av is sre.AT_BOUNDARY)
        if op not in (sre.ASSERT, sre.ASSERT_NOT):
            return False
    return False


@cache
def _start_alternatives(rx: re.Pattern[str]) -> tuple[tuple[str, str], ...] | None:
    """Where a match of ``rx`` can start: (character class, what the character before is), or None.

    "what the character before is": "" (anything), "word" (a word character) or "other"
    (none, or the text starts there). None where the analysis gives up.
    """
    try:
        parsed = _parser.parse(rx.pattern, rx.flags)
        items = list(parsed)
        chars, digits, nullable = _firsts(items, bool(parsed.state.flags & sre.SRE_FLAG_IGNORECASE))
    except _Unknown:
        return None
    if nullable or not (chars or digits):
        return None
    if not _opens_with_boundary(items):
        klass = "".join(sorted(re.escape(c) for c in chars)) + ("\\d" if digits else "")
        return ((f"[{klass}]", ""),)
    # after \b a word character starts a match only where the character before is not one,
    # and any other character only where the character before is one
    word = "".join(sorted(re.escape(c) for c in chars if c.isalnum() or c == "_")) + ("\\d" if digits else "")
    other = "".join(sorted(re.escape(c) for c in chars if not (c.isalnum() or c == "_")))
    return tuple(alt for alt in ((f"[{word}]", "other"), (f"[{other}]", "word")) if alt[0] != "[]")


@cache
def start_filter(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern finding every place a match of ``rx`` can start, or None where the analysis gives up."""
    alts = _start_alternatives(rx)
    if alts is None:
        return None
    behind = {"": "", "other": "(?<!\\w.)", "word": "(?<=\\w.)"}
    return re.compile("|".join(klass + behind[before] for klass, before in alts))


_GLOBAL_FLAGS = re.compile(r"(?:\(\?[aiLmsux]+\))+")


@cache
def guarded(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """``rx`` behind a look-ahead that holds just where ``start_filter`` finds a start; None as there.

    The look-ahead is implied by the pattern, so the guarded pattern matches exactly what
    ``rx`` matches, where it matches: the engine gives up at once everywhere else, without
    going back to Python for each place ``start_filter`` finds. (Not for ASCII-only patterns,
    whose ``\\w`` is not the filter's.)
    """
    alts = _start_alternatives(rx)
    if alts is None or rx.flags & re.ASCII:
        return None
    behind = {"": "", "other": "(?<!\\w)", "word": "(?<=\\w)"}
    guard = "|".join(f"(?={klass}){behind[before]}" for klass, before in alts)
    # an inline global flag opens the pattern: it is in ``rx.flags``, which the guarded one keeps
    lead = _GLOBAL_FLAGS.match(rx.pattern)
    body = rx.pattern[lead.end() :] if lead else rx.pattern
    return re.compile(f"(?:{guard})(?:{body})", rx.flags)


def find_in(
    rx: re.Pattern[str], text: str, spans: list[tuple[int, int]], filtered: bool = True
) -> list[re.Match[str]]:
    """The non-empty matches of ``rx.finditer(text, lo, hi)`` for each span.

    ``filtered``: try the pattern only where a match can start (``start_filter``, as the
    look-ahead of ``guarded``), which pays for patterns costly to try at every character.
    """
    pattern = (guarded(rx) or rx) if filtered else rx
    out: list[re.Match[str]] = []
    for lo, hi in spans:
        out.extend([m for m in pattern.finditer(text, lo, hi) if m.end() > m.start()])
    return out
