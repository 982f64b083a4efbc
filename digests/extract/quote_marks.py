"""Quotation regions: where a paragraph's quotation marks pair up into quotations.

The one reading of quotation marks, for the sentence splitter (no sentence ends inside a
quotation, ``text.build_doc``) and the quotation extractor (``quotes``): curly and straight
double marks, single marks in a single-mark house style, nested quotations, quotations carried
on over a paragraph break, and the marks around a nickname inside a name, which quote nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

_DOUBLE_CHARS = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')
_SINGLE_CHARS = frozenset("'\u2018\u2019")
#: a double or a single quotation mark: every mark this module reads (``build_doc`` finds them once)
QUOTE_MARK = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb'\u2018\u2019]")
_PUNCT_CLOSE = re.compile("[,.!?][\u2019'](?![\\w])")
_OPEN_D = "\u201c\u201e\u00ab"
_CLOSE_D = "\u201d\u00bb"
_OPEN_BEFORE = " \t\n([{\u2014\u2013-/:;,"


class QuoteRegion(NamedTuple):
    """One quotation-mark pair in a paragraph: ``inner`` offsets exclude the marks.

    ``open_mark``/``close_mark`` are the mark offsets, or None when the mark is missing
    (a quotation running on from the previous paragraph or on to the next).
    """

    start: int
    end: int
    open_mark: int | None
    close_mark: int | None
    paragraph: int


def _is_straight_open(text: str, i: int, start: int, end: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return (before in _OPEN_BEFORE or before in _OPEN_D or before in "\u2018'") and not after.isspace()


def _straight_nested_open(text: str, marks: Sequence[int], k: int, open_at: int, end: int) -> bool:
    """Whether the straight mark ``marks[k]`` (a blank before it), inside a quotation opened by a
    straight mark at ``open_at``, opens a quotation nested in it: a word after it, and the next
    straight mark glued to the word before it (the nested one's close), with one more after that
    (the outer one's close). '"He told me, "I will never resign," and left," she said.' is one quotation;
    '"Yes, " he said. "We will."' (a space before a closing mark) is two."""
    i = marks[k]
    if text[open_at] != '"' or i + 1 >= end or not text[i + 1].isalnum():
        return False
    after = []
    for j in marks[k + 1 :]:
        if text[j] == '"':
            after.append(j)
            if len(after) == 2:
                return not text[after[0] - 1].isspace()
    return False


def _glued_open(text: str, i: int, end: int) -> bool:
    """A mark glued between a sentence's end and a word ('from."It's', 'he said.”That'), while no
    quotation is open: it opens the next sentence's quotation (the space before it is missing)."""
    return text[i - 1] in ".!?" and i + 1 < end and text[i + 1].isalnum()


def quote_regions(
    text: str,
    start: int,
    end: int,
    paragraph: int = 0,
    *,
    carried: bool = False,
    marks: Sequence[int] | None = None,
) -> list[QuoteRegion]:
    """Quotations in ``text[start:end]``: curly or straight double quotes, or single quotes
    when the paragraph has no double ones (then they are the house style). Single quotes
    inside double ones are nested and stay part of the outer quotation.

    ``carried``: a quotation was left open at the end of the previous paragraph, so a
    closing mark before any opening one ends a quotation that starts at ``start``.
    ``marks``: where the quotation marks of ``text[start:end]`` stand (``QUOTE_MARK``), when
    already found.
    """
    if marks is None:
        marks = [m.start() for m in QUOTE_MARK.finditer(text, start, end)]
    # (the double marks are among the marks found: no copy of the paragraph is searched for them)
    has_double = any(text[i] in _DOUBLE_CHARS for i in marks)
    out: list[QuoteRegion] = []
    open_at: int | None = None
    first = True
    nested = False
    kind = _DOUBLE_CHARS if has_double else _SINGLE_CHARS
    for k, i in enumerate(marks):
        c = text[i]
        if c not in kind:
            continue
        if has_double:
            if c in _OPEN_D or (
                c == '"'
                and open_at is None
                and (
                    _is_straight_open(text, i, start, end)
                    or (_glued_open(text, i, end) and not (first and carried))
                )
            ):
                if open_at is None:
                    open_at = i
                first = False
            elif (
                c == '"'
                and open_at is not None
                and text[open_at] in _OPEN_D
                and (nested or _is_straight_open(text, i, start, end))
            ):
                nested = not nested  # a straight pair nested inside curly quotes
                continue
            elif (
                c == '"'
                and open_at is not None
                and (nested or (text[i - 1] in " \t" and _straight_nested_open(text, marks, k, open_at, end)))
            ):
                nested = not nested  # '"He told me, "I will never resign," and left," she said.'
                continue
            elif (
                c in _CLOSE_D
                and open_at is None
                and not (first and carried)
                and (i == start or text[i - 1].isspace() or _glued_open(text, i, end))
                and i + 1 < end
                and (not text[i + 1].isspace() or text.startswith(("…", "..."), i + 2))
            ):
                open_at = i  # a closing mark typed where an opening one belongs ("” … we will")
                first = False
            else:
                if open_at is not None:
                    out.append(QuoteRegion(open_at + 1, i, open_at, i, paragraph))
                    open_at = None
                    nested = False
                elif first and carried:
                    out.append(QuoteRegion(start, i, None, i, paragraph))
                first = False
        elif (
            c in "\u2018'"
            and open_at is None
            and _is_straight_open(text, i, start, end)
            and (i + 1 < end and (text[i + 1].isalpha() or text[i + 1] in ".\u2026"))
        ):
            open_at = i
            first = False
        elif c in "\u2019'" and open_at is not None:
            nxt = text[i + 1] if i + 1 < end else " "
            if not nxt.isalnum() and not text[i - 1].isspace() and i > open_at + 1:
                # "the leaders’ summit": a plural possessive, when a punctuated closing mark follows
                if text[i - 1] == "s" and nxt == " " and _PUNCT_CLOSE.search(text, i + 1, end):
                    continue
                out.append(QuoteRegion(open_at + 1, i, open_at, i, paragraph))
                open_at = None
    if open_at is not None:
        out.append(QuoteRegion(open_at + 1, end, open_at, None, paragraph))
    return out


def nickname_marks(text: str, marks: Sequence[int]) -> list[int]:
    """The quotation marks (offsets among ``marks``) around a nickname written inside a name: one
    capitalised word quoted between two capitalised words on one line ('Marcia "Cia" Price',
    'Charles “Cully” Stimson'); not 'the "Gang of Eight" plan' nor 'called it "Absurd" and'."""
    out: list[int] = []
    for a, b in pairwise(marks):
        if not (2 < b - a <= 16 and a >= 3 and b + 2 < len(text)):
            continue
        if text[a] not in '"\u201c' or text[b] not in '"\u201d' or text[a - 1] != " " or text[b + 1] != " ":
            continue
        word = text[a + 1 : b]
        if not (word.isalpha() and word[0].isupper() and word[1:].islower() and text[b + 2].isupper()):
            continue
        j = text.rfind(" ", max(0, a - 30), a - 1)
        before = text[j + 1 : a - 1]
        if before[:1].isupper() and before.replace(".", "").isalpha() and "\n" not in before:
            out += [a, b]
    return out
