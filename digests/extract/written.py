"""What a text writes: where it writes a phrase, and whether it writes a word in lower case.

Questions of the kind "does the article write X anywhere" (a word in lower case, a name before
"analysts", the words before a title after "the", a glued handle spelt apart) each look through
the whole text. A few of them are answered by ``str.find`` scans; a long text asks many (one per
distinct name or word), so once the scans have read the text ``INDEX_AFTER`` times over, the
question's index is built (the words written in lower case; where each capitalised word
starts), and every later question is a look-up there: the cost stays linear in the text. Both
ways read one rule (``_LOWER_WORD``; a phrase's places), so the answers never depend on which ran.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: the whole text's length read by scans before an index is built: building one costs about as
#: much as 40 scans (a pattern over every character, against ``str.find``'s pass), so a usual
#: article (a dozen questions) never builds one and a long one builds each once
INDEX_AFTER = 64

#: a word written in lower case: a run of a-z, apostrophes and hyphens opening with a-z, with no
#: word character, apostrophe or hyphen before it (the whole run, not a piece of one)
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")
_LOWER_RUN = re.compile(r"[a-z][a-z'’-]*")
# the capitalised index's keys: from every ASCII capital (wherever it stands, "Donald" of
# "McDonald") the capital and the lower-case letters after it. A phrase opening with a capital
# stands at the places of its key (the same pattern at its start) where the phrase follows
_CAPITAL = re.compile(r"[A-Z][a-z]*")


def _capitals(text: str) -> dict[str, list[int]]:
    """Where each key of ``_CAPITAL`` starts in ``text``, ascending."""
    out: dict[str, list[int]] = {}
    for m in _CAPITAL.finditer(text):
        key = m.group()
        places = out.get(key)
        if places is None:
            out[key] = [m.start()]
        else:
            places.append(m.start())
    return out


class Written:
    """One text's answers to "does it write this, and where": built once per ``Doc``
    (``Doc.written``); ``index_after``: ``INDEX_AFTER``."""

    def __init__(self, text: str, index_after: int = INDEX_AFTER) -> None:
        self.text = text
        self._budget = index_after * len(text)  # the scans' reading before an index is built
        self._scanned = 0  # characters read by ``str.find`` scans so far
        self._capitals: dict[str, list[int]] | None = None
        self._lowers: frozenset[str] | None = None
        self._lower: dict[str, bool] = {}  # answers of ``lower`` so far
        #: other modules' answers about this text, by (question, words): kept here, not in a
        #: module-level cache, so that they (and the text and its index) go with the Doc
        self.answers: dict[tuple[str, str], bool] = {}

    def places(self, phrase: str, *, end_word: bool = False) -> Iterator[int]:
        """Where ``phrase`` stands in the text, ascending, overlaps included (every place
        ``str.find`` finds searching on from one character after the last).

        ``end_word``: the caller takes no place right before a lower-case letter a-z, and such
        places may be left out (the index cannot find "King" in "Kingdom")."""
        text = self.text
        key = _CAPITAL.match(phrase)
        if key is not None and (key.end() < len(phrase) or end_word):
            index = self._capitals
            if index is None and self._scanned >= self._budget:
                index = self._capitals = _capitals(text)
            if index is not None:
                for at in index.get(key.group(), ()):
                    if text.startswith(phrase, at):
                        yield at
                return
        yield from self._scan(phrase)

    def _scan(self, phrase: str) -> Iterator[int]:
        """``places`` by ``str.find``, the characters read counted."""
        text = self.text
        done = 0
        at = text.find(phrase)
        while at >= 0:
            self._scanned += at + 1 - done
            done = at + 1
            yield at
            at = text.find(phrase, done)
        self._scanned += len(text) - done

    def writes(self, phrase: str) -> bool:
        """Whether ``phrase`` stands anywhere in the text (``phrase in text``)."""
        for _ in self.places(phrase):
            return True
        return False

    def lower(self, word: str) -> bool:
        """Whether the text writes ``word`` in lower case (``_LOWER_WORD``): a capitalised one of
        them at a sentence start is a common word."""
        hit = self._lower.get(word)
        if hit is None:
            hit = self._lower[word] = _LOWER_RUN.fullmatch(word) is not None and self._lower_word(word)
        return hit

    def _lower_word(self, word: str) -> bool:
        words = self._lowers
        if words is None and self._scanned >= self._budget:
            words = self._lowers = frozenset(_LOWER_WORD.findall(self.text))
        if words is not None:
            return word in words
        text = self.text
        n = len(word)
        for at in self._scan(word):
            m = _LOWER_WORD.match(text, at)
            if m is not None and m.end() == at + n:
                return True
        return False
