"""Ingest's inputs: which files a folder gives, why an input cannot be read at all, and when a
page's canonical link names another stored article (read before any extraction)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from digests.models import Article

if TYPE_CHECKING:
    from digests.store import Store


HTML_SUFFIXES = (".html", ".htm", ".xhtml")
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".xml", ".rss", ".atom")


def expand_inputs(inputs: list[str], left_out: dict[str, Counter[str]] | None = None) -> list[str]:
    """Inputs with each directory replaced by the article and feed files under it, sorted.

    A directory without such files stays as it is, so that it gets its own error line. The
    other files of a directory (hidden ones aside) are counted by suffix in ``left_out``.
    """
    expanded: list[str] = []
    for spec in inputs:
        path = Path(spec)
        if "://" not in spec and path.is_dir():
            files: list[str] = []
            others: Counter[str] = Counter()
            for p in path.rglob("*"):
                if not p.is_file() or p.name.startswith("."):
                    continue
                if p.suffix.lower() in ARTICLE_SUFFIXES:
                    files.append(str(p))
                else:
                    others[p.suffix.lower() or "no suffix"] += 1
            expanded.extend(sorted(files) or [spec])
            if others and files and left_out is not None:
                left_out[spec] = others
        else:
            expanded.append(spec)
    return expanded


def left_out_note(folder: str, others: Counter[str]) -> str:
    """The warning for a folder's files that are not read: "inbox/: 3 other files left out
    (2 .json, 1 .pdf): only .txt, ... files are read"."""
    n = sum(others.values())
    kinds = ", ".join(f"{k} {suffix}" for suffix, k in others.most_common(3))
    more = ", ..." if len(others) > 3 else ""
    return (f"{folder}: {n} other file{'s' if n != 1 else ''} left out ({kinds}{more}): "
            f"only {', '.join(ARTICLE_SUFFIXES)} files are read")


def unreadable(spec: str) -> str | None:
    """Why an input cannot be read at all, said plainly (a folder without articles, a URL
    without a host); None when it is worth trying."""
    if "://" in spec:
        parts = urlsplit(spec)
        if parts.scheme.lower() in ("http", "https") and not parts.hostname:
            return "not a complete URL (no host name), e.g. https://example.org/news/story"
        return None
    if Path(spec).is_dir():
        kinds = ", ".join(ARTICLE_SUFFIXES)
        return f"no article or feed files in this folder (looked for {kinds})"
    return None


def shared_canonical(store: Store, article: Article) -> bool:
    """Whether ``article`` names, through a canonical link of its page, a different article already stored.

    Only a saved page's canonical link counts: a page fetched again at its own URL, a feed
    entry at its link, or a text whose front matter names its URL, with a changed text, is an update.
    """
    if not article.url or not article.origin or Path(article.origin).suffix.lower() not in HTML_SUFFIXES:
        return False
    stored = store.stored_at_url(article.url)
    return stored is not None and stored[0] != article.content_hash and stored[1] != article.origin
