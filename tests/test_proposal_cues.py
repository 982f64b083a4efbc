"""Each proposal cue of resources/time/proposal_cues.txt matches its own example, and the
substring pre-check of ``status.proposal`` and ``proposals.proposes`` (the stems) lets that match
through: a cue added to the file without a stem would otherwise be skipped silently."""

from __future__ import annotations

import re

import pytest

from digests.extract.proposals import PROPOSAL_STEMS, proposal_cue
from digests.extract.vocab import read_resource


def _cases() -> list[tuple[str, str]]:
    cases: list[tuple[str, str]] = []
    example = None
    for line in read_resource("proposal_cues.txt").splitlines():
        quoted = re.match(r'#\s+"([^"]+)"', line)
        if quoted:
            example = quoted.group(1)
        elif line.strip() and not line.startswith("#"):
            assert example is not None, f"cue without an example: {line}"
            cases.append((re.sub(r"(?:\s+@\w+)+$", "", line.strip()), example))  # without its tags
            example = None
    return cases


@pytest.mark.parametrize(("cue", "example"), _cases())
def test_cue_matches_its_example_through_the_stems(cue: str, example: str) -> None:
    m = re.search(rf"(?i)\b(?:{cue})\b", example)
    assert m, f"{cue!r} does not match its example {example!r}"
    assert any(stem in m.group(0).lower() for stem in PROPOSAL_STEMS), m.group(0)


@pytest.mark.parametrize(
    ("text", "date_at", "cue"),
    [
        # an adjective names the thing proposed: the cue before it proposes the date, or none does
        ("Varga urged parliament to pass the proposed tariffs on March 1.", "March 1", "urged parliament to"),
        ("The proposed tariffs will take effect on March 1.", "March 1", None),
        # a verb's form after a determiner is a noun of no proposing; a noun cue is one
        ("Two bidders extended their offers to buy the shipyard on Friday.", "Friday", None),
        ("Varga pressed on with her bid to win a snap election on March 8.", "March 8", "bid to win"),
        ("The opposition backed Varga's preferred date of March 12.", "March 12", "preferred date"),
    ],
)
def test_one_rule_finds_the_proposal_cue_of_a_date(text: str, date_at: str, cue: str | None) -> None:
    """The times stage (``proposes``) and status (``status.proposal``) ask the one function."""
    found = proposal_cue(text, 0, text.index(date_at))
    assert (" ".join(found.group(0).split()) if found else None) == cue
