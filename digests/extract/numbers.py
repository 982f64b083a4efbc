"""Numbers written in words or digits, shared by the time and figure extractors."""

from __future__ import annotations

import re

UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1000,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}

_UNIT_ALT = "|".join(sorted(UNITS, key=len, reverse=True))
_TENS_ALT = "|".join(TENS)
# "twenty four", "twenty-four", "a hundred thirty", "one hundred and five", "three thousand"
_SIMPLE = rf"(?:(?:{_TENS_ALT})(?:[\s-](?:{_UNIT_ALT}))?|{_UNIT_ALT})"
WORD_NUMBER = (
    rf"(?:(?:{_SIMPLE}|a|an|one)\s+(?:hundred|thousand)(?:\s+(?:and\s+)?{_SIMPLE})?"
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
