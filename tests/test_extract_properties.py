"""Property tests: extraction never raises, and every offset points at what the fact says."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from digests.extract import parse_document
from digests.extract.entities import find_entities
from digests.extract.quotes import find_quotes

WORDS = [
    "said",
    "told",
    "Mr",
    "Dr",
    "Lee",
    "Xi Jinping",
    "President",
    "the",
    "ministry",
    "he",
    "she",
    "that",
    "according to",
    "\u201c",
    "\u201d",
    '"',
    "'",
    "\u2018",
    "\u2019",
    ",",
    ".",
    ":",
    "\n",
    "Beijing",
    "Chinese",
    "Institute",
    "of",
    "Policy",
    "warned",
    "One of them",
    "joked",
    "\u2014",
    "(left)",
    "PHOTO: AFP",
    "Sign up now",
]

newsish = st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join)
texts = st.one_of(st.text(max_size=400), newsish)


def _check(text: str) -> None:
    doc = parse_document(text)
    ents = find_entities(doc)
    for e in ents:
        for s, t in e.mentions:
            assert 0 <= s < t <= len(text)
    for q in find_quotes(doc, ents):
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        if q.speaker_span is not None:
            a, b = q.speaker_span
            assert 0 <= a < b <= len(text)
    for s in doc.sentences:
        assert 0 <= s.start <= s.end <= len(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example("MR Institute of A")  # an honorific stripped before an organisation head word
def test_extraction_never_raises_and_offsets_hold(text: str) -> None:
    _check(text)


def test_empty_and_whitespace_texts() -> None:
    for text in ["", " ", "\n\n", "\u201c", '"', "\u2019s"]:
        _check(text)


def test_dense_paragraphs_stay_linear() -> None:
    """Quote-, name- and cue-dense paragraphs must not trigger quadratic scans."""
    import time

    for text in [
        '"a" ' * 3000,
        "\u2018a\u2019 " * 3000,
        "\u201cWe won,\u201d he said. " * 1500,
        "Mr Smith, " * 3000 + "said that it was fine.",
        "Alpha Beta Gamma " * 2000,
    ]:
        started = time.process_time()
        _check(text)
        assert time.process_time() - started < 10.0
