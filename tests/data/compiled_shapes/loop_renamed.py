"""The loop's own name (``run``), and an Any value whose assignment says its type: both compile."""

import re
from typing import Any

_WORD = re.compile(r"[a-z]+")


def long_words(text: str, extra: Any) -> list[str]:
    """The words of ``text`` after its first comma longer than four letters, and ``extra``'s."""
    found = list(re.finditer(",", text))
    start = found[0].end() if found else 0
    out = []
    for run in _WORD.findall(text, start):
        if len(run) > 4:
            out.append(run)
    size = len(out)
    size_more: int = extra.size
    size = size_more
    return out[:size]
