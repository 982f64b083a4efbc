"""The words an event is shown in (digests/extract/shown.py, decided at extraction): "Coming up" shows
the clause that holds the date of a long sentence and names the subject a pronoun stands for;
/timeline shows a cut clause ("Tokyo announced on Jan 9") in its whole sentence. Sentences of our own."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from digests.digest import build_digest
from digests.extract import extract
from digests.extract.shown import fragment, name_subject
from digests.models import Article
from digests.store import Store
from digests.timelines import timeline

PUBLISHED = date(2026, 3, 3)  # a Tuesday

LONG = (
    "The premier is scheduled to open the harbour fair in Vell next week and in mid-April is expected to "
    "chair a regional council meeting in Ardmore focused on the ferry routes that the storms of the winter "
    "closed for most of the fishing season."
)


def _coming_up_words(text: str, title: str = "") -> dict[str, str]:
    """The words "Coming up" shows each event of ``text`` in, by its date (decided at extraction)."""
    return {e.date: e.shown or e.text for e in extract(text, PUBLISHED, title=title).events}


def test_a_long_sentence_shows_the_clause_of_its_date() -> None:
    words = _coming_up_words(LONG)
    assert words["2026-W11"] == "The premier is scheduled to open the harbour fair in Vell next week."
    # the second clause has no subject of its own: the sentence's
    assert words["2026-04"].startswith(
        "The premier in mid-April is expected to chair a regional council meeting in Ardmore"
    )
    # a clause with its own subject, after a comma and a conjunction
    other = (
        "The rail board will open the Osk bridge to freight on Friday, and the ministers of both valleys, "
        "who have argued over its tolls and its toll booths for most of the last decade, will sign the pact "
        "on its upkeep and repair in June."
    )
    words = _coming_up_words(other)
    assert words["2026-03-06"] == "The rail board will open the Osk bridge to freight on Friday."
    assert words["2026-06"].startswith("The ministers of both valleys, who have argued")
    short = "The council will meet on Friday."
    assert _coming_up_words(short) == {"2026-03-06": short}


def test_a_quotation_closed_after_its_stop_ends_a_clause() -> None:
    text = (
        "Marta Lind said the unions fear \u201ca long dispute over the pay scales of every dock in the "
        "country,\u201d and would \u201cstand firm on the ground.\u201d She predicted more strikes after "
        "the April 14 vote because \u201cthe owners are not listening to anyone at all.\u201d"
    )
    # the clause of its date, its pronoun named by the person told before it
    assert _coming_up_words(text, "Dockers walk out")["2026-04-14"].startswith(
        "Marta Lind predicted more strikes after the April 14 vote"
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
    told = {e.text: e.sentence for e in extract(context, PUBLISHED).events}
    assert told["the office announced on Monday"] == context[11:]
    assert told[context[11:]] == ""  # a sentence already: its own words


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
