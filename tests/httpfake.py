"""A small web server on 127.0.0.1 standing in for news sites and feed hosts.

It speaks real HTTP/1.1 (the standard library's server), so the fetcher is tested
through httpx end to end. Routes map a path to a handler; the defaults cover the
answers the issue lists: pages, feeds, 404, 500, slow, oversized, wrong content type,
redirect loops and a server that hangs up.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "ingest"

Handler = Callable[["_RequestHandler"], None]


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.server.web.hits.append(path)
        route = self.server.web.routes.get(path)
        if route is None:
            self.answer(404, b"<html><body>Not found</body></html>", "text/html")
            return
        route(self)

    def answer(
        self, status: int, body: bytes, content_type: str | None, headers: dict[str, str] | None = None
    ) -> None:
        """Send a complete response with a Content-Length."""
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    web: FakeWeb

    def handle_error(self, request: object, client_address: object) -> None:
        # Clients that give up (timeouts, size caps) break the pipe on purpose; stay quiet.
        pass


class FakeWeb:
    """A running fake site; ``url(path)`` gives an address on it, ``routes`` can be changed live."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Handler] = {}
        self.hits: list[str] = []
        self._server = _Server((host, 0), _RequestHandler)
        self._server.web = self
        self.port = self._server.server_address[1]
        self.base = f"http://{host}:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._install_defaults()

    def start(self) -> FakeWeb:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    # --- helpers to define routes ------------------------------------------------------------

    def page(
        self, path: str, body: bytes | str, content_type: str | None = "text/html; charset=utf-8"
    ) -> None:
        """Serve fixed content at ``path``."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = lambda h: h.answer(200, data, content_type)

    def file(self, path: str, name: str, content_type: str | None) -> None:
        """Serve a file of ``tests/data/ingest`` (``{base}`` in it becomes this server's address)."""
        data = (DATA / name).read_bytes().replace(b"{base}", self.base.encode())
        self.routes[path] = lambda h: h.answer(200, data, content_type)

    def _install_defaults(self) -> None:
        self.file("/story.html", "page.html", "text/html; charset=utf-8")
        self.file("/feed.rss", "feed.rss", "application/rss+xml")
        self.file("/feed-as-html", "feed.rss", "text/html")
        self.file("/feed.atom", "feed.atom", "application/atom+xml; charset=utf-8")
        self.file("/malformed.rss", "malformed.rss", "application/rss+xml")
        self.file("/article.txt", "plain.txt", "text/plain; charset=utf-8")
        self.file("/no-type.html", "page.html", None)
        self.file("/legacy.txt", "legacy-cp1252.txt", "text/plain; charset=windows-1252")
        self.routes["/error"] = lambda h: h.answer(500, b"Internal Server Error", "text/plain")
        self.routes["/image.png"] = lambda h: h.answer(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        self.routes["/empty"] = lambda h: h.answer(200, b"", "text/html")
        self.routes["/redirect"] = lambda h: h.answer(302, b"", None, {"Location": "/story.html"})
        self.routes["/loop-a"] = lambda h: h.answer(302, b"", None, {"Location": "/loop-b"})
        self.routes["/loop-b"] = lambda h: h.answer(302, b"", None, {"Location": "/loop-a"})
        self.routes["/slow"] = _slow
        self.routes["/trickle"] = _trickle
        self.routes["/huge"] = _huge_chunked
        self.routes["/huge-declared"] = _huge_declared
        self.routes["/hang-up"] = _hang_up
        self.routes["/slow-headers"] = _slow_headers
        self.routes["/stalled"] = self._stalled
        self.hung_up: list[float] = []  # when clients of /stalled went away

    def _stalled(self, h: _RequestHandler) -> None:
        # Headers a byte every 0.1 s for a minute: only the client can end this early.
        try:
            h.wfile.write(b"HTTP/1.1 200 OK\r\nX-Padding: ")
            for _ in range(600):
                h.wfile.write(b"p")
                h.wfile.flush()
                time.sleep(0.1)
        except OSError:
            self.hung_up.append(time.monotonic())
        h.close_connection = True


def _slow_headers(h: _RequestHandler) -> None:
    # The status line and headers one byte at a time: every read is quick, the answer never is.
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Padding: " + b"p" * 80 + b"\r\n"
    try:
        for byte in head:
            h.wfile.write(bytes([byte]))
            h.wfile.flush()
            time.sleep(0.05)
        h.wfile.write(b"Content-Length: 2\r\n\r\nok")
    except OSError:
        pass
    h.close_connection = True


def _slow(h: _RequestHandler) -> None:
    time.sleep(3)
    h.answer(200, b"<html><body><p>Too late.</p></body></html>", "text/html")


def _trickle(h: _RequestHandler) -> None:
    # Each byte arrives well within a read timeout, but the whole answer takes far too long.
    h.send_response(200)
    h.send_header("Content-Type", "text/plain")
    h.send_header("Content-Length", "200")
    h.end_headers()
    try:
        for _ in range(200):
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(0.05)
    except OSError:
        pass  # the client gave up, as it should


def _huge_chunked(h: _RequestHandler) -> None:
    # No Content-Length: the client can only find out by reading, and must stop early.
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    chunk = b"<p>" + b"filler text " * 5000 + b"</p>\n"
    try:
        for _ in range(2000):  # about 120 MB if nobody stops it
            h.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        h.wfile.write(b"0\r\n\r\n")
    except OSError:
        pass


def _huge_declared(h: _RequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(50_000_000))
    h.end_headers()
    with contextlib.suppress(OSError):
        h.wfile.write(b"<html>" + b" " * 65536)


def _hang_up(h: _RequestHandler) -> None:
    # Read the request, then close the socket without a byte of answer.
    h.close_connection = True
    with contextlib.suppress(OSError):
        h.connection.shutdown(socket.SHUT_RDWR)


def refused_url() -> str:
    """An address on 127.0.0.1 where nothing listens (a port just released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/nothing-here"
