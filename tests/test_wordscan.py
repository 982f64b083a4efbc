"""The one-pass word finder (digests/extract/wordscan.py) against plain ``str.find``."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from digests.extract.wordscan import WordFinder, successive

WORDS = ("week", "weeks", "end of", "-end", "nineteen", "one", "ten", "tens of")


def _find_places(low: str, w: str) -> list[int]:
    """Every place of ``w``, overlaps included."""
    out = []
    pos = low.find(w)
    while pos >= 0:
        out.append(pos)
        pos = low.find(w, pos + 1)
    return out


def _find_successive(low: str, w: str) -> list[int]:
    """The places ``str.find`` visits searching on from the end of each one found."""
    out = []
    pos = low.find(w)
    while pos >= 0:
        out.append(pos)
        pos = low.find(w, pos + len(w))
    return out


def test_places_and_successive_on_a_sentence() -> None:
    low = "nineteenineteen weeks'end of the year-end; tens of one-ten"
    places = WordFinder(WORDS).places(low)
    assert places[WORDS.index("nineteen")] == [0, 7]
    assert successive(places[WORDS.index("nineteen")], len("nineteen")) == [0]
    assert places[WORDS.index("week")] == [16]
    assert places[WORDS.index("-end")] == [37]
    assert WORDS.index("weeks") in places and WORDS.index("tens of") in places


@given(st.text(alphabet=list("wekndofintus -\u0130\U0001f600"), max_size=60))
def test_places_are_what_str_find_finds(text: str) -> None:
    low = text.lower()
    places = WordFinder(WORDS).places(low)
    for i, w in enumerate(WORDS):
        assert places.get(i, []) == _find_places(low, w)
        assert successive(places.get(i, []), len(w)) == _find_successive(low, w)
