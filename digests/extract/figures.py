"""Money, counts, durations and percentages, each with what it measures.

One pass of a number pattern (digits, spelled-out numbers, "dozens", with an
optional currency before and a scale after), then the words around each number
decide what it is: a currency ("US$300 billion", "120 billion euros"), a
percentage, a span of time ("21 consecutive years", "four-day trip"), a
measure ("12 nautical miles") or a count of the noun that follows ("14
memorandums of understanding"). Numbers that are parts of dates, clock times
or names ("F-35", "G7") are not figures.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection

from digests.extract import vocab
from digests.extract.figure_names import (
    ASCII_LETTER_CHARS,
    ASCII_LETTERS,
    DASHES,
    PERCENT,
    age_before,
    is_identifier,
    not_quantity,
    quoted_title,
    some_day,
    word_before,
)
from digests.extract.lexicon import DEMONYMS, FIGURE_WORDS, MONTHS_DAYS, STOP_CAPS
from digests.extract.numbers import DIGITS, NUMBER_LEADS, WORD_NUMBER, parse_number
from digests.extract.text import Document, is_caption
from digests.extract.times.scan import word_index, word_places
from digests.extract.times.starts import guarded
from digests.extract.wordscan import successive
from digests.models import Figure

_CUR_PREFIX = {
    "US$": "USD",
    "U.S.$": "USD",
    "S$": "SGD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "NT$": "TWD",
    "R$": "BRL",
    "MX$": "MXN",
    "RM": "MYR",
    "Rs": "INR",
    "Rs.": "INR",
    "₹": "INR",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₩": "KRW",
    "$": "USD",
    "RMB": "CNY",
    "CNY": "CNY",
    "USD": "USD",
    "EUR": "EUR",
    "GBP": "GBP",
    "JPY": "JPY",
    "SGD": "SGD",
    "KRW": "KRW",
    "INR": "INR",
    "AUD": "AUD",
    "CHF": "CHF",
    "₱": "PHP",
    "P": "PHP",
    "Rp": "IDR",
    "฿": "THB",
}
_CUR_WORD = [
    (r"(?:US|U\.S\.|American)\s+dollars?", "USD"),
    (r"Singapore\s+dollars?", "SGD"),
    (r"Hong\s+Kong\s+dollars?", "HKD"),
    (r"Australian\s+dollars?", "AUD"),
    (r"Canadian\s+dollars?", "CAD"),
    (r"New\s+Zealand\s+dollars?", "NZD"),
    (r"(?:New\s+)?Taiwan(?:ese)?\s+dollars?", "TWD"),
    (r"dollars?", "USD"),
    (r"euros?", "EUR"),
    (r"pounds?(?:\s+sterling)?", "GBP"),
    (r"yen", "JPY"),
    (r"yuan|renminbi", "CNY"),
    (r"won", "KRW"),
    (r"(?:Indian\s+)?rupees?", "INR"),
    (r"ringgit", "MYR"),
    (r"baht", "THB"),
    (r"(?:Mexican\s+)?pesos?", "MXN"),
    (r"rupiah", "IDR"),
    (r"dong", "VND"),
    (r"(?:Saudi\s+)?riyals?", "SAR"),
    (r"dirhams?", "AED"),
    (r"CFA\s+francs?", "XOF"),
    (r"Swiss\s+francs?", "CHF"),
    (r"rand", "ZAR"),
    (r"lira", "TRY"),
    (r"r[ou]bles?", "RUB"),
    (r"reais|reals?", "BRL"),
    (r"shekels?", "ILS"),
    (r"naira", "NGN"),
]
_CUR_WORD_RE = re.compile(
    r"\s+(?:" + "|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(_CUR_WORD)) + r")\b"
)
_CUR_PREFIX_RE = "|".join(re.escape(k) for k in sorted(_CUR_PREFIX, key=len, reverse=True) if k not in ("P",))
_SCALE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_VAGUE = {
    "a dozen": (12, False),
    "dozens": (24, True),
    "hundreds": (200, True),
    "thousands": (2000, True),
    "tens of thousands": (20000, True),
    "hundreds of thousands": (200000, True),
    "millions": (2e6, True),
}

# not inside a word or a number; after a dash only the second end of a range of numbers
# ("200-300 soldiers", "$2-$3 billion"; not "F-35", "-5")
_NUM = re.compile(
    rf"(?<![\w.,$€£¥₩])(?<!(?<!\d)-)(?:(?P<cur>{_CUR_PREFIX_RE})\s?)?"
    rf"(?P<num>{DIGITS}|(?i:{WORD_NUMBER}|a\s+dozen|dozens|hundreds\s+of\s+thousands|hundreds|tens\s+of\s+thousands|"
    rf"thousands|millions))"
    r"(?:\s*(?P<scale>(?i:trillion|billion|million|thousand)|bn|mn|tn|m|b|k)\b|(?![\w]))"
)
_APPROX_PHRASES = (
    r"some|around|about|roughly|approximately|nearly|almost|more\s+than|over|less\s+than|fewer\s+than|"
    r"under|at\s+least|up\s+to|an\s+estimated|estimated|close\s+to|just\s+over|just\s+under|as\s+many\s+as|"
    r"upwards\s+of|well\s+over|circa|approx\.?|~"
)
_APPROX = re.compile(rf"(?i)\b(?:{_APPROX_PHRASES})\s*$")
# the last word of each phrase: a match ends with one of them, then blanks, at the number
_APPROX_LAST = frozenset(
    re.findall(r"[a-z]+", p)[-1] for p in _APPROX_PHRASES.split("|") if re.search("[a-z]", p)
)
_POINTS = re.compile(r"(?i)\s*(?:percentage|basis)\s+points?\b")
_DURATION = re.compile(
    r"(?i)(?P<sep>[\s-]+)(?:(?:consecutive|straight|successive|more|full|long|whole|additional|extra)\s+)?"
    r"(?P<unit>years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies)|nights?)\b"
    r"(?P<old>[\s-]+old\b)?"
)
_MEASURE = re.compile(
    r"(?i)\s+(?P<unit>(?:nautical\s+|square\s+)?(?:miles?|kilometres?|kilometers?|km|metres?|meters?|feet|ft|"
    r"kilograms?|kg|tonnes?|tons?|barrels?|litres?|liters?|gallons?|hectares?|acres?|megawatts?|MW|gigawatts?|"
    r"GW|cubic\s+metres?|bcm|sq\s+km|degrees?(?:\s+(?:Celsius|Fahrenheit|centigrade))?))\b(?P<rate>\s+(?:a|per)\s+(?:day|week|month|year))?"
)
_RATE = re.compile(
    r"(?i)\s+(?P<rate>(?:a|per|an)\s+(?:day|week|month|year|barrel|tonne|share|head|person|hour))\b"
)
_PER_DOLLAR = re.compile(r"(?i)\s+(?P<rate>(?:per|to\s+the|against\s+the)\s+(?:US\s+)?(?:dollar|euro|yen))\b")
# Words that end a counted noun phrase.
_STOP_WORDS = frozenset(FIGURE_WORDS["stop"])
_DETERMINERS = frozenset(FIGURE_WORDS["determiner"])
# a word; an abbreviation of capitals keeps its last full stop when a word follows ("two U.S. banks")
_TOKEN = re.compile(r"\s*((?:[A-Z]\.){2,}(?=\s+[A-Za-z])|[A-Za-z][\w'+&.-]*[\w+]|[A-Za-z])")
_DATE_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
_WEEKDAYS = frozenset(vocab.WEEKDAYS.words())


_IRREGULAR_PLURALS = {
    "people",
    "children",
    "police",
    "staff",
    "personnel",
    "men",
    "women",
    "cattle",
    "aircraft",
}


def _plural(word: str) -> bool:
    return word in _IRREGULAR_PLURALS or (
        word.endswith("s") and not word.endswith(("ss", "us", "is", "ous", "'s"))
    )


def _noun_ahead(text: str, pos: int, limit: int, reach: int = 2) -> bool:
    """Whether a plural noun in lower case comes within ``reach`` words of ``pos``, no function
    word before it: "Hamas military commanders", "manufacturing jobs" (not "Kurds live in")."""
    for _ in range(reach):
        m = _TOKEN.match(text, pos, limit)
        if m is None:
            return False
        w = m.group(1)
        if not w[0].islower() or w in _STOP_WORDS or w in _DETERMINERS:
            return False
        if len(w) > 3 and _plural(w):
            return True
        pos = m.end()
    return False


def _noun_phrase(text: str, pos: int, limit: int) -> tuple[str, int]:
    """The counted noun phrase at ``pos``: "memorandums of understanding", "South Korean business leaders"."""
    words: list[str] = []
    end = pos
    i = pos
    while len(words) < 5:
        m = _TOKEN.match(text, i, limit)
        if not m:
            break
        w = m.group(1)
        low = w.lower()
        if low == "of" and words:
            nxt = _TOKEN.match(text, m.end(), limit)
            # "memorandums of understanding", but not "leaders of the bloc" or "200 of them"
            if (
                nxt
                and nxt.group(1).lower() not in _DETERMINERS
                and nxt.group(1).lower() not in _STOP_WORDS
                and nxt.group(1)[0].islower()
                and words[-1].lower().endswith("s")
            ):
                words.extend([w, nxt.group(1)])
                end = nxt.end()
                i = nxt.end()
                break
            break
        if low == "and" and words and words[-1][0].isupper():
            nxt = _TOKEN.match(text, m.end(), limit)
            if nxt and nxt.group(1)[0].isupper():
                # "eight Nordic and Baltic states"
                words.append(w)
                i = m.end()
                continue
        if low in _STOP_WORDS or (w[0].isupper() and w in _WEEKDAYS):
            break  # "injured 60 Friday": a weekday is when, not what
        if (
            words
            and (low.endswith("ing") or (low.endswith("ed") and not w[0].isupper()))
            and not (low.endswith("ing") and _noun_ahead(text, m.end(), limit, 1))
        ):
            break  # a verb ends the phrase, not a noun's modifier ("manufacturing jobs")
        words.append(w)
        end = m.end()
        i = m.end()
        if _plural(low):
            # a plural common noun usually ends the phrase ("leaders", "ships"); a plural name
            # before a word in lower case too ("1.7 million Kurds live")
            nxt = _TOKEN.match(text, i, limit)
            after = nxt.group(1) if nxt else ""
            verb_after = after[:1].islower() and after != "and" and not _noun_ahead(text, i, limit)
            if after.lower() != "of" and (not w[0].isupper() or verb_after):
                break
    return " ".join(words), end


# what a currency written before a number never holds: blanks aside, an opening quotation or
# bracket, and a range's dash ("$2-$3 billion": the second end's "$" is its own)
_NO_CURRENCY = "(\"'\u201c-\u2013"
# the words that open a figure written in words, with their index in the times scanner's pass
_LEADS = tuple((w, word_index(w)) for w in NUMBER_LEADS)
# searched over the words before each number: behind the look-ahead of its starts (starts.guarded)
_APPROX_SEARCH = guarded(_APPROX) or _APPROX


def find_figures(
    doc: Document, calendar: list[tuple[int, int]], captions: Collection[int] | None = None
) -> list[Figure]:
    """Figures in ``doc``'s content (and captions) with their value, unit and what they measure.

    ``calendar``: sorted offsets of dates and clock times (the times stage's
    ``calendar_spans``), whose numbers are not figures. ``captions``: the furniture
    paragraphs that are photo captions (the furniture stage's; found here when not given).
    """
    text = doc.text
    low = doc.lower
    starts: list[int] = []
    # where a number in digits begins: a run of digits not after a digit, a comma or a full
    # stop (the start of each ``\d[\d,.]*``, the shape of a number, not inside one)
    for a, _ in doc.digit_runs:
        if a > 0 and (text[a - 1] == "," or text[a - 1] == "." or text[a - 1].isdigit()):
            continue
        # a currency written before the number ("US$", "NT$", "RMB ", "€")
        tok = a
        while tok > 0 and a - tok < 6 and not text[tok - 1].isspace() and text[tok - 1] not in _NO_CURRENCY:
            tok -= 1
        if tok < a:
            starts.append(tok)
        elif a >= 4 and text[a - 4 : a] in ("RMB ", "CNY ", "USD ", "EUR ", "GBP ", "JPY ", "SGD "):
            starts.append(a - 4)
        starts.append(a)
    places = word_places(doc)
    for w, i in _LEADS:
        found = places.get(i)
        if not found:
            continue
        for pos in successive(found, len(w)):
            # only at the start of a word ("twenty", not "plenty")
            if pos == 0 or not low[pos - 1].isalpha():
                starts.append(pos)
                if pos >= 2 and low[pos - 2 : pos] == "a ":
                    starts.append(pos - 2)  # "a dozen", "a hundred"
    if not starts:
        return []
    starts = sorted(set(starts))
    skip = calendar
    allowed = [
        (p.start, p.end)
        for p in doc.paragraphs
        if not p.furniture
        or (p.index in captions if captions is not None else is_caption(text[p.start : p.end]))
    ]
    para_ends = [e for _, e in allowed]
    out: list[Figure] = []
    done = -1
    for st in starts:
        if st < done:
            continue
        k = bisect.bisect_right(para_ends, st)
        if k >= len(allowed) or allowed[k][0] > st:
            continue
        nm = _NUM.match(text, st, allowed[k][1])
        if nm is None or nm.end() <= nm.start():
            continue
        fig = _figure(text, nm, allowed[k][1], skip)
        if fig is not None:
            out.append(fig)
            done = fig.end
        else:
            done = nm.end()
    return out


def _made(
    source: str,
    start: int,
    end: int,
    value: float,
    unit: str | None = None,
    measures: str | None = None,
    approximate: bool = False,
) -> Figure:
    """The ``Figure`` of ``source[start:end]``, of values this module computed and already of the
    fields' types: built without validation (``_Frozen.trusted``), the value made a float as
    validation would."""
    return Figure.trusted(
        text=source[start:end],
        value=float(value),
        unit=unit,
        measures=measures,
        approximate=approximate,
        start=start,
        end=end,
    )


def _money(text: str, start: int, end: int, limit: int, value: float, unit: str, approximate: bool) -> Figure:
    """An amount of money, with the rate it is quoted at when one follows ("per dollar")."""
    measures: str | None = None
    rm = _RATE.match(text, end, limit)
    if rm:
        measures = rm["rate"]
        end = rm.end()
    return _made(text, start, end, value, unit=unit, measures=measures, approximate=approximate)


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    i = bisect.bisect_right(spans, (s, 10**12)) - 1
    if i >= 0 and spans[i][0] < e and spans[i][1] > s:
        return True
    i += 1
    return 0 <= i < len(spans) and spans[i][0] < e and spans[i][1] > s


# "F-35", "G7", "COVID-19"; after a plus glued to a name or a number: "P5+1", "2+2 talks"
_LETTER_BEFORE = re.compile(r"(?:[A-Za-z]-?|\w\+)$")
_OF_AFTER = re.compile(r"\s+of\b")


# a mixed fraction's fraction after its whole number: "2-1/2 hours", "3 1/2 years"
_FRACTION_AFTER = re.compile(r"[ -]([1-9])/([2-9]|1[0-6])(?![\d/])")


# after a number: the other end of a range or a choice ("25 to 30 percent", "3,000-4,000 troops")
_RANGE = re.compile(r"(?:\s+(?:to|and|or)\s+|\s*[-\u2013]\s*)(?=[\d$\u20ac\u00a3\u00a5a-z])")
_RANGE_OPENINGS = (" to ", " and ", " or ", "-", "\u2013", " -", " \u2013")
# "four dozen questions"; "hundreds of millions of households"
_DOZEN = re.compile(r"(?i)\s+dozen\b")
_OF_SCALE = re.compile(r"\s+of\s+(?P<scale>millions|billions)\b")
_VAGUE_SCALE = {"millions": 1e6, "billions": 1e9}
# "15 of the 19 hijackers": the count of the noun after a determiner (a possessive, a number)
_PARTITIVE = re.compile(
    r"\s+of\s+(?:the|those|these|their|its|his|her|our|your)\s+(?:[A-Z][\w.-]*['\u2019]s\s+)?"
    r"(?:\d[\d,.]*(?:\s+(?:million|billion|thousand))?\s+)?"
)
# "a 480-page report", "a 1,200-strong committee", "a 1-kilometer-long queue"
_COMPOUND = re.compile(r"-(?P<noun>[A-Za-z]+)(?:-(?P<adj>[a-z]+))?(?=\s)")
_ADJECTIVES = frozenset(FIGURE_WORDS["adjective"])
_ADJECTIVE_ENDS = ("ed", "al", "ive", "ic", "ous", "ary", "ing")
_NO_UNIT = frozenset(FIGURE_WORDS["no_unit"])


def _plural_of(noun: str) -> str:
    """The plural of a singular unit noun: "pages", "miles", "men", "feet", "stories"."""
    low = noun.lower()
    if low.endswith("man"):
        return noun[:-2] + "en"
    if low == "foot":
        return "feet"
    if low.endswith("y") and low[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if low.endswith(("s", "x", "ch", "sh")) else "s")


# an era after a number: "68 CE", "300 BC", "AD 79" reads the other way round
_ERA_AFTER = re.compile(r"\s+(?:B\.?C\.?E?|C\.?E\.?|A\.?D\.?)(?![\w])")
_SENTENCE_END = frozenset(".!?:\"\u201c\u2018'(\n")


def _named_by(text: str, ns: int, ne: int) -> bool:
    """Whether the bare integer at ``text[ns:ne]`` is part of a name told before it: a capitalised
    name (not a word that opens a sentence, a month or a weekday) right before it, "Falcon 9",
    "Russia 24", "Boeing 737", "H.R. 1", "S&P 500". Called only for a number with no unit and no
    counted noun after it."""
    if ne - ns > 4 or not text[ns:ne].isdigit():
        return False
    word = word_before(text, ns)
    if word is None or word in STOP_CAPS or word.rstrip(".") in MONTHS_DAYS:
        return False
    i = ns - 1
    while text[i].isspace():
        i -= 1
    if i + 1 < ns - 1:
        return False  # one blank only: "Russia 24", not a name at a line's end
    j = i + 1 - len(word)
    if j > 0 and text[j - 1] in ASCII_LETTERS:
        return False
    k = j - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    # a word that opens a sentence may be any word ("Another 150 will", "Only 3 remain"); a full
    # stop right before it with no blank is an abbreviation's ("H.J.Res. 124")
    return not (k < 0 or (text[k] in _SENTENCE_END and k < j - 1))


def _names_after(phrase: str, ns: int, ne: int) -> bool:
    """Whether the bare integer at ``ns``..``ne`` opens a name: the words after it (its counted
    phrase) are all capitalised and none plural ("The 700 Club", "38 North"; not "three
    Americans", "12 Democrats")."""
    if not phrase or ne - ns > 4:
        return False
    # a people's name counts them: "600 French", "67 Israelis", "55 Yazidis" (an -i demonym's plural)
    return all(w[0].isupper() and not _plural(w.lower()) and not w.endswith("is") and w not in DEMONYMS
               for w in phrase.split())


def _may_be_approximate(text: str, lo: int, start: int) -> bool:
    """Whether ``_APPROX`` can match ``text[lo:start]``: false only when it cannot.

    A match ends with a phrase's last word (or "approx." or "~"), then blanks; in ASCII text
    the case-blind letters are plain ones, so the run of letters before the blanks (and a
    full stop) settles it. Other text goes to the search.
    """
    seg = text[lo:start].rstrip()
    if not seg.isascii():
        return True
    i = len(seg) - 1 if seg.endswith(".") else len(seg)
    if i == 0 or seg[i - 1] not in ASCII_LETTERS:
        return bool(seg) and seg[-1] == "~"
    j = len(seg[:i].rstrip(ASCII_LETTER_CHARS))  # the run of letters before ``i`` starts at ``j``
    return seg[j:i].lower() in _APPROX_LAST


def _range_scale(text: str, end: int, limit: int, value: float) -> float:
    """The scale a number takes from the other end of its range ("2 and 4 million euros", "$5 to $10
    billion"): that number's, when it has one and is larger than ``value`` without it; else 1."""
    if not text.startswith(_RANGE_OPENINGS, end):
        return 1.0
    rm = _RANGE.match(text, end, limit)
    if rm is None:
        return 1.0
    other = _NUM.match(text, rm.end(), limit)
    if other is None or not other["scale"] or other["scale"].lower() not in _SCALE:
        return 1.0
    if other["scale"].lower() in ("m", "b", "k") and not other["cur"]:
        return 1.0
    parsed = parse_number(other["num"])
    return _SCALE[other["scale"].lower()] if parsed is not None and parsed > value else 1.0


def _range_end(text: str, end: int, limit: int, skip: list[tuple[int, int]]) -> Figure | None:
    """The figure at the other end of a range or choice starting after ``end`` ("to 30 percent")."""
    rm = _RANGE.match(text, end, limit)
    if rm is None:
        return None
    other = _NUM.match(text, rm.end(), limit)
    if other is None or other.end() <= other.start():
        return None
    return _figure(text, other, limit, skip)


def _compound(text: str, hm: re.Match[str], limit: int) -> tuple[str | None, str, int] | None:
    """A number's unit and the noun it measures in a compound ("480-page report": pages, report;
    "1,200-strong committee": no unit, committee), with where it ends; None if it is no such."""
    noun = hm["noun"].lower()
    if noun in _NO_UNIT or _plural(noun) or (hm["adj"] and hm["adj"] not in _ADJECTIVES):
        return None
    head, end = _noun_phrase(text, hm.end(), limit)
    if not head:
        return None
    words = head.split()
    if len(words) > 1:
        # the noun measured, and an adjective before it ("500-pound laser-guided bombs"); the
        # words after a singular noun are the clause's ("1,200-strong committee chose")
        n = 2 if words[0].lower().endswith(_ADJECTIVE_ENDS) else 1
        if words[0][0].isupper():  # a name: "28-member Arab League"
            n = next((i for i, w in enumerate(words) if not w[0].isupper()), len(words))
        tok = None
        for _ in range(n):
            tok = _TOKEN.match(text, tok.end() if tok else hm.end(), limit)
        if tok is not None:
            head, end = " ".join(words[:n]), tok.end()
    return (None if noun in _ADJECTIVES else _plural_of(hm["noun"])), head, end


def _figure(text: str, m: re.Match[str], limit: int, skip: list[tuple[int, int]]) -> Figure | None:
    ns, ne = m.start("num"), m.end("num")
    if _overlaps(skip, ns, ne):
        return None  # the number of a date or clock time (about a third of them)
    num = m["num"]
    low = " ".join(num.lower().split())
    before = text[max(0, m.start() - 2) : m.start()]
    if _LETTER_BEFORE.search(before) and not m["cur"]:
        return None  # "F-35", "G7", "COVID-19"
    if _DATE_SUFFIX.match(text, ne):
        return None  # ordinals: "21st"
    if text[ne : ne + 1] == " " and _ERA_AFTER.match(text, ne):
        return None  # a year: "68 CE", "300 BC"
    if is_identifier(text, m.start(), ns, ne) and not m["cur"]:
        return None  # "Article 51", "Flight 752", the 11 of "9/11"
    if quoted_title(text, ns, ne):
        return None  # told "60 Minutes"
    if num[0].isdigit() and not m["cur"] and not_quantity(text, m.start(), ns, ne):
        return None  # "'08", "3 o'clock", "1.", "Foley, 40,", "10 Downing Street", "NAFTA 2.0"
    approximate = False
    if low in _VAGUE:
        value, approximate = float(_VAGUE[low][0]), _VAGUE[low][1]
    else:
        parsed = parse_number(num)
        if parsed is None:
            return None
        value = parsed
    word_number = not num[0].isdigit()
    scale = m["scale"]
    end = m.end()
    if end == ne and not word_number and text[ne : ne + 1] in " -":
        fm = _FRACTION_AFTER.match(text, ne)
        if fm and int(fm[1]) < int(fm[2]):
            value += int(fm[1]) / int(fm[2])  # "2-1/2 hours": two and a half
            end = fm.end()
    if scale:
        s_low = scale.lower()
        # a lone "m"/"b" after a bare number without currency is too ambiguous ("5 m" = metres)
        if s_low in ("m", "b", "k") and not m["cur"]:
            end = m.end("num")
            scale = None
        else:
            value *= _SCALE[s_low]
    elif low not in _VAGUE:
        dz = _DOZEN.match(text, end, limit)
        if dz:
            value *= 12
            end = dz.end()
        else:
            value *= _range_scale(text, end, limit, value)
    elif low in ("hundreds", "thousands", "dozens"):
        vs = _OF_SCALE.match(text, end, limit)
        if vs:
            value *= _VAGUE_SCALE[vs["scale"]]
            end = vs.end()
    start = m.start()
    lo = max(0, start - 25)
    am = _APPROX_SEARCH.search(text, lo, start) if _may_be_approximate(text, lo, start) else None
    if am:
        approximate = True
        start = am.start()
    unit: str | None = None
    measures: str | None = None
    if m["cur"]:
        return _money(text, start, end, limit, value, _CUR_PREFIX[m["cur"]], approximate)
    pm = PERCENT.match(text, end, limit)
    if pm:
        end = pm.end()
        return _made(text, start, end, value, unit="percent", approximate=approximate)
    pm = _POINTS.match(text, end, limit)
    if pm:
        end = pm.end()
        unit = "basis points" if "basis" in pm.group(0).lower() else "percentage points"
        return _made(text, start, end, value, unit=unit, approximate=approximate)
    cm = _CUR_WORD_RE.match(text, end, limit)
    if cm:
        code = next(_CUR_WORD[i][1] for i in range(len(_CUR_WORD)) if cm[f"c{i}"])
        return _money(text, start, cm.end(), limit, value, code, approximate)
    dm = _DURATION.match(text, end, limit)
    if dm and not dm["old"]:
        u = dm["unit"].lower()
        if low == "one" and u in ("day", "night") and dm["sep"] == " " and some_day(text, ns, dm.end()):
            return None  # "could one day apply": some day, no span
        u = "centuries" if u.startswith("centur") else (u if u.endswith("s") else u + "s")
        end = dm.end()
        if "-" in dm["sep"]:
            # "four-day trip": the span qualifies the noun after it
            head = _TOKEN.match(text, end, limit)
            if head and head.group(1).lower() not in _STOP_WORDS:
                measures = head.group(1)
                end = head.end()
        return _made(text, start, end, value, unit=u, measures=measures, approximate=approximate)
    if dm and dm["old"]:
        # "a 31-year-old", "a 10-day-old cease-fire": an age, in the unit it is told in
        u = dm["unit"].lower()
        return _made(
            text,
            start,
            dm.end(),
            value,
            unit="centuries" if u.startswith("centur") else (u if u.endswith("s") else u + "s"),
            measures="age",
            approximate=approximate,
        )
    mm = _MEASURE.match(text, end, limit)
    if mm:
        unit = " ".join(mm["unit"].split())
        if mm["rate"]:
            unit += " " + " ".join(mm["rate"].split())
        end = mm.end()
        return _made(text, start, end, value, unit=unit, approximate=approximate)
    xm = _PER_DOLLAR.match(text, end, limit)
    if xm:
        end = xm.end()
        return _made(text, start, end, value, measures=" ".join(xm["rate"].split()), approximate=approximate)
    of = _OF_AFTER.match(text[end : end + 4]) if low in _VAGUE else None
    if of:
        cm = _CUR_WORD_RE.match(text, end + of.end(), limit)
        if cm:  # "millions of dollars"
            code = next(_CUR_WORD[i][1] for i in range(len(_CUR_WORD)) if cm[f"c{i}"])
            return _money(text, start, cm.end(), limit, value, code, approximate)
    if not word_number:
        hm = _COMPOUND.match(text, end, limit)
        if hm:
            compound = _compound(text, hm, limit)
            if compound is not None:
                unit, measures, end = compound
                return _made(text, start, end, value, unit=unit, measures=measures, approximate=approximate)
    # "dozens of economists": the vague quantity counts the noun after "of"
    phrase, pend = _noun_phrase(text, end + of.end() if of else end, limit)
    if not phrase and not word_number and low not in _VAGUE:
        pm = _PARTITIVE.match(text, end, limit)
        if pm:
            counted, _ = _noun_phrase(text, pm.end(), limit)
            if counted and _plural(counted.split()[-1].lower()):
                # the figure stays the number: "19 hijackers" after it is a figure of its own
                return _made(text, start, end, value, measures=counted, approximate=approximate)
    if not phrase and low not in ("one", "a") and not (ne - ns == 4 and 1800 <= value <= 2100):
        other = _range_end(text, end, limit, skip)
        # ("3 to 5,000 fighters", "two or three thousand": a scale left unsaid, no reading)
        if other is not None and (other.unit or other.measures) and other.value <= 100 * max(value, 1):
            # "25 to 30 percent", "3,000 to 4,000 Russians": the first reads as the second
            return _made(
                text, start, end, value, unit=other.unit, measures=other.measures, approximate=approximate
            )
    # spelled-out numbers only as counts of something plural ("three countries"), never "one of them"
    if word_number and (low in ("one", "a") or not phrase or not _plural(phrase.split()[-1].lower())):
        return None
    if not phrase and not word_number and age_before(text, ns):
        # "some as young as 12,", "aged 9": an age in years
        return _made(text, start, end, value, unit="years", measures="age", approximate=approximate)
    uncounted = not phrase or (value != 1 and not _plural(phrase.split()[-1].lower()))
    if not word_number and not approximate and (
        _names_after(phrase, ns, ne) or (uncounted and _named_by(text, ns, ne))
    ):
        # "Falcon 9 is", "the FTSE 100 index", "Russia 24, a state-run station", "Fortune 500
        # companies", "The 700 Club", "38 North, a website"
        return None
    if phrase:
        rm = _RATE.match(text, pend, limit)
        if rm and rm["rate"].split()[-1].lower() in ("day", "week", "month", "year"):
            phrase += " " + " ".join(rm["rate"].split())
            pend = rm.end()
        measures = phrase
        end = pend
    elif ns >= 2 and text[ns - 1] in DASHES and text[ns - 2].isdigit():
        return None  # a range's second end that counts nothing: "pages 9-11", "after 9-11,"
    return _made(text, start, end, value, measures=measures, approximate=approximate)
