"""Furniture around a story's edges: a contributor's bio, their handle, an advertisement under its label.

Our own texts, each written after a kind the 531 real AllSides pages showed (bench/furniture_lines.py
counts them there): bios at the end of columns ("X is a senior fellow at ..."), a contact line with a
handle, and an advertisement printed under a label line of its own ("Urgent:").
"""

from __future__ import annotations

from datetime import date

import pytest

from digests.extract import extract, parse_document

DAY = date(2026, 3, 9)

COLUMN = (
    "The port deal is a mistake\n\n"
    "Lenz gave away its harbour on Monday for a promise of jobs that nobody has costed.\n\n"
    "Minister Hana Olsen said the buyer would invest 40 million euros by 2028.\n\n"
    "The ministry has not published the contract, and the dockers' union wants to see it.\n\n"
    "Until it does, the council should refuse to sign the lease.\n\n"
    "{bio}"
)


def furniture(text: str) -> list[str]:
    doc = parse_document(text)
    return [text[p.start : p.end] for p in doc.paragraphs if p.furniture and p.index > 0]


@pytest.mark.parametrize(
    "bio",
    [
        "Jane Roe is a senior fellow at the Lenz Policy Institute.",
        "Jane Roe is editor emeritus of The Harbour Gazette.",
        "Jane Roe is the author of \u201cPorts and Power: A History of the Lenz Docks.\u201d",
        "Jane Roe, a former judge of the Lenz High Court, is an analyst for Lenz TV. She wrote four books.",
        "Jane Roe is Senior Editor-at-Large at Harbour News. She studied law at the University of Lenz.",
        "Jane Roe is president and founder of the Coast Forum, a think tank based in Lenz.",
        "Jane Roe is the international editor of Harbour.org. You can follow her @janeroe.",
        "Jane Roe is editor-in-chief of Harbour.org. Twitter: @JaneRoe_Lenz",
        "Jane A. Roe is a syndicated columnist and contributor to The Harbour Gazette.",
    ],
)
def test_a_contributors_bio_ending_a_column_is_furniture(bio: str) -> None:
    assert furniture(COLUMN.format(bio=bio)) == [bio]


def test_a_bio_below_the_title_is_furniture_too() -> None:
    bio = "Jane Roe is the national security analyst of Harbour TV and a professor at the University of Lenz."
    text = COLUMN.format(bio="Lenz will regret it.").replace("\n\n", f"\n\n{bio}\n\n", 1)
    assert furniture(text) == [bio]


def test_a_bio_gives_no_person_and_no_fact() -> None:
    bio = "Jane Roe is a senior fellow at the Lenz Policy Institute and was a correspondent in 2019."
    ex = extract(COLUMN.format(bio=bio), DAY)
    assert not any("Roe" in e.name for e in ex.entities)
    assert not any(t.text == "2019" for t in ex.times)


@pytest.mark.parametrize(
    "line",
    [
        # the person is one of the story's: named again elsewhere in it
        "Ines Marlow is a professor at the University of Lenz who has studied the docks for years.",
        # not a person's bio: what someone is in the news
        "The U.S. is not sending troops, President Ines Marlow insisted again on Wednesday.",
        "Ines Marlow was a reporter for the Gazette when the port was sold in 1998, and she never forgot it.",
    ],
)
def test_news_about_a_person_of_the_story_stays(line: str) -> None:
    text = COLUMN.format(bio=line) + "\n\nMarlow, 61, said the lease should be published first."
    assert line not in furniture(text)


def test_the_same_line_in_the_middle_of_a_story_stays() -> None:
    bio = "Jane Roe is a senior fellow at the Lenz Policy Institute."
    body = COLUMN.format(bio="Lenz will regret it.").split("\n\n")
    body.insert(3, bio)
    text = "\n\n".join(body)
    assert bio not in furniture(text)


@pytest.mark.parametrize(
    "line",
    [
        "Follow her on Twitter @janeroe.",
        "\u2022 Contact Jane Roe on Twitter at @JaneRoe.",
        "You can follow him @jroe1.",
        "Follow Jane Roe on Facebook",
    ],
)
def test_a_contributors_handle_is_furniture(line: str) -> None:
    assert furniture(f"Title\n\nThe port reopened on Monday after a 12-day strike.\n\n{line}") == [line]


def test_following_someone_in_the_news_stays() -> None:
    line = "\u201cWe will follow them to the gates of the harbour,\u201d Olsen said."
    assert furniture(f"Title\n\nThe port reopened on Monday.\n\n{line}") == []


def test_an_advertisement_under_its_label_is_furniture_with_the_label() -> None:
    ad = "Check your pension in minutes, take the free test now!"
    text = f"Title\n\nThe port reopened on Monday after a 12-day strike.\n\nUrgent:\n\n{ad}\n\nShips queued."
    assert furniture(text) == ["Urgent:", ad]
    assert furniture(text.replace("Urgent:", "Sponsored Content")) == ["Sponsored Content", ad]


def test_what_follows_an_ad_slot_or_a_label_of_news_stays() -> None:
    news = "The council voted 12 to 3 on Tuesday to publish the lease."
    quoted = "\u201cWe will publish the lease,\u201d Olsen said on Tuesday."
    # "Advertisement" marks a slot: the story goes on under it
    assert furniture(f"Title\n\nThe port reopened.\n\nAdvertisement\n\n{news}") == ["Advertisement"]
    # a label's paragraph that quotes someone is the story's
    assert furniture(f"Title\n\nThe port reopened.\n\nUrgent:\n\n{quoted}") == ["Urgent:"]
    # "urgent" inside a sentence labels nothing
    assert furniture(f"Title\n\nThe talks are urgent:\n\n{news}") == []


# A roundup: several contributors' short pieces, each under a heading naming its author (and a name
# line of its own), each closed by its author's bio; the next section's heading follows the bio.
ROUNDUP = (
    "Three views on the Lenz port deal\n\n"
    "We asked three writers what the sale of the harbour means for the city.\n\n"
    "Jane Roe: The council gave too much away\n\n"
    "Jane Roe\n\n"
    "The council sold the harbour on Monday for a promise of jobs nobody has costed.\n\n"
    "Minister Hana Olsen said the buyer would invest 40 million euros by 2028.\n\n"
    "Jane Roe is a senior fellow at the Lenz Policy Institute.\n\n"
    "Piet Aalders: A good deal for the dockers\n\n"
    "The buyer has promised to keep every crane driver, and the union signed off on Friday.\n\n"
    "Piet Aalders, a former harbour pilot, is a columnist for The Harbour Gazette.\n\n"
    "Mira Kessel: Read the contract first\n\n"
    "The ministry has not published the contract, and the dockers' union wants to see it.\n\n"
    "Until it does, the council should refuse to sign the lease.\n\n"
    "Mira Kessel is the author of \u201cPorts and Power.\u201d\n\n"
    "More opinion from the Gazette"
)


def test_each_contributors_bio_closing_a_roundups_section_is_furniture() -> None:
    bios = [p for p in ROUNDUP.split("\n\n") if " is " in p and p.split()[0] in ("Jane", "Piet", "Mira")]
    assert len(bios) == 3
    assert [p for p in furniture(ROUNDUP) if p in bios] == bios
    ex = extract(ROUNDUP, DAY)
    assert not any(name in e.name for e in ex.entities for name in ("Roe", "Aalders", "Kessel"))
    assert any("Olsen" in e.name for e in ex.entities)  # the person of a piece stays


def test_a_section_about_its_person_keeps_the_paragraph_telling_what_they_are() -> None:
    # news under a heading naming a person, the person named in the section's body: no author's bio
    text = ROUNDUP.replace(
        "Minister Hana Olsen said", "Roe, who chaired the harbour board until 2024, said the buyer"
    ).replace(" the buyer the buyer", " the buyer")
    assert "Jane Roe is a senior fellow at the Lenz Policy Institute." not in furniture(text)
    # and a bio-shaped line the story goes on after (no heading follows it) stays in the middle
    text = ROUNDUP.replace(
        "Piet Aalders, a former harbour pilot, is a columnist for The Harbour Gazette.\n\n",
        "Piet Aalders, a former harbour pilot, is a columnist for The Harbour Gazette.\n\n"
        "He wrote on Friday that the cranes would stay.\n\n",
    )
    assert not any(p.startswith("Piet Aalders, a former") for p in furniture(text))
    # a heading that does not name the bio's person opens no section of theirs
    text = ROUNDUP.replace("Piet Aalders: A good deal", "A good deal")
    assert not any(p.startswith("Piet Aalders, a former") for p in furniture(text))
