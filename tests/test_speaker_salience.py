"""Who a pronoun or a cue's subject is when other people are named near it: our own short
articles, one rule each (the subject of the latest clause, a speaker reported by another, an
aside, an unnamed holder of a name, a description opening with a nationality, the surname He)."""

from __future__ import annotations

from datetime import date

from digests.extract import extract
from digests.extract.text import sentence_spans

DAY = date(2020, 1, 1)


def _said(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract(text, DAY).quotes}


def test_a_pronoun_goes_to_the_subject_of_the_latest_clause() -> None:
    text = (
        "Mr. Harlan Voss opened two trade disputes, but Mr. Peter Ostrow has boasted about ending them. "
        '"I came to close deals, not open them," he said.'
    )
    assert _said(text)["I came to close deals, not open them,"] == "Peter Ostrow"


def test_a_pronoun_skips_a_name_inside_an_object_or_a_list() -> None:
    # (no contrast: the first person stays the subject, "and" joins no new clause)
    text = (
        "Mr. Harlan Voss met Mr. Peter Ostrow and Ms. Lena Dahl in the capital. "
        '"We agreed on almost nothing," he said.'
    )
    assert _said(text)["We agreed on almost nothing,"] == "Harlan Voss"


def test_a_speaker_reported_by_another_is_not_the_next_pronoun() -> None:
    text = (
        'Governor Alan Mercer spoke on Sunday. "We were surprised by the speed of it," Mercer said.\n\n'
        "The governor said his budget chief, Dana Ruiz, has acknowledged that the state "
        '"overspent in the spring and the summer." He also said it was "entirely fair" that the '
        "auditors had complained."
    )
    said = _said(text)
    assert said["overspent in the spring and the summer."] == "Dana Ruiz"
    assert said["entirely fair"] == "Alan Mercer"


def test_a_sentence_after_a_closed_quotation_is_its_own() -> None:
    # '... spring." He also said it was ...' opens a new sentence; '... deal." Kell said Monday.'
    # is the quotation's attribution and stays with it
    one = 'Ruiz said the state "overspent in the spring." He also said it was "fair" that they did.'
    assert len(sentence_spans(one)) == 2
    two = 'We have to fix the flaws in the deal." Kell said Monday. Then he left.'
    assert len(sentence_spans(two)) == 2
    assert sentence_spans(two)[0][1] == two.index(" Then")


def test_a_capitalised_arabic_article_opening_a_sentence_is_the_same_surname() -> None:
    text = (
        "President Fuad Karim on Monday named a replacement for Prime Minister Nadir al-Hamdani.\n\n"
        "Karim's nominee, the deputy speaker Samir al-Obeidi, has 30 days to form a cabinet.\n\n"
        "Al-Hamdani, however, vowed to fight for a third term. On Monday, he accused Karim of "
        'carrying out "a coup against the constitution."'
    )
    assert _said(text)["a coup against the constitution."] == "Nadir al-Hamdani"


def test_a_name_in_an_aside_between_commas_is_not_the_subject() -> None:
    text = (
        "Minister Karl Brandt, during an interview aired on Sunday by the broadcaster Nordic Radio "
        "Network, "
        "said that the harbour would reopen within a month."
    )
    assert _said(text)["the harbour would reopen within a month"] == "Karl Brandt"


def test_the_family_of_a_named_person_speaks_for_itself() -> None:
    text = (
        "The family of slain aid worker Tomas Reinholt said this week that he had been sold to "
        "the militia by a rival faction."
    )
    said = _said(text)
    assert said.get("he had been sold to the militia by a rival faction", None) is None


def test_a_description_after_the_cue_may_open_with_a_nationality() -> None:
    text = '"There are two camps in the world today," said British firebrand preacher Odran Keeley.'
    assert _said(text)["There are two camps in the world today,"] == "Odran Keeley"


def test_he_is_a_surname_before_a_name() -> None:
    text = (
        "The deal is good for both sides, said He Weiming, a council member of the Trade Association "
        'of Xiamen. "If the tariffs only wait, then it does not make much sense to us," He said.\n\n'
        'He said the talks went well. "We are done for now," he said.'
    )
    people = {e.name for e in extract(text, DAY).entities if e.type == "person"}
    assert people == {"He Weiming"}
    said = _said(text)
    assert said["If the tariffs only wait, then it does not make much sense to us,"] == "He Weiming"


def test_decried_is_a_cue() -> None:
    text = (
        'Analyst Bram Hollis argues that "the deal holds." And Sen. Carla Ostend decried '
        '"the hasty decision by the cabinet" as "reckless."'
    )
    assert _said(text)["the hasty decision by the cabinet"] == "Carla Ostend"


def test_a_phrase_that_reads_as_no_role_is_not_the_role() -> None:
    text = (
        "Minister Karl Brandt, during an interview aired on Sunday by the broadcaster Nordic Radio "
        "Network, said that the harbour would reopen within a month. Ilse Vogt, a Baltic housewife, "
        "said she had waited a year."
    )
    roles = {e.name: e.role for e in extract(text, DAY).entities if e.type == "person"}
    assert roles["Karl Brandt"] == "Minister"
    assert roles["Ilse Vogt"] == "Baltic housewife"


def test_the_words_after_a_name_and_of_are_no_person_by_an_apposition() -> None:
    # "Sen. X of Westmark County, a close adviser of Y's, decried": the apposition is the
    # senator's, and she is the subject of the cue
    text = (
        "Republican Sen. Carla Ostend of Westmark County, a close adviser of Mr. Voss's, decried "
        '"the impulsive decision by the cabinet" as "reckless."'
    )
    facts = extract(text, DAY)
    assert {e.name for e in facts.entities if e.type == "person"} == {"Carla Ostend", "Voss"}
    said = {q.text: q.speaker for q in facts.quotes}
    assert said["the impulsive decision by the cabinet"] == "Carla Ostend"


def test_a_headline_that_writes_with_in_lower_case_glues_no_verb_to_a_name() -> None:
    text = (
        "Halvorsen Accused of Several Tries to Tamper with Witnesses\n\n"
        "Former campaign chairman Erik Halvorsen made several attempts to reach two witnesses, "
        "prosecutors said on Monday. Halvorsen said he had done nothing wrong."
    )
    people = {e.name for e in extract(text, DAY).entities if e.type == "person"}
    assert people == {"Erik Halvorsen"}


def test_the_first_of_two_names_before_a_cue_is_a_person_too() -> None:
    text = (
        "Jeffrey Fowlex and Mathew Millerton said they expect to be tried soon.\n\n"
        "Millerton, 24, entered the country in April. Fowlex, 56, lives in Dayton, where he works "
        'for the city. "Within a month I could be sharing a jail cell," he said.'
    )
    facts = extract(text, DAY)
    assert {e.name for e in facts.entities if e.type == "person"} == {"Jeffrey Fowlex", "Mathew Millerton"}
    assert {q.text: q.speaker for q in facts.quotes}["Within a month I could be sharing a jail cell,"] == (
        "Jeffrey Fowlex"
    )
