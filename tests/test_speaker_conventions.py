"""Whose words are nobody's: a negated cue ("did not say") credits no one, and a body's unnamed
officials or sources speak for nobody named, as "a senior official" does (our own sentences)."""

from __future__ import annotations

from datetime import date

from digests.extract import extract

DAY = date(2020, 1, 1)


def _said(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract(text, DAY).quotes}


def test_did_not_say_credits_the_subject_with_nothing() -> None:
    text = "In his letter, Mayor Tom Reddick did not say whether the plan would go ahead in the spring."
    assert _said(text) == {}


def test_a_contracted_or_never_negated_cue_credits_nothing() -> None:
    assert _said("Mayor Tom Reddick didn't say when the bridge would reopen for the trucks.") == {}
    assert _said("Mayor Tom Reddick didn’t say when the bridge would reopen for the trucks.") == {}
    assert _said("Mayor Tom Reddick would never say the union had won the long strike.") == {}


def test_a_negated_cue_before_a_quotation_leaves_it_nobody_s() -> None:
    said = _said('Mayor Tom Reddick did not say the city was "at war with the union" on Monday.')
    assert all(sp is None for sp in said.values())
    # the same sentence with the cue affirmed is his
    said = _said('Mayor Tom Reddick said the city was "at war with the union" on Monday.')
    assert said['the city was "at war with the union" on Monday'] == "Tom Reddick"


def test_a_body_s_unnamed_officials_speak_for_nobody() -> None:
    said = _said(
        "Harbour Bank officials have stressed that they were unsure how to read the new figures.\n\n"
        "The Harbour Bank said its rates would stay where they were."
    )
    assert said["they were unsure how to read the new figures"] is None
    assert said["its rates would stay where they were"] == "Harbour Bank"


def test_a_modified_official_or_sources_of_a_body_speak_for_nobody() -> None:
    said = _said("A Ministry of Transport senior official later clarified that the bridge would reopen.")
    assert said == {"the bridge would reopen": None}
    said = _said("Crimson Front sources told the Harbour Wire that the fighters had left before dawn.")
    assert said == {"the fighters had left before dawn": None}


def test_a_body_s_poll_is_the_body_s_words() -> None:
    said = _said("Most voters back the plan, according to a Harbour Times-Lumeria News poll.")
    assert said == {"Most voters back the plan": "Harbour Times-Lumeria News"}


def test_a_body_s_spokesman_or_a_named_official_still_speaks() -> None:
    said = _said("A Ministry of Transport spokesman said the bridge would reopen on Friday.")
    assert said == {"the bridge would reopen on Friday": "Ministry of Transport"}
    said = _said("Harbour Bank economist Jane Roe said the rates would stay for a year.")
    assert said == {"the rates would stay for a year": "Jane Roe"}


def _people(text: str) -> dict[str, tuple[str, str | None]]:
    return {e.name: (e.type, e.role) for e in extract(text, DAY).entities}


def test_an_office_of_a_body_before_a_name_is_the_title_not_one_body() -> None:
    text = "Air Force Chief of Staff General Rowan Pike said the fleet was ready to fly this week."
    assert _people(text)["Rowan Pike"] == ("person", "Chief of Staff General")
    assert _said(text) == {"the fleet was ready to fly this week": "Rowan Pike"}
    # opening the text, the office is still the title ("Staff Gen." was read, and nobody spoke)
    text = "Chief of Staff Gen. Rowan Pike said the fleet was ready to sail this week."
    assert _people(text)["Rowan Pike"] == ("person", "Chief of Staff Gen.")
    assert _said(text) == {"the fleet was ready to sail this week": "Rowan Pike"}
    # a body's name that goes on after "of" stays one body
    assert _said("The Department of State said the fleet was ready.") == {
        "the fleet was ready": "Department of State"
    }


def test_the_president_is_the_one_in_focus_not_another_country_s_named_once_in_passing() -> None:
    text = (
        "A Senate bill aims to punish Lumeria after President Dana Hart withdrew the troops. Hart "
        "has backed it. Its goal is to hit Lumeria's leaders — including President Omar Vell — and "
        'the army. "I do agree on sanctions," the president told reporters on Wednesday. Hart '
        "doubled down on Thursday. Hart said more."
    )
    assert _said(text)["I do agree on sanctions,"] == "Dana Hart"
    # the president named last and more than once is the one meant
    text = (
        "President Dana Hart met President Omar Vell on Monday. Vell said the talks went well. Vell "
        'later left. "We agree," the president told reporters.'
    )
    assert _said(text)["We agree,"] == "Omar Vell"


def test_a_clause_before_a_name_and_its_role_between_commas_is_the_name_s() -> None:
    said = _said("The market is nervous, Kenji Mori, Analyst at Daiwa Securities, said on Monday.")
    assert said == {"The market is nervous": "Kenji Mori"}
    # "told" after the apposition: the hearer is never the speaker
    said = _said("The market is nervous, Kenji Mori, an analyst at Daiwa Securities, told the Harbour Wire.")
    assert said == {"The market is nervous": "Kenji Mori"}


def test_a_name_the_text_writes_with_its_analysts_or_shares_is_a_company() -> None:
    text = (
        "According to Morgan Stanley, the economy will slow next year. Morgan Stanley analysts "
        "expect two cuts."
    )
    assert _people(text)["Morgan Stanley"] == ("org", None)
    text = "Kessler Brothers shares fell on Monday. According to Kessler Brothers, the market will recover."
    assert _people(text)["Kessler Brothers"] == ("org", None)
    # a person's name with no such words stays a person
    text = "According to Harlan Whitby, the economy will slow next year. Harlan Whitby said more."
    assert _people(text)["Harlan Whitby"] == ("person", None)


def test_a_handle_written_without_its_at_sign_is_no_body() -> None:
    text = "The White House said the deal was dead, and WhiteHouse posted a video of the signing."
    assert "WhiteHouse" not in _people(text)
    assert _people("YouTube said the video broke its rules.")["YouTube"] == ("org", None)


def test_unnamed_people_as_the_subject_speak_for_nobody_named() -> None:
    said = _said(
        "The Harbour Bank has listed Crimson Front as a threat since 1997, and some suggest that "
        "the arms deliveries show a cycle between the group and Eastport."
    )
    assert said == {"the arms deliveries show a cycle between the group and Eastport": None}
    said = _said(
        "Mayor Tom Reddick also disputed those who said the bridge plan made the strike harder to end."
    )
    assert said == {"the bridge plan made the strike harder to end": None}


def test_that_of_after_a_cue_opens_no_clause() -> None:
    text = "Mayor Tom Reddick added his backing to that of Jane Roe, Sam Holt and other council members."
    assert _said(text) == {}


def test_says_and_a_name_closing_a_sentence_is_its_attribution_not_its_words() -> None:
    text = (
        "The debacle made clear that the council is unwilling to spend money on the bridge, says "
        "Jane Roe of the University of Eastport."
    )
    said = _said(text)
    assert list(said.values()) == ["Jane Roe"]
    assert all("University" not in words for words in said)


def test_a_participle_after_a_comma_goes_on_with_the_sentence_s_subject() -> None:
    text = (
        "Senator Ann Gray spoke of the long inquiry that Mayor Tom Reddick oversees, suggesting "
        "that the inquiry had found no evidence of wrongdoing."
    )
    assert _said(text) == {"the inquiry had found no evidence of wrongdoing": "Ann Gray"}


def test_a_sentence_opened_by_he_keeps_him_its_subject_whoever_is_named_after() -> None:
    text = (
        "Colonel Tom Reddick will be a key witness. He attended the summit with a delegation led "
        "by Mayor Ann Gray, and he and Senator Jane Roe were both part of a briefing with Sam "
        "Holt. He said he is not the author of the letter that sparked the inquiry."
    )
    assert _said(text) == {"he is not the author of the letter that sparked the inquiry": "Tom Reddick"}
