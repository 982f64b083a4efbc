"""The cheap tests before the events stage's patterns (resources/time/hints.txt) never hide a
match: every clause break, claim and cancelling cue the patterns find in our test articles holds
one of the hints that guard them."""

from __future__ import annotations

from pathlib import Path

from digests.extract import events, status, vocab
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
        for m in events._CLAUSE_BREAK.finditer(s):
            found += 1
            # the hint may reach a character past the break ("but " of ", but ")
            assert events._BREAK_HINT.search(s, m.start(), min(len(s), m.end() + 8)), s
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
