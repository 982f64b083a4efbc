"""A text stored already under another link (a page syndicated at a second address) is a copy: ingest
says whose copy it is and stores nothing of it, in its lines, its summary, the CLI's JSON and /ingest."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from httpfake import FakeWeb

from adapters.console.app import Console
from bot.cli import main
from digests.fetch import FetchPolicy
from digests.ingest import ingest_inputs
from digests.store import Store

BODY = (
    "Officials in the harbour town of Merrow said on Tuesday that the new ferry line to Tallin Point "
    "would open next month, after two years of delays.\n\n"
    "\u201cWe have waited long enough,\u201d said harbour master Ilse Brandt, who oversaw the works."
)


def _page(folder: Path, name: str, url: str | None, title: str, published: str) -> Path:
    path = folder / name
    link = f"url: {url}\n" if url else ""
    path.write_text(f"---\ntitle: {title}\n{link}published: {published}\n---\n{BODY}\n", encoding="utf-8")
    return path


def test_the_same_text_under_another_link_is_a_copy_of_the_stored_article(tmp_path: Path) -> None:
    first = _page(tmp_path, "a.md", "https://one.example/news/ferry", "Ferry line to open", "2026-03-03")
    again = _page(tmp_path, "b.md", "https://two.example/world/ferry", "Ferry line opens soon", "2026-03-03")
    later = _page(tmp_path, "c.md", "https://three.example/ferry", "Ferry news", "2026-03-05")
    with Store.open(tmp_path / "s.db") as store:
        ingest_inputs(store, [str(first)], out=io.StringIO(), err=io.StringIO())
        out = io.StringIO()
        report = ingest_inputs(store, [str(again), str(later)], out=out, err=io.StringIO())
        lines = out.getvalue().splitlines()
        # each says which stored article it copies, and where that one is
        assert lines[0].startswith(
            "copy of   #1     2026-03-03  Ferry line opens soon: the same text as #1 at "
            "https://one.example/news/ferry; stored nothing"
        )
        assert lines[1].startswith("copy of   #1     2026-03-05  Ferry news")
        assert lines[2] == (
            "2 articles: 0 new, 0 updated, 0 unchanged, 2 copies of other stored articles (stored nothing)"
        )
        assert (report.new, report.updated, report.unchanged, report.article_ids) == (0, 0, 0, [])
        assert [(c.article_id, c.url) for c in report.copies] == [(1, "https://one.example/news/ferry")] * 2
        # nothing of them stored: not a second article, and not their title or date over the first's
        # (a copy with another date used to be "updated", rewriting article 1)
        assert store.count_articles() == 1
        stored = store.article(1)
        assert stored is not None and stored.title == "Ferry line to open"
        assert str(stored.published) == "2026-03-03"


def test_the_same_text_without_a_link_is_the_stored_article_seen_again(tmp_path: Path) -> None:
    first = _page(tmp_path, "a.md", "https://one.example/news/ferry", "Ferry line to open", "2026-03-03")
    local = _page(tmp_path, "note.md", None, "Ferry line to open", "2026-03-03")
    with Store.open(tmp_path / "s.db") as store:
        ingest_inputs(store, [str(first)], out=io.StringIO(), err=io.StringIO())
        report = ingest_inputs(store, [str(local)], out=io.StringIO(), err=io.StringIO())
        assert (report.unchanged, report.copies, report.article_ids) == (1, [], [1])
        # and the reverse: a file first, then its page with a link, fills the link in
    with Store.open(tmp_path / "r.db") as store:
        ingest_inputs(store, [str(local)], out=io.StringIO(), err=io.StringIO())
        report = ingest_inputs(store, [str(first)], out=io.StringIO(), err=io.StringIO())
        assert (report.unchanged, report.copies) == (1, [])
        assert store.article(1).url == "https://one.example/news/ferry"  # type: ignore[union-attr]


def test_the_cli_json_lists_the_copies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _page(tmp_path, "a.md", "https://one.example/news/ferry", "Ferry line to open", "2026-03-03")
    again = _page(tmp_path, "b.md", "https://two.example/world/ferry", "Ferry line opens soon", "2026-03-03")
    db = str(tmp_path / "s.db")
    assert main(["--db", db, "ingest", str(first)]) == 0
    capsys.readouterr()
    assert main(["--db", db, "ingest", str(again), "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["copies"] == [{"input": str(again), "article_id": 1, "url": "https://one.example/news/ferry"}]
    assert printed["article_ids"] == [] and "1 copy of another stored article" in printed["summary"]


def test_ingest_in_chat_of_a_page_stored_under_another_link(tmp_path: Path, web: FakeWeb) -> None:
    page = f"<html><head><title>Ferry line to open</title></head><body><article><h1>Ferry line to open</h1>" \
           f"{''.join(f'<p>{p}</p>' for p in BODY.split(chr(10) * 2))}</article></body></html>"
    web.page("/news/ferry.html", page, "text/html")
    web.page("/mirror/ferry.html", page, "text/html")
    with Store.open(tmp_path / "s.db") as store:
        console = Console(store, fetch=FetchPolicy(allow_private=True))
        first = console.ask("ingest", web.url("/news/ferry.html"))
        assert "1 new" in first.title
        reply = console.ask("ingest", web.url("/mirror/ferry.html"))
        assert reply.kind == "answer"
        assert "0 unchanged, 1 copy of another stored article (stored nothing); 2 warnings" in reply.title
        # the warnings the summary counts are said too (they used to be counted and not shown)
        assert reply.note is not None and "only 41 words of prose" in reply.note
        assert "no publication date" in reply.note and web.url("/") not in reply.note
        (item,) = reply.items
        assert item.label == "copy of #1" and item.url == web.url("/news/ferry.html")
        assert "stored nothing" in item.text
        assert store.count_articles() == 1
