"""Fetching pages and feeds over HTTP: timeouts, a size cap, a redirect limit, a content-type check,
and refusal of addresses inside the network.

Every failure becomes a :class:`FetchError` with a short message fit for a user
("HTTP 404 Not Found", "timed out after 15 s"), never an httpx traceback.

Safety (README "Security"): each connection, at every redirect hop, resolves the host itself,
refuses loopback, private, link-local, multicast, reserved and unspecified addresses (IPv4
inside IPv6 too; odd spellings such as ``127.1`` are read as the C library reads them) unless
:attr:`FetchPolicy.allow_private`, and connects to the address it checked; ports 80 and 443
only, unless configured; no user names in URLs; no proxies from the environment. One deadline
covers connect, headers and body, and :meth:`FetchPolicy.cancel` ends every fetch in flight
(shutdown). Compressed bodies are inflated in steps and capped by their decoded size.
"""

from __future__ import annotations

import contextvars
import ipaddress
import re
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal
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
    "application/x-rss+xml",  # the pre-registration name some servers still send (Python's own among them)
}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json",
              "application/x-rss+xml"}

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


# A URL's user name and password (``scheme://user:pass@host``): up to the authority's last "@".
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s]+@")
HIDDEN = "[redacted]"


def hide_credentials(text: str) -> str:
    """``text`` (a URL, or a message naming URLs) with every URL's user name and password replaced
    by a marker, for replies and logs: ``https://[redacted]@news.example/feed``."""
    return _URL_CREDENTIALS.sub(rf"\1{HIDDEN}@", text) if "@" in text else text


def is_url(spec: str) -> bool:
    """Whether an input names an http(s) URL rather than a file."""
    return urlsplit(spec.strip()).scheme.lower() in ("http", "https")


def sniff_kind(body: bytes, content_type: str = "") -> Kind:
    """Feed, HTML or plain text, by structure (see :func:`digests.content.sniff_kind`)."""
    from digests.content import sniff_kind as by_structure

    return by_structure(body, content_type)


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


@dataclass(frozen=True)
class FetchPolicy:
    """Where and how much the fetcher may read; one per process, built from the settings.

    ``allow_private`` (``GEODIGEST_ALLOW_PRIVATE_URLS``) lets fetches reach loopback and
    private addresses, on any port: for tests, local fakes and intranet sources only;
    ``allow_networks`` does so for the listed networks alone.
    ``feed_max_items`` and ``feed_max_bytes`` bound one feed read, its pages included.
    """

    timeout: float = 15.0
    max_bytes: int = 5_000_000
    allow_private: bool = False
    ports: frozenset[int] = frozenset({80, 443})
    # Private networks fetches may reach (on any port) without allow_private, e.g. ("10.1.2.0/24",).
    allow_networks: tuple[str, ...] = ()
    feed_max_items: int = 100
    feed_max_bytes: int = 50_000_000
    stop: threading.Event = field(default_factory=threading.Event, compare=False, repr=False)

    def reaches(self, ip: ipaddress.IPv4Address | ipaddress.IPv6Address, port: int) -> bool:
        """Whether a fetch may connect to this address and port."""
        if self.allow_private:
            return True
        if any(ip in ipaddress.ip_network(n, strict=False) for n in self.allow_networks):
            return True
        return is_public_address(ip) and port in self.ports

    def cancel(self) -> None:
        """End every fetch made under this policy now and refuse new ones (process shutdown)."""
        self.stop.set()


class BlockedAddress(FetchError):
    """The URL names (or resolves to) an address or port the policy keeps fetches away from."""


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_COMPAT = ipaddress.IPv6Network("::/96")  # the deprecated IPv4-compatible form (::127.0.0.1)


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64 or (ip in _COMPAT and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether an address is public unicast (not loopback, private, link-local, multicast,
    reserved, shared or unspecified), looking inside IPv6 forms that carry an IPv4 address."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_v4(ip)
        if inner is not None:
            return is_public_address(inner)
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified
                                 or ip.is_loopback or ip.is_link_local or ip.is_private)


_NUMERIC = re.compile(r"^[0-9a-fA-FxX.]+$")


def literal_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host names without DNS, read the way the C library reads it (``127.1``,
    ``0x7f.0.0.1`` and ``2130706433`` are all 127.0.0.1); None for a name."""
    host = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _NUMERIC.match(host) and any(c.isdigit() for c in host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def resolve(host: str, port: int, policy: FetchPolicy) -> list[str]:
    """The addresses to connect to for ``host``, each checked; raise :class:`BlockedAddress`."""
    literal = literal_address(host)
    if literal is not None:
        addresses = [literal]
    else:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as err:
            raise FetchError(f"cannot resolve {host}: {_reason(err)}") from None
        addresses = list(dict.fromkeys(
            ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos
        ))
    for ip in addresses:
        if policy.reaches(ip, port):
            continue
        if is_public_address(ip):
            allowed = ", ".join(str(p) for p in sorted(policy.ports))
            raise BlockedAddress(f"refused: port {port} (allowed: {allowed}; see GEODIGEST_FETCH_PORTS)")
        raise BlockedAddress(
            f"refused: {host} is a private or local address ({ip}); "
            "GEODIGEST_ALLOW_PRIVATE_URLS=true allows fetching inside the network"
        )
    return [str(ip) for ip in addresses]


def check_url(url: str, policy: FetchPolicy) -> None:
    """Refuse, before any connection, what no fetch may name: another scheme, a user name or
    password. (Addresses and ports are checked when connecting, by :func:`resolve`.)"""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"not an http(s) URL: {url}")
    if "@" in parts.netloc:
        raise BlockedAddress("refused: URLs with a user name or password are not fetched")
    try:
        parts.port  # noqa: B018  (raises on a port out of range)
    except ValueError:
        raise FetchError(f"invalid URL: bad port in {url}") from None
    if not parts.hostname:
        raise FetchError(f"invalid URL: no host in {url}")


# The deadline of the fetch running in this thread (a client serves one thread at a time).
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("geodigest_fetch_deadline",
                                                                         default=None)
_SLICE = 0.25  # how often a blocked read looks at the deadline and at the stop flag


def _make_backend(policy: FetchPolicy) -> Any:
    import httpcore
    from httpcore._backends.sync import SyncBackend, SyncStream

    def remaining(timeout: float | None) -> float | None:
        if policy.stop.is_set():
            raise httpcore.ReadTimeout("cancelled: shutting down")
        deadline = _DEADLINE.get()
        if deadline is None:
            return timeout
        left = deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("deadline passed")
        return left if timeout is None else min(timeout, left)

    class GuardedStream(httpcore.NetworkStream):
        """Reads in short slices, so that the deadline and the stop flag are seen within 1/4 s."""

        def __init__(self, inner: Any) -> None:
            self.inner = inner

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            began = time.monotonic()
            while True:
                left = remaining(None if timeout is None else timeout - (time.monotonic() - began))
                if left is not None and left <= 0:
                    raise httpcore.ReadTimeout("read timed out")
                step = _SLICE if left is None else min(left, _SLICE)
                try:
                    return bytes(self.inner.read(max_bytes, step))
                except httpcore.ReadTimeout:
                    if step == left:
                        raise

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            self.inner.write(buffer, remaining(timeout))

        def close(self) -> None:
            self.inner.close()

        def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                      timeout: float | None = None) -> Any:
            return GuardedStream(self.inner.start_tls(ssl_context, server_hostname, remaining(timeout)))

        def get_extra_info(self, info: str) -> Any:
            return self.inner.get_extra_info(info)

    class GuardedBackend(SyncBackend):
        def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                        local_address: str | None = None, socket_options: Any = None) -> Any:
            last: Exception | None = None
            for address in resolve(host, port, policy):
                # Connect to the very address checked: a socket on the parsed address, no second
                # name lookup (socket.create_connection would resolve again).
                ip = ipaddress.ip_address(address)
                family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
                sock = socket.socket(family, socket.SOCK_STREAM)
                try:
                    sock.settimeout(remaining(timeout))
                    sock.connect((address, port))
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                except TimeoutError as err:
                    sock.close()
                    last = httpcore.ConnectTimeout(str(err) or "connect timed out")
                    continue
                except OSError as err:
                    sock.close()
                    last = httpcore.ConnectError(str(err))
                    continue
                except BaseException:
                    sock.close()
                    raise
                return GuardedStream(SyncStream(sock))
            raise last or httpcore.ConnectError(f"no address for {host}")

    return GuardedBackend()


def make_client(
    timeout: float = 15.0, max_redirects: int = MAX_REDIRECTS, policy: FetchPolicy | None = None
) -> httpx.Client:
    """An httpx client with GeoDigest's timeouts, redirect limit, headers and address checks.

    Each request (every redirect hop) passes :func:`check_url`; each new connection resolves
    and checks its host (:func:`resolve`) and connects to the address checked.
    """
    import httpcore
    import httpx

    policy = policy or FetchPolicy(timeout=timeout)
    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool = httpcore.ConnectionPool(
        ssl_context=transport._pool._ssl_context, max_connections=10, max_keepalive_connections=5,
        keepalive_expiry=5.0, network_backend=_make_backend(policy),
    )

    def check(request: httpx.Request) -> None:
        if policy.stop.is_set():
            raise FetchError("cancelled: shutting down")
        check_url(str(request.url), policy)

    return httpx.Client(
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        max_redirects=max_redirects,
        headers={"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"},
        transport=transport,
        trust_env=False,
        event_hooks={"request": [check]},
    )


def _inflate(raw: Iterator[bytes], encoding: str, max_bytes: int) -> Iterator[bytes]:
    """Decode a body in steps, never producing more than ``max_bytes`` (a gzip bomb stops early)."""
    codings = [c.strip().lower() for c in encoding.split(",") if c.strip().lower() not in ("", "identity")]
    if not codings:
        yield from raw
        return
    if len(codings) > 1 or codings[0] not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"unsupported content encoding {encoding.strip()!r}")
    gzip = codings[0] != "deflate"
    decoder = zlib.decompressobj(31 if gzip else 15)
    raw_deflate = False
    produced = 0
    for chunk in raw:
        data = chunk
        while data:
            try:
                out = decoder.decompress(data, max_bytes + 1 - produced)
            except zlib.error:
                if gzip or raw_deflate or produced:
                    raise FetchError("the server sent a corrupt compressed body") from None
                raw_deflate = True  # some servers send deflate without the zlib header
                decoder = zlib.decompressobj(-15)
                continue
            produced += len(out)
            if produced > max_bytes:
                raise FetchError(f"too large: over {max_bytes:,} bytes once decompressed")
            if out:
                yield out
            data = b"" if decoder.eof else decoder.unconsumed_tail
    tail = decoder.flush()
    if not decoder.eof and (produced or tail):
        # the stream stopped before its end (a Content-Length shorter than the compressed body,
        # a connection cut): half an article must not pass for a whole one
        raise FetchError("the server sent a compressed body cut short")
    if produced + len(tail) > max_bytes:
        raise FetchError(f"too large: over {max_bytes:,} bytes once decompressed")
    if tail:
        yield tail


def fetch(
    url: str,
    *,
    timeout: float = 15.0,
    max_bytes: int = 5_000_000,
    max_redirects: int = MAX_REDIRECTS,
    client: httpx.Client | None = None,
    policy: FetchPolicy | None = None,
) -> Fetched:
    """GET ``url`` within the caps; raise :class:`FetchError` with a one-line reason otherwise.

    ``timeout`` bounds each network wait and also the whole fetch (connect, headers and
    body), so a server trickling bytes cannot hold a batch forever. Bodies over ``max_bytes``
    (counted after decompression) are cut off unread. Without a ``client`` one is made under
    ``policy`` (default: public addresses only).
    """
    import httpx

    if not is_url(url):
        raise FetchError(f"not an http(s) URL: {url}")
    own = client is None
    http = client or make_client(timeout, max_redirects, policy)
    deadline = time.monotonic() + timeout
    token = _DEADLINE.set(deadline)
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
            encoding = response.headers.get("content-encoding", "")
            for chunk in _inflate(response.iter_raw(), encoding, max_bytes):
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
    except httpx.TimeoutException as err:
        if "shutting down" in str(err):
            raise FetchError("cancelled: shutting down") from None
        raise FetchError(f"timed out after {timeout:g} s") from None
    except httpx.ConnectError as err:
        raise FetchError(f"cannot connect: {_reason(err)}") from None
    except httpx.RemoteProtocolError as err:
        if "complete message body" in str(err):  # fewer bytes than its Content-Length said
            raise FetchError("the server closed the connection before the end of its answer") from None
        raise FetchError("the server closed the connection without a valid answer") from None
    except httpx.InvalidURL as err:
        raise FetchError(f"invalid URL: {err}") from None
    except httpx.HTTPError as err:
        raise FetchError(f"{type(err).__name__}: {_reason(err)}") from None
    finally:
        _DEADLINE.reset(token)
        if own:
            http.close()


def _reason(err: Exception) -> str:
    text = str(err) or type(err).__name__
    # httpx wraps OS errors as "[Errno 111] Connection refused"; keep the human part.
    if "] " in text and text.startswith("[Errno"):
        text = text.split("] ", 1)[1]
    return text.splitlines()[0].lower() if text else "unknown error"
