"""Property tests: any digest, however large or hostile, renders within every limit and pings nobody."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from render_checks import check_discord, check_slack

from adapters.discord import embeds as dc
from adapters.slack import blocks as sk
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
)
from digests.models import Article, Entity, Event, Extraction, Quote
from digests.render import render_markdown
from digests.store import Store

MARKUP = [
    "<!channel>",
    "<!here>",
    "<@U123>",
    "@everyone",
    "@here",
    "<@&123>",
    "<#C42>",
    "[x](http://evil)",
    "<http://a|b>",
    "*bold*",
    "_it_",
    "~s~",
    "`code`",
    "```",
    "> ",
    "&",
    "&amp;",
    "\\",
    "|",
    "\n",
    "\x1b[2J",
    "https://evil.example/p?a=1&b=2",
    "@",
    "<",
    ">",
    "[",
    "]",
    "(",
    ")",
    "#",
    "-",
    "**",
    "||spoiler||",
    "é",
    "🙂",
]
hostile = st.lists(st.one_of(st.sampled_from(MARKUP), st.text(max_size=12)), max_size=12).map("".join)
long_text = st.builds(lambda t, n: (t or "x") * n, hostile, st.integers(min_value=1, max_value=400))
urls = st.one_of(
    st.none(),
    st.builds(lambda s: f"https://news.example/{s}", st.text(alphabet="abc()|<>_ -&%", max_size=20)),
    st.just("javascript:alert(1)"),
)
SINCE, UNTIL = date(2026, 3, 2), date(2026, 3, 4)


@st.composite
def sources(draw: st.DrawFn, i: int) -> list[Source]:
    n = draw(st.integers(min_value=1, max_value=40))
    return [
        Source(
            title=draw(hostile) or "t",
            outlet=draw(st.one_of(st.none(), hostile)),
            url=draw(urls),
            published=draw(st.one_of(st.none(), st.just(SINCE))),
            article_id=i * 1000 + k,
        )
        for k in range(n)
    ]


@st.composite
def stories(draw: st.DrawFn, i: int) -> Story:
    quote = draw(
        st.one_of(
            st.just([]),
            st.builds(
                lambda sp, role, text: [
                    StoryQuote(speaker=sp, role=role, text=text, source="x", article_id=i)
                ],
                hostile,
                st.one_of(st.none(), hostile),
                st.one_of(hostile, long_text),
            ),
        )
    )
    return Story(
        id=i,
        headline=draw(st.one_of(hostile, long_text)),
        developments=[
            Development(text=draw(st.one_of(hostile, long_text)), figures=[draw(hostile)], article_id=i)
            for _ in range(draw(st.integers(min_value=0, max_value=4)))
        ],
        quotes=quote,
        topics=draw(st.lists(st.sampled_from(["trade", "energy", "zzz"]), max_size=3)),
        countries=draw(st.lists(hostile, max_size=4)),
        sources=draw(sources(i)),
    )


@st.composite
def digests(draw: st.DrawFn) -> Digest:
    n = draw(st.integers(min_value=0, max_value=300))
    # Most examples are small; a few are hundreds of stories.
    items = [draw(stories(i)) for i in range(1, min(n, draw(st.sampled_from([3, 12, 300]))) + 1)]
    cu = (
        [
            ComingUp(
                date="2026-03-16",
                date_end=draw(st.one_of(st.none(), st.just("2026-03-18"))),
                status="reported",
                text=draw(st.one_of(hostile, long_text)),
                confirmed=draw(st.booleans()),
                day=date(2026, 3, 16),
                further_ahead=draw(st.booleans()),
                source=items[0].sources[0],
            )
            for _ in range(draw(st.integers(min_value=0, max_value=13)))
        ]
        if items
        else []
    )
    sp = [
        Speaker(name=draw(hostile) or "n", count=k + 1, role=draw(st.one_of(st.none(), hostile)))
        for k in range(draw(st.integers(min_value=0, max_value=8)))
    ]
    return Digest(
        title="GeoDigest · " + draw(hostile),
        period=Period(since=SINCE, until=UNTIL),
        scope=Scope(entities=[draw(hostile)]),
        stories=items,
        coming_up=cu,
        speakers=sp,
        empty=not items,
        more_stories=draw(st.integers(min_value=0, max_value=5)),
    )


def _allowed(d: Digest) -> set[str]:
    return {s.url for st_ in d.stories for s in st_.sources if s.url}


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(digests())
# Found by this test on some runs: an empty digest whose scope names an entity with an ESC in it
# ("Nothing new on <entity> ..." passed the escape through).
@example(Digest(title="GeoDigest", period=Period(since=SINCE, until=UNTIL),
                scope=Scope(entities=["\x1b[2J\x1b]0;pwned\x07Lee"]), stories=[], coming_up=[], speakers=[],
                empty=True))
def test_every_rendering_within_limits_and_inert(d: Digest) -> None:
    allowed = _allowed(d)
    slack = sk.digest_payloads(d)
    check_slack(slack, allowed)
    discord = dc.digest_payloads(d)
    check_discord(discord, allowed)
    # every story reaches the reader, in order, on both platforms
    dc_titles = [e["title"] for p in discord for e in p["embeds"] if e.get("title", "")[:1].isdigit()]
    assert [int(t.split(".")[0]) for t in dc_titles] == list(range(1, len(d.stories) + 1))
    md = render_markdown(d)
    assert "\x1b" not in md
    assert md.count("\n## ") + md.startswith("## ") >= len(d.stories)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(max_size=60),
    st.lists(st.tuples(st.one_of(hostile, long_text), urls, st.one_of(st.none(), hostile)), max_size=120),
    st.one_of(st.none(), hostile),
)
def test_replies_within_limits_and_inert(
    title: str, rows: list[tuple[str, str | None, str | None]], note: str | None
) -> None:
    reply = Reply(
        title=title or "t", items=[ReplyItem(text=t, url=u, label=lab) for t, u, lab in rows], note=note
    )
    allowed = {u for _, u, _ in rows if u}
    check_slack(sk.reply_payloads(reply), allowed)
    check_discord(dc.reply_payloads(reply), allowed)


def _hostile_store(path: Path, n: int, quote: str, name: str) -> Store:
    store = Store.open(path)
    for i in range(n):
        title = f"{name} story {i} in Region{i}"
        body = f'{title}\n\n{name} did thing number {i} in Region{i} on Monday, officials said.\n\n"{quote}"'
        q_at = body.index(quote)
        ev_at = body.index(f"{name} did")
        store.save(
            Article(
                title=title,
                text=body,
                url=f"https://h.example/{i}?q=<x>|y",
                source=name,
                published=SINCE + timedelta(days=i % 3),
            ),
            Extraction(
                entities=[Entity(name=name, type="person", role=name)],
                quotes=[
                    Quote(
                        speaker=name,
                        speaker_role=name,
                        text=quote,
                        kind="direct",
                        start=q_at,
                        end=q_at + len(quote),
                        paragraph=2,
                    )
                ],
                events=[
                    Event(
                        date=(SINCE + timedelta(days=i % 3)).isoformat(),
                        status="occurred",
                        text=body[ev_at : body.index("said.") + 5],
                        start=ev_at,
                        end=body.index("said.") + 5,
                    ),
                    Event(
                        date="2026-03-20",
                        status="reported",
                        text=f"{name} will meet again {i}",
                        start=ev_at,
                        end=ev_at + 10,
                    ),
                ],
            ),
        )
    return store


def test_hostile_store_end_to_end(tmp_path: Path) -> None:
    name = "<!channel> @everyone <@U123> [x](http://evil) *Name*"
    # (a story's quotation opens as a sentence: the mention comes after its first word)
    with _hostile_store(tmp_path / "h.db", 150, "Long <!here> " + "long words " * 1000, name) as store:
        d = build_digest(store, SINCE, UNTIL, max_stories=200)
    assert len(d.stories) >= 100
    assert d.stories[0].quotes and len(d.stories[0].quotes[0].text) <= 2000
    allowed = _allowed(d)
    check_slack(sk.digest_payloads(d), allowed)
    check_discord(dc.digest_payloads(d), allowed)


def test_a_section_cut_to_slacks_limit_never_splits_an_escape() -> None:
    # Found by test_every_rendering_within_limits_and_inert: a long Coming up cut inside '&amp;'
    # left a bare '&' in the section text.
    for shift in range(6):
        text = "x" * (sk.SECTION_TEXT - 3 - shift) + "&amp;&lt;&gt;" + "y" * 40
        cut = sk._section(text)["text"]["text"]
        assert len(cut) <= sk.SECTION_TEXT
        assert re.sub(r"&(?:amp|lt|gt);", "", cut).count("&") == 0, cut[-12:]
