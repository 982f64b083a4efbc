"""Event clauses of our own for the cases real news got wrong: "today" meaning nowadays, plans the
article reports overtaken, negated expectations, "planned" as an adjective in a past clause,
"since" and a day of an unknown year, the end of a period ("expires on Friday"), and the open
condition words read from their resource file."""

from __future__ import annotations

from datetime import date

import pytest

from digests.extract import conditions, vocab
from digests.extract.events import find_events
from digests.extract.text import parse_document
from digests.extract.times import find_times
from digests.models import Event

D = date.fromisoformat


def _events(text: str, published: str) -> list[Event]:
    doc = parse_document("Title\n" + text)
    return find_events(doc, find_times(doc, D(published)), [], D(published))


def test_since_a_day_of_an_unknown_year_is_background() -> None:
    # "September 11" read ahead of a Sept. 5 paper: not a week back, not this year's
    text = "None of the 240 cases since September 11 led to an attack, the survey found."
    assert _events(text, "2026-09-05") == []


def test_a_day_named_by_its_month_in_a_past_clause_goes_back_a_year() -> None:
    # read ahead of a Sept. 5 paper: last year's, not the week before
    (ev,) = _events("Earlier on September 9, the inquiry found nothing.", "2026-09-05")
    assert (ev.date, ev.status) == ("2025-09-09", "occurred")


def test_since_a_past_day_still_dates_the_start() -> None:
    (ev,) = _events("Since August 8, the navy has flown 90 sorties over the strait.", "2026-09-05")
    assert ev.date == "2026-08-08"


def test_the_open_condition_words_come_from_their_resource() -> None:
    words = vocab.vocabulary("open_condition")
    for word in words.words("asks"):
        assert rf"(?<!\b{word}\s)" in conditions._IF_OPEN.pattern
    assert words.alternation("sets") in conditions._IF_OPEN.pattern


@pytest.mark.parametrize(
    ("text", "is_condition"),
    [
        ("If the talks fail by Friday, the union will strike.", True),
        ("Reporters asked if the talks resume on Friday.", False),
    ],
)
def test_open_condition_and_question(text: str, is_condition: bool) -> None:
    evs = _events(text, "2026-01-05")
    assert (evs == []) == is_condition


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # a plan word before its noun says nothing of the clause's tense (the paper's day: a Monday)
        ("Protesters gathered against the planned visit on Monday.", "occurred"),
        ("The spokesman told a regularly scheduled briefing on Monday that talks went well.", "occurred"),
        ("The minister announced the launch of his long-planned offensive on Monday.", "occurred"),
        # with no other tense, the planned thing is still the plan
        ("The planned visit on Monday will go ahead.", "planned"),
        # a planned thing called off on its day, in either spelling
        ("The president canceled a planned trip to Valdora on Monday.", "cancelled"),
        ("The city said it was canceling a fireworks display planned for Monday.", "cancelled"),
    ],
)
def test_planned_as_an_adjective_is_no_future_cue(text: str, status: str) -> None:
    (ev,) = _events(text, "2026-01-05")  # a Monday
    assert (ev.date, ev.status) == ("2026-01-05", status)


def test_a_planned_meeting_on_a_weekday_ahead_keeps_its_day() -> None:
    text = "The North angrily canceled a planned meeting with Southern officials Wednesday."
    (ev,) = _events(text, "2026-01-05")
    assert (ev.date, ev.status) == ("2026-01-07", "cancelled")


@pytest.mark.parametrize(
    "text",
    [
        "But today's Valdora cannot solve the region's problems.",
        "Today's big problems in the region aren't amenable to this kind of solution.",
        "The newer right is the most vital part of Valdoran politics today.",
        "The militia rebuilt itself and today controls large parts of the north.",
        "Today he lives behind high gates in a village north of the capital.",
        "The staff cuts left gaping holes that remain today, more than a year on.",
        # a comparison with the present
        "It is easier today than it will be in a year, the envoy said.",
        "We will certainly face a far worse situation than today.",
        "The sanctions squeezed a country far poorer than Valdora is today.",
        # a lasting state after the place or pronoun it holds for
        "The Gulf states are fundamentally OK with the way the Middle East works today.",
        "The problems raging in the Middle East today might have been avoided.",
        "The dockers made the harbour the rich city it is today.",
        # a sentence that opens "Today," and tells a state of any subject
        "Today, half of retired Valdorans earn less than 200 dollars a month.",
        "Today, in his songs and speeches, the singer expresses greater tolerance.",
        "Today, she laments the minister's policy as a failure.",
        "But today, the region is defined by a web of rivalries.",
        # set off between a verb of being and what it says
        "Valdoran influence over the conflict is, today, a dried-out husk.",
        # a situation that lasts, "today" closing its noun phrase (before a relative clause too)
        "The coup left the country in a chaotic situation today that smugglers exploit.",
        "Nobody in the capital likes the conditions today.",
        # a name, "today", then what it is
        "Critics say Valdora today is a state run by its militias.",
        "Western Europe today remains divided over the pipeline.",
    ],
)
def test_today_meaning_nowadays_is_no_event(text: str) -> None:
    assert _events(text, "2026-01-05") == []


@pytest.mark.parametrize(
    "text",
    [
        "The first patient will arrive in Atlanta today.",
        "Reporters were barred from entering Novoazovsk today.",
        "Today we have learned of four more strikes on the convoy.",
        "Today's decision will be welcomed in many capitals.",
        "Kerry is in Riyadh today to meet the foreign ministers.",
        "Kerry today is in Riyadh to meet the foreign ministers.",
        "Varga today is expected to sign the decree.",
        "The vote today is the first since the war.",
        # a day's doing after "Today,"
        "Today, the minister speaks at the United Nations.",
        "Today, the defence secretary said the strikes had worked.",
        "Today, regional leaders are meeting in Nairobi.",
    ],
)
def test_today_of_the_papers_day_stays(text: str) -> None:
    (ev,) = _events(text, "2026-01-05")
    assert ev.date == "2026-01-05"


@pytest.mark.parametrize(
    ("text", "status", "cue"),
    [
        ("The committee is not expected to vote on Friday.", "denied", "not expected to"),
        ("The council isn't scheduled to meet on Friday.", "denied", "isn't scheduled to"),
        ("No vote is scheduled for Friday, the speaker said.", "denied", "No vote is scheduled"),
        # a negated plan, not a negated state
        ("\"We're not going to sign anything on Friday,\" the president said.", "denied", "not going to"),
        ("The minister isn't going to attend the summit on Friday.", "denied", "isn't going to"),
        ("The villages are not going to be left alone on Friday, he said.", "planned", None),
        # the negation of another clause leaves the plan alone
        ("The summit is expected on Friday, though Lee is not expected to attend.", "planned", None),
        ("The committee is expected to vote on Friday.", "planned", None),
    ],
)
def test_a_negated_expectation_is_no_plan(text: str, status: str, cue: str | None) -> None:
    (ev,) = _events(text, "2026-01-07")  # a Wednesday
    assert (ev.date, ev.status) == ("2026-01-09", status)
    assert cue is None or ev.cue == cue


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The ultimatum expires at 5 p.m. on Friday.", "2026-01-09"),
        ("The exhibition runs through Sunday at the city museum.", "2026-01-11"),
        ("The ceasefire lasts until Friday, officials said.", "2026-01-09"),
        # told in the past, the end is behind
        ("The truce expired on Friday.", "2026-01-02"),
        ("The talks lasted until Friday.", "2026-01-02"),
    ],
)
def test_the_end_of_a_period_in_the_present_lies_ahead(text: str, value: str) -> None:
    (ev,) = _events(text, "2026-01-07")  # a Wednesday
    assert ev.date == value


def test_a_plan_the_article_says_was_called_off_is_cancelled() -> None:
    text = (
        "The president called off the summit with Belmark, citing open hostility.\n\n"
        "The summit had been scheduled for March 12 in Tessel.\n\n"
        "Officials of both sides had met last week to prepare the summit, set for March 12."
    )
    evs = [e for e in _events(text, "2026-03-02") if e.date == "2026-03-12"]
    assert [(e.status, e.cue) for e in evs] == [("cancelled", "called off")] * len(evs) and evs


@pytest.mark.parametrize(
    "later",
    [
        "The summit could still take place on March 12, the president said later.",  # planned again
        "Trade talks with Belmark will open on March 12 in Tessel.",  # another thing
    ],
)
def test_a_plan_planned_again_or_of_another_thing_stays(later: str) -> None:
    text = f"The president called off the summit with Belmark, citing open hostility.\n\n{later}"
    (ev,) = _events(text, "2026-03-02")
    assert (ev.date, ev.status) == ("2026-03-12", "planned")


def test_a_cue_dated_by_its_own_telling_leaves_other_dates_alone() -> None:
    text = (
        "The North angrily canceled a planned meeting with Southern officials Wednesday.\n\n"
        "The meeting of the two leaders is set for June 12 in Tessel."
    )
    evs = {(e.date, e.status) for e in _events(text, "2026-03-02")}
    assert evs == {("2026-03-04", "cancelled"), ("2026-06-12", "planned")}


def test_a_season_told_loosely_is_the_month_a_cue_calls_off() -> None:
    # "this fall's drill" and "the August exercise" of one story: a season's edges are loose
    text = (
        "A navy spokesman told reporters on June 12 that they had no guidance on training exercises, "
        "including this fall's drill off Tessel.\n\n"
        "On June 18 the ministry said it would not hold the August exercise with Belmark."
    )
    evs = {(e.date, e.status) for e in _events(text, "2026-06-25")}
    assert ("2026-FA", "cancelled") in evs and ("2026-08", "cancelled") in evs


def test_a_season_far_from_the_date_called_off_stays_planned() -> None:
    text = (
        "The ministry said on June 18 that it would not hold the August exercise with Belmark.\n\n"
        "A larger exercise is planned for next spring off Tessel."
    )
    evs = {(e.date, e.status) for e in _events(text, "2026-06-25")}
    assert ("2027-SP", "planned") in evs


@pytest.mark.parametrize(
    ("text", "status", "cue"),
    [
        ("The allies have paused the joint drill planned for August.", "postponed", "paused"),
        ("Washington halted the joint exercises planned for August.", "cancelled", "halted"),
    ],
)
def test_a_paused_or_halted_plan_is_not_planned(text: str, status: str, cue: str) -> None:
    (ev,) = _events(text, "2026-06-25")
    assert (ev.date, ev.status, ev.cue) == ("2026-08", status, cue)


def test_a_next_day_told_in_the_past_is_not_called_off_with_the_plan() -> None:
    # a paper dated the day before its news: "on Thursday" in a Wednesday paper is that Thursday, told
    # in the past, no plan the article's "calls off" could take back; a claim of it is done by the
    # time of the report (no claim of something to come, which Coming up would list), resting on the claim
    text = (
        "Varga calls off meeting with Lee\n\n"
        "The decision was a blow to the talks, Lee told an emergency meeting of his cabinet on Thursday, "
        "according to the Valley Times.\n\n"
        "The meeting with Lee had been scheduled for Jan. 20 in Ostrava."
    )
    evs = [(e.date, e.status, e.cue) for e in _events(text, "2026-01-14")]  # a Wednesday
    assert evs == [("2026-01-15", "occurred", "according to the Valley Times"),
                   ("2026-01-20", "cancelled", "calls off")]


def test_a_comparison_with_another_day_keeps_the_day() -> None:
    evs = _events("More refugees crossed today than yesterday, the agency said.", "2026-01-05")
    assert "2026-01-05" in [e.date for e in evs]


def test_the_written_channels_come_from_their_resource() -> None:
    from digests.extract import events

    words = vocab.vocabulary("written_channels")
    assert words.alternation() in events._WRITTEN.pattern
    assert events._WRITTEN.search("In a post on X account, she wrote")
    assert not events._WRITTEN.search("the minister told reporters")


def test_the_own_plan_cues_come_from_their_resource() -> None:
    from digests.extract.times import agree

    words = vocab.vocabulary("own_plan")
    assert words.words("word") == agree._OWN_PLAN_WORDS
    assert words.alternation("cue") in agree._OWN_PLAN.pattern
    # the cheap look-up first must never turn a cue away: every cue holds one of its words
    for cue in ("will", "won't", "shall", "is scheduled", "were set", "take place", "scheduled for"):
        assert agree._OWN_PLAN.search(cue + " x")
        assert any(w in cue for w in agree._OWN_PLAN_WORDS)
    assert agree._own_plan("The rally will take place in the capital on ", 45)
    assert not agree._own_plan("The rally took off in the capital on ", 37)


def test_the_period_end_and_spoken_words_come_from_their_resources() -> None:
    from digests.extract import events
    from digests.extract.times import tense

    period = vocab.vocabulary("period_end")
    assert period.alternation("verb") in tense._PERIOD_END.pattern
    assert period.alternation("end") in tense._PERIOD_END.pattern
    assert period.words("word") == tense._PERIOD_WORDS
    # the cheap look-up first must never turn a period's end away where no clock time comes first
    for end in ("through", "until", "till", "thru"):
        assert any(w in end for w in tense._PERIOD_WORDS)
        assert tense._PERIOD_END.search(f"The truce lasts {end} Friday.")
    assert vocab.vocabulary("spoken_words").alternation() in events._SPOKEN.pattern
    assert events._SPOKEN.search("the mayor told reporters")


def test_a_choice_of_dates_is_one_event_over_them() -> None:
    # "this week or early next week": either may be the day, so the event spans both, and Coming up
    # does not show it under the later one alone
    (ev,) = _events("The levy could be voted on this week or early next week, she said.", "2026-01-14")
    assert (ev.date, ev.date_end, ev.status) == ("2026-W03", "2026-W04", "planned")
