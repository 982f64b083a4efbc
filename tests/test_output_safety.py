"""What articles say cannot drive a terminal, format a Slack message or pass for another outlet
(issue 15, items 7, 9 and 11)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from test_render import story, synthetic

from adapters.console.app import Console
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
