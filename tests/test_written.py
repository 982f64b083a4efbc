"""digests.extract.written: a phrase's places, found by scans or from the index, are the same."""

from __future__ import annotations

import pytest

from digests.extract.written import Written

TEXT = (
    "Donna McDonald Trent met Donald Trent at the Kingdom Hall; King Tor, the king's aide, said "
    "the Vell Group analysts and an analyst at Vell Group agreed. JoAnn Rees and Ann Rees spoke. "
    "Ana Ana Ana waited. the Peshmerga held; well-known talks' end, X-talks and re-run ran. "
    "'quoted' words, “curly” words, naïve café and fooBar, foo1 and _foo. "
    "ÉcoleNorm Écol Dana\tPrice and DanaPrice. AaAa Aa."
)

PHRASES = [
    "Donald Trent",
    "Donald",
    "King",
    "Kingdom",
    "Vell Group",
    "Ann Rees",
    "Ana Ana",
    "Peshmerga",
    "talks",
    "talks'",
    "well-known",
    "run",
    "re-run",
    "words",
    "caf",
    "foo",
    "naïve",
    "Écol",
    "Dana Price",
    "Aa",
    "Aa Aa",
    "a",
    "the",
    "absent",
    "X-talks",
    "al-Vell",
]


def _flagged(text: str, places: list[int], phrase: str, end_word: bool) -> list[int]:
    """The places a caller with ``end_word`` takes (the others may be left out)."""
    after = len(phrase)
    return [at for at in places if not (end_word and "a" <= text[at + after : at + after + 1] <= "z")]


@pytest.mark.parametrize("phrase", PHRASES)
@pytest.mark.parametrize("end_word", [False, True])
def test_index_and_scans_find_the_same_places(phrase: str, end_word: bool) -> None:
    scans = Written(TEXT, index_after=10**9)
    index = Written(TEXT, index_after=0)
    expected = []
    at = TEXT.find(phrase)
    while at >= 0:
        expected.append(at)
        at = TEXT.find(phrase, at + 1)
    got_scans = list(scans.places(phrase, end_word=end_word))
    got_index = list(index.places(phrase, end_word=end_word))
    assert got_scans == expected
    assert _flagged(TEXT, got_index, phrase, end_word) == _flagged(TEXT, expected, phrase, end_word)
    assert scans.writes(phrase) is index.writes(phrase) is (phrase in TEXT)


def test_index_built_once_the_scans_have_read_the_text_enough() -> None:
    w = Written(TEXT, index_after=2)
    assert w.writes("absent one") is False  # a whole scan
    assert w._capitals is None
    assert w.writes("absent two") is False
    assert w.writes("Vell Group") is True  # read from the index now
    assert w._capitals is not None and "Vell" in w._capitals
    assert w.lower("the") and w._lowers is not None and "the" in w._lowers


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("talks", False),  # only "talks'" and "X-talks"
        ("talks'", True),
        ("well-known", True),
        ("end", True),
        ("run", False),  # in "re-run" only
        ("re-run", True),
        ("words", True),  # after a curly quotation mark too
        ("quoted", False),  # after an apostrophe
        ("caf", True),  # before a letter beyond a-z
        ("foo", True),  # "fooBar", "foo1": no lower-case letter after
        ("king's", True),
        ("the", True),
        ("peshmerga", False),
        ("donald", False),
        ("Donald", False),  # not a lower-case word
    ],
)
def test_lower_alike_both_ways(word: str, expected: bool) -> None:
    assert Written(TEXT, index_after=10**9).lower(word) is expected
    assert Written(TEXT, index_after=0).lower(word) is expected
