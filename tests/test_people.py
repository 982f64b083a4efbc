"""Issue 12: titles and roles parsed off names, speakers as people write them (own texts)."""

from __future__ import annotations

import pytest

from digests.extract import extract

OFFICES = """Secretary of State Harlan Vesey said the talks would resume. "We are close," Vesey said.

Senate Majority Leader Odile Brant said the bill would pass. House Speaker Tomas Reale said it would not.

Gov. Wendell Ashby said nothing on Monday. "No comment," said Rep. Corinne Delacroix, D-Ore.

National security adviser Piet Lunders said the plan was ready.

"This is wrong," said Sen. Abner Quill, R-Mont., on Tuesday.
"""


@pytest.mark.parametrize(
    ("name", "alias", "role"),
    [
        ("Harlan Vesey", "Secretary of State Harlan Vesey", "Secretary of State"),
        ("Odile Brant", "Senate Majority Leader Odile Brant", "Senate Majority Leader"),
        ("Tomas Reale", "House Speaker Tomas Reale", "House Speaker"),
        ("Wendell Ashby", "Gov. Wendell Ashby", "Gov."),
        ("Corinne Delacroix", "Rep. Corinne Delacroix", "Rep."),
        ("Piet Lunders", "National security adviser Piet Lunders", "National security adviser"),
        ("Abner Quill", "Sen. Abner Quill", "Sen."),
    ],
)
def test_offices_are_titles_not_parts_of_the_name(name: str, alias: str, role: str) -> None:
    ents = {e.name: e for e in extract(OFFICES).entities}
    assert name in ents, sorted(ents)
    assert alias in ents[name].aliases
    assert ents[name].role == role
    # no glued fragment ("State Harlan Vesey", "Senate Majority") survives as an entity
    assert not any(n.endswith(name) and n != name for n in ents)
    assert "Senate Majority" not in ents


def test_office_speakers_get_their_quotations() -> None:
    quotes = extract(OFFICES).quotes
    by_text = {q.text: q.speaker for q in quotes}
    assert by_text["We are close,"] == "Harlan Vesey"
    assert by_text["No comment,"] == "Corinne Delacroix"
    assert by_text["This is wrong,"] == "Abner Quill"


def test_dash_signature_after_a_no_break_space() -> None:
    # reader comments signed "― Name" where the page put a no-break space before the dash
    text = (
        "\u201cHe promotes nothing but noise. A real shame.\u201d \u2015 Liora Basset\n"
        "\u201cHe started with insults. What can I say? That is just my view.\u201d"
        "\u00a0\u2015 Emeric Vantongeren.\n"
    )
    quotes = extract(text).quotes
    assert [q.speaker for q in quotes] == ["Liora Basset", "Emeric Vantongeren"]


SPEAKERS = """British Prime Minister Theresa Maywood-Kell opened the summit. The summit ends in May.

Home Secretary Ilse May hosted the visit on Monday. "We are partners," May said. The talks resume in May.

"The rationales do not hold weight," said 9/11 widow Terry Strandel.

"It is good," said Republican strategist Ford Oakmont.

As Sen. Martin Hollis put it, "the deal is a mistake."

Tax consultant Ryan Ellard spoke first. Said Ellard: "I do not get the sense she is interested."
"""


def test_surname_that_is_a_month_speaks_but_the_month_does_not() -> None:
    ex = extract(SPEAKERS)
    may = next(e for e in ex.entities if e.name == "Ilse May")
    assert "May" in may.aliases
    said = SPEAKERS.index("May said")
    assert (said, said + 3) in may.mentions
    # "in May" (twice) is a month: not a mention of anyone
    months = [i for i in range(len(SPEAKERS)) if SPEAKERS.startswith("in May", i)]
    assert months and not any(s == i + 3 for i in months for e in ex.entities for s, _ in e.mentions)
    assert {q.text: q.speaker for q in ex.quotes}["We are partners,"] == "Ilse May"


@pytest.mark.parametrize(
    ("quote", "speaker"),
    [
        ("The rationales do not hold weight,", "Terry Strandel"),  # said <description> Name
        ("It is good,", "Ford Oakmont"),
        ("the deal is a mistake.", "Martin Hollis"),  # As X put it
        ("I do not get the sense she is interested.", "Ryan Ellard"),  # Said X:
    ],
)
def test_speakers_as_people_write_them(quote: str, speaker: str) -> None:
    by_text = {q.text: q.speaker for q in extract(SPEAKERS).quotes}
    assert by_text[quote] == speaker


def test_a_cue_verb_opening_a_sentence_is_not_part_of_the_name() -> None:
    names = {e.name for e in extract(SPEAKERS).entities}
    assert "Ryan Ellard" in names and "Said Ellard" not in names
    # a name that is also a cue word stays a name where no quotation follows
    text = "Edward Said, a critic at the university, wrote the book."
    assert "Edward Said" in {e.name for e in extract(text).entities}


def test_sampling_script_groups_names_and_flags_fragments() -> None:
    from bench.sample_speakers import PersonKeys, bad_speaker

    texts = {
        "a.txt": "Secretary Harlan Q. Vesey spoke. Vesey said no.",
        "b.txt": "Secretary Vesey spoke again. Vesey said yes.",
        "c.txt": "Ana Brant and Odile Brant spoke. Brant said so.",
        "d.txt": "President Vesey will not say. Vesey said nothing.",
    }
    keys = PersonKeys(texts)
    assert keys.key("a.txt", "Harlan Q. Vesey") == keys.key("a.txt", "Vesey") == "Harlan Vesey"
    # no first name in the article: the one written after the same title elsewhere in the folder
    assert keys.key("b.txt", "Vesey") == "Harlan Vesey"
    assert keys.key("c.txt", "Brant") == "Brant"  # two Brants: the bare surname stays unresolved
    assert keys.key("d.txt", "Vesey") == "Vesey"  # no one is written "President <first> Vesey"
    # a body's key is its whole name, never its first and last word ("New Times")
    assert keys.key("a.txt", "Harlan Q. Vesey Jr.") != "Harlan Vesey"  # the son is another person
    assert keys.key("a.txt", "The Dunmore Daily Times") == "Dunmore Daily Times"
    assert keys.key("a.txt", "Office of Fisheries Control") == "Office of Fisheries Control"
    assert PersonKeys(texts, ["Crimson Tide Watch"]).key("a.txt", "Crimson Tide Watch") == (
        "Crimson Tide Watch"
    )
    fragments = [
        "State Harlan Vesey",
        "Said Vesey",
        "Adds Ana Brant",
        "Although Vesey's team",
        "House Intelligence",
        "U.S. Vesey",
        "White House Director",
        "President Vesey's ambassador",
        "House Republican Ana Brant",
        "Cmdr",
        "Rear Adm",
        "They've",
        "I'm Ana Brant",
    ]
    assert [f for f in fragments if not bad_speaker(f)] == []
    names = ["Harlan Vesey", "State Department", "Vesey's lawyers", "Vesey's office", "Mueller's team"]
    names += ["King"]  # a bare surname that is also a title
    names += ["U.S. military", "French foreign ministry"]  # a body described by its country
    assert [n for n in names if bad_speaker(n)] == []


def test_sampling_script_reads_an_acronym_as_the_body_it_abbreviates() -> None:
    from bench.sample_speakers import same_person

    assert same_person("Korean Central News Agency", "KCNA")
    assert same_person("KCNA", "Korean Central News Agency")
    assert not same_person("Korean Central News Agency", "KNA")
    assert not same_person("Harlan Vesey", "HV")
    # a joint statement's label names each speaker, either is right
    assert same_person("Tom Hale", "Rita Moss|Tom Hale")
    assert not same_person("Ann Bell", "Rita Moss|Tom Hale")
    assert not same_person(None, "Rita Moss|Tom Hale")


def test_sampling_script_flags_a_title_with_no_name() -> None:
    from bench.sample_speakers import FolderWords, bad_speaker

    folder = FolderWords(
        [
            "Rep. Piet King spoke. The president said no. The Varangi came down the hill.",
            '"We stay, Mr. President," said a Varangi Commander. Queen Odile spoke.',
        ]
    )
    titled = ["President", "Mr. President", "Vice President", "Madam Speaker", "Varangi Commander"]
    titled += ["Commander", "Supreme Leader"]
    assert [t for t in titled if not bad_speaker(t, folder)] == []
    # "King" is Piet King's surname here; full names stay names
    assert [n for n in ["King", "Piet King", "Odile", "Varangi"] if bad_speaker(n, folder)] == []


VOCATIVES = """Sen. Piet Lunders, R-Ohio, spoke on Sunday. "Three years ago, Mr. President, you were \
told to act," Lunders said.

"Mr. President, if you don't change course, they will come here," he added.

Another top Varangi Commander told reporters, "The weapons we have are old." The Varangi have held \
the ridge since May. Supreme Leader says he nixed the plan.

The town fell, and the Kolari State fear them. Aldo Serra said the Kolari State was retreating.

Brant, a Democrat who represents Tolven, Ohio: "I am getting more worried every day about this." \
Vesey, President Lunders's former chief strategist: "The plan has survived intact for years."
"""


def test_a_title_spoken_to_or_a_body_and_office_is_nobody_s_name() -> None:
    ex = extract(VOCATIVES)
    people = {e.name for e in ex.entities if e.type == "person"}
    assert "President" not in people and "Varangi Commander" not in people
    by_text = {q.text: q.speaker for q in ex.quotes}
    assert by_text["Three years ago, Mr. President, you were told to act,"] == "Piet Lunders"
    assert by_text["The weapons we have are old."] is None  # an unnamed commander
    assert "Supreme Leader" not in people
    assert "Kolari State" not in people  # "the Kolari State fear them": a body
    # a name, its role in apposition and a colon before the quotation
    assert by_text["I am getting more worried every day about this."] == "Brant"
    assert by_text["The plan has survived intact for years."] == "Vesey"


def test_defence_secretary_and_written_lead() -> None:
    text = 'Secretary of Defence Piet Lunders spoke on Friday. Wrote Lunders: "The plan is ready."\n'
    ex = extract(text)
    assert "Piet Lunders" in {e.name for e in ex.entities}
    assert [q.speaker for q in ex.quotes] == ["Piet Lunders"]


FRAGMENTS = """Markets fell on Monday, said Rolf Dansk, a strategist at Varo Bank.

Adds Ana Brant, chief economist at Varo Bank: "If the economy slows, the protests will spread."

House Republican Harlan Vesey of Ohio, a deputy whip, said today, "The White House must make the case."

Three sailors died after returning for the U.S. Vesey blamed the regime for their deaths.

Although Vesey’s team has told the lawyers that he is not a target, investigators said "the inquiry goes on."

Odile Brant, President Vesey’s former chief strategist, said: "The plan failed before it began."

President Vesey’s ambassador to the United Nations said Sunday that "allies will come."

The ex-director has dismissed the House Intelligence report as partisan. Nobody spoke of trade policy.

The strikes hit the mountain, according to Rear Adm, Piet Lunders, the press secretary.

Over the weekend, Pentagon spokesman Cmdr. Sean Rolle reiterated that any strike would be a mistake.

"The talks were held in bad faith." — Varo Bank chief economist Lars Ekwall

"Congress will not impeach anyone for that. Come on." — Vesey attorney Rudy Vale
"""


def test_no_speaker_is_a_fragment_of_a_sentence_title_or_description() -> None:
    from bench.sample_speakers import bad_speaker

    ex = extract(FRAGMENTS)
    by_text = {q.text: q.speaker for q in ex.quotes}
    assert by_text["If the economy slows, the protests will spread."] == "Ana Brant"  # "Adds X, ...:"
    assert by_text["The White House must make the case."] == "Harlan Vesey"  # "House Republican X"
    assert by_text["The plan failed before it began."] == "Odile Brant"
    assert by_text["allies will come."] is None  # a description by office is nobody's name
    assert by_text["The talks were held in bad faith."] == "Lars Ekwall"  # a signature opening with the body
    assert by_text["Congress will not impeach anyone for that. Come on."] == "Rudy Vale"  # not his employer
    assert not [q.speaker for q in ex.quotes if q.speaker and bad_speaker(q.speaker)]
    people = {e.name for e in ex.entities if e.type == "person"}
    glued = {"U.S. Vesey", "House Intelligence", "House Republican Harlan Vesey", "Rear Adm", "Cmdr"}
    assert not glued & people


DESCRIBED = """South Korean President Hwang Min-jun met the envoy on Monday.

Amid renewed hope on Sunday, South Korea’s president said that Pyongyang wants the summit.

Rudy Vale, the former mayor who became the president’s lead lawyer in April, said that "the inquiry must end."

Carsten Ohl, President Hwang’s former chief strategist, said: "The plan failed before it began."
"""


def test_a_possessive_description_is_the_person_it_describes_or_nobody() -> None:
    by_text = {q.text: q.speaker for q in extract(DESCRIBED).quotes}
    assert by_text["Pyongyang wants the summit"] == "Hwang Min-jun"  # the office, of that country
    assert by_text["the inquiry must end."] == "Rudy Vale"  # the apposition's clause
    assert by_text["The plan failed before it began."] == "Carsten Ohl"


PARTICIPLES = """The advert uses footage of Mara Quint asking, "Why are we not further ahead?"

Officials met on Monday, with Tomas Reale saying the group "cannot be beaten without ground troops."

The minister wrote a letter to Ilse Varga citing the "open hostility" of recent weeks.

Another critic, Abner Quill, likened the rules to "burning the charter."
"""


def test_a_person_before_a_speaking_participle_speaks() -> None:
    by_text = {q.text: q.speaker for q in extract(PARTICIPLES).quotes}
    assert by_text["Why are we not further ahead?"] == "Mara Quint"  # footage of X asking
    assert by_text["cannot be beaten without ground troops."] == "Tomas Reale"  # with X saying
    assert by_text.get("open hostility") != "Ilse Varga"  # a letter to X citing: the letter's words
    assert by_text["burning the charter."] == "Abner Quill"  # likened to "..."


APPOSED = """The hearing went on.

Lina Varo Brandt, a professor at Tolven University School of Law and a former prosecutor, said \
it is unlikely the judge will dismiss the charges.

Gen. Aldo Serra, speaking to reporters on board a plane to Kabul, said Sunday that he believes \
the group is not plotting attacks.

"We will have enough allies" for the military action needed to fight the group, he said.

Patrols have a "green light" to act near the capital, Tolven, or to minority towns, said Lina Varo Brandt.
"""


def test_an_apposition_between_the_name_and_its_cue_and_a_sentence_closing_attribution() -> None:
    ex = extract(APPOSED)
    by_text = {q.text: q.speaker for q in ex.quotes}
    assert by_text["it is unlikely the judge will dismiss the charges"] == "Lina Varo Brandt"
    assert by_text["he believes the group is not plotting attacks"] == "Aldo Serra"
    # ", he said." closing the sentence attributes the quotation inside it
    assert by_text["We will have enough allies"] == "Aldo Serra"
    # "..., Tolven, or to minority towns, said X": a place in a list is not the cue's subject
    assert by_text.get("green light") in (None, "Lina Varo Brandt")


def test_a_time_of_day_before_a_name_and_an_attribution_leading_into_a_quotation() -> None:
    text = (
        "Markets fell.\n\nLate Monday morning Vesey tweeted, \u201cIf the plan fails, we act at once.\u201d"
        "\n\n"
        "If the council is prepared to offer \u201ca strategic plan\u201d to the towns, Ms. Brant said in a "
        "statement on Saturday, \u201cI believe it will find support.\u201d\n"
    )
    by_text = {q.text: q.speaker for q in extract(text).quotes}
    assert by_text["If the plan fails, we act at once."] == "Vesey"
    assert by_text["a strategic plan"] == by_text["I believe it will find support."] == "Brant"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # an abbreviation's full stop inside a role does not cut it ("U.S.", "Gen.", "George W.")
        (
            '"We are ready," said Ann Holt, the top U.S. diplomat in the region.',
            "Ann Holt",
            "top U.S. diplomat",
        ),
        (
            "Ann Holt, the former U.S. ambassador to Peru, said the talks failed.",
            "Ann Holt",
            "former U.S. ambassador to Peru",
        ),
        (
            "The former assistant U.S. attorney, Mary Lowe, said the case was weak.",
            "Mary Lowe",
            "former assistant U.S. attorney",
        ),
        (
            "Alan Freed, a top aide to Gen. David Petraeus, said the war was long.",
            "Alan Freed",
            "top aide to Gen. David Petraeus",
        ),
        (
            "Ken Bright, a special envoy to the U.N. in Iraq, said aid was coming.",
            "Ken Bright",
            "special envoy to the U.N. in Iraq",
        ),
        # a party tag's full stop and one before "A" still end the role
        (
            "The speaker, Rep. Nora Vance, D-Calif. A White House aide briefed Sen. Ted Marsh, "
            "the minority leader, on Monday.",
            "Ted Marsh",
            "minority leader",
        ),
        # a title reached only past an abbreviation is not the role: "King Jr. Day in 2019" is none
        ('On Martin Luther King Jr. Day in 2019, Dana Reeves tweeted "Hope wins."', "Dana Reeves", None),
    ],
)
def test_a_role_runs_on_through_abbreviations(text: str, name: str, role: str | None) -> None:
    ents = {e.name: e for e in extract(text).entities}
    assert ents[name].role == role


def test_the_current_holder_of_an_office_is_not_the_former_one() -> None:
    text = (
        '"The embassy was proud," said Laura Penn, a former U.S. ambassador to Chad.\n\n'
        '"We are not proud now," the current ambassador said.\n\n'
        '"It was a good post," the former ambassador said.'
    )
    quotes = extract(text).quotes
    by_text = {q.text.split()[1]: q.speaker for q in quotes}
    assert by_text["embassy"] == "Laura Penn"
    assert by_text["are"] is None
    assert by_text["was"] == "Laura Penn"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a list of speakers is read as its first
        (
            "Sen. Lena Ross, Finance Minister Carl Weber and the International Monetary Fund (IMF) all said "
            "the budget was sound.",
            "Lena Ross",
        ),
        ("Mayor Tom Hale and Gov. Rita Moss said the bridge would reopen in May.", "Tom Hale"),
        # the bodies of a phrase of "of" are its objects: the subject is the person before them
        (
            "Mayor Dan Price, along with the heads of the Water Board, the Fire Service and the Port "
            "Authority, went to the harbour for the task of informing residents that the dock would reopen.",
            "Dan Price",
        ),
        # ", " alone, ", and" after a clause, and a relative clause after the last name are no list
        (
            "For the talks between Mayor Tom Hale and Gov. Rita Moss, Sen. Ann Bell said the deal was close.",
            "Ann Bell",
        ),
        (
            "Mayor Tom Hale and Gov. Rita Moss were held for months, and Sen. Ann Bell said the captors "
            "wanted money.",
            "Ann Bell",
        ),
        ("Guests included Mayor Tom Hale and Gov. Rita Moss, who said the gala was a success.", "Rita Moss"),
    ],
)
def test_a_list_of_speakers(text: str, speaker: str) -> None:
    quotes = [q for q in extract(text).quotes if q.kind == "indirect"]
    assert [q.speaker for q in quotes] == [speaker]


def test_a_participle_after_a_closing_mark_is_no_inverted_attribution() -> None:
    text = (
        'Mayor Dan Price insisted on Monday that he wants to end "endless delays" costing American families.'
    )
    quotes = {q.text: q.speaker for q in extract(text).quotes}
    assert quotes["endless delays"] == "Dan Price"
