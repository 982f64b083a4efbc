"""Numbers written in words or digits, shared by the time and figure extractors.

The number words are the vocabulary ``resources/time/numbers.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from digests.extract import vocab

UNITS: Mapping[str, int] = MappingProxyType({w: vocab.NUMBERS.number(w) for w in vocab.NUMBERS.words("unit")})
TENS: Mapping[str, int] = MappingProxyType({w: vocab.NUMBERS.number(w) for w in vocab.NUMBERS.words("tens")})
SCALES: Mapping[str, int] = MappingProxyType(
    {w: vocab.NUMBERS.number(w) for w in vocab.NUMBERS.words("scale")}
)

_UNIT_ALT = "|".join(sorted(UNITS, key=len, reverse=True))
_TENS_ALT = "|".join(TENS)
# "twenty four", "twenty-four", "a hundred thirty", "one hundred and five", "three thousand"
_SIMPLE = rf"(?:(?:{_TENS_ALT})(?:[\s-](?:{_UNIT_ALT}))?|{_UNIT_ALT})"
# The letters a number word can start with: a look-ahead for one of them settles most places
# the pattern is tried at (any word start of a rule's window) before the alternation is entered.
# It is implied by the alternation, so the pattern matches exactly what it matched without it.
_FIRST = "".join(re.escape(c) for c in sorted({w[0] for w in (*UNITS, *TENS, "a", "an", "one")}))
WORD_NUMBER = (
    rf"(?=[{_FIRST}])(?:(?:{_SIMPLE}|a|an|one)\s+(?:hundred|thousand)(?:\s+(?:and\s+)?{_SIMPLE})?"
    rf"|{_SIMPLE})"
)
# Digits with thousands separators and decimals: 1,200 / 3.5 / 12
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER = rf"(?:{DIGITS}|(?i:{WORD_NUMBER}))"
NUMBER_RE = re.compile(rf"^(?:{DIGITS})$")

_TOKEN = re.compile(r"[a-z]+")


def parse_number(text: str) -> float | None:
    """The value of a number in digits or words ("1,200", "3.5", "twenty-four", "a hundred"), else None."""
    s = text.strip().lower()
    if not s:
        return None
    if s[0].isdigit():
        try:
            return float(s.replace(",", ""))
        except ValueError:
            return None
    total = 0
    current = 0
    seen = False
    for tok in _TOKEN.findall(s):
        if tok in UNITS:
            current += UNITS[tok]
            seen = True
        elif tok in TENS:
            current += TENS[tok]
            seen = True
        elif tok in ("a", "an"):
            current += 1
            seen = True
        elif tok == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif tok in SCALES:
            total += max(current, 1) * SCALES[tok]
            current = 0
            seen = True
        elif tok == "and":
            continue
        else:
            return None
    return float(total + current) if seen else None
