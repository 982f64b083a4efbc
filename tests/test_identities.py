"""One person across articles (issue 12): identities over the store's names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from digests.models import Article, Entity, Extraction, Quote
from digests.queries import who_said
from digests.store import Store
from digests.store.identities import Seen, alias_title, core_name, group_identities


def test_core_name_drops_titles_and_initials() -> None:
    assert core_name("President Donald J. Trump") == ("donald", "trump")
    assert core_name("Mr. Obama") == ("obama",)


def test_full_names_with_the_same_first_and_last_word_are_one() -> None:
    ident = group_identities({"Donald Trump": 50, "Donald J. Trump": 8, "John F. Kerry": 3, "John Kerry": 9})
    assert ident["Donald J. Trump"] == ident["Donald Trump"] == "Donald Trump"
    assert ident["John F. Kerry"] == "John Kerry"


def test_a_bare_surname_joins_the_one_full_name_only() -> None:
    one = group_identities({"Barack Obama": 5, "Obama": 9, "President Obama": 2})
    assert set(one.values()) == {"Barack Obama"}
    lees = group_identities({"Lee Jae-myung": 5, "Lee Seong-hyon": 2, "Lee Dong-gyu": 1, "Lee": 4})
    assert lees["Lee"] == "Lee" and len(set(lees.values())) == 4
    mays = group_identities({"Theresa May": 5, "Brian May": 1, "May": 3})
    assert mays["May"] == "May" and mays["Theresa May"] != mays["Brian May"]


def test_different_middle_initials_are_different_people() -> None:
    ident = group_identities({"George W. Bush": 9, "George H.W. Bush": 4, "George Bush": 2})
    assert ident["George W. Bush"] != ident["George H.W. Bush"]


def test_a_hyphenated_given_name_puts_the_surname_first() -> None:
    assert group_identities({"Moon Jae-in": 5, "Moon": 2})["Moon"] == "Moon Jae-in"


def test_an_office_is_not_the_person() -> None:
    assert group_identities({"Lee's office": 2, "Lee Jae-myung": 4})["Lee's office"] == "Lee's office"


def test_links_merge_and_split() -> None:
    weights = {"Barack Obama": 5, "Obama": 9, "Michelle Obama": 2}
    assert group_identities(weights)["Obama"] == "Obama"  # two Obamas: unresolved
    merged = group_identities(weights, {"Obama": ("merge", "Barack Obama")})
    assert merged["Obama"] == "Barack Obama"
    split = group_identities({"Barack Obama": 5, "Obama": 9}, {"Obama": ("split", "Obama")})
    assert split["Obama"] == "Obama"


def test_an_alias_gives_its_office_and_gender() -> None:
    assert alias_title("U.S. President Donald Trump", "Donald Trump") == ("president", None)
    assert alias_title("Mr. Trump", "Trump") == (None, "m")
    assert alias_title("first lady Melania Trump", "Melania Trump") == ("first lady", "f")
    assert alias_title("Sen. Ann Roe", "Ann Roe") == ("senator", None)
    assert alias_title("Secretary of State Jo Vale", "Jo Vale") == ("secretary of state", None)
    assert alias_title("Ann Roe", "Ann Roe") == (None, None)


_FAMILY = {"Donald Trump": 50, "Melania Trump": 6, "Ivanka Trump": 2, "Trump": 40}


def test_an_office_written_with_a_bare_surname_finds_the_namesake_holding_it() -> None:
    aliases = {
        "Trump": {"President Trump": 30, "Mr. Trump": 10, "President-elect Trump": 1},
        "Donald Trump": {"President Donald Trump": 20, "President Trump": 9, "Mr. Trump": 2},
        # one slip of extraction elsewhere does not make her a president
        "Melania Trump": {"first lady Melania Trump": 4, "President Trump": 1, "Mrs. Trump": 1},
    }
    assert group_identities(_FAMILY)["Trump"] == "Trump"  # no evidence: unresolved
    assert group_identities(_FAMILY, aliases=aliases)["Trump"] == "Donald Trump"
    assert group_identities(_FAMILY, aliases=aliases)["Melania Trump"] == "Melania Trump"


def test_a_gendered_honorific_leaves_out_the_namesake_addressed_otherwise() -> None:
    weights = {"Theresa May": 5, "Brian May": 1, "May": 3}
    aliases = {
        "May": {"Mrs May": 6},
        "Theresa May": {"Mrs May": 2},
        "Brian May": {"Mr May": 1, "Dr Brian May": 2},
    }
    assert group_identities(weights, aliases=aliases)["May"] == "Theresa May"
    # a namesake of unknown gender is still a candidate: "Mr Lee" among three Lees stays unresolved
    lees = {"Lee Jae-myung": 5, "Lee Seong-hyon": 2, "Lee Min-ji": 2, "Lee": 4}
    lee_aliases = {
        "Lee": {"Mr Lee": 5},
        "Lee Jae-myung": {"President Lee Jae-myung": 3, "Mr Lee": 2},
        "Lee Seong-hyon": {"Dr Lee": 2},
        "Lee Min-ji": {"Ms Lee": 2},
    }
    assert group_identities(lees, aliases=lee_aliases)["Lee"] == "Lee"


def test_mixed_or_thin_evidence_leaves_a_bare_surname_unresolved() -> None:
    lees = {"Lee Jae-myung": 5, "Lee Seong-hyon": 2, "Lee": 4}
    held = {"Lee Jae-myung": {"President Lee Jae-myung": 9}, "Lee Seong-hyon": {"Dr Lee Seong-hyon": 3}}
    mixed = {**held, "Lee": {"President Lee": 4, "Dr Lee": 4}}
    assert group_identities(lees, aliases=mixed)["Lee"] == "Lee"
    thin = {**held, "Lee": {"President Lee": 1}}
    assert group_identities(lees, aliases=thin)["Lee"] == "Lee"
    # two namesakes holding the office alike: no guess
    both = {**held, "Lee Seong-hyon": {"President Lee Seong-hyon": 7}, "Lee": {"President Lee": 6}}
    assert group_identities(lees, aliases=both)["Lee"] == "Lee"
    assert group_identities(lees, aliases={**held, "Lee": {"President Lee": 6}})["Lee"] == "Lee Jae-myung"


def test_a_name_with_a_given_name_left_out_is_the_longer_name() -> None:
    # one person written three ways across the store, and the bare surname with them
    ident = group_identities({"Ravi Anand Kesh": 30, "Anand Kesh": 6, "Kesh": 4, "Keşh": 1})
    assert set(ident.values()) == {"Ravi Anand Kesh"}
    # a headline's word glued before a name ("Rival Mara Olin") is the name
    assert group_identities({"Mara Olin": 9, "Rival Mara Olin": 2})["Rival Mara Olin"] == "Mara Olin"


def test_a_shorter_name_held_by_two_people_stays_apart() -> None:
    # "Anand Kesh" could be either: no guess, and the two stay two
    ident = group_identities({"Ravi Anand Kesh": 5, "Vijay Anand Kesh": 4, "Anand Kesh": 3})
    assert len(set(ident.values())) == 3
    kims = group_identities({"Kim Jong Un": 9, "Kim Yo Jong": 3, "Kim": 2, "Jong": 1})
    assert kims["Kim Jong Un"] != kims["Kim Yo Jong"] and kims["Kim"] == "Kim"
    bushes = group_identities({"George W. Bush": 9, "George H.W. Bush": 4, "W. Bush": 1})
    assert bushes["George W. Bush"] != bushes["George H.W. Bush"]


def test_evidence_against_keeps_a_longer_name_apart() -> None:
    weights = {"Ravi Anand Kesh": 5, "Anand Kesh": 3}
    far = {
        "Ravi Anand Kesh": Seen(frozenset({"person"}), frozenset({"IN"})),
        "Anand Kesh": Seen(frozenset({"person"}), frozenset({"FJ"})),
    }
    assert group_identities(weights, seen=far)["Anand Kesh"] == "Anand Kesh"
    offices = {"Ravi Anand Kesh": {"President Ravi Anand Kesh": 4}, "Anand Kesh": {"Dr Anand Kesh": 3}}
    assert group_identities(weights, aliases=offices)["Anand Kesh"] == "Anand Kesh"
    genders = {"Ravi Anand Kesh": {"Mr Ravi Anand Kesh": 4}, "Anand Kesh": {"Ms Anand Kesh": 3}}
    assert group_identities(weights, aliases=genders)["Anand Kesh"] == "Anand Kesh"
    # not the long name's last words ("Mal Oru" inside "Kesh Mal Tan Oru"): only with evidence
    inner = {"Kesh Mal Tan Oru": 5, "Mal Oru": 2}
    assert group_identities(inner)["Mal Oru"] == "Mal Oru"
    person_in = Seen(frozenset({"person"}), frozenset({"IN"}))
    same_country = {"Kesh Mal Tan Oru": person_in, "Mal Oru": person_in}
    assert group_identities(inner, seen=same_country)["Mal Oru"] == "Kesh Mal Tan Oru"


def test_the_arabic_article_is_part_of_no_first_name() -> None:
    ident = group_identities({"Hadi al-Rami": 9, "al-Rami": 2, "Rami": 3, "Al-Rami": 1})
    assert set(ident.values()) == {"Hadi al-Rami"}
    assert core_name("Al Gore") == ("al", "gore")  # a first name, written apart


def test_a_place_or_a_body_is_not_a_person_of_that_name() -> None:
    weights = {"Jim Jordan": 8, "Jordan": 5, "UN": 4, "Kim Jong Un": 9}
    person = Seen(frozenset({"person"}))
    seen = {
        "Jordan": Seen(frozenset({"place"})),
        "UN": Seen(frozenset({"org"})),
        "Jim Jordan": person,
        "Kim Jong Un": person,
    }
    ident = group_identities(weights, seen=seen)
    assert ident["Jordan"] == "Jordan" and ident["UN"] == "UN"
    assert group_identities(weights)["Jordan"] == "Jim Jordan"  # untyped: a person's surname may be meant
    place_long = {"Lina Moss": 4, "Port Lina Moss": 3}
    assert (
        group_identities(place_long, seen={"Port Lina Moss": Seen(frozenset({"place"}))})["Port Lina Moss"]
        == "Port Lina Moss"
    )


def test_an_o_apostrophe_is_no_initial() -> None:
    assert group_identities({"Dana O'Hare": 3, "Dana K. O'Hare": 2})["Dana K. O'Hare"] == "Dana O'Hare"


def _article(n: int, speaker: str, words: str, entities: list[str]) -> tuple[Article, Extraction]:
    art = Article(
        url=f"https://paper.example/{n}",
        title=f"Story {n}",
        source="The Test Paper",
        published=date(2024, 3, n),
        text=f"{words} Body {n}.",
    )
    facts = Extraction(
        entities=[Entity(name=e, type="person") for e in entities],
        quotes=[Quote(speaker=speaker, text=words, kind="direct", start=0, end=len(words))],
    )
    return art, facts


@pytest.fixture
def people_store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "ids.db")
    rows = [
        _article(1, "Barack Obama", "We will degrade the group over time", ["Barack Obama"]),
        _article(2, "Obama", "The strategy is working as planned today", ["Obama"]),
        _article(3, "President Obama", "Nobody should doubt our resolve here", ["President Obama"]),
        _article(4, "Donald J. Trump", "Trade must be fair for our workers", ["Donald J. Trump"]),
        _article(5, "Donald Trump", "We had a great meeting this morning", ["Donald Trump"]),
        _article(6, "Lee Jae-myung", "Relations will be fully restored soon", ["Lee Jae-myung"]),
        _article(7, "Lee Seong-hyon", "The timing was no accident at all", ["Lee Seong-hyon"]),
        _article(8, "Lee", "Both sides want calm in the region", ["Lee"]),
    ]
    for art, facts in rows:
        store.save(art, facts)
    return store


def test_who_said_gathers_every_name_of_one_person(people_store: Store) -> None:
    with people_store as store:
        ans = who_said(store, "Obama")
        assert ans.person is not None and ans.person.name in {"Barack Obama", "Obama"}
        assert ans.total == 3
        trump = who_said(store, "Donald Trump")
        assert trump.total == 2


def test_who_said_keeps_namesakes_apart(people_store: Store) -> None:
    with people_store as store:
        # two Lees and a bare "Lee", each quoted once: no one is best supported, so it asks
        ans = who_said(store, "Lee")
        assert ans.person is None
        assert sorted(p.name for p in ans.candidates) == ["Lee", "Lee Jae-myung", "Lee Seong-hyon"]
        assert who_said(store, "Lee Seong-hyon").total == 1
        assert who_said(store, "Lee Jae-myung").total == 1


def test_who_said_a_bare_surname_answers_the_best_supported_namesake(tmp_path: Path) -> None:
    from digests.commands import CommandContext, handle

    with Store.open(tmp_path / "clinton.db") as store:
        for art, facts in [
            _article(1, "Hillary Clinton", "The plan will not work for families", ["Hillary Clinton"]),
            _article(2, "Hillary Clinton", "We need a credible fighting force now", ["Hillary Clinton"]),
            _article(3, "Hillary Rodham Clinton", "Our allies deserve better", ["Hillary Rodham Clinton"]),
            _article(4, "Bill Clinton", "The economy grew for eight years then", ["Bill Clinton"]),
            _article(5, "Clinton", "Nobody saw this coming last spring", ["Clinton"]),
        ]:
            store.save(art, facts)
        ans = who_said(store, "Clinton")
        # Hillary Clinton's own quotations only: Bill Clinton and the bare "Clinton" stay apart
        assert ans.person is not None and ans.person.name == "Hillary Clinton" and ans.total == 3
        assert [p.name for p in ans.also] == ["Bill Clinton", "Clinton"]
        assert who_said(store, "Bill Clinton").total == 1
        reply = handle(store, "who-said", "Clinton", CommandContext(platform="console"))
        assert "Hillary Clinton" in reply.title and reply.note is not None and "Bill Clinton" in reply.note
        # the bare "Clinton" is no one to ask for by full name: counted apart
        assert ", Clinton (" not in reply.note and "1 quotation names only “Clinton”" in reply.note


def test_merge_and_split_lose_no_quotation(people_store: Store) -> None:
    with people_store as store:
        store.merge_identity("Lee", "Lee Jae-myung")
        assert who_said(store, "Lee Jae-myung").total == 2
        store.split_identity("Lee")
        assert who_said(store, "Lee Jae-myung").total == 1
        assert store.identity_names("Lee") == ["Lee"]


def test_who_is_talking_counts_one_person_once_and_no_office(tmp_path: Path) -> None:
    from digests.digest import build_digest

    with Store.open(tmp_path / "talk.db") as store:
        for art, facts in [
            _article(1, "Barack Obama", "We will degrade the group over time", ["Barack Obama"]),
            _article(2, "Obama", "The strategy is working as planned today", ["Obama"]),
            _article(3, "Obama", "Nobody should doubt our resolve here", ["Obama"]),
            _article(4, "Lee's office", "The visit went ahead as planned", []),
            _article(5, "Lee's office", "The talks were constructive and calm", []),
            _article(6, "Lee's office", "More meetings will follow next month", []),
            _article(7, "Lee's office", "The president thanked his hosts warmly", []),
        ]:
            store.save(art, facts)
        d = build_digest(store, date(2024, 3, 1), date(2024, 3, 8))
    talking = {sp.name: sp.count for sp in d.speakers}
    assert talking.get("Obama", 0) + talking.get("Barack Obama", 0) == 3
    assert len([n for n in talking if "Obama" in n]) == 1
    assert "Lee's office" not in talking


def test_an_entity_scope_finds_the_person_under_every_name(tmp_path: Path) -> None:
    from digests.digest import Scope, build_digest

    with Store.open(tmp_path / "scope.db") as store:
        for art, facts in [
            _article(1, "Barack Obama", "Harbour workers will get new contracts soon", ["Barack Obama"]),
            _article(2, "Obama", "Wheat farmers expect a record harvest this year", ["Obama"]),
        ]:
            store.save(art, facts)
        d = build_digest(store, date(2024, 3, 1), date(2024, 3, 8), Scope(entities=["Barack Obama"]))
    assert d.articles == 2


def test_who_said_resolves_a_bare_surname_by_the_titles_across_the_store(tmp_path: Path) -> None:
    said = [
        ("Donald Trump", "We had a great meeting this morning", "President Donald Trump"),
        ("Donald Trump", "Trade must be fair for our workers", "President Donald Trump"),
        ("Donald Trump", "The talks went very well indeed", "President Trump"),
        ("Melania Trump", "Children deserve our care and love", "first lady Melania Trump"),
        ("Trump", "Nobody has done more for the farmers", "Mr. Trump"),
        ("Trump", "The deal will be signed next week", "President Trump"),
        ("Trump", "We will see what happens after that", "President Trump"),
        ("Trump", "Our farmers will do very well again", "President Trump"),
    ]
    with Store.open(tmp_path / "family.db") as store:
        for n, (speaker, words, alias) in enumerate(said, start=1):
            art, facts = _article(n, speaker, words, [])
            person = Entity(name=speaker, type="person", aliases=[alias])
            store.save(art, facts.model_copy(update={"entities": [person]}))
        assert store.identities_for(["Trump"]) == {"Trump": "Donald Trump"}
        assert who_said(store, "Donald Trump").total == 7
        assert who_said(store, "Melania Trump").total == 1
        store.split_identity("Trump")  # a merge or split recorded still wins
        assert who_said(store, "Donald Trump").total == 3


def test_a_digest_credits_each_story_quotation_under_one_name(tmp_path: Path) -> None:
    from digests.digest import build_digest
    from digests.render import render_markdown

    with Store.open(tmp_path / "credit.db") as store:
        for n, speaker, words in [
            (1, "Barack Obama", "Harbour workers will get new contracts soon"),
            (2, "Obama", "Wheat farmers expect a record harvest this year"),
            (3, "Obama", "Nobody should doubt our resolve on the river"),
        ]:
            art, facts = _article(n, speaker, words, [speaker])
            # the quotation after a lead of its own: a development line never tells it again
            lead = f"Officials met in Lenz on day {n} to talk about the harbour.\n\n"
            art = art.model_copy(update={"text": lead + art.text})
            quote = facts.quotes[0].model_copy(update={"start": len(lead), "end": len(lead) + len(words)})
            store.save(art, facts.model_copy(update={"quotes": [quote]}))
        d = build_digest(store, date(2024, 3, 1), date(2024, 3, 8))
    credited = {q.speaker for s in d.stories for q in s.quotes}
    assert credited == {sp.name for sp in d.speakers} == {"Barack Obama"}
    assert "— Obama" not in render_markdown(d)


def test_who_said_a_middle_name_ranks_below_and_says_it_is_one(tmp_path: Path) -> None:
    from digests.commands import CommandContext, handle

    with Store.open(tmp_path / "middle.db") as store:
        for art, facts in [
            _article(1, "Deborah Lee James", "The harbour will open to tankers soon", ["Deborah Lee James"]),
            _article(2, "Lee Harvey Ortun", "Wheat farmers expect a record harvest", ["Lee Harvey Ortun"]),
        ]:
            store.save(art, facts)
        ctx = CommandContext(platform="console")
        first = handle(store, "who-said", "Lee", ctx)  # a first name outranks a middle name
        assert first.title.startswith("What Lee Harvey Ortun said")
        assert "middle name" not in (first.note or "")
    with Store.open(tmp_path / "only.db") as store:
        store.save(*_article(1, "Deborah Lee James", "The harbour opens to tankers", ["Deborah Lee James"]))
        only = handle(store, "who-said", "Lee", ctx)  # the fallback is all there is: said so
        assert only.title.startswith("What Deborah Lee James said")
        assert "by first name or surname" in (only.note or "")


def test_who_said_one_word_offers_family_name_first_and_surname_holders_alike(tmp_path: Path) -> None:
    from digests.commands import CommandContext, handle

    # "Park" is the surname of a name written family name first and of a hyphenated one: a
    # reader typing it may mean either, so both are offered; a middle name is not
    with Store.open(tmp_path / "park.db") as store:
        for art, facts in [
            _article(1, "Park Soo Hyun", "The port talks will resume in spring", ["Park Soo Hyun"]),
            _article(2, "Park Ha-eun", "Exports of chips rose again", ["Park Ha-eun"]),
            _article(3, "Mina Park Dallow", "The ferry line reopens", ["Mina Park Dallow"]),
        ]:
            store.save(art, facts)
        reply = handle(store, "who-said", "Park", CommandContext(platform="console"))
        assert reply.kind == "choices"
        assert {i.label for i in reply.items} == {"Park Soo Hyun", "Park Ha-eun"}


def test_a_nickname_joins_a_full_name_only_with_an_office_or_country_in_common() -> None:
    weights = {"Jim Hallard": 5, "James Hallard": 3, "Hallard": 4}
    aliases = {
        "Jim Hallard": {"Defense Secretary Jim Hallard": 3},
        "James Hallard": {"Defense Secretary James Hallard": 2},
    }
    one = group_identities(weights, aliases=aliases)
    assert one["James Hallard"] == one["Jim Hallard"] == one["Hallard"] == "Jim Hallard"
    # the names alone: two people ("Jim" may be another James, or no James at all)
    apart = group_identities(weights)
    assert apart["James Hallard"] != apart["Jim Hallard"]
    # another office: two people
    other = {"Jim Hallard": {"Rep. Jim Hallard": 3}, "James Hallard": {"Gen. James Hallard": 3}}
    assert group_identities(weights, aliases=other)["James Hallard"] == "James Hallard"


def test_a_spelling_of_a_first_name_joins_with_the_same_country() -> None:
    seen = {"Nuri al-Zamani": Seen(frozenset({"person"}), frozenset({"IQ"})),
            "Nouri al-Zamani": Seen(frozenset({"person"}), frozenset({"IQ"}))}
    ident = group_identities({"Nuri al-Zamani": 4, "Nouri al-Zamani": 6}, seen=seen)
    assert ident["Nuri al-Zamani"] == ident["Nouri al-Zamani"] == "Nouri al-Zamani"
    seen["Nuri al-Zamani"] = Seen(frozenset({"person"}), frozenset({"SY"}))
    ident = group_identities({"Nuri al-Zamani": 4, "Nouri al-Zamani": 6}, seen=seen)
    assert ident["Nuri al-Zamani"] == "Nuri al-Zamani"
