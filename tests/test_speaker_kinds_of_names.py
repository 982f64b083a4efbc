"""What a name is before it speaks: a brand, a people, an office's place, a namesake's relative,
a hearer, a country's ministry. Our own short sentences, one rule each; each was credited to
the wrong speaker (or typed a person) before its rule."""

from __future__ import annotations

from datetime import date

from digests.digest.load import Art, Ent
from digests.digest.speakers import top_speakers
from digests.extract import extract

DAY = date(2021, 3, 2)


def _said(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in extract(text, DAY).quotes]


def _kinds(text: str) -> dict[str, str]:
    return {e.name: e.type for e in extract(text, DAY).entities}


def test_a_brand_after_according_to_is_no_person() -> None:
    text = 'Polls moved again. According to TallyPoint Tracker, his approval is "at a record low."'
    assert _kinds(text).get("TallyPoint Tracker") == "org"
    assert _said(text)[0][0] == "TallyPoint Tracker"


def test_a_name_glued_to_a_prefix_stays_a_person() -> None:
    text = '"We will appeal," said Ross MacArdle on Friday. "The ruling is wrong," DeVane Okoro said.'
    kinds = _kinds(text)
    assert kinds.get("Ross MacArdle") == "person"
    assert kinds.get("DeVane Okoro") == "person"


def test_a_hashtag_of_glued_words_is_no_name() -> None:
    text = "Thousands marched under the banner #NotOurHarbour on Sunday."
    assert "NotOurHarbour" not in _kinds(text)


def test_a_plural_demonym_is_no_speaker() -> None:
    for text in (
        'Most Norwegians say the new tunnel was "a waste of money," a survey found.',
        'Iraqis told reporters that the militia was "everywhere."',
    ):
        assert all(sp is None for sp, _ in _said(text)), text
        assert all(t != "person" for t in _kinds(text).values()), text


def test_an_office_of_a_place_before_a_name_leaves_the_place_out_of_the_name() -> None:
    text = (
        "Shelling resumed near the border. The U.S. Ambassador to Moldova Carla Venn also said on "
        'Thursday that troops had crossed.\n\n"Tanks were seen near the river," she said on Twitter.'
    )
    kinds = _kinds(text)
    assert kinds.get("Carla Venn") == "person"
    assert kinds.get("Moldova") == "place"
    assert [sp for sp, _ in _said(text)] == ["Carla Venn", "Carla Venn"]


def test_a_body_after_an_office_of_a_place_stays_whole() -> None:
    text = 'Gen. Iris Dale, head of U.S. Central Command, said the drills were "routine."'
    assert _kinds(text).get("U.S. Central Command") == "org"


def test_a_pronoun_is_not_the_person_it_tells() -> None:
    text = (
        "Governor Alan Reyes spoke on Sunday.\n\nMr. Kessler did ask why the levees failed.\n\n"
        'Instead, he told Mr. Kessler that the engineers "misjudged what the river would do."'
    )
    assert all(sp != "Kessler" for sp, _ in _said(text))


def test_a_bare_surname_is_not_the_namesake_introduced_as_a_relative() -> None:
    text = (
        "Jonah Marsh, 24, left home in May. Marsh had told friends he was leaving. Marsh's uncle, "
        'Tom Marsh, told reporters that his nephew\'s choice "shattered" the family.\n\n'
        "Marsh's Facebook page shows the change. \"I found my path and will never go back,\" he "
        'posted in June.\n\nIn July, Marsh wrote: "I am with my brothers now."'
    )
    said = _said(text)
    assert said[-2][0] == "Jonah Marsh"
    assert said[-1][0] == "Jonah Marsh"


def test_that_before_a_past_verb_and_its_object_opens_no_reported_clause() -> None:
    text = (
        "The firm paid $2 billion in fines. (Reuters report that exposed the practice.\n\n"
        "It denied wrongdoing."
    )
    assert _said(text) == []


def test_a_ministry_written_in_lower_case_is_the_one_of_the_country_its_paragraph_names() -> None:
    text = (
        "Talks ended without a deal.\n\nChina, for its part, has kept its options open. The "
        'commerce ministry said on Wednesday that it hoped Europe would "show sincerity."'
    )
    assert {sp for sp, _ in _said(text)} == {"China's commerce ministry"}
    # with no country in its paragraph, as written
    alone = 'The commerce ministry said it hoped for "sincerity."'
    assert {sp for sp, _ in _said(alone)} == {"commerce ministry"}


def test_a_body_before_which_and_a_cue_is_its_subject_after_a_dash_too() -> None:
    text = (
        "Officials in Lima say the move is defensive, though the first reaction from the Kremlin -- "
        'which called the move an "external threat" -- was cold.'
    )
    assert ("Kremlin", "external threat") in _said(text)


def test_a_pronoun_opening_a_list_before_a_possessive_is_the_lists_first() -> None:
    text = (
        "Peruvian leader Luis Ortega sent a letter.\n\nEarlier on Sunday, Chilean President Tomas "
        "Lucero said he and Peru's Ortega had agreed on Saturday that the border talks \"must resume.\"\n\n"
        "President Tomas Lucero said she and South Sudan’s Ortega had agreed that the fees \"must fall.\""
    )
    assert {sp for sp, _ in _said(text)} == {"Tomas Lucero"}


def _art(aid: int, said: list[tuple[str | None, str | None, int]], places: tuple[str, ...] = ()) -> Art:
    ents = [
        Ent(name=p, type="place", aliases="[]", role=None, affiliation=None, country=None, mentions=1)
        for p in places
    ]
    return Art(id=aid, title="t", outlet=None, url=None, published=DAY, head="t", entities=ents, said=said)


def test_who_is_talking_lists_people_and_bodies_not_places_nor_someones_office() -> None:
    arts = {
        1: _art(
            1,
            [("Beijing", None, 3), ("Ilse Marten", None, 1), ("China's commerce ministry", None, 2)],
            ("Beijing",),
        ),
        2: _art(2, [("EU", None, 2), ("Marten's office", None, 4)]),
    }
    names = [sp.name for sp in top_speakers([1, 2], arts)]
    # a capital standing for its government is a place, not a voice; a bloc is a body; a
    # country's ministry is a body of its own, a person's office speaks for that person
    assert names == ["China's commerce ministry", "EU", "Ilse Marten"]
