"""Reading files: text, Markdown, front matter, HTML, feeds, legacy encodings and bad input."""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digests.errors import InputError
from digests.models import canonical_url
from digests.sources import decode_bytes, html_fragment_text, parse_front_matter, read_path, read_source


def test_plain_text_is_kept_exactly_as_read(ingest_data: Path) -> None:
    path = ingest_data / "plain.txt"
    article = read_path(path, published=date(2026, 6, 1), source="Fallback News")
    assert article.text == path.read_text(encoding="utf-8")
    # The section label and sign-up prompt above the headline are not the title.
    assert article.title == "Nordic ministers agree to pool Arctic patrol data"
    assert article.published == date(2026, 6, 1)
    assert article.source == "Fallback News"
    assert article.url is None
    assert article.origin == str(path)
    assert article.key.startswith("text:")


def test_offsets_index_the_file_with_crlf_and_bom(ingest_data: Path, tmp_path: Path) -> None:
    body = (ingest_data / "plain.txt").read_text(encoding="utf-8")
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(body.replace("\n", "\r\n").encode("utf-8"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    for path in (crlf, bom):
        article = read_path(path)
        # What the evaluation reads: Python's text mode, UTF-8.
        assert article.text == path.read_text(encoding="utf-8")
        assert article.title == "Nordic ministers agree to pool Arctic patrol data"
        quote = "Now we will use one map."
        start = article.text.index(quote)
        assert path.read_text(encoding="utf-8")[start : start + len(quote)] == quote


def test_front_matter_gives_metadata_and_body(ingest_data: Path) -> None:
    article = read_path(ingest_data / "front.txt", published=date(2000, 1, 1), source="Ignored")
    assert article.title == "Port strike halts grain exports for a third day"
    assert article.source == "The Harbour Gazette"
    assert article.published == date(2026, 3, 4)
    assert article.url == "https://harbour-gazette.example/news/port-strike-day-three?utm_source=rss"
    assert article.key == "url:" + canonical_url("https://harbour-gazette.example/news/port-strike-day-three")
    assert not article.text.startswith("---")
    assert article.text.startswith("Port strike halts grain exports")
    assert "published:" not in article.text


def test_front_matter_with_a_bad_date_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad-date.md"
    path.write_text("---\ntitle: A\npublished: last Tuesday\n---\nA\nBody text here.\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a date") as exc:
        read_path(path)
    assert "\n" not in str(exc.value)


def test_a_rule_that_is_not_front_matter_stays_text() -> None:
    assert parse_front_matter("---\nJust a rule above prose, no keys here\n---\n") is None
    assert parse_front_matter("Title\n---\ntitle: x\n---\n") is None
    assert parse_front_matter("---\ntitle: 'Quoted'\n---\nBody") == ({"title": "Quoted"}, "Body")


def test_markdown_title_from_heading(ingest_data: Path) -> None:
    article = read_path(ingest_data / "note.md")
    assert article.title == "Mekong dam talks resume in Vientiane"
    assert article.text == (ingest_data / "note.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("legacy-cp1252.txt", ["Café owners in Liège", "€0.12", "“We pay twice", "government’s", "Renée"]),
        ("legacy-latin1.txt", ["Größere Züge", "Österreich", "März", "«wichtigen Schritt»", "Jürg Schär"]),
    ],
)
def test_legacy_encodings_are_decoded(ingest_data: Path, name: str, expected: list[str]) -> None:
    article = read_path(ingest_data / name)
    for fragment in expected:
        assert fragment in article.text
    assert "\ufffd" not in article.text


def test_utf16_with_bom(ingest_data: Path, tmp_path: Path) -> None:
    body = (ingest_data / "plain.txt").read_text(encoding="utf-8")
    path = tmp_path / "utf16.txt"
    path.write_bytes(body.encode("utf-16"))  # with BOM, native byte order
    assert read_path(path).text == body


def test_decode_prefers_declared_and_detects_central_european() -> None:
    polish = "Prezydent spotkał się z premierem w Łodzi, żeby omówić źródła energii i ceny węgla."
    text, encoding = decode_bytes(polish.encode("cp1250"))
    assert text == polish, encoding
    assert decode_bytes("Déjà vu".encode("cp1252"), "iso-8859-1")[0] == "Déjà vu"
    # A wrong declaration is ignored rather than trusted into mojibake.
    assert decode_bytes("naïve".encode(), "ascii")[0] == "naïve"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("binary.bin", "binary file"),
        ("fake-report.txt", "binary file (a PDF document)"),
        ("empty.txt", "empty file"),
        ("blank.txt", "empty file"),
    ],
)
def test_bad_files_get_one_line_errors(ingest_data: Path, name: str, message: str) -> None:
    with pytest.raises(InputError) as exc:
        read_path(ingest_data / name)
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)


def test_nul_bytes_mean_binary(tmp_path: Path) -> None:
    path = tmp_path / "with-nul.txt"
    path.write_bytes(b"Looks like text\x00but is not\n" * 20)
    with pytest.raises(InputError, match="NUL"):
        read_path(path)


def test_tens_of_megabytes_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = b"Delegates argued about the communique until dawn, then argued about the breakfast.\n"
    with path.open("wb") as fh:
        for _ in range(30_000_000 // (len(line) * 1000) + 1):
            fh.write(line * 1000)
    assert path.stat().st_size > 30_000_000
    started = time.perf_counter()
    with pytest.raises(InputError, match="too large: over 5,000,000 bytes"):
        read_path(path)
    assert time.perf_counter() - started < 2
    # A raised cap reads a file of that size.
    small = tmp_path / "small.txt"
    small.write_bytes(line * 100)
    with pytest.raises(InputError, match="too large"):
        read_path(small, max_bytes=len(line) * 50)
    assert read_path(small, max_bytes=len(line) * 100).text.count("\n") == 100


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="directory"):
        read_path(tmp_path)
    with pytest.raises(InputError, match="unsupported URL scheme"):
        read_source("ftp://example.invalid/file.txt")


def test_html_file_main_text_and_metadata(ingest_data: Path) -> None:
    article = read_path(ingest_data / "page.html", published=date(1999, 1, 1))
    assert article.title == "Coastal states sign fisheries pact"
    assert article.source == "The Meridian Post"
    assert article.published == date(2026, 2, 17)
    assert article.url == "https://meridian-post.example/world/fisheries-pact"
    lines = article.text.split("\n")
    assert lines[0] == article.title
    assert any(line.startswith("LISBON") for line in lines)
    assert any("first time we have agreed on numbers" in line for line in lines)
    for furniture in ("Subscribe today", "Most read", "recipes", "All rights reserved"):
        assert furniture not in article.text


def test_html_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "shell.html"
    path.write_text("<html><head><title>App</title></head><body><div id='root'></div></body></html>")
    with pytest.raises(InputError, match="no article text"):
        read_path(path)


def test_atom_file_each_entry_an_article(ingest_data: Path) -> None:
    warnings: list[str] = []
    articles = read_source(str(ingest_data / "feed.atom"), timeout=2, warn=warnings.append)
    assert [a.title for a in articles] == [
        "Lithium producers meet in La Paz to compare export rules",
        "River barge traffic resumes after drought",
    ]
    full, teaser = articles
    assert full.source == teaser.source == "Andean Ledger"
    assert full.published == date(2026, 5, 11)
    assert teaser.published == date(2026, 5, 10)  # <updated> when there is no <published>
    assert full.url == "http://127.0.0.1:9/lithium-meeting"
    assert full.text.split("\n")[0] == full.title
    assert "“We are not building a cartel, we are building a common language,”" in full.text
    assert len(full.text.split("\n")) == 5  # title and four paragraphs
    # The teaser's page could not be fetched (nothing listens there): the summary is kept.
    assert "water levels rose by 40 centimetres" in teaser.text
    assert len(warnings) == 1
    assert "River barge traffic" in warnings[0] and "kept the feed summary" in warnings[0]


def test_malformed_feed_is_one_clear_error(ingest_data: Path) -> None:
    warnings: list[str] = []
    with pytest.raises(InputError, match="malformed feed XML") as exc:
        read_source(str(ingest_data / "malformed.rss"), warn=warnings.append)
    assert "\n" not in str(exc.value)
    assert warnings == []


def test_read_path_refuses_a_feed(ingest_data: Path) -> None:
    with pytest.raises(InputError, match="feed"):
        read_path(ingest_data / "feed.atom")


def test_html_fragment_text_one_line_per_block() -> None:
    fragment = "<p>First <b>bold</b> para.</p><!-- note --><ul><li>One</li><li>Two</li></ul>Tail<br>End"
    assert html_fragment_text(fragment) == "First bold para.\nOne\nTwo\nTail\nEnd"
    assert html_fragment_text("plain   words\n\nnext") == "plain words\nnext"
    assert html_fragment_text("<script>alert(1)</script><p>Safe</p>") == "Safe"


_PRINTABLE = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff")
    | st.sampled_from("\n\t "),
    min_size=1,
    max_size=400,
)


@settings(max_examples=60, deadline=None)
@given(body=_PRINTABLE)
def test_any_text_file_is_read_back_exactly(body: str) -> None:
    if not body.strip() or body.lstrip().startswith("---"):
        return  # empty files are refused; front matter is covered above
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.txt"
        path.write_bytes(body.encode("utf-8"))
        try:
            article = read_path(path)
        except InputError as refused:  # only a text with no sentence after its title line is refused
            assert "no sentences" in str(refused)
            assert not any(ln.rstrip().endswith((".", "!", "?")) for ln in body.split("\n")[1:])
            return
        assert article.text == path.read_text(encoding="utf-8")
        assert article.title.strip() == article.title


@pytest.mark.parametrize(
    "body",
    [
        "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
        "bin:x:2:2:bin:/bin:/usr/sbin/nologin\n",
        "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n# IPv6 hosts below\n",
        "port,ships,month\nLenz,300,March\nMarlow,120,April\n",
    ],
)
def test_a_text_file_without_a_sentence_is_refused(tmp_path: Path, body: str) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError, match="no sentences"):
        read_path(path)
    # one sentence after the title is enough: short notes stay readable
    path.write_text("Port notes\n\nThe port of Lenz reopened.\n", encoding="utf-8")
    assert read_path(path).title == "Port notes"
