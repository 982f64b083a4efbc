"""Tense bugs found in real news, each on sentences of our own (tests/data/events/tense_cases.json):
the date each event gets and its status."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from digests.extract import extract

CASES = json.loads((Path(__file__).parent / "data" / "events" / "tense_cases.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: f"{c['bug']}: {c['text'][:40]}")
def test_tense_case(case: dict[str, Any]) -> None:
    events = extract(case["text"], date.fromisoformat(case["published"])).events
    assert [[e.date, e.status] for e in events] == case["events"]
