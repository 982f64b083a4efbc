"""Temporal expressions with TIMEX3 values, resolved against the publication date.

Rules, not a model: each form of expression has a precompiled pattern; every
pattern runs once over the article, overlapping candidates keep the longest,
and each survivor is normalised to a TIMEX3 value (TimeML / TempEval
conventions). Dates given without a year, bare months and weekdays are placed
before or after the publication date by the tense of the clause around them
("will", "planned", "scheduled" point ahead; past-tense verbs point back) and,
without a tense cue, on the nearest side.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from digests.extract import calendar as cal
from digests.extract.numbers import NUMBER, TENS, UNITS, WORD_NUMBER, parse_number
from digests.extract.text import Document, is_caption
from digests.models import TimeExpression, TimexType

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

_MON_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MON_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
MON = rf"(?:{_MON_FULL}|{_MON_ABBR})(?![a-z])"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[0-9]|20)\d\d"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_RANGE_SEP = r"\s*(?:-|\u2013|\u2014|to|and|through|till|until|or)\s*"
_PODS = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
    "overnight": "NI",
}
_UNIT_CODE = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "week": "W",
    "fortnight": "W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "centurie": "CE",
}
_TIME_UNITS = {"second", "minute", "hour"}
_ORD = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "final": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}
_VAGUE_QTY = r"(?:several|a\s+few|few|many|some|a\s+couple\s+of|a\s+number\s+of|the\s+past\s+few|recent)"
_QTY = rf"(?:{NUMBER}|a|an|one|{_VAGUE_QTY})"
_UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"

# Words before a bare month name that make it a date ("in April", "since May").
_MONTH_LEAD = re.compile(
    r"(?i)(?:\b(?:in|since|by|until|till|from|of|through|before|after|during|early|mid|late|last|next|this|end|"
    r"beginning|start|and|or|to|on|for|between|that|each|every|past|coming|until|throughout|as\s+of|a|an|the)\s+|'s\s+|mid-)"
    r"(?:the\s+)?(?:(?:early|late|mid|end|beginning)\s+(?:of\s+)?)?$"
)
_MOD_BEFORE = re.compile(
    r"(?i)(?:\b(?P<m>early|mid|late|the\s+(?:start|beginning|middle|end|turn)\s+of|(?:start|beginning|middle|end)\s+of|"
    r"around|about|approximately|roughly|nearly|almost|some|more\s+than|less\s+than|fewer\s+than|over|under|"
    r"at\s+least|up\s+to|no\s+more\s+than|no\s+less\s+than|close\s+to)\s+(?:the\s+)?|\b(?P<m2>mid|early|late)-(?:the\s+)?)$"
)
_MOD_MAP = {
    "early": "START",
    "mid": "MID",
    "late": "END",
    "start": "START",
    "beginning": "START",
    "middle": "MID",
    "end": "END",
    "turn": "APPROX",
    "around": "APPROX",
    "about": "APPROX",
    "approximately": "APPROX",
    "roughly": "APPROX",
    "some": "APPROX",
    "close": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "more": "MORE_THAN",
    "over": "MORE_THAN",
    "less": "LESS_THAN",
    "fewer": "LESS_THAN",
    "under": "LESS_THAN",
    "at": "EQUAL_OR_MORE",
    "up": "EQUAL_OR_LESS",
    "no more": "EQUAL_OR_LESS",
    "no less": "EQUAL_OR_MORE",
}
_POINT_MODS = {"START", "MID", "END", "APPROX"}
_QTY_MODS = {"APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS"}

# A number that is a quantity, not a year: "2000 troops", "1990 per cent".
_YEAR_FOLLOW_BAD = re.compile(
    r"(?i)\s*(?:%|per\s*cent|percent|million|billion|trillion|thousand|bn\b|mn\b|km|kg|m\b|ft\b|feet|miles?|"
    r"metres?|meters?|tonnes?|tons?|people|persons|troops|soldiers|workers|members|units|cars|homes|houses|"
    r"votes|cases|deaths|points?|yards|hectares|acres|calories|pounds|dollars|euros|yuan|yen|won|barrels|"
    r"shares|jobs|residents|students|children|patients|officers|employees|staff|seats|times|to\s+\d|-\d)"
)
_YEAR_PRECEDE_BAD = re.compile(r"(?i)(?:[$£€¥#]|\b(?:no|number|nos|page|pages|route|flight|room)\.?\s*)$")

# ---------------------------------------------------------------------------
# Tense
# ---------------------------------------------------------------------------

_FUTURE_CUE = re.compile(
    r"(?i)\b(?:will|won't|shall|'ll|going\s+to|plans?\s+to|plan\s+to|planned|planning\s+to|scheduled|"
    r"expected\s+to|expects?|set\s+to|due\s+to\s+(?:be|begin|start|end|close|finish|conclude|resume|return|"
    r"arrive|sign|vote|announce|take|hold|visit|meet|open|launch|expire|report|release|travel|leave|attend)|"
    r"slated|upcoming|to\s+be\s+held|intends?\s+to|aims?\s+to|forthcoming|is\s+to|are\s+to|would|could|"
    r"may|might|hopes?\s+to|ahead\s+of|(?:agreed|decided|promised|pledged|vowed|threatened|offered|invited|"
    r"called|urged|asked)\s+(?:\w+\s+)?to\s+(?!the\b|a\b|an\b|his\b|her\b|its\b|their\b))\b"
)
# Where a future cue can start: the first letter of one of its words after a non-word
# character (the pattern's \b), or the apostrophe of "'ll". The class is spelled out in
# both cases (plus the non-ASCII letters case-insensitive matching equates with i and s)
# so that the regex engine skips every other character in C.
_FUTURE_START = re.compile("[acdefghimopstuvwACDEFGHIMOPSTUVW\u0130\u0131\u017f'](?<!\\w[^'])")
# Past-tense cues: irregular past forms, and any word of five letters or more in -ed.
_PAST_WORDS = frozenset(
    [
        "was",
        "were",
        "had",
        "did",
        "said",
        "told",
        "went",
        "met",
        "flew",
        "came",
        "took",
        "made",
        "gave",
        "saw",
        "began",
        "won",
        "lost",
        "held",
        "left",
        "spoke",
        "sent",
        "ran",
        "became",
        "fell",
        "rose",
        "grew",
        "paid",
        "sold",
        "bought",
        "brought",
        "found",
        "got",
        "kept",
        "led",
        "struck",
        "wrote",
        "chose",
        "broke",
        "drove",
        "hit",
        "cut",
        "put",
        "thought",
        "knew",
    ]
)
_WORD_RE = re.compile(r"[A-Za-z]+")
_REPORTING = {"said", "says", "told", "added", "noted", "stated", "according", "reported", "announced"}
_MODALS = {"would", "could", "may", "might"}
_NOT_PAST_ED = {
    "based",
    "united",
    "related",
    "limited",
    "detailed",
    "advanced",
    "indeed",
    "hundred",
    "need",
    "speed",
    "proposed",
    "expected",
    "scheduled",
    "planned",
    "red",
    "bed",
    "shed",
    "seed",
    "feed",
    "proceed",
    "succeed",
    "exceed",
    "embed",
    "led",
    "interested",
    "concerned",
    "involved",
    "armed",
    "supposed",
    "used",
    "tired",
    "bored",
    "sacred",
    "naked",
    "wicked",
    "skilled",
    "unprecedented",
    "so-called",
    "called",
}


_PASSIVE_AUX = re.compile(r"(?i)\b(?:be|been|being|is|are|'s|'re|get|gets)\s+(?:\w+ly\s+)?$")
_GOVERNS = re.compile(
    r"(?i)(?:\s+(?:reporters|journalists|lawmakers|legislators|parliament|the\s+press|the\s+media|\w+\s+reporters))?"
    r"(?:\s*(?:on|in|at|during|since|last|this|early|late|mid|the|of|by)\b-?)*\s*"
)
_QUOTE_MARK = re.compile('["\u201c\u201d]')


Cue = tuple[int, int, str, cal.Direction]


def tense_cues(text: str, lo: int, hi: int) -> list[Cue]:
    """The tense cues of ``text[lo:hi]``: (start, end, lower-cased word, direction)."""
    out: list[Cue] = []
    # _FUTURE_CUE.finditer, tried only where a cue can start (see _FUTURE_START)
    pos = lo
    for c in _FUTURE_START.finditer(text, lo, hi):
        p = c.start()
        if p < pos:
            continue
        m = _FUTURE_CUE.match(text, p, hi)
        if m is not None and m.end() > m.start():
            out.append((m.start(), m.end(), m.group(0).lower(), "future"))
            pos = m.end()
    for m in _WORD_RE.finditer(text, lo, hi):
        word = m.group(0).lower()
        if word in _PAST_WORDS:
            out.append((m.start(), m.end(), word, "past"))
        elif len(word) >= 5 and word.endswith("ed") and word not in _NOT_PAST_ED:
            if _PASSIVE_AUX.search(text, max(lo, m.start() - 12), m.start()):
                continue  # "will be named": a participle, not a past tense
            out.append((m.start(), m.end(), word, "past"))
    return out


def tense_near(
    text: str, start: int, end: int, lo: int, hi: int, cues: list[Cue] | None = None
) -> cal.Direction:
    """Past or future from the cue nearest to ``text[start:end]`` inside ``text[lo:hi]``.

    Reporting verbs ("said", "told") away from the expression count less, since what
    was said is usually about something else ("said he will visit in April").
    """
    best: tuple[int, cal.Direction] | None = None
    for cs, ce, word, direction in tense_cues(text, lo, hi) if cues is None else cues:
        if start <= cs < end:
            continue
        # The verb governing a time phrase mostly comes before it.
        dist = start - ce if ce <= start else (cs - end) * 2.5
        # A cue across a clause boundary (";", " but ") weighs less.
        gap = text[min(ce, end) : max(cs, start)]
        if ";" in gap or " but " in gap or "\u2013" in gap or " \u2014 " in gap or _QUOTE_MARK.search(gap):
            dist += 200
        elif " that " in gap or ", " in gap or (cs >= end and " and " in gap):
            dist += 60
        # A reporting verb next to the expression governs it ("reported in mid-December",
        # "said Friday"); elsewhere it is usually about something else.
        if word in _REPORTING:
            adjacent = (
                _GOVERNS.fullmatch(text, ce, start) if ce <= start else _GOVERNS.fullmatch(text, end, cs)
            )
            if not adjacent:
                dist += 60
        elif word in _MODALS:
            dist += 10
        if best is None or dist < best[0]:
            best = (int(dist), direction)
    return best[1] if best else None


# ---------------------------------------------------------------------------
# Patterns: (kind, compiled regex, priority). Longer matches win overlaps;
# priority breaks ties.
# ---------------------------------------------------------------------------

_F = re.IGNORECASE


def _c(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "iso",
        _c(
            rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b(?:T(?P<hh>[01]\d|2[0-3]):(?P<mi>[0-5]\d))?"
        ),
    ),
    ("slash", _c(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:1[0-9]|20)\d\d|\d\d)(?![\d/])")),
    (
        "wd_md",
        _c(
            rf"\b(?P<wd>{_WD}),?\s+(?:the\s+)?(?P<mon>{MON})\s*(?P<day>{_DAY})(?![\d:])(?:,?\s*(?P<year>{_YEAR})(?!\d))?"
        ),
    ),
    (
        "wd_dm",
        _c(
            rf"\b(?P<wd>{_WD}),?\s+(?:the\s+)?(?P<day>{_DAY})\s+(?:of\s+)?(?P<mon>{MON})(?:,?\s*(?P<year>{_YEAR})(?!\d))?"
        ),
    ),
    (
        "md",
        _c(
            rf"\b(?P<mon>{MON})\s*(?P<day>{_DAY})(?![\d:,.]\d|\d)(?:(?P<rng>{_RANGE_SEP})(?P<day2>{_DAY})(?![\d:]|\.\d|\s*(?:{MON})))?"
            rf"(?:,?\s*(?P<year>{_YEAR})(?!\d|,\d))?"
        ),
    ),
    (
        "dm",
        _c(
            rf"(?<![\d.,$])\b(?P<day>{_DAY})(?:(?P<rng>{_RANGE_SEP})(?P<day2>{_DAY}))?\s+(?:of\s+)?(?P<mon>{MON})"
            rf"(?:,?\s*(?P<year>{_YEAR})(?!\d|,\d))?"
        ),
    ),
    ("my", _c(rf"\b(?P<mon>{MON}),?\s*(?:of\s+)?(?P<year>{_YEAR})(?!\d|,\d)")),
    (
        "mon_rel_year",
        _c(rf"\b(?P<mon>{MON})\s+(?P<rel>(?i:last|this|next))\s+year\b"),
    ),
    (
        "clock_day",
        _c(
            rf"(?i)\b(?P<clock>(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b)|noon|midnight|midday)"
            rf"\s+(?:(?:on|last|this)\s+)?(?P<day>yesterday|today|tomorrow|(?-i:{_WD}))\b"
        ),
    ),
    (
        "the_year",
        _c(
            r"(?i)\bthe\s+(?:current\s+|full\s+|calendar\s+|fiscal\s+|current\s+fiscal\s+)+year\b"
            r"(?!\s+(?:ago|earlier|before|later|after))"
        ),
    ),
    (
        "year_adj",
        _c(
            r"(?i)\b(?:the\s+)?(?:year-earlier|year-ago|year-before|prior-year)"
            r"(?:\s+(?:period|quarter|level|levels|figure|figures|results))?\b"
        ),
    ),
    ("latest_period", _c(r"(?i)\bthe\s+(?:latest|most\s+recent|recent|current)\s+period\b")),
    (
        "spelled_year",
        _c(
            r"(?i)\b(?:the\s+year\s+)?(?P<c>nineteen|two\s+thousand)(?:\s+and)?"
            r"(?:[\s-]+(?P<t>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?P<u>one|two|three|"
            r"four|five|six|seven|eight|nine))?|[\s-]+(?P<u2>one|two|three|four|five|six|seven|eight|nine|ten|"
            r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?\b"
        ),
    ),
    (
        "mon",
        _c(rf"\b(?P<mon>{_MON_FULL}|Sept\.|(?:Jan|Feb|Aug|Oct|Nov|Dec)\.(?=\s+(?:and|or|to)\b))(?![a-z])"),
    ),
    ("rel_mon", _c(rf"\b(?P<rel>(?i:this|last|next|past|coming))\s+(?P<mon>{_MON_FULL})(?![a-z])")),
    (
        "year",
        _c(
            rf"(?:(?<=mid-)|(?<![\w$£€¥.,/#'-]))(?P<fy>(?i:fiscal(?:\s+year)?|FY|the\s+year)\s*)?(?P<year>{_YEAR})(?![\w%]|,\d|\.\d|-\d|\u2013\d)"
        ),
    ),
    ("decade", _c(r"\b(?:(?i:the)\s+)?(?P<dec>(?:1[0-9]|20)\d)0'?s\b|\b(?i:the)\s+'(?P<d2>[2-9])0s\b")),
    (
        "decade_w",
        _c(
            r"(?i)\bthe\s+(?:(?:nineteen|20th-century)\s+)?(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"
        ),
    ),
    (
        "century",
        _c(
            r"(?i)\b(?:the\s+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|"
            r"ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
            r"nineteenth|twentieth|twenty-first)[\s-]+century\b"
        ),
    ),
    ("rel_century", _c(r"(?i)\b(?P<rel>this|last|next|the\s+past|the\s+previous)\s+century\b")),
    (
        "rel_word",
        _c(
            r"(?i)\b(?P<w>yesterday|today|tomorrow|tonight|overnight|now|nowadays|currently|recently|lately|"
            r"formerly|previously|(?<!so )(?<!too )(?<!as )soon(?!\s+(?:after|as|afterwards))|"
            r"the\s+future|the\s+past|"
            r"at\s+present|the\s+present\s+day|the\s+present|"
            r"these\s+days|in\s+recent\s+(?:years|months|weeks|days|decades)|recent\s+(?:years|months|weeks|days)|"
            r"(?:so\s+)?far\s+this\s+year|year-to-date)\b(?!-)"
        ),
    ),
    (
        "pod",
        _c(
            r"(?i)\b(?P<rel>this|yesterday|tomorrow|last|today|(?-i:"
            + _WD
            + r"))\s+(?P<pod>morning|afternoon|evening|night)\b"
        ),
    ),
    (
        "rel_unit",
        _c(
            r"(?i)\b(?P<pre>(?:earlier|later)\s+)?(?P<rel>this|last|next|past|previous|coming|current|following)\s+"
            r"(?P<unit>week(?:end)?|month|year|quarter|decade|fortnight|season)\b(?!-)"
        ),
    ),
    ("weekend", _c(r"(?i)\bthe\s+weekend\b")),
    (
        "rel_wd",
        _c(
            rf"\b(?P<rel>(?i:last|next|this|coming|past))\s+(?P<wd>{_WD})(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?\b"
        ),
    ),
    ("wd", _c(rf"\b(?P<wd>{_WD})(?P<pl>s)?(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?\b")),
    (
        "season",
        _c(
            r"(?i)\b(?:(?P<rel>this|last|next|past|coming|the)\s+)?(?P<s>spring|summer|autumn|fall|winter)"
            rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR})(?!\d|,\d))?\b(?!-)"
        ),
    ),
    (
        "quarter",
        _c(
            r"(?i)\b(?:the\s+)?(?:(?P<rel>latest|last|previous|current|this|next|past|recent|coming|same|"
            r"year-ago|year-earlier|prior)\s+)?(?:(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+)?"
            rf"(?:fiscal\s+)?quarter\b(?:\s+of\s+(?:the\s+)?(?:fiscal\s+)?(?:year\s+)?(?P<year>{_YEAR})|\s+(?P<year2>{_YEAR}))?"
        ),
    ),
    (
        "q",
        _c(
            rf"\b(?:Q(?P<q>[1-4])(?:\s*(?P<y>{_YEAR})|\s*FY\s*(?P<fy>{_YEAR}))?|(?P<y2>{_YEAR})\s*Q(?P<q2>[1-4]))\b"
        ),
    ),
    (
        "half",
        _c(
            rf"(?i)\b(?:the\s+)?(?P<h>first|second)\s+half\s+of\s+(?:(?P<year>{_YEAR})|(?P<rel>this|next|last|the)\s+year)\b"
        ),
    ),
    (
        "ago",
        _c(
            rf"(?i)\b(?P<qty>{_QTY})[\s-]+(?P<unit>{_UNIT})s?\s+(?P<dir>ago|earlier|later|from\s+now|hence|previously|"
            r"back|(?:before|after)\b(?!\s+(?:the|a|an|his|her|its|their|this|that|he|she|they|it|we|i)\b))"
        ),
    ),
    (
        "dur",
        _c(
            rf"(?i)\b(?:the\s+(?:past|last|next|first|previous|coming|final|following|ensuing|preceding)\s+)?"
            rf"(?P<qty>{_QTY})[\s-]+(?P<adj>(?:consecutive|straight|successive|full|more|long|additional|extra|"
            rf"whole|entire|short)\s+)?(?P<unit>{_UNIT})(?P<pl>s)?\b(?P<old>[\s-]+old\b)?"
        ),
    ),
    (
        "dur_the",
        _c(rf"(?i)\bthe\s+(?:past|last|next|previous|coming|following|preceding)\s+(?P<unit>{_UNIT})\b"),
    ),
    (
        "dur_bare",
        _c(
            r"(?i)\b(?:for|over|in|within|lasting|take|takes|took)\s+(?P<unit>years|months|weeks|days|decades|hours|minutes)\b(?!\s+(?:ago|later|earlier))"
        ),
    ),
    (
        "set",
        _c(
            r"(?i)\b(?:every|each|per)\s+(?:(?P<other>other)\s+)?(?P<unit>day|week|month|year|quarter|morning|"
            r"afternoon|evening|night|weekend|hour|summer|winter|spring|autumn|decade|(?-i:"
            + _WD
            + r"|"
            + _MON_FULL
            + r"))\b"
            r"|\b(?P<adv>daily|weekly|monthly|annually|yearly|nightly|hourly|quarterly|fortnightly|biweekly|biannually)\b"
            rf"|\b(?P<freq>once|twice|thrice|(?:{WORD_NUMBER}|\d+)\s+times)\s+(?:a|an|per|each|every)\s+(?P<u2>day|week|month|year|decade)\b"
        ),
    ),
    (
        "clock",
        _c(
            r"(?i)\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.?|p\.m\.?|am\b|pm\b)"
            r"|\b(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?![\d:])(?:\s*(?:hrs|h)\b)?"
            r"|\b(?P<hm>[01]\d|2[0-3])(?P<mm>[0-5]\d)\s*(?:GMT|UTC|hrs|hours\s+GMT)\b"
            r"|\b(?:at\s+)?(?P<nm>noon|midday|midnight)\b"
        ),
    ),
    (
        "holiday",
        _c(
            r"(?<!Lunar )(?<!Chinese )(?<!Jewish )(?<!Islamic )(?<!Persian )"
            r"\b(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year'?s?\s+(?:Day|Eve)|"
            r"New\s+Year(?!'?s?\s+(?:resolution|message|address|speech|honou?rs))|Thanksgiving(?:\s+Day)?|"
            r"Easter(?:\s+Sunday|\s+Monday)?|Good\s+Friday|Halloween|"
            r"Valentine'?s\s+Day|Boxing\s+Day|Independence\s+Day|Labou?r\s+Day|Memorial\s+Day|Veterans\s+Day|"
            rf"Christmas\s+Day)(?:\s+(?P<year>{_YEAR}))?\b"
        ),
    ),
    ("unit_end", _c(r"(?i)\b(?P<unit>year|month|week|quarter)-end\b")),
    (
        "end_of",
        _c(
            r"(?i)\b(?:the\s+)?(?P<m>end|start|beginning|middle|close|turn)\s+of\s+(?:the|this)\s+(?P<unit>year|month|week|decade|century)\b"
        ),
    ),
]

_KIND_PRIORITY = {kind: i for i, (kind, _) in enumerate(_PATTERNS)}

# Speed: rather than run every pattern over the whole article, find the words a
# temporal expression cannot do without (plain str.find on the lower-cased text,
# fast C), and run only the patterns those words can start, in a window around them.
_MONTH_WORDS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
)
_WEEKDAY_WORDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_UNIT_WORDS = (
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "fortnight",
    "month",
    "quarter",
    "year",
    "decade",
    "centur",
    "half",
)
# kind -> (trigger words, characters to look at before / after a trigger)
_KIND_TRIGGERS: dict[str, tuple[tuple[str, ...], int, int]] = {
    "md": (_MONTH_WORDS, 4, 30),
    "dm": (_MONTH_WORDS, 16, 12),
    "my": (_MONTH_WORDS, 4, 16),
    "mon": (_MONTH_WORDS, 4, 8),
    "rel_mon": (_MONTH_WORDS, 10, 4),
    "mon_rel_year": (_MONTH_WORDS, 4, 20),
    "wd_md": (_WEEKDAY_WORDS, 4, 40),
    "wd_dm": (_WEEKDAY_WORDS, 4, 40),
    "wd": (_WEEKDAY_WORDS, 4, 14),
    "rel_wd": (_WEEKDAY_WORDS, 10, 14),
    "pod": (("morning", "afternoon", "evening", "night"), 24, 4),
    "clock_day": ((*_WEEKDAY_WORDS, "yesterday", "today", "tomorrow"), 30, 4),
    "dur": (_UNIT_WORDS, 30, 10),
    "dur_the": (_UNIT_WORDS, 24, 8),
    "dur_bare": (_UNIT_WORDS, 10, 8),
    "rel_unit": (_UNIT_WORDS, 22, 4),
    "the_year": (("year",), 28, 30),
    "year_adj": (("year-earlier", "year-ago", "year-before", "prior-year"), 6, 12),
    "latest_period": (("period",), 24, 2),
    "spelled_year": (("nineteen", "two thousand"), 10, 30),
    "unit_end": (("-end",), 10, 2),
    "end_of": (("end of", "start of", "beginning of", "middle of", "close of", "turn of"), 6, 22),
    "weekend": (("weekend",), 6, 2),
    "quarter": (("quarter",), 32, 28),
    "half": (("half",), 12, 30),
    "rel_century": (("centur",), 16, 4),
    "century": (("centur",), 22, 4),
    "rel_word": (
        (
            "yesterday",
            "today",
            "tomorrow",
            "tonight",
            "overnight",
            "now",
            "currently",
            "recent",
            "lately",
            "formerly",
            "previously",
            "soon",
            "future",
            "past",
            "present",
            "these days",
            "recently",
            "far this",
            "year-to-date",
        ),
        10,
        26,
    ),
    "ago": (
        ("ago", "earlier", "later", "hence", "from now", "before", "after", "previously", "back"),
        34,
        16,
    ),
    "season": (("spring", "summer", "autumn", "fall", "winter"), 8, 16),
    "set": (
        (
            "daily",
            "weekly",
            "monthly",
            "annually",
            "yearly",
            "nightly",
            "hourly",
            "quarterly",
            "fortnightly",
            "biweekly",
            "biannually",
            "every",
            "each",
            "per",
            "once",
            "twice",
            "thrice",
            "times",
        ),
        28,
        30,
    ),
    "holiday": (
        (
            "christmas",
            "new year",
            "thanksgiving",
            "easter",
            "good friday",
            "halloween",
            "valentine",
            "boxing day",
            "independence day",
            "labour day",
            "labor day",
            "memorial day",
            "veterans day",
        ),
        12,
        20,
    ),
    "clock": (("noon", "midday", "midnight"), 8, 4),
    "decade_w": (
        ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"),
        25,
        5,
    ),
}
_DIGITS_RE = re.compile(r"\d+")
_CLOCK_AFTER = re.compile(r"[:.]\d\d|\s*(?:[ap]\.?m\b|[ap]\.m\.|gmt|utc|hrs)", re.I)
_cache: tuple[str, list[tuple[str, re.Match[str]]]] | None = None


_PUNCT = ".,;:!?\"'()[]{}\u201c\u201d\u2018\u2019"


# Every trigger word once, with the kinds it opens a window for: (kind, before, after).
# A word is looked for only if it is in the text at all (a C substring test), and a
# plain word only if the vocabulary has it too.
def _trigger_uses() -> tuple[tuple[str, bool, tuple[tuple[str, int, int], ...]], ...]:
    uses: dict[str, list[tuple[str, int, int]]] = {}
    for k, (words, left, right) in _KIND_TRIGGERS.items():
        for w in words:
            # right: room for the patterns' look-aheads
            uses.setdefault(w, []).append((k, left, max(right, 16)))
    return tuple((w, " " in w or w[0] == "-", tuple(u)) for w, u in uses.items())


_TRIGGER_USES = _trigger_uses()
_POSSESSIVE = ("'s", "\u2019s")


def _vocabulary(low: str) -> set[str]:
    """The words of a lower-cased text (hyphenated parts too), so that absent triggers cost nothing."""
    tokens = set(low.split())
    # most tokens are bare words, which stripping, the possessive and hyphens leave alone
    vocab = {tok for tok in tokens if tok.isalpha()}
    for tok in tokens.difference(vocab):
        tok = tok.strip(_PUNCT)
        if tok.endswith(_POSSESSIVE):
            tok = tok[:-2]
        vocab.add(tok)
        if "-" in tok:
            vocab.update(tok.split("-"))
    if "centuries" in vocab:
        vocab.add("century")
    return vocab


def _find_all(low: str, w: str) -> list[tuple[int, int]]:
    """Offsets of ``w`` in ``low`` where it starts a word (and, but for units, ends one or takes an s)."""
    pos = low.find(w)
    if pos < 0:
        return []
    n = len(low)
    out: list[tuple[int, int]] = []
    unit = w in _UNIT_WORDS
    while pos >= 0:
        end = pos + len(w)
        if (pos == 0 or not low[pos - 1].isalpha() or w[0] == "-") and (
            unit or end >= n or not low[end].isalpha() or low[end] == "s"
        ):
            out.append((pos, end))
        pos = low.find(w, end)
    return out


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per pattern kind, the merged stretches of ``text`` worth running it on.

    A window need not start on a word boundary: the patterns' own \\b and
    look-behinds see the text before it.
    """
    low = text.lower()
    n = len(text)
    vocab: set[str] | None = None
    raw: dict[str, list[tuple[int, int]]] = {}
    for w, always, uses in _TRIGGER_USES:
        if not always:
            # a set look-up is cheaper than the substring scan in _find_all
            if vocab is None:
                vocab = _vocabulary(low)
            if not (w in vocab or w + "s" in vocab or (w == "centur" and "century" in vocab)):
                continue
        hits = _find_all(low, w)
        if not hits:
            continue
        for k, left, right in uses:
            spans = raw.get(k)
            if spans is None:
                spans = raw[k] = []
            spans.extend([(p - left if p > left else 0, e + right) for p, e in hits])
    for m in _DIGITS_RE.finditer(text):
        a, b = m.span()
        width = b - a
        nxt = text[b : b + 1]
        if width == 4:
            raw.setdefault("year", []).append((max(0, a - 20), b + 16))
            if nxt == "-":
                raw.setdefault("iso", []).append((max(0, a - 2), b + 16))
            elif nxt in ("s", "'", "\u2019"):
                raw.setdefault("decade", []).append((max(0, a - 10), b + 16))
            if "Q" in text[max(0, a - 3) : b + 3]:
                raw.setdefault("q", []).append((max(0, a - 6), b + 16))
            if a > 0 and text[a - 1] == "/":
                raw.setdefault("slash", []).append((max(0, a - 8), b + 16))
        elif width <= 2:
            if nxt == "/":
                raw.setdefault("slash", []).append((max(0, a - 3), b + 16))
            if _CLOCK_AFTER.match(text, b):
                raw.setdefault("clock", []).append((max(0, a - 6), b + 30))
                raw.setdefault("clock_day", []).append((max(0, a - 6), b + 30))
            if nxt == "s" or (a > 0 and text[a - 1] == "'"):
                raw.setdefault("decade", []).append((max(0, a - 8), b + 16))
            if a > 0 and text[a - 1] in "Qq":
                raw.setdefault("q", []).append((max(0, a - 3), b + 16))
    merged: dict[str, list[tuple[int, int]]] = {}
    for k, spans in raw.items():
        spans.sort()
        out = [spans[0]]
        last_lo, last_hi = spans[0]
        for lo, hi in spans:
            if lo <= last_hi:
                if hi > last_hi:
                    last_hi = hi
                    out[-1] = (last_lo, hi)
            else:
                last_lo, last_hi = lo, hi
                out.append((lo, hi))
        if last_hi > n:
            out[-1] = (last_lo, n)
        merged[k] = out
    return merged


def _candidates(text: str) -> list[tuple[str, re.Match[str]]]:
    """Every pattern match in ``text`` (kind, match); the last text's result is kept for figures."""
    global _cache
    last = _cache  # one read: another thread may replace it meanwhile
    if last is not None and last[0] is text:
        return last[1]
    found: list[tuple[str, re.Match[str]]] = []
    for kind, spans in _windows(text).items():
        rx = _RE[kind]
        first = _STARTS.get(kind)
        if first is None:
            for lo, hi in spans:
                for m in rx.finditer(text, lo, hi):
                    if m.end() > m.start():
                        found.append((kind, m))
            continue
        # The same matches as rx.finditer: tried at each place a match can start, in
        # order, the next search going on from the end of the last match found.
        for lo, hi in spans:
            pos = lo
            for c in first.finditer(text, lo, hi):
                p = c.start()
                if p < pos:
                    continue
                hit = rx.match(text, p, hi)
                if hit is not None and hit.end() > hit.start():
                    found.append((kind, hit))
                    pos = hit.end()
    _cache = (text, found)
    return found


def _start_filter(letters: str, digits: str) -> re.Pattern[str]:
    """Where a word-initial match can start: one of ``letters`` in either case, or a digit.

    The class is spelled out rather than case-folded so that the regex engine skips
    every other character in C; the non-ASCII letters that case-insensitive matching
    equates with i, k and s are added by hand.
    """
    extra = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
    chars = "".join(c + c.upper() + extra.get(c, "") for c in letters)
    # (?<!\w.): the character before the start is not a word character (the pattern's \b)
    return re.compile(f"[{digits}{chars}](?<!\\w.)")


# For the costliest kinds, every character a match can start with (each of these
# patterns opens with \b before a word or number and cannot match empty).
# (Kinds whose matches can start with most letters, "set" or "rel_unit", gain nothing.)
_STARTS: dict[str, re.Pattern[str]] = {
    "dur": _start_filter("aefmnorstz", "\\d"),
    "ago": _start_filter("aefmnorstz", "\\d"),
    "dur_bare": _start_filter("filotw", ""),
    "dm": _start_filter("", "0-9"),
}


_PREFILTER = re.compile(
    r"\d|[A-Z][a-z]|(?i:day|week|month|year|now|recent|past|future|soon|ago|daily|annual|hour|minute|century|decade|night|morning|evening|noon|quarter|weekly|weekend|summer|winter|spring|autumn|fall|lately|formerly|previously|every|each)"
)


@dataclass
class _Out:
    start: int
    end: int
    type: TimexType
    value: str
    mod: str | None = None


@dataclass
class _Ctx:
    text: str
    dct: date | None
    sent_lo: int = 0
    sent_hi: int = 0
    anchor: str | None = None  # the last resolved calendar value, for "two days later"
    anchor_near: bool = False  # whether that value is a date right before the current expression
    anchor_para: bool = False  # whether it is in the current paragraph
    cue_key: tuple[int, int] = (-1, -1)
    cues: list[Cue] = field(default_factory=list)
    last_quarter: str | None = None  # the last quarter named ("2026-Q3"): quarterly reports count from it

    def tense(self, start: int, end: int) -> cal.Direction:
        key = (self.sent_lo, self.sent_hi)
        if key != self.cue_key:
            self.cues = tense_cues(self.text, self.sent_lo, self.sent_hi)
            self.cue_key = key
        return tense_near(self.text, start, end, self.sent_lo, self.sent_hi, self.cues)


# ---------------------------------------------------------------------------
# Handlers: one per kind; each returns the timexes a match stands for.
# ---------------------------------------------------------------------------


def _day_or_unknown(d: date | None) -> str:
    return d.isoformat() if d else "XXXX-XX-XX"


def _fmt_year(y: int) -> str:
    return f"{y:04d}"


def _resolve_md(
    ctx: _Ctx, month: int, day: int, year: str | None, start: int, end: int, weekday: int | None = None
) -> str | None:
    if year:
        y = int(year)
        return f"{y:04d}-{month:02d}-{day:02d}" if cal.valid_day(y, month, day) else None
    if ctx.dct is None:
        return f"XXXX-{month:02d}-{day:02d}" if 1 <= day <= 31 else None
    if weekday is not None:
        # A weekday given with the date picks the year.
        for y in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
            if cal.valid_day(y, month, day) and date(y, month, day).weekday() == weekday:
                return date(y, month, day).isoformat()
    d = cal.resolve_month_day(ctx.dct, month, day, ctx.tense(start, end))
    return d.isoformat() if d else None


def _day_num(s: str) -> int:
    return int(re.sub(r"\D", "", s))


def _h_iso(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not cal.valid_day(y, mo, d):
        return []
    if m["hh"]:
        return [_Out(m.start(), m.end(), "TIME", f"{y:04d}-{mo:02d}-{d:02d}T{m['hh']}:{m['mi']}")]
    return [_Out(m.start(), m.end(), "DATE", f"{y:04d}-{mo:02d}-{d:02d}")]


def _h_slash(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    a, b, ys = int(m["a"]), int(m["b"]), m["y"]
    y = int(ys) if len(ys) == 4 else (2000 + int(ys) if int(ys) < 50 else 1900 + int(ys))
    # Month first (US style) unless the first number cannot be a month.
    month, day = (a, b) if a <= 12 else (b, a)
    if not cal.valid_day(y, month, day):
        return []
    return [_Out(m.start(), m.end(), "DATE", f"{y:04d}-{month:02d}-{day:02d}")]


def _h_md(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    month = cal.month_number(m["mon"])
    day = _day_num(m["day"])
    wd = cal.weekday_number(m["wd"]) if "wd" in m.re.groupindex and m["wd"] else None
    value = _resolve_md(ctx, month, day, m["year"], m.start(), m.end(), wd)
    if value is None:
        return []
    day2 = m["day2"] if "day2" in m.re.groupindex else None
    kind_dm = m.re is _RE["dm"]
    if (
        day2
        and _day_num(day2) > day
        and cal.valid_day(int(value[:4]) if value[0] != "X" else 2000, month, _day_num(day2))
    ):
        v2 = value[:8] + f"{_day_num(day2):02d}"
        if kind_dm:
            # "13-14 January": the first day alone, then "14 January"
            return [
                _Out(m.start("day"), m.end("day"), "DATE", value),
                _Out(m.start("day2"), m.end(), "DATE", v2),
            ]
        end1 = m.end("day")
        return [_Out(m.start(), end1, "DATE", value), _Out(m.start("day2"), m.end(), "DATE", v2)]
    if day2:
        # not a range after all: keep the first date only
        if kind_dm:
            return []
        return [_Out(m.start(), m.end("day"), "DATE", value)]
    return [_Out(m.start(), m.end(), "DATE", value)]


def _h_my(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    return [_Out(m.start(), m.end(), "DATE", f"{int(m['year']):04d}-{cal.month_number(m['mon']):02d}")]


_MONTH_VERB = re.compile(r"\s+(?:is|was|will|would|could|may|might|has|had|looks|seems)\b")


def _h_mon(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    lead = ctx.text[max(0, m.start() - 40) : m.start()]
    after = ctx.text[m.end() : m.end() + 2]
    if (
        not _MONTH_LEAD.search(lead)
        and (m["mon"] == "May" or not re.match(r"^(?:[,.;:)]|\s*$)", after))
        and not _MONTH_VERB.match(ctx.text, m.end())
    ):
        return []
    month = cal.month_number(m["mon"])
    if ctx.dct is None:
        return [_Out(m.start(), m.end(), "DATE", f"XXXX-{month:02d}")]
    d = cal.resolve_month(ctx.dct, month, ctx.tense(m.start(), m.end()))
    return [_Out(m.start(), m.end(), "DATE", cal.month_value(d))]


def _h_rel_mon(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    month = cal.month_number(m["mon"])
    if ctx.dct is None:
        return [_Out(m.start(), m.end(), "DATE", f"XXXX-{month:02d}")]
    rel = m["rel"].lower()
    y = ctx.dct.year
    if rel in ("last", "past"):
        y = y if month < ctx.dct.month else y - 1
    elif rel in ("next", "coming"):
        y = y if month > ctx.dct.month else y + 1
    return [_Out(m.start(), m.end(), "DATE", f"{y:04d}-{month:02d}")]


def _h_year(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    y = int(m["year"])
    if not m["fy"]:
        if _YEAR_FOLLOW_BAD.match(ctx.text, m.end()) or _YEAR_PRECEDE_BAD.search(
            ctx.text, max(0, m.start() - 6), m.start()
        ):
            return []
        if y < 1500 or y > 2100:
            return []
    start = m.start() if m["fy"] and "year" not in m["fy"].lower() else m.start("year")
    return [_Out(start, m.end(), "DATE", _fmt_year(y))]


def _h_decade(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    if m["dec"]:
        return [_Out(m.start(), m.end(), "DATE", m["dec"])]
    return [_Out(m.start(), m.end(), "DATE", "19" + m["d2"])]


def _h_decade_w(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    return [_Out(m.start(), m.end(), "DATE", f"19{_DECADE_WORDS[m['w'].lower()]}")]


def _h_century(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    o = m["ord"].lower()
    n = int(re.sub(r"\D", "", o)) if o[0].isdigit() else _ORD.get(o, 0)
    if not 1 <= n <= 30:
        return []
    return [_Out(m.start(), m.end(), "DATE", f"{n - 1:02d}")]


def _h_rel_century(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    if ctx.dct is None:
        return [_Out(m.start(), m.end(), "DATE", "XX")]
    c = ctx.dct.year // 100
    rel = m["rel"].lower()
    if rel.startswith("the"):
        return [_Out(m.start(), m.end(), "DURATION", "P1CE")]
    c += {"this": 0, "last": -1, "next": 1}[rel]
    return [_Out(m.start(), m.end(), "DATE", f"{c:02d}")]


_REF = {
    "now": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "the present day": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "recently": "PAST_REF",
    "lately": "PAST_REF",
    "formerly": "PAST_REF",
    "previously": "PAST_REF",
    "the past": "PAST_REF",
    "the future": "FUTURE_REF",
    "soon": "FUTURE_REF",
}


def _h_rel_word(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    w = " ".join(m["w"].lower().split())
    if w in _REF:
        return [_Out(m.start(), m.end(), "DATE", _REF[w])]
    if "recent" in w:
        s = m.start() + (3 if w.startswith("in ") else 0)
        return [_Out(s, m.end(), "DATE", "PAST_REF")]
    if "this year" in w or w == "year-to-date":
        return [_Out(m.start(), m.end(), "DATE", cal.year_value(ctx.dct) if ctx.dct else "XXXX")]
    d = ctx.dct
    if w == "yesterday":
        return [_Out(m.start(), m.end(), "DATE", _day_or_unknown(d and d - timedelta(days=1)))]
    if w == "tomorrow":
        return [_Out(m.start(), m.end(), "DATE", _day_or_unknown(d and d + timedelta(days=1)))]
    if w == "today":
        return [_Out(m.start(), m.end(), "DATE", _day_or_unknown(d))]
    if w in ("tonight", "overnight"):
        return [_Out(m.start(), m.end(), "TIME", _day_or_unknown(d) + "TNI")]
    return []


def _h_pod(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    rel = m["rel"].lower()
    pod = _PODS[m["pod"].lower()]
    d = ctx.dct
    if d is None:
        return [_Out(m.start(), m.end(), "TIME", "XXXX-XX-XXT" + pod)]
    if rel in ("this", "today"):
        day = d
    elif rel in ("yesterday",) or (rel == "last" and pod == "NI"):
        day = d - timedelta(days=1)
    elif rel == "tomorrow":
        day = d + timedelta(days=1)
    elif rel == "last":
        day = d - timedelta(days=1)
    else:
        day = cal.resolve_weekday(d, cal.weekday_number(rel), ctx.tense(m.start(), m.end()))
    return [_Out(m.start(), m.end(), "TIME", day.isoformat() + "T" + pod)]


def _h_rel_unit(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    start = m.start()
    if unit == "season":
        return []
    d = ctx.dct
    step = {
        "this": 0,
        "current": 0,
        "last": -1,
        "past": -1,
        "previous": -1,
        "next": 1,
        "coming": 1,
        "following": 1,
    }[rel]
    if rel == "following":
        return []  # anaphoric: "the following week" needs a narrative anchor
    if rel in ("past", "previous") and ctx.text[max(0, start - 4) : start].lower() == "the ":
        code = _UNIT_CODE.get(unit.replace("weekend", "week"), "")
        if unit == "weekend":
            code = ""
        if code:
            if unit == "fortnight":
                return [_Out(start - 4, m.end(), "DURATION", "P2W")]
            return [_Out(start - 4, m.end(), "DURATION", f"P1{code}")]
    if d is None:
        xs = {
            "week": "XXXX-WXX",
            "weekend": "XXXX-WXX-WE",
            "month": "XXXX-XX",
            "year": "XXXX",
            "quarter": "XXXX-QX",
            "decade": "XXX",
            "fortnight": "XXXX-WXX",
        }
        return [_Out(start, m.end(), "DATE", xs[unit])]
    if unit in ("week", "fortnight"):
        v = cal.week_value(d + timedelta(weeks=step))
    elif unit == "weekend":
        v = cal.week_value(d + timedelta(weeks=step)) + "-WE"
    elif unit == "month":
        v = cal.month_value(cal.add_months(d, step))
    elif unit == "quarter":
        v = cal.quarter_value(cal.add_months(d, 3 * step))
    elif unit == "decade":
        v = f"{d.year // 10 + step:03d}"
    else:
        v = _fmt_year(d.year + step)
    return [_Out(start, m.end(), "DATE", v)]


def _h_weekend(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    d = ctx.dct
    if d is None:
        return [_Out(m.start(), m.end(), "DATE", "XXXX-WXX-WE")]
    direction = ctx.tense(m.start(), m.end())
    if d.weekday() >= 5:
        ref = d
    elif direction == "future":
        ref = d + timedelta(days=5 - d.weekday())
    else:
        ref = d - timedelta(days=d.weekday() + 1)
    return [_Out(m.start(), m.end(), "DATE", cal.week_value(ref) + "-WE")]


def _h_rel_wd(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    wd = cal.weekday_number(m["wd"])
    rel = m["rel"].lower()
    if ctx.dct is None:
        return [_Out(m.start(), m.end(), "DATE", "XXXX-XX-XX")]
    relation = {"last": "last", "past": "last", "next": "next", "coming": "next", "this": None}[rel]
    direction = ctx.tense(m.start(), m.end())
    if relation is None:
        day = cal.resolve_weekday(ctx.dct, wd, direction)
    else:
        day = cal.resolve_weekday(ctx.dct, wd, direction, relation=relation)
    if m["pod"]:
        return [_Out(m.start(), m.end(), "TIME", day.isoformat() + "T" + _PODS[m["pod"].lower()])]
    return [_Out(m.start(), m.end(), "DATE", day.isoformat())]


def _h_wd(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    wd = cal.weekday_number(m["wd"])
    if m["pl"]:
        return [_Out(m.start(), m.end(), "SET", f"XXXX-WXX-{wd + 1}")]
    if ctx.dct is None:
        return [_Out(m.start(), m.end(), "DATE", "XXXX-XX-XX")]
    day = cal.resolve_weekday(ctx.dct, wd, ctx.tense(m.start(), m.end()))
    if m["pod"]:
        return [_Out(m.start(), m.end(), "TIME", day.isoformat() + "T" + _PODS[m["pod"].lower()])]
    return [_Out(m.start(), m.end(), "DATE", day.isoformat())]


def _h_season(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    code = cal.SEASONS[m["s"].lower()]
    rel = (m["rel"] or "").lower()
    lead = ctx.text[max(0, m.start() - 12) : m.start()].lower()
    if m["year"]:
        return [_Out(m.start(), m.end(), "DATE", f"{int(m['year']):04d}-{code}")]
    if re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]):
        return []  # "the fall of Assad", "the spring of hope"
    if not rel and not re.search(
        r"(?:\bin|\bby|\buntil|\bsince|\bduring|\bthis|\bearly|\blate|mid-?)\s*$", lead
    ):
        return []
    if (
        m["s"].lower() == "fall"
        and rel in ("", "the")
        and not re.search(
            r"\b(?:in|this|by|until|since|during)\s+(?:the\s+)?$", lead + (m["rel"] or "") + " "
        )
    ):
        return []
    if ctx.dct is None:
        return [_Out(m.start(), m.end(), "DATE", f"XXXX-{code}")]
    relation = {"this": "this", "last": "last", "past": "last", "next": "next", "coming": "next"}.get(rel)
    y = cal.resolve_season(ctx.dct, code, ctx.tense(m.start(), m.end()), relation)
    return [_Out(m.start(), m.end(), "DATE", f"{y:04d}-{code}")]


def _h_quarter(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    rel = (m["rel"] or "").lower()
    ordw = (m["ord"] or "").lower()
    year = m["year"] or m["year2"]
    has_the = m.group(0).lower().startswith("the")
    if not ordw and not rel and not has_the:
        return []
    if ctx.text[m.end() : m.end() + 8].lower().startswith(" of a") or (
        ctx.text[m.end() : m.end() + 12].lower().startswith(" of the ") and not year
    ):
        return []  # "a quarter of the population"
    if rel == "same":
        return []
    q = _ORD.get(ordw, 0)
    if year:
        return [_Out(m.start(), m.end(), "DATE", f"{int(year):04d}-Q{q}" if q else f"{int(year):04d}-QX")]
    if ctx.dct is None:
        return [_Out(m.start(), m.end(), "DATE", f"XXXX-Q{q}" if q else "XXXX-QX")]
    d = ctx.dct
    if q:
        shift = -1 if rel in ("year-ago", "year-earlier", "prior") else 0
        y = cal.resolve_quarter(d, q, ctx.tense(m.start(), m.end()))
        if rel in ("next", "coming"):
            y = d.year if q > cal.quarter_of(d) else d.year + 1
        return [_Out(m.start(), m.end(), "DATE", f"{y + shift:04d}-Q{q}")]
    if rel in ("this", "current"):
        ref = d
    elif rel in ("next", "coming"):
        ref = cal.add_months(d, 3)
    elif rel in ("year-ago", "year-earlier", "prior"):
        ref = cal.add_months(d, -15)
    else:
        # "the quarter", "the latest quarter": the last one completed
        ref = cal.add_months(d, -3)
    return [_Out(m.start(), m.end(), "DATE", cal.quarter_value(ref))]


def _h_q(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    q = int(m["q"] or m["q2"])
    y = m["y"] or m["y2"] or m["fy"]
    if y:
        return [_Out(m.start(), m.end(), "DATE", f"{int(y):04d}-Q{q}")]
    if ctx.dct is None:
        return [_Out(m.start(), m.end(), "DATE", f"XXXX-Q{q}")]
    yy = cal.resolve_quarter(ctx.dct, q, ctx.tense(m.start(), m.end()))
    return [_Out(m.start(), m.end(), "DATE", f"{yy:04d}-Q{q}")]


def _h_half(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    h = 1 if m["h"].lower() == "first" else 2
    if m["year"]:
        y = int(m["year"])
    elif ctx.dct is None:
        return [_Out(m.start(), m.end(), "DATE", f"XXXX-H{h}")]
    else:
        y = ctx.dct.year + {"this": 0, "the": 0, "next": 1, "last": -1}[m["rel"].lower()]
    return [_Out(m.start(), m.end(), "DATE", f"{y:04d}-H{h}")]


def _qty(text: str) -> int | None:
    """A count for a duration; None for vague ones ("several", "a few")."""
    t = " ".join(text.lower().split())
    if re.fullmatch(_VAGUE_QTY, t, re.I):
        return None
    if t in ("a", "an", "one"):
        return 1
    v = parse_number(t)
    if v is None or v != int(v) or v > 100000:
        return None
    return int(v)


def _dur_value(n: int | None, unit: str) -> str:
    unit = unit.lower().rstrip("s")
    code = _UNIT_CODE.get(unit, "")
    count = "X" if n is None else str(n)
    if unit == "fortnight":
        return f"P{'X' if n is None else n * 2}W"
    if unit == "quarter":
        return f"P{'X' if n is None else n * 3}M"
    if unit in _TIME_UNITS:
        return f"PT{count}{code}"
    return f"P{count}{code}"


def _shift_value(anchor: str, n: int, unit: str) -> str | None:
    """``anchor`` (a calendar value) moved by ``n`` units, at the anchor's granularity if it can."""
    m = re.fullmatch(r"(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|W(\d{2})))?", anchor)
    if not m:
        return None
    y = int(m[1])
    if m[3]:
        d = date(y, int(m[2]), int(m[3]))
        gran = "D"
    elif m[2]:
        d, gran = date(y, int(m[2]), 1), "M"
    elif m[4]:
        d, gran = date(y, 3 * int(m[4]) - 2, 1), "Q"
    elif m[5]:
        try:
            d, gran = date.fromisocalendar(y, int(m[5]), 1), "W"
        except ValueError:
            return None
    else:
        d, gran = date(y, 1, 1), "Y"
    order = ["Y", "Q", "M", "W", "D"]
    target = unit if unit in order else "Y"
    # Keep the anchor's granularity when the shift is as coarse or coarser; else the shift's unit.
    if order.index(target) > order.index(gran):
        return None  # "two days later" after "in 2019": no day to count from
    nd = cal.shift(d, n, unit)
    if unit == "Y" and gran != "Q":
        gran = "Y"  # "a year earlier": TempEval gives the year, except in quarterly reporting
    return {
        "Y": cal.year_value,
        "Q": cal.quarter_value,
        "M": cal.month_value,
        "W": cal.week_value,
        "D": cal.day_value,
    }[gran](nd)


def _unit_granular(d: date, unit: str) -> str:
    if unit == "D":
        return d.isoformat()
    if unit == "W":
        return cal.week_value(d)
    if unit == "M":
        return cal.month_value(d)
    if unit == "Q":
        return cal.quarter_value(d)
    if unit == "DE":
        return f"{d.year // 10:03d}"
    if unit == "CE":
        return f"{d.year // 100:02d}"
    return cal.year_value(d)


def _h_ago(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    n = _qty(m["qty"])
    unit_w = m["unit"].lower().rstrip("s")
    code = _UNIT_CODE.get(unit_w, "Y")
    direction = " ".join(m["dir"].lower().split())
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    if unit_w in _TIME_UNITS:
        # "two hours ago": the day of publication is as precise as we can be
        return [_Out(m.start(), m.end(), "DATE", _day_or_unknown(ctx.dct))] if direction == "ago" else []
    if n is None:
        ref = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return [_Out(m.start(), m.end(), "DATE", ref)]
    if direction in ("ago", "from now", "hence", "back"):
        if code == "Y" and n == 1 and ctx.last_quarter:
            # "a year ago" in a quarterly report means the same quarter a year before
            v = _shift_value(ctx.last_quarter, sign * n, code)
            if v:
                return [_Out(m.start(), m.end(), "DATE", v)]
        if ctx.dct is None:
            return [_Out(m.start(), m.end(), "DATE", "XXXX")]
        return [_Out(m.start(), m.end(), "DATE", _unit_granular(cal.shift(ctx.dct, sign * n, code), code))]
    if code == "Y" and n == 1 and ctx.last_quarter:
        v = _shift_value(ctx.last_quarter, sign * n, code)
        if v:
            return [_Out(m.start(), m.end(), "DATE", v)]
    if ctx.anchor:
        v = _shift_value(ctx.anchor, sign * n, code)
        if v:
            return [_Out(m.start(), m.end(), "DATE", v)]
    # No usable anchor: the span of time itself.
    return [
        _Out(
            m.start("qty"),
            m.end("unit") + (1 if m.group(0)[m.end("unit") - m.start()] == "s" else 0),
            "DURATION",
            _dur_value(n, unit_w),
        )
    ]


# "US$300 billion a year", "2.2 million barrels a day", "twice a week": a rate, a SET.
_RATE_BEFORE = re.compile(
    r"(?i)(?:\d[\d.,]*\s*(?:%|percent|per\s+cent|(?:[mb]illion|trillion|thousand|bn|mn|m)\b)?\s*(?:[a-z-]+\s+){0,3}"
    r"|(?:illion|percent|per cent|%|times|once|twice)\s*)$"
)


def _h_dur(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    if m["old"]:
        return []  # "a 60-year-old man": an age
    q = m["qty"].lower().strip()
    unit = m["unit"].lower()
    # "a day" / "a year" after a number is a rate ("US$300 billion a year"), a SET.
    if q in ("a", "an") and _RATE_BEFORE.search(ctx.text, max(0, m.start() - 40), m.start()):
        return [_Out(m.start(), m.end(), "SET", _dur_value(1, unit))]
    if q in ("some", "many") or q.endswith("recent"):
        return []
    # "one day" as "at some point" and "a second" as an ordinal are not durations
    if q in ("one", "a", "an") and unit in ("second",):
        return []
    if q == "one" and unit == "day" and not m["pl"]:
        return []
    if unit == "quarter" and not m["pl"]:
        return []
    if (
        q in ("a", "an")
        and not re.search(
            r"(?i)\b(?:for|in|within|over|about|nearly|almost|than|just|only|after|"
            r"past|last|next|first|whole|full|entire)\s*$",
            ctx.text[max(0, m.start() - 12) : m.start()],
        )
        and not m.group(0).lower().startswith("the")
    ):
        return []
    n = _qty(m["qty"])
    return [_Out(m.start(), m.end(), "DURATION", _dur_value(n, unit))]


def _h_dur_the(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    unit = m["unit"].lower()
    rel = m.group(0).split()[1].lower()
    if (
        unit == "day"
        and rel in ("next", "following", "previous", "preceding")
        and ctx.anchor_para
        and ctx.anchor
    ):
        # "the next day" after "on Jan 26": the day after the date just mentioned
        v = _shift_value(ctx.anchor, 1 if rel in ("next", "following") else -1, "D")
        if v:
            return [_Out(m.start(), m.end(), "DATE", v)]
    if unit == "quarter":
        return []
    return [_Out(m.start(), m.end(), "DURATION", _dur_value(1, unit))]


def _h_dur_bare(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    return [_Out(m.start("unit"), m.end(), "DURATION", _dur_value(None, m["unit"]))]


_SET_UNIT = {
    "day": "P1D",
    "week": "P1W",
    "month": "P1M",
    "year": "P1Y",
    "quarter": "P3M",
    "hour": "PT1H",
    "decade": "P10Y",
    "weekend": "XXXX-WXX-WE",
    "morning": "XXXX-XX-XXTMO",
    "afternoon": "XXXX-XX-XXTAF",
    "evening": "XXXX-XX-XXTEV",
    "night": "XXXX-XX-XXTNI",
    "summer": "XXXX-SU",
    "winter": "XXXX-WI",
    "spring": "XXXX-SP",
    "autumn": "XXXX-FA",
}
_SET_ADV = {
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "nightly": "P1D",
    "hourly": "PT1H",
    "quarterly": "P3M",
    "fortnightly": "P2W",
    "biweekly": "P2W",
    "biannually": "P6M",
}


def _h_set(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    if m["adv"]:
        return [_Out(m.start(), m.end(), "SET", _SET_ADV[m["adv"].lower()])]
    if m["freq"]:
        return [_Out(m.start(), m.end(), "SET", _dur_value(1, m["u2"]))]
    unit = m["unit"]
    low = unit.lower()
    if low in _SET_UNIT:
        v = _SET_UNIT[low]
        if m["other"] and v.startswith("P1"):
            v = "P2" + v[2:]
        return [_Out(m.start(), m.end(), "SET", v)]
    if unit[:3].lower() in cal.WEEKDAYS and unit.endswith("day"):
        return [_Out(m.start(), m.end(), "SET", f"XXXX-WXX-{cal.weekday_number(unit) + 1}")]
    return [_Out(m.start(), m.end(), "SET", f"XXXX-{cal.month_number(unit):02d}")]


def _h_clock(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    if m["nm"]:
        hh, mi = (12, 0) if m["nm"].lower() in ("noon", "midday") else (24, 0)
    elif m["h"]:
        hh = int(m["h"]) % 12 + (12 if m["ap"].lower().startswith("p") else 0)
        mi = int(m["mi"] or 0)
    elif m["h2"]:
        hh, mi = int(m["h2"]), int(m["mi2"])
        lead = ctx.text[max(0, m.start() - 12) : m.start()]
        if re.search(
            r"(?i)(?:\d[-:]\s*|score\w*\s+|ratio\s+|verse\s+|\bv\.?\s+|john\s+|\w+\s+chapter\s+)$", lead
        ):
            return []
    else:
        hh, mi = int(m["hm"]), int(m["mm"])
    day = (
        ctx.anchor
        if ctx.anchor and re.fullmatch(r"\d{4}-\d{2}-\d{2}", ctx.anchor) and ctx.anchor_near
        else None
    )
    base = day or _day_or_unknown(ctx.dct)
    return [_Out(m.start(), m.end(), "TIME", f"{base}T{hh:02d}:{mi:02d}")]


def _holiday_date(name: str, year: int) -> date | None:
    n = " ".join(name.lower().replace("'", "").split())
    fixed = {
        "christmas": (12, 25),
        "christmas day": (12, 25),
        "christmas eve": (12, 24),
        "new years day": (1, 1),
        "new year day": (1, 1),
        "new years eve": (12, 31),
        "new year eve": (12, 31),
        "halloween": (10, 31),
        "valentines day": (2, 14),
        "boxing day": (12, 26),
        "independence day": (7, 4),
        "veterans day": (11, 11),
    }
    if n in fixed:
        return date(year, *fixed[n])
    if n.startswith("thanksgiving"):
        return cal.nth_weekday(year, 11, 3, 4)
    if n.startswith("easter"):
        e = cal.easter(year)
        return e + timedelta(days=1) if n.endswith("monday") else e
    if n == "good friday":
        return cal.easter(year) - timedelta(days=2)
    if n.startswith("labo"):
        return cal.nth_weekday(year, 9, 0, 1)
    if n == "memorial day":
        return cal.nth_weekday(year, 5, 0, -1)
    return None


def _h_holiday(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    name = m["h"]
    if " ".join(name.split()).lower() == "new year":
        # "the New Year" as a period: the coming or current year
        if ctx.dct is None:
            return []
        y = ctx.dct.year + (1 if ctx.dct.month == 12 else 0)
        return [_Out(m.start(), m.end(), "DATE", f"{y:04d}")]
    if m["year"]:
        d = _holiday_date(name, int(m["year"]))
        return [_Out(m.start(), m.end(), "DATE", d.isoformat())] if d else []
    if ctx.dct is None:
        return []
    direction = ctx.tense(m.start(), m.end())
    cands = [d for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1) if (d := _holiday_date(name, y))]
    pick = cal.pick_nearby(cands, ctx.dct, direction)
    return [_Out(m.start(), m.end(), "DATE", pick.isoformat())] if pick else []


def _h_unit_end(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    unit = m["unit"].lower()
    d = ctx.dct
    if d is None:
        return []
    v = {
        "year": cal.year_value,
        "month": cal.month_value,
        "week": cal.week_value,
        "quarter": cal.quarter_value,
    }[unit](d)
    return [_Out(m.start(), m.end(), "DATE", v, "END")]


def _h_end_of(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    d = ctx.dct
    if d is None:
        return []
    unit = m["unit"].lower()
    word = m["m"].lower()
    mod = {
        "end": "END",
        "close": "END",
        "start": "START",
        "beginning": "START",
        "middle": "MID",
        "turn": "APPROX",
    }[word]
    v = {
        "year": cal.year_value(d),
        "month": cal.month_value(d),
        "week": cal.week_value(d),
        "decade": f"{d.year // 10:03d}",
        "century": f"{d.year // 100:02d}",
    }[unit]
    return [_Out(m.start(), m.end(), "DATE", v, mod)]


def _h_mon_rel_year(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    month = cal.month_number(m["mon"])
    if ctx.dct is None:
        return [_Out(m.start(), m.end(), "DATE", f"XXXX-{month:02d}")]
    y = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return [_Out(m.start(), m.end(), "DATE", f"{y:04d}-{month:02d}")]


def _h_clock_day(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    c = m["clock"].lower()
    if c in ("noon", "midday", "midnight"):
        hh, mi = (24, 0) if c == "midnight" else (12, 0)
    else:
        cm = re.match(r"(\d{1,2})(?:[:.](\d\d))?\s*([ap])", c)
        if not cm:
            return []
        hh = int(cm[1]) % 12 + (12 if cm[3] == "p" else 0)
        mi = int(cm[2] or 0)
    day_w = m["day"]
    d = ctx.dct
    if d is None:
        base = "XXXX-XX-XX"
    elif day_w.lower() == "yesterday":
        base = (d - timedelta(days=1)).isoformat()
    elif day_w.lower() == "tomorrow":
        base = (d + timedelta(days=1)).isoformat()
    elif day_w.lower() == "today":
        base = d.isoformat()
    else:
        base = cal.resolve_weekday(d, cal.weekday_number(day_w), ctx.tense(m.start(), m.end())).isoformat()
    return [_Out(m.start(), m.end(), "TIME", f"{base}T{hh:02d}:{mi:02d}")]


def _h_the_year(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    return [_Out(m.start(), m.end(), "DATE", cal.year_value(ctx.dct) if ctx.dct else "XXXX")]


def _h_year_adj(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    if ctx.last_quarter:
        v = _shift_value(ctx.last_quarter, -1, "Y")
        if v:
            return [_Out(m.start(), m.end(), "DATE", v)]
    if ctx.dct is None:
        return []
    return [_Out(m.start(), m.end(), "DATE", _fmt_year(ctx.dct.year - 1))]


def _h_latest_period(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    if ctx.last_quarter:
        return [_Out(m.start(), m.end(), "DATE", ctx.last_quarter)]
    if ctx.dct is None:
        return []
    return [_Out(m.start(), m.end(), "DATE", cal.quarter_value(cal.add_months(ctx.dct, -3)))]


def _h_spelled_year(m: re.Match[str], ctx: _Ctx) -> list[_Out]:
    """Years read out in broadcast transcripts: "nineteen ninety-six", "the year two thousand"."""
    century = 1900 if m["c"].lower() == "nineteen" else 2000
    if century == 1900 and not (m["t"] or m["u2"]):
        return []  # "nineteen" alone is a number
    if century == 2000 and not (m["u2"] or m["t"]) and not m.group(0).lower().startswith("the year"):
        return []  # "two thousand troops"
    rest = 0
    if m["t"]:
        rest = TENS[m["t"].lower()] + (UNITS[m["u"].lower()] if m["u"] else 0)
    elif m["u2"]:
        rest = UNITS[m["u2"].lower()]
    if _YEAR_FOLLOW_BAD.match(ctx.text, m.end()):
        return []
    return [_Out(m.start(), m.end(), "DATE", _fmt_year(century + rest))]


_HANDLERS: dict[str, Callable[[re.Match[str], _Ctx], list[_Out]]] = {
    "iso": _h_iso,
    "slash": _h_slash,
    "wd_md": _h_md,
    "wd_dm": _h_md,
    "md": _h_md,
    "dm": _h_md,
    "my": _h_my,
    "mon": _h_mon,
    "mon_rel_year": _h_mon_rel_year,
    "clock_day": _h_clock_day,
    "the_year": _h_the_year,
    "year_adj": _h_year_adj,
    "latest_period": _h_latest_period,
    "spelled_year": _h_spelled_year,
    "rel_mon": _h_rel_mon,
    "year": _h_year,
    "decade": _h_decade,
    "decade_w": _h_decade_w,
    "century": _h_century,
    "rel_century": _h_rel_century,
    "rel_word": _h_rel_word,
    "pod": _h_pod,
    "rel_unit": _h_rel_unit,
    "weekend": _h_weekend,
    "rel_wd": _h_rel_wd,
    "wd": _h_wd,
    "season": _h_season,
    "quarter": _h_quarter,
    "q": _h_q,
    "half": _h_half,
    "ago": _h_ago,
    "dur": _h_dur,
    "dur_the": _h_dur_the,
    "dur_bare": _h_dur_bare,
    "set": _h_set,
    "clock": _h_clock,
    "holiday": _h_holiday,
    "unit_end": _h_unit_end,
    "end_of": _h_end_of,
}
_RE: dict[str, re.Pattern[str]] = dict(_PATTERNS)
_CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?|-Q[1-4]|-W\d{2})?")


def _with_mod(text: str, out: _Out) -> _Out:
    """Take in a modifier before the expression: "mid-December", "early 2025", "more than 80 years ago"."""
    if out.mod:
        return out
    mm = _MOD_BEFORE.search(text, max(0, out.start - 30), out.start)
    if not mm:
        return out
    word = (mm["m"] or mm["m2"]).lower()
    key = " ".join(word.split()[:2]) if word.startswith("no ") else word.split()[0]
    if key == "the":
        key = word.split()[1]
    mod = _MOD_MAP.get(key)
    if mod is None:
        return out
    is_ago = out.type == "DATE" and re.search(r"(?i)\b(?:ago|earlier|before)$", text[out.start : out.end])
    is_later = out.type == "DATE" and re.search(r"(?i)\b(?:later|after|from now)$", text[out.start : out.end])
    if out.type == "DURATION" or is_ago or is_later:
        if mod not in _QTY_MODS:
            return out
        if is_ago:
            mod = {
                "MORE_THAN": "BEFORE",
                "EQUAL_OR_MORE": "ON_OR_BEFORE",
                "LESS_THAN": "AFTER",
                "EQUAL_OR_LESS": "ON_OR_AFTER",
            }.get(mod, mod)
        elif is_later:
            mod = {
                "MORE_THAN": "AFTER",
                "EQUAL_OR_MORE": "ON_OR_AFTER",
                "LESS_THAN": "BEFORE",
                "EQUAL_OR_LESS": "ON_OR_BEFORE",
            }.get(mod, mod)
    elif out.type in ("DATE", "TIME"):
        if mod not in _POINT_MODS or (
            mod == "APPROX" and key not in ("around", "about", "approximately", "roughly")
        ):
            return out
    else:
        return out
    return _Out(mm.start(), out.end, out.type, out.value, mod)


def find_times(doc: Document, published: date | None) -> list[TimeExpression]:
    """Every temporal expression in ``doc``'s content paragraphs, normalised against ``published``."""
    text = doc.text
    if not text or not _PREFILTER.search(text):
        return []
    # Captions state facts ("... in Beijing on Jan 5"); other furniture is not news.
    furniture = [
        (p.start, p.end) for p in doc.paragraphs if p.furniture and not is_caption(text[p.start : p.end])
    ]
    furniture.sort()
    furniture_starts = [fs for fs, _ in furniture]
    # paragraphs from parse_document never overlap; a hand-made Document might
    disjoint = all(furniture[i][1] <= furniture[i + 1][0] for i in range(len(furniture) - 1))
    cands = [(m.start(), m.end(), _KIND_PRIORITY[kind], kind, m) for kind, m in _candidates(text)]
    if not cands:
        return []
    # Longest first, then pattern order; keep those that do not overlap a kept one.
    cands.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, int, str, re.Match[str]]] = []
    for c in cands:
        s, e = c[0], c[1]
        i = bisect.bisect_left(taken, (s, e))
        if i > 0 and taken[i - 1][1] > s:
            continue
        if i < len(taken) and taken[i][0] < e:
            continue
        if disjoint:
            # only the last furniture paragraph starting at or before s can hold it
            f = bisect.bisect_right(furniture_starts, s) - 1
            if f >= 0 and s < furniture[f][1]:
                continue
        elif any(fs <= s < fe for fs, fe in furniture):
            continue
        taken.insert(i, (s, e))
        chosen.append(c)
    chosen.sort(key=lambda c: c[0])

    sent_starts = [s.start for s in doc.sentences]
    ctx = _Ctx(text=text, dct=published)
    out: list[TimeExpression] = []
    anchor_pos = -1
    anchor_end = -100
    quarter_pos = -(10**9)
    for s, e, _, kind, m in chosen:
        i = bisect.bisect_right(sent_starts, s) - 1
        if 0 <= i < len(doc.sentences):
            ctx.sent_lo, ctx.sent_hi = doc.sentences[i].start, max(doc.sentences[i].end, e)
        else:
            ctx.sent_lo, ctx.sent_hi = max(0, s - 200), min(len(text), e + 200)
        if s - quarter_pos > _QUARTER_REACH:
            ctx.last_quarter = None
        # "on Jan 5 at 3pm": the clock time belongs to a date right before it
        ctx.anchor_near = anchor_pos >= ctx.sent_lo and 0 <= s - anchor_end <= 12
        para = doc.paragraphs[doc.sentences[i].paragraph] if 0 <= i < len(doc.sentences) else None
        ctx.anchor_para = para is not None and anchor_pos >= para.start
        try:
            results = _HANDLERS[kind](m, ctx)
        except (ValueError, KeyError, OverflowError, IndexError):
            results = []  # an impossible date ("Feb 30"): not a temporal expression
        for r in results:
            r = _with_mod(text, r)
            if r.start >= r.end:
                continue
            out.append(
                TimeExpression(
                    text=text[r.start : r.end],
                    start=r.start,
                    end=r.end,
                    type=r.type,
                    value=r.value,
                    mod=r.mod,
                )
            )
            if r.type in ("DATE", "TIME") and _CALENDAR.match(r.value):
                ctx.anchor = r.value[:10]
                anchor_pos = r.start
                anchor_end = r.end
                if kind in ("quarter", "q") and re.fullmatch(r"\d{4}-Q[1-4]", r.value):
                    ctx.last_quarter = r.value
                    quarter_pos = r.start
    return _order_ranges(text, out)


_QUARTER_REACH = 600  # characters after a named quarter in which "a year ago" means that quarter a year back
_RANGE_GAP = re.compile(r"\s*(?:-|\u2013|\u2014|to|through|till|until|and)\s*")
_WEEKDAY_TEXT = re.compile(rf"(?:{_WD})")


def _order_ranges(text: str, out: list[TimeExpression]) -> list[TimeExpression]:
    """In "from Monday to Wednesday" the second day comes after the first: move it a week on if not."""
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if not (_WEEKDAY_TEXT.fullmatch(a.text) and _WEEKDAY_TEXT.fullmatch(b.text)):
            continue
        if not _RANGE_GAP.fullmatch(text, a.end, b.start) or a.value[:1] == "X" or b.value[:1] == "X":
            continue
        da, db = date.fromisoformat(a.value[:10]), date.fromisoformat(b.value[:10])
        if db < da:
            db += timedelta(days=7 * ((da - db).days // 7 + 1))
            out[i] = b.model_copy(update={"value": db.isoformat() + b.value[10:]})
        elif db - da > timedelta(days=6):
            da = db - timedelta(days=(db - da).days % 7)
            out[i - 1] = a.model_copy(update={"value": da.isoformat() + a.value[10:]})
    return out


_SPAN_KINDS = (
    "iso",
    "slash",
    "wd_md",
    "wd_dm",
    "md",
    "dm",
    "my",
    "mon_rel_year",
    "year",
    "decade",
    "century",
    "q",
    "clock",
    "clock_day",
)


def calendar_spans(text: str) -> list[tuple[int, int]]:
    """Sorted offsets of dates and clock times in ``text``, so that figures can leave their numbers alone."""
    spans: list[tuple[int, int]] = []
    for kind, m in _candidates(text):
        if kind not in _SPAN_KINDS:
            continue
        if kind == "year" and not m["fy"]:
            y = int(m["year"])
            if (
                y < 1500
                or y > 2100
                or _YEAR_FOLLOW_BAD.match(text, m.end())
                or _YEAR_PRECEDE_BAD.search(text, max(0, m.start() - 6), m.start())
            ):
                continue
        spans.append((m.start(), m.end()))
    spans.sort()
    return spans
