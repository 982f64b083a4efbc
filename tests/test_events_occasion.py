"""A carved telling and its own occasion are one event (#13): "Ortiz said Tuesday that ..." and
"Ortiz said in an interview that aired Tuesday" tell one saying; an occasion that names someone
else ("Vance, in a post on Tuesday, praised Ortiz") stays apart. A schedule denied in the past
("was not supposed to happen Tuesday", "was never meant to", "was not due to") is denied, with its
cue, not a thing done. Sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

from digests.extract import extract
from digests.models import Event

PAPER = date(2026, 3, 11)  # a Wednesday


def events(text: str) -> list[Event]:
    return extract(text, PAPER).events


@pytest.mark.parametrize(
    "text",
    [
        "Governor Ortiz said Tuesday that the bridge would close in May.\n\n"
        "\u201cWe cannot wait for another flood,\u201d Ortiz said in an interview that aired Tuesday on "
        "a regional channel.",
        "Mayor Lindqvist said on Tuesday that the tram line would reopen in June.\n\n"
        "Lindqvist repeated the promise in a radio address on Tuesday, praising the crews.",
        "The harbour board said Tuesday that the port would reopen in April.\n\n"
        "In a statement on Tuesday, the harbour board thanked the crews.",
    ],
)
def test_a_carved_telling_and_its_own_occasion_are_one_event(text: str) -> None:
    got = [e for e in events(text) if e.date == "2026-03-10"]
    assert len(got) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Governor Ortiz said Tuesday that the bridge would close in May.\n\n"
        "Senator Vance, in a post on Tuesday, praised Ortiz for closing the bridge.",
        "Mayor Lindqvist said on Tuesday that the tram line would reopen in June.\n\n"
        "Councillor Abara criticised Lindqvist in a radio interview on Tuesday, saying the delay was costly.",
    ],
)
def test_an_occasion_naming_someone_else_stays_apart(text: str) -> None:
    got = [e for e in events(text) if e.date == "2026-03-10"]
    assert len(got) == 2


@pytest.mark.parametrize(
    ("text", "day", "cue"),
    [
        ("The vote was not supposed to happen Tuesday, the clerk said.", "2026-03-10", "not supposed to"),
        ("The ferry was never meant to sail on Monday, the operator said.", "2026-03-09", "never meant to"),
        ("The inspection was not due to take place on March 2.", "2026-03-02", "not due to"),
        ("The hearing wasn't supposed to open in February.", "2026-02", "wasn't supposed to"),
    ],
)
def test_a_past_schedule_denied_is_denied(text: str, day: str, cue: str) -> None:
    got = events(text)
    assert [(e.date, e.status, e.cue) for e in got] == [(day, "denied", cue)]


def test_a_past_schedule_told_plainly_stays_a_thing_of_its_day() -> None:
    got = events("The vote was supposed to happen Tuesday, the clerk said.")
    assert [(e.date, e.status) for e in got] == [("2026-03-10", "occurred")]
