"""Many words found in one pass: an Aho-Corasick automaton over a lower-cased text.

Where a stage looks for a fixed list of words (the temporal triggers, the number
words that open a figure), one pass of the automaton finds every place of every
word at once, instead of one ``str.find`` scan of the text per word.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick


class WordFinder:
    """Every place of a fixed list of words in a text, found in one pass."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words: tuple[str, ...] = tuple(words)
        self._auto = ahocorasick.Automaton()
        for i, w in enumerate(self.words):
            self._auto.add_word(w, (i, len(w)))
        self._auto.make_automaton()

    def places(self, low: str) -> dict[int, list[int]]:
        """Where each word is in ``low``, overlaps included: ascending starts by index in ``words``."""
        found: dict[int, list[int]] = {}
        for end, (i, width) in self._auto.iter(low):
            starts = found.get(i)
            if starts is None:
                found[i] = [end - width + 1]
            else:
                starts.append(end - width + 1)
        return found


def successive(starts: list[int], width: int) -> list[int]:
    """Of a word's places (ascending), those ``str.find`` gives searching on from the end of
    each one found: a place overlapping the one before it is left out (``starts`` itself, not a
    copy, where it holds one place: most words of an article)."""
    if len(starts) < 2:
        return starts
    out: list[int] = []
    last = 0
    for pos in starts:
        if pos >= last:
            out.append(pos)
            last = pos + width
    return out
