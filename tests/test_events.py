"""Dated events: one per dated statement, with range, status, entities; furniture never an event."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from digests import timex
from digests.extract.events import find_events
from digests.extract.text import parse_document
from digests.extract.times import find_times
from digests.models import Entity, Event

DATA = Path(__file__).parent / "data" / "times"
D = date.fromisoformat


def _events(text: str, published: date | None, entities: list[Entity] | None = None) -> list[Event]:
    doc = parse_document(text)
    return find_events(doc, find_times(doc, published), entities or [], published)


@pytest.mark.parametrize(
    ("text", "published", "date_", "date_end", "status"),
    [
        (
            "Title\nThe minister flew to Hanoi on Jan 4 for talks on trade.",
            "2026-01-06",
            "2026-01-04",
            None,
            "occurred",
        ),
        (
            "Title\nThe minister will fly to Hanoi on Jan 14 for talks on trade.",
            "2026-01-06",
            "2026-01-14",
            None,
            "planned",
        ),
        (
            "Title\nThe two leaders will meet on Jan 13 and 14 in the city of Nara.",
            "2026-01-06",
            "2026-01-13",
            "2026-01-14",
            "planned",
        ),
        (
            "Title\nForeign ministers will gather in Cebu from Jan 28 to 30 for their first meeting.",
            "2026-01-06",
            "2026-01-28",
            "2026-01-30",
            "planned",
        ),
        (
            "Title\nLocal media reported that the two leaders will meet on Jan 13, "
            "but there has been no official confirmation.",
            "2026-01-06",
            "2026-01-13",
            None,
            "reported",
        ),
        (
            "Title\nThe president is scheduled to visit Beijing in April to meet his counterpart.",
            "2026-01-06",
            "2026-04",
            None,
            "planned",
        ),
        (
            "Title\nThe accord was signed in Paris on 12 December 2015 by 196 parties.",
            "2026-01-06",
            "2015-12-12",
            None,
            "occurred",
        ),
        (
            "Title\nThe cabinet approves the budget today, officials in the capital said.",
            "2026-01-06",
            "2026-01-06",
            None,
            "occurred",
        ),
        (
            "Title\nThe cabinet will approve the budget today, officials in the capital said.",
            "2026-01-06",
            "2026-01-06",
            None,
            "planned",
        ),
        (
            "Title\nThe talks will run from Monday to Wednesday in the Ethiopian capital.",
            "2026-03-17",
            "2026-03-23",
            "2026-03-25",
            "planned",
        ),
    ],
)
def test_one_event(text: str, published: str, date_: str, date_end: str | None, status: str) -> None:
    events = _events(text, D(published))
    assert len(events) == 1
    ev = events[0]
    assert (ev.date, ev.date_end, ev.status) == (date_, date_end, status)
    assert text[ev.start : ev.end] == ev.text


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Tokyo has not yet confirmed the meeting, which newspapers have put on March 13.", "reported"),
        ("Seoul has yet to confirm the talks, set for March 13.", "reported"),
        ("The ministry hasn't confirmed the visit, planned for March 13.", "reported"),
        ("Tokyo has confirmed that the two leaders will meet on March 13.", "planned"),
        ("The date of March 13 has been officially confirmed, and talks will follow.", "planned"),
    ],
)
def test_confirmation_wording_decides_reported(sentence: str, status: str) -> None:
    events = _events("Title\n" + sentence, D("2026-03-02"))
    assert [e.status for e in events] == [status]


def test_clauses_split_two_dates() -> None:
    text = "Title\nThe visit was announced on Dec 30, mere days before he flew to Beijing on Jan 4."
    events = _events(text, D("2026-01-06"))
    by_date = {e.date: e.text for e in events}
    assert "announced" in by_date["2025-12-30"] and "flew" not in by_date["2025-12-30"]
    assert "flew to Beijing" in by_date["2026-01-04"]


def test_participle_clause_keeps_its_subject() -> None:
    text = "Title\nMr Lee will attend a forum in Shanghai before returning to Seoul on Jan 7."
    events = _events(text, D("2026-01-06"))
    assert [(e.date, e.status) for e in events] == [("2026-01-07", "planned")]
    assert events[0].text.startswith("Mr Lee will attend")


def test_list_of_dates_is_not_a_range() -> None:
    text = "Title\nThe junta held a first round on Dec 28, with further rounds planned on Jan 11 and Jan 25."
    events = _events(text, D("2026-01-06"))
    assert [(e.date, e.date_end, e.status) for e in events] == [
        ("2025-12-28", None, "occurred"),
        ("2026-01-11", None, "planned"),
        ("2026-01-25", None, "planned"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Title\nChina has been its largest trading partner for 21 consecutive years.",
        "Title\nTrade hovers around US$300 billion annually.",
        "Title\nThe two sides now hope to recover the trust they recently lost.",
        "Title\nThey fought side by side more than 80 years ago.",
    ],
)
def test_no_event_for_durations_sets_and_vague_refs(text: str) -> None:
    assert _events(text, D("2026-01-06")) == []


def test_furniture_is_never_an_event() -> None:
    text = (
        "Title of the story\n"
        "Sign up now: Get our newsletter every day from Jan 9\n"
        "Read more: What happened on Jan 3 in the capital\n"
        "The parliament voted on Jan 5 to approve the new budget.\n"
    )
    events = _events(text, D("2026-01-06"))
    assert [e.date for e in events] == ["2026-01-05"]


def test_same_event_told_twice_is_one() -> None:
    text = (
        "Title\n"
        "The central bank raised interest rates on Jan 5 to curb inflation.\n"
        "Analysts said the increase was expected.\n"
        "The central bank raised interest rates on Jan 5, its first increase in a year.\n"
    )
    events = _events(text, D("2026-01-06"))
    assert len(events) == 1
    assert events[0].date == "2026-01-05"


def test_different_events_same_day_are_kept() -> None:
    text = (
        "Title\n"
        "The central bank raised interest rates on Jan 5 to curb inflation.\n"
        "Floods swept through three northern provinces on Jan 5, killing dozens.\n"
    )
    assert len(_events(text, D("2026-01-06"))) == 2


def test_entities_in_the_clause() -> None:
    text = "Title\nMr Lee met Premier Li Qiang on Jan 6, before he flies to Shanghai on Jan 7."
    lee = Entity(
        name="Lee Jae Myung", type="person", mentions=[(text.index("Mr Lee"), text.index("Mr Lee") + 6)]
    )
    li = Entity(
        name="Li Qiang", type="person", mentions=[(text.index("Li Qiang"), text.index("Li Qiang") + 8)]
    )
    sh = Entity(
        name="Shanghai", type="place", mentions=[(text.index("Shanghai"), text.index("Shanghai") + 8)]
    )
    events = {e.date: e for e in _events(text, D("2026-01-06"), [lee, li, sh])}
    assert events["2026-01-06"].entities == ["Lee Jae Myung", "Li Qiang"]
    assert events["2026-01-07"].entities == ["Shanghai"]
    assert events["2026-01-07"].status == "planned"


def test_without_publication_date() -> None:
    events = _events("Title\nThe treaty will be signed on 4 March 2027 in Geneva.", None)
    assert [(e.date, e.status) for e in events] == [("2027-03-04", "planned")]
    assert _events("Title\nThe leaders met on Jan 5 in Geneva.", None) == []


@pytest.mark.parametrize("path", sorted(DATA.glob("*.json")), ids=lambda p: p.stem)
def test_articles(path: Path) -> None:
    want = json.loads(path.read_text(encoding="utf-8"))
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    events = _events(text, D(want["published"]))
    for exp in want["events"]:
        found = [
            e
            for e in events
            if e.date == exp["date"] and e.date_end == exp.get("date_end") and exp["contains"] in e.text
        ]
        assert found, f"{path.stem}: no event {exp}"
        assert found[0].status == exp["status"], f"{path.stem}: {exp}"
    for e in events:
        assert text[e.start : e.end] == e.text
        for junk in want.get("no_event_text", []):
            assert junk not in e.text


# Written for these tests: a story with a photo caption and a dateline.
CAPTIONED = (
    "Harbour ministers agree on a shared quay\n"
    "Minister Ana Ruiz (right) shaking hands with Minister Tomas Berg at the harbour on Feb 3, "
    "a year after their first talks in January 2025.\n"
    "PHOTO: HARBOUR PRESS\n"
    "VALLETTA (Quay Wire) - The two ministers signed the quay agreement on Feb 3 after a night of talks.\n"
    "LISBON – Work on the quay will start in May, officials said.\n"
)


def test_a_caption_gives_no_event_the_story_tells() -> None:
    events = _events(CAPTIONED, date(2026, 2, 4))
    texts = {e.date: e.text for e in events}
    assert "shaking hands" not in texts["2026-02-03"]  # the photo's moment is the story's event
    assert "first talks" in texts["2025-01"]  # background only the caption gives is kept


# Written for these tests: captions with no finite verb over a credit line of their own.
BARE_CAPTIONS = (
    "Ports reopen along the northern coast\n"
    "Minister Ana Ruiz waving to dock workers at Porto Velho before a trip abroad, in a file picture "
    "from November 2025.\n"
    "PHOTO: QUAY PRESS FILE\n"
    "Minister Ana Ruiz (right) with Minister Tomas Berg at their first meeting in Lenz in March 2025.\n"
    "PHOTO: QUAY PRESS\n"
    "Container ships queueing outside the harbour of Lenz in October 2025.\n"
    "Image: Harbour Agency\n"
    "The northern ports reopened on Feb 2 after a three-week strike, the port authority said.\n"
    "The strike ended in January 2026 when the unions accepted a new wage offer.\n"
    "Photo: Jane Roe/Quay Press\n"
)


def test_captions_without_a_finite_verb_give_no_event() -> None:
    events = _events(BARE_CAPTIONS, date(2026, 2, 4))
    texts = [e.text for e in events]
    # the only date of a caption is the picture's moment, though the story does not tell it
    assert not any("waving" in t or "queueing" in t or "first meeting" in t for t in texts)
    assert any(t.startswith("The northern ports reopened on Feb 2") for t in texts)
    # a sentence of the story over a credit line stays news: it has a finite verb
    assert any("The strike ended in January 2026" in t for t in texts)


def test_datelines_stay_out_of_event_text() -> None:
    events = _events(CAPTIONED, date(2026, 2, 4))
    texts = [e.text for e in events]
    assert "The two ministers signed the quay agreement on Feb 3 after a night of talks." in texts
    assert any(t.startswith("Work on the quay will start in May") for t in texts)
    assert not any(t.startswith(("VALLETTA", "LISBON")) for t in texts)


@pytest.mark.parametrize(
    ("sentence", "published", "value", "status"),
    [
        ("The new rail line opens to passengers in summer 2026.", "2026-01-06", "2026-SU", "planned"),
        ("The harbour was dredged last summer to take larger ships.", "2026-01-06", "2025-SU", "occurred"),
        (
            "The harbour was dredged in the autumn of 2025 for larger ships.",
            "2026-01-06",
            "2025-FA",
            "occurred",
        ),
        # winter 2026 runs from December 2025: under way in January, the tense decides
        (
            "The ministry will ration gas through winter 2026 to spare reserves.",
            "2026-01-06",
            "2026-WI",
            "planned",
        ),
    ],
)
def test_season_events_carry_day_bounds(sentence: str, published: str, value: str, status: str) -> None:
    """Regression: "summer 2026" was a planned event without day bounds, so it never came up."""
    (ev,) = _events("Title\n" + sentence, D(published))
    assert (ev.date, ev.status) == (value, status)
    bounds = timex.bounds(ev.date)
    assert bounds is not None and bounds[0] <= bounds[1]
    if status == "planned" and value.endswith("SU"):
        assert bounds[0] > D(published)


@pytest.mark.parametrize(
    ("text", "status", "cue"),
    [
        (
            "Title\nThe summit planned for Jan 20 has been postponed, the ministry said.",
            "postponed",
            "postponed",
        ),
        (
            "Title\nThe regional meeting set for Jan 21 was called off after the floods.",
            "cancelled",
            "called off",
        ),
        ("Title\nOrganisers cancelled the harbour festival scheduled for Jan 24.", "cancelled", "cancelled"),
        (
            "Title\nThe palace denied reports that the king will visit the island on Jan 22.",
            "denied",
            "denied",
        ),
        ("Title\nThe government has no plans to hold a vote on Jan 30.", "denied", "no plans to"),
        ("Title\nThe regional summit will not be held on Jan 25.", "cancelled", "will not be held"),
        ("Title\nThe navy has suspended the exercise planned for Jan 26.", "cancelled", "suspended"),
        # "and" inside the plan called off is no new plan
        ("Title\nThe league canceled plans to have Lyon and Porto play on Jan 27.", "cancelled", "canceled"),
        # the date after "until" is the new one: still a plan
        ("Title\nThe vote on the budget was delayed until Jan 28, the speaker said.", "planned", None),
        # an adjective, not the news that the plan moved
        ("Title\nThe delayed vote on the budget will take place on Jan 28.", "planned", "will"),
        (
            "Title\nLocal media reported that the two ministers will meet on Jan 19.",
            "reported",
            "media reported",
        ),
    ],
)
def test_status_cues_change_a_plan(text: str, status: str, cue: str | None) -> None:
    evs = _events(text, D("2026-01-08"))
    assert len(evs) == 1
    assert evs[0].status == status
    if cue is not None:
        assert evs[0].cue == cue


def test_a_cancellation_told_of_the_past_is_not_itself_cancelled() -> None:
    evs = _events("Title\nThe meeting scheduled for Jan 20 was called off on Tuesday.", D("2026-01-08"))
    by_date = {e.date: e for e in evs}
    assert by_date["2026-01-20"].status == "cancelled"
    assert by_date["2026-01-06"].status == "occurred"


def test_tomorrow_in_a_quotation_counts_from_the_day_it_was_said() -> None:
    text = 'Title\nIn a post on Monday, the senator wrote: "I will be making a statement tomorrow morning."'
    evs = _events(text, D("2026-01-08"))  # a Thursday paper; Monday is Jan 5
    assert {e.date for e in evs} == {"2026-01-05", "2026-01-06"}
    assert all(e.status == "occurred" for e in evs)
    # said on the day of the paper: tomorrow is the day after it
    same_day = _events(
        'Title\n"We will announce the result tomorrow," the mayor told reporters.', D("2026-01-08")
    )
    assert [(e.date, e.status) for e in same_day] == [("2026-01-09", "planned")]


@pytest.mark.parametrize(
    "text",
    [
        "Title\nThe foreign minister told a Sunday talk show that the ceasefire was holding.",
        "Title\nEarlier on Saturday, the premier told reporters it would be easy to agree.",
        "Title\nOn Tuesday, the envoy said the talks had stalled over the border.",
        "Title\nOn Sunday, the speaker of the assembly, Ana Ruiz, said the body will convene again.",
        "Title\nThe premier reportedly raised nothing of it during a phone call with the envoy on Sunday.",
        "Title\nThe ministry would review the quotas, according to a report in the Harbour Times on Sunday.",
    ],
)
def test_a_past_tense_weekday_is_never_a_plan(text: str) -> None:
    # a Monday paper: a weekday told in the past tense is the one before, never one ahead
    assert all(e.status != "planned" for e in _events(text, D("2026-01-05")))


def test_a_weekday_ahead_with_a_future_cue_stays_a_plan() -> None:
    evs = _events("Title\nThe envoy will return to the capital on Thursday.", D("2026-01-05"))
    assert [(e.date, e.status) for e in evs] == [("2026-01-08", "planned")]


def _ev(text: str, date_: str = "2026-01-05", entities: tuple[str, ...] = ()) -> Event:
    return Event(date=date_, status="occurred", text=text, start=0, end=len(text), entities=list(entities))


def test_merge_weighs_a_repeat_against_earlier_events_in_order() -> None:
    from digests.extract.event_merge import merge as _merge

    first = _ev("Parliament approved the budget bill after a long debate.")
    second = _ev("Storms closed the harbour and the airport.")
    repeat = _ev("The budget bill was approved by parliament.", entities=("Ana Duarte",))
    other_day = _ev("Parliament approved the budget bill after a long debate.", date_="2026-01-06")
    kept = _merge([first, second, repeat, other_day], {"Ana Duarte"})
    # the repeat folds into the first event (its entities with it); another date never merges
    assert [e.text for e in kept] == [first.text, second.text, other_day.text]
    assert kept[0].entities == ["Ana Duarte"]
    # no keyword in common: nothing to merge, however many events share the dates
    words = ["".join(chr(97 + (i // 26**k) % 26) for k in range(3)) + "zz" for i in range(600)]
    many = [_ev(" ".join(words[3 * i : 3 * i + 3]).capitalize() + ".") for i in range(200)]
    assert len(_merge(many, set())) == 200


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # the paper's own day, a plan told on it: the day is the saying's
        ("Title\nOn Thursday, the speaker said the assembly will convene again.", "occurred"),
        ("Title\nThe finance minister said Thursday that the ministry will hold off on tariffs.", "occurred"),
        ("Title\nThe mayor on Thursday addressed the council, saying the bridge \"will open.\"", "occurred"),
        # a plan for the paper's own day
        ("Title\nThe assembly will convene on Thursday evening, the speaker said.", "planned"),
    ],
)
def test_a_date_of_the_papers_day_is_a_plan_only_in_its_own_voice(text: str, status: str) -> None:
    evs = _events(text, D("2026-01-08"))  # a Thursday
    assert [(e.date, e.status) for e in evs] == [("2026-01-08", status)]


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Title\nThe probe launched in August found years of leaks.", "2026-04-10", "2025-08"),
        ("Title\nWhen the envoy was released in June, he was in a coma.", "2026-04-10", "2025-06"),
        ("Title\nThe trade deal would collapse, according to a report in the Harbour Times on Saturday.",
         "2026-01-05", "2026-01-03"),
    ],
)
def test_a_date_pushed_ahead_in_a_past_clause_goes_back(text: str, published: str, value: str) -> None:
    (ev,) = _events(text, D(published))
    assert ev.date == value and ev.status != "planned"


def test_a_bare_month_with_no_tense_of_its_own_stays_a_plan() -> None:
    (ev,) = _events("Title\nThe former mayor faces a July trial on fraud charges.", D("2026-04-10"))
    assert (ev.date, ev.status) == ("2026-07", "planned")


def test_merge_keeps_one_event_for_a_clause_told_twice_without_keywords() -> None:
    from digests.extract.event_merge import merge as _merge

    clause = _ev("on Jan 5 at 10 a.m.")  # no word of four letters: nothing to index it by
    again = _ev("on Jan 5 at 10 a.m.", entities=("Ana Duarte",))
    elsewhere = Event(date="2026-01-05", status="occurred", text=clause.text, start=40, end=59)
    kept = _merge([clause, again, elsewhere], set())
    assert [(e.text, e.start) for e in kept] == [(clause.text, 0), (clause.text, 40)]
    assert kept[0].entities == ["Ana Duarte"]


def test_an_aside_between_dashes_does_not_set_the_tense() -> None:
    text = ("Title\nAn advance team left for the island - where the talks are expected to take place - "
            "on Sunday morning.")
    evs = _events(text, D("2026-01-08"))  # a Thursday: Sunday is the 4th, not the 11th
    assert [(e.date, e.status) for e in evs] == [("2026-01-04", "occurred")]
    text = "Title\nThe team will leave for the island - where talks were held last year - on Sunday."
    ahead = _events(text, D("2026-01-08"))
    assert ("2026-01-11", "planned") in [(e.date, e.status) for e in ahead]


def test_last_holiday_is_the_one_before_the_paper() -> None:
    """ "last Labor Day" in late August is last year's (it was read ahead, and dropped as undated)."""
    evs = _events("Title\nThis is not the dilemma the mayor faced last Labor Day.", D("2026-08-27"))
    assert [(e.date, e.status) for e in evs] == [("2025-09-01", "occurred")]


def test_a_time_after_before_is_no_clause_of_its_own() -> None:
    """"scheduled to be closed sometime before Friday": "before Friday" is a time, so the event
    keeps its subject; "before Parliament met" still starts a clause."""
    (closed,) = _events("Title\nThe old bridge is scheduled to be closed sometime before Friday, depending "
                        "on the weather.", D("2026-01-14"))
    assert closed.text.startswith("The old bridge is scheduled") and closed.date == "2026-01-16"
    texts = [e.text for e in _events("Title\nThe envoy resigned in March before Parliament met on Feb 2.",
                                     D("2026-07-14"))]
    assert texts[0] == "The envoy resigned in March" and texts[1].startswith("before Parliament met")


def test_a_telling_that_calls_the_plan_off_wins_the_merge() -> None:
    events = _events("Title\nThe garrison was preparing for the joint naval exercise in August. The ministry "
                     "said it would not hold the joint naval exercise in August.", D("2026-06-25"))
    (drill,) = [e for e in events if e.date == "2026-08"]
    assert (drill.status, drill.cue) == ("cancelled", "would not hold")
    assert drill.text.startswith("The ministry said it would not hold")


def test_the_bodys_telling_of_the_headlines_event_is_kept() -> None:
    # a headline is the article's summary in headline grammar: the body's sentence of the same event
    # is the one kept, with its own cue; a headline's event the body does not tell stays
    events = _events("Varga's summit with Lee set for June 12 in Tessel, minister says\n"
                     "Minister Ana Roe said on Thursday that the summit with Lee will take place in Tessel "
                     "June 12.", D("2026-05-10"))
    (summit,) = [e for e in events if e.date == "2026-06-12"]
    assert (summit.status, summit.cue, summit.paragraph) == ("planned", "will", 1)
    assert summit.text.startswith("Minister Ana Roe said on Thursday that the summit")
    events = _events("Valdora agrees to delay the levy until November 30\nThe cabinet agreed on a delay on "
                     "Monday.", D("2026-05-11"))
    assert [(e.date, e.paragraph) for e in events] == [("2026-11-30", 0), ("2026-05-11", 1)]


def test_the_headlines_telling_stays_when_the_bodys_names_the_event_less_fully() -> None:
    # a body's clause cut from its subject, or a shorter quotation, names the event less well than the
    # headline: the headline's words stay, with the body's tense and cue
    events = _events("Harbour board says ferry strike in Tessel will end today\n"
                     "The harbour board on Wednesday gently walked back but did not dismiss a report that "
                     "the ferry strike in Tessel would end sometime today.", D("2026-01-14"))
    (strike,) = [e for e in events if e.status == "planned"]
    assert (strike.text, strike.cue, strike.paragraph) == (
        "Harbour board says ferry strike in Tessel will end today", "would", 0)
    events = _events('Varga says summit with Brenmark may not go forward on Jan 30\n'
                     '"It may not work for Jan 30," Ms. Varga said.', D("2026-01-14"))
    (summit,) = events
    assert summit.text.startswith("Varga says summit with Brenmark") and summit.status == "planned"


def test_a_first_paragraph_that_is_a_sentence_is_no_headline() -> None:
    events = _events("Varga said the summit with Lee is set for June 12 in Tessel.\n"
                     "Minister Ana Roe said on Thursday that the summit with Lee will take place in Tessel "
                     "June 12.", D("2026-05-10"))
    (summit,) = [e for e in events if e.date == "2026-06-12"]
    assert summit.paragraph == 0


@pytest.mark.parametrize("word", ["if", "IF", "If", "\u0131f", "unless", "UNLESS"])
def test_an_open_condition_is_found_however_its_word_is_written(word: str) -> None:
    """The words a condition needs are looked for before its pattern: upper case and the
    letters a case-insensitive pattern folds to ASCII ("\u0131" to i) still find it."""
    from digests.extract.conditions import open_condition

    text = f"Title\nThe minister said {word} the talks fail by Friday, sanctions will return."
    t = next(t for t in find_times(parse_document(text), D("2026-03-02")) if "Friday" in t.text)
    assert open_condition(text, 0, t)
    assert not open_condition(text.replace(f" {word} ", " that "), 0, t)


@pytest.mark.parametrize("modal", ["would", "WOULD", "could", "m\u0131ght"])
def test_a_counterfactual_is_found_however_its_modal_is_written(modal: str) -> None:
    from digests.extract.conditions import conditional

    text = f"The President {modal} testify tomorrow if it was about the truth."
    at = text.index("tomorrow")
    assert conditional(text, 0, at)
    assert not conditional(text.replace(f" {modal} ", " will "), 0, at)
