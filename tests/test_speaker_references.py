"""What a description or a pronoun refers back to, and what a name's role and affiliation are:
our own short articles, one rule each ("the group" by the noun it was described with, "the EU
negotiator" the person of that office, "he" after "the president" or an owner opening a sentence,
"according to X, <apposition>", hyphenated adjectives, one title phrase for a role)."""

from __future__ import annotations

from datetime import date

from digests.extract import extract

DAY = date(2020, 1, 1)


def _said(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract(text, DAY).quotes}


def _people(text: str) -> dict[str, tuple[str | None, str | None]]:
    return {e.name: (e.role, e.affiliation) for e in extract(text, DAY).entities if e.type == "person"}


def test_the_group_is_the_body_described_as_a_group_not_the_last_body_named() -> None:
    text = (
        "Two aid workers died near Homs, according to the Levant Monitoring Center, a "
        "Beirut-based group that tracks the fighting.\n\n"
        "Their families said the Red Crescent Society told them on Monday.\n\n"
        "The group said both were killed by shelling from the hills above the town."
    )
    said = _said(text)
    assert said["both were killed by shelling from the hills above the town"] == "Levant Monitoring Center"


def test_the_group_written_after_a_body_s_name_is_that_body() -> None:
    text = (
        "Fighters of the Crimson Banner Front group took the bridge on Tuesday.\n\n"
        "Residents told the Harbour Wire they had fled before dawn.\n\n"
        'The rebel group posted a statement online, vowing to hold "every road to the coast."'
    )
    assert _said(text)["every road to the coast."] == "Crimson Banner Front"


def test_the_group_with_no_body_so_described_is_the_last_body_named() -> None:
    text = "The Harbour Wire reported the talks.\n\nThe group said the talks had failed after two long days."
    assert _said(text)["the talks had failed after two long days"] == "Harbour Wire"


def test_the_body_s_negotiator_is_the_person_named_in_that_office() -> None:
    text = (
        "The EU's chief negotiator, Anton Dressler, met the British side on Monday.\n\n"
        "The EU negotiator said the British government wanted a looser tie to the bloc."
    )
    assert _said(text)["the British government wanted a looser tie to the bloc"] == "Anton Dressler"
    # (an unnamed officer of a body speaks for the body)
    assert _said("A State Department spokesperson said the talks would go on for a week.") == {
        "the talks would go on for a week": "State Department"
    }


def test_he_after_the_president_as_subject_is_the_president() -> None:
    # (the columnist named in between is no antecedent: the president is the later subject)
    text = (
        "President Tomas Reyes spoke at a rally in Ohio on Friday.\n\n"
        "Clara Wynn, a columnist for this paper, was in the crowd.\n\n"
        "There was no doubt the president answered his critics. "
        '"Our leadership is the one constant in this region," he affirmed.'
    )
    assert _said(text)["Our leadership is the one constant in this region,"] == "Tomas Reyes"


def test_he_after_an_owner_opening_the_sentence_is_the_owner() -> None:
    text = (
        'Mr. Owen Tallis, a columnist, wrote a long reply. "It missed the point," Tallis said.\n\n'
        "Mr. Victor Hale's speech was a short one. He said just enough to calm the markets "
        "for a week."
    )
    assert _said(text)["just enough to calm the markets for a week"] == "Victor Hale"


def test_an_owner_s_person_is_not_the_owner() -> None:
    # "Hale's lawyer" is another person: the pronoun goes on with the speaker before
    text = (
        'Mr. Owen Tallis spoke first. "It missed the point," Tallis said.\n\n'
        "Mr. Victor Hale's lawyer was not in court. "
        '"We will appeal," he said.'
    )
    assert _said(text)["We will appeal,"] != "Victor Hale"


def test_the_president_is_never_the_vice_president() -> None:
    text = (
        "President Tomas Reyes was in Ohio. Vice President Dana Miles met the families.\n\n"
        "A rally in Ohio gave the president a chance to celebrate. "
        '"We are winning," he told the crowd.'
    )
    assert _said(text)["We are winning,"] == "Tomas Reyes"


def test_according_to_after_a_clause_credits_the_clause_not_the_apposition() -> None:
    text = (
        "Three soldiers died near the border, according to the Levant Monitoring Center, "
        "a Beirut-based group that tracks the fighting."
    )
    assert _said(text) == {"Three soldiers died near the border": "Levant Monitoring Center"}


def test_according_to_an_officer_named_in_apposition_is_the_officer() -> None:
    text = (
        "A quarter of the dead were children, according to the top UNICEF field officer in the "
        "city, Mary Ellison, who visited the camps."
    )
    assert _said(text)["A quarter of the dead were children"] == "Mary Ellison"


def test_the_observatory_is_the_body_whose_name_it_heads() -> None:
    text = (
        "The Syrian Observatory for Human Rights said 20 people died in the night.\n\n"
        "The Observatory also claimed that the strikes had hit a market and a school."
    )
    said = _said(text)
    assert said["20 people died in the night"] == "Syrian Observatory for Human Rights"
    assert said["the strikes had hit a market and a school"] == "Syrian Observatory for Human Rights"


def test_a_body_named_democratic_holds_no_party_description() -> None:
    assert _said("The Syrian Democratic Forces said the strikes had hit their positions.") == {
        "the strikes had hit their positions": "Syrian Democratic Forces"
    }


def test_a_hyphenated_adjective_is_no_name() -> None:
    text = (
        "According to a translation of his Mandarin-language remarks, Lee Wen said the talks went "
        "well. The Kurdish-led Northern Defence Forces said they had withdrawn."
    )
    facts = extract(text, DAY)
    names = {e.name for e in facts.entities}
    assert "Mandarin-language" not in names
    assert "Northern Defence Forces" in names and "Kurdish-led Northern Defence Forces" not in names


def test_a_role_is_one_title_phrase() -> None:
    text = (
        "Officials met in Ankara. According to Mr. Ozan Kerem, the two countries shared a strong "
        "interest in stability.\n\n"
        "John Pell, chief of staff to President Ann Cole, said the talks went well. "
        "Alan Dunmore, a professor of political science at Halden University, said it was over. "
        "Lisa Park, a policy analyst at the conservative Marlow Institute, said no. "
        "In an interview, President Ann Cole's national security adviser Mark Tobin says the "
        "country will act."
    )
    people = _people(text)
    assert people["Ozan Kerem"][1] is None  # a clause after the comma: no affiliation "stability"
    assert people["John Pell"] == ("chief of staff", None)
    assert people["Alan Dunmore"] == ("professor", "Halden University")
    assert people["Lisa Park"] == ("policy analyst", "Marlow Institute")
    assert people["Mark Tobin"][1] == "Ann Cole"


def test_a_body_s_possessive_before_a_surname_gives_the_person() -> None:
    text = (
        "Anna Brill teaches at the University of Halden. "
        '"The split is the most important thing," University of Halden\'s Brill said.'
    )
    facts = extract(text, DAY)
    said = {q.text: q.speaker for q in facts.quotes}
    assert said == {"The split is the most important thing,": "Anna Brill"}
    assert "University of Halden" in {e.name for e in facts.entities if e.type == "org"}


def test_link_text_blanked_after_a_name_leaves_its_apposition_and_cue() -> None:
    # a related link glued after the name ("... MORE") is blanked in place: the name keeps its role
    # and stays the subject of the cue after the blanks
    text = (
        "Mark Tobin Mark Alan TobinSenate panel weighs new rules | Budget talks stall MORE, a senior "
        'adviser, stated: "This president delivered on his word."'
    )
    facts = extract(text, DAY)
    said = {q.text: q.speaker for q in facts.quotes}
    assert said == {"This president delivered on his word.": "Mark Tobin"}
    people = [(e.name, e.role) for e in facts.entities if e.type == "person"]
    assert people == [("Mark Tobin", "senior adviser")]


def test_an_attribution_closing_the_sentence_beats_a_cue_whose_clause_a_dash_ended() -> None:
    text = (
        'The agency has charged six officials in the case — a "pretty serious number" for one year '
        "of work, Lena Hart said."
    )
    assert _said(text)["pretty serious number"] == "Lena Hart"


def test_an_outlet_reporting_words_the_sentence_credits_before_is_not_their_speaker() -> None:
    text = (
        "The Harbour Ministry of Trade made the announcement in a statement, calling the plan a "
        '"provocation" and warning that the country would "fight back strongly," The Associated '
        "Press reports."
    )
    said = _said(text)
    assert said["fight back strongly,"] == "Harbour Ministry of Trade"
    # an outlet alone is the speaker it reports as
    assert _said('"We will fight back strongly," The Associated Press reports.') == {
        "We will fight back strongly,": "Associated Press"
    }


def test_an_outlet_quoting_others_as_saying_gives_them_the_words() -> None:
    said = _said('"Equal talks are the only way to peace," TASS quoted rebel officials as saying.')
    assert said == {"Equal talks are the only way to peace,": None}
    said = _said(
        '"Equal talks are the only way to peace," TASS quoted Foreign Minister Ivan Orlov as saying.'
    )
    assert said == {"Equal talks are the only way to peace,": "Ivan Orlov"}


def test_a_speaker_quoted_by_an_outlet_keeps_the_words() -> None:
    text = (
        "Justice Minister Lena Hart spoke on Sunday. "
        '"I do not want a weaker rival," she was quoted by the Harbour Times as saying.'
    )
    assert _said(text) == {"I do not want a weaker rival,": "Lena Hart"}
