"""Text for readers: periods as people write them, titles, clean one-line text, safe links."""

from __future__ import annotations

import re

from digests.digest.models import Period, Scope
from digests.printable import plain


def format_period(period: Period) -> str:
    """A period as people write it: "6 Jan 2026", "4–7 Jan 2026", "30 Dec 2025 – 2 Jan 2026"."""
    a, b = period.since, period.until
    if a == b:
        return f"{a.day} {a:%b %Y}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%b %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%b} – {b.day} {b:%b %Y}"
    return f"{a.day} {a:%b %Y} – {b.day} {b:%b %Y}"


def digest_title(period: Period, scope: Scope) -> str:
    """The digest's title: "GeoDigest · 4–7 Jan 2026 · trade"."""
    base = f"GeoDigest · {format_period(period)}"
    desc = scope.describe()
    return f"{base} · {desc}" if desc else base


def clean(text: str, limit: int) -> str:
    """One line of plain text: control characters out (they drive terminals), capped with an
    ellipsis (``digests.printable.plain``, the one place that says what a reader's line may hold)."""
    return plain(text, limit)


def strip_outlet(title: str, outlet: str | None) -> str:
    """ "Summit ends - Reuters" -> "Summit ends": the outlet is listed with the sources."""
    title = title.strip()
    if outlet:
        m = re.match(rf"^(.{{15,}}?)\s+[|–—-]\s+(?:the\s+)?{re.escape(outlet.strip())}$", title, re.I)
        if m:
            return m.group(1)
    return title


_HTTP_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.I)


def safe_url(url: str | None) -> str | None:
    """Only http(s) links reach a digest; anything else (javascript:, data:) is dropped."""
    if not url:
        return None
    url = url.strip()
    if not _HTTP_URL.match(url):
        return None
    return url
