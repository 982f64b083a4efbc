"""The cheap tests before the events stage's patterns (resources/time/hints.txt) never hide a
match: every clause break, claim and cancelling cue the patterns find in our test articles holds
one of the hints that guard them."""

from __future__ import annotations

from pathlib import Path

from digests.extract import event_clauses, status, vocab
from digests.extract.text import sentence_spans

GOLD = Path(__file__).parent / "gold"


def _sentences() -> list[str]:
    out = []
    for path in sorted(GOLD.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out += [text[a:b] for a, b in sentence_spans(text)]
    return out


def test_the_hints_are_read_with_their_blanks() -> None:
    assert "but " in vocab.hints("clause_break") and " then" in vocab.hints("clause_break")
    assert "said to" in vocab.hints("claim") and "called off" in vocab.hints("off")


def test_every_clause_break_holds_a_hint() -> None:
    found = 0
    for s in _sentences():
        for m in event_clauses.EVENT_BREAK.finditer(s):
            found += 1
            # the hint may reach a character past the break ("but " of ", but ")
            assert event_clauses._BREAK_HINT.search(s, m.start(), min(len(s), m.end() + 8)), s
    assert found > 20


def test_every_claim_and_cancelling_cue_holds_a_hint() -> None:
    claims = cues = 0
    for s in _sentences():
        low = s.lower()
        if status._REPORTED.search(s):
            claims += 1
            assert status._REPORT_HINT.search(low), s
        for m in status._STATUS_CUE.finditer(s):
            if status._STATUS_OF and any(rx.fullmatch(m.group(0)) for rx, v in status._STATUS_OF
                                         if v in ("cancelled", "postponed")):
                cues += 1
                assert any(h in low for h in status._OFF_HINTS), s
    assert claims > 5 and cues > 0


def test_the_hints_found_in_the_scanners_pass_are_where_the_hint_searches_find_them() -> None:
    # (events.find_events asks hint_places once an article, not a search of each sentence)
    from digests.extract.text import build_doc
    from digests.extract.times.scan import hint_places, holds_hint

    texts = [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))]
    texts.append("Reportedly, BUT\u0130 the talks were called off; sources said so.")  # offsets not kept
    held = 0
    for text in texts:
        doc = build_doc(text)
        claim, breaks, off = (hint_places(doc, tag) for tag in ("claim", "clause_break", "off"))
        if len(doc.lower) != len(text):
            assert claim is None and breaks is None and off is None
            continue
        assert claim is not None and breaks is not None and off is not None
        for a, b in sentence_spans(text):
            low = text[a:b].lower()
            assert holds_hint(claim, a, b) == (status._REPORT_HINT.search(low) is not None)
            # (found lower-cased: "But" too, where the search of the text as written needs "but")
            assert holds_hint(breaks, a, b) == (event_clauses._BREAK_HINT.search(doc.lower, a, b) is not None)
            held += holds_hint(claim, a, b)
        assert {k for k, _ in off} == {
            k for h in status._OFF_HINTS for k in range(len(text)) if doc.lower.startswith(h, k)
        }
    assert held > 10
