"""The cost side of merging told-twice events: an event told many times is not copied at every
telling. (What merge decides is held by the behaviour tests of test_events*.py; the equivalence with a
plain pair-by-pair walk was checked once, when the indexed walk landed: bench.extract_diff, 0 of 1,198
texts different. No second copy of the merge rules is kept as a test oracle.)"""

from __future__ import annotations

import pytest

from digests.extract import event_merge
from digests.models import Event

PEOPLE = ["Ilse Marrow", "Tomas Vell", "Odile Prane", "Kasimir Hode", "Wren Atalla"]
ORGS = ["Harbour Board", "Tidewater Ledger"]


def test_an_event_told_many_times_is_written_once_not_at_every_telling(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tellings = [
        Event(
            date="2026-06-02", status="planned",
            text=f"The harbour council will vote on the ferry tender, {n}.", start=60 * n,
            end=60 * n + 50, entities=[PEOPLE[n % 5], ORGS[n % 2]], paragraph=n + 1,
        )
        for n in range(40)
    ]
    copies = 0
    copy = Event.model_copy

    def counted(self: Event, **kwargs: object) -> Event:
        nonlocal copies
        copies += 1
        return copy(self, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Event, "model_copy", counted)
    merged = event_merge.merge(tellings, set(PEOPLE), {})
    assert len(merged) == 1
    assert merged[0].entities == sorted({*PEOPLE, *ORGS})
    assert copies == 1  # each telling's names gathered, the event written once (not 39 times)
