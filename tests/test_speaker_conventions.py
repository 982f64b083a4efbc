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


def test_a_name_the_text_describes_by_a_company_noun_is_a_company() -> None:
    # a noun for a company right before the name, after a modifier
    text = 'Lending slowed. Investment bank Kessler Brothers said the slowdown "will last into next year."'
    assert _people(text)["Kessler Brothers"] == ("org", None)
    # the noun closing an apposition after the name; the body is the cue's subject
    text = 'Kessler Brothers, the Chicago lender, said the slowdown "will last into next year."'
    assert _people(text)["Kessler Brothers"] == ("org", None)
    assert _said(text)["will last into next year."] == "Kessler Brothers"
    text = 'According to Kessler Brothers, a New York bank, the slowdown "will last into next year."'
    assert _people(text)["Kessler Brothers"] == ("org", None)
    # a determiner before the noun: the name opens a clause of its own ("the company X founded")
    text = 'The company Harlan Whitby founded grew fast. Harlan Whitby said sales "will double."'
    assert _people(text)["Harlan Whitby"] == ("person", None)
    # a person's role in apposition is no company noun
    text = 'According to Harlan Whitby, a bank executive, sales "will double."'
    assert _people(text)["Harlan Whitby"][0] == "person"


def test_an_office_of_the_body_before_a_name_is_the_person_s_title() -> None:
    text = '"We will rebuild the fleet," Secretary of the Navy Richard Spencer said on Tuesday.'
    assert _said(text) == {"We will rebuild the fleet,": "Richard Spencer"}
    people = _people(text)
    assert "Navy Richard Spencer" not in people
    assert people["Richard Spencer"] == ("person", "Secretary of the Navy")
    text = '"Rates will hold," said Secretary of the Treasury Steven Mnuchin.'
    assert _said(text) == {"Rates will hold,": "Steven Mnuchin"}
    # the body's own name stays a body
    text = 'The Department of the Navy said the ships "are ready."'
    assert _said(text)["are ready."] == "Department of the Navy"


def test_a_body_then_a_description_after_an_inverted_cue_leads_to_the_person() -> None:
    said = _said('"The port will reopen," said Eastport Times shipping affairs analyst Mira Castell.')
    assert said == {"The port will reopen,": "Mira Castell"}
    said = _said('"The port will reopen," said Eastport Times\'s shipping affairs analyst Mira Castell.')
    assert said == {"The port will reopen,": "Mira Castell"}
    # a body with no person after it speaks itself
    said = _said('"The port will reopen," said NATO on Tuesday after a meeting with Jens Halvorsen.')
    assert said == {"The port will reopen,": "NATO"}


def test_a_cue_in_a_clause_of_supposition_credits_nobody() -> None:
    # an interviewer's question: what someone is supposed to have thought, not their words
    text = (
        "I wonder if you think the mayor knew, or if Tom Reddick genuinely thought that the "
        'forecasts were "just wrong" about the harbour.'
    )
    assert all(sp is None for sp in _said(text).values())
    text = "I wonder whether Mayor Tom Reddick really believed that the plan was doomed from the start."
    assert _said(text) == {}
    # the same cue affirmed is his
    text = "Mayor Tom Reddick believed that the plan was doomed from the start."
    assert _said(text) == {"the plan was doomed from the start": "Tom Reddick"}


def test_a_name_with_a_glued_lower_case_particle_is_a_name() -> None:
    text = (
        "Joseph diVentra, a former prosecutor in Ohio, told the Harbour Wire on Monday that he "
        'believes "the mayor should never sit down with the union."'
    )
    assert _said(text)["the mayor should never sit down with the union."] == "Joseph diVentra"
    said = _said('Later, deMarco said the probe "is a fraud."')
    assert said["is a fraud."] == "deMarco"


def test_condemned_as_is_a_cue_in_a_relative_clause() -> None:
    text = 'The police said they were looking into the attack, which Mayor Tom Reddick condemned as "awful."'
    assert _said(text)["awful."] == "Tom Reddick"


def test_a_subordinator_opens_a_clause_whose_subject_speaks() -> None:
    text = (
        "The mayor's post comes after the Harbour Gazette reported last week that the council "
        "had met the union in secret."
    )
    assert _said(text) == {"the council had met the union in secret": "Harbour Gazette"}


def test_a_list_of_places_inside_of_is_no_subject() -> None:
    # the leaders of several countries agreed: the words are not the last country's
    text = 'The leaders of Canada, Norway and Japan agreed on the need for "free and fair trade."'
    assert _said(text) == {"free and fair trade.": None}


def test_a_closing_attribution_names_a_fragment_after_a_cue_that_takes_an_action() -> None:
    text = (
        'Norway continued to support the "jointly agreed statement" despite the row, government '
        "spokesman Tom Reddick said in a statement on Sunday."
    )
    assert _said(text) == {"jointly agreed statement": "Tom Reddick"}
    # a description between the comma and the name
    text = 'The union kept up the "fight for fair pay" all week, union spokesman Tom Reddick said.'
    assert _said(text) == {"fight for fair pay": "Tom Reddick"}
    # a place before a list of people is no part of it
    text = "Talks began in Norway and Tom Reddick said that the union would now be known as the Guild."
    assert _said(text) == {"the union would now be known as the Guild": "Tom Reddick"}
