"""The topic vocabulary and country names used to tag stories and match scopes."""

from __future__ import annotations

import pytest

from digests.topics import (
    TOPICS,
    countries_in,
    countries_matching,
    country_code,
    country_name,
    topic_scores,
    topic_slug,
    topics_for,
)


def test_vocabulary_covers_the_geopolitical_basics() -> None:
    for slug in (
        "diplomacy",
        "trade",
        "security",
        "conflict",
        "elections",
        "energy",
        "technology",
        "human-rights",
        "economy",
        "climate",
    ):
        assert slug in TOPICS
        assert TOPICS[slug].label and TOPICS[slug].strong


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Foreign ministers hold a summit on the future of the alliance", "diplomacy"),
        ("Washington raises tariffs on steel as the trade war deepens", "trade"),
        ("Navy warships and troops join missile drills near the strait", "security"),
        ("Ceasefire collapses as shelling resumes along the frontline", "conflict"),
        ("Voters head to the ballot box in a tight presidential runoff", "elections"),
        ("Oil prices jump as OPEC cuts crude output", "energy"),
        ("Chipmakers face new export rules on advanced semiconductors", "technology"),
        ("Activists detained in a crackdown on dissidents, rights groups say", "human-rights"),
        ("Central bank raises interest rates as inflation climbs", "economy"),
        ("Heatwaves and floods: climate talks seek deeper emission cuts", "climate"),
    ],
)
def test_each_topic_is_found(text: str, topic: str) -> None:
    assert topics_for(text)[0] == topic


def test_case_sensitive_acronyms() -> None:
    assert "health" in topics_for("The WHO declares an outbreak of a new virus")
    assert "health" not in topics_for("The man who arrived first said hello")
    assert "technology" not in topics_for("Ai Weiwei opens a show")  # a name, not AI


def test_weak_words_alone_do_not_tag() -> None:
    assert topics_for("They met for dinner and talked about the weather") == []
    assert topic_scores("") == {}


def test_passing_mentions_are_dropped_from_long_texts() -> None:
    text = " ".join(["The summit of leaders discussed the alliance and bilateral ties."] * 6) + " Oil."
    assert topics_for(text) == ["diplomacy"]


def test_topic_slugs_from_user_words() -> None:
    assert topic_slug("Human rights") == "human-rights"
    assert topic_slug("human_rights") == "human-rights"
    assert topic_slug("Security and defence") == "security"
    assert topic_slug("defense") == "security"
    assert topic_slug("TRADE") == "trade"
    assert topic_slug("gossip") is None


def test_country_codes_and_names() -> None:
    assert country_code("South Korea") == "KR"
    assert country_code("Korea, Republic of") == "KR"
    assert country_code("Pyongyang") == "KP"
    assert country_code("kr") == "KR"
    assert country_code("France") == "FR"
    assert country_code("Atlantis") is None
    assert country_code("") is None
    assert country_name("KR") == "South Korea"
    assert country_name("fr") == "France"
    assert country_name("ZZ") == "ZZ"


def test_a_region_word_matches_every_country_it_can_mean() -> None:
    assert countries_matching("Korea") == {"KR", "KP"}
    assert countries_matching("South Korea") == {"KR"}
    assert countries_matching("xy") == frozenset()
    assert {"IL", "IR", "SA"} <= countries_matching("Middle East")
    assert countries_matching("the Korean peninsula") == {"KR", "KP"}


def test_countries_in_text() -> None:
    text = (
        "Seoul and Beijing agreed; the US said it was watched by us all. Chinese officials smiled in Beijing."
    )
    found = countries_in(text)
    assert found[0] == "CN"
    assert set(found) == {"CN", "KR", "US"}
    assert countries_in("tell us more") == []


@pytest.mark.parametrize(
    "text",
    [
        # written for this test: a trade story told through duties and price floors, no "tariff"
        "Why Lisbon and Hanoi keep circling the bicycle deal. Negotiators met again over the "
        "countervailing duties on electric bicycles; Hanoi offers minimum export prices, a price "
        "floor that Lisbon says must cover every model.",
        # a shipping story: routes, container lines, cargo
        "Container lines keep avoiding the strait. Shippers say cargo will go the long way round "
        "until insurers return, and freight costs on the trade route have doubled since March.",
    ],
)
def test_plain_trade_stories_are_trade(text: str) -> None:
    assert "trade" in topics_for(text)
