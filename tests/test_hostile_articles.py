"""Hostile article text end to end: a feed whose items carry mentions (some with zero-width joiners or
word joiners inside), Slack mrkdwn and Discord Markdown, direction marks and odd links in their
titles, quotations, speakers and links is ingested as any feed is (from a fake web on 127.0.0.1),
then asked about on the console, through slack-bolt against the fake Slack and through discord.py
against the fake Discord. Nothing that arrives pings, formats, turns text around or links elsewhere.

Found by this test: links were shown as the feed wrote them. Of the 13 addresses below, 6 reached
Slack with an invisible or direction mark in them (a right-to-left override, a zero-width joiner, a
byte-order mark, a soft hyphen ...), 6 reached Discord so (or with a ``|``) and Discord dropped the
link of 4 more (a blank, a line separator, ``<`` or ``>``): such characters are percent-encoded now
(render.shown_url), and the link still leads to the same page. The 28 text pieces in titles,
quotations and speakers' names were inert already on every path (0 of 28 failed).
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from httpfake import FakeWeb

from adapters.console.app import run_lines
from digests.fetch import FetchPolicy
from digests.ingest import ingest_inputs
from digests.store import Store
from tests.fakes import wait_until
from tests.fakes.discord import FakeDiscord, message_problems
from tests.fakes.slack import FakeSlack, block_kit_problems
from tests.test_hostile_commands import mrkdwn_texts

ZWJ, ZWNJ, WJ, RLO, RLM, PDF = "\u200d", "\u200c", "\u2060", "\u202e", "\u200f", "\u202c"
# what a hostile outlet writes into a title, a quotation and a speaker's name
PIECES = [
    "@everyone", "@here", f"@every{ZWJ}one", f"@{ZWJ}here", f"@{WJ}everyone", f"<!{ZWJ}channel>",
    f"<!chan{ZWNJ}nel>", "<!channel>", "<!here|here>", "<@U123>", "<#C1|general>", "<@&42>", "<t:0:R>",
    f"{RLO}lavon{PDF}", f"{RLM}x", "*bold*", "_it_", "~gone~", "`code`", "```block```", "||spoiler||",
    "[link](https://evil.example)", "<https://evil.example|click>", "# Heading", "-# small", "> quoted",
    "&lt;!channel&gt;", "\uff20everyone",
]
# the addresses of its items (paths on the fake web)
LINKS = [f"/a{RLO}lmth.exe", f"/a{ZWJ}b", "/a b", "/a|b", "/a>b", "/x?q=<!channel>", f"/a{PDF}b",
         "/a\u2028b", "/a\ufeffb", "/a\u00adb", "/@everyone", "/(a)", "/plain"]
# a link must not hold these as written (they are percent-encoded)
LINK_MARKS = re.compile(f"[{RLO}{ZWJ}{PDF}\u2028\ufeff\u00ad ]")
BAD_ANYWHERE = re.compile(f"[{RLO}{PDF}{RLM}\u2066-\u2069\x1b\x00]")


def _item(i: int, piece: str, link: str) -> str:
    p = escape(piece)
    body = (
        "<p>KASTOR - The harbour ministry of Kastor said on Tuesday that it would close the northern port "
        f"on March 20 after a dispute {p} with the dock unions, officials said.</p>"
        f"<p>&#8220;We will not wait {p}, we will act now,&#8221; said Mara {p} Quint, the harbour "
        "minister.</p>"
        f"<p>Union leader Tess Varga said the strike would begin on March 25 {i}.</p>"
    )
    return (f"<item><title>{p} Port of Kastor to close {i}</title><link>{{base}}{escape(link)}</link>"
            "<pubDate>Tue, 10 Mar 2026 09:30:00 GMT</pubDate><description>d</description>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>")


def hostile_feed() -> str:
    items = [_item(i, piece, f"{LINKS[i % len(LINKS)]}-{i}") for i, piece in enumerate(PIECES)]
    items += [_item(len(PIECES) + i, "calm", link) for i, link in enumerate(LINKS)]
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>'
            "<link>{base}/</link><description>x</description>" + "".join(items) + "</channel></rss>")


@pytest.fixture
def hostile_store(tmp_path: Path, web: FakeWeb) -> Path:
    web.page("/feed.rss", hostile_feed().replace("{base}", web.base), "application/rss+xml")
    path = tmp_path / "h.db"
    with Store.open(path) as store:
        report = ingest_inputs(store, [web.url("/feed.rss")], out=io.StringIO(), err=io.StringIO(),
                               policy=FetchPolicy(allow_private=True))
        assert report.new == len(PIECES) + len(LINKS) and not report.failed
    return path


ASKED = [("digest", "2026-03-10"), ("who-said", "Mara Quint"), ("who-said", "Varga"), ("timeline", "Kastor"),
         ("timeline", "Kastor 2026-03-01 2026-03-31"), ("sources", ""), ("sources", "page 2"),
         ("sources", "page 3"), ("sources", "page 4")]


def _links(text: str) -> list[str]:
    """The addresses of the links of a Slack (<url|label>) or Discord ([label](url)) text."""
    return re.findall(r"<(https?://[^|>]*)\|", text) + re.findall(r"\]\((https?://[^)]*)\)", text)


def test_the_console_shows_hostile_articles_as_plain_lines(hostile_store: Path) -> None:
    out = io.StringIO()
    with Store.open(hostile_store) as store:
        run_lines(store, [f"/{name} {args}" for name, args in ASKED], out, today=date(2026, 3, 10))
    text = out.getvalue()
    assert text.count("\n> /") == len(ASKED) and "Traceback" not in text
    assert not BAD_ANYWHERE.search(text)
    for url in re.findall(r"<(https?://[^>\n]*)>", text):
        assert not LINK_MARKS.search(url), url
    assert "%E2%80%AE" in text  # the override in a link, percent-encoded: the link still leads there


def _slack_inert(message: dict[str, Any]) -> None:
    assert not block_kit_problems(message)
    blob = json.dumps(message, ensure_ascii=False)
    assert not BAD_ANYWHERE.search(blob), blob[:300]
    for text in mrkdwn_texts(message):
        if text:
            rest = re.sub(r"<https?://[^|>]*\|[^<>]*>", "", text)
            assert not re.search(r"<[!@#]", rest) and "*bold*" not in rest and "~gone~" not in rest, text
            assert "`code`" not in rest and "_it_" not in rest, text
            for url in _links(text):
                assert not LINK_MARKS.search(url), url


async def test_slack_answers_about_hostile_articles_inertly(slack: FakeSlack, hostile_store: Path) -> None:
    from tests.test_slack_e2e import slash_answers

    answers = await slash_answers(slack, hostile_store, ASKED)
    messages = [m for ms in answers.values() for m in ms]
    assert any("Kastor" in json.dumps(m) for m in messages)
    for message in messages:
        _slack_inert(message)


async def test_discord_answers_about_hostile_articles_inertly(
    discord_fake: FakeDiscord, hostile_store: Path
) -> None:
    from adapters.discord.client import store_runner as discord_runner
    from tests.test_discord_e2e import connected, interact

    asks = [("digest", {"period": "2026-03-10"}), ("who-said", {"person": "Mara Quint"}),
            ("timeline", {"query": "Kastor"}), ("sources", {}), ("sources", {"page": 2}),
            ("sources", {"page": 3})]
    seen = []
    async with connected(discord_runner(hostile_store), hostile_store):
        for name, options in asks:
            payload = discord_fake.interaction(name, options)
            await interact(discord_fake, payload)
            seen += await wait_until(
                lambda p=payload: [a for a in discord_fake.answers_to(p) if a.get("type") != 5] or None,
                what=f"an answer to /{name}",
            )
    assert any("Kastor" in json.dumps(a) for a in seen)
    for answer in seen:
        data = answer.get("data") or answer
        assert not message_problems(data)
        assert data.get("allowed_mentions") == {"parse": []}
        blob = json.dumps(data, ensure_ascii=False)
        assert not BAD_ANYWHERE.search(blob), blob[:300]
        texts = [str(data.get("content") or "")]
        for embed in data.get("embeds") or []:
            texts += [embed.get("title", ""), embed.get("description", "")]
            texts += [f.get("value", "") for f in embed.get("fields", [])]
            assert not LINK_MARKS.search(embed.get("url", "")), embed.get("url")
        for text in texts:
            rest = re.sub(r"\]\(https?://[^)]*\)", "]", text)
            assert not re.search(r"@(everyone|here)", rest), text
            assert not re.search(r"<(?!\u200b)", rest), text
            for piece in ("*bold*", "~gone~", "`code`", "||spoiler||", "[link]"):
                assert piece not in rest, text
            for url in _links(text):
                assert not LINK_MARKS.search(url), url
