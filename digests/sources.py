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
import html as htmllib
import os
import re
import stat
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urljoin, urlsplit

from digests.content import as_utf8_xml, check_text, declared_charset, decode_bytes, sniff_kind
from digests.errors import FetchError, InputError
from digests.fetch import Fetched, FetchPolicy, fetch, is_url, make_client
from digests.language import detect_language
from digests.models import Article, canonical_url
from digests.pages import (
    clean_outlet,
    dateline_date,
    drop_call_to_action,
    drop_page_furniture,
    host_of,
    page_metadata,
    publication_day,
    url_date,
)
from digests.printable import clean, plain

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FULL_TEXT_WORDS",
    "article_json",
    "decode_bytes",
    "file_kind",
    "html_fragment_text",
    "parse_feed",
    "parse_front_matter",
    "parse_html",
    "parse_text",
    "read_capped",
    "read_path",
    "read_source",
]

if TYPE_CHECKING:
    import httpx

DEFAULT_MAX_BYTES = 5_000_000
# Below this many words a feed entry is a teaser, and the linked page is worth fetching.
FULL_TEXT_WORDS = 120
# Below this many words of sentences a page is not an article (a shell, a form, a caption);
# below ARTICLE_WORDS it is stored with a warning.
MIN_PROSE_WORDS = 25
ARTICLE_WORDS = 60
Warn = Callable[[str], None]


class SkippedEntry(str):
    """A warning that says a feed entry could not be stored at all: ingest counts it as failed."""
FileKind = Literal["text", "markdown", "html", "feed"]

_EXTENSIONS: dict[str, FileKind] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed",
}


# --- bytes to text ------------------------------------------------------------------------------


def read_capped(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file, refusing (without reading it all) one larger than ``max_bytes``.

    Only a regular file is read: a named pipe or a terminal would block the reader until someone
    wrote to it (opened without blocking, then refused), a device such as ``/dev/zero`` never ends."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            mode = os.fstat(fh.fileno()).st_mode
            if stat.S_ISDIR(mode):
                raise IsADirectoryError
            if not stat.S_ISREG(mode):
                raise InputError("not a regular file (a pipe, device or socket): give an article, page "
                                 "or feed file")
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


def _check_text(text: str) -> None:
    check_text(text)


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
    published_from = "given" if published else None
    split = parse_front_matter(text)
    if split is not None:
        meta, body = split
        if not body.strip():
            raise InputError("no article text after the front matter")
        text = body
        if meta.get("published") or meta.get("date"):
            published = _parse_date(meta.get("published") or meta["date"], "front matter 'published'")
            published_from = "front matter"
        source = meta.get("source") or meta.get("outlet") or source
        url = meta.get("url") or meta.get("link") or None
        title = meta.get("title") or _title_of(text, markdown)
        if meta.get("title"):  # "Headline Read Outlet: Headline | Outlet.com": the headline alone
            host = host_of(url)
            title = drop_call_to_action(title, [n for n in (source, host, host.split(".")[0]) if n])
    else:
        title = _title_of(text, markdown)
    if not reads_as_prose(text):
        # no line reads as a sentence: a configuration file, a table, a log, a list, a /proc file
        raise InputError("no sentences after the title line (a data, configuration, list or system "
                         "file?): not an article")
    return _article(
        title=title, text=text, url=url, source=source, published=published, origin=origin,
        published_from=published_from, language=detect_language(text),
    )


def _article(*, title: str, text: str, source: str | None, **fields: Any) -> Article:
    """An article as read, its title cut at 500 characters and, in title, outlet and text, no
    terminal escape or other control character (but tabs and line breaks): a page or a feed may
    carry them, and nothing shown from the store may drive a terminal."""
    return Article(title=clean(title)[:500], text=clean(text), source=clean(source) if source else source,
                   **fields)


# --- HTML -------------------------------------------------------------------------------------


def _with_title(title: str, body: str) -> str:
    # Pages and feed entries get the shape of a text file: headline line, then the body.
    first = next((ln.strip() for ln in body.split("\n") if ln.strip()), "")
    if not title or _same_line(first, title):
        return body
    return f"{title}\n{body}"


def _same_line(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


_SENTENCE_END = re.compile(r"[.!?。！？।။\"”»’')]\s*$")
_ERROR_OUTPUT = re.compile(
    r"(?im)^\s*(?:(?:PHP\s+)?(?:Warning|Notice|Fatal error|Parse error|Deprecated)\s*:.*\bon line \d+"
    r"|Traceback \(most recent call last\)|Exception in thread|Stack trace:|at [\w.$]+\([\w.]+:\d+\))"
)


_SOFT_BREAK = re.compile(r"(?<=[^\s.!?:;\"”])(?:[ \t]+\n[ \t]*|\n[ \t]+|\n(?=[a-z(]))(?=\S)")


def _unwrap(body: str) -> str:
    """Join lines a page hard-wrapped inside a paragraph (a space at the break, a lower-case next line)."""
    body = _SOFT_BREAK.sub(" ", body)
    return "\n".join(" ".join(ln.split()) for ln in body.split("\n"))


def prose_words(text: str) -> int:
    """Words in paragraphs that read as sentences (several words, sentence punctuation at the end).

    Scripts written without spaces count a word per two characters.
    """
    total = 0
    for line in text.split("\n"):
        s = line.strip()
        if not s:
            continue
        words = len(s.split())
        # Thai, Burmese, Chinese, Japanese ... put few or no spaces between words
        unspaced = sum(1 for ch in s if ord(ch) >= 0x0E00 and ch.isalpha())
        words = max(words, unspaced // 3)
        if words >= 6 and (_SENTENCE_END.search(s) or words >= 20):
            total += words
    return total


# "key: value", "key = value", "model name\t: value": a record of a data or system file
_STOP_END = re.compile(r"[.!?。！？।။][\"”»’')]*\s*$")
_RECORD = re.compile(r"^\s*[\w.()/-]+(?:[ \t][\w.()/-]+){0,2}[ \t]*[:=]")


def _sentence_like(line: str, first: bool) -> bool:
    """Whether a line reads as a sentence: most of its words have letters and it ends as a sentence
    does (or, long and not a record, runs on); a record counts by its value alone. The first line
    (the title) must be a paragraph of six words or more."""
    record = _RECORD.match(line)
    value = line[record.end():] if record else line
    words = len(value.split())
    lettered = sum(1 for w in value.split() if sum(c.isalpha() for c in w) >= 2)
    unspaced = sum(1 for ch in value if ord(ch) >= 0x0E00 and ch.isalpha()) // 3  # as prose_words counts
    words, lettered = max(words, unspaced), max(lettered, unspaced)
    if lettered * 2 <= words or lettered < (6 if first else 3):
        return False
    if record:  # a value in brackets or quotes ("S (sleeping)") is no sentence: a stop must end it
        return bool(_STOP_END.search(value))
    return bool(_SENTENCE_END.search(value)) or words >= 20


def reads_as_prose(text: str) -> bool:
    """Whether a text has a line of prose, not only records, numbers and labels (a data,
    configuration or system file such as ``/proc/self/status`` has none)."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    return any(_sentence_like(ln, i == 0) for i, ln in enumerate(lines))


def _judge_article(text: str, title: str, warn: Warn | None) -> None:
    """Refuse what is not an article (error output, a shell, a caption); warn when it is thin."""
    errors = len(_ERROR_OUTPUT.findall(text))
    if errors >= 2 or (errors and prose_words(text) < ARTICLE_WORDS):
        raise InputError("error output (program warnings or a stack trace), not an article")
    words = prose_words(_drop_title_line(text, title))
    if words < MIN_PROSE_WORDS:
        raise InputError(f"too little prose for an article ({words} words in sentences): a page shell, "
                         "form, listing or caption")
    if words < ARTICLE_WORDS and warn is not None:
        warn(f"only {words} words of prose: stored, but it may be a listing or a caption, not an article")


def parse_html(
    html: str | bytes,
    *,
    url: str | None = None,
    published: date | None = None,
    source: str | None = None,
    origin: str | None = None,
    warn: Warn | None = None,
) -> Article:
    """An article from an HTML page: trafilatura finds the main text, :mod:`digests.pages` the metadata.

    ``published`` and ``source`` fill in only what the page does not say. Raises
    :class:`InputError` for a page with no article in it.
    """
    import trafilatura

    markup = html if isinstance(html, str) else decode_bytes(html, declared_charset(html))[0]
    page = page_metadata(markup, url)
    if page.home_page and page.website:
        raise InputError(f"a site's home page ({page.home_page}), not an article")
    from digests.markup import page_tree

    readable = page_tree(markup)  # an InputError for a page of thousands of attributes or elements
    try:
        doc = trafilatura.bare_extraction(
            readable, url=page.url, with_metadata=False, include_comments=False,
            include_tables=False, include_images=False, include_links=False, favor_precision=True,
        )
    except Exception as err:  # trafilatura raises assorted lxml errors on broken markup
        raise InputError(f"cannot parse HTML: {type(err).__name__}") from None
    meta: dict[str, Any] = doc.as_dict() if doc is not None and not isinstance(doc, dict) else (doc or {})
    body, _ = drop_page_furniture(_unwrap(str(meta.get("text") or "")))
    body = body.strip()
    if page.body and prose_words(body) < MIN_PROSE_WORDS:
        # a page built by script: its markup is a shell, its JSON-LD holds the article
        from_ld = drop_page_furniture(_unwrap(html_fragment_text(page.body)))[0].strip()
        body = from_ld if prose_words(from_ld) > prose_words(body) else body
    if not body:
        raise InputError("no article text found in the page")
    title = page.title or _title_of(body, False)
    text = _with_title(title, body)
    if page.home_page and prose_words(body) < ARTICLE_WORDS:
        # a root canonical on a real article is a common mistake; with little prose it is the home page
        raise InputError(f"a site's home page ({page.home_page}), not an article")
    _judge_article(text, title, warn)
    day, day_from = page.published, page.published_from
    if day is None and (day := url_date(page.url)):
        day_from = "url"
    if day is None and (day := dateline_date(body)):
        day_from = "dateline"
    if day is None and published is not None:
        day, day_from = published, "given"
    outlet = page.outlet or source or (host_of(page.url) or None)
    language = detect_language(body) or page.language
    return _article(
        title=title, text=text, url=page.url, source=outlet, published=day, origin=origin,
        published_from=day_from, language=language,
    )


# --- feeds ------------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "tr", "table",
    "section", "article", "pre", "figure", "figcaption", "hr", "header", "footer", "dd", "dt",
}
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _unescape(text: str) -> str:
    # Feeds escape twice as often as once ("don&amp;#x2019;t" arrives as "don&#x2019;t"): decode what is left.
    return htmllib.unescape(text) if _ENTITY.search(text) else text


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one line per block element.

    Character references left over after parsing (double-escaped feeds) are decoded too.
    """
    if "<" not in fragment:
        fragment = _unescape(fragment)
        return "\n".join(" ".join(ln.split()) for ln in fragment.split("\n") if ln.strip())
    import lxml.html

    from digests.markup import shallow, too_deep

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        if too_deep(root):  # libxml2 stopped at its depth limit: read it again, its nesting capped
            root = lxml.html.fragment_fromstring(shallow(fragment), create_parent="div")
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
    lines = (" ".join(_unescape(ln).split()) for ln in "".join(parts).split("\n"))
    return "\n".join(ln for ln in lines if ln)


def _drop_title_line(text: str, title: str) -> str:
    # The entry's own headline goes on top; the page's copy of it would be a second title line.
    first, _, rest = text.partition("\n")
    return rest if title and _same_line(first, title) else text


def _entry_day(entry: Any, fields: tuple[str, ...], refused: list[date]) -> date | None:
    """The first of ``fields`` that holds a publication day; a day that lies ahead or is a
    placeholder (``pages.publication_day``) goes to ``refused``."""
    for field in fields:
        value = entry.get(field)
        if value:
            try:
                day = date(value[0], value[1], value[2])
            except (TypeError, ValueError):
                continue
            if publication_day(day) is None:
                refused.append(day)
                continue
            return day
    return None


def _entry_link(entry: Any, base_url: str | None, seen: dict[str, int]) -> tuple[str | None, str | None]:
    """An entry's link resolved against the feed's address, and why it was not kept as given.

    A link that is no web address (``javascript:``, ``data:``, ``mailto:``, ``file:``) is dropped:
    it would be shown and posted as the article's address. Entries of one feed sharing a link
    (every item pointing at the front page or a live page) would overwrite one another in the
    store (a fragment does not tell them apart: ``canonical_url`` drops it): the second and later
    take their id when it is a web address of its own (an RSS guid), else no link."""
    link = str(entry.get("link") or "").strip() or None
    if link is None:
        return None, None
    if base_url:
        link = urljoin(base_url, link)
    if not is_url(link) and (base_url or urlsplit(link).scheme):
        return None, f"its link {plain(link, 40)!r} is no web address: stored without one"
    key = canonical_url(link)
    seen[key] = seen.get(key, 0) + 1
    if seen[key] > 1:
        guid = str(entry.get("id") or "").strip()
        if is_url(guid) and canonical_url(guid) not in seen:
            seen[canonical_url(guid)] = 1
            return guid, None
        return None, f"its link {plain(link, 60)!r} is an earlier entry's too: stored without one"
    return link, None


def _entry_body(entry: Any) -> str:
    best = ""
    for content in entry.get("content") or []:
        text = html_fragment_text(content.get("value") or "")
        if len(text) > len(best):
            best = text
    summary = html_fragment_text(entry.get("summary") or "")
    return best if len(best) >= len(summary) else summary


def _feed_xml(raw: bytes, charset: str | None) -> bytes:
    """Feed bytes decoded by the one decoding path and handed on as UTF-8 (declaration adjusted)."""
    declared = charset or declared_charset(raw)
    text, _ = decode_bytes(raw, declared)
    return as_utf8_xml(text)


_ENTRY_NAMES = frozenset({"item", "entry"})  # RSS and RDF items, Atom entries (any prefix)


def first_entries(xml: bytes, limit: int) -> tuple[bytes, int]:
    """A feed's XML cut after its first ``limit`` entries, the elements open around them (``rss``,
    ``channel``; ``feed``; ``rdf:RDF``) closed again, and the number of entries it holds: a feed
    of 10,000 items is not parsed whole for the 100 read. The positions come from expat (CDATA,
    comments and markup in text are its business); the XML as given when it holds no more than
    ``limit`` entries, or when expat cannot read it as far as the cut (feedparser then recovers
    what it can from the whole)."""
    from xml.parsers import expat

    def is_entry(name: str) -> bool:
        return name.rsplit(":", 1)[-1].lower() in _ENTRY_NAMES

    parser = expat.ParserCreate()
    open_names: list[str] = []
    count = 0
    cut = -1
    around: list[str] = []

    def start(name: str, _attrs: object) -> None:
        open_names.append(name)

    def end(name: str) -> None:
        nonlocal count, cut, around
        open_names.pop()
        if is_entry(name) and not any(is_entry(n) for n in open_names):
            count += 1
            if count == limit:
                # expat points at this end tag's "<": the cut goes after its ">"
                cut = xml.index(b">", parser.CurrentByteIndex) + 1
                around = list(open_names)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    # on an error, what was read so far decides: one after the cut loses nothing that is kept
    with contextlib.suppress(expat.ExpatError):
        parser.Parse(xml, True)
    if count <= limit or cut < 0:
        return xml, count
    return xml[:cut] + "".join(f"</{n}>" for n in reversed(around)).encode(), count


def parse_feed(
    raw: bytes,
    *,
    published: date | None = None,
    source: str | None = None,
    origin: str | None = None,
    fetch_page: Callable[[str], Article] | None = None,
    warn: Warn | None = None,
    base_url: str | None = None,
    charset: str | None = None,
    max_items: int | None = None,
) -> list[Article]:
    """Articles from an RSS, Atom or CDF feed, one per entry (relative links resolve against ``base_url``).

    The bytes are decoded as files and pages are (``charset`` is the HTTP header's, if any); with
    ``max_items``, only the first entries are parsed at all (``warn`` says how many were left).
    Where an entry has only a teaser (under ``FULL_TEXT_WORDS`` words) and a link,
    ``fetch_page`` reads the linked page; if that fails the teaser is kept and ``warn``
    is told why. Problems the XML parser recovered from give one warning line for the feed.
    Raises :class:`InputError` when the XML is malformed beyond recovery.
    """
    import feedparser

    xml = _feed_xml(raw, charset)
    if max_items is not None:
        xml, entries = first_entries(xml, max_items)
        if entries > max_items and warn is not None:
            warn(f"{origin or 'the feed'}: only the first {max_items} of {entries} entries are read")
    parsed = feedparser.parse(xml)
    reason = parsed.get("bozo_exception")
    detail = str(reason).splitlines()[0] if reason and str(reason).strip() else type(reason).__name__
    malformed = f"malformed feed XML: {detail if reason else 'not a feed'}"
    if parsed.get("bozo") and not parsed.entries:
        raise InputError(malformed)
    if not parsed.entries and not parsed.get("version"):
        if sniff_kind(raw) == "feed":
            return []  # a channel with no items (CDF, or an empty RSS channel): nothing to read
        raise InputError("not an RSS or Atom feed")
    feed_title = html_fragment_text(parsed.feed.get("title") or "").replace("\n", " ") or None
    outlet = clean_outlet(feed_title) or source
    articles: list[Article] = []
    notes: list[str] = []  # held back: a feed that turns out unusable gets one error, not many lines
    links: dict[str, int] = {}
    for n, entry in enumerate(parsed.entries, start=1):
        link, link_note = _entry_link(entry, base_url, links)
        title = html_fragment_text(entry.get("title") or "").replace("\n", " ")
        body = _entry_body(entry)
        label = plain(title or link or f"entry {n}", 100)
        if link_note:
            notes.append(f"{label}: {link_note}")
        unread = None
        if fetch_page is not None and link and is_url(link) and len(body.split()) < FULL_TEXT_WORDS:
            try:
                page = fetch_page(link)
                page_body = _drop_title_line(page.text, page.title)
                if len(page_body) > len(body):
                    body = page_body
                    title = title or page.title
            except (InputError, FetchError) as err:
                unread = f"full page not read ({err})"
                if body.strip():
                    notes.append(f"{label}: {unread}; kept the feed summary")
        if not body.strip():
            # one line per lost entry, saying every reason
            why = f"{unread} and the feed gives no text" if unread else "the entry has no text"
            notes.append(SkippedEntry(f"{label}: skipped: {why}"))
            continue
        title = title or _title_of(body, False)
        refused: list[date] = []
        day, day_from = _entry_day(entry, ("published_parsed", "created_parsed"), refused), "feed"
        if day is None and (day := url_date(link)):
            day_from = "url"
        if day is None and (day := _entry_day(entry, ("updated_parsed",), refused)):
            day_from = "feed (updated)"  # a feed's only date: its entry's last change
        if refused and day is None:
            why = "lies ahead" if refused[0] > date.today() else "is a placeholder"
            notes.append(f"{label}: its date {refused[0].isoformat()} {why}: not its publication day")
        if day is None and published is not None:
            day, day_from = published, "given"
        articles.append(
            _article(
                title=title, text=_with_title(title, body), url=link, source=outlet,
                published=day, origin=origin, published_from=day_from if day else None,
                language=detect_language(body),
            )
        )
    if parsed.get("bozo") and not articles:
        # feedparser salvages fragments of broken XML; if nothing usable came out, say why.
        raise InputError(malformed)
    if warn is not None:
        if parsed.get("bozo"):
            warn(f"feed XML has problems the parser recovered from ({detail}); "
                 f"{len(articles)} entr{'y' if len(articles) == 1 else 'ies'} read")
        for note in notes:
            warn(note)
    return articles


def article_json(article: Article) -> dict[str, Any]:
    """An article as ``geodigest extract --format json`` prints it: metadata, the text facts index, furniture.

    ``furniture`` lists ``[start, end]`` spans of the text recognised as page furniture
    (sign-up prompts, credits, section labels, link text glued into a sentence), which no
    fact comes from.
    """
    from digests.extract.text import parse_document

    doc = parse_document(article.text)
    return {
        "title": article.title, "source": article.source, "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "published_from": article.published_from, "language": article.language, "text": article.text,
        "furniture": sorted(
            [[p.start, p.end] for p in doc.paragraphs if p.furniture]
            + [[a, b] for a, b in doc.inline_furniture]
        ),
    }


# --- entry points -----------------------------------------------------------------------------


def file_kind(path: Path, raw: bytes) -> FileKind:
    """What a file holds, by its structure; the extension tells Markdown from text and breaks ties.

    Raises :class:`InputError` for files that are not articles (JSON, sitemaps, code, URL lists).
    """
    by_name = _EXTENSIONS.get(path.suffix.lower())
    sniffed = sniff_kind(raw, name=path.name)
    if sniffed == "text" and by_name in ("markdown", "html"):
        return by_name
    return sniffed


def read_path(
    path: Path,
    *,
    published: date | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    warn: Warn | None = None,
) -> Article:
    """Read one text, Markdown or HTML file as an article.

    ``published`` and ``source`` fill in what the file does not say itself. Without
    front matter the article text is the file as decoded, so offsets index the file.
    """
    path = Path(path)
    raw = read_capped(path, max_bytes)
    if not raw:
        raise InputError("empty file")
    kind = file_kind(path, raw)
    if kind == "feed":
        raise InputError("an RSS/Atom feed, not a single article (use `geodigest ingest`)")
    return _article_from_file(path, raw, kind, published=published, source=source, warn=warn)


def _decode(raw: bytes, declared: str | None, warn: Warn | None) -> str:
    notes: list[str] = []
    text, _ = decode_bytes(raw, declared, notes=notes)
    if warn is not None:
        for note in notes:
            warn(note)
    return text


def _article_from_file(
    path: Path, raw: bytes, kind: FileKind, *, published: date | None, source: str | None,
    warn: Warn | None = None,
) -> Article:
    if not raw:
        raise InputError("empty file")
    if kind == "html":
        text = _decode(raw, declared_charset(raw), warn)
        _check_text(text)
        return parse_html(text, published=published, source=source, origin=str(path), warn=warn)
    text = _decode(raw, None, warn)
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
    max_items: int | None = None,
) -> list[Article]:
    if not got.body.strip():
        raise InputError("empty answer from the server")
    kind = got.kind
    if kind == "feed":
        return parse_feed(
            got.body, published=published, source=source, origin=got.url, fetch_page=fetch_page, warn=warn,
            base_url=got.url, charset=got.charset, max_items=max_items,
        )
    text = _decode(got.body, got.charset or declared_charset(got.body), warn)
    if kind == "html":
        _check_text(text)
        return [parse_html(text, url=got.url, published=published, source=source, origin=got.url, warn=warn)]
    article = parse_text(_universal_newlines(text), published=published, source=source, origin=got.url)
    return [article if article.url else article.model_copy(update={"url": got.url})]


def read_local(
    spec: str,
    *,
    published: date | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    warn: Warn | None = None,
    fetch_page: Callable[[str], Article] | None = None,
    feeds: bool = True,
) -> list[Article] | None:
    """A local file (``spec``, not a URL) read as :func:`read_source` reads it: one article, or
    every entry of a feed (``fetch_page`` fetches an entry's page); None for a feed when not
    ``feeds`` (its pages are then left to :func:`read_source`)."""
    scheme = urlsplit(spec).scheme
    if len(scheme) > 1 and not Path(spec).exists():
        raise InputError(f"unsupported URL scheme {scheme}: (want http or https)")
    path = Path(spec).expanduser()
    raw = read_capped(path, max_bytes)
    if not raw:
        raise InputError("empty file")
    kind = file_kind(path, raw)
    if kind == "feed":
        if not feeds:
            return None
        return parse_feed(
            raw, published=published, source=source, origin=str(path), fetch_page=fetch_page, warn=warn
        )
    return [_article_from_file(path, raw, kind, published=published, source=source, warn=warn)]


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
            found = _from_fetched(got, published=published, source=source, fetch_page=page_fetcher, warn=warn,
                                  max_items=policy.feed_max_items)
            if len(found) > policy.feed_max_items:  # entries the cut of first_entries did not find
                if warn is not None:
                    warn(f"{spec}: only the first {policy.feed_max_items} of {len(found)} entries are read")
                del found[policy.feed_max_items:]
            return found
        found_here = read_local(
            spec, published=published, source=source, max_bytes=max_bytes, warn=warn, fetch_page=page_fetcher
        )
        assert found_here is not None  # feeds too
        return found_here
    finally:
        for client in clients:
            client.close()
