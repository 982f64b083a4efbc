"""Fetching and ingesting from a fake web on 127.0.0.1: pages, feeds and every way a server fails."""

from __future__ import annotations

import io
import time
from datetime import date
from pathlib import Path

import pytest
from httpfake import FakeWeb, refused_url

from digests.errors import FetchError, InputError
from digests.fetch import FetchPolicy, fetch, sniff_kind
from digests.ingest import ARTICLE_SUFFIXES, ingest_articles, ingest_inputs
from digests.ingest_report import IngestReport
from digests.sources import read_source
from digests.store import Store

# The fake web is on 127.0.0.1 and a random port: what GEODIGEST_ALLOW_PRIVATE_URLS allows.
LOCAL = FetchPolicy(allow_private=True)


def local(timeout: float) -> FetchPolicy:
    return FetchPolicy(allow_private=True, timeout=timeout)


# --- fetch ------------------------------------------------------------------------------------


def test_fetch_page(web: FakeWeb) -> None:
    got = fetch(web.url("/story.html"), policy=LOCAL)
    assert got.status == 200
    assert got.content_type == "text/html"
    assert got.charset == "utf-8"
    assert got.kind == "html"
    assert b"fisheries pact" in got.body


def test_fetch_follows_redirects_to_the_final_url(web: FakeWeb) -> None:
    got = fetch(web.url("/redirect"), policy=LOCAL)
    assert got.url == web.url("/story.html")
    assert web.hits == ["/redirect", "/story.html"]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/error", "HTTP 500 Internal Server Error"),
        ("/image.png", "unsupported content type image/png"),
        ("/loop-a", "too many redirects (more than 5)"),
        ("/huge-declared", "too large: 50,000,000 bytes (limit 5,000,000)"),
        ("/huge", "too large: over 5,000,000 bytes"),
        ("/hang-up", "closed the connection"),
    ],
)
def test_fetch_failures_are_one_line(web: FakeWeb, path: str, message: str) -> None:
    started = time.perf_counter()
    with pytest.raises(FetchError) as exc:
        fetch(web.url(path), timeout=5, policy=LOCAL)
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)
    assert time.perf_counter() - started < 5


def test_fetch_slow_server_times_out(web: FakeWeb) -> None:
    started = time.perf_counter()
    with pytest.raises(FetchError, match=r"timed out after 0\.5 s"):
        fetch(web.url("/slow"), timeout=0.5, policy=LOCAL)
    assert time.perf_counter() - started < 2


def test_fetch_trickling_server_hits_the_overall_deadline(web: FakeWeb) -> None:
    # Every byte comes within the read timeout; the whole answer would take 10 s.
    started = time.perf_counter()
    with pytest.raises(FetchError, match="timed out"):
        fetch(web.url("/trickle"), timeout=0.6, policy=LOCAL)
    assert time.perf_counter() - started < 3


def test_fetch_connection_refused_and_bad_urls() -> None:
    with pytest.raises(FetchError, match="cannot connect: connection refused"):
        fetch(refused_url(), timeout=2, policy=LOCAL)
    with pytest.raises(FetchError, match="not an http"):
        fetch("file:///etc/passwd")


@pytest.mark.parametrize(
    ("body", "content_type", "kind"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>', "text/html", "feed"),
        (b'<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><feed xmlns="x">', "text/xml", "feed"),
        (b"<!DOCTYPE html><html><body>rss feeds explained</body></html>", "", "html"),
        (b"<html><body><p>Read our <a href='/feed'>&lt;rss&gt; feed</a></p>", "text/html", "html"),
        (b"Plain words about a summit.", "text/plain", "text"),
        (b"anything", "application/atom+xml", "feed"),
    ],
)
def test_sniff_kind(body: bytes, content_type: str, kind: str) -> None:
    assert sniff_kind(body, content_type) == kind


# --- read_source over HTTP --------------------------------------------------------------------


def test_read_source_html_url(web: FakeWeb) -> None:
    [article] = read_source(web.url("/story.html"), policy=LOCAL)
    assert article.title == "Coastal states sign fisheries pact"
    assert article.url == web.url("/story.html")
    assert article.origin == web.url("/story.html")
    assert article.published == date(2026, 2, 17)
    assert article.source == "The Meridian Post"


def test_read_source_page_without_content_type_and_plain_text(web: FakeWeb) -> None:
    [page] = read_source(web.url("/no-type.html"), policy=LOCAL)
    assert page.title == "Coastal states sign fisheries pact"
    [text] = read_source(web.url("/article.txt"), source="Wire", policy=LOCAL)
    assert text.title == "Nordic ministers agree to pool Arctic patrol data"
    assert text.url == web.url("/article.txt")
    assert text.source == "Wire"
    [legacy] = read_source(web.url("/legacy.txt"), policy=LOCAL)
    assert "Café owners in Liège" in legacy.text and "€0.12" in legacy.text


def test_rss_feed_fetches_full_pages_for_teasers(web: FakeWeb) -> None:
    warnings: list[str] = []
    articles = read_source(web.url("/feed.rss"), policy=local(3), warn=warnings.append)
    assert [a.title for a in articles] == [
        "Coastal states sign fisheries pact",
        "Customs union talks stall over car tariffs",
        "Central bank holds rates, signals patience",
    ]
    pact, tariffs, rates = articles
    assert all(a.source == "Meridian Wire" for a in articles)
    assert [a.published for a in articles] == [date(2026, 2, 17), date(2026, 2, 18), date(2026, 2, 19)]
    # Teaser with a working link: the full page replaced the one-line summary.
    assert "Environmental groups welcomed the cap" in pact.text
    assert pact.url == web.url("/story.html")
    # Teaser whose page is gone: the summary is kept, and one warning says why.
    assert "failed to agree on a timetable" in tariffs.text
    assert warnings == [
        "Customs union talks stall over car tariffs: "
        "full page not read (HTTP 404 Not Found); kept the feed summary"
    ]
    # Full text in the feed: no page fetched.
    assert "Patience is a policy too" in rates.text
    assert "/full-text-in-feed" not in web.hits
    assert rates.text.count("\n") == 4


def test_relative_links_resolve_against_the_feed_url(web: FakeWeb) -> None:
    feed = (Path(__file__).parent / "data" / "ingest" / "feed.rss").read_bytes().replace(b"{base}", b"")
    web.page("/news/relative.rss", feed, "application/rss+xml")
    articles = read_source(web.url("/news/relative.rss"), policy=local(3), warn=lambda _: None)
    assert articles[0].url == web.url("/story.html")
    assert "Environmental groups welcomed the cap" in articles[0].text
    assert articles[0].text.count("Coastal states sign fisheries pact") == 1


def test_feed_served_as_html_is_still_a_feed(web: FakeWeb) -> None:
    assert len(read_source(web.url("/feed-as-html"), policy=local(3))) == 3


def test_atom_feed_url(web: FakeWeb) -> None:
    articles = read_source(web.url("/feed.atom"), policy=local(2), warn=lambda _: None)
    assert [a.source for a in articles] == ["Andean Ledger", "Andean Ledger"]


@pytest.mark.parametrize(
    ("path", "error", "message"),
    [
        ("/malformed.rss", InputError, "malformed feed XML"),
        ("/empty", InputError, "empty answer"),
        ("/missing", FetchError, "HTTP 404"),
    ],
)
def test_read_source_bad_urls(web: FakeWeb, path: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        read_source(web.url(path), policy=local(2))


# --- ingest_inputs ----------------------------------------------------------------------------


def test_batch_with_bad_items_stores_the_rest(store: Store, web: FakeWeb, ingest_data: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    inputs = [
        str(ingest_data / "plain.txt"),
        str(ingest_data / "binary.bin"),
        web.url("/missing"),
        str(ingest_data / "front.txt"),
        web.url("/slow"),
        str(ingest_data / "malformed.rss"),
        str(ingest_data / "empty.txt"),
        web.url("/feed.rss"),
        str(ingest_data / "page.html"),
    ]
    report = ingest_inputs(store, inputs, policy=local(1), out=out, err=err)
    assert not report.ok
    assert report.failed == 5
    # plain, front, 3 feed entries; page.html is the text of the feed's first entry, stored under the
    # feed's link (its canonical link names another address): a copy, nothing of it stored
    assert (report.new, report.unchanged, report.updated) == (5, 0, 0)
    assert [c.article_id for c in report.copies] == [3]
    assert store.count_articles() == 5
    errors = [line for line in err.getvalue().splitlines() if line.startswith("error:")]
    assert len(errors) == 5
    for bad, line in zip([inputs[i] for i in (1, 2, 4, 5, 6)], errors, strict=True):
        assert line.startswith(f"error: {bad}: ")
    assert "Traceback" not in err.getvalue()
    assert out.getvalue().splitlines()[-1] == (
        "6 articles: 5 new, 0 updated, 0 unchanged, 1 copy of another stored article (stored nothing); "
        "5 failed: 1 binary file, 1 HTTP 404 Not Found, "
        "1 timed out after 1 s, 1 malformed feed XML, 1 other; 2 warnings"
    )


def test_ingesting_twice_is_idempotent_and_changes_replace(store: Store, web: FakeWeb) -> None:
    url = web.url("/live.html")
    page = (Path(__file__).parent / "data" / "ingest" / "page.html").read_text(encoding="utf-8")
    web.page("/live.html", page)
    first = ingest_inputs(store, [url], out=io.StringIO(), err=io.StringIO(), policy=LOCAL)
    again = ingest_inputs(store, [url + "?utm_source=newsletter"],
        out=io.StringIO(), err=io.StringIO(), policy=LOCAL)
    assert (first.new, again.unchanged) == (1, 1)
    web.page("/live.html", page.replace("Seven Atlantic", "Eight Atlantic"))
    changed = ingest_inputs(store, [url], out=io.StringIO(), err=io.StringIO(), policy=LOCAL)
    assert changed.updated == 1
    assert store.count_articles() == 1
    assert "Eight Atlantic" in store.article_text(changed.article_ids[0])


def test_polling_a_feed_again_fetches_no_known_page(store: Store, web: FakeWeb) -> None:
    first = ingest_inputs(store, [web.url("/feed.rss")], policy=local(2),
        out=io.StringIO(), err=io.StringIO())
    assert first.new == 3
    assert web.hits.count("/story.html") == 1
    again = ingest_inputs(store, [web.url("/feed.rss")], policy=local(2),
        out=io.StringIO(), err=io.StringIO())
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    assert web.hits.count("/story.html") == 1  # the stored full text stood in for the page
    assert web.hits.count("/missing") == 2  # never stored as a page, so tried again
    assert store.count_articles() == 3


def test_progress_bar_only_when_asked(store: Store, ingest_data: Path) -> None:
    inputs = [str(ingest_data / "plain.txt"), str(ingest_data / "note.md")]
    quiet_err = io.StringIO()
    ingest_inputs(
        store, inputs, progress=False, out=io.StringIO(), err=quiet_err, policy=LOCAL,
        published=date(2026, 1, 6),
    )
    assert quiet_err.getvalue() == ""
    bar_err = io.StringIO()
    ingest_inputs(store, inputs, progress=True, out=io.StringIO(), err=bar_err, policy=LOCAL)
    assert "/2 [" in bar_err.getvalue()  # tqdm's "n/total [elapsed" counter


def test_ingest_articles_counts_and_report(store: Store, ingest_data: Path) -> None:
    articles = read_source(str(ingest_data / "plain.txt")) + read_source(str(ingest_data / "note.md"))
    report = ingest_articles(store, articles + articles[:1])
    assert (report.new, report.unchanged, report.failed, report.ok) == (2, 1, 0, True)
    assert report.summary() == "3 articles: 2 new, 0 updated, 1 unchanged"
    total = IngestReport()
    total.merge(report)
    total.merge(IngestReport(failed=1, errors=["x: broken"]))
    assert (total.stored, total.failed, total.ok) == (3, 1, False)


def test_a_folder_is_every_article_file_in_it(store: Store, ingest_data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    (folder / "older").mkdir(parents=True)
    for name in ("plain.txt", "note.md"):
        (folder / name).write_bytes((ingest_data / name).read_bytes())
    (folder / "older" / "page.html").write_bytes((ingest_data / "page.html").read_bytes())
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not an article")
    (tmp_path / "nothing").mkdir()
    err = io.StringIO()
    report = ingest_inputs(store, [str(folder), str(tmp_path / "nothing")],
        out=io.StringIO(), err=err, policy=LOCAL)
    assert (report.new, report.failed) == (3, 1)
    kinds = ", ".join(ARTICLE_SUFFIXES)
    errors = [line for line in err.getvalue().splitlines() if not line.startswith("warning:")]
    assert errors == [
        f"error: {tmp_path / 'nothing'}: no article or feed files in this folder (looked for {kinds})"
    ]


NOTE = (
    "Harbour council sets vote\n\n"
    "The Brenmark harbour council said on Monday that it will vote on the new quay next Thursday.\n\n"
    "Works would start in March and end by the autumn, the council said on Tuesday.\n"
)


def test_a_new_publication_date_re_extracts(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    with Store.open(tmp_path / "s.db") as store:
        first = io.StringIO()
        ingest_inputs(store, [str(note)], out=first, err=io.StringIO())
        assert "new       #1     undated" in first.getvalue()
        undated = store.facts(1).events
        again = io.StringIO()
        report = ingest_inputs(store, [str(note)], published=date(2026, 3, 4), out=again, err=io.StringIO())
        assert report.updated == 1 and "updated   #1     2026-03-04" in again.getvalue()
        dated = store.facts(1).events
        assert len(dated) > len(undated)  # "on Monday", "next Thursday" resolve once a date is known
        other = io.StringIO()
        report = ingest_inputs(store, [str(note)], published=date(2026, 3, 11), out=other, err=io.StringIO())
        assert report.updated == 1 and "2026-03-11" in other.getvalue()
        assert store.article(1).published == date(2026, 3, 11)  # type: ignore[union-attr]
        same = ingest_inputs(store, [str(note)], published=date(2026, 3, 11), out=io.StringIO(),
                             err=io.StringIO())
        assert same.unchanged == 1
        plain = ingest_inputs(store, [str(note)], out=io.StringIO(), err=io.StringIO())
        assert plain.unchanged == 1  # no date given: the stored one stands


def test_a_lost_feed_entry_is_one_failure_line(store: Store, web: FakeWeb) -> None:
    web.page("/lost.rss", (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>/</link>'
        "<description>d</description>"
        f"<item><title>Gone story</title><link>{web.url('/missing')}</link>"
        "<pubDate>Wed, 18 Feb 2026 07:15:00 GMT</pubDate></item>"
        f"<item><title>Kept story</title><link>{web.url('/story.html')}</link>"
        "<pubDate>Wed, 18 Feb 2026 07:15:00 GMT</pubDate></item>"
        "</channel></rss>"), "application/rss+xml")
    out, err = io.StringIO(), io.StringIO()
    report = ingest_inputs(store, [web.url("/lost.rss")], out=out, err=err, policy=LOCAL)
    assert err.getvalue().splitlines() == [
        "error: Gone story: skipped: full page not read (HTTP 404 Not Found) and the feed gives no text"
    ]
    assert (report.stored, report.failed, report.ok) == (1, 1, False)  # the CLI exits 1
