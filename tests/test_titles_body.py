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


def test_answers_go_with_the_text() -> None:
    """The answers are kept on the text's ``Written``, asked once, and nothing else holds the text
    after its Doc is gone (a module-level cache kept up to 1,024 texts and their indexes alive)."""
    import gc
    import weakref

    from digests.extract.titles import written_as_surname

    written = Written("Minister Ilo Vardan met the Vardan Guard. Peter Vardan spoke.")
    assert written_as_body(written, ["Vardan", "Guard"]) is True
    assert written_as_surname(written, "Vardan") is True
    assert written.answers[("body", "Vardan Guard")] is True
    assert written.answers[("surname", "Vardan")] is True  # (asking which first names are bodies)
    written.answers[("body", "Vardan Guard")] = False  # a kept answer is the one given again
    assert written_as_body(written, ["Vardan", "Guard"]) is False
    gone = weakref.ref(written)
    del written
    gc.collect()
    assert gone() is None
