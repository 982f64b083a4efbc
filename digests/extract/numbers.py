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


def _prefix_alternation(prefixes: list[str]) -> str:
    """An alternation of distinct ``prefixes`` (letters), nested by their first letters so
    that a failing place is settled at its first letter or two."""
    groups: dict[str, list[str]] = {}
    for p in sorted(set(prefixes)):
        groups.setdefault(p[0], []).append(p[1:])
    alts = []
    for first, rests in groups.items():
        rests = [r for r in rests if r]
        if not rests:
            alts.append(re.escape(first))
        elif len(rests) == 1:
            alts.append(re.escape(first + rests[0]))
        else:
            alts.append(re.escape(first) + "(?:" + _prefix_alternation(rests) + ")")
    return "|".join(alts)


# Where a number word can start: the first three letters of a unit or tens word, or "a"/"an"
# before a blank ("a hundred"). A look-ahead for them settles most places the pattern is tried
# at (any word start of a rule's window: "the", "said") before the alternation is entered, and
# costs less there. It is implied by the alternation, so the pattern matches exactly what it
# matched without it (every unit and tens word has at least three letters).
_LEAD = _prefix_alternation([w[:3] for w in (*UNITS, *TENS)])
_WORD_NUMBER_BODY = (
    rf"(?:(?:{_SIMPLE}|a|an|one)\s+(?:hundred|thousand)(?:\s+(?:and\s+)?{_SIMPLE})?|{_SIMPLE})"
)
WORD_NUMBER = rf"(?=(?:{_LEAD})|an?\s){_WORD_NUMBER_BODY}"
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


# The words that can open a figure written in words: the vocabulary's unit words but "zero", its
# tens words, and the plural or approximate forms of a count ("hundreds of", "tens of", "a dozen").
_LEAD_WORDS = (
    *(w for w in UNITS if w != "zero"),
    *TENS,
    *("dozen", "hundreds", "thousands", "tens of", "millions"),
)


# The words that open a figure written in words (``figures``), as looked for: one that begins
# with another ("sixty", "tens of" after "six", "ten") starts only where that one does, and the
# other is found there (a word starting inside an earlier find of a word is not at a word start),
# so it adds no place. The times scanner finds them in its pass over the text
# (``times.scan.word_places``), with its trigger words.
NUMBER_LEADS = tuple(w for w in _LEAD_WORDS if not any(v != w and w.startswith(v) for v in _LEAD_WORDS))


# the days a name fixes to one year (resources/time/named_dates.txt: "Sept. 11 = 2001-09-11") as
# (month, day): written in digits with a dash ("after 9-11,") they name that day, as "9/11" does
NAMED_MONTH_DAYS = frozenset(
    (int(e.value[5:7]), int(e.value[8:10]))
    for e in vocab.vocabulary("named_dates").entries
    if e.value and len(e.value) == 10
)
_DASHES = "-\u2013"
# what may follow a named day written in digits: the sentence's punctuation or end, a word that
# names it (resources/time/named_days.txt: "the 9-11 attacks") or a link word ("since 9-11 and the
# wars"); a counted noun makes it a range ("9-11 witnesses")
_AFTER_NAMED_DAY = re.compile(
    rf"(?i)(?:\s*['\u2019]s)?(?:[^\w\s%$-]|\s*$|\s+(?:{vocab.NAMED_DAYS.alternation()}"
    r"|and|or|but|was|is|has|had|when|as|the|a|an|this|its|their|his|her)\b)"
)


def named_day_part(text: str, ns: int, ne: int) -> bool:
    """Whether the digits at ``text[ns:ne]`` are a part of a named day written with a dash ("after
    9-11, airports", "the 9-11 attacks": a day of named_dates.txt), not a range ("pages 9-11 of",
    "9-11 witnesses", "10-12 March")."""
    if ne < len(text) and text[ne] in _DASHES:
        second = ne + 1
        while second < len(text) and text[second].isdigit():
            second += 1
        first, last, end = text[ns:ne], text[ne + 1 : second], second
    elif ns >= 2 and text[ns - 1] in _DASHES:
        first_at = ns - 1
        while first_at > 0 and text[first_at - 1].isdigit():
            first_at -= 1
        first, last, end = text[first_at : ns - 1], text[ns:ne], ne
        ns = first_at
    else:
        return False
    if not (first.isdigit() and last.isdigit() and len(first) <= 2 and len(last) <= 2):
        return False
    if (int(first), int(last)) not in NAMED_MONTH_DAYS or (ns > 0 and text[ns - 1].isalnum()):
        return False
    return _AFTER_NAMED_DAY.match(text, end) is not None
