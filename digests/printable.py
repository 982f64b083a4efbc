"""Text fit for a terminal or a chat line: no control characters, one line, optionally shortened.

Article titles, outlets and scope names come from pages anyone can write; an escape
sequence in them must not drive the reader's terminal.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def plain(text: str | None, limit: int | None = None) -> str:
    """One line of printable text, shortened with an ellipsis past ``limit`` characters."""
    out = " ".join(_CONTROL.sub(" ", text or "").split())
    if limit is not None and len(out) > limit:
        cut = out[: max(1, limit - 1)]
        space = cut.rfind(" ")
        if space > limit * 0.6:
            cut = cut[:space]
        out = cut.rstrip(" ,;:-") + "…"
    return out
