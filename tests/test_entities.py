"""People, organisations and places: names, aliases, roles, and never merging namesakes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from digests.extract import extract, parse_document
from digests.extract.entities import find_entities
from digests.models import Entity

DATA = Path(__file__).resolve().parent / "data" / "quotes"


def entities_of(text: str) -> list[Entity]:
    return find_entities(parse_document(text))


def by_name(ents: list[Entity], name: str) -> Entity:
    hits = [e for e in ents if e.name == name]
    assert hits, f"{name!r} not in {[e.name for e in ents]}"
    return hits[0]


def test_full_name_with_title_and_demonym_gives_role_and_country() -> None:
    ents = entities_of((DATA / "wire_bare_surnames.txt").read_text(encoding="utf-8"))
    e = by_name(ents, "Ines Marchetti")
    assert e.type == "person"
    assert "Velarian Foreign Minister Ines Marchetti" in e.aliases and "Marchetti" in e.aliases


def test_short_forms_attach_to_the_full_name() -> None:
    ents = entities_of((DATA / "honorific_style.txt").read_text(encoding="utf-8"))
    e = by_name(ents, "Arun Kessler")
    assert "Mr Kessler" in e.aliases
    assert e.role is not None and "Prime Minister" in e.role


def test_apposition_gives_role_and_affiliation() -> None:
    ents = entities_of((DATA / "honorific_style.txt").read_text(encoding="utf-8"))
    e = by_name(ents, "Mirela Sandu")
    assert e.role == "senior fellow"
    assert e.affiliation == "Institute for Maritime Affairs"
    assert by_name(ents, "Institute for Maritime Affairs").type == "org"


def test_namesakes_are_never_merged() -> None:
    ents = entities_of((DATA / "shared_surname.txt").read_text(encoding="utf-8"))
    minister, economist = by_name(ents, "Park Min-jun"), by_name(ents, "Park Soo-ah")
    assert "Mr Park" in minister.aliases and "Dr Park" not in minister.aliases
    assert "Dr Park" in economist.aliases and "Mr Park" not in economist.aliases
    assert len([e for e in ents if e.type == "person"]) == 2


def test_dr_never_goes_to_someone_introduced_as_mr() -> None:
    text = (
        "Mr Tan Wei Ming, a shipping executive, said trade was slowing. "
        "Dr Tan Hui Lin, an economist at Coastal University, disagreed. "
        "Dr Tan said exports would recover. Mr Tan said he was not so sure."
    )
    ents = entities_of(text)
    assert "Dr Tan" in by_name(ents, "Tan Hui Lin").aliases
    assert "Mr Tan" in by_name(ents, "Tan Wei Ming").aliases


def test_countries_demonyms_and_capitals() -> None:
    text = (
        "Japanese officials met their Brazilian counterparts in Tokyo. "
        "Beijing's view differs; the US said little."
    )
    ents = entities_of(text)
    names = {e.name: e for e in ents}
    assert names["Japan"].type == "place" and names["Japan"].country == "JP"
    assert names["Brazil"].country == "BR"
    assert names["Tokyo"].country == "JP"
    assert names["Beijing"].country == "CN"
    assert "US" in names["United States"].aliases


def test_organisations_by_head_word_and_acronym() -> None:
    text = (
        "The Organisation of Island States (OIS) met in Suva. Officials from Meridian Electronics, "
        "the Pacific Fisheries Agency and Harbour Motor Group attended. The OIS said it would meet again."
    )
    ents = entities_of(text)
    orgs = {e.name for e in ents if e.type == "org"}
    assert {"Meridian Electronics", "Pacific Fisheries Agency", "Harbour Motor Group"} <= orgs
    island = by_name(ents, "Organisation of Island States")
    assert "OIS" in island.aliases
    assert "OIS" not in orgs


def test_wire_style_single_surname_speaker_becomes_a_person() -> None:
    ents = entities_of("Talks broke down late on Monday. \u201cWe are done here,\u201d Halvorsen said.")
    assert by_name(ents, "Halvorsen").type == "person"


def test_sentence_initial_words_and_titles_alone_are_not_names() -> None:
    ents = entities_of("But the Mayor vows to act. However, nobody said when.")
    assert not [e for e in ents if e.type == "person"]


def test_mentions_index_the_text() -> None:
    text = (DATA / "honorific_style.txt").read_text(encoding="utf-8")
    for e in entities_of(text):
        for s, t in e.mentions:
            assert 0 <= s < t <= len(text)
            assert text[s:t].strip() == text[s:t]


def test_lone_word_before_a_non_speech_verb_is_not_a_person() -> None:
    ents = entities_of(
        (Path(__file__).resolve().parent / "data" / "quotes" / "wire_dateline_preposed.txt").read_text(
            encoding="utf-8"
        )
    )
    people = {e.name for e in ents if e.type == "person"}
    assert people == {"Sofia Aranda", "Jens Holt", "Lena Varga"}


def test_role_from_apposition_before_the_name() -> None:
    text = "The envoy later met Velaria's foreign minister, Mr Ivo Brandt, in the capital."
    e = by_name(entities_of(text), "Ivo Brandt")
    assert e.role == "Velaria's foreign minister"


# Written for these tests: roles as a reader should see them.
ROLES = (
    "Harbour talks resume\n\n"
    "Chief Cabinet Secretary Aiko Nomura told reporters the talks would go on. "
    "\"We are patient,\" Nomura said.\n\n"
    "A senior presidential aide, Mr Han Do-yun, said both sides were ready.\n\n"
    "Prof Ines Varga said the deal was fragile. \"It could fail,\" she said.\n\n"
    "ECOWAS Commission President Omar Touray said the bloc would help.\n"
)


def test_roles_read_as_a_reader_would_write_them() -> None:
    people = {e.name: e.role for e in find_entities(parse_document(ROLES)) if e.type == "person"}
    # not "Secretary" beside an organisation "Chief Cabinet"
    assert people["Aiko Nomura"] == "Chief Cabinet Secretary"
    assert people["Han Do-yun"] == "senior presidential aide"  # not "A senior presidential aide"
    assert people["Ines Varga"] is None  # "Prof" is how she is addressed, not a role
    assert people["Omar Touray"] == "President"  # an organisation then a title still splits


def test_a_modifier_before_a_surname_is_not_a_given_name() -> None:
    # "Former Nolan adviser", "Top Nolan aides", "Notwithstanding Nolan's remarks": the
    # capitalised word before the surname is a modifier, never the start of a second "Nolan"
    # (which made a bare "Nolan" ambiguous across the store and took the last quotation)
    text = (
        "Former Nolan adviser Priya Raman said on Monday that the plan was sound. "
        '"We are ready," said President Arthur Nolan. Top Nolan aides met in the capital. '
        "Notwithstanding Nolan's remarks, the talks stalled. \"It will pass,\" Nolan said."
    )
    x = extract(text, date(2026, 3, 2))
    assert sorted(e.name for e in x.entities if e.type == "person") == ["Arthur Nolan", "Priya Raman"]
    assert [q.speaker for q in x.quotes] == ["Priya Raman", "Arthur Nolan", "Arthur Nolan"]


def test_parliamentarian_is_a_title_not_a_given_name() -> None:
    """'Parliamentarian Ada Brook, with her red beret, ...': the office before the name, as for
    'Lawmaker Ada Brook'; the person is Ada Brook, whom her quotations are credited to."""
    ents = entities_of(
        "Parliamentarian Ada Brook, with her red beret, has won over the young voters of Lenz.\n"
        '"We are many," Brook said on Monday.\n'
    )
    assert by_name(ents, "Ada Brook").type == "person"
    assert not any(e.name.startswith("Parliamentarian") for e in ents)
