"""Whose voice a stretch of a paragraph is in, for the events stage (``events.py``): whether a
place lies inside a quotation, and a clause with the other quotations blanked ("will" inside
someone's quotation says nothing of a date told outside it)."""

from __future__ import annotations

import re
from bisect import bisect_left

from digests.extract.text import Paragraph

_QUOTE_MARKS = re.compile('["\u201c\u201d]')


def quoted(text: str, lo: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation opened in ``text[lo:pos]``."""
    return len(_QUOTE_MARKS.findall(text, lo, pos)) % 2 == 1


def unquoted(text: str, lo: int, a: int, b: int, pos: int, marks: list[int] | None = None) -> str:
    """``text[a:b]`` with the quotations (opened from ``lo`` on) blanked, except the one holding
    ``pos``: a "will" inside someone's quotation says nothing of a date told outside it, and
    the other way round. Offsets are kept (blanks replace the quoted words).

    ``marks``: the quotation marks from ``lo`` on, read once (``QuoteMarks``), else read here."""
    if marks is None:
        marks = [m.start() for m in _QUOTE_MARKS.finditer(text, lo, b)]
    elif not marks or marks[0] >= b:
        return text[a:b]  # no quotation before b: most paragraphs have none
    else:
        marks = marks[: bisect_left(marks, b)]
    if not marks:
        return text[a:b]
    # the quotations (opening mark through closing one) follow one another: cut once, left to right
    pieces: list[str] = []
    at = a
    for k in range(0, len(marks), 2):
        qs = marks[k]
        qe = marks[k + 1] if k + 1 < len(marks) else b
        if qs <= pos <= qe:
            continue
        lo_blank, hi_blank = max(qs, a), min(qe + 1, b)
        if lo_blank >= hi_blank:
            continue
        pieces.append(text[at:lo_blank])
        pieces.append(" " * (hi_blank - lo_blank))
        at = hi_blank
    pieces.append(text[at:b])
    return "".join(pieces)


class QuoteMarks(dict[int, list[int]]):
    """The quotation marks of each paragraph, by its start, read on first use: the clauses of a
    paragraph ask ``unquoted`` for them once each, from the paragraph's start on."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self._all: list[int] | None = None  # every mark of the text, found on first use

    def of(self, para: Paragraph) -> list[int]:
        """The offsets of the quotation marks in ``para``."""
        marks = self.get(para.start)
        if marks is None:
            every = self._all
            if every is None:
                # one search of the whole text, not one per paragraph (most paragraphs ask once)
                every = self._all = [m.start() for m in _QUOTE_MARKS.finditer(self.text)]
            marks = self[para.start] = every[bisect_left(every, para.start) : bisect_left(every, para.end)]
        return marks
