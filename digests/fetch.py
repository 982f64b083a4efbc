"""Fetching pages and feeds over HTTP: timeouts, a size cap, a redirect limit, a content-type check.

Every failure becomes a :class:`FetchError` with a short message fit for a user
("HTTP 404 Not Found", "timed out after 15 s"), never an httpx traceback.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from digests.errors import FetchError

if TYPE_CHECKING:  # httpx costs a third of a second to import; files never need it
    import httpx

USER_AGENT = "GeoDigest/0.1 (+news digest bot)"
MAX_REDIRECTS = 5
ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, text/plain;q=0.8"
)
# What a news page or feed may be served as; anything else (images, PDFs, archives) is refused.
TEXT_TYPES = {
    "text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/xml", "application/xml",
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json",
}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json"}

_HTML_TYPES = ("text/html", "application/xhtml+xml")
Kind = Literal["html", "feed", "text"]


@dataclass(frozen=True)
class Fetched:
    """A fetched resource: the URL it ended at, its media type and charset, its body."""

    url: str
    status: int
    content_type: str  # media type only, lower case ("text/html"); "" when the server sent none
    charset: str | None
    body: bytes

    @property
    def kind(self) -> Kind:
        """Whether this is a feed, an HTML page or plain text, by type and by sniffing the body."""
        return sniff_kind(self.body, self.content_type)


def is_url(spec: str) -> bool:
    """Whether an input names an http(s) URL rather than a file."""
    return urlsplit(spec.strip()).scheme.lower() in ("http", "https")


def sniff_kind(body: bytes, content_type: str = "") -> Kind:
    """Feed, HTML or plain text, from the declared media type corrected by the body's first bytes.

    Servers often send feeds as ``text/xml`` or even ``text/html``, so the markup decides.
    """
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if content_type in FEED_TYPES:
        return "feed"
    # Skip an XML declaration, comments and stylesheet processing instructions.
    probe = head
    for marker in (b"<rss", b"<feed", b"<rdf:rdf"):
        idx = probe.find(marker)
        if idx != -1 and b"<html" not in probe[:idx]:
            return "feed"
    if b"<html" in head or b"<!doctype html" in head or content_type in _HTML_TYPES:
        return "html"
    if head.startswith(b"<?xml") or content_type in ("text/xml", "application/xml"):
        # XML that is not a feed: let the HTML extractor try it rather than treat tags as prose.
        return "html"
    return "text"


def _media_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for p in parts[1:]:
        name, _, value = p.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return parts[0].lower(), charset


def make_client(timeout: float = 15.0, max_redirects: int = MAX_REDIRECTS) -> httpx.Client:
    """An httpx client with GeoDigest's timeouts, redirect limit and headers."""
    import httpx

    return httpx.Client(
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        max_redirects=max_redirects,
        headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
    )


def fetch(
    url: str,
    *,
    timeout: float = 15.0,
    max_bytes: int = 5_000_000,
    max_redirects: int = MAX_REDIRECTS,
    client: httpx.Client | None = None,
) -> Fetched:
    """GET ``url`` within the caps; raise :class:`FetchError` with a one-line reason otherwise.

    ``timeout`` bounds each network wait and also the whole download, so a server
    trickling bytes cannot hold a batch forever. Bodies over ``max_bytes`` are cut
    off unread (streamed, never buffered whole).
    """
    import httpx

    if not is_url(url):
        raise FetchError(f"not an http(s) URL: {url}")
    own = client is None
    http = client or make_client(timeout, max_redirects)
    deadline = time.monotonic() + timeout
    try:
        with http.stream("GET", url) as response:
            if response.status_code >= 400:
                reason = response.reason_phrase or ""
                raise FetchError(f"HTTP {response.status_code} {reason}".rstrip())
            media, charset = _media_type(response.headers.get("content-type"))
            if media and media not in TEXT_TYPES:
                raise FetchError(f"unsupported content type {media} (want HTML, a feed or text)")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"too large: {int(declared):,} bytes (limit {max_bytes:,})")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"too large: over {max_bytes:,} bytes")
                if time.monotonic() > deadline:
                    raise FetchError(f"timed out after {timeout:g} s")
                chunks.append(chunk)
            return Fetched(
                url=str(response.url), status=response.status_code, content_type=media,
                charset=charset, body=b"".join(chunks),
            )
    except httpx.TooManyRedirects:
        raise FetchError(f"too many redirects (more than {max_redirects})") from None
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {timeout:g} s") from None
    except httpx.ConnectError as err:
        raise FetchError(f"cannot connect: {_reason(err)}") from None
    except httpx.RemoteProtocolError:
        raise FetchError("the server closed the connection without a valid answer") from None
    except httpx.InvalidURL as err:
        raise FetchError(f"invalid URL: {err}") from None
    except httpx.HTTPError as err:
        raise FetchError(f"{type(err).__name__}: {_reason(err)}") from None
    finally:
        if own:
            http.close()


def _reason(err: Exception) -> str:
    text = str(err) or type(err).__name__
    # httpx wraps OS errors as "[Errno 111] Connection refused"; keep the human part.
    if "] " in text and text.startswith("[Errno"):
        text = text.split("] ", 1)[1]
    return text.splitlines()[0].lower() if text else "unknown error"
