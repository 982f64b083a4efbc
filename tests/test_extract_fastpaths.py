"""The extractors' fast paths find exactly what the plain patterns they replace would find.

Each fast path (a substring search, a backwards walk, one pass instead of three) is
checked against its reference pattern on generated texts built from the characters and
words where the two could part ways: word boundaries, apostrophes, hyphens, full stops,
newlines, non-ASCII letters, paragraph edges.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digests.extract import entities as ent
from digests.extract import lexicon as lx
from digests.extract.quotes import scan as qt
from digests.extract.text import parse_document, quote_regions

PIECES = [
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    ".",
    ",",
    "-",
    "'",
    "\u2019",
    "_",
    "(",
    "\u201c",
    "\u201d",
    '"',
    "x",
    "\u00e9",
    "\u00c9",
    "1",
    "a",
    "e",
    "l-",
    "al-",
    "el-",
    "Al-",
    "Mc",
    "O'",
    "Mr.",
    "Dr",
    "J.",
    "U.S.",
    "Lee",
    "Xi Jinping",
    "de",
    "von der",
    "the",
    "The",
    "said",
    "says",
    "unsaid",
    "point",
    "points out",
    "he",
    "she",
    "They",
    "officials",
    "Officials",
    "spokesman",
    "one of",
    "One of them",
    "some of the",
    "of",
    "them",
    "according",
    "According to",
    "ccording to",
    "holt",
    "Holt",
    "president",
]

ROOT = Path(__file__).resolve().parents[1]
# hand-written edge cases, then every demo and gold article of the repository
SAMPLES = (ROOT / "tests" / "data" / "fastpath_edges.txt").read_text(encoding="utf-8").split("\n----\n")
SAMPLES += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "digests" / "demo").glob("*.md"))]
SAMPLES += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "gold").glob("*.txt"))]

texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _spans(found: object) -> list[tuple[int, int]]:
    return [m.span() for m in found]  # type: ignore[attr-defined]


def _ranges(text: str, data: st.DataObject) -> tuple[int, int]:
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    return a, b


@FAST
@given(texts, st.data())
def test_capitalised_sequences_match_the_pattern(text: str, data: st.DataObject) -> None:
    a, b = _ranges(text, data)
    got = _spans(ent._sequences(text, ent._seq_starts(text), a, b))
    assert got == _spans(ent._SEQ.finditer(text, a, b))


@FAST
@given(texts, st.data())
def test_last_word_matches_the_pattern(text: str, data: st.DataObject) -> None:
    lo, end = _ranges(text, data)
    m = ent._LAST_WORD.search(text, lo, end)
    assert ent._last_word(text, lo, end) == (m.group(1) if m else None)
    c = ent._CUE_WORD_BEFORE.search(text[lo:end])
    assert ent._last_word(text, lo, end, ent._ASCII_LETTERS) == (c.group(1) if c else None)


@FAST
@given(texts)
def test_according_places_match_the_pattern(text: str) -> None:
    assert qt._according_places(text) == [m.start() for m in qt._ACCORDING.finditer(text)]


@FAST
@given(texts, st.data())
def test_one_of_matches_the_pattern(text: str, data: st.DataObject) -> None:
    a, b = _ranges(text, data)
    want = _spans(qt._ONE_OF.finditer(text, a, b))
    assert qt._one_of(text, a, b) == want
    of_at = [m.start() for m in qt._OF.finditer(text) if a <= m.start() < b]
    assert qt._one_of(text, a, b, of_at) == want


@FAST
@given(texts)
def test_one_word_scan_matches_three_patterns(text: str) -> None:
    cues, heads, prons = qt._scan_words(text)
    assert _spans(cues) == _spans(lx.CUE_RE.finditer(text))
    assert _spans(heads) == _spans(qt._HEAD_RE.finditer(text))
    assert _spans(prons) == _spans(qt._PRONOUN.finditer(text))


@FAST
@given(texts)
def test_document_reuses_the_regions_it_found(text: str) -> None:
    doc = parse_document(text)
    for p in doc.paragraphs:
        assert doc.quote_regions(p) == quote_regions(text, p.start, p.end, p.index)
        assert doc.quote_regions(p, carried=True) == quote_regions(
            text, p.start, p.end, p.index, carried=True
        )


def _windows(text: str) -> list[tuple[int, int]]:
    """The whole text, each line, and a few arbitrary cuts."""
    out = [(0, len(text))]
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    n = len(text)
    out += [(n // 3, n), (1, max(1, n - 1)), (n // 2, n // 2 + 40)]
    return [(a, min(b, n)) for a, b in out if a <= min(b, n)]


@pytest.mark.parametrize("text", SAMPLES, ids=range(len(SAMPLES)))
def test_fast_paths_on_written_texts(text: str) -> None:
    starts = ent._seq_starts(text)
    of_at = [m.start() for m in qt._OF.finditer(text)]
    assert qt._according_places(text) == [m.start() for m in qt._ACCORDING.finditer(text)]
    cues, heads, prons = qt._scan_words(text)
    assert _spans(cues) == _spans(lx.CUE_RE.finditer(text))
    assert _spans(heads) == _spans(qt._HEAD_RE.finditer(text))
    assert _spans(prons) == _spans(qt._PRONOUN.finditer(text))
    for i in range(0, len(text) + 1, 5 if len(text) > 2000 else 1):
        s = text[max(0, i - 60) : i].rstrip()
        assert qt._neg_cue(s) == bool(qt._NEG_CUE.search(s))
        assert qt._scare_before(s) == bool(qt._SCARE_BEFORE.search(s))
    for a, b in _windows(text):
        assert _spans(ent._sequences(text, starts, a, b)) == _spans(ent._SEQ.finditer(text, a, b))
        want = _spans(qt._ONE_OF.finditer(text, a, b))
        assert qt._one_of(text, a, b) == want
        assert qt._one_of(text, a, b, [i for i in of_at if a <= i < b]) == want
        for end in range(a, b + 1, 7 if b - a > 300 else 1):
            lo = max(a, end - 30)
            m = ent._LAST_WORD.search(text, lo, end)
            assert ent._last_word(text, lo, end) == (m.group(1) if m else None), (lo, end)
            c = ent._CUE_WORD_BEFORE.search(text[lo:end])
            assert ent._last_word(text, lo, end, ent._ASCII_LETTERS) == (c.group(1) if c else None)


ENDINGS = st.sampled_from(
    [
        "is",
        "Is",
        "IS",
        "were widely",
        "the",
        "bathe",
        "a",
        "agenda",
        "weekly",
        "annual",
        "so-called",
        "So-Called",
        "dubbed",
        "known as",
        "known  as",
        "called it",
        "called",
        "labelled",
        "labeled",
        "the phrase",
        "thephrase",
        "such as",
        "reading",
        "read",
        "\u017fo-called",
        "i\u017f",
        "\u212a",
        "x",
        "-",
        "\u2019",
    ]
)


@FAST
@given(texts, ENDINGS, st.sampled_from(["", " ", "-", "x", "\n"]))
def test_cue_and_scare_prefilters_match_the_patterns(text: str, ending: str, glue: str) -> None:
    s = (text + glue + ending).rstrip()
    assert qt._neg_cue(s) == bool(qt._NEG_CUE.search(s))
    assert qt._scare_before(s) == bool(qt._SCARE_BEFORE.search(s))
