"""Each proposal cue of resources/time/proposal_cues.txt matches its own example, and the
substring pre-check of ``status.proposal`` and ``proposals.proposes`` (the stems) lets that match
through: a cue added to the file without a stem would otherwise be skipped silently."""

from __future__ import annotations

import re

import pytest

from digests.extract.proposals import PROPOSAL_STEMS
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
            cases.append((line.strip(), example))
            example = None
    return cases


@pytest.mark.parametrize(("cue", "example"), _cases())
def test_cue_matches_its_example_through_the_stems(cue: str, example: str) -> None:
    m = re.search(rf"(?i)\b(?:{cue})\b", example)
    assert m, f"{cue!r} does not match its example {example!r}"
    assert any(stem in m.group(0).lower() for stem in PROPOSAL_STEMS), m.group(0)
