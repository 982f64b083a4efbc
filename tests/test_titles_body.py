"""titles.written_as_body: the words before a title written after "the" with no title after them."""

from __future__ import annotations

import pytest

from digests.extract.titles import written_as_body
from digests.extract.written import Written


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("Fighters of the Vardan held the ridge.", ["Vardan"], True),
        ("The Vardan held the ridge.", ["Vardan"], True),
        ("the\tVardan Guard", ["Vardan", "Guard"], True),
        ("He met the Vardan Commander at dawn.", ["Vardan"], False),  # a title follows: a name's part
        ("Lathe Vardan spoke.", ["Vardan"], False),  # "the" inside a word
        ("the Vardanians", ["Vardan"], False),  # the words end where a word goes on
        ("Vardan Commander Ilo Bex said the Vardan Commander and then the Vardan.", ["Vardan"], True),
        ("the Vardan Commander " * 3 + "Vardan", ["Vardan"], False),
    ],
)
def test_written_as_body(text: str, words: list[str], expected: bool) -> None:
    assert written_as_body(Written(text), words) is expected
