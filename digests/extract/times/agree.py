"""Agreement between the expressions of one article: a weekday told several times is one day."""

from __future__ import annotations

import re
from datetime import date

from digests.extract import vocab
from digests.models import TimeExpression

_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")

# a weekday told alone ("Tuesday", "on Friday", "late Sunday"), with or without a part of the day
_BARE_WEEKDAY = re.compile(
    rf"(?i)(?:(?:early|late|earlier|later)\s+)?({vocab.WEEKDAYS.alternation()})"
    rf"(?:\s+(?:{vocab.DAY_PARTS.alternation('part')}))?"
)


# a plan stated outright right before a weekday ahead ("will take place in Indianapolis on Saturday",
# "is scheduled for Thursday night", "was set to take place Wednesday") or the day as the subject of
# the present ("Wednesday is National Day"): that telling keeps its own day
# (the cues and the words looked for first are data: resources/time/own_plan.txt)
_PLAN_CUES = vocab.vocabulary("own_plan")
_OWN_PLAN = re.compile(
    rf"(?i)\b(?:{_PLAN_CUES.alternation('cue')})\b"
    r"[^.;:!?\"\u201c\u201d]{0,50}$"
)
_DAY_IS_AFTER = re.compile(r"\s+(?:is|will\s+be)\b")
# what _OWN_PLAN needs in its window, looked for first (the full pattern costs more than the rest)
_OWN_PLAN_WORDS = _PLAN_CUES.words("word")


def _own_plan(text: str, start: int) -> bool:
    """Whether a plan is stated outright in the words right before ``start`` (``_OWN_PLAN``)."""
    window = text[max(0, start - 80) : start].lower()
    if not any(w in window for w in _OWN_PLAN_WORDS):
        return False
    return _OWN_PLAN.search(window) is not None


def agree_weekdays(text: str, out: list[TimeExpression], published: date | None) -> list[TimeExpression]:
    """One article, one Tuesday: a weekday named alone several times in an article is one day.

    Tense cues are noisy ("criticized Netanyahu on Tuesday over his plans to ...", "After Biden's
    performance Thursday, ... will"), so where the tellings of a weekday disagree and one date has
    more of them than any other, the others take it (the time of day, if any, kept). A telling
    ahead of the paper's day that states its plan outright (``_OWN_PLAN``: "will take place on
    Saturday") keeps its day and does not vote.
    """
    today = published.isoformat() if published else None
    groups: dict[str, list[int]] = {}
    for i, t in enumerate(out):
        if "day" not in t.text or t.type not in ("DATE", "TIME"):
            continue  # every weekday name ends in "day": most expressions go without the pattern
        m = _BARE_WEEKDAY.fullmatch(t.text)
        if not (m and _DAY_VALUE.match(t.value)):
            continue
        if (
            today is not None
            and t.value[:10] > today
            and (_own_plan(text, t.start) or _DAY_IS_AFTER.match(text, t.end))
        ):
            continue
        groups.setdefault(m[1][:3].lower(), []).append(i)
    for idx in groups.values():
        votes: dict[str, int] = {}
        for i in idx:
            votes[out[i].value[:10]] = votes.get(out[i].value[:10], 0) + 1
        if len(votes) < 2:
            continue
        ranked = sorted(votes.items(), key=lambda kv: -kv[1])
        if ranked[0][1] == ranked[1][1]:
            continue
        best = ranked[0][0]
        for i in idx:
            t = out[i]
            if t.value[:10] != best:
                out[i] = t.model_copy(update={"value": best + t.value[10:]})
    return out
