"""A name typed as a list, then reused as a loop's str (the a34ca4c shape): mypy passes it."""

import re

_WORD = re.compile(r"[a-z]+")


def long_words(text: str) -> list[str]:
    """The words of ``text`` after its first comma longer than four letters."""
    found = list(re.finditer(",", text))
    start = found[0].end() if found else 0
    out = []
    for found in _WORD.findall(text, start):
        if len(found) > 4:
            out.append(found)
    return out
