"""Kinds of wrong or missing speakers found on real news, each with our own sentences: a body
typed as a person, an object taken for a subject, a participle read as an inverted cue, a
pronoun's antecedent, a description's person."""

from __future__ import annotations

from digests.extract import parse_document
from digests.extract.entities import find_entities
from digests.extract.quotes import find_quotes
from digests.models import Entity, Quote


def _run(text: str) -> tuple[list[Entity], list[Quote]]:
    doc = parse_document(text)
    ents = find_entities(doc)
    return ents, find_quotes(doc, ents)


def _speaker(quotes: list[Quote], fragment: str) -> str | None:
    hits = [q for q in quotes if fragment in q.text]
    assert hits, f"no quote holding {fragment!r} in {[q.text[:40] for q in quotes]}"
    return hits[0].speaker


def _type(ents: list[Entity], name: str) -> str | None:
    return next((e.type for e in ents if e.name == name), None)


def test_hyphenated_cue_word_is_an_adjective_not_a_verb() -> None:
    # "self-declared X", "so-called X": no cue verb whose subject the name is
    ents, _ = _run(
        "Planes struck the self-declared Golden Dawn on Monday, and the so-called Black Banner "
        "fled north, officials said."
    )
    assert _type(ents, "Golden Dawn") != "person"
    assert _type(ents, "Black Banner") != "person"


def test_islamic_state_is_a_body_even_before_a_speech_noun() -> None:
    ents, qs = _run(
        "The video came with a new Islamic State posting on social media. Defense Secretary Tom "
        'Marsh had a new view.\n\n"It is a threat to us," he said.'
    )
    assert _type(ents, "Islamic State") == "org"
    assert _speaker(qs, "It is a threat") == "Tom Marsh"


def test_object_of_an_infinitive_is_not_the_subject_of_the_cue() -> None:
    _, qs = _run(
        "Premier Ravi Anand on Saturday restated his plan to meet Governor Victor Hale but also "
        'said the country "is at war" with the rebels.'
    )
    # ("did not say" is no cue: tests/test_speaker_conventions.py)
    assert _speaker(qs, "is at war") == "Ravi Anand"
    # a wh-word after "to" opens a clause: "to what he said" keeps "he" a subject
    _, qs = _run(
        'Senator Maya Lund spoke on Monday. "We are ready," Lund said. Her language was close to '
        "what she said on Friday when she told the chamber that the vote would go ahead."
    )
    assert _speaker(qs, "the vote would go ahead") == "Maya Lund"


def test_participle_never_reads_as_an_inverted_cue() -> None:
    # "<clause>, saying they had ..." is no "<clause>, said X": the clause before is not speech
    _, qs = _run(
        "Trade negotiators from Chile and Norway wrapped up four-day talks in Oslo on Tuesday, "
        "saying they had narrowed differences over tariffs."
    )
    assert not [q for q in qs if q.text.startswith("Trade negotiators")]
    # a name after "saying" is the subject of what was said, not its speaker
    _, qs = _run(
        "President Elena Duarte defended her efforts to befriend the American president, saying "
        'the U.S. is an old ally and "we need them."'
    )
    assert _speaker(qs, "we need them") == "Elena Duarte"
    # a pronoun after "saying" still speaks for the subject when quotations stand between
    _, qs = _run(
        'President Omar Castell railed against the official on Twitter, calling him a "traitor" '
        'and saying he had "never even heard of" the man.'
    )
    assert _speaker(qs, "never even heard of") == "Omar Castell"


def test_pm_is_a_title() -> None:
    ents, qs = _run("British PM Alan Kerr vows to 'hunt down' the killers of the aid worker.")
    assert any(e.name == "Alan Kerr" and e.type == "person" for e in ents)
    assert _speaker(qs, "hunt down") == "Alan Kerr"


def test_pronoun_after_an_unnamed_speaker_stays_unnamed() -> None:
    # the latest speaker is "a senior official": "He added" goes on with him, not a name before
    _, qs = _run(
        '"We are ready," said President Omar Castell on Monday.\n\n'
        "The army is likely to wait until the convoys have left the border, a senior official "
        "said.\n\nHe added that the withdrawal could take a week and that the army would hold."
    )
    assert _speaker(qs, "We are ready") == "Omar Castell"
    assert _speaker(qs, "the withdrawal could take a week") is None
    # a definite description is most often someone named before: the pronoun follows the name
    _, qs = _run(
        '"We are ready," said President Omar Castell on Monday. The former general noted that '
        "his campaign had not spent much yet.\n\nHe said he plans to spend the money on the "
        "northern provinces before the vote."
    )
    assert _speaker(qs, "he plans to spend the money") == "Omar Castell"


def test_role_after_a_party_tag_and_before_a_clause() -> None:
    ents, _ = _run(
        "Rep. Dana Pruitt (D-Ore.), the chairman of the House Rules Committee, said the bill "
        "would pass. Sen. Hal Brandt, R-Kan., the ranking Republican on the panel, disagreed. "
        "Lydia Moss, a former city mayor who became the party's lawyer, said little."
    )
    roles = {e.name: e.role for e in ents if e.type == "person"}
    assert roles["Dana Pruitt"] == "chairman"
    assert roles["Hal Brandt"] == "ranking Republican on the panel"
    assert roles["Lydia Moss"] == "former city mayor"


def test_former_office_holder_keeps_former_in_the_role() -> None:
    ents, _ = _run('"No," said former President Jonah Reeve. Former Foreign Minister Ada Lind said "yes."')
    roles = {e.name: e.role for e in ents if e.type == "person"}
    assert roles["Jonah Reeve"] == "Former President"
    assert roles["Ada Lind"] == "Former Foreign Minister"


def test_subject_of_a_relative_clause_right_after_its_pronoun_speaks() -> None:
    _, qs = _run(
        "The rebels want the port reopened, which Norway says would let the militia bring in more "
        "weapons with which to attack the villages."
    )
    assert _speaker(qs, "let the militia bring in") == "Norway"
    # inside a relative clause before the subject, a name still is no subject
    _, qs = _run(
        "Governor Ada Lind, who is also a cousin of Senator Victor Hale, said the bridge would "
        "reopen in the spring."
    )
    assert _speaker(qs, "the bridge would reopen") == "Ada Lind"


def test_name_after_a_descriptor_in_a_phrase_is_no_subject() -> None:
    # "for Chinese company ZTE": the name stands in the prepositional phrase, after a descriptor
    _, qs = _run(
        "President Omar Castell defended his decision to ease penalties for Chinese company Huawei "
        "for breaking the embargo, saying the electronics maker is a big buyer of local parts."
    )
    assert _speaker(qs, "a big buyer of local parts") == "Omar Castell"
