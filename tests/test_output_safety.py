"""What articles say cannot drive a terminal, format a Slack message or pass for another outlet
(issue 15, items 7, 9 and 11)."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from test_render import story, synthetic

from adapters.console.app import Console, run_lines
from adapters.discord import embeds as dc
from adapters.slack import blocks as sk
from bot.cli import main
from digests.digest import Source
from digests.ingest import ingest_inputs
from digests.store import Store


def _article(tmp_path: Path) -> Path:
    # A few control characters in a long text pass the binary check (under 1% of characters).
    title = "Harbour \x1b]0;owned\x07talks \x1b[2J\x1b[31mresume"
    body = " ".join(
        f"Negotiators from both ports met on day {n} to discuss the harbour fees, officials said."
        for n in range(1, 30)
    )
    path = tmp_path / "escape.txt"
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


# --- item 7: terminal escapes ---------------------------------------------------------------------


def test_ingest_and_sources_print_no_escape_sequences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "e.db"
    assert main(["--db", str(db), "ingest", str(_article(tmp_path))]) == 0
    assert main(["--db", str(db), "sources"]) == 0
    printed = capsys.readouterr()
    assert "Harbour" in printed.out and "resume" in printed.out
    assert "\x1b" not in printed.out + printed.err and "\x07" not in printed.out


def test_the_console_prints_no_escape_sequences(tmp_path: Path) -> None:
    out = io.StringIO()
    with Store.open(tmp_path / "c.db") as store:
        ingest_inputs(store, [str(_article(tmp_path))], out=io.StringIO(), err=io.StringIO())
        console = Console(store, out)
        console.line("/sources\n")
        console.line("/who-said \x1b]0;owned\x07Lee\n")  # a piped session echoes each command
    assert "Harbour" in out.getvalue() and "\x1b" not in out.getvalue()


# the escape sequences a hostile page or feed writes: a window title (OSC, ended by BEL and by ST),
# a colour, a screen clear (CSI), a hyperlink (OSC 8), a terminal reset (ESC c); (a C1 CSI written as
# a character reference in a feed is read as cp1252's '›' by feedparser: no control)
ESCAPES = ["\x1b]0;owned\x07", "\x1b[31m", "\x1b[2J", "\x1b]8;;https://evil.example\x1b\\", "\x1bc"]
RESIDUE = ("]0;", "owned", "[31m", "[2J", "]8;", "evil.example")


def _escaped_feed(base: str) -> str:
    from xml.sax.saxutils import escape

    def esc(text: str) -> str:  # control characters as XML 1.0 cannot carry them raw: references
        return "".join(f"&#x{ord(c):x};" if ord(c) < 32 or 0x7f <= ord(c) < 0xa0 else c for c in escape(text))

    junk = "".join(ESCAPES)
    body = (f"<p>KASTOR - The harbour ministry of Kastor said on Tuesday that it would close the northern "
            f"port {junk}on March 20 after a dispute with the dock unions, officials said.</p>"
            f"<p>&#8220;We will not wait, we will act {junk}now,&#8221; said Mara Quint, the harbour "
            "minister.</p>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{esc('Harbour ' + junk + 'Wire')}</title><link>{base}/</link>"
            "<description>x</description>"
            f"<item><title>{esc('Port of ' + junk + 'Kastor to close')}</title><link>{base}/port</link>"
            "<pubDate>Tue, 10 Mar 2026 09:30:00 GMT</pubDate><description>d</description>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item></channel></rss>")


def test_escape_sequences_in_a_feed_are_not_stored(tmp_path: Path, web: object) -> None:
    """Found in 12-06's walk: a feed's title, its item's title and body kept the escape sequences
    they carried (a terminal was then driven by /sources, or showed their text: ']0;owned [31m')."""
    from httpfake import FakeWeb

    from digests.fetch import FetchPolicy

    assert isinstance(web, FakeWeb)
    web.page("/feed.rss", _escaped_feed(web.base), "application/rss+xml")
    with Store.open(tmp_path / "f.db") as store:
        report = ingest_inputs(store, [web.url("/feed.rss")], out=io.StringIO(), err=io.StringIO(),
                               policy=FetchPolicy(allow_private=True))
        assert report.new == 1
        [(title, source, text)] = store.db.execute("select title, source, text from articles").fetchall()
        out = io.StringIO()
        run_lines(store, ["/sources", "/digest 2026-03-10", "/who-said Mara Quint", "/timeline Kastor"], out,
                  today=date(2026, 3, 10))
    assert (title, source) == ("Port of Kastor to close", "Harbour Wire")
    assert "port on March 20" in text and "act now" in text
    shown = out.getvalue()
    assert "Port of Kastor to close" in shown and "Mara Quint" in shown
    for stored in (title, source, text, shown):
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", stored), repr(stored)
        assert not any(r in stored for r in RESIDUE), repr(stored)


def test_the_console_never_prints_an_escape_a_store_holds(tmp_path: Path) -> None:
    """A store written before ingest cleaned titles: the console's last filter takes the escapes out
    of every answer and every scheduled digest it prints."""
    import asyncio

    from adapters.console.app import ConsolePoster
    from digests.digest import build_digest, latest_period

    with Store.open(tmp_path / "c.db") as store:
        ingest_inputs(store, [str(_article(tmp_path))], out=io.StringIO(), err=io.StringIO())
        junk = "".join(ESCAPES)
        store.db.execute("update articles set title = ?, source = ?",
                         (f"Harbour {junk}talks", f"Port {junk}Post"))
        store.db.commit()
        out = io.StringIO()
        console = Console(store, out)
        for line in ("/sources", "/digest", "/who-said Negotiators", f"/timeline {junk}harbour"):
            console.line(line)
        digest = build_digest(store, *latest_period(store))
        asyncio.run(ConsolePoster(out).post_digest("news", digest))
    shown = out.getvalue()
    assert "Harbour talks" in shown and "Port Post" in shown
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", shown), repr(shown)
    assert not any(r in shown for r in RESIDUE)


def test_clean_keeps_lines_and_tabs_and_drops_escapes_whole() -> None:
    from digests.printable import clean, plain

    assert clean("a\x1b]0;title\x07b\tc\nd\x1b[1;31me\x1b]8;;http://x\x1b\\f\x1bcg") == "ab\tc\ndefg"
    assert clean("x\x00y\x9bz\x7f") == "x y z "  # one control: a space
    assert clean("\x1b]2;a title never ended") == ""  # to the end, as a terminal would swallow it
    assert clean("plain text\n") == "plain text\n"
    assert plain("Harbour \x1b]0;owned\x07\x1b[31mtalks") == "Harbour talks"


# --- item 9: Slack formatting characters ----------------------------------------------------------


def test_slack_shows_formatting_characters_as_text() -> None:
    urgent = story(1, text="*URGENT* _x_ ~y~ ```rm -rf``` `z`")
    [payload] = sk.digest_payloads(synthetic([urgent]))
    texts = [b["text"]["text"] for b in payload["blocks"] if b.get("type") == "section"]
    head = next(t for t in texts if t.startswith("*1. "))
    first_line = head.split("\n")[0]
    # Only the renderer's own bold markers remain; the article's are inert look-alikes.
    assert first_line.count("*") == 2 and first_line.startswith("*1. ") and first_line.endswith("*")
    body = "\n".join(texts)
    assert "```" not in body and "`" not in body and "~y~" not in body and "_x_" not in body
    assert "∗URGENT∗" in first_line


@pytest.mark.parametrize(("text", "shown"), [
    ("Set SLACK_ADMIN_USERS first", "Set SLACK_ADMIN_USERS first"),  # inside a word: inert, kept
    ("snake_case_name", "snake_case_name"),
    ("_x_", "ˍxˍ"),  # at a word's edge Slack would read italics
    ("a _b_ c", "a ˍbˍ c"),
    ("x__y", "xˍˍy"),
    ("trailing_ and _leading", "trailingˍ and ˍleading"),
    ("é_x", "éˍx"),  # only ASCII letters and digits count as the word around it
])
def test_slack_keeps_underscores_inside_words_only(text: str, shown: str) -> None:
    assert sk.escape_mrkdwn(text) == shown


# --- item 11: link text and domains ---------------------------------------------------------------


@pytest.mark.parametrize(("outlet", "url", "fits"), [
    ("Reuters", "https://www.reuters.com/world/a", True),
    ("The Korea Herald", "https://www.koreaherald.com/view.php?ud=1", True),
    ("BBC News", "https://www.bbc.co.uk/news/world-1", True),
    ("Reuters", "https://reuters.example-news.click/a", True),  # the name is in it: still shown below
    ("Reuters", "https://evil.example/a", False),
    ("The Times", "https://news.example/1/0", False),
    # a domain spelt from the outlet's words, each whole, by its initial or left out
    ("Pebble Online Gazette", "https://www.pebblegazette.example/a", True),
    ("Northwind Daily Wire", "https://ndwire.example/a", True),
    ("Coastline Wire - News", "https://cwire.example/a", True),
    ("Valley Times", "https://evtimes.example/a", False),  # a letter the name does not give
    ("Valley Times", "https://vt.example/a", False),  # initials alone are too easy to come by
])
def test_outlet_matches_the_domain(outlet: str, url: str, fits: bool) -> None:
    from digests.render import link_domain, outlet_matches

    assert outlet_matches(outlet, link_domain(url)) is fits


def test_a_claimed_outlet_that_does_not_fit_the_link_shows_the_domain() -> None:
    from digests.render import source_label

    assert source_label("Reuters", "Markets fall", "https://www.reuters.com/a") == "Reuters: Markets fall"
    assert source_label("Reuters", "Markets fall", "https://evil.example/a") == \
        "Reuters (evil.example): Markets fall"
    assert source_label(None, "Markets fall", "https://evil.example/a") == "evil.example: Markets fall"
    forged = story(1)
    forged.sources[0] = Source(title="Ministry confirms talks", outlet="Reuters",
                               url="https://evil.example/story", published=None, article_id=7)
    slack = str(sk.digest_payloads(synthetic([forged])))
    discord = str(dc.digest_payloads(synthetic([forged])))
    assert "Reuters (evil.example): Ministry confirms talks" in slack
    assert "Reuters (evil.example): Ministry confirms talks" in discord.replace("\\", "")
