"""Opinion and analysis told apart from news: URL path, label words, outlet name, bios, voice.

The rules are data (``resources/furniture/opinion.txt``). :func:`article_kind` returns
``"opinion"`` or ``"news"``; the store keeps it per article (``articles.kind``) and the
digest marks opinion and never takes "Coming up" or key developments from it alone.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal
from urllib.parse import urlsplit

from digests.furniture import furniture_lines

Kind = Literal["news", "opinion"]
#: how many lines from the top may carry a label, and from the end a bio
HEAD_LINES = 4
TAIL_LINES = 6
#: first-person words per 1,000 words of narration, and at least this many, for a column
VOICE_RATE = 12.0
VOICE_MIN = 6
# A quotation, whichever of straight and curly marks a careless page mixes.
_QUOTED = re.compile("[\"\u201c][^\"\u201c\u201d\n]*[\"\u201d]|\u2018[^\u2019\n]*\u2019")
_SPEAKER_LINE = re.compile(r"^[A-Z][\w .'\u2019-]{1,40}:")
# A headline's quotation, in any marks, single ones included ('See you in court'), not an apostrophe.
_TITLE_QUOTED = re.compile(
    "[\"\u201c][^\"\u201c\u201d]*[\"\u201d]|\u2018[^\u2019]*\u2019|(?<![\\w])'[^']*'(?![\\w])"
)


@cache
def _rules() -> dict[str, re.Pattern[str]]:
    parts: dict[str, list[str]] = {}
    for line in furniture_lines("opinion.txt"):
        kind, _, pattern = line.partition(":")
        parts.setdefault(kind.strip(), []).append(pattern.strip())
    flags = {"bio": re.IGNORECASE | re.MULTILINE, "voice": 0}
    return {
        k: re.compile("|".join(f"(?:{p})" for p in v), flags.get(k, re.IGNORECASE)) for k, v in parts.items()
    }


def has_label(title: str) -> bool:
    """Whether ``title`` already opens with an opinion or analysis label ("Opinion: ...")."""
    return bool(_rules()["label"].match(title.strip()))


def addresses_someone(title: str) -> bool:
    """Whether a headline speaks to its reader or to someone in the second person, outside any
    quotation ("Congratulations, Assad: you ..."): a column's voice, never a report's, except in
    an explainer's "what you need to know"."""
    rules = _rules()
    own = _TITLE_QUOTED.sub(" ", title)
    return bool(rules["address"].search(own)) and not rules["explainer"].search(own)


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
    if addresses_someone(title):
        return "opinion"
    head_tail = "\n".join(lines[:HEAD_LINES] + lines[-TAIL_LINES:])
    if rules["bio"].search(head_tail):
        return "opinion"
    # The narration's first-person words are among those of the whole text outside quotations (its
    # lines are lines of the text, quotations never span lines, and a quotation gives way to a
    # space in both): when those are too few, so are the narration's (most news), unread.
    if len(rules["voice"].findall(_QUOTED.sub(" ", text))) < VOICE_MIN:
        return "news"
    narration = _QUOTED.sub(" ", "\n".join(_narration(lines[1:])))
    words = len(narration.split())
    voice = len(rules["voice"].findall(narration))
    if voice >= VOICE_MIN and voice * 1000 >= VOICE_RATE * words:
        return "opinion"
    return "news"


def _narration(lines: list[str]) -> list[str]:
    """The lines told in the author's own voice: not transcript lines ("Name: ..."), not a block
    quotation (the paragraph after a line that introduces it with a colon: "he said:"), not page
    furniture (sign-up prompts speak for the outlet: "our newsletter")."""
    from digests.extract.text import is_furniture

    out = []
    after_colon = False
    for line in lines:
        quoted, after_colon = after_colon, line.endswith(":")
        if quoted or _SPEAKER_LINE.match(line) or is_furniture(line):
            continue
        out.append(line)
    return out
