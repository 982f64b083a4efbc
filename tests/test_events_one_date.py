"""One event, one date (#13): a range of two grains is one event; a telling that opens its clause
with its date ("On Saturday, state media reported that ...") keeps its day and only its words, and a
carved telling takes in no other event of its day; a headline dated by the end of what it tells is the
body's event done, not a second one under the deadline. Sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

from digests.extract import extract
from digests.models import Event

PAPER = date(2026, 3, 11)  # a Wednesday


def events(text: str) -> list[Event]:
    return extract(text, PAPER).events


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("The agency counted at least 900 deaths between mid-April and March 2, its report said.",
         "2025-04", "2026-03-02"),
        ("The agency counted 900 deaths between early January and March 2 in the valley.",
         "2026-01", "2026-03-02"),
        ("Grain prices rose from 2019 to March 2021 in every province.", "2019", "2021-03"),
    ],
)
def test_a_range_of_two_grains_is_one_event(text: str, first: str, last: str) -> None:
    assert [(e.date, e.date_end) for e in events(text)] == [(first, last)]


def test_two_dates_of_two_grains_that_are_no_range_stay_two() -> None:
    got = events("The minister met the envoy in February and on March 2 in the capital.")
    assert [(e.date, e.date_end) for e in got] == [("2026-02", None), ("2026-03-02", None)]


@pytest.mark.parametrize(
    ("text", "telling", "day", "other"),
    [
        ("On Saturday, state media reported that the ministry plans to close the plant between March 23"
         " and 25.",
         "On Saturday, state media reported", "2026-03-07", ("2026-03-23", "2026-03-25")),
        ("Late Tuesday, the foreign ministry announced that the envoy would visit the capital on"
         " March 20.",
         "Late Tuesday, the foreign ministry announced", "2026-03-10", ("2026-03-20", None)),
        ("On Monday, harbour officials told reporters that the port had reopened on March 1.",
         "On Monday, harbour officials told", "2026-03-09", ("2026-03-01", None)),
    ],
)
def test_a_telling_that_opens_with_its_date_keeps_only_its_words(
    text: str, telling: str, day: str, other: tuple[str, str | None]
) -> None:
    got = events(text)
    told = [e for e in got if e.date == day]
    assert [e.text for e in told] == [telling]
    assert [(e.date, e.date_end) for e in got if e.date != day] == [other]
    assert all(e.text.startswith(telling) for e in got)


def test_a_clause_that_opens_with_its_date_and_tells_no_saying_is_not_cut() -> None:
    got = events("On Monday, rebels seized the dam and the army said it would strike back on Friday.")
    assert got[0].date == "2026-03-09"
    assert got[0].text.startswith("On Monday, rebels seized the dam and the army")


@pytest.mark.parametrize(
    ("text", "later"),
    [
        ("Harbour officials said on Monday that the port would reopen in April.\n\n"
         "The harbour officials also met fishermen on Monday to hear their complaints about the closure.",
         "met fishermen"),
        ("Ortiz said on Tuesday that the bridge would close in May.\n\n"
         "Ortiz toured the flooded district on Tuesday with rescue teams.", "toured the flooded district"),
    ],
)
def test_a_carved_telling_takes_in_no_later_event_of_its_day(text: str, later: str) -> None:
    assert any(later in e.text for e in events(text))


def test_a_carved_telling_told_after_an_event_of_its_day_still_joins_it() -> None:
    got = events("Ortiz toured the flooded district on Tuesday with rescue teams.\n\n"
                 "Ortiz said on Tuesday that the bridge would close in May.")
    assert [e.text for e in got if e.date == "2026-03-10"] == [
        "Ortiz toured the flooded district on Tuesday with rescue teams."
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Council agrees fishing ban until June 30\n\n"
        "The regional council agreed on Monday to a fishing ban in the bay for three months, officials said.",
        "Talks must end by Friday, mediator says\n\n"
        "The mediator on Tuesday gave the two delegations a deadline to finish the talks.",
    ],
)
def test_a_headline_dated_by_its_deadline_is_the_body_event_done(text: str) -> None:
    got = events(text)
    assert len(got) == 1 and got[0].status == "occurred" and got[0].paragraph != 0


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        # the body tells something else that day
        ("Strike to last until Friday\n\nDock workers met on Monday in the port city.", "2026-03-13"),
        # the body tells it ahead, not done
        ("Council agrees fishing ban until June 30\n\n"
         "The regional council will vote on the fishing ban next week.",
         "2026-06-30"),
    ],
)
def test_a_headline_deadline_stays_when_the_body_tells_it_not_done(text: str, deadline: str) -> None:
    assert any(e.date == deadline and e.paragraph == 0 for e in events(text))


TUESDAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The mayor, facing a vote in which she needs the unions, will also stress in her speech Wednesday"
         " that she does not plan new taxes.", "2026-03-11"),
        ("The mayor will stress in her address Thursday that taxes will not rise.", "2026-03-12"),
        ("Wednesday's address, which will come a day before the vote, will help voters understand the plan,"
         " he said.", "2026-03-11"),
    ],
)
def test_an_utterance_still_to_come_is_a_plan(text: str, day: str) -> None:
    assert [(e.date, e.status) for e in extract(text, TUESDAY).events] == [(day, "planned")]


@pytest.mark.parametrize(
    "text",
    [
        "The premier announced his plans to sue the board in a televised address at 1800 GMT Sunday.",
        "The premier announced his plan to sue the board in a televised address at 6 p.m. Sunday.",
        "Sunday night's statement was welcomed by the unions.",
    ],
)
def test_an_utterance_told_in_the_past_is_done_on_its_weekday(text: str) -> None:
    assert [(e.date, e.status) for e in extract(text, TUESDAY).events] == [("2026-03-08", "occurred")]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Ukraine is no member, though leaders did invite its new president, Ilse Varga, to Oslo this week.",
         "2026-W11"),
        ("The council invited the two envoys to talks this month.", "2026-03"),
    ],
)
def test_an_invitation_names_the_visit_still_ahead(text: str, period: str) -> None:
    assert [(e.date, e.status, e.cue) for e in events(text)] == [(period, "planned", "invited")]


@pytest.mark.parametrize(
    "text",
    ["Leaders invited the new president to Oslo last week.", "He was invited to speak this week in the hall"],
)
def test_an_invitation_of_the_past_or_to_do_something_is_no_plan(text: str) -> None:
    assert [e.status for e in events(text)] == ["occurred"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("An aide told reporters the tax was not expected to be raised in the mayor's address Wednesday.",
         "2026-03-11"),
        ("The reform was not expected to figure in the governor's speech Thursday, aides told reporters.",
         "2026-03-12"),
    ],
)
def test_a_negated_past_schedule_keeps_its_weekday_ahead(text: str, day: str) -> None:
    # a Monday paper: the utterance of a schedule told in the past, negated, is still the coming one
    assert [(e.date, e.status) for e in extract(text, date(2026, 3, 9)).events] == [(day, "denied")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The report weighed the ministry's plans for 2026, 2030 and 2050.",
         [("2026", "planned", "plans for"), ("2030", "planned", None), ("2050", "planned", None)]),
        ("The bank cut its targets for this year.", [("2026", "planned", "targets for")]),
        ("The agenda for this week includes the budget.", [("2026-W11", "planned", "agenda for")]),
        # a past year's plans, or a thing done in the year, stay as they were
        ("The party unveiled its plans for 2024 in a speech.", [("2024", "occurred", None)]),
        ("The ministry raised taxes this year.", [("2026", "occurred", None)]),
    ],
)
def test_a_plan_for_the_period_still_running_is_planned(
    text: str, want: list[tuple[str, str, str | None]]
) -> None:
    assert [(e.date, e.status, e.cue) for e in events(text)] == want
