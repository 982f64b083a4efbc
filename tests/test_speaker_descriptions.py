"""Speakers described rather than named, and offices written around a name (December 2026 round)."""

from __future__ import annotations

from datetime import date

from digests.extract import extract
from digests.models import Extraction


def _run(text: str) -> tuple[str, Extraction]:
    return text, extract(text, date(2024, 3, 1))


def _speaker_of(text: str, facts: Extraction, words: str) -> str | None:
    at = text.index(words)
    return next(q.speaker for q in facts.quotes if q.start <= at < q.end)


def _person(facts: Extraction, name: str) -> tuple[str | None, list[str]]:
    e = next(e for e in facts.entities if e.name == name)
    return e.role, e.aliases


def test_a_party_description_is_the_lawmaker_it_describes_by_place() -> None:
    text, facts = _run(
        "Lawmakers argued about the plan on Sunday.\n\n"
        "Rep. Dan Hollis, Nebraska Republican, said the plan was late. "
        "Sen. Amy Vance, Ohio Republican, disagreed.\n\n"
        '"We waited too long for this and everyone knows it," the Nebraska Republican told reporters.\n\n'
        '"The bill needs another month," the Ohio Republican said.\n\n'
        '"Nobody asked us," the Texas Republican said.'
    )
    assert _speaker_of(text, facts, "We waited too long") == "Dan Hollis"
    assert _speaker_of(text, facts, "The bill needs") == "Amy Vance"
    # no Texas Republican was named: nobody, not the last Republican named
    assert _speaker_of(text, facts, "Nobody asked us") is None


def test_an_office_of_a_body_before_a_name_is_the_whole_title() -> None:
    text, facts = _run(
        "The memo was approved by Chief of Staff Gen. Lena Roth on Monday.\n\n"
        '"We will hold the line," Joint Chiefs of Staff Chairman Gen. Omar Kell said on Tuesday.\n\n'
        '"The city is calm," said Hong Kong Chief Executive Ana Sorel.'
    )
    role, aliases = _person(facts, "Lena Roth")
    assert role == "Chief of Staff Gen." and "Staff Gen. Lena Roth" not in aliases
    assert _person(facts, "Omar Kell")[0] == "Joint Chiefs of Staff Chairman Gen."
    assert _speaker_of(text, facts, "We will hold") == "Omar Kell"
    # "Chief Executive" is one title: the name is not "Executive Ana Sorel"
    assert _speaker_of(text, facts, "The city is calm") == "Ana Sorel"


def test_a_name_ending_a_fronted_phrase_is_not_the_speaker_after_the_comma() -> None:
    text, facts = _run(
        "Senator Ruth Calder has asked to see the files.\n\n"
        "In a letter to Calder, the lawyers had contended that the law gives the agency the power "
        'to "close the inquiry," the paper reported.'
    )
    assert _speaker_of(text, facts, "close the inquiry") is None
    # an apposition after the name still names the speaker
    text, facts = _run(
        "The hearing went on for hours.\n\n"
        "Their testimony follows that of Maj. Tomas Brand, an Army officer with the council who testified "
        'that he twice raised "serious concerns" about the plan.'
    )
    assert _speaker_of(text, facts, "serious concerns") == "Tomas Brand"


def test_according_to_a_titled_name_takes_no_apposition_after_the_comma() -> None:
    _, facts = _run(
        "Talks resumed in Paris on Monday.\n\n"
        "According to Halden Energy chief executive Mira Stol, the talks had been frank, "
        'and "nobody walked out."'
    )
    role, _ = _person(facts, "Mira Stol")
    assert role is not None and "talks" not in role.lower()


def test_unnamed_fighters_and_relatives_speak_for_nobody() -> None:
    text, facts = _run(
        "President Ivan Dorov said on Friday that the border was closed.\n\n"
        "Dorov has denied sending troops, but rebels have said that many soldiers volunteered "
        'while "on leave".\n\n'
        "Detractors say it has gone on long enough and that \"nothing has changed.\""
    )
    assert _speaker_of(text, facts, "on leave") is None
    assert _speaker_of(text, facts, "nothing has changed") is None


def test_intoned_is_a_cue() -> None:
    text, facts = _run(
        "Prime Minister Hana Ruiz spoke at the assembly on Tuesday.\n\n"
        '"Here I want to speak to the young," she intoned. "You come from a great tradition."'
    )
    assert _speaker_of(text, facts, "Here I want") == "Hana Ruiz"
