"""Where a pattern's match can start, read off the compiled pattern itself.

``finditer`` tries a pattern that opens with ``\\b`` at every character. For a
pattern whose matches can only start with a few characters, it is faster to
skip to those characters first and try the pattern only there. ``guarded``
compiles the pattern with that set as the start set of its program's info block
(the set the engine reads for a pattern that opens with a character class), so
the engine skips every other place in its own tight loop, without entering the
pattern. The set is computed from the parsed pattern, so it always holds every
character a match can start with: the search finds what ``finditer`` finds, by
construction, and changes to a rule need no second table kept in step.
"""

from __future__ import annotations

import _sre
import re
from collections.abc import Iterator
from functools import cache
from re import _compiler, _parser  # type: ignore[attr-defined]
from re import _constants as sre  # type: ignore[attr-defined]
from typing import Any

from digests.extract.text import caseless


class _Unknown(Exception):
    """A pattern construct the analysis does not follow: no filter."""


@cache
def _case_variants(ch: str) -> str:
    """Every character that ``(?i)ch`` matches (Python's simple case folding, with its extras)."""
    if ord(ch) > 0xFFFF:
        raise _Unknown(ch)  # not in the rules; case pairs outside the BMP stay outside it
    rx = re.compile("(?i)" + re.escape(ch))
    candidates = _FOLDING_CANDIDATES if ch.isascii() else _BMP
    return "".join(sorted({c for c in candidates if rx.fullmatch(c)} | {ch, ch.lower(), ch.upper()}))


_BMP = "".join(map(chr, range(0x10000)))
# Characters outside ASCII that case-insensitive matching can equate with an ASCII letter.
_FOLDING_CANDIDATES = "".join(re.findall("(?i)[a-z]", _BMP[0x80:]))


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
def _start_set(rx: re.Pattern[str]) -> tuple[frozenset[str], bool, bool] | None:
    """(the characters a match of ``rx`` can start with, whether a digit can, whether it opens
    with ``\\b``), or None where the analysis gives up or a match can be empty."""
    try:
        parsed = _parser.parse(rx.pattern, rx.flags)
        items = list(parsed)
        chars, digits, nullable = _firsts(items, bool(parsed.state.flags & sre.SRE_FLAG_IGNORECASE))
    except _Unknown:
        return None
    if nullable or not (chars or digits):
        return None
    return frozenset(chars), digits, _opens_with_boundary(items)


@cache
def _start_alternatives(rx: re.Pattern[str]) -> tuple[tuple[str, str], ...] | None:
    """Where a match of ``rx`` can start: (character class, what the character before is), or None.

    "what the character before is": "" (anything), "word" (a word character) or "other"
    (none, or the text starts there). None where the analysis gives up.
    """
    found = _start_set(rx)
    if found is None:
        return None
    chars, digits, boundary = found
    if not boundary:
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


# Text the guarded pattern must search exactly as ``rx`` does before it is used: dates, numbers,
# words, case and marks of the kinds the rules meet (a check that CPython's private compiler
# interfaces below still build what they built when this was written; else ``rx`` runs as it is).
_PROBE = (
    "On Tuesday, 3 March 2026, at 10:30 a.m., the Minister said twenty-four talks were held last "
    "week; NEXT MONTH's vote (2027-01) follows \u201cthe 1990s\u201d and \u015e\u0130 "
    "\u00e9t\u00e9 9/11 \u2019 since mid-April."
)


@cache
def guarded(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """``rx`` compiled again with the characters its matches can start with as its start set;
    None where the analysis gives up (``start_filter`` is None) or where the private compiler
    interfaces it uses fail or give a pattern that searches ``_PROBE`` otherwise than ``rx``.

    The same pattern, groups and flags, so it matches exactly what ``rx`` matches, where it
    matches; the start set (from ``_start_set``, never missing a character a match can start
    with) only lets the engine's search skip the places no match can start at, in its own loop.
    """
    found = _start_set(rx)
    if found is None:
        return None
    chars, digits, _ = found
    parsed = _parser.parse(rx.pattern, rx.flags)
    flags = rx.flags | parsed.state.flags
    low, high = parsed.getwidth()
    if low == 0:
        return None
    try:
        out = _with_start_set(rx, parsed, flags, chars, digits, low, high)
    except Exception:  # another CPython's internals: the pattern unguarded is as right, if slower
        return None
    return out if _probe_spans(out) == _probe_spans(rx) else None


def _with_start_set(
    rx: re.Pattern[str] | None,
    parsed: Any,
    flags: int,
    chars: frozenset[str],
    digits: bool,
    low: int,
    high: int,
) -> re.Pattern[str]:
    """``rx``'s program (``parsed``) with an info block naming its start set, compiled (CPython's
    private ``re._compiler`` and ``_sre`` interfaces, as of 3.11; ``rx`` None: a parsed pattern
    of no source text, as ``lowered`` makes)."""
    charset: list[tuple[Any, Any]] = [(sre.LITERAL, ord(c)) for c in sorted(chars)]
    if digits:
        charset.append((sre.CATEGORY, sre.CATEGORY_DIGIT))
    # (the private compiler is untyped: the pair's types said, as the compiled engine checks them)
    optimized: tuple[list[tuple[Any, Any]], bool] = _compiler._optimize_charset(charset)
    charset, _cased = optimized
    # the info block _compiler._compile_info writes for a pattern opening with a class:
    # INFO, its length, the charset flag, the shortest and longest match, the set
    most = _compiler.MAXCODE
    code: list[int] = [sre.INFO, 0, sre.SRE_INFO_CHARSET, min(low, most), min(high, most)]
    _compiler._compile_charset(charset, flags, code)
    code[1] = len(code) - 1
    _compiler._compile(code, parsed.data, flags)
    code.append(sre.SUCCESS)
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    compiled: re.Pattern[str] = _sre.compile(
        rx.pattern if rx is not None else None,
        flags,
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
    return compiled


def _probe_spans(p: re.Pattern[str], probe: str = _PROBE) -> list[tuple[tuple[int, int], ...]]:
    """Every match of ``p`` in ``probe`` with its groups' spans."""
    return [tuple(m.span(g) for g in range(p.groups + 1)) for m in p.finditer(probe)]


def _uncased(c: int) -> bool:
    ch = chr(c)
    return ch.lower() == ch == ch.upper()


def _lower_char(c: int) -> int:
    """A literal of a case-blind pattern as the case-sensitive one that finds it in lower-cased
    text: an ASCII letter lower-cased, an uncased character as it is; no other (``_Unknown``: the
    engine folds some cased letters beyond what ``str.lower`` does, e.g. the micro sign and mu)."""
    if 65 <= c <= 90:
        return c + 32
    if 97 <= c <= 122 or _uncased(c):
        return c
    raise _Unknown(chr(c))


def _lower_set(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    for op, av in items:
        if op is sre.LITERAL:
            out.append((op, _lower_char(av)))
        elif op is sre.RANGE:
            lo, hi = av
            if lo >= 65 and hi <= 90:
                out.append((op, (lo + 32, hi + 32)))
            elif (lo >= 97 and hi <= 122) or all(_uncased(c) for c in range(lo, hi + 1)):
                out.append((op, av))
            else:
                raise _Unknown(op)
        elif op in (sre.CATEGORY, sre.NEGATE):
            out.append((op, av))  # \w, \d, \s and their negations: the same for a letter in either case
        else:
            raise _Unknown(op)
    return out


def _lower_items(data: list[Any], over: bool = False, cased: bool = False, negated: bool = False) -> None:
    """The parsed items of a case-blind pattern (``data``, in place) made case-sensitive for
    lower-cased text; ``_Unknown`` where some construct does not allow it (a case-sensitive
    group ``(?-i:...)``, a back reference, a cased letter beyond ASCII).

    ``over``: a case-sensitive group is allowed, its letters lower-cased too, so that the pattern
    matches wherever the original does and maybe elsewhere (where a case-sensitive part differs
    only in case): not inside a negative assertion, nor beside a negated class or a committing
    construct (atomic, possessive, conditional), where matching more could mean matching less.
    ``cased``: the items are case-sensitive; ``negated``: they are inside a negative assertion."""
    for k, (op, av) in enumerate(data):
        if cased and (negated or op is sre.NOT_LITERAL):
            raise _Unknown(op)
        if op in (sre.LITERAL, sre.NOT_LITERAL):
            data[k] = (op, _lower_char(av))
        elif op is sre.IN:
            if cased and any(iop is sre.NEGATE for iop, _ in av):
                raise _Unknown(op)
            data[k] = (op, _lower_set(av))
        elif op is sre.SUBPATTERN:
            group, add, rem, sub = av
            inner = cased
            if rem & sre.SRE_FLAG_IGNORECASE:
                if not over:
                    raise _Unknown(op)
                inner = True
            elif add & sre.SRE_FLAG_IGNORECASE:
                inner = False
            _lower_items(sub.data, over, inner, negated)
            data[k] = (op, (group, add & ~sre.SRE_FLAG_IGNORECASE, rem, sub))
        elif op is sre.BRANCH:
            for branch in av[1]:
                _lower_items(branch.data, over, cased, negated)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            _lower_items(av[2].data, over, cased, negated)
        elif op is sre.ASSERT:
            _lower_items(av[1].data, over, cased, negated)
        elif op is sre.ASSERT_NOT:
            _lower_items(av[1].data, over, cased, True)
        elif op in (sre.POSSESSIVE_REPEAT, sre.ATOMIC_GROUP, sre.GROUPREF_EXISTS) and over:
            raise _Unknown(op)
        elif op is sre.POSSESSIVE_REPEAT:
            _lower_items(av[2].data)
        elif op is sre.ATOMIC_GROUP:
            _lower_items(av.data)
        elif op is sre.GROUPREF_EXISTS:
            _lower_items(av[1].data)
            if av[2] is not None:
                _lower_items(av[2].data)
        elif op not in (sre.AT, sre.ANY):
            raise _Unknown(op)


# The probe as ``lowered`` patterns meet it: with no letter that ``caseless`` turns away.
_CASELESS_PROBE = _PROBE.replace("\u0130", "I")


def _reach_back(items: list[Any]) -> int:
    """How far before the place it is tried at a parsed sequence can read: its look-behinds'
    longest width and one character for a word boundary (``_Unknown`` where unbounded)."""
    most = 0
    for op, av in items:
        if op is sre.AT:
            if av in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING):
                raise _Unknown(av)  # the start of the string: not that of a stretch of it
            most = max(most, 1)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            direction, sub = av
            if direction < 0:
                width: int = sub.getwidth()[1]
                if width >= _compiler.MAXCODE:
                    raise _Unknown(op)
                most = max(most, width + 1)
            else:
                most = max(most, _reach_back(list(sub)))
        elif op is sre.SUBPATTERN:
            most = max(most, _reach_back(list(av[3])))
        elif op is sre.BRANCH:
            most = max([most] + [_reach_back(list(b)) for b in av[1]])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            most = max(most, _reach_back(list(av[2])))
        elif op is sre.ATOMIC_GROUP:
            most = max(most, _reach_back(list(av)))
        elif op is sre.GROUPREF_EXISTS:
            most = max(most, _reach_back(list(av[1])), _reach_back(list(av[2])) if av[2] is not None else 0)
    return most


@cache
def reach_back(rx: re.Pattern[str]) -> int | None:
    """How many characters before the place of a match's start ``rx`` may read (a look-behind's
    width, one for ``\\b``): a search from ``lo`` over ``text[lo - reach_back:]`` is one over
    ``text`` (its end is ``endpos`` in either); None where a look-behind is unbounded."""
    try:
        return _reach_back(list(_parser.parse(rx.pattern, rx.flags)))
    except _Unknown:
        return None


@cache
def lowered(rx: re.Pattern[str], over: bool = False) -> re.Pattern[str] | None:
    """A case-sensitive pattern that finds in ``text.lower()`` the matches (places, lengths) that
    ``rx``, case-blind throughout (``(?i)`` with no ``(?-i:...)``), finds in ``text``, where
    ``text.caseless(text, low)``; guarded by its start set as ``guarded`` does. None where ``rx`` is not
    case-blind, a construct does not allow it, or it searches the probe otherwise than ``rx``.

    Ignoring case costs the engine a folding of each character it compares, and it takes from it
    the quick rejections of a literal (an alternative whose first letter differs is skipped without
    entering it); the lower-cased text, read once per ``Doc``, has both back. A match of it is no
    match of ``rx`` (its groups hold lower-cased text): find where one starts, then match ``rx``
    there (``matches_in``).

    ``over``: ``rx`` may have case-sensitive parts (``(?-i:Times|Post)``), lower-cased too: the
    pattern then matches at every place ``rx`` matches and maybe at more (where such a part differs
    only in case), which is as good for finding where to start (``matches_in``), not for whether
    ``rx`` matches (``holds_folded``)."""
    if not rx.flags & sre.SRE_FLAG_IGNORECASE:
        return None
    parsed = _parser.parse(rx.pattern, rx.flags)
    try:
        _lower_items(parsed.data, over)
    except _Unknown:
        return None
    parsed.state.flags &= ~sre.SRE_FLAG_IGNORECASE
    flags = (rx.flags | parsed.state.flags) & ~sre.SRE_FLAG_IGNORECASE
    low, high = parsed.getwidth()
    if low == 0:
        return None
    try:
        chars, digits, nullable = _firsts(list(parsed), False)
    except _Unknown:
        chars, digits, nullable = set(), False, True
    try:
        if nullable or not (chars or digits):
            out: re.Pattern[str] = _compiler.compile(parsed, flags)
        else:
            out = _with_start_set(None, parsed, flags, frozenset(chars), digits, low, high)
    except Exception:  # another CPython's internals: the case-blind pattern stays
        return None
    probe = _CASELESS_PROBE.lower()
    if over:  # every place ``rx`` matches the probe, ``out`` matches it there too
        return out if all(out.match(probe, m.start()) for m in rx.finditer(_CASELESS_PROBE)) else None
    return out if _probe_spans(out, probe) == _probe_spans(rx, _CASELESS_PROBE) else None


def searcher(rx: re.Pattern[str], filtered: bool = True) -> re.Pattern[str]:
    """The pattern ``find_in`` runs for ``rx``: ``guarded(rx)`` when ``filtered`` and there is one.

    Get it once and keep it (``matches_in``): looking a compiled pattern up in a cache hashes
    its whole program each time, which costs more than most of the searches it is used for.
    """
    return (guarded(rx) or rx) if filtered else rx


def matches_in(
    pattern: re.Pattern[str],
    text: str,
    spans: list[tuple[int, int]],
    low: str | None = None,
    lower: re.Pattern[str] | None = None,
) -> list[re.Match[str]]:
    """The non-empty matches of ``pattern.finditer(text, lo, hi)`` for each span (``pattern`` as
    ``searcher`` gives it). ``lower``: the pattern's ``lowered`` one, run over ``low`` (the text
    lower-cased, ``text.caseless``) to find where the matches start (both None: ``pattern`` does)."""
    out: list[re.Match[str]] = []
    if lower is not None and low is not None:
        for lo, hi in spans:
            # most windows hold no match: one search of the lower-cased text settles them
            first = lower.search(low, lo, hi)
            if first is not None:
                out += matches_after(pattern, lower, text, low, 0, first.start(), hi)
        return out
    for lo, hi in spans:
        # most windows hold no match: one search settles them without an iterator and a list;
        # else the matches from the first one on (no match starts between ``lo`` and it, and
        # each try at a place reads the text around it whatever ``lo`` is)
        found = pattern.search(text, lo, hi)
        if found is not None:
            out.extend([m for m in pattern.finditer(text, found.start(), hi) if m.end() > m.start()])
    return out


def matches_after(
    pattern: re.Pattern[str], lower: re.Pattern[str], text: str, low: str, base: int, at: int, hi: int
) -> list[re.Match[str]]:
    """The non-empty matches of ``pattern.finditer(text, at, hi)``, where ``lower`` (``pattern``'s
    ``lowered`` one) matches ``low`` (``text[base:hi]`` lower-cased, ``caseless``) at ``at - base``:
    after each match, where the next can start is found by ``lower`` in ``low`` and ``pattern``
    searches from there (as ``finditer`` goes on from a match's end: no match starts before the place
    ``lower`` finds), so that the stretches between matches are not read by the case-blind pattern."""
    out: list[re.Match[str]] = []
    while True:
        m = pattern.search(text, at, hi)
        if m is None:
            return out
        if m.end() == m.start():  # an empty match: the rest as finditer goes on after one
            out.extend([x for x in pattern.finditer(text, m.start(), hi) if x.end() > x.start()])
            return out
        out.append(m)
        nxt = lower.search(low, m.end() - base, hi - base)
        if nxt is None:
            return out
        at = base + nxt.start()


def matches_folded(
    pattern: re.Pattern[str],
    lower: re.Pattern[str] | None,
    reach: int | None,
    text: str,
    lo: int = 0,
    hi: int | None = None,
) -> Iterator[re.Match[str]]:
    """The non-empty matches of ``pattern.finditer(text, lo, hi)`` (``pattern`` case-blind), the first
    one's place found by ``lower`` (its ``lowered`` pattern) in the stretch lower-cased from ``reach``
    (its ``reach_back``) characters before ``lo``, where that is ``caseless``: a stretch with no match
    (most) is settled by one case-sensitive search. ``lower`` or ``reach`` None: ``pattern`` alone.

    In order, each found when asked for: a caller after the first that will do (a plan cue, a plan
    word before its noun) leaves the rest of the stretch unsearched."""
    end = len(text) if hi is None else hi
    if lower is not None and reach is not None:
        base = max(0, lo - reach)
        seg = text[base:end]
        low = seg.lower()
        if caseless(seg, low):
            first = lower.search(low, lo - base)
            if first is None:
                return iter(())
            lo = base + first.start()
    return (m for m in pattern.finditer(text, lo, end) if m.end() > m.start())


def holds_folded(pattern: re.Pattern[str], lower: re.Pattern[str] | None, text: str) -> bool:
    """Whether ``pattern`` (case-blind) finds a match in ``text``: searched for by ``lower`` (its
    ``lowered`` pattern) in ``text`` lower-cased where that is ``caseless``, else by ``pattern``."""
    if lower is not None:
        low = text.lower()
        if caseless(text, low):
            return lower.search(low) is not None
    return pattern.search(text) is not None


def find_in(
    rx: re.Pattern[str], text: str, spans: list[tuple[int, int]], filtered: bool = True
) -> list[re.Match[str]]:
    """The non-empty matches of ``rx.finditer(text, lo, hi)`` for each span.

    ``filtered``: try the pattern only where a match can start (``start_filter``, as the
    look-ahead of ``guarded``), which pays for patterns costly to try at every character.
    (Where the same pattern runs often, take ``searcher(rx)`` once and call ``matches_in``.)
    """
    return matches_in(searcher(rx, filtered), text, spans)


def _longest_inside(literal: str, words: frozenset[str]) -> frozenset[str] | None:
    """The longest of ``words`` inside ``literal`` (lower case), alone in a set; None if none is."""
    inside = [w for w in words if w in literal]
    return frozenset({max(inside, key=lambda w: (len(w), w))}) if inside else None


def _required(items: list[Any], words: frozenset[str], avoid: frozenset[str]) -> frozenset[str] | None:
    """Some of ``words``, one of which every match of the parsed sequence ``items`` holds (as
    lower-case text), or None where no such set is found. Of several such sets, the one with
    none of ``avoid`` and then the smallest."""
    best: frozenset[str] | None = None

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found is not None and (
            best is None or (bool(found & avoid), len(found)) < (bool(best & avoid), len(best))
        ):
            best = found

    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))  # a literal's letters in any case: the text is read lower-cased
            continue
        if run:
            consider(_longest_inside("".join(run).lower(), words))
            run.clear()
        if op is sre.SUBPATTERN:
            consider(_required(list(av[3]), words, avoid))
        elif op is sre.BRANCH:
            sets = [_required(list(branch), words, avoid) for branch in av[1]]
            if all(s is not None for s in sets):
                consider(frozenset().union(*(s for s in sets if s is not None)))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            consider(_required(list(av[2]), words, avoid))
    if run:
        consider(_longest_inside("".join(run).lower(), words))
    return best


def required_words(
    rx: re.Pattern[str], words: frozenset[str], avoid: frozenset[str] = frozenset()
) -> frozenset[str] | None:
    """Some of ``words`` (lower case), one of which every match of ``rx`` holds, read off the
    parsed pattern (a literal stretch it cannot match without, or one in each branch of an
    alternation it cannot match without); None where none is found. Lower-cased, a match holds
    the word itself, but where the text has one of the four letters that the engine folds to
    ASCII ones when it ignores case (U+0130, U+0131, U+017F, U+212A). Of several such sets, one
    with none of ``avoid`` (a rule's own triggers) and then the smallest."""
    return _required(list(_parser.parse(rx.pattern, rx.flags)), words, avoid)


# Characters too common in running text for a test of them to rule much out: letters, digits,
# blanks and the commonest marks (``required_chars`` prefers a set with none of them)
_COMMON_MARKS = ",.'"
# the widest character range of a class that ``required_chars`` lists one by one
_RANGE_LIMIT = 128


def _common(ch: str) -> bool:
    return ch.isalnum() or ch.isspace() or ch in _COMMON_MARKS


def _class_chars(items: list[Any], icase: bool) -> set[str]:
    """The characters a (non-negated) class of parsed items matches; ``_Unknown`` for a category or
    a negation, or a range too wide to list."""
    out: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            codes = [av]
        elif op is sre.RANGE and av[1] - av[0] < _RANGE_LIMIT:
            codes = list(range(av[0], av[1] + 1))
        else:
            raise _Unknown(op)
        for c in codes:
            out.update(_case_variants(chr(c)) if icase else chr(c))
    return out


def _chars_needed(items: list[Any], icase: bool) -> frozenset[str] | None:
    """Characters one of which every match of the parsed sequence ``items`` holds, or None where no
    such set is found. Of several, the one with the fewest common characters (``_common``), then
    the smallest. Assertions are left out (what they read need not be in the match)."""
    best: frozenset[str] | None = None

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found is None or not found:
            return
        key = (sum(map(_common, found)), len(found))
        if best is None or key < (sum(map(_common, best)), len(best)):
            best = found

    for op, av in items:
        if op is sre.LITERAL:
            consider(frozenset(_case_variants(chr(av)) if icase else chr(av)))
        elif op is sre.IN:
            try:
                consider(frozenset(_class_chars(list(av), icase)))
            except _Unknown:
                continue
        elif op is sre.SUBPATTERN:
            _group, add, rem, sub = av
            inner = (icase or bool(add & sre.SRE_FLAG_IGNORECASE)) and not rem & sre.SRE_FLAG_IGNORECASE
            consider(_chars_needed(list(sub), inner))
        elif op is sre.BRANCH:
            sets = [_chars_needed(list(branch), icase) for branch in av[1]]
            if all(s is not None for s in sets):
                consider(frozenset().union(*(s for s in sets if s is not None)))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_chars_needed(list(av[2]), icase))
        elif op is sre.ATOMIC_GROUP:
            consider(_chars_needed(list(av), icase))
    return best


@cache
def required_chars(rx: re.Pattern[str]) -> frozenset[str] | None:
    """Characters one of which every match of ``rx`` holds (a literal, a class it cannot match
    without, or one such in each branch of an alternation), read off the parsed pattern; None where
    none is found. Of several such sets, one with the fewest letters, digits, blanks and common
    marks: a stretch of text holding none of them holds no match (``needs_chars``)."""
    try:
        parsed = _parser.parse(rx.pattern, rx.flags)
        return _chars_needed(list(parsed), bool(parsed.state.flags & sre.SRE_FLAG_IGNORECASE))
    except _Unknown:
        return None


def holds_any(text: str, chars: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` holds one of ``chars`` (``required_chars``): the stretch cut once and a
    substring test a character (each a quick scan in C, with no call of a method), not the pattern
    tried at its places (nor a class searched for)."""
    stretch = text[lo:hi]
    for ch in chars:  # noqa: SIM110  (a loop: no generator built for the few characters)
        if ch in stretch:
            return True
    return False
