"""bench/quote_errors.py matches quotations as the PolNeAR scorer does (our own tiny article)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # bench/ is a top-level folder, not an installed package
    sys.path.insert(0, str(ROOT))

from bench.quote_errors import score  # noqa: E402

TEXT = (
    'Storm Over Harbour Plan\n\n"We will not move," Ada Brook said. '
    'Her rival Olaf Berg said, "It is over." The so-called "harbour deal" was signed.'
)


def _span(words: str) -> tuple[int, int]:
    s = TEXT.index(words)
    return s, s + len(words)


def _gold(words: str, speaker: str, kind: str = "direct") -> dict[str, object]:
    s, e = _span(words)
    ss, se = _span(speaker)
    return {
        "quote_type": kind,
        "quote_spans": [{"start": s, "end": e}],
        "speaker": speaker,
        "speaker_spans": [{"start": ss, "end": se}],
        "speaker_is_pronoun": False,
    }


def test_matches_counts_and_sorts_errors_by_kind() -> None:
    gold = [_gold("We will not move,", "Ada Brook"), _gold("It is over.", "Olaf Berg")]
    art = {"id": "x/1", "text": TEXT, "quotes": gold}
    s1, e1 = _span("We will not move,")
    s2, e2 = _span("harbour deal")
    preds = {
        "x/1": [
            {"start": s1, "end": e1, "speaker": "Ada Brook", "speaker_span": list(_span("Ada Brook"))},
            {"start": s2, "end": e2, "speaker": None, "speaker_span": None},
        ]
    }
    out = score([art], preds)
    c = out["counts"]
    assert (c["gold"], c["pred"], c["tp"], c["tp_both"], c["missed"]) == (2, 2, 1, 1, 1)
    kinds = sorted((e["error"], e["kind"]) for e in out["errors"])
    assert kinds == [("extra", "short term"), ("missed", "")]
    # a wrong speaker on a matched quotation is its own kind
    preds["x/1"][0]["speaker"], preds["x/1"][0]["speaker_span"] = "Olaf Berg", list(_span("Olaf Berg"))
    out = score([art], preds)
    assert out["counts"]["speaker: named"] == 1
