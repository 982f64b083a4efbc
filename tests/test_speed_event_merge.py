"""The cost side of merging told-twice events: the indexed walks decide exactly as the plain ones
(tests/event_merge_reference.py), and an event told many times is not copied at every telling."""

from __future__ import annotations

import random

import pytest

from digests.extract import event_merge
from digests.models import Event
from tests.event_merge_reference import merge_plainly, one_date_plainly

PEOPLE = ["Ilse Marrow", "Tomas Vell", "Odile Prane", "Kasimir Hode", "Wren Atalla"]
ORGS = ["Harbour Board", "Tidewater Ledger"]
WORDS = [
    "ferry", "harbour", "council", "berths", "dredging", "tariff", "vote", "inspection", "lighthouse",
    "pier", "budget", "strike", "quay", "cranes", "pilots", "tender", "Velmar", "Ostrova", "opened",
    "closed", "delayed", "signed", "agreement", "minister",
]
DATES = [
    ("2026-06-02", None), ("2026-06-03", None), ("2026-06-09", None), ("2026-06-02", "2026-06-04"),
    ("2026-06", None), ("2026-W23", None), ("2026-Q2", None), ("2026-SU", None), ("2026", None),
    ("2026-07-01", None), ("2026-06-07", None),
]
STATUSES = ["occurred", "planned", "reported", "cancelled", "postponed", "denied"]


def _events(rng: random.Random, n: int) -> list[Event]:
    events = []
    told: list[Event] = []
    for i in range(n):
        if told and rng.random() < 0.35:
            # a telling again: the same clause, or much the same words, maybe under another date
            twin = rng.choice(told)
            words = twin.text.rstrip(".").split()
            words = [w for w in words if rng.random() < 0.8] or words
            text = " ".join(words) + "." if rng.random() < 0.6 else twin.text
            start = twin.start if text == twin.text and rng.random() < 0.5 else 40 * i
            date, end = (twin.date, twin.date_end) if rng.random() < 0.7 else rng.choice(DATES)
        else:
            opening = rng.choice(["The ", "the ", '"', ""])
            text = opening + " ".join(rng.sample(WORDS, rng.randint(0, 7))) + "."
            start = 40 * i
            date, end = rng.choice(DATES)
        names = rng.sample(PEOPLE + ORGS, rng.randint(0, 4))
        ev = Event(
            date=date, date_end=end, status=rng.choice(STATUSES), text=text, start=start,
            end=start + len(text), entities=names, paragraph=rng.randint(0, 4),
            cue=rng.choice([None, "will", "said"]),
        )
        events.append(ev)
        told.append(ev)
    return events


@pytest.mark.parametrize("seed", range(60))
def test_merging_decides_as_the_plain_walk(seed: int) -> None:
    rng = random.Random(seed)
    events = _events(rng, rng.randint(2, 80))
    people = set(PEOPLE)
    headline = rng.choice([None, 0, 1])
    merged = event_merge.merge(events, people, {}, headline)
    assert merged == merge_plainly(events, people, headline)
    assert event_merge.one_date(merged, people, {}) == one_date_plainly(merged, people)


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
