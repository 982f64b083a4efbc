"""Bytes to text, and what the text is: the one decoding and sniffing path for files, pages and feeds.

- :func:`decode_bytes`: byte-order marks, BOM-less UTF-16/32 and EBCDIC XML (by the byte
  pattern of their first characters), strict UTF-8, a declared charset (HTTP header, HTML
  meta or XML declaration), then detection that keeps Windows-1252 only for text that reads
  as Western European. Stray NUL bytes in otherwise ordinary text are removed, not refused.
- :func:`sniff_kind`: a feed, an HTML page or plain text, by structure (the first element
  after any declaration, comments, processing instructions and doctype, however long);
  files that are not articles (JSON, sitemaps, other XML, source code, lists of URLs) raise
  :class:`InputError` with one line.
"""

from __future__ import annotations

import json
import re
from typing import Literal

from digests.errors import InputError

Kind = Literal["html", "feed", "text"]

FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json"}
_HTML_TYPES = ("text/html", "application/xhtml+xml")

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
# The first characters of a text without a byte-order mark (XML 1.0, appendix F).
_PREFIXES: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x4c\x6f\xa7\x94", "cp037"),  # "<?xm" in EBCDIC
)
# Above this share of NUL bytes a file is binary; below it the NULs are strays (ads, bad CMS).
MAX_NUL_SHARE = 0.01
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
_XML_ENCODING_TEXT = re.compile(r"""^(\s*<\?xml[^>]*?\bencoding\s*=\s*["'])([A-Za-z0-9_.:-]+)(["'])""")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def refuse_binary(raw: bytes) -> None:
    """Raise :class:`InputError` for images, archives, PDFs and other binary files."""
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise InputError(f"binary file ({what}), not text")


def wide_encoding(raw: bytes) -> str | None:
    """UTF-16/32 (with or without a byte-order mark) or EBCDIC XML, from the first bytes; else None."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding
    for prefix, encoding in _PREFIXES:
        if raw.startswith(prefix):
            return encoding
    # Plain text in UTF-16 without a mark: every other byte NUL (ASCII-range letters).
    sample = raw[:2048]
    if len(sample) >= 16:
        even, odd = sample[0::2], sample[1::2]
        if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
            return "utf-16-be"
        if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
            return "utf-16-le"
    return None


def declared_charset(raw: bytes) -> str | None:
    """The encoding an XML declaration or an HTML ``<meta charset>`` names, if any."""
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    m = _XML_ENCODING.match(head)
    if m:
        return m.group(1).decode("ascii")
    m = _META_CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None


def decode_bytes(
    raw: bytes, declared: str | None = None, *, notes: list[str] | None = None
) -> tuple[str, str]:
    """Decode text of unknown encoding; returns ``(text, encoding)``.

    Order: a byte-order mark or the byte pattern of UTF-16/32 or EBCDIC, strict UTF-8 (a
    UTF-8 BOM is kept as U+FEFF, as Python's ``utf-8`` codec reads it), a declared charset
    (HTTP header, HTML meta, XML declaration), then charset detection. Raises
    :class:`InputError` for binary data; stray NUL bytes are dropped (and noted in ``notes``).
    """
    refuse_binary(raw)
    wide = wide_encoding(raw)
    if wide is not None:
        bom = next((b for b, e in _BOMS if e == wide and raw.startswith(b)), b"")
        body = raw[len(bom) :]
        if wide == "cp037":
            wide = _ebcdic_page(body)
        try:
            return body.decode(wide), wide
        except (UnicodeDecodeError, LookupError):
            if bom:
                raise InputError(f"invalid {wide.upper()} text") from None
            # the pattern misled us: fall through to byte-wise decoding
    nuls = raw.count(0, 0, 1 << 20)
    if nuls:
        if nuls > MAX_NUL_SHARE * min(len(raw), 1 << 20):
            raise InputError("binary file (contains NUL bytes), not text")
        raw = raw.replace(b"\x00", b"")
        if notes is not None:
            notes.append(f"{nuls} stray NUL byte{'s' if nuls != 1 else ''} removed")
    # Valid UTF-8 with non-ASCII bytes is almost never legacy text, so it beats a declaration
    # (pages labelled iso-8859-1 but written in UTF-8 are common).
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared and _codec_name(declared) not in ("utf-8", "utf8", "utf-16", "utf-32"):
        try:
            return raw.decode(_codec_name(declared)), declared.lower()
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall through to detection
    return _decode_legacy(raw)


def _codec_name(declared: str) -> str:
    name = declared.strip().lower()
    # Browsers decode "latin-1" / "iso-8859-1" pages as Windows-1252, and so do we.
    return "cp1252" if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii") else name


_LATIN_FAMILY = re.compile(r"^(cp125[02]|iso8859_(1|15)|latin_1|cp850|mac_roman)$")
# Central European letters (ł ą ż ş ľ ...) read as Windows-1252 come out as these symbols.
_CE_SYMBOLS = re.compile(r"(?<=[^\W\d_])[¥¹£³ªº¯¿¾¼]")


def _reads_western(text: str) -> bool:
    """Whether Windows-1252 text looks like a Western European language, not another table misread.

    In French, German or Spanish a few letters in a hundred are accented; Cyrillic, Greek,
    Hebrew, Thai or CJK bytes read as Windows-1252 are nearly all accented letters and symbols.
    """
    if _CE_SYMBOLS.search(text):
        return False
    letters = high = 0
    for ch in text[:20000]:
        if ch.isalpha():
            letters += 1
            if ord(ch) > 0x7F:
                high += 1
        elif 0x80 <= ord(ch) <= 0xBF:
            high += 1  # symbols of the upper half (¤ ¦ § ¨ © ...) stand for letters elsewhere
    return letters == 0 or high / max(letters, 1) < 0.35


_TAGS = re.compile(rb"<[^<>]{0,4000}>|&#?\w{1,12};")


def _decode_legacy(raw: bytes) -> tuple[str, str]:
    try:
        western: str | None = raw.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    # (encoding, a sample of the text as it would read); the whole input is decoded once, at the end
    candidates: list[tuple[str, str]] = []
    # Markup is ASCII in every candidate table and drowns the evidence: detect on the text between tags.
    probe = _TAGS.sub(b" ", raw) if b"<" in raw[:4096] else raw
    try:
        from charset_normalizer import from_bytes

        for match in from_bytes(probe):
            sample = probe[:200_000].decode(match.encoding, errors="ignore") if match.encoding else ""
            candidates.append((match.encoding, sample))
    except (ImportError, LookupError):  # charset-normalizer comes with trafilatura and httpx
        pass
    clean = [(enc, text) for enc, text in candidates if not _CE_SYMBOLS.search(text)]
    if western is not None and _reads_western(western) and (
        not candidates or any(enc == "cp1252" or _LATIN_FAMILY.match(enc) for enc, _ in candidates)
    ):
        return western, "cp1252"
    for encoding, _ in clean + candidates:
        try:
            return raw.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("cp1252", errors="replace"), "cp1252"


# Unicode's control characters (category Cc: U+0000-001F, U+007F-009F) but for tab, newlines and form feed
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def check_text(text: str) -> None:
    """Raise :class:`InputError` for decoded text that is binary (control characters) or empty."""
    sample = text[:65536]
    controls = len(_CONTROLS.findall(sample))
    if sample and controls / len(sample) > 0.01:
        raise InputError("binary file (control characters), not text")
    if not text.strip().strip("\ufeff"):
        raise InputError("empty file")


def as_utf8_xml(text: str) -> bytes:
    """Decoded XML re-encoded as UTF-8, its declaration saying so (for parsers that read bytes)."""
    text = text.lstrip("\ufeff")
    text = _XML_ENCODING_TEXT.sub(lambda m: m.group(1) + "utf-8" + m.group(3), text, count=1)
    return text.encode("utf-8")


# --- what the text is ---------------------------------------------------------------------------

_PROLOGUE = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype[^>\[]*(?:\[.*?\])?\s*>)", re.S | re.I)
_FIRST_TAG = re.compile(r"<([A-Za-z][\w.:-]*)")
_HTML_ROOTS = {
    "html", "head", "body", "title", "meta", "link", "base", "div", "p", "article", "section", "main",
    "header", "nav", "span", "table", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "noscript",
    "a", "br", "form", "center", "font", "b", "i", "em", "strong", "ul", "ol", "li", "img", "figure",
    "iframe", "frameset", "pre", "blockquote", "hr", "footer", "aside",
}
_FEED_ROOTS = {"rss", "feed", "rdf", "channel"}  # channel: Microsoft's CDF
_SITEMAP_ROOTS = {"urlset", "sitemapindex"}
_URL_LINE = re.compile(r"^\s*(?:[-*]\s*)?<?https?://\S+>?\s*$", re.I)
_CODE_LINE = re.compile(
    r"""^\s*(?:
        (?:import|from)\s+[\w.]+(?:\s+import\b.*)?$
      | (?:def|class|function|fn|func|public|private|static|const|let|var|return|if|for|while|elif|else)
        \b.*[:{;(]\s*$
      | \#include\b | \#!/ | package\s+\w | using\s+\w+.*;
      | [}\])];?\s*$ | .*[;{]\s*$ | (?://|/\*|\*/).*
      | \$\s+\w+ | >>>\s
    )""",
    re.X,
)
_FENCE = re.compile(r"^\s*(```|~~~)")
_NOT_ARTICLE_NAMES = re.compile(
    r"^(readme|changelog|changes|history|license|licence|copying|contributing|authors|install|todo|notice)"
    r"(\.\w+)?$",
    re.I,
)


def markup_root(text: str) -> tuple[str, bool] | None:
    """The first element's lower-case local name after the prologue; whether an XML declaration led."""
    head = text[:1 << 20].lstrip("\ufeff")
    pos = 0
    xml_decl = head.lstrip().startswith("<?xml")
    html_doctype = False
    while True:
        m = _PROLOGUE.match(head, pos)
        if not m:
            break
        html_doctype = html_doctype or "<!doctype html" in m.group(0).lower()
        pos = m.end()
    rest = head[pos:].lstrip()
    tag = _FIRST_TAG.match(rest) if rest.startswith("<") else None
    if not tag:
        return ("html", xml_decl) if html_doctype else None
    root = tag.group(1).rsplit(":", 1)[-1].lower()
    # a feed under a stray HTML doctype is still a feed; anything else under one is a page
    return (root if root in _FEED_ROOTS or not html_doctype else "html"), xml_decl


def sniff_kind(body: bytes | str, content_type: str = "", *, name: str = "") -> Kind:
    """Feed, HTML or plain text, by the structure of the content (the media type only breaks ties).

    Raises :class:`InputError` for content that is not an article in a documented input
    format: JSON, sitemaps, other XML, source code, lists of URLs, project READMEs.
    """
    if content_type in FEED_TYPES and content_type != "application/feed+json":
        return "feed"
    text = body if isinstance(body, str) else _head_text(body)
    found = markup_root(text)
    if found is not None:
        root, xml_decl = found
        if root in _FEED_ROOTS:
            return "feed"
        if root in _SITEMAP_ROOTS:
            raise InputError("a sitemap (a list of pages), not an article: ingest the pages it lists")
        if root in _HTML_ROOTS or content_type in _HTML_TYPES:
            return "html"
        if xml_decl or content_type in ("text/xml", "application/xml"):
            raise InputError(f"an XML document (<{root}>), not an article, RSS or Atom feed")
        return "html"
    if content_type in _HTML_TYPES and "<" in text[:65536]:
        return "html"
    _refuse_non_article(text, name)
    return "text"


def _head_text(raw: bytes) -> str:
    wide = wide_encoding(raw)
    head = raw[:1 << 20]
    if wide == "cp037":
        wide = _ebcdic_page(head)
    if wide is not None:
        try:
            return head.decode(wide, errors="ignore").lstrip("\ufeff")
        except LookupError:
            pass
    return head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")


def _ebcdic_page(body: bytes) -> str:
    # EBCDIC: the declaration names the code page; read it in the base one first.
    head = body[:200].decode("cp037", errors="replace")
    m = re.search(r"""encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", head)
    return _codec_name(m.group(1)) if m else "cp037"


def _refuse_non_article(text: str, name: str) -> None:
    stripped = text.lstrip("\ufeff \t\r\n")
    if name and _NOT_ARTICLE_NAMES.match(name):
        raise InputError(f"{name} is project documentation, not an article")
    if stripped[:1] in "{[":
        try:
            json.loads(stripped)
        except ValueError:
            pass
        else:
            raise InputError("JSON data, not an article")
    lines = [ln for ln in stripped[:200_000].split("\n") if ln.strip()]
    if len(lines) >= 2:
        # each count stops where the lines left could no longer reach its share (an article's do early)
        urls = 0
        for i, ln in enumerate(lines):
            if _URL_LINE.match(ln):
                urls += 1
            elif urls + len(lines) - i - 1 < 0.8 * len(lines):
                break
        if urls >= 0.8 * len(lines):
            raise InputError(f"a list of {urls} URLs, not an article: pass them to `geodigest ingest`")
        code = 0
        fenced = False
        for i, ln in enumerate(lines):
            if _FENCE.match(ln):
                fenced = not fenced
                code += 1
            elif fenced or _CODE_LINE.match(ln):
                code += 1
            elif code + len(lines) - i - 1 < 0.5 * len(lines):
                break
        if len(lines) >= 4 and code >= 0.5 * len(lines):
            raise InputError("source code, not an article")
