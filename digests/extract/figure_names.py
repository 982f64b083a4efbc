"""Numbers that name, date or rank a thing rather than count it: "Article 51", "Flight 752", the
parts of "9/11", a clock time "3 o'clock", a year "'08", a list's "1.", an age after a name
("Foley, 40,"), a house number ("10 Downing Street"), a version ("NAFTA 2.0"), a provision
("401(k)"), a side of a tally ("273-156"), a rating ("the relationship is a 10,"), a title in
quotation marks ("told \u201c60 Minutes\u201d"), "one day" meaning some day ("could one day apply").

Asked by :mod:`digests.extract.figures` of each number before it reads what the number counts.
"""

from __future__ import annotations

import re

from digests.extract.lexicon import FIGURE_WORDS, IDENTIFIER_NOUNS
from digests.extract.numbers import named_day_part

ASCII_LETTER_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
ASCII_LETTERS = frozenset(ASCII_LETTER_CHARS)
UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
PERCENT = re.compile(r"(?i)(?:\s*|-)(?:%|per\s*cent\b|percent\b)")
# the capitalised word before a number ("Article" of "Article 51"), as word_before reads it
NOUN_BEFORE = re.compile(r"(?<![A-Za-z])([A-Z][A-Za-z]*\.?)\s+$")


_ADDRESS = re.compile(
    r"(?:\s+[A-Z][a-z]+){1,3}\s+(?:" + "|".join(w.capitalize() for w in FIGURE_WORDS["street"]) + r")\b"
)
_OCLOCK = re.compile(r"\s*o['\u2019]clock\b")
# an age told after a name ("James Foley, 40, a freelance journalist"): part of the name
_NAME_COMMA = re.compile(r"[A-Z][\w'\u2019.-]*,\s$")
_AGE_AFTER = re.compile(r"\s*(?:[,;]|\.(?:\s|$))")
# a number glued to a bracketed letter or number names a provision: "401(k)", "501(c)(3)", "230(c)"
_BRACKETED_AFTER = re.compile(r"\((?:[a-zA-Z]{1,3}|\d{1,2})\)")
# a list's numbers: "1. Health scare:" opening a paragraph, "(2) suggests", "3) that it"
_ENUM_AFTER = re.compile(r"\.\s+[A-Z\u201c\"]|\)")
# a rating: "a" right before a number that ends its phrase ("is a 10,", "rated it as \u201ca 10.\u201d")
_RATING_BEFORE = re.compile(r"(?<![\w-])[Aa]n?\s+[\"\u201c]?$")
_RATING_AFTER = frozenset(",.;:!?\"\u201d")
# a title in quotation marks opening with a number: every word after it capitalised up to the
# closing mark ("\u201c60 Minutes\u201d", "'13 Reasons Why'"; not "\u201cThree years ago, Mr. President")
_OPENING_QUOTES = frozenset("\"'\u201c\u2018")
_QUOTED_TITLE = re.compile(r"(?:\s+[A-Z][\w'\u2019-]*)+[,.!?]?[\"'\u201d\u2019]")
_AGE_WORDS = FIGURE_WORDS["age"]
_AGE_BEFORE = re.compile(r"(?i)\b(?:" + "|".join(w.replace(" ", r"\s+") for w in _AGE_WORDS) + r")\s+$")
_SPAN_BEFORE = frozenset(FIGURE_WORDS["span_before"])
_SPAN_AFTER = frozenset(FIGURE_WORDS["span_after"])
_WORD_AFTER = re.compile(r"\s+([A-Za-z]+)")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")


def not_quantity(text: str, start: int, ns: int, ne: int) -> bool:
    """Whether a number in digits names or dates something rather than counting: a year written
    "'08", a clock time "3 o'clock", a list's number, an age after a name, a house number
    ("10 Downing Street"), a version ("NAFTA 2.0"), a provision ("401(k)"). Each test is guarded
    by the character it needs next to the number, so most numbers are settled by a few lookups."""
    after = text[ne : ne + 2]
    if ns > 0 and ne - ns == 2 and text[ns - 1] in "'\u2019":
        return True
    if (after[:1] == " " and after[1:] in ("o", "O")) or after[:1] == "o":
        if _OCLOCK.match(text, ne):
            return True
    elif after[:1] == " " and after[1:].isupper() and _ADDRESS.match(text, ne):
        return True
    if after[:1] == "(" and _BRACKETED_AFTER.match(text, ne):
        return True
    if ne - ns <= 2 and after[:1] in ".)" and _ENUM_AFTER.match(text, ne):
        before = text[text.rfind("\n", 0, ns) + 1 : ns]
        if not before.strip() or (after[:1] == ")" and before.endswith(("(", " ")) and ne - ns == 1):
            return True
    if (
        ne - ns <= 3
        and start == ns
        and text[ns - 2 : ns] == ", "
        and after[:1] in ",;."
        and _NAME_COMMA.search(text, max(0, ns - 40), ns)
        and _AGE_AFTER.match(text, ne)
    ):
        return int(text[ns:ne]) <= 120
    if after[:1] in _RATING_AFTER and ns > 1 and _RATING_BEFORE.search(text, max(0, ns - 5), ns):
        return True
    if text.startswith(".0", ne - 2) and ns > 0 and text[ns - 1] == " " and not PERCENT.match(text, ne):
        return word_before(text, ns) is not None
    if after[:1] in DASHES or after in (" -", " \u2013") or (ns > 0 and text[ns - 1] in DASHES):
        return _tally(text, ns, ne)
    return False


DASHES = "-\u2013"
# a whole number after a dash (then no more digits or a unit word right after it)
_TALLY_AFTER = re.compile(r"\s?[-\u2013]\s?(\d{1,4})(?![\d/%-]|[.,]\d|\s*(?:percent|per\s+cent)\b)")
_TALLY_BEFORE = re.compile(r"(?<![\d.,/-])(\d{1,4})\s?[-\u2013]\s?$")


def _tally(text: str, ns: int, ne: int) -> bool:
    """Whether the whole number at ``text[ns:ne]`` is a side of a vote's or a game's tally: a pair
    of whole numbers joined by a dash, the second no greater ("the vote was 273-156", "a 5-4
    ruling", "won 3-1"); a range goes up ("3,000-4,000 troops", "25-30 percent")."""
    if not text[ns:ne].isdigit() or ne - ns > 4:
        return False
    other = _TALLY_AFTER.match(text, ne)
    if other is not None:
        return (ns == 0 or text[ns - 1] not in "$.,/-\u2013") and int(other[1]) <= int(text[ns:ne])
    back = _TALLY_BEFORE.search(text, max(0, ns - 7), ns)
    if back is None or text.startswith(("%", " percent"), ne):
        return False
    return int(back[1]) >= int(text[ns:ne])


def is_identifier(text: str, start: int, ns: int, ne: int) -> bool:
    """Whether the number at ``text[ns:ne]`` names a thing: after a capitalised identifier noun
    ("Article 51", "Flight 752"), or as a part of "9/11" or "9-11" (a named day)."""
    if (ns >= 2 and text[ns - 1] == "/" and text[ns - 2].isdecimal()) or (
        text.startswith("/", ne) and text[ne + 1 : ne + 2].isdigit()
    ):
        # a part of "9/11"; or of a fraction after a whole number ("2 1/2", "3-1/2"), which the
        # whole number's figure takes (``_FRACTION_AFTER``)
        return True
    if named_day_part(text, ns, ne):
        return True  # "after 9-11,": a named day, not the range 9 to 11
    if ns != start:
        return False
    if not text[ns].isdigit():
        # "Article Five", "Title Nine": a capitalised number word after an identifier noun
        if not text[ns].isupper():
            return False
        noun = word_before(text, ns)
        return noun is not None and noun.lower() in IDENTIFIER_NOUNS
    noun = word_before(text, ns)
    if noun is None and text.startswith("of", ns - 3) and text[ns - 4 : ns - 3] == " ":
        noun = word_before(text, ns - 3)  # "Group of 20", "Class of 2012"
    return noun is not None and noun.lower() in IDENTIFIER_NOUNS


def word_before(text: str, ns: int) -> str | None:
    """The capitalised word (letters, a full stop after them) before the blanks before ``ns``,
    within 24 characters, not inside a longer word: what ``NOUN_BEFORE`` finds, read off the
    characters ("Article" of "Article 51", "No." of "No. 2"), else None."""
    lo = max(0, ns - 24)
    i = ns
    while i > lo and text[i - 1].isspace():
        i -= 1
    if i == ns:
        return None
    end = i
    if i > lo and text[i - 1] == ".":
        i -= 1
    letters = i
    while i > lo and text[i - 1] in ASCII_LETTERS:
        i -= 1
    if i == letters or text[i] not in UPPER or (i > 0 and text[i - 1] in ASCII_LETTERS):
        return None
    return text[i:end]


def quoted_title(text: str, ns: int, ne: int) -> bool:
    """Whether the number at ``text[ns:ne]`` opens a title in quotation marks: the mark right
    before it, every word after it capitalised up to the closing one ("told \u201c60 Minutes\u201d",
    "CBS' \"60 Minutes,\""); not a quoted count ("\u201cThree years ago, Mr. President")."""
    return ns > 0 and text[ns - 1] in _OPENING_QUOTES and _QUOTED_TITLE.match(text, ne) is not None


def age_before(text: str, ns: int) -> bool:
    """Whether a word of age comes right before the bare number at ``ns``: "as young as 12",
    "aged 9", "at age 30" (an age in years)."""
    return ns >= 4 and text[ns - 1] == " " and text[ns - 2] in "desDES" and (
        _AGE_BEFORE.search(text, max(0, ns - 14), ns) is not None
    )


def some_day(text: str, ns: int, end: int) -> bool:
    """Whether "one day" (or "one night") at ``text[ns:end]`` means some day, no span of time: no
    word of ``@span_before`` right before it nor of ``@span_after`` right after it ("could one
    day apply", "there will be another recession one day,"; not "one day after the vote", "for
    one day", "would last one day")."""
    after = _WORD_AFTER.match(text, end)
    if after is not None and after[1].lower() in _SPAN_AFTER:
        return False
    before = _WORD_BEFORE.search(text, max(0, ns - 12), ns)
    return before is None or before[1].lower() not in _SPAN_BEFORE
