"""A person named in apposition after a noun phrase for one person, and "according to X" wherever
it stands: our own short sentences, one rule each."""

from __future__ import annotations

from datetime import date

from digests.extract import extract

DAY = date(2021, 3, 2)


def _said(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in extract(text, DAY).quotes]


def _people(text: str) -> dict[str, str | None]:
    return {e.name: e.role for e in extract(text, DAY).entities if e.type == "person"}


def test_a_name_after_an_officer_and_a_comma_is_the_speaker() -> None:
    text = '"The wells are dry," said the chief water engineer in Tarsia, Helga Brunn, on Friday.'
    assert _people(text) == {"Helga Brunn": "chief water engineer in Tarsia"}
    assert _said(text)[0][0] == "Helga Brunn"


def test_a_name_after_a_relation_noun_and_a_comma_is_a_person() -> None:
    text = '"He never spoke of the loan," his son-in-law, Pavel Krejci, told the court.'
    assert "Pavel Krejci" in _people(text)
    assert _said(text)[0][0] == "Pavel Krejci"


def test_a_prepositional_phrase_before_the_comma_gives_no_role() -> None:
    text = "In his final speech, Arno Velde said the reservoir would be finished by spring."
    assert _people(text).get("Arno Velde") is None


def test_according_to_opening_a_sentence_gives_the_words_after_it() -> None:
    text = "The delegates met on Monday. According to Ilse Marten, the talks had stalled over grazing rights."
    assert _said(text) == [("Ilse Marten", "the talks had stalled over grazing rights")]


def test_according_to_after_a_conjunction_and_a_described_name() -> None:
    text = (
        "The delegates met again on Monday. But according to the mediator, Ilse Marten, the talks "
        "had stalled over grazing rights."
    )
    assert _said(text) == [("Ilse Marten", "the talks had stalled over grazing rights")]


def test_according_to_leaves_the_apposition_out_of_the_words() -> None:
    text = "According to Ilse Marten, a senior negotiator, the talks had stalled over grazing rights."
    assert _said(text) == [("Ilse Marten", "the talks had stalled over grazing rights")]


def test_a_verb_and_its_object_before_the_comma_are_no_role() -> None:
    text = "A court sentenced a cleric, Omar Haddis, to ten years for the bombings."
    assert _people(text).get("Omar Haddis") != "court sentenced a cleric"


def test_a_name_that_opens_a_clause_after_the_comma_takes_no_role_from_before_it() -> None:
    text = "According to the mediator, Arne Holt of Sandvik made it clear that the bridge would close."
    assert _people(text).get("Arne Holt") is None


def test_a_plural_noun_opening_a_sentence_is_no_person() -> None:
    text = "Herders said the river had dried up in June. Two herders lost their flocks."
    assert _people(text) == {}


def test_a_plural_surname_opening_a_sentence_is_a_person() -> None:
    text = "Jeff Fields arrived late. Fields said the fields had flooded twice."
    assert "Jeff Fields" in _people(text)


def test_a_gerund_opening_a_sentence_is_no_part_of_the_name() -> None:
    text = 'Appointing Tomas Vell as envoy was a mistake, Ann Lisle said. "He is loyal," Vell said.'
    assert set(_people(text)) == {"Ann Lisle", "Tomas Vell"}


def test_a_first_name_in_ing_before_a_cue_is_part_of_the_name() -> None:
    text = 'Sterling Oduya said the team was ready. "We are," Oduya said.'
    assert set(_people(text)) == {"Sterling Oduya"}


def test_a_place_after_on_is_no_person_a_titled_surname_joins() -> None:
    text = (
        'Several senators on Juniper Hill objected to the plan. "It was improper," said Dr. Hill, '
        "a former adviser."
    )
    assert set(_people(text)) == {"Hill"}
    assert _said(text)[0][0] == "Hill"


def test_a_person_after_in_is_still_the_person_a_surname_names() -> None:
    text = 'Voters lost confidence in Marten Grell. "We will win," Grell said.'
    assert set(_people(text)) == {"Marten Grell"}


def test_a_quotation_inside_a_quotation_in_the_same_straight_marks_is_one_quotation() -> None:
    text = '"She told me, "I will never sign it," and then she left," said Ivo Brandt.'
    assert _said(text) == [("Ivo Brandt", 'She told me, "I will never sign it," and then she left,')]


def test_a_space_before_a_closing_straight_mark_nests_nothing() -> None:
    text = '"Yes, " said Ivo Brandt. "We will sign it next week."'
    assert [t for _, t in _said(text)] == ["Yes,", "We will sign it next week."]


def test_a_nickname_in_quotation_marks_inside_a_name_is_no_quotation() -> None:
    text = 'His niece, state Del. Lora "Lo" Brandt, said the bill was fair. "It is overdue," Brandt said.'
    said = _said(text)
    assert all(t != "Lo" for _, t in said)
    assert {sp for sp, _ in said} == {"Lora Lo Brandt"}


def test_a_nationality_and_an_adjective_before_a_noun_are_no_speaker() -> None:
    text = '"We are appalled," said American Jewish organizations in a joint letter.'
    assert _people(text) == {}
    assert _said(text)[0][0] is None
