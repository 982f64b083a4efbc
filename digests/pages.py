"""What a news page says about itself: publication date, title, outlet, identity.

Evidence is taken in a fixed order and the first that holds wins:

- date: JSON-LD ``datePublished``, Open Graph ``article:published_time``, publication meta
  tags, then a date in the URL, then a dateline near the top of the visible text. A
  modified date or a copyright year is never a publication date, and a year alone never
  becomes 1 January.
- title: Open Graph, JSON-LD ``headline``, ``<title>``, each cleaned of the site name,
  slogans and dates around it.
- outlet: ``og:site_name``, JSON-LD ``publisher``, the domain table in
  ``digests/data/outlets.json``, then the host name; never a CMS name, a company suffix or
  an SEO string.
- identity: the URL the page was fetched from, else a canonical link that is not the
  site's home page (``<base href>`` is never an identity).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urljoin, urlsplit

DATE_SOURCES = ("front matter", "json-ld", "open graph", "meta", "feed", "url", "dateline", "given")


@dataclass(frozen=True)
class PageMeta:
    """Metadata read from a page's markup (before the text is extracted)."""

    title: str | None
    published: date | None
    published_from: str | None
    outlet: str | None
    url: str | None
    language: str | None
    home_page: str | None = None  # the site root the page says it is, when it shows no sign of an article
    website: bool = False  # og:type "website": the page calls itself a site, not an article
    body: str | None = None  # JSON-LD's articleBody: the text of a page whose markup holds none


# --- the markup -------------------------------------------------------------------------------

_META_TAG = re.compile(r"<meta\b[^>]*>", re.I | re.S)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.S)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.I | re.S)
_JSON_LD = re.compile(r"<script\b[^>]*application/ld\+json[^>]*>(.*?)</script>", re.I | re.S)
_TITLE_TAG = re.compile(r"<title\b[^>]*>(.*?)</title>", re.I | re.S)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.I)

_PUBLISHED_META = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "article.published", "article_date_original", "date",
    "dc.date", "dc.date.issued", "dcterms.issued", "dcterms.created", "sailthru.date",
    "parsely-pub-date", "cxenseparse:recs:publishtime", "originalpublicationdate", "og:pubdate",
)
_MODIFIED = ("modified", "updated", "lastmod", "revised")


def _attrs(tag: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _ATTR.finditer(tag):
        out[m.group(1).lower()] = m.group(2) if m.group(2) is not None else m.group(3) or m.group(4) or ""
    return out


def _unescape(value: str) -> str:
    import html

    return " ".join(html.unescape(value).split())


def _head(markup: str) -> str:
    # Metadata lives in <head>; JSON-LD may sit anywhere, but the first 400 KB hold it in practice.
    return markup[:400_000]


def _metas(markup: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in _META_TAG.finditer(_head(markup)):
        attrs = _attrs(m.group(0))
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower().strip()
        value = attrs.get("content")
        if key and value and key not in found:
            found[key] = _unescape(value)
    return found


def _json_ld(markup: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []

    def add(node: Any) -> None:
        if isinstance(node, list):
            for n in node:
                add(n)
        elif isinstance(node, dict):
            items.append(node)
            if "@graph" in node:
                add(node["@graph"])

    for m in _JSON_LD.finditer(_head(markup)):
        try:
            add(json.loads(m.group(1).strip()))
        except (ValueError, RecursionError):  # not JSON, or nested past what json reads ([[[[...]]]])
            continue
    return items


_ARTICLE_TYPES = re.compile(r"(?i)article|posting|report|blog|webpage")


def _ld_article(items: list[dict[str, Any]]) -> dict[str, Any] | None:
    def types(node: dict[str, Any]) -> str:
        t = node.get("@type")
        return " ".join(t) if isinstance(t, list) else str(t or "")

    for node in items:
        if re.search(r"(?i)article|posting|report", types(node)):
            return node
    for node in items:
        if _ARTICLE_TYPES.search(types(node)) and node.get("datePublished"):
            return node
    return None


def _name(node: Any) -> str | None:
    if isinstance(node, list):
        node = node[0] if node else None
    if isinstance(node, dict):
        node = node.get("name")
    return _unescape(node) if isinstance(node, str) and node.strip() else None


# --- dates ------------------------------------------------------------------------------------

_ISO_DAY = re.compile(r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})|((?:19|20)\d{2})(\d{2})(\d{2})T\d")
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$|\d{0,6}\D)"
    r"|/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/"
)
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
         "aug august", "sep sept september", "oct october", "nov november", "dec december")
    )
    for m in names.split()
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATELINE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH_ALT})\.?,?\s+(?P<y1>(?:19|20)\d{{2}})"
    rf"|(?P<m2>{_MONTH_ALT})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d{{2}})"
    rf"|(?P<y3>(?:19|20)\d{{2}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})"
    rf"|(?P<d4>\d{{1,2}})\.(?P<m4>\d{{1,2}})\.(?P<y4>(?:19|20)\d{{2}}))\b",
    re.I,
)
_NOT_PUBLISHED_LINE = re.compile(r"(?i)©|copyright|\(c\)|updated|modified|last\s+edit|all rights")


def parse_day(value: str) -> date | None:
    """A full calendar day from an ISO-like timestamp; None for a year or month alone."""
    value = value.strip()
    m = _ISO_DAY.search(value[:40])
    if m:
        y, mo, d = m.group(1, 2, 3) if m.group(1) else m.group(4, 5, 6)
        try:
            return date(int(y), int(mo), int(d))
        except ValueError:
            return None
    try:
        return datetime.strptime(value[:31], "%a, %d %b %Y %H:%M:%S %z").date()
    except ValueError:
        pass
    m2 = _DATELINE.search(value[:60])
    return _dateline_day(m2) if m2 else None


def _dateline_day(m: re.Match[str]) -> date | None:
    try:
        if m.group("y1"):
            return date(int(m.group("y1")), _MONTHS[m.group("m1").lower()], int(m.group("d1")))
        if m.group("y2"):
            return date(int(m.group("y2")), _MONTHS[m.group("m2").lower()], int(m.group("d2")))
        if m.group("y3"):
            return date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
        return date(int(m.group("y4")), int(m.group("m4")), int(m.group("d4")))
    except (KeyError, ValueError):
        return None


# the days a CMS or a feed writes for "no date": its zero date, the first day of 1900, Unix time 0
_PLACEHOLDER_DAYS = frozenset({date(1900, 1, 1), date(1970, 1, 1)})


def publication_day(day: date | None) -> date | None:
    """``day`` when it can be a publication day; None when it lies ahead (a server's clock or a
    feed's typo: "9999-01-06" would be the newest article for ever) or is a placeholder (a zero date
    "0001-01-01", any day before 1900, 1 Jan 1900 or 1970: the oldest article for ever). A day after
    today's is allowed for the time zones ahead of this machine."""
    if day is None or day.year < 1900 or day in _PLACEHOLDER_DAYS:
        return None
    return day if day <= date.today() + timedelta(days=1) else None


def url_date(url: str | None) -> date | None:
    """A publication day written in a URL path (``/2013/11/27/``, ``/20131127``); None otherwise."""
    if not url:
        return None
    path = urlsplit(url).path
    m = _URL_DATE.search(path)
    if not m:
        return None
    y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
    try:
        day = date(int(y), int(mo), int(d))
    except ValueError:
        return None
    return publication_day(day)


_BYLINE_WORDS = re.compile(r"(?i)^\W*(?:published|posted|first published|on|by\b.*|\w+day)\W*$")


def dateline_date(text: str) -> date | None:
    """A full date in the first lines of the visible text, on a line that is a dateline or byline.

    The line must be the date (and a time, a weekday, "Published", a byline) and little else, so
    that a date quoted in an epigraph or a copyright line is never taken.
    """
    for line in text.split("\n")[:8]:
        if _NOT_PUBLISHED_LINE.search(line):
            continue
        m = _DATELINE.search(line)
        if not m:
            continue
        rest = (line[: m.start()] + " " + line[m.end() :]).strip()
        rest = re.sub(r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?|[|·,•—-]", " ", rest).strip()
        if len(rest.split()) > 4 and not _BYLINE_WORDS.match(rest):
            continue
        day = publication_day(_dateline_day(m))
        if day is not None:
            return day
    return None


def _published(metas: dict[str, str], ld: dict[str, Any] | None) -> tuple[date | None, str | None]:
    if ld is not None:
        value = ld.get("datePublished") or ld.get("dateCreated")
        if isinstance(value, str) and (day := publication_day(parse_day(value))):
            return day, "json-ld"
    for key in ("article:published_time", "og:published_time", "og:pubdate"):
        if key in metas and (day := publication_day(parse_day(metas[key]))):
            return day, "open graph"
    for key in _PUBLISHED_META:
        if any(w in key for w in _MODIFIED) or key not in metas:
            continue
        if day := publication_day(parse_day(metas[key])):
            return day, "meta"
    return None, None


# --- titles and outlets ---------------------------------------------------------------------------

_SEPARATORS = re.compile(
    r"\s+(?:\||-|–|—|::|»|«|·|--|/)\s+|\s*[|｜]\s*|\s*：\s*(?=\S)"
    r"|(?<=[\u3040-\u9fff])\s*[-_]\s*(?=[\u3040-\u9fff]{2,6}$)"
)
# Chinese and Japanese site names end in these (web, paper, agency, station, news).
_CJK_SITE = re.compile(r"^[\u3040-\u9fff]{1,8}(?:网|網|报|報|社|台|新闻|新聞|电视|放送)$")
_DATE_SEGMENT = re.compile(
    rf"^(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|(?:\d{{1,2}}\s+)?(?:{_MONTH_ALT})\.?\s+\d{{1,2}}?,?\s*\d{{4}})$",
    re.I,
)
_CMS_NAMES = {
    "escenic", "wordpress", "drupal", "joomla", "blogger", "ghost", "typo3", "sitecore", "wix", "squarespace",
    "arc publishing", "brightspot", "contentful", "hugo", "jekyll", "medium", "substack", "tumblr",
    "web.archive.org", "wayback machine", "internet archive",
}
_COMPANY_SUFFIX = re.compile(
    r"(?:,?\s+(?:inc|llc|ltd|limited|plc|gmbh|ag|s\.?a|s\.?l|corp|corporation|co|company|group|holdings"
    r"|media group|publishing|pty)\.?)+$",
    re.I,
)


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


# the call opens with a capital: "... should read Daily Sheet: ..." is a sentence, not a call
_CALL_WORDS = r"(?:Read|READ|Visit|Watch|Listen to|Follow|More (?:from|on)|Also on)"


def drop_call_to_action(title: str, names: list[str]) -> str:
    """``title`` without an outlet's call to read it there: "Headline Read Daily Sheet: Headline
    again | DailySheet.com" gives the headline before the call, "Read Daily Sheet: Headline" the one
    after it. ``names`` are the outlet's names (a call naming another is kept)."""
    if len(title) < 12 or not names:
        return title
    for name in sorted({n for n in names if n and len(n) >= 2}, key=len, reverse=True):
        m = re.search(rf"(?:^|\s){_CALL_WORDS}\s+(?i:{re.escape(name)})(?:\.\w{{2,4}})?\s*:\s+", title)
        if m is None:
            continue
        before, after = title[: m.start()].strip(), title[m.end() :].strip()
        if len(before.split()) >= 3:
            return before
        if after:  # the headline after the call, without the site's name behind a bar
            head, bar, tail = after.rpartition("|")
            return head.strip() if bar and head.strip() and _squash(tail).startswith(_squash(name)) else after
    return title


def clean_title(title: str, names: list[str]) -> str:
    """A page title without the site name, section names, slogans or dates around the headline."""
    title = drop_call_to_action(" ".join(title.split()), names)
    keys = {_squash(n) for n in names if n and len(_squash(n)) >= 2}
    for name in sorted((n for n in names if n), key=len, reverse=True):
        for pattern in (rf"^{re.escape(name)}\s*[|:\-–—»·]+\s*", rf"\s*[|:\-–—»·]+\s*{re.escape(name)}$"):
            stripped = re.sub(pattern, "", title, flags=re.I)
            if stripped != title and len(stripped) >= 8:
                title = stripped
    parts = _SEPARATORS.split(title)
    if len(parts) == 1:
        return title

    def is_site(part: str) -> bool:
        sq = _squash(part)
        if _CJK_SITE.match(part.strip()):
            return True
        return bool(sq) and any(
            sq == k or (len(k) >= 4 and (k in sq or sq in k)) or (len(k) >= 3 and sq.startswith(k))
            for k in keys
        )

    def is_noise(part: str) -> bool:
        return is_site(part) or bool(_DATE_SEGMENT.match(part.strip()))

    # Drop the site name and everything after it (slogans, places), then dates at either end.
    for i, part in enumerate(parts):
        if i > 0 and is_site(part):
            parts = parts[:i]
            break
    while len(parts) > 1 and is_noise(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_noise(parts[0]):
        parts.pop(0)
    if len(parts) == 1:
        return parts[0].strip()
    # Several segments left and no site name among them: keep the title as the page gives it,
    # unless the tail segments are short labels (sections, places) after a long headline.
    head = parts[0]
    if len(head.split()) >= 4 and all(len(p.split()) <= 4 for p in parts[1:]):
        return head.strip()  # breadcrumbs: "Headline » Local » News » Site"
    return _rejoin(title, parts)


def _rejoin(title: str, parts: list[str]) -> str:
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start != -1 and end > start else " ".join(parts)


@cache
def _outlet_table() -> dict[str, str]:
    raw = resources.files("digests").joinpath("data/outlets.json").read_text(encoding="utf-8")
    table = json.loads(raw)
    return {k.lower(): v for k, v in table.items() if not k.startswith("_")}


def host_of(url: str | None) -> str:
    """The lower-cased host of a URL without ``www.``; '' when there is none."""
    if not url:
        return ""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def outlet_for_host(host: str) -> str | None:
    """The outlet a domain (or any parent domain) belongs to, from the maintained table."""
    table = _outlet_table()
    parts = host.lower().split(".")
    for i in range(len(parts) - 1):
        hit = table.get(".".join(parts[i:]))
        if hit:
            return hit
    return None


def clean_outlet(name: str | None) -> str | None:
    """An outlet name without SEO tails or company suffixes; None for a CMS or archive name."""
    if not name:
        return None
    name = " ".join(name.split())
    name = re.split(r"\s+[|–—-]\s+|\s*[|:]\s+", name, maxsplit=1)[0].strip()
    if name.casefold() in _CMS_NAMES or len(name) < 2:
        return None
    stripped = _COMPANY_SUFFIX.sub("", name).strip(" ,")
    return stripped if len(stripped) >= 2 else name


def unwrap_archive(url: str) -> str:
    """The original address of a Wayback Machine copy (``web.archive.org/web/<time>/<url>``)."""
    m = re.match(r"(?i)^https?://web\.archive\.org/web/[0-9a-z_]+/(.+)$", url)
    if not m:
        return url
    inner = m.group(1)
    return inner if "://" in inner else "http://" + inner


def is_site_root(url: str) -> bool:
    """Whether a URL is a site's home page (or a bare section index like ``/news/``)."""
    parts = urlsplit(url)
    path = parts.path.strip("/")
    if not path and not parts.query:
        return True
    return "/" not in path and bool(re.fullmatch(r"(?i)(index\.\w+|home|news|en|de|fr|es|world|amp)", path))


def identity_url(fetched: str | None, canonical: str | None) -> str | None:
    """The URL an article is known by: the fetched one, else a canonical link that names an article."""
    if fetched:
        return unwrap_archive(fetched)
    if canonical and re.match(r"(?i)^https?://", canonical):
        canonical = unwrap_archive(canonical)
        if not is_site_root(canonical):
            return canonical
    return None


def page_metadata(markup: str, url: str | None = None) -> PageMeta:
    """Title, publication date (and where it came from), outlet, identity and declared language."""
    metas = _metas(markup)
    items = _json_ld(markup)
    ld = _ld_article(items)
    published, published_from = _published(metas, ld)

    canonical = None
    for m in _LINK_TAG.finditer(_head(markup)):
        attrs = _attrs(m.group(0))
        if attrs.get("rel", "").lower() == "canonical" and attrs.get("href"):
            canonical = _unescape(attrs["href"])
            break
    canonical = canonical or metas.get("og:url")
    if canonical and url:
        canonical = urljoin(url, canonical)
    ident = identity_url(url, canonical)

    publisher = None
    if ld is not None:
        publisher = _name(ld.get("publisher")) or _name(ld.get("sourceOrganization"))
    host = host_of(ident or canonical)
    outlet = (
        clean_outlet(metas.get("og:site_name"))
        or clean_outlet(publisher)
        or (outlet_for_host(host) if host else None)
        or clean_outlet(metas.get("application-name") if metas.get("application-name") else None)
    )
    names = [n for n in (metas.get("og:site_name"), publisher, outlet, metas.get("application-name")) if n]
    if host:
        names += [host, host.split(".")[0]]
    title = None
    tm = _TITLE_TAG.search(_head(markup))
    for candidate in (metas.get("og:title"), ld.get("headline") if ld else None,
                      _unescape(tm.group(1)) if tm else None, metas.get("twitter:title")):
        if isinstance(candidate, str) and candidate.strip():
            title = clean_title(_unescape(candidate), names)
            if title and title.casefold() not in _CMS_NAMES:
                break
            title = None
    # A page that names the site root as itself and shows no sign of an article is a home page.
    root = next((u for u in (url, canonical) if u and re.match(r"(?i)^https?://", u) and is_site_root(u)),
                None)
    article_signs = ld is not None or published is not None or metas.get("og:type", "").lower() == "article"
    home_page = root if root and not article_signs else None
    lang = None
    lm = _HTML_LANG.search(markup[:4096])
    if lm:
        lang = lm.group(1).lower()
    body = ld.get("articleBody") if ld else None
    return PageMeta(
        title=title, published=published, published_from=published_from, outlet=outlet, url=ident,
        language=lang, home_page=home_page, website=metas.get("og:type", "").lower() == "website",
        body=_unescape(body).strip() or None if isinstance(body, str) else None,
    )


# --- page furniture -----------------------------------------------------------------------------
# Lines a page's main-text extraction lets through that are never article text, in several
# languages: labels and read-more links, photo credits, cookie and newsletter notices, copyright
# and contribution lines, loading placeholders. Removed from a page's text before it is stored
# (the extractor's own furniture rules then see only what is left).

_PAGE_FURNITURE = re.compile(
    r"""^(?:
        (?:anzeige|advertisement|publicidad|publicité|pubblicità|reklama|advertentie)\s*$
      | (?:foto|fotos|bild|bilder|photo|photos|image|imagen|immagine|credit|crédit|quelle|source)
        \s*:\s*\S.{0,120}$
      | (?:lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|auch\s+interessant
         |(?:à\s+)?lire\s+(?:aussi|également)
         |voir\s+aussi|lee\s+también|leer\s+más|ver\s+también|leggi\s+anche|leia\s+também|zobacz\s+też
         |lees\s+ook|read\s+more|read\s+also|see\s+also|related\s+(?:articles?|stories|coverage))\b.{0,160}$
      | (?:loading|cargando|chargement|wird\s+geladen|caricamento)\b.{0,40}\.{3}\s*$
      | .{0,160}\b(?:contributed|contributed\s+reporting)\s+to\s+this\s+(?:report|story|article)\.?\s*$
      | write\s+to\s+.{1,80}\s+at\s+\S+@\S+\s*$
      | \S+@\S+\.\w+\s*$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_COPYRIGHT = re.compile(
    r"(?i)(?:©|\(c\)|copyright).{0,200}(?:rights\s+reserved|alle\s+rechte|tous\s+droits|derechos)"
)
_COOKIES = re.compile(
    r"(?i)\b(?:cookies?|sīkdatnes|galletas)\b.{0,300}\b(?:use|using|accept|consent|utiliz|utilis|verwend|akzept"
    r"|zustimm|continu|turpinot|agree)"
)
_LINK_ITEM = re.compile(r"^\s*[-•*]\s+\S")
_SENTENCE_STOP = re.compile(r"[.!。！\"”’»)]\s*$")  # a headline may end in a question mark


def drop_page_furniture(text: str) -> tuple[str, int]:
    """A page's extracted text without furniture lines; returns the text and how many lines went.

    Besides single lines (see ``_PAGE_FURNITURE``), a closing run of three or more list items
    that are headlines (no sentence punctuation) is a list of links to other stories.
    """
    lines = text.split("\n")
    keep = [
        not (
            _PAGE_FURNITURE.match(ln.strip())
            or (len(ln) < 600 and (_COPYRIGHT.search(ln) or _COOKIES.search(ln)))
        )
        for ln in lines
    ]
    # a closing run of headline-like list items: links to other stories
    end = len(lines)
    while end > 0 and (not lines[end - 1].strip() or not keep[end - 1]):
        end -= 1
    start = end
    while start > 0 and _LINK_ITEM.match(lines[start - 1]) and not _SENTENCE_STOP.search(lines[start - 1]):
        start -= 1
    if end - start >= 3:
        for i in range(start, end):
            keep[i] = False
    kept = [ln for ln, k in zip(lines, keep, strict=True) if k]
    return "\n".join(kept), len(lines) - len(kept)
