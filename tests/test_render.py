"""Renderings of digests and replies: Markdown, Slack Block Kit, Discord embeds, and `geodigest digest`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from digest_fixtures import fill
from render_checks import check_discord, check_slack

from adapters.discord import embeds as dc
from adapters.slack import blocks as sk
from bot.cli import main
from digests.commands import Reply, ReplyItem
from digests.digest import (
    ComingUp,
    Development,
    Digest,
    Period,
    Scope,
    Source,
    Speaker,
    Story,
    StoryQuote,
    build_digest,
    format_date,
    format_period,
)
from digests.render import render_markdown, render_reply_text
from digests.store import Store

SINCE, UNTIL = date(2026, 3, 2), date(2026, 3, 4)
HOSTILE = (
    "<!channel> <!here> <@U123> @everyone @here <@&123> <#C1> "
    + "[x](http://evil) <http://a|b> *bold* _i_ ~s~ `c` &amp;"
)


@pytest.fixture
def digest(tmp_path: Path) -> Iterator[Digest]:
    with Store.open(tmp_path / "r.db") as s:
        fill(s)
        yield build_digest(s, SINCE, UNTIL)


def urls(d: Digest) -> set[str]:
    return {s.url for st in d.stories for s in st.sources if s.url} | {
        c.source.url for c in d.coming_up if c.source.url
    }


def story(i: int, *, text: str = "Something happened", quote: str = "We said it", sources: int = 2) -> Story:
    src = [
        Source(
            title=f"{text} {k}",
            outlet=f"Outlet {k}",
            url=f"https://news.example/{i}/{k}",
            published=date(2026, 3, 3),
            article_id=i * 100 + k,
        )
        for k in range(sources)
    ]
    return Story(
        id=i,
        headline=f"{text} headline {i}",
        developments=[
            Development(text=f"{text} development {k}", figures=["$5 million"], article_id=i)
            for k in range(4)
        ],
        quotes=[
            StoryQuote(
                speaker=f"{text} speaker", role=f"{text} role", text=quote, source="Outlet 0", article_id=i
            )
        ],
        topics=["trade"],
        countries=["Chile"],
        sources=src,
    )


def synthetic(stories: list[Story], *, name: str = "Ana Ruiz") -> Digest:
    return Digest(
        title="GeoDigest · 2–4 Mar 2026",
        period=Period(since=SINCE, until=UNTIL),
        scope=Scope(),
        stories=stories,
        coming_up=[
            ComingUp(
                date="2026-03-16",
                date_end=None,
                status="reported",
                text=f"{name} visits",
                confirmed=False,
                day=date(2026, 3, 16),
                source=stories[0].sources[0],
            )
        ]
        if stories
        else [],
        speakers=[Speaker(name=name, count=3)] if stories else [],
        empty=not stories,
    )


# Markdown -------------------------------------------------------------------------------


def test_markdown_tells_every_part(digest: Digest) -> None:
    md = render_markdown(digest)
    assert md.startswith("# GeoDigest · 2–4 Mar 2026\n")
    assert "## 1. " in md and "## Coming up" in md and "## Who is talking" in md
    assert (
        "“This agreement turns a quarrel over a border into a partnership for a generation” — Ana Ruiz, "
        "Chilean Foreign Minister" in md
    )
    assert "<https://andeswire.example/2026/03/02/chile-peru-lithium-pact>" in md
    assert "(unconfirmed)" in md
    assert "16 Mar 2026 · Peru's Congress will vote" in md


def test_markdown_of_an_empty_digest_is_one_line() -> None:
    d = synthetic([])
    assert render_markdown(d) == "# GeoDigest · 2–4 Mar 2026\n\nNothing new for 2–4 Mar 2026.\n"


def test_markdown_strips_control_characters() -> None:
    d = synthetic([story(1, text="Evil\x1b[2J\x07 title\nwith newline")])
    md = render_markdown(d)
    assert "\x1b" not in md and "\x07" not in md
    assert "Evil title with newline headline 1" in md  # the escape sequence dropped whole


def test_dates_and_periods_for_readers() -> None:
    assert format_date("2026-01-13", "2026-01-14") == "13–14 Jan 2026"
    assert format_date("2026-04") == "Apr 2026"
    assert format_date("2027") == "2027"
    assert format_date("2026-W03") == "week of 12 Jan 2026"
    assert format_date("2026-H2") == "H2 2026"
    assert format_date("2026-01-30", "2026-02-02") == "30 Jan – 2 Feb 2026"
    assert format_date("2025-12-30", "2026-01-02") == "30 Dec 2025 – 2 Jan 2026"
    assert format_period(Period(since=date(2026, 1, 6), until=date(2026, 1, 6))) == "6 Jan 2026"
    assert (
        format_period(Period(since=date(2025, 12, 30), until=date(2026, 1, 2))) == "30 Dec 2025 – 2 Jan 2026"
    )


def test_reply_text() -> None:
    reply = Reply(
        title="Ana Ruiz said",
        items=[ReplyItem(text="We are close", url="https://a.example/1", label="2026-02-10")],
        note="1 more: page 2",
    )
    assert render_reply_text(reply) == (
        "Ana Ruiz said\n- 2026-02-10  We are close  <https://a.example/1>\n1 more: page 2\n"
    )
    d = synthetic([story(1)])
    assert render_reply_text(Reply(title="digest", kind="digest", digest=d)) == render_markdown(d)
    empty = Reply(
        title="digest", kind="digest", digest=synthetic([]), note="Try /digest 2026-03-04 @everyone"
    )
    assert render_reply_text(empty).endswith("\nTry /digest 2026-03-04 @everyone\n")
    slack = sk.reply_payloads(empty)
    check_slack(slack, set())
    assert "Try /digest 2026-03-04" in json.dumps(slack)
    discord = dc.reply_payloads(empty)
    check_discord(discord, set())
    assert "Try /digest 2026-03-04" in discord[-1]["content"]


# Slack ----------------------------------------------------------------------------------


def test_slack_payloads_of_a_real_digest(digest: Digest) -> None:
    payloads = sk.digest_payloads(digest)
    check_slack(payloads, urls(digest))
    assert len(payloads) == 1
    blob = json.dumps(payloads)
    assert "Chile and Peru sign lithium pact" in blob
    assert "<https://andeswire.example/2026/03/02/chile-peru-lithium-pact|" in blob
    assert "_(unconfirmed)_" in blob


def test_slack_escapes_article_text() -> None:
    assert sk.escape_mrkdwn("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"
    d = synthetic([story(1, text=HOSTILE, quote=HOSTILE)], name=HOSTILE)
    payloads = sk.digest_payloads(d)
    check_slack(payloads, urls(d) | {f"https://news.example/1/{k}" for k in range(2)})
    assert "&lt;!channel&gt;" in json.dumps(payloads)


def test_slack_splits_long_digests_at_story_boundaries() -> None:
    d = synthetic([story(i, quote="Q" * 900) for i in range(1, 41)])
    payloads = sk.digest_payloads(d)
    check_slack(payloads, urls(d))
    assert len(payloads) > 1
    headlines = [
        b["text"]["text"]
        for p in payloads
        for b in p["blocks"]
        if b["type"] == "section" and b["text"]["text"].startswith("*")
    ]
    numbered = [h for h in headlines if h[1:].split(".")[0].isdigit()]
    assert [int(h[1:].split(".")[0]) for h in numbered] == list(range(1, 41))  # nothing lost, in order
    # a story is never split: its quote follows its headline in the same message
    for p in payloads:
        kinds = [b["type"] for b in p["blocks"]]
        assert kinds[-1] in ("context", "section")


def test_slack_shortens_one_huge_quote_with_an_ellipsis() -> None:
    d = synthetic([story(1, quote="word " * 3000)])
    payloads = sk.digest_payloads(d)
    check_slack(payloads, urls(d))
    quote = next(
        b["text"]["text"]
        for b in payloads[0]["blocks"]
        if b["type"] == "section" and b["text"]["text"].startswith("> “")
    )
    assert "…”" in quote and len(quote) < 1000


def test_slack_empty_digest_and_replies() -> None:
    [p] = sk.digest_payloads(synthetic([]))
    assert "Nothing new" in p["text"]
    check_slack([p], set())
    items = [ReplyItem(text=HOSTILE * 5, url="https://a.example/x", label="2026-01-05") for _ in range(200)]
    payloads = sk.reply_payloads(Reply(title="Ana Ruiz said " + HOSTILE, items=items, note=HOSTILE))
    check_slack(payloads, {"https://a.example/x"})
    assert len(payloads) > 1


# Discord --------------------------------------------------------------------------------


def test_discord_payloads_of_a_real_digest(digest: Digest) -> None:
    payloads = dc.digest_payloads(digest)
    check_discord(payloads, urls(digest))
    assert len(payloads) == 1
    titles = [e.get("title", "") for e in payloads[0]["embeds"]]
    assert titles[0].startswith("1. ") and "Coming up" in titles and "Who is talking" in titles


def test_discord_escapes_markdown_and_mentions() -> None:
    esc = dc.escape_markdown("@everyone <@123> <@&9> <#1> [x](http://evil) *b*")
    assert "@everyone" not in esc and "<@" not in esc and "<#" not in esc
    assert "\\[x\\]" in esc and "\\*b\\*" in esc and "http://" not in esc
    d = synthetic([story(1, text=HOSTILE, quote=HOSTILE)], name=HOSTILE)
    check_discord(dc.digest_payloads(d), urls(d))


def test_discord_splits_at_story_boundaries_within_6000() -> None:
    d = synthetic([story(i, quote="Q " * 800, sources=30) for i in range(1, 31)])
    payloads = dc.digest_payloads(d)
    check_discord(payloads, urls(d))
    assert len(payloads) > 3
    titles = [e["title"] for p in payloads for e in p["embeds"] if e.get("title", "")[:1].isdigit()]
    assert [int(t.split(".")[0]) for t in titles] == list(range(1, 31))
    assert all(p["content"].startswith("**GeoDigest") for p in payloads)


def test_discord_empty_digest_and_replies() -> None:
    [p] = dc.digest_payloads(synthetic([]))
    assert p["content"].startswith("Nothing new") and p["embeds"] == []
    items = [ReplyItem(text=HOSTILE * 10, url="https://a.example/x", label="2026-01-05") for _ in range(300)]
    payloads = dc.reply_payloads(Reply(title="Who said " + HOSTILE, items=items, note="page 1"))
    check_discord(payloads, {"https://a.example/x"})
    err = dc.reply_payloads(Reply(title="Unknown person @everyone", kind="error"))
    check_discord(err, set())


# The command line -----------------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    with Store.open(path) as s:
        fill(s)
    return path


@pytest.mark.parametrize("fmt", ["json", "markdown", "slack", "discord"])
def test_cli_formats(db: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["--db", str(db), "digest", "--since", "2026-03-02", "--until", "2026-03-04", "--format", fmt]
    )
    out = capsys.readouterr().out
    assert code == 0
    if fmt == "json":
        data = json.loads(out)
        assert data["period"] == {"since": "2026-03-02", "until": "2026-03-04"}
        assert len(data["stories"]) == 3
    elif fmt == "markdown":
        assert out.startswith("# GeoDigest · 2–4 Mar 2026")
    else:
        payloads = json.loads(out)
        assert isinstance(payloads, list) and payloads
        key = "blocks" if fmt == "slack" else "embeds"
        assert all(key in p for p in payloads)


def test_cli_defaults_to_the_newest_day_as_chat_does(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db), "digest", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["period"] == {"since": "2026-03-04", "until": "2026-03-04"}


def test_cli_scope(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--db", str(db), "digest", "--since", "2026-03-02", "--until", "2026-03-04", "--format", "json"]
    assert main([*args, "--topic", "Elections"]) == 0
    assert [s["countries"] for s in json.loads(capsys.readouterr().out)["stories"]] == [["Kenya"]]
    assert main([*args, "--entity", "Norway"]) == 0
    assert len(json.loads(capsys.readouterr().out)["stories"]) == 1


def test_cli_errors(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "empty.db"), "digest"]) == 1
    err = capsys.readouterr().err
    assert "empty" in err and err.count("\n") == 1
    assert main(["--db", str(db), "digest", "--topic", "gossip"]) == 1
    assert "unknown topic 'gossip'" in capsys.readouterr().err
    assert main(["--db", str(db), "digest", "--since", "2026-03-05", "--until", "2026-03-04"]) == 1
    assert "after" in capsys.readouterr().err
    assert main(["--db", str(db), "digest", "--since", "2025-01-01", "--until", "2025-01-02"]) == 0
    assert "Nothing new" in capsys.readouterr().out


def test_a_story_without_developments_or_quotation_has_no_empty_paragraph() -> None:
    bare = story(1).model_copy(update={"developments": [], "quotes": []})
    quoted = story(2).model_copy(update={"developments": []})
    d = Digest(title="GeoDigest · 3 Mar 2026", period=Period(since=SINCE, until=UNTIL), scope=Scope(),
               stories=[bare, quoted], coming_up=[], speakers=[], empty=False)
    text = render_markdown(d)
    assert "\n\n\n" not in text
    assert "_Trade · Chile_\n\nSources:" in text
    assert "_Trade · Chile_\n\n> “We said it”" in text


def test_reported_speech_is_not_shown_as_a_quotation() -> None:
    """A story's quotation of kind ``indirect`` is the writer's paraphrase: no quotation marks in
    any rendering (real weeks showed 2 of 64 story quotations so), as /who-said shows it."""
    told = StoryQuote(speaker="Mara Lind", role="Harbour master", text="the port would reopen on Monday",
                      source="Outlet 0", article_id=1, kind="indirect")
    said = told.model_copy(update={"kind": "direct", "text": "We reopen on Monday"})
    one = story(1).model_copy(update={"quotes": [told]})
    two = story(2).model_copy(update={"quotes": [said]})
    d = Digest(title="GeoDigest · 3 Mar 2026", period=Period(since=SINCE, until=UNTIL), scope=Scope(),
               stories=[one, two], coming_up=[], speakers=[], empty=False)
    text = render_markdown(d)
    assert "> the port would reopen on Monday — Mara Lind, Harbour master (Outlet 0)" in text
    assert "> “We reopen on Monday” — Mara Lind" in text
    slack = json.dumps(sk.digest_payloads(d), ensure_ascii=False)
    discord = json.dumps(dc.digest_payloads(d), ensure_ascii=False)
    for payload in (slack, discord):
        assert "“the port would reopen" not in payload and "the port would reopen on Monday" in payload
        assert "“We reopen on Monday”" in payload


def test_earlier_articles_listed_add_up_to_the_count_said() -> None:
    earlier = [Source(title=f"Before {k}", outlet="Outlet 9", url=f"https://news.example/old/{k}",
                      published=date(2026, 2, 20 + k), article_id=900 + k) for k in range(5)]
    one = story(1).model_copy(update={"earlier": earlier})
    d = Digest(title="GeoDigest · 3 Mar 2026", period=Period(since=SINCE, until=UNTIL), scope=Scope(),
               stories=[one], coming_up=[], speakers=[], empty=False)
    text = render_markdown(d)
    assert "(5 earlier articles):\n- 2 more before these\n- 22 Feb 2026 · Outlet 9: Before 2" in text
    assert "Before 1 " not in text and "Before 4 " in text
