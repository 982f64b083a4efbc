"""Sources and labels (people, 12-07): a firm cited by name alone is a body; quoted words that
name a thing inside a noun phrase are no quotation; a sentence closed by ", says X" is X's words
whole; the person in a fronted "in a letter to X" phrase is not the speaker; a name opening a
fronted clause is the person the pronoun after it stands for; a descriptive role keeps its lower
case; "the government" is the government of the country named; an outlet that "quoted X as
saying" carries X's words; a thing named after a person is no person (our own sentences)."""

from __future__ import annotations

from datetime import date

from digests.extract import extract

DAY = date(2026, 3, 2)
HEAD = "Markets and ministers\n\n"


def _said(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract(HEAD + text, DAY).quotes}


def _entities(text: str) -> dict[str, tuple[str, str | None]]:
    return {e.name: (e.type, e.role) for e in extract(HEAD + text, DAY).entities}


def test_a_firm_cited_by_name_alone_is_a_body() -> None:
    text = "According to Morgan Stanley, the steelmaker's margins will shrink by a third next year."
    assert _said(text) == {"the steelmaker's margins will shrink by a third next year": "Morgan Stanley"}
    assert _entities(text)["Morgan Stanley"][0] == "org"
    # a person's pronoun after it is the person's, not the bank's
    said = _said(
        "Freight rates rose in March, said Ruth Adler, a broker. According to Goldman Sachs, costs "
        "are set to double before the summer. She added that the ports were already full."
    )
    assert said["costs are set to double before the summer"] == "Goldman Sachs"
    assert said["the ports were already full"] == "Ruth Adler"


def test_quoted_words_inside_a_noun_phrase_are_a_label() -> None:
    said = _said(
        'Foreign Minister Ana Ruiz spoke on Monday. The "peace plan" was drafted in secret, Ruiz said.'
    )
    assert "peace plan" not in said
    said = _said(
        'Foreign Minister Ana Ruiz spoke on Monday. Their "security guarantees" were a fiction and the '
        '"truce terms" had been written abroad, Ruiz said.'
    )
    assert "truce terms" not in said and "security guarantees" not in said
    # "so called" written without its hyphen is "so-called"
    said = _said('Foreign Minister Ana Ruiz said the so called "road map" was drafted by aides in secret.')
    assert "road map" not in said
    # words after a cue are the speaker's, whatever follows them; so are words after a determiner
    # that no verb follows
    said = _said(
        'Foreign Minister Ana Ruiz spoke on Monday. Ruiz said the "new rules" would fail, called the '
        'plan "a betrayal" and said the talks were "going nowhere" this week.'
    )
    assert said["new rules"] == "Ana Ruiz" and said["a betrayal"] == "Ana Ruiz"


def test_a_closing_says_x_takes_the_whole_sentence() -> None:
    said = _said(
        "Wall Street fears that a slowdown in consumer spending will hit retailers, says Mark "
        "Ellison, a strategist at Harbor Capital."
    )
    clause = "Wall Street fears that a slowdown in consumer spending will hit retailers"
    assert said == {clause: "Mark Ellison"}
    said = _said(
        "European carmakers fear that Chinese rivals will flood the market, Paul Berger, an analyst "
        "at Rhine Securities, said."
    )
    assert said == {"European carmakers fear that Chinese rivals will flood the market": "Paul Berger"}
    # ", believes there is ...": the cue opens a clause of its own, it closes nothing
    said = _said(
        "Even Mark Ellison, who thinks that the bank erred in 2011, believes there is little to be "
        "done now in policy terms."
    )
    clause = "the bank erred in 2011, believes there is little to be done now in policy terms"
    assert said[clause] == "Mark Ellison"


def test_the_person_a_letter_is_written_to_is_not_the_speaker() -> None:
    text = (
        "The bridge has been closed since May. In a letter to Governor Tom Reyes, the mayor said the "
        "city could not pay for it."
    )
    assert _said(text) == {"the city could not pay for it": None}
    assert _entities(text)["Tom Reyes"] == ("person", "Governor")
    said = _said('"We cannot pay for this bridge," the mayor wrote in a letter to Governor Tom Reyes.')
    assert said == {"We cannot pay for this bridge,": None}
    # a named mayor still speaks
    said = _said(
        "Mayor Jane Holt has fought the state for months. In a letter to Governor Tom Reyes, the mayor "
        "said the city could not pay for the bridge."
    )
    assert said == {"the city could not pay for the bridge": "Jane Holt"}


def test_a_name_opening_a_fronted_clause_is_the_pronoun_after_it() -> None:
    said = _said(
        "Governor Tom Reyes opened the session. When John Smith arrived at the hearing, he said the "
        "committee had ignored his warnings."
    )
    assert said == {"the committee had ignored his warnings": "John Smith"}
    said = _said("The vote was close. Before Anna Berg spoke, she said the plan had failed.")
    assert said == {"the plan had failed": "Anna Berg"}
    assert _entities("Before Anna Berg spoke, she said the plan had failed.")["Anna Berg"][0] == "person"


def test_a_descriptive_role_keeps_its_lower_case() -> None:
    people = _entities("Analyst Rina Okada of a Kyoto bank said the choice of venue was personal.")
    assert people["Rina Okada"] == ("person", "analyst")
    people = _entities("Senior Analyst Paul Weiss said the market had calmed.")
    assert people["Paul Weiss"] == ("person", "senior analyst")
    # an office keeps its capital
    people = _entities("Governor Tom Reyes said the bridge would reopen.")
    assert people["Tom Reyes"] == ("person", "Governor")


def test_the_government_is_the_government_of_the_country_named() -> None:
    said = _said("The two leaders will meet in Osaka on May 3 and 4, the government confirmed on Friday.")
    assert said == {"The two leaders will meet in Osaka on May 3 and 4": "Japan's government"}
    said = _said(
        "Troops were sent to the border from Kyiv. The government said the soldiers would stay until spring."
    )
    assert said == {"the soldiers would stay until spring": "Ukraine's government"}
    # no country named: the bare noun, as before
    said = _said("The government said it would raise taxes on fuel.")
    assert said == {"it would raise taxes on fuel": "government"}


def test_the_person_an_outlet_quotes_as_saying_speaks() -> None:
    said = _said(
        "North Korean leader Kim Jong Un met the envoys on Monday. The state news agency KCNA quoted "
        'Kim as saying, "We will keep our promise."'
    )
    assert said == {"We will keep our promise.": "Kim Jong Un"}
    said = _said(
        "Mayor Jane Holt spoke on Sunday. The Harbor Post quoted Holt as saying that the bridge would "
        "reopen in May."
    )
    assert said == {"the bridge would reopen in May": "Jane Holt"}



def test_a_thing_named_after_a_person_is_no_person() -> None:
    said = _said(
        'Critics attacked the Carter Doctrine again on Monday. "We will not be drawn in," Carter said.'
    )
    assert said == {"We will not be drawn in,": "Carter"}
    assert "Carter Doctrine" not in _entities('The Carter Doctrine is dead, Carter said on Monday.')
    said = _said('Aid flowed under the Halvorsen Plan. "It worked," Halvorsen told the committee.')
    assert said == {"It worked,": "Halvorsen"}
