"""Opinion and analysis told apart from news: URL path, label words, outlet name, bios.

The rules are data (``resources/furniture/opinion.txt``). :func:`article_kind` returns
``"opinion"`` or ``"news"``; the store keeps it per article (``articles.kind``) and the
digest marks opinion and never takes "Coming up" or key developments from it alone.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Literal
from urllib.parse import urlsplit

Kind = Literal["news", "opinion"]
#: how many lines from the top may carry a label, and from the end a bio
HEAD_LINES = 4
TAIL_LINES = 6


@cache
def _rules() -> dict[str, re.Pattern[str]]:
    text = resources.files("digests").joinpath("resources", "furniture", "opinion.txt").read_text("utf-8")
    parts: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, pattern = line.partition(":")
        parts.setdefault(kind.strip(), []).append(pattern.strip())
    flags = {"bio": re.IGNORECASE | re.MULTILINE}
    return {
        k: re.compile("|".join(f"(?:{p})" for p in v), flags.get(k, re.IGNORECASE)) for k, v in parts.items()
    }


def has_label(title: str) -> bool:
    """Whether ``title`` already opens with an opinion or analysis label ("Opinion: ...")."""
    return bool(_rules()["label"].match(title.strip()))


def article_kind(url: str | None, title: str, text: str, source: str | None = None) -> Kind:
    """``"opinion"`` for opinion, commentary and analysis pieces, else ``"news"``."""
    rules = _rules()
    if url and rules["url"].search(urlsplit(url).path):
        return "opinion"
    if source and rules["source"].search(source):
        return "opinion"
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if any(rules["label"].match(ln) for ln in [title.strip(), *lines[:HEAD_LINES]]):
        return "opinion"
    head_tail = "\n".join(lines[:HEAD_LINES] + lines[-TAIL_LINES:])
    if rules["bio"].search(head_tail):
        return "opinion"
    return "news"
