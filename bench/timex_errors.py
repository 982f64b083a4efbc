"""Every TIMEX3 error on the TempEval development documents, sorted into kinds and counted.

    python -m bench.timex_errors [--dev ../shared/eval/dev/tbaq.jsonl] [--list KIND] [--dump FILE]

Runs the extraction in this process on each document (as ``geodigest extract`` reads a
text file) and scores it with ``score_timex.py`` from ``../shared/eval`` (relaxed span
match, value F1, calendar recall), so the headline numbers are the ones
``score_dev.py --only times`` prints. Then each error gets one kind:

- misses (a gold expression with no overlapping prediction), by what the gold one is;
- false positives (a prediction meeting no gold expression), by what we said;
- wrong values (overlapping, different value), by why: a weekday placed on the wrong
  side, quarterly reporting, a duration read as a date or back, a different
  granularity, an anaphoric anchor, a differing span, a gold value left unspecified ...

The calendar gold values (those ``calendar_value_recall`` counts) that are wrong or missed are
counted once more by why (``calendar_kind``): missed (by form), not a calendar value, another
granularity, the other side of the creation date, or the same side from another anchor.

``--list KIND`` prints the errors of a kind with their context; ``--dump`` writes every
error as JSON lines; ``--save FILE`` keeps this run's predictions (offsets, types and values
only) and ``--against FILE`` counts, gold expression by gold expression, the values this run
gets right that the saved run got wrong and back (each listed with its context), the count a
candidate rule is adopted on; ``--gold-kinds`` counts, from the gold alone, how the annotators valued
the kinds that look inconsistent ("last week", "a year ago", weekdays a week away from the
creation date) and how many of them a candidate rule gets right. The texts stay in
../shared: nothing of them is kept here.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"

_WEEKDAY = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
_REF = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
_ANAPHOR = re.compile(
    r"(?i)\b(?:that|following|previous|next|the\s+day|earlier|later|then|same|before|after)\b"
)
_QUARTERLY = re.compile(r"(?i)quarter|year-(?:ago|earlier)|period|fiscal|year\s+(?:ago|earlier)|last\s+year")
_CAL = re.compile(r"^\d{2,4}")


_WEEK_PHRASE = re.compile(
    r"(?i)^(?:(?:early|late|earlier|later)\s+)?(?:the\s+)?(last|this|next|past)\s+week\.?$"
)
_YEAR_AGO = re.compile(r"(?i)^(?:an?|one)\s+year\s+(?:ago|earlier)$")
_WEEKDAY_ONLY = re.compile(r"(?i)^(?:on\s+)?(mon|tues|wednes|thurs|fri|satur|sun)day$")
_WD = {"mon": 0, "tues": 1, "wednes": 2, "thurs": 3, "fri": 4, "satur": 5, "sun": 6}
_DATELINE = re.compile(r"^\s*[A-Z][A-Za-z .,'-]{2,60},?\s+(?P<mon>[A-Z][a-z]+)\.?\s+(?P<day>\d{1,2})\s*\(")


def _grain(value: str) -> str:
    """The granularity class of a gold value: Q, D, M, Y, W, WXX, DUR or other."""
    for name, rx in (
        ("Q", r"\d{4}-Q[1-4X]"),
        ("D", r"\d{4}-\d\d-\d\d(?:T.*)?"),
        ("M", r"\d{4}-\d\d"),
        ("Y", r"\d{4}"),
        ("WXX", r"\d{4}-WXX"),
        ("W", r"\d{4}-W\d{1,2}"),
        ("DUR", r"P.*"),
    ):
        if re.fullmatch(rx, value):
            return name
    return "other"


def gold_kinds(docs: list[dict[str, Any]]) -> list[str]:
    """How the gold annotators valued three recurring kinds, counted over the whole set.

    Tests the candidate rules for what looked like gold inconsistencies: "last/this/next week"
    (a week value as the time of an event, something else in other uses?), "a year ago/earlier"
    (the granularity of the expression the annotator anchored it to: ``anchor_tid``) and documents
    whose weekdays sit a week away from the creation date (does a dateline explain them?).
    """
    lines: list[str] = []
    week: Counter[str] = Counter()
    week_docs: dict[str, set[str]] = {}
    for d in docs:
        dct = date.fromisoformat(d["dct"][:10])
        for t in d["timexes"]:
            m = _WEEK_PHRASE.match(t["text"].strip())
            if not m:
                continue
            step = {"last": -1, "past": -1, "this": 0, "next": 1}[m[1].lower()]
            iso = (dct + timedelta(weeks=step)).isocalendar()
            specific = {f"{iso[0]}-W{iso[1]:02d}", f"{iso[0]}-W{iso[1]}"}
            g = "week of the paper's" if t["value"] in specific else _grain(t["value"])
            week[g] += 1
            week_docs.setdefault(d["doc_id"], set()).add("specific" if g.startswith("week") else "other")
    mixed = sum(1 for v in week_docs.values() if len(v) > 1)
    lines.append(
        "last/this/next week: "
        + ", ".join(f"{k} {n}" for k, n in week.most_common())
        + f"; documents with both a specific week and another value: {mixed} of {len(week_docs)}"
    )
    ago: Counter[tuple[str, str]] = Counter()
    rule_ok = 0
    total = 0
    for d in docs:
        by_tid = {t["tid"]: t for t in d["timexes"]}
        quarters: list[tuple[int, str]] = []
        for t in sorted(d["timexes"], key=lambda t: t["start"]):
            if not _YEAR_AGO.match(t["text"].strip()):
                if _grain(t["value"]) == "Q" and t["value"][:4].isdigit() and "year" not in t["text"].lower():
                    quarters.append((t["start"], t["value"]))
                continue
            a = by_tid.get(t["anchor_tid"] or "")
            anchor = "paper's date" if t["anchor_tid"] == "t0" else (_grain(a["value"]) if a else "none")
            ago[(anchor, _grain(t["value"]))] += 1
            near = [v for s, v in quarters if 0 <= t["start"] - s <= 600]
            rule = f"{int(near[-1][:4]) - 1}{near[-1][4:]}" if near else str(int(d["dct"][:4]) - 1)
            total += 1
            rule_ok += rule == t["value"]
    lines.append(
        "a year ago/earlier (anchored to -> gold granularity): "
        + ", ".join(f"{a}->{g} {n}" for (a, g), n in sorted(ago.items(), key=lambda kv: -kv[1]))
    )
    lines.append(
        f"  rule 'the quarter named in the last 600 characters a year back, else the year before the "
        f"paper's': {rule_ok} of {total} right"
    )
    shifted_docs = 0
    for d in docs:
        dct = date.fromisoformat(d["dct"][:10])
        close = shifted = 0
        for t in d["timexes"]:
            m = _WEEKDAY_ONLY.match(t["text"].strip())
            if not m or not re.fullmatch(r"\d{4}-\d\d-\d\d", t["value"]):
                continue
            gap = (date.fromisoformat(t["value"]) - dct).days
            close += -6 <= gap <= 6
            shifted += abs(gap) >= 7
        if shifted >= 2 and shifted >= close:
            shifted_docs += 1
            dl = _DATELINE.match(d["text"])
            lines.append(
                f"  weekdays a week or more from the creation date: {d['doc_id']} dct {d['dct'][:10]}: "
                f"{shifted} shifted, {close} within the week; dateline {dl[0].strip() if dl else 'none'}"
            )
    head = f"documents whose weekdays mostly sit a week away: {shifted_docs}"
    lines.insert(len(lines) - shifted_docs, head)
    return lines


# How the annotators write the kinds whose form is a choice: one table, counted value by value and
# document by document, so that a convention is followed only where they keep it.
_POD_WORD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_WD_POD = re.compile(
    r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+(morning|afternoon|evening|night)\b"
)
_POD_AFTER = re.compile(r"(?i)\s+(morning|afternoon|evening|night)\b")
_DAY_SHAPE = re.compile(r"\d{4}-\d\d-\d\d")


def _weekday_part(t: dict[str, Any], text: str) -> str | None:
    """ "Friday night": the day and the part named, another part, or the day alone (also when the
    annotator tagged "Friday" and left "night" out: a prediction over "Friday night" meets it)."""
    m = _WD_POD.search(t["text"])
    if m is None:
        if _WEEKDAY_ONLY.match(t["text"].strip()) and _POD_AFTER.match(text, t["end"]):
            return "the day (1998-10-23)" if _DAY_SHAPE.fullmatch(t["value"]) else "other"
        return None
    v = t["value"]
    if v.endswith("T" + _POD_WORD[m[1].lower()]):
        return "the day and its part (TNI)"
    if re.search(r"T(?:MO|AF|EV|NI)$", v):
        return "the day and another part (TEV for night)"
    return "the day (1998-10-23)" if _DAY_SHAPE.fullmatch(v) else "other"


def _value_form(rx: str, forms: tuple[tuple[str, str], ...]) -> Any:
    """A classifier: for a gold value matching ``rx``, the name of the first form it matches."""
    pattern = re.compile(rx)

    def classify(t: dict[str, Any], _text: str) -> str | None:
        if not pattern.search(t["value"]):
            return None
        return next((name for name, f in forms if re.search(f, t["value"])), "other")

    return classify


def _text_form(rx: str, forms: tuple[tuple[str, str], ...]) -> Any:
    """A classifier: for a gold text matching ``rx``, the name of the first form its value matches."""
    pattern = re.compile(rx)

    def classify(t: dict[str, Any], _text: str) -> str | None:
        if not pattern.search(t["text"].strip()):
            return None
        return next((name for name, f in forms if re.search(f, t["value"])), "other")

    return classify


_UNITS_LATER = re.compile(r"(?i)\b(?:days?|weeks?|months?)(\s+(?:earlier|later))?$")
_LATER_AFTER = re.compile(r"(?i)\s+(?:earlier|later)\b")


def _units_later(t: dict[str, Any], text: str) -> str | None:
    """ "three days later", "A day earlier": a date or a duration (the signal word in or outside)."""
    m = _UNITS_LATER.search(t["text"].strip())
    if m is None or (m[1] is None and not _LATER_AFTER.match(text, t["end"])):
        return None
    return "a date" if _CAL.match(t["value"]) else "a duration" if t["value"].startswith("P") else "other"


# (kind, the form our rules give, classifier of one gold expression)
CONVENTIONS: tuple[tuple[str, str, Any], ...] = (
    ("weekday with a part of the day", "the day and its part (TNI)", _weekday_part),
    (
        "week number below 10",
        "W07",
        _value_form(r"^\d{4}-W0?[1-9](?:\D|$)", (("W07", r"-W0\d"), ("W7", r"-W\d(?:\D|$)"))),
    ),
    (
        "decade",
        "199",
        _text_form(r"\d0['\u2019]?s\b|\bnineties\b", (("199", r"^\d{3}$"), ("199X", r"^\d{3}X$"))),
    ),
    (
        "a year alone",
        "1968",
        _text_form(r"^(?:in\s+)?\d{4}$", (("1968", r"^\d{4}$"), ("1968-XX", r"^\d{4}-XX"))),
    ),
    (
        "clock time on the hour",
        "T17:00",
        _value_form(r"T\d\d(?::00)?$", (("T17:00", r"T\d\d:00$"), ("T17", r"T\d\d$"))),
    ),
    (
        "century",
        "19",
        _text_form(r"(?i)century", (("19", r"^\d\d$"), ("19XX", r"^\d\dXX$"), ("a duration", r"^P"))),
    ),
    ("N days/weeks/months earlier or later", "a date", _units_later),
    (
        "about/nearly N units ago",
        "a date",
        _text_form(
            r"(?i)\b(?:about|almost|nearly|more\s+than|some|roughly)\s+\w+\s+\w+\s+ago$",
            (("a date", r"^\d{2,4}"), ("a duration", r"^P")),
        ),
    ),
    (
        "a decade / N decades ago",
        "the decade (198)",
        _text_form(
            r"(?i)\bdecades?\s+ago$",
            (("the decade (198)", r"^\d{3}$"), ("the year (1989)", r"^\d{4}"), ("a duration", r"^P")),
        ),
    ),
    (
        "recent/coming/past few + plural unit",
        "a duration (PXY)",
        _text_form(
            r"(?i)^(?:the\s+)?(?:recent|coming|(?:past|last|next)\s+(?:few|several))\s+(?:days|weeks|months|years|quarters)$",
            (("PAST_REF/FUTURE_REF", r"_REF$"), ("a duration (PXY)", r"^P")),
        ),
    ),
    (
        "the weekend",
        "the week's weekend (W16-WE)",
        _text_form(
            r"(?i)^(?:over\s+|at\s+)?the\s+weekend$",
            (
                ("the week's weekend (W16-WE)", r"-WE$"),
                ("a duration (P2D)", r"^P"),
                ("a day", r"^\d{4}-\d\d-\d\d$"),
            ),
        ),
    ),
)


def conventions(docs: list[dict[str, Any]]) -> list[str]:
    """For each kind of ``CONVENTIONS``, how many gold values (in how many documents) take each form.

    A kind is CONSISTENT when one form holds at least two thirds of its values and of the documents
    that have it, across 5 documents or more; FEW under 5 documents; else MIXED. A rule follows the
    annotators only where they are consistent; where they are mixed we keep the form that wins on
    count.
    """
    lines: list[str] = []
    for kind, ours, classify in CONVENTIONS:
        values: Counter[str] = Counter()
        in_docs: dict[str, set[str]] = {}
        for d in docs:
            for t in d["timexes"]:
                form = classify(t, d["text"])
                if form is not None:
                    values[form] += 1
                    in_docs.setdefault(form, set()).add(d["doc_id"])
        if not values:
            lines.append(f"{kind}: none")
            continue
        n_docs = len(set().union(*in_docs.values()))
        top, n_top = values.most_common(1)[0]
        if n_docs < 5:
            verdict = "FEW"
        elif n_top * 3 >= 2 * sum(values.values()) and len(in_docs[top]) * 3 >= 2 * n_docs:
            verdict = "CONSISTENT"
        else:
            verdict = "MIXED"
        forms = ", ".join(f"{f} {n} ({len(in_docs[f])} docs)" for f, n in values.most_common())
        mark = "ours" if top == ours else f"ours is {ours!r}"
        lines.append(f"{kind}: {verdict}, {forms}; majority {top!r} ({mark})")
    return lines


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_timex", EVAL / "score_timex.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {EVAL / 'score_timex.py'}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _run(doc: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    from digests.extract import extract
    from digests.sources import read_path

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / (doc["doc_id"].replace("/", "_") + ".txt")
        path.write_text(doc["text"], encoding="utf-8")
        pub = date.fromisoformat(doc["dct"][:10])
        article = read_path(path, published=pub, max_bytes=10**8, warn=lambda _note: None)
        facts = extract(article.text, pub)
    return doc["doc_id"], [
        {"start": t.start, "end": t.end, "type": t.type, "value": t.value} for t in facts.times
    ]


def miss_kind(g: dict[str, Any]) -> str:
    """What kind of gold expression went unfound."""
    v, t = g["value"], g["type"]
    if v in _REF:
        return "miss:ref-word"
    if t in ("DURATION", "SET"):
        return f"miss:{t.lower()}"
    if _ANAPHOR.search(g["text"]) or re.fullmatch(
        r"(?i)(?:the\s+)?(?:day|week|year|month|days|weeks)", g["text"]
    ):
        return "miss:anaphoric-or-bare-unit"
    if _CAL.match(v):
        return "miss:calendar"
    return "miss:other"


def fp_kind(text: str, s: dict[str, Any]) -> str:
    """What kind of prediction met no gold expression."""
    v, t = s["value"], s["type"]
    if v in _REF:
        return "fp:ref-word"
    if t in ("DURATION", "SET"):
        return f"fp:{t.lower()}"
    if _CAL.match(v):
        return "fp:calendar"
    return "fp:other"


def wrong_kind(g: dict[str, Any], s: dict[str, Any], stext: str) -> str:
    """Why an overlapping prediction has another value than the gold one."""
    gv, sv = g["value"], s["value"]
    if "X" in gv and "X" not in sv and _CAL.match(sv) and sv[:4] == gv[:4]:
        return "wrong:gold-unspecified"
    if (g["type"] == "DURATION") != (s["type"] == "DURATION"):
        return "wrong:duration-vs-date"
    if g["type"] == "SET" or s["type"] == "SET":
        return "wrong:set"
    if _WEEKDAY.search(g["text"]) and gv[:10] != sv[:10]:
        return "wrong:weekday-side"
    if gv[:10] == sv[:10] and gv != sv:
        return "wrong:time-of-day"
    if _QUARTERLY.search(g["text"]) or "-Q" in gv or "-Q" in sv:
        return "wrong:quarterly-reporting"
    if _ANAPHOR.search(g["text"]):
        return "wrong:anchor"
    if g["text"].strip().lower() != stext.strip().lower():
        return "wrong:span"
    if _CAL.match(gv) and _CAL.match(sv) and (gv.startswith(sv) or sv.startswith(gv)):
        return "wrong:granularity"
    if gv in _REF or sv in _REF:
        return "wrong:ref-word"
    if _CAL.match(gv) and _CAL.match(sv):
        return "wrong:year-or-side"
    return "wrong:other"


_FORMS = (
    ("weekday", _WEEKDAY),
    ("month-day", re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d")),
    ("month", re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b")),
    ("year", re.compile(r"\b\d{4}s?\b")),
    ("unit", re.compile(r"(?i)\b(?:day|week|weekend|month|quarter|year|period|morning|night|decade)s?\b")),
)


def _form(text: str) -> str:
    return next((name for name, rx in _FORMS if rx.search(text)), "other")


def calendar_kind(g: dict[str, Any], s: dict[str, Any] | None, dct: str) -> str:
    """Why a calendar gold value (a DATE or TIME whose value opens with digits) is not ours.

    ``miss:FORM`` (no prediction meets it; FORM is what the gold text is: weekday, month-day,
    month, year, unit phrase, other), ``not-calendar`` (ours is a duration or a reference word),
    ``granularity`` (day, month, week, year, quarter or time of day differ), ``side`` (same
    granularity, one before the creation date and the other after it: the tense or direction of
    a weekday or month told without a year), ``anchor`` (same granularity and side, another
    unit: counted from another reference time, or another year).
    """
    if s is None:
        return f"miss:{_form(g['text'])}"
    gv, sv = g["value"], s["value"]
    if not _CAL.match(sv):
        return "not-calendar"
    if _grain(gv) != _grain(sv) or ("T" in gv) != ("T" in sv):
        return "granularity"
    d = dct[: len(gv[:10])]
    if (gv[:10] < d) != (sv[:10] < d) or (gv[:10] > d) != (sv[:10] > d):
        return "side"
    return "anchor"


# Finer kinds of the calendar values we get wrong or miss, each with who follows TimeML /
# TempEval-3 there: "ours" (the gold value breaks the guidelines or their ISO format), "gold"
# (ours does), "mixed" (the annotators disagree with each other) or "open" (read case by case).
_WEEK_WORDS = re.compile(r"(?i)\b(?:last|this|next|past)\s+week\b|\bweeks?\s+ago\b")
_AGO_YEAR = re.compile(
    r"(?i)\b(?:an?|one)\s+year\s+(?:ago|earlier)\b|\byear[-\s](?:ago|earlier)\b|\blast\s+year\b"
)
_QUARTER_WORDS = re.compile(r"(?i)\bquarters?\b|\bperiod\b")
_BARE_UNIT = re.compile(
    r"(?i)^(?:(?:the|that|that\s+same|first)\s+)?(?:day|days|week|weeks|morning|year|month)\.?$"
)
_POD = re.compile(r"T(?:MO|AF|EV|NI|DT)$")
CALENDAR_VERDICTS = {
    "format": ("ours", "the same date written off ISO 8601 / TIMEX3 form: 2000-W7, T17, 199X, 19XX, 1968-XX"),
    "part-of-day": (
        "mixed",
        "'Friday night': the day and its part (ours, HeidelTime's: 12 of 30 gold), the day (15) or another",
    ),
    "week-unspecified": ("ours", "'last/this/next week' names one week (1989-W43); gold: WXX, a month, day"),
    "week-count": ("open", "weeks counted from a Sunday paper or back from another week: W12 vs W11"),
    "weekday-week-off": ("open", "a weekday exactly a week from ours: the annotator dated the story so"),
    "weekday-side": ("open", "a weekday on the other side of the paper's day: tense of the clause"),
    "year-ago": ("mixed", "'a year ago/earlier', 'last year' in results: gold a year, quarter, month or day"),
    "quarter-anchor": ("mixed", "'the quarter', 'the latest period': another quarter or QX"),
    "month-side": ("open", "a month or day told without a year placed in the other year"),
    "bare-unit-miss": ("mixed", "'the day', 'the week', 'days', 'weeks' left untagged: anaphoric or plural"),
    "span": ("open", "an overlapping span that holds more or less, so the value differs"),
    "other-miss": ("open", "no prediction meets the gold expression"),
    "other": ("open", "anything else"),
}


def calendar_subkind(g: dict[str, Any], s: dict[str, Any] | None, stext: str, dct: str) -> str:
    """A finer kind of a calendar value we miss or get wrong (keys of ``CALENDAR_VERDICTS``)."""
    gt, gv = g["text"].strip(), g["value"]
    if s is None:
        return "bare-unit-miss" if _BARE_UNIT.match(gt) else "other-miss"
    sv = s["value"]
    if (
        re.sub(r"-W0", "-W", sv) == gv
        or (re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d", gv) is not None and sv == gv + ":00")
        or (gv.endswith("X") and sv == gv.rstrip("X"))
        or (gv.endswith("-XX") and sv == gv[:-3])
    ):
        return "format"
    if (
        sv[:10] == gv[:10]
        and (_POD.search(sv) or _POD.search(gv))
        and len(sv) in (10, 13)
        and len(gv) in (10, 13)
    ):
        return "part-of-day"
    if _WEEK_WORDS.search(gt) and re.match(r"\d{4}-W\d\d$", sv):
        if "X" in gv or re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", gv):
            return "week-unspecified"
        return "week-count"
    if _WEEKDAY.search(gt) and re.match(r"\d{4}-\d\d-\d\d", gv) and re.match(r"\d{4}-\d\d-\d\d", sv):
        gap = abs((date.fromisoformat(gv[:10]) - date.fromisoformat(sv[:10])).days)
        return "weekday-week-off" if gap == 7 else "weekday-side"
    if _AGO_YEAR.search(gt) or _AGO_YEAR.search(stext):
        return "year-ago"
    if _QUARTER_WORDS.search(gt) or "-Q" in gv:
        return "quarter-anchor"
    if gt.lower() != stext.strip().lower():
        return "span"
    same_day = re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", gv) and re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", sv)
    if same_day and gv[4:] == sv[4:]:
        return "month-side"
    return "other"


def changed_values(
    st: ModuleType, docs: list[dict[str, Any]], before: dict[str, Any], after: dict[str, Any]
) -> tuple[list[str], list[str]]:
    """The gold expressions whose value is right in ``after`` and not in ``before`` (fixed), and back.

    Each is a line with the creation date, the gold text and value, both predictions and context.
    """
    fixed: list[str] = []
    broken: list[str] = []
    for d in docs:
        text, g_all = d["text"], d["timexes"]
        runs = []
        for preds in (before.get(d["doc_id"], []), after.get(d["doc_id"], [])):
            runs.append({id(g): s for g, s, _ in st.match(g_all, preds, text)})
        for g in g_all:
            was, now = runs[0].get(id(g)), runs[1].get(id(g))
            ok_was = was is not None and was["value"] == g["value"]
            ok_now = now is not None and now["value"] == g["value"]
            if ok_was == ok_now:
                continue
            ctx = text[max(0, g["start"] - 70) : g["end"] + 30].replace("\n", " ")
            line = (
                f"{d['dct'][:10]} {g['text']!r} {g['value']}: was {was and was['value']}, "
                f"now {now and now['value']} | {ctx}"
            )
            (fixed if ok_now else broken).append(line)
    return fixed, broken


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=EVAL / "dev" / "tbaq.jsonl")
    ap.add_argument("--list", metavar="KIND", help="print the errors of this kind (a prefix will do)")
    ap.add_argument("--dump", type=Path, help="write every error as a JSON line")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--gold-kinds", action="store_true", help="count how the gold values doubtful kinds")
    ap.add_argument("--save", type=Path, help="write this run's predictions (no text) as JSON")
    ap.add_argument("--calendar-list", metavar="SUBKIND", help="list the calendar misses of a finer kind")
    ap.add_argument("--against", type=Path, help="count gold values fixed and broken since a saved run")
    args = ap.parse_args(argv)
    if not args.dev.exists():
        print(f"no development set at {args.dev}", file=sys.stderr)
        return 2
    st = _scorer()
    docs = [json.loads(line) for line in args.dev.open(encoding="utf-8")]
    if args.gold_kinds:
        print("\n".join(gold_kinds(docs) + conventions(docs)))
        return 0
    with ProcessPoolExecutor(args.workers) as pool:
        preds = dict(pool.map(_run, docs, chunksize=8))
    if args.save:
        args.save.write_text(json.dumps(preds), encoding="utf-8")
    gold = {d["doc_id"]: d for d in docs}
    system = {k: {"doc_id": k, "timexes": v} for k, v in preds.items()}
    res, _ = st.score(gold, system)
    for key in (
        "strict_F1",
        "relaxed_P",
        "relaxed_R",
        "relaxed_F1",
        "value_accuracy",
        "value_F1",
        "calendar_value_recall",
    ):
        print(f"{key:22s} {res[key] * 100:6.2f}")
    print(f"{'by gold type':22s} {res['value_recall_by_gold_type']}")

    errors: list[dict[str, Any]] = []
    for d in docs:
        text = d["text"]
        g_all, s_all = d["timexes"], system[d["doc_id"]]["timexes"]
        pairs = st.match(g_all, s_all, text)
        by_gold = {id(g): s for g, s, _ in pairs}
        matched = {id(s) for _, s, _ in pairs}

        def ctx(a: int, b: int, text: str = text) -> str:
            return (text[max(0, a - 90) : a] + "[[" + text[a:b] + "]]" + text[b : b + 50]).replace("\n", " ")

        base = {"doc": d["doc_id"], "dct": d["dct"][:10]}
        for g in g_all:
            s = by_gold.get(id(g))
            if s is None:
                errors.append(
                    {
                        **base,
                        "kind": miss_kind(g),
                        "gold": [g["text"], g["type"], g["value"]],
                        "ctx": ctx(g["start"], g["end"]),
                    }
                )
            elif s["value"] != g["value"]:
                stext = text[s["start"] : s["end"]]
                errors.append(
                    {
                        **base,
                        "kind": wrong_kind(g, s, stext),
                        "gold": [g["text"], g["type"], g["value"]],
                        "ours": [stext, s["type"], s["value"]],
                        "ctx": ctx(g["start"], g["end"]),
                    }
                )
        for s in s_all:
            if id(s) not in matched:
                errors.append(
                    {
                        **base,
                        "kind": fp_kind(text, s),
                        "ours": [text[s["start"] : s["end"]], s["type"], s["value"]],
                        "ctx": ctx(s["start"], s["end"]),
                    }
                )
    cal_kinds: Counter[str] = Counter()
    cal_sub: Counter[str] = Counter()
    cal_rows: list[str] = []
    for d in docs:
        pairs = {id(g): s for g, s, _ in st.match(d["timexes"], system[d["doc_id"]]["timexes"], d["text"])}
        for g in d["timexes"]:
            s = pairs.get(id(g))
            wrong = s is None or s["value"] != g["value"]
            if wrong and g["type"] in ("DATE", "TIME") and _CAL.match(g["value"] or ""):
                cal_kinds[calendar_kind(g, s, d["dct"][:10])] += 1
                stext = "" if s is None else d["text"][s["start"] : s["end"]]
                sub = calendar_subkind(g, s, stext, d["dct"][:10])
                cal_sub[sub] += 1
                if args.calendar_list and sub.startswith(args.calendar_list):
                    ctx = d["text"][max(0, g["start"] - 80) : g["end"] + 30].replace("\n", " ")
                    said = f"{g['text']!r} {g['value']} ours {s and s['value']}"
                    cal_rows.append(f"  {sub}: {d['dct'][:10]} {said} | {ctx}")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(e) + "\n" for e in errors)
    counts = Counter(e["kind"] for e in errors)
    for group in ("miss", "fp", "wrong"):
        sub = {k: n for k, n in counts.items() if k.startswith(group + ":")}
        print(
            f"{group:6s} {sum(sub.values()):4d}  "
            + ", ".join(f"{k.split(':')[1]} {n}" for k, n in sorted(sub.items(), key=lambda kv: -kv[1]))
        )
    print(
        f"{'calendar':6s} {sum(cal_kinds.values()):4d}  "
        + ", ".join(f"{k} {n}" for k, n in sorted(cal_kinds.items(), key=lambda kv: -kv[1]))
    )
    for sub, n in sorted(cal_sub.items(), key=lambda kv: -kv[1]):
        who, shape = CALENDAR_VERDICTS[sub]
        print(f"  {sub:17s} {n:4d}  TimeML: {who:5s}  {shape}")
    print("\n".join(cal_rows))
    if args.against:
        before = json.loads(args.against.read_text(encoding="utf-8"))
        fixed, broken = changed_values(st, docs, before, preds)
        for tag, rows in (("fixed", fixed), ("broken", broken)):
            for line in rows:
                print(f"  {tag}: {line}")
        print(f"gold values right since {args.against.name}: fixed {len(fixed)}, broken {len(broken)}")
    if args.list:
        for e in errors:
            if e["kind"].startswith(args.list):
                print(f"  {e['dct']} gold={e.get('gold')} ours={e.get('ours')}\n      {e['ctx']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
