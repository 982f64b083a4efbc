"""HTML as the parser can take it: nesting capped below libxml2's depth limit.

libxml2 (under lxml and trafilatura) stops reading a document nested deeper than 256 elements
("Excessive depth in document") and keeps only what came before, so a page that wraps its text in
thousands of ``<div>`` elements (by accident or to hide it) lost its article. :func:`shallow` keeps
every tag up to :data:`MAX_DEPTH` open elements and drops the ones past it (and their end tags):
the text stays, read as if the extra wrappers were not there. :func:`page_tree` parses a page once
and applies it only to a page whose tree reached the limit (a few in a million: the scan costs
about a fifth of a page's extraction, the check a thousandth).
"""

from __future__ import annotations

import re
from typing import Any

#: open elements kept (libxml2 refuses past 256; the parser adds html and body, trafilatura a few)
MAX_DEPTH = 200

# comments and raw text (scripts, styles) pass whole; a tag is its name, a slash before or after it
_TOKEN = re.compile(
    r"<!--.*?(?:-->|$)|<(script|style|textarea|title)\b[^>]*>.*?(?:</\1\s*>|$)"
    r"|<(/?)([A-Za-z][A-Za-z0-9:-]*)(?:\s[^>]*)?>",
    re.S | re.I,
)
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "command", "basefont", "frame", "isindex",
})
# an element a second one of its kind ends when it opens inside it (<p>one<p>two)
_SELF_ENDING = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th", "rt", "rp"})


def shallow(markup: str, limit: int = MAX_DEPTH) -> str:
    """``markup`` with elements nested past ``limit`` open ones dropped (their content kept); the
    same string when nothing is that deep."""
    if markup.count("<") <= limit:
        return markup
    # the open elements' names; the first ``limit`` are kept, the rest dropped (an element opens
    # kept only while fewer than ``limit`` are open, so the kept ones are always the first)
    stack: list[str] = []
    names: dict[str, str] = {}  # one string per tag name: a deep page repeats one name
    parts: list[str] = []
    at = 0  # where the markup not yet copied to parts starts
    for m in _TOKEN.finditer(markup):
        name = m.group(3)
        if name is None:  # a comment or raw text
            continue
        name = names.setdefault(name.lower(), name.lower())
        if name in _VOID or m.group(0).endswith("/>"):
            continue
        drop = False
        if m.group(2):  # an end tag: closes the nearest open element of its name, and those inside it
            for i in range(len(stack) - 1, -1, -1):
                if stack[i] == name:
                    drop = i >= limit
                    del stack[i:]
                    break
        else:
            if name in _SELF_ENDING and stack and stack[-1] == name:
                stack.pop()
            drop = len(stack) >= limit
            stack.append(name)
        if drop:
            parts.append(markup[at:m.start()])
            at = m.end()
    if not parts:
        return markup
    parts.append(markup[at:])
    return "".join(parts)


# an element this deep means libxml2 reached its limit (256) and dropped what followed
_TRUNCATED = "/*" * 250


def too_deep(tree: Any) -> bool:
    """Whether the document of a parsed lxml element reaches the depth where libxml2 stops reading."""
    return bool(tree.xpath(_TRUNCATED))


# What no article page holds, and what costs libxml2 and trafilatura time that grows with its square:
# a tag with thousands of attributes (100,000 took libxml2 over 5 minutes), a page of more elements
# than this (trafilatura: 10,000 tiny paragraphs 1.5 s, 30,000 5.8 s, 100,000 52 s of CPU)
MAX_ATTRIBUTES = 1000
MAX_ELEMENTS = 50_000
_LONG_TAG = re.compile(r"<[A-Za-z][^<>]{20000}")  # a tag this long may hold many attributes
_ATTRIBUTE = re.compile(r"""[^\s=<>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]*))?""")


def _crowded_tag(markup: str) -> int:
    """The most attributes a tag of ``markup`` holds among its long tags (0 when none is long: the
    common case, one scan of a regular expression)."""
    most = 0
    for m in _LONG_TAG.finditer(markup):
        end = markup.find(">", m.start())
        tag = markup[m.start(): end if end >= 0 else len(markup)]
        most = max(most, sum(1 for _ in _ATTRIBUTE.finditer(tag, 1)) - 1)  # less the tag's name
    return most


def page_tree(markup: str) -> Any:
    """``markup`` as trafilatura reads a page: its parsed tree (parsed by trafilatura's own loader, so
    read as before), or, when that tree reached libxml2's depth limit, the markup with its nesting
    capped (:func:`shallow`), for trafilatura to parse. Markup that is no HTML comes back as it is.
    Raises :class:`InputError` for a page no article is (a tag of thousands of attributes, more
    elements than :data:`MAX_ELEMENTS`), before the parsers spend minutes on it."""
    from trafilatura.utils import load_html

    from digests.errors import InputError

    attributes = _crowded_tag(markup)
    if attributes > MAX_ATTRIBUTES:
        raise InputError(f"a tag with {attributes:,} attributes: no article page has one (at most "
                         f"{MAX_ATTRIBUTES:,} read)")
    try:
        tree = load_html(markup)
    except Exception:  # trafilatura's own parse then says what is wrong, as before
        return markup
    if tree is None:
        return markup
    elements = int(tree.xpath("count(//*)"))
    if elements > MAX_ELEMENTS:
        raise InputError(f"a page of {elements:,} elements: more than an article page has (at most "
                         f"{MAX_ELEMENTS:,} read)")
    return shallow(markup) if too_deep(tree) else tree
