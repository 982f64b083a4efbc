"""Reading articles from files (minimal first version; issue 2 completes it)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from digests.errors import InputError
from digests.models import Article


def read_path(path: Path, *, published: date | None = None, source: str | None = None) -> Article:
    """Read one article file; the body text is kept exactly as read so offsets index the file."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read {path}: {err.strerror}") from None
    text = raw.decode("utf-8", errors="replace")
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not title:
        raise InputError(f"{path} is empty")
    return Article(title=title, text=text, published=published, source=source, origin=str(path))
