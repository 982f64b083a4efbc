"""Numbers in words: the look-ahead before the word-number pattern only saves time."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from digests.extract.numbers import _WORD_NUMBER_BODY, TENS, UNITS, WORD_NUMBER, parse_number

_WITH = re.compile(f"(?i){WORD_NUMBER}")
_WITHOUT = re.compile(f"(?i){_WORD_NUMBER_BODY}")
_PIECES = [*UNITS, *TENS, "a", "an", "and", "hundred", "thousand", "the", "th", "se", "e", "An", "TWENTY"]


def _same_everywhere(text: str) -> None:
    for pos in range(len(text) + 1):
        a, b = _WITH.match(text, pos), _WITHOUT.match(text, pos)
        assert (a and a.span()) == (b and b.span()), (text, pos)


def test_every_number_word_passes_the_look_ahead() -> None:
    for w in (*UNITS, *TENS):
        for text in (w, w.upper(), w.title(), f"a hundred {w}", f"An thousand and {w}"):
            assert _WITH.fullmatch(text), text
    _same_everywhere("A hundred and Twenty-Five ONE HUNDRED an\tthousand Seventy nine, zero Ten a\nthousand")


@given(st.lists(st.sampled_from(_PIECES), max_size=8), st.lists(st.sampled_from([" ", "-", "  ", "\n", ""])))
@example(["a", "hundred", "twenty", "one"], [" ", " ", "-"])
def test_the_look_ahead_changes_no_match(words: list[str], gaps: list[str]) -> None:
    text = "".join(w + (gaps[i] if i < len(gaps) else " ") for i, w in enumerate(words))
    _same_everywhere(text)


def test_parse_number() -> None:
    assert parse_number("twenty-four") == 24
    assert parse_number("a hundred and five") == 105
    assert parse_number("1,200") == 1200
    assert parse_number("several") is None
