"""A body next to a person: the person speaks ("Department of Harbors spokesperson X said", "X,
the executive director of A and B, said", "X, the trade council director said"); whom words are
ascribed to after "accused ... of saying"; titles told and video captions are no one's words; a
body's name with "to" and a verb in it is one body (our own sentences)."""

from __future__ import annotations

from datetime import date

from digests.extract import extract
from digests.extract.text import parse_document

DAY = date(2020, 1, 1)


def _said(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract(text, DAY).quotes}


def _types(text: str) -> dict[str, str]:
    return {e.name: e.type for e in extract(text, DAY).entities}


def test_a_spokesperson_after_a_body_named_with_of_speaks() -> None:
    said = _said('"The plan is dead," Department of Harbors spokesperson Jonathan Hollis said on Monday.')
    assert said["The plan is dead,"] == "Jonathan Hollis"
    said = _said('Department of Harbors spokesperson Jonathan Hollis said the plan "is dead and buried."')
    assert said["is dead and buried."] == "Jonathan Hollis"
    # the body alone still speaks for itself
    said = _said('"The plan is dead," the Department of Harbors said.')
    assert said["The plan is dead,"] == "Department of Harbors"


def test_a_person_before_an_apposition_holding_bodies_speaks() -> None:
    said = _said(
        "Angela Carrow, the executive director of the Council for a Livable River and the Center "
        'for Water Control, said the groups "condemn the plan."'
    )
    assert said["condemn the plan."] == "Angela Carrow"
    # an apposition left open before the cue: the body's officer named before it
    said = _said(
        "The council met on Monday.\n\nThe vote came after Peter Nolan, the Harbor Trade Council "
        'director said there is a "special place in hell" for such leaders.'
    )
    assert said["special place in hell"] == "Peter Nolan"


def test_a_firm_named_after_its_founder_is_a_body_and_mr_is_the_person() -> None:
    text = (
        '"There is a lot of suspicion," said Cenk Varol, the head of Varol Global Advisors, a '
        'private analysis firm.\n\n"People believe there is a deal," Varol said in an interview.'
    )
    assert _types(text)["Varol Global Advisors"] == "org"
    assert _said(text)["People believe there is a deal,"] == "Cenk Varol"
    assert _types("Kessler Brothers said the market would recover.")["Kessler Brothers"] == "org"


def test_the_accuser_is_not_the_speaker_of_what_the_accused_said() -> None:
    said = _said('Mayor Lisa Grant accused the Harbor Times of reporting that she "lied about the money."')
    assert said["lied about the money."] == "Harbor Times"
    said = _said('The Harbor Times was accused of reporting that the mayor "had lied about the budget."')
    assert said["had lied about the budget."] == "Harbor Times"
    said = _said(
        "There was one moment of discord -- when Grant slammed The Harbor Times which she accused "
        'of reporting that Mayor Tom Reddick had gone "missing" when he was away.'
    )
    assert said["missing"] == "Harbor Times"
    # "accused X of" an act: the accuser's words, never the accused's
    said = _said(
        "Tom Reddick said the city was fine. The remarks prompted Mayor Lisa Grant to accuse Reddick "
        'of making "false statements" and to say the city would not sign.'
    )
    assert said["false statements"] == "Lisa Grant"


def test_a_show_told_is_no_quotation_and_the_words_after_are_the_teller_s() -> None:
    said = _said(
        "Terri Chung, his sister, said the video was hard to watch.\n\n"
        'But she told "New Day" that "I think he is doing the best he can. It is not easy."'
    )
    assert "New Day" not in said
    assert said["I think he is doing the best he can. It is not easy."] == "Terri Chung"


def test_a_video_title_written_again_with_its_running_time_is_furniture() -> None:
    text = (
        "Senators spoke on Monday about the pullout.\n\n"
        "Kurds say US has betrayed them, says former diplomat\n\n"
        "Kurds say US has betrayed them, says former diplomat 01:26\n\n"
        "Kurds say US has betrayed them, says former diplomat\n\n"
        "The vote is next week at 10:30"
    )
    assert [p.furniture for p in parse_document(text).paragraphs] == [False, True, True, True, False]
    assert not [q for q in extract(text, DAY).quotes if "betrayed" in q.text]


def test_a_body_named_with_to_and_a_verb_is_one_body() -> None:
    text = 'The Committee to Protect Journalists said 12 reporters "have been detained without charge."'
    types = _types(text)
    assert types.get("Committee to Protect Journalists") == "org"
    assert "Protect Journalists" not in types
    assert _said(text)["have been detained without charge."] == "Committee to Protect Journalists"


def test_a_weekday_and_a_phrase_after_said_is_no_clause() -> None:
    said = _said("Jonathan Hollis said Monday in a statement to the press.")
    assert said == {}


def test_what_someone_might_say_or_a_question_s_claim_is_no_one_s_words() -> None:
    said = _said("Harbor City officials might respond that the fee would be paid by the ships alone.")
    assert said == {}
    said = _said('And does a rival like Harbor City boast that it has the right "to ignore our law" at will?')
    assert all(sp is None for sp in said.values())
    # affirmed, the same words are the city's
    said = _said('Harbor City boasted that it has the right "to ignore our law" at will.')
    assert said["to ignore our law"] == "Harbor City"


def test_a_name_ending_in_a_place_s_head_is_a_place() -> None:
    text = (
        "The raid took place near the Harbin River, the official added. Sen. Jack Reed, "
        'D-Rhode Island, agreed that the plan "was wrong." Fiona Hill said it "was late."'
    )
    types = _types(text)
    assert types["Harbin River"] == "place"
    assert types["Fiona Hill"] == "person"  # a head that is also a surname
    said = _said(text)
    assert said["The raid took place near the Harbin River"] is None
    assert said["was wrong."] == "Jack Reed"


def test_a_name_after_the_pronoun_of_a_fronted_clause_is_not_the_next_pronoun_s() -> None:
    said = _said(
        "Mr. Kim has also sent officials to China to learn its policies. When he met with South "
        "Korea's president, Moon Jae-in, last month and invited him to the capital, he asked Mr. "
        'Moon to fly there because the roads were in such "embarrassing" condition.'
    )
    assert said["embarrassing"] == "Kim"


def test_a_described_group_is_no_body_named_before_with_another_name() -> None:
    said = _said(
        "The Khorasan Group has been targeted by the strikes, officials said.\n\n"
        "The Free Harbor Mission said it was elated by the strikes.\n\n"
        '"Thank God. What a momentous day," the Syrian opposition group said.'
    )
    assert said["Thank God. What a momentous day,"] == "Free Harbor Mission"
    said = _said(
        "The Khorasan Group has been targeted by the strikes, officials said.\n\n"
        '"We will fight on," the group said.'
    )
    assert said["We will fight on,"] == "Khorasan Group"


def test_a_body_s_office_inside_the_person_s_title_and_a_question_after_and() -> None:
    said = _said('"The plan is clear," Department of Defense spokesperson Jon Hallam said in a statement.')
    assert said["The plan is clear,"] == "Jon Hallam"
    said = _said('Department of Defense spokesperson Jon Hallam said the plan "is clear."')
    assert said["is clear."] == "Jon Hallam"
    said = _said("And does a rival like Harbor City boast that it has the right to ignore U.S. law at will?")
    assert said == {}
