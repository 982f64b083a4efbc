"""Whose voice a stretch of a paragraph is in, for the events stage (``events.py``): whether a
place lies inside a quotation, and a clause with the other quotations blanked ("will" inside
someone's quotation says nothing of a date told outside it)."""

from __future__ import annotations

from bisect import bisect_left

from digests.extract.text import Paragraph

# the quotation marks: each looked for by a substring search (a quick scan in C for one character,
# where the engine's search for a class of them tests each character of the text in turn)
_MARKS = '"\u201c\u201d'


def _marks(text: str, lo: int, hi: int) -> list[int]:
    """The offsets of the quotation marks (``_MARKS``) in ``text[lo:hi]``, in order."""
    out: list[int] = []
    for mark in _MARKS:
        k = text.find(mark, lo, hi)
        while k >= 0:
            out.append(k)
            k = text.find(mark, k + 1, hi)
    out.sort()
    return out


def quoted(text: str, lo: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation opened in ``text[lo:pos]``."""
    stretch = text[lo:pos]
    return sum([stretch.count(mark) for mark in _MARKS]) % 2 == 1


def unquoted(text: str, lo: int, a: int, b: int, pos: int, marks: list[int] | None = None) -> str:
    """``text[a:b]`` with the quotations (opened from ``lo`` on) blanked, except the one holding
    ``pos``: a "will" inside someone's quotation says nothing of a date told outside it, and
    the other way round. Offsets are kept (blanks replace the quoted words).

    ``marks``: the quotation marks from ``lo`` on, read once (``QuoteMarks``), else read here."""
    if marks is None:
        marks = _marks(text, lo, b)
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
                every = self._all = _marks(self.text, 0, len(self.text))
            marks = self[para.start] = every[bisect_left(every, para.start) : bisect_left(every, para.end)]
        return marks
