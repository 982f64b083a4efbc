"""One person across articles (issue 12): identities over the store's names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from digests.models import Article, Entity, Extraction, Quote
from digests.queries import who_said
from digests.store import Store
from digests.store.identities import core_name, group_identities


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
        ans = who_said(store, "Lee")  # two Lees: the bare surname stays its own
        assert ans.person is not None and ans.person.name == "Lee" and ans.total == 1
        assert who_said(store, "Lee Seong-hyon").total == 1
        assert who_said(store, "Lee Jae-myung").total == 1


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
