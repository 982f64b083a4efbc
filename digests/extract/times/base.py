"""What normalisers share: their output, the context they read, and the registry by name."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from digests.extract import calendar as cal
from digests.extract import vocab
from digests.extract.times.starts import guarded
from digests.extract.times.tense import Cue, tense_cues, tense_near
from digests.models import TimexType


@dataclass
class Out:
    """One temporal expression a normaliser found: offsets, type, TIMEX3 value, modifier."""

    start: int
    end: int
    type: TimexType
    value: str
    mod: str | None = None


_SINCE = re.compile(
    r"(?i)\b(?:since|ever\s+since)\s+(?:(?:early|late|mid|shortly\s+after|after|before)\s+)?(?:the\s+)?$"
)


_PLUPERFECT_PLAN = re.compile(
    r"(?i)\bhad\s+(?:been\s+)?(?:\w+ly\s+)?(?:due|scheduled|set|expected|planned|supposed|slated|meant)\b[^.;]*$"
)
_DEADLINE = re.compile(r"(?i)\b(?:by|until|till)\s+(?:(?:early|mid|late)[\s-]+)?$")
# "gave the ministry until Friday", "giving Leung until Wednesday to respond": a deadline granted
_GIVEN_UNTIL = re.compile(
    r"(?i)\b(?:gave|give|gives|giving|given|granted|grant|grants|granting)\s+(?:[\w'\u2019.-]+\s+){1,4}?"
    r"(?:until|till)\s+(?:(?:early|mid|late)[\s-]+)?$"
)
# past verbs that move a date ahead: "postponed until Tuesday", "extended its deadline until 9 a.m. Tuesday"
_POSTPONING = [e.pattern for e in vocab.STATUS_CUES.entries if e.value == "postponed"]
_MOVED = re.compile("(?i)extended|" + "|".join(p for p in _POSTPONING if "\\s" not in p))

# The patterns searched over the few words before an expression, behind the look-ahead of the
# places a match can start (starts.guarded): the same matches, without trying each at every character.
_SINCE, _PLUPERFECT_PLAN, _DEADLINE, _GIVEN_UNTIL = (
    guarded(rx) or rx for rx in (_SINCE, _PLUPERFECT_PLAN, _DEADLINE, _GIVEN_UNTIL)
)


@dataclass
class Ctx:
    """The article around a match, and what earlier expressions left behind."""

    text: str
    dct: date | None
    rule: str = ""  # the name of the rule that matched
    sent_lo: int = 0
    sent_hi: int = 0
    anchor: str | None = None  # the last resolved calendar value, for "two days later"
    anchor_near: bool = False  # whether that value is a date right before the current expression
    anchor_para: bool = False  # whether it is in the current paragraph
    anchor_gap: int = 10**9  # characters between that value and the current expression

    def recent_anchor(self, reach: int = 500) -> str | None:
        """The last calendar value, when it is in this paragraph or at most ``reach`` characters back."""
        return self.anchor if self.anchor and (self.anchor_para or self.anchor_gap <= reach) else None

    cue_key: tuple[int, int] = (-1, -1)
    cues: list[Cue] = field(default_factory=list)
    #: the tense cues of each stretch read so far, by (start, end): handed on to events
    cue_memo: dict[tuple[int, int], list[Cue]] = field(default_factory=dict)
    last_quarter: str | None = None  # the last quarter named ("2026-Q3"): quarterly reports count from it
    # "For the nine months, net rose to $2 billion from $1.7 billion a year earlier": a year-to-date period
    # named after the quarter in its paragraph; what it compares with is no quarter
    year_to_date: bool = False

    def compared_quarter(self) -> str | None:
        """The quarter "a year earlier" in a report compares with: the last named, unless a year-to-date
        period was reported after it."""
        return None if self.year_to_date else self.last_quarter

    def tense(self, start: int, end: int) -> cal.Direction:
        """Past or future for ``text[start:end]`` from the cues of its sentence.

        "since" right before it settles it: "since the Oct. 23 shooting" is the past one.
        """
        # the words the patterns below end with, looked for first in the ASCII lower-cased text
        # before ``start`` (where a pattern's match holds its words as they are); other text goes
        # to the searches
        reach = max(0, start - 60)
        before = self.text[reach:start]
        low = before.lower() if before.isascii() else None
        if (low is None or "since" in low[-24:]) and _SINCE.search(self.text, max(0, start - 24), start):
            return "past"
        key = (self.sent_lo, self.sent_hi)
        if key != self.cue_key:
            cues = self.cue_memo.get(key)
            if cues is None:
                cues = self.cue_memo[key] = tense_cues(self.text, self.sent_lo, self.sent_hi)
            self.cues = cues
            self.cue_key = key
        direction = tense_near(self.text, start, end, self.sent_lo, self.sent_hi, self.cues)
        # "had been due to expire Friday evening": a plan told in the pluperfect is over
        if direction == "future" and _PLUPERFECT_PLAN.search(self.text, max(self.sent_lo, start - 60), start):
            return "past"
        # "by February", "until 9 a.m. Tuesday": a deadline lies ahead unless a past verb governs it
        # (not one that moves it: "postponed until Tuesday morning")
        if (
            direction != "future"
            and (low is None or "til" in low)
            and _GIVEN_UNTIL.search(self.text, max(self.sent_lo, start - 60), start)
        ):
            return "future"  # "were giving Leung until Wednesday to respond": a deadline ahead of the giving
        if (
            direction != "future"
            and (low is None or "til" in low[-16:] or "by" in low[-16:])
            and _DEADLINE.search(self.text, max(0, start - 16), start)
            and not any(
                c[3] == "past" and -40 <= start - c[1] <= 30 and not _MOVED.fullmatch(c[2]) for c in self.cues
            )
        ):
            return "future"
        return direction


Normaliser = Callable[[re.Match[str], Ctx], list[Out]]
NORMALISERS: dict[str, Normaliser] = {}


def normaliser(name: str) -> Callable[[Normaliser], Normaliser]:
    """Register a function as the normaliser rules name ``name``."""

    def register(func: Normaliser) -> Normaliser:
        if name in NORMALISERS:
            raise ValueError(f"normaliser {name!r} registered twice")
        NORMALISERS[name] = func
        return func

    return register


def day_or_unknown(d: date | None) -> str:
    """A day's TIMEX3 value, or the unknown day."""
    return d.isoformat() if d else "XXXX-XX-XX"


def fmt_year(y: int) -> str:
    """A year's TIMEX3 value."""
    return f"{y:04d}"
