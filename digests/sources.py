"""Reading articles from files, pages and feeds.

- Plain text and Markdown: optional front matter (``---`` block with ``title``,
  ``source``, ``url``, ``published``), a title line, body paragraphs. Without front
  matter the article text is the file exactly as Python's text mode reads it
  (decoded, universal newlines), so fact offsets index the file.
- HTML: main text and metadata (title, date, site name) by trafilatura.
- RSS/Atom: feedparser; each entry is an article, with the full page fetched
  where the entry carries only a short summary.

Bad input (binary, empty, oversized, malformed) raises :class:`InputError` with a
one-line reason that does not repeat the file name: callers prefix it.
"""

from __future__ import annotations

import contextlib
import io
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urljoin, urlsplit

from digests.errors import FetchError, InputError
from digests.fetch import Fetched, FetchPolicy, fetch, is_url, make_client, sniff_kind
from digests.models import Article

if TYPE_CHECKING:
    import httpx

DEFAULT_MAX_BYTES = 5_000_000
# Below this many words a feed entry is a teaser, and the linked page is worth fetching.
FULL_TEXT_WORDS = 120
Warn = Callable[[str], None]
FileKind = Literal["text", "markdown", "html", "feed"]

_EXTENSIONS: dict[str, FileKind] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed",
}
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "a SQLite database"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)


# --- bytes to text ------------------------------------------------------------------------------


def read_capped(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file, refusing (without reading it all) one larger than ``max_bytes``."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(max_bytes + 1)
    except IsADirectoryError:
        raise InputError("is a directory, not a file") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}") from None
    if len(raw) > max_bytes:
        raise InputError(f"too large: over {max_bytes:,} bytes")
    return raw


def decode_bytes(raw: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode text of unknown encoding; returns ``(text, encoding)``.

    Order: a UTF-32/16 byte-order mark, strict UTF-8 (a UTF-8 BOM is kept as U+FEFF, as
    Python's ``utf-8`` codec reads it), a declared charset (HTTP header or HTML meta),
    then charset detection that prefers Windows-1252 when it is among the plausible
    candidates (detectors often call short Western European text Central European).
    Raises :class:`InputError` for binary data.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(f"invalid {encoding.upper()} text") from None
    _refuse_binary(raw)
    # Valid UTF-8 with non-ASCII bytes is almost never legacy text, so it beats a declaration
    # (pages labelled iso-8859-1 but written in UTF-8 are common).
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return raw.decode(_codec_name(declared)), declared.lower()
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall through to detection
    return _decode_legacy(raw)


def _codec_name(declared: str) -> str:
    name = declared.strip().lower()
    # Browsers decode "latin-1" / "iso-8859-1" pages as Windows-1252, and so do we.
    return "cp1252" if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii") else name


_LATIN_FAMILY = re.compile(r"^(cp125\d|iso8859_\d+|latin_1|cp775|cp850|mac_.*)$")
# Central European letters (ł ą ż ş ľ ...) read as Windows-1252 come out as these symbols.
_CE_SYMBOLS = re.compile(r"(?<=[^\W\d_])[¥¹£³ªº¯¿¾¼]")


def _decode_legacy(raw: bytes) -> tuple[str, str]:
    try:
        western: str | None = raw.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    candidates: list[tuple[str, str]] = []
    try:
        from charset_normalizer import from_bytes

        candidates = [(m.encoding, str(m)) for m in from_bytes(raw)]
    except ImportError:  # charset-normalizer comes with trafilatura and httpx; tolerate its absence
        pass
    # Symbols glued to letters are Central European letters read with the wrong table.
    clean = [(enc, text) for enc, text in candidates if not _CE_SYMBOLS.search(text)]
    if western is not None and not _CE_SYMBOLS.search(western) and (
        not candidates or any(enc == "cp1252" or _LATIN_FAMILY.match(enc) for enc, _ in candidates)
    ):
        return western, "cp1252"
    if clean or candidates:
        encoding, text = (clean or candidates)[0]
        return text, encoding
    return raw.decode("cp1252", errors="replace"), "cp1252"


def _refuse_binary(raw: bytes) -> None:
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise InputError(f"binary file ({what}), not text")
    if b"\x00" in raw[:65536]:
        raise InputError("binary file (contains NUL bytes), not text")


def _check_text(text: str) -> None:
    sample = text[:65536]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if sample and controls / len(sample) > 0.01:
        raise InputError("binary file (control characters), not text")
    if not text.strip().strip("\ufeff"):
        raise InputError("empty file")


def _universal_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- plain text and Markdown --------------------------------------------------------------------

def parse_front_matter(text: str) -> tuple[dict[str, str], str] | None:
    """Split a leading ``---`` block of ``key: value`` lines from the body; None when absent."""
    probe = text.lstrip("\ufeff")
    lines = probe.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    meta: dict[str, str] = {}
    for i, line in enumerate(lines[1:60], start=1):
        if line.strip() in ("---", "..."):
            body = "\n".join(lines[i + 1 :])
            return meta, body.lstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep:
            return None  # not YAML-like: a horizontal rule opening the text, not front matter
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        meta[key.strip().lower()] = value
    return None


def _parse_date(value: str, what: str) -> date:
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        raise InputError(f"{what} is not a date (want YYYY-MM-DD): {value!r}") from None


def _is_label(line: str) -> bool:
    try:
        from digests.extract.text import is_furniture
    except ImportError:  # the extractor's furniture rules are optional here
        return False
    return bool(is_furniture(line, is_first=True))


def _title_of(text: str, markdown: bool) -> str:
    lines = [ln.strip().lstrip("\ufeff").strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    if markdown:
        for ln in lines:
            if ln.startswith("#"):
                return ln.lstrip("#").strip()
    # Skip section labels and sign-up prompts above the headline ("News analysis").
    for ln in lines[:6]:
        if not _is_label(ln):
            return ln.lstrip("#").strip()
    return lines[0].lstrip("#").strip() if lines else ""


def parse_text(
    text: str,
    *,
    markdown: bool = False,
    published: date | None = None,
    source: str | None = None,
    origin: str | None = None,
) -> Article:
    """An article from plain text or Markdown, honouring front matter over the fallbacks given."""
    _check_text(text)
    url: str | None = None
    split = parse_front_matter(text)
    if split is not None:
        meta, body = split
        if not body.strip():
            raise InputError("no article text after the front matter")
        text = body
        if meta.get("published") or meta.get("date"):
            published = _parse_date(meta.get("published") or meta["date"], "front matter 'published'")
        source = meta.get("source") or meta.get("outlet") or source
        url = meta.get("url") or meta.get("link") or None
        title = meta.get("title") or _title_of(text, markdown)
    else:
        title = _title_of(text, markdown)
    return Article(title=title[:500], text=text, url=url, source=source, published=published, origin=origin)


# --- HTML -------------------------------------------------------------------------------------


def _with_title(title: str, body: str) -> str:
    # Pages and feed entries get the shape of a text file: headline line, then the body.
    first = next((ln.strip() for ln in body.split("\n") if ln.strip()), "")
    if not title or _same_line(first, title):
        return body
    return f"{title}\n{body}"


def _same_line(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def parse_html(
    html: str | bytes,
    *,
    url: str | None = None,
    published: date | None = None,
    source: str | None = None,
    origin: str | None = None,
) -> Article:
    """An article from an HTML page: trafilatura finds the main text, title, date and site name."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, include_links=False,
        )
    except Exception as err:  # trafilatura raises assorted lxml errors on broken markup
        raise InputError(f"cannot parse HTML: {type(err).__name__}") from None
    meta: dict[str, Any] = doc.as_dict() if doc is not None and not isinstance(doc, dict) else (doc or {})
    body = str(meta.get("text") or "")
    if not body.strip():
        raise InputError("no article text found in the page")
    title = " ".join(str(meta.get("title") or "").split()) or _title_of(body, False)
    found = str(meta.get("date") or "")
    if found:
        with contextlib.suppress(ValueError):
            published = date.fromisoformat(found[:10])
    return Article(
        title=title[:500], text=_with_title(title, body.strip()), url=url or meta.get("url") or None,
        source=meta.get("sitename") or source, published=published, origin=origin,
    )


# --- feeds ------------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "tr", "table",
    "section", "article", "pre", "figure", "figcaption", "hr", "header", "footer", "dd", "dt",
}


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one line per block element."""
    if "<" not in fragment:
        return "\n".join(" ".join(ln.split()) for ln in fragment.split("\n") if ln.strip())
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises ParserError for empty or unparseable fragments
        return ""
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el: Any) -> None:
        block = isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if isinstance(el.tag, str) and el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(root)
    lines = (" ".join(ln.split()) for ln in "".join(parts).split("\n"))
    return "\n".join(ln for ln in lines if ln)


def _drop_title_line(text: str, title: str) -> str:
    # The entry's own headline goes on top; the page's copy of it would be a second title line.
    first, _, rest = text.partition("\n")
    return rest if title and _same_line(first, title) else text


def _entry_date(entry: Any) -> date | None:
    for field in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(field)
        if value:
            try:
                return date(value[0], value[1], value[2])
            except (TypeError, ValueError):
                continue
    return None


def _entry_body(entry: Any) -> str:
    best = ""
    for content in entry.get("content") or []:
        text = html_fragment_text(content.get("value") or "")
        if len(text) > len(best):
            best = text
    summary = html_fragment_text(entry.get("summary") or "")
    return best if len(best) >= len(summary) else summary


def parse_feed(
    raw: bytes,
    *,
    published: date | None = None,
    source: str | None = None,
    origin: str | None = None,
    fetch_page: Callable[[str], Article] | None = None,
    warn: Warn | None = None,
    base_url: str | None = None,
) -> list[Article]:
    """Articles from an RSS or Atom feed, one per entry (relative links resolve against ``base_url``).

    Where an entry has only a teaser (under ``FULL_TEXT_WORDS`` words) and a link,
    ``fetch_page`` reads the linked page; if that fails the teaser is kept and ``warn``
    is told why. Raises :class:`InputError` when the XML is malformed beyond recovery.
    """
    import feedparser

    parsed = feedparser.parse(io.BytesIO(raw))
    reason = parsed.get("bozo_exception")
    malformed = f"malformed feed XML: {str(reason).splitlines()[0] if reason else 'not a feed'}"
    if parsed.get("bozo") and not parsed.entries:
        raise InputError(malformed)
    if not parsed.entries and not parsed.get("version"):
        raise InputError("not an RSS or Atom feed")
    feed_title = html_fragment_text(parsed.feed.get("title") or "") or None
    outlet = feed_title or source
    articles: list[Article] = []
    notes: list[str] = []  # held back: a feed that turns out unusable gets one error, not many lines
    for n, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link") or None
        if link and base_url:
            link = urljoin(base_url, link)
        title = html_fragment_text(entry.get("title") or "").replace("\n", " ")
        body = _entry_body(entry)
        label = title or link or f"entry {n}"
        if fetch_page is not None and link and is_url(link) and len(body.split()) < FULL_TEXT_WORDS:
            try:
                page = fetch_page(link)
                page_body = _drop_title_line(page.text, page.title)
                if len(page_body) > len(body):
                    body = page_body
                    title = title or page.title
            except (InputError, FetchError) as err:
                kept = "; kept the feed summary" if body.strip() else ""
                notes.append(f"{label}: full page not read ({err}){kept}")
        if not body.strip():
            notes.append(f"{label}: entry has no text; skipped")
            continue
        title = title or _title_of(body, False)
        articles.append(
            Article(
                title=title[:500], text=_with_title(title, body), url=link, source=outlet,
                published=_entry_date(entry) or published, origin=origin,
            )
        )
    if parsed.get("bozo") and not articles:
        # feedparser salvages fragments of broken XML; if nothing usable came out, say why.
        raise InputError(malformed)
    for note in notes:
        if warn is not None:
            warn(note)
    return articles


# --- entry points -----------------------------------------------------------------------------


def file_kind(path: Path, raw: bytes) -> FileKind:
    """What a file holds, by extension, else by sniffing its first bytes."""
    kind = _EXTENSIONS.get(path.suffix.lower())
    if kind is not None:
        return kind
    sniffed = sniff_kind(raw)
    return "text" if sniffed == "text" else sniffed


def read_path(
    path: Path,
    *,
    published: date | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Read one text, Markdown or HTML file as an article.

    ``published`` and ``source`` fill in what the file does not say itself. Without
    front matter the article text is the file as decoded, so offsets index the file.
    """
    path = Path(path)
    raw = read_capped(path, max_bytes)
    kind = file_kind(path, raw) if raw else "text"
    if kind == "feed":
        raise InputError("an RSS/Atom feed, not a single article (use `geodigest ingest`)")
    return _article_from_file(path, raw, kind, published=published, source=source)


def _article_from_file(
    path: Path, raw: bytes, kind: FileKind, *, published: date | None, source: str | None
) -> Article:
    if not raw:
        raise InputError("empty file")
    if kind == "html":
        text, _ = decode_bytes(raw, _meta_charset(raw))
        _check_text(text)
        return parse_html(text, published=published, source=source, origin=str(path))
    text, _ = decode_bytes(raw)
    return parse_text(
        _universal_newlines(text), markdown=kind == "markdown", published=published, source=source,
        origin=str(path),
    )


def _from_fetched(
    got: Fetched,
    *,
    published: date | None,
    source: str | None,
    fetch_page: Callable[[str], Article] | None,
    warn: Warn | None,
) -> list[Article]:
    if not got.body.strip():
        raise InputError("empty answer from the server")
    kind = got.kind
    if kind == "feed":
        return parse_feed(
            got.body, published=published, source=source, origin=got.url, fetch_page=fetch_page, warn=warn,
            base_url=got.url,
        )
    text, _ = decode_bytes(got.body, got.charset or _meta_charset(got.body))
    if kind == "html":
        _check_text(text)
        return [parse_html(text, url=got.url, published=published, source=source, origin=got.url)]
    article = parse_text(_universal_newlines(text), published=published, source=source, origin=got.url)
    return [article if article.url else article.model_copy(update={"url": got.url})]


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def _meta_charset(body: bytes) -> str | None:
    m = _META_CHARSET.search(body[:4096])
    return m.group(1).decode("ascii") if m else None


def read_source(
    spec: str,
    *,
    published: date | None = None,
    source: str | None = None,
    timeout: float = 15.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_full: bool = True,
    warn: Warn | None = None,
    known_text: Callable[[str], str | None] | None = None,
    policy: FetchPolicy | None = None,
) -> list[Article]:
    """Read a path or URL: a text/Markdown/HTML article, or every entry of an RSS/Atom feed.

    Raises :class:`InputError` or :class:`FetchError` when the source itself is unusable;
    problems with single feed entries go to ``warn`` and the other entries are kept.
    ``known_text(url)`` may return the text already stored for a feed entry's page, so
    that polling a feed again does not download every page again. ``policy`` says which
    addresses may be fetched and bounds a feed's pages (default: public addresses only, with
    ``timeout`` and ``max_bytes``).
    """
    spec = spec.strip()
    policy = policy or FetchPolicy(timeout=timeout, max_bytes=max_bytes)
    timeout, max_bytes = policy.timeout, policy.max_bytes
    clients: list[httpx.Client] = []  # one connection pool per call, opened on first use
    spent = {"bytes": 0, "pages": 0}  # a feed's budget, its linked pages included

    def get(url: str, *, page: bool = False) -> Fetched:
        left = policy.feed_max_bytes - spent["bytes"]
        spent_note = (f"not fetched: the feed's budget ({policy.feed_max_items} pages, "
                      f"{policy.feed_max_bytes:,} bytes) is spent")
        if page and (spent["pages"] >= policy.feed_max_items or left <= 0):
            raise FetchError(spent_note)
        if not clients:
            clients.append(make_client(timeout, policy=policy))
        try:
            got = fetch(url, timeout=timeout, max_bytes=min(max_bytes, left) if page else max_bytes,
                        client=clients[0])
        except FetchError as err:
            if page and left < max_bytes and str(err).startswith("too large"):
                spent["bytes"] = policy.feed_max_bytes  # what is left cannot hold a page: stop here
                raise FetchError(spent_note) from None
            raise
        spent["bytes"] += len(got.body)
        spent["pages"] += page
        return got

    def fetch_page(url: str) -> Article:
        if known_text is not None:
            stored = known_text(url)
            # A stored teaser is no reason not to try the page again.
            if stored is not None and len(stored.split()) >= FULL_TEXT_WORDS:
                return Article(title=_title_of(stored, False), text=stored, url=url)
        got = get(url, page=True)
        if got.kind == "feed":
            raise InputError("the link is a feed, not an article page")
        return _from_fetched(got, published=None, source=None, fetch_page=None, warn=None)[0]

    page_fetcher = fetch_page if fetch_full else None
    try:
        if is_url(spec):
            got = get(spec)
            found = _from_fetched(got, published=published, source=source, fetch_page=page_fetcher, warn=warn)
            if len(found) > policy.feed_max_items:
                if warn is not None:
                    warn(f"{spec}: only the first {policy.feed_max_items} of {len(found)} entries are read")
                del found[policy.feed_max_items:]
            return found
        scheme = urlsplit(spec).scheme
        if len(scheme) > 1 and not Path(spec).exists():
            raise InputError(f"unsupported URL scheme {scheme}: (want http or https)")
        path = Path(spec).expanduser()
        raw = read_capped(path, max_bytes)
        if not raw:
            raise InputError("empty file")
        kind = file_kind(path, raw)
        if kind == "feed":
            return parse_feed(
                raw, published=published, source=source, origin=str(path), fetch_page=page_fetcher, warn=warn
            )
        return [_article_from_file(path, raw, kind, published=published, source=source)]
    finally:
        for client in clients:
            client.close()
