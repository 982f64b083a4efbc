"""Text fit for a terminal or a chat line: no control characters, one line, optionally shortened.

Article titles, outlets and scope names come from pages anyone can write; an escape
sequence in them must not drive the reader's terminal. An article is cleaned once as it is
read (:func:`clean`), and every line shown is cleaned again (:func:`plain`, :func:`terminal`),
for articles stored before and for text from elsewhere (commands, errors, file names).
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
# A terminal escape sequence as a whole, so none of its text is left behind ("]0;owned" of a
# title-setting OSC, "[31m" of a colour): CSI (ESC [, parameters, one final byte), the OSC, DCS,
# SOS, PM and APC strings (to BEL or ST; unterminated, to the next escape or 1,024 characters), and
# the two-character escapes ("ESC c" resets a terminal). A C1 control alone (0x9b is CSI to some
# terminals) is a control like the others: read as a space, which leaves nothing to act on.
_ESCAPE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]{0,1024}(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
)
# what a stored article and a printed answer keep of the C0 and C1 controls: tabs and line breaks
_LINE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _no_escapes(text: str) -> str:
    return _ESCAPE.sub("", text) if "\x1b" in text else text


def clean(text: str) -> str:
    """Text with its lines kept and nothing that can drive a terminal: escape sequences dropped
    whole, other control characters (but tabs and line breaks) read as spaces. An article's title,
    outlet and body as they are stored (at ingest), and every answer the console prints."""
    text = _no_escapes(text)
    return _LINE_CONTROL.sub(" ", text) if _LINE_CONTROL.search(text) else text


def plain(text: str | None, limit: int | None = None) -> str:
    """One line of printable text, shortened with an ellipsis past ``limit`` characters."""
    out = " ".join(_CONTROL.sub(" ", _no_escapes(text or "")).split())
    if limit is not None and len(out) > limit:
        cut = out[: max(1, limit - 1)]
        space = cut.rfind(" ")
        if space > limit * 0.6:
            cut = cut[:space]
        out = cut.rstrip(" ,;:-") + "…"
    return out
