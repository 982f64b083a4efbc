"""Links shown to readers drop click-tracking parameters; titles drop an outlet's call to read it."""

from __future__ import annotations

from datetime import date

from digests.pages import clean_title, drop_call_to_action
from digests.render import shown_url
from digests.sources import read_source


def test_tracking_parameters_are_dropped_from_a_shown_link_and_the_rest_kept() -> None:
    assert (
        shown_url("https://gazette.example/a/story.html?hpt=hp_t1") == "https://gazette.example/a/story.html"
    )
    assert (
        shown_url(
            "https://gazette.example/a.html?hp&action=click&pgtype=Homepage&id=51&utm_source=feed&page=2"
        )
        == "https://gazette.example/a.html?id=51&page=2"
    )
    assert (
        shown_url("https://gazette.example/a.html?smid=tw-share&partner=rss#top")
        == "https://gazette.example/a.html#top"
    )
    assert shown_url("https://gazette.example/a.html?WT.nav=top-news") == "https://gazette.example/a.html"
    assert shown_url("https://gazette.example/a.html?story=12") == "https://gazette.example/a.html?story=12"
    assert shown_url("https://gazette.example/a.html") == "https://gazette.example/a.html"
    assert shown_url(None) is None and shown_url("") == ""


def test_rendered_sources_show_links_without_tracking(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from adapters.discord.embeds import _link as discord_link
    from adapters.slack.blocks import _link as slack_link

    url = "https://gazette.example/a.html?id=7&utm_medium=social&action=click"
    assert discord_link(url, "Story") == "[Story](https://gazette.example/a.html?id=7)"
    assert slack_link(url, "Story") == "<https://gazette.example/a.html?id=7|Story>"


def test_a_call_to_read_the_outlet_leaves_the_headline_alone() -> None:
    names = ["Daily Sheet", "dailysheet.example", "dailysheet"]
    assert (
        drop_call_to_action(
            "Port Deal Signed After Strike Read Daily Sheet: Port Deal Is Signed | DailySheet.example", names
        )
        == "Port Deal Signed After Strike"
    )
    assert drop_call_to_action("Read Daily Sheet: Port deal is signed | DailySheet.example", names) == (
        "Port deal is signed"
    )
    assert clean_title("Read Daily Sheet: Port deal is signed | Daily Sheet", names) == "Port deal is signed"
    # a sentence that names the outlet, or a call naming another outlet, is the headline itself
    for title in (
        "Why you should read Daily Sheet: an essay",
        "Port deal signed Read Harbour News: Port deal",
    ):
        assert drop_call_to_action(title, names) == title


def test_a_front_matter_title_with_a_call_to_action_is_stored_as_the_headline(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.txt"
    path.write_text(
        '---\ntitle: "Port Deal Signed Read Daily Sheet: Port Deal Is Signed | DailySheet.example"\n'
        "source: Daily Sheet\nurl: https://www.dailysheet.example/world/port-deal?hpt=hp_t1\n"
        "published: 2026-03-09\n---\nPort Deal Signed\n\nPort workers in Lenz ended a strike on Monday.\n",
        encoding="utf-8",
    )
    article = read_source(str(path))[0]
    assert article.title == "Port Deal Signed"
    assert article.published == date(2026, 3, 9)
    assert article.url == "https://www.dailysheet.example/world/port-deal?hpt=hp_t1"  # identity kept as given
