"""The words an event is shown in (digests/digest/shown.py): "Coming up" shows the clause that holds
the date of a long sentence and names the subject a pronoun stands for; /timeline shows a cut
clause ("Tokyo announced on Jan 9") in its whole sentence. Sentences of our own."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from digests.digest import build_digest
from digests.digest.shown import date_clause, fragment, name_subject, whole_sentence
from digests.extract import extract
from digests.models import Article
from digests.store import Store
from digests.timelines import timeline

PUBLISHED = date(2026, 3, 3)  # a Tuesday

LONG = (
    "The premier is scheduled to open the harbour fair in Vell next week and in mid-April is expected to "
    "chair a regional council meeting in Ardmore focused on the ferry routes that the storms of the winter "
    "closed for most of the fishing season."
)


def test_a_long_sentence_shows_the_clause_of_its_date() -> None:
    assert date_clause(LONG, "2026-W11", PUBLISHED) == (
        "The premier is scheduled to open the harbour fair in Vell next week."
    )
    # the second clause has no subject of its own: the sentence's
    assert date_clause(LONG, "2026-04", PUBLISHED).startswith(
        "The premier in mid-April is expected to chair a regional council meeting in Ardmore"
    )
    short = "The council will meet on Friday."
    assert date_clause(short, "2026-03-06", PUBLISHED) == short
    assert date_clause(short, "2026-05", PUBLISHED) == short  # a date it does not hold: as it is


def test_a_quotation_closed_after_its_stop_ends_a_clause() -> None:
    text = (
        "Marta Lind said the unions fear \u201ca long dispute over the pay scales of every dock in the "
        "country,\u201d and would \u201cstand firm on the ground.\u201d She predicted more strikes after "
        "the April 14 vote because \u201cthe owners are not listening to anyone at all.\u201d"
    )
    clause = date_clause(text, "2026-04-14", PUBLISHED)
    assert clause.startswith("She predicted more strikes after the April 14 vote")
    before = text[: text.find("She predicted")]
    assert name_subject(clause, before, ["Marta Lind"], "Dockers walk out").startswith(
        "Marta Lind predicted more strikes"
    )


def test_a_pronoun_is_named_by_its_antecedent_or_the_headline() -> None:
    before = "By the agency's own count, its boats have towed 400 wrecks since it began, and "
    assert name_subject("Its licence runs until June 2027.", before, [], "x") == (
        "The agency's licence runs until June 2027."
    )
    title = "Clearing the bay: Valdora's salvage agency faces a leaner year"
    assert name_subject("Its licence runs until June 2027.", "Boats sailed.", [], title) == (
        "Valdora's salvage agency's licence runs until June 2027."
    )
    assert name_subject("It will close in June.", "Boats sailed.", [], title) == (
        "Valdora's salvage agency will close in June."
    )
    # a plural noun is no headline's verb: no subject read off "... engines under scrutiny"
    plural = "Navy reliance on foreign rocket engines under scrutiny"
    launch = "Its next launch is in June."
    assert name_subject(launch, "Boats sailed.", [], plural) == launch
    # nothing to name it by: as it is; no pronoun: as it is
    alone = "He will leave in June."
    assert name_subject(alone, "Boats sailed.", ["Ada Berg"], "x") == alone
    assert name_subject("The agency will close.", "", [], "x") == "The agency will close."


def test_fragments() -> None:
    assert fragment("Tokyo announced on Jan 9")
    assert fragment("confirming a meeting first reported in December.")
    assert not fragment("The council will meet on Friday.")
    assert not fragment("The premier will host the envoy in Vell on March 13 and 14, the office said")
    context = "Rain fell. The envoy will visit Vell next week, the office announced on Monday, ending talks."
    at = context.find("the office announced")
    assert whole_sentence(context, at, at + len("the office announced on Monday")) == context[11:]


TEXT = """Clearing the bay: Valdora's salvage agency faces a leaner year

VELL - Valdora's salvage agency has towed 400 wrecks out of the bay since it was founded.

By the agency's own count, its boats have cleared most of the main channel since it began, and \
its licence runs until April 2026. Ministers must decide next month whether to renew it.

The premier is scheduled to open the harbour fair in Vell next week and in mid-May is expected \
to chair a regional council meeting in Ardmore focused on the ferry routes that the storms of \
the winter closed for most of the fishing season.

The envoy will fly to Ardmore on Saturday, before Valdora hosts a ferry conference in Brisk on Sunday.

The premier will visit the salvage yard on Tuesday, the Vell harbour office announced on \
Monday, ending weeks of talk about the agency's future.
"""


STORY_DAY = date(2026, 3, 27)  # a Friday


def test_coming_up_and_timeline_show_whole_words(tmp_path: Path) -> None:
    facts = extract(TEXT, STORY_DAY)
    with Store.open(tmp_path / "s.db") as store:
        store.save(Article(title=TEXT.splitlines()[0], text=TEXT, published=STORY_DAY, source="Vell Post",
                           url="https://example.org/salvage"), facts)
        digest = build_digest(store, date(2026, 3, 21), STORY_DAY)
        line = timeline(store, "Vell", today=STORY_DAY)
    texts = [c.text for c in digest.coming_up]
    decided = (
        "The agency's licence runs until April 2026. Ministers must decide next month whether to "
        "renew it."
    )
    assert decided in texts
    assert "The premier is scheduled to open the harbour fair in Vell next week." in texts
    assert any(t.startswith("The premier in mid-May is expected to chair") for t in texts)
    # a clause cut from its sentence ("before Valdora hosts ..."): shown in its sentence
    envoy = "The envoy will fly to Ardmore on Saturday, before Valdora hosts a ferry conference in Brisk on "
    envoy += "Sunday."
    assert envoy in texts
    # the telling of Monday is shown in its sentence, not as "her office announced on Monday"
    monday = [e.text for e in line.past if e.date == "2026-03-23"]
    assert monday == [TEXT.split("\n\n")[-1].strip()]
